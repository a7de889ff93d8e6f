import BedrockCore
import TestSupport
import Testing

@Suite("Catalogue")
struct CatalogueTests {
    let catalogue = Catalogue.bundled

    @Test func countsMatchTheSourceTables() {
        #expect(catalogue.models.count == 13)
        #expect(catalogue.models.flatMap(\.profiles).count == 47)
        #expect(catalogue.regions.count == 34)
        var perGeography: [Geography: Int] = [:]
        for profile in catalogue.models.flatMap(\.profiles) { perGeography[profile.geography, default: 0] += 1 }
        #expect(perGeography == [.us: 13, .eu: 11, .global: 10, .au: 4, .jp: 3, .apac: 3, .usGov: 3])
    }

    @Test func everyProfileIdIsPrefixPlusBaseModel() {
        for profile in catalogue.models.flatMap(\.profiles) {
            #expect(profile.id == profile.geography.prefix + profile.baseModelId)
            #expect(!profile.sources.isEmpty)
            for region in profile.sources { #expect(catalogue.region(named: region) != nil, "\(region)") }
        }
    }

    @Test("Region rows of the source table", arguments: [
        ("us-east-1", [Geography.us, .global]),
        ("eu-west-2", [.eu, .global]),
        ("ap-northeast-1", [.apac, .jp, .global]),
        ("ap-southeast-2", [.apac, .au, .global]),
        ("mx-central-1", [.global]),
        ("us-gov-east-1", [.usGov]),
    ])
    func geographiesPerRegion(region: String, expected: [Geography]) {
        #expect(catalogue.geographies(usableFrom: region) == Set(expected))
    }

    @Test func eastLondonHasOnlySonnet45UnderEU() {
        let eu = catalogue.profiles(usableFrom: "eu-west-2").filter { $0.geography == .eu }
        #expect(eu.map(\.modelKey) == ["sonnet-4-5"])
    }

    @Test func defaultsFollowTheRegion() {
        #expect(catalogue.defaultModel(for: "us-east-1") == "us.anthropic.claude-sonnet-4-5-20250929-v1:0")
        #expect(catalogue.preferredModel(tier: "sonnet", region: "eu-central-1") == "eu.anthropic.claude-sonnet-5")
        #expect(catalogue.preferredModel(tier: "haiku", region: "ap-northeast-1") == "jp.anthropic.claude-haiku-4-5-20251001-v1:0")
        #expect(catalogue.preferredModel(tier: "opus", region: "us-gov-west-1") == "us-gov.anthropic.claude-opus-4-8")
        #expect(catalogue.preferredModel(tier: "haiku", region: "us-gov-west-1") == "us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0")
    }

    @Test func destinationsForIAM() {
        #expect(catalogue.destinations(ofProfile: "us.anthropic.claude-haiku-4-5-20251001-v1:0") == ["us-east-1", "us-east-2", "us-west-2", "ca-central-1"])
        #expect(catalogue.destinations(ofProfile: "global.anthropic.claude-sonnet-4-6") == nil)
    }

    @Test func legacyModelsAreKnown() {
        #expect(catalogue.isLegacy(baseModelId: "anthropic.claude-3-5-haiku-20241022-v1:0"))
        #expect(!catalogue.isLegacy(baseModelId: "anthropic.claude-sonnet-4-5-20250929-v1:0"))
    }
}
