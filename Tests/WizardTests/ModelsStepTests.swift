import BedrockCore
import Testing
import WizardFlow

@Suite("Step: Models")
struct ModelsStepTests {
    func models(_ run: Transcript) -> ModelsStep? { if case .models(let step) = run.wizard.step { step } else { nil } }

    @Test func modelsOnlyAsksForTheLiveList() {
        var run = Transcript(healthy: false)
        let effects = run.press(.down, .down, .enter)
        #expect(run.step == .models)
        #expect(requests(effects) == [.listModels(Fixtures.today, Secrets())])
        #expect(models(run)?.cursor.index == ModelsStep.continueRow)
    }

    @Test func pickerAndCustomIdOffersTheProfileForm() {
        var run = Transcript()
        run.press(.down, .down, .enter, .home, .enter)
        #expect(models(run)?.picker?.slot == .primary)
        run.press(.end, .enter)
        #expect(models(run)?.picker?.custom != nil)
        run.press(.control("u"))
        run.type("anthropic.claude-haiku-4-5-20251001-v1:0")
        #expect(models(run)?.picker?.custom?.error?.contains("bare model ID") == true)
        #expect(models(run)?.picker?.custom?.suggestion == "us.anthropic.claude-haiku-4-5-20251001-v1:0")
        run.press(.tab, .enter)
        #expect(models(run)?.picker == nil)
        #expect(run.draft.model == "us.anthropic.claude-haiku-4-5-20251001-v1:0")
        run.press(.end, .enter)
        // "Change the models only" checks the new model on Verify before Review.
        #expect(run.step == .verify)
        #expect(requests(run.effects).last == .verify(run.draft, Secrets(), invoke: false))
        run.press(.enter)
        #expect(run.step == .review)
        #expect(requests(run.effects).contains { if case .plan = $0 { true } else { false } })
    }

    @Test func deleteClearsAPinAndQIsTextWhileTyping() {
        var run = Transcript()
        run.press(.down, .down, .enter, .home, .delete)
        #expect(run.draft.model == nil)
        run.press(.enter, .end, .enter)
        run.type("q?")
        #expect(run.wizard.chrome.overlay == nil)
        #expect(models(run)?.picker?.custom?.field.text == "q?")
    }

    @Test func aListArrivingUnderAnOpenPickerKeepsItsCursorInside() {
        var run = Transcript(healthy: false)
        run.press(.down, .down, .enter, .home, .enter)
        #expect(models(run)?.picker?.cursor.count == 2)
        run.answer()
        let count = models(run)?.choices(for: .primary, catalogue: .bundled).count ?? 0
        #expect(count > 0 && models(run)?.picker?.cursor.count == count + 2)
    }

    /// Nothing pinned: the screen says what the installed Claude Code calls from the Region (its
    /// defaults and prefix rule) and that an unpinned primary is billed at the Opus rate.
    @Test func nothingPinnedSaysWhatTheDetectedClaudeCodeCallsAndWhatItCosts() {
        var info = Fixtures.configured
        info.today?.model = nil
        info.today?.region = "eu-west-1"
        var run = Transcript(info, width: 120)
        run.press(.down, .down, .enter)
        #expect(run.step == .models)
        let unpinned = models(run)?.unpinned(run.wizard.answers, run.wizard.context)
        #expect(unpinned?.primary == "eu.anthropic.claude-opus-5")
        #expect(unpinned?.background == "eu.anthropic.claude-sonnet-4-5-20250929-v1:0")
        #expect(unpinned?.billedAsOpus == true)
        #expect(run.screen.contains("Unpinned, Claude Code 2.1.240 calls eu.anthropic.claude-opus-5 (Claude Opus 5)"))
        #expect(run.screen.contains("billed at the Opus rate"))

        // Claude Code 2.1.210 calls Opus 4.8 with Haiku 4.5 in the background. From ap-northeast-1 its prefix is
        // apac., but the account lists no apac. Opus 4.8 there, so Claude Code takes the profile it does list.
        info.claudeCodeVersion = ClaudeCodeVersion(2, 1, 210)
        info.today?.region = "ap-northeast-1"
        run = Transcript(info, width: 120)
        run.press(.down, .down, .enter)
        #expect(
            models(run)?.unpinned(run.wizard.answers, run.wizard.context)?.primary == "global.anthropic.claude-opus-4-8"
        )
        #expect(run.screen.contains("Claude Code 2.1.210 calls global.anthropic.claude-opus-4-8"))

        // Not installed: the newest defaults; an old Claude Code (Sonnet 4.5 default) gets no Opus-rate warning.
        info.claudeCodeVersion = ClaudeCodeVersion(2, 1, 100)
        info.today?.region = "us-east-1"
        run = Transcript(info, width: 120)
        run.press(.down, .down, .enter)
        #expect(models(run)?.unpinned(run.wizard.answers, run.wizard.context)?.billedAsOpus == false)
        #expect(!run.screen.contains("Opus rate"))

        // A primary pin: no note (the background is the primary pin then).
        run.press(.home, .enter, .down, .enter)
        #expect(run.draft.model != nil)
        #expect(models(run)?.unpinned(run.wizard.answers, run.wizard.context) == nil)
        #expect(!run.screen.contains("Unpinned"))
    }

    /// "with 1M context" follows each model that takes Claude Code's [1m] suffix, and picking it
    /// writes the suffix; models without it, and the background slot, get no such row.
    @Test func withOneMillionContextIsOfferedWhereTheModelSupportsItAndWritesTheSuffix() throws {
        var run = Transcript()
        run.press(.down, .down, .enter)
        let step = try #require(models(run))
        let primary = step.choices(for: .primary, catalogue: .bundled)
        let long = primary.filter { $0.id.hasSuffix("[1m]") }
        #expect(!long.isEmpty)
        for option in long {
            let base = try #require(Geography.leading(String(option.id.dropLast(4)))?.1)
            #expect(Catalogue.bundled.model(baseModelId: base)?.longContext == .suffix, "\(option.id)")
            #expect(option.name.hasSuffix("with 1M context"))
            // Right after the same model without the suffix.
            let index = try #require(primary.firstIndex(of: option))
            #expect(primary[index - 1].id + "[1m]" == option.id)
        }
        #expect(!primary.contains { $0.id.contains("sonnet-4-5") && $0.id.hasSuffix("[1m]") })
        #expect(!step.choices(for: .smallFast, catalogue: .bundled).contains { $0.id.hasSuffix("[1m]") })

        let wanted = try #require(long.first { $0.id.hasPrefix("us.anthropic.claude-opus-5[") })
        let row = try #require(primary.firstIndex(of: wanted)) + 1  // row 0 is Claude Code's default
        run.press(.home, .enter, .home)
        for _ in 0..<row { run.press(.down) }
        #expect(run.screen.contains("▸ us.anthropic.claude-opus-5[1m]  Claude Opus 5 with 1M context"))
        run.press(.enter)
        #expect(run.draft.model == "us.anthropic.claude-opus-5[1m]")
        // The core accepts what the picker wrote, and the settings carry it as written.
        #expect(throws: Never.self) { try Validator(catalogue: .bundled).profile(run.draft) }
        #expect(run.draft.environment().contains { $0 == (ClaudeEnv.model, "us.anthropic.claude-opus-5[1m]") })
        // Opening the picker again puts the cursor on the [1m] row.
        run.press(.home, .enter)
        #expect(models(run)?.picker?.cursor.index == row)
    }
    /// The Fable pin and the default model are picked like the other slots, after them (the plain route never
    /// passes them); the Fable picker has no "with 1M context" rows (Claude Code ignores [1m] there), and each row
    /// says what it sets, the default model that a /model pick overrides it and from which version it is read.
    @Test func theFableAndDefaultModelSlotsArePickedFromTheCatalogueAndExplained() throws {
        var run = Transcript(width: 120, height: 30)
        run.press(.down, .down, .enter)
        let step = try #require(models(run))
        #expect(!step.choices(for: .fable, catalogue: .bundled).contains { $0.id.hasSuffix("[1m]") })
        #expect(step.choices(for: .opus, catalogue: .bundled).contains { $0.id.hasSuffix("[1m]") })
        let first = try #require(step.choices(for: .fable, catalogue: .bundled).first)

        run.press(.home, .down, .down, .down, .down)
        #expect(run.screen.contains("▸ Fable pin         Claude Code's default"), "\(run.screen)")
        #expect(run.screen.contains("ANTHROPIC_DEFAULT_FABLE_MODEL"))
        run.press(.enter)
        #expect(models(run)?.picker?.slot == .fable)
        run.press(.down, .enter)
        #expect(run.draft.fableModel == first.id)

        run.press(.down)
        #expect(run.screen.contains("▸ Default model     none (the primary model decides)"), "\(run.screen)")
        #expect(run.screen.contains("a /model pick overrides it"))
        run.press(.enter, .end, .enter)
        run.type("opus")  // Claude Code's aliases are taken where a model is chosen
        run.press(.enter)
        #expect(run.draft.defaultModel == "opus")
        let env = Dictionary(run.draft.environment(), uniquingKeysWith: { $1 })
        #expect(env[ClaudeEnv.fableModel] == first.id && env[ClaudeEnv.defaultModel] == "opus")
        #expect(throws: Never.self) { try Validator(catalogue: .bundled).profile(run.draft) }
    }

    /// A Claude Code older than 2.1.236 does not read ANTHROPIC_DEFAULT_MODEL: the row says so, a pin there is
    /// marked ignored, and what Claude Code calls unpinned stays its own default, not that pin.
    @Test func anOlderClaudeCodeIsToldItIgnoresTheDefaultModel() throws {
        var info = Fixtures.configured
        info.today?.model = nil
        info.today?.defaultModel = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
        info.claudeCodeVersion = ClaudeCodeVersion(2, 1, 230)
        var run = Transcript(info, width: 120, height: 30)
        run.press(.down, .down, .enter, .up, .up)
        #expect(run.screen.contains("us.anthropic.claude-sonnet-4-5-20250929-v1:0 (ignored by Claude Code 2.1.230)"))
        #expect(run.screen.contains("2.1.230, installed here, ignores it"), "\(run.screen)")
        #expect(models(run)?.unpinned(run.wizard.answers, run.wizard.context)?.primary == "us.anthropic.claude-opus-5")

        info.claudeCodeVersion = ClaudeCodeVersion(2, 1, 240)
        run = Transcript(info, width: 120, height: 30)
        run.press(.down, .down, .enter)
        #expect(models(run)?.unpinned(run.wizard.answers, run.wizard.context)?.primary == nil)
    }

    /// A pin the core refuses (here one read from today's settings) stops Continue, and the cursor goes to its row.
    @Test func aRefusedPinPutsTheCursorOnItsRow() {
        var info = Fixtures.configured
        info.today?.fableModel = "anthropic.claude-opus-5"  // a bare ID: refused off Mantle
        var run = Transcript(info, width: 120, height: 30)
        run.press(.down, .down, .enter)
        #expect(models(run)?.cursor.index == ModelsStep.continueRow)
        run.press(.enter)
        #expect(run.step == .models)
        #expect(run.wizard.chrome.status?.isError == true)
        #expect(models(run)?.cursor.index == ModelsStep.slots.firstIndex(of: .fable))
    }
}
