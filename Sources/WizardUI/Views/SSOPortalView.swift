import BedrockCore
import WizardFlow

/// A new IAM Identity Center portal: start URL and SSO Region.
enum SSOPortalView {
    static func draw(_ step: SSOPortalStep, _ painter: inout Painter) {
        painter.heading("Sign in to a new IAM Identity Center portal")
        painter.wrapped(
            "The start URL is the \"AWS access portal URL\" your administrator gave you, e.g. "
                + "https://my-company.awsapps.com/start. No AWS CLI is needed.", Style(.dim))
        painter.blank()
        painter.input(SSOPortalStep.Field.startURL.label, step.startURL, focused: step.focus == .startURL)
        painter.input(SSOPortalStep.Field.region.label, step.region, focused: step.focus == .region)
        painter.fieldError(step.error)
        painter.blank()
        painter.wrapped(
            "Next: a code to confirm in your browser (on this or any device), then your account and role.", Style(.dim))
    }
}
