import WizardFlow

/// What surrounds every step: the title bar with the step counter, the status line, the key
/// hints, the overlays, and the too-small message. All of it comes from the navigation data
/// and the current step's key bindings.
extension Painter {
    /// The status line, wrapped to the window: the rows it needs above the key hints.
    static func statusLines(_ wizard: Wizard, glyphs: Glyphs, width: Int) -> [String] {
        guard let status = wizard.chrome.status else { return [] }
        return wrap(glyphs.text(status.text), width: width - 4)
    }

    mutating func titleBar() {
        frame.fill(row: 0, style: Style(.title))
        put(" bedrock-setup ", row: 0, column: 0, style: Style(.title, bold: true))
        let current = wizard.step.id
        let (number, total) = Navigation.counter(current)
        let step = " Step \(number)/\(total) · \(current.title) "
        put(step, row: 0, column: 16, style: Style(.title))
        var right = width
        if context.demo {
            right -= 6
            put(" DEMO ", row: 0, column: right, style: Style(.badge, bold: true))
        }
        let place = current.place
        let dots = Navigation.order.map { $0.rawValue < place.rawValue ? "●" : $0 == place ? "◉" : "○" }.joined()
        right -= dots.count + 1
        if right > 16 + step.count { put(dots, row: 0, column: right, style: Style(.title)) }
    }

    mutating func footer() {
        if let status = wizard.chrome.status {
            let lines = Self.statusLines(wizard, glyphs: glyphs, width: width)
            for (index, text) in lines.enumerated() {
                put(
                    text, row: height - 1 - lines.count + index, column: 2,
                    style: Style(status.isError ? .error : .accent), limit: width - 3)
            }
        } else if wizard.isBusy {
            put("\(spinner) working… Esc cancels", row: height - 2, column: 2, style: Style(.accent))
        }
        frame.fill(row: height - 1, style: Style(.dim))
        // Whole hints only: on a narrow window the last ones go, none is cut in half.
        var shown: [String] = []
        for hint in hints {
            guard (shown + [hint]).joined(separator: " · ").count + 1 <= width else { break }
            shown.append(hint)
        }
        put(" " + shown.joined(separator: " · "), row: height - 1, column: 0, style: Style(.dim), limit: width)
    }

    var hints: [String] {
        switch wizard.chrome.overlay {
        case .confirmQuit: ["y leave without writing", "any other key stays"]
        case .help: ["any key closes help"]
        case nil: wizard.step.bindings(answers).map(\.footer)
        }
    }

    mutating func helpOverlay() {
        let bindings = wizard.step.bindings(answers).filter { !$0.action.isEmpty }
        let labelWidth = (bindings.map(\.label.count).max() ?? 0) + 2
        let keys = bindings.map {
            $0.label.isEmpty
                ? $0.action : $0.label.padded(to: labelWidth) + $0.action
        }
        box(
            "Help: \(wizard.step.id.title)",
            wizard.step.help + [""] + keys + ["", "Ctrl-C leaves at once, writing nothing."])
    }

    mutating func confirmOverlay() {
        box("Leave?", ["Leave without writing anything?", "", "y: leave    any other key: stay"])
    }

    /// Wrapped to the window, however narrow, so the message itself is never cut.
    mutating func tooSmall() {
        let paragraphs = [
            "Make the window larger:", "bedrock-setup needs \(minimumSize.width)×\(minimumSize.height),",
            "this one is \(width)×\(height).", "q quits.",
        ]
        let lines = paragraphs.enumerated().flatMap { index, text in
            wrap(glyphs.text(text), width: max(1, width)).map { (index, $0) }
        }
        for (offset, (index, text)) in lines.enumerated() {
            let row = max(0, height / 2 - lines.count / 2) + offset
            put(
                text, row: row, column: max(0, (width - text.count) / 2),
                style: Style(index == 0 ? .warning : .normal, bold: index == 0))
        }
        if context.demo { put("DEMO", row: 0, column: max(0, width - 4), style: Style(.badge, bold: true)) }
    }
}
