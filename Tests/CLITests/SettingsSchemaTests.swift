import BedrockCore
import Foundation
import TestSupport
import Testing

/// Every settings file `apply` writes, for every credentials option, target and set of Bedrock
/// options, validates against Claude Code's settings schema (../shared/vectors), checked by
/// Python's jsonschema.
@Suite("Settings files against Claude Code's schema", .timeLimit(.minutes(5)))
struct SettingsSchemaTests {
    static let schema = TestPaths.vectors + "/claude-code-settings/schema.json"
    static let apiKey = "ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlCANARY42"
    static let secret = "wJalrXUtnFEMIK7MDENGbPxRfiCYCANARYKEY042"

    /// Validates each file; returns "path: error" for each one that fails.
    func schemaErrors(_ paths: [String]) throws -> [String] {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.Draft7Validator(schema)
            for path in sys.argv[2:]:
                for error in validator.iter_errors(json.load(open(path))):
                    print(path + ": " + error.message)
            """
        let output = try run(["python3", "-c", script, Self.schema] + paths)
        return output.split(separator: "\n").map(String.init)
    }

    static let credentials: [(String, [String], [String: String], String)] = [
        (
            "aws-profile", ["--aws-profile", "dev", "--write-keys", "--secret-from-stdin"], [:],
            "AKIAIOSFODNN7EXAMPLE\n\(secret)\n"
        ),
        ("env", [], ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": secret], ""),
        ("sso", ["--aws-profile", "corp"], [:], ""),
        ("api-key", [], ["AWS_BEARER_TOKEN_BEDROCK": apiKey], ""),
    ]

    static let optionSets: [(String, [String])] = [
        ("no options", []),
        (
            "every option",
            [
                "--model", "opusplan", "--opus-model", "us.anthropic.claude-opus-5[1m]", "--sonnet-model",
                "us.anthropic.claude-sonnet-5",
                "--small-fast-model", "us.anthropic.claude-haiku-5-5", "--fable-model", "us.anthropic.claude-fable-5-1",
                "--default-model", "sonnet[1m]", "--region-prefix", "global", "--service-tier", "flex", "--guardrail",
                "gr1a2b3c4d5e:2",
                "--gateway-url", "https://llm-gateway.example.com/bedrock", "--skip-bedrock-auth",
                "--prompt-caching-1h",
                "--model-override",
                "claude-opus-4-6=arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/opusprod1",
                "--pin-name", "ANTHROPIC_DEFAULT_OPUS_MODEL=Opus 5 (team)",
                "--pin-capabilities", "ANTHROPIC_DEFAULT_OPUS_MODEL=effort,thinking,adaptive_thinking",
            ]
        ),
        (
            "mantle",
            [
                "--mantle", "--mantle-url", "https://bedrock-mantle.us-east-1.api.aws", "--model",
                "anthropic.claude-sonnet-5",
                "--disable-prompt-caching",
            ]
        ),
    ]

    @Test("Every credentials option × target × option set", arguments: ["user", "project"])
    func everyFileValidates(target: String) throws {
        // Each home is removed when it goes out of scope: keep a copy of every file for the one schema run.
        let keep = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: keep) }
        var written: [String] = []
        for (method, flags, environment, input) in Self.credentials {
            for (name, options) in Self.optionSets {
                let home = TestHome()
                home.write(
                    ".aws/config",
                    "[profile corp]\nsso_session = c\nsso_account_id = 111122223333\nsso_role_name = Dev\n"
                        + "[sso-session c]\nsso_start_url = https://c.awsapps.com/start\nsso_region = us-east-1\n")
                // An existing file keeps what the tool does not own (and is merged, not replaced).
                if name == "every option" {
                    let existing =
                        "{\"model\": \"sonnet\", \"env\": {\"ANTHROPIC_CUSTOM_HEADERS\": \"X-Team: blue\", \"MY_VAR\": \"1\"}}"
                    home.write(
                        target == "user" ? ".claude/settings.json" : home.work + "/.claude/settings.local.json",
                        existing)
                }
                let result = try home.cli(
                    ["apply", "--profile-name", "p", "--credentials", method, "--region", "us-east-1"] + flags + options
                        + ["--target", target, "--yes"], environment: environment, input: input)
                #expect(result.status == 0, "\(method) \(name): \(result.stderr)")
                let settings =
                    target == "user" ? home.home + "/.claude/settings.json" : home.work + "/.claude/settings.local.json"
                let fragment = home.home + "/.config/bedrock-setup/profiles/p.json"
                for (index, path) in [settings, fragment].enumerated() {
                    let copy = keep + "/\(method)-\(name.replacingOccurrences(of: " ", with: "-"))-\(index).json"
                    try FileManager.default.copyItem(atPath: path, toPath: copy)
                    written.append(copy)
                }
                let json = try JSONParser.parse(try #require(home.read(settings)))
                if name == "every option" {
                    #expect(json["model"] == .string("sonnet"))
                    #expect(json["env"]?["MY_VAR"] == .string("1"))
                    #expect(
                        json["env"]?["ANTHROPIC_CUSTOM_HEADERS"]
                            == .string(
                                "X-Team: blue\nX-Amzn-Bedrock-GuardrailIdentifier: gr1a2b3c4d5e\nX-Amzn-Bedrock-GuardrailVersion: 2"
                            ))
                    #expect(json["env"]?["ANTHROPIC_BEDROCK_SERVICE_TIER"] == .string("flex"))
                    #expect(json["env"]?["CLAUDE_CODE_SKIP_BEDROCK_AUTH"] == .string("1"))
                    #expect(json["env"]?["ANTHROPIC_DEFAULT_HAIKU_MODEL"] == .string("us.anthropic.claude-haiku-5-5"))
                    #expect(json["env"]?["ANTHROPIC_SMALL_FAST_MODEL"] == nil)
                    #expect(json["modelOverrides"]?["claude-opus-4-6"] != nil)
                    #expect(json["$schema"] == nil, "an existing file is not given a $schema it did not have")
                } else {
                    #expect(json["$schema"] == .string(ClaudeEnv.schemaURL))
                }
            }
        }
        #expect(written.count == Self.credentials.count * Self.optionSets.count * 2)
        #expect(try schemaErrors(written) == [])
    }

    @Test func theSchemaCheckCanFail() throws {
        // The same check refuses what Claude Code would refuse.
        let home = TestHome()
        home.write("bad.json", "{\"awsAuthRefresh\": \"\", \"env\": {\"CLAUDE_CODE_USE_BEDROCK\": \"yes\"}}")
        #expect(try schemaErrors([home.home + "/bad.json"]).count == 2)
    }

    @Test func badOptionsAreRefusedAndNothingIsWritten() throws {
        for (flags, message) in [
            (["--skip-bedrock-auth"], "without --gateway-url Claude Code would call Bedrock unsigned"),
            (["--gateway-url", "http://gateway.example.com"], "is not an https:// address"),
            (["--guardrail", "gr1:latest"], "\"latest\" is not a version number or DRAFT"),
            (["--region-prefix", "mars"], "ANTHROPIC_BEDROCK_REGION_PREFIX is \"mars\""),
            (["--model", "us.anthropic.claude-sonnet-5", "--mantle"], "the Mantle endpoint does not take"),
            (["--pin-capabilities", "ANTHROPIC_DEFAULT_OPUS_MODEL=telepathy"], "names telepathy"),
            (["--auth-refresh", "  "], "awsAuthRefresh is blank"),
        ] {
            let home = TestHome()
            let before = home.snapshot()
            let result = try home.cli(["apply", "--credentials", "env", "--region", "us-east-1", "--yes"] + flags)
            #expect(result.status == 64, "\(flags): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(flags): \(result.stderr)")
            #expect(home.snapshot() == before)
        }
    }

    @Test func doctorShowsAndChecksTheBedrockSettings() throws {
        let home = TestHome()
        home.write(
            ".claude/settings.json",
            """
            {"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "ANTHROPIC_MODEL": "global.anthropic.claude-opus-5[1m]",
                     "ANTHROPIC_DEFAULT_FABLE_MODEL": "us.anthropic.claude-fable-5-1", "ANTHROPIC_BEDROCK_SERVICE_TIER": "priority",
                     "ANTHROPIC_CUSTOM_HEADERS": "X-Team: blue\\nX-Amzn-Bedrock-GuardrailIdentifier: gr1a2b3c4d5e\\nX-Amzn-Bedrock-GuardrailVersion: 3",
                     "ANTHROPIC_BEDROCK_BASE_URL": "https://llm-gateway.example.com", "CLAUDE_CODE_SKIP_BEDROCK_AUTH": "1"}}
            """)
        let result = try home.cli(["doctor", "--offline"])
        #expect(result.status == 0, "\(result.stdout)")
        // A valid [1m] pin is not a failure any more.
        #expect(result.stdout.contains("✓ ANTHROPIC_MODEL: global.anthropic.claude-opus-5[1m]"))
        #expect(result.stdout.contains("✓ ANTHROPIC_DEFAULT_FABLE_MODEL: us.anthropic.claude-fable-5-1"))
        #expect(result.stdout.contains("✓ ANTHROPIC_BEDROCK_SERVICE_TIER: priority"))
        #expect(result.stdout.contains("✓ ANTHROPIC_CUSTOM_HEADERS: Guardrail gr1a2b3c4d5e version 3"))
        #expect(result.stdout.contains("✓ Credentials: none needed: CLAUDE_CODE_SKIP_BEDROCK_AUTH is set"))

        home.write(
            ".claude/settings.json",
            """
            {"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "ANTHROPIC_BEDROCK_SERVICE_TIER": "turbo",
                     "CLAUDE_CODE_SKIP_BEDROCK_AUTH": "1", "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "\(Self.secret)"}}
            """)
        let broken = try home.cli(["doctor", "--offline"])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("✗ ANTHROPIC_BEDROCK_SERVICE_TIER: \"turbo\""))
        #expect(broken.stdout.contains("CLAUDE_CODE_SKIP_BEDROCK_AUTH is set without ANTHROPIC_BEDROCK_BASE_URL"))
    }
    /// The wizard's removal of a modelOverrides entry: the entry goes, every other one the file had stays (and one
    /// the profile sets is written), the whole list goes when nothing is left, and each result validates.
    @Test func removingAModelOverrideKeepsTheOthersAndValidates() throws {
        let arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1"
        let file = try JSONParser.parse(
            #"{"modelOverrides": {"claude-opus-4-6": "\#(arn)", "claude-sonnet-4-5": "\#(arn)"}, "theme": "dark"}"#)
        let env = [("CLAUDE_CODE_USE_BEDROCK", "1"), ("AWS_REGION", "us-east-1")]
        let one = SettingsMerge.apply(
            env: env, authRefresh: nil, modelOverrides: ["claude-haiku-4-5": arn],
            removingModelOverrides: ["claude-opus-4-6"], to: file)
        #expect(
            one["modelOverrides"] == .object([("claude-sonnet-4-5", .string(arn)), ("claude-haiku-4-5", .string(arn))]))
        #expect(one["theme"] == .string("dark"))
        let none = SettingsMerge.apply(
            env: env, authRefresh: nil, removingModelOverrides: ["claude-opus-4-6", "claude-sonnet-4-5"], to: file)
        #expect(none["modelOverrides"] == nil && none["theme"] == .string("dark"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paths = [(one, "one.json"), (none, "none.json")].map { json, name in
            let path = folder + "/" + name
            FileManager.default.createFile(atPath: path, contents: Data(json.serialized().utf8))
            return path
        }
        #expect(try schemaErrors(paths) == [])
    }
}
