import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// `doctor` against moto (STS) and the Bedrock fake, healthy and broken.
@Suite("CLI: doctor against local peers", .serialized, .timeLimit(.minutes(3)))
struct DoctorTests {
    let model = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"

    func healthyHome(moto: MotoPeer, fake: BedrockFake, secret: String? = nil) -> TestHome {
        TestHome.bedrockSetup(moto: moto, bedrock: fake.url, model: model, secret: secret)
    }

    func peers() async throws -> (MotoPeer, BedrockFake) {
        let moto = try MotoPeer.shared.get()
        return (moto, try await BedrockFake.trusting(moto))
    }

    @Test func healthySetupPasses() async throws {
        let (moto, fake) = try await peers()
        let home = healthyHome(moto: moto, fake: fake)
        let result = try home.cli(["doctor"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("✓ Identity: account \(moto.account), arn:aws:iam::\(moto.account):user/dev"))
        #expect(result.stdout.contains("✓ ListInferenceProfiles: allowed"))
        #expect(result.stdout.contains("✓ Model primary model: \(model) is available to this account"))
        #expect(result.stdout.contains("Everything checks out"))
    }

    @Test func wrongSecretFailsOnIdentity() async throws {
        let (moto, fake) = try await peers()
        let home = healthyHome(moto: moto, fake: fake, secret: "wrongwrongwrongwrongwrongwrongwrongwrong")
        let result = try home.cli(["doctor"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "✗ Identity: AWS knows the access key but the signature does not match: the secret access key is wrong."
            ))
        #expect(!result.stdout.contains("wrongwrongwrong"))
    }

    @Test func missingPermissionNamesTheAction() async throws {
        let (moto, fake) = try await peers()
        try await fake.configure(["fail": ["ListInferenceProfiles": "iam-deny"]])
        let result = try healthyHome(moto: moto, fake: fake).cli(["doctor"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("✗ ListInferenceProfiles: IAM does not allow bedrock:ListInferenceProfiles"))
        #expect(result.stdout.contains("fix: Attach the policy printed by `bedrock-setup policy`"))
    }

    @Test func expiredSSOTokenSaysToLogIn() async throws {
        let (moto, fake) = try await peers()
        let home = healthyHome(moto: moto, fake: fake)
        home.write(
            ".aws/config",
            "[profile corp]\nsso_session = c\nsso_account_id = 111122223333\nsso_role_name = Dev\n[sso-session c]\nsso_start_url = https://c.awsapps.com/start\nsso_region = eu-west-1\n"
        )
        home.write(
            ".aws/sso/cache/\(Digest.sha1Hex("c")).json",
            #"{"accessToken": "t", "expiresAt": "2020-01-01T00:00:00Z", "region": "eu-west-1", "startUrl": "https://c.awsapps.com/start"}"#
        )
        // Claude Code takes AWS_PROFILE from its settings, whatever the shell exports.
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "corp", "ANTHROPIC_MODEL": "\#(model)"}}"#
        )
        let result = try home.cli(["doctor"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("✗ Credentials: The SSO login for profile corp expired at 2020-01-01"))
        #expect(result.stdout.contains("fix: Run `bedrock-setup login --profile corp`."))
    }

    /// An expired sign-in with a live refresh token is renewed silently (and written back), as
    /// Claude Code's SDK would renew it: doctor reports the credentials as working, not expired.
    @Test func anExpiredButRefreshableSSOTokenIsRefreshedSilently() async throws {
        let (moto, fake) = try await peers()
        let standIn = try SSOStandIn()
        let home = healthyHome(moto: moto, fake: fake)
        home.write(".aws/config", SSOFixture.corp)
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "corp"}}"#)
        home.extraEnvironment.merge(standIn.environment) { $1 }
        try await standIn.configure(["token_lifetime": 1])
        #expect(try home.cli(["login", "--profile", "corp", "--no-browser"]).status == 0)
        let signedIn = try #require(home.ssoCache.token(forKey: "corp"))
        try await Task.sleep(nanoseconds: 2_000_000_000)  // now expired
        try await standIn.configure(["token_lifetime": 3600])
        let offline = try home.cli(["doctor", "--offline"])
        #expect(offline.stdout.contains("renewed silently with its refresh token"), "\(offline.stdout)")
        let result = try home.cli(["doctor"])
        #expect(result.stdout.contains("✓ Credentials: SSO profile corp"), "\(result.stdout)\(result.stderr)")
        // The role credentials came from the portal with the refreshed token (moto then refuses the
        // stand-in's keys, which is Identity's business, not the sign-in's).
        #expect(
            !result.stdout.contains("SSO login for profile corp expired") && !result.stdout.contains("✗ Credentials"),
            "\(result.stdout)")
        #expect(try await standIn.handed().count == 1)
        let refreshed = try #require(home.ssoCache.token(forKey: "corp"))
        #expect(refreshed.accessToken != signedIn.accessToken && refreshed.expiresAt > Date().addingTimeInterval(3000))
        #expect(try await standIn.requests().contains { $0["grantType"] as? String == "refresh_token" })
        #expect(try await standIn.invalidRequests().isEmpty)
    }

    @Test func bareModelIdFailsOffline() async throws {
        let (moto, fake) = try await peers()
        let home = healthyHome(moto: moto, fake: fake)
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "dev", "ANTHROPIC_MODEL": "anthropic.claude-sonnet-4-5-20250929-v1:0"}}"#
        )
        let result = try home.cli(["doctor", "--offline"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "✗ ANTHROPIC_MODEL: The primary model anthropic.claude-sonnet-4-5-20250929-v1:0 is a bare model ID"))
        #expect(
            result.stdout.contains(
                "fix: Use the inference profile ID us.anthropic.claude-sonnet-4-5-20250929-v1:0, or turn on the Mantle endpoint"
            ))
    }

    @Test func regionWithoutTheModel() async throws {
        let (moto, fake) = try await peers()
        let home = healthyHome(moto: moto, fake: fake)
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-2", "AWS_PROFILE": "dev", "ANTHROPIC_MODEL": "eu.anthropic.claude-haiku-4-5-20251001-v1:0"}}"#
        )
        let result = try home.cli(["doctor"])
        #expect(result.status == 1)
        // Offline the bundled list only warns (it may be stale); the live listing decides.
        #expect(
            result.stdout.contains(
                "⚠ ANTHROPIC_MODEL: eu.anthropic.claude-haiku-4-5-20251001-v1:0 (user settings (\(home.home)/.claude/settings.json)): "
                    + "The bundled list as of \(Catalogue.bundled.asOf) does not offer eu.anthropic.claude-haiku-4-5-20251001-v1:0 from eu-west-2."
            ))
        #expect(
            result.stdout.contains(
                "✗ Model primary model: eu.anthropic.claude-haiku-4-5-20251001-v1:0 is not among the inference profiles this account sees in eu-west-2."
            ))
    }

    @Test func jsonHasEverySettingWithItsSourceAndEveryProfileWithItsKind() async throws {
        let (moto, fake) = try await peers()
        let home = healthyHome(moto: moto, fake: fake)
        home.write(".aws/config", "[profile tool]\ncredential_process = /bin/false\nregion = eu-west-1\n")
        home.extraEnvironment["AWS_DEFAULT_REGION"] = "eu-west-1"
        home.extraEnvironment["AWS_REGION"] = "us-east-1"
        let result = try home.cli(["doctor", "--offline", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let settings = try #require(json["settings"] as? [String: [String: String]])
        // The settings value wins over the exported one (here they agree).
        #expect(
            settings["AWS_REGION"] == [
                "value": "us-east-1", "source": "user settings (\(home.home)/.claude/settings.json)",
            ])
        #expect(settings["ANTHROPIC_MODEL"]?["source"] == "user settings (\(home.home)/.claude/settings.json)")
        let profiles = try #require(json["awsProfiles"] as? [[String: Any]])
        #expect(profiles.contains { ($0["name"] as? String) == "dev" && ($0["kind"] as? String) == "static-keys" })
        #expect(
            profiles.contains {
                ($0["name"] as? String) == "tool" && ($0["kind"] as? String) == "credential-process"
                    && ($0["region"] as? String) == "eu-west-1"
            })
        let checks = try #require(json["checks"] as? [[String: Any]])
        // The AWS CLI reads AWS_DEFAULT_REGION, never AWS_REGION: said as a second line.
        #expect(
            checks.contains {
                ($0["code"] as? String) == "toolsDisagree"
                    && (($0["cause"] as? String) ?? "").contains("The AWS CLI's Region here is eu-west-1")
            })
        #expect(json["ok"] as? Bool == true)
    }
}
