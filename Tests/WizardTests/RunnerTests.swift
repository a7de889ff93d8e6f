import BedrockCore
import Foundation
import Testing
import WizardFlow
import WizardUI

/// A backend stand-in: answers as a healthy AWS would (Fixtures.answer), after a short delay,
/// and records what it was asked and what was cancelled.
final class ScriptedServices: WizardServices, @unchecked Sendable {
    let delay: UInt64
    private let lock = NSLock()
    private var asked: [Request] = []
    private var cancelled = 0

    init(delayMilliseconds: UInt64 = 5) { delay = delayMilliseconds * 1_000_000 }

    func perform(_ request: Request) async -> Answer {
        lock.withLock { asked.append(request) }
        do { try await Task.sleep(nanoseconds: delay) } catch { lock.withLock { cancelled += 1 } }
        return Fixtures.answer(request)
    }

    var requests: [Request] { lock.withLock { asked } }
    var cancellations: Int { lock.withLock { cancelled } }
}

/// Answers at once, except a write, which takes 1.5 s and, like the real writer's commit, cannot
/// be cancelled.
final class SlowWriteServices: WizardServices, @unchecked Sendable {
    private let lock = NSLock()
    private var started = 0
    private var finished = 0

    func perform(_ request: Request) async -> Answer {
        if case .write = request {
            lock.withLock { started += 1 }
            usleep(1_500_000)
            lock.withLock { finished += 1 }
        } else {
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
        return Fixtures.answer(request)
    }

    var writes: (started: Int, finished: Int) { lock.withLock { (started, finished) } }
}

/// No time limit: these are not timing tests, and on a busy 2-core machine other suites'
/// blocking tests can hold every thread of the concurrency pool for minutes.
@Suite("Runner: a whole wizard in-process")
struct RunnerTests {
    /// Found since issue 13 (docs/reliability.md, 24): when the terminal's inputs ended, the
    /// runner still waited for an event that could never come, and the wizard hung for ever.
    @Test func theWizardEndsWhenItsTerminalGoesAway() async {
        let terminal = InMemoryTerminal()
        let runner = WizardRunner(
            wizard: Wizard(info: Fixtures.configured, demo: false), terminal: terminal, services: ScriptedServices())
        let run = Task { await runner.run() }
        #expect(await terminal.waitFor("Update this setup", timeout: 60) != nil)
        terminal.close()
        // Bounded: a runner that does not end within 10 s is the hang this test is about.
        let ended = await withTaskGroup(of: Int32?.self) { group in
            group.addTask { await run.value }
            group.addTask {
                try? await Task.sleep(nanoseconds: 10_000_000_000)
                return nil
            }
            let first = await group.next() ?? nil
            run.cancel()  // ends a hung runner, so the group can finish
            group.cancelAll()
            return first
        }
        #expect(ended == 130, "the wizard did not end when its terminal went away")
    }

    @Test func aWholeRunFromStartToDone() async {
        let terminal = InMemoryTerminal()
        let services = ScriptedServices()
        let runner = WizardRunner(
            wizard: Wizard(info: Fixtures.configured, demo: false), terminal: terminal, services: services)
        async let code = runner.run()
        for (wait, key) in [
            ("Update this setup", Key.enter), ("Turn on model access", .enter), ("▸ C) SSO profile", .enter),
            ("corp  us-east-1  logged in until 18:40", .enter), ("✓ Identity", .enter), ("Which Region", .enter),
            ("live inference profiles", .enter), ("✓ ListInferenceProfiles", .enter), ("Changes (1 file)", .enter),
            ("Claude Code is set up", .enter),
        ] {
            guard await terminal.waitFor(wait) != nil else {
                Issue.record("never showed \(wait):\n\(terminal.screen)")
                terminal.send(.control("c"))
                break
            }
            terminal.send(key)
        }
        #expect(await code == 0)
        let kinds = services.requests.map { request -> String in
            switch request {
            case .checkIdentity: "identity"
            case .listModels: "models"
            case .verify: "verify"
            case .plan: "plan"
            case .write: "write"
            case .detectAWSCLI: "aws --version"
            default: "other"
            }
        }
        #expect(kinds == ["aws --version", "identity", "models", "verify", "plan", "write"])
        #expect(terminal.screen.contains("updated /home/u/.claude/settings.json"))
    }

    /// Found since issue 13 (docs/reliability.md, 30): Ctrl-C while the files were being written
    /// ended the process under the commit, leaving a part-way setup (settings naming an AWS profile
    /// whose keys were not written yet). The wizard now lets a started commit finish first.
    @Test func ctrlCDuringTheWriteLetsTheCommitFinish() async {
        let terminal = InMemoryTerminal()
        let services = SlowWriteServices()
        let runner = WizardRunner(
            wizard: Wizard(info: Fixtures.configured, demo: false), terminal: terminal, services: services)
        async let code = runner.run()
        for (wait, key) in [
            ("Update this setup", Key.enter), ("Turn on model access", .enter), ("▸ C) SSO profile", .enter),
            ("corp  us-east-1  logged in until 18:40", .enter), ("✓ Identity", .enter), ("Which Region", .enter),
            ("live inference profiles", .enter), ("✓ ListInferenceProfiles", .enter), ("Changes (1 file)", .enter),
        ] {
            guard await terminal.waitFor(wait, timeout: 60) != nil else {
                Issue.record("never showed \(wait):\n\(terminal.screen)")
                break
            }
            terminal.send(key)
        }
        for _ in 0..<500 where services.writes.started == 0 { try? await Task.sleep(nanoseconds: 10_000_000) }
        #expect(services.writes.started == 1)
        terminal.send(.control("c"))
        #expect(await code == 130)
        // The process ends when run() returns: by then the commit must be whole.
        #expect(services.writes.finished == 1, "the wizard ended while its files were being written")
    }

    @Test func escCancelsTheRequestInFlight() async {
        let terminal = InMemoryTerminal(width: 60, height: 18)
        let services = ScriptedServices(delayMilliseconds: 10_000)
        let runner = WizardRunner(
            wizard: Wizard(info: Fixtures.configured, demo: false), terminal: terminal, services: services)
        async let code = runner.run()
        _ = await terminal.waitFor("Update this setup")
        terminal.send(.down, .enter)
        _ = await terminal.waitFor("Which Region")
        terminal.send(.character("s"))
        #expect(await terminal.waitFor("Asking every Region at once") != nil)
        terminal.send(.escape)
        #expect(await terminal.waitFor("Cancelled.") != nil)
        for _ in 0..<100 where services.cancellations == 0 { try? await Task.sleep(nanoseconds: 10_000_000) }
        terminal.send(.control("c"))
        #expect(await code == 130)
        #expect(services.cancellations == 1)
    }

    @Test func theSSOSignInHandsTheTerminalOver() async {
        let terminal = InMemoryTerminal()
        let runner = WizardRunner(
            wizard: Wizard(info: Fixtures.configured, demo: false), terminal: terminal, services: ScriptedServices())
        async let code = runner.run()
        _ = await terminal.waitFor("Update this setup")
        terminal.send(.enter, .enter, .enter, .down)
        // `aws sso login` is offered once `aws --version` said v2.
        #expect(await terminal.waitFor("l run aws sso login") != nil)
        terminal.send(.character("l"))
        #expect(await terminal.waitFor("✓ Identity") != nil)
        #expect(terminal.suspensions == 1)
        terminal.send(.control("c"))
        #expect(await code == 130)
    }

    @Test func aResizeRedrawsAtTheNewSize() async {
        let terminal = InMemoryTerminal()
        let runner = WizardRunner(
            wizard: Wizard(info: Fixtures.configured, demo: false), terminal: terminal, services: ScriptedServices())
        async let code = runner.run()
        _ = await terminal.waitFor("Update this setup")
        terminal.send(.resized(width: 40, height: 12))
        #expect(await terminal.waitFor("this one is 40×12.") != nil)
        terminal.send(.character("q"))
        #expect(await code == 0)
    }
}
