import Dispatch
import FoundationEssentials
import Glibc
import WizardFlow

/// Carries out the wizard's requests: real AWS and files in the program, the demo's
/// simulation, or a test's stand-in. Each request ends in one answer.
public protocol WizardServices: Sendable {
    func perform(_ request: Request) async -> Answer
}

/// Runs a wizard on a terminal: every input (keys, resizes, clock ticks, answers) arrives as an
/// event on one stream; the wizard turns each into effects, which start or cancel requests.
/// Nothing polls: the loop sleeps until the next event.
public final class WizardRunner: @unchecked Sendable {
    public private(set) var wizard: Wizard
    let terminal: any Terminal
    let services: any WizardServices
    private let events: AsyncStream<Event>
    private let sink: AsyncStream<Event>.Continuation
    private var requests: [RequestID: Task<Void, Never>] = [:]
    /// Writes under way: awaited before `run` returns (and the process ends), whatever ends the
    /// wizard, so a commit is never cut short (every file old, or every file new).
    private var commits: [Task<Void, Never>] = []
    private var ticker: Task<Void, Never>?
    /// Told after each frame is drawn, with when the key that caused it arrived (for the
    /// benchmark's key-to-frame timings).
    public var frameDrawn: (@Sendable (_ keyArrivedAt: UInt64?) -> Void)?
    /// Set when the run ended because the person chose the demo on Start; the program starts it next.
    public private(set) var demoRequested = false

    public init(wizard: Wizard, terminal: any Terminal, services: any WizardServices) {
        self.wizard = wizard
        self.terminal = terminal
        self.services = services
        (events, sink) = AsyncStream.makeStream(of: Event.self)
    }

    /// Runs until the wizard exits; returns its exit code. The terminal is restored on return.
    public func run() async -> Int32 {
        defer { terminal.restore() }
        let size = terminal.size
        _ = wizard.handle(.resized(width: size.width, height: size.height))
        let sink = self.sink
        let reader = Task {
            for await input in terminal.inputs() {
                switch input {
                case .key(let key): sink.yield(.key(key))
                case .resized(let width, let height): sink.yield(.resized(width: width, height: height))
                }
            }
            // The terminal went away: nobody can answer any more, so the wizard ends (130)
            // instead of waiting for a key that never comes.
            sink.finish()
        }
        defer {
            reader.cancel()
            ticker?.cancel()
            for request in requests.values { request.cancel() }
        }
        draw(keyArrivedAt: nil)
        var code: Int32 = 130  // unless the wizard says otherwise: the terminal closed under it
        events: for await event in events {
            let arrived: UInt64? = if case .key = event { DispatchTime.now().uptimeNanoseconds } else { nil }
            if case .answered(let id, _) = event { requests[id] = nil }
            for effect in wizard.handle(event) {
                if let exit = await carryOut(effect) {
                    code = exit
                    break events
                }
            }
            tickWhileBusy()
            draw(keyArrivedAt: arrived)
        }
        for commit in commits { await commit.value }
        return code
    }

    private func draw(keyArrivedAt: UInt64?) {
        terminal.draw(render(wizard, width: wizard.chrome.width, height: wizard.chrome.height, glyphs: terminal.glyphs))
        frameDrawn?(keyArrivedAt)
    }

    /// Carries out one effect; returns an exit code when the wizard is over.
    private func carryOut(_ effect: Effect) async -> Int32? {
        switch effect {
        case .exit(let code):
            return code
        case .startDemo:
            demoRequested = true
            return 0
        case .cancel(let id):
            requests.removeValue(forKey: id)?.cancel()
        case .perform(let id, .ssoLogin(let profile)):
            // The sign-in needs the terminal: hand it over and wait, then take it back.
            terminal.suspend()
            let answer = await services.perform(.ssoLogin(profile: profile))
            terminal.resume()
            sink.yield(.answered(id, answer))
        case .perform(let id, let request):
            let services = self.services
            let sink = self.sink
            let task = Task {
                let answer = await services.perform(request)
                if !Task.isCancelled { sink.yield(.answered(id, answer)) }
            }
            requests[id] = task
            switch request {
            case .write, .savePolicy, .writeSSOProfile, .convertLegacyProfile: commits.append(task)
            default: break
            }
        }
        return nil
    }

    /// The spinner's clock runs only while the wizard waits for an answer.
    private func tickWhileBusy() {
        if wizard.isBusy, ticker == nil {
            let sink = self.sink
            ticker = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: 100_000_000)
                    sink.yield(.tick)
                }
            }
        } else if !wizard.isBusy, let running = ticker {
            running.cancel()
            ticker = nil
        }
    }
}
