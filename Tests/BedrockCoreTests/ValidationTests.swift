import BedrockCore
import Foundation
import TestSupport
import Testing

@Suite("Validation")
struct ValidationTests {
    let validator = Validator()

    @Test("Region names", arguments: ["us-east-1", "eu-central-1", "ap-southeast-2", "us-gov-west-1", "il-central-1"])
    func validRegions(_ name: String) throws {
        #expect(try validator.region(name) == name)
    }

    @Test func regionTypoSuggestsTheClosest() {
        #expect(throws: SetupError.unknownRegion("us-east-9", suggestion: "us-east-1")) {
            try validator.region("us-east-9")
        }
        #expect(throws: SetupError.unknownRegion("eu-cental-1", suggestion: "eu-central-1")) {
            try validator.region("eu-cental-1")
        }
    }

    @Test func regionThatIsNotARegionNameAtAll() {
        #expect(throws: SetupError.malformedRegion("virginia")) { try validator.region("virginia") }
    }

    @Test func regionThatServesNoClaude() {
        // A real Region name, but not one the catalogue lists as serving Claude.
        #expect(throws: SetupError.unknownRegion("cn-northwest-1", suggestion: nil)) {
            try validator.region("cn-northwest-1")
        }
    }

    @Test(
        "Inference profile IDs by geography",
        arguments: [
            ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us-east-1", Geography.us),
            ("eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "eu-west-1", .eu),
            ("apac.anthropic.claude-sonnet-4-20250514-v1:0", "ap-south-1", .apac),
            ("jp.anthropic.claude-haiku-4-5-20251001-v1:0", "ap-northeast-1", .jp),
            ("au.anthropic.claude-sonnet-4-6", "ap-southeast-2", .au),
            ("global.anthropic.claude-opus-4-8", "sa-east-1", .global),
            ("us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0", "us-gov-west-1", .usGov),
        ])
    func profileIds(id: String, region: String, geography: Geography) throws {
        let reference = try validator.model(id, slot: .primary, region: region)
        #expect(reference.geography == geography)
        #expect(reference.identifier == id)
    }

    @Test func bareModelIdOffersTheProfileForTheRegion() {
        let bare = "anthropic.claude-sonnet-4-5-20250929-v1:0"
        #expect(throws: SetupError.bareModelId(.primary, id: bare, suggestion: "us." + bare)) {
            try validator.model(bare, slot: .primary, region: "us-east-1")
        }
        #expect(throws: SetupError.bareModelId(.smallFast, id: bare, suggestion: "eu." + bare)) {
            try validator.model(bare, slot: .smallFast, region: "eu-west-2")
        }
        #expect(throws: SetupError.bareModelId(.opus, id: bare, suggestion: "jp." + bare)) {
            try validator.model(bare, slot: .opus, region: "ap-northeast-1")
        }
        let error = SetupError.bareModelId(.primary, id: bare, suggestion: "us." + bare)
        #expect(error.message.contains("on-demand throughput isn’t supported"))
        #expect(
            error.fix
                == "Use the inference profile ID us.\(bare), or turn on the Mantle endpoint (CLAUDE_CODE_USE_MANTLE), which takes bare IDs."
        )
    }

    @Test func geographyTheRegionCannotCall() {
        #expect(
            throws: SetupError.geographyNotServed(
                .primary, id: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
                region: "us-east-1", suggestion: "us.anthropic.claude-sonnet-4-5-20250929-v1:0")
        ) {
            try validator.model("eu.anthropic.claude-sonnet-4-5-20250929-v1:0", slot: .primary, region: "us-east-1")
        }
    }

    @Test func profileTheBundledListDoesNotOfferFromAServedGeographyIsOnlyWarned() throws {
        // eu-west-2 has only Sonnet 4.5 under eu. in the bundled list; Bedrock may have more by now.
        let checked = try validator.checkModel(
            "eu.anthropic.claude-haiku-4-5-20251001-v1:0", slot: .smallFast, region: "eu-west-2")
        #expect(
            checked.reference
                == .inferenceProfile(geography: .eu, baseModelId: "anthropic.claude-haiku-4-5-20251001-v1:0"))
        #expect(checked.warnings.count == 1)
        #expect(
            checked.warnings[0].message
                == "The bundled list as of \(validator.catalogue.asOf) does not offer eu.anthropic.claude-haiku-4-5-20251001-v1:0 from eu-west-2."
        )
        #expect(checked.warnings[0].field == "ANTHROPIC_DEFAULT_HAIKU_MODEL")
    }

    @Test func govCloudAndCommercialNeverMix() {
        #expect(
            throws: SetupError.partitionMismatch(.primary, id: "us-gov.anthropic.claude-opus-4-8", region: "us-east-1")
        ) {
            try validator.model("us-gov.anthropic.claude-opus-4-8", slot: .primary, region: "us-east-1")
        }
        #expect(
            throws: SetupError.partitionMismatch(.primary, id: "us.anthropic.claude-opus-4-8", region: "us-gov-west-1")
        ) {
            try validator.model("us.anthropic.claude-opus-4-8", slot: .primary, region: "us-gov-west-1")
        }
    }

    @Test func newerModelInAServedGeographyIsAcceptedWithAWarning() throws {
        // Live discovery may know models the catalogue does not: only the geography is checked.
        let checked = try validator.checkModel("us.anthropic.claude-future-9", slot: .primary, region: "us-west-2")
        #expect(checked.reference == .inferenceProfile(geography: .us, baseModelId: "anthropic.claude-future-9"))
        #expect(
            checked.warnings.map(\.message) == [
                "us.anthropic.claude-future-9 is not in the bundled list as of \(validator.catalogue.asOf)."
            ])
    }

    @Test func applicationInferenceProfileARNs() throws {
        let arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6"
        #expect(
            try validator.model(arn, slot: .primary, region: "us-east-1")
                == .applicationProfileARN(
                    region: "us-east-1", account: "123456789012", profileId: "a1b2c3d4e5f6", arn: arn))
        #expect(throws: SetupError.arnRegionMismatch(.primary, arnRegion: "us-east-1", region: "eu-west-1")) {
            try validator.model(arn, slot: .primary, region: "eu-west-1")
        }
        #expect(
            throws: SetupError.malformedARN(
                .primary, arn: "arn:aws:bedrock:us-east-1:12345:application-inference-profile/x")
        ) {
            try validator.model(
                "arn:aws:bedrock:us-east-1:12345:application-inference-profile/x", slot: .primary, region: "us-east-1")
        }
    }

    @Test func foundationModelARNIsRefusedWithTheProfileOffered() {
        #expect(
            throws: SetupError.foundationModelARN(.primary, suggestion: "us.anthropic.claude-haiku-4-5-20251001-v1:0")
        ) {
            try validator.model(
                "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0",
                slot: .primary, region: "us-east-1")
        }
    }

    @Test("Malformed model values", arguments: ["claude-sonnet", "xx.anthropic.claude", "us.openai.gpt", "us."])
    func malformedModels(_ value: String) {
        #expect(throws: SetupError.malformedModelId(.sonnet, id: value)) {
            try validator.model(value, slot: .sonnet, region: "us-east-1")
        }
    }

    @Test func emptyAndMultilineModels() {
        #expect(throws: SetupError.emptyModel(.primary)) {
            try validator.model("  ", slot: .primary, region: "us-east-1")
        }
        #expect(throws: SetupError.lineBreakInValue(field: "primary model")) {
            try validator.model("us.anthropic.x\ncredential_process = sh", slot: .primary, region: "us-east-1")
        }
    }

    @Test func profileNames() throws {
        #expect(try validator.profileName("work-eu_2.0") == "work-eu_2.0")
        #expect(
            throws: SetupError.invalidProfileName(
                "team/eu", reason: "contains a slash, which would place the file in another folder")
        ) {
            try validator.profileName("team/eu")
        }
        #expect(throws: SetupError.invalidProfileName("", reason: "is empty")) { try validator.profileName("") }
        #expect(
            throws: SetupError.invalidProfileName(
                "..", reason: "has characters other than letters, digits, dots, dashes and underscores")
        ) {
            try validator.profileName("..")
        }
    }

    @Test func awsProfileNamesCannotInjectSections() {
        #expect(throws: SetupError.lineBreakInValue(field: "AWS profile name")) {
            try validator.awsProfileName("dev\n[profile evil]")
        }
        #expect(throws: SetupError.invalidAWSProfileName(reason: "contains a bracket")) {
            try validator.awsProfileName("dev]")
        }
        #expect(throws: SetupError.invalidAWSProfileName(reason: "has spaces at one end")) {
            try validator.awsProfileName(" dev")
        }
    }

    @Test func secretsAreCheckedWithoutEchoingThem() {
        let secret = "wJalrXUtnFEMI/K7MDENG bPxRfiCYEXAMPLEKEY"
        do {
            _ = try validator.secretAccessKey(secret)
            Issue.record("a secret with a space was accepted")
        } catch {
            #expect(!error.description.contains("wJalr"))
            #expect(error == .invalidSecretAccessKey)
        }
        #expect(throws: SetupError.invalidAccessKeyId) { try validator.accessKeyId("akia-lower") }
        #expect(throws: SetupError.lineBreakInValue(field: "Bedrock API key")) { try validator.apiKey("ABSK\nx") }
    }

    @Test func wholeProfile() throws {
        var profile = SetupProfile(
            name: "work", credentials: .sso, awsProfile: "corp-dev", region: "eu-central-1",
            model: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0")
        #expect(try validator.profile(profile) == profile)

        profile.smallFastRegion = "eu-west-1"
        #expect(throws: SetupError.smallFastRegionWithoutModel) { try validator.profile(profile) }

        profile.smallFastModel = "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
        #expect(try validator.profile(profile).smallFastRegion == "eu-west-1")

        profile.awsProfile = nil
        #expect(throws: SetupError.missingAWSProfile(.sso)) { try validator.profile(profile) }
    }

    @Test func everyErrorHasAMessageAndAFixOfOneSentenceEach() {
        let errors: [SetupError] = [
            .malformedRegion("x"), .unknownRegion("x", suggestion: nil), .emptyModel(.primary),
            .bareModelId(.primary, id: "a", suggestion: nil),
            .smallFastRegionWithoutModel, .invalidAccessKeyId, .locked(path: "/l"),
            .malformedJSON(path: "/p", detail: "line 1, column 2: x"),
            .notWritable(path: "/p", reason: "read-only"), .danglingSymlink(path: "/p"),
            .profileNotFound("x", available: ["a", "b"]),
        ]
        for error in errors {
            #expect(error.message.hasSuffix("."), "\(error)")
            #expect(error.fix.hasSuffix(".") || error.fix.hasSuffix("?"), "\(error)")
            #expect(!error.message.isEmpty && !error.fix.isEmpty)
        }
    }
}

/// The Region and base-model checks run on every start, so they are written without `Regex` (whose first use
/// costs a fifth of an offline doctor); the patterns they replace stay here as their oracle.
@Suite("Validation: name shapes against their regular expressions")
struct NameShapeTests {
    nonisolated(unsafe) static let regionPattern = #/[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}/#
    nonisolated(unsafe) static let baseModelPattern = #/anthropic\.[a-z0-9][a-z0-9.:-]*/#

    static func word(_ generator: inout SeededGenerator, _ parts: [String]) -> String {
        (0..<Int.random(in: 0...6, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined()
    }

    @Test func regionNamesAgreeWithThePattern() {
        var generator = SeededGenerator(seed: 20_261_126)
        let parts = [
            "us", "eu", "-", "gov", "iso", "isob", "isof", "east", "west", "1", "2", "12", "123", "a", "A", "é", "",
            " ", "ap-southeast-2", "_",
        ]
        // Half free-form, half shaped like a Region name from near-miss pieces, so both answers are common.
        let pieces = [
            ["us", "eu", "u", "use", "US", "é1"], ["", "gov-", "iso-", "isob-", "isoab-", "-"],
            ["east", "", "EAST", "south-east"],
            ["1", "12", "123", "", "x"],
        ]
        var matched = 0
        for round in 0..<20_000 {
            let name =
                round.isMultiple(of: 2)
                ? Self.word(&generator, parts)
                : pieces.map { $0.randomElement(using: &generator)! }.joined(separator: "-").replacingOccurrences(
                    of: "--", with: "-")
            let expected = name.wholeMatch(of: Self.regionPattern) != nil
            if expected { matched += 1 }
            #expect(Validator.isRegionName(name) == expected, "\(name.debugDescription)")
        }
        #expect(matched > 200, "the generator made too few Region names to compare")
        for name in ["us-east-1", "us-gov-west-1", "us-isob-east-1", "us-iso-west-1", "ap-southeast-2", "il-central-1"]
        {
            #expect(Validator.isRegionName(name))
        }
        for name in [
            "us-east-", "us--east-1", "use-east-1", "us-east-123", "us-gov-east", "us-isoab-east-1", "us-east-1\n",
            "ＵＳ-east-1",
        ] {
            #expect(!Validator.isRegionName(name), "\(name.debugDescription)")
        }
    }

    @Test func baseModelIdsAgreeWithThePattern() {
        var generator = SeededGenerator(seed: 20_261_127)
        let parts = [
            "anthropic.", "anthropic", ".", "claude", "-", "opus", "5", "v1", ":", "0", "_", "A", "/", "é", "",
        ]
        var matched = 0
        for _ in 0..<20_000 {
            let id = Self.word(&generator, parts)
            let expected = id.wholeMatch(of: Self.baseModelPattern) != nil
            if expected { matched += 1 }
            #expect(Validator.isBaseModelId(id) == expected, "\(id.debugDescription)")
        }
        #expect(matched > 200, "the generator made too few model IDs to compare")
    }
}
