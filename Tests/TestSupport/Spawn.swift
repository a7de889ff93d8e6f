import AWSClient
import Foundation

/// A child process started with posix_spawn, for tests that must time a SIGKILL or watch a
/// pid: Foundation's Process adds threads and pipes that blur both.
public struct Child {
    public let pid: pid_t

    /// Starts the built binary in `directory`, standard input from `stdinPath` (or /dev/null),
    /// standard output and error appended to `outputPath` (or /dev/null). Signals start unblocked.
    public init(
        _ arguments: [String], environment: [String: String], directory: String, stdinPath: String? = nil,
        outputPath: String? = nil, executable: String = TestPaths.binary
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // `env -C` changes folder and then becomes the program (same pid): the test process
        // cannot chdir itself, its other tests run at the same time.
        pid = try spawnWithCleanSignals(
            "/usr/bin/env", arguments: ["-C", directory, executable] + arguments,
            environment: environment.map { "\($0.key)=\($0.value)" }, actions: &actions)
    }

    /// Waits for the exit; the status as a shell reports it (128+N for a signal).
    @discardableResult
    public func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}

public struct SpawnFailure: Error { public let code: Int32 }

/// posix_spawn(p) with every signal unblocked and at its default action: the test runner
/// blocks signals, and a child (or a tmux server it forks) would inherit that and ignore
/// SIGTERM, kill-server and Ctrl-C. `environment` nil passes this process's own.
public func spawnWithCleanSignals(
    _ program: String, arguments: [String], environment: [String]? = nil,
    actions: inout posix_spawn_file_actions_t
) throws -> pid_t {
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    var envp = environment.map { $0.map { strdup($0) } + [nil] }
    defer { for pointer in argv + (envp ?? []) { free(pointer) } }
    var pid: pid_t = 0
    let spawn = program.hasPrefix("/") ? posix_spawn : posix_spawnp
    let status = ChildProcess.withCleanSignals(ownGroup: false) { attributes in
        envp == nil
            ? spawn(&pid, program, &actions, &attributes, argv, environ)
            : spawn(&pid, program, &actions, &attributes, argv, &envp!)
    }
    guard status == 0 else { throw SpawnFailure(code: status) }
    return pid
}
