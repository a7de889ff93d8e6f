import BedrockCore
import WizardFlow

/// The new profile's name, and the sections it adds to ~/.aws/config.
enum SSOProfileNameView {
    static func draw(_ step: SSOProfileNameStep, _ painter: inout Painter) {
        painter.heading("Name the AWS profile")
        painter.line("\(TerminalText.visible(step.role)) in \(TerminalText.visible(step.account.label))", Style(.dim))
        painter.blank()
        painter.input("Profile name", step.name, focused: step.phase == .naming)
        painter.fieldError(step.error)
        painter.blank()
        painter.line(
            step.replaces(painter.context.info)
                ? "Replaces the SSO settings of this profile in ~/.aws/config:"
                : "Adds to ~/.aws/config (everything else stays; the old file is backed up):", Style(.dim))
        for line in step.sections { painter.line("+ " + TerminalText.visible(line), Style(.ok), indent: 4) }
        if case .writing = step.phase { painter.line("\(painter.spinner) Writing…", Style(.accent)) }
    }
}
