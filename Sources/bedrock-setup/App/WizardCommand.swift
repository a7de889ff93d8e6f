import AWSClient
import BedrockCore
import Dispatch
import FoundationEssentials
import Glibc
import NcursesTerminal
import WizardFlow
import WizardUI

/// Starts the interactive wizard: reads today's setup once, then runs the loop.
enum WizardCommand {
    static func run(demo: Bool, keepDemoFiles: Bool = false, preset: (Preset, String)? = nil) async -> Int32 {
        let services = Services()
        let backend: any WizardBackend
        let info: StartInfo
        var demoFolder: DemoFolder?
        if demo {
            let made = DemoFolder.make()
            demoFolder = made
            let folder = made.path
            let paths = Paths(environment: ["HOME": folder + "/home", "SHELL": "/bin/bash"], workingDirectory: folder)
            backend = DemoBackend(paths: paths, catalogue: services.catalogue)
            info = demoInfo(folder: folder)
        } else {
            let version = ClaudeCodeProbe.version(environment: services.environment)
            let current = services.current(claudeCode: version)
            backend = LiveBackend(services: services, files: current.aws, claudeCode: version)
            info = startInfo(current, services: services)
        }
        let color =
            services.environment["NO_COLOR"] == nil && !["vt100", "dumb"].contains(services.environment["TERM"] ?? "")
        let terminal = NcursesTerminal(color: color)
        let wizard = Wizard(
            info: info, demo: demo, catalogue: services.catalogue, preset: preset?.0, presetSource: preset?.1)
        let runner = WizardRunner(wizard: wizard, terminal: terminal, services: backend)
        let trace = services.environment["BEDROCK_SETUP_TRACE"].map(Trace.init(path:))
        if let trace { runner.frameDrawn = { trace.frameDrawn(afterKeyAt: $0) } }
        let code = await runner.run()
        trace?.finish()
        if let demoFolder {
            if keepDemoFiles {
                print("The demo's files are in \(demoFolder.path).")
            } else {
                demoFolder.remove()
            }
            DemoFolder.sweepAbandoned()
        }
        // Chosen on Start by someone with nothing to sign in with yet: the demo runs next, in its own folder.
        if runner.demoRequested { return await run(demo: true, keepDemoFiles: keepDemoFiles) }
        return code
    }

    /// What the Start screen shows, each value with where it came from.
    static func startInfo(_ current: CurrentSetup, services: Services) -> StartInfo {
        var summary: [SummaryLine] = []
        func add(_ label: String, _ key: String, secret: Bool = false) {
            if let value = current.effective(key) {
                summary.append(
                    SummaryLine(
                        label: label, value: secret ? Mask.tail(value.value) : value.value,
                        source: value.source.description))
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
        if let active = current.activeProfileName {
            summary.append(SummaryLine(label: "Profile", value: active, source: "saved profiles"))
        }
        let now = Date()
        let cache = services.ssoCache
        let choices = current.aws.profiles.map { profile -> AWSProfileChoice in
            var detail = profile.kind.label
            var needsLogin = false
            if let key = current.aws.ssoCacheKey(for: profile) {
                switch cache.status(forKey: key.key, now: now) {
                case .valid(let expires, _): detail = "logged in until \(clock(expires))"
                case .expiringSoon(let expires, _): detail = "login expires at \(clock(expires))"
                case .expired:
                    detail = "login expired: Enter signs in again"
                    needsLogin = true
                case .missing, .unreadable:
                    detail = "not signed in: Enter signs in"
                    needsLogin = true
                }
            } else if profile.kind == .staticKeys {
                detail = "keys \(Mask.tail(profile.value("aws_access_key_id") ?? ""))"
            }
            return AWSProfileChoice(
                name: profile.name, kind: profile.kind, region: profile.region, detail: detail, needsLogin: needsLogin)
        }
        let env = services.environment
        let keys = env["AWS_ACCESS_KEY_ID"].flatMap { key in
            env["AWS_SECRET_ACCESS_KEY"].map { _ in
                "\(Mask.tail(key))\(env["AWS_SESSION_TOKEN"] != nil ? " + session token" : "")"
            }
        }
        let saved = current.savedProfiles.compactMap { try? services.store.load($0).profile }
        let claude = current.claude
        let baseline = current.shadowing()
        let todayProfile = today(current, saved: saved)
        var methodWarnings: [CredentialsMethod: [String]] = [:]
        for method in CredentialsMethod.allCases {
            var draft =
                todayProfile
                ?? SetupProfile(name: "default", credentials: method, region: claude.region?.value ?? "us-east-1")
            draft.credentials = method
            methodWarnings[method] = current.shadowing(for: draft).filter { found in
                !baseline.contains(found) && { if case .environmentOverridesSetting = found { false } else { true } }()
            }.map(\.description)
        }
        var info = StartInfo(
            summary: summary, today: todayProfile,
            savedProfiles: saved, activeProfile: current.activeProfileName, awsProfiles: choices, environmentKeys: keys,
            environmentAPIKey: env[ClaudeEnv.bearerToken], shadowing: baseline.map(\.description),
            problems: current.problems.map { $0.message + " " + $0.fix }, claudeCodeVersion: claude.version,
            claudeCodeCredentials: claude.credentialsLine.cause, methodWarnings: methodWarnings)
        info.knownPortals = current.aws.ssoSessions.sorted { $0.key < $1.key }.compactMap { name, values in
            guard let url = values["sso_start_url"], let region = values["sso_region"] else { return nil }
            return KnownPortal(session: name, startURL: url, region: region)
        }
        info.settingsAboveUser = current.settingsAboveUser
        for case .malformedJSON(let path, _) in current.problems {
            if path == services.paths.userSettings { info.unwritableTargets[.user] = path }
            if path == services.paths.localSettings { info.unwritableTargets[.project] = path }
        }
        info.credentialExport = current.claude.credentialExport
        info.ssoRegionHint = [env["AWS_REGION"], env["AWS_DEFAULT_REGION"]].compactMap { $0 }.first { !$0.isEmpty }
        info.executablePath = AuthRefreshChoice.selfPath(environment: env)
        return info
    }

    /// Today's answers: the active saved profile when there is one (it remembers the method, so
    /// a setup made with option B is offered as B), else what the files and environment say.
    static func today(_ current: CurrentSetup, saved: [SetupProfile]) -> SetupProfile? {
        guard current.bedrockEnabled || current.effective(ClaudeEnv.region) != nil else { return nil }
        if let active = current.activeProfileName, let profile = saved.first(where: { $0.name == active }) {
            return profile
        }
        guard var profile = current.asProfile() else { return nil }
        // No AWS profile and no API key in the settings: the setup was made with keys from the environment.
        if profile.credentials == .awsProfile, profile.awsProfile == nil { profile.credentials = .environment }
        // modelOverrides in the files the wizard writes: listed in More options, so that one can be removed there.
        for layer in current.claude.layers where [.user, .local].contains(layer.scope) {
            guard case .object(let entries)? = layer.file.json?[ClaudeEnv.modelOverridesKey] else { continue }
            for (name, value) in entries { profile.bedrock.modelOverrides[name] = value.stringValue }
        }
        return profile
    }

    static func demoInfo(folder: String) -> StartInfo {
        var info = StartInfo(
            summary: [], today: nil, savedProfiles: [], activeProfile: nil,
            awsProfiles: [
                AWSProfileChoice(
                    name: "demo-sso", kind: .ssoSession, region: "us-east-1",
                    detail: "logged in until 18:00 (simulated)", needsLogin: false),
                AWSProfileChoice(
                    name: "demo-keys", kind: .staticKeys, region: "us-west-2", detail: "keys ****MPLE (simulated)",
                    needsLogin: false),
            ],
            environmentKeys: nil, environmentAPIKey: nil, shadowing: [], problems: [], demoFolder: folder)
        info.executablePath = AuthRefreshChoice.selfPath(environment: ProcessInfo.processInfo.environment)
        return info
    }

    static func clock(_ date: Date) -> String {
        TimeText.format(date, "%H:%M", utc: false)
    }
}

/// Benchmark timings written at exit: time from process start to the first full frame,
/// key-to-frame durations, and peak memory.
final class Trace: @unchecked Sendable {
    let path: String
    var firstFrameMilliseconds: Double?
    var keyToFrameMicroseconds: [Double] = []

    init(path: String) { self.path = path }

    func frameDrawn(afterKeyAt start: UInt64?) {
        let now = DispatchTime.now().uptimeNanoseconds
        if firstFrameMilliseconds == nil { firstFrameMilliseconds = Self.millisecondsSinceProcessStart() }
        if let start { keyToFrameMicroseconds.append(Double(now - start) / 1000) }
    }

    func finish() {
        let json = JSONValue.object([
            ("first_frame_ms", .number("\(firstFrameMilliseconds ?? -1)")),
            ("key_to_frame_us", .array(keyToFrameMicroseconds.map { .number("\($0)") })),
            ("peak_rss_kb", .number("\(Self.peakRSSKilobytes() ?? -1)")),
        ])
        _ = FileManager.default.createFile(atPath: path, contents: Data(json.serialized().utf8))
    }

    /// From the kernel's record of when this process started (/proc/self/stat field 22, in ticks).
    static func millisecondsSinceProcessStart() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let uptime = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]), let up = Double(uptime.split(separator: " ")[0]) else {
            return nil
        }
        return (up - ticks / Double(sysconf(Int32(_SC_CLK_TCK)))) * 1000
    }

    static func peakRSSKilobytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
}

/// The demo's throw-away HOME: `bedrock-setup-demo-PID-RANDOM` in the temp folder, removed when
/// the demo ends (unless --keep-demo-files). A demo killed before it could clean up is swept
/// when the next one ends (its PID no longer runs), so none pile up; at the end, not the start,
/// because listing a crowded temporary folder cost a third of the demo's first frame.
struct DemoFolder {
    static let prefix = "bedrock-setup-demo-"
    let path: String

    static func make() -> DemoFolder {
        let path = temporaryFolder + prefix + "\(getpid())-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        try? FileManager.default.createDirectory(atPath: path + "/home", withIntermediateDirectories: true)
        return DemoFolder(path: path)
    }

    /// The temporary folder, ending in "/".
    static var temporaryFolder: String {
        let path = FileManager.default.temporaryDirectory.path
        return path.hasSuffix("/") ? path : path + "/"
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Folders of demos whose process no longer runs, and that belong to this user.
    static func sweepAbandoned() {
        let temp = temporaryFolder
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temp)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0.isNumber }), pid != getpid() else {
                continue
            }
            var info = stat()
            guard lstat(temp + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == geteuid() else {
                continue
            }
            if kill(pid, 0) != 0, errno == ESRCH { try? FileManager.default.removeItem(atPath: temp + name) }
        }
    }
}
