import BedrockCore
import Testing
import WizardFlow
import WizardUI

@Suite("Wizard: global keys, navigation, requests")
struct WizardTests {
    @Test func quitAsksFirstOnceAnswersWouldBeLostAndCtrlCNeverAsks() {
        var run = Transcript()
        #expect(run.press(.character("q")) == [.exit(0)])
        run = Transcript()
        run.press(.enter)
        #expect(run.press(.character("q")) == [])
        #expect(run.wizard.chrome.overlay == .confirmQuit)
        #expect(run.press(.character("n")) == [])
        #expect(run.wizard.chrome.overlay == nil && run.step == .modelAccess)
        run.press(.character("q"))
        #expect(run.press(.character("y")) == [.exit(0)])
        #expect(run.press(.control("c")) == [.exit(130)])
    }

    @Test func theHelpOverlayAndTheFooterComeFromTheStepsBindings() {
        var run = Transcript()
        run.press(.enter, .enter)
        let footer = run.screen.split(separator: "\n").last.map(String.init) ?? ""
        #expect(footer == " ↑↓ or a–d choose · Enter select · Esc back · ? help")
        run.press(.character("?"))
        let help = run.screen
        for binding in run.wizard.step.bindings(run.wizard.answers) { #expect(help.contains(binding.label + "  ")) }
        #expect(help.contains("Help: Credentials") && help.contains("choose"))
        run.press(.character("x"))
        #expect(run.wizard.chrome.overlay == nil && run.step == .credentials)
    }

    @Test(
        "Navigation: the next and previous step of every route",
        arguments: [
            (Route.full, [StepID.start, .modelAccess, .credentials, .region, .models, .verify, .review, .done]),
            (.regionOnly, [.start, .region, .verify, .review, .done]),
            (.modelsOnly, [.start, .models, .verify, .review, .done]),
            (.switchProfile, [.start, .review, .done]),
        ])
    func navigation(route: Route, walk: [StepID]) {
        var forward: [StepID] = [.start]
        while let next = Navigation.next(after: forward[forward.count - 1], on: route) { forward.append(next) }
        #expect(forward == walk)
        var backward: [StepID] = [.done]
        while let previous = Navigation.previous(before: backward[backward.count - 1], on: route) {
            backward.append(previous)
        }
        #expect(backward == walk.reversed())
        #expect(Navigation.counter(.review) == (7, 8))
    }

    @Test func theStepCounterComesFromTheNavigation() {
        var run = Transcript()
        run.press(.down, .enter)
        #expect(run.screen.contains("Step \(Navigation.counter(.region).number)/\(Navigation.order.count) · Region"))
    }

    @Test func escReturnsToTheStepLeftAsItWas() {
        var run = Transcript()
        run.press(.enter, .enter, .enter, .enter)
        let checked = run.wizard.step
        run.press(.enter)
        #expect(run.step == .region)
        run.press(.escape)
        #expect(run.wizard.step == checked)
    }

    @Test func leavingAStepCancelsWhatItWaitsFor() {
        var run = Transcript(healthy: false)
        run.press(.down, .enter)
        let scan = run.press(.character("s"))
        guard case .perform(let id, _) = scan.first else {
            Issue.record("no scan")
            return
        }
        #expect(run.press(.enter).contains(.cancel(id)))
        #expect(run.open.allSatisfy { $0.id != id })
    }

    @Test func everyRequestHasItsOwnIdentity() {
        var run = Transcript()
        for key: Key in [
            .enter, .enter, .enter, .enter, .enter, .character("s"), .enter, .end, .enter, .character("t"),
            .character("r"), .enter, .enter,
        ] {
            run.press(key)
        }
        let ids = run.effects.compactMap { if case .perform(let id, _) = $0 { id } else { nil } }
        #expect(ids.count >= 7 && Set(ids).count == ids.count)
        #expect(run.step == .done)
    }

    /// The plain route (update today's setup, every screen's first answer) costs Enter once per screen: the rows
    /// added for less common settings sit where the plain route never passes. Counted from Start to Done.
    @Test func thePlainRouteCostsOneKeyPerScreen() {
        var run = Transcript()
        var keys = 0
        var screens: [StepID] = []
        while run.step != .done, keys < 30 {
            if screens.last != run.step { screens.append(run.step) }
            run.press(.enter)
            keys += 1
        }
        print("plain route: \(keys) keys through \(screens.map { "\($0)" }.joined(separator: ", ")) to done")
        #expect(run.step == .done)
        #expect(keys == 9, "\(screens)")
    }
}
