import BedrockCore
import Testing

/// awsAuthRefresh by the profile's kind (facts §3.8: `aws login` profiles refresh with `aws login`),
/// never blank, and an awsCredentialExport removed only when asked.
@Suite("awsAuthRefresh and awsCredentialExport")
struct AuthRefreshTests {
    @Test func anAWSLoginProfileIsRecognisedByItsLoginSession() {
        let config = """
            [profile console]
            login_session = arn:aws:iam::111122223333:user/dev
            region = eu-west-1
            [profile keys]
            login_session = arn:aws:iam::111122223333:user/dev
            """
        let credentials =
            "[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG\n"
        let files = AWSSharedFiles(
            configPath: "/c", credentialsPath: "/k", config: INIDocument(text: config),
            credentials: INIDocument(text: credentials))
        #expect(files.profile("console")?.kind == .loginSession)
        // Static keys win inside one profile, as the JS SDK tries them first.
        #expect(files.profile("keys")?.kind == .staticKeys)
    }

    @Test(
        "The preset matches the credentials",
        arguments: [
            (CredentialsMethod.sso, AWSProfileKind?.some(.ssoSession), AuthRefresh.ssoLogin),
            (.sso, nil, .ssoLogin),
            (.awsProfile, .ssoSession, .ssoLogin),
            (.awsProfile, .legacySSO, .ssoLogin),
            (.awsProfile, .loginSession, .awsLogin),
            (.awsProfile, .staticKeys, AuthRefresh.none),
            (.awsProfile, .role, AuthRefresh.none),
            (.awsProfile, .credentialProcess, AuthRefresh.none),
            (.environment, nil, AuthRefresh.none),
            (.apiKey, nil, AuthRefresh.none),
        ])
    func preset(credentials: CredentialsMethod, kind: AWSProfileKind?, expected: AuthRefresh) {
        #expect(AuthRefresh.preset(credentials: credentials, kind: kind, sso: .ssoLogin) == expected)
    }

    @Test func commandsAreNeverBlankAndReadBackAsTheyWereWritten() {
        #expect(AuthRefresh.awsLogin.command(awsProfile: "con sole") == "aws login --profile 'con sole'")
        #expect(AuthRefresh.awsLogin.command(awsProfile: nil) == nil)
        #expect(AuthRefresh.parse("aws login --profile 'console'", awsProfile: "console") == .awsLogin)
        #expect(AuthRefresh.parse("aws sso login --profile 'corp'", awsProfile: "corp") == .ssoLogin)
        #expect(AuthRefresh.parse("~/bin/refresh", awsProfile: "corp") == .command("~/bin/refresh"))
        // Written by this tool for another profile (before a switch): still its own preset, not the user's command.
        #expect(AuthRefresh.parse("aws login --profile 'console'", awsProfile: "dev") == .awsLogin)
        #expect(
            AuthRefresh.parse("'/opt/bin/bedrock-setup' login --profile 'old'", awsProfile: "corp")
                == .builtInLogin(executable: "/opt/bin/bedrock-setup"))
        #expect(
            AuthRefresh.parse("aws sso login --profile corp; rm -rf ~", awsProfile: "corp")
                == .command("aws sso login --profile corp; rm -rf ~"))
        // A blank value in a file counts as none, so it is replaced or removed, never written again.
        for blank in ["", "   ", "\t"] { #expect(AuthRefresh.parse(blank, awsProfile: "corp") == AuthRefresh.none) }
        #expect(!AuthRefresh.awsLogin.signsInToSSO)
        let settings = SettingsMerge.apply(env: [], authRefresh: nil, to: .object([("awsAuthRefresh", .string(" "))]))
        #expect(settings["awsAuthRefresh"] == nil)
    }

    @Test func anAWSCredentialExportIsRemovedOnlyWhenAsked() throws {
        let old = try JSONParser.parse(#"{"awsCredentialExport": "~/bin/creds", "model": "x", "env": {"FOO": "1"}}"#)
        let kept = SettingsMerge.apply(env: [("AWS_REGION", "us-east-1")], authRefresh: nil, to: old)
        #expect(kept["awsCredentialExport"] == .string("~/bin/creds"))
        let removed = SettingsMerge.apply(
            env: [("AWS_REGION", "us-east-1")], authRefresh: nil, removingCredentialExport: true, to: old)
        #expect(removed["awsCredentialExport"] == nil)
        #expect(removed["model"] == .string("x") && removed["env"]?["FOO"] == .string("1"))
    }
}
