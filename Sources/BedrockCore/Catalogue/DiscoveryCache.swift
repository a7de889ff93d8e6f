import FoundationEssentials
import Glibc

/// What a live `ListInferenceProfiles` in one Region answered, remembered so that the next
/// offline run trusts it before the bundled list (and says how old it is).
public struct DiscoverySnapshot: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public let id: String
        public let arn: String
        /// `SYSTEM_DEFINED` or `APPLICATION`.
        public let type: String
        /// The foundation-model ARNs the profile routes to (its destinations).
        public let modelArns: [String]

        public init(id: String, arn: String, type: String, modelArns: [String]) {
            self.id = id
            self.arn = arn
            self.type = type
            self.modelArns = modelArns
        }
    }

    public let region: String
    public let fetchedAt: Date
    public let profiles: [Entry]

    public init(region: String, fetchedAt: Date, profiles: [Entry]) {
        self.region = region
        self.fetchedAt = fetchedAt
        self.profiles = profiles
    }

    public func entry(for identifier: String) -> Entry? { profiles.first { $0.id == identifier || $0.arn == identifier } }

    /// "2026-11-23, 3 days ago".
    public func age(now: Date) -> String {
        let days = Int(now.timeIntervalSince(fetchedAt) / 86_400)
        let ago = days <= 0 ? "today" : days == 1 ? "1 day ago" : "\(days) days ago"
        return "\(TimeText.format(fetchedAt, "%Y-%m-%d", utc: true)), \(ago)"
    }
}

/// One JSON file per Region under `$XDG_CACHE_HOME/bedrock-setup/discovery/`. A cache: a
/// missing, unreadable or foreign file is simply not used.
public struct DiscoveryCache: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }
    public init(paths: Paths) { self.init(directory: paths.discoveryDirectory) }

    /// Only a well-formed Region name becomes a file name (no `/`, no `..`).
    func file(_ region: String) -> String? {
        Validator.isRegionName(region) ? directory + "/\(region).json" : nil
    }

    public func load(region: String) -> DiscoverySnapshot? {
        guard let path = file(region), let data = FileManager.default.contents(atPath: path),
              data.count < 4 << 20 else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let snapshot = try? decoder.decode(DiscoverySnapshot.self, from: data), snapshot.region == region else { return nil }
        return snapshot
    }

    /// Replaces the Region's file atomically (a reader sees the old or the new answer, never half),
    /// with the writer's care: folders with explicit modes, and a root run in a user's HOME leaves
    /// them and the file owned like the folder they land in (else the user's own runs could never
    /// refresh it, and the policy would follow a stale discovery for ever).
    public func save(_ snapshot: DiscoverySnapshot) throws(SetupError) {
        guard let path = file(snapshot.region) else { return }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(snapshot) else { return }
        try FileWriter.makeFolder(directory)
        try FileWriter.atomicWrite(String(decoding: data, as: UTF8.self), to: path, mode: 0o644)
    }
}
