import FoundationEssentials

/// One Claude Code settings file in the order Claude Code layers them.
public struct SettingsLayer: Sendable {
    public let scope: SettingsScope
    public let file: ClaudeSettingsFile
}

/// A variable exported in the shell whose value a settings `env` block replaces for Claude Code.
public struct ShellOverride: Sendable, Equatable {
    public let variable: String
    public let shellValue: String
    public let effective: Sourced<String>
}

/// What Claude Code will see and do, resolved with its own rules (facts page §1–§5): the
/// effective environment with the source of every value, the shared files as the JS SDK reads
/// them, the credentials it will use and why, the Region, the models it will call, and every
/// problem as a typed diagnosis. Pure: files are read, nothing runs, nothing is sent.
public struct ClaudeCodeView: Sendable {
    public let version: ClaudeCodeVersion?
    public let layers: [SettingsLayer]
    public let environment: [String: Sourced<String>]
    public let shellOverrides: [ShellOverride]
    public let authRefresh: Sourced<String>?
    public let credentialExport: Sourced<String>?
    public let files: SharedFilesJS
    public let region: Sourced<String>?
    public let credentials: CredentialsFinding
    public let primaryModel: Sourced<String>
    public let backgroundModel: Sourced<String>
    /// The AWS CLI's (botocore's) answer for the same shell, for the second line where it differs.
    public let awsCli: AWSCLIView
    public let problems: [SetupError]
    let shell: [String: String]

    public struct Context: Sendable {
        public var paths: Paths
        public var version: ClaudeCodeVersion?
        /// `claude --settings FILE`, when the person starts Claude Code with one.
        public var settingsFile: String?
        public var now: Date
        public var sha1Hex: @Sendable (String) -> String

        public init(
            paths: Paths, version: ClaudeCodeVersion?, settingsFile: String? = nil, now: Date = Date(),
            sha1Hex: @escaping @Sendable (String) -> String
        ) {
            self.paths = paths
            self.version = version
            self.settingsFile = settingsFile
            self.now = now
            self.sha1Hex = sha1Hex
        }
    }

    public func value(_ key: String) -> String? { environment[key].flatMap { $0.value.isEmpty ? nil : $0.value } }

    public var bedrockEnabled: Bool {
        guard let value = value(ClaudeEnv.useBedrock)?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }

    /// An LLM gateway signs the requests: no AWS credentials are needed, and AWS is not what to check.
    public var gatewaySigns: Bool {
        ["1", "true"].contains(value(ClaudeEnv.skipAuth)?.lowercased() ?? "") && value(ClaudeEnv.baseURL) != nil
    }

    /// The folder holding `.git` at or above `folder`, if any.
    public static func gitRoot(of folder: String) -> String? {
        var folder = PathText.standardized(folder)
        while true {
            if FileManager.default.fileExists(atPath: PathText.joined(folder, ".git")) { return folder }
            let parent = PathText.parent(folder)
            if parent == folder || parent.isEmpty { return nil }
            folder = parent
        }
    }

    static func samePath(_ a: String, _ b: String) -> Bool {
        PathText.resolvingSymlinks(a) == PathText.resolvingSymlinks(b)
    }

    /// The settings files Claude Code reads, lowest precedence first: user, project, local (at
    /// the git root since v2.1.211), `--settings`, managed. Run from the home folder, the project
    /// file is the user file: it is read once, as user settings.
    public static func settingsPaths(_ context: Context) -> [(SettingsScope, String)] {
        let paths = context.paths
        let cwd = paths.workingDirectory
        var result: [(SettingsScope, String)] = [(.user, paths.userSettings)]
        if !samePath(paths.projectSettings, paths.userSettings) { result.append((.project, paths.projectSettings)) }
        let localFolder = context.version.follows(.localSettingsAtGitRoot) ? (gitRoot(of: cwd) ?? cwd) : cwd
        let local = localFolder + "/.claude/settings.local.json"
        if !samePath(local, paths.userSettings) { result.append((.local, local)) }
        if let file = context.settingsFile { result.append((.commandLine, file)) }
        result.append((.managed, paths.managedSettings))
        return result
    }

    public static func resolve(_ context: Context, validator: Validator? = nil) -> ClaudeCodeView {
        var problems: [SetupError] = []
        var layers: [SettingsLayer] = []
        for (scope, path) in settingsPaths(context) {
            do {
                let file = try ClaudeSettingsFile.read(path)
                if file.json != nil { layers.append(SettingsLayer(scope: scope, file: file)) }
            } catch { problems.append(error) }
        }
        let shell = context.paths.environment
        var environment = shell.reduce(into: [String: Sourced<String>]()) {
            $0[$1.key] = Sourced($1.value, from: .environment($1.key))
        }
        var authRefresh: Sourced<String>?
        var credentialExport: Sourced<String>?
        for layer in layers {
            let source = ValueSource.settings(layer.scope, path: layer.file.path)
            for (key, value) in layer.file.env { environment[key] = Sourced(value, from: source) }
            if let value = layer.file.authRefresh { authRefresh = Sourced(value, from: source) }
            if let value = layer.file.json?["awsCredentialExport"]?.stringValue {
                credentialExport = Sourced(value, from: source)
            }
        }
        let overrides = shell.keys.sorted().compactMap { key -> ShellOverride? in
            guard let effective = environment[key], case .settings = effective.source, let value = shell[key],
                effective.value != value
            else { return nil }
            return ShellOverride(variable: key, shellValue: value, effective: effective)
        }
        let env = environment.mapValues(\.value)
        func nonEmpty(_ key: String) -> String? { env[key].flatMap { $0.isEmpty ? nil : $0 } }

        // The shared files, moved by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE wherever they are set.
        let home = context.paths.home
        func expand(_ path: String) -> String { path.hasPrefix("~/") ? home + path.dropFirst(1) : path }
        let configPath = nonEmpty("AWS_CONFIG_FILE").map(expand) ?? home + "/.aws/config"
        let credentialsPath = nonEmpty("AWS_SHARED_CREDENTIALS_FILE").map(expand) ?? home + "/.aws/credentials"
        let files = SharedFilesJS.read(configPath: configPath, credentialsPath: credentialsPath)
        problems += files.problems

        let version = context.version
        let profileName = nonEmpty(ClaudeEnv.profile) ?? "default"
        let region = resolveRegion(environment: environment, profile: files.profile(profileName), version: version)
        let ssoCache = SSOTokenCache(directory: home + "/.aws/sso/cache", sha1Hex: context.sha1Hex)
        let credentials = resolveCredentials(
            env: env, version: version, credentialExport: credentialExport, authRefresh: authRefresh,
            resolver: JSProfileResolver(files: files, environment: env, ssoCache: ssoCache, now: context.now))
        let regionName = region?.value ?? "us-east-1"
        let models = resolveModels(
            environment: environment, region: regionName, version: version,
            offered: validator.map { offeredProfiles(region: regionName, validator: $0) })
        let awsCli = AWSCLIView.resolve(shell: shell, home: home)
        return ClaudeCodeView(
            version: version, layers: layers, environment: environment, shellOverrides: overrides,
            authRefresh: authRefresh,
            credentialExport: credentialExport, files: files, region: region, credentials: credentials,
            primaryModel: models.primary, backgroundModel: models.background, awsCli: awsCli, problems: problems,
            shell: shell)
    }

    static func isRegionShaped(_ value: String) -> Bool { Validator.isRegionName(value) }

    /// v2.1.172+: AWS_REGION → AWS_DEFAULT_REGION → the profile's `region` → us-east-1, skipping
    /// values not shaped like a Region (v2.1.232+). Earlier: AWS_REGION only (nil when unset).
    static func resolveRegion(environment: [String: Sourced<String>], profile: SDKProfile?, version: ClaudeCodeVersion?)
        -> Sourced<String>?
    {
        let shaped: (Sourced<String>?) -> Sourced<String>? = { candidate in
            guard let candidate, !candidate.value.isEmpty else { return nil }
            return !version.follows(.regionShapeChecked) || isRegionShaped(candidate.value) ? candidate : nil
        }
        if let region = shaped(environment[ClaudeEnv.region]) { return region }
        guard version.follows(.regionFromProfile) else { return nil }
        if let region = shaped(environment["AWS_DEFAULT_REGION"]) { return region }
        if let region = shaped(profile?.settings["region"]) { return region }
        return Sourced("us-east-1", from: .claudeCodeDefault)
    }

    static func resolveCredentials(
        env: [String: String], version: ClaudeCodeVersion?, credentialExport: Sourced<String>?,
        authRefresh: Sourced<String>?, resolver: JSProfileResolver
    ) -> CredentialsFinding {
        func nonEmpty(_ key: String) -> String? { env[key].flatMap { $0.isEmpty ? nil : $0 } }
        if let token = env[ClaudeEnv.bearerToken], !token.isEmpty || !version.follows(.emptyBearerTokenIsUnset) {
            guard !token.isEmpty else {
                return CredentialsFinding(
                    origin: .apiKey, summary: "an empty Bedrock API key",
                    problem: Diagnosis(
                        check: JSProfileResolver.check, severity: .failure, code: .invalidAPIKey,
                        cause:
                            "AWS_BEARER_TOKEN_BEDROCK is set but empty; Claude Code before 2.1.97 sends it as the API key.",
                        fix: "Unset AWS_BEARER_TOKEN_BEDROCK, or update Claude Code."))
            }
            return CredentialsFinding(
                origin: .apiKey, summary: "Bedrock API key \(Mask.tail(token)) (AWS_BEARER_TOKEN_BEDROCK)")
        }
        if let skip = nonEmpty("CLAUDE_CODE_SKIP_BEDROCK_AUTH"), ["1", "true"].contains(skip.lowercased()) {
            return CredentialsFinding(
                origin: .skipAuth, summary: "no AWS authentication (CLAUDE_CODE_SKIP_BEDROCK_AUTH), for an LLM gateway")
        }
        if let export = credentialExport, authRefresh == nil {
            return CredentialsFinding(
                origin: .credentialExport,
                summary: "the JSON printed by awsCredentialExport (`\(export.value)`, \(export.source))")
        }
        let profileVariable = nonEmpty(ClaudeEnv.profile)
        if profileVariable == nil, let id = nonEmpty("AWS_ACCESS_KEY_ID"), nonEmpty("AWS_SECRET_ACCESS_KEY") != nil {
            return CredentialsFinding(
                origin: .environment, accessKeyId: id,
                summary: "access keys \(Mask.keyId(id)) from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY"
                    + (nonEmpty("AWS_SESSION_TOKEN") != nil ? " with a session token" : ""))
        }
        let name = profileVariable ?? "default"
        if profileVariable == nil, resolver.files.profile("default") == nil {
            return CredentialsFinding(
                origin: .none, summary: "no credentials",
                problem: Diagnosis(
                    check: JSProfileResolver.check, severity: .failure, code: .noCredentials,
                    cause:
                        "Claude Code finds no AWS credentials: no API key, no access-key pair, no AWS_PROFILE, no [default] profile.",
                    fix: "Run `bedrock-setup` and choose a credentials option, or `aws configure`."))
        }
        let outcome = resolver.resolve(name)
        return CredentialsFinding(
            origin: .profile, profile: name, mechanism: outcome.mechanism, accessKeyId: outcome.keyId,
            summary: outcome.summary, problem: outcome.problem)
    }

    /// Pins, or the defaults of this version for this Region (with the prefix rule).
    /// What `ListInferenceProfiles` answers in `region`, as well as it is known offline: the last live listing,
    /// else the bundled catalogue (Claude Code falls back to one of these when the prefix rule names a profile
    /// the Region lacks).
    static func offeredProfiles(region: String, validator: Validator) -> [String] {
        validator.discovery?.load(region: region).map { $0.profiles.map(\.id) }
            ?? validator.catalogue.profiles(usableFrom: region).map(\.id)
    }

    static func resolveModels(
        environment: [String: Sourced<String>], region: String, version: ClaudeCodeVersion?,
        offered: [String]? = nil
    ) -> (primary: Sourced<String>, background: Sourced<String>) {
        func pin(_ key: String) -> Sourced<String>? { environment[key].flatMap { $0.value.isEmpty ? nil : $0 } }
        let defaults = ClaudeCodeDefaults.of(version).models(
            region: region, prefixOverride: pin("ANTHROPIC_BEDROCK_REGION_PREFIX")?.value,
            version: version, offered: offered)
        let primary =
            pin(ClaudeEnv.model) ?? pin("ANTHROPIC_DEFAULT_MODEL")
            ?? Sourced(defaults.primary, from: .claudeCodeDefault)
        let background =
            pin(ClaudeEnv.haikuModel) ?? pin(ClaudeEnv.smallFastModel) ?? pin(ClaudeEnv.model)
            ?? Sourced(defaults.background, from: .claudeCodeDefault)
        return (primary, background)
    }
}
