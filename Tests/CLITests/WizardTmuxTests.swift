import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// The built binary in a real terminal (tmux): keys in, screen out, files and terminal checked.
@Suite(
    "Wizard end to end in tmux", .serialized, .timeLimit(.minutes(5)),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
struct WizardTmuxTests {
    let binary = TestPaths.binary

    func session(_ home: TestHome, width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws
        -> TmuxSession
    {
        try TmuxSession(
            width: width, height: height, home: home.home,
            environment: home.extraEnvironment.merging(environment) { $1 },
            directory: home.work)
    }

    func expectTerminalRestored(_ tmux: TmuxSession, code: Int) throws {
        let (screen, restored) = try tmux.waitForExit(code)
        #expect(screen.contains("PROMPT$"))
        #expect(restored, "stty -g changed")
    }

    @Test func demoCompletesWithEnterOnEveryScreen() throws {
        let home = TestHome()
        let before = home.snapshot()
        let tmux = try session(home)
        try tmux.runRecordingTTY("\(binary) --demo")
        for (expected, next) in [
            ("What is configured today", "Turn on model access"),
            ("Turn on model access", "How will Claude Code sign in"), ("C) SSO profile", "demo-sso"),
            ("demo-sso", "✓ Identity"),
            ("✓ Identity", "Which Region"), ("Which Region", "Which models?"), ("[ Continue ]", "Does it really work?"),
            ("✓ ListInferenceProfiles", "Review and write"), ("Review and write", "Claude Code is set up"),
        ] {
            let screen = try tmux.waitFor(expected)
            #expect(screen.contains("DEMO"), "no DEMO badge on:\n\(screen)")
            try tmux.press("Enter")
            _ = try tmux.waitFor(next)
        }
        let done = try tmux.waitFor("Demo: nothing was written")
        let folder = try #require(
            done.range(of: #"/tmp/bedrock-setup-demo-[a-z0-9-]+"#, options: .regularExpression).map { String(done[$0]) }
        )
        // Read while the demo runs: it removes its folder when it ends.
        let settings = try #require(
            try? String(contentsOfFile: folder + "/home/.claude/settings.json", encoding: .utf8))
        #expect(settings.contains("\"AWS_PROFILE\": \"demo-sso\""))
        try tmux.press("Enter")
        try expectTerminalRestored(tmux, code: 0)
        #expect(!FileManager.default.fileExists(atPath: folder), "the demo left \(folder) behind")
        #expect(home.snapshot() == before, "the demo wrote outside its folder")
    }

    @Test func optionAAgainstLocalPeersWritesKeysLikeAWSConfigure() async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        let home = TestHome()
        home.extraEnvironment = [
            "AWS_ENDPOINT_URL_STS": moto.url, "AWS_ENDPOINT_URL_BEDROCK": fake.url,
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": fake.url,
        ]
        let tmux = try session(home)
        try tmux.runRecordingTTY(binary)
        try tmux.waitFor("Set up Claude Code on Bedrock")
        try tmux.press("Enter")
        try tmux.waitFor("Turn on model access")
        try tmux.press("Enter")
        try tmux.waitFor("A) AWS profile")
        try tmux.type("a")
        try tmux.waitFor("Enter new access keys")
        try tmux.press("Enter")
        try tmux.waitFor("Access key ID")
        try tmux.type(moto.credentials.accessKeyId)
        try tmux.press("Tab")
        try tmux.type(moto.credentials.secretAccessKey)
        let masked = try tmux.waitFor("•" + String(moto.credentials.secretAccessKey.suffix(4)))
        #expect(!masked.contains(moto.credentials.secretAccessKey))
        #expect(masked.contains(String(moto.credentials.secretAccessKey.suffix(4))))
        try tmux.press("Enter")
        try tmux.waitFor("✓ Identity: account \(moto.account)")
        try tmux.press("Enter")
        try tmux.waitFor("Which Region")
        try tmux.press("Enter")
        try tmux.waitFor("live inference profiles in us-east-1")
        try tmux.press("Enter")
        try tmux.waitFor("✓ ListInferenceProfiles: allowed")
        try tmux.press("Enter")
        try tmux.waitFor("Review and write")
        try tmux.press("Enter")
        try tmux.waitFor("Claude Code is set up")
        try tmux.press("Enter")
        try expectTerminalRestored(tmux, code: 0)
        let credentials = try #require(home.read(".aws/credentials"))
        #expect(
            credentials
                == "[default]\naws_access_key_id = \(moto.credentials.accessKeyId)\naws_secret_access_key = \(moto.credentials.secretAccessKey)\n"
        )
        #expect(home.mode(".aws/credentials") == 0o600)
        let settings = try JSONParser.parse(try #require(home.read(".claude/settings.json")))
        #expect(
            settings["env"]?["AWS_PROFILE"] == .string("default")
                && settings["env"]?["AWS_REGION"] == .string("us-east-1"))
    }

    @Test func optionCWithACachedSSOLoginAgainstLocalPeers() async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        try await fake.configure([
            "sso_tokens": ["sso-access-token-e2e"],
            "sso_credentials": [
                "access_key_id": moto.credentials.accessKeyId, "secret_access_key": moto.credentials.secretAccessKey,
            ],
        ])
        let home = TestHome()
        home.write(".aws/config", SSOFixture.corp)
        home.writeSSOToken(key: "corp", token: "sso-access-token-e2e", expires: Date().addingTimeInterval(3600))
        home.extraEnvironment = [
            "AWS_ENDPOINT_URL_STS": moto.url, "AWS_ENDPOINT_URL_BEDROCK": fake.url, "AWS_ENDPOINT_URL_SSO": fake.url,
        ]
        let tmux = try session(home)
        try tmux.runRecordingTTY(binary)
        try tmux.waitFor("Set up Claude Code on Bedrock")
        try tmux.press("Enter")
        try tmux.waitFor("Turn on model access")
        try tmux.press("Enter")
        try tmux.type("c")
        try tmux.waitFor("logged in until")
        try tmux.press("Enter")
        try tmux.waitFor("✓ Identity: account \(moto.account)")
        try tmux.press("Enter")
        try tmux.waitFor("Which Region")
        try tmux.press("Enter")
        try tmux.waitFor("[ Continue ]")
        try tmux.press("Enter")
        try tmux.waitFor("✓ ListInferenceProfiles")
        try tmux.press("Enter")
        try tmux.waitFor("Review and write")
        try tmux.press("Enter")
        try tmux.waitFor("Claude Code is set up")
        try tmux.press("Enter")
        try expectTerminalRestored(tmux, code: 0)
        let settings = try JSONParser.parse(try #require(home.read(".claude/settings.json")))
        // `aws sso login` only where the AWS CLI on PATH is v2; else this program's own sign-in.
        let version = (try? run(["aws", "--version"])) ?? ""
        #expect(
            settings["awsAuthRefresh"]
                == .string(
                    version.contains("aws-cli/2.")
                        ? "aws sso login --profile 'corp'" : "'\(binary)' login --profile 'corp'"))
        #expect(settings["env"]?["AWS_PROFILE"] == .string("corp"))
    }

    /// Region only: the new Region is checked on Verify (against the local peers) before Review.
    @Test func reRunSwitchingRegionTakesEightKeysThroughVerify() async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        let home = TestHome()
        home.extraEnvironment = [
            "AWS_ENDPOINT_URL_STS": moto.url, "AWS_ENDPOINT_URL_BEDROCK": fake.url,
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": fake.url,
        ]
        #expect(
            try home.cli([
                "apply", "--credentials", "env", "--region", "us-east-1", "--model",
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "--yes",
            ]).status == 0)
        let tmux = try session(
            home,
            environment: [
                "AWS_ACCESS_KEY_ID": moto.credentials.accessKeyId,
                "AWS_SECRET_ACCESS_KEY": moto.credentials.secretAccessKey,
            ])
        try tmux.runRecordingTTY(binary)
        let start = try tmux.waitFor("Change the Region only")
        #expect(start.contains("Region   us-east-1"))
        try tmux.press("Down", "Enter")
        try tmux.waitFor("Which Region")
        try tmux.press("Down", "Down", "Down", "Enter")
        let verify = try tmux.waitFor("✓ ListInferenceProfiles")
        #expect(verify.contains("✓ Region us-west-2"), "\(verify)")
        try tmux.press("Enter")
        try tmux.waitFor("Review and write")
        try tmux.waitFor("+    \"AWS_REGION\": \"us-west-2\"")
        try tmux.press("Enter")
        try tmux.waitFor("Claude Code is set up")
        try tmux.press("Enter")
        try expectTerminalRestored(tmux, code: 0)
        #expect(try JSONParser.parse(home.read(".claude/settings.json")!)["env"]?["AWS_REGION"] == .string("us-west-2"))
    }

    /// Claude Code 2.1.210 installed, profile dev in settings, other keys exported in the shell:
    /// Start names the version, Credentials says what Claude Code signs in with and that the AWS
    /// CLI would use the keys, and "Change the models only" with nothing pinned checks that
    /// version's default (Opus 4.8) on Verify before Review.
    @Test func theWizardSaysWhatTheInstalledClaudeCodeWillDo() async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        let home = TestHome()
        home.write(
            ".aws/credentials",
            "[dev]\naws_access_key_id = \(moto.credentials.accessKeyId)\naws_secret_access_key = \(moto.credentials.secretAccessKey)\n",
            mode: 0o600)
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "dev"}}"#)
        home.extraEnvironment = [
            "AWS_ENDPOINT_URL_STS": moto.url, "AWS_ENDPOINT_URL_BEDROCK": fake.url,
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": fake.url,
        ]
        home.installClaudeCode(version: "2.1.210")
        let shellKeys = [
            "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7SHELL01",
            "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMIK7MDENGbPxRfiCYSHELLKEY01",
        ]

        let credentials = try session(home, height: 30, environment: shellKeys)
        try credentials.runRecordingTTY(binary)
        let start = try credentials.waitFor("Change the models only")
        #expect(start.contains("Claude Code 2.1.210"))
        try credentials.press("Enter")
        try credentials.waitFor("Turn on model access")
        try credentials.press("Enter")
        let screen = try credentials.waitFor("How will Claude Code sign in")
        #expect(screen.contains("Claude Code signs in today with"), "\(screen)")
        #expect(screen.contains("of profile dev"), "\(screen)")
        // The AWS CLI's second line: botocore takes the exported keys.
        #expect(screen.contains("`aws sts get-caller-identity` uses the environment keys ****LL01"), "\(screen)")
        #expect(
            screen.contains("Claude Code uses\n  profile dev and ignores the keys")
                || screen.contains("profile dev and ignores the keys"), "\(screen)")
        try credentials.press("q", "y")
        try expectTerminalRestored(credentials, code: 0)

        let models = try session(home, height: 30, environment: shellKeys)
        try models.runRecordingTTY(binary)
        try models.waitFor("Change the models only")
        try models.press("Down", "Down", "Enter")
        try models.waitFor("[ Continue ]")
        try models.press("Enter")
        let verify = try models.waitFor("✓ ListInferenceProfiles")
        try models.waitFor("us.anthropic.claude-opus-4-8")
        #expect(!verify.contains("claude-opus-5"), "\(verify)")
        try models.press("Enter")
        try models.waitFor("Review and write")
        try models.press("q", "y")
        try expectTerminalRestored(models, code: 0)
    }

    @Test func ctrlCInTheMiddleRestoresTheTerminalAndWritesNothing() throws {
        let home = TestHome()
        let before = home.snapshot()
        let tmux = try session(home)
        try tmux.runRecordingTTY("\(binary) --demo")
        try tmux.waitFor("What is configured today")
        try tmux.press("Enter", "Enter", "Enter", "Enter")
        try tmux.waitFor("✓ Identity")
        try tmux.press("Enter")
        try tmux.waitFor("Which Region")
        try tmux.press("C-c")
        try expectTerminalRestored(tmux, code: 130)
        #expect(home.snapshot() == before)
    }

    @Test func ctrlCDuringMaskedSecretEntryShowsNoSecretAnywhere() throws {
        let home = TestHome()
        let before = home.snapshot()
        let tmux = try session(home)
        try tmux.runRecordingTTY(binary)
        try tmux.waitFor("Set up Claude Code on Bedrock")
        try tmux.press("Enter", "Enter")
        try tmux.waitFor("D) Bedrock API key")
        try tmux.type("d")
        try tmux.waitFor("Bedrock API key   ")
        let secret = "ABSKc2VjcmV0LXRoYXQtbXVzdC1uZXZlci1zaG93CANARY77"
        try tmux.type(secret)
        try tmux.waitFor("RY77")
        #expect(!(try tmux.capture()).contains(secret))
        try tmux.press("C-c")
        try expectTerminalRestored(tmux, code: 130)
        let pane = try tmux.capture()
        #expect(!pane.contains(secret) && !pane.contains("c2VjcmV0"))
        #expect(home.snapshot() == before)
        let history = (try? String(contentsOfFile: tmux.folder + "/history", encoding: .utf8)) ?? ""
        #expect(!history.contains(secret))
    }

    @Test func resizeDuringAListKeepsItUsableAndSaysWhenTooSmall() throws {
        let home = TestHome()
        let tmux = try session(home)
        try tmux.runRecordingTTY("\(binary) --demo")
        try tmux.waitFor("What is configured today")
        try tmux.press("Enter", "Enter", "Enter", "Enter")
        try tmux.waitFor("✓ Identity")
        try tmux.press("Enter")
        try tmux.waitFor("Which Region")
        try tmux.resize(width: 60, height: 18)
        let small = try tmux.waitFor("of 34)", "▸ ● us-east-1")
        #expect(small.split(separator: "\n").allSatisfy { $0.count <= 60 })
        try tmux.resize(width: 40, height: 12)
        try tmux.waitFor("Make the window larger")
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor("Which Region")
        try tmux.press("PageDown")
        try tmux.waitFor("▸")
        try tmux.press("q")
        try tmux.waitFor("Leave without writing anything?")
        try tmux.press("y")
        try expectTerminalRestored(tmux, code: 0)
    }

    /// A platform engineer's preset (API key, Region, models and targets locked), handed to a developer with a fresh
    /// HOME: `bedrock-setup --preset team.json` skips the locked steps and writes the engineer's settings with the
    /// developer's own key. The test prints the keys pressed from the first screen to the written files.
    @Test func aPresetFromOneHomeReproducesItsSettingsInAFreshHomeThroughTheWizard() async throws {
        let engineerKey = "ABSKZW5naW5lZXJzLW93bi1rZXktMTIzNDU2Nzg5MA"
        let developerKey = "ABSKZGV2ZWxvcGVycy1vd24ta2V5LTk4NzY1NDMyMTA"
        let model = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
        let engineer = TestHome()
        let made = try engineer.cli(
            [
                "apply", "--credentials", "api-key", "--region", "us-east-1", "--model", model, "--target", "user",
                "--target", "shell", "--yes",
            ], environment: ["AWS_BEARER_TOKEN_BEDROCK": engineerKey])
        #expect(made.status == 0, "\(made.stderr)")
        let created = try engineer.cli([
            "preset", "create", "team.json", "--lock", "credentials", "--lock", "region", "--lock", "models",
            "--lock", "targets", "--target", "user", "--target", "shell", "--description", "Acme: Claude in Virginia",
            "--yes",
        ])
        #expect(created.status == 0, "\(created.stderr)")

        let fake = try BedrockFake()
        try await fake.configure(["bearer_tokens": [developerKey]])
        let developer = TestHome()
        developer.extraEnvironment = [
            "AWS_ENDPOINT_URL_BEDROCK": fake.url, "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": fake.url,
        ]
        let tmux = try session(developer)
        try tmux.runRecordingTTY("\(binary) --preset \(engineer.work)/team.json")
        var keys = 0
        func press(_ key: String, then expected: String) throws {
            try tmux.press(key)
            keys += 1
            try tmux.waitFor(expected)
        }
        let start = try tmux.waitFor("Set up with the team preset")
        #expect(
            start.contains("Acme: Claude in Virginia") && start.contains("Locked: credentials, region, models, targets")
        )
        try press("Enter", then: "Turn on model access")
        try press("Enter", then: "D) Bedrock API key")
        try tmux.type("d")
        keys += 1
        try tmux.waitFor("Bedrock API key   ")
        try tmux.type(developerKey)  // a paste: one key
        keys += 1
        try tmux.waitFor(String(developerKey.suffix(4)) + " ")
        try press("Enter", then: "✓")
        // Region and Models are locked: neither screen is shown.
        try press("Enter", then: "available to this account")
        let verify = try tmux.capture()
        #expect(verify.contains("Verify") && !verify.contains("✗"), "\(verify)")
        try press("Enter", then: "Review and write")
        try press("Enter", then: "Claude Code is set up")
        try tmux.press("Enter")
        try expectTerminalRestored(tmux, code: 0)
        print(
            "preset with an API key, through the wizard: \(keys) keys from the first screen to the written files (the key's paste counted as one)"
        )

        let engineerSettings = try #require(engineer.read(".claude/settings.json"))
        var expected = try #require(try JSONParser.parse(engineerSettings)["env"])
        expected = expected.setting("AWS_BEARER_TOKEN_BEDROCK", to: .string(developerKey))
        let written = try JSONParser.parse(try #require(developer.read(".claude/settings.json")))
        #expect(written["env"] == expected)
        #expect(developer.read(".config/bedrock-setup/env.sh") != nil, "the preset's shell target was not written")
    }

    /// Someone with nothing to sign in with is offered the demo on Start (not forced into it); choosing it runs the
    /// demo in a throw-away folder, and their HOME is left exactly as it was.
    @Test func startOffersTheDemoToSomeoneWithNothingToSignInWith() throws {
        let home = TestHome()
        let before = home.snapshot()
        let tmux = try session(home)
        try tmux.runRecordingTTY(binary)
        try tmux.waitFor("Try the demo first")
        try tmux.press("Down", "Enter")
        let demo = try tmux.waitFor("DEMO", "What is configured today")
        #expect(!demo.contains("Try the demo first"))
        try tmux.press("Enter", "Enter", "Enter", "Enter")
        try tmux.waitFor("✓ Identity")
        try tmux.press("q")
        try tmux.waitFor("Leave without writing anything?")
        try tmux.press("y")
        try expectTerminalRestored(tmux, code: 0)
        #expect(home.snapshot() == before)
    }
}
