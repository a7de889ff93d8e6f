import Foundation

/// A real terminal for end-to-end tests: a tmux session on its own server socket, with a
/// plain bash in the pane. Keys go in with send-keys; the screen comes back with capture-pane.
public final class TmuxSession: @unchecked Sendable {
    public let socket = "bedrock-setup-test-" + UUID().uuidString.prefix(8)
    public let name = "wizard"
    public let folder: String

    public init(width: Int, height: Int, home: String, environment: [String: String] = [:], directory: String) throws {
        folder = NSTemporaryDirectory() + "tmux-" + socket
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var env = [
            "HOME": home, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "TERM": "screen",
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PS1": "PROMPT$ ", "HISTFILE": folder + "/history",
            "SHELL": "/bin/bash",
        ]
        for (key, value) in environment { env[key] = value }
        let exports = env.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let shell = "cd \(Self.quote(directory)) && exec env -i \(exports) bash --norc --noprofile -i"
        try tmux(["-u", "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), shell])
        _ = try waitFor("PROMPT$")
    }

    deinit { _ = try? tmux(["kill-server"]) }

    static func quote(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    public func tmux(_ arguments: [String]) throws -> String {
        // posix_spawn + waitpid, not Foundation's Process: the tmux client forks the server and
        // exits, and Process was seen leaving it a zombie and never returning here.
        let outputPath = folder + "/out-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        guard let pid = try? spawnWithCleanSignals("tmux", arguments: ["-L", socket] + arguments, actions: &actions)
        else {
            throw TmuxTimeout(expected: "tmux to start", screen: "")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// Named keys: Enter, Escape, Down, C-c, Tab, BSpace…
    public func press(_ keys: String...) throws {
        for key in keys { try tmux(["send-keys", "-t", name, key]) }
    }

    /// Text typed as is.
    public func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }

    public func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    /// The whole scrollback, not only what is on screen now.
    public func captureHistory() throws -> String {
        try tmux(["capture-pane", "-p", "-S", "-", "-E", "-", "-t", name])
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Polls the pane until every one of `texts` shows at once, or fails with the whole pane.
    @discardableResult
    public func waitFor(_ texts: String..., timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if texts.allSatisfy(screen.contains) { return screen }
            usleep(100_000)
        }
        throw TmuxTimeout(expected: texts.joined(separator: "\" and \""), screen: screen)
    }

    /// Runs a command line in the pane, recording `stty -g` before and after it.
    public func runRecordingTTY(_ commandLine: String) throws {
        try type("stty -g > \(folder)/before; \(commandLine); echo EXIT:$?; stty -g > \(folder)/after")
        try press("Enter")
    }

    /// Waits for the command started by `runRecordingTTY` to exit with `code`, and for the shell
    /// to record `stty -g` after it; true when the terminal settings are the same as before.
    @discardableResult
    public func waitForExit(_ code: Int, timeout: TimeInterval = 20) throws -> (screen: String, restored: Bool) {
        let screen = try waitFor("EXIT:\(code)", timeout: timeout)
        let deadline = Date().addingTimeInterval(5)
        while ttyAfter?.isEmpty ?? true, Date() < deadline { usleep(50_000) }
        return (screen, ttyBefore != nil && ttyBefore == ttyAfter)
    }

    public var ttyBefore: String? { try? String(contentsOfFile: folder + "/before", encoding: .utf8) }
    public var ttyAfter: String? { try? String(contentsOfFile: folder + "/after", encoding: .utf8) }
}

public struct TmuxTimeout: Error, CustomStringConvertible {
    public let expected: String
    public let screen: String
    public var description: String { "waited for \"\(expected)\"; the pane shows:\n\(screen)" }
}
