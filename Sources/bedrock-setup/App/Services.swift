import AWSClient
import BedrockCore
import FoundationEssentials
import Glibc

/// The real adapters, wired once: every command and the wizard take what they need from here.
struct Services {
    let environment: [String: String]
    let paths: Paths
    /// Seconds to wait for one AWS answer (`--timeout`); connecting gets at most 5 of them.
    let timeout: TimeInterval

    init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath, timeout: TimeInterval = 20
    ) {
        _ = DiagnosticLog.installed
        self.environment = environment
        self.timeout = timeout
        paths = Paths(environment: environment, workingDirectory: workingDirectory)
    }

    // Built when first asked for: the catalogue is parsed once, and only by commands that use it.
    var catalogue: Catalogue { .bundled }
    var validator: Validator { Validator(catalogue: catalogue, discovery: DiscoveryCache(paths: paths)) }

    /// Today's setup, as Claude Code `version` sees it (nil: the newest rules; only the commands
    /// that report Claude Code's view run `claude --version`).
    func current(claudeCode version: ClaudeCodeVersion? = nil) -> CurrentSetup {
        CurrentSetup.read(paths: paths, version: version, sha1Hex: Digest.sha1Hex)
    }

    /// The saved profile `name` (validated), or today's setup when no name is given; nil when nothing is set up.
    func setup(named name: String?) throws(SetupError) -> SetupProfile? {
        guard let name else { return current().asProfile() }
        _ = try validator.profileName(name)
        return try store.load(name).profile
    }
    var ssoCache: SSOTokenCache { SSOTokenCache(directory: paths.ssoCacheDirectory, sha1Hex: Digest.sha1Hex) }
    var writer: FileWriter { FileWriter(paths: paths) }
    var planner: ActivationPlanner { ActivationPlanner(paths: paths) }
    var store: ProfileStore { ProfileStore(paths: paths) }

    /// A new client for each use; its libcurl transport loads libcurl and starts its thread only
    /// on the first request, so building one costs nothing for commands that never call AWS.
    var api: AWSAPI {
        // AWS_MAX_ATTEMPTS is the SDKs' own setting for attempts per call (first try included).
        let attempts = environment["AWS_MAX_ATTEMPTS"].flatMap(Int.init).map { max(1, min($0, 10)) } ?? 3
        return AWSAPI(
            caller: AWSCaller(
                transport: CurlTransport(environment: environment), endpoints: Endpoints(environment: environment),
                timeouts: Timeouts(connect: min(5, timeout), total: timeout), maxAttempts: attempts))
    }

    func checker(files: AWSSharedFiles) -> SetupChecker {
        SetupChecker(
            api: api, environment: environment, files: files, ssoCache: ssoCache, catalogue: catalogue,
            discovery: DiscoveryCache(paths: paths))
    }
}
