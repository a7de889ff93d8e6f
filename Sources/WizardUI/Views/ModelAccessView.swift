import BedrockCore
import WizardFlow

/// Model access: the console steps, with the console address for the chosen Region.
enum ModelAccessView {
    static func draw(_ painter: inout Painter) {
        let region = painter.answers.draft.region
        painter.heading("Turn on model access in the AWS account")
        painter.blank()
        painter.wrapped("1. Open the Amazon Bedrock console for \(region) and go to Model access (or Model catalog).")
        painter.wrapped("2. Anthropic models need a one-time use-case form per account; submit it if the console asks.")
        painter.wrapped("3. Enable the Claude models you want. Access is per account and Region.")
        painter.blank()
        painter.line("Console for \(region):", Style(.dim))
        painter.wrapped(Catalogue.consoleURL(region), Style(.accent), indent: 4)
        painter.blank()
        painter.wrapped(
            "The Verify step checks this for real, with your credentials, before anything is written.", Style(.dim))
    }
}
