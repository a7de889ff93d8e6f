import BedrockCore
import Foundation
import TestSupport
import Testing

/// `apply`: awsAuthRefresh by the profile's kind, a command of the user's own kept unless
/// --auth-refresh replaces it, and a pre-existing awsCredentialExport removed only with
/// --remove-credential-export. Every file written validates against Claude Code's schema.
@Suite("apply: awsAuthRefresh and awsCredentialExport", .timeLimit(.minutes(2)))
struct CredentialCommandsCLITests {
    static let config = """
        [profile console]
        login_session = arn:aws:iam::111122223333:user/dev
        [profile corp]
        sso_session = c
        sso_account_id = 111122223333
        sso_role_name = Dev
        [sso-session c]
        sso_start_url = https://c.awsapps.com/start
        sso_region = eu-west-1

        """

    func settings(_ home: TestHome) throws -> JSONValue {
        let path = home.home + "/.claude/settings.json"
        #expect(try SettingsSchemaTests().schemaErrors([path]) == [])
        return try JSONParser.parse(try #require(home.read(".claude/settings.json")))
    }

    @Test func anAWSLoginProfileGetsAWSLoginAndStaticKeysGetNone() throws {
        let home = TestHome()
        home.write(".aws/config", Self.config)
        let login = try home.cli([
            "apply", "--credentials", "aws-profile", "--aws-profile", "console", "--region", "us-east-1", "--yes",
        ])
        #expect(login.status == 0, "\(login.stderr)")
        #expect(try settings(home)["awsAuthRefresh"] == .string("aws login --profile 'console'"))

        home.write(
            ".aws/credentials",
            "[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY\n",
            mode: 0o600)
        let keys = try home.cli([
            "apply", "--credentials", "aws-profile", "--aws-profile", "dev", "--region", "us-east-1", "--yes",
        ])
        #expect(keys.status == 0, "\(keys.stderr)")
        #expect(try settings(home)["awsAuthRefresh"] == nil)
    }

    @Test func aCommandOfTheUsersOwnIsKeptUntilAuthRefreshReplacesIt() throws {
        let home = TestHome()
        home.write(".aws/config", Self.config)
        home.write(
            ".claude/settings.json", #"{"awsAuthRefresh": "~/bin/corp-refresh", "env": {"AWS_PROFILE": "corp"}}"#)
        let kept = try home.cli([
            "apply", "--credentials", "sso", "--aws-profile", "corp", "--region", "eu-west-1", "--yes",
        ])
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stderr.contains("keeping your awsAuthRefresh command `~/bin/corp-refresh`"))
        #expect(try settings(home)["awsAuthRefresh"] == .string("~/bin/corp-refresh"))

        let replaced = try home.cli([
            "apply", "--credentials", "sso", "--aws-profile", "corp", "--region", "eu-west-1",
            "--auth-refresh", "aws-login", "--yes",
        ])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(try settings(home)["awsAuthRefresh"] == .string("aws login --profile 'corp'"))

        // A blank command left in the file is never written again: the profile's kind decides.
        home.write(".claude/settings.json", #"{"awsAuthRefresh": "  "}"#)
        let blank = try home.cli([
            "apply", "--credentials", "aws-profile", "--aws-profile", "console", "--region", "us-east-1", "--yes",
        ])
        #expect(blank.status == 0, "\(blank.stderr)")
        #expect(try settings(home)["awsAuthRefresh"] == .string("aws login --profile 'console'"))
    }

    @Test func anAWSCredentialExportIsSaidAndRemovedOnlyWhenAsked() throws {
        let home = TestHome()
        home.write(".aws/config", Self.config)
        home.write(".claude/settings.json", #"{"awsCredentialExport": "~/bin/creds.sh", "env": {"OTHER": "1"}}"#)
        let arguments = [
            "apply", "--credentials", "aws-profile", "--aws-profile", "console", "--region", "us-east-1", "--yes",
        ]
        let kept = try home.cli(arguments)
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stderr.contains("awsCredentialExport `~/bin/creds.sh`"))
        #expect(kept.stderr.contains("--remove-credential-export removes it"))
        #expect(try settings(home)["awsCredentialExport"] == .string("~/bin/creds.sh"))

        let removed = try home.cli(arguments + ["--remove-credential-export"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(!removed.stderr.contains("awsCredentialExport"))
        let written = try settings(home)
        #expect(written["awsCredentialExport"] == nil)
        #expect(written["env"]?["OTHER"] == .string("1"))
    }

    /// The removal is the tool's change like any other: the record `reset` reads says the command was there, and
    /// `reset` puts it back, whether the first write already removed it or a later one did.
    @Test(arguments: [false, true])
    func resetPutsBackAnAWSCredentialExportTheToolRemoved(removedLater: Bool) throws {
        let home = TestHome()
        home.write(".aws/config", Self.config)
        let original = #"{"awsCredentialExport": "~/bin/creds.sh", "env": {"OTHER": "1"}}"#
        home.write(".claude/settings.json", original)
        let arguments = [
            "apply", "--credentials", "aws-profile", "--aws-profile", "console", "--region", "us-east-1", "--yes",
        ]
        if removedLater {
            let first = try home.cli(arguments)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(try settings(home)["awsCredentialExport"] == .string("~/bin/creds.sh"))
        }
        let removed = try home.cli(arguments + ["--remove-credential-export"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try settings(home)["awsCredentialExport"] == nil)
        let state = try JSONParser.parse(try #require(home.read(".config/bedrock-setup/state.json")))
        let record = state["files"]?[home.home + "/.claude/settings.json"]?["originals"]?["awsCredentialExport"]
        #expect(record?["was"] == .string("~/bin/creds.sh"), "\(state.serialized())")

        let reset = try home.cli(["reset", "--yes"])
        #expect(reset.status == 0, "\(reset.stderr)")
        let restored = try settings(home)
        #expect(restored["awsCredentialExport"] == .string("~/bin/creds.sh"))
        #expect(restored["env"]?["OTHER"] == .string("1"))
        #expect(restored["env"]?["AWS_PROFILE"] == nil && restored["awsAuthRefresh"] == nil)
        // Nothing else was the tool's: the file says what it said before, in its own bytes.
        #expect(home.read(".claude/settings.json") == original)
    }
}
