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
