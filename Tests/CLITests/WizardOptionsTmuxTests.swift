import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// The built binary in tmux: More options from the Models screen, through Verify (local peers)
/// to Review's diff and the written file, which keeps what the tool does not own and validates
/// against Claude Code's settings schema.
@Suite(
    "Wizard More options in tmux", .serialized, .timeLimit(.minutes(5)),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
struct WizardOptionsTmuxTests {
    /// The wizard running in tmux on a HOME whose `dev` keys moto knows, with `settings` as today's user settings
    /// and AWS at the local peers (the fake is returned to stay alive while the test runs).
    func wizard(settings: String, width: Int, height: Int) async throws -> (TestHome, TmuxSession, BedrockFake) {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        let home = TestHome()
        home.write(
            ".aws/credentials",
            "[dev]\naws_access_key_id = \(moto.credentials.accessKeyId)\n"
                + "aws_secret_access_key = \(moto.credentials.secretAccessKey)\n", mode: 0o600)
        home.write(".claude/settings.json", settings)
        home.extraEnvironment = [
            "AWS_ENDPOINT_URL_STS": moto.url, "AWS_ENDPOINT_URL_BEDROCK": fake.url,
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": fake.url,
        ]
        let tmux = try TmuxSession(
            width: width, height: height, home: home.home, environment: home.extraEnvironment, directory: home.work)
        try tmux.runRecordingTTY(TestPaths.binary)
        return (home, tmux, fake)
    }

    @Test func moreOptionsReachReviewsDiffAndTheFileKeepingWhatTheToolDoesNotOwn() async throws {
        let (home, tmux, fake) = try await wizard(
            settings: """
                {"permissions": {"allow": ["Bash(ls)"]}, "env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1",
                 "AWS_PROFILE": "dev", "ANTHROPIC_MODEL": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                 "ANTHROPIC_CUSTOM_HEADERS": "X-Team: blue", "OTEL_METRICS_EXPORTER": "otlp"}}
                """, width: 80, height: 30)
        defer { withExtendedLifetime(fake) {} }
        try tmux.waitFor("Change the models only")
        try tmux.press("Down", "Down", "Enter")
        try tmux.waitFor("More options…     none set")
        try tmux.press("Up", "Enter")
        try tmux.waitFor("More Bedrock options")
        try tmux.press("Space", "Space", "Down")
        try tmux.type("gr1a2b3c4d5e")
        try tmux.press("Down")
        try tmux.type("2")
        try tmux.press("Down", "Down", "Down", "Down", "Down", "Down", "Space")
        try tmux.waitFor("on, 1 hour")
        try tmux.press("Enter")
        try tmux.waitFor("tier flex, Guardrail gr1a2b3c4d5e:2, 1-hour cache")
        try tmux.press("Enter")
        try tmux.waitFor("✓ ListInferenceProfiles")
        try tmux.press("Enter")
        try tmux.waitFor("Review and write")
        try tmux.waitFor("+    \"ANTHROPIC_BEDROCK_SERVICE_TIER\": \"flex\",")
        try tmux.press("Enter")
        try tmux.waitFor("Claude Code is set up")
        try tmux.press("Enter")
        _ = try tmux.waitForExit(0)

        let text = try #require(home.read(".claude/settings.json"))
        let settings = try JSONParser.parse(text)
        let env = settings["env"]
        #expect(env?["ANTHROPIC_BEDROCK_SERVICE_TIER"] == .string("flex"))
        #expect(env?["ENABLE_PROMPT_CACHING_1H"] == .string("1"))
        // The user's own header, variable and top-level key stay; the Guardrail lines join the header.
        #expect(
            env?["ANTHROPIC_CUSTOM_HEADERS"]
                == .string(
                    "X-Team: blue\nX-Amzn-Bedrock-GuardrailIdentifier: gr1a2b3c4d5e\nX-Amzn-Bedrock-GuardrailVersion: 2"
                ))
        #expect(env?["OTEL_METRICS_EXPORTER"] == .string("otlp"))
        #expect(settings["permissions"]?["allow"] == .array([.string("Bash(ls)")]))
        #expect(try SettingsSchemaTests().schemaErrors([home.home + "/.claude/settings.json"]) == [])
    }
    /// The less common rows, end to end: the Fable pin and the default model on Models, the Region prefix and the
    /// modelOverrides list (one removed, one added) in More options; the file gets them, keeps the override the
    /// list still has, loses the removed one, and validates against Claude Code's settings schema.
    @Test func theFableDefaultPrefixAndOverrideRowsReachTheFile() async throws {
        let arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/"
        let (home, tmux, fake) = try await wizard(
            settings: """
                {"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "dev",
                 "ANTHROPIC_MODEL": "us.anthropic.claude-sonnet-4-5-20250929-v1:0"},
                 "modelOverrides": {"claude-opus-4-6": "\(arn)opus1", "claude-haiku-4-5": "\(arn)haiku1"}}
                """, width: 100, height: 32)
        defer { withExtendedLifetime(fake) {} }
        try tmux.waitFor("Change the models only")
        try tmux.press("Down", "Down", "Enter")
        try tmux.waitFor("Default model     none (the primary model decides)")
        try tmux.press("Up", "Up", "Up", "Enter")  // Continue → More options → Default model → Fable pin
        try tmux.waitFor("Choose the Fable pin", "us.anthropic.claude-")  // the live list is in
        try tmux.press("Down", "Enter")
        try tmux.waitFor("Enter change / continue")  // the picker is closed
        try tmux.press("Down", "Enter")
        try tmux.waitFor("Choose the default model")
        try tmux.press("End", "Enter")
        try tmux.waitFor("ID or ARN")
        try tmux.type("opus")
        try tmux.press("Enter")
        try tmux.waitFor("Default model     opus")
        try tmux.press("Down", "Enter")
        try tmux.waitFor("More Bedrock options")
        try tmux.press("Up", "Up", "Space")  // Service tier → [ Apply ] → Model overrides, opened
        try tmux.waitFor("claude-haiku-4-5 → ")
        try tmux.press("DC", "End", "Enter")
        try tmux.waitFor("Model name")
        try tmux.type("claude-sonnet-4-5")
        try tmux.press("Tab")
        try tmux.type(arn + "sonnet1")
        try tmux.press("Enter")
        try tmux.waitFor("claude-sonnet-4-5 → ")
        try tmux.press("Escape")
        try tmux.waitFor("Esc discard")  // the rows' footer again: the list is closed
        try tmux.press("Up", "Left")
        try tmux.waitFor("Region prefix       global")
        try tmux.press("Enter")
        try tmux.waitFor("prefix global, 2 model overrides")
        try tmux.press("Enter")
        try tmux.waitFor("✓ ListInferenceProfiles")
        try tmux.press("Enter")
        try tmux.waitFor("Review and write")
        try tmux.press("Enter")
        try tmux.waitFor("Claude Code is set up")
        try tmux.press("Enter")
        _ = try tmux.waitForExit(0)

        let settings = try JSONParser.parse(try #require(home.read(".claude/settings.json")))
        let env = settings["env"]
        #expect(env?["ANTHROPIC_DEFAULT_MODEL"] == .string("opus"))
        #expect(env?["ANTHROPIC_BEDROCK_REGION_PREFIX"] == .string("global"))
        let fable = try #require(env?["ANTHROPIC_DEFAULT_FABLE_MODEL"]?.stringValue)
        #expect(!fable.hasSuffix("[1m]"))
        #expect(settings["modelOverrides"]?["claude-opus-4-6"] == .string(arn + "opus1"))
        #expect(settings["modelOverrides"]?["claude-sonnet-4-5"] == .string(arn + "sonnet1"))
        #expect(settings["modelOverrides"]?["claude-haiku-4-5"] == nil)
        #expect(try SettingsSchemaTests().schemaErrors([home.home + "/.claude/settings.json"]) == [])
    }
}
