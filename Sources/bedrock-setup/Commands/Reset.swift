import ArgumentParser
import BedrockCore
import FoundationEssentials
import Glibc

struct Reset: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove what bedrock-setup wrote: its keys in settings, its shell block, its env files.",
        discussion: """
        A file nobody has touched since bedrock-setup wrote it is put back exactly as it was before the first write;
        one edited since keeps every edit and loses only bedrock-setup's keys and block. Saved profiles stay
        (remove them with `bedrock-setup profiles delete`). Backups are kept.

        Examples:
          bedrock-setup reset --dry-run
          bedrock-setup reset --target shell --yes
        """)

    @OptionGroup var write: WriteOptions

    func run() throws {
        let services = Services()
        let targets = Set(write.targets.isEmpty ? ActivationTarget.allCases : write.targets)
        let ledger = WriteLedger.load(services.paths.stateFile)
        var changes: [FileChange] = []
        do throws(SetupError) {
            func restore(_ path: String, label: String, secret: Bool, surgical: (String) throws(SetupError) -> String?) throws(SetupError) {
                guard let current = try TextFile.read(path) else { return }
                if ledger.isUntouched(path: path, current: current), let entry = ledger.entries[path] {
                    let pristine = try entry.pristineBackup.flatMap { (backup) throws(SetupError) in try TextFile.read(backup) }
                    changes.append(FileChange(path: path, label: label, old: current, new: pristine, holdsSecret: secret))
                } else {
                    changes.append(FileChange(path: path, label: label, old: current, new: try surgical(current), holdsSecret: secret))
                }
            }
            for (target, path) in [(ActivationTarget.user, services.paths.userSettings), (.project, services.paths.localSettings)] where targets.contains(target) {
                try restore(path, label: target.label, secret: true) { (text) throws(SetupError) in
                    let json = try ClaudeSettingsFile.read(path).json ?? .object([])
                    return SettingsMerge.text(SettingsMerge.remove(from: json), like: text)
                }
            }
            if targets.contains(.shell) {
                for path in [services.paths.envSh, services.paths.envFish, services.paths.fishConfD] {
                    if let text = try TextFile.read(path) {
                        changes.append(FileChange(path: path, label: PathText.lastComponent(path), old: text, new: nil, holdsSecret: true))
                    }
                }
                for path in [services.paths.bashrc, services.paths.zshrc] {
                    try restore(path, label: PathText.lastComponent(path), secret: false) { (text) throws(SetupError) in RCBlock.remove(from: text) }
                }
            }
        } catch { throw fail(error) }
        let code = carryOut(changes, options: write.mode, secrets: [], services: services, summary: [("reset", .bool(true))])
        if code != 0 { throw ExitCode(code) }
    }
}
