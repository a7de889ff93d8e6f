import Foundation

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
        public let profiles: [Profile]
    }

    public let snapshot: String
    public let regions: [RegionInfo]
    public let models: [Model]
    public let preference: [String: [String]]
    public let claudeCodeDefaultModel: String
    public let legacyModels: Set<String>

    public static let bundled: Catalogue = {
        guard let url = Bundle.module.url(forResource: "catalogue", withExtension: "json") else {
            fatalError("catalogue.json is missing from the bedrock-setup resource bundle; reinstall bedrock-setup")
        }
        do { return try Catalogue(json: Data(contentsOf: url)) } catch {
            fatalError("The bundled catalogue.json cannot be read: \(error)")
        }
    }()

    public init(json: Data) throws {
        struct RawProfile: Decodable { let geography: Geography; let sources: String; let destinations: String }
        struct RawModel: Decodable { let key, name, baseModelId, tier: String; let profiles: [RawProfile] }
        struct RawRegion: Decodable { let name, place: String }
        struct Raw: Decodable {
            let snapshot: String
            let regionSets: [String: [String]]
            let regions: [RawRegion]
            let models: [RawModel]
            let preference: [String: [String]]
            let claudeCodeDefaultModel: String
            let legacyModels: [String]
        }
        let raw = try JSONDecoder().decode(Raw.self, from: json)
        func regionSet(_ name: String) throws -> [String]? {
            if name == "ALL" { return nil }
            guard let set = raw.regionSets[name] else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown Region set \(name)"))
            }
            return set
        }
        snapshot = raw.snapshot
        regions = raw.regions.map { RegionInfo(name: $0.name, place: $0.place) }
        models = try raw.models.map { model in
            Model(key: model.key, name: model.name, baseModelId: model.baseModelId, tier: model.tier,
                  profiles: try model.profiles.map { profile in
                      Profile(id: profile.geography.prefix + model.baseModelId, geography: profile.geography,
                              modelKey: model.key, modelName: model.name, baseModelId: model.baseModelId,
                              sources: try regionSet(profile.sources) ?? [], destinations: try regionSet(profile.destinations))
                  })
        }
        preference = raw.preference
        claudeCodeDefaultModel = raw.claudeCodeDefaultModel
        legacyModels = Set(raw.legacyModels)
    }

    public func region(named name: String) -> RegionInfo? { regions.first { $0.name == name } }

    /// Every inference profile a caller in `region` may use, newest model first.
    public func profiles(usableFrom region: String) -> [Profile] {
        models.flatMap(\.profiles).filter { $0.sources.contains(region) }
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

    /// The newest model of a tier (`sonnet`, `haiku`, `opus`) that `region` can call, in the
    /// Region's own geography first (data residency), `global.` next.
    public func preferredModel(tier: String, region: String) -> String? {
        let usable = profiles(usableFrom: region)
        for key in preference[tier] ?? [] {
            let candidates = usable.filter { $0.modelKey == key }
            if let pick = candidates.first(where: { $0.geography != .global }) ?? candidates.first { return pick.id }
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

    public func isLegacy(baseModelId: String) -> Bool { legacyModels.contains(baseModelId) }

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
