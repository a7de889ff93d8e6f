import BedrockCore

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
    /// Runs `aws sso login` with the terminal handed over.
    case ssoLogin(profile: String)
    case savePolicy(String, profileName: String)
}

/// What a request found, as values.
public enum Answer: Equatable, Sendable {
    /// The identity check's lines and the account STS named, if it answered.
    case identity([Diagnosis], account: String?)
    case regions([RegionRow])
    case models(ModelList)
    case verified([Diagnosis], account: String?)
    case planned(Result<[FileChange], Failure>)
    case written(Result<[WrittenFile], Failure>)
    case signedIn(Bool)
    case policySaved(Result<String, Failure>)
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
