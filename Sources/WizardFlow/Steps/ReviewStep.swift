import BedrockCore

/// Review: the profile name, the targets, and the exact diff of every file; Enter writes.
public struct ReviewStep: StepFlow {
    public enum Phase: Equatable, Sendable {
        case planning(RequestID)
        case planned([FileChange])
        /// Nothing can be written: why (a malformed settings file, say). Enter tries again.
        case failed(String)
        case writing(RequestID, [FileChange])
    }

    public enum Focus: CaseIterable, Equatable, Sendable { case name, targets, diff }

    public internal(set) var phase: Phase
    public internal(set) var focus = Focus.diff
    public internal(set) var name: TextField
    /// What is wrong with the name as typed, shown under it.
    public internal(set) var nameError: String?
    public internal(set) var targetCursor = ListCursor(index: 0, count: ActivationTarget.allCases.count)
    public internal(set) var diffScroll = 0
    /// Chosen values that a settings file above the user's will override in Claude Code, each as a sentence.
    public internal(set) var overrides: [String] = []
    /// A kept or replaced `awsAuthRefresh` of the person's own, an `awsCredentialExport` kept or removed.
    public internal(set) var credentialNotes: [String] = []
    /// Which `_NAME` / `_SUPPORTED_CAPABILITIES` come from an ARN pin's backing model (Verify looked it up).
    public internal(set) var labelNotes: [String] = []
    var choiceKeys: [KeyBinding] = []

    enum Bindings {
        static let write = KeyBinding(.enter, "Enter", "write")
        static let nextField = KeyBinding([.tab, .backTab], "Tab", "next field")
        static let toggle = KeyBinding(.character(" "), "Space", "toggle")
        static let scroll = KeyBinding([.up, .down, .pageUp, .pageDown, .home], "↑↓", "scroll")
    }

    static var help: [String] {
        [
            "Every file is shown as a diff before it is written.",
            "Writes are atomic, backed up, 0600 where secrets are inside.",
            "Targets: user settings, project-local settings, shell files.",
        ]
    }

    static func enter(_ session: inout Session) -> (ReviewStep, [Effect]) {
        var step = ReviewStep(phase: .failed(""), name: TextField(session.draft.name))
        let effects = step.plan(&session)
        return (step, effects)
    }

    var wrapped: Step { .review(self) }

    public var pending: RequestID? {
        switch phase {
        case .planning(let id), .writing(let id, _): id
        case .planned, .failed: nil
        }
    }

    mutating func cancel() -> Bool {
        // A write is never interrupted half-way.
        guard case .planning = phase else { return false }
        phase = .failed("Cancelled: nothing was prepared. Enter prepares the changes again.")
        return true
    }

    var isEditingText: Bool { focus == .name }

    /// The changes that would really change a file.
    public var pendingChanges: [FileChange] {
        switch phase {
        case .planned(let changes), .writing(_, let changes): changes.filter { !$0.isNoOp }
        case .planning, .failed: []
        }
    }

    func bindings(_ answers: Answers) -> [KeyBinding] {
        [Bindings.write, Bindings.nextField, Bindings.toggle, Bindings.scroll] + choiceKeys + [CommonBindings.back]
    }

    mutating func plan(_ session: inout Session) -> [Effect] {
        overrides = CurrentSetup.settingsOverrides(
            of: session.draft, settingsAboveUser: session.context.info.settingsAboveUser
        )
        .map(\.description)
        credentialNotes = Self.credentialNotes(session)
        labelNotes = Self.labelNotes(session.answers)
        choiceKeys = Self.choiceBindings(session)
        let (id, effect) = session.request(
            .plan(session.answers.profileToWrite, session.answers.secrets, targets: session.answers.targets))
        phase = .planning(id)
        return [effect]
    }

    mutating func handle(_ key: Key, _ session: inout Session) -> Transition {
        if Bindings.nextField ~= key {
            let order = Focus.allCases
            let leavingName = focus == .name
            focus = order[((order.firstIndex(of: focus) ?? 0) + (key == .tab ? 1 : order.count - 1)) % order.count]
            if leavingName, name.text != session.draft.name { return rename(&session) }
            return .stay()
        }
        switch focus {
        case .name:
            switch key {
            case Bindings.write: return rename(&session)
            case CommonBindings.back:
                name = TextField(session.draft.name)
                nameError = nil
                focus = .diff
            default:
                if name.apply(key) { nameError = nil }
            }
            return .stay()
        case .targets:
            if targetCursor.apply(key) { return .stay() }
            if Bindings.toggle ~= key {
                if session.context.isLocked(.targets) {
                    session.say("The team preset sets where to write; its targets cannot be changed here.", error: true)
                    return .stay()
                }
                let target = ActivationTarget.allCases[targetCursor.index]
                if !session.answers.targets.contains(target), let path = session.context.info.unwritableTargets[target]
                {
                    session.say(
                        "\(path) is not valid JSON, so it cannot be written; fix it first (see Start).", error: true)
                    return .stay()
                }
                if !session.answers.targets.contains(target) {
                    session.answers.targets.insert(target)
                } else if session.answers.targets.count > 1 {
                    session.answers.targets.remove(target)
                } else {
                    session.say("At least one target is needed.", error: true)
                }
                return .stay(plan(&session))
            }
        case .diff:
            switch key {
            case .up: diffScroll = max(0, diffScroll - 1)
            case .down: diffScroll += 1
            case .pageUp: diffScroll = max(0, diffScroll - session.page)
            case .pageDown: diffScroll += session.page
            case .home: diffScroll = 0
            default: break
            }
        }
        switch key {
        case CommonBindings.back: return .back
        case Bindings.write: return write(&session)
        case ChoiceBindings.refresh: return toggleRefresh(&session)
        case ChoiceBindings.export: return toggleExport(&session)
        default: return .stay()
        }
    }

    mutating func write(_ session: inout Session) -> Transition {
        switch phase {
        case .planning, .writing: return .stay()
        case .failed: return .stay(plan(&session))
        case .planned(let changes):
            let changing = changes.filter { !$0.isNoOp }
            if changing.isEmpty { return .present(.done(DoneStep(outcome: .nothingChanged))) }
            let (id, effect) = session.request(.write(changing))
            phase = .writing(id, changes)
            return .stay([effect])
        }
    }

    mutating func rename(_ session: inout Session) -> Transition {
        do throws(SetupError) {
            session.draft.name = try session.validator.profileName(name.text)
            nameError = nil
            focus = .diff
            return .stay(plan(&session))
        } catch {
            nameError = error.message + " " + error.fix
            return .stay()
        }
    }

    mutating func receive(_ answer: Answer, _ session: inout Session) -> Transition {
        switch (phase, answer) {
        case (.planning, .planned(let result)):
            diffScroll = 0
            switch result {
            case .success(let changes): phase = .planned(changes)
            case .failure(let failure): phase = .failed(failure.message)
            }
        case (.writing(_, let changes), .written(let result)):
            switch result {
            case .success(let files): return .present(.done(DoneStep(outcome: .wrote(files))))
            case .failure(let failure):
                phase = .planned(changes)
                session.say(failure.message, error: true)
            }
        default: break
        }
        return .stay()
    }
}

extension ReviewStep {
    /// "ANTHROPIC_DEFAULT_OPUS_MODEL_NAME and …_SUPPORTED_CAPABILITIES from the backing model of …/0p4s6t7e8a9m
    /// (Claude Opus 4.6)", one per labelled ARN pin.
    static func labelNotes(_ answers: Answers) -> [String] {
        let filled = answers.draft.labellingProfileARNPins(byARN: answers.pinBacking).filled
        return filled.keys.sorted().compactMap { variable in
            guard let names = filled[variable], let slot = ModelSlot.allCases.first(where: { $0.envName == variable }),
                let arn = answers.draft[pin: slot], let model = answers.pinBacking[arn]
            else { return nil }
            return
                "\(names.joined(separator: " and ")) from the backing model of \(BackingModel.shortForm(arn)) (\(model.name))."
        }
    }
}
