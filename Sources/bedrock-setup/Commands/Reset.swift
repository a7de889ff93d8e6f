import ArgumentParser
import BedrockCore
import FoundationEssentials
import Glibc

struct Reset: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Remove what bedrock-setup wrote: its keys in settings, its shell block, its env files.",
        discussion: """
            Each setting bedrock-setup wrote goes back to the value it had before bedrock-setup first set it (or goes
            away); its block leaves your shell start-up files; its env files are deleted. Everything else stays: other
            settings, edits made between runs, file modes. Backups are not needed for this, and are kept. Saved profiles
            stay (remove them with `bedrock-setup profiles delete`); keys written into ~/.aws stay.

            Examples:
              bedrock-setup reset --dry-run
              bedrock-setup reset --target shell --yes
            """)

    @OptionGroup var write: WriteOptions

    func run() throws {
        let services = Services()
        let targets = Set(write.targets.isEmpty ? ActivationTarget.allCases : write.targets)
        let changes: [FileChange]
        do throws(SetupError) { changes = try ResetPlanner(paths: services.paths).plan(targets: targets) } catch {
            throw fail(error)
        }
        let code = carryOut(
            changes, options: write.mode, secrets: [], services: services, summary: [("reset", .bool(true))])
        if code != 0 { throw ExitCode(code) }
    }
}
