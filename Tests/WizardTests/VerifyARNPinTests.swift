import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing
import WizardFlow
import WizardUI

/// The wizard's Verify with application-inference-profile ARN pins: the backend's GetInferenceProfile
/// runs against the Bedrock fake on 127.0.0.1 (signatures checked with botocore), its answer drives the
/// wizard, and Review plans with the real planner, so the diff shows the labels Claude Code will read.
@Suite("Step: Verify names ARN pins", .serialized, .timeLimit(.minutes(2)))
struct VerifyARNPinTests {
    static let opusARN = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/0p4s6t7e8a9m"
    static let missingARN = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/zzzzzzzzzzzz"
    static let toVerify: [Key] = [.enter, .enter, .enter, .enter, .enter, .enter, .end]

    /// What the live backend's Verify adds for the ARN pins of `setup`, from the fake.
    func verified(_ setup: SetupProfile) async throws -> Answer {
        let fake = try BedrockFake()
        let environment = fake.environment.merging([
            "AWS_ACCESS_KEY_ID": BedrockFake.accessKey, "AWS_SECRET_ACCESS_KEY": BedrockFake.secretKey,
        ]) { $1 }
        let home = TestHome()
        let checker = SetupChecker(
            api: makeAPI(environment, maxAttempts: 1), environment: environment, files: try home.files(),
            ssoCache: home.ssoCache)
        var keys = setup
        keys.credentials = .environment
        keys.awsProfile = nil
        let pins = await checker.describeProfileARNPins(of: keys, secrets: Secrets(), validator: Validator())
        return .verified(pins.lines, account: "123456789012", backing: pins.backing)
    }

    func verify(_ run: Transcript) -> VerifyStep? { if case .verify(let step) = run.wizard.step { step } else { nil } }

    @Test func verifyNamesTheBackingModelAndReviewWritesItsLabels() async throws {
        var today = Fixtures.today
        today.opusModel = Self.opusARN
        today.sonnetModel = Self.missingARN
        var info = Fixtures.configured
        info.today = today
        var run = Transcript(info, width: 120, height: 40)
        for key in Self.toVerify { run.press(key) }
        run.healthy = false
        run.press(.enter)
        #expect(run.step == .verify)
        #expect(run.draft.opusModel == Self.opusARN, "the Models screen kept the ARN pin")
        guard case .verify(let setup, _, _)? = run.lastRequest else {
            Issue.record("no verify request: \(String(describing: run.lastRequest))")
            return
        }
        run.answer(try await verified(setup))

        let lines = try #require(verify(run)?.lines)
        let opus = try #require(lines.first { $0.check == .setting("ANTHROPIC_DEFAULT_OPUS_MODEL") })
        #expect(opus.severity == .ok)
        #expect(opus.cause.hasPrefix("…/0p4s6t7e8a9m → Claude Opus 4.6 (its backing model"), "\(opus.cause)")
        #expect(opus.cause.contains("Review adds ANTHROPIC_DEFAULT_OPUS_MODEL_NAME and"), "\(opus.cause)")
        // A failed lookup is named with its diagnosis, and nothing is added for that pin.
        let sonnet = try #require(lines.first { $0.check == .setting("ANTHROPIC_DEFAULT_SONNET_MODEL") })
        #expect(sonnet.severity == .warning && sonnet.code == .inferenceProfileNotFound, "\(sonnet)")
        #expect(sonnet.cause.contains("…/zzzzzzzzzzzz: its backing model could not be looked up"), "\(sonnet.cause)")
        #expect(run.screen.contains("…/0p4s6t7e8a9m → Claude Opus 4.6 (its backing model"), "\(run.screen)")

        // Review plans the draft with the labels; the real planner's diff shows them.
        run.press(.enter)
        #expect(run.step == .review)
        guard case .plan(let planned, let secrets, let targets)? = run.lastRequest else {
            Issue.record("no plan request")
            return
        }
        #expect(
            planned.bedrock.pinLabels["ANTHROPIC_DEFAULT_OPUS_MODEL"]
                == BedrockOptions.PinLabel(
                    name: "Claude Opus 4.6",
                    capabilities: "effort,max_effort,thinking,adaptive_thinking,interleaved_thinking"))
        #expect(planned.bedrock.pinLabels["ANTHROPIC_DEFAULT_SONNET_MODEL"] == nil)
        #expect(run.draft.bedrock.pinLabels.isEmpty, "the draft itself is unchanged")
        let home = TestHome()
        let changes = try ActivationPlanner(paths: home.paths).plan(
            profile: planned, secrets: secrets, targets: targets)
        run.answer(.planned(.success(changes)))
        let screen = run.screen
        #expect(
            screen.contains(
                "ANTHROPIC_DEFAULT_OPUS_MODEL_NAME and ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES from the"),
            "\(screen)")
        #expect(screen.contains("\"ANTHROPIC_DEFAULT_OPUS_MODEL_NAME\": \"Claude Opus 4.6\""), "\(screen)")

        // The settings file written from that plan validates against Claude Code's schema.
        _ = try FileWriter(lockPath: home.paths.lockFile).apply(changes)
        let settings = home.home + "/.claude/settings.json"
        let env = try JSONParser.parse(try #require(home.read(".claude/settings.json")))["env"]
        #expect(
            env?["ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES"]
                == .string("effort,max_effort,thinking,adaptive_thinking,interleaved_thinking"))
        let script = """
            import json, sys, jsonschema
            validator = jsonschema.Draft7Validator(json.load(open(sys.argv[1])))
            for error in validator.iter_errors(json.load(open(sys.argv[2]))): print(error.message)
            """
        let schema = TestPaths.vectors + "/claude-code-settings/schema.json"
        #expect(try TestSupport.run(["python3", "-c", script, schema, settings]) == "")
    }

    @Test func aPinChangedAfterVerifyGetsNoLabels() {
        var setup = Fixtures.today
        setup.opusModel = Self.opusARN
        let model = BackingModel(baseModelId: "anthropic.claude-opus-4-6-v1", catalogue: .bundled)
        #expect(setup.labellingProfileARNPins(byARN: [Self.opusARN: model]).profile.bedrock.pinLabels.count == 1)
        setup.opusModel = "us.anthropic.claude-opus-4-6-v1"
        #expect(setup.labellingProfileARNPins(byARN: [Self.opusARN: model]).profile.bedrock.pinLabels.isEmpty)
    }
}
