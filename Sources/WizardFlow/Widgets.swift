/// A key, decoded from the terminal. The flow never sees raw codes.
public enum Key: Equatable, Hashable, Sendable {
    case character(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case control(Character)
}

/// A key binding: the keys that trigger it, and how the footer and the help overlay name it.
/// Steps match keys against their bindings (`case Bindings.scan:`), so what the footer says
/// and what the step does cannot drift apart.
public struct KeyBinding: Equatable, Sendable {
    public let keys: [Key]
    /// How the footer writes the keys ("Enter", "↑↓").
    public let label: String
    /// What the binding does, in a few words ("choose", "scan all").
    public let action: String

    public init(_ keys: [Key], _ label: String, _ action: String) {
        self.keys = keys
        self.label = label
        self.action = action
    }

    public init(_ key: Key, _ label: String, _ action: String) { self.init([key], label, action) }

    /// A binding shown for guidance only (typing into a field), matching no key by itself.
    public static func hint(_ label: String, _ action: String) -> KeyBinding { KeyBinding([], label, action) }

    public static func ~= (binding: KeyBinding, key: Key) -> Bool { binding.keys.contains(key) }

    /// "Enter select"; an empty label shows the action alone ("paste the key").
    public var footer: String { label.isEmpty ? action : label + " " + action }
}

/// Bindings several steps share, named once.
public enum CommonBindings {
    public static let move = KeyBinding([.up, .down], "↑↓", "choose")
    public static let back = KeyBinding(.escape, "Esc", "back")
    public static let help = KeyBinding(.character("?"), "?", "help")
    public static let quit = KeyBinding(.character("q"), "q", "quit")
}

/// A one-line text input with a cursor; secrets are shown masked by the renderer.
public struct TextField: Equatable, Sendable {
    public private(set) var text: String
    public private(set) var cursor: Int
    public let isSecret: Bool

    public init(_ text: String = "", isSecret: Bool = false) {
        self.text = text
        cursor = text.count
        self.isSecret = isSecret
    }

    /// Applies an editing key; returns false for keys that are not edits.
    public mutating func apply(_ key: Key) -> Bool {
        switch key {
        case .character(let character):
            guard !character.isNewline else { return false }
            let index = text.index(text.startIndex, offsetBy: cursor)
            text.insert(character, at: index)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
            cursor -= 1
        case .delete:
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("u"):
            text.removeFirst(cursor)
            cursor = 0
        case .control("k"):
            text.removeLast(text.count - cursor)
        default:
            return false
        }
        return true
    }

    /// What the screen shows: secrets as dots with the last four characters.
    public var display: String {
        guard isSecret else { return text }
        if text.count <= 8 { return String(repeating: "•", count: text.count) }
        return String(repeating: "•", count: text.count - 4) + text.suffix(4)
    }
}

/// A list cursor with scrolling, kept inside the list's bounds.
public struct ListCursor: Equatable, Sendable {
    public private(set) var index: Int = 0
    public let count: Int

    public init(index: Int = 0, count: Int = 0) {
        self.count = count
        select(index)
    }

    /// Moves to `index`, kept inside the list.
    public mutating func select(_ index: Int) {
        self.index = count == 0 ? 0 : min(max(0, index), count - 1)
    }

    public mutating func apply(_ key: Key, page: Int = 10) -> Bool {
        guard count > 0 else { return false }
        switch key {
        case .up: index = (index - 1 + count) % count
        case .down: index = (index + 1) % count
        case .home: index = 0
        case .end: index = count - 1
        case .pageUp: index = max(0, index - page)
        case .pageDown: index = min(count - 1, index + page)
        default: return false
        }
        return true
    }
}
