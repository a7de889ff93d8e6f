import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a program with posix_spawn (Foundation's `Process` is not in FoundationEssentials).
/// Used for `credential_process`, `claude --version` and `aws sso login`.
public enum ChildProcess {
    public enum Outcome: Equatable, Sendable {
        /// Exit status (128 + the signal's number when a signal ended it) and what it wrote to
        /// standard output (at most `outputLimit` bytes).
        case finished(status: Int32, output: [UInt8])
        case timedOut
        case couldNotStart
    }

    /// Seconds a timed-out process group gets between SIGTERM and SIGKILL.
    public static let termGrace = 0.5
    /// Bytes of standard output kept in memory; the rest is read and dropped.
    public static let outputLimit = 1 << 20

    /// `command` through `/bin/sh -c`, as Node's `child_process.exec` runs it (so `$HOME` and `~`
    /// expand), captured and bounded by `timeout`.
    public static func shell(_ command: String, environment: [String: String], timeout: Double) -> Outcome {
        run("/bin/sh", ["-c", command], environment: environment, captured: true, timeout: timeout)
    }

    /// Runs `executable` with `arguments` and exactly `environment`.
    ///
    /// Captured: standard input and standard error are /dev/null, standard output is collected,
    /// and the program runs in its own process group. On the deadline the whole group gets SIGTERM,
    /// then SIGKILL after `termGrace`, and the child is reaped: a helper that closes its standard
    /// output and keeps running, ignores SIGTERM, or leaves a background child holding the pipe
    /// cannot hold the caller. Not captured (interactive): it shares this terminal and is awaited.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String],
        captured: Bool, timeout: Double? = nil
    ) -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var output: [Int32] = [-1, -1]
        if captured {
            guard pipe(&output) == 0 else { return .couldNotStart }
            // Neither end may leak into other children; the spawned one gets the write end as fd 1.
            _ = fcntl(output[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(output[1], F_SETFD, FD_CLOEXEC)
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, output[1], 1)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0.key + "=" + $0.value) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        // Captured: its own process group (pgid = its pid), so a timeout ends everything it started.
        let started = withCleanSignals(ownGroup: captured) { posix_spawn(&pid, executable, &actions, &$0, argv, envp) }
        if captured { close(output[1]) }
        guard started == 0 else {
            if captured { close(output[0]) }
            return .couldNotStart
        }
        guard captured else { return .finished(status: reap(pid, block: true) ?? 0, output: []) }
        defer { close(output[0]) }
        return collect(pid, from: output[0], deadline: monotonicSeconds() + (timeout ?? .infinity))
    }

    /// Spawn attributes under which the child starts with every signal unblocked and at its default action, whatever
    /// this process blocks or ignores (the wizard blocks SIGINT and SIGWINCH for its signal thread); `ownGroup` also
    /// puts it in a process group of its own.
    public static func withCleanSignals<Result>(ownGroup: Bool, _ spawn: (inout posix_spawnattr_t) -> Result) -> Result
    {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        var all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if ownGroup {
            flags |= POSIX_SPAWN_SETPGROUP
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        return spawn(&attributes)
    }

    /// Reads the child's output until it has exited and the pipe is closed, or the deadline.
    private static func collect(_ pid: pid_t, from descriptor: Int32, deadline: Double) -> Outcome {
        var collected: [UInt8] = []
        var open = true
        var status: Int32?
        var exitedAt: Double?
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while monotonicSeconds() < deadline {
            if let status, !open { return .finished(status: status, output: collected) }
            // A background child still holding the pipe after the program exited gets a moment,
            // then the group is ended: the output is complete once the program has exited.
            if let status, let exitedAt, monotonicSeconds() - exitedAt > 0.2 {
                endGroup(pid)
                return .finished(status: status, output: collected)
            }
            if open {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let wait = Int32(max(1, min(50, (deadline - monotonicSeconds()) * 1000)))
                if poll(&poller, 1, wait) > 0 {
                    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                    if count > 0 {
                        collected.append(contentsOf: buffer[0..<max(0, min(count, outputLimit - collected.count))])
                    } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                        open = false
                    }
                }
            } else {
                usleep(10_000)
            }
            if status == nil, let exit = reap(pid, block: false) {
                status = exit
                exitedAt = monotonicSeconds()
            }
        }
        endGroup(pid)
        if let status { return .finished(status: status, output: collected) }
        reap(pid, block: true)
        return .timedOut
    }

    /// SIGTERM to the whole group, a short grace, then SIGKILL; the leader is reaped.
    private static func endGroup(_ pid: pid_t) {
        kill(-pid, SIGTERM)
        let grace = monotonicSeconds() + termGrace
        while monotonicSeconds() < grace {
            if kill(-pid, 0) != 0 { return }
            _ = reap(pid, block: false)
            usleep(10_000)
        }
        kill(-pid, SIGKILL)
    }

    /// The exit status (128 + signal when killed) once the child has ended; nil while it runs.
    /// (WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.)
    @discardableResult
    private static func reap(_ pid: pid_t, block: Bool) -> Int32? {
        var raw: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &raw, block ? 0 : WNOHANG) } while result < 0 && errno == EINTR
        guard result == pid else { return nil }
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }

    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
