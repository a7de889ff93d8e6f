/// Model access: what must be enabled in the Bedrock console; checked for real on Verify.
public struct ModelAccessStep: StepFlow {
    enum Bindings {
        static let next = KeyBinding(.enter, "Enter", "continue")
    }

    static var help: [String] {
        [
            "Bedrock serves Claude only after model access is enabled",
            "per account and Region. Verify checks it for real.",
        ]
    }

    static func enter(_ session: inout Session) -> (ModelAccessStep, [Effect]) { (ModelAccessStep(), []) }

    var wrapped: Step { .modelAccess(self) }

    func bindings(_ answers: Answers) -> [KeyBinding] {
        [Bindings.next, CommonBindings.back, CommonBindings.help, CommonBindings.quit]
    }

    mutating func handle(_ key: Key, _ session: inout Session) -> Transition {
        switch key {
        case Bindings.next: .forward
        case CommonBindings.back: .back
        default: .stay()
        }
    }
}
