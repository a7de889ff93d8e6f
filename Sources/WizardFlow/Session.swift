import BedrockCore

/// The facts a run starts from; fixed for the whole run.
public final class WizardContext: Sendable, Equatable {
    public let info: StartInfo
    public let demo: Bool
    public let catalogue: Catalogue
    public let validator: Validator
    /// A team preset this run started with (`bedrock-setup --preset FILE`), and how to name it.
    public let preset: Preset?
    public let presetSource: String?

    public init(
        info: StartInfo, demo: Bool, catalogue: Catalogue = .bundled, preset: Preset? = nil, presetSource: String? = nil
    ) {
        self.info = info
        self.demo = demo
        self.catalogue = catalogue
        self.preset = preset
        self.presetSource = presetSource
        validator = Validator(catalogue: catalogue)
    }

    /// Whether the preset locks `field`: the steps that only ask for it are skipped, and it cannot be changed.
    public func isLocked(_ field: Preset.Field) -> Bool { preset?.isLocked(field) ?? false }

    /// The steps a locked preset leaves nothing to ask on.
    public var lockedSteps: Set<StepID> {
        var steps: Set<StepID> = []
        if isLocked(.region) { steps.insert(.region) }
        if isLocked(.models) { steps.insert(.models) }
        return steps
    }

    /// Fixed for a run: two wizards compare equal only within the same run.
    public static func == (lhs: WizardContext, rhs: WizardContext) -> Bool { lhs === rhs }
}

/// The answers every step shares: the draft profile, the secrets typed in, where to write,
/// and who the credentials belong to.
public struct Answers: Equatable, Sendable {
    public internal(set) var draft: SetupProfile
    public internal(set) var secrets = Secrets()
    public internal(set) var targets: Set<ActivationTarget> = [.user]
    public internal(set) var account: String?
    public internal(set) var route: Route = .full
    /// The Region of the AWS profile just chosen, pre-selected on the Region step.
    public internal(set) var profileRegion: String?
    /// Whether `aws sso login` can be offered (found out on the Credentials step).
    public internal(set) var awsCLI = AWSCLIVersion.unknown
    /// The models behind application-inference-profile ARNs, as Verify looked them up (ARN → model).
    public internal(set) var pinBacking: [String: BackingModel] = [:]

    /// What Review plans and writes: the draft, with each ARN pin Verify looked up described as
    /// its backing model (`_NAME`, `_SUPPORTED_CAPABILITIES`) where the draft does not say already.
    public var profileToWrite: SetupProfile { draft.labellingProfileARNPins(byARN: pinBacking).profile }
}

/// The line under a screen's body. It belongs to the screen that said it: moving to another
/// step clears it.
public struct Status: Equatable, Sendable {
    public let text: String
    public let isError: Bool
    public init(text: String, isError: Bool) {
        self.text = text
        self.isError = isError
    }
}

/// What a step may read and change while it handles an input: the shared answers, the status
/// line, and new request identities. The wizard builds one per event and keeps what changed.
struct Session {
    var answers: Answers
    var status: Status?
    let context: WizardContext
    let tick: Int
    /// Rows a page key moves in the long lists.
    let page: Int
    var lastRequest: Int

    var draft: SetupProfile {
        get { answers.draft }
        set { answers.draft = newValue }
    }

    var validator: Validator { context.validator }
    var catalogue: Catalogue { context.catalogue }

    /// A new request with its own identity, and the effect that asks the runner for it.
    mutating func request(_ request: Request) -> (RequestID, Effect) {
        lastRequest += 1
        let id = RequestID(lastRequest)
        return (id, .perform(id, request))
    }

    mutating func say(_ text: String?, error: Bool = false) {
        status = text.map { Status(text: $0, isError: error) }
    }

    /// The refresh command for an SSO profile: `aws sso login` only where the AWS CLI v2 is
    /// installed, else this program's own sign-in, which needs no AWS CLI.
    var ssoAuthRefresh: AuthRefresh {
        answers.awsCLI.hasSSOLogin ? .ssoLogin : .builtInLogin(executable: context.info.executablePath)
    }

    /// The `awsAuthRefresh` that matches the draft's credentials: by the AWS profile's kind (SSO,
    /// `aws login`, or none for keys).
    var refreshPreset: AuthRefresh {
        let kind = context.info.awsProfiles.first { $0.name == draft.awsProfile }?.kind
        return AuthRefresh.preset(credentials: draft.credentials, kind: kind, sso: ssoAuthRefresh)
    }

    /// Sets `awsAuthRefresh` to `preset` (usually `refreshPreset`), except over a command the
    /// person wrote themselves: that is kept until they replace it on Review.
    mutating func presetAuthRefresh(_ preset: AuthRefresh) {
        guard !draft.authRefresh.isCustomCommand else { return }
        draft.authRefresh = preset
    }

    /// A validation error, shown whole: what is wrong, then how to fix it.
    mutating func report(_ error: SetupError) { say(error.message + " " + error.fix, error: true) }
}

/// What handling an input decided: effects to carry out, and where to go next.
struct Transition {
    enum Move: Equatable {
        case stay, forward, back
        case exit(Int32)
        case to(StepID)
        /// To a step whose state the leaving step made (Done, with what was written).
        case present(Step)
    }
    var move: Move
    var effects: [Effect]
    /// A status for the step moved to (e.g. why the Models step opened on a Region switch).
    var notice: Status?

    static func stay(_ effects: [Effect] = []) -> Transition { Transition(move: .stay, effects: effects) }
    static let forward = Transition(move: .forward, effects: [])
    static let back = Transition(move: .back, effects: [])
    static func to(_ step: StepID, notice: Status? = nil) -> Transition {
        Transition(move: .to(step), effects: [], notice: notice)
    }
    static func present(_ step: Step) -> Transition { Transition(move: .present(step), effects: []) }
    static func exit(_ code: Int32) -> Transition { Transition(move: .exit(code), effects: []) }
}
