import AWSClient
import Foundation
import Testing

/// A helper process is bounded in time whatever it does, its whole group is ended, and it is reaped.
@Suite("Child processes: bounded helpers", .serialized, .timeLimit(.minutes(2)))
struct ChildProcessTests {
    /// Running, as opposed to gone or a zombie (an orphan's zombie waits for PID 1, which in a
    /// container may never reap it).
    static func alive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(close, offsetBy: 2)] != "Z"
    }

    static func run(_ script: String, timeout: TimeInterval) -> (ChildProcess.Outcome, TimeInterval) {
        let started = Date()
        let outcome = ChildProcess.shell(script, environment: ["PATH": "/usr/bin:/bin"], timeout: timeout)
        return (outcome, Date().timeIntervalSince(started))
    }

    @Test func outputAndStatus() {
        #expect(Self.run("printf hello; exit 3", timeout: 5).0 == .finished(status: 3, output: Array("hello".utf8)))
    }

    /// Closes its standard output, then keeps running: no EOF wait can catch it, the deadline does.
    @Test func aHelperThatClosesStdoutAndKeepsRunningIsEndedWithItsGroup() throws {
        let marker = NSTemporaryDirectory() + "bounded-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let (outcome, seconds) = Self.run(
            "echo $$ > \(marker); sleep 30 & echo $! >> \(marker); exec 1>&-; sleep 30", timeout: 1)
        #expect(outcome == .timedOut)
        #expect(seconds < 1 + ChildProcess.termGrace + 2, "took \(seconds) s")
        let pids = try String(contentsOfFile: marker, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
        #expect(pids.count == 2)
        usleep(200_000)
        for pid in pids { #expect(!Self.alive(pid), "process \(pid) outlived the timeout") }
    }

    /// Ignores SIGTERM: the group gets SIGKILL after the grace.
    @Test func aHelperThatIgnoresSIGTERMIsKilled() throws {
        let marker = NSTemporaryDirectory() + "bounded-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let (outcome, seconds) = Self.run("trap '' TERM; echo $$ > \(marker); while :; do sleep 0.1; done", timeout: 1)
        #expect(outcome == .timedOut)
        #expect(seconds >= 1 && seconds < 1 + ChildProcess.termGrace + 2, "took \(seconds) s")
        let pid = try #require(
            Int32(try String(contentsOfFile: marker, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        usleep(200_000)
        #expect(!Self.alive(pid))
    }

    /// Exits, leaving a background child that holds the pipe: the answer comes promptly.
    @Test func aBackgroundChildHoldingThePipeDoesNotHoldTheCaller() {
        let (outcome, seconds) = Self.run("sleep 30 & echo done", timeout: 10)
        #expect(outcome == .finished(status: 0, output: Array("done\n".utf8)))
        #expect(seconds < 3, "took \(seconds) s")
    }

    @Test func outputIsCappedInMemory() {
        guard case .finished(0, let output) = Self.run("head -c 3000000 /dev/zero", timeout: 20).0 else {
            Issue.record("did not exit")
            return
        }
        #expect(output.count == ChildProcess.outputLimit)
    }
}
