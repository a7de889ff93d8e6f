import BedrockCore
import WizardFlow

/// The accounts the portal lists.
enum SSOAccountView {
    static func draw(_ step: SSOAccountStep, _ painter: inout Painter) {
        painter.heading("Which AWS account will Claude Code use?")
        painter.line(TerminalText.visible(step.portal.startURL), Style(.dim))
        painter.blank()
        switch step.phase {
        case .loading: painter.line("\(painter.spinner) Listing your accounts…", Style(.accent))
        case .failed(let message): painter.wrapped("✗ " + message, Style(.error))
        case .choosing(let accounts, let list):
            painter.list(accounts.map { TerminalText.visible($0.label) }, cursor: list.index, rows: painter.rowsLeft)
        }
    }
}
