/// Done: what was written where, and what to run next.
public struct DoneStep: StepFlow {
    public enum Outcome: Equatable, Sendable {
        case wrote([WrittenFile])
        /// Every file already matched: nothing was written.
        case nothingChanged
    }

    public internal(set) var outcome: Outcome

    enum Bindings {
        static let exit = KeyBinding([.enter, .escape], "Enter or q", "exit")
    }

    static var help: [String] { ["Run claude, then /status inside it."] }

    /// Done is reached only through Review's write, which sets the outcome.
    static func enter(_ session: inout Session) -> (DoneStep, [Effect]) { (DoneStep(outcome: .nothingChanged), []) }

    var wrapped: Step { .done(self) }

    func bindings(_ answers: Answers) -> [KeyBinding] { [Bindings.exit] }

    mutating func handle(_ key: Key, _ session: inout Session) -> Transition {
        Bindings.exit ~= key ? .exit(0) : .stay()
    }
}
