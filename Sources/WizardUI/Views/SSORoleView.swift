import BedrockCore
import WizardFlow

/// The roles of the chosen account.
enum SSORoleView {
    static func draw(_ step: SSORoleStep, _ painter: inout Painter) {
        painter.heading("Which role will Claude Code use?")
        painter.line("Account: " + TerminalText.visible(step.account.label), Style(.dim))
        painter.blank()
        switch step.phase {
        case .loading: painter.line("\(painter.spinner) Listing your roles…", Style(.accent))
        case .failed(let message): painter.wrapped("✗ " + message, Style(.error))
        case .choosing(let roles, let list):
            painter.list(roles.map { TerminalText.visible($0) }, cursor: list.index, rows: painter.rowsLeft)
        }
    }
}
