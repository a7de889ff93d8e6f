import FoundationEssentials
import Glibc

/// Everything configured today, read from the environment, Claude settings, saved profiles
/// and `~/.aws`, with where each value came from. Reading never fails as a whole: a file that
/// cannot be read is reported in `problems` and treated as absent.
public struct CurrentSetup: Sendable {
    public let paths: Paths
    public let savedProfiles: [String]
    public let aws: AWSSharedFiles
    public let problems: [SetupError]
    /// Claude Code's own view of all of it (settings over the shell, the JS SDK's rules).
    public let claude: ClaudeCodeView

    public static func read(
        paths: Paths, version: ClaudeCodeVersion? = nil, sha1Hex: @escaping @Sendable (String) -> String
    ) -> CurrentSetup {
        read(ClaudeCodeView.Context(paths: paths, version: version, sha1Hex: sha1Hex))
    }

    /// Today's setup and Claude Code's view of it from one reading of the files (doctor asks for both; resolving
    /// twice read and parsed every settings and AWS file twice).
    public static func read(_ context: ClaudeCodeView.Context, validator: Validator? = nil) -> CurrentSetup {
        let paths = context.paths
        let claude = ClaudeCodeView.resolve(context, validator: validator)
        var problems = claude.problems
        // The AWS files Claude Code reads: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE may come from settings.
        let awsPaths = Paths(
            environment: claude.environment.mapValues(\.value), workingDirectory: paths.workingDirectory)
        let aws: AWSSharedFiles
        do { aws = try AWSSharedFiles.read(paths: awsPaths) } catch {
            if !problems.contains(error) { problems.append(error) }
            aws = AWSSharedFiles.empty(paths: awsPaths)
        }
        return CurrentSetup(
            paths: paths, savedProfiles: ProfileStore(paths: paths).names(), aws: aws,
            problems: problems,
            claude: claude)
    }

    /// What Claude Code will see for `key`: a settings `env` value over the shell's (managed >
    /// --settings > local > project > user), else the exported value.
    public func effective(_ key: String) -> Sourced<String>? { claude.environment[key] }

    public var effectiveAuthRefresh: Sourced<String>? { claude.authRefresh }

    /// The Bedrock-related settings Claude Code will see, each with its source.
    public var effectiveValues: [(String, Sourced<String>)] {
        (ClaudeEnv.owned + [
            ClaudeEnv.customHeaders, "AWS_DEFAULT_REGION", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        ])
        .compactMap { key in effective(key).map { (key, $0) } }
    }

    public var bedrockEnabled: Bool {
        guard let value = effective(ClaudeEnv.useBedrock)?.value.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }

    /// Today's setup as a profile, for pre-filling the wizard; nil when no Region is known.
    public func asProfile(named name: String = "default") -> SetupProfile? {
        guard let region = effective(ClaudeEnv.region)?.value ?? effective("AWS_DEFAULT_REGION")?.value else {
            return nil
        }
        let awsProfile = effective(ClaudeEnv.profile)?.value
        let credentials: CredentialsMethod
        if effective(ClaudeEnv.bearerToken) != nil {
            credentials = .apiKey
        } else if let awsProfile, let kind = aws.profile(awsProfile)?.kind {
            credentials = kind == .ssoSession || kind == .legacySSO ? .sso : .awsProfile
        } else if awsProfile != nil {
            credentials = .awsProfile
        } else {
            credentials = paths.environment["AWS_ACCESS_KEY_ID"] != nil ? .environment : .awsProfile
        }
        let refresh = effectiveAuthRefresh?.value
        return SetupProfile(
            name: activeProfileName ?? name, credentials: credentials, awsProfile: awsProfile, region: region,
            smallFastRegion: effective(ClaudeEnv.smallFastRegion)?.value, model: effective(ClaudeEnv.model)?.value,
            smallFastModel: effective(ClaudeEnv.smallFastModel)?.value ?? effective(ClaudeEnv.haikuModel)?.value,
            opusModel: effective(ClaudeEnv.opusModel)?.value, sonnetModel: effective(ClaudeEnv.sonnetModel)?.value,
            fableModel: effective(ClaudeEnv.fableModel)?.value, defaultModel: effective(ClaudeEnv.defaultModel)?.value,
            regionPrefix: effective(ClaudeEnv.regionPrefix)?.value,
            bedrock: BedrockOptions(environment: bedrockEnvironment),
            authRefresh: refresh.map { AuthRefresh.parse($0, awsProfile: awsProfile) } ?? .none)
    }

    /// The effective values `BedrockOptions(environment:)` reads (Guardrail headers included).
    private var bedrockEnvironment: [String: String] {
        var env: [String: String] = [:]
        for key in ClaudeEnv.owned + [ClaudeEnv.customHeaders] { env[key] = effective(key)?.value }
        return env
    }

    /// The saved profile whose settings match what Claude Code sees now, if any.
    public var activeProfileName: String? {
        let store = ProfileStore(paths: paths)
        for name in savedProfiles {
            guard let file = try? ClaudeSettingsFile.read(paths.profileFile(name)), !file.env.isEmpty else { continue }
            if file.env.allSatisfy({ effective($0.0)?.value == $0.1 }),
                ClaudeEnv.owned.allSatisfy({ key in file.env.contains { $0.0 == key } || effective(key) == nil })
            {
                _ = store
                return name
            }
        }
        return nil
    }

    /// Where consumers of the same environment would disagree, or a choice is silently overridden:
    /// Claude Code's own warnings about today's setup, and for a setup about to be written to user
    /// settings, every value a higher settings file or an API key would override.
    public func shadowing(for profile: SetupProfile? = nil) -> [Shadowing] {
        var found: [Shadowing] = claude.shellOverrides.map {
            .shellDiffersFromSettings(
                variable: $0.variable, shellValue: ClaudeEnv.shown($0.variable, $0.shellValue),
                settingsValue: ClaudeEnv.shown($0.variable, $0.effective.value),
                source: $0.effective.source.description)
        }
        found += claude.credentialNotes().map { .claudeCode($0.cause) }
        // The second line: where the AWS CLI in this shell would do otherwise (when Claude Code's
        // own sign-in works; a failing one is reported as the problem it is).
        if claude.credentials.ok { found += claude.awsCliLines().map { .claudeCode($0.cause) } }
        guard let profile else { return found }
        // Access keys chosen, but AWS_PROFILE set where the setup does not write: Claude Code uses the profile.
        if profile.credentials == .environment, let named = claude.environment[ClaudeEnv.profile], !named.value.isEmpty,
            Self.outlivesUserSettings(named.source)
        {
            found.append(.profileOverridesEnvironmentKeys(profile: named.value, source: named.source.description))
        }
        found += Self.settingsOverrides(of: profile, settingsAboveUser: settingsAboveUser)
        if let token = claude.value(ClaudeEnv.bearerToken), profile.credentials != .apiKey, !token.isEmpty {
            found.append(.bearerTokenOverridesCredentials)
        }
        return found
    }
}

extension CurrentSetup {
    /// The values set by a settings file above the user's (project, local, `--settings`, managed): a write to user
    /// settings cannot change what Claude Code sees for these.
    public var settingsAboveUser: [String: Sourced<String>] {
        claude.environment.filter {
            if case .settings(let scope, _) = $0.value.source { scope != .user } else { false }
        }
    }

    /// Every value of `profile` that a settings file above the user's would override once written to user settings.
    public static func settingsOverrides(of profile: SetupProfile, settingsAboveUser: [String: Sourced<String>])
        -> [Shadowing]
    {
        profile.environment().compactMap { key, value in
            guard let above = settingsAboveUser[key], above.value != value else { return nil }
            return .environmentOverridesSetting(
                variable: key, environmentValue: ClaudeEnv.shown(key, above.value), chosen: ClaudeEnv.shown(key, value),
                source: above.source.description)
        }
    }

    /// A value the setup's write to user settings leaves in place: exported, or set by a settings
    /// file above the user's.
    static func outlivesUserSettings(_ source: ValueSource) -> Bool {
        switch source {
        case .environment: true
        case .settings(let scope, _): scope != .user
        default: false
        }
    }
}

/// A warning that something would silently win over the user's choice.
public enum Shadowing: Equatable, Sendable, CustomStringConvertible {
    case shellDiffersFromSettings(variable: String, shellValue: String, settingsValue: String, source: String)
    case claudeCode(String)
    case environmentOverridesSetting(variable: String, environmentValue: String, chosen: String, source: String)
    case bearerTokenOverridesCredentials
    case profileOverridesEnvironmentKeys(profile: String, source: String)

    public var description: String {
        switch self {
        case .shellDiffersFromSettings(let variable, let shell, let settings, let source):
            "\(variable)=\(shell) in this shell, but \(source) sets \(settings): Claude Code uses \(settings), the AWS CLI \(shell)."
        case .claudeCode(let text): text
        case .environmentOverridesSetting(let variable, let value, let chosen, let source):
            "\(variable)=\(value) in \(source) wins over the \(chosen) written to user settings; change it there."
        case .bearerTokenOverridesCredentials:
            "AWS_BEARER_TOKEN_BEDROCK is set, and Claude Code will use it instead of the chosen credentials."
        case .profileOverridesEnvironmentKeys(let profile, let source):
            "AWS_PROFILE=\(profile) (\(source)) is set, so Claude Code uses profile \(profile) and ignores the access keys; "
                + "the AWS CLI would use the keys. Unset AWS_PROFILE there."
        }
    }
}
