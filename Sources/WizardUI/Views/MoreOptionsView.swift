import BedrockCore
import WizardFlow

/// More options: one row per Bedrock setting, what the focused row sets, and the validator's word.
enum MoreOptionsView {
    static func draw(_ step: MoreOptionsStep, _ painter: inout Painter) {
        painter.heading("More Bedrock options (all optional)")
        // On a small window the rows scroll around the cursor, so the line under them (what the row sets, the
        // validator's word, the overrides list) keeps its room.
        let all = MoreOptionsStep.Row.allCases
        let below = step.overridesOpen ? min(step.overrides.pairs.count + 4, 8) : 3
        let room = min(all.count, max(3, painter.rowsLeft - below))
        let top = max(0, min(step.cursor.index - room / 2, all.count - room))
        for row in all[top..<(top + room)] {
            let focused = step.row == row
            if let field = field(row, of: step) {
                // A gateway address may carry a password: masked unless it is being edited.
                let shown =
                    focused ? field : TextField(TerminalText.visible(ClaudeEnv.shown(ClaudeEnv.baseURL, field.text)))
                painter.input(row.label, shown, focused: focused)
                continue
            }
            let text =
                row == .apply
                ? row.label : row.label.padded(to: 20) + value(row, of: step, region: painter.answers.draft.region)
            painter.line((focused ? "▸ " : "  ") + text, focused ? Style(.selected, bold: true) : .normal, indent: 0)
        }
        if step.overridesOpen {
            overrides(step.overrides, &painter)
        } else if let error = step.error {
            painter.wrapped("✗ " + error, Style(.error))
        } else {
            painter.wrapped(step.row.explanation, Style(.dim))
        }
    }

    static func field(_ row: MoreOptionsStep.Row, of step: MoreOptionsStep) -> TextField? {
        switch row {
        case .guardrailId: step.guardrailId
        case .guardrailVersion: step.guardrailVersion
        case .gatewayURL: step.gatewayURL
        case .mantleURL: step.mantleURL
        default: nil
        }
    }

    /// The overrides list under the rows: one line per pair and "Add", or the pair being typed.
    static func overrides(_ list: ModelOverridesEditor, _ painter: inout Painter) {
        if let editing = list.editing, list.pairs.indices.contains(list.cursor.index) {
            let pair = list.pairs[list.cursor.index]
            painter.input("Model name", pair.name, focused: editing.field == .name)
            painter.input("ARN", pair.arn, focused: editing.field == .arn)
            painter.fieldError(list.error)
            return
        }
        let rows =
            list.pairs.map { TerminalText.visible("\($0.name.text) → \($0.arn.text)") } + ["Add an override…"]
        painter.list(rows, cursor: list.cursor.index, rows: min(rows.count, max(1, painter.rowsLeft - 2)))
        if let error = list.error { painter.wrapped("✗ " + error, Style(.error)) }
    }

    static func value(_ row: MoreOptionsStep.Row, of step: MoreOptionsStep, region: String) -> String {
        func box(_ on: Bool) -> String { on ? "[x]" : "[ ]" }
        return switch row {
        case .serviceTier:
            step.serviceTier?.rawValue ?? step.keptServiceTier.map {
                "\($0) (kept as found; not a tier this tool knows)"
            }
                ?? "Claude Code's default"
        case .gatewaySigns: box(step.gatewaySigns) + " no AWS credentials in Claude Code"
        case .mantle: box(step.mantle)
        case .mantleSigns: box(step.mantleSigns)
        case .promptCaching: step.caching.label
        case .regionPrefix: TerminalText.visible(step.regionPrefixLabel(region: region))
        case .modelOverrides:
            step.overrides.pairs.isEmpty
                ? "none" : TerminalText.visible(step.overrides.pairs.map(\.name.text).joined(separator: ", "))
        default: ""
        }
    }
}
