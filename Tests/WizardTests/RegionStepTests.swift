import BedrockCore
import Testing
import WizardFlow

@Suite("Step: Region")
struct RegionStepTests {
    func region(_ run: Transcript) -> RegionStep? { if case .region(let step) = run.wizard.step { step } else { nil } }

    @Test func scanAndSmallFastRegion() {
        var run = Transcript(healthy: false)
        run.healthy = true
        run.press(.enter, .enter, .enter, .enter, .enter)
        run.healthy = false
        #expect(run.step == .region)
        let effects = run.press(.character("s"))
        #expect(
            requests(effects) == [
                .scanRegions(run.draft, Secrets(), models: ["us.anthropic.claude-sonnet-4-5-20250929-v1:0"])
            ])
        run.answer()
        #expect(region(run)?.scan["eu-south-2"]?.problem != nil)
        #expect(run.status == "1 of 2 Regions offer the chosen model.")
        run.press(.down, .character("f"))
        #expect(run.draft.smallFastRegion == "us-east-2")
    }

    @Test func switchingRegionReachesReviewInUnderTenKeys() {
        var run = Transcript()
        let keys: [Key] = [.down, .enter, .down, .down, .down, .enter, .enter]
        for key in keys.dropLast() { run.press(key) }
        // A new Region is checked on Verify before Review.
        #expect(run.step == .verify)
        #expect(requests(run.effects).last == .verify(run.draft, Secrets(), invoke: false))
        run.press(keys.last!)
        #expect(keys.count < 10)
        #expect(run.step == .review && run.draft.region == "us-west-2")
        // The pinned model is callable there as it is.
        #expect(run.draft.model == "us.anthropic.claude-sonnet-4-5-20250929-v1:0")
        run.press(.enter)
        #expect(run.step == .done)
    }

    @Test func anotherGeographyRemapsThePins() {
        var run = Transcript()
        run.press(.down, .enter)
        run.type("eu-central-1")
        #expect(run.screen.contains("▸   eu-central-1"))
        run.press(.enter)
        #expect(run.step == .verify)
        #expect(run.draft.model == "eu.anthropic.claude-sonnet-4-5-20250929-v1:0")
        run.press(.enter)
        #expect(run.step == .review)
    }

    @Test(
        "Type-ahead finds a Region by name or place",
        arguments: [("ap-n", "ap-northeast-1"), ("paulo", "sa-east-1"), ("eu-w", "eu-west-1"), ("ca", "ca-central-1")])
    func typeAhead(typed: String, found: String) {
        var run = Transcript()
        run.press(.down, .enter)
        run.type(typed)
        #expect(region(run).map { run.wizard.context.catalogue.regions[$0.cursor.index].name } == found)
    }

    @Test func sAndFAreCommandsUnlessASearchIsUnderWay() {
        var run = Transcript(healthy: false)
        run.press(.down, .enter)
        #expect(requests(run.press(.character("s"))).count == 1)
        run.press(.escape)
        run.type("us")
        #expect(region(run).map { run.wizard.context.catalogue.regions[$0.cursor.index].name } == "us-east-1")
        #expect(run.open.isEmpty)
    }

    @Test func aPinTheNewRegionCannotCallSendsARegionOnlyRunToModels() {
        var info = Fixtures.configured
        // A model the catalogue does not know yet: there is no EU profile to move it to.
        info.today?.opusModel = "us.anthropic.claude-opus-9-20270101-v1:0"
        var run = Transcript(info)
        run.press(.down, .enter)
        run.type("eu-central-1")
        run.press(.enter)
        #expect(run.step == .models && run.draft.opusModel == nil)
        #expect(run.draft.model == "eu.anthropic.claude-sonnet-4-5-20250929-v1:0")
        #expect(
            run.status == "us.anthropic.claude-opus-9-20270101-v1:0 cannot be called from eu-central-1: choose again.")
        // Re-picked, the models are checked on Verify before Review.
        var repick = run
        repick.press(.end, .enter)
        #expect(repick.step == .verify)
        #expect(requests(repick.effects).last == .verify(repick.draft, Secrets(), invoke: false))
        repick.press(.enter)
        #expect(repick.step == .review)
        run.press(.escape)
        #expect(run.step == .region && run.status == nil)
    }

    @Test func statusLinesStayOnTheirScreen() {
        var run = Transcript()
        run.press(.down, .enter, .character("s"))
        #expect(run.status != nil)
        run.press(.enter)
        #expect(run.step == .verify && run.status == nil)
    }
}
