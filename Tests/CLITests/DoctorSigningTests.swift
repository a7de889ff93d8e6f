import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// `doctor` signs its live checks with the credentials Claude Code itself would use, also when they come from
/// `awsCredentialExport` or a profile's web identity token (moto on 127.0.0.1 plays STS, the Bedrock fake the rest).
@Suite("CLI: doctor signs with awsCredentialExport and web identity credentials", .serialized, .timeLimit(.minutes(3)))
struct DoctorSigningTests {
    let model = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"

    /// A HOME whose settings hold `awsCredentialExport` running `bin/export` (which prints `json`) and no AWS_PROFILE.
    func exportHome(printing json: String, exitStatus: Int = 0, claudeCode: String = "2.1.240") async throws -> (
        TestHome, BedrockFake
    ) {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        let home = TestHome.bedrockSetup(moto: moto, bedrock: fake.url, model: model)
        home.installClaudeCode(version: claudeCode)
        home.write(".aws/credentials", "")
        home.write("export.json", json, mode: 0o600)
        home.write("bin/export", "#!/bin/sh\ncat \"$HOME/export.json\"\nexit \(exitStatus)\n", mode: 0o755)
        home.write(
            ".claude/settings.json",
            #"""
            {"awsCredentialExport": "$HOME/bin/export", "env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "ANTHROPIC_MODEL": "\#(model)"}}
            """#)
        return (home, fake)
    }

    @Test func theChecksAreSignedWithWhatAwsCredentialExportPrints() async throws {
        let moto = try MotoPeer.shared.get()
        let keys = moto.credentials
        let (home, fake) = try await exportHome(
            printing:
                #"{"Credentials": {"AccessKeyId": "\#(keys.accessKeyId)", "SecretAccessKey": "\#(keys.secretAccessKey)"}}"#
        )
        let result = try home.cli(["doctor"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(
            result.stdout.contains("✓ Identity: account \(moto.account), arn:aws:iam::\(moto.account):user/dev"),
            "\(result.stdout)")
        #expect(!result.stdout.contains("Skipped"))
        #expect(!result.stdout.contains(keys.secretAccessKey))
        withExtendedLifetime(fake) {}
    }

    @Test func theFlatExportCredentialsJSONNeedsClaudeCode2_1_181() async throws {
        let moto = try MotoPeer.shared.get()
        let keys = moto.credentials
        let flat =
            #"{"Version": 1, "AccessKeyId": "\#(keys.accessKeyId)", "SecretAccessKey": "\#(keys.secretAccessKey)"}"#
        let (newer, fake) = try await exportHome(printing: flat)
        let accepted = try newer.cli(["doctor"])
        #expect(accepted.stdout.contains("✓ Identity: account \(moto.account)"), "\(accepted.stdout)")
        let (older, _) = try await exportHome(printing: flat, claudeCode: "2.1.170")
        let refused = try older.cli(["doctor"])
        #expect(refused.status == 1)
        #expect(
            refused.stdout.contains("✗ Credentials: The awsCredentialExport command `$HOME/bin/export` printed no"),
            "\(refused.stdout)")
        #expect(refused.stdout.contains("needs Claude Code 2.1.181"))
        #expect(!refused.stdout.contains(keys.secretAccessKey))
        withExtendedLifetime(fake) {}
    }

    @Test func aFailingExportCommandIsNamedWithItsStatus() async throws {
        let (home, _) = try await exportHome(printing: "", exitStatus: 3)
        let result = try home.cli(["doctor"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "✗ Credentials: The awsCredentialExport command `$HOME/bin/export` exited with status 3"),
            "\(result.stdout)")
        #expect(result.stdout.contains("fix: Run the command by hand and fix it, or remove awsCredentialExport"))
    }

    @Test func aWebIdentityProfileIsTradedAtSTSAndSigned() async throws {
        let moto = try MotoPeer.open.get()
        let fake = try await BedrockFake.trusting(moto)
        let home = TestHome.bedrockSetup(moto: moto, bedrock: fake.url, model: model)
        let role = "arn:aws:iam::\(moto.account):role/ci-deployer"
        home.write("token.jwt", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl\n", mode: 0o600)
        home.write(
            ".aws/config",
            "[profile ci]\nrole_arn = \(role)\nweb_identity_token_file = \(home.home)/token.jwt\nrole_session_name = doctor-test\n"
        )
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "ci", "ANTHROPIC_MODEL": "\#(model)"}}"#
        )
        let result = try home.cli(["doctor"])
        #expect(
            result.stdout.contains(
                "✓ Identity: account \(moto.account), arn:aws:sts::\(moto.account):assumed-role/ci-deployer/doctor-test"
            ),
            "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("only Claude Code itself exercises"))
        withExtendedLifetime(fake) {}
    }

    @Test func anUnreadableWebIdentityTokenFileIsNamed() async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        let home = TestHome.bedrockSetup(moto: moto, bedrock: fake.url, model: model)
        home.write(
            ".aws/config",
            "[profile ci]\nrole_arn = arn:aws:iam::\(moto.account):role/x\nweb_identity_token_file = /nonexistent/token\n"
        )
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "ci", "ANTHROPIC_MODEL": "\#(model)"}}"#
        )
        let result = try home.cli(["doctor"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "✗ Credentials: Profile ci's web_identity_token_file /nonexistent/token cannot be read or is empty."),
            "\(result.stdout)")
    }
}

/// `aws login` profiles: the JS SDK's cache file (`~/.aws/login/cache/<sha256 of login_session>.json`) read as it reads it.
@Suite("CLI: doctor signs with an aws login session's cached credentials", .serialized, .timeLimit(.minutes(3)))
struct DoctorLoginSessionTests {
    let model = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
    let session = "arn:aws:iam::123456789012:user/dev"
    /// sha256("arn:aws:iam::123456789012:user/dev"), computed with Python's hashlib.
    let cacheFile = ".aws/login/cache/893f13863f68a08133e541260597f1d60f5bf9b326625782990032cbad201e26.json"

    func loginHome(_ moto: MotoPeer, _ fake: BedrockFake, token: [String: Any], extra: [String: Any] = [:]) throws
        -> TestHome
    {
        let home = TestHome.bedrockSetup(moto: moto, bedrock: fake.url, model: model)
        home.write(".aws/credentials", "")
        home.write(".aws/config", "[profile web]\nlogin_session = \(session)\nregion = us-east-1\n")
        var cache: [String: Any] = [
            "accessToken": token, "clientId": "arn:aws:signin:::devtools/same-device", "refreshToken": "r",
            "dpopKey": "-----BEGIN EC PRIVATE KEY-----\nx\n-----END EC PRIVATE KEY-----\n",
        ]
        cache.merge(extra) { $1 }
        home.write(
            cacheFile,
            String(
                decoding: try JSONSerialization.data(withJSONObject: cache.filter { !($0.value is NSNull) }),
                as: UTF8.self),
            mode: 0o600)
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "web", "ANTHROPIC_MODEL": "\#(model)"}}"#
        )
        return home
    }

    func token(_ moto: MotoPeer, expiresIn seconds: Double) -> [String: Any] {
        [
            "accessKeyId": moto.credentials.accessKeyId, "secretAccessKey": moto.credentials.secretAccessKey,
            "sessionToken": "s",
            "accountId": moto.account,
            "expiresAt": ISO8601DateFormatter().string(from: Date().addingTimeInterval(seconds)),
        ]
    }

    @Test func aFreshSessionSignsTheChecks() async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        // A login session holds temporary credentials: moto hands out a pair through AssumeRole.
        let api = makeAPI(["AWS_ENDPOINT_URL_STS": moto.url])
        let temporary = try await api.assumeRole(
            region: "us-east-1", credentials: moto.credentials, roleArn: moto.roleArn, sessionName: "console")
        var cached = token(moto, expiresIn: 3600)
        cached["accessKeyId"] = temporary.accessKeyId
        cached["secretAccessKey"] = temporary.secretAccessKey
        cached["sessionToken"] = temporary.sessionToken
        let home = try loginHome(moto, fake, token: cached)
        let result = try home.cli(["doctor"])
        #expect(
            result.stdout.contains(
                "✓ Identity: account \(moto.account), arn:aws:sts::\(moto.account):assumed-role/BedrockUser/console"),
            "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains(temporary.secretAccessKey))
    }

    @Test func credentialsDueForARefreshAreNamedNotUsed() async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        let home = try loginHome(moto, fake, token: token(moto, expiresIn: 120))
        let result = try home.cli(["doctor"])
        #expect(
            result.stdout.contains("⚠ Credentials: The `aws login` credentials of profile web expire at"),
            "\(result.stdout)")
        #expect(result.stdout.contains("fix: Run `aws login --profile web` for fresh credentials"))
        #expect(!result.stdout.contains("Identity"))
    }

    @Test func aCacheWithoutWhatTheSDKRequiresIsRefused() async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        let home = try loginHome(moto, fake, token: token(moto, expiresIn: 3600), extra: ["dpopKey": NSNull()])
        let result = try home.cli(["doctor"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("is unusable: missing dpopKey"), "\(result.stdout)")
        #expect(result.stdout.contains("fix: Run `aws login --profile web`."))
    }
}
