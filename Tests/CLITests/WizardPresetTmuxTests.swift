import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// `bedrock-setup --preset FILE` in a real terminal (tmux) for an IAM Identity Center preset: a platform engineer's
/// preset, handed to a developer with a fresh HOME, goes from the first screen to the written files with a sign-in
/// against the local stand-in (SSO OIDC and the portal, checked against botocore's models), moto (STS) and the Bedrock
/// fake. The test waits on screen titles and prints the keys pressed. (The API-key preset's count is printed by
/// `WizardTmuxTests.aPresetFromOneHomeReproducesItsSettingsInAFreshHomeThroughTheWizard`.)
@Suite(
    "Wizard: a team preset with IAM Identity Center in tmux", .serialized, .timeLimit(.minutes(5)),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
struct WizardPresetTmuxTests {
    let binary = TestPaths.binary
    static let model = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
    static let config = """
        [profile acme-dev]
        sso_session = acme
        sso_account_id = 111122223333
        sso_role_name = BedrockDeveloper
        region = us-east-1
        [sso-session acme]
        sso_start_url = https://acme.awsapps.com/start
        sso_region = us-east-1
        sso_registration_scopes = sso:account:access

        """

    @Test func anSSOPresetGoesFromTheFirstScreenToWrittenFilesWithOneSignIn() async throws {
        let engineer = TestHome()
        engineer.write(".aws/config", Self.config)
        let made = try engineer.cli([
            "apply", "--credentials", "sso", "--aws-profile", "acme-dev", "--region", "us-east-1",
            "--model", Self.model, "--auth-refresh", "login", "--service-tier", "flex", "--yes",
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let created = try engineer.cli([
            "preset", "create", "sso.json", "--lock", "credentials", "--lock", "region",
            "--lock", "models", "--lock", "bedrock", "--description", "Acme: Claude in Virginia", "--yes",
        ])
        #expect(created.status == 0, "\(created.stderr)")

        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        let standIn = try SSOStandIn()
        try await standIn.configure([
            "approve_after_polls": 2,
            "role_credentials": [
                "accessKeyId": moto.credentials.accessKeyId, "secretAccessKey": moto.credentials.secretAccessKey,
            ],
            "accounts": [
                ["accountId": "111122223333", "accountName": "Sandbox", "emailAddress": "sandbox@example.com"],
                ["accountId": "444455556666", "accountName": "Production", "emailAddress": "prod@example.com"],
            ],
            "roles": ["111122223333": ["Admin", "BedrockDeveloper"], "444455556666": ["Admin"]],
        ])
        let developer = TestHome()
        developer.extraEnvironment = [
            "AWS_ENDPOINT_URL_STS": moto.url, "AWS_ENDPOINT_URL_BEDROCK": fake.url,
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": fake.url,
        ].merging(standIn.environment) { $1 }
        let tmux = try TmuxSession(
            width: 80, height: 24, home: developer.home, environment: developer.extraEnvironment,
            directory: developer.work)
        try tmux.runRecordingTTY("\(binary) --preset \(engineer.work)/sso.json")
        var keys = 0
        func press(_ key: String, then texts: String...) throws -> String {
            try tmux.press(key)
            keys += 1
            var screen = ""
            for text in texts { screen = try tmux.waitFor(text, timeout: 30) }
            return screen
        }
        let start = try tmux.waitFor("· Start", "Set up with the team preset")
        #expect(start.contains("Locked: credentials, region, models, bedrock"), "\(start)")
        _ = try press("Enter", then: "· Model access")
        _ = try press("Enter", then: "· Credentials")
        _ = try press("Enter", then: "Sign in to a new IAM Identity Center portal")
        let portal = try press("Enter", then: "· Credentials: new portal")
        #expect(portal.contains("https://acme.awsapps.com/start"), "\(portal)")
        // Enter signs in; the stand-in approves after two polls, and the preset's account and role are taken.
        _ = try press("Enter", then: "· Credentials: sign in")
        let name = try tmux.waitFor("· Credentials: profile", "acme-dev", timeout: 30)
        #expect(name.contains("BedrockDeveloper"), "\(name)")
        let profileKeys = keys + 1
        _ = try press("Enter", then: "· Credentials", "✓ Identity: account \(moto.account)")
        // Region and Models are locked: straight on to Verify.
        let verify = try press("Enter", then: "· Verify", "✓ ListInferenceProfiles")
        #expect(!verify.contains("✗"), "\(verify)")
        _ = try press("Enter", then: "· Review")
        _ = try press("Enter", then: "· Done")
        try tmux.press("Enter")
        let (_, restored) = try tmux.waitForExit(0)
        #expect(restored)
        print(
            "preset with IAM Identity Center, through the wizard in tmux: \(keys) keys from the first screen to the "
                + "written files (\(profileKeys) to the written AWS profile), plus the approval in a browser")

        // The engineer's settings, the profile `aws configure sso` would write, and no secret in either.
        let expected = try #require(engineer.read(".claude/settings.json"))
        #expect(developer.read(".claude/settings.json") == expected)
        #expect(
            developer.read(".aws/config")?.contains(Self.config.components(separatedBy: "region = us-east-1\n")[1])
                == true,
            "\(developer.read(".aws/config") ?? "no config")")
        #expect(try await standIn.invalidRequests().isEmpty)
    }
}
