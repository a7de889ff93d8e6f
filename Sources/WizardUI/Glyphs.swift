/// The symbols the screens use, and their ASCII stand-ins for a terminal without a UTF-8
/// locale (LANG unset, many SSH sessions), where the Unicode ones would vanish.
public struct Glyphs: Equatable, Sendable {
    public let unicode: Bool

    public static let unicode = Glyphs(unicode: true)
    public static let ascii = Glyphs(unicode: false)

    static let spinnerFrames: [Character] = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
    static let asciiSpinnerFrames: [Character] = Array("|/-\\")

    /// Each symbol and its ASCII stand-in; one column each, so layouts do not move.
    static let replacements: [Character: Character] = [
        "▸": ">", "↑": "^", "↓": "v", "·": "-", "✓": "+", "✗": "x", "⚠": "!", "●": "*", "◉": "@", "○": "o", "◆": "+",
        "•": "*", "–": "-", "—": "-", "…": ".", "×": "x", "’": "'", "é": "e",
    ]

    public func spinner(_ tick: Int) -> String {
        let frames = unicode ? Self.spinnerFrames : Self.asciiSpinnerFrames
        return String(frames[tick % frames.count])
    }

    /// The text as this terminal can show it: unchanged with Unicode, else ASCII only.
    public func text(_ text: String) -> String {
        guard !unicode, !text.allSatisfy(\.isASCII) else { return text }
        return String(
            text.map { character in
                if character.isASCII { return character }
                return Self.replacements[character] ?? "?"
            })
    }
}
