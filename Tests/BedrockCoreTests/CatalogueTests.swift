import BedrockCore
import Foundation
import TestSupport
import Testing

@Suite("Catalogue")
struct CatalogueTests {
    let catalogue = Catalogue.bundled

    @Test func countsMatchTheSourceTables() {
        // CATALOGUE.md sections 1 and 3 (13 models, 47 profiles), plus section 7: 5 new models
        // with 19 profiles and 7 profiles added to older models; 9 older models known by state only.
        #expect(catalogue.models.filter { !$0.profiles.isEmpty }.count == 18)
        #expect(catalogue.models.filter(\.profiles.isEmpty).count == 9)
        #expect(catalogue.models.flatMap(\.profiles).count == 47 + 19 + 7)
        #expect(catalogue.regions.count == 34)
        var perGeography: [Geography: Int] = [:]
        for profile in catalogue.models.flatMap(\.profiles) { perGeography[profile.geography, default: 0] += 1 }
        #expect(
            perGeography == [
                .us: 13 + 5, .eu: 11 + 4, .global: 10 + 5, .au: 4 + 3 + 2, .jp: 3 + 2 + 4, .apac: 3 + 1, .usGov: 3,
            ])
    }

    @Test func everyProfileIdIsPrefixPlusBaseModel() {
        for profile in catalogue.models.flatMap(\.profiles) {
            #expect(profile.id == profile.geography.prefix + profile.baseModelId)
            #expect(!profile.sources.isEmpty)
            for region in profile.sources { #expect(catalogue.region(named: region) != nil, "\(region)") }
        }
    }

    @Test(
        "Region rows of the source table",
        arguments: [
            ("us-east-1", [Geography.us, .global]),
            ("eu-west-2", [.eu, .global]),
            ("ap-northeast-1", [.apac, .jp, .global]),
            ("ap-southeast-2", [.apac, .au, .global]),
            ("mx-central-1", [.global]),
            ("us-gov-east-1", [.usGov]),
        ])
    func geographiesPerRegion(region: String, expected: [Geography]) {
        #expect(Set(catalogue.geographies(usableFrom: region)) == Set(expected))
    }

    @Test func eastLondonHasOnlySonnet45UnderEU() {
        let eu = catalogue.profiles(usableFrom: "eu-west-2").filter { $0.geography == .eu }
        #expect(eu.map(\.modelKey) == ["sonnet-4-5"])
    }

    @Test func defaultsFollowTheRegion() {
        #expect(catalogue.defaultModel(for: "us-east-1") == "us.anthropic.claude-sonnet-4-5-20250929-v1:0")
        #expect(catalogue.preferredModel(tier: "sonnet", region: "eu-central-1") == "eu.anthropic.claude-sonnet-5")
        #expect(catalogue.preferredModel(tier: "sonnet", region: "us-east-1") == "us.anthropic.claude-sonnet-5-5")
        #expect(catalogue.preferredModel(tier: "opus", region: "ap-northeast-1") == "jp.anthropic.claude-opus-5-5")
        #expect(catalogue.preferredModel(tier: "fable", region: "eu-west-1") == "eu.anthropic.claude-fable-5-1")
        #expect(catalogue.preferredModel(tier: "haiku", region: "ap-northeast-1") == "jp.anthropic.claude-haiku-5-5")
        #expect(catalogue.preferredModel(tier: "opus", region: "us-gov-west-1") == "us-gov.anthropic.claude-opus-4-8")
        #expect(
            catalogue.preferredModel(tier: "haiku", region: "us-gov-west-1")
                == "us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0")
    }

    @Test func destinationsForIAM() {
        #expect(
            catalogue.destinations(ofProfile: "us.anthropic.claude-haiku-4-5-20251001-v1:0") == [
                "us-east-1", "us-east-2", "us-west-2", "ca-central-1",
            ])
        #expect(catalogue.destinations(ofProfile: "global.anthropic.claude-sonnet-4-6") == nil)
        // A global profile routes to every commercial Region (AWS inference-profiles page).
        #expect(catalogue.destinations(ofProfile: "global.anthropic.claude-opus-4-8") == nil)
    }

    @Test(
        "Lifecycle of CATALOGUE.md section 7",
        arguments: [
            ("anthropic.claude-3-7-sonnet-20250219-v1:0", Lifecycle.retired),
            ("anthropic.claude-opus-4-20250514-v1:0", .retired),
            ("anthropic.claude-3-5-haiku-20241022-v1:0", .retired),
            ("anthropic.claude-sonnet-4-20250514-v1:0", .deprecated),
            ("anthropic.claude-opus-4-1-20250805-v1:0", .deprecated),
            ("anthropic.claude-3-5-sonnet-20241022-v2:0", .legacy),
            ("anthropic.claude-sonnet-4-5-20250929-v1:0", .active), ("anthropic.claude-opus-5", .active),
        ])
    func lifecycle(base: String, expected: Lifecycle) throws {
        #expect(try #require(catalogue.model(baseModelId: base)).lifecycle == expected)
    }

    @Test func asOfDateIsADate() {
        #expect(catalogue.asOf.wholeMatch(of: /20[0-9]{2}-[01][0-9]-[0-3][0-9]/) != nil)
        #expect(catalogue.asOfNote == "bundled list as of \(catalogue.asOf)")
    }
}

/// The catalogue is read with the core's JSON parser (not JSONDecoder): a broken file names the member at fault.
@Suite("Catalogue: reading the file")
struct CatalogueFileTests {
    static let minimal =
        #"{"asOf": "2026-11-26", "snapshot": "s", "regionSets": {"US": ["us-east-1"]}, "regions": [{"name": "us-east-1", "place": "N. Virginia"}], "#
        + #""models": [{"key": "k", "name": "Claude K", "baseModelId": "anthropic.k-v1:0", "tier": "sonnet", "status": "active", "#
        + #""profiles": [{"geography": "us", "sources": "US", "destinations": "ALL"}]}], "#
        + #""preference": {"sonnet": ["k"]}, "claudeCodeDefaultModel": "us.anthropic.k-v1:0", "olderModels": []}"#

    @Test func aMinimalFileReads() throws {
        let catalogue = try Catalogue(json: Self.minimal)
        #expect(catalogue.profile(id: "us.anthropic.k-v1:0")?.sources == ["us-east-1"])
        #expect(catalogue.profile(id: "us.anthropic.k-v1:0")?.destinations == nil)
        #expect(catalogue.model(baseModelId: "anthropic.k-v1:0")?.longContext == LongContext.none)
    }

    @Test(
        "Each fault is named at its member",
        arguments: [
            ("\"asOf\": \"2026-11-26\", ", "", ".asOf", "is missing"),
            ("\"status\": \"active\"", "\"status\": \"gone\"", ".models[0].status", "has an unknown value \"gone\""),
            (
                "\"sources\": \"US\"", "\"sources\": \"MARS\"", ".models[0].profiles[0].sources",
                "names an unknown Region set MARS"
            ),
            ("\"tier\": \"sonnet\"", "\"tier\": 5", ".models[0].tier", "is not a string"),
            ("{\"US\": [\"us-east-1\"]}", "{\"US\": [1]}", ".regionSets.US[0]", "is not a string"),
        ])
    func faultsAreNamed(_ find: String, _ replace: String, _ path: String, _ problem: String) {
        #expect(Self.minimal.contains(find))
        #expect(throws: CatalogueError(path: path, problem: problem)) {
            try Catalogue(json: Self.minimal.replacingOccurrences(of: find, with: replace))
        }
    }

    @Test func theBundledFileReads() {
        #expect(!Catalogue.bundled.models.isEmpty)
        #expect(Catalogue.bundled.models.allSatisfy { Validator.isBaseModelId($0.baseModelId) })
        #expect(Catalogue.bundled.regions.allSatisfy { Validator.isRegionName($0.name) })
    }
}

@Suite("Catalogue: the per-Region index")
struct CatalogueIndexTests {
    /// The index the Region screen reads on every frame gives what filtering the whole list gives.
    @Test func everyRegionsUsableProfilesAreWhatTheListSays() {
        let catalogue = Catalogue.bundled
        for region in catalogue.regions.map(\.name) + ["xx-nowhere-1"] {
            let filtered = catalogue.models.filter { $0.lifecycle != .retired }.flatMap(\.profiles).filter {
                $0.sources.contains(region)
            }
            #expect(catalogue.profiles(usableFrom: region) == filtered, "\(region)")
            #expect(Set(catalogue.geographies(usableFrom: region)) == Set(filtered.map(\.geography)), "\(region)")
        }
    }
}
