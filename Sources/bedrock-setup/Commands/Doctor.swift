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
            Resolves every Bedrock setting the way the installed Claude Code does (`claude --version`; not installed:
            the newest rules): settings `env` blocks over the shell (managed > --settings > local > project > user), the
            AWS files as the AWS SDK for JavaScript reads them, its credential chain, its Region order and the models it
            will call (pins, or its defaults for the Region). Where the AWS CLI would do otherwise, a second line says so.
            Then (unless --offline) asks AWS: identity, ListInferenceProfiles permission, the availability of the
            primary and background models Claude Code will call, and (GetInferenceProfile) the model behind each
            application-inference-profile ARN pin, which its _NAME and _SUPPORTED_CAPABILITIES should describe. With an LLM gateway (ANTHROPIC_BEDROCK_BASE_URL) it
            also probes the gateway's address (one unauthenticated GET); a gateway that signs
            (CLAUDE_CODE_SKIP_BEDROCK_AUTH) needs nothing from AWS, so AWS is not called. With the Mantle endpoint
            (CLAUDE_CODE_USE_MANTLE) it probes the Mantle address the same way (ANTHROPIC_BEDROCK_MANTLE_BASE_URL, or
            the Region's https://bedrock-mantle.REGION.api.aws/anthropic); --offline says it was not checked. Exits 0
            only when nothing fails.

            Examples:
              bedrock-setup doctor
              bedrock-setup doctor --offline --json | jq .claudeCode
              bedrock-setup doctor --profile eu
            """)

    @Flag(
        help:
            "Print the checks, Claude Code's and the AWS CLI's view, every effective setting with its source, and every AWS profile as JSON."
    ) var json = false
    @Flag(help: "Make no network calls.") var offline = false
    @Option(help: "Check a saved profile instead of what is active now.") var profile: String?
    @Option(name: .customLong("settings"), help: "A settings file given to `claude --settings FILE`.") var settingsFile:
        String?
    @OptionGroup var network: NetworkOptions

    var runsWithoutConcurrency: Bool { offline }

    func validate() throws {
        if profile != nil, settingsFile != nil {
            throw ValidationError(
                "--profile checks a saved profile as the settings layer `claude --settings` would add, and --settings "
                    + "names that layer too: give one of them.")
        }
    }

    /// `--offline`: no network, so no concurrency runtime either (see Entry).
    func runWithoutConcurrency() throws {
        let services = network.services()
        let state = try offlineState(services)
        let pins = ARNPinReport.reports(state.view, validator: services.validator, lookups: nil, reason: "--offline")
        try report(state.lines + pins.map(\.line), state, services, pins: pins)
    }

    func run() async throws {
        let services = network.services()
        let state = try offlineState(services)
        let view = state.view
        var lines = state.lines
        // A gateway: its address is what Claude Code calls, so it is probed; one that signs needs nothing from AWS.
        if !offline, let gateway = view.value(ClaudeEnv.baseURL) {
            let timeouts = Timeouts(connect: min(5, services.timeout), total: services.timeout)
            lines.append(
                await GatewayProbe.check(
                    gateway, transport: CurlTransport(environment: services.environment),
                    timeouts: timeouts))
        }
        // The Mantle endpoint: its address is what Claude Code calls, probed the same way.
        if !offline, let mantle = Self.mantleAddress(view) {
            let timeouts = Timeouts(connect: min(5, services.timeout), total: services.timeout)
            lines.append(
                await GatewayProbe.check(
                    mantle, target: .mantle, transport: CurlTransport(environment: services.environment),
                    timeouts: timeouts))
        }
        var lookups: [PinLookup]?
        if !offline, !view.gatewaySigns, view.region != nil,
            !lines.contains(where: { $0.check == .region && $0.severity == .failure })
        {
            let checked = await online(view, services: services)
            lines += checked.lines
            lookups = checked.pins
        }
        // Application-inference-profile ARN pins: the model behind each, and whether its labels say so.
        let pins = ARNPinReport.reports(
            view, validator: services.validator, lookups: lookups,
            reason: offline ? "--offline" : "the online checks did not run")
        lines += pins.map(\.line)
        try report(lines, state, services, pins: pins)
    }

    /// With the Mantle endpoint on (CLAUDE_CODE_USE_MANTLE), the address Claude Code calls: the variable, or the
    /// Region's default.
    static func mantleAddress(_ view: ClaudeCodeView) -> String? {
        guard ["1", "true"].contains(view.value(ClaudeEnv.useMantle)?.lowercased() ?? "") else { return nil }
        return view.value(ClaudeEnv.mantleBaseURL)
            ?? view.region.map { BedrockOptions.defaultMantleBaseURL(region: $0.value) }
    }

    private struct OfflineState {
        let current: CurrentSetup
        let view: ClaudeCodeView
        let lines: [Diagnosis]
        let managedEnv: [(String, String)]
    }

    /// Everything doctor learns without the network.
    private func offlineState(_ services: Services) throws -> OfflineState {
        let savedProfiles = services.store.names()
        var extraSettings = settingsFile.map { $0.hasPrefix("/") ? $0 : services.paths.workingDirectory + "/" + $0 }
        if let name = profile {
            do throws(SetupError) {
                _ = try services.validator.profileName(name)
                let file = try ClaudeSettingsFile.read(services.paths.profileFile(name))
                guard file.json != nil else { throw SetupError.profileNotFound(name, available: savedProfiles) }
            } catch { throw fail(error) }
            // A saved profile is a settings fragment: checked as Claude Code would see it given with --settings.
            extraSettings = services.paths.profileFile(name)
        }
        let version = ClaudeCodeProbe.version(environment: services.environment)
        let context = ClaudeCodeView.Context(
            paths: services.paths, version: version, settingsFile: extraSettings, sha1Hex: Digest.sha1Hex)
        // One reading serves both, unless --settings or --profile adds a layer that today's setup must not see.
        let seen = CurrentSetup.read(context, validator: services.validator)
        let current = extraSettings == nil ? seen : services.current()
        let view = seen.claude
        var lines = view.diagnoses(validator: services.validator)
        // The addresses Claude Code sends its calls to, which only an online run probes: say so, not ✓.
        let unprobed: [(Check, String, String?)] = [
            (.gateway, ClaudeEnv.baseURL, view.value(ClaudeEnv.baseURL)),
            (.mantle, ClaudeEnv.mantleBaseURL, Self.mantleAddress(view)),
        ]
        for (check, variable, address) in unprobed where offline {
            guard let address else { continue }
            lines.append(
                Diagnosis(
                    check: check, severity: .warning, code: nil,
                    cause:
                        "\(ClaudeEnv.shown(variable, address)) was not checked (--offline); Claude Code sends its calls there.",
                    fix: nil))
        }
        let managedEnv = view.layers.first { $0.scope == .managed }?.file.env ?? []
        if !managedEnv.isEmpty {
            let shown = managedEnv.map { "\($0.0)=\(ClaudeEnv.shown($0.0, $0.1))" }.joined(separator: ", ")
            lines.insert(
                Diagnosis(
                    check: .managedSettings, severity: .ok, code: nil,
                    cause:
                        "\(services.paths.managedSettings) sets \(shown); managed settings override every other settings file and the shell.",
                    fix: nil), at: 0)
        }
        return OfflineState(current: current, view: view, lines: lines, managedEnv: managedEnv)
    }

    private func report(_ lines: [Diagnosis], _ state: OfflineState, _ services: Services, pins: [ARNPinReport])
        throws
    {
        let view = state.view
        let current = state.current
        let managedEnv = state.managedEnv
        let failed = lines.contains { $0.severity == .failure }
        if json {
            let settings = view.environment.filter { Self.reported($0.key) }.sorted { $0.key < $1.key }.map {
                key, value -> (String, JSONValue) in
                let shown = ClaudeEnv.shown(key, value.value)
                return (key, .object([("value", .string(shown)), ("source", .string(value.source.description))]))
            }
            let profiles = view.files.profiles.keys.sorted().map { name in
                JSONValue.object([
                    ("name", .string(name)),
                    ("kind", .string(current.aws.profile(name)?.kind.rawValue ?? AWSProfileKind.other.rawValue)),
                    ("region", view.files.profile(name)?.value("region").map(JSONValue.string) ?? .null),
                ])
            }
            var document: [(String, JSONValue)] = [
                ("ok", .bool(!failed)), ("claudeCode", view.json), ("awsCli", view.awsCli.json),
                ("checks", .array(lines.map(\.json))), ("settings", .object(settings)),
                ("arnPins", .array(pins.map(\.json))),
            ]
            if !managedEnv.isEmpty {
                let values = managedEnv.map { ($0.0, JSONValue.string(ClaudeEnv.shown($0.0, $0.1))) }
                document.append(
                    (
                        "managedSettings",
                        .object([
                            ("path", .string(services.paths.managedSettings)), ("env", .object(values)),
                            ("overridesEverything", .bool(true)),
                        ])
                    ))
            }
            if let refresh = view.authRefresh {
                document.append(
                    (
                        "awsAuthRefresh",
                        .object([("value", .string(refresh.value)), ("source", .string(refresh.source.description))])
                    ))
            }
            document += [
                ("awsProfiles", .array(profiles)),
                ("savedProfiles", .array(current.savedProfiles.map(JSONValue.string))),
                ("activeProfile", current.activeProfileName.map(JSONValue.string) ?? .null),
            ]
            print(jsonString(.object(document)), terminator: "")
        } else {
            let console = Console(environment: services.environment)
            for line in lines { print(console.line(line)) }
            let failures = lines.filter { $0.severity == .failure }.count
            let warnings = lines.filter { $0.severity == .warning }.count
            print(
                failed
                    ? "\(failures) check\(failures == 1 ? "" : "s") failed\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")."
                    : "Everything checks out\(warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : "")."
            )
        }
        if failed { throw ExitCode(Exit.checkFailed) }
    }

    /// The variables doctor lists with their sources: Bedrock's, AWS's, and Claude Code's own.
    static func reported(_ key: String) -> Bool {
        ClaudeEnv.owned.contains(key) || key.hasPrefix("AWS_") || key.hasPrefix("ANTHROPIC_")
            || key.hasPrefix("CLAUDE_CODE_")
    }

    /// The signed checks, with the credentials, Region and models Claude Code will use, and GetInferenceProfile
    /// for each application-inference-profile ARN pin (nil when the checks did not sign).
    func online(_ view: ClaudeCodeView, services: Services) async -> (lines: [Diagnosis], pins: [PinLookup]?) {
        guard view.credentials.ok else { return ([], nil) }
        let effective = view.environment.mapValues(\.value)
        let credentials: CredentialsMethod
        switch view.credentials.origin {
        case .apiKey: credentials = .apiKey
        case .environment: credentials = .environment
        case .profile, .credentialExport: credentials = view.credentials.mechanism == .sso ? .sso : .awsProfile
        case .skipAuth, .none:
            return (
                [
                    Diagnosis(
                        check: .onlineChecks, severity: .warning, code: nil,
                        cause:
                            "Skipped: Claude Code takes its credentials from \(view.credentials.summary), which bedrock-setup does not sign with.",
                        fix: nil)
                ], nil
            )
        }
        var setup =
            (try? SetupProfile(name: "doctor", fragmentEnv: effective.filter { !$0.value.isEmpty }, authRefresh: nil))
            ?? SetupProfile(name: "doctor", credentials: credentials, region: view.region?.value ?? "us-east-1")
        setup.credentials = credentials
        setup.awsProfile = view.credentials.profile
        setup.region = view.region?.value ?? "us-east-1"
        // The models Claude Code will call, pinned or its defaults for this version and Region.
        setup.model = view.primaryModel.value
        setup.smallFastModel = view.backgroundModel.value == view.primaryModel.value ? nil : view.backgroundModel.value
        let files =
            (try? AWSSharedFiles.read(
                paths: Paths(environment: effective, workingDirectory: services.paths.workingDirectory)))
            ?? AWSSharedFiles(
                configPath: view.files.configPath, credentialsPath: view.files.credentialsPath, config: nil,
                credentials: nil)
        let checker = SetupChecker(
            api: services.api, environment: effective, files: files, ssoCache: services.ssoCache,
            catalogue: services.catalogue,
            discovery: DiscoveryCache(paths: services.paths))
        // awsCredentialExport without awsAuthRefresh: Claude Code signs with what the command prints, and so do the checks.
        var exported: ResolvedCredentials?
        if view.credentials.origin == .credentialExport, let command = view.credentialExport?.value {
            let chain = CredentialChain(
                environment: effective, files: files, ssoCache: services.ssoCache, api: services.api,
                defaultRegion: setup.region)
            do throws(CredentialError) {
                exported = try chain.exported(by: command, acceptsFlat: view.version.follows(.flatCredentialExport))
            } catch {
                return (
                    [
                        Classifier.diagnose(
                            error,
                            context: DiagnosisContext(
                                check: .credentials, region: setup.region, awsProfile: nil,
                                modelId: nil, catalogue: services.catalogue))
                    ], nil
                )
            }
        }
        let online = await checker.verify(
            setup, secrets: Secrets(apiKey: view.value(ClaudeEnv.bearerToken)), invoke: false,
            claudeCode: view.version, resolved: exported)
        let secrets = Secrets(apiKey: view.value(ClaudeEnv.bearerToken))
        let pins = ARNPin.found(in: view.value, validator: services.validator).map {
            (variable: $0.variable, arn: $0.arn, region: $0.region)
        }
        let lookups = await checker.lookUpBackingModels(pins, of: setup, secrets: secrets, resolved: exported)
        return (online.filter { !($0.check == .credentials && $0.severity == .ok) }, lookups)
    }
}
