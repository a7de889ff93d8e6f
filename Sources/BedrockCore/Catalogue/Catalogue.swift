import FoundationEssentials
import Glibc

/// Where a model stands in Bedrock's lifecycle, and so what the tool does with a pin of it.
public enum Lifecycle: String, Sendable, CaseIterable {
    /// Offered and current.
    case active
    /// Callable only by accounts that used it in the last 15 days: a warning.
    case legacy
    /// Announced for retirement: a warning naming the successor.
    case deprecated
    /// Fails at call time: refused, with the successor offered.
    case retired
}

/// What Claude Code's `[1m]` suffix means for a model (model-config docs).
public enum LongContext: String, Sendable {
    /// `[1m]` selects the 1M-token context (Opus 4.6 and later, Sonnet 4.6).
    case suffix
    /// The model has a 1M context already (Sonnet 5); the suffix changes nothing.
    case native
    /// Claude Code ignores the suffix for this model (Fable).
    case ignored
    /// The sources do not say; accepted with a warning.
    case unknown
    /// No 1M context: the suffix is refused.
    case none
}

/// The bundled, offline list of Regions, Claude models and their inference profiles.
/// A fallback: live `ListInferenceProfiles` answers win wherever they exist.
public struct Catalogue: Sendable {
    public struct RegionInfo: Sendable, Equatable {
        public let name: String
        public let place: String
        public var partition: Partition { Partition(region: name) }
    }

    public struct Profile: Sendable, Equatable {
        public let id: String
        public let geography: Geography
        public let modelKey: String
        public let modelName: String
        public let baseModelId: String
        public let sources: [String]
        /// nil: every commercial Region (global profiles).
        public let destinations: [String]?
    }

    public struct Model: Sendable, Equatable {
        public let key: String
        public let name: String
        public let baseModelId: String
        public let tier: String
        public let lifecycle: Lifecycle
        /// Where the lifecycle state comes from, for messages.
        public let lifecycleSource: String?
        public let released: String?
        public let longContext: LongContext
        /// What Claude Code's own name-based rules give the model (`_SUPPORTED_CAPABILITIES`), written
        /// for an application-inference-profile ARN pin it backs; empty for older models.
        public let capabilities: [ModelCapability]
        /// Empty for older models that the bundled list knows only by name and state.
        public let profiles: [Profile]
    }

    /// The date of the newest facts in the bundled list, shown wherever it is used.
    public let asOf: String
    public let snapshot: String
    public let regions: [RegionInfo]
    /// Every model the list knows, newest first; older ones without profiles last.
    public let models: [Model]
    public let preference: [String: [String]]
    public let claudeCodeDefaultModel: String
    /// Every Region's usable profiles, newest model first, worked out once: the Region screen asks for
    /// each of its 34 rows on every frame (docs/benchmarks.md).
    private let usable: [String: [Profile]]
    /// Without repeats; an array, not a `Set`: a set of a new element type costs a scan of every protocol
    /// conformance in the binary on first use (docs/benchmarks.md), for a list of at most seven.
    private let usableGeographies: [String: [Geography]]

    /// Resources/catalogue.json, compiled into the binary (no file to find at run time), parsed on
    /// first use and once per process: commands that need no catalogue never parse it.
    public static let bundled: Catalogue = {
        do { return try Catalogue(json: EmbeddedCatalogue.text) } catch {
            fatalError("The bundled catalogue.json cannot be read: \(error)")
        }
    }()

    /// Read with the core's own JSON parser rather than `JSONDecoder`, whose first dynamic casts per type cost
    /// a quarter of an offline `doctor`'s start-up (docs/benchmarks.md).
    public init(json text: String) throws(CatalogueError) {
        let root: CatalogueReader
        do { root = CatalogueReader(try JSONParser.parse(text), path: "") } catch {
            throw CatalogueError(path: "(the file)", problem: error.description)
        }
        var regionSets: [String: [String]] = [:]
        for (name, set) in try root.members("regionSets") { regionSets[name] = try set.strings() }
        func regionSet(_ reader: CatalogueReader, _ key: String) throws(CatalogueError) -> [String]? {
            let name = try reader.string(key)
            if name == "ALL" { return nil }
            guard let set = regionSets[name] else { throw reader.problem(key, "names an unknown Region set \(name)") }
            return set
        }
        asOf = try root.string("asOf")
        snapshot = try root.string("snapshot")
        regions = try root.items("regions").map { (region) throws(CatalogueError) in
            RegionInfo(name: try region.string("name"), place: try region.string("place"))
        }
        var models: [Model] = []
        for model in try root.items("models") {
            let key = try model.string("key")
            let name = try model.string("name")
            let base = try model.string("baseModelId")
            var profiles: [Profile] = []
            for profile in try model.items("profiles") {
                let geography: Geography = try profile.value("geography")
                profiles.append(
                    Profile(
                        id: geography.prefix + base, geography: geography, modelKey: key, modelName: name,
                        baseModelId: base, sources: try regionSet(profile, "sources") ?? [],
                        destinations: try regionSet(profile, "destinations")))
            }
            models.append(
                Model(
                    key: key, name: name, baseModelId: base, tier: try model.string("tier"),
                    lifecycle: try model.value("status"),
                    lifecycleSource: try model.optionalString("statusSource"),
                    released: try model.optionalString("released"),
                    longContext: try model.optionalValue("longContext") ?? .none,
                    capabilities: try model.capabilities("capabilities"), profiles: profiles))
        }
        for model in try root.items("olderModels") {
            let base = try model.string("baseModelId")
            models.append(
                Model(
                    key: base, name: try model.string("name"), baseModelId: base, tier: try model.string("tier"),
                    lifecycle: try model.value("status"), lifecycleSource: try model.optionalString("statusSource"),
                    released: nil, longContext: .none, capabilities: [], profiles: []))
        }
        self.models = models
        var preference: [String: [String]] = [:]
        for (tier, keys) in try root.members("preference") { preference[tier] = try keys.strings() }
        self.preference = preference
        claudeCodeDefaultModel = try root.string("claudeCodeDefaultModel")
        var usable: [String: [Profile]] = [:]
        for profile in models.filter({ $0.lifecycle != .retired }).flatMap(\.profiles) {
            for region in profile.sources { usable[region, default: []].append(profile) }
        }
        self.usable = usable
        usableGeographies = usable.mapValues { profiles in
            profiles.reduce(into: []) { seen, profile in
                if !seen.contains(profile.geography) { seen.append(profile.geography) }
            }
        }
    }

    public func region(named name: String) -> RegionInfo? { regions.first { $0.name == name } }

    /// Every inference profile a caller in `region` may use, newest model first; retired models
    /// are not usable.
    public func profiles(usableFrom region: String) -> [Profile] { usable[region] ?? [] }

    public func profile(id: String) -> Profile? { models.lazy.flatMap(\.profiles).first { $0.id == id } }

    public func model(baseModelId: String) -> Model? { models.first { $0.baseModelId == baseModelId } }

    public func geographies(usableFrom region: String) -> [Geography] { usableGeographies[region] ?? [] }

    /// The profile ID for a base model that `region` can call: its own geography first, `global.` second.
    public func profileId(forBaseModel base: String, region: String) -> String? {
        let usable = profiles(usableFrom: region).filter { $0.baseModelId == base }
        return (usable.first { $0.geography != .global } ?? usable.first)?.id
    }

    /// A model to suggest in a fix: the catalogue's long-standing choice if `region` can call it,
    /// otherwise the best Sonnet `region` can call. Not what Claude Code calls when nothing is
    /// pinned: that depends on its version (`ClaudeCodeDefaults`).
    public func defaultModel(for region: String) -> String? {
        if profiles(usableFrom: region).contains(where: { $0.id == claudeCodeDefaultModel }) {
            return claudeCodeDefaultModel
        }
        return preferredModel(tier: "sonnet", region: region)
    }

    /// The newest active model of a tier (`sonnet`, `haiku`, `opus`, `fable`) that `region` can
    /// call in the Region's own geography (data residency); only when none has one, `global.`.
    public func preferredModel(tier: String, region: String) -> String? {
        // The narrowest geography first: jp. before apac. in Tokyo, au. before apac. in Sydney.
        let usable = profiles(usableFrom: region).sorted { $0.geography.isDataResident && !$1.geography.isDataResident }
        let keys = (preference[tier] ?? []).filter { key in models.first(where: { $0.key == key })?.lifecycle == .active
        }
        for key in keys {
            if let pick = usable.first(where: { $0.modelKey == key && $0.geography != .global }) { return pick.id }
        }
        for key in keys {
            if let pick = usable.first(where: { $0.modelKey == key }) { return pick.id }
        }
        return nil
    }

    /// Regions a call to `profileId` made from `source` may run in (for IAM resources).
    /// nil: the profile is unknown here, or routes to any commercial Region.
    public func destinations(ofProfile profileId: String) -> [String]? {
        profile(id: profileId)?.destinations
    }

    /// The Bedrock console's model-access page for a Region (GovCloud has its own console).
    public static func consoleURL(_ region: String) -> String {
        let host = region.hasPrefix("us-gov-") ? "console.amazonaws-us-gov.com" : "console.aws.amazon.com"
        return "https://\(region).\(host)/bedrock/home?region=\(region)#/modelaccess"
    }

    /// What to offer instead of a model that is retired, legacy or deprecated: the newest active
    /// model of its tier that `region` can call (for Haiku, Claude Code's background tier, any).
    public func successor(of model: Model, region: String) -> String? {
        preferredModel(tier: model.tier, region: region)
    }

    /// "as of 2026-11-26", for every message that rests on the bundled list.
    public var asOfNote: String { "bundled list as of \(asOf)" }

    /// The catalogue Region closest in spelling, for "did you mean".
    public func closestRegion(to name: String) -> String? {
        let scored = regions.map { ($0.name, editDistance(name.lowercased(), $0.name)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return best.0
    }
}

private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    var previous = Array(0...b.count)
    for (i, ca) in a.enumerated() {
        var current = [i + 1]
        for (j, cb) in b.enumerated() {
            current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
        }
        previous = current
    }
    return previous[b.count]
}

/// What is wrong in a catalogue file, at which member.
public struct CatalogueError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let problem: String
    public var description: String { "\(path): \(problem)" }

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }
}

/// One value of the catalogue's JSON with its path, for messages that name the member.
struct CatalogueReader {
    let json: JSONValue
    let path: String

    init(_ json: JSONValue, path: String) {
        self.json = json
        self.path = path
    }

    func problem(_ key: String, _ text: String) -> CatalogueError {
        CatalogueError(path: path + "." + key, problem: text)
    }

    func member(_ key: String) throws(CatalogueError) -> CatalogueReader {
        guard case .object = json else { throw CatalogueError(path: path, problem: "is not an object") }
        guard let value = json[key] else { throw problem(key, "is missing") }
        return CatalogueReader(value, path: path + "." + key)
    }

    func optionalString(_ key: String) throws(CatalogueError) -> String? {
        guard let value = json[key], value != .null else { return nil }
        guard let text = value.stringValue else { throw problem(key, "is not a string") }
        return text
    }

    func string(_ key: String) throws(CatalogueError) -> String {
        guard let text = try optionalString(key) else { throw problem(key, "is missing") }
        return text
    }

    func optionalValue<Value: RawRepresentable<String>>(_ key: String) throws(CatalogueError) -> Value? {
        guard let text = try optionalString(key) else { return nil }
        guard let value = Value(rawValue: text) else { throw problem(key, "has an unknown value \"\(text)\"") }
        return value
    }

    func value<Value: RawRepresentable<String>>(_ key: String) throws(CatalogueError) -> Value {
        guard let value: Value = try optionalValue(key) else { throw problem(key, "is missing") }
        return value
    }

    func items(_ key: String) throws(CatalogueError) -> [CatalogueReader] {
        let list = try member(key)
        guard case .array(let values) = list.json else { throw problem(key, "is not an array") }
        return values.enumerated().map { CatalogueReader($1, path: "\(list.path)[\($0)]") }
    }

    func members(_ key: String) throws(CatalogueError) -> [(String, CatalogueReader)] {
        let object = try member(key)
        guard case .object(let pairs) = object.json else { throw problem(key, "is not an object") }
        return pairs.map { ($0, CatalogueReader($1, path: object.path + "." + $0)) }
    }

    /// A list of Claude Code's capability names; absent means none.
    func capabilities(_ key: String) throws(CatalogueError) -> [ModelCapability] {
        guard json[key] != nil else { return [] }
        return try member(key).strings().map { (name) throws(CatalogueError) in
            guard let capability = ModelCapability(rawValue: name) else {
                throw problem(key, "names \"\(name)\", which is not one of \(ModelCapability.vocabulary)")
            }
            return capability
        }
    }

    func strings() throws(CatalogueError) -> [String] {
        guard case .array(let values) = json else { throw CatalogueError(path: path, problem: "is not an array") }
        return try values.enumerated().map { (index, value) throws(CatalogueError) in
            guard let text = value.stringValue else {
                throw CatalogueError(path: "\(path)[\(index)]", problem: "is not a string")
            }
            return text
        }
    }
}
