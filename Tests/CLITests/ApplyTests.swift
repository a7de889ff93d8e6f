import BedrockCore
import Foundation
import TestSupport
import Testing

@Suite("CLI: apply, env, profiles, reset", .timeLimit(.minutes(3)))
struct ApplyTests {
    static let apiKey = "ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlCANARY42"
    static let secret = "wJalrXUtnFEMIK7MDENGbPxRfiCYCANARYKEY042"

    func setEnv(_ home: TestHome, _ variables: [String]) throws -> [String: String] {
        let script = "set -a; . \"$HOME/.config/bedrock-setup/env.sh\"; env"
        let output = try run(["bash", "-c", script], environment: ["HOME": home.home])
        var values: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, variables.contains(parts[0]) { values[parts[0]] = parts[1] }
        }
        return values
    }

    @Test func optionAWritesKeysLikeAWSConfigureAndEveryReaderAgrees() throws {
        let home = TestHome()
        home.write(".aws/config", "# keep me\n[profile other]\nregion = us-west-2\n")
        let result = try home.cli(
            [
                "apply", "--profile-name", "work", "--credentials", "aws-profile", "--aws-profile", "dev",
                "--region", "us-east-1", "--write-keys", "--secret-from-stdin", "--target", "user", "--target", "shell",
                "--yes",
            ],
            input: "AKIAIOSFODNN7EXAMPLE\n\(Self.secret)\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains(Self.secret) && !result.stderr.contains(Self.secret))
        // The AWS CLI and boto3 read the new profile.
        let env = ["HOME": home.home]
        #expect(try run(["aws", "configure", "get", "region", "--profile", "dev"], environment: env) == "us-east-1\n")
        let boto = try run(
            [
                "python3", "-c",
                "import boto3; c = boto3.Session(profile_name='dev').get_credentials(); print(c.access_key, c.secret_key == '\(Self.secret)')",
            ], environment: env)
        #expect(boto == "AKIAIOSFODNN7EXAMPLE True\n")
        #expect(home.read(".aws/config")?.hasPrefix("# keep me\n[profile other]\nregion = us-west-2\n") == true)
        #expect(home.mode(".aws/credentials") == 0o600)
        // A plain bash sees exactly the intended variables.
        #expect(
            try setEnv(home, ClaudeEnv.owned) == [
                "CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "dev",
            ])
    }

    /// New keys for a profile that exists keep its Region: the AWS CLI and boto3 read the new keys and the old
    /// `region`, for a named profile and for [default]; Claude Code gets the chosen Region from its settings.
    @Test(arguments: [("dev", "[profile dev]"), ("default", "[default]")])
    func newKeysForAnExistingProfileKeepItsRegion(profile: String, header: String) throws {
        let home = TestHome()
        home.write(".aws/config", "\(header)\nregion = eu-west-1\noutput = json\n[profile other]\nregion = us-west-2\n")
        home.write(
            ".aws/credentials", "[\(profile)]\naws_access_key_id = AKIAOLDOLDOLDOLDOLD1\naws_secret_access_key = old\n",
            mode: 0o600)
        let result = try home.cli(
            [
                "apply", "--credentials", "aws-profile", "--aws-profile", profile, "--region", "us-east-1",
                "--write-keys", "--secret-from-stdin", "--yes",
            ],
            input: "AKIAIOSFODNN7EXAMPLE\n\(Self.secret)\n")
        #expect(result.status == 0, "\(result.stderr)")
        let env = ["HOME": home.home]
        #expect(
            try run(["aws", "configure", "get", "region", "--profile", profile], environment: env) == "eu-west-1\n")
        #expect(try run(["aws", "configure", "get", "output", "--profile", profile], environment: env) == "json\n")
        let boto = try run(
            [
                "python3", "-c",
                "import boto3; s = boto3.Session(profile_name='\(profile)'); c = s.get_credentials(); "
                    + "print(c.access_key, c.secret_key == '\(Self.secret)', s.region_name)",
            ], environment: env)
        #expect(boto == "AKIAIOSFODNN7EXAMPLE True eu-west-1\n")
        let settings = try JSONParser.parse(try #require(home.read(".claude/settings.json")))
        #expect(settings["env"]?["AWS_REGION"] == .string("us-east-1"))
    }

    /// A profile with no Region gets the chosen one, as `aws configure` would ask for it.
    @Test func newKeysForAProfileWithoutARegionGiveItTheChosenOne() throws {
        let home = TestHome()
        home.write(".aws/config", "[profile dev]\noutput = json\n")
        let result = try home.cli(
            [
                "apply", "--credentials", "aws-profile", "--aws-profile", "dev", "--region", "ap-northeast-1",
                "--write-keys", "--secret-from-stdin", "--yes",
            ],
            input: "AKIAIOSFODNN7EXAMPLE\n\(Self.secret)\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try run(["aws", "configure", "get", "region", "--profile", "dev"], environment: ["HOME": home.home])
                == "ap-northeast-1\n")
    }

    @Test func optionBFromTheEnvironmentWritesNoKeys() throws {
        let home = TestHome()
        let result = try home.cli(
            [
                "apply", "--credentials", "env", "--region", "eu-west-1", "--model",
                "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "--target", "shell", "--yes",
            ],
            environment: ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": Self.secret])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try setEnv(home, ClaudeEnv.owned) == [
                "CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1",
                "ANTHROPIC_MODEL": "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
            ])
        #expect(home.read(".aws/credentials") == nil)
        #expect(!(home.read(".config/bedrock-setup/env.sh") ?? "").contains(Self.secret))
    }

    @Test func optionCWritesASignInThatWorksAsAuthRefresh() throws {
        let home = TestHome()
        home.write(
            ".aws/config",
            "[profile corp]\nsso_session = c\nsso_account_id = 111122223333\nsso_role_name = Dev\n[sso-session c]\nsso_start_url = https://c.awsapps.com/start\nsso_region = eu-west-1\n"
        )
        let result = try home.cli([
            "apply", "--credentials", "sso", "--aws-profile", "corp", "--region", "eu-central-1", "--yes", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let settings = try JSONParser.parse(try #require(home.read(".claude/settings.json")))
        // The AWS CLI here is v1 (no `aws sso login`): the refresh is this tool's own login (SSOLoginTests has v2).
        #expect(
            settings["awsAuthRefresh"]
                == .string(
                    "\(ShellQuoting.bash((TestPaths.binary as NSString).standardizingPath)) login --profile 'corp'"))
        #expect(settings["env"]?["AWS_PROFILE"] == .string("corp"))
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((json?["changes"] as? [[String: Any]])?.count == 2)
    }

    @Test func optionDTakesTheKeyFromStandardInputAndNeverPrintsIt() throws {
        let home = TestHome()
        let result = try home.cli(
            [
                "apply", "--credentials", "api-key", "--region", "us-west-2", "--secret-from-stdin", "--target", "user",
                "--target", "shell", "--dry-run",
            ], input: Self.apiKey + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("****RY42") && !result.stdout.contains(Self.apiKey))
        #expect(home.read(".claude/settings.json") == nil)  // a dry run writes nothing
        let written = try home.cli(
            [
                "apply", "--credentials", "api-key", "--region", "us-west-2", "--secret-from-stdin", "--target", "user",
                "--target", "shell", "--yes",
            ], input: Self.apiKey + "\n")
        #expect(written.status == 0)
        #expect(!written.stdout.contains(Self.apiKey) && !written.stderr.contains(Self.apiKey))
        #expect(try setEnv(home, [ClaudeEnv.bearerToken])[ClaudeEnv.bearerToken] == Self.apiKey)
        for file in [
            ".claude/settings.json", ".config/bedrock-setup/env.sh", ".config/bedrock-setup/profiles/default.json",
        ] {
            #expect(home.mode(file) == 0o600, "\(file)")
        }
        // env prints the key in full only into a pipe (this one), for eval.
        #expect(try home.cli(["env", "default"]).stdout.contains("export AWS_BEARER_TOKEN_BEDROCK='\(Self.apiKey)'"))
    }

    @Test func applyTwiceLeavesOneBlockAndResetRestoresEveryByte() throws {
        let home = TestHome()
        home.write(".bashrc", "# my bashrc\nalias ll='ls -l'\n")
        home.write(".claude/settings.json", "{\n    \"model\": \"opus\",\n    \"env\": {\"MINE\": \"1\"}\n}")
        let before = home.snapshot()
        let arguments = [
            "apply", "--credentials", "env", "--region", "ap-northeast-1", "--target", "user", "--target", "shell",
            "--yes",
        ]
        #expect(try home.cli(arguments).status == 0)
        let second = try home.cli(arguments)
        #expect(second.status == 0)
        #expect(second.stdout.contains("Nothing to change"))
        #expect(home.read(".bashrc")?.components(separatedBy: RCBlock.begin).count == 2)

        let reset = try home.cli(["reset", "--yes"])
        #expect(reset.status == 0, "\(reset.stderr)")
        let after = home.snapshot().filter {
            !$0.key.contains(".bedrock-setup-backup-") && !$0.key.contains("/.config/bedrock-setup/")
        }
        #expect(after == before)
    }

    @Test func resetKeepsEditsMadeAfterApply() throws {
        let home = TestHome()
        #expect(
            try home.cli(["apply", "--credentials", "env", "--region", "us-east-1", "--target", "shell", "--yes"])
                .status == 0)
        home.write(".bashrc", (home.read(".bashrc") ?? "") + "export EDITOR=vim\n")
        #expect(try home.cli(["reset", "--target", "shell", "--yes"]).status == 0)
        #expect(home.read(".bashrc") == "export EDITOR=vim\n")
        #expect(home.read(".config/bedrock-setup/env.sh") == nil)
    }

    @Test func profilesListShowUseDeleteAndEnv() throws {
        let home = TestHome()
        for (name, region, model) in [
            ("us", "us-east-1", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
            ("eu", "eu-west-1", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"),
        ] {
            #expect(
                try home.cli([
                    "apply", "--profile-name", name, "--credentials", "env", "--region", region, "--model", model,
                    "--yes",
                ]).status == 0)
        }
        let list = try home.cli(["profiles", "list"])
        #expect(list.stdout.contains("* eu") && list.stdout.contains("  us"))
        #expect(try home.cli(["profiles", "show", "us"]).stdout.contains("AWS_REGION=us-east-1"))
        let use = try home.cli(["profiles", "use", "us", "--yes"])
        #expect(use.status == 0, "\(use.stderr)")
        #expect(try JSONParser.parse(home.read(".claude/settings.json")!)["env"]?["AWS_REGION"] == .string("us-east-1"))
        #expect(try home.cli(["profiles", "list"]).stdout.contains("* us"))
        let exports = try home.cli(["env", "eu", "--shell", "bash"]).stdout
        let evaluated = try run([
            "bash", "-c",
            "export ANTHROPIC_SMALL_FAST_MODEL=stale; eval \"$1\"; echo \"$AWS_REGION ${ANTHROPIC_SMALL_FAST_MODEL-unset}\"",
            "bash", exports,
        ])
        #expect(evaluated == "eu-west-1 unset\n")
        #expect(try home.cli(["env", "eu", "--shell", "fish"]).stdout.contains("set -gx AWS_REGION 'eu-west-1'"))
        #expect(try home.cli(["profiles", "delete", "eu", "--yes"]).status == 0)
        #expect(home.read(".config/bedrock-setup/profiles/eu.json") == nil)
    }

    @Test func policyIsValidJSONNarrowedToTheProfile() throws {
        let home = TestHome()
        #expect(
            try home.cli([
                "apply", "--profile-name", "p", "--credentials", "env", "--region", "eu-west-2",
                "--model", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "--yes",
            ]).status == 0)
        let result = try home.cli(["policy", "--profile", "p", "--account", "123456789012"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let resources = ((json?["Statement"] as? [[String: Any]])?.first?["Resource"] as? [String]) ?? []
        #expect(
            resources.first
                == "arn:aws:bedrock:eu-west-2:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-5-20250929-v1:0"
        )
        // Offline, the destinations are not certain: the foundation model in any Region, only through this profile.
        let scoped = (json?["Statement"] as? [[String: Any]])?.first {
            ($0["Sid"] as? String) == "InvokeInAnyDestinationOnlyThroughTheseProfiles"
        }
        #expect(
            scoped?["Resource"] as? [String] == [
                "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"
            ])
        #expect(try home.cli(["policy", "--account", "12"]).status == 64)
        let explained = try home.cli(["policy", "--profile", "p", "--explain"])
        #expect(explained.status == 0)
        #expect(
            explained.stdout.contains(
                "SubscribeOnFirstUseThroughBedrock\n  The first call to an Anthropic model subscribes the account"))
        #expect(
            explained.stdout.contains(
                "eu.anthropic.claude-sonnet-4-5-20250929-v1:0 from eu-west-2 (ANTHROPIC_MODEL pin)"))
    }
}

@Suite("CLI: every error path leaves every file as it was", .timeLimit(.minutes(3)))
struct CLIErrorTests {
    func expectFailure(
        _ home: TestHome, _ arguments: [String], status: Int32, message: String, input: String = "",
        environment: [String: String] = [:]
    ) throws {
        let before = home.snapshot()
        let result = try home.cli(arguments, environment: environment, input: input)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(home.snapshot() == before, "\(arguments) changed files")
    }

    let base = ["apply", "--credentials", "env", "--yes"]

    @Test func malformedSettingsJSON() throws {
        let home = TestHome()
        home.write(".claude/settings.json", "{\"env\": {\"A\": 1,}")
        try expectFailure(
            home, base + ["--region", "us-east-1"], status: 65,
            message: "settings.json is not valid JSON (line 1, column 17")
    }

    @Test func unknownRegion() throws {
        try expectFailure(
            TestHome(), base + ["--region", "us-east-7"], status: 64, message: "Region us-east-7 does not serve Claude")
    }

    @Test func bareModelId() throws {
        try expectFailure(
            TestHome(), base + ["--region", "eu-west-1", "--model", "anthropic.claude-haiku-4-5-20251001-v1:0"],
            status: 64,
            message:
                "Use the inference profile ID eu.anthropic.claude-haiku-4-5-20251001-v1:0, or turn on the Mantle endpoint"
        )
    }

    @Test func arnForAnotherRegion() throws {
        try expectFailure(
            TestHome(),
            base + [
                "--region", "eu-west-1", "--model",
                "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123",
            ],
            status: 64, message: "is an ARN in us-east-1, but the setup uses eu-west-1")
    }

    @Test func missingAWSProfile() throws {
        let home = TestHome()
        home.write(".aws/config", "[profile real]\nregion = us-east-1\n")
        try expectFailure(
            home,
            ["apply", "--credentials", "aws-profile", "--aws-profile", "ghost", "--region", "us-east-1", "--yes"],
            status: 64,
            message: "there is no AWS profile named ghost")
    }

    @Test func unreadableFile() throws {
        let home = TestHome()
        try FileManager.default.createDirectory(
            atPath: home.home + "/.claude/settings.json", withIntermediateDirectories: true)
        try expectFailure(
            home, base + ["--region", "us-east-1"], status: 74, message: "settings.json is a folder, not a regular file"
        )
    }

    @Test func folderThatCannotBeWritten() throws {
        let home = TestHome()
        // A file where the folder should be: no write can succeed there, even as root.
        home.write(".config", "not a folder")
        try expectFailure(home, base + ["--region", "us-east-1"], status: 74, message: "cannot be written")
    }

    @Test func slashInProfileName() throws {
        try expectFailure(
            TestHome(), base + ["--region", "us-east-1", "--profile-name", "team/eu"], status: 64,
            message: "contains a slash")
    }

    @Test func apiKeyOnlyFromEnvironmentOrStdin() throws {
        try expectFailure(
            TestHome(), ["apply", "--credentials", "api-key", "--region", "us-east-1", "--yes"], status: 64,
            message: "No Bedrock API key was given in AWS_BEARER_TOKEN_BEDROCK or on standard input.")
    }

    @Test func withoutYesAndWithoutATerminalNothingIsWritten() throws {
        try expectFailure(
            TestHome(), ["apply", "--credentials", "env", "--region", "us-east-1"], status: 64, message: "add --yes")
    }

    @Test func unknownSavedProfile() throws {
        try expectFailure(
            TestHome(), ["profiles", "use", "nope", "--yes"], status: 64,
            message: "There is no saved profile named nope.")
        try expectFailure(TestHome(), ["env", "nope"], status: 64, message: "There is no saved profile named nope.")
    }

    @Test func theWizardNeedsATerminal() throws {
        try expectFailure(TestHome(), [], status: 64, message: "the wizard needs a terminal")
    }

    @Test func usageErrorsAre64() throws {
        try expectFailure(
            TestHome(), ["apply", "--credentials", "carrier-pigeon", "--region", "us-east-1"], status: 64,
            message: "carrier-pigeon")
    }
}
