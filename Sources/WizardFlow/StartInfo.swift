import BedrockCore

/// One line of "what is configured today", with where it came from.
public struct SummaryLine: Equatable, Sendable {
    public let label: String
    public let value: String
    public let source: String?
    public init(label: String, value: String, source: String?) {
        self.label = label
        self.value = value
        self.source = source
    }
}

/// An AWS profile the Credentials screen can offer.
public struct AWSProfileChoice: Equatable, Sendable {
    public let name: String
    public let kind: AWSProfileKind
    public let region: String?
    /// "logged in until 18:40", "login expired", "keys AKIA…1234".
    public let detail: String
    public let needsLogin: Bool
    public init(name: String, kind: AWSProfileKind, region: String?, detail: String, needsLogin: Bool) {
        self.name = name
        self.kind = kind
        self.region = region
        self.detail = detail
        self.needsLogin = needsLogin
    }
}

/// An `[sso-session]` already in ~/.aws/config: a new sign-in to the same portal reuses it.
public struct KnownPortal: Equatable, Sendable {
    public let session: String
    public let startURL: String
    public let region: String
    public init(session: String, startURL: String, region: String) {
        self.session = session
        self.startURL = startURL
        self.region = region
    }
}

/// Everything the runner reads once at start; the flow never reads files itself.
public struct StartInfo: Equatable, Sendable {
    public var summary: [SummaryLine]
    public var today: SetupProfile?
    public var savedProfiles: [SetupProfile]
    public var activeProfile: String?
    public var awsProfiles: [AWSProfileChoice]
    /// A masked description of access keys found in the environment, if any.
    public var environmentKeys: String?
    public var environmentAPIKey: String?
    public var shadowing: [String]
    public var problems: [String]
    /// The installed Claude Code (`claude --version`); nil when it did not answer, and the
    /// newest rules are assumed.
    public var claudeCodeVersion: ClaudeCodeVersion?
    /// What Claude Code signs in with today (where the AWS CLI differs, `shadowing` says so).
    public var claudeCodeCredentials: String?
    /// What would silently win over each credentials method if it were chosen (e.g. an exported
    /// AWS_PROFILE over access keys), from Claude Code's view.
    public var methodWarnings: [CredentialsMethod: [String]]
    /// Values set by settings files above the user's: what a write to user settings cannot change (Review says so).
    public var settingsAboveUser: [String: Sourced<String>] = [:]
    /// Targets whose settings file cannot be read today (malformed JSON), with the file: a write there would be
    /// refused, so the wizard starts with another target and Review will not take them back.
    public var unwritableTargets: [ActivationTarget: String] = [:]

    /// The targets a run starts with: Claude Code user settings, or project-local settings when the user file is
    /// unwritable (shell files when both are).
    public var startingTargets: Set<ActivationTarget> {
        let usable = [ActivationTarget.user, .project, .shell].first { unwritableTargets[$0] == nil } ?? .shell
        return [usable]
    }
    /// A pre-existing `awsCredentialExport`: its command's credentials win over the chosen ones.
    public var credentialExport: Sourced<String>?
    /// The demo's throw-away folder, named on the Done screen.
    public var demoFolder: String?
    public var knownPortals: [KnownPortal] = []
    /// The SSO Region a new portal most likely uses (AWS_REGION, or an existing session's).
    public var ssoRegionHint: String?
    /// This program by absolute path, for `awsAuthRefresh` (`… login --profile NAME`).
    public var executablePath = "bedrock-setup"

    /// No setup, no AWS profile, no keys or API key in the environment: nothing to sign in with yet.
    public var hasNoCredentials: Bool {
        today == nil && awsProfiles.isEmpty && environmentKeys == nil && environmentAPIKey == nil
    }

    public init(
        summary: [SummaryLine] = [], today: SetupProfile? = nil, savedProfiles: [SetupProfile] = [],
        activeProfile: String? = nil,
        awsProfiles: [AWSProfileChoice] = [], environmentKeys: String? = nil, environmentAPIKey: String? = nil,
        shadowing: [String] = [], problems: [String] = [], demoFolder: String? = nil,
        claudeCodeVersion: ClaudeCodeVersion? = nil, claudeCodeCredentials: String? = nil,
        methodWarnings: [CredentialsMethod: [String]] = [:]
    ) {
        self.methodWarnings = methodWarnings
        self.claudeCodeVersion = claudeCodeVersion
        self.claudeCodeCredentials = claudeCodeCredentials
        self.demoFolder = demoFolder
        self.summary = summary
        self.today = today
        self.savedProfiles = savedProfiles
        self.activeProfile = activeProfile
        self.awsProfiles = awsProfiles
        self.environmentKeys = environmentKeys
        self.environmentAPIKey = environmentAPIKey
        self.shadowing = shadowing
        self.problems = problems
    }
}

/// A model the Models screen offers.
public struct ModelOption: Equatable, Sendable {
    public let id: String
    public let name: String
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// One Region's line after a live scan.
public struct RegionRow: Equatable, Sendable {
    public let region: String
    public let latencyMs: Int?
    public let offered: Bool
    public let problem: String?
    public init(region: String, latencyMs: Int?, offered: Bool, problem: String?) {
        self.region = region
        self.latencyMs = latencyMs
        self.offered = offered
        self.problem = problem
    }
}

public enum StartChoice: Equatable, Sendable {
    case update, setUp, withPreset, newProfile, switchProfile, regionOnly, modelsOnly, demo, quit

    public var label: String {
        switch self {
        case .update: "Update this setup"
        case .setUp: "Set up Claude Code on Bedrock"
        case .withPreset: "Set up with the team preset"
        case .newProfile: "New profile"
        case .switchProfile: "Switch to a saved profile"
        case .regionOnly: "Change the Region only"
        case .modelsOnly: "Change the models only"
        case .demo: "Try the demo first (a simulated AWS; nothing of yours is touched)"
        case .quit: "Quit"
        }
    }
}
