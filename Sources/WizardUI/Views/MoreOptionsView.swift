import BedrockCore
import WizardFlow

/// More options: one row per Bedrock setting, what the focused row sets, and the validator's word.
enum MoreOptionsView {
    static func draw(_ step: MoreOptionsStep, _ painter: inout Painter) {
        painter.heading("More Bedrock options (all optional)")
        for row in MoreOptionsStep.Row.allCases {
            let focused = step.row == row
            if let field = field(row, of: step) {
                // A gateway address may carry a password: masked unless it is being edited.
                let shown =
                    focused ? field : TextField(TerminalText.visible(ClaudeEnv.shown(ClaudeEnv.baseURL, field.text)))
                painter.input(row.label, shown, focused: focused)
                continue
            }
            let text = row == .apply ? row.label : row.label.padded(to: 20) + value(row, of: step)
            painter.line((focused ? "▸ " : "  ") + text, focused ? Style(.selected, bold: true) : .normal, indent: 0)
        }
        if let error = step.error {
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

    static func value(_ row: MoreOptionsStep.Row, of step: MoreOptionsStep) -> String {
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
        default: ""
        }
    }
}
