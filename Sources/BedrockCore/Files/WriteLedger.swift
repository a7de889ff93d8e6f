import FoundationEssentials
import Glibc

/// What the tool owns in a file it writes, which decides what the ledger records and what
/// `reset` may take away.
public enum Ownership: String, Sendable, Equatable {
    /// A Claude settings file: the tool owns its `env` keys (`ClaudeEnv.owned`) and `awsAuthRefresh` (and records an
    /// `awsCredentialExport` it removed).
    case settingsKeys
    /// A shell start-up file: the tool owns its marked block and nothing else.
    case shellBlock
    /// A file only the tool writes (env.sh, env.fish, the fish conf.d file).
    case wholeFile
    /// Written, but not the tool's to take back (saved profiles, `~/.aws`, git's exclude file).
    case none
    /// The tool gives the file back (`reset`): the ledger forgets it.
    case released
}

/// What the tool has written where, so that `reset` puts back exactly what was there before:
/// for each file, whether the tool created it, its mode then, the backup of its first version,
/// and the value every owned key had before the tool first set it. The originals are recorded
/// once, at the first write that touches them, and never overwritten by later runs.
public struct WriteLedger: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var ownership: Ownership
        /// The file did not exist before the tool first wrote it.
        public var created: Bool
        /// Its mode before the tool first wrote it.
        public var originalMode: mode_t?
        /// The backup of the file before the tool first wrote it; nil when it did not exist.
        public var pristineBackup: String?
        /// Owned key (`env.NAME`, `awsAuthRefresh`, a removed `awsCredentialExport`) → its value before the tool
        /// first set it;
        /// a nil value: the key was absent.
        public var originals: [String: JSONValue?]
        /// FNV-1a of what the tool last wrote: change detection, not security.
        public var writtenHash: String

        public init(
            ownership: Ownership, created: Bool, originalMode: mode_t?, pristineBackup: String?,
            originals: [String: JSONValue?] = [:], writtenHash: String
        ) {
            self.ownership = ownership
            self.created = created
            self.originalMode = originalMode
            self.pristineBackup = pristineBackup
            self.originals = originals
            self.writtenHash = writtenHash
        }
    }

    public var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) { self.entries = entries }

    public static func load(_ path: String) -> WriteLedger {
        guard let text = (try? TextFile.read(path)) ?? nil, let json = try? JSONParser.parse(text),
            case .object(let files)? = json["files"]
        else {
            return WriteLedger()
        }
        var entries: [String: Entry] = [:]
        for (file, value) in files {
            guard let hash = value["written"]?.stringValue else { continue }
            let pristine = value["pristine"]?.stringValue
            var originals: [String: JSONValue?] = [:]
            if case .object(let keys)? = value["originals"] {
                for (key, record) in keys { originals[key] = record["was"] }
            }
            // A ledger from before ownership was recorded: every entry was a file the tool wrote.
            let ownership = value["ownership"]?.stringValue.flatMap(Ownership.init(rawValue:)) ?? .settingsKeys
            let created = value["created"].map { $0 == .bool(true) } ?? (pristine == nil)
            let mode = value["mode"]?.stringValue.flatMap { mode_t($0, radix: 8) }
            entries[file] = Entry(
                ownership: ownership, created: created, originalMode: mode, pristineBackup: pristine,
                originals: originals, writtenHash: hash)
        }
        return WriteLedger(entries: entries)
    }

    public var text: String {
        let files = entries.sorted { $0.key < $1.key }.map { key, entry -> (String, JSONValue) in
            var members: [(String, JSONValue)] = [
                ("ownership", .string(entry.ownership.rawValue)), ("created", .bool(entry.created)),
            ]
            if let mode = entry.originalMode { members.append(("mode", .string(String(mode, radix: 8)))) }
            members.append(("pristine", entry.pristineBackup.map(JSONValue.string) ?? .null))
            if !entry.originals.isEmpty {
                members.append(
                    (
                        "originals",
                        .object(
                            entry.originals.sorted { $0.key < $1.key }.map { name, was in
                                (name, .object(was.map { [("was", $0)] } ?? []))
                            })
                    ))
            }
            members.append(("written", .string(entry.writtenHash)))
            return (key, .object(members))
        }
        return JSONValue.object([("version", .number("2")), ("files", .object(files))]).serialized()
    }

    /// Records one committed change. `originalMode` is the file's mode before this write.
    public mutating func record(_ change: FileChange, backup: String?, originalMode: mode_t?) {
        guard change.ownership != .none else { return }
        guard let written = change.new, change.ownership != .released else {
            entries[change.path] = nil
            return
        }
        // A file the tool creates is new, whatever was recorded of an earlier one (deleted since).
        var entry =
            (change.old == nil ? nil : entries[change.path])
            ?? Entry(
                ownership: change.ownership, created: change.old == nil, originalMode: originalMode,
                pristineBackup: change.old == nil ? nil : backup, writtenHash: "")
        if change.ownership == .settingsKeys {
            let old = SettingsMerge.ownedValues(in: change.old)
            let new = SettingsMerge.ownedValues(in: written)
            // The first write that touches a key keeps its value from before; later ones never do.
            for key in Set(old.keys).union(new.keys) where !entry.originals.keys.contains(key) {
                entry.originals[key] = .some(old[key])
            }
            // `awsCredentialExport` is not the tool's, but Review's `x` (`--remove-credential-export`) takes it
            // away: recorded like an owned key, so that `reset` puts it back.
            if let export = SettingsMerge.removedCredentialExport(old: change.old, new: written),
                !entry.originals.keys.contains(ClaudeEnv.credentialExportKey)
            {
                entry.originals[ClaudeEnv.credentialExportKey] = .some(export)
            }
        }
        entry.writtenHash = Self.hash(written)
        entries[change.path] = entry
    }

    public func isUntouched(path: String, current: String?) -> Bool {
        guard let entry = entries[path], let current else { return false }
        return entry.writtenHash == Self.hash(current)
    }

    public static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        return String(value, radix: 16)
    }
}
