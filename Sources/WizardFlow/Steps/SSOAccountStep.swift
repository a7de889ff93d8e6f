import BedrockCore

/// The AWS accounts the portal lists for the person (every page); one account is said and taken.
public struct SSOAccountStep: StepFlow {
    public let portal: SSOPortal
    public let sessionName: String
    public internal(set) var phase: PortalListing<PortalAccount>

    static var help: [String] {
        [
            "The accounts IAM Identity Center gives you access to in this portal.",
            "Next: the role (permission set) in the account.",
        ]
    }

    static func enter(_ session: inout Session) -> (SSOAccountStep, [Effect]) {
        let none = SSOPortal(startURL: "", region: "", scopes: [])
        return (SSOAccountStep(portal: none, sessionName: "", phase: .failed("Sign in to a portal first.")), [])
    }

    static func start(portal: SSOPortal, session name: String, _ session: inout Session) -> Transition {
        let (id, effect) = session.request(.listAccounts(.portal(portal, session: name)))
        let step = SSOAccountStep(portal: portal, sessionName: name, phase: .loading(id))
        return Transition(move: .present(.ssoAccount(step)), effects: [effect])
    }

    var wrapped: Step { .ssoAccount(self) }
    public var pending: RequestID? { phase.pending }

    mutating func cancel() -> Bool {
        phase = .failed("Cancelled.")
        return true
    }

    func bindings(_ answers: Answers) -> [KeyBinding] { phase.bindings }

    mutating func handle(_ key: Key, _ session: inout Session) -> Transition {
        switch phase.handle(key, page: session.page) {
        case .stay: return .stay()
        case .back: return .back
        case .chosen(let account):
            return SSORoleStep.start(portal: portal, session: sessionName, account: account, &session)
        case .retry:
            let (id, effect) = session.request(.listAccounts(.portal(portal, session: sessionName)))
            phase = .loading(id)
            return .stay([effect])
        }
    }

    mutating func receive(_ answer: Answer, _ session: inout Session) -> Transition {
        guard case .accounts(let result) = answer else { return .stay() }
        let empty = "The portal gives you no AWS account. Ask your administrator to assign you one, then try again."
        guard
            let (account, said) = phase.take(
                result, empty: empty, wanted: session.context.preset?.sso?.accountId, key: \.id, label: \.label,
                kind: "account", missing: "which this portal does not give you", &session)
        else { return .stay() }
        var transition = SSORoleStep.start(portal: portal, session: sessionName, account: account, &session)
        transition.notice = Status(text: said, isError: false)
        return transition
    }
}
