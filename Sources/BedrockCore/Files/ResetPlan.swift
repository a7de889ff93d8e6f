import FoundationEssentials

/// What `reset` changes: only what the tool itself wrote, from the ledger. Each key the tool set
/// in a settings file goes back to its value from before the tool first set it (or goes away);
/// the tool's exact block leaves the shell start-up files; its own env files are deleted.
/// Everything else stays: other keys, the user's edits made between runs, the mode. A file goes
/// back to its first backup's exact bytes only when that says the same as the key-by-key result,
/// and is deleted only when the tool created it and nothing but the tool's is in it. Backups
/// are never needed: reset works the same when they are gone.
public struct ResetPlanner: Sendable {
    public let paths: Paths

    public init(paths: Paths) { self.paths = paths }

    public func plan(targets: Set<ActivationTarget>) throws(SetupError) -> [FileChange] {
        let ledger = WriteLedger.load(paths.stateFile)
        var changes: [FileChange] = []
        let settings = [
            (ActivationTarget.user, paths.userSettings), (.project, paths.localSettings),
            (.managed, paths.managedSettings),
        ]
        for (target, path) in settings where targets.contains(target) {
            guard let change = try settingsChange(path, label: target.label, entry: ledger.entries[path]) else {
                continue
            }
            // Managed settings are the machine's: without the rights, say so before any diff.
            if target == .managed { try ActivationPlanner.checkAdministratorCanWrite(path) }
            changes.append(change)
        }
        if targets.contains(.shell) {
            for path in [paths.envSh, paths.envFish, paths.fishConfD] {
                if let text = try TextFile.read(path) {
                    changes.append(
                        FileChange(
                            path: path, label: PathText.lastComponent(path), old: text, new: nil,
                            holdsSecret: true, ownership: .released))
                }
            }
            for path in [paths.bashrc, paths.zshrc] {
                guard let text = try TextFile.read(path) else { continue }
                let entry = ledger.entries[path]
                var new: String? = RCBlock.remove(from: text)
                if new == text { continue }
                // A file the tool created and nobody added to goes away again.
                if entry?.created == true, new?.trimmingWhitespace().isEmpty == true { new = nil }
                changes.append(
                    FileChange(
                        path: path, label: PathText.lastComponent(path), old: text, new: new,
                        holdsSecret: false, ownership: .released))
            }
        }
        return changes
    }

    func settingsChange(_ path: String, label: String, entry: WriteLedger.Entry?) throws(SetupError) -> FileChange? {
        // A settings file the ledger does not know, the tool never wrote: nothing of it is the tool's.
        guard let entry else { return nil }
        let file = try ClaudeSettingsFile.read(path)
        guard let current = file.originalText, let json = file.json else { return nil }
        // Keys the ledger recorded go back to their originals; a ledger from an older version
        // recorded none, and then the tool's keys are removed.
        let restored =
            entry.originals.isEmpty
            ? SettingsMerge.remove(from: json) : SettingsMerge.restore(entry.originals, in: json)
        if restored == json { return nil }
        let holdsSecret = (restored["env"].map { env in ClaudeEnv.secretKeys.contains { env[$0] != nil } } ?? false)
        var new: String? = SettingsMerge.text(restored, like: current)
        // A file the tool created goes away when nothing but the tool's is left (the `$schema` it started the file with included).
        if entry.created, restored.setting(ClaudeEnv.schemaKey, to: nil) == .object([]) {
            new = nil
        } else if let backup = entry.pristineBackup, let pristine = try? TextFile.read(backup),
            let original = try? JSONParser.parse(pristine), original.sameContent(as: restored)
        {
            // Says the same as the original: give back its exact bytes.
            new = pristine
        }
        // The mode goes back too (a 0644 file the tool tightened for a key is 0644 again), unless a secret stays.
        let mode = holdsSecret ? nil : entry.originalMode
        return FileChange(
            path: path, label: label, old: current, new: new, holdsSecret: holdsSecret, mode: mode, ownership: .released
        )
    }
}
