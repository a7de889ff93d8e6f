import WizardFlow

/// Done: what was written where, with backups, and the next commands.
enum DoneView {
    static func draw(_ step: DoneStep, _ painter: inout Painter) {
        painter.line("✓ Claude Code is set up on Amazon Bedrock", Style(.ok, bold: true))
        painter.blank()
        switch step.outcome {
        case .nothingChanged:
            painter.line("Nothing changed: every file already matched.", Style(.dim))
        case .wrote(let files):
            for file in files {
                painter.wrapped("\(file.action.rawValue) \(file.path)")
                if let backup = file.backup { painter.wrapped("backup: \(backup)", Style(.dim), indent: 6) }
            }
        }
        painter.blank()
        painter.heading("Next:")
        if painter.answers.targets.contains(.shell) {
            painter.line("open a new terminal (or `source ~/.config/bedrock-setup/env.sh`), then", .normal, indent: 4)
        }
        painter.line("claude", Style(.accent), indent: 4)
        painter.line("/status   (inside Claude Code: shows Bedrock, the Region and the model)", .normal, indent: 4)
        painter.line("bedrock-setup doctor   (checks everything again, any time)", .normal, indent: 4)
        if painter.context.demo {
            painter.blank()
            let folder = painter.context.info.demoFolder ?? "a temporary folder"
            painter.wrapped(
                "Demo: nothing was written to your real configuration; everything above is in \(folder), removed when the demo ends.",
                Style(.badge)
            )
            painter.wrapped("To set up for real, run bedrock-setup (without --demo).", Style(.accent))
        }
    }
}
