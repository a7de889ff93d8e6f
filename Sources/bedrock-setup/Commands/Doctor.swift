import AWSClient
import ArgumentParser
import BedrockCore
import FoundationEssentials
import Glibc

struct Doctor: AsyncParsableCommand, RunsWithoutConcurrency {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check what Claude Code will actually see, and whether it works.",
        discussion: """
        Resolves every Bedrock setting the way Claude Code does (the process environment over the settings `env`
        blocks; project-local over project over user settings), checks each one, then (unless --offline) asks AWS:
        identity, ListInferenceProfiles permission, and each pinned model's availability. Exits 0 only when nothing
        fails.

        Examples:
          bedrock-setup doctor
          bedrock-setup doctor --offline --json | jq '.checks[] | select(.status != "ok")'
          bedrock-setup doctor --profile eu
        """)

    @Flag(help: "Print the checks, every effective setting with its source, and every AWS profile as JSON.") var json = false
    @Flag(help: "Make no network calls.") var offline = false
    @Option(help: "Check a saved profile instead of what is active now.") var profile: String?
    @OptionGroup var network: NetworkOptions

    var runsWithoutConcurrency: Bool { offline }

    /// `--offline`: no network, so no concurrency runtime either (see Entry).
    func runWithoutConcurrency() throws {
        let services = network.services()
        let state = try offlineState(services)
        try report(state.lines, state, services)
    }

    func run() async throws {
        let services = network.services()
        let state = try offlineState(services)
        let offlineChecks = state.offlineChecks
        var lines = state.lines
        if !offline, offlineChecks.gatewaySigns {
            lines.append(Diagnosis(check: "Gateway", severity: .warning, code: nil,
                                   cause: "Claude Code calls the gateway at \(offlineChecks.values[ClaudeEnv.baseURL]?.value ?? "?") without AWS credentials; "
                                       + "doctor does not call AWS for it and does not yet probe the gateway itself.",
                                   fix: "Run `claude -p hello` to check the gateway end to end."))
        } else if !offline, var setup = state.setup, lines.allSatisfy({ $0.check != "Region" || $0.severity != .failure }) {
            // Claude Code resolves credentials through the SDK chain; the checker does the same.
            if setup.credentials == .awsProfile || setup.credentials == .sso, setup.awsProfile == nil { setup.awsProfile = "default" }
            if services.environment["AWS_ACCESS_KEY_ID"] != nil, setup.credentials != .apiKey { setup.credentials = .environment }
            let checker = services.checker(files: state.current.aws)
            let online = await checker.verify(setup, secrets: Secrets(apiKey: state.apiKey), invoke: false)
            lines += online.filter { !($0.check == "Credentials" && $0.severity == .ok) }
        }
        try report(lines, state, services)
    }

    private struct OfflineState {
        let current: CurrentSetup
        let offlineChecks: OfflineChecks
        let lines: [Diagnosis]
        let managedEnv: [(String, String)]
        let setup: SetupProfile?
        let apiKey: String?
    }

    /// Everything doctor learns without the network.
    private func offlineState(_ services: Services) throws -> OfflineState {
        let current = services.current()
        let offlineChecks: OfflineChecks
        var setup: SetupProfile?
        var apiKey: String?
        if let name = profile {
            let file: ClaudeSettingsFile
            do throws(SetupError) {
                _ = try services.validator.profileName(name)
                file = try ClaudeSettingsFile.read(services.paths.profileFile(name))
                guard file.json != nil else { throw SetupError.profileNotFound(name, available: current.savedProfiles) }
                let loaded = try services.store.load(name)
                setup = loaded.profile
                apiKey = loaded.apiKey
            } catch { throw fail(error) }
            offlineChecks = OfflineChecks(profileName: name, fragmentEnv: file.env, authRefresh: file.authRefresh, current: current,
                                          ssoCache: services.ssoCache, validator: services.validator)
        } else {
            offlineChecks = OfflineChecks(current: current, ssoCache: services.ssoCache, validator: services.validator)
            setup = current.asProfile()
            apiKey = current.effective(ClaudeEnv.bearerToken)?.value
        }
        var lines = offlineChecks.run(now: Date())
        let managed = try? ClaudeSettingsFile.read(services.paths.managedSettings)
        let managedEnv = managed?.env ?? []
        if !managedEnv.isEmpty {
            let shown = managedEnv.map { "\($0.0)=\(ClaudeEnv.shown($0.0, $0.1))" }.joined(separator: ", ")
            lines.insert(Diagnosis(check: "Managed settings", severity: .ok, code: nil,
                                   cause: "\(services.paths.managedSettings) sets \(shown); managed settings override every other settings file and the shell.",
                                   fix: nil), at: 0)
        }

        return OfflineState(current: current, offlineChecks: offlineChecks, lines: lines, managedEnv: managedEnv, setup: setup, apiKey: apiKey)
    }

    private func report(_ lines: [Diagnosis], _ state: OfflineState, _ services: Services) throws {
        let offlineChecks = state.offlineChecks, current = state.current, managedEnv = state.managedEnv
        let failed = lines.contains { $0.severity == .failure }
        if json {
            let settings = offlineChecks.values.sorted { $0.key < $1.key }.map { key, value -> (String, JSONValue) in
                let shown = ClaudeEnv.shown(key, value.value)
                return (key, .object([("value", .string(shown)), ("source", .string(value.source.description))]))
            }
            let profiles = current.aws.profiles.map { profile in
                JSONValue.object([("name", .string(profile.name)), ("kind", .string(profile.kind.rawValue)),
                                  ("region", profile.region.map(JSONValue.string) ?? .null)])
            }
            var document: [(String, JSONValue)] = [("ok", .bool(!failed)), ("checks", .array(lines.map(\.json))), ("settings", .object(settings))]
            if !managedEnv.isEmpty {
                let values = managedEnv.map { ($0.0, JSONValue.string(ClaudeEnv.shown($0.0, $0.1))) }
                document.append(("managedSettings", .object([("path", .string(services.paths.managedSettings)), ("env", .object(values)),
                                                             ("overridesEverything", .bool(true))])))
            }
            if let refresh = offlineChecks.authRefresh {
                document.append(("awsAuthRefresh", .object([("value", .string(refresh.value)), ("source", .string(refresh.source.description))])))
            }
            document += [("awsProfiles", .array(profiles)), ("savedProfiles", .array(current.savedProfiles.map(JSONValue.string))),
                         ("activeProfile", current.activeProfileName.map(JSONValue.string) ?? .null)]
            print(jsonString(.object(document)), terminator: "")
        } else {
            let console = Console(environment: services.environment)
            for line in lines { print(console.line(line)) }
            let failures = lines.filter { $0.severity == .failure }.count, warnings = lines.filter { $0.severity == .warning }.count
            print(failed ? "\(failures) check\(failures == 1 ? "" : "s") failed\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")."
                         : "Everything checks out\(warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : "").")
        }
        if failed { throw ExitCode(Exit.checkFailed) }
    }
}
