import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// Option C's built-in IAM Identity Center sign-in in a real terminal, against the stand-in (SSO
/// OIDC and the portal, checked against botocore's models) and moto (STS): a new portal from its
/// start URL to a written profile, and an expired profile signed in again with the AWS CLI v1 on PATH.
@Suite(
    "Wizard: IAM Identity Center sign-in in tmux", .serialized, .timeLimit(.minutes(5)),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
struct WizardSSOTmuxTests {
    let binary = TestPaths.binary

    /// Sends one named key and counts it.
    final class Keys {
        let tmux: TmuxSession
        var pressed = 0
        var typed = 0
        init(_ tmux: TmuxSession) { self.tmux = tmux }
        func press(_ key: String) throws {
            pressed += 1
            try tmux.press(key)
        }
        func type(_ text: String) throws {
            typed += text.count
            try tmux.type(text)
        }
    }

    func peers(_ standIn: SSOStandIn, _ moto: MotoPeer) async throws -> TestHome {
        // The portal hands out moto's keys, so the identity check after the sign-in passes for real.
        try await standIn.configure([
            "approve_after_polls": 2,
            "role_credentials": [
                "accessKeyId": moto.credentials.accessKeyId,
                "secretAccessKey": moto.credentials.secretAccessKey,
            ],
        ])
        let home = TestHome()
        home.extraEnvironment = ["AWS_ENDPOINT_URL_STS": moto.url].merging(standIn.environment) { $1 }
        return home
    }

    /// Starts the wizard and goes to option C: Start, Model access, `c`.
    func toOptionC(_ tmux: TmuxSession, _ commandLine: String, first: String) throws {
        try tmux.runRecordingTTY(commandLine)
        try tmux.waitFor(first)
        try tmux.press("Enter")
        try tmux.waitFor("Turn on model access")
        try tmux.press("Enter")
        try tmux.type("c")
    }

    /// The directory of the AWS CLI v1 (what `pip install awscli` gives, from scripts/bootstrap).
    func awsCLIv1Folder() throws -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = String(folder) + "/aws"
            guard FileManager.default.isExecutableFile(atPath: path),
                (try? run([path, "--version"]))?.contains("aws-cli/1.") == true
            else { continue }
            return String(folder)
        }
        return nil
    }

    @Test func aNewPortalFromStartURLToAWrittenProfile() async throws {
        let moto = try MotoPeer.shared.get()
        let standIn = try SSOStandIn()
        let home = try await peers(standIn, moto)
        try await standIn.configure([
            "accounts": [
                ["accountId": "111122223333", "accountName": "Sandbox", "emailAddress": "sandbox@example.com"],
                ["accountId": "444455556666", "accountName": "Production", "emailAddress": "prod@example.com"],
            ],
            "roles": ["111122223333": ["BedrockDeveloper", "ReadOnly"], "444455556666": ["Admin"]],
        ])
        home.write(".aws/config", "# mine\n[profile dev]\nregion = eu-west-1\n")
        let tmux = try TmuxSession(
            width: 80, height: 24, home: home.home, environment: home.extraEnvironment, directory: home.work)
        try toOptionC(tmux, binary, first: "Set up Claude Code on Bedrock")
        try tmux.waitFor("Sign in to a new IAM Identity Center portal")
        try tmux.press("Enter")
        try tmux.waitFor("Start URL")
        // Counted from the start-URL screen to the written profile.
        let keys = Keys(tmux)
        try keys.type("https://acme.awsapps.com/start")
        try keys.press("Enter")
        let code = try tmux.waitFor("and confirm the code:", "Or scan the QR code")
        #expect(code.contains("█"), "no QR code at 80x24:\n\(code)")
        let requests = try await standIn.requests()
        let userCode = try #require(
            code.split(separator: "\n").map { $0.prefix(40).trimmingCharacters(in: .whitespaces) }
                .first { $0.count == 9 && $0.wholeMatch(of: /[0-9A-F]{4}-[0-9A-F]{4}/) != nil })
        #expect(requests.contains { $0["operation"] as? String == "StartDeviceAuthorization" })
        try tmux.waitFor("Which AWS account", "Sandbox, sandbox@example.com (111122223333)", timeout: 30)
        try keys.press("Enter")
        try tmux.waitFor("Which role", "BedrockDeveloper")
        try keys.press("Enter")
        try tmux.waitFor("Name the AWS profile", "BedrockDeveloper-111122223333")
        try keys.press("Enter")
        try tmux.waitFor("✓ Identity: account \(moto.account)", timeout: 30)
        print(
            "keys from start URL to written profile: \(keys.pressed) keys + \(keys.typed) characters of the URL (code \(userCode))"
        )
        #expect(keys.pressed == 4 && keys.typed == 30)
        // Written as `aws configure sso` writes it, everything else kept; botocore signs in with it.
        let config = try #require(home.read(".aws/config"))
        #expect(config.hasPrefix("# mine\n[profile dev]\nregion = eu-west-1\n"))
        #expect(
            config.contains(
                "[profile BedrockDeveloper-111122223333]\nsso_session = acme\nsso_account_id = 111122223333\nsso_role_name = BedrockDeveloper\n"
            ))
        #expect(
            config.contains(
                "[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n"
            ))
        try await standIn.configure(["role_credentials": NSNull()])  // botocore insists on a session token
        let oracle = try run(
            ["python3", TestPaths.repository + "/Tests/peers/sso_oracle.py", "BedrockDeveloper-111122223333"],
            environment: ["HOME": home.home, "AWS_EC2_METADATA_DISABLED": "true"].merging(standIn.environment) { $1 })
        let handed = try #require(try await standIn.handed().last)
        #expect(oracle.contains("\"access_key\": \"\(handed["accessKeyId"] as? String ?? "?")\""), "\(oracle)")
        #expect(try await standIn.invalidRequests().isEmpty)
        try tmux.type("q")
        try tmux.waitFor("Leave without writing anything?")
        try tmux.type("y")
        let (_, restored) = try tmux.waitForExit(0)
        #expect(restored)
    }

    /// With the AWS CLI v1 on PATH (which has no `aws sso login`): never offered, `l` does nothing,
    /// the expired profile signs in again built in, and Claude Code gets this program's `login`.
    @Test func anExpiredProfileSignsInAgainWithTheAWSCLIv1OnPath() async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        let standIn = try SSOStandIn()
        let home = try await peers(standIn, moto)
        home.extraEnvironment["AWS_ENDPOINT_URL_BEDROCK"] = fake.url
        home.extraEnvironment["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = fake.url
        let v1 = try #require(
            try awsCLIv1Folder(), "the AWS CLI v1 (pip install awscli, in scripts/bootstrap) is not on PATH")
        home.extraEnvironment["PATH"] = v1 + ":/usr/bin:/bin"
        home.write(".aws/config", SSOFixture.corp)
        home.writeSSOToken(key: "corp", token: "expired-token", expires: Date().addingTimeInterval(-600))
        let tmux = try TmuxSession(
            width: 80, height: 24, home: home.home, environment: home.extraEnvironment, directory: home.work)
        try toOptionC(tmux, binary, first: "Set up Claude Code on Bedrock")
        let list = try tmux.waitFor("corp", "login expired: Enter signs in again")
        usleep(2_500_000)  // time for `aws --version` (v1 starts slowly) to answer
        try tmux.type("l")
        usleep(500_000)
        let after = try tmux.capture()
        #expect(!after.contains("aws sso login") && !list.contains("aws sso login"), "\(after)")
        #expect(!after.contains("Invalid choice") && after.contains("login expired: Enter signs in again"))
        try tmux.press("Enter")
        try tmux.waitFor("Sign in again: profile corp", "and confirm the code:")
        try tmux.waitFor("✓ Identity: account \(moto.account)", timeout: 30)
        let token = try #require(home.ssoCache.token(forKey: "corp"))
        #expect(token.accessToken != "expired-token" && token.refreshToken != nil && token.expiresAt > Date())
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
        let (_, restored) = try tmux.waitForExit(0)
        #expect(restored)
        let settings = try JSONParser.parse(try #require(home.read(".claude/settings.json")))
        #expect(settings["awsAuthRefresh"] == .string("'\(binary)' login --profile 'corp'"), "\(settings)")
        #expect(settings["env"]?["AWS_PROFILE"] == .string("corp"))
        // And that command works as Claude Code would run it: no input, the cache is valid, exit 0.
        let refresh = try home.cli(["login", "--profile", "corp", "--no-browser"])
        #expect(refresh.status == 0 && refresh.stderr.contains("is signed in"), "\(refresh.stderr)")
    }

    /// A legacy profile is rewritten in the `sso-session` form from the list (`v`), then signed in
    /// once under the new session, which renews silently from then on.
    @Test func aLegacyProfileIsConvertedAndSignedIn() async throws {
        let moto = try MotoPeer.shared.get()
        let standIn = try SSOStandIn()
        let home = try await peers(standIn, moto)
        home.write(
            ".aws/config",
            "[profile legacy]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"
                + "sso_account_id = 111122223333\nsso_role_name = Developer\nregion = eu-central-1\n")
        let tmux = try TmuxSession(
            width: 80, height: 24, home: home.home, environment: home.extraEnvironment, directory: home.work)
        try toOptionC(tmux, binary, first: "Set up Claude Code on Bedrock")
        try tmux.waitFor("legacy", "Legacy form (sso_start_url in the profile)")
        try tmux.type("v")
        try tmux.waitFor("Sign in again: profile legacy", "and confirm the code:")
        try tmux.waitFor("✓ Identity: account \(moto.account)", timeout: 30)
        let config = try #require(home.read(".aws/config"))
        #expect(
            config
                == "[profile legacy]\nsso_account_id = 111122223333\nsso_role_name = Developer\nregion = eu-central-1\nsso_session = corp\n"
                + "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n",
            "\(config)")
        let token = try #require(home.ssoCache.token(forKey: "corp"))
        #expect(token.refreshToken != nil && token.registrationExpiresAt != nil)
        try tmux.type("q")
        try tmux.waitFor("Leave without writing anything?")
        try tmux.type("y")
        let (_, restored) = try tmux.waitForExit(0)
        #expect(restored)
    }

    /// The demo shows the whole sign-in (code, QR code, accounts, roles, profile) without a portal,
    /// writing only into its throw-away folder.
    @Test func theDemoSimulatesTheWholeSignIn() throws {
        let home = TestHome()
        let before = home.snapshot()
        let tmux = try TmuxSession(width: 100, height: 40, home: home.home, directory: home.work)
        try toOptionC(tmux, "\(binary) --demo", first: "What is configured today")
        try tmux.waitFor("Sign in to a new IAM Identity Center portal")
        try tmux.press("End")
        try tmux.press("Enter")
        try tmux.waitFor("Start URL")
        try tmux.type("https://demo.awsapps.com/start")
        try tmux.press("Enter")
        let code = try tmux.waitFor("WDKX-PQRT", "Or scan the QR code")
        #expect(code.contains("█") && code.contains("DEMO"))
        try tmux.waitFor("Which AWS account", "Production, prod@example.com (444455556666)")
        try tmux.press("Enter")
        try tmux.waitFor("Which role", "BedrockDeveloper")
        try tmux.press("Enter")
        try tmux.waitFor("Name the AWS profile")
        try tmux.press("Enter")
        try tmux.waitFor("✓ Identity")
        try tmux.type("q")
        try tmux.waitFor("Leave without writing anything?")
        try tmux.type("y")
        let (_, restored) = try tmux.waitForExit(0)
        #expect(restored)
        #expect(home.snapshot() == before, "the demo wrote outside its folder")
    }
}
