import BedrockCore
import Foundation
import TestSupport
import Testing

@Suite("SSO: start URL, profile sections, token cache, refresh command")
struct SSOSetupTests {
    @Test func startURLsAreCheckedAndTidied() throws {
        let accepted = [
            "https://corp.awsapps.com/start": "https://corp.awsapps.com/start",
            "  https://corp.awsapps.com/start/#/ ": "https://corp.awsapps.com/start",
            "https://d-1234567890.awsapps.com/start/": "https://d-1234567890.awsapps.com/start",
            "https://start.us-gov-home.awsapps.com/directory/d-906700abcd":
                "https://start.us-gov-home.awsapps.com/directory/d-906700abcd",
            "https://ssoins-7223abcd1234.portal.eu-west-1.app.aws":
                "https://ssoins-7223abcd1234.portal.eu-west-1.app.aws",
            "https://sso.example.com/start": "https://sso.example.com/start",
        ]
        for (raw, tidy) in accepted { #expect(try SSOStartURL.validate(raw) == tidy) }
        let refused: [(String, String)] = [
            ("", "empty"), ("http://corp.awsapps.com/start", "https://"), ("corp.awsapps.com/start", "web address"),
            ("https://corp.awsapps.com/", "ends in /start"), ("https://corp.awsapps.com/start?x=1", "query"),
            ("https://user@corp.awsapps.com/start", "user name"), ("https://corp awsapps.com/start", "space"),
            ("ftp://x.y/start", "https://"),
        ]
        for (raw, reason) in refused {
            #expect { try SSOStartURL.validate(raw) } throws: { "\($0)".contains(reason) }
        }
        #expect(throws: SetupError.lineBreakInValue(field: "start URL")) {
            try SSOStartURL.validate("https://a.awsapps.com/start\n[x]")
        }
    }

    @Test func theSSORegionAndSessionNameAreSuggested() throws {
        let home = TestHome()
        home.write(
            ".aws/config",
            SSOFixture.corp
                + "[profile legacy]\nsso_start_url = https://old.awsapps.com/start\nsso_region = ap-southeast-2\n")
        let files = try home.files()
        #expect(
            SSOStartURL.suggestedRegion(for: "https://ssoins-1.portal.eu-north-1.app.aws", files: nil, environment: [:])
                == "eu-north-1")
        #expect(
            SSOStartURL.suggestedRegion(for: "https://corp.awsapps.com/start", files: files, environment: [:])
                == "eu-west-1")
        #expect(
            SSOStartURL.suggestedRegion(for: "https://old.awsapps.com/start", files: files, environment: [:])
                == "ap-southeast-2")
        #expect(
            SSOStartURL.suggestedRegion(
                for: "https://new.awsapps.com/start", files: files, environment: ["AWS_REGION": "us-west-2"])
                == "us-west-2")
        #expect(
            SSOStartURL.suggestedRegion(for: "https://new.awsapps.com/start", files: files, environment: [:]) == nil)
        #expect(SSOStartURL.suggestedSessionName(for: "https://corp.awsapps.com/start", files: files) == "corp")
        #expect(
            SSOStartURL.suggestedSessionName(for: "https://d-1234567890.awsapps.com/start", files: files)
                == "d-1234567890")
    }

    @Test func aSessionProfileAndALegacyProfileHaveTheirTargets() throws {
        let home = TestHome()
        home.write(
            ".aws/config",
            SSOFixture.corp
                + "[profile legacy]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n[profile keys]\nregion = us-east-1\n"
        )
        let files = try home.files()
        let corp = try SSOSignInTarget.of(profile: "corp", in: files)
        #expect(
            corp.cacheKey == "corp" && corp.portal.scopes == ["sso:account:access"] && corp.portal.region == "eu-west-1"
        )
        let legacy = try SSOSignInTarget.of(profile: "legacy", in: files)
        #expect(legacy.cacheKey == "https://old.awsapps.com/start" && legacy.isLegacy && legacy.portal.scopes.isEmpty)
        #expect(throws: SetupError.notAnSSOProfile("keys")) { try SSOSignInTarget.of(profile: "keys", in: files) }
    }

    @Test func aLegacyProfileIsConvertedKeepingEverythingElse() throws {
        let home = TestHome()
        let original =
            "# team profile\n[profile legacy]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = eu-west-1\noutput = json\n\n[profile other]\nregion = us-west-2\n"
        home.write(".aws/config", original)
        let change = try #require(
            try ActivationPlanner(paths: home.paths).ssoConversionChanges(profile: "legacy", sessionName: "old").first)
        #expect(change.old == original)
        #expect(
            change.new
                == "# team profile\n[profile legacy]\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = eu-west-1\noutput = json\nsso_session = old\n\n[profile other]\nregion = us-west-2\n[sso-session old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n"
        )
        home.write(".aws/config", change.new!)
        let converted = try SSOSignInTarget.of(profile: "legacy", in: try home.files())
        #expect(
            converted.sessionName == "old" && converted.accountId == "111122223333"
                && converted.portal.scopes == ["sso:account:access"])
    }

    @Test func aProfileWithOtherCredentialsIsNotTurnedIntoSSO() throws {
        let home = TestHome()
        home.write(".aws/credentials", "[work]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n")
        let answers = SSOProfileAnswers(
            profile: "work", sessionName: "s",
            portal: SSOPortal(
                startURL: "https://s.awsapps.com/start", region: "us-east-1",
                scopes: SSOPortal.defaultScopes),
            accountId: "111122223333", roleName: "Dev", region: nil)
        #expect { try ActivationPlanner(paths: home.paths).ssoConfigureChanges(answers) } throws: {
            "\($0)".contains("choose another profile name")
        }
    }

    @Test func theRefreshCommandRoundTripsThroughTheSettingsFile() throws {
        let refresh = AuthRefresh.builtInLogin(executable: "/opt/my tools/bedrock-setup")
        let command = try #require(refresh.command(awsProfile: "it's"))
        #expect(command == "'/opt/my tools/bedrock-setup' login --profile 'it'\\''s'")
        #expect(AuthRefresh.parse(command, awsProfile: "it's") == refresh)
        #expect(AuthRefresh.parse("aws sso login --profile 'corp'", awsProfile: "corp") == .ssoLogin)
        #expect(
            AuthRefresh.parse("my-login --profile 'corp'", awsProfile: "corp") == .command("my-login --profile 'corp'"))
        let profile = try SetupProfile(
            name: "p", fragmentEnv: ["AWS_REGION": "us-east-1", "AWS_PROFILE": "it's"], authRefresh: command)
        #expect(profile.credentials == .sso && profile.authRefresh == refresh)
    }
}
