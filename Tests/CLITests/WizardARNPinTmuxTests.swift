import BedrockCore
import Foundation
import TestSupport
import Testing

/// The built wizard in tmux with an application-inference-profile ARN pin in today's settings: Verify asks the
/// Bedrock fake (127.0.0.1) for the model behind it and names it, Review's diff shows the labels, and the file
/// written carries them and validates against Claude Code's schema.
@Suite(
    "Wizard in tmux: ARN pins named on Verify", .serialized, .timeLimit(.minutes(3)),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
struct WizardARNPinTmuxTests {
    static let opusARN = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/0p4s6t7e8a9m"

    @Test func verifyNamesTheBackingModelAndTheWriteCarriesItsLabels() async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        defer { withExtendedLifetime(fake) {} }
        let home = TestHome.bedrockSetup(
            moto: moto, bedrock: fake.url, model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0")
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "dev", "ANTHROPIC_MODEL": "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "ANTHROPIC_DEFAULT_OPUS_MODEL": "\#(Self.opusARN)"}}"#
        )
        let tmux = try TmuxSession(
            width: 140, height: 40, home: home.home, environment: home.extraEnvironment, directory: home.work)
        try tmux.runRecordingTTY(TestPaths.binary)
        try tmux.waitFor("Change the models only")
        try tmux.press("Down", "Down", "Enter")
        try tmux.waitFor("[ Continue ]")
        try tmux.press("Enter")
        let verify = try tmux.waitFor("→ Claude Opus 4.6 (its backing model")
        #expect(verify.contains("…/0p4s6t7e8a9m → Claude Opus 4.6 (its backing model"), "\(verify)")
        try tmux.press("Enter")
        try tmux.waitFor("Review and write")
        let review = try tmux.waitFor("\"ANTHROPIC_DEFAULT_OPUS_MODEL_NAME\": \"Claude Opus 4.6\"")
        #expect(review.contains("_SUPPORTED_CAPABILITIES from the backing model of …/0p4s6t7e8a9m"), "\(review)")
        try tmux.press("Enter")
        try tmux.waitFor("Claude Code is set up")
        try tmux.press("Enter")
        _ = try tmux.waitForExit(0)

        let env = try JSONParser.parse(try #require(home.read(".claude/settings.json")))["env"]
        #expect(env?["ANTHROPIC_DEFAULT_OPUS_MODEL"] == .string(Self.opusARN))
        #expect(env?["ANTHROPIC_DEFAULT_OPUS_MODEL_NAME"] == .string("Claude Opus 4.6"))
        #expect(
            env?["ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES"]
                == .string("effort,max_effort,thinking,adaptive_thinking,interleaved_thinking"))
        #expect(try SettingsSchemaTests().schemaErrors([home.home + "/.claude/settings.json"]) == [])
    }
}
