import BedrockCore
import FoundationEssentials

/// The device sign-in: the address and code to approve (and the QR code of the address), while
/// the runner waits for the approval. A silent refresh, where one works, skips the code.
public struct SSODeviceCodeStep: StepFlow {
    public enum Phase: Equatable, Sendable {
        case starting(RequestID)
        case waiting(DeviceCode, RequestID)
        case failed(String)
    }

    public let subject: SignInSubject
    public internal(set) var phase: Phase

    enum Bindings {
        static let tryAgain = KeyBinding(.enter, "Enter", "try again")
        static let cancel = KeyBinding(.escape, "Esc", "cancel")
    }

    static var help: [String] {
        [
            "Open the address on this or any device (or scan the QR code with a phone), sign in to",
            "the portal, and confirm that the code shown there is the one shown here.",
            "The sign-in is cached as the AWS CLI v2 caches it; Claude Code and the SDKs use it too.",
        ]
    }

    /// The sign-in screens are reached from Credentials; entered directly, it asks for a portal.
    static func enter(_ session: inout Session) -> (SSODeviceCodeStep, [Effect]) {
        (SSODeviceCodeStep(subject: .profile(""), phase: .failed("Choose a profile or a portal first.")), [])
    }

    /// Starts a sign-in for `subject` and shows this screen.
    static func start(_ subject: SignInSubject, _ session: inout Session) -> Transition {
        let (id, effect) = session.request(.beginSignIn(subject))
        return Transition(
            move: .present(.ssoDeviceCode(SSODeviceCodeStep(subject: subject, phase: .starting(id)))), effects: [effect]
        )
    }

    var wrapped: Step { .ssoDeviceCode(self) }

    public var pending: RequestID? {
        switch phase {
        case .starting(let id), .waiting(_, let id): id
        case .failed: nil
        }
    }

    mutating func cancel() -> Bool {
        phase = .failed("The sign-in was cancelled; nothing was written.")
        return true
    }

    func bindings(_ answers: Answers) -> [KeyBinding] {
        switch phase {
        case .starting, .waiting: [Bindings.cancel]
        case .failed: [Bindings.tryAgain, CommonBindings.back]
        }
    }

    mutating func handle(_ key: Key, _ session: inout Session) -> Transition {
        guard case .failed = phase else { return .stay() }
        switch key {
        case Bindings.tryAgain:
            let (id, effect) = session.request(.beginSignIn(subject))
            phase = .starting(id)
            session.say(nil)
            return .stay([effect])
        case CommonBindings.back: return .back
        default: return .stay()
        }
    }

    mutating func receive(_ answer: Answer, _ session: inout Session) -> Transition {
        switch answer {
        case .deviceCode(.success(let code)):
            let (id, effect) = session.request(.awaitSignIn(subject, handle: code.handle))
            phase = .waiting(code, id)
            return .stay([effect])
        case .deviceCode(.failure(let failure)), .portalSignedIn(.failure(let failure)):
            phase = .failed(failure.message)
            return .stay()
        case .portalSignedIn(.success):
            switch subject {
            case .portal(let portal, let name): return SSOAccountStep.start(portal: portal, session: name, &session)
            case .profile(let profile):
                session.draft.awsProfile = profile
                session.presetAuthRefresh(session.ssoAuthRefresh)
                return CredentialsStep.checkSignedIn(&session)
            }
        default:
            return .stay()
        }
    }
}
