import BedrockCore
import Foundation
import TestSupport
import Testing

/// Claude Code's `_SUPPORTED_CAPABILITIES` vocabulary, the capabilities the catalogue gives each
/// model (Claude Code's name-based rules, docs/decisions.md), and how an application-inference-profile
/// ARN pin is described as its backing model.
@Suite("ARN pin capabilities")
struct PinCapabilityTests {
    let validator = Validator()
    static let arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6"

    func profile(capabilities: String) -> SetupProfile {
        SetupProfile(
            name: "work", credentials: .environment, region: "us-east-1", opusModel: Self.arn,
            bedrock: BedrockOptions(pinLabels: [
                ClaudeEnv.opusModel: BedrockOptions.PinLabel(name: "Claude Opus 4.7", capabilities: capabilities)
            ]))
    }

    @Test func theValidatorTakesClaudeCodesWholeVocabulary() throws {
        // Claude Code's ModelCapabilityOverride: ten names; read trimmed and lower-cased.
        let all =
            "effort, max_effort,xhigh_effort,thinking,adaptive_thinking,interleaved_thinking,"
            + "context_management,claude_code_beta,structured_outputs,LEAN_PROMPT"
        #expect(try validator.profile(profile(capabilities: all)).opusModel == Self.arn)
        #expect(try validator.profile(profile(capabilities: "xhigh_effort")).opusModel == Self.arn)
    }

    @Test func anUnknownNameIsRefusedWithTheWholeList() {
        do {
            _ = try validator.profile(profile(capabilities: "effort,telepathy"))
            Issue.record("telepathy was accepted")
        } catch {
            let text = "\(error)"
            #expect(text.contains("ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES"), "\(text)")
            #expect(text.contains("telepathy"), "\(text)")
            for name in ModelCapability.allCases { #expect(text.contains(name.rawValue), "\(name): \(text)") }
            #expect(ModelCapability.allCases.count == 10)
        }
    }

    @Test(
        "Each model's capabilities by Claude Code's rules",
        arguments: [
            ("anthropic.claude-opus-4-6-v1", "effort,max_effort,thinking,adaptive_thinking,interleaved_thinking"),
            (
                "anthropic.claude-opus-4-7",
                "effort,max_effort,xhigh_effort,thinking,adaptive_thinking,interleaved_thinking"
            ),
            (
                "anthropic.claude-opus-4-8",
                "effort,max_effort,xhigh_effort,thinking,adaptive_thinking,interleaved_thinking"
            ),
            (
                "anthropic.claude-opus-5",
                "effort,max_effort,xhigh_effort,thinking,adaptive_thinking,interleaved_thinking"
            ),
            (
                "anthropic.claude-sonnet-5",
                "effort,max_effort,xhigh_effort,thinking,adaptive_thinking,interleaved_thinking"
            ),
            (
                "anthropic.claude-fable-5",
                "effort,max_effort,xhigh_effort,thinking,adaptive_thinking,interleaved_thinking"
            ),
            ("anthropic.claude-sonnet-4-6", "effort,max_effort,thinking,adaptive_thinking,interleaved_thinking"),
            ("anthropic.claude-opus-4-5-20251101-v1:0", "effort,thinking,interleaved_thinking"),
            ("anthropic.claude-haiku-4-5-20251001-v1:0", "thinking,interleaved_thinking"),
            ("anthropic.claude-sonnet-4-5-20250929-v1:0", "thinking,interleaved_thinking"),
            ("anthropic.claude-opus-4-1-20250805-v1:0", "thinking,interleaved_thinking"),
            ("anthropic.claude-sonnet-4-20250514-v1:0", "thinking,interleaved_thinking"),
            // Newer than the sources: decided from the same rules (docs/decisions.md).
            (
                "anthropic.claude-opus-5-5",
                "effort,max_effort,xhigh_effort,thinking,adaptive_thinking,interleaved_thinking"
            ),
            (
                "anthropic.claude-sonnet-5-5",
                "effort,max_effort,xhigh_effort,thinking,adaptive_thinking,interleaved_thinking"
            ),
            (
                "anthropic.claude-fable-5-1",
                "effort,max_effort,xhigh_effort,thinking,adaptive_thinking,interleaved_thinking"
            ),
            ("anthropic.claude-haiku-5-5", "thinking,interleaved_thinking"),
        ])
    func capabilityTable(_ base: String, _ expected: String) throws {
        let model = BackingModel(baseModelId: base, catalogue: .bundled)
        #expect(model.capabilityList == expected)
    }

    @Test func theDistinctionsThatMatter() throws {
        func capabilities(_ base: String) throws -> Set<ModelCapability> {
            Set(try #require(Catalogue.bundled.model(baseModelId: base)).capabilities)
        }
        #expect(try !capabilities("anthropic.claude-opus-4-6-v1").contains(.xhighEffort))
        #expect(try capabilities("anthropic.claude-opus-4-7").contains(.xhighEffort))
        #expect(try !capabilities("anthropic.claude-haiku-4-5-20251001-v1:0").contains(.effort))
        #expect(try !capabilities("anthropic.claude-opus-4-5-20251101-v1:0").contains(.maxEffort))
        // Claude Code's rule excludes every claude-3- name, so 3.7 Sonnet (retired) gets nothing.
        #expect(try capabilities("anthropic.claude-3-7-sonnet-20250219-v1:0").isEmpty)
        // Every model with profiles says something.
        for model in Catalogue.bundled.models where !model.profiles.isEmpty && model.key != "sonnet-3-7" {
            #expect(!model.capabilities.isEmpty, "\(model.key)")
        }
    }

    @Test func aCatalogueWithAnUnknownCapabilityIsRefusedByMember() throws {
        let text = try #require(
            String(
                data: try Data(
                    contentsOf: URL(
                        fileURLWithPath: TestPaths.repository + "/Sources/BedrockCore/Resources/catalogue.json")),
                encoding: .utf8))
        let broken = text.replacingOccurrences(of: "\"xhigh_effort\"", with: "\"telepathy\"")
        #expect(throws: CatalogueError.self) { try Catalogue(json: broken) }
        do { _ = try Catalogue(json: broken) } catch {
            #expect(error.path.hasSuffix(".capabilities"), "\(error)")
            #expect(error.problem.contains("telepathy"))
        }
    }

    @Test func labellingFillsOnlyWhatIsUnsetAndSaysWhat() {
        let opus = BackingModel(baseModelId: "anthropic.claude-opus-4-6-v1", catalogue: .bundled)
        var setup = SetupProfile(name: "w", credentials: .environment, region: "us-east-1", opusModel: Self.arn)
        var (labelled, filled) = setup.labellingProfileARNPins(backing: [ClaudeEnv.opusModel: opus])
        #expect(
            labelled.bedrock.pinLabels[ClaudeEnv.opusModel]
                == BedrockOptions.PinLabel(
                    name: "Claude Opus 4.6",
                    capabilities: "effort,max_effort,thinking,adaptive_thinking,interleaved_thinking"))
        #expect(
            filled[ClaudeEnv.opusModel] == [
                "ANTHROPIC_DEFAULT_OPUS_MODEL_NAME", "ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES",
            ])
        let env = Dictionary(labelled.environment(), uniquingKeysWith: { $1 })
        #expect(
            env["ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES"]
                == "effort,max_effort,thinking,adaptive_thinking,interleaved_thinking")

        // A user's value is never replaced.
        setup.bedrock.pinLabels[ClaudeEnv.opusModel] = BedrockOptions.PinLabel(name: nil, capabilities: "effort")
        (labelled, filled) = setup.labellingProfileARNPins(backing: [ClaudeEnv.opusModel: opus])
        #expect(
            labelled.bedrock.pinLabels[ClaudeEnv.opusModel]
                == BedrockOptions.PinLabel(name: "Claude Opus 4.6", capabilities: "effort"))
        #expect(filled[ClaudeEnv.opusModel] == ["ANTHROPIC_DEFAULT_OPUS_MODEL_NAME"])

        // A model the bundled list does not know: its ID as the name, no capabilities guessed.
        let unknown = BackingModel(baseModelId: "anthropic.claude-opus-9", catalogue: .bundled)
        setup.bedrock.pinLabels = [:]
        (labelled, filled) = setup.labellingProfileARNPins(backing: [ClaudeEnv.opusModel: unknown])
        #expect(
            labelled.bedrock.pinLabels[ClaudeEnv.opusModel]
                == BedrockOptions.PinLabel(name: "anthropic.claude-opus-9", capabilities: nil))
    }

    @Test func disagreementsNameEachMissingOrDifferentLabel() {
        let opus = BackingModel(baseModelId: "anthropic.claude-opus-4-6-v1", catalogue: .bundled)
        let variable = ClaudeEnv.opusModel
        #expect(
            opus.disagreements(with: nil, variable: variable) == [
                "ANTHROPIC_DEFAULT_OPUS_MODEL_NAME is missing",
                "ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES is missing (effort,max_effort,thinking,adaptive_thinking,interleaved_thinking)",
            ])
        // Order, case and spaces do not matter to Claude Code; a different set does.
        let same = BedrockOptions.PinLabel(
            name: "claude opus 4.6", capabilities: "Thinking, effort,max_effort,adaptive_thinking,interleaved_thinking")
        #expect(opus.disagreements(with: same, variable: variable) == [])
        let other = BedrockOptions.PinLabel(name: "Claude Opus 4.7", capabilities: "effort,xhigh_effort")
        #expect(opus.disagreements(with: other, variable: variable).count == 2)
    }
}
