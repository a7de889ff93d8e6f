import ArgumentParser
import BedrockCore
import FoundationEssentials
import Glibc
import NcursesTerminal

/// The root command; the process starts in `Entry`.
struct BedrockSetup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bedrock-setup",
        abstract: "Set up Claude Code on Amazon Bedrock, check it really works, and switch Region or model in seconds.",
        discussion: """
            With no command, starts the wizard (when standard input and output are terminals).

            Exit codes: 0 success, 1 a check failed, 64 usage error, 65 bad input data (e.g. malformed settings.json), \
            74 I/O error, 130 interrupted.
            """,
        version: "0.1.0",
        subcommands: [
            Apply.self, Doctor.self, Regions.self, Policy.self, Env.self, Profiles.self, Reset.self, PresetCommand.self,
            Login.self, ExportCredentials.self,
        ])

    @Flag(help: "Run the wizard against a built-in simulated AWS, writing only into a temporary folder.")
    var demo = false

    @Option(
        help:
            "Start the wizard from a team preset (a file or an https:// address): its answers filled in, its locked fields skipped."
    )
    var preset: String?

    @Flag(help: "With --demo: keep the demo's temporary folder instead of removing it at the end.")
    var keepDemoFiles = false

    func validate() throws {
        if keepDemoFiles, !demo {
            throw ValidationError("--keep-demo-files keeps what --demo wrote: add --demo, or drop --keep-demo-files.")
        }
        if demo, preset != nil {
            throw ValidationError(
                "--demo runs against a simulated AWS and does not read a preset: drop --preset, or drop --demo "
                    + "to start the wizard from it.")
        }
    }

    func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            printError(
                "the wizard needs a terminal; for scripts use `bedrock-setup apply` (see `bedrock-setup apply --help`)."
            )
            throw ExitCode(Exit.usage)
        }
        guard NcursesTerminal.canDrawScreens else {
            let term = ProcessInfo.processInfo.environment["TERM"].map { "TERM=\($0)" } ?? "TERM is not set, so it"
            printError(
                "this terminal (\(term)) cannot draw the wizard's screens; set TERM to your terminal (e.g. TERM=xterm-256color), "
                    + "or use `bedrock-setup apply` (see `bedrock-setup apply --help`).")
            throw ExitCode(Exit.usage)
        }
        var team: (Preset, String)?
        if let preset, !demo {
            // Read before the screen opens, so a bad preset is a plain message naming the field.
            do throws(SetupError) {
                team = (try await PresetSource.load(preset, services: Services()), PresetSource.shown(preset))
            } catch {
                throw fail(error)
            }
        }
        let code = await WizardCommand.run(demo: demo, keepDemoFiles: keepDemoFiles, preset: team)
        if code != 0 { throw ExitCode(code) }
    }
}
