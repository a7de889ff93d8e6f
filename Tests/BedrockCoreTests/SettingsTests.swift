import BedrockCore
import Foundation
import TestSupport
import Testing

@Suite("Claude settings merge")
struct SettingsMergeTests {
    let profile = SetupProfile(
        name: "work", credentials: .sso, awsProfile: "corp-dev", region: "eu-central-1",
        model: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0", authRefresh: .ssoLogin)

    func merge(_ text: String?, _ profile: SetupProfile) throws -> String {
        let json = try text.map { try JSONParser.parse($0) }
        let merged = SettingsMerge.apply(
            env: profile.environment(), authRefresh: profile.authRefresh.command(awsProfile: profile.awsProfile),
            to: json)
        return SettingsMerge.text(merged, like: text)
    }

    @Test func intoNothing() throws {
        #expect(
            try merge(nil, profile) == """
                {
                  "$schema": "https://json.schemastore.org/claude-code-settings.json",
                  "env": {
                    "CLAUDE_CODE_USE_BEDROCK": "1",
                    "AWS_REGION": "eu-central-1",
                    "AWS_PROFILE": "corp-dev",
                    "ANTHROPIC_MODEL": "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"
                  },
                  "awsAuthRefresh": "aws sso login --profile 'corp-dev'"
                }

                """)
    }

    @Test func keepsEverythingItDoesNotOwnInOrder() throws {
        let existing = """
            {
                "model": "opus",
                "permissions": {"allow": ["Bash(git diff:*)"], "deny": []},
                "env": {"DISABLE_TELEMETRY": "1", "AWS_REGION": "us-east-1", "ANTHROPIC_SMALL_FAST_MODEL": "us.anthropic.claude-3-5-haiku-20241022-v1:0", "MY_VAR": "x"},
                "cleanupPeriodDays": 30,
                "ratio": 1.50
            }
            """
        let merged = try JSONParser.parse(try merge(existing, profile))
        guard case .object(let members) = merged else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.0) == ["model", "permissions", "env", "cleanupPeriodDays", "ratio", "awsAuthRefresh"])
        #expect(merged["ratio"] == .number("1.50"))
        #expect(merged["permissions"] == (try JSONParser.parse(#"{"allow": ["Bash(git diff:*)"], "deny": []}"#)))
        guard case .object(let env)? = merged["env"] else {
            Issue.record("no env")
            return
        }
        // The stale small/fast pin is removed; the user's own variables stay where they were.
        #expect(
            env.map(\.0) == [
                "DISABLE_TELEMETRY", "AWS_REGION", "MY_VAR", "CLAUDE_CODE_USE_BEDROCK", "AWS_PROFILE",
                "ANTHROPIC_MODEL",
            ])
        #expect(merged["env"]?["AWS_REGION"] == .string("eu-central-1"))
        // The file's own indent (4 spaces) is kept.
        #expect(try merge(existing, profile).contains("\n    \"model\": \"opus\""))
    }

    @Test func switchingAwayFromSSODropsTheRefreshCommand() throws {
        let first = try merge(nil, profile)
        var keys = profile
        keys.credentials = .apiKey
        keys.authRefresh = .none
        let merged = SettingsMerge.apply(
            env: keys.environment(apiKey: "ABSKexampleexample"), authRefresh: nil, to: try JSONParser.parse(first))
        #expect(merged["awsAuthRefresh"] == nil)
        #expect(merged["env"]?["AWS_PROFILE"] == nil)
        #expect(merged["env"]?["AWS_BEARER_TOKEN_BEDROCK"] == .string("ABSKexampleexample"))
    }

    @Test func removeIsTheInverseOfApply() throws {
        let original = try JSONParser.parse(#"{"model": "opus", "env": {"MY_VAR": "x"}}"#)
        let applied = SettingsMerge.apply(env: profile.environment(), authRefresh: "aws sso login", to: original)
        #expect(SettingsMerge.remove(from: applied) == original)
        let bare = try JSONParser.parse(#"{"model": "opus"}"#)
        #expect(
            SettingsMerge.remove(from: SettingsMerge.apply(env: profile.environment(), authRefresh: nil, to: bare))
                == bare)
    }

    @Test func malformedSettingsAreTypedErrorsWithAPosition() {
        let home = TestHome()
        home.write(".claude/settings.json", "{\n  \"env\": {\"A\": \"1\",}\n}")
        #expect(
            throws: SetupError.malformedJSON(
                path: home.paths.userSettings, detail: "line 2, column 20: expected a quoted key")
        ) {
            try ClaudeSettingsFile.read(home.paths.userSettings)
        }
        home.write(".claude/settings.json", #"{"env": ["A=1"]}"#)
        #expect(throws: SetupError.notAJSONObject(path: home.paths.userSettings, key: "env")) {
            try ClaudeSettingsFile.read(home.paths.userSettings)
        }
        home.write(".claude/settings.json", "// comment\n{}")
        #expect(
            throws: SetupError.malformedJSON(
                path: home.paths.userSettings, detail: "line 1, column 1: comments are not allowed in JSON")
        ) {
            try ClaudeSettingsFile.read(home.paths.userSettings)
        }
    }

    @Test func profileFragmentRoundTrips() throws {
        let fragment = ProfileStore.fragment(for: profile, apiKey: nil)
        let env = Dictionary(
            uniqueKeysWithValues: try #require(
                { () -> [(String, String)]? in
                    guard case .object(let members)? = fragment["env"] else { return nil }
                    return members.map { ($0.0, $0.1.stringValue!) }
                }()))
        #expect(
            try SetupProfile(name: "work", fragmentEnv: env, authRefresh: fragment["awsAuthRefresh"]?.stringValue)
                == profile)
    }
}

@Suite("JSON")
struct JSONTests {
    @Test(
        "Python's json module reads what we write",
        arguments: [
            #"{"a": "quote \" backslash \\ tab \t newline \n bell \u0007 é 🚀", "b": [1, -2.5e10, true, false, null, {}], "c": {}}"#,
            #"[]"#,
            #""\u00e9\ud83d\ude80""#,
        ])
    func roundTripThroughPython(_ text: String) throws {
        let value = try JSONParser.parse(text)
        let ours = value.serialized()
        let python = try run(
            ["python3", "-c", "import json,sys; print(json.dumps(json.loads(sys.stdin.read()), sort_keys=True))"],
            input: ours)
        let reference = try run(
            ["python3", "-c", "import json,sys; print(json.dumps(json.loads(sys.stdin.read()), sort_keys=True))"],
            input: text)
        #expect(python == reference)
        #expect(try JSONParser.parse(ours) == value)
    }

    @Test(
        "Rejects what is not JSON",
        arguments: ["{", "[1,]", "{\"a\" 1}", "01", "\"\u{01}\"", "tru", "{} x", "\"\\ud800\""])
    func rejects(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test(
        "String values, with and without escapes, wherever they sit",
        arguments: [
            (#""plain""#, "plain"), (#""""#, ""), (#""é 🚀 ü""#, "é 🚀 ü"), (#""\"lead""#, "\"lead"),
            (#""trail\n""#, "trail\n"),
            (#""mid\\dle\/x""#, "mid\\dle/x"), (#""\u00e9\ud83d\ude80z""#, "é🚀z"), (#""a\u0000b""#, "a\u{0}b"),
            (#""\b\f\r\t""#, "\u{08}\u{0C}\r\t"), (#""before é\tafter""#, "before é\tafter"),
        ])
    func strings(_ text: String, _ expected: String) throws {
        #expect(try JSONParser.parse(text) == .string(expected))
        #expect(
            try JSONParser.parse("{" + text + ": [" + text + "]}") == .object([(expected, .array([.string(expected)]))])
        )
    }

    @Test func depthIsBounded() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(String(repeating: "[", count: 100_000)) }
    }
}

@Suite("Diff")
struct DiffTests {
    @Test(
        "Same hunks as GNU diff -u",
        arguments: [
            ("a\nb\nc\n", "a\nB\nc\n"),
            ("", "x\ny\n"),
            (
                "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n",
                "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\nthirteen\n14\nfifteen\n"
            ),
            ("keep\nold\n", "keep\n"),
        ])
    func matchesGNUDiff(old: String, new: String) throws {
        let home = TestHome()
        home.write("old", old)
        home.write("new", new)
        let ours = UnifiedDiff.render(old: old, new: new, path: "f")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        process.arguments = ["-u", home.home + "/old", home.home + "/new"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let gnu = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let hunks = { (text: String) in
            text.split(separator: "\n").filter { !$0.hasPrefix("---") && !$0.hasPrefix("+++") }
        }
        #expect(hunks(ours) == hunks(gnu))
    }

    @Test func secretsAreMaskedInDiffs() {
        let diff = UnifiedDiff.render(
            old: nil, new: "aws_secret_access_key = SECRETSECRETSECRET1234\n", path: "c",
            redacting: ["SECRETSECRETSECRET1234"])
        #expect(diff.contains("****1234"))
        #expect(!diff.contains("SECRETSECRET"))
        // Old secrets nobody listed are masked by the name that assigns them, in every format written.
        for (line, masked) in [
            ("\"AWS_BEARER_TOKEN_BEDROCK\": \"ABSKoldoldoldold9876\",", "\"AWS_BEARER_TOKEN_BEDROCK\": \"****9876\","),
            ("export AWS_SECRET_ACCESS_KEY='oldoldoldold9876'", "export AWS_SECRET_ACCESS_KEY='****9876'"),
            ("set -gx AWS_SESSION_TOKEN 'oldoldoldold9876'", "set -gx AWS_SESSION_TOKEN '****9876'"),
            ("aws_session_token = oldoldoldold9876", "aws_session_token = ****9876"),
            ("unset AWS_BEARER_TOKEN_BEDROCK ANTHROPIC_MODEL", "unset AWS_BEARER_TOKEN_BEDROCK ANTHROPIC_MODEL"),
            ("set -e AWS_BEARER_TOKEN_BEDROCK", "set -e AWS_BEARER_TOKEN_BEDROCK"),
        ] {
            #expect(SecretLine.redact(line) == masked)
            #expect(UnifiedDiff.render(old: line + "\n", new: nil, path: "f").contains("-" + masked))
        }
    }

    @Test func identicalTextsHaveNoDiff() {
        #expect(UnifiedDiff.render(old: "a\n", new: "a\n", path: "f") == "")
    }
}
