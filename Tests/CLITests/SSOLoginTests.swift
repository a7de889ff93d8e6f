import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// `login`, `export-credentials` and `apply --sso-…` against the IAM Identity Center stand-in,
/// with botocore as the oracle for every file they write.
@Suite("CLI: SSO sign-in without the AWS CLI", .timeLimit(.minutes(3)))
struct SSOLoginTests {
    func corpHome() -> TestHome {
        let home = TestHome()
        home.write(".aws/config", "# my settings\n[default]\nregion = us-east-1\n\n" + SSOFixture.corp)
        return home
    }

    /// botocore's view (boto3.Session or its SSO token provider) of `profile` under this HOME.
    func botocore(_ home: TestHome, _ standIn: SSOStandIn, profile: String = "corp", mode: String = "credentials")
        throws -> [String: Any]
    {
        let output = try run(
            ["python3", TestPaths.repository + "/Tests/peers/sso_oracle.py", profile, mode],
            environment: [
                "HOME": home.home, "AWS_CONFIG_FILE": home.paths.awsConfig,
                "AWS_SHARED_CREDENTIALS_FILE": home.paths.awsCredentials,
                "AWS_EC2_METADATA_DISABLED": "true",
            ].merging(standIn.environment) { $1 })
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] ?? [:]
    }

    func cache(_ home: TestHome) -> SSOToken? { home.ssoCache.token(forKey: "corp") }

    @Test func loginWritesTheCacheBotocoreSignsInWith() async throws {
        let standIn = try SSOStandIn()
        let home = corpHome()
        try await standIn.configure(["approve_after_polls": 2])
        let log = home.root + "/diagnostic.log"
        let result = try home.cli(
            ["login", "--profile", "corp", "--no-browser"],
            environment: standIn.environment.merging(["BEDROCK_SETUP_LOG": log]) { $1 })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let logged = try #require(home.read(log))
        #expect(logged.contains("CreateToken") && logged.contains("RegisterClient"))
        #expect(
            result.stderr.contains("https://device.sso.example.test/?user_code=") && result.stderr.contains("Code: "))
        let token = try #require(cache(home))
        for secret in [token.accessToken, token.refreshToken!, token.clientSecret!] {
            #expect(!result.stderr.contains(secret) && !logged.contains(secret))
        }
        // botocore finds the token this tool wrote and gets role credentials from the portal with it.
        let view = try botocore(home, standIn)
        #expect(
            view["access_key"] as? String == (try await standIn.handed()).last?["accessKeyId"] as? String, "\(view)")
        #expect(try await standIn.invalidRequests().isEmpty)
        #expect(home.read(".aws/config")?.hasPrefix("# my settings\n") == true)
    }

    @Test func botocoresOwnTokenProviderRefreshesTheCacheThisToolWrote() async throws {
        let standIn = try SSOStandIn()
        let home = corpHome()
        try await standIn.configure(["token_lifetime": 600])  // under botocore's 15-minute window, over the JS SDK's 5
        #expect(
            try home.cli(["login", "--profile", "corp", "--no-browser"], environment: standIn.environment).status == 0)
        let ours = try #require(cache(home))
        let view = try botocore(home, standIn, mode: "token")
        let refreshed = try #require(cache(home))
        #expect(view["token"] as? String == refreshed.accessToken, "\(view)")
        #expect(refreshed.accessToken != ours.accessToken && refreshed.refreshToken != ours.refreshToken)
        #expect(refreshed.clientId == ours.clientId && refreshed.registrationExpiresAt == ours.registrationExpiresAt)
        #expect(try await standIn.requests().last?["grantType"] as? String == "refresh_token")
        // And this tool reads what botocore wrote back.
        let export = try home.cli(["export-credentials", "--profile", "corp"], environment: standIn.environment)
        #expect(export.status == 0, "\(export.stderr)")
    }

    @Test func exportCredentialsPrintsExactlyWhatThePortalHandedOut() async throws {
        let standIn = try SSOStandIn()
        let home = corpHome()
        #expect(
            try home.cli(["login", "--profile", "corp", "--no-browser"], environment: standIn.environment).status == 0)
        let result = try home.cli(["export-credentials", "--profile", "corp"], environment: standIn.environment)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let handed = try #require(try await standIn.handed().last)
        let expiration = SSOTokenCache.timestamp(Date(timeIntervalSince1970: (handed["expiration"] as! Double) / 1000))
        #expect(
            result.stdout
                == #"{"Credentials":{"AccessKeyId":"\#(handed["accessKeyId"]!)","SecretAccessKey":"\#(handed["secretAccessKey"]!)","SessionToken":"\#(handed["sessionToken"]!)","Expiration":"\#(expiration)"}}"#
                + "\n")
        // AWS_PROFILE chooses the profile when --profile is not given, as the SDKs do.
        let viaEnvironment = try home.cli(
            ["export-credentials"], environment: standIn.environment.merging(["AWS_PROFILE": "corp"]) { $1 })
        #expect(viaEnvironment.status == 0 && viaEnvironment.stdout.contains("\"AccessKeyId\""))
    }

    @Test func aSecondLoginRefreshesSilentlyWithoutAsking() async throws {
        let standIn = try SSOStandIn()
        let home = corpHome()
        try await standIn.configure(["token_lifetime": 200])  // inside the 5-minute margin at once
        #expect(
            try home.cli(["login", "--profile", "corp", "--no-browser"], environment: standIn.environment).status == 0)
        let first = try #require(cache(home))
        let again = try home.cli(["login", "--profile", "corp", "--no-browser"], environment: standIn.environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("refreshed silently") && !again.stderr.contains("Code: "))
        #expect(cache(home)?.accessToken != first.accessToken)
        #expect(try await standIn.operations().filter { $0 == "StartDeviceAuthorization" }.count == 1)
    }

    @Test func aValidSignInIsCheckedWithThePortalAndRedoneWhenRevoked() async throws {
        let standIn = try SSOStandIn()
        let home = corpHome()
        #expect(
            try home.cli(["login", "--profile", "corp", "--no-browser"], environment: standIn.environment).status == 0)
        let same = try home.cli(["login", "--profile", "corp", "--no-browser"], environment: standIn.environment)
        #expect(same.status == 0 && same.stderr.contains("is signed in") && !same.stderr.contains("Code: "))
        try await standIn.configure(["revoke_access_tokens": true, "revoke_refresh_tokens": true])
        let redone = try home.cli(["login", "--profile", "corp", "--no-browser"], environment: standIn.environment)
        #expect(
            redone.status == 0 && redone.stderr.contains("no longer accepts") && redone.stderr.contains("Code: "),
            "\(redone.stderr)")
    }

    @Test func denialAndExpiryExitOneAndLeaveEveryFileAsItWas() async throws {
        for (switchName, words) in [("deny", "denied"), ("expire", "expired")] {
            let standIn = try SSOStandIn()
            let home = corpHome()
            home.writeSSOToken(key: "corp", token: "old-token", expires: Date().addingTimeInterval(-3600))
            let before = home.snapshot()
            try await standIn.configure([switchName: true, "approve_after_polls": 2])
            let result = try home.cli(["login", "--profile", "corp", "--no-browser"], environment: standIn.environment)
            #expect(result.status == 1 && result.stderr.contains(words), "\(result.stderr)")
            #expect(home.snapshot() == before)
        }
    }

    @Test func exportCredentialsNeverStartsASignIn() async throws {
        let standIn = try SSOStandIn()
        let home = corpHome()
        home.writeSSOToken(key: "corp", token: "old-token", expires: Date().addingTimeInterval(-60))
        let result = try home.cli(["export-credentials", "--profile", "corp"], environment: standIn.environment)
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(result.stderr.contains("bedrock-setup login --profile corp"), "\(result.stderr)")
        #expect(try await standIn.operations().isEmpty)
    }

    @Test func loginExplainsAProfileThatIsNotSSO() throws {
        let home = corpHome()
        let missing = try home.cli(["login", "--profile", "nope", "--no-browser"])
        #expect(
            missing.status == 64 && missing.stderr.contains("no AWS profile named nope")
                && missing.stderr.contains("corp"))
        let notSSO = try home.cli(["login", "--profile", "default", "--no-browser"])
        #expect(notSSO.status == 64 && notSSO.stderr.contains("not an IAM Identity Center"), "\(notSSO.stderr)")
    }

    // MARK: apply --sso-…

    static let ssoFlags = [
        "--sso-start-url", "https://acme.awsapps.com/start/#/", "--sso-region", "eu-west-1",
        "--sso-account-id", "111122223333", "--sso-role-name", "Developer",
    ]

    @Test func applyCreatesTheSectionsLikeAWSConfigureSSOAndTheRefreshWorksWithoutAWSCLIv2() async throws {
        let standIn = try SSOStandIn()
        let home = corpHome()
        let before = try #require(home.read(".aws/config"))
        // This machine's AWS CLI is v1 (pip's awscli): the default refresh is this tool's own login.
        let result = try home.cli(
            ["apply", "--credentials", "sso", "--aws-profile", "acme-dev", "--region", "eu-central-1", "--yes"]
                + Self.ssoFlags)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            home.read(".aws/config") == before + """
                [profile acme-dev]
                sso_session = acme
                sso_account_id = 111122223333
                sso_role_name = Developer
                region = eu-central-1
                [sso-session acme]
                sso_start_url = https://acme.awsapps.com/start
                sso_region = eu-west-1
                sso_registration_scopes = sso:account:access

                """)
        home.write(".aws/credentials", "")  // the oracle reads both files
        let view = try botocoreView(home)
        let profile = (view["profiles"] as? [String: [String: String]])?["acme-dev"]
        #expect(
            profile == [
                "sso_session": "acme", "sso_account_id": "111122223333", "sso_role_name": "Developer",
                "region": "eu-central-1",
            ])
        #expect(
            (view["sso_sessions"] as? [String: [String: String]])?["acme"]?["sso_start_url"]
                == "https://acme.awsapps.com/start")

        let settings = try JSONParser.parse(try #require(home.read(".claude/settings.json")))
        let refresh = try #require(settings["awsAuthRefresh"]?.stringValue)
        #expect(
            refresh
                == "\(ShellQuoting.bash((TestPaths.binary as NSString).standardizingPath)) login --profile 'acme-dev'")
        // The refresh command, run through a shell as Claude Code runs it, signs in: no AWS CLI involved.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", refresh + " --no-browser"]
        shell.environment = home.processEnvironment.merging(standIn.environment) { $1 }
        shell.standardInput = FileHandle.nullDevice
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        #expect(home.ssoCache.token(forKey: "acme")?.startURL == "https://acme.awsapps.com/start")
        let oracle = try botocore(home, standIn, profile: "acme-dev")
        #expect(
            oracle["access_key"] as? String == (try await standIn.handed()).last?["accessKeyId"] as? String, "\(oracle)"
        )
    }

    @Test func aLegacyProfileSignsInIsToldAboutConversionAndIsConvertedByApply() async throws {
        let standIn = try SSOStandIn()
        let home = TestHome()
        home.write(
            ".aws/config",
            "[profile old]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 111122223333\nsso_role_name = Developer\n"
        )
        let login = try home.cli(["login", "--profile", "old", "--no-browser"], environment: standIn.environment)
        #expect(
            login.status == 0 && login.stderr.contains("legacy form") && login.stderr.contains("--sso-session acme"),
            "\(login.stderr)")
        #expect(home.ssoCache.token(forKey: "https://acme.awsapps.com/start")?.refreshToken == nil)
        let apply = try home.cli([
            "apply", "--credentials", "sso", "--aws-profile", "old", "--region", "eu-central-1", "--sso-session",
            "acme", "--yes",
        ])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(
            home.read(".aws/config")
                == "[profile old]\nsso_account_id = 111122223333\nsso_role_name = Developer\nsso_session = acme\nregion = eu-central-1\n[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n"
        )
        #expect(
            try home.cli(["login", "--profile", "old", "--no-browser"], environment: standIn.environment).status == 0)
        #expect(home.ssoCache.token(forKey: "acme")?.refreshToken != nil)
        let oracle = try botocore(home, standIn, profile: "old")
        #expect(
            oracle["access_key"] as? String == (try await standIn.handed()).last?["accessKeyId"] as? String, "\(oracle)"
        )
    }

    @Test func applyOffersAWSSSOLoginOnlyWhereTheAWSCLIv2IsInstalled() throws {
        let home = corpHome()
        // A stand-in for `aws --version` of the AWS CLI v2, which neither Debian nor PyPI packages.
        home.write(
            home.root + "/bin/aws", "#!/bin/sh\necho 'aws-cli/2.22.1 Python/3.12.6 Linux/6.1 exe/x86_64.debian.12'\n",
            mode: 0o755)
        let v2Path = home.root + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let withV2 = try home.cli(
            ["apply", "--credentials", "sso", "--aws-profile", "corp", "--region", "eu-central-1", "--yes"],
            environment: ["PATH": v2Path])
        #expect(withV2.status == 0, "\(withV2.stderr)")
        #expect(
            try JSONParser.parse(home.read(".claude/settings.json")!)["awsAuthRefresh"]
                == .string("aws sso login --profile 'corp'"))

        let other = corpHome()
        let before = other.snapshot()
        let refused = try other.cli([
            "apply", "--credentials", "sso", "--aws-profile", "corp", "--region", "eu-central-1", "--auth-refresh",
            "sso", "--yes",
        ])
        #expect(
            refused.status == 64 && refused.stderr.contains("version 1")
                && refused.stderr.contains("--auth-refresh login"), "\(refused.stderr)")
        #expect(other.snapshot() == before)
    }

    @Test func applyRefusesABadStartURLOrAMissingPieceAndWritesNothing() throws {
        let home = corpHome()
        let before = home.snapshot()
        let cases: [([String], String)] = [
            (["--sso-start-url", "http://acme.awsapps.com/start"], "must start with https://"),
            (["--sso-start-url", "https://acme.awsapps.com/portal"], "ends in /start"),
            (
                [
                    "--sso-start-url", "https://acme.awsapps.com/start", "--sso-region", "eu-west-1",
                    "--sso-account-id", "1234",
                    "--sso-role-name", "Dev",
                ], "not 12 digits"
            ),
            (
                [
                    "--sso-start-url", "https://acme.awsapps.com/start", "--sso-account-id", "111122223333",
                    "--sso-role-name", "Dev",
                ], "SSO Region"
            ),
            (
                [
                    "--sso-start-url", "https://other.awsapps.com/start", "--sso-session", "corp", "--sso-region",
                    "eu-west-1",
                    "--sso-account-id", "111122223333", "--sso-role-name", "Dev",
                ], "another start URL"
            ),
        ]
        for (flags, message) in cases {
            let result = try home.cli(
                ["apply", "--credentials", "sso", "--aws-profile", "x", "--region", "eu-central-1", "--yes"] + flags)
            #expect(result.status == 64 && result.stderr.contains(message), "\(flags): \(result.stderr)")
        }
        #expect(home.snapshot() == before)
    }
}
