/// Untrusted text (a file's values, a server's message, an ARN, a path) made safe to show on a
/// terminal: every control character is made visible, so no such text can move the cursor,
/// clear the screen, set the window title or the clipboard (OSC 52), recolour what follows, or
/// reverse the direction of a line. The one function every screen and message uses.
public enum TerminalText {
    /// C0 controls as caret notation (`ESC` → `^[`, `CR` → `^M`), DEL as `^?`, C1 controls and the
    /// bidirectional overrides as `<U+XXXX>`. Tabs stay; newlines stay only when `keepingNewlines`.
    public static func visible(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingNewlines: keepingNewlines) }) else {
            return text
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepingNewlines: keepingNewlines) else {
                out.append(scalar)
                continue
            }
            let shown: String
            switch scalar.value {
            case 0..<0x20: shown = "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
            case 0x7F: shown = "^?"
            default: shown = "<U+" + scalar.value.hexPadded(4, uppercase: true) + ">"
            }
            out.append(contentsOf: shown.unicodeScalars)
        }
        return String(out)
    }

    static func needsEscape(_ scalar: Unicode.Scalar, keepingNewlines: Bool) -> Bool {
        switch scalar.value {
        case 0x09: false
        case 0x0A: !keepingNewlines
        case 0..<0x20, 0x7F...0x9F: true
        // Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters).
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
