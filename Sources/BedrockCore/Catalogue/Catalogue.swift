import FoundationEssentials
import Glibc

/// Where a model stands in Bedrock's lifecycle, and so what the tool does with a pin of it.
public enum Lifecycle: String, Sendable, Decodable, CaseIterable {
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
public enum LongContext: String, Sendable, Decodable {
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

    /// Resources/catalogue.json, compiled into the binary (no file to find at run time), parsed on
    /// first use and once per process: commands that need no catalogue never parse it.
    public static let bundled: Catalogue = {
        do { return try Catalogue(json: Data(EmbeddedCatalogue.text.utf8)) } catch {
            fatalError("The bundled catalogue.json cannot be read: \(error)")
        }
    }()

    public init(json: Data) throws {
        struct RawProfile: Decodable { let geography: Geography; let sources: String; let destinations: String }
        struct RawModel: Decodable {
            let key, name, baseModelId, tier: String
            let status: Lifecycle
            let statusSource, released: String?
            let longContext: LongContext?
            let profiles: [RawProfile]
        }
        struct RawOlderModel: Decodable { let baseModelId, name, tier: String; let status: Lifecycle; let statusSource: String? }
        struct RawRegion: Decodable { let name, place: String }
        struct Raw: Decodable {
            let asOf, snapshot: String
            let regionSets: [String: [String]]
            let regions: [RawRegion]
            let models: [RawModel]
            let preference: [String: [String]]
            let claudeCodeDefaultModel: String
            let olderModels: [RawOlderModel]
        }
        let raw = try JSONDecoder().decode(Raw.self, from: json)
        func regionSet(_ name: String) throws -> [String]? {
            if name == "ALL" { return nil }
            guard let set = raw.regionSets[name] else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown Region set \(name)"))
            }
            return set
        }
        asOf = raw.asOf
        snapshot = raw.snapshot
        regions = raw.regions.map { RegionInfo(name: $0.name, place: $0.place) }
        let older = raw.olderModels.map { model in
            Model(key: model.baseModelId, name: model.name, baseModelId: model.baseModelId, tier: model.tier, lifecycle: model.status,
                  lifecycleSource: model.statusSource, released: nil, longContext: .none, profiles: [])
        }
        models = try raw.models.map { model in
            Model(key: model.key, name: model.name, baseModelId: model.baseModelId, tier: model.tier, lifecycle: model.status,
                  lifecycleSource: model.statusSource, released: model.released, longContext: model.longContext ?? .none,
                  profiles: try model.profiles.map { profile in
                      Profile(id: profile.geography.prefix + model.baseModelId, geography: profile.geography,
                              modelKey: model.key, modelName: model.name, baseModelId: model.baseModelId,
                              sources: try regionSet(profile.sources) ?? [], destinations: try regionSet(profile.destinations))
                  })
        } + older
        preference = raw.preference
        claudeCodeDefaultModel = raw.claudeCodeDefaultModel
    }

    public func region(named name: String) -> RegionInfo? { regions.first { $0.name == name } }

    /// Every inference profile a caller in `region` may use, newest model first; retired models
    /// are not usable.
    public func profiles(usableFrom region: String) -> [Profile] {
        models.filter { $0.lifecycle != .retired }.flatMap(\.profiles).filter { $0.sources.contains(region) }
    }

    public func profile(id: String) -> Profile? { models.lazy.flatMap(\.profiles).first { $0.id == id } }

    public func model(baseModelId: String) -> Model? { models.first { $0.baseModelId == baseModelId } }

    public func geographies(usableFrom region: String) -> Set<Geography> {
        Set(profiles(usableFrom: region).map(\.geography))
    }

    /// The profile ID for a base model that `region` can call: its own geography first, `global.` second.
    public func profileId(forBaseModel base: String, region: String) -> String? {
        let usable = profiles(usableFrom: region).filter { $0.baseModelId == base }
        return (usable.first { $0.geography != .global } ?? usable.first)?.id
    }

    /// Claude Code's own default when nothing is pinned, if `region` can call it; otherwise the
    /// best Sonnet `region` can call.
    public func defaultModel(for region: String) -> String? {
        if profiles(usableFrom: region).contains(where: { $0.id == claudeCodeDefaultModel }) { return claudeCodeDefaultModel }
        return preferredModel(tier: "sonnet", region: region)
    }

    /// The newest active model of a tier (`sonnet`, `haiku`, `opus`, `fable`) that `region` can
    /// call in the Region's own geography (data residency); only when none has one, `global.`.
    public func preferredModel(tier: String, region: String) -> String? {
        // The narrowest geography first: jp. before apac. in Tokyo, au. before apac. in Sydney.
        let usable = profiles(usableFrom: region).sorted { $0.geography.isDataResident && !$1.geography.isDataResident }
        let keys = (preference[tier] ?? []).filter { key in models.first(where: { $0.key == key })?.lifecycle == .active }
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
    let a = Array(a), b = Array(b)
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
