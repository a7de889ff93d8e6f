/// What every screen's flow provides. One type per screen, in `Steps/`; the wizard routes
/// keys and answers to the current one and does the rest (global keys, overlays, moving).
protocol StepFlow: Equatable, Sendable {
    /// The state a step starts in when it is entered going forward, and what it asks for.
    static func enter(_ session: inout Session) -> (Self, [Effect])
    mutating func handle(_ key: Key, _ session: inout Session) -> Transition
    /// Called only with the answer to `pending`.
    mutating func receive(_ answer: Answer, _ session: inout Session) -> Transition
    /// The request this step is waiting for, if any: the spinner shows, Esc cancels it.
    var pending: RequestID? { get }
    /// Whether the step takes the answer to `id` (the pending request, or a quick one beside it).
    func accepts(_ id: RequestID) -> Bool
    /// Esc while a request is in flight: back to the phase before it. False when the request
    /// must not be interrupted (a write half-way).
    mutating func cancel() -> Bool
    /// The keys this step answers to now: the footer and the help overlay are built from them.
    func bindings(_ answers: Answers) -> [KeyBinding]
    /// Prose for the help overlay, above the key list.
    static var help: [String] { get }
    /// While typing, `q` and `?` are text, not commands.
    var isEditingText: Bool { get }
    var wrapped: Step { get }
}

extension StepFlow {
    var pending: RequestID? { nil }
    func accepts(_ id: RequestID) -> Bool { pending == id }
    mutating func cancel() -> Bool { true }
    mutating func receive(_ answer: Answer, _ session: inout Session) -> Transition { .stay() }
    var isEditingText: Bool { false }
}

/// The current screen and its own state. Each case holds only what that screen needs, in
/// phases that cannot contradict each other.
public enum Step: Equatable, Sendable {
    case start(StartStep)
    case modelAccess(ModelAccessStep)
    case credentials(CredentialsStep)
    case region(RegionStep)
    case models(ModelsStep)
    case verify(VerifyStep)
    case review(ReviewStep)
    case done(DoneStep)
    case ssoPortal(SSOPortalStep)
    case ssoDeviceCode(SSODeviceCodeStep)
    case ssoAccount(SSOAccountStep)
    case ssoRole(SSORoleStep)
    case ssoProfileName(SSOProfileNameStep)
    case moreOptions(MoreOptionsStep)

    public var id: StepID {
        switch self {
        case .start: .start
        case .modelAccess: .modelAccess
        case .credentials: .credentials
        case .region: .region
        case .models: .models
        case .verify: .verify
        case .review: .review
        case .done: .done
        case .ssoPortal: .ssoPortal
        case .ssoDeviceCode: .ssoDeviceCode
        case .ssoAccount: .ssoAccount
        case .ssoRole: .ssoRole
        case .ssoProfileName: .ssoProfileName
        case .moreOptions: .moreOptions
        }
    }

    static func enter(_ id: StepID, _ session: inout Session) -> (Step, [Effect]) {
        func entered<S: StepFlow>(_ type: S.Type) -> (Step, [Effect]) {
            let (step, effects) = S.enter(&session)
            return (step.wrapped, effects)
        }
        switch id {
        case .start: return entered(StartStep.self)
        case .modelAccess: return entered(ModelAccessStep.self)
        case .credentials: return entered(CredentialsStep.self)
        case .region: return entered(RegionStep.self)
        case .models: return entered(ModelsStep.self)
        case .verify: return entered(VerifyStep.self)
        case .review: return entered(ReviewStep.self)
        case .done: return entered(DoneStep.self)
        case .ssoPortal: return entered(SSOPortalStep.self)
        case .moreOptions: return entered(MoreOptionsStep.self)
        // The other sign-in screens need what the one before found; they are only presented.
        case .ssoDeviceCode, .ssoAccount, .ssoRole, .ssoProfileName: return entered(SSOPortalStep.self)
        }
    }

    var flow: any StepFlow {
        switch self {
        case .start(let step): step
        case .modelAccess(let step): step
        case .credentials(let step): step
        case .region(let step): step
        case .models(let step): step
        case .verify(let step): step
        case .review(let step): step
        case .done(let step): step
        case .ssoPortal(let step): step
        case .ssoDeviceCode(let step): step
        case .ssoAccount(let step): step
        case .ssoRole(let step): step
        case .ssoProfileName(let step): step
        case .moreOptions(let step): step
        }
    }

    /// Runs `body` on the step's state and stores the result back in this case.
    mutating func update<T>(_ body: (inout any StepFlow) -> T) -> T {
        var flow = self.flow
        let result = body(&flow)
        self = flow.wrapped
        return result
    }

    public var pending: RequestID? { flow.pending }
    public func accepts(_ id: RequestID) -> Bool { flow.accepts(id) }
    public var isEditingText: Bool { flow.isEditingText }
    public func bindings(_ answers: Answers) -> [KeyBinding] { flow.bindings(answers) }
    public var help: [String] { type(of: flow).help }
}
