import BedrockCore
import WizardFlow

/// Start: what is configured today, each value with where it came from; then the choices.
enum StartView {
    static func draw(_ step: StartStep, _ painter: inout Painter) {
        let info = painter.context.info
        painter.heading("What is configured today")
        // The rules that follow (settings precedence, Region order, default models) depend on it.
        if let version = info.claudeCodeVersion {
            painter.line("Claude Code \(version)", Style(.dim))
        } else if !painter.context.demo {
            painter.wrapped("Claude Code not found (`claude --version`): the newest rules are assumed", Style(.dim))
        }
        if info.summary.isEmpty {
            painter.line("Nothing yet: Claude Code is not set up for Bedrock on this machine.", Style(.dim))
        }
        let labelWidth = (info.summary.map(\.label.count).max() ?? 0) + 2
        for item in info.summary {
            let text = item.label.padded(to: labelWidth) + item.value
            painter.line(text)
            guard let source = item.source.map({ "(\($0))" }) else { continue }
            // The source follows the value, shortened if it must be; when too little room is
            // left it gets a line of its own, so a long value never runs into it.
            let column = 2 + text.count + 2
            let room = painter.width - 1 - column
            if room >= source.count {
                painter.put(source, row: painter.row - 1, column: column, style: Style(.dim))
            } else if room >= 16 {
                painter.put(
                    String(source.prefix(room - 1)) + "…", row: painter.row - 1, column: column, style: Style(.dim))
            } else {
                painter.line(source, Style(.dim), indent: 2 + labelWidth)
            }
        }
        for problem in info.problems { painter.wrapped("⚠ " + problem, Style(.warning)) }
        for target in ActivationTarget.allCases where info.unwritableTargets[target] != nil {
            let instead = painter.answers.targets.map(\.label).sorted().joined(separator: " and ")
            painter.wrapped(
                "  So \(target.label) will not be written: this run writes \(instead) (Review: Tab to the targets).",
                Style(.warning))
        }
        if let preset = painter.context.preset {
            painter.blank()
            painter.heading("Team preset" + (painter.context.presetSource.map { ": " + $0 } ?? ""))
            if let description = preset.description { painter.wrapped(description) }
            if !preset.locked.isEmpty {
                painter.wrapped(
                    "Locked: " + preset.locked.map(\.rawValue).joined(separator: ", ")
                        + " (set by the preset, skipped here)",
                    Style(.dim))
            }
        }
        painter.blank()
        switch step.phase {
        case .switching(let list):
            painter.heading("Switch to a saved profile")
            let items = info.savedProfiles.map { profile in
                "\(profile.name == info.activeProfile ? "●" : " ") \(profile.name)  \(profile.region)  \(profile.model ?? "default model")"
            }
            painter.list(items, cursor: list.index, rows: painter.rowsLeft)
        case .menu:
            painter.list(step.choices.map(\.label), cursor: step.menu.index, rows: painter.rowsLeft)
        }
    }
}
