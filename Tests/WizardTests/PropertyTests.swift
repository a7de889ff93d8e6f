import BedrockCore
import TestSupport
import Testing
import WizardFlow
import WizardUI

@Suite("Wizard properties")
struct PropertyTests {
    static let keys: [Key] = [.enter, .enter, .enter, .escape, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .home, .end,
                              .pageUp, .pageDown, .character("q"), .character("y"), .character("?"), .character("s"), .character("f"),
                              .character("t"), .character("p"), .character("c"), .character("l"), .character(" "), .character("a"),
                              .character("d"), .character("é"), .character("日"), .control("u"), .control("a"), .control("e")]

    /// Thousands of random key sequences, with every effect answered (sometimes late, sometimes
    /// with a failure): never a crash, always a valid state, and a write only ever from Review.
    @Test func randomKeySequencesKeepTheMachineValid() {
        var generator = SeededGenerator(seed: 20261124)
        var exits = 0, writes = 0
        for run in 0..<3000 {
            var state = Fixtures.state(run % 3 == 0 ? Fixtures.empty : Fixtures.configured, demo: run % 2 == 0,
                                       width: [80, 60, 200, 40][run % 4], height: [24, 18, 60, 12][run % 4])
            var pending: [Effect] = []
            for _ in 0..<60 {
                let screenBefore = state.screen
                var effects = state.handle(.key(Self.keys.randomElement(using: &generator)!))
                if Bool.random(using: &generator) { effects += state.handle(.tick) }
                for effect in effects {
                    if case .write = effect {
                        #expect(screenBefore == .review, "a write from \(screenBefore)")
                        writes += 1
                    }
                }
                pending += effects
                if let exit = pending.first(where: { if case .exit = $0 { true } else { false } }) {
                    _ = exit
                    exits += 1
                    break
                }
                // Answer a random pending effect, possibly after others: results may arrive out of order.
                if !pending.isEmpty, Bool.random(using: &generator) {
                    let effect = pending.remove(at: Int.random(in: 0..<pending.count, using: &generator))
                    if let reply = Fixtures.answer(effect, state: state) { pending += state.handle(reply) }
                }
                #expect(state.invariantViolations.isEmpty, "run \(run): \(state.invariantViolations)")
                _ = render(state, width: state.width, height: state.height)
            }
        }
        #expect(exits > 100 && writes > 0)
    }

    @Test("Esc or q from every screen writes nothing", arguments: Screen.allCases)
    func leavingWritesNothing(screen: Screen) {
        var state = Fixtures.state()
        let path: [Key] = [.enter, .enter, .enter, .enter, .enter, .enter, .end, .enter, .enter, .enter]
        var index = 0
        while state.screen != screen, index < path.count {
            Fixtures.press([path[index]], on: &state)
            index += 1
        }
        #expect(state.screen == screen)
        var effects: [Effect] = []
        for key: Key in [.escape, .escape, .escape, .escape, .escape, .escape, .escape, .escape, .character("q"), .character("y")] {
            effects += state.handle(.key(key))
        }
        #expect(!effects.contains { if case .write = $0 { true } else { false } })
        #expect(effects.contains { if case .exit = $0 { true } else { false } })
    }
}
