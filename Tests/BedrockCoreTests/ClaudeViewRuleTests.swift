import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// Every rule of the facts page through the resolver, each case a throw-away HOME.
@Suite("Claude Code's view: the facts page, rule by rule")
struct ClaudeViewRuleTests {
    @Test(arguments: ClaudeViewTable.cases)
    func resolver(_ rule: ViewCase) throws {
        let home = rule.home()
        let paths = Paths(environment: home.environment, workingDirectory: rule.folder(home))
        // With the bundled catalogue as the listing Claude Code falls back to, as doctor resolves it.
        let view = ClaudeCodeView.resolve(
            ClaudeCodeView.Context(
                paths: paths, version: rule.version.flatMap(ClaudeCodeVersion.init(parsing:)),
                sha1Hex: Digest.sha1Hex), validator: Validator(catalogue: .bundled))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(view.json.serialized(indent: "").utf8)) as? [String: Any])
        #expect(rule.mismatches(object, home: home) == [], "\(rule.rule)")
        let codes = view.diagnoses(validator: Validator(catalogue: .bundled)).compactMap { $0.code?.rawValue }
        for code in rule.codes { #expect(codes.contains(code), "\(rule.rule): \(code) in \(codes)") }
        for code in rule.absentCodes { #expect(!codes.contains(code), "\(rule.rule): no \(code) in \(codes)") }
    }

    @Test func versionsParseAndCompare() {
        #expect(ClaudeCodeVersion(parsing: "2.1.240 (Claude Code)") == ClaudeCodeVersion(2, 1, 240))
        #expect(ClaudeCodeVersion(parsing: "claude: command not found") == nil)
        #expect(ClaudeCodeVersion(2, 1, 97) < ClaudeCodeVersion(2, 1, 172))
        #expect(ClaudeCodeVersion(2, 2, 0) > ClaudeCodeVersion(2, 1, 999))
        let none: ClaudeCodeVersion? = nil
        #expect(none.follows(.regionShapeChecked))
        #expect(!Optional(ClaudeCodeVersion(2, 1, 171)).follows(.regionFromProfile))
    }

    @Test func defaultsTableByVersionAndPrefixRule() {
        #expect(ClaudeCodeDefaults.of(nil).primary == "anthropic.claude-opus-5")
        #expect(
            ClaudeCodeDefaults.of(ClaudeCodeVersion(2, 1, 219)).background
                == "anthropic.claude-sonnet-4-5-20250929-v1:0")
        #expect(ClaudeCodeDefaults.of(ClaudeCodeVersion(2, 1, 218)).primary == "anthropic.claude-opus-4-8")
        #expect(
            ClaudeCodeDefaults.of(ClaudeCodeVersion(2, 1, 100)).primary == "anthropic.claude-sonnet-4-5-20250929-v1:0")
        for (region, prefix) in [
            ("us-gov-west-1", "us-gov"), ("us-east-1", "us"), ("eu-west-3", "eu"), ("ap-southeast-2", "apac"),
            ("sa-east-1", "global"),
        ] {
            #expect(ClaudeCodeDefaults.prefix(forRegion: region) == prefix)
        }
        // The override is a 2.1.224 feature, and only known prefixes count.
        #expect(
            ClaudeCodeDefaults.profile(
                for: "b", region: "eu-west-1", prefixOverride: "jp", version: ClaudeCodeVersion(2, 1, 223)) == "eu.b")
        #expect(
            ClaudeCodeDefaults.profile(for: "b", region: "eu-west-1", prefixOverride: "mars", version: nil) == "eu.b")
        // A prefix the account does not offer falls back to one it does.
        #expect(
            ClaudeCodeDefaults.profile(
                for: "b", region: "ap-south-1", prefixOverride: nil, version: nil, offered: ["global.b", "us.b"])
                == "global.b")
    }
}
