import BedrockCore
import FoundationEssentials
import Glibc

/// Models: the primary and small/fast models, the Sonnet/Opus/Fable pins and the default model, from
/// the inference profiles the account sees in the Region (or the bundled catalogue), or a custom ID or ARN.
public struct ModelsStep: StepFlow {
    public enum Listing: Equatable, Sendable {
        case asking(RequestID)
        case listed(ModelList)
        /// The listing was cancelled; the next key asks again.
        case cancelled
    }

    /// The slots this screen offers, the less common last (the plain route never passes them).
    public static let slots: [ModelSlot] = [.primary, .smallFast, .sonnet, .opus, .fable, .defaultModel]

    /// One row per slot, "More options…", then "Continue".
    public internal(set) var cursor = ListCursor(index: continueRow, count: continueRow + 1)
    public static let moreOptionsRow = slots.count
    public static let continueRow = slots.count + 1
    public internal(set) var listing: Listing
    public internal(set) var picker: ModelPicker?

    enum Bindings {
        static let move = KeyBinding([.up, .down], "↑↓", "move")
        static let change = KeyBinding(.enter, "Enter", "change / continue")
        static let clear = KeyBinding([.delete, .backspace], "Del", "clear")
        static let select = KeyBinding(.enter, "Enter", "select")
        static let close = KeyBinding(.escape, "Esc", "close")
        static let type = KeyBinding.hint("", "type an ID or ARN")
        static let suggestion = KeyBinding(.tab, "Tab", "use suggestion")
        static let accept = KeyBinding(.enter, "Enter", "accept")
    }

    static var help: [String] {
        [
            "IDs with a geography prefix (us., eu., apac., jp., au., global.)",
            "or application inference profile ARNs.",
            "A bare anthropic.… ID fails on Bedrock; the profile form is offered.",
            "Leave a slot on Claude Code's default to let it choose: the note under",
            "the slots says what it calls then (unpinned, the Opus rate is billed).",
            "\"with 1M context\" pins the model with Claude Code's [1m] suffix.",
        ]
    }

    static func enter(_ session: inout Session) -> (ModelsStep, [Effect]) {
        let (id, effect) = session.request(.listModels(session.draft, session.answers.secrets))
        return (ModelsStep(listing: .asking(id)), [effect])
    }

    var wrapped: Step { .models(self) }

    public var pending: RequestID? { if case .asking(let id) = listing { id } else { nil } }

    mutating func cancel() -> Bool {
        listing = .cancelled
        return true
    }

    var isEditingText: Bool { picker?.custom != nil }

    /// The models offered (empty while asking).
    public var options: [ModelOption] { if case .listed(let list) = listing { list.options } else { [] } }
    public var isLive: Bool { if case .listed(let list) = listing { list.live } else { false } }

    func bindings(_ answers: Answers) -> [KeyBinding] {
        if picker?.custom != nil { return [Bindings.type, Bindings.suggestion, Bindings.accept, CommonBindings.back] }
        if picker != nil { return [CommonBindings.move, Bindings.select, Bindings.close] }
        return [Bindings.move, Bindings.change, Bindings.clear, CommonBindings.back, CommonBindings.help]
    }

    mutating func handle(_ key: Key, _ session: inout Session) -> Transition {
        var transition = respond(key, &session)
        // A cancelled listing (Esc, or a detour to More options) is asked again by the next key that
        // stays here; the key still does what it says (Enter on Continue goes on).
        if listing == .cancelled, key != .escape, transition.move == .stay {
            let (id, effect) = session.request(.listModels(session.draft, session.answers.secrets))
            listing = .asking(id)
            transition.effects.append(effect)
        }
        return transition
    }

    mutating func respond(_ key: Key, _ session: inout Session) -> Transition {
        if var open = picker {
            let choices = choices(for: open.slot, catalogue: session.catalogue)
            picker = open.handle(key, options: choices, page: session.page, &session)
            return .stay()
        }
        if cursor.apply(key) { return .stay() }
        let slots = Self.slots
        switch key {
        case CommonBindings.back:
            return .back
        case Bindings.clear:
            if cursor.index < slots.count { session.draft[pin: slots[cursor.index]] = nil }
            return .stay()
        case Bindings.change:
            if cursor.index == Self.moreOptionsRow {
                if session.context.isLocked(.bedrock) {
                    session.say("The team preset sets the Bedrock options; they cannot be changed here.", error: true)
                    return .stay()
                }
                // Back from the detour, Enter goes on: the cursor waits on Continue.
                cursor.select(Self.continueRow)
                return .present(
                    .moreOptions(MoreOptionsStep(session.draft.bedrock, regionPrefix: session.draft.regionPrefix)))
            }
            guard cursor.index < slots.count else { return finish(&session) }
            let slot = slots[cursor.index]
            picker = ModelPicker(
                slot: slot, current: session.draft[pin: slot],
                options: choices(for: slot, catalogue: session.catalogue),
                &session)
            return .stay()
        default:
            return .stay()
        }
    }

    /// The slot a validation error is about, when that slot's own pin is what fails (an override's ARN
    /// is checked as a primary model, yet is no pin).
    static func slot(at error: SetupError, _ session: Session) -> ModelSlot? {
        let slot: ModelSlot? =
            switch error {
            case .emptyModel(let slot), .bareModelId(let slot, _, _), .foundationModelARN(let slot, _),
                .malformedModelId(let slot, _), .geographyNotServed(let slot, _, _, _),
                .partitionMismatch(let slot, _, _),
                .malformedARN(let slot, _), .arnRegionMismatch(let slot, _, _), .retiredModel(let slot, _, _, _),
                .longContextUnsupported(let slot, _, _), .aliasNotAllowed(let slot, _),
                .profileIdOnMantle(let slot, _, _):
                slot
            default: nil
            }
        guard let slot, let pin = session.draft[pin: slot] else { return nil }
        let draft = session.draft
        let refused =
            (try? session.validator.model(
                pin, slot: slot, region: draft.region(for: slot), mantle: draft.bedrock.mantle))
            == nil
        return refused ? slot : nil
    }

    /// The focused slot's value on its row: the pin, or what leaving it unset means.
    public static func value(of slot: ModelSlot, _ draft: SetupProfile, version: ClaudeCodeVersion?) -> String {
        guard let pin = draft[pin: slot] else {
            return slot == .defaultModel ? "none (the primary model decides)" : "Claude Code's default"
        }
        if slot == .defaultModel, !version.follows(.defaultModelVariable), let version {
            return pin + " (ignored by Claude Code \(version))"
        }
        return pin
    }

    /// What the focused row sets, for the less common slots; nil for the others.
    public func explanation(version: ClaudeCodeVersion?) -> String? {
        guard cursor.index < Self.slots.count else { return nil }
        switch Self.slots[cursor.index] {
        case .fable:
            return
                "ANTHROPIC_DEFAULT_FABLE_MODEL: the model Claude Code calls for Fable (no 1M variant: [1m] is ignored there)."
        case .defaultModel:
            if let version, version < ClaudeCodeRule.defaultModelVariable.since {
                return "ANTHROPIC_DEFAULT_MODEL is read from Claude Code \(ClaudeCodeRule.defaultModelVariable.since);"
                    + " \(version), installed here, ignores it: pin the primary model instead."
            }
            return "ANTHROPIC_DEFAULT_MODEL (Claude Code 2.1.236+): the model sessions start with; a /model pick"
                + " overrides it, and a primary model pin wins over it."
        default:
            return nil
        }
    }

    mutating func receive(_ answer: Answer, _ session: inout Session) -> Transition {
        guard case .models(let list) = answer else { return .stay() }
        listing = .listed(list)
        // The list grew or shrank under an open picker: keep its cursor inside it.
        if let open = picker {
            let count = choices(for: open.slot, catalogue: session.catalogue).count
            picker?.cursor = ListCursor(index: open.cursor.index, count: count + 2)
        }
        if let problem = list.problem { session.say("Showing the bundled catalogue: \(problem)") }
        return .stay()
    }

    mutating func finish(_ session: inout Session) -> Transition {
        do throws(SetupError) {
            _ = try session.validator.profile(session.draft)
        } catch {
            session.report(error)
            if let slot = Self.slot(at: error, session), let row = Self.slots.firstIndex(of: slot) {
                cursor.select(row)
            }
            return .stay()
        }
        session.say(nil)
        return .forward
    }
}

/// The picker opened on one model slot: Claude Code's default, the offered models, or a
/// custom ID or ARN validated as it is typed.
public struct ModelPicker: Equatable, Sendable {
    public let slot: ModelSlot
    /// Rows: the default, each option, then "Custom ID or ARN…".
    public internal(set) var cursor: ListCursor
    public internal(set) var custom: CustomModel?

    public struct CustomModel: Equatable, Sendable {
        public internal(set) var field: TextField
        public internal(set) var error: String?
        public internal(set) var suggestion: String?
    }

    init(slot: ModelSlot, current: String?, options: [ModelOption], _ session: inout Session) {
        self.slot = slot
        let index =
            current.flatMap { id in options.firstIndex { $0.id == id }.map { $0 + 1 } }
            ?? (current == nil ? 0 : options.count + 1)
        cursor = ListCursor(index: index, count: options.count + 2)
        if index == options.count + 1 { custom = Self.validated(TextField(current ?? ""), slot: slot, session) }
    }

    /// Handles a key; nil when the picker closes.
    mutating func handle(_ key: Key, options: [ModelOption], page: Int, _ session: inout Session) -> ModelPicker? {
        typealias Bindings = ModelsStep.Bindings
        if let entry = custom {
            switch key {
            case CommonBindings.back:
                custom = nil
            case Bindings.suggestion:
                if let suggestion = entry.suggestion {
                    custom = Self.validated(TextField(suggestion), slot: slot, session)
                }
            case Bindings.accept:
                let checked = Self.validated(entry.field, slot: slot, session)
                guard checked.error == nil else {
                    custom = checked
                    return self
                }
                session.draft[pin: slot] = entry.field.text.trimmingSpaces()
                return nil
            default:
                var field = entry.field
                if field.apply(key) { custom = Self.validated(field, slot: slot, session) }
            }
            return self
        }
        if cursor.apply(key, page: page) { return self }
        switch key {
        case Bindings.close: return nil
        case Bindings.select:
            if cursor.index == 0 {
                session.draft[pin: slot] = nil
                return nil
            }
            if cursor.index <= options.count {
                session.draft[pin: slot] = options[cursor.index - 1].id
                return nil
            }
            custom = Self.validated(TextField(session.draft[pin: slot] ?? ""), slot: slot, session)
        default: break
        }
        return self
    }

    static func validated(_ field: TextField, slot: ModelSlot, _ session: Session) -> CustomModel {
        let text = field.text
        do throws(SetupError) {
            _ = try session.validator.model(text, slot: slot, region: session.draft.region(for: slot))
            return CustomModel(field: field)
        } catch {
            if text.isEmpty {
                return CustomModel(
                    field: field, error: "Type an inference profile ID or an application inference profile ARN.")
            }
            let suggestion: String? =
                switch error {
                case .bareModelId(_, _, let suggestion), .foundationModelARN(_, let suggestion),
                    .geographyNotServed(_, _, _, let suggestion):
                    suggestion
                default: nil
                }
            return CustomModel(field: field, error: error.message, suggestion: suggestion)
        }
    }
}
