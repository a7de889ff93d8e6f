import Testing
import WizardFlow
import WizardUI

@Suite("ASCII fallback without a UTF-8 locale")
struct GlyphsTests {
    @Test func everyScreenDrawsInASCIIWithTheSameLayout() {
        for keys: [Key] in [[], [.enter, .enter], [.enter, .enter, .enter, .enter], [.down, .enter, .character("s")], [.down, .enter, .enter]] {
            var run = Transcript()
            for key in keys { run.press(key) }
            let unicode = render(run.wizard, width: 80, height: 24).text
            let ascii = render(run.wizard, width: 80, height: 24, glyphs: .ascii).text
            let allASCII = ascii.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(allASCII, "\(ascii)")
            #expect(ascii.split(separator: "\n").map(\.count) == unicode.split(separator: "\n").map(\.count))
        }
        var run = Transcript()
        run.press(.enter, .enter)
        let ascii = render(run.wizard, width: 80, height: 24, glyphs: .ascii).text
        #expect(ascii.contains("> C) SSO profile") && ascii.contains("^v or a-d choose - Enter select"))
    }
}
