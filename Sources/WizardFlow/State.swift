import BedrockCore

public enum Screen: Int, CaseIterable, Sendable {
    case start, modelAccess, credentials, region, models, verify, review, done

    public var title: String {
        switch self {
        case .start: "Start"
        case .modelAccess: "Model access"
        case .credentials: "Credentials"
        case .region: "Region"
        case .models: "Models"
        case .verify: "Verify"
        case .review: "Review"
        case .done: "Done"
        }
    }

    public var step: Int { rawValue + 1 }
}

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
    /// The demo's throw-away folder, named on the Done screen.
    public var demoFolder: String?

    public init(summary: [SummaryLine] = [], today: SetupProfile? = nil, savedProfiles: [SetupProfile] = [], activeProfile: String? = nil,
                awsProfiles: [AWSProfileChoice] = [], environmentKeys: String? = nil, environmentAPIKey: String? = nil,
                shadowing: [String] = [], problems: [String] = [], demoFolder: String? = nil) {
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
    case update, setUp, newProfile, switchProfile, regionOnly, modelsOnly, quit

    public var label: String {
        switch self {
        case .update: "Update this setup"
        case .setUp: "Set up Claude Code on Bedrock"
        case .newProfile: "New profile"
        case .switchProfile: "Switch to a saved profile"
        case .regionOnly: "Change the Region only"
        case .modelsOnly: "Change the models only"
        case .quit: "Quit"
        }
    }
}

/// Which steps this run walks through.
public enum Route: Equatable, Sendable { case full, regionOnly, modelsOnly, switchProfile }

public enum CheckState: Equatable, Sendable {
    case idle
    case running(since: Int)
    case done
}

public enum CredentialsStage: Equatable, Sendable { case chooseMethod, chooseProfile, enterKeys, enterAPIKey, checked }

/// The picker opened on one model slot.
public struct ModelPicker: Equatable, Sendable {
    public var slot: ModelSlot
    public var cursor: ListCursor
    /// Set while typing a custom ID or ARN.
    public var custom: TextField?
    public var error: String?
    public var suggestion: String?
}

public enum ReviewFocus: Equatable, Sendable { case name, targets, diff }

/// What a finished write left behind.
public struct WrittenFile: Equatable, Sendable {
    public let path: String
    public let action: String
    public let backup: String?
    public init(path: String, action: String, backup: String?) {
        self.path = path
        self.action = action
        self.backup = backup
    }
}

/// The whole wizard as one value: the renderer draws it, the transition function changes it.
public struct WizardState: Equatable, Sendable {
    public let demo: Bool
    public let info: StartInfo
    public var screen: Screen = .start
    public var route: Route = .full
    public var draft: SetupProfile
    public var secrets = Secrets()
    public var width = 80
    public var height = 24
    public var tick = 0

    public var startMenu: ListCursor
    public var switchList: ListCursor?

    public var credentialsCursor = ListCursor(index: 0, count: CredentialsMethod.allCases.count)
    public var credentialsStage: CredentialsStage = .chooseMethod
    public var profileCursor = ListCursor()
    public var keyFields = [TextField(), TextField(), TextField(isSecret: true)]
    public var keyFocus = 0
    public var apiKeyField = TextField(isSecret: true)
    public var identity: [Diagnosis] = []
    public var identityCheck: CheckState = .idle

    public var regionCursor: ListCursor
    public var scan: [String: RegionRow] = [:]
    public var scanCheck: CheckState = .idle

    public var modelCursor = ListCursor(index: 4, count: 5)
    public var modelOptions: [ModelOption] = []
    public var modelsLive = false
    public var modelsCheck: CheckState = .idle
    public var picker: ModelPicker?

    public var verifyLines: [Diagnosis] = []
    public var verifyCheck: CheckState = .idle
    public var showPolicy = false
    public var policyScroll = 0
    public var account: String?

    public var nameField: TextField
    public var targets: Set<ActivationTarget> = [.user]
    public var targetCursor = ListCursor(index: 0, count: ActivationTarget.allCases.count)
    public var reviewFocus: ReviewFocus = .diff
    public var plan: [FileChange] = []
    public var planCheck: CheckState = .idle
    public var diffScroll = 0

    public var written: [WrittenFile] = []
    public var writeCheck: CheckState = .idle

    public var showHelp = false
    public var confirmQuit = false
    /// A one-line status or validation message under the body.
    public var message: String?
    public var messageIsError = false
    /// Set when the wizard has finished; the exit code.
    public var exitCode: Int32?

    public let catalogue: Catalogue
    public let validator: Validator

    public init(info: StartInfo, demo: Bool, catalogue: Catalogue = .bundled) {
        self.info = info
        self.demo = demo
        self.catalogue = catalogue
        validator = Validator(catalogue: catalogue)
        let base = info.today ?? SetupProfile(name: "default", credentials: .sso, region: "us-east-1")
        draft = base
        nameField = TextField(base.name)
        startMenu = ListCursor(index: 0, count: 0)
        regionCursor = ListCursor(index: catalogue.regions.firstIndex { $0.name == base.region } ?? 0, count: catalogue.regions.count)
        startMenu = ListCursor(index: 0, count: startChoices.count)
    }

    public static func == (lhs: WizardState, rhs: WizardState) -> Bool {
        lhs.screen == rhs.screen && lhs.route == rhs.route && lhs.draft == rhs.draft && lhs.secrets == rhs.secrets && lhs.tick == rhs.tick
            && lhs.width == rhs.width && lhs.height == rhs.height && lhs.startMenu == rhs.startMenu && lhs.switchList == rhs.switchList
            && lhs.credentialsCursor == rhs.credentialsCursor && lhs.credentialsStage == rhs.credentialsStage
            && lhs.profileCursor == rhs.profileCursor && lhs.keyFields == rhs.keyFields && lhs.keyFocus == rhs.keyFocus
            && lhs.apiKeyField == rhs.apiKeyField && lhs.identity == rhs.identity && lhs.identityCheck == rhs.identityCheck
            && lhs.regionCursor == rhs.regionCursor && lhs.scan == rhs.scan && lhs.scanCheck == rhs.scanCheck
            && lhs.modelCursor == rhs.modelCursor && lhs.modelOptions == rhs.modelOptions && lhs.modelsCheck == rhs.modelsCheck
            && lhs.picker == rhs.picker && lhs.verifyLines == rhs.verifyLines && lhs.verifyCheck == rhs.verifyCheck
            && lhs.showPolicy == rhs.showPolicy && lhs.nameField == rhs.nameField && lhs.targets == rhs.targets
            && lhs.targetCursor == rhs.targetCursor && lhs.reviewFocus == rhs.reviewFocus && lhs.plan == rhs.plan
            && lhs.planCheck == rhs.planCheck && lhs.diffScroll == rhs.diffScroll && lhs.written == rhs.written
            && lhs.writeCheck == rhs.writeCheck && lhs.showHelp == rhs.showHelp && lhs.confirmQuit == rhs.confirmQuit
            && lhs.message == rhs.message && lhs.exitCode == rhs.exitCode
    }

    /// The Start menu: what makes sense given what is configured today.
    public var startChoices: [StartChoice] {
        var choices: [StartChoice] = info.today == nil ? [.setUp] : [.update, .regionOnly, .modelsOnly, .newProfile]
        if !info.savedProfiles.isEmpty { choices.append(.switchProfile) }
        choices.append(.quit)
        return choices
    }

    /// Profiles the Credentials screen lists for the chosen method.
    public var profileChoices: [AWSProfileChoice] {
        switch draft.credentials {
        case .awsProfile: info.awsProfiles.filter { $0.kind == .staticKeys || $0.kind == .credentialProcess || $0.kind == .role }
        case .sso: info.awsProfiles.filter { $0.kind == .ssoSession || $0.kind == .legacySSO }
        default: []
        }
    }

    /// Rows of the A-profile list: the profiles, then "enter new keys".
    public var profileRowCount: Int { profileChoices.count + (draft.credentials == .awsProfile ? 1 : 0) }

    public var isBusy: Bool {
        [identityCheck, scanCheck, modelsCheck, verifyCheck, planCheck, writeCheck].contains { if case .running = $0 { true } else { false } }
    }

    /// Whether leaving now would lose answers (so `q` asks first).
    public var hasUnsavedAnswers: Bool { screen != .start && screen != .done }

    /// Broken invariants, for tests: an empty list means the state is valid.
    public var invariantViolations: [String] {
        var problems: [String] = []
        func check(_ cursor: ListCursor, _ count: Int, _ name: String) {
            if cursor.count != count { problems.append("\(name) count \(cursor.count) != \(count)") }
            if count > 0 && !(0..<count).contains(cursor.index) { problems.append("\(name) index \(cursor.index) out of 0..<\(count)") }
        }
        check(startMenu, startChoices.count, "startMenu")
        if let switchList { check(switchList, info.savedProfiles.count, "switchList") }
        check(credentialsCursor, CredentialsMethod.allCases.count, "credentialsCursor")
        check(regionCursor, catalogue.regions.count, "regionCursor")
        check(modelCursor, 5, "modelCursor")
        check(targetCursor, ActivationTarget.allCases.count, "targetCursor")
        if credentialsStage == .chooseProfile { check(profileCursor, profileRowCount, "profileCursor") }
        if !(0..<keyFields.count).contains(keyFocus) { problems.append("keyFocus \(keyFocus)") }
        for field in keyFields + [apiKeyField, nameField] where !(0...field.text.count).contains(field.cursor) {
            problems.append("text cursor \(field.cursor) outside 0...\(field.text.count)")
        }
        if let picker {
            check(picker.cursor, modelOptions.count + 2, "picker")
            if screen != .models { problems.append("picker open on \(screen)") }
        }
        if targets.isEmpty { problems.append("no activation target") }
        if screen == .done && written.isEmpty { problems.append("done without a write") }
        if diffScroll < 0 || policyScroll < 0 { problems.append("negative scroll") }
        return problems
    }
}
