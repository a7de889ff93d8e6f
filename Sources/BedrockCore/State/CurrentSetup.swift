import FoundationEssentials
import Glibc

/// Everything configured today, read from the environment, Claude settings, saved profiles
/// and `~/.aws`, with where each value came from. Reading never fails as a whole: a file that
/// cannot be read is reported in `problems` and treated as absent.
public struct CurrentSetup: Sendable {
    public let paths: Paths
    public let settings: [SettingsScope: ClaudeSettingsFile]
    public let savedProfiles: [String]
    public let aws: AWSSharedFiles
    public let problems: [SetupError]

    public static func read(paths: Paths) -> CurrentSetup {
        var problems: [SetupError] = []
        var settings: [SettingsScope: ClaudeSettingsFile] = [:]
        // Run from the home folder, the project's .claude/settings.json is the user settings file:
        // it is read (and reported) once, as user settings.
        let user = URL(fileURLWithPath: paths.userSettings).standardizedFileURL.resolvingSymlinksInPath().path
        let project = URL(fileURLWithPath: paths.projectSettings).standardizedFileURL.resolvingSymlinksInPath().path
        for (scope, path) in [(SettingsScope.user, paths.userSettings), (.project, paths.projectSettings), (.local, paths.localSettings)]
        where scope != .project || project != user {
            do { settings[scope] = try ClaudeSettingsFile.read(path) } catch { problems.append(error) }
        }
        let aws: AWSSharedFiles
        do { aws = try AWSSharedFiles.read(paths: paths) } catch {
            problems.append(error)
            aws = AWSSharedFiles(configPath: paths.awsConfig, credentialsPath: paths.awsCredentials, config: nil, credentials: nil)
        }
        return CurrentSetup(paths: paths, settings: settings, savedProfiles: ProfileStore(paths: paths).names(), aws: aws, problems: problems)
    }

    /// What Claude Code will see for `key`: the process environment first, then the settings
    /// `env` blocks, project-local over project over user.
    public func effective(_ key: String) -> Sourced<String>? {
        if let value = paths.environment[key] { return Sourced(value, from: .environment(key)) }
        for scope in SettingsScope.allCases.reversed() {
            if let file = settings[scope], let value = file.env.last(where: { $0.0 == key })?.1 {
                return Sourced(value, from: .settings(scope, path: file.path))
            }
        }
        return nil
    }

    public var effectiveAuthRefresh: Sourced<String>? {
        for scope in SettingsScope.allCases.reversed() {
            if let file = settings[scope], let value = file.authRefresh { return Sourced(value, from: .settings(scope, path: file.path)) }
        }
        return nil
    }

    /// The Bedrock-related settings Claude Code will see, each with its source.
    public var effectiveValues: [(String, Sourced<String>)] {
        (ClaudeEnv.owned + [ClaudeEnv.customHeaders, "AWS_DEFAULT_REGION", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"])
            .compactMap { key in effective(key).map { (key, $0) } }
    }

    public var bedrockEnabled: Bool {
        guard let value = effective(ClaudeEnv.useBedrock)?.value.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }

    /// Today's setup as a profile, for pre-filling the wizard; nil when no Region is known.
    public func asProfile(named name: String = "default") -> SetupProfile? {
        guard let region = effective(ClaudeEnv.region)?.value ?? effective("AWS_DEFAULT_REGION")?.value else { return nil }
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
            authRefresh: refresh.map { AuthRefresh.parse($0, awsProfile: awsProfile) } ?? .none)
    }

    /// The saved profile whose settings match what Claude Code sees now, if any.
    public var activeProfileName: String? {
        let store = ProfileStore(paths: paths)
        for name in savedProfiles {
            guard let file = try? ClaudeSettingsFile.read(paths.profileFile(name)), !file.env.isEmpty else { continue }
            if file.env.allSatisfy({ effective($0.0)?.value == $0.1 }),
               ClaudeEnv.owned.allSatisfy({ key in file.env.contains { $0.0 == key } || effective(key) == nil }) {
                _ = store
                return name
            }
        }
        return nil
    }

    /// Where consumers of the same environment would disagree, or a choice is silently overridden.
    public func shadowing(for profile: SetupProfile? = nil) -> [Shadowing] {
        var found: [Shadowing] = []
        let env = paths.environment
        let chosenProfile = profile?.awsProfile ?? effective(ClaudeEnv.profile)?.value
        let usesProfile = profile.map { $0.credentials.usesAWSProfile } ?? (chosenProfile != nil)
        if env["AWS_ACCESS_KEY_ID"] != nil, env["AWS_SECRET_ACCESS_KEY"] != nil, usesProfile {
            found.append(.staticKeysOverrideProfile(profile: chosenProfile ?? "default"))
        }
        if let region = env["AWS_REGION"], let defaultRegion = env["AWS_DEFAULT_REGION"], region != defaultRegion {
            found.append(.regionVariablesDisagree(awsRegion: region, awsDefaultRegion: defaultRegion))
        }
        if let profileVar = env["AWS_PROFILE"], let defaultProfile = env["AWS_DEFAULT_PROFILE"], profileVar != defaultProfile {
            found.append(.profileVariablesDisagree(awsProfile: profileVar, awsDefaultProfile: defaultProfile))
        }
        if chosenProfile == nil, env["AWS_ACCESS_KEY_ID"] == nil, env[ClaudeEnv.bearerToken] == nil, aws.profile("default") != nil {
            found.append(.defaultProfileWins)
        }
        if let profile, let chosen = profile.awsProfile, profile.credentials.usesAWSProfile,
           let envProfile = env["AWS_PROFILE"], envProfile != chosen {
            found.append(.environmentOverridesSetting(variable: "AWS_PROFILE", environmentValue: envProfile, chosen: chosen))
        }
        if let profile, let envRegion = env["AWS_REGION"], envRegion != profile.region {
            found.append(.environmentOverridesSetting(variable: "AWS_REGION", environmentValue: envRegion, chosen: profile.region))
        }
        if env[ClaudeEnv.bearerToken] != nil, let profile, profile.credentials != .apiKey {
            found.append(.bearerTokenOverridesCredentials)
        }
        return found
    }
}

/// A warning that something would silently win over the user's choice.
public enum Shadowing: Equatable, Sendable, CustomStringConvertible {
    case staticKeysOverrideProfile(profile: String)
    case regionVariablesDisagree(awsRegion: String, awsDefaultRegion: String)
    case profileVariablesDisagree(awsProfile: String, awsDefaultProfile: String)
    case defaultProfileWins
    case environmentOverridesSetting(variable: String, environmentValue: String, chosen: String)
    case bearerTokenOverridesCredentials

    public var description: String {
        switch self {
        case .staticKeysOverrideProfile(let profile):
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set in the environment and win over profile \(profile); unset them to use the profile."
        case .regionVariablesDisagree(let region, let defaultRegion):
            "AWS_REGION (\(region)) and AWS_DEFAULT_REGION (\(defaultRegion)) disagree; Claude Code uses AWS_REGION, some tools the other."
        case .profileVariablesDisagree(let profile, let defaultProfile):
            "AWS_PROFILE (\(profile)) and AWS_DEFAULT_PROFILE (\(defaultProfile)) disagree; boto3 prefers AWS_DEFAULT_PROFILE, the AWS CLI v2 AWS_PROFILE."
        case .defaultProfileWins:
            "No AWS profile is chosen, so the [default] profile in ~/.aws is used; set AWS_PROFILE to be explicit."
        case .environmentOverridesSetting(let variable, let value, let chosen):
            "\(variable)=\(value) in this shell wins over the \(chosen) written to settings; unset it or open a new shell."
        case .bearerTokenOverridesCredentials:
            "AWS_BEARER_TOKEN_BEDROCK is set in the environment and Claude Code will use it instead of the chosen credentials."
        }
    }
}
