import BedrockCore
import Foundation
import TestSupport
import Testing

/// The November 2026 catalogue and every kind of model pin Claude Code takes (CATALOGUE.md §7,
/// CLAUDE-CODE.md §5): each row of the source tables, stated here independently of catalogue.json.
@Suite("Model pins and lifecycle")
struct ModelPinTests {
    let validator = Validator()
    var asOf: String { validator.catalogue.asOf }

    static let jp2 = ["ap-northeast-1", "ap-northeast-3"], au2 = ["ap-southeast-2", "ap-southeast-4"]
    static let us6 = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1"]
    static let eu6 = ["eu-central-1", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-3"]
    static let global = [
        "us-east-1", "eu-west-2", "ap-southeast-3", "sa-east-1", "me-central-1", "af-south-1", "ap-south-2",
    ]

    /// CATALOGUE.md §7: new models and the profiles added to older ones, with their source Regions.
    static let newProfiles: [(String, [String])] = [
        ("global.anthropic.claude-opus-5", global), ("us.anthropic.claude-opus-5", us6),
        ("eu.anthropic.claude-opus-5", eu6),
        ("au.anthropic.claude-opus-5", au2),
        ("jp.anthropic.claude-opus-5-5", jp2), ("global.anthropic.claude-opus-5-5", global),
        ("us.anthropic.claude-opus-5-5", us6),
        ("eu.anthropic.claude-opus-5-5", eu6), ("au.anthropic.claude-opus-5-5", au2),
        ("us.anthropic.claude-sonnet-5-5", us6), ("global.anthropic.claude-sonnet-5-5", global),
        ("us.anthropic.claude-haiku-5-5", us6), ("eu.anthropic.claude-haiku-5-5", eu6),
        ("au.anthropic.claude-haiku-5-5", au2),
        ("jp.anthropic.claude-haiku-5-5", jp2), ("global.anthropic.claude-haiku-5-5", global),
        ("us.anthropic.claude-fable-5-1", us6), ("eu.anthropic.claude-fable-5-1", eu6 + ["eu-central-2"]),
        ("global.anthropic.claude-fable-5-1", ["us-east-1", "eu-west-1", "ap-northeast-1"]),
        ("jp.anthropic.claude-opus-4-6-v1", jp2),
        ("apac.anthropic.claude-opus-4-6-v1", ["ap-south-1", "ap-southeast-1", "ap-northeast-2"]),
        ("jp.anthropic.claude-opus-4-8", jp2), ("au.anthropic.claude-opus-4-8", au2),
        ("jp.anthropic.claude-opus-4-7", jp2),
        ("jp.anthropic.claude-sonnet-5", jp2), ("au.anthropic.claude-sonnet-5", au2),
    ]

    @Test("Each new profile is accepted without a warning in each of its source Regions", arguments: newProfiles)
    func newProfileAcceptedInItsSources(id: String, sources: [String]) throws {
        for region in sources {
            let checked = try validator.checkModel(id, slot: .primary, region: region)
            #expect(checked.reference.identifier == id, "\(region)")
            #expect(checked.warnings.isEmpty, "\(id) from \(region): \(checked.warnings)")
        }
    }

    /// The issue's own examples: IDs `apply` used to refuse.
    @Test func profilesTheOldListRefused() throws {
        #expect(
            try validator.checkModel("jp.anthropic.claude-opus-4-6-v1", slot: .primary, region: "ap-northeast-1")
                .warnings.isEmpty)
        #expect(
            try validator.checkModel("au.anthropic.claude-sonnet-5", slot: .primary, region: "ap-southeast-2").warnings
                .isEmpty)
    }

    @Test(
        "Each retired model is refused with its successor for the Region",
        arguments: [
            (
                "us.anthropic.claude-3-7-sonnet-20250219-v1:0", "us-east-1", "Claude 3.7 Sonnet",
                "us.anthropic.claude-sonnet-5-5"
            ),
            (
                "eu.anthropic.claude-3-7-sonnet-20250219-v1:0", "eu-west-1", "Claude 3.7 Sonnet",
                "eu.anthropic.claude-sonnet-5"
            ),
            (
                "apac.anthropic.claude-3-7-sonnet-20250219-v1:0", "ap-northeast-1", "Claude 3.7 Sonnet",
                "jp.anthropic.claude-sonnet-5"
            ),
            (
                "us-gov.anthropic.claude-3-7-sonnet-20250219-v1:0", "us-gov-west-1", "Claude 3.7 Sonnet",
                "us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0"
            ),
            ("us.anthropic.claude-opus-4-20250514-v1:0", "us-east-2", "Claude Opus 4", "us.anthropic.claude-opus-5-5"),
            (
                "us.anthropic.claude-3-5-haiku-20241022-v1:0", "us-west-2", "Claude 3.5 Haiku",
                "us.anthropic.claude-haiku-5-5"
            ),
        ])
    func retiredModelRefused(id: String, region: String, name: String, successor: String) throws {
        let expected = SetupError.retiredModel(.primary, id: id, name: name, successor: successor)
        #expect(throws: expected) { try validator.checkModel(id, slot: .primary, region: region) }
        #expect(
            expected.message == "The primary model \(id) is \(name), which Bedrock has retired: every call to it fails."
        )
        #expect(expected.fix == "Use \(successor) instead.")
        // The successor itself passes.
        #expect(try validator.checkModel(successor, slot: .primary, region: region).warnings.isEmpty)
    }

    @Test func retiredModelAsAnInferenceProfileARNIsRefusedToo() {
        let arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-20250514-v1:0"
        #expect(
            throws: SetupError.retiredModel(
                .opus, id: "us.anthropic.claude-opus-4-20250514-v1:0", name: "Claude Opus 4",
                successor: "us.anthropic.claude-opus-5-5")
        ) {
            try validator.checkModel(arn, slot: .opus, region: "us-east-1")
        }
    }

    @Test func deprecatedModelIsWarnedWithItsSuccessor() throws {
        let checked = try validator.checkModel(
            "us.anthropic.claude-sonnet-4-20250514-v1:0", slot: .sonnet, region: "us-east-1")
        #expect(
            checked.warnings == [
                SetupWarning(
                    field: "ANTHROPIC_DEFAULT_SONNET_MODEL",
                    message: "Claude Sonnet 4 is deprecated (Anthropic legacy model table) and will be retired.",
                    fix: "Plan the move to us.anthropic.claude-sonnet-5-5.")
            ])
        let opus41 = try validator.checkModel(
            "us.anthropic.claude-opus-4-1-20250805-v1:0", slot: .opus, region: "us-west-2")
        #expect(opus41.warnings.first?.fix == "Plan the move to us.anthropic.claude-opus-5-5.")
    }

    @Test func legacyModelIsWarned() throws {
        let checked = try validator.checkModel(
            "us.anthropic.claude-3-5-sonnet-20241022-v2:0", slot: .primary, region: "us-east-1")
        #expect(
            checked.warnings.contains {
                $0.message.hasPrefix("Claude 3.5 Sonnet v2 is a legacy model") && $0.message.contains("15 days")
            })
    }

    @Test(
        "An unknown profile with a known prefix is accepted offline with a warning",
        arguments: [
            ("jp.anthropic.claude-opus-5", "ap-northeast-1"), ("us.anthropic.claude-sonnet-6", "us-east-2"),
            ("global.anthropic.claude-haiku-6", "eu-west-3"), ("apac.anthropic.claude-sonnet-5-5", "ap-south-1"),
        ])
    func unknownProfileWarned(id: String, region: String) throws {
        let checked = try validator.checkModel(id, slot: .primary, region: region)
        #expect(checked.reference.identifier == id)
        #expect(checked.warnings.count == 1)
        #expect(checked.warnings[0].message == "\(id) is not in the bundled list as of \(asOf).")
        #expect(checked.warnings[0].fix?.contains("bedrock-setup doctor") == true)
    }

    // MARK: the cache of live discovery

    func cache(_ region: String, daysAgo: Double, ids: [String]) throws -> (DiscoveryCache, Date) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("discovery-\(UUID().uuidString)")
            .path
        let cache = DiscoveryCache(directory: directory)
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        try cache.save(
            DiscoverySnapshot(
                region: region, fetchedAt: now.addingTimeInterval(-daysAgo * 86_400),
                profiles: ids.map {
                    .init(
                        id: $0, arn: "arn:aws:bedrock:\(region):123456789012:inference-profile/\($0)",
                        type: "SYSTEM_DEFINED", modelArns: [])
                }))
        return (cache, now)
    }

    @Test func aDiscoveryFileReadsBackAsWrittenAndInTheShapeEarlierVersionsWrote() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("discovery-\(UUID().uuidString)")
            .path
        let cache = DiscoveryCache(directory: directory)
        let snapshot = DiscoverySnapshot(
            region: "eu-west-1", fetchedAt: Date(timeIntervalSince1970: 1_795_000_000),
            profiles: [
                .init(
                    id: "eu.anthropic.claude-opus-5",
                    arn: "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-opus-5",
                    type: "SYSTEM_DEFINED",
                    modelArns: [
                        "arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-opus-5",
                        "arn:aws:bedrock:eu-west-3::foundation-model/anthropic.claude-opus-5",
                    ])
            ])
        try cache.save(snapshot)
        #expect(cache.load(region: "eu-west-1") == snapshot)
        // What JSONEncoder (.iso8601, sorted keys) wrote before the file was read with the core's parser.
        let earlier =
            #"{"fetchedAt" : "2026-11-20T08:00:00Z", "profiles" : [ { "arn" : "a", "id" : "eu.x", "modelArns" : [ ], "type" : "APPLICATION" } ], "region" : "eu-west-3"}"#
        try Data(earlier.utf8).write(to: URL(fileURLWithPath: directory + "/eu-west-3.json"))
        let read = try #require(cache.load(region: "eu-west-3"))
        #expect(read.profiles == [.init(id: "eu.x", arn: "a", type: "APPLICATION", modelArns: [])])
        #expect(read.fetchedAt == Date(timeIntervalSince1970: 1_795_161_600))
        // A file for another Region, or not in this shape, is not used.
        try Data(earlier.utf8).write(to: URL(fileURLWithPath: directory + "/eu-north-1.json"))
        #expect(cache.load(region: "eu-north-1") == nil)
        try Data(#"{"region": "eu-south-1", "fetchedAt": "yesterday", "profiles": []}"#.utf8).write(
            to: URL(fileURLWithPath: directory + "/eu-south-1.json"))
        #expect(cache.load(region: "eu-south-1") == nil)
    }

    @Test func theLastLiveDiscoveryIsTrustedOfflineBeforeTheBundledList() throws {
        let (cache, now) = try cache(
            "ap-northeast-1", daysAgo: 3, ids: ["jp.anthropic.claude-opus-5", "jp.anthropic.claude-sonnet-4-6"])
        let validator = Validator(discovery: cache, now: now)
        // Live discovery saw it: no warning, although the bundled list lacks it.
        #expect(
            try validator.checkModel("jp.anthropic.claude-opus-5", slot: .primary, region: "ap-northeast-1").warnings
                .isEmpty)
        // The bundled list has it, live discovery did not list it: warned, with the age of the discovery.
        let missing = try validator.checkModel(
            "jp.anthropic.claude-haiku-4-5-20251001-v1:0", slot: .primary, region: "ap-northeast-1")
        let date = ISO8601DateFormatter().string(from: now.addingTimeInterval(-3 * 86_400)).prefix(10)
        #expect(
            missing.warnings.map(\.message) == [
                "jp.anthropic.claude-haiku-4-5-20251001-v1:0 was not among the 2 inference profiles Bedrock listed in ap-northeast-1 (\(date), 3 days ago)."
            ])
        // A geography the Region is never served by stays refused.
        #expect(throws: SetupError.self) {
            try validator.checkModel("eu.anthropic.claude-opus-5", slot: .primary, region: "ap-northeast-1")
        }
        // Other Regions have no cache: the bundled list answers.
        #expect(
            try validator.checkModel("us.anthropic.claude-opus-5", slot: .primary, region: "us-east-1").warnings.isEmpty
        )
    }

    @Test func aCacheFileThatIsNotForItsRegionOrNotJSONIsIgnored() throws {
        let (cache, now) = try cache("us-east-1", daysAgo: 0, ids: ["us.anthropic.claude-opus-5"])
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: cache.directory + "/us-west-2.json"))
        try FileManager.default.copyItem(
            atPath: cache.directory + "/us-east-1.json", toPath: cache.directory + "/us-east-2.json")
        #expect(cache.load(region: "us-west-2") == nil)
        #expect(cache.load(region: "us-east-2") == nil)
        #expect(cache.load(region: "../../etc/passwd") == nil)
        #expect(cache.load(region: "us-east-1")?.age(now: now).hasSuffix("today") == true)
    }

    // MARK: [1m], aliases, ARNs, Mantle

    @Test func longContextSuffixWhereTheModelHasIt() throws {
        for id in [
            "global.anthropic.claude-opus-5[1m]", "us.anthropic.claude-opus-4-6-v1[1m]",
            "eu.anthropic.claude-sonnet-4-6[1m]",
        ] {
            let checked = try validator.checkModel(
                id, slot: .primary, region: id.hasPrefix("eu.") ? "eu-west-1" : "us-east-1")
            #expect(checked.reference.identifier == id)
            #expect(checked.reference.bedrockId == String(id.dropLast(4)))
            #expect(checked.warnings.isEmpty, "\(id)")
        }
        #expect(
            throws: SetupError.longContextUnsupported(
                .smallFast, id: "us.anthropic.claude-haiku-4-5-20251001-v1:0[1m]", name: "Claude Haiku 4.5")
        ) {
            try validator.checkModel(
                "us.anthropic.claude-haiku-4-5-20251001-v1:0[1m]", slot: .smallFast, region: "us-east-1")
        }
        let sonnet5 = try validator.checkModel("us.anthropic.claude-sonnet-5[1m]", slot: .sonnet, region: "us-east-1")
        #expect(
            sonnet5.warnings.map(\.message) == [
                "Claude Sonnet 5 has the 1M-token context already; [1m] changes nothing."
            ])
        let fable = try validator.checkModel("us.anthropic.claude-fable-5[1m]", slot: .primary, region: "us-east-1")
        #expect(fable.warnings.map(\.message) == ["Claude Code ignores [1m] for Claude Fable 5."])
    }

    @Test func aliasesOnlyWhereClaudeCodeTakesThem() throws {
        for alias in ["opus", "sonnet", "haiku", "opusplan", "fable", "best", "opus[1m]", "sonnet[1m]"] {
            #expect(try validator.model(alias, slot: .primary, region: "us-east-1").identifier == alias)
        }
        #expect(throws: SetupError.aliasNotAllowed(.opus, alias: "opus")) {
            try validator.model("opus", slot: .opus, region: "us-east-1")
        }
        #expect(throws: SetupError.malformedModelId(.primary, id: "haiku[1m]")) {
            try validator.model("haiku[1m]", slot: .primary, region: "us-east-1")
        }
        let profile = SetupProfile(name: "p", credentials: .environment, region: "us-east-1", model: "opus")
        #expect(
            validator.warnings(for: profile).map(\.message)
                == ["On Bedrock Claude Code resolves \"opus\" to Opus 4.6 unless ANTHROPIC_DEFAULT_OPUS_MODEL is set."])
        var pinned = profile
        pinned.opusModel = "us.anthropic.claude-opus-5"
        #expect(validator.warnings(for: pinned).isEmpty)
    }

    /// A bad modelOverrides value is named as the override it is, not as "the primary model" it is checked like.
    @Test func aRefusedOverrideIsNamedByItsModel() throws {
        var profile = SetupProfile(name: "p", credentials: .environment, region: "us-east-1")
        profile.bedrock.modelOverrides = [
            "claude-opus-4-6": "arn:aws:bedrock:us-east-1:12345:application-inference-profile/x"
        ]
        do {
            _ = try validator.profile(profile)
            Issue.record("a malformed override ARN was accepted")
        } catch {
            #expect(
                error.message
                    == "modelOverrides for claude-opus-4-6 is refused: the value \"arn:aws:bedrock:us-east-1:12345:application-inference-profile/x\" is not a valid Bedrock inference profile ARN.",
                "\(error.message)")
            #expect(!error.message.contains("primary"))
        }
    }

    @Test(
        "Provisioned-throughput and custom-model ARNs",
        arguments: [
            ("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123def456", ModelARNKind.provisionedModel),
            (
                "arn:aws:bedrock:us-east-1:123456789012:custom-model/anthropic.claude-haiku-4-5-20251001-v1:0:200k/x1y2z3",
                .customModel
            ),
            ("arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/q9w8e7r6", .customModelDeployment),
            ("arn:aws:bedrock:us-east-1:123456789012:imported-model/m1n2b3", .importedModel),
        ])
    func modelARNs(arn: String, kind: ModelARNKind) throws {
        let reference = try validator.model(arn, slot: .opus, region: "us-east-1")
        #expect(reference == .modelARN(kind: kind, region: "us-east-1", account: "123456789012", arn: arn))
        #expect(reference.isOpaqueARN)
        #expect(throws: SetupError.arnRegionMismatch(.opus, arnRegion: "us-east-1", region: "eu-west-1")) {
            try validator.model(arn, slot: .opus, region: "eu-west-1")
        }
    }

    @Test func mantleTakesBareIdsAndOnlyThose() throws {
        #expect(
            try validator.model("anthropic.claude-sonnet-5", slot: .primary, region: "us-east-1", mantle: true)
                == .mantle(baseModelId: "anthropic.claude-sonnet-5"))
        #expect(
            try validator.model("anthropic.claude-opus-5[1m]", slot: .primary, region: "us-east-1", mantle: true)
                .identifier
                == "anthropic.claude-opus-5[1m]")
        #expect(
            throws: SetupError.profileIdOnMantle(
                .primary, id: "us.anthropic.claude-sonnet-5", bare: "anthropic.claude-sonnet-5")
        ) {
            try validator.model("us.anthropic.claude-sonnet-5", slot: .primary, region: "us-east-1", mantle: true)
        }
        #expect(
            throws: SetupError.retiredModel(
                .primary, id: "anthropic.claude-opus-4-20250514-v1:0", name: "Claude Opus 4",
                successor: "anthropic.claude-opus-5-5")
        ) {
            try validator.model(
                "anthropic.claude-opus-4-20250514-v1:0", slot: .primary, region: "us-east-1", mantle: true)
        }
        #expect(
            throws: SetupError.bareModelId(
                .primary, id: "anthropic.claude-sonnet-5", suggestion: "us.anthropic.claude-sonnet-5")
        ) {
            try validator.model("anthropic.claude-sonnet-5", slot: .primary, region: "us-east-1")
        }
    }
}
