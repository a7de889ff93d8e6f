import BedrockCore
import WizardFlow

/// Draws into a frame from the top of the body down: the widgets every view shares.
struct Painter {
    var frame: Frame
    let wizard: Wizard
    let glyphs: Glyphs
    var row = 2
    /// The last row the body may use: below it come the status line (one row, more when a
    /// long one wraps) and the key hints.
    let bodyBottom: Int

    init(frame: Frame, wizard: Wizard, glyphs: Glyphs) {
        self.frame = frame
        self.wizard = wizard
        self.glyphs = glyphs
        bodyBottom = frame.height - 2 - max(1, Self.statusLines(wizard, glyphs: glyphs, width: frame.width).count)
    }

    var width: Int { frame.width }
    var height: Int { frame.height }
    var answers: Answers { wizard.answers }
    var context: WizardContext { wizard.context }
    var rowsLeft: Int { bodyBottom - row + 1 }
    var spinner: String { glyphs.spinner(wizard.chrome.tick) }

    /// Writes text (in the terminal's glyphs) at a position; every view draws through here.
    mutating func put(_ text: String, row: Int, column: Int, style: Style = .normal, limit: Int? = nil) {
        frame.put(glyphs.text(text), row: row, column: column, style: style, limit: limit)
    }

    mutating func line(_ text: String, _ style: Style = .normal, indent: Int = 2) {
        guard row <= bodyBottom else { return }
        put(text, row: row, column: indent, style: style, limit: width - indent - 1)
        row += 1
    }

    mutating func wrapped(_ text: String, _ style: Style = .normal, indent: Int = 2) {
        for piece in wrap(glyphs.text(text), width: width - indent - 2) { line(piece, style, indent: indent) }
    }

    mutating func blank() { row += 1 }

    mutating func heading(_ text: String) { line(text, Style(.accent, bold: true)) }

    /// A scrolling list: keeps the cursor in view within `rows` lines.
    mutating func list(_ items: [String], cursor: Int?, rows: Int, styles: [Style]? = nil) {
        // Keep the last row for "(a–b of n)" when the list scrolls.
        let visible = items.count > rows ? max(1, rows - 1) : max(1, rows)
        let top = cursor.map { max(0, min($0 - visible / 2, items.count - visible)) } ?? 0
        for index in top..<min(items.count, top + visible) {
            let selected = index == cursor
            let style = selected ? Style(.selected, bold: true) : (styles?[index] ?? .normal)
            line((selected ? "▸ " : "  ") + items[index], style)
        }
        if items.count > visible {
            line("  (\(top + 1)–\(min(items.count, top + visible)) of \(items.count))", Style(.dim))
        }
    }

    /// A one-line text input. The focused one is marked by a "▸" and bold label as well as by
    /// colour, so it shows on a monochrome terminal too.
    mutating func input(_ label: String, _ field: TextField, focused: Bool) {
        guard row <= bodyBottom else { return }
        let labelText = label.padded(to: 20)
        put(labelText, row: row, column: 2, style: Style(focused ? .accent : .normal, bold: focused))
        let boxWidth = width - 24
        // Long values (ARNs) scroll so the cursor stays in view.
        let display = Array(field.display)
        let start = max(0, field.cursor - boxWidth + 2)
        let shown = String(display[min(start, display.count)..<min(display.count, start + boxWidth - 1)])
        put(focused ? "▸" : "[", row: row, column: 22, style: Style(focused ? .accent : .dim, bold: focused))
        put(
            shown.padded(to: boxWidth - 1), row: row, column: 23,
            style: Style(focused ? .selected : .normal))
        put("]", row: row, column: 23 + boxWidth - 1, style: Style(.dim))
        if focused { frame.cursor = (row, 23 + field.cursor - start) }
        row += 1
    }

    /// A field's own error, in full, under it.
    mutating func fieldError(_ message: String?) {
        if let message { wrapped(message, Style(.error), indent: 4) }
    }

    mutating func diagnoses(_ lines: [Diagnosis]) {
        for diagnosis in lines {
            let role: Style.Role =
                switch diagnosis.severity {
                case .ok: .ok
                case .warning: .warning
                case .failure: .error
                }
            guard row <= bodyBottom else { return }
            put(diagnosis.severity.symbol, row: row, column: 2, style: Style(role, bold: true))
            for piece in wrap(glyphs.text("\(diagnosis.check): \(diagnosis.cause)"), width: width - 7)
            where row <= bodyBottom {
                put(piece, row: row, column: 4)
                row += 1
            }
            if let fix = diagnosis.fix, diagnosis.severity != .ok {
                for piece in wrap(glyphs.text("fix: " + fix), width: width - 9) {
                    line(piece, Style(.accent), indent: 6)
                }
            }
        }
    }

    /// A box in the middle of the screen; lines wrap inside it rather than being cut.
    mutating func box(_ title: String, _ lines: [String]) {
        let boxWidth = min(width - 4, max(title.count + 4, (lines.map(\.count).max() ?? 0) + 4))
        let wrappedLines = lines.flatMap { $0.isEmpty ? [""] : wrap(glyphs.text($0), width: boxWidth - 4) }
        let boxHeight = min(height - 4, wrappedLines.count + 2)
        let top = max(1, (height - boxHeight) / 2)
        let left = max(1, (width - boxWidth) / 2)
        for y in top..<(top + boxHeight) {
            for x in left..<(left + boxWidth) { frame[y, x] = Cell(" ", Style(.selected)) }
        }
        put(" " + title + " ", row: top, column: left + 1, style: Style(.selected, bold: true))
        for (index, text) in wrappedLines.prefix(boxHeight - 2).enumerated() {
            put(text, row: top + 1 + index, column: left + 2, style: Style(.selected), limit: boxWidth - 3)
        }
    }
}

/// Greedy word wrap to `width` columns (long words are cut).
func wrap(_ text: String, width: Int) -> [String] {
    guard width > 4 else { return [text] }
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        var word = String(word)
        while word.count > width {
            if !current.isEmpty {
                lines.append(current)
                current = ""
            }
            lines.append(String(word.prefix(width)))
            word = String(word.dropFirst(width))
        }
        if current.isEmpty {
            current = word
        } else if current.count + 1 + word.count <= width {
            current += " " + word
        } else {
            lines.append(current)
            current = word
        }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
