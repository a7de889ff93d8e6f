import BedrockCore
import WizardFlow

/// Credentials: the four methods, then what the chosen one needs (a profile, keys, a key) and
/// the identity check's result.
enum CredentialsView {
    static func draw(_ step: CredentialsStep, _ painter: inout Painter) {
        let info = painter.context.info
        let draft = painter.answers.draft
        painter.heading("How will Claude Code sign in to AWS?")
        let methods = CredentialsMethod.allCases.map { method -> String in
            var text = "\(method.letter)) \(method.title)"
            if method == .environment, let keys = info.environmentKeys { text += "  · \(keys)" }
            if method == .apiKey, info.environmentAPIKey != nil { text += "  · found in AWS_BEARER_TOKEN_BEDROCK" }
            return text
        }
        let cursor: Int? = step.phase == .choosingMethod ? step.methods.index : nil
        let chosen = CredentialsMethod.allCases.firstIndex(of: draft.credentials)
        let styles = methods.indices.map { $0 == chosen && cursor == nil ? Style(.accent, bold: true) : Style.normal }
        painter.list(methods, cursor: cursor, rows: 4, styles: styles)
        if let today = info.claudeCodeCredentials {
            painter.wrapped("Claude Code signs in today with " + today, Style(.dim))
        }
        for warning in info.shadowing + (info.methodWarnings[draft.credentials] ?? []) {
            painter.wrapped("⚠ " + warning, Style(.warning))
        }
        painter.blank()
        switch step.phase {
        case .choosingMethod: break
        case .choosingProfile(let list), .signingIn(_, let list), .converting(_, let list):
            let choices = CredentialsStep.profiles(for: draft.credentials, in: info)
            painter.line(
                draft.credentials == .sso ? "SSO profiles in ~/.aws/config" : "AWS profiles with keys", Style(.accent))
            var items = choices.map { "\($0.name)  \($0.region ?? "")  \($0.detail)" }
            var styles = choices.map { Style($0.needsLogin ? .warning : .normal) }
            if draft.credentials == .awsProfile {
                items.append("Enter new access keys…")
                styles.append(Style(.accent))
            } else {
                items.append("Sign in to a new IAM Identity Center portal…")
                styles.append(Style(.accent))
            }
            if choices.isEmpty, draft.credentials == .sso {
                painter.line("No SSO profile yet: sign in to your portal to create one.", Style(.dim))
            }
            let legacy = choices.indices.contains(list.index) && choices[list.index].kind == .legacySSO
            painter.list(items, cursor: list.index, rows: painter.rowsLeft - (legacy ? 2 : 0), styles: styles)
            if legacy { painter.wrapped(CredentialsStep.legacyHint, Style(.dim)) }
        case .enteringKeys(let form):
            for field in KeyForm.Field.allCases {
                painter.input(field.label, form[field], focused: field == form.focus)
            }
            painter.fieldError(form.error)
            painter.line("Written to ~/.aws/credentials and ~/.aws/config like `aws configure`.", Style(.dim))
        case .enteringAPIKey(let form):
            painter.input("Bedrock API key", form.key, focused: true)
            painter.fieldError(form.error)
            painter.line(
                "Create one in the Bedrock console under API keys. Stored only in files readable by you (0600).",
                Style(.dim))
        case .checking:
            painter.line("\(painter.spinner) Checking who you are…", Style(.accent))
        case .checked(let lines):
            painter.diagnoses(lines)
        }
    }
}
