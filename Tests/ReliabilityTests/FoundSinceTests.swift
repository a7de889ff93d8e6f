import BedrockCore
import Foundation
import TestSupport
import Testing

/// Defects of issue 13's kinds (data lost, secrets leaked, hangs) found after its list, in code
/// that landed since (presets, the managed target, the discovery cache, the wizard runner).
/// Numbered after the 22 in docs/reliability.md.
@Suite("Reliability: found since", .timeLimit(.minutes(5)))
struct FoundSinceTests {
    // 23: a root run that refreshed the discovery cache in a user's HOME left ~/.cache/bedrock-setup
    // root-owned (and, under umask 0777, mode 000): the user's own runs could never refresh it again.
    @Test(.enabled(if: geteuid() == 0, "chown needs root"))
    func aRootRunLeavesTheDiscoveryCacheOwnedByTheUser() throws {
        let home = TestHome()
        let user: uid_t = 4242
        chown(home.home, user, user)
        let cache = DiscoveryCache(paths: home.paths)
        let snapshot = DiscoverySnapshot(region: "eu-west-1", fetchedAt: Date(timeIntervalSince1970: 1_795_000_000), profiles: [
            .init(id: "eu.anthropic.claude-opus-5", arn: "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-opus-5",
                  type: "SYSTEM_DEFINED", modelArns: []),
        ])
        let previous = umask(0o777)
        defer { umask(previous) }
        try cache.save(snapshot)
        umask(previous)
        var wrong: [String] = []
        for relative in [".cache", ".cache/bedrock-setup", ".cache/bedrock-setup/discovery", ".cache/bedrock-setup/discovery/eu-west-1.json"] {
            var info = stat()
            lstat(home.home + "/" + relative, &info)
            if info.st_uid != user || info.st_mode & 0o700 == 0 { wrong.append("\(relative) uid \(info.st_uid) mode \(String(info.st_mode & 0o7777, radix: 8))") }
        }
        #expect(wrong.isEmpty, "\(wrong)")
        #expect(cache.load(region: "eu-west-1") == snapshot)
    }
}
