import BedrockCore
import FoundationEssentials

/// Identifies one request, so a step accepts only the answer to the request it is waiting for
/// (a late answer to a cancelled check is never taken for the answer to the next one).
public struct RequestID: Hashable, Sendable, CustomStringConvertible {
    public let value: Int
    public init(_ value: Int) { self.value = value }
    public var description: String { "#\(value)" }
}

/// Work the runner carries out for the wizard; each one ends in exactly one `Answer`.
public enum Request: Equatable, Sendable {
    case checkIdentity(SetupProfile, Secrets)
    case scanRegions(SetupProfile, Secrets, models: [String])
    case listModels(SetupProfile, Secrets)
    case verify(SetupProfile, Secrets, invoke: Bool)
    case plan(SetupProfile, Secrets, targets: Set<ActivationTarget>)
    case write([FileChange])
    /// Runs `aws sso login` with the terminal handed over (only offered with the AWS CLI v2).
    case ssoLogin(profile: String)
    case savePolicy(String, profileName: String)
    /// `aws --version`: whether the AWS CLI v2 (the only one with `aws sso login`) is installed.
    case detectAWSCLI
    /// The built-in IAM Identity Center sign-in, first half: a silent refresh where one works
    /// (answered `.portalSignedIn`), else a device code for the person (`.deviceCode`).
    case beginSignIn(SignInSubject)
    /// The second half: waits for the person to approve the code `handle` names.
    case awaitSignIn(SignInSubject, handle: Int)
    case listAccounts(SignInSubject)
    case listRoles(SignInSubject, accountId: String)
    /// Writes `[profile]` and `[sso-session]` as `aws configure sso` does, with a backup.
    case writeSSOProfile(SSOProfileAnswers)
    /// Rewrites a legacy SSO profile in the `sso-session` form (answered `.written`).
    case convertLegacyProfile(String)
}

/// Who signs in: an SSO profile from ~/.aws/config, or a new portal under a session name.
public enum SignInSubject: Equatable, Sendable {
    case profile(String)
    case portal(SSOPortal, session: String)
}

/// What the person needs to approve a device sign-in. The device code itself stays in the runner.
public struct DeviceCode: Equatable, Sendable {
    public let handle: Int
    public let userCode: String
    public let verificationURI: String
    /// The address with the code filled in, drawn as the QR code.
    public let browserURL: String
    public let expiresAt: Date
    /// When the code expires, as the person's clock shows it ("18:40").
    public let expiresClock: String
    /// The QR code of `browserURL`, rows of dark (true) modules; nil where libqrencode is missing.
    public let qrCode: [[Bool]]?
    /// The program that opened the address in a browser, if one could be opened.
    public let openedWith: String?
    public init(
        handle: Int, userCode: String, verificationURI: String, browserURL: String, expiresAt: Date,
        expiresClock: String, qrCode: [[Bool]]?, openedWith: String?
    ) {
        self.handle = handle
        self.userCode = userCode
        self.verificationURI = verificationURI
        self.browserURL = browserURL
        self.expiresAt = expiresAt
        self.expiresClock = expiresClock
        self.qrCode = qrCode
        self.openedWith = openedWith
    }
}

/// An AWS account the portal lists, as `aws configure sso` shows it.
public struct PortalAccount: Equatable, Sendable {
    public let id: String
    public let label: String
    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// The AWS CLI on PATH, as `aws --version` says.
public enum AWSCLIVersion: Equatable, Sendable {
    case unknown, absent
    case major(Int)

    public var hasSSOLogin: Bool { self == .major(2) }
}

/// What a request found, as values.
public enum Answer: Equatable, Sendable {
    /// The identity check's lines and the account STS named, if it answered.
    case identity([Diagnosis], account: String?)
    case regions([RegionRow])
    case models(ModelList)
    /// The checks' lines, the account STS named, and the backing model of each application-inference-profile
    /// ARN pin that GetInferenceProfile answered for (keyed by the ARN).
    case verified([Diagnosis], account: String?, backing: [String: BackingModel] = [:])
    case planned(Result<[FileChange], Failure>)
    case written(Result<[WrittenFile], Failure>)
    case signedIn(Bool)
    case policySaved(Result<String, Failure>)
    case awsCLI(AWSCLIVersion)
    case deviceCode(Result<DeviceCode, Failure>)
    /// The sign-in is done and cached; the date is when it expires.
    case portalSignedIn(Result<Date, Failure>)
    case accounts(Result<[PortalAccount], Failure>)
    case roles(Result<[String], Failure>)
}

/// A failed request's message, whole: what is wrong, then how to fix it.
public struct Failure: Error, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public init(_ error: SetupError) { message = error.message + " " + error.fix }
}

/// Facts that reach the wizard: keys, size changes, clock ticks and answers to requests.
public enum Event: Equatable, Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    case tick
    case answered(RequestID, Answer)
}

/// What the wizard asks of the runner; the flow itself does no I/O.
public enum Effect: Equatable, Sendable {
    case perform(RequestID, Request)
    /// The step that asked no longer wants the answer (Esc, or it was left).
    case cancel(RequestID)
    case exit(Int32)
    /// The person chose the demo on Start: this run ends and the demo's begins (nothing of theirs is touched).
    case startDemo
}

/// The models a Region offers, live from Bedrock or from the bundled catalogue.
public struct ModelList: Equatable, Sendable {
    public let options: [ModelOption]
    public let live: Bool
    /// Why the live list could not be used, when it could not.
    public let problem: String?
    public init(options: [ModelOption], live: Bool, problem: String?) {
        self.options = options
        self.live = live
        self.problem = problem
    }
}

/// What happened to one file.
public enum WriteAction: String, Equatable, Sendable { case created, updated, deleted }

/// What a finished write left behind.
public struct WrittenFile: Equatable, Sendable {
    public let path: String
    public let action: WriteAction
    public let backup: String?
    public init(path: String, action: WriteAction, backup: String?) {
        self.path = path
        self.action = action
        self.backup = backup
    }
}
