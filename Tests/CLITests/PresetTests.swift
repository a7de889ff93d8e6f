import BedrockCore
import Foundation
import TestSupport
import Testing

/// Presets as a team uses them: made from one machine's setup, applied on a fresh one, checked against the schema
/// the project ships, refused with the field named when wrong, never carrying a secret.
@Suite("Presets: create, apply, refuse", .timeLimit(.minutes(3)))
struct PresetTests {
    static let apiKey = "ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlCANARY42"
    static let otherKey = "ABSKQmVkcm9ja0FQSUtleS1vdGhlcnBlcnNvbjk5"
    static let schema = TestPaths.repository + "/docs/preset.schema.json"
    static let sonnet = "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"
    static let haiku = "eu.anthropic.claude-haiku-4-5-20251001-v1:0"

    /// jsonschema (Python) on each file: nil when valid, else its first error.
    func schemaErrors(_ files: [String]) throws -> [String?] {
        let script = """
            import json, sys, jsonschema
            validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
            for path in sys.argv[2:]:
                errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.path))
                print(json.dumps(errors[0].message if errors else None))
            """
        return try run(["python3", "-c", script, Self.schema] + files).split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8), options: .fragmentsAllowed)) as? String
        }
    }

    func settingsEnv(_ home: TestHome) throws -> [String: String] {
        let json = try JSONParser.parse(try #require(home.read(".claude/settings.json")))
        guard case .object(let members)? = json["env"] else { return [:] }
        return Dictionary(
            uniqueKeysWithValues: members.compactMap { key, value in value.stringValue.map { (key, $0) } })
    }

    @Test func anAPIKeyPresetFromOneHomeReproducesTheSettingsInAFreshHomeWithEachPersonsOwnKey() throws {
        let engineer = TestHome()
        let made = try engineer.cli(
            [
                "apply", "--credentials", "api-key", "--region", "eu-central-1", "--model", Self.sonnet,
                "--small-fast-model", Self.haiku, "--yes",
            ], environment: ["AWS_BEARER_TOKEN_BEDROCK": Self.apiKey])
        #expect(made.status == 0, "\(made.stderr)")
        let created = try engineer.cli([
            "preset", "create", "team.json", "--lock", "region", "--lock", "models",
            "--description", "Acme: Claude in Frankfurt", "--yes",
        ])
        #expect(created.status == 0, "\(created.stderr)")
        let presetPath = engineer.work + "/team.json"
        let presetText = try #require(try? String(contentsOfFile: presetPath, encoding: .utf8))
        #expect(!presetText.contains(Self.apiKey) && !presetText.contains("CANARY"))
        #expect(try schemaErrors([presetPath]) == [nil])

        let developer = TestHome()
        let command = ["apply", "--preset", presetPath, "--yes"]
        let applied = try developer.cli(command, environment: ["AWS_BEARER_TOKEN_BEDROCK": Self.otherKey])
        #expect(applied.status == 0, "\(applied.stderr)")
        var expected = try settingsEnv(engineer)
        expected["AWS_BEARER_TOKEN_BEDROCK"] = Self.otherKey
        #expect(try settingsEnv(developer) == expected)
        #expect(!applied.stdout.contains(Self.otherKey) && !applied.stderr.contains(Self.otherKey))
        print(
            "API-key preset: `bedrock-setup \(command.joined(separator: " "))` with the key in AWS_BEARER_TOKEN_BEDROCK: "
                + "1 command, 0 keys after Enter, 1 file changed besides the profile")
    }

    /// From an IAM Identity Center setup, the preset carries the portal, SSO Region, account and role from
    /// ~/.aws/config (what a new machine needs to create the profile), and no token from the SSO cache.
    @Test func anSSOSetupGivesAPresetWithThePortalAccountAndRole() throws {
        let engineer = TestHome()
        engineer.write(".aws/config", SSOFixture.corp)
        engineer.writeSSOToken(key: "corp", token: "aoaSSOTOKENCANARY", expires: Date().addingTimeInterval(3600))
        let made = try engineer.cli([
            "apply", "--credentials", "sso", "--aws-profile", "corp", "--region", "eu-central-1",
            "--model", Self.sonnet, "--yes",
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let created = try engineer.cli([
            "preset", "create", "sso.json", "--lock", "credentials", "--lock", "region", "--yes",
        ])
        #expect(created.status == 0, "\(created.stderr)")
        let path = engineer.work + "/sso.json"
        let preset = try JSONParser.parse(try #require(try? String(contentsOfFile: path, encoding: .utf8)))
        #expect(preset["credentials"]?["method"] == .string("sso"))
        #expect(preset["credentials"]?["awsProfile"] == .string("corp"))
        #expect(
            preset["credentials"]?["sso"]
                == .object([
                    ("startUrl", .string("https://corp.awsapps.com/start")), ("region", .string("eu-west-1")),
                    ("accountId", .string("111122223333")), ("roleName", .string("Developer")),
                    ("session", .string("corp")),
                ]))
        #expect(preset["locked"] == .array([.string("credentials"), .string("region")]))
        #expect(!(try String(contentsOfFile: path, encoding: .utf8)).contains("CANARY"))
        #expect(try schemaErrors([path]) == [nil])

        // A newcomer with no ~/.aws gets the sections `aws configure sso` would write, and no token.
        let newcomer = TestHome()
        newcomer.write(newcomer.work + "/sso.json", try String(contentsOfFile: path, encoding: .utf8))
        let applied = try newcomer.cli(["apply", "--preset", "sso.json", "--yes"])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(
            newcomer.read(".aws/config") == SSOFixture.corp + "sso_registration_scopes = sso:account:access\n",
            "\(newcomer.read(".aws/config") ?? "no config")")
        #expect(!FileManager.default.fileExists(atPath: newcomer.home + "/.aws/sso"))
        let refused = try newcomer.cli(["apply", "--preset", "sso.json", "--sso-role-name", "Admin", "--yes"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--sso-role-name cannot change credentials"), "\(refused.stderr)")
    }

    @Test func lockedFieldsCannotBeChangedAndUnlockedOnesCan() throws {
        let home = TestHome()
        home.write(
            home.work + "/team.json",
            """
            {"version": 1, "credentials": {"method": "api-key"}, "region": "eu-central-1", "models": {"primary": "\(Self.sonnet)"},
             "locked": ["region", "models"]}
            """)
        let before = home.snapshot()
        let key = ["AWS_BEARER_TOKEN_BEDROCK": Self.apiKey]
        let region = try home.cli(
            ["apply", "--preset", "team.json", "--region", "us-west-2", "--yes"], environment: key)
        #expect(region.status == 64)
        #expect(
            region.stderr.contains("--region cannot change region: the preset team.json locks it (eu-central-1)"),
            "\(region.stderr)")
        let model = try home.cli(
            ["apply", "--preset", "team.json", "--opus-model", "eu.anthropic.claude-opus-4-5-20251101-v1:0", "--yes"],
            environment: key)
        #expect(model.status == 64)
        #expect(model.stderr.contains("locks it"), "\(model.stderr)")
        #expect(home.snapshot() == before)
        // The same value as the preset is no change; an unlocked field (the targets) is the person's choice.
        let same = try home.cli(
            ["apply", "--preset", "team.json", "--region", "eu-central-1", "--target", "shell", "--yes"],
            environment: key)
        #expect(same.status == 0, "\(same.stderr)")
        #expect(home.read(".config/bedrock-setup/env.sh")?.contains("export AWS_REGION='eu-central-1'") == true)
        #expect(home.read(".claude/settings.json") == nil)
    }

    @Test func aModelOutsideTheAllowListIsRefused() throws {
        let home = TestHome()
        home.write(
            home.work + "/team.json",
            """
            {"version": 1, "credentials": {"method": "api-key"}, "region": "eu-central-1", "allowedModels": ["\(Self.sonnet)"]}
            """)
        let refused = try home.cli(
            ["apply", "--preset", "team.json", "--model", Self.haiku, "--yes"],
            environment: ["AWS_BEARER_TOKEN_BEDROCK": Self.apiKey])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("\(Self.haiku) is not one the preset team.json allows"), "\(refused.stderr)")
        #expect(refused.stderr.contains(Self.sonnet))
    }

    /// Each bad preset is refused with exit 65, the field named, nothing written; where the schema can say it,
    /// jsonschema refuses the same file (so the schema and the program agree).
    @Test func badPresetsNameTheField() throws {
        let cases: [(json: String, field: String, schemaCatches: Bool)] = [
            (#"{"version": 1, "credentials": {"method": "api-key", "apiKey": "x"}}"#, "credentials.apiKey", true),
            (#"{"version": 1, "description": "ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlQ0FOQVJZNDI="}"#, "description", false),
            (#"{"version": 1, "description": "AKIAIOSFODNN7EXAMPLE"}"#, "description", false),
            (#"{"version": 1, "regoin": "eu-central-1"}"#, "regoin", true),
            (#"{"version": 3, "region": "eu-central-1"}"#, "version", true),
            (#"{"region": "eu-central-1"}"#, "version", true),
            (#"{"version": 1, "region": "eu-central-9"}"#, "region", false),
            (
                #"{"version": 1, "region": "eu-central-1", "models": {"primary": "anthropic.claude-sonnet-4-5-20250929-v1:0"}}"#,
                "models.primary", false
            ),
            (#"{"version": 1, "region": "eu-central-1", "locked": ["models"]}"#, "locked[0]", false),
            (
                #"{"version": 1, "credentials": {"method": "sso", "awsProfile": "corp", "sso": {"startUrl": "http://acme.awsapps.com/start", "region": "eu-west-1", "accountId": "111122223333", "roleName": "Dev"}}}"#,
                "credentials.sso.startUrl", true
            ),
            (
                #"{"version": 1, "credentials": {"method": "sso", "awsProfile": "corp", "sso": {"startUrl": "https://acme.awsapps.com/start", "region": "eu-west-1", "accountId": "1111", "roleName": "Dev"}}}"#,
                "credentials.sso.accountId", true
            ),
            (#"{"version": 1, "credentials": {"method": "sso"}}"#, "credentials.awsProfile", true),
            (#"{"version": 1, "targets": ["user", "everywhere"]}"#, "targets[1]", true),
            (#"{"version": 1, "region": "eu-central-1", "smallFastRegion": "eu-west-1"}"#, "smallFastRegion", true),
            ("{\"version\": 1, \"region\": ", "(the file)", true),
        ]
        try expectRefused(cases, hiding: ["ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl", "AKIAIOSFODNN7EXAMPLE"])
    }

    typealias BadPreset = (json: String, field: String, schemaCatches: Bool)

    /// Each preset through `apply --preset`: refused with exit 65 naming its field, no text in `hidden` shown,
    /// nothing written; jsonschema's verdict on each one that is JSON agrees with `schemaCatches`.
    func expectRefused(_ cases: [BadPreset], hiding hidden: [String]) throws {
        let home = TestHome()
        let before = home.snapshot()
        var files: [(path: String, bad: BadPreset)] = []
        for (index, bad) in cases.enumerated() {
            let path = home.root + "/bad-\(index).json"
            try bad.json.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try home.cli(
                ["apply", "--preset", path, "--yes"], environment: ["AWS_BEARER_TOKEN_BEDROCK": Self.apiKey])
            #expect(result.status == 65, "\(bad.json): \(result.stderr)")
            #expect(result.stderr.contains(bad.field), "\(bad.json) should name \(bad.field): \(result.stderr)")
            #expect(!hidden.contains(where: result.stderr.contains), "\(result.stderr)")
            if (try? JSONSerialization.jsonObject(with: Data(bad.json.utf8))) != nil { files.append((path, bad)) }
        }
        #expect(home.snapshot().filter { !$0.key.hasPrefix("bad-") } == before)
        for (file, verdict) in zip(files, try schemaErrors(files.map(\.path))) {
            #expect(
                (verdict != nil) == file.bad.schemaCatches,
                "the schema's verdict on \(file.bad.json): \(verdict ?? "valid")")
        }
    }

    @Test func anHTTPSPresetIsFetchedWithTheCertificateVerifiedAndASizeCap() throws {
        let home = TestHome()
        let preset = #"{"version": 1, "credentials": {"method": "api-key"}, "region": "eu-central-1"}"#
        try preset.write(toFile: home.root + "/small.json", atomically: true, encoding: .utf8)
        let large = #"{"version": 1, "description": ""# + String(repeating: "a", count: 70_000) + #""}"#
        try large.write(toFile: home.root + "/large.json", atomically: true, encoding: .utf8)
        let peer = try PythonPeer(script: "tls_peer.py", arguments: [home.root])
        let info = try JSONSerialization.jsonObject(with: Data(peer.firstLine.utf8)) as? [String: Any] ?? [:]
        let address = "https://127.0.0.1:\(info["port"] as? Int ?? 0)"
        let certificate = try #require(info["certificate"] as? String)
        defer { try? FileManager.default.removeItem(atPath: (certificate as NSString).deletingLastPathComponent) }
        let key = ["AWS_BEARER_TOKEN_BEDROCK": Self.apiKey]

        let untrusted = try home.cli(["apply", "--preset", address + "/small.json", "--dry-run"], environment: key)
        #expect(untrusted.status == 74)
        #expect(untrusted.stderr.contains("TLS"), "\(untrusted.stderr)")
        let trusted = try home.cli(
            ["apply", "--preset", address + "/small.json", "--dry-run"],
            environment: key.merging(["AWS_CA_BUNDLE": certificate]) { $1 })
        #expect(trusted.status == 0, "\(trusted.stderr)")
        #expect(trusted.stdout.contains("+    \"AWS_REGION\": \"eu-central-1\""))
        let tooLarge = try home.cli(
            ["apply", "--preset", address + "/large.json", "--dry-run"],
            environment: key.merging(["AWS_CA_BUNDLE": certificate]) { $1 })
        #expect(tooLarge.status == 74)
        #expect(tooLarge.stderr.contains("larger than 64 KiB"), "\(tooLarge.stderr)")
        let plain = try home.cli(["apply", "--preset", "http://127.0.0.1:1/small.json", "--dry-run"], environment: key)
        #expect(plain.status == 74)
        #expect(plain.stderr.contains("only https://"))
    }
}
