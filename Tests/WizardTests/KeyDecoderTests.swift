import Testing
import WizardFlow
import WizardUI

@Suite("Key decoding")
struct KeyDecoderTests {
    static func codes(_ text: String) -> [KeyDecoder.Unit] { text.unicodeScalars.map { .code($0.value) } }

    @Test(
        "Escape sequences the terminal library did not know never act as Esc",
        arguments: [
            ("\u{1B}[1~", [Key.home]), ("\u{1B}[4~", [.end]), ("\u{1B}[H", [.home]), ("\u{1B}OF", [.end]),
            ("\u{1B}[5~", [.pageUp]),
            ("\u{1B}[1;5C", []), ("\u{1B}[200~", []), ("\u{1B}x", []), ("\u{1B}[Z", [.backTab]),
            ("\u{1B}[A\u{1B}[B", [.up, .down]),
        ])
    func sequences(input: String, keys: [Key]) {
        #expect(KeyDecoder.decode(Self.codes(input)) == keys)
    }

    @Test func aLoneEscIsEscAndPlainKeysPassThrough() {
        #expect(KeyDecoder.decode(Self.codes("\u{1B}")) == [.escape])
        #expect(
            KeyDecoder.decode(Self.codes("aé日\r\t\u{7F}\u{03}")) == [
                .character("a"), .character("é"), .character("日"), .enter, .tab,
                .backspace, .control("c"),
            ])
        #expect(KeyDecoder.decode([.key(.up), .code(27)]) == [.up, .escape])
        #expect(KeyDecoder.decode(Self.codes("\u{85}\u{9B}")) == [])
    }
}
