import BedrockCore
import FoundationEssentials
import Glibc

/// Credentials: how Claude Code will sign in to AWS, checked live with STS (or Bedrock for an
/// API key) before the wizard goes on.
public struct CredentialsStep: StepFlow {
    public enum Phase: Equatable, Sendable {
        case choosingMethod
        /// The AWS profiles of the chosen method (A or C), and for A "enter new access keys".
        case choosingProfile(ListCursor)
        case enteringKeys(KeyForm)
        case enteringAPIKey(APIKeyForm)
        /// `aws sso login` (AWS CLI v2 only) runs with the terminal handed over; back to the list if it fails.
        case signingIn(RequestID, list: ListCursor)
        case converting(RequestID, list: ListCursor)
        case checking(RequestID)
        case checked([Diagnosis])
    }

    public internal(set) var methods: ListCursor
    public internal(set) var phase: Phase = .choosingMethod
    /// The `aws --version` probe, answered beside whatever the step waits for.
    var probe: RequestID?

    enum Bindings {
        static let letter = KeyBinding(
            CredentialsMethod.allCases.map { .character(Character($0.letter.lowercased())) }, "↑↓ or a–d", "choose")
        static let select = KeyBinding(.enter, "Enter", "select")
        static let login = KeyBinding(.character("l"), "l", "run aws sso login")
        static let signIn = KeyBinding(.enter, "Enter", "select or sign in")
        static let nextField = KeyBinding([.tab, .down], "Tab", "next field")
        static let previousField = KeyBinding([.backTab, .up], "", "")
        static let check = KeyBinding(.enter, "Enter", "check")
        static let paste = KeyBinding.hint("", "paste the key")
        static let checkAgain = KeyBinding(.enter, "Enter", "check again")
        static let continueAnyway = KeyBinding(.character("c"), "c", "continue anyway")
        static let next = KeyBinding(.enter, "Enter", "continue")
        static let chooseAgain = KeyBinding(.escape, "Esc", "choose again")
    }

    static var help: [String] {
        [
            "A: static keys in ~/.aws (pick one, or enter new ones: masked).",
            "B: keys already exported in this shell.",
            "C: IAM Identity Center: pick a profile (an expired one signs in again, built in),",
            "   or sign in to a new portal; `aws sso login` is offered only with the AWS CLI v2.",
            "D: a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK).",
            "Each choice is checked live with STS (or Bedrock for D).",
        ]
    }

    static func enter(_ session: inout Session) -> (CredentialsStep, [Effect]) {
        let methods = CredentialsMethod.allCases
        var step = CredentialsStep(
            methods: ListCursor(index: methods.firstIndex(of: session.draft.credentials) ?? 0, count: methods.count))
        guard session.answers.awsCLI == .unknown else { return (step, []) }
        let (id, effect) = session.request(.detectAWSCLI)
        step.probe = id
        return (step, [effect])
    }

    var wrapped: Step { .credentials(self) }

    public var pending: RequestID? {
        switch phase {
        case .checking(let id), .signingIn(let id, _), .converting(let id, _): id
        default: nil
        }
    }

    func accepts(_ id: RequestID) -> Bool { id == pending || id == probe }

    mutating func cancel() -> Bool {
        phase = .choosingMethod
        return true
    }

    var isEditingText: Bool {
        switch phase {
        case .enteringKeys, .enteringAPIKey: true
        default: false
        }
    }

    /// Whether the last identity check failed.
    public var checkFailed: Bool {
        if case .checked(let lines) = phase { lines.contains { $0.severity == .failure } } else { false }
    }

    func bindings(_ answers: Answers) -> [KeyBinding] {
        switch phase {
        case .choosingMethod: [Bindings.letter, Bindings.select, CommonBindings.back, CommonBindings.help]
        case .choosingProfile, .signingIn, .converting:
            answers.draft.credentials != .sso
                ? [CommonBindings.move, Bindings.select, CommonBindings.back]
                : answers.awsCLI.hasSSOLogin
                    ? [CommonBindings.move, Bindings.signIn, Bindings.login, CommonBindings.back]
                    : [CommonBindings.move, Bindings.signIn, CommonBindings.back]
        case .enteringKeys: [Bindings.nextField, Bindings.check, CommonBindings.back]
        case .enteringAPIKey: [Bindings.paste, Bindings.check, CommonBindings.back]
        case .checking: []
        case .checked:
            checkFailed
                ? [Bindings.checkAgain, Bindings.continueAnyway, CommonBindings.back]
                : [Bindings.next, Bindings.chooseAgain]
        }
    }

    /// The AWS profiles offered for a method: static-key-like ones for A, SSO ones for C.
    public static func profiles(for method: CredentialsMethod, in info: StartInfo) -> [AWSProfileChoice] {
        switch method {
        case .awsProfile:
            info.awsProfiles.filter { [.staticKeys, .credentialProcess, .role, .loginSession].contains($0.kind) }
        case .sso: info.awsProfiles.filter { $0.kind == .ssoSession || $0.kind == .legacySSO }
        case .environment, .apiKey: []
        }
    }

    mutating func handle(_ key: Key, _ session: inout Session) -> Transition {
        switch phase {
        case .choosingMethod:
            if methods.apply(key) { return .stay() }
            if case .character(let letter) = key,
                let index = CredentialsMethod.allCases.firstIndex(where: {
                    $0.letter.lowercased() == letter.lowercased()
                })
            {
                methods.select(index)
                return choose(&session)
            }
            switch key {
            case Bindings.select: return choose(&session)
            case CommonBindings.back: return .back
            default: return .stay()
            }
        case .choosingProfile(var list):
            if list.apply(key) {
                phase = .choosingProfile(list)
                return .stay()
            }
            if key == .escape {
                phase = .choosingMethod
                session.say(nil)
                return .stay()
            }
            let method = session.draft.credentials
            if method == .sso, key == Self.convertKey { return convert(list, &session) }
            let login = method == .sso && session.answers.awsCLI.hasSSOLogin && Bindings.login ~= key
            guard Bindings.select ~= key || login else { return .stay() }
            let choices = Self.profiles(for: method, in: session.context.info)
            if method == .awsProfile, list.index == choices.count {
                phase = .enteringKeys(KeyForm(profileName: session.draft.awsProfile ?? "default"))
                return .stay()
            }
            if method == .sso, list.index == choices.count, !login { return .to(.ssoPortal) }
            guard choices.indices.contains(list.index) else { return .stay() }
            let choice = choices[list.index]
            if choice.name != session.draft.awsProfile { session.answers.profileRegion = choice.region }
            session.draft.awsProfile = choice.name
            session.answers.secrets = Secrets()
            session.presetAuthRefresh(session.refreshPreset)
            if login {
                let (id, effect) = session.request(.ssoLogin(profile: choice.name))
                phase = .signingIn(id, list: list)
                return .stay([effect])
            }
            // Built-in first: a silent refresh where the cached sign-in allows, else a device code.
            if choice.needsLogin { return SSODeviceCodeStep.start(.profile(choice.name), &session) }
            return check(&session)
        case .enteringKeys(var form):
            switch key {
            case Bindings.nextField: form.focusNext(by: 1)
            case Bindings.previousField: form.focusNext(by: -1)
            case CommonBindings.back:
                let choices = Self.profiles(for: .awsProfile, in: session.context.info)
                phase = .choosingProfile(ListCursor(index: choices.count, count: choices.count + 1))
                return .stay()
            case Bindings.check:
                if let transition = submit(&form, &session) { return transition }
            default:
                if form.edit(key) { form.error = nil }
            }
            phase = .enteringKeys(form)
            return .stay()
        case .enteringAPIKey(var form):
            switch key {
            case CommonBindings.back:
                phase = .choosingMethod
                return .stay()
            case Bindings.check:
                do throws(SetupError) {
                    session.answers.secrets = Secrets(
                        apiKey: try session.validator.apiKey(form.key.text.trimmingSpaces()))
                    session.draft.awsProfile = nil
                    session.presetAuthRefresh(AuthRefresh.none)
                    return check(&session)
                } catch {
                    form.error = error.message + " " + error.fix
                }
            default:
                if form.key.apply(key) { form.error = nil }
            }
            phase = .enteringAPIKey(form)
            return .stay()
        case .signingIn, .checking, .converting:
            return .stay()
        case .checked:
            switch key {
            case Bindings.checkAgain where checkFailed: return check(&session)
            case Bindings.next: return .forward
            case Bindings.continueAnyway where checkFailed: return .forward
            case CommonBindings.back:
                phase = .choosingMethod
                session.say(nil)
                return .stay()
            default: return .stay()
            }
        }
    }

    mutating func receive(_ answer: Answer, _ session: inout Session) -> Transition {
        switch answer {
        case .identity(let lines, let account):
            phase = .checked(lines)
            session.answers.account = account ?? session.answers.account
            session.say(checkFailed ? "Enter: check again · c: continue anyway · Esc: choose again" : nil)
        case .signedIn(let succeeded):
            if succeeded { return check(&session) }
            if case .signingIn(_, let list) = phase { phase = .choosingProfile(list) }
            session.say(
                "aws sso login did not finish; Enter signs in with bedrock-setup instead, l tries aws sso login again.",
                error: true)
        case .written(let result): return converted(result, &session)
        case .awsCLI(let version):
            probe = nil
            session.answers.awsCLI = version
            let refresh = session.draft.authRefresh
            if session.draft.credentials == .sso, refresh != .none, !refresh.isCustomCommand {
                session.draft.authRefresh = session.ssoAuthRefresh
            }
        default: break
        }
        return .stay()
    }

    /// The method under the cursor becomes the draft's; what happens next depends on it.
    mutating func choose(_ session: inout Session) -> Transition {
        let method = CredentialsMethod.allCases[methods.index]
        if session.context.isLocked(.credentials), let locked = session.context.preset?.credentials, method != locked {
            session.say("The team preset sets the sign-in to \(locked.letter): \(locked.title).", error: true)
            return .stay()
        }
        session.draft.credentials = method
        session.say(nil)
        switch method {
        case .awsProfile, .sso:
            let choices = Self.profiles(for: method, in: session.context.info)
            // A: "enter new access keys"; C: "sign in to a new portal", the only item when there is no SSO profile yet.
            let index = choices.firstIndex { $0.name == session.draft.awsProfile } ?? 0
            phase = .choosingProfile(ListCursor(index: index, count: choices.count + 1))
            return .stay()
        case .environment:
            guard session.context.info.environmentKeys != nil else {
                session.say("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set in this environment.", error: true)
                return .stay()
            }
            session.draft.awsProfile = nil
            session.presetAuthRefresh(AuthRefresh.none)
            session.answers.secrets = Secrets()
            return check(&session)
        case .apiKey:
            let known = session.answers.secrets.apiKey ?? session.context.info.environmentAPIKey ?? ""
            phase = .enteringAPIKey(APIKeyForm(key: TextField(known, isSecret: true)))
            return .stay()
        }
    }

    mutating func check(_ session: inout Session) -> Transition {
        session.say(nil)
        let (id, effect) = session.request(.checkIdentity(session.draft, session.answers.secrets))
        phase = .checking(id)
        return .stay([effect])
    }
}
