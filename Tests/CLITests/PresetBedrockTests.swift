import BedrockCore
import Foundation
import TestSupport
import Testing

/// A preset's Bedrock options (service tier, Guardrail, gateway, Mantle, prompt caching): taken from one machine by
/// `preset create`, reproducing the same settings file on a fresh one through `apply --preset`, locked, and refused
/// with the field named when wrong.
extension PresetTests {
    static let settingsSchema = TestPaths.vectors + "/claude-code-settings/schema.json"

    /// Claude Code's settings schema (draft 7) on each file: its error messages, none when valid.
    func settingsSchemaErrors(_ files: [String]) throws -> [String] {
        let script = """
            import json, sys, jsonschema
            validator = jsonschema.Draft7Validator(json.load(open(sys.argv[1])))
            for path in sys.argv[2:]:
                for error in validator.iter_errors(json.load(open(path))):
                    print(path + ": " + error.message)
            """
        return try run(["python3", "-c", script, Self.settingsSchema] + files).split(separator: "\n").map(String.init)
    }

    static let bedrockSets: [(name: String, flags: [String], preset: JSONValue)] = [
        (
            "gateway",
            [
                "--model", sonnet, "--service-tier", "flex", "--guardrail", "gr1a2b3c4d5e:3",
                "--gateway-url", "https://llm-gateway.example.com/bedrock", "--skip-bedrock-auth",
                "--prompt-caching-1h",
            ],
            .object([
                ("serviceTier", .string("flex")),
                ("guardrail", .object([("identifier", .string("gr1a2b3c4d5e")), ("version", .string("3"))])),
                (
                    "gateway",
                    .object([
                        ("url", .string("https://llm-gateway.example.com/bedrock")), ("skipBedrockAuth", .bool(true)),
                    ])
                ),
                ("promptCaching", .string("1h")),
            ])
        ),
        (
            "mantle",
            [
                "--model", "anthropic.claude-sonnet-4-5-20250929-v1:0", "--mantle", "--mantle-url",
                "https://bedrock-mantle.eu-central-1.api.aws", "--disable-prompt-caching",
            ],
            .object([
                ("mantle", .object([("url", .string("https://bedrock-mantle.eu-central-1.api.aws"))])),
                ("promptCaching", .string("off")),
            ])
        ),
    ]

    @Test("A preset's Bedrock options reproduce the same settings file in a fresh HOME", arguments: [0, 1])
    func bedrockOptionsRoundTrip(set: Int) throws {
        let (name, flags, bedrock) = Self.bedrockSets[set]
        let engineer = TestHome()
        let made = try engineer.cli(
            ["apply", "--credentials", "api-key", "--region", "eu-central-1", "--yes"] + flags,
            environment: ["AWS_BEARER_TOKEN_BEDROCK": Self.apiKey])
        #expect(made.status == 0, "\(name): \(made.stderr)")
        let created = try engineer.cli(["preset", "create", "team.json", "--lock", "bedrock", "--yes"])
        #expect(created.status == 0, "\(name): \(created.stderr)")
        let presetPath = engineer.work + "/team.json"
        let preset = try JSONParser.parse(try String(contentsOfFile: presetPath, encoding: .utf8))
        #expect(preset["version"] == .number("2") && preset["bedrock"] == bedrock, "\(name): \(preset.serialized())")
        #expect(preset["locked"] == .array([.string("bedrock")]))
        #expect(try schemaErrors([presetPath]) == [nil])

        let developer = TestHome()
        let applied = try developer.cli(
            ["apply", "--preset", presetPath, "--yes"], environment: ["AWS_BEARER_TOKEN_BEDROCK": Self.otherKey])
        #expect(applied.status == 0, "\(name): \(applied.stderr)")
        let original = try #require(engineer.read(".claude/settings.json"))
        let reproduced = try #require(developer.read(".claude/settings.json"))
        #expect(reproduced == original.replacingOccurrences(of: Self.apiKey, with: Self.otherKey), "\(name)")
        #expect(
            try settingsSchemaErrors([
                engineer.home + "/.claude/settings.json", developer.home + "/.claude/settings.json",
            ]) == [])
    }

    /// A locked `bedrock` cannot be changed by a flag (the same value is no change); unlocked, a flag wins over the
    /// preset's value for that option only.
    @Test func lockedBedrockOptionsCannotBeChangedAndUnlockedOnesCan() throws {
        let home = TestHome()
        let options = #""bedrock": {"serviceTier": "flex", "guardrail": {"identifier": "gr1a2b3c4d5e", "version": 2}}"#
        home.write(
            home.work + "/locked.json",
            """
            {"version": 2, "credentials": {"method": "api-key"}, "region": "eu-central-1", \(options), "locked": ["bedrock"]}
            """)
        home.write(
            home.work + "/open.json",
            """
            {"version": 2, "credentials": {"method": "api-key"}, "region": "eu-central-1", \(options)}
            """)
        let key = ["AWS_BEARER_TOKEN_BEDROCK": Self.apiKey]
        let before = home.snapshot()
        for (flags, shown) in [
            (
                ["--service-tier", "priority"],
                "--service-tier cannot change bedrock: the preset locked.json locks it (flex)"
            ),
            (
                ["--skip-bedrock-auth", "--gateway-url", "https://gw.example.com"],
                "--gateway-url cannot change bedrock"
            ),
            (["--disable-prompt-caching"], "locks it (prompt caching standard)"),
        ] {
            let refused = try home.cli(["apply", "--preset", "locked.json", "--yes"] + flags, environment: key)
            #expect(refused.status == 64, "\(flags): \(refused.stderr)")
            #expect(refused.stderr.contains(shown), "\(refused.stderr)")
        }
        #expect(home.snapshot() == before)
        // Locking the options of a setup that has none locks Claude Code's defaults.
        let plain = TestHome()
        let made = try plain.cli(
            ["apply", "--credentials", "api-key", "--region", "eu-central-1", "--yes"], environment: key)
        let created = try plain.cli(["preset", "create", "plain.json", "--lock", "bedrock", "--yes"])
        #expect(made.status == 0 && created.status == 0, "\(made.stderr)\(created.stderr)")
        let plainPreset = try JSONParser.parse(try #require(plain.read(plain.work + "/plain.json")))
        #expect(plainPreset["bedrock"] == .object([]) && plainPreset["locked"] == .array([.string("bedrock")]))
        let same = try home.cli(
            ["apply", "--preset", "locked.json", "--service-tier", "flex", "--yes"], environment: key)
        #expect(same.status == 0, "\(same.stderr)")
        let changed = try home.cli(
            ["apply", "--preset", "open.json", "--service-tier", "priority", "--yes"], environment: key)
        #expect(changed.status == 0, "\(changed.stderr)")
        let env = try settingsEnv(home)
        #expect(env["ANTHROPIC_BEDROCK_SERVICE_TIER"] == "priority")
        #expect(
            env["ANTHROPIC_CUSTOM_HEADERS"]
                == "X-Amzn-Bedrock-GuardrailIdentifier: gr1a2b3c4d5e\nX-Amzn-Bedrock-GuardrailVersion: 2")
    }

    /// Each bad Bedrock option is refused (exit 65) naming its field, nothing written; a gateway address or header
    /// carrying a credential is refused as a secret without showing it. Where the schema can say it, it agrees.
    @Test func badBedrockOptionsNameTheField() throws {
        let cases: [BadPreset] =
            [
                (#""guardrail": {"identifier": "gr1a2b3c4d5e", "version": "v1"}"#, "bedrock.guardrail.version", true),
                (#""guardrail": {"identifier": "gr1a2b3c4d5e", "version": 0}"#, "bedrock.guardrail.version", true),
                (#""guardrail": {"identifier": "gr1a2b3c4d5e"}"#, "bedrock.guardrail.version", true),
                (#""guardrail": {"identifier": "My Guardrail", "version": "1"}"#, "bedrock.guardrail.identifier", true),
                (#""serviceTier": "turbo""#, "bedrock.serviceTier", true),
                (#""gateway": {"url": "http://gateway.example.com/bedrock"}"#, "bedrock.gateway.url", true),
                (#""gateway": {"skipBedrockAuth": true}"#, "bedrock.gateway.url", true),
                (
                    #""gateway": {"url": "https://gateway.example.com", "skipBedrockAuth": "yes"}"#,
                    "bedrock.gateway.skipBedrockAuth", true
                ),
                (#""mantle": {"url": "ftp://mantle.example.com"}"#, "bedrock.mantle.url", true),
                (#""promptCaching": "2h""#, "bedrock.promptCaching", true),
                (#""endpoint": "https://gateway.example.com""#, "bedrock.endpoint", true),
                (
                    #""gateway": {"url": "https://gw.example.com/bedrock?token=SECRETCANARY1"}"#, "bedrock.gateway.url",
                    false
                ),
                (
                    #""gateway": {"url": "https://team:SECRETCANARY2@gw.example.com/bedrock"}"#, "bedrock.gateway.url",
                    false
                ),
                (
                    #""gateway": {"url": "https://gw.example.com", "headers": {"Authorization": "Basic SECRETCANARY3"}}"#,
                    "bedrock.gateway.headers.Authorization", true
                ),
            ].map { ("{\"version\": 2, \"region\": \"eu-central-1\", \"bedrock\": {\($0.0)}}", $0.1, $0.2) } + [
                (#"{"version": 1, "bedrock": {"serviceTier": "flex"}}"#, "bedrock", true),
                (#"{"version": 2, "description": "Authorization: Bearer SECRETCANARY4"}"#, "description", false),
                (
                    #"{"version": 2, "region": "eu-central-1", "bedrock": {"mantle": {}}, "models": {"primary": "\#(Self.sonnet)"}}"#,
                    "models.primary", false
                ),
            ]
        try expectRefused(cases, hiding: ["SECRETCANARY"])
    }
}
