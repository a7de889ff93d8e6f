extension IAMPolicy {
    /// The policy for a setup as Claude Code of `defaults` would run it, with the last live
    /// discovery of each Region it calls (destinations and offered profiles) where there is one.
    public static func render(
        for profile: SetupProfile, account: String?, broad: Bool, catalogue: Catalogue,
        defaults: Defaults, discovery: DiscoveryCache? = nil
    ) -> (document: JSONValue, statements: [Statement]) {
        if broad {
            let statements = self.broad(for: profile, account: account)
            return (document(statements), statements)
        }
        var live = Live()
        for region in Set([profile.region] + [profile.smallFastRegion].compactMap { $0 }) {
            guard let snapshot = discovery?.load(region: region) else { continue }
            live.offered[region] = snapshot.profiles.filter { $0.type == "SYSTEM_DEFINED" }.map(\.id)
            for entry in snapshot.profiles where !entry.modelArns.isEmpty {
                live.destinations[entry.type == "APPLICATION" ? entry.arn : entry.id] = entry.modelArns
            }
        }
        let calls = modelCalls(for: profile, defaults: defaults, catalogue: catalogue, live: live)
        let statements = self.statements(for: profile, calls: calls, account: account, live: live)
        return (document(statements), statements)
    }
}

extension IAMPolicy.Defaults {
    /// What Claude Code `version` calls when nothing is pinned (`ClaudeCodeDefaults`, by version;
    /// not installed: the newest), the previous default it may fall back to, and its prefix rule
    /// for `region` (`ANTHROPIC_BEDROCK_REGION_PREFIX` where that version honours it).
    public static func claudeCode(_ version: ClaudeCodeVersion?, region: String, prefixOverride: String?)
        -> IAMPolicy.Defaults
    {
        let current = ClaudeCodeDefaults.of(version)
        let older = ClaudeCodeDefaults.table.drop { $0 != current }.dropFirst().first
        let override = prefixOverride.flatMap {
            version.follows(.regionPrefixVariable) && ClaudeCodeDefaults.prefixes.contains($0) ? $0 : nil
        }
        return IAMPolicy.Defaults(
            primary: current.primary, background: current.background,
            previousPrimary: older.map(\.primary).flatMap { $0 == current.primary ? nil : $0 },
            prefix: override ?? ClaudeCodeDefaults.prefix(forRegion: region))
    }
}
