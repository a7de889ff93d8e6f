import Testing
import WizardFlow
import WizardUI

@Suite("ASCII fallback without a UTF-8 locale")
struct GlyphsTests {
    @Test func everyScreenDrawsInASCIIWithTheSameLayout() {
        for keys: [Key] in [
            [], [.enter, .enter], [.enter, .enter, .enter, .enter], [.down, .enter, .character("s")],
            [.down, .enter, .enter],
        ] {
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

@Suite("Frame: rows to redraw")
struct FrameChangeTests {
    @Test func onlyTheRowsThatDifferAreRedrawn() {
        var before = Frame(width: 10, height: 4)
        before.put("same", row: 0, column: 0)
        before.put("old", row: 2, column: 3)
        var after = before
        #expect(after.changedRows(since: before) == [])
        after.put("new", row: 2, column: 3)
        after.put("x", row: 3, column: 9, style: Style(.accent))
        #expect(after.changedRows(since: before) == [2, 3])
        var styled = before
        styled.put("same", row: 0, column: 0, style: Style(.normal, bold: true))
        #expect(styled.changedRows(since: before) == [0])
        #expect(after.changedRows(since: nil) == [0, 1, 2, 3])
        #expect(after.changedRows(since: Frame(width: 9, height: 4)) == [0, 1, 2, 3])
    }
}
