import AWSClient
import BedrockCore
import Foundation
import NcursesTerminal
import WizardFlow
import WizardUI

/// Starts the interactive wizard: reads today's setup once, then runs the loop.
enum WizardCommand {
    static func run(demo: Bool) async -> Int32 {
        let services = Services()
        let backend: WizardBackend
        let info: StartInfo
        if demo {
            let folder = NSTemporaryDirectory() + "bedrock-setup-demo-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            try? FileManager.default.createDirectory(atPath: folder + "/home", withIntermediateDirectories: true)
            let paths = Paths(environment: ["HOME": folder + "/home", "SHELL": "/bin/bash"], workingDirectory: folder)
            backend = DemoBackend(paths: paths, catalogue: services.catalogue)
            info = demoInfo(folder: folder)
        } else {
            let current = services.current()
            backend = LiveBackend(services: services, files: current.aws)
            info = startInfo(current, services: services)
        }
        let color = services.environment["NO_COLOR"] == nil && !["vt100", "dumb"].contains(services.environment["TERM"] ?? "")
        let runner = WizardRunner(state: WizardState(info: info, demo: demo, catalogue: services.catalogue), backend: backend, color: color)
        return await runner.run()
    }

    /// What the Start screen shows, each value with where it came from.
    static func startInfo(_ current: CurrentSetup, services: Services) -> StartInfo {
        var summary: [SummaryLine] = []
        func add(_ label: String, _ key: String, secret: Bool = false) {
            if let value = current.effective(key) {
                summary.append(SummaryLine(label: label, value: secret ? Mask.tail(value.value) : value.value, source: value.source.description))
            }
        }
        add("Bedrock", ClaudeEnv.useBedrock)
        add("Region", ClaudeEnv.region)
        add("AWS profile", ClaudeEnv.profile)
        add("API key", ClaudeEnv.bearerToken, secret: true)
        add("Model", ClaudeEnv.model)
        add("Small/fast", ClaudeEnv.smallFastModel)
        add("Sonnet pin", ClaudeEnv.sonnetModel)
        add("Opus pin", ClaudeEnv.opusModel)
        if let active = current.activeProfileName { summary.append(SummaryLine(label: "Profile", value: active, source: "saved profiles")) }
        let now = Date()
        let cache = services.ssoCache
        let choices = current.aws.profiles.map { profile -> AWSProfileChoice in
            var detail = profile.kind.label
            var needsLogin = false
            if let key = current.aws.ssoCacheKey(for: profile) {
                switch cache.status(forKey: key.key, now: now) {
                case .valid(let expires, _): detail = "logged in until \(clock(expires))"
                case .expiringSoon(let expires, _): detail = "login expires at \(clock(expires))"
                case .expired: detail = "login expired: Enter runs aws sso login"; needsLogin = true
                case .missing, .unreadable: detail = "not logged in: Enter runs aws sso login"; needsLogin = true
                }
            } else if profile.kind == .staticKeys {
                detail = "keys \(Mask.tail(profile.value("aws_access_key_id") ?? ""))"
            }
            return AWSProfileChoice(name: profile.name, kind: profile.kind, region: profile.region, detail: detail, needsLogin: needsLogin)
        }
        let env = services.environment
        let keys = env["AWS_ACCESS_KEY_ID"].flatMap { key in env["AWS_SECRET_ACCESS_KEY"].map { _ in "\(Mask.tail(key))\(env["AWS_SESSION_TOKEN"] != nil ? " + session token" : "")" } }
        let saved = current.savedProfiles.compactMap { try? services.store.load($0).profile }
        return StartInfo(summary: summary, today: current.bedrockEnabled || current.effective(ClaudeEnv.region) != nil ? current.asProfile() : nil,
                         savedProfiles: saved, activeProfile: current.activeProfileName, awsProfiles: choices, environmentKeys: keys,
                         environmentAPIKey: env[ClaudeEnv.bearerToken], shadowing: current.shadowing().map(\.description),
                         problems: current.problems.map(\.message))
    }

    static func demoInfo(folder: String) -> StartInfo {
        StartInfo(summary: [], today: nil, savedProfiles: [], activeProfile: nil,
                  awsProfiles: [AWSProfileChoice(name: "demo-sso", kind: .ssoSession, region: "us-east-1", detail: "logged in until 18:00 (simulated)", needsLogin: false),
                                AWSProfileChoice(name: "demo-keys", kind: .staticKeys, region: "us-west-2", detail: "keys ****MPLE (simulated)", needsLogin: false)],
                  environmentKeys: nil, environmentAPIKey: nil, shadowing: [], problems: [], demoFolder: folder)
    }

    static func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm"
        return formatter.string(from: date)
    }
}

/// Runs the loop: draw, read a key (100 ms at most), feed events to the machine, carry out its
/// effects (network work in tasks, so the screen never freezes), until it asks to exit.
final class WizardRunner: @unchecked Sendable {
    var state: WizardState
    let backend: WizardBackend
    let color: Bool
    private let lock = NSLock()
    private var inbox: [Event] = []
    private var tasks: [Task<Void, Never>] = []

    init(state: WizardState, backend: WizardBackend, color: Bool) {
        self.state = state
        self.backend = backend
        self.color = color
    }

    func post(_ event: Event) {
        lock.withLock { inbox.append(event) }
    }

    func drainInbox() -> [Event] {
        lock.withLock {
            defer { inbox.removeAll() }
            return inbox
        }
    }

    func run() async -> Int32 {
        let terminal = NcursesTerminal(color: color)
        defer { terminal.restore() }
        let size = terminal.size
        _ = state.handle(.resized(width: size.width, height: size.height))
        var lastTick = Date()
        while true {
            terminal.draw(render(state, width: state.width, height: state.height))
            var events: [Event] = []
            if let input = terminal.read() {
                switch input {
                case .key(let key): events.append(.key(key))
                case .resized(let width, let height): events.append(.resized(width: width, height: height))
                }
            }
            events += drainInbox()
            if Date().timeIntervalSince(lastTick) >= 0.1 {
                events.append(.tick)
                lastTick = Date()
            }
            for event in events {
                for effect in state.handle(event) {
                    if let code = perform(effect, terminal: terminal) {
                        tasks.forEach { $0.cancel() }
                        return code
                    }
                }
            }
            await Task.yield()
        }
    }

    /// Carries out one effect; returns an exit code when the wizard is over.
    func perform(_ effect: Effect, terminal: NcursesTerminal) -> Int32? {
        let backend = self.backend
        switch effect {
        case .exit(let code): return code
        case .cancelChecks:
            tasks.forEach { $0.cancel() }
            tasks.removeAll()
        case .checkIdentity(let profile, let secrets): spawn { await backend.identity(profile, secrets) }
        case .scanRegions(let profile, let secrets, let models): spawn { await backend.scan(profile, secrets, models: models) }
        case .listModels(let profile, let secrets): spawn { await backend.models(profile, secrets) }
        case .verify(let profile, let secrets, let invoke): spawn { await backend.verify(profile, secrets, invoke: invoke) }
        case .plan(let profile, let secrets, let targets): post(backend.plan(profile, secrets, targets: targets))
        case .write(let changes): post(backend.write(changes))
        case .savePolicy(let text, let name): post(backend.savePolicy(text, profileName: name))
        case .ssoLogin(let profile):
            terminal.suspend()
            print("Running aws sso login --profile \(profile); the wizard comes back when it finishes.")
            let succeeded = backend.ssoLogin(profile: profile)
            terminal.resume()
            post(.ssoLoginFinished(succeeded: succeeded))
        }
        return nil
    }

    func spawn(_ work: @escaping @Sendable () async -> Event) {
        let task = Task { [weak self] in
            let event = await work()
            if !Task.isCancelled { self?.post(event) }
        }
        tasks.append(task)
    }
}
