import BedrockCore

/// The roles (permission sets) the person may use in the chosen account; one role is said and taken.
public struct SSORoleStep: StepFlow {
    public enum Phase: Equatable, Sendable {
        case loading(RequestID)
        case choosing([String], ListCursor)
        case failed(String)
    }

    public let portal: SSOPortal
    public let sessionName: String
    public let account: PortalAccount
    public internal(set) var phase: Phase

    enum Bindings {
        static let select = KeyBinding(.enter, "Enter", "select")
        static let tryAgain = KeyBinding(.enter, "Enter", "try again")
    }

    static var help: [String] {
        [
            "The roles (permission sets) you may use in this account.",
            "Claude Code needs one that allows Bedrock (see `bedrock-setup policy`).",
        ]
    }

    static func enter(_ session: inout Session) -> (SSORoleStep, [Effect]) {
        (
            SSORoleStep(
                portal: SSOPortal(startURL: "", region: "", scopes: []), sessionName: "",
                account: PortalAccount(id: "", label: ""),
                phase: .failed("Choose an account first.")), []
        )
    }

    static func start(portal: SSOPortal, session name: String, account: PortalAccount, _ session: inout Session)
        -> Transition
    {
        let (id, effect) = session.request(.listRoles(.portal(portal, session: name), accountId: account.id))
        let step = SSORoleStep(portal: portal, sessionName: name, account: account, phase: .loading(id))
        return Transition(move: .present(.ssoRole(step)), effects: [effect])
    }

    var wrapped: Step { .ssoRole(self) }

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
        case .choosing(let roles, var list):
            if list.apply(key, page: session.page) {
                phase = .choosing(roles, list)
                return .stay()
            }
            switch key {
            case Bindings.select:
                return SSOProfileNameStep.start(
                    portal: portal, session: sessionName, account: account, role: roles[list.index], &session)
            case CommonBindings.back: return .back
            default: return .stay()
            }
        case .failed:
            switch key {
            case Bindings.tryAgain:
                let (id, effect) = session.request(
                    .listRoles(.portal(portal, session: sessionName), accountId: account.id))
                phase = .loading(id)
                return .stay([effect])
            case CommonBindings.back: return .back
            default: return .stay()
            }
        }
    }

    mutating func receive(_ answer: Answer, _ session: inout Session) -> Transition {
        guard case .roles(let result) = answer else { return .stay() }
        switch result {
        case .failure(let failure): phase = .failed(failure.message)
        case .success(let roles) where roles.isEmpty:
            phase = .failed(
                "You have no role in this account. Ask your administrator for a permission set, or go back and choose another account."
            )
        case .success(let roles) where roles.count == 1:
            phase = .choosing(roles, ListCursor(count: 1))
            var transition = SSOProfileNameStep.start(
                portal: portal, session: sessionName, account: account, role: roles[0], &session)
            let before = session.status.map { $0.text + " " } ?? ""
            transition.notice = Status(
                text: before + "One role: \(TerminalText.visible(roles[0])), so it is the one.", isError: false)
            return transition
        case .success(let roles): phase = .choosing(roles, ListCursor(count: roles.count))
        }
        return .stay()
    }
}
