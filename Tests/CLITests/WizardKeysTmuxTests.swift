import Foundation
import TestSupport
import Testing

/// Terminal quirks found walking the wizard (issue 14), in a real terminal: a vt100 with no UTF-8 and no colour, and
/// the Home and End sequences tmux sends, which must move in a list, never act as Esc.
@Suite(
    "Wizard keys and terminals in tmux", .serialized, .timeLimit(.minutes(3)),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
struct WizardKeysTmuxTests {
    func session(_ home: TestHome, environment: [String: String] = [:]) throws -> TmuxSession {
        try TmuxSession(width: 80, height: 24, home: home.home, environment: environment, directory: home.work)
    }

    func leave(_ tmux: TmuxSession) throws {
        try tmux.press("q")
        try tmux.waitFor("Leave without writing anything?")
        try tmux.press("y")
        _ = try tmux.waitForExit(0)
    }

    @Test func onAVT100TheHeadingStaysInPlaceAndNoStrayLetterAppears() throws {
        let home = TestHome()
        let tmux = try session(home, environment: ["TERM": "vt100", "LANG": "", "LC_ALL": ""])
        try tmux.runRecordingTTY("\(TestPaths.binary) --demo")
        let screen = try tmux.waitFor("What is configured today")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix(" bedrock-setup") == true, "heading moved:\n\(screen)")
        #expect(!lines.contains { $0.trimmingCharacters(in: .whitespaces) == "t" }, "stray letter:\n\(screen)")
        #expect(!lines.contains { $0.hasPrefix("t") }, "stray letter:\n\(screen)")
        // No UTF-8 locale: ASCII only.
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII on a vt100 without UTF-8:\n\(screen)")
        try tmux.press("Enter", "Enter")
        let next = try tmux.waitFor("How will Claude Code sign in")
        #expect(next.split(separator: "\n").first?.hasPrefix(" bedrock-setup") == true, "heading moved:\n\(next)")
        try leave(tmux)
    }

    /// A malformed ~/.claude/settings.json is said on the first screen with what the run writes instead.
    @Test func aMalformedUserSettingsFileIsSaidOnStartWithTheTargetUsedInstead() throws {
        let home = TestHome()
        home.write(".claude/settings.json", "{\"env\": {\"AWS_REGION\": \"us-east-1\",}\n")
        let tmux = try TmuxSession(width: 120, height: 40, home: home.home, environment: [:], directory: home.work)
        try tmux.runRecordingTTY(TestPaths.binary)
        let screen = try tmux.waitFor("What is configured today")
        #expect(
            screen.contains("So Claude Code user settings will not be written: this run writes project-local"),
            "\(screen)")
        try tmux.press("q")  // nothing answered yet: q leaves at once
        _ = try tmux.waitForExit(0)
        #expect(home.read(".claude/settings.json") == "{\"env\": {\"AWS_REGION\": \"us-east-1\",}\n")
    }

    @Test func homeAndEndMoveInAnOpenChooserAndNeverCloseIt() throws {
        let home = TestHome()
        let tmux = try session(home)
        try tmux.runRecordingTTY("\(TestPaths.binary) --demo")
        try tmux.waitFor("What is configured today")
        try tmux.press("Enter", "Enter", "c")
        try tmux.waitFor("demo-sso")
        // The profile chooser: End and Home move, the chooser stays open (Esc would go back to the four methods).
        try tmux.press("End")
        try tmux.waitFor("SSO profiles in ~/.aws/config", "▸ Sign in to a new IAM Identity Center portal")
        try tmux.press("Home")
        try tmux.waitFor("SSO profiles in ~/.aws/config", "▸ demo-sso")
        Thread.sleep(forTimeInterval: 0.5)
        let chooser = try tmux.capture()
        #expect(chooser.contains("SSO profiles in ~/.aws/config") && chooser.contains("▸ demo-sso"), "\(chooser)")
        try tmux.press("Enter")
        try tmux.waitFor("✓ Identity")
        try tmux.press("Enter")
        try tmux.waitFor("Which Region")
        try tmux.press("End")
        let last = try tmux.waitFor("Which Region", "of 34)")
        try tmux.press("Home")
        let first = try tmux.waitFor("Which Region")
        #expect(last != first, "End and Home did not move:\n\(last)")
        Thread.sleep(forTimeInterval: 0.5)
        let after = try tmux.capture()
        #expect(after.contains("Which Region"), "Home left the Region list:\n\(after)")
        try leave(tmux)
    }
}
