import BedrockCore
import TestSupport
import Testing
import WizardFlow
import WizardUI

@Suite("Wizard properties")
struct PropertyTests {
    static let keys: [Key] = [
        .enter, .enter, .enter, .escape, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .home, .end,
        .pageUp, .pageDown, .character("q"), .character("y"), .character("?"), .character("s"), .character("f"),
        .character("t"), .character("p"), .character("c"), .character("l"), .character(" "), .character("a"),
        .character("d"), .character("é"), .character("日"), .control("u"), .control("a"), .control("e"),
    ]

    /// Thousands of random key sequences, with every request answered (sometimes late, out of
    /// order, or after it was cancelled): never a crash, a drawable state, and a write only
    /// ever from Review.
    @Test func randomKeySequencesKeepTheMachineValid() {
        var generator = SeededGenerator(seed: 20_261_124)
        var exits = 0
        var writes = 0
        for run in 0..<3000 {
            var wizard = Fixtures.wizard(
                run % 3 == 0 ? Fixtures.empty : Fixtures.configured, demo: run % 2 == 0,
                width: [80, 60, 200, 40][run % 4], height: [24, 18, 60, 12][run % 4])
            var asked: [(RequestID, Request)] = []
            for _ in 0..<60 {
                let before = wizard.step.id
                var effects = wizard.handle(.key(Self.keys.randomElement(using: &generator) ?? .enter))
                if Bool.random(using: &generator) { effects += wizard.handle(.tick) }
                for case .perform(let id, let request) in effects {
                    if case .write = request {
                        #expect(before == .review, "a write from \(before)")
                        writes += 1
                    }
                    asked.append((id, request))
                }
                if effects.contains(where: { if case .exit = $0 { true } else { false } }) {
                    exits += 1
                    break
                }
                // Answer a random request, possibly an old or cancelled one: answers may come late and out of order.
                if !asked.isEmpty, Bool.random(using: &generator) {
                    let (id, request) = asked.remove(at: Int.random(in: 0..<asked.count, using: &generator))
                    let (waited, unchanged) = (wizard.step.accepts(id), wizard)
                    for case .perform(let id, let request) in wizard.handle(.answered(id, Fixtures.answer(request))) {
                        asked.append((id, request))
                    }
                    // An answer nobody waits for changes nothing.
                    if !waited { #expect(wizard == unchanged) }
                }
                _ = render(wizard, width: wizard.chrome.width, height: wizard.chrome.height)
            }
        }
        #expect(exits > 100 && writes > 0)
    }

    /// The sign-in detours are reached from Credentials only; SSOSignInStepTests leaves each of them.
    @Test("Esc or q from every step writes nothing", arguments: StepID.allCases.filter { $0.place == $0 })
    func leavingWritesNothing(step: StepID) {
        var run = Transcript()
        let path: [Key] = [.enter, .enter, .enter, .enter, .enter, .enter, .end, .enter, .enter, .enter]
        var index = 0
        while run.step != step, index < path.count {
            run.press(path[index])
            index += 1
        }
        #expect(run.step == step)
        var effects: [Effect] = []
        for key: Key in [
            .escape, .escape, .escape, .escape, .escape, .escape, .escape, .escape, .character("q"), .character("y"),
        ] {
            effects += run.press(key)
        }
        #expect(!requests(effects).contains { if case .write = $0 { true } else { false } })
        #expect(effects.contains { if case .exit = $0 { true } else { false } })
    }
}
