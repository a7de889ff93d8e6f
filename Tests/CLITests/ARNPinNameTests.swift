import BedrockCore
import Foundation
import TestSupport
import Testing

/// apply --verify with an application-inference-profile ARN pin: its backing model is looked up with
/// a signed GetInferenceProfile (the Bedrock fake on 127.0.0.1, signatures checked against moto's keys)
/// and VAR_NAME is written so Claude Code treats the ARN as that model; a name the user gave is kept.
@Suite("apply --verify: names of ARN pins", .serialized, .timeLimit(.minutes(3)))
struct ARNPinNameTests {
    static let arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6"

    /// The home and the fake, which must live as long as the test.
    func home() async throws -> (TestHome, BedrockFake) {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        return (
            TestHome.bedrockSetup(moto: moto, bedrock: fake.url, model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
            fake
        )
    }

    @Test func theBackingModelNamesTheARNPin() async throws {
        let (home, fake) = try await home()
        defer { withExtendedLifetime(fake) {} }
        let arguments = [
            "apply", "--credentials", "aws-profile", "--aws-profile", "dev", "--region", "us-east-1",
            "--sonnet-model", Self.arn, "--verify", "--yes",
        ]
        let result = try home.cli(arguments)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("routes to anthropic.claude-sonnet-4-5-20250929-v1:0"), "\(result.stdout)")
        let path = home.home + "/.claude/settings.json"
        #expect(try SettingsSchemaTests().schemaErrors([path]) == [])
        let env = try JSONParser.parse(try #require(home.read(".claude/settings.json")))["env"]
        #expect(env?["ANTHROPIC_DEFAULT_SONNET_MODEL"] == .string(Self.arn))
        #expect(env?["ANTHROPIC_DEFAULT_SONNET_MODEL_NAME"] == .string("Claude Sonnet 4.5"))

        // A name the user gave wins; nothing is looked up for it.
        let named = try home.cli(arguments + ["--pin-name", "ANTHROPIC_DEFAULT_SONNET_MODEL=Team Sonnet"])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(!named.stdout.contains("routes to"))
        let again = try JSONParser.parse(try #require(home.read(".claude/settings.json")))["env"]
        #expect(again?["ANTHROPIC_DEFAULT_SONNET_MODEL_NAME"] == .string("Team Sonnet"))
    }

    @Test func anUnknownProfileIsAWarningAndNoNameIsWritten() async throws {
        let (home, fake) = try await home()
        defer { withExtendedLifetime(fake) {} }
        let unknown = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/zzzzzzzzzzzz"
        let result = try home.cli([
            "apply", "--credentials", "aws-profile", "--aws-profile", "dev", "--region", "us-east-1",
            "--opus-model", unknown, "--verify", "--force", "--yes",
        ])
        #expect(result.stdout.contains("ANTHROPIC_DEFAULT_OPUS_MODEL_NAME is not written"), "\(result.stdout)")
        let env = try JSONParser.parse(try #require(home.read(".claude/settings.json")))["env"]
        #expect(env?["ANTHROPIC_DEFAULT_OPUS_MODEL_NAME"] == nil)
    }
}
