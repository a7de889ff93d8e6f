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
        #expect(models(run)?.cursor.index == ModelsStep.slots.count)
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
        let count = models(run)?.options.count ?? 0
        #expect(count > 0 && models(run)?.picker?.cursor.count == count + 2)
    }
}
