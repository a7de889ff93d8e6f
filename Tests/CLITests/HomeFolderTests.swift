import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// Run from the home folder, ~/.claude/settings.json is the user settings file only: never also "project settings",
/// and a problem in it is reported once (issue 14).
@Suite("Run from the home folder", .timeLimit(.minutes(2)))
struct HomeFolderTests {
    @Test func aMalformedUserSettingsFileIsOneProblemNotTwo() throws {
        let home = TestHome()
        home.write(".claude/settings.json", "{\"env\": {\n")
        // What the wizard's Start screen lists.
        let current = CurrentSetup.read(
            paths: Paths(environment: home.environment, workingDirectory: home.home), sha1Hex: Digest.sha1Hex)
        #expect(current.problems.count == 1, "\(current.problems)")
        // What doctor lists.
        let result = try home.cli(["doctor", "--offline", "--json"], directory: home.home)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        let checks = try #require(json["checks"] as? [[String: Any]])
        let aboutTheFile = checks.filter { ($0["cause"] as? String)?.contains("settings.json") == true }
        #expect(aboutTheFile.count == 1, "\(aboutTheFile)")
        #expect(!result.stdout.contains("project settings"))
    }

    @Test func itsValuesAreLabelledUserSettings() throws {
        let home = TestHome()
        home.write(".claude/settings.json", #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-2"}}"#)
        let result = try home.cli(["doctor", "--offline", "--json"], directory: home.home)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        let settings = try #require(json["settings"] as? [String: [String: String]])
        #expect(settings["AWS_REGION"]?["source"] == "user settings (\(home.home)/.claude/settings.json)")
        #expect(!result.stdout.contains("project settings"))
    }
}
