import BedrockCore

/// The AWS accounts the portal lists for the person (every page); one account is said and taken.
public struct SSOAccountStep: StepFlow {
    public enum Phase: Equatable, Sendable {
        case loading(RequestID)
        case choosing([PortalAccount], ListCursor)
        case failed(String)
    }

    public let portal: SSOPortal
    public let sessionName: String
    public internal(set) var phase: Phase

    enum Bindings {
        static let select = KeyBinding(.enter, "Enter", "select")
        static let tryAgain = KeyBinding(.enter, "Enter", "try again")
    }

    static var help: [String] {
        [
            "The accounts IAM Identity Center gives you access to in this portal.",
            "Next: the role (permission set) in the account.",
        ]
    }

    static func enter(_ session: inout Session) -> (SSOAccountStep, [Effect]) {
        (
            SSOAccountStep(
                portal: SSOPortal(startURL: "", region: "", scopes: []), sessionName: "",
                phase: .failed("Sign in to a portal first.")), []
        )
    }

    static func start(portal: SSOPortal, session name: String, _ session: inout Session) -> Transition {
        let (id, effect) = session.request(.listAccounts(.portal(portal, session: name)))
        let step = SSOAccountStep(portal: portal, sessionName: name, phase: .loading(id))
        return Transition(move: .present(.ssoAccount(step)), effects: [effect])
    }

    var wrapped: Step { .ssoAccount(self) }

    public var pending: RequestID? {
        if case .loading(let id) = phase { id } else { nil }
    }

    mutating func cancel() -> Bool {
        phase = .failed("Cancelled.")
        return true
    }

    func bindings(_ answers: Answers) -> [KeyBinding] {
        switch phase {
        case .loading: [CommonBindings.back]
        case .choosing: [CommonBindings.move, Bindings.select, CommonBindings.back]
        case .failed: [Bindings.tryAgain, CommonBindings.back]
        }
    }

    mutating func handle(_ key: Key, _ session: inout Session) -> Transition {
        switch phase {
        case .loading: return .stay()
        case .choosing(let accounts, var list):
            if list.apply(key, page: session.page) {
                phase = .choosing(accounts, list)
                return .stay()
            }
            switch key {
            case Bindings.select:
                return SSORoleStep.start(portal: portal, session: sessionName, account: accounts[list.index], &session)
            case CommonBindings.back: return .back
            default: return .stay()
            }
        case .failed:
            switch key {
            case Bindings.tryAgain:
                let (id, effect) = session.request(.listAccounts(.portal(portal, session: sessionName)))
                phase = .loading(id)
                return .stay([effect])
            case CommonBindings.back: return .back
            default: return .stay()
            }
        }
    }

    mutating func receive(_ answer: Answer, _ session: inout Session) -> Transition {
        guard case .accounts(let result) = answer else { return .stay() }
        switch result {
        case .failure(let failure): phase = .failed(failure.message)
        case .success(let accounts) where accounts.isEmpty:
            phase = .failed(
                "The portal gives you no AWS account. Ask your administrator to assign you one, then try again.")
        case .success(let accounts) where accounts.count == 1:
            phase = .choosing(accounts, ListCursor(count: 1))
            var transition = SSORoleStep.start(portal: portal, session: sessionName, account: accounts[0], &session)
            transition.notice = Status(
                text: "One account: \(TerminalText.visible(accounts[0].label)), so it is the one.", isError: false)
            return transition
        case .success(let accounts): phase = .choosing(accounts, ListCursor(count: accounts.count))
        }
        return .stay()
    }
}
