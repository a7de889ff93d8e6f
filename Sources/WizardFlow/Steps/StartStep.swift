import BedrockCore

/// Start: what is configured today, and what to do about it.
public struct StartStep: StepFlow {
    public enum Phase: Equatable, Sendable {
        case menu
        /// The list of saved profiles is open.
        case switching(ListCursor)
    }

    public let choices: [StartChoice]
    public internal(set) var menu: ListCursor
    public internal(set) var phase: Phase = .menu

    enum Bindings {
        static let select = KeyBinding(.enter, "Enter", "select")
        static let switchTo = KeyBinding(.enter, "Enter", "switch")
    }

    static let helpText = [
        "Update keeps today's answers; Enter keeps each one.", "Region only / models only reach Review in a few keys.",
        "Switch activates a saved profile.", "Nothing is written before the Review screen.",
    ]
    static var help: [String] { helpText }

    static func enter(_ session: inout Session) -> (StartStep, [Effect]) {
        let info = session.context.info
        var choices: [StartChoice]
        if session.context.preset != nil {
            choices = [.withPreset]
        } else {
            choices = info.today == nil ? [.setUp] : [.update, .regionOnly, .modelsOnly, .newProfile]
            if !info.savedProfiles.isEmpty { choices.append(.switchProfile) }
        }
        // Nothing to sign in with yet: the demo shows the whole way first (offered, never forced).
        if info.hasNoCredentials, !session.context.demo { choices.append(.demo) }
        choices.append(.quit)
        return (StartStep(choices: choices, menu: ListCursor(index: 0, count: choices.count)), [])
    }

    var wrapped: Step { .start(self) }

    func bindings(_ answers: Answers) -> [KeyBinding] {
        switch phase {
        case .menu: [CommonBindings.move, Bindings.select, CommonBindings.help, CommonBindings.quit]
        case .switching: [CommonBindings.move, Bindings.switchTo, CommonBindings.back]
        }
    }

    mutating func handle(_ key: Key, _ session: inout Session) -> Transition {
        let saved = session.context.info.savedProfiles
        if case .switching(var list) = phase {
            if list.apply(key) {
                phase = .switching(list)
                return .stay()
            }
            switch key {
            case CommonBindings.back: phase = .menu
            case Bindings.switchTo where saved.indices.contains(list.index):
                session.draft = saved[list.index]
                session.answers.route = .switchProfile
                phase = .menu
                return .forward
            default: break
            }
            return .stay()
        }
        if menu.apply(key) { return .stay() }
        switch key {
        case CommonBindings.back: return .exit(0)
        case Bindings.select:
            session.say(nil)
            switch choices[menu.index] {
            case .quit: return .exit(0)
            case .demo: return .stay([.startDemo])
            case .setUp, .update, .withPreset:
                session.answers.route = .full
            case .newProfile:
                session.answers.route = .full
                let taken = Set(saved.map(\.name))
                session.draft.name = (2...99).map { "profile-\($0)" }.first { !taken.contains($0) } ?? "profile-new"
            case .switchProfile:
                let active = saved.firstIndex { $0.name == session.context.info.activeProfile } ?? 0
                phase = .switching(ListCursor(index: active, count: saved.count))
                return .stay()
            case .regionOnly:
                session.answers.route = .regionOnly
            case .modelsOnly:
                session.answers.route = .modelsOnly
            }
            return .forward
        default: return .stay()
        }
    }
}
