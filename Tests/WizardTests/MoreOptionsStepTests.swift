import BedrockCore
import Testing
import WizardFlow

@Suite("Step: More options")
struct MoreOptionsStepTests {
    func options(_ run: Transcript) -> MoreOptionsStep? {
        if case .moreOptions(let step) = run.wizard.step { step } else { nil }
    }

    /// "Change the models only", then Up to "More options…" and Enter.
    func opened(_ info: StartInfo = Fixtures.configured) -> Transcript {
        var run = Transcript(info)
        run.press(.down, .down, .enter, .up, .enter)
        return run
    }

    func moveTo(_ row: MoreOptionsStep.Row, _ run: inout Transcript) {
        while let step = options(run), step.row != row { run.press(.down) }
    }

    /// A tier value the tool does not know (a newer Claude Code's, or a typo doctor points out) is kept through the
    /// screen and the write, said as such, and replaced only when the person changes the tier row.
    @Test func anUnknownServiceTierIsKeptUntilTheTierRowChanges() {
        var info = Fixtures.configured
        info.today?.bedrock.unrecognizedServiceTier = "reserved"
        var run = opened(info)
        #expect(options(run)?.keptServiceTier == "reserved")
        #expect(run.screen.contains("reserved (kept as found; not a tier this tool knows)"), "\(run.screen)")
        moveTo(.apply, &run)
        run.press(.enter)
        #expect(run.step == .models)
        #expect(run.draft.bedrock.environment.contains { $0 == ("ANTHROPIC_BEDROCK_SERVICE_TIER", "reserved") })

        var changed = opened(info)
        moveTo(.serviceTier, &changed)
        changed.press(.character(" "))
        moveTo(.apply, &changed)
        changed.press(.enter)
        #expect(changed.draft.bedrock.environment.contains { $0 == ("ANTHROPIC_BEDROCK_SERVICE_TIER", "default") })
    }

    /// The plain route does not pass through it: Models opens on Continue, and Enter goes on to Verify.
    @Test func thePlainRouteSkipsItWithoutAKey() {
        var run = Transcript()
        run.press(.down, .down, .enter)
        #expect(run.step == .models)
        run.press(.enter)
        #expect(run.step == .verify)
    }

    /// Opening it while the models are still listed cancels that listing; back on Models a key that
    /// stays asks again, and Enter on Continue still goes on (it is not spent on the listing).
    @Test func aListingCancelledByTheDetourIsAskedAgainWithoutSpendingAKey() {
        var run = Transcript(healthy: false)
        run.press(.down, .down, .enter)
        let effects = run.press(.up, .enter)
        #expect(run.step == .moreOptions)
        #expect(effects.contains { if case .cancel = $0 { true } else { false } })
        run.press(.escape)
        #expect(run.step == .models)
        #expect(requests(run.press(.up)).contains { if case .listModels = $0 { true } else { false } })
        run.press(.down, .enter)
        #expect(run.step == .verify)

        run = Transcript(healthy: false)
        run.press(.down, .down, .enter, .up, .enter, .escape, .enter)
        #expect(run.step == .verify)
    }

    @Test func everyOptionIsSetCheckedAndKeptForReview() throws {
        var run = opened()
        #expect(run.step == .moreOptions)
        #expect(Navigation.counter(run.step) == Navigation.counter(.models))
        run.press(.character(" "), .character(" "))
        #expect(options(run)?.serviceTier == .flex)
        run.press(.down)
        run.type("gr1a2b3c4d5e")
        run.press(.down)
        run.type("2")
        moveTo(.gatewayURL, &run)
        run.type("https://llm-gateway.example.com/bedrock")
        run.press(.down, .character(" "))
        moveTo(.promptCaching, &run)
        run.press(.character(" "))
        #expect(options(run)?.caching == .oneHour)
        run.press(.enter)
        #expect(run.step == .models)
        #expect(run.status == "More options kept: Review shows them.")
        let bedrock = run.draft.bedrock
        #expect(bedrock.serviceTier == .flex)
        #expect(bedrock.guardrail == BedrockOptions.Guardrail(identifier: "gr1a2b3c4d5e", version: "2"))
        #expect(bedrock.baseURL == "https://llm-gateway.example.com/bedrock" && bedrock.skipAuth)
        #expect(bedrock.promptCaching1h && !bedrock.disablePromptCaching && !bedrock.mantle)
        #expect(
            MoreOptionsStep.summary(bedrock) == "tier flex, Guardrail gr1a2b3c4d5e:2, gateway (signs), 1-hour cache")
        #expect(run.screen.contains("More options…     tier flex, Guardrail gr1a2b3c4d5e:2"))

        // Back on Models the cursor waits on Continue: one Enter goes on to Verify, then Review, where the
        // plan is asked for with the options, and their variables are in it.
        run.press(.enter)
        #expect(run.step == .verify)
        run.press(.enter)
        #expect(run.step == .review)
        let planned = try #require(
            requests(run.effects).compactMap { request -> SetupProfile? in
                if case .plan(let profile, _, _) = request { profile } else { nil }
            }.last)
        let env = Dictionary(planned.environment(), uniquingKeysWith: { $1 })
        #expect(env[ClaudeEnv.serviceTier] == "flex")
        #expect(
            env[ClaudeEnv.customHeaders]
                == "X-Amzn-Bedrock-GuardrailIdentifier: gr1a2b3c4d5e\nX-Amzn-Bedrock-GuardrailVersion: 2")
        #expect(env[ClaudeEnv.baseURL] == "https://llm-gateway.example.com/bedrock" && env[ClaudeEnv.skipAuth] == "1")
        #expect(env[ClaudeEnv.promptCaching1h] == "1")
    }

    @Test func escLeavesTheOptionsAsTheyWere() {
        var run = opened()
        run.press(.character(" "), .down)
        run.type("gr1a2b3c4d5e")
        run.press(.escape)
        #expect(run.step == .models)
        #expect(run.draft.bedrock == BedrockOptions())
    }

    /// The core's validator judges; the cursor goes to the row at fault and nothing is kept.
    @Test func aBadValueIsSaidAtItsRowAndNothingIsKept() {
        var run = opened()
        moveTo(.gatewayURL, &run)
        run.type("http://gateway.example.com")
        run.press(.enter)
        #expect(run.step == .moreOptions)
        #expect(options(run)?.error?.contains("is not an https:// address") == true)
        #expect(options(run)?.row == .gatewayURL)
        #expect(run.draft.bedrock.baseURL == nil)

        run.press(.control("u"), .down, .character(" "), .enter)
        #expect(options(run)?.error?.contains("CLAUDE_CODE_SKIP_BEDROCK_AUTH") == true)
        #expect(options(run)?.row == .gatewayURL)

        run.press(.down, .character(" "), .up, .up, .up)
        run.type("q")  // text while a field has the cursor, not quit
        #expect(run.wizard.chrome.overlay == nil)
        #expect(options(run)?.guardrailId.text == "q")
        run.press(.enter)
        #expect(options(run)?.row == .guardrailVersion)
        #expect(options(run)?.error?.contains("is not a version number or DRAFT") == true)
    }

    /// A setup read from today's files opens with its options; what the screen has no row for
    /// (an ARN pin's display name, modelOverrides) is kept through an apply.
    @Test func todaysOptionsArePrefilledAndWhatHasNoRowIsKept() {
        var info = Fixtures.configured
        let label = BedrockOptions.PinLabel(name: "Opus (team)", capabilities: "effort,thinking")
        var today = BedrockOptions(
            serviceTier: .priority, mantle: false, disablePromptCaching: true,
            pinLabels: [ClaudeEnv.opusModel: label])
        today.modelOverrides = [
            "claude-opus-4-6": "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1"
        ]
        info.today?.bedrock = today
        var run = opened(info)
        #expect(options(run)?.serviceTier == .priority && options(run)?.caching == .off)
        run.press(.character(" "))
        #expect(options(run)?.serviceTier == nil)
        run.press(.enter)
        #expect(run.draft.bedrock.serviceTier == nil && run.draft.bedrock.disablePromptCaching)
        #expect(run.draft.bedrock.pinLabels == [ClaudeEnv.opusModel: label])
        #expect(run.draft.bedrock.modelOverrides == today.modelOverrides)
    }
    /// The Region prefix cycles auto → us → eu… → global; applied, the Models screen's unpinned lines follow it (the
    /// core's ClaudeCodeDefaults, with its fallback to a listed profile), the summary names it, and the settings
    /// carry ANTHROPIC_BEDROCK_REGION_PREFIX.
    @Test func theRegionPrefixRowMovesTheUnpinnedDefaults() {
        var info = Fixtures.configured
        info.today?.model = nil
        var run = Transcript(info, width: 120, height: 30)
        run.press(.down, .down, .enter)
        #expect(run.screen.contains("calls us.anthropic.claude-opus-5"))
        run.press(.up, .enter)
        moveTo(.regionPrefix, &run)
        #expect(run.screen.contains("auto (us from us-east-1)"), "\(run.screen)")
        run.press(.character(" "), .character(" "))
        #expect(options(run)?.regionPrefix == "eu")
        run.press(.left, .left)
        #expect(options(run)?.regionPrefix == nil)
        run.press(.left)
        #expect(options(run)?.regionPrefix == "global")
        run.press(.enter)
        #expect(run.step == .models)
        #expect(run.draft.regionPrefix == "global")
        #expect(
            run.screen.contains("Unpinned, Claude Code 2.1.240 calls global.anthropic.claude-opus-5"), "\(run.screen)")
        #expect(run.screen.contains("prefix global"))
        #expect(run.draft.environment().contains { $0 == (ClaudeEnv.regionPrefix, "global") })

        // Back to auto: the variable goes.
        run.press(.up, .enter)
        moveTo(.regionPrefix, &run)
        run.press(.right, .enter)
        #expect(run.draft.regionPrefix == nil)
        #expect(run.screen.contains("calls us.anthropic.claude-opus-5"))
    }

    /// A prefix Claude Code ignores, read from today's settings, is shown as such, and the validator's refusal puts
    /// the cursor on its row.
    @Test func anIgnoredPrefixIsSaidAtItsRow() {
        var info = Fixtures.configured
        info.today?.regionPrefix = "ca"
        var run = opened(info)
        #expect(run.screen.contains("ca (Claude Code ignores it)"))
        run.press(.enter)
        #expect(run.step == .moreOptions)
        #expect(options(run)?.row == .regionPrefix)
        #expect(options(run)?.error?.contains("ANTHROPIC_BEDROCK_REGION_PREFIX") == true)
    }

    /// modelOverrides as a list: add a pair (its ARN checked by the core's validator as it is accepted), remove one
    /// read from today's settings; applied, the draft holds the new pair and says which one to take out of the file.
    @Test func modelOverridesAreAddedEditedAndRemoved() throws {
        let kept = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1"
        let added = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/s2"
        var info = Fixtures.configured
        info.today?.bedrock.modelOverrides = ["claude-opus-4-6": kept, "claude-haiku-4-5": kept]
        var run = opened(info)
        moveTo(.modelOverrides, &run)
        #expect(run.screen.contains("claude-haiku-4-5, claude-opus-4-6"))
        run.press(.character(" "))
        #expect(options(run)?.overridesOpen == true)
        #expect(run.screen.contains("▸ claude-haiku-4-5 → arn:aws:bedrock:us-east-1:123456789012:application-infer"))
        run.press(.end, .enter)
        run.type("claude-sonnet-4-5")
        run.press(.tab)
        run.type("arn:aws:bedrock:us-east-1:123456789012:model/nope")
        run.press(.enter)
        #expect(options(run)?.overrides.editing?.field == .arn)
        #expect(options(run)?.overrides.error != nil)
        // Named as the override it is (the core checks it like a model, but it is no "primary model").
        #expect(run.screen.contains("modelOverrides for claude-sonnet-4-5 is refused"), "\(run.screen)")
        #expect(run.screen.contains("is not a valid Bedrock") && !run.screen.contains("primary"), "\(run.screen)")
        run.press(.control("u"))
        run.type(added)
        run.press(.enter)
        #expect(options(run)?.overrides.editing == nil && options(run)?.overrides.error == nil)
        // Edit the first pair's name, then remove the second one (q is text while typing).
        run.press(.home, .enter, .control("u"))
        run.type("claude-haiku-4-5-q")
        #expect(run.wizard.chrome.overlay == nil)
        run.press(.escape)  // the edit is cancelled: the pair is as it was
        #expect(options(run)?.overrides.pairs.first?.name.text == "claude-haiku-4-5")
        run.press(.down, .delete, .escape)
        #expect(options(run)?.overridesOpen == false)
        run.press(.enter)
        #expect(run.step == .models)
        #expect(run.draft.bedrock.modelOverrides == ["claude-haiku-4-5": kept, "claude-sonnet-4-5": added])
        #expect(run.draft.bedrock.removedModelOverrides == ["claude-opus-4-6"])
        #expect(run.screen.contains("2 model overrides"))
    }

    /// A pair at fault (here read from today's settings) stops Apply: the list opens with the cursor on that pair and
    /// the validator's words, and nothing is kept.
    @Test func aBadOverrideOpensTheListOnThePairAtFault() {
        var info = Fixtures.configured
        info.today?.bedrock.modelOverrides = [
            "claude-opus-4-6": "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1",
            "gpt 4": "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a2",
        ]
        var run = opened(info)
        run.press(.enter)
        #expect(run.step == .moreOptions)
        #expect(options(run)?.row == .modelOverrides && options(run)?.overridesOpen == true)
        #expect(options(run)?.overrides.cursor.index == 1)
        #expect(options(run)?.overrides.error?.contains("not an Anthropic model name") == true)
        #expect(run.draft.bedrock.modelOverrides == info.today?.bedrock.modelOverrides)
    }
}
