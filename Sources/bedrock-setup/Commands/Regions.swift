import AWSClient
import ArgumentParser
import BedrockCore
import FoundationEssentials
import Glibc

struct Regions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "Ask every Bedrock Region at once which offer a model, and how fast each answers.",
        discussion: """
            Uses the active credentials (as `doctor` resolves them) and calls ListInferenceProfiles in every Region of
            the catalogue concurrently: the whole scan takes about as long as the slowest Region.

            Examples:
              bedrock-setup regions
              bedrock-setup regions --model anthropic.claude-opus-4-8 --json
            """)

    @Option(help: "A model ID or inference profile ID (default: the active primary model, or Claude Code's default).")
    var model: String?
    @Flag(help: "Print the result as JSON.") var json = false
    @OptionGroup var network: NetworkOptions

    func run() async throws {
        let services = network.services()
        let current = services.current()
        // The primary model Claude Code calls: the pin, or its default (newest rules) for the Region.
        let chosen = model ?? current.claude.primaryModel.value
        var setup =
            current.asProfile()
            ?? SetupProfile(name: "scan", credentials: .awsProfile, awsProfile: "default", region: "us-east-1")
        if setup.credentials.usesAWSProfile, setup.awsProfile == nil {
            setup.awsProfile = current.paths.environment["AWS_PROFILE"] ?? "default"
        }
        // The keys in the environment only where Claude Code takes them (no AWS_PROFILE).
        if current.claude.credentials.origin == .environment, setup.credentials != .apiKey {
            setup.credentials = .environment
        }
        let checker = services.checker(files: current.aws)
        let resolved: ResolvedCredentials
        switch await checker.credentials(
            for: setup, secrets: Secrets(apiKey: current.effective(ClaudeEnv.bearerToken)?.value))
        {
        case .failure(let diagnosis):
            print(Console(environment: services.environment).line(diagnosis))
            throw ExitCode(Exit.checkFailed)
        case .success(let value): resolved = value
        }
        let report = await RegionScanner(api: services.api, catalogue: services.catalogue)
            .scan(
                regions: services.catalogue.regions.map(\.name), models: [chosen], authorization: resolved.authorization
            )
        let base = Geography.leading(chosen)?.1 ?? chosen
        if json {
            let rows = report.results.map { result in
                JSONValue.object([
                    ("region", .string(result.region)),
                    ("latencyMs", result.latency.map { .number(String(Int($0 * 1000))) } ?? .null),
                    ("profile", result.offered[base].map(JSONValue.string) ?? .null),
                    ("problem", result.problem.map { .string($0.cause) } ?? .null),
                ])
            }
            let slowest = report.results.compactMap(\.latency).max() ?? 0
            print(
                jsonString(
                    .object([
                        ("model", .string(chosen)), ("wallMs", .number(String(Int(report.wallTime * 1000)))),
                        ("slowestMs", .number(String(Int(slowest * 1000)))), ("regions", .array(rows)),
                    ])), terminator: "")
            return
        }
        let console = Console(environment: services.environment)
        for result in report.results {
            let latency = result.latency.map { String(Int($0 * 1000)).leftPadded(to: 5) + " ms" } ?? "      –"
            if let problem = result.problem {
                print("\(console.paint("✗", "31")) \(result.region.padded(to: 15)) \(latency)  \(problem.cause)")
            } else if let profile = result.offered[base] {
                print("\(console.paint("✓", "32")) \(result.region.padded(to: 15)) \(latency)  \(profile)")
            } else {
                print("  \(result.region.padded(to: 15)) \(latency)  not offered")
            }
        }
        print(
            "\(report.results.filter { $0.offered[base] != nil }.count) of \(report.results.count) Regions offer \(base); the scan took \(Int(report.wallTime * 1000)) ms."
        )
    }
}
