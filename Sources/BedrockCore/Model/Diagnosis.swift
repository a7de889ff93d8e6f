import FoundationEssentials
import Glibc

public enum Severity: String, Sendable, Equatable, Comparable {
    case ok, warning, failure

    public var symbol: String {
        switch self {
        case .ok: "✓"
        case .warning: "⚠"
        case .failure: "✗"
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .ok: 0
        case .warning: 1
        case .failure: 2
        }
    }
}

/// Every known way a Bedrock setup fails, each with its own cause and fix.
public enum DiagnosisCode: String, Sendable, CaseIterable {
    case noCredentials, incompleteKeys, profileMissing, invalidKey, signatureMismatch, clockSkew, expiredToken,
        ssoTokenMissing,
        ssoTokenExpired, ssoIncomplete, credentialProcessFailed, roleProblem, iamDenied, scpDenied, modelNotEnabled,
        useCaseFormMissing,
        onDemandNotSupported, invalidModelIdentifier, legacyModel, throttled, dnsFailure, connectFailed, tlsFailure,
        proxyFailure,
        timeout, serviceError, malformedResponse, cancelled, otherError, notConfigured, badValue, shadowed,
        ambiguousConfig,
        // Claude Code's own rules (the JS SDK's profile checks, its versions, the AWS CLI's second opinion).
        invalidAPIKey, sourceProfileMissing, roleSourceLoop, roleSourceConflict, roleSourceMissing, ssoSessionMissing,
        ssoTokenRevoked, claudeCodeNotFound, regionMissing, regionDefaulted, shellOverridden, toolsDisagree,
        // AWS answers that need their own words.
        stsDenied, modelNotEntitled, modelNotInRegion, serviceUnavailable, quotaExceeded, inferenceProfileNotFound
}

/// What a checklist line checked: a value that `doctor`, `verify` and the wizard compare and
/// switch over; its `description` is the label printed before the cause (and `check` in JSON).
public enum Check: Hashable, Sendable, CustomStringConvertible {
    // What Claude Code will see (read from the files, no network).
    case files, claudeCode, bedrockEnabled, credentials, awsCLICredentials, shellAndSettings, awsFiles, region, models,
        awsCLI
    case bedrockOptions
    /// One Bedrock setting, by its environment variable name (`ANTHROPIC_BEDROCK_SERVICE_TIER`…).
    case setting(String)
    // doctor's own lines.
    case gateway, mantle, managedSettings, onlineChecks
    // Signed calls.
    case identity, listInferenceProfiles, testCall
    /// The Region answered (or not) a signed call.
    case regionReachable(String)
    /// A pinned model; nil where the slot is not known (the wizard's simulation).
    case model(ModelSlot?)

    public var description: String {
        switch self {
        case .files: "Files"
        case .claudeCode: "Claude Code"
        case .bedrockEnabled: "Bedrock enabled"
        case .credentials: "Credentials"
        case .awsCLICredentials: "AWS CLI credentials"
        case .shellAndSettings: "Shell and settings"
        case .awsFiles: "AWS files"
        case .region: "Region"
        case .models: "Models"
        case .awsCLI: "AWS CLI"
        case .bedrockOptions: "Bedrock options"
        case .setting(let name): name
        case .gateway: "Gateway"
        case .mantle: "Mantle"
        case .managedSettings: "Managed settings"
        case .onlineChecks: "Online checks"
        case .identity: "Identity"
        case .listInferenceProfiles: "ListInferenceProfiles"
        case .testCall: "Test call"
        case .regionReachable(let region): "Region \(region)"
        case .model(let slot): slot.map { "Model \($0.label)" } ?? "Model"
        }
    }

    /// Any pinned model's line.
    public var isModel: Bool { if case .model = self { true } else { false } }
}

/// One checklist line: what was checked, how it went, why, and the one thing to do about it.
public struct Diagnosis: Error, Sendable, Equatable {
    public let check: Check
    public let severity: Severity
    public let code: DiagnosisCode?
    public let cause: String
    public let fix: String?

    public init(check: Check, severity: Severity, code: DiagnosisCode?, cause: String, fix: String?) {
        self.check = check
        self.severity = severity
        self.code = code
        self.cause = cause
        self.fix = fix
    }

    public static func ok(_ check: Check, _ detail: String) -> Diagnosis {
        Diagnosis(check: check, severity: .ok, code: nil, cause: detail, fix: nil)
    }
}

/// What the classifier needs to make a fix specific.
public struct DiagnosisContext: Sendable {
    public var check: Check
    public var region: String
    public var awsProfile: String?
    public var modelId: String?
    public var catalogue: Catalogue
    /// The call was authorised with a Bedrock API key (its failures need their own words).
    public var usesAPIKey = false
    /// The credentials came from an SSO login (so signing in again is the fix for an expired session).
    public var usesSSO = false

    public init(
        check: Check, region: String, awsProfile: String? = nil, modelId: String? = nil, catalogue: Catalogue = .bundled
    ) {
        self.check = check
        self.region = region
        self.awsProfile = awsProfile
        self.modelId = modelId
        self.catalogue = catalogue
    }
}
