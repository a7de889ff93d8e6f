import BedrockCore

/// The `modelOverrides` list inside More options: Anthropic model name → ARN pairs to add, edit and
/// remove. A pair is checked by the core's validator when it is accepted, and all of them again when
/// the screen is applied; the cursor goes to the pair at fault.
public struct ModelOverridesEditor: Equatable, Sendable {
    public struct Pair: Equatable, Sendable {
        public internal(set) var name: TextField
        public internal(set) var arn: TextField

        init(name: String = "", arn: String = "") {
            self.name = TextField(name)
            self.arn = TextField(arn)
        }

        var entry: (name: String, arn: String) { (name.text.trimmingSpaces(), arn.text.trimmingSpaces()) }
    }

    public enum Field: Equatable, Sendable { case name, arn }

    /// Typing into one pair: which field, and the pair as it was (nil: a pair being added), for Esc.
    public struct Editing: Equatable, Sendable {
        public internal(set) var field: Field
        let original: Pair?
    }

    public internal(set) var pairs: [Pair]
    /// Rows: each pair, then "Add an override…".
    public internal(set) var cursor: ListCursor
    public internal(set) var editing: Editing?
    public internal(set) var error: String?

    enum Bindings {
        static let edit = KeyBinding(.enter, "Enter", "edit / add")
        static let remove = KeyBinding([.delete, .backspace], "Del", "remove")
        static let close = KeyBinding(.escape, "Esc", "close the list")
        static let type = KeyBinding.hint("", "type")
        static let switchField = KeyBinding([.tab, .backTab], "Tab", "name / ARN")
        static let accept = KeyBinding(.enter, "Enter", "accept")
        static let cancel = KeyBinding(.escape, "Esc", "cancel")
    }

    init(_ overrides: [String: String]) {
        pairs = overrides.sorted { $0.key < $1.key }.map { Pair(name: $0.key, arn: $0.value) }
        cursor = ListCursor(index: 0, count: pairs.count + 1)
    }

    public var addRow: Int { pairs.count }

    /// The entries as the list sets them.
    var entries: [String: String] {
        Dictionary(pairs.map(\.entry), uniquingKeysWith: { _, last in last })
    }

    var bindings: [KeyBinding] {
        editing == nil
            ? [CommonBindings.move, Bindings.edit, Bindings.remove, Bindings.close]
            : [Bindings.type, Bindings.switchField, Bindings.accept, Bindings.cancel]
    }

    /// Handles a key; false when the list closes.
    mutating func handle(_ key: Key, _ session: Session) -> Bool {
        if let open = editing { return edit(key, open, session) }
        if cursor.apply(key) {
            error = nil
            return true
        }
        switch key {
        case Bindings.close:
            return false
        case Bindings.edit:
            if cursor.index == addRow {
                pairs.append(Pair())
                cursor = ListCursor(index: addRow - 1, count: pairs.count + 1)
                editing = Editing(field: .name, original: nil)
            } else {
                editing = Editing(field: .name, original: pairs[cursor.index])
            }
            error = nil
        case Bindings.remove where cursor.index < addRow:
            pairs.remove(at: cursor.index)
            cursor = ListCursor(index: cursor.index, count: pairs.count + 1)
            error = nil
        default: break
        }
        return true
    }

    private mutating func edit(_ key: Key, _ open: Editing, _ session: Session) -> Bool {
        let index = cursor.index
        switch key {
        case Bindings.cancel:
            if let original = open.original {
                pairs[index] = original
            } else {
                pairs.remove(at: index)
                cursor = ListCursor(index: index, count: pairs.count + 1)
            }
            editing = nil
            error = nil
        case Bindings.switchField:
            editing?.field = open.field == .name ? .arn : .name
        case Bindings.accept:
            if let (message, field) = problem(at: index, session) {
                error = message
                editing?.field = field
            } else {
                editing = nil
                error = nil
            }
        default:
            let changed =
                open.field == .name ? pairs[index].name.apply(key) : pairs[index].arn.apply(key)
            if changed { error = nil }
        }
        return true
    }

    /// What is wrong with one pair, and in which field: the core's validator judges the name and the
    /// ARN (for the draft's Region); a name given twice is this list's own concern.
    func problem(at index: Int, _ session: Session) -> (String, Field)? {
        let (name, arn) = pairs[index].entry
        if name.isEmpty {
            return ("Type the Anthropic model name this ARN stands for, such as claude-opus-4-6.", .name)
        }
        if pairs.indices.contains(where: { $0 != index && pairs[$0].entry.name == name }) {
            return ("\(name) is in the list twice; Claude Code would use only one of them.", .name)
        }
        var probe = SetupProfile(
            name: session.draft.name, credentials: session.draft.credentials, region: session.draft.region)
        probe.bedrock.modelOverrides = [name: arn]
        do throws(SetupError) {
            try session.validator.options(probe)
            return nil
        } catch {
            if arn.isEmpty { return ("Type the ARN Claude Code should call for \(name).", .arn) }
            let field: Field = if case .badOption = error { .name } else { .arn }
            return (error.message + " " + error.fix, field)
        }
    }

    /// The first pair at fault, with the cursor put on it; nil when every pair is valid.
    mutating func firstProblem(_ session: Session) -> String? {
        for index in pairs.indices {
            guard let (message, _) = problem(at: index, session) else { continue }
            cursor.select(index)
            error = message
            return message
        }
        return nil
    }
}
