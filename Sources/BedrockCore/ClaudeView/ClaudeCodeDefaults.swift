import FoundationEssentials

/// An installed Claude Code version, as `claude --version` prints it (`2.1.240 (Claude Code)`).
public struct ClaudeCodeVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let major: Int, minor: Int, patch: Int

    public init(_ major: Int, _ minor: Int, _ patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// The first `N.N.N` in `text`; nil when there is none.
    public init?(parsing text: String) {
        guard let match = text.firstMatch(of: /(\d+)\.(\d+)\.(\d+)/),
            let major = Int(match.1), let minor = Int(match.2), let patch = Int(match.3)
        else { return nil }
        self.init(major, minor, patch)
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}

/// Claude Code behaviours that changed from one version to the next (facts page §1–§5, from
/// Claude Code's CHANGELOG). A rule applies from `since` on; an unknown version (Claude Code not
/// installed) gets the newest rules.
public enum ClaudeCodeRule: CaseIterable, Sendable {
    /// An empty `AWS_BEARER_TOKEN_BEDROCK` counts as unset.
    case emptyBearerTokenIsUnset
    /// The Region falls back to `AWS_DEFAULT_REGION`, then the profile's `region`, then us-east-1.
    case regionFromProfile
    /// `awsCredentialExport` may print the flat `aws configure export-credentials` JSON.
    case flatCredentialExport
    /// `.claude/settings.local.json` is read at the git repository's root.
    case localSettingsAtGitRoot
    /// `ANTHROPIC_BEDROCK_REGION_PREFIX` chooses the prefix of the built-in default models.
    case regionPrefixVariable
    /// A Region value not shaped like a Region is ignored.
    case regionShapeChecked
    /// `ANTHROPIC_DEFAULT_MODEL` is read: a default that a `/model` pick may override.
    case defaultModelVariable

    public var since: ClaudeCodeVersion {
        switch self {
        case .emptyBearerTokenIsUnset: ClaudeCodeVersion(2, 1, 97)
        case .regionFromProfile: ClaudeCodeVersion(2, 1, 172)
        case .flatCredentialExport: ClaudeCodeVersion(2, 1, 181)
        case .localSettingsAtGitRoot: ClaudeCodeVersion(2, 1, 211)
        case .regionPrefixVariable: ClaudeCodeVersion(2, 1, 224)
        case .regionShapeChecked: ClaudeCodeVersion(2, 1, 232)
        case .defaultModelVariable: ClaudeCodeVersion(2, 1, 236)
        }
    }
}

extension Optional where Wrapped == ClaudeCodeVersion {
    /// Whether Claude Code at this version follows `rule` (not installed: the newest rules).
    public func follows(_ rule: ClaudeCodeRule) -> Bool { map { $0 >= rule.since } ?? true }
}

/// The models Claude Code calls on Bedrock when nothing is pinned, by version, and the rule that
/// turns a base model ID into the inference profile it calls from a Region (facts page §5).
/// One table for every front end: doctor, Verify, `apply --verify`, the catalogue screens.
public struct ClaudeCodeDefaults: Sendable, Equatable {
    /// The first version with these defaults; nil for the oldest row.
    public let since: ClaudeCodeVersion?
    /// Base model IDs (no geography prefix).
    public let primary: String
    public let background: String

    /// Newest first.
    public static let table: [ClaudeCodeDefaults] = [
        ClaudeCodeDefaults(
            since: ClaudeCodeVersion(2, 1, 219), primary: "anthropic.claude-opus-5",
            background: "anthropic.claude-sonnet-4-5-20250929-v1:0"),
        ClaudeCodeDefaults(
            since: ClaudeCodeVersion(2, 1, 207), primary: "anthropic.claude-opus-4-8",
            background: "anthropic.claude-haiku-4-5-20251001-v1:0"),
        ClaudeCodeDefaults(
            since: nil, primary: "anthropic.claude-sonnet-4-5-20250929-v1:0",
            background: "anthropic.claude-haiku-4-5-20251001-v1:0"),
    ]

    /// The defaults of `version` (not installed: the newest).
    public static func of(_ version: ClaudeCodeVersion?) -> ClaudeCodeDefaults {
        guard let version else { return table[0] }
        return table.first { $0.since.map { version >= $0 } ?? true } ?? table[table.count - 1]
    }

    /// Values `ANTHROPIC_BEDROCK_REGION_PREFIX` accepts.
    public static let prefixes = ["us", "eu", "apac", "jp", "au", "global"]

    /// The geography prefix Claude Code puts before a default model in `region`.
    public static func prefix(forRegion region: String) -> String {
        if region.hasPrefix("us-gov-") { return "us-gov" }
        if region.hasPrefix("us-") { return "us" }
        if region.hasPrefix("eu-") { return "eu" }
        if region.hasPrefix("ap-") { return "apac" }
        return "global"
    }

    /// The inference profile Claude Code calls for `base` from `region`. `prefixOverride` is
    /// `ANTHROPIC_BEDROCK_REGION_PREFIX` (honoured from v2.1.224). With `offered` (the profile IDs
    /// `ListInferenceProfiles` returned), a prefix the account does not have falls back to any
    /// offered profile of the same model, as Claude Code does.
    public static func profile(
        for base: String, region: String, prefixOverride: String?, version: ClaudeCodeVersion?,
        offered: [String]? = nil
    ) -> String {
        let override = prefixOverride.flatMap {
            version.follows(.regionPrefixVariable) && prefixes.contains($0) ? $0 : nil
        }
        let wanted = (override ?? prefix(forRegion: region)) + "." + base
        guard let offered, !offered.contains(wanted) else { return wanted }
        return offered.first { $0.hasSuffix("." + base) } ?? wanted
    }

    public func models(
        region: String, prefixOverride: String?, version: ClaudeCodeVersion?,
        offered: [String]? = nil
    ) -> (primary: String, background: String) {
        (
            Self.profile(
                for: primary, region: region, prefixOverride: prefixOverride, version: version, offered: offered),
            Self.profile(
                for: background, region: region, prefixOverride: prefixOverride, version: version, offered: offered)
        )
    }
}

extension SetupProfile {
    /// The same setup with the models Claude Code will call filled in: its pins (`ANTHROPIC_MODEL`,
    /// else `ANTHROPIC_DEFAULT_MODEL` from v2.1.236), or the defaults of `version` for its Region and prefix.
    /// `ANTHROPIC_MODEL` alone is also the background model. `offered`: the profile IDs
    /// `ListInferenceProfiles` returned, for Claude Code's fallback to another prefix.
    public func withModelsClaudeCodeCalls(version: ClaudeCodeVersion?, offered: [String]? = nil) -> SetupProfile {
        var filled = self
        let defaults = ClaudeCodeDefaults.of(version).models(
            region: region, prefixOverride: regionPrefix, version: version,
            offered: offered)
        // An older Claude Code does not read ANTHROPIC_DEFAULT_MODEL: its own default applies.
        let defaultModel = version.follows(.defaultModelVariable) ? defaultModel : nil
        if model == nil {
            filled.model = defaultModel ?? defaults.primary
            if smallFastModel == nil, defaultModel == nil, defaults.background != defaults.primary {
                filled.smallFastModel = defaults.background
            }
        }
        return filled
    }
}
