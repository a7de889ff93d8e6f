import BedrockCore
import Foundation
import TestSupport
import Testing

/// apply --verify with an application-inference-profile ARN pin: its backing model is looked up with
/// a signed GetInferenceProfile (the Bedrock fake on 127.0.0.1, signatures checked against moto's keys)
/// and VAR_NAME is written so Claude Code treats the ARN as that model; a name the user gave is kept.
@Suite("apply --verify: names and capabilities of ARN pins", .serialized, .timeLimit(.minutes(3)))
struct ARNPinNameTests {
    static let arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6"
    static let opusARN = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/0p4s6t7e8a9m"

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
        #expect(
            env?["ANTHROPIC_DEFAULT_SONNET_MODEL_SUPPORTED_CAPABILITIES"] == .string("thinking,interleaved_thinking"))

        // A name the user gave wins; the capabilities still come from the backing model, and the review says so.
        let named = try home.cli(arguments + ["--pin-name", "ANTHROPIC_DEFAULT_SONNET_MODEL=Team Sonnet"])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(
            named.stdout.contains(
                "_SUPPORTED_CAPABILITIES=thinking,interleaved_thinking written from its backing model"),
            "\(named.stdout)")
        #expect(named.stdout.contains("the _NAME you gave kept"), "\(named.stdout)")
        let again = try JSONParser.parse(try #require(home.read(".claude/settings.json")))["env"]
        #expect(again?["ANTHROPIC_DEFAULT_SONNET_MODEL_NAME"] == .string("Team Sonnet"))
        #expect(
            again?["ANTHROPIC_DEFAULT_SONNET_MODEL_SUPPORTED_CAPABILITIES"] == .string("thinking,interleaved_thinking"))

        // Both given: nothing is looked up, nothing replaced.
        let both = try home.cli(
            arguments + [
                "--pin-name", "ANTHROPIC_DEFAULT_SONNET_MODEL=Team Sonnet",
                "--pin-capabilities", "ANTHROPIC_DEFAULT_SONNET_MODEL=thinking",
            ])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(!both.stdout.contains("routes to"), "\(both.stdout)")
        let third = try JSONParser.parse(try #require(home.read(".claude/settings.json")))["env"]
        #expect(third?["ANTHROPIC_DEFAULT_SONNET_MODEL_SUPPORTED_CAPABILITIES"] == .string("thinking"))
    }

    /// An Opus 4.6 behind the ARN: the capabilities Claude Code's rules give Opus 4.6 (no xhigh_effort);
    /// a list the user gave (here with xhigh_effort, which the validator takes) is written as given.
    @Test func anOpusBehindTheARNCarriesOpusCapabilitiesUnlessTheUserGaveThem() async throws {
        let (home, fake) = try await home()
        defer { withExtendedLifetime(fake) {} }
        let arguments = [
            "apply", "--credentials", "aws-profile", "--aws-profile", "dev", "--region", "us-east-1",
            "--opus-model", Self.opusARN, "--verify", "--yes",
        ]
        let result = try home.cli(arguments)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("routes to anthropic.claude-opus-4-6-v1 (Claude Opus 4.6)"), "\(result.stdout)")
        // With --verify the lookup labels it, so the "cannot tell which model" warning is not given.
        #expect(!result.stderr.contains("cannot tell which model"), "\(result.stderr)")
        let path = home.home + "/.claude/settings.json"
        #expect(try SettingsSchemaTests().schemaErrors([path]) == [])
        let env = try JSONParser.parse(try #require(home.read(".claude/settings.json")))["env"]
        #expect(env?["ANTHROPIC_DEFAULT_OPUS_MODEL_NAME"] == .string("Claude Opus 4.6"))
        #expect(
            env?["ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES"]
                == .string("effort,max_effort,thinking,adaptive_thinking,interleaved_thinking"))

        let given = try home.cli(
            arguments + ["--pin-capabilities", "ANTHROPIC_DEFAULT_OPUS_MODEL=effort,xhigh_effort,thinking"])
        #expect(given.status == 0, "\(given.stdout)\(given.stderr)")
        #expect(given.stdout.contains("the _SUPPORTED_CAPABILITIES you gave kept"), "\(given.stdout)")
        #expect(try SettingsSchemaTests().schemaErrors([path]) == [])
        let kept = try JSONParser.parse(try #require(home.read(".claude/settings.json")))["env"]
        #expect(kept?["ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES"] == .string("effort,xhigh_effort,thinking"))
        #expect(kept?["ANTHROPIC_DEFAULT_OPUS_MODEL_NAME"] == .string("Claude Opus 4.6"))

        // Without --verify nothing is looked up: the warning says how to label it.
        let unverified = try home.cli(arguments.filter { $0 != "--verify" } + ["--dry-run"])
        #expect(unverified.stderr.contains("Claude Code cannot tell which model this ARN is"), "\(unverified.stderr)")
        #expect(unverified.stderr.contains("Add --verify to label it from its backing model"), "\(unverified.stderr)")
    }

    @Test func anUnknownProfileIsAWarningAndNoNameIsWritten() async throws {
        let (home, fake) = try await home()
        defer { withExtendedLifetime(fake) {} }
        let unknown = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/zzzzzzzzzzzz"
        let result = try home.cli([
            "apply", "--credentials", "aws-profile", "--aws-profile", "dev", "--region", "us-east-1",
            "--opus-model", unknown, "--verify", "--force", "--yes",
        ])
        #expect(
            result.stdout.contains("ANTHROPIC_DEFAULT_OPUS_MODEL_NAME and _SUPPORTED_CAPABILITIES are not written"),
            "\(result.stdout)")
        let env = try JSONParser.parse(try #require(home.read(".claude/settings.json")))["env"]
        #expect(env?["ANTHROPIC_DEFAULT_OPUS_MODEL_NAME"] == nil)
        #expect(env?["ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES"] == nil)
    }
}
