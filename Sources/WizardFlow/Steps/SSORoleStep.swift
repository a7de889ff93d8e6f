import BedrockCore

/// The roles (permission sets) the person may use in the chosen account; one role is said and taken.
public struct SSORoleStep: StepFlow {
    public let portal: SSOPortal
    public let sessionName: String
    public let account: PortalAccount
    public internal(set) var phase: PortalListing<String>

    static var help: [String] {
        [
            "The roles (permission sets) you may use in this account.",
            "Claude Code needs one that allows Bedrock (see `bedrock-setup policy`).",
        ]
    }

    static func enter(_ session: inout Session) -> (SSORoleStep, [Effect]) {
        let none = SSOPortal(startURL: "", region: "", scopes: [])
        let step = SSORoleStep(
            portal: none, sessionName: "", account: PortalAccount(id: "", label: ""),
            phase: .failed("Choose an account first."))
        return (step, [])
    }

    static func start(portal: SSOPortal, session name: String, account: PortalAccount, _ session: inout Session)
        -> Transition
    {
        let (id, effect) = session.request(.listRoles(.portal(portal, session: name), accountId: account.id))
        let step = SSORoleStep(portal: portal, sessionName: name, account: account, phase: .loading(id))
        return Transition(move: .present(.ssoRole(step)), effects: [effect])
    }

    var wrapped: Step { .ssoRole(self) }
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
        case .chosen(let role):
            return SSOProfileNameStep.start(
                portal: portal, session: sessionName, account: account, role: role, &session)
        case .retry:
            let (id, effect) = session.request(.listRoles(.portal(portal, session: sessionName), accountId: account.id))
            phase = .loading(id)
            return .stay([effect])
        }
    }

    mutating func receive(_ answer: Answer, _ session: inout Session) -> Transition {
        guard case .roles(let result) = answer else { return .stay() }
        let empty =
            "You have no role in this account. Ask your administrator for a permission set, or go back and choose another account."
        guard
            let (role, said) = phase.take(
                result, empty: empty, wanted: session.context.preset?.sso?.roleName, key: { $0 }, label: { $0 },
                kind: "role", missing: "which you do not have in this account", &session)
        else { return .stay() }
        var transition = SSOProfileNameStep.start(
            portal: portal, session: sessionName, account: account, role: role, &session)
        let before = session.status.map { $0.text + " " } ?? ""
        transition.notice = Status(text: before + said, isError: false)
        return transition
    }
}
