import BedrockCore

/// Verify: identity, Region, permissions and each chosen model, checked for real; an opt-in
/// one-token call; the least-privilege IAM policy to show or save.
public struct VerifyStep: StepFlow {
    public enum Phase: Equatable, Sendable {
        case checking(RequestID)
        case checked([Diagnosis])
    }

    public internal(set) var phase: Phase
    /// The IAM policy is open, scrolled this many lines.
    public internal(set) var policyScroll: Int?
    public internal(set) var savingPolicy: RequestID?

    enum Bindings {
        static let review = KeyBinding(.enter, "Enter", "review")
        static let testCall = KeyBinding(.character("t"), "t", "one-token test call")
        static let policy = KeyBinding(.character("p"), "p", "IAM policy")
        static let recheck = KeyBinding(.character("r"), "r", "re-check")
        static let scroll = KeyBinding([.up, .down, .pageUp, .pageDown], "↑↓", "scroll")
        static let save = KeyBinding(.character("s"), "s", "save to a file")
        static let close = KeyBinding([.escape, .character("p"), .enter], "Esc", "close")
    }

    static var help: [String] {
        [
            "Every ✗ has a one-line fix.", "t makes a one-token test call (a fraction of a cent).",
            "p shows the least-privilege IAM policy; s saves it.",
        ]
    }

    static func enter(_ session: inout Session) -> (VerifyStep, [Effect]) {
        let (id, effect) = session.request(.verify(session.draft, session.answers.secrets, invoke: false))
        return (VerifyStep(phase: .checking(id)), [effect])
    }

    var wrapped: Step { .verify(self) }

    public var pending: RequestID? { if case .checking(let id) = phase { id } else { nil } }
    func accepts(_ id: RequestID) -> Bool { id == pending || id == savingPolicy }

    mutating func cancel() -> Bool {
        phase = .checked([])
        return true
    }

    public var lines: [Diagnosis] { if case .checked(let lines) = phase { lines } else { [] } }

    func bindings(_ answers: Answers) -> [KeyBinding] {
        policyScroll != nil
            ? [Bindings.scroll, Bindings.save, Bindings.close]
            : [Bindings.review, Bindings.testCall, Bindings.policy, Bindings.recheck, CommonBindings.back]
    }

    /// The least-privilege policy for the draft, with the account once STS has named it.
    /// Unpinned, the models are the installed Claude Code's defaults for the Region.
    public static func policyText(_ answers: Answers, context: WizardContext) -> String {
        IAMPolicy.render(
            for: answers.draft, account: answers.account, broad: false, catalogue: context.catalogue,
            defaults: .claudeCode(
                context.info.claudeCodeVersion, region: answers.draft.region, prefixOverride: answers.draft.regionPrefix
            )
        ).document.serialized()
    }

    mutating func handle(_ key: Key, _ session: inout Session) -> Transition {
        if let scroll = policyScroll {
            switch key {
            case .up: policyScroll = max(0, scroll - 1)
            case .down: policyScroll = scroll + 1
            case .pageUp: policyScroll = max(0, scroll - 10)
            case .pageDown: policyScroll = scroll + 10
            case Bindings.save:
                let text = Self.policyText(session.answers, context: session.context)
                let (id, effect) = session.request(.savePolicy(text, profileName: session.draft.name))
                savingPolicy = id
                return .stay([effect])
            case Bindings.close: policyScroll = nil
            default: break
            }
            return .stay()
        }
        switch key {
        case Bindings.testCall:
            // The one-token call goes to the primary model Claude Code will call, pinned or its default.
            let primary = session.draft.withModelsClaudeCodeCalls(version: session.context.info.claudeCodeVersion).model
            session.say("Calling \(primary ?? "the default model") with one token…")
            return check(invoke: true, &session)
        case Bindings.recheck:
            return check(invoke: false, &session)
        case Bindings.policy:
            policyScroll = 0
            return .stay()
        case CommonBindings.back:
            return .back
        case Bindings.review:
            return pending == nil ? .forward : .stay()
        default:
            return .stay()
        }
    }

    mutating func check(invoke: Bool, _ session: inout Session) -> Transition {
        let (id, effect) = session.request(.verify(session.draft, session.answers.secrets, invoke: invoke))
        phase = .checking(id)
        return .stay([effect])
    }

    mutating func receive(_ answer: Answer, _ session: inout Session) -> Transition {
        switch answer {
        case .verified(let lines, let account, let backing):
            phase = .checked(lines)
            session.answers.pinBacking.merge(backing) { $1 }
            session.answers.account = account ?? session.answers.account
            session.say(nil)
        case .policySaved(let result):
            savingPolicy = nil
            switch result {
            case .success(let path): session.say("Saved the IAM policy to \(path).")
            case .failure(let failure): session.say(failure.message, error: true)
            }
        default: break
        }
        return .stay()
    }
}
