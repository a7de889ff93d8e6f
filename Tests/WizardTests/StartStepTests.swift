import BedrockCore
import Testing
import WizardFlow

@Suite("Step: Start")
struct StartStepTests {
    func start(_ wizard: Wizard) -> StartStep? { if case .start(let step) = wizard.step { step } else { nil } }

    @Test func offersWhatMakesSense() {
        #expect(
            start(Transcript().wizard)?.choices == [
                .update, .regionOnly, .modelsOnly, .newProfile, .switchProfile, .quit,
            ])
        #expect(start(Transcript(Fixtures.empty).wizard)?.choices == [.setUp, .quit])
    }

    @Test(
        "Each choice leads where it says",
        arguments: [
            ([Key.enter], StepID.modelAccess, Route.full),
            ([.down, .enter], .region, .regionOnly),
            ([.down, .down, .enter], .models, .modelsOnly),
            ([.up, .up, .enter], .start, .full),
        ])
    func choices(keys: [Key], step: StepID, route: Route) {
        var run = Transcript(healthy: false)
        for key in keys { run.press(key) }
        #expect(run.step == step)
        #expect(run.wizard.answers.route == route)
    }

    @Test func quitAndEscLeaveAtOnce() {
        var run = Transcript()
        #expect(run.press(.up, .enter) == [.exit(0)])
        #expect(Transcript().wizard.step.id == .start)
        var esc = Transcript()
        #expect(esc.press(.escape) == [.exit(0)])
    }

    @Test func newProfileGetsAFreeName() {
        var run = Transcript()
        run.press(.down, .down, .down, .enter)
        #expect(run.step == .modelAccess && run.draft.name == "profile-2")
    }

    @Test func switchingToASavedProfilePlansItAtOnce() {
        var run = Transcript(healthy: false)
        run.press(.up, .up, .enter)
        #expect(run.screen.contains("Switch to a saved profile"))
        run.press(.down)
        let effects = run.press(.enter)
        #expect(run.step == .review && run.draft.name == "eu")
        #expect(requests(effects) == [.plan(Fixtures.configured.savedProfiles[1], Secrets(), targets: [.user])])
        run.answer()
        run.press(.escape)
        #expect(run.step == .start)
    }
}
