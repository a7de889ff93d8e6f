import BedrockCore
import Foundation
import TestSupport
import Testing

/// A Region switch outside the wizard moves the pins as the wizard's Region step does (the core's `remappingPins`):
/// `profiles use NAME --region R`, and `apply --preset` with another Region than the preset's.
@Suite("CLI: switching Region carries the model pins", .timeLimit(.minutes(2)))
struct RegionSwitchTests {
    static let keys = [
        "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY",
    ]
    static let sonnet = "anthropic.claude-sonnet-4-5-20250929-v1:0"
    static let haiku = "anthropic.claude-haiku-4-5-20251001-v1:0"

    func env(_ home: TestHome, _ file: String = ".claude/settings.json") throws -> [String: String] {
        let json = try JSONParser.parse(try #require(home.read(file)))
        guard case .object(let members)? = json["env"] else { return [:] }
        return Dictionary(
            uniqueKeysWithValues: members.compactMap { key, value in value.stringValue.map { (key, $0) } })
    }

    func usSetup() throws -> TestHome {
        let home = TestHome()
        let made = try home.cli(
            [
                "apply", "--profile-name", "team", "--credentials", "env", "--region", "us-east-1",
                "--model", "us." + Self.sonnet, "--small-fast-model", "us." + Self.haiku, "--yes",
            ], environment: Self.keys)
        #expect(made.status == 0, "\(made.stderr)")
        return home
    }

    @Test(
        "profiles use --region moves the pins to the Region's geography",
        arguments: [("eu-central-1", "eu."), ("ap-northeast-1", "jp.")])
    func profilesUseWithAnotherRegion(region: String, prefix: String) throws {
        let home = try usSetup()
        let result = try home.cli(["profiles", "use", "team", "--region", region, "--yes"], environment: Self.keys)
        #expect(result.status == 0, "\(result.stderr)")
        let expected = [
            "CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": region, "ANTHROPIC_MODEL": prefix + Self.sonnet,
            "ANTHROPIC_DEFAULT_HAIKU_MODEL": prefix + Self.haiku,
        ]
        #expect(try env(home) == expected)
        // The saved profile moves too, so the next `profiles use team` keeps the new Region.
        #expect(try env(home, ".config/bedrock-setup/profiles/team.json") == expected)
        #expect(
            result.stderr.contains("us.\(Self.sonnet) is not called from \(region); \(prefix)\(Self.sonnet)"),
            "\(result.stderr)")
    }

    @Test func profilesUseWithAnUnknownRegionChangesNothing() throws {
        let home = try usSetup()
        let before = home.snapshot()
        let result = try home.cli(
            ["profiles", "use", "team", "--region", "mars-north-1", "--yes"], environment: Self.keys)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(home.snapshot() == before)
    }

    @Test func aPresetsPinsFollowAnotherRegionButAPinGivenOnTheLineDoesNot() throws {
        let home = try usSetup()
        #expect(try home.cli(["preset", "create", "team.json", "--yes"], environment: Self.keys).status == 0)
        let moved = try home.cli(
            ["apply", "--preset", "team.json", "--region", "eu-west-3", "--yes"], environment: Self.keys)
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(try env(home)["ANTHROPIC_MODEL"] == "eu." + Self.sonnet)
        #expect(try env(home)["ANTHROPIC_DEFAULT_HAIKU_MODEL"] == "eu." + Self.haiku)
        // What the person typed is not rewritten: the validator refuses it, naming it, and nothing changes.
        let before = home.snapshot()
        let typed = try home.cli(
            ["apply", "--preset", "team.json", "--region", "eu-west-3", "--model", "us." + Self.sonnet, "--yes"],
            environment: Self.keys)
        #expect(typed.status != 0)
        #expect(typed.stderr.contains("us." + Self.sonnet), "\(typed.stderr)")
        #expect(home.snapshot() == before)
    }
}
