import WizardFlow

/// Turns what the terminal read in one burst into keys. Escape sequences the terminal library
/// did not know arrive as ESC followed at once by more characters: they are decoded where
/// they mean a known key and dropped otherwise, and never act as Esc. Esc is an ESC alone.
public enum KeyDecoder {
    /// One unit read from the terminal: a key the library already decoded, or a character code.
    public enum Unit: Equatable, Sendable {
        case key(Key)
        case code(UInt32)
    }

    public static func decode(_ units: [Unit]) -> [Key] {
        var keys: [Key] = []
        var index = 0
        while index < units.count {
            switch units[index] {
            case .key(let key):
                keys.append(key)
                index += 1
            case .code(27) where index + 1 < units.count:
                let (key, length) = sequence(units[(index + 1)...])
                if let key { keys.append(key) }
                index += 1 + length
            case .code(let value):
                if let key = character(value) { keys.append(key) }
                index += 1
            }
        }
        return keys
    }

    /// An escape sequence after ESC: CSI (`[` parameters final) or SS3 (`O` final). Returns the
    /// key it means, if known, and how many units it took. ESC before anything else (Alt+key)
    /// takes that one character and means nothing here.
    static func sequence(_ units: ArraySlice<Unit>) -> (Key?, Int) {
        guard case .code(let introducer) = units.first else { return (nil, 0) }
        guard introducer == 91 || introducer == 79 else { return (nil, 1) }  // "[" or "O"
        var body = ""
        var length = 1
        for unit in units.dropFirst() {
            guard case .code(let value) = unit, let scalar = Unicode.Scalar(value) else { break }
            length += 1
            // Parameters and intermediates are 0x20–0x3F; a final byte 0x40–0x7E ends it.
            if (0x40...0x7E).contains(value) {
                body.unicodeScalars.append(scalar)
                return (known[body], length)
            }
            guard (0x20...0x3F).contains(value) else { return (nil, length) }
            body.unicodeScalars.append(scalar)
        }
        return (nil, length)
    }

    static let known: [String: Key] = [
        "A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end, "Z": .backTab,
        "1~": .home, "7~": .home, "4~": .end, "8~": .end, "3~": .delete, "5~": .pageUp, "6~": .pageDown,
    ]

    /// A character code as a key: Enter, Tab, Esc, Backspace, Ctrl-letter or a printable character.
    public static func character(_ value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return Unicode.Scalar(value + 96).map { .control(Character($0)) }
        default:
            guard value >= 32, !(0x7F...0x9F).contains(value), let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
