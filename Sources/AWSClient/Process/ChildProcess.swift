import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program with posix_spawn (Foundation's `Process` is not in FoundationEssentials).
/// Used for `credential_process` and `aws sso login`.
public enum ChildProcess {
    public enum Outcome: Equatable, Sendable {
        /// Exit status (or the number of the signal that ended it) and what it wrote to standard output.
        case finished(status: Int32, output: [UInt8])
        case timedOut
        case couldNotStart
    }

    /// Runs `executable` with `arguments` and exactly `environment`. Captured: standard input and
    /// standard error are /dev/null, standard output is collected, and the program is killed after
    /// `timeout` seconds. Not captured (interactive): it shares this terminal and is awaited.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                           captured: Bool, timeout: Double? = nil) -> Outcome {
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
        defer { (argv + envp).forEach { free($0) } }
        // Every signal unblocked and at its default action in the child, whatever this process blocks.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let started = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        if captured { close(output[1]) }
        guard started == 0 else {
            if captured { close(output[0]) }
            return .couldNotStart
        }
        var collected: [UInt8] = []
        var timedOut = false
        if captured {
            timedOut = !readAll(output[0], into: &collected, until: timeout.map { monotonicSeconds() + $0 })
            close(output[0])
            if timedOut { kill(pid, SIGKILL) }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if timedOut { return .timedOut }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import (they are macros).
        let signal = status & 0x7f
        return .finished(status: signal == 0 ? (status >> 8) & 0xff : signal, output: collected)
    }

    /// Reads to end of file; false if the deadline passed first.
    private static func readAll(_ descriptor: Int32, into data: inout [UInt8], until deadline: Double?) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            if let deadline {
                let left = deadline - monotonicSeconds()
                guard left > 0 else { return false }
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, Int32(min(left * 1000, 60_000).rounded(.up)))
                if ready < 0 && errno == EINTR { continue }
                if ready == 0 { continue }
            }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return true }
            data.append(contentsOf: buffer[..<count])
        }
    }

    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
