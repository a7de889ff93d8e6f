/// How Claude Code will find AWS credentials for this setup.
public enum CredentialsMethod: String, CaseIterable, Sendable, Codable {
    /// A) a profile in `~/.aws` with static keys (existing, or entered and written like `aws configure`).
    case awsProfile = "aws-profile"
    /// B) `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` already in the environment.
    case environment = "env"
    /// C) an IAM Identity Center (SSO) profile, refreshed with `aws sso login`.
    case sso
    /// D) a Bedrock API key, sent as `AWS_BEARER_TOKEN_BEDROCK`.
    case apiKey = "api-key"

    public var letter: String {
        switch self {
        case .awsProfile: "A"
        case .environment: "B"
        case .sso: "C"
        case .apiKey: "D"
        }
    }

    public var title: String {
        switch self {
        case .awsProfile: "AWS profile with access keys"
        case .environment: "Access keys from the environment"
        case .sso: "SSO profile (IAM Identity Center)"
        case .apiKey: "Bedrock API key"
        }
    }

    public var usesAWSProfile: Bool { self == .awsProfile || self == .sso }
}

/// What runs when Claude Code finds the credentials expired (`awsAuthRefresh`).
public enum AuthRefresh: Equatable, Sendable {
    case none
    /// `aws sso login --profile NAME`, derived from the profile's AWS profile (AWS CLI v2 only).
    case ssoLogin
    /// `'/path/to/bedrock-setup' login --profile NAME`: the built-in sign-in, which needs no AWS CLI.
    case builtInLogin(executable: String)
    /// `aws login --profile NAME`, for an `aws login` profile (`login_session`).
    case awsLogin
    case command(String)

    /// A command the person wrote themselves (kept as it is when the profile changes).
    public var isCustomCommand: Bool {
        if case .command = self { true } else { false }
    }

    public func command(awsProfile: String?) -> String? {
        switch self {
        case .none: nil
        case .ssoLogin: awsProfile.map { "aws sso login --profile \(ShellQuoting.bash($0))" }
        case .awsLogin: awsProfile.map { "aws login --profile \(ShellQuoting.bash($0))" }
        case .builtInLogin(let executable):
            awsProfile.map { "\(ShellQuoting.bash(executable)) login --profile \(ShellQuoting.bash($0))" }
        case .command(let text): text
        }
    }

    /// Reads a written `awsAuthRefresh` back: one of the sign-in commands this tool writes (for
    /// this profile or another one, as after a profile switch), or any other command as it is. A
    /// blank one counts as none (Claude Code requires a command), so it is never written again.
    public static func parse(_ command: String, awsProfile: String?) -> AuthRefresh {
        if command.trimmingSpaces().isEmpty { return .none }
        func quotedWord(_ text: Substring) -> Bool { ShellQuoting.unquoteBash(String(text)) != nil }
        for (preset, prefix) in [
            (AuthRefresh.ssoLogin, "aws sso login --profile "), (.awsLogin, "aws login --profile "),
        ]
        where command.hasPrefix(prefix) && quotedWord(command.dropFirst(prefix.count)) {
            return preset
        }
        if let login = command.ranges(of: " login --profile ").last, quotedWord(command[login.upperBound...]),
            let executable = ShellQuoting.unquoteBash(String(command[..<login.lowerBound])),
            executable.hasPrefix("/"), executable.hasSuffix("/bedrock-setup")
        {
            return .builtInLogin(executable: executable)
        }
        return .command(command)
    }

    /// Whether the command signs in to IAM Identity Center (so the profile is an SSO one).
    public var signsInToSSO: Bool {
        switch self {
        case .ssoLogin, .builtInLogin: true
        case .none, .awsLogin: false
        case .command(let text): text.contains("sso login")
        }
    }
}

extension AuthRefresh {
    /// The refresh command that matches how the credentials are got: an SSO profile signs in
    /// again (`sso`: `aws sso login` or the built-in sign-in), an `aws login` profile runs
    /// `aws login`, anything else (static keys, a role, keys, an API key) needs none.
    public static func preset(credentials: CredentialsMethod, kind: AWSProfileKind?, sso: AuthRefresh) -> AuthRefresh {
        switch (credentials, kind) {
        case (.sso, _), (.awsProfile, .ssoSession?), (.awsProfile, .legacySSO?): sso
        case (.awsProfile, .loginSession?): .awsLogin
        default: .none
        }
    }
}

/// A named setup: every answer the wizard or `apply` collects. Secrets are not part of it;
/// they travel separately as `Secrets` so that nothing prints them by accident.
public struct SetupProfile: Equatable, Sendable {
    public var name: String
    public var credentials: CredentialsMethod
    public var awsProfile: String?
    public var region: String
    public var smallFastRegion: String?
    public var model: String?
    public var smallFastModel: String?
    public var opusModel: String?
    public var sonnetModel: String?
    /// `ANTHROPIC_DEFAULT_FABLE_MODEL`.
    public var fableModel: String?
    /// `ANTHROPIC_DEFAULT_MODEL`: a default a `/model` pick may override.
    public var defaultModel: String?
    /// `ANTHROPIC_BEDROCK_REGION_PREFIX`: the prefix of Claude Code's built-in defaults.
    public var regionPrefix: String?
    /// Service tier, Guardrails, gateway, Mantle, prompt caching, display names of ARN pins.
    public var bedrock: BedrockOptions
    public var authRefresh: AuthRefresh
    /// Remove a pre-existing `awsCredentialExport` from the settings written: its command's
    /// credentials would win over the ones chosen here.
    public var removeCredentialExport = false

    public init(
        name: String, credentials: CredentialsMethod, awsProfile: String? = nil, region: String,
        smallFastRegion: String? = nil, model: String? = nil, smallFastModel: String? = nil,
        opusModel: String? = nil, sonnetModel: String? = nil, fableModel: String? = nil, defaultModel: String? = nil,
        regionPrefix: String? = nil, bedrock: BedrockOptions = BedrockOptions(), authRefresh: AuthRefresh = .none
    ) {
        self.name = name
        self.credentials = credentials
        self.awsProfile = awsProfile
        self.region = region
        self.smallFastRegion = smallFastRegion
        self.model = model
        self.smallFastModel = smallFastModel
        self.opusModel = opusModel
        self.sonnetModel = sonnetModel
        self.fableModel = fableModel
        self.defaultModel = defaultModel
        self.regionPrefix = regionPrefix
        self.bedrock = bedrock
        self.authRefresh = authRefresh
    }
}

/// Environment variable names Claude Code reads for Bedrock; the ones this tool owns in settings.
public enum ClaudeEnv {
    public static let useBedrock = "CLAUDE_CODE_USE_BEDROCK"
    public static let region = "AWS_REGION"
    public static let profile = "AWS_PROFILE"
    public static let bearerToken = "AWS_BEARER_TOKEN_BEDROCK"
    public static let model = "ANTHROPIC_MODEL"
    public static let smallFastModel = "ANTHROPIC_SMALL_FAST_MODEL"
    public static let haikuModel = "ANTHROPIC_DEFAULT_HAIKU_MODEL"
    public static let sonnetModel = "ANTHROPIC_DEFAULT_SONNET_MODEL"
    public static let opusModel = "ANTHROPIC_DEFAULT_OPUS_MODEL"
    public static let fableModel = "ANTHROPIC_DEFAULT_FABLE_MODEL"
    public static let defaultModel = "ANTHROPIC_DEFAULT_MODEL"
    public static let regionPrefix = "ANTHROPIC_BEDROCK_REGION_PREFIX"
    public static let smallFastRegion = "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION"
    public static let serviceTier = "ANTHROPIC_BEDROCK_SERVICE_TIER"
    public static let customHeaders = "ANTHROPIC_CUSTOM_HEADERS"
    public static let baseURL = "ANTHROPIC_BEDROCK_BASE_URL"
    public static let skipAuth = "CLAUDE_CODE_SKIP_BEDROCK_AUTH"
    public static let useMantle = "CLAUDE_CODE_USE_MANTLE"
    public static let mantleBaseURL = "ANTHROPIC_BEDROCK_MANTLE_BASE_URL"
    public static let skipMantleAuth = "CLAUDE_CODE_SKIP_MANTLE_AUTH"
    public static let disablePromptCaching = "DISABLE_PROMPT_CACHING"
    public static let promptCaching1h = "ENABLE_PROMPT_CACHING_1H"
    public static let authRefreshKey = "awsAuthRefresh"
    public static let credentialExportKey = "awsCredentialExport"
    public static let modelOverridesKey = "modelOverrides"
    public static let schemaKey = "$schema"
    public static let schemaURL = "https://json.schemastore.org/claude-code-settings.json"

    /// The pins that can carry `_NAME` / `_DESCRIPTION` / `_SUPPORTED_CAPABILITIES`.
    public static let describedPins = [opusModel, sonnetModel, haikuModel, fableModel]

    /// Every `env` key the tool writes, and so may remove when a profile no longer sets it.
    /// `ANTHROPIC_CUSTOM_HEADERS` is not here: the tool owns only its Guardrail lines in it.
    public static let owned: [String] =
        [
            useBedrock, region, profile, bearerToken, model, smallFastModel, haikuModel,
            sonnetModel, opusModel, fableModel, defaultModel, regionPrefix, smallFastRegion,
            serviceTier, baseURL, skipAuth, useMantle, mantleBaseURL, skipMantleAuth,
            disablePromptCaching, promptCaching1h,
        ]
        + describedPins.flatMap { [$0 + "_NAME", $0 + "_DESCRIPTION", $0 + "_SUPPORTED_CAPABILITIES"] }
    /// A setting's value as any screen or report shows it: a secret masked, and a gateway's
    /// credentials (a URL's password, a credential header) masked inside any other value.
    public static func shown(_ key: String, _ value: String) -> String {
        secretKeys.contains(key) ? Mask.tail(value) : SecretLine.maskingCredentialsInText(value)
    }

    public static let secretKeys: Set<String> = [
        bearerToken, "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
        "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN",
    ]
}

extension SetupProfile {
    /// The `env` block Claude Code should see, in a stable order. The deprecated
    /// `ANTHROPIC_SMALL_FAST_MODEL` is written only for a Claude Code that needs it.
    public func environment(apiKey: String? = nil, legacySmallFastName: Bool = false) -> [(String, String)] {
        var env: [(String, String)] = [(ClaudeEnv.useBedrock, "1"), (ClaudeEnv.region, region)]
        if credentials.usesAWSProfile, let awsProfile { env.append((ClaudeEnv.profile, awsProfile)) }
        if credentials == .apiKey, let apiKey { env.append((ClaudeEnv.bearerToken, apiKey)) }
        if let model { env.append((ClaudeEnv.model, model)) }
        if let defaultModel { env.append((ClaudeEnv.defaultModel, defaultModel)) }
        if let smallFastModel {
            env.append((ClaudeEnv.haikuModel, smallFastModel))
            if legacySmallFastName { env.append((ClaudeEnv.smallFastModel, smallFastModel)) }
        }
        if let sonnetModel { env.append((ClaudeEnv.sonnetModel, sonnetModel)) }
        if let opusModel { env.append((ClaudeEnv.opusModel, opusModel)) }
        if let fableModel { env.append((ClaudeEnv.fableModel, fableModel)) }
        for (variable, label) in bedrock.pinLabels.sorted(by: { $0.key < $1.key }) {
            if let name = label.name { env.append((variable + "_NAME", name)) }
            if let capabilities = label.capabilities {
                env.append((variable + "_SUPPORTED_CAPABILITIES", capabilities))
            }
        }
        if let smallFastRegion { env.append((ClaudeEnv.smallFastRegion, smallFastRegion)) }
        if let regionPrefix { env.append((ClaudeEnv.regionPrefix, regionPrefix)) }
        env += bedrock.environment
        return env
    }

    /// Every model the profile pins, primary first.
    public var pinnedModels: [String] {
        [model, defaultModel, smallFastModel, sonnetModel, opusModel, fableModel].compactMap { $0 }
    }

    /// Reads a profile back from its settings fragment (the inverse of `environment`).
    public init(name: String, fragmentEnv env: [String: String], authRefresh refreshCommand: String?) throws(SetupError)
    {
        guard let region = env[ClaudeEnv.region] else {
            throw .profileIncomplete(name: name, missing: ClaudeEnv.region)
        }
        let credentials: CredentialsMethod
        if env[ClaudeEnv.bearerToken] != nil {
            credentials = .apiKey
        } else if env[ClaudeEnv.profile] != nil {
            credentials =
                (refreshCommand.map { AuthRefresh.parse($0, awsProfile: env[ClaudeEnv.profile]).signsInToSSO } ?? false)
                ? .sso : .awsProfile
        } else {
            credentials = .environment
        }
        let awsProfile = env[ClaudeEnv.profile]
        let refresh = refreshCommand.map { AuthRefresh.parse($0, awsProfile: awsProfile) } ?? .none
        self.init(
            name: name, credentials: credentials, awsProfile: awsProfile, region: region,
            smallFastRegion: env[ClaudeEnv.smallFastRegion], model: env[ClaudeEnv.model],
            smallFastModel: env[ClaudeEnv.haikuModel] ?? env[ClaudeEnv.smallFastModel],
            opusModel: env[ClaudeEnv.opusModel], sonnetModel: env[ClaudeEnv.sonnetModel],
            fableModel: env[ClaudeEnv.fableModel],
            defaultModel: env[ClaudeEnv.defaultModel], regionPrefix: env[ClaudeEnv.regionPrefix],
            bedrock: BedrockOptions(environment: env), authRefresh: refresh)
    }
}

/// Secrets entered for a setup, kept apart from the profile and never printed.
public struct Secrets: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyId: String?
    public var secretAccessKey: String?
    public var apiKey: String?

    public init(accessKeyId: String? = nil, secretAccessKey: String? = nil, apiKey: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.apiKey = apiKey
    }

    public var description: String {
        "Secrets(accessKeyId: \(accessKeyId.map(Mask.tail) ?? "-"), secretAccessKey: \(secretAccessKey.map(Mask.tail) ?? "-"), apiKey: \(apiKey.map(Mask.tail) ?? "-"))"
    }
    public var debugDescription: String { description }
}

/// Masking for display: the last four characters, never more, never the length of a short secret.
public enum Mask {
    public static func tail(_ secret: String) -> String {
        guard secret.count > 8 else { return "****" }
        return "****" + secret.suffix(4)
    }
}
