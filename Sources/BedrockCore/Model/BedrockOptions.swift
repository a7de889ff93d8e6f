import FoundationEssentials
import Glibc

/// Bedrock settings Claude Code reads beyond Region, credentials and models (CLAUDE-CODE.md §5;
/// env-vars docs), each written as the `env` variable Claude Code reads.
public struct BedrockOptions: Equatable, Sendable {
    /// `ANTHROPIC_BEDROCK_SERVICE_TIER`, sent as `X-Amzn-Bedrock-Service-Tier`.
    public enum ServiceTier: String, CaseIterable, Sendable { case `default`, flex, priority }

    /// A Bedrock Guardrail, applied to every call through two request headers.
    public struct Guardrail: Equatable, Sendable {
        public var identifier: String
        public var version: String
        public init(identifier: String, version: String) {
            self.identifier = identifier
            self.version = version
        }

        static let identifierHeader = "X-Amzn-Bedrock-GuardrailIdentifier"
        static let versionHeader = "X-Amzn-Bedrock-GuardrailVersion"
        var headerLines: [String] { ["\(Self.identifierHeader): \(identifier)", "\(Self.versionHeader): \(version)"] }
    }

    /// What Claude Code shows for an ARN pin it cannot recognise by name (`_NAME`,
    /// `_SUPPORTED_CAPABILITIES`, comma-separated names of `ModelCapability`).
    public struct PinLabel: Equatable, Sendable {
        public var name: String?
        public var capabilities: String?
        public init(name: String?, capabilities: String?) {
            self.name = name
            self.capabilities = capabilities
        }
    }

    public var serviceTier: ServiceTier?
    /// A tier value this tool does not know, kept as found so that a write never drops it (doctor says it is not one
    /// of Claude Code's tiers); written only while `serviceTier` is nil.
    public var unrecognizedServiceTier: String?
    public var guardrail: Guardrail?
    /// `ANTHROPIC_BEDROCK_BASE_URL`: a custom endpoint or an LLM gateway.
    public var baseURL: String?
    /// `CLAUDE_CODE_SKIP_BEDROCK_AUTH=1`: the gateway signs; Claude Code needs no AWS credentials.
    public var skipAuth: Bool
    /// `CLAUDE_CODE_USE_MANTLE=1`: the Mantle endpoint, which takes bare model IDs.
    public var mantle: Bool
    public var mantleBaseURL: String?
    public var skipMantleAuth: Bool
    /// `DISABLE_PROMPT_CACHING=1`.
    public var disablePromptCaching: Bool
    /// `ENABLE_PROMPT_CACHING_1H=1`: a 1-hour cache, billed at a higher rate.
    public var promptCaching1h: Bool
    /// Keyed by the pin variable (`ANTHROPIC_DEFAULT_OPUS_MODEL`…).
    public var pinLabels: [String: PinLabel]
    /// `modelOverrides` (settings): Anthropic model name → ARN, for a fleet of ARN pins.
    public var modelOverrides: [String: String] = [:]
    /// `modelOverrides` names to take out of the settings (the wizard's remove); any other entry there is kept.
    public var removedModelOverrides: Set<String> = []

    public init(
        serviceTier: ServiceTier? = nil, guardrail: Guardrail? = nil, baseURL: String? = nil, skipAuth: Bool = false,
        mantle: Bool = false, mantleBaseURL: String? = nil, skipMantleAuth: Bool = false,
        disablePromptCaching: Bool = false,
        promptCaching1h: Bool = false, pinLabels: [String: PinLabel] = [:]
    ) {
        self.serviceTier = serviceTier
        self.guardrail = guardrail
        self.baseURL = baseURL
        self.skipAuth = skipAuth
        self.mantle = mantle
        self.mantleBaseURL = mantleBaseURL
        self.skipMantleAuth = skipMantleAuth
        self.disablePromptCaching = disablePromptCaching
        self.promptCaching1h = promptCaching1h
        self.pinLabels = pinLabels
    }

    /// The variables, in a stable order; Guardrail headers are merged into
    /// `ANTHROPIC_CUSTOM_HEADERS` by `SettingsMerge`, keeping the user's other headers.
    public var environment: [(String, String)] {
        var env: [(String, String)] = []
        if let tier = serviceTier?.rawValue ?? unrecognizedServiceTier { env.append((ClaudeEnv.serviceTier, tier)) }
        if let guardrail { env.append((ClaudeEnv.customHeaders, guardrail.headerLines.joined(separator: "\n"))) }
        if let baseURL { env.append((ClaudeEnv.baseURL, baseURL)) }
        if skipAuth { env.append((ClaudeEnv.skipAuth, "1")) }
        if mantle { env.append((ClaudeEnv.useMantle, "1")) }
        if let mantleBaseURL { env.append((ClaudeEnv.mantleBaseURL, mantleBaseURL)) }
        if skipMantleAuth { env.append((ClaudeEnv.skipMantleAuth, "1")) }
        if disablePromptCaching { env.append((ClaudeEnv.disablePromptCaching, "1")) }
        if promptCaching1h { env.append((ClaudeEnv.promptCaching1h, "1")) }
        return env
    }

    /// The inverse of `environment`, from a settings `env` block or a saved profile.
    public init(environment env: [String: String]) {
        func on(_ key: String) -> Bool { ["1", "true"].contains(env[key]?.lowercased() ?? "") }
        var labels: [String: PinLabel] = [:]
        for pin in ClaudeEnv.describedPins
        where env[pin + "_NAME"] != nil || env[pin + "_SUPPORTED_CAPABILITIES"] != nil {
            labels[pin] = PinLabel(name: env[pin + "_NAME"], capabilities: env[pin + "_SUPPORTED_CAPABILITIES"])
        }
        self.init(
            serviceTier: env[ClaudeEnv.serviceTier].flatMap(ServiceTier.init(rawValue:)),
            guardrail: env[ClaudeEnv.customHeaders].flatMap(Self.guardrail(in:)), baseURL: env[ClaudeEnv.baseURL],
            skipAuth: on(ClaudeEnv.skipAuth), mantle: on(ClaudeEnv.useMantle),
            mantleBaseURL: env[ClaudeEnv.mantleBaseURL],
            skipMantleAuth: on(ClaudeEnv.skipMantleAuth), disablePromptCaching: on(ClaudeEnv.disablePromptCaching),
            promptCaching1h: on(ClaudeEnv.promptCaching1h), pinLabels: labels)
        if let tier = env[ClaudeEnv.serviceTier], !tier.isEmpty, serviceTier == nil { unrecognizedServiceTier = tier }
    }

    /// The Mantle address Claude Code calls in `region` when `ANTHROPIC_BEDROCK_MANTLE_BASE_URL` is unset: the
    /// Region's `bedrock-mantle` host (AWS's endpoints page), under the Anthropic Messages API's `/anthropic` path.
    public static func defaultMantleBaseURL(region: String) -> String {
        "https://bedrock-mantle.\(region).api.aws/anthropic"
    }

    /// Header name → value from `ANTHROPIC_CUSTOM_HEADERS` (newline-separated `Name: Value`).
    static func headers(_ text: String) -> [(name: String, value: String)] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].trimmingSpaces(), line[line.index(after: colon)...].trimmingSpaces())
        }
    }

    static func guardrail(in headers: String) -> Guardrail? {
        let parsed = Self.headers(headers)
        guard let id = parsed.first(where: { $0.name.lowercased() == Guardrail.identifierHeader.lowercased() })?.value,
            let version = parsed.first(where: { $0.name.lowercased() == Guardrail.versionHeader.lowercased() })?.value
        else { return nil }
        return Guardrail(identifier: id, version: version)
    }

    /// `ANTHROPIC_CUSTOM_HEADERS` with the Guardrail lines replaced (or removed when `guardrail`
    /// is nil) and every other header the user wrote kept in place; nil when nothing is left.
    public static func mergeHeaders(existing: String?, guardrail: Guardrail?) -> String? {
        let ours = [Guardrail.identifierHeader.lowercased(), Guardrail.versionHeader.lowercased()]
        var lines = (existing ?? "").split(whereSeparator: \.isNewline).map(String.init).filter { line in
            let name = line.split(separator: ":", maxSplits: 1).first.map { $0.trimmingSpaces().lowercased() } ?? ""
            return !ours.contains(name)
        }
        lines += guardrail?.headerLines ?? []
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}
