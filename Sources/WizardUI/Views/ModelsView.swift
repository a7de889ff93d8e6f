import BedrockCore
import WizardFlow

/// Models: one row per slot and Continue; an open picker below its slot's row.
enum ModelsView {
    static func draw(_ step: ModelsStep, _ painter: inout Painter) {
        let draft = painter.answers.draft
        let source =
            step.isLive ? "live inference profiles in \(draft.region)" : "bundled catalogue for \(draft.region)"
        painter.heading("Which models? (\(source))")
        if step.pending != nil { painter.line("\(painter.spinner) Listing inference profiles…", Style(.accent)) }
        let version = painter.context.info.claudeCodeVersion
        let rows =
            ModelsStep.slots.map { slot in
                slot.label.capitalizedFirst.padded(to: 18) + ModelsStep.value(of: slot, draft, version: version)
            } + [
                "More options…".padded(to: 18)
                    + TerminalText.visible(MoreOptionsStep.summary(draft.bedrock, regionPrefix: draft.regionPrefix)),
                "[ Continue ]",
            ]
        if step.picker == nil {
            painter.list(rows, cursor: step.cursor.index, rows: rows.count)
        } else {
            // While a picker is open only the slot being chosen stays, so the choices get the room.
            painter.list([rows[step.cursor.index]], cursor: nil, rows: 1)
        }
        if let region = draft.smallFastRegion { painter.line("Small/fast Region: \(region)", Style(.dim)) }
        guard let picker = step.picker else {
            if let explanation = step.explanation(version: version) { painter.wrapped(explanation, Style(.dim)) }
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
        // The cost first: on a small window it is what must not be cut.
        if unpinned.billedAsOpus {
            painter.wrapped("With no primary model pinned, every session is billed at the Opus rate.", Style(.warning))
        }
        painter.wrapped("Unpinned, \(who) calls \(calls.joined(separator: " and ")).", Style(.dim))
    }
}
