import Foundation
import TestSupport
import Testing

/// Settings Claude Code reads that this tool never writes: doctor still shows them, from the file that sets them,
/// and names a value Claude Code cannot use (issue 12: every Bedrock setting shown).
@Suite("doctor: settings the tool does not write")
struct DoctorUnwrittenSettingsTests {
    func lines(_ settings: String) throws -> [[String: Any]] {
        let home = TestHome()
        home.write(".claude/settings.json", settings)
        let result = try home.cli(["doctor", "--offline", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(json["checks"] as? [[String: Any]])
    }

    func line(_ checks: [[String: Any]], _ name: String) -> (status: String, cause: String)? {
        checks.first { $0["check"] as? String == name }.map {
            ($0["status"] as? String ?? "", $0["cause"] as? String ?? "")
        }
    }

    @Test func theCredentialCacheSettingsAreShownAndABadTimeoutIsNamed() throws {
        let good = try lines(
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "CLAUDE_CODE_SKIP_AWS_CRED_CACHE": "1", "CLAUDE_CODE_AWS_CHAIN_RESOLVE_TIMEOUT_MS": "5000"}}"#
        )
        let skip = try #require(line(good, "CLAUDE_CODE_SKIP_AWS_CRED_CACHE"))
        #expect(skip.status == "ok" && skip.cause.contains("user settings"), "\(skip)")
        let timeout = try #require(line(good, "CLAUDE_CODE_AWS_CHAIN_RESOLVE_TIMEOUT_MS"))
        #expect(timeout.status == "ok" && timeout.cause.hasPrefix("5000 ms"), "\(timeout)")
        let bad = try lines(
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "CLAUDE_CODE_AWS_CHAIN_RESOLVE_TIMEOUT_MS": "5s"}}"#
        )
        let named = try #require(line(bad, "CLAUDE_CODE_AWS_CHAIN_RESOLVE_TIMEOUT_MS"))
        #expect(named.status == "warning" && named.cause.contains("\"5s\""), "\(named)")
        #expect(line(bad, "CLAUDE_CODE_SKIP_AWS_CRED_CACHE") == nil)
    }

    @Test func availableModelsIsShownAndAPrimaryModelItDoesNotNameIsAWarning() throws {
        let model = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
        let listed = try lines(
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "ANTHROPIC_MODEL": "\#(model)"}, "availableModels": ["opus", "\#(model)"]}"#
        )
        let shown = listed.filter { $0["check"] as? String == "availableModels" }
        #expect(shown.count == 1 && shown.first?["status"] as? String == "ok", "\(shown)")
        #expect((shown.first?["cause"] as? String)?.hasPrefix("opus, \(model) (user settings") == true, "\(shown)")
        let unlisted = try lines(
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "ANTHROPIC_MODEL": "\#(model)"}, "availableModels": ["opus"]}"#
        )
        let warning = unlisted.first {
            $0["check"] as? String == "availableModels" && $0["status"] as? String == "warning"
        }
        #expect((warning?["cause"] as? String)?.contains("ANTHROPIC_MODEL=\(model) is not in availableModels") == true)
        let none = try lines(#"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1"}}"#)
        #expect(!none.contains { $0["check"] as? String == "availableModels" })
    }
}
