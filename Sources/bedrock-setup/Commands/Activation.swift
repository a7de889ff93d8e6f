import AWSClient
import ArgumentParser
import BedrockCore
import FoundationEssentials
import Glibc

/// Options shared by every command that writes: targets, dry run, confirmation, JSON output.
struct WriteOptions: ParsableArguments {
    @Option(
        name: .customLong("target"),
        help:
            "Where to activate: user (Claude Code user settings), project (.claude/settings.local.json here), shell (env.sh and a block in ~/.bashrc / ~/.zshrc / fish), managed (Claude Code's managed-settings.json for every user of the machine, as root; BEDROCK_SETUP_MANAGED_SETTINGS moves it). Repeat for several."
    )
    var targets: [ActivationTarget] = []

    @Flag(help: "Print the diff of every file and write nothing.")
    var dryRun = false

    @Flag(name: [.customShort("y"), .long], help: "Write without asking.")
    var yes = false

    @Flag(help: "Print the result as JSON on standard output.")
    var json = false

    var mode: WriteMode { WriteMode(dryRun: dryRun, yes: yes, json: json) }
}

/// Options shared by every command that asks AWS: how long to wait for an answer.
struct NetworkOptions: ParsableArguments {
    @Option(help: "Seconds to wait for each AWS answer.") var timeout: Double = 20

    func validate() throws {
        guard timeout > 0, timeout <= 600 else {
            throw ValidationError("--timeout takes seconds between 0 and 600, e.g. --timeout 5.")
        }
    }

    func services() -> Services { Services(timeout: timeout) }
}

/// How to carry out a plan, apart from the parsed options (which cannot be built by hand).
struct WriteMode {
    var dryRun = false
    var yes = false
    var json = false
}

extension ActivationTarget: ExpressibleByArgument {}
extension CredentialsMethod: ExpressibleByArgument {}
extension Shell: ExpressibleByArgument {}

/// Shows the plan, asks (unless --yes), writes through the one file writer, reports.
/// Returns the exit code; nothing is written on any path that does not reach `apply`.
func carryOut(
    _ changes: [FileChange], options: WriteMode, secrets: [String], services: Services, summary: [(String, JSONValue)]
) -> Int32 {
    let console = Console(environment: services.environment)
    let pending = changes.filter { !$0.isNoOp }
    if options.dryRun || !options.json {
        let diffs = pending.map { $0.diff(redacting: secrets) }.joined(separator: "\n")
        if options.json && options.dryRun {
            let files = pending.map {
                JSONValue.object([
                    ("path", .string($0.path)), ("label", .string($0.label)),
                    ("diff", .string($0.diff(redacting: secrets))),
                ])
            }
            print(jsonString(.object(summary + [("dryRun", .bool(true)), ("changes", .array(files))])), terminator: "")
            return 0
        }
        if pending.isEmpty {
            print("Nothing to change: every file already matches.")
        } else {
            print(console.color ? colorizeDiff(diffs) : diffs, terminator: diffs.hasSuffix("\n") ? "" : "\n")
        }
        if options.dryRun { return 0 }
    }
    if pending.isEmpty {
        // Still sweeps what a killed run may have left beside these files.
        _ = try? services.writer.apply(changes)
        if options.json { print(jsonString(.object(summary + [("changes", .array([]))])), terminator: "") }
        return 0
    }
    if !options.yes {
        guard isatty(STDIN_FILENO) == 1 else {
            printError("standard input is not a terminal, so nothing was written; add --yes to write without asking.")
            return Exit.usage
        }
        guard confirm("Write \(pending.count) file\(pending.count == 1 ? "" : "s")?") else {
            printError("nothing was written.")
            return 0
        }
    }
    let reports: [WriteReport]
    do { reports = try services.writer.apply(changes) } catch { return fail(error).rawValue }
    if options.json {
        let files = reports.map { report in
            JSONValue.object([
                ("path", .string(report.path)), ("label", .string(report.label)),
                ("action", .string(report.deleted ? "deleted" : report.created ? "created" : "updated")),
                ("backup", report.backup.map(JSONValue.string) ?? .null),
            ])
        }
        print(jsonString(.object(summary + [("changes", .array(files))])), terminator: "")
    } else {
        for report in reports {
            let action = report.deleted ? "deleted" : report.created ? "created" : "updated"
            print(
                "\(console.paint("✓", "32")) \(action) "
                    + TerminalText.visible(report.path + (report.backup.map { " (backup: \($0))" } ?? "")))
        }
    }
    return 0
}

func colorizeDiff(_ diff: String) -> String {
    diff.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        if line.hasPrefix("+++") || line.hasPrefix("---") { return "\u{1B}[1m\(line)\u{1B}[0m" }
        if line.hasPrefix("+") { return "\u{1B}[32m\(line)\u{1B}[0m" }
        if line.hasPrefix("-") { return "\u{1B}[31m\(line)\u{1B}[0m" }
        if line.hasPrefix("@@") { return "\u{1B}[36m\(line)\u{1B}[0m" }
        return String(line)
    }.joined(separator: "\n")
}
