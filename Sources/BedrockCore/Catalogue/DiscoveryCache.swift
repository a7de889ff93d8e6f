import FoundationEssentials
import Glibc

/// What a live `ListInferenceProfiles` in one Region answered, remembered so that the next
/// offline run trusts it before the bundled list (and says how old it is).
public struct DiscoverySnapshot: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
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

    public func entry(for identifier: String) -> Entry? {
        profiles.first { $0.id == identifier || $0.arn == identifier }
    }

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
            data.count < 4 << 20, let json = try? JSONParser.parse(String(decoding: data, as: UTF8.self)),
            let snapshot = DiscoverySnapshot(json: json), snapshot.region == region
        else { return nil }
        return snapshot
    }

    /// Replaces the Region's file atomically (a reader sees the old or the new answer, never half),
    /// with the writer's care: folders with explicit modes, and a root run in a user's HOME leaves
    /// them and the file owned like the folder they land in (else the user's own runs could never
    /// refresh it, and the policy would follow a stale discovery for ever).
    public func save(_ snapshot: DiscoverySnapshot) throws(SetupError) {
        guard let path = file(snapshot.region) else { return }
        try FileWriter.makeFolder(directory)
        try FileWriter.atomicWrite(snapshot.json.serialized() + "\n", to: path, mode: 0o644)
    }
}

// The file's JSON, read and written with the core's parser (JSONDecoder's first dynamic casts would cost an
// offline doctor a quarter of its start-up; docs/benchmarks.md). The shape is the one JSONEncoder wrote before.
extension DiscoverySnapshot {
    init?(json: JSONValue) {
        guard let region = json["region"]?.stringValue, let fetched = json["fetchedAt"]?.stringValue,
            let fetchedAt = TimeText.parseISO8601(fetched), case .array(let items)? = json["profiles"]
        else { return nil }
        var profiles: [Entry] = []
        for item in items {
            guard let id = item["id"]?.stringValue, let arn = item["arn"]?.stringValue,
                let type = item["type"]?.stringValue,
                case .array(let arns)? = item["modelArns"]
            else { return nil }
            let modelArns = arns.compactMap(\.stringValue)
            guard modelArns.count == arns.count else { return nil }
            profiles.append(Entry(id: id, arn: arn, type: type, modelArns: modelArns))
        }
        self.init(region: region, fetchedAt: fetchedAt, profiles: profiles)
    }

    var json: JSONValue {
        .object([
            ("fetchedAt", .string(TimeText.iso8601(fetchedAt))),
            (
                "profiles",
                .array(
                    profiles.map { entry in
                        .object([
                            ("arn", .string(entry.arn)), ("id", .string(entry.id)),
                            ("modelArns", .array(entry.modelArns.map(JSONValue.string))),
                            ("type", .string(entry.type)),
                        ])
                    })
            ),
            ("region", .string(region)),
        ])
    }
}
