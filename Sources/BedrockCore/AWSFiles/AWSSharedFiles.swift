import FoundationEssentials
import Glibc

/// What a profile in `~/.aws` is, in the order botocore's credential chain tries them.
public enum AWSProfileKind: String, Sendable, Equatable, CaseIterable {
    case role
    case ssoSession = "sso-session"
    case legacySSO = "legacy-sso"
    case staticKeys = "static-keys"
    case
        credentialProcess = "credential-process"
    case other
    /// An `aws login` profile (`login_session = arn:…`, the AWS CLI's console credentials).
    case loginSession = "login-session"

    public var label: String {
        switch self {
        case .role: "role (AssumeRole)"
        case .ssoSession: "SSO (sso_session)"
        case .legacySSO: "SSO (legacy sso_start_url)"
        case .staticKeys: "static keys"
        case .credentialProcess: "credential_process"
        case .other: "other"
        case .loginSession: "aws login (login_session)"
        }
    }
}

public struct AWSProfile: Sendable, Equatable {
    public let name: String
    public let kind: AWSProfileKind
    /// Merged settings, credentials file over config file (as botocore merges them), each with
    /// the file and section it came from.
    public let settings: [String: Sourced<String>]

    public func value(_ key: String) -> String? { settings[key]?.value }
    public var region: String? { value("region") }
    public var ssoSessionName: String? { value("sso_session") }
    public var hasStaticKeys: Bool { value("aws_access_key_id") != nil && value("aws_secret_access_key") != nil }
}

/// The AWS shared config and credentials files as every SDK reads them.
public struct AWSSharedFiles: Sendable {
    public let configPath: String
    public let credentialsPath: String
    public let config: INIDocument?
    public let credentials: INIDocument?
    public let profiles: [AWSProfile]
    public let ssoSessions: [String: [String: String]]
    /// Constructs on which the SDKs disagree, or that botocore refuses.
    public let ambiguities: [String]

    /// The files at `paths` as if both were absent: what a check works from when they cannot be read.
    public static func empty(paths: Paths) -> AWSSharedFiles {
        AWSSharedFiles(
            configPath: paths.awsConfig, credentialsPath: paths.awsCredentials, config: nil, credentials: nil)
    }

    /// Reads both files; a missing file is simply empty, an unreadable one is an error.
    public static func read(paths: Paths) throws(SetupError) -> AWSSharedFiles {
        let config = try TextFile.read(paths.awsConfig).map(INIDocument.init(text:))
        let credentials = try TextFile.read(paths.awsCredentials).map(INIDocument.init(text:))
        return AWSSharedFiles(
            configPath: paths.awsConfig, credentialsPath: paths.awsCredentials, config: config, credentials: credentials
        )
    }

    public init(configPath: String, credentialsPath: String, config: INIDocument?, credentials: INIDocument?) {
        self.configPath = configPath
        self.credentialsPath = credentialsPath
        self.config = config
        self.credentials = credentials

        var notes: [String] = []
        notes += (config?.ambiguities ?? []).map { "\(configPath) \($0)" }
        notes += (credentials?.ambiguities ?? []).map { "\(credentialsPath) \($0)" }

        var merged: [String: [String: Sourced<String>]] = [:]
        var order: [String] = []
        var sessions: [String: [String: String]] = [:]
        let configHeaders = Set(config?.sections.map(\.header) ?? [])
        if configHeaders.contains("default") && configHeaders.contains("profile default") {
            notes.append(
                "\(configPath) has both [default] and [profile default]; botocore uses [profile default], other SDKs may not"
            )
        }
        for section in config?.sections ?? [] {
            let header = section.header
            let words = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true).map(String.init)
            let name: String
            if header == "default" {
                name = "default"
            } else if words.count == 2, words[0] == "profile" {
                name = words[1].trimmingSpaces()
            } else if words.count == 2, words[0] == "sso-session" {
                sessions[words[1].trimmingSpaces()] = section.values
                continue
            } else {
                if !["services", "plugins", "preview"].contains(words.first ?? "") {
                    notes.append("\(configPath) section [\(header)] is not a profile; write it as [profile \(header)]")
                }
                continue
            }
            if merged[name] == nil { order.append(name) }
            for entry in section.entries {
                merged[name, default: [:]][entry.key] = Sourced(
                    entry.value, from: .awsFile(path: configPath, section: header))
            }
        }
        for section in credentials?.sections ?? [] {
            let name = section.header
            if name.hasPrefix("profile ") {
                notes.append(
                    "\(credentialsPath) section [\(name)] has a 'profile ' prefix, which the credentials file does not use"
                )
            }
            if merged[name] == nil { order.append(name) }
            for entry in section.entries {
                merged[name, default: [:]][entry.key] = Sourced(
                    entry.value, from: .awsFile(path: credentialsPath, section: name))
            }
        }
        profiles = order.map { name in
            let settings = merged[name] ?? [:]
            return AWSProfile(name: name, kind: AWSSharedFiles.kind(of: settings), settings: settings)
        }
        ssoSessions = sessions
        ambiguities = notes
    }

    static func kind(of settings: [String: Sourced<String>]) -> AWSProfileKind {
        if settings["role_arn"] != nil { return .role }
        if settings["sso_session"] != nil { return .ssoSession }
        if settings["sso_start_url"] != nil || settings["sso_account_id"] != nil { return .legacySSO }
        if settings["aws_access_key_id"] != nil && settings["aws_secret_access_key"] != nil { return .staticKeys }
        if settings["credential_process"] != nil { return .credentialProcess }
        if settings["login_session"] != nil { return .loginSession }
        return .other
    }

    public func profile(_ name: String) -> AWSProfile? { profiles.first { $0.name == name } }

    /// The SSO start URL and token-cache key for an SSO profile.
    public func ssoCacheKey(for profile: AWSProfile) -> (key: String, startURL: String?, region: String?)? {
        switch profile.kind {
        case .ssoSession:
            guard let session = profile.ssoSessionName else { return nil }
            let values = ssoSessions[session] ?? [:]
            return (session, values["sso_start_url"], values["sso_region"])
        case .legacySSO:
            guard let url = profile.value("sso_start_url") else { return nil }
            return (url, url, profile.value("sso_region"))
        default:
            return nil
        }
    }
}
