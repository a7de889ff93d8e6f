/// A key, decoded from the terminal. The flow never sees raw codes.
public enum Key: Equatable, Sendable {
    case character(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case control(Character)
}

/// A one-line text input with a cursor; secrets are shown masked by the renderer.
public struct TextField: Equatable, Sendable {
    public var text: String
    public var cursor: Int
    public var isSecret: Bool

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
    public var index: Int = 0
    public var count: Int = 0

    public init(index: Int = 0, count: Int = 0) {
        self.count = count
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
