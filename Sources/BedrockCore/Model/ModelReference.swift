/// Claude Code's model aliases (model-config docs). On Bedrock `opus` and `sonnet` resolve to
/// older models unless the matching `ANTHROPIC_DEFAULT_*_MODEL` pin is set.
public enum ClaudeAlias: String, CaseIterable, Sendable {
    case opus, sonnet, haiku, fable, best, opusplan

    /// Only `sonnet[1m]` and `opus[1m]` exist.
    public var takesLongContext: Bool { self == .opus || self == .sonnet }
}

/// Bedrock resources that are called by ARN and are not inference profiles.
public enum ModelARNKind: String, CaseIterable, Sendable {
    case provisionedModel = "provisioned-model"
    case customModel = "custom-model"
    case customModelDeployment = "custom-model-deployment"
    case importedModel = "imported-model"

    public var label: String {
        switch self {
        case .provisionedModel: "provisioned-throughput ARN"
        case .customModel: "custom-model ARN"
        case .customModelDeployment: "custom-model deployment ARN"
        case .importedModel: "imported-model ARN"
        }
    }
}

/// A value Claude Code accepts for a model setting on Bedrock, parsed.
public enum ModelReference: Equatable, Sendable {
    /// A cross-Region inference profile ID: `us.anthropic.claude-sonnet-4-5-20250929-v1:0`,
    /// optionally with Claude Code's `[1m]` suffix.
    case inferenceProfile(geography: Geography, baseModelId: String, longContext: Bool = false)
    /// `arn:PARTITION:bedrock:REGION:ACCOUNT:application-inference-profile/ID`.
    case applicationProfileARN(region: String, account: String, profileId: String, arn: String)
    /// A system inference profile written as an ARN: `arn:aws:bedrock:REGION:ACCOUNT:inference-profile/us.anthropic…`.
    case inferenceProfileARN(region: String, geography: Geography, baseModelId: String, arn: String)
    /// Provisioned throughput, a custom model (deployment) or an imported model, called by its ARN.
    case modelARN(kind: ModelARNKind, region: String, account: String, arn: String)
    /// `opus`, `sonnet[1m]`, `opusplan`…: Claude Code resolves these itself.
    case alias(ClaudeAlias, longContext: Bool = false)
    /// A bare `anthropic.…` ID, which only the Mantle endpoint (`CLAUDE_CODE_USE_MANTLE`) takes.
    case mantle(baseModelId: String, longContext: Bool = false)

    public static let longContextSuffix = "[1m]"

    /// The string Claude Code is given.
    public var identifier: String {
        switch self {
        case .inferenceProfile(let geography, let base, let long):
            geography.prefix + base + (long ? Self.longContextSuffix : "")
        case .applicationProfileARN(_, _, _, let arn), .inferenceProfileARN(_, _, _, let arn),
            .modelARN(_, _, _, let arn):
            arn
        case .alias(let alias, let long): alias.rawValue + (long ? Self.longContextSuffix : "")
        case .mantle(let base, let long): base + (long ? Self.longContextSuffix : "")
        }
    }

    /// The ID Bedrock is called with: the identifier without Claude Code's `[1m]` suffix.
    public var bedrockId: String? {
        switch self {
        case .inferenceProfile(let geography, let base, _): geography.prefix + base
        case .applicationProfileARN(_, _, _, let arn), .inferenceProfileARN(_, _, _, let arn),
            .modelARN(_, _, _, let arn):
            arn
        case .alias: nil
        case .mantle(let base, _): base
        }
    }

    public var baseModelId: String? {
        switch self {
        case .inferenceProfile(_, let base, _), .inferenceProfileARN(_, _, let base, _), .mantle(let base, _): base
        case .applicationProfileARN, .modelARN, .alias: nil
        }
    }

    public var geography: Geography? {
        switch self {
        case .inferenceProfile(let geography, _, _), .inferenceProfileARN(_, let geography, _, _): geography
        case .applicationProfileARN, .modelARN, .alias, .mantle: nil
        }
    }

    /// The Region an ARN is bound to; IDs are not bound to one.
    public var boundRegion: String? {
        switch self {
        case .inferenceProfile, .alias, .mantle: nil
        case .applicationProfileARN(let region, _, _, _), .inferenceProfileARN(let region, _, _, _),
            .modelARN(_, let region, _, _):
            region
        }
    }

    /// Claude Code cannot tell which model an ARN stands for: it needs `_NAME` and
    /// `_SUPPORTED_CAPABILITIES` next to the pin (model-config docs).
    public var isOpaqueARN: Bool {
        switch self {
        case .applicationProfileARN, .modelARN: true
        default: false
        }
    }

    /// Splits Claude Code's `[1m]` suffix off a raw value.
    public static func splitLongContext(_ value: String) -> (String, Bool) {
        value.hasSuffix(longContextSuffix) ? (String(value.dropLast(longContextSuffix.count)), true) : (value, false)
    }
}
