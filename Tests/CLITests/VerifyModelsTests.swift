import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// `apply --verify` and `doctor` check the primary and background models the installed Claude
/// Code will call (pinned, or that version's defaults for the Region), and the one-token test
/// call goes to the primary one; against moto and the local Bedrock stand-in.
@Suite("CLI: Verify checks the models Claude Code will call", .serialized, .timeLimit(.minutes(3)))
struct VerifyModelsTests {
    func home(_ moto: MotoPeer, _ fake: BedrockFake, claudeCode version: String) -> TestHome {
        let home = TestHome()
        home.write(
            ".aws/credentials",
            "[dev]\naws_access_key_id = \(moto.credentials.accessKeyId)\naws_secret_access_key = \(moto.credentials.secretAccessKey)\n",
            mode: 0o600)
        home.extraEnvironment = [
            "AWS_ENDPOINT_URL_STS": moto.url, "AWS_ENDPOINT_URL_BEDROCK": fake.url,
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": fake.url,
        ]
        home.installClaudeCode(version: version)
        return home
    }

    static func checks(_ stdout: String) throws -> [[String: Any]] {
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "\(stdout)")
        return json["checks"] as? [[String: Any]] ?? []
    }

    @Test(
        "Nothing pinned: that version's primary and background, and the test call to the primary",
        arguments: [
            ("2.1.240", "us.anthropic.claude-opus-5", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
            ("2.1.210", "us.anthropic.claude-opus-4-8", "us.anthropic.claude-haiku-4-5-20251001-v1:0"),
        ])
    func applyVerifyWithNothingPinned(version: String, primary: String, background: String) async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        let home = home(moto, fake, claudeCode: version)
        let result = try home.cli([
            "apply", "--credentials", "aws-profile", "--aws-profile", "dev", "--region", "us-east-1",
            "--verify", "--invoke", "--json", "--yes",
        ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let checks = try Self.checks(result.stdout)
        let models = checks.filter { ($0["check"] as? String)?.hasPrefix("Model ") == true }.compactMap {
            $0["cause"] as? String
        }
        #expect(models.contains { $0.contains(primary) }, "\(models)")
        #expect(models.contains { $0.contains(background) }, "\(models)")
        let call = checks.first { $0["check"] as? String == "Test call" }?["cause"] as? String
        #expect(call?.hasPrefix(primary) == true, "\(call ?? "no test call")")
        let invoked = try await fake.requests().compactMap { $0["path"] as? String }.filter { $0.hasSuffix("/invoke") }
        #expect(invoked.count == 1 && invoked.first?.removingPercentEncoding?.contains(primary) == true, "\(invoked)")
    }

    @Test func doctorChecksThePinnedPrimaryAndTheDefaultBackground() async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        let home = home(moto, fake, claudeCode: "2.1.240")
        let pinned = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "dev", "ANTHROPIC_DEFAULT_SONNET_MODEL": "\#(pinned)"}}"#
        )
        let result = try home.cli(["doctor", "--json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let models = try Self.checks(result.stdout).filter { ($0["check"] as? String)?.hasPrefix("Model ") == true }
            .compactMap { $0["cause"] as? String }
        // Nothing pinned for the primary or background: Opus 5 and Sonnet 4.5 are checked, and the Sonnet pin too.
        #expect(models.contains { $0.contains("us.anthropic.claude-opus-5") }, "\(models)")
        #expect(models.contains { $0.contains("us.anthropic.claude-sonnet-4-5-20250929-v1:0") }, "\(models)")
        #expect(models.contains { $0.contains(pinned) }, "\(models)")
    }

    /// Keys chosen, but AWS_PROFILE exported: Claude Code would use the profile, so apply says so.
    @Test func applyWarnsWhenAnExportedProfileWouldWinOverTheChosenKeys() throws {
        let home = TestHome()
        let result = try home.cli(
            ["apply", "--credentials", "env", "--region", "us-east-1", "--yes"],
            environment: [
                "AWS_PROFILE": "dev", "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
                "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "warning: AWS_PROFILE=dev (environment variable AWS_PROFILE) is set, so Claude Code uses profile dev and ignores the access keys"
            ),
            "\(result.stderr)")
    }

    /// ap-southeast-2's prefix rule names `apac.` profiles of Opus 5 and Sonnet 4.5, which do not exist; Claude Code then
    /// takes a profile of the same model that ListInferenceProfiles offers (facts §5). doctor reads the same listing
    /// online, and the catalogue (or the last listing) offline, instead of failing a model Claude Code never calls.
    @Test func unpinnedModelsFollowClaudeCodesFallbackToAListedProfile() async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        let home = home(moto, fake, claudeCode: "2.1.240")
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "ap-southeast-2", "AWS_PROFILE": "dev"}}"#)
        let offline = try home.cli(["doctor", "--offline", "--json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(offline.stdout.utf8)) as? [String: Any], "\(offline.stdout)")
        let models = try #require((document["claudeCode"] as? [String: Any])?["models"] as? [String: Any])
        let primary = try #require(models["primary"] as? String)
        let background = try #require(models["background"] as? String)
        #expect(primary.hasSuffix(".anthropic.claude-opus-5") && !primary.hasPrefix("apac."), "\(models)")
        #expect(
            background.hasSuffix(".anthropic.claude-sonnet-4-5-20250929-v1:0") && !background.hasPrefix("apac."),
            "\(models)")
        let online = try home.cli(["doctor"])
        #expect(online.status == 0, "\(online.stdout)\(online.stderr)")
        #expect(online.stdout.contains("✓ Model primary model: \(primary) is available"), "\(online.stdout)")
        #expect(!online.stdout.contains("apac.anthropic.claude-opus-5"), "\(online.stdout)")
    }
}
