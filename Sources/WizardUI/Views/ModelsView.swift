import BedrockCore
import WizardFlow

/// Models: one row per slot and Continue; an open picker below them.
enum ModelsView {
    static func draw(_ step: ModelsStep, _ painter: inout Painter) {
        let draft = painter.answers.draft
        let source =
            step.isLive ? "live inference profiles in \(draft.region)" : "bundled catalogue for \(draft.region)"
        painter.heading("Which models? (\(source))")
        if step.pending != nil { painter.line("\(painter.spinner) Listing inference profiles…", Style(.accent)) }
        let rows =
            ModelsStep.slots.map { slot in
                slot.label.capitalizedFirst.padded(to: 18)
                    + (draft[pin: slot] ?? "Claude Code's default")
            } + [
                "More options…".padded(to: 18)
                    + TerminalText.visible(MoreOptionsStep.summary(draft.bedrock)), "[ Continue ]",
            ]
        painter.list(rows, cursor: step.picker == nil ? step.cursor.index : nil, rows: rows.count)
        if let region = draft.smallFastRegion { painter.line("Small/fast Region: \(region)", Style(.dim)) }
        guard let picker = step.picker else {
            if let unpinned = step.unpinned(painter.answers, painter.context) { note(unpinned, &painter) }
            return
        }
        painter.blank()
        painter.heading("Choose the \(picker.slot.label)")
        if let custom = picker.custom {
            painter.input("ID or ARN", custom.field, focused: true)
            painter.fieldError(custom.error)
            if let suggestion = custom.suggestion {
                painter.wrapped("Tab: use \(suggestion)", Style(.accent), indent: 4)
            }
            if custom.error == nil, !custom.field.text.isEmpty {
                painter.line("✓ valid for \(draft.region(for: picker.slot))", Style(.ok), indent: 4)
            }
            return
        }
        let choices = step.choices(for: picker.slot, catalogue: painter.context.catalogue)
        let options =
            ["Claude Code's default (leave unset)"] + choices.map { "\($0.id)  \($0.name)" } + [
                "Custom ID or ARN…"
            ]
        painter.list(options, cursor: picker.cursor.index, rows: painter.rowsLeft)
    }

    /// What Claude Code calls for the empty slots, and the docs' cost warning.
    static func note(_ unpinned: UnpinnedModels, _ painter: inout Painter) {
        let who = unpinned.version.map { "Claude Code \($0)" } ?? "the newest Claude Code"
        var calls: [String] = []
        if let primary = unpinned.primary {
            calls.append(primary + (unpinned.primaryName.map { " (\($0))" } ?? ""))
        }
        if let background = unpinned.background { calls.append("\(background) for background tasks") }
        painter.blank()
        painter.wrapped("Unpinned, \(who) calls \(calls.joined(separator: " and ")).", Style(.dim))
        if unpinned.billedAsOpus {
            painter.wrapped("With no primary model pinned, every session is billed at the Opus rate.", Style(.warning))
        }
    }
}
