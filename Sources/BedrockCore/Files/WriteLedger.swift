import FoundationEssentials
import Glibc

/// What the tool has written where, so `reset` can put a file back exactly as it was before
/// the first write when nobody has touched it since, and edit surgically when someone has.
public struct WriteLedger: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// The backup of the file before the tool first wrote it; nil when it did not exist.
        public var pristineBackup: String?
        /// FNV-1a of what the tool last wrote: change detection, not security.
        public var writtenHash: String
    }

    public var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) { self.entries = entries }

    public static func load(_ path: String) -> WriteLedger {
        guard let text = (try? TextFile.read(path)) ?? nil, let json = try? JSONParser.parse(text), case .object(let files)? = json["files"] else {
            return WriteLedger()
        }
        var entries: [String: Entry] = [:]
        for (file, value) in files {
            guard let hash = value["written"]?.stringValue else { continue }
            entries[file] = Entry(pristineBackup: value["pristine"]?.stringValue, writtenHash: hash)
        }
        return WriteLedger(entries: entries)
    }

    public var text: String {
        let files = entries.sorted { $0.key < $1.key }.map { key, entry -> (String, JSONValue) in
            (key, .object([("pristine", entry.pristineBackup.map(JSONValue.string) ?? .null), ("written", .string(entry.writtenHash))]))
        }
        return JSONValue.object([("files", .object(files))]).serialized()
    }

    public mutating func record(path: String, backup: String?, created: Bool, written: String?) {
        guard let written else {
            entries[path] = nil
            return
        }
        if var entry = entries[path] {
            entry.writtenHash = Self.hash(written)
            entries[path] = entry
        } else {
            entries[path] = Entry(pristineBackup: created ? nil : backup, writtenHash: Self.hash(written))
        }
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
