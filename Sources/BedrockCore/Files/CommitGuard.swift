import FoundationEssentials
import Glibc

/// Holds SIGINT, SIGTERM and SIGHUP while a multi-file commit runs, so a Ctrl-C or a kill
/// never leaves a part-way setup (settings naming a profile that `~/.aws` does not have yet).
/// A signal that arrives meanwhile is remembered; once the commit has finished (or rolled
/// back) the previous handlers are put back and the signal is raised again, so the process
/// ends exactly as it would have, with every file wholly old or wholly new.
///
/// Handlers rather than a signal mask: a process-directed signal goes to any thread that does
/// not block it, and the writer cannot block it in threads it does not own.
public enum CommitGuard {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    nonisolated(unsafe) static var pending: sig_atomic_t = 0
    static let lock = ThreadLock()

    public static func holdingSignals<T>(_ body: () throws(SetupError) -> T) throws(SetupError) -> T {
        lock.lock()
        var previous: [__sighandler_t?] = []
        for number in signals {
            let old: __sighandler_t? = signal(number) { received in CommitGuard.pending = received }
            // A signal the process ignores stays ignored.
            if let old, unsafeBitCast(old, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { signal(number, old) }
            previous.append(old)
        }
        defer {
            for (number, old) in zip(signals, previous) { signal(number, old) }
            let received = pending
            pending = 0
            lock.unlock()
            if received != 0 {
                // Raised in this thread, which may block it (a Dispatch worker does): unblock it first,
                // so it is delivered here and now, not left pending while the process exits 0.
                var set = sigset_t()
                sigemptyset(&set)
                sigaddset(&set, received)
                pthread_sigmask(SIG_UNBLOCK, &set, nil)
                raise(received)
            }
        }
        return try body()
    }
}
