import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import bedrock_setup

/// Start-up does only what the command needs (issue 16, docs/benchmarks.md): commands that make no
/// network call start no thread and never load libcurl (whose ~30 libraries cost more than the
/// rest of the start), and the bundled catalogue is read from the binary, not from a file.
/// Structural, so deterministic: strace records what the process did; nothing here is timed.
@Suite(
    "CLI: start-up does only what the command needs", .serialized, .timeLimit(.minutes(3)),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace")))
struct StartupTests {
    struct Trace {
        let status: Int32
        let calls: [String]
        var threadsStarted: Int { calls.filter { $0.contains("clone(") || $0.contains("clone3(") }.count }
        var loadedLibcurl: Bool { loaded("libcurl.so") }
        var loadedLibcrypto: Bool { loaded("libcrypto.so") }
        var loadedLibqrencode: Bool { loaded("libqrencode.so") }
        func loaded(_ library: String) -> Bool {
            calls.contains { $0.contains("openat(") && $0.contains(library) && !$0.contains("ENOENT") }
        }
        var openedCatalogueFile: Bool { calls.contains { $0.contains("openat(") && $0.contains("catalogue.json") } }
    }

    /// Runs the binary under `strace -f`, recording thread creation and every file it opens.
    func traced(_ arguments: [String], in home: TestHome) throws -> Trace {
        let log = home.root + "/strace-\(UUID().uuidString).log"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
        process.arguments = ["-f", "-qq", "-e", "trace=clone,clone3,openat", "-o", log, TestPaths.binary] + arguments
        process.environment = home.processEnvironment
        process.currentDirectoryURL = URL(fileURLWithPath: home.work)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = try String(contentsOfFile: log, encoding: .utf8)
        return Trace(status: process.terminationStatus, calls: text.split(separator: "\n").map(String.init))
    }

    func configuredHome() -> TestHome {
        let home = TestHome()
        home.write(
            ".aws/credentials",
            "[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
            mode: 0o600)
        home.write(".aws/config", "[profile dev]\nregion = us-east-1\n")
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "dev", "ANTHROPIC_MODEL": "us.anthropic.claude-sonnet-4-5-20250929-v1:0"}}"#
        )
        return home
    }

    @Test(arguments: [
        ["--version"], ["--help"], ["doctor", "--offline"], ["doctor", "--offline", "--json"], ["policy"], ["profiles"],
        ["env", "nosuchprofile"], ["doctor", "--help"], ["login", "--help"],
    ])
    func offlineCommandsStartNoThreadAndNeverLoadLibcurl(arguments: [String]) throws {
        let home = configuredHome()
        let trace = try traced(arguments, in: home)
        #expect(trace.calls.contains { $0.contains("execve") || $0.contains("openat(") }, "strace recorded nothing")
        #expect(
            trace.threadsStarted == 0,
            "\(arguments) started threads:\n\(trace.calls.filter { $0.contains("clone") }.joined(separator: "\n"))")
        #expect(!trace.loadedLibcurl, "\(arguments) loaded libcurl")
        #expect(!trace.loadedLibqrencode, "\(arguments) loaded libqrencode")
        #expect(!trace.loadedLibcrypto, "\(arguments) loaded libcrypto, though it signs nothing")
        #expect(!trace.openedCatalogueFile)
        if arguments != ["env", "nosuchprofile"] { #expect(trace.status == 0, "\(arguments) exited \(trace.status)") }
    }

    /// The control: a command that calls AWS does load libcurl and start its threads, so the
    /// absence above is the code's doing, not the trace's.
    @Test func doctorOnlineLoadsLibcurlWhenItCalls() async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        let home = TestHome.bedrockSetup(
            moto: moto, bedrock: fake.url, model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0")
        let trace = try traced(["doctor"], in: home)
        #expect(trace.status == 0)
        #expect(trace.loadedLibcurl)
        #expect(trace.loadedLibcrypto)
        #expect(trace.threadsStarted > 0)
    }

    /// A command without its own `commandName` is named from its type with `String(describing:)`, whose
    /// first dynamic casts cost 10 M instructions, half of `--version` (docs/benchmarks.md); every run
    /// builds the whole command tree, so one unnamed command costs every command that.
    @Test func everyCommandNamesItself() {
        func unnamed(_ command: ParsableCommand.Type) -> [String] {
            (command.configuration.commandName == nil ? ["\(command)"] : [])
                + command.configuration.subcommands.flatMap(unnamed)
        }
        #expect(unnamed(BedrockSetup.self) == [])
    }
}
