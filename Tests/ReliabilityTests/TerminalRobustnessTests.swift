import Foundation
import TestSupport
import Testing

/// The terminal is the user's: after every way out of the wizard, `stty -g` reads the same as
/// before, and odd terminals get a clear message or a usable screen, never a crash.
@Suite(
    "Reliability: the terminal", .serialized, .timeLimit(.minutes(6)),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
struct TerminalRobustnessTests {
    static let rounds = 5

    enum Exit: String, CaseIterable {
        case quit, escape, ctrlC, sigterm, failedCheck
    }

    /// The wizard's pid: the child of the pane's shell.
    func wizardPid(_ tmux: TmuxSession) throws -> pid_t? {
        let shell = try tmux.tmux(["display-message", "-p", "-t", tmux.name, "#{pane_pid}"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { pid_t($0) }
    }

    func leave(_ tmux: TmuxSession, by exit: Exit) throws -> Int {
        switch exit {
        case .quit, .escape:
            // On Start nothing is lost yet, so the wizard may leave without asking.
            try tmux.press(exit == .quit ? "q" : "Escape")
            usleep(300_000)
            if try tmux.capture().contains("Leave without writing anything?") { try tmux.press("y") }
            return 0
        case .ctrlC:
            try tmux.press("C-c")
            return 130
        case .sigterm:
            let pid = try #require(try wizardPid(tmux))
            kill(pid, SIGTERM)
            return 143
        case .failedCheck:
            // Option B against a port nobody listens on: the identity check fails on screen.
            try tmux.press("Enter", "Enter")
            try tmux.waitFor("D) Bedrock API key")
            try tmux.press("b")
            try tmux.waitFor("✗ Identity: Could not connect to 127.0.0.1.")
            try tmux.press("q")
            try tmux.waitFor("Leave without writing anything?")
            try tmux.press("y")
            return 0
        }
    }

    @Test func everyWayOutRestoresTheTerminal() throws {
        var restored = 0
        var runs = 0
        for exit in Exit.allCases {
            for round in 0..<Self.rounds {
                let home = TestHome()
                let before = home.snapshot()
                let tmux = try TmuxSession(
                    width: 80, height: 24, home: home.home,
                    environment: [
                        "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
                        "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY",
                    ],
                    directory: home.work)
                try tmux.runRecordingTTY(TestPaths.binary)
                try tmux.waitFor("Set up Claude Code on Bedrock")
                let code = try leave(tmux, by: exit)
                let (screen, same) = try tmux.waitForExit(code)
                runs += 1
                if same {
                    restored += 1
                } else {
                    Issue.record("\(exit) round \(round): stty -g changed")
                }
                #expect(screen.contains("PROMPT$"), "\(exit): no prompt after the wizard")
                #expect(home.snapshot() == before, "\(exit) wrote files")
            }
        }
        print(
            "terminal restored after \(restored) of \(runs) exits (\(Exit.allCases.map(\.rawValue).joined(separator: ", ")), \(Self.rounds) rounds each)"
        )
    }

    @Test func dumbAndUnknownTerminalsGetAMessage() throws {
        let home = TestHome()
        for term in ["dumb", "no-such-terminal"] {
            let tmux = try TmuxSession(
                width: 80, height: 24, home: home.home, environment: ["TERM": term], directory: home.work)
            try tmux.runRecordingTTY(TestPaths.binary + " --demo")
            let (screen, same) = try tmux.waitForExit(64)
            let joined = screen.replacingOccurrences(of: "\n", with: "")
            #expect(
                joined.contains("cannot draw the wizard's screens") && joined.contains("bedrock-setup apply"),
                "\(screen)")
            #expect(same)
        }
    }

    @Test func noColorTinyAndHugeWindowsAndNoTerminal() throws {
        let home = TestHome()
        // NO_COLOR: the same screens, no colour.
        let plain = try TmuxSession(
            width: 80, height: 24, home: home.home, environment: ["NO_COLOR": "1"], directory: home.work)
        try plain.runRecordingTTY(TestPaths.binary + " --demo")
        try plain.waitFor("Set up Claude Code on Bedrock", "DEMO")
        let styled = try plain.tmux(["capture-pane", "-p", "-e", "-t", plain.name])
        let colours = Set(Array(30...38) + Array(40...48) + Array(90...97) + Array(100...107))
        let parameters = styled.matches(of: /\x1B\[([0-9;]*)m/).flatMap {
            $0.1.split(separator: ";").compactMap { Int($0) }
        }
        #expect(!parameters.isEmpty, "capture-pane -e shows no styles at all")
        #expect(parameters.allSatisfy { !colours.contains($0) }, "colour escapes with NO_COLOR set: \(Set(parameters))")
        try plain.press("q")
        #expect(try plain.waitForExit(0).restored)

        // 20x10: a clear message; growing the window brings the wizard back.
        let tiny = try TmuxSession(width: 20, height: 10, home: home.home, directory: home.work)
        try tiny.runRecordingTTY(TestPaths.binary + " --demo")
        try tiny.waitFor("larger")
        try tiny.resize(width: 80, height: 24)
        try tiny.waitFor("Set up Claude Code on Bedrock")
        try tiny.press("C-c")
        #expect(try tiny.waitForExit(130).restored)

        // 300x100: the whole screen, drawn.
        let huge = try TmuxSession(width: 300, height: 100, home: home.home, directory: home.work)
        try huge.runRecordingTTY(TestPaths.binary + " --demo")
        let screen = try huge.waitFor("Set up Claude Code on Bedrock", "What is configured today")
        #expect(screen.split(separator: "\n", omittingEmptySubsequences: false).count >= 99)
        try huge.press("Enter")
        try huge.waitFor("Turn on model access")
        try huge.press("C-c")
        #expect(try huge.waitForExit(130).restored)

        // Standard input from /dev/null: no terminal, a clear message.
        let result = try home.cli([])
        #expect(result.status == 64 && result.stderr.contains("the wizard needs a terminal"))
    }
}
