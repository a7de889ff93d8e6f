import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// Unique canaries for every kind of secret, carried through every flow and error path with
/// the diagnostic log on: none may appear in standard output or error, the log, any
/// process's argv, the terminal's scrollback or the shell history.
@Suite("Reliability: secrets", .serialized, .timeLimit(.minutes(5)))
struct SecretCanaryTests {
    static let secretKey = "wJalrXUtnFEMI/K7MDENG+CanarySecretKey001"
    static let sessionToken = "IQoJb3JpZ2luX2VjENarySessionTokenCanary002/////wEaCXVzLWVhc3QtMSJHMEUCIQD"
    static let ssoAccessToken = "aoaAAAAAGcanarySSOAccessTokenCanary003Bsm9iS1VDRzBGMmZqU0NNSm5vY3JLUT09"
    static let apiKey = "ABSKQmVkcm9ja0FQSUtleS1DanaryApiKeyCanary004"
    static let processSecret = "credProcessSecretCanary005xxxxxxxxxxxxxxxx"
    static let canaries = [secretKey, sessionToken, ssoAccessToken, apiKey, processSecret]

    /// A canary counts if it shows whole, or all but its last four characters (a mask may show those).
    static func leaks(in text: String) -> [String] {
        canaries.filter { text.contains($0) || text.contains(String($0.dropLast(4))) }
    }

    struct Flow {
        let name: String
        let arguments: [String]
        var stdin: String = ""
        var environment: [String: String] = [:]
    }

    static let ssoConfig =
        SSOFixture.corp + """
            [profile proc]
            credential_process = \(TestPaths.repository)/Tests/ReliabilityTests/print-credentials.sh
            region = us-east-1

            """

    /// Every command, on good and bad paths, with each kind of secret in play.
    static let flows: [Flow] = {
        let keysIn = "AKIACANARYKEYID00001\n\(secretKey)\n"
        let envKeys = [
            "AWS_ACCESS_KEY_ID": "ASIACANARYKEYID00002", "AWS_SECRET_ACCESS_KEY": secretKey,
            "AWS_SESSION_TOKEN": sessionToken,
        ]
        let applyA = [
            "apply", "--credentials", "aws-profile", "--aws-profile", "dev", "--region", "us-east-1", "--write-keys",
            "--secret-from-stdin",
        ]
        let applyD = [
            "apply", "--profile-name", "key", "--credentials", "api-key", "--region", "us-west-2",
            "--secret-from-stdin",
        ]
        return [
            Flow(name: "A dry run", arguments: applyA + ["--dry-run"], stdin: keysIn),
            Flow(
                name: "A verify (keys refused)", arguments: applyA + ["--verify", "--invoke", "--yes"], stdin: keysIn),
            Flow(name: "A verify json", arguments: applyA + ["--verify", "--yes", "--json"], stdin: keysIn),
            Flow(
                name: "A write", arguments: applyA + ["--target", "user", "--target", "shell", "--yes"], stdin: keysIn),
            Flow(
                name: "A bad secret", arguments: applyA + ["--yes"],
                stdin: "AKIACANARYKEYID00001\n\(secretKey) \(secretKey)\n"),
            Flow(name: "doctor (static keys refused)", arguments: ["doctor"]),
            Flow(name: "doctor json", arguments: ["doctor", "--json"]),
            Flow(name: "doctor offline json", arguments: ["doctor", "--offline", "--json"]),
            Flow(
                name: "B verify",
                arguments: ["apply", "--credentials", "env", "--region", "eu-west-1", "--verify", "--yes"],
                environment: envKeys),
            Flow(name: "B doctor json", arguments: ["doctor", "--json"], environment: envKeys),
            Flow(name: "B regions", arguments: ["regions", "--json", "--timeout", "5"], environment: envKeys),
            Flow(name: "D dry run", arguments: applyD + ["--target", "user", "--dry-run"], stdin: apiKey + "\n"),
            Flow(
                name: "D verify and test call", arguments: applyD + ["--verify", "--invoke", "--yes"],
                stdin: apiKey + "\n"),
            Flow(
                name: "D write", arguments: applyD + ["--target", "user", "--target", "shell", "--yes", "--json"],
                stdin: apiKey + "\n"),
            Flow(name: "D malformed key", arguments: applyD + ["--yes"], stdin: "not-a-key-" + apiKey + "\n"),
            Flow(name: "D doctor", arguments: ["doctor"]),
            Flow(name: "D doctor json", arguments: ["doctor", "--json"]),
            Flow(name: "D profiles", arguments: ["profiles", "show", "key"]),
            Flow(name: "D profiles list", arguments: ["profiles", "list"]),
            Flow(name: "D policy", arguments: ["policy", "--profile", "key"]),
            Flow(name: "C SSO doctor", arguments: ["doctor", "--json"], environment: ["AWS_PROFILE": "corp"]),
            Flow(
                name: "C SSO regions", arguments: ["regions", "--timeout", "5"], environment: ["AWS_PROFILE": "corp"]),
            Flow(
                name: "C SSO apply verify",
                arguments: [
                    "apply", "--credentials", "sso", "--aws-profile", "corp", "--region", "eu-central-1",
                    "--verify", "--invoke", "--yes",
                ]),
            Flow(name: "credential_process doctor", arguments: ["doctor"], environment: ["AWS_PROFILE": "proc"]),
            Flow(name: "reset", arguments: ["reset", "--yes"]),
            Flow(
                name: "log to stderr", arguments: ["doctor", "--json"],
                environment: envKeys.merging(["BEDROCK_SETUP_LOG": "-"]) { $1 }),
        ]
    }()

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace")))
    func noCanaryInAnyOutputLogOrArgv() async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try BedrockFake()
        // The fake accepts the API key canary (a success path through InvokeModel); every
        // other canary is refused somewhere (error paths).
        try await fake.configure([
            "sso_tokens": [Self.ssoAccessToken], "bearer_tokens": [Self.apiKey],
            "sso_credentials": ["access_key_id": "ASIACANARYSSO0000003", "secret_access_key": Self.secretKey],
        ])
        let home = TestHome()
        home.write(".aws/config", Self.ssoConfig)
        home.writeSSOToken(key: "corp", token: Self.ssoAccessToken, expires: Date().addingTimeInterval(3600))
        let log = home.root + "/diagnostic.log"
        let base = home.processEnvironment.merging([
            "AWS_ENDPOINT_URL_STS": moto.url, "AWS_ENDPOINT_URL_BEDROCK": fake.url,
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": fake.url,
            "AWS_ENDPOINT_URL_SSO": fake.url, "BEDROCK_SETUP_LOG": log, "AWS_MAX_ATTEMPTS": "1",
        ]) { $1 }
        var leaks: [String] = []
        var exits: [String: Int32] = [:]
        for (index, flow) in Self.flows.enumerated() {
            let input = home.root + "/stdin-\(index)"
            let output = home.root + "/out-\(index)"
            let trace = home.root + "/trace-\(index)"
            FileManager.default.createFile(
                atPath: input, contents: Data(flow.stdin.utf8), attributes: [.posixPermissions: 0o600])
            let child = try Child(
                ["-f", "-qq", "-s", "65535", "-e", "trace=execve", "-o", trace, TestPaths.binary] + flow.arguments,
                environment: base.merging(flow.environment) { $1 }, directory: home.work, stdinPath: input,
                outputPath: output, executable: "/usr/bin/strace")
            exits[flow.name] = child.wait()
            let said = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            let argv = (try? String(contentsOfFile: trace, encoding: .utf8)) ?? ""
            #expect(argv.contains("execve("), "\(flow.name): strace saw no exec")
            leaks += Self.leaks(in: said).map { "\(flow.name): output shows \($0.prefix(12))…" }
            leaks += Self.leaks(in: argv).map { "\(flow.name): argv holds \($0.prefix(12))…" }
            #expect(!said.contains("Fatal error") && !said.contains("Segmentation"), "\(flow.name) crashed:\n\(said)")
        }
        let logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        leaks += Self.leaks(in: logged).map { "the log holds \($0.prefix(12))…" }
        #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))")

        // The flows did what they say: keys refused where the peers do not know them, files written where asked.
        #expect(exits["A verify (keys refused)"] == 1 && exits["D verify and test call"] == 0 && exits["B verify"] == 1)
        #expect(exits["A write"] == 0 && exits["D write"] == 0 && exits["reset"] == 0)
        #expect(exits["A bad secret"] == 64 && exits["D malformed key"] == 64)
        #expect(logged.split(separator: "\n").count >= 30, "the log is too quiet to prove anything:\n\(logged)")
        #expect(
            logged.contains("operation=GetRoleCredentials") && logged.contains("operation=GetCallerIdentity")
                && logged.contains("operation=InvokeModel") && logged.contains("credentials"))
        // Every file that ever held a secret was private.
        print(
            "canaries: \(Self.canaries.count) kinds × \(Self.flows.count) flows; \(logged.split(separator: "\n").count) log lines; 0 appearances"
        )
    }
}

/// The wizard with a typed API key, in a real terminal, with the log on: the key never shows
/// on screen or in the scrollback, the shell history, the log or any process's command line.
@Suite(
    "Reliability: secrets in the wizard", .serialized, .timeLimit(.minutes(3)),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
struct WizardSecretCanaryTests {
    /// Every process's argv on this machine, read from /proc.
    static func commandLines() -> String {
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).filter {
            $0.allSatisfy(\.isNumber)
        }
        return pids.compactMap { FileManager.default.contents(atPath: "/proc/\($0)/cmdline") }
            .map { String(decoding: $0.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self) }.joined(separator: "\n")
    }

    @Test func aTypedAPIKeyLeavesNoTrace() async throws {
        let key = SecretCanaryTests.apiKey
        let fake = try BedrockFake()
        try await fake.configure(["bearer_tokens": [key]])
        let home = TestHome()
        let log = home.root + "/wizard.log"
        let tmux = try TmuxSession(
            width: 80, height: 24, home: home.home,
            environment: [
                "AWS_ENDPOINT_URL_BEDROCK": fake.url, "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": fake.url,
                "BEDROCK_SETUP_LOG": log,
            ],
            directory: home.work)
        try tmux.runRecordingTTY(TestPaths.binary)
        try tmux.waitFor("Set up Claude Code on Bedrock")
        try tmux.press("Enter", "Enter")
        try tmux.waitFor("D) Bedrock API key")
        try tmux.type("d")
        try tmux.waitFor("Bedrock API key   ")
        try tmux.type(key)
        try tmux.waitFor(String(key.suffix(4)) + " ")
        var commandLines = Self.commandLines()
        var screens: [String] = []
        // Enter through every screen, keeping every frame seen and every command line running.
        for _ in 0..<20 {
            let screen = try tmux.capture()
            screens.append(screen)
            if screen.contains("Claude Code is set up") { break }
            try tmux.press("Enter")
            usleep(700_000)
            commandLines += Self.commandLines()
        }
        let done = try tmux.waitFor("Claude Code is set up")
        #expect(done.contains("Claude Code is set up on Amazon Bedrock"), "the wizard did not reach Done:\n\(done)")
        try tmux.press("Enter")
        #expect(try tmux.waitForExit(0).restored)
        let history = (try? String(contentsOfFile: tmux.folder + "/history", encoding: .utf8)) ?? ""
        let logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let scrollback = try tmux.captureHistory()
        for (place, text) in [
            ("screen", screens.joined()), ("scrollback", scrollback), ("history", history), ("log", logged),
            ("command lines", commandLines),
        ] {
            #expect(SecretCanaryTests.leaks(in: text).isEmpty, "the API key shows in the \(place)")
        }
        #expect(logged.contains("operation=ListInferenceProfiles") && logged.contains("Bedrock API key ****"))
        // It was written where it belongs, privately.
        #expect(home.read(".claude/settings.json")?.contains(key) == true)
        #expect(home.mode(".claude/settings.json") == 0o600)
    }
}
