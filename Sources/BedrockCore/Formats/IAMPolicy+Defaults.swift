extension IAMPolicy {
    /// The policy for a setup as Claude Code of `defaults` would run it, with the last live
    /// discovery of each Region it calls (destinations and offered profiles) where there is one.
    public static func render(for profile: SetupProfile, account: String?, broad: Bool, catalogue: Catalogue,
                              defaults: Defaults, discovery: DiscoveryCache? = nil) -> (document: JSONValue, statements: [Statement]) {
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
    /// Claude Code's unpinned models for the newest versions (CLAUDE-CODE.md §5: v2.1.219+ Opus 5,
    /// background Sonnet 4.5, previous default Opus 4.8) with its prefix rule. Bridge until the
    /// version table `ClaudeCodeDefaults` (issue 11) is on main; then this reads that table.
    public static func newest(region: String, prefixOverride: String?) -> IAMPolicy.Defaults {
        let prefixes = ["us", "eu", "apac", "jp", "au", "global"]
        let byRegion = region.hasPrefix("us-gov-") ? "us-gov" : region.hasPrefix("us-") ? "us" : region.hasPrefix("eu-") ? "eu"
            : region.hasPrefix("ap-") ? "apac" : "global"
        return IAMPolicy.Defaults(primary: "anthropic.claude-opus-5", background: "anthropic.claude-sonnet-4-5-20250929-v1:0",
                                  previousPrimary: "anthropic.claude-opus-4-8",
                                  prefix: prefixOverride.flatMap { prefixes.contains($0) ? $0 : nil } ?? byRegion)
    }
}
