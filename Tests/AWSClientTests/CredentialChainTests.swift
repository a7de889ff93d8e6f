import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

@Suite("Credential chain", .timeLimit(.minutes(2)))
struct CredentialChainTests {
    static let canaries = [
        "SECRETCANARY0000000000000000000000000001", "TOKENCANARY-session-0001", "SSOCANARY-access-token-0001",
        "ABSKCANARYapikey0001",
    ]

    func chain(_ home: TestHome, _ environment: [String: String], now: Date = Date()) throws -> CredentialChain {
        CredentialChain(
            environment: environment, files: try home.files(), ssoCache: home.ssoCache, api: makeAPI(environment),
            defaultRegion: "us-east-1", now: { now })
    }

    static let ssoConfig =
        SSOFixture.corp + """
            [profile legacy]
            sso_start_url = https://legacy.awsapps.com/start
            sso_region = us-east-1
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            """

    @Test func environmentKeysWinAndReportTheirSource() throws {
        let home = TestHome()
        let resolved = try #require(
            try chain(
                home,
                [
                    "AWS_ACCESS_KEY_ID": "AKIAENVENVENVENV0001", "AWS_SECRET_ACCESS_KEY": Self.canaries[0],
                    "AWS_SESSION_TOKEN": Self.canaries[1],
                ]
            ).environmentKeys())
        #expect(resolved.source == .environment)
        #expect(resolved.credentials?.sessionToken == Self.canaries[1])
        #expect(throws: CredentialError.incompleteEnvironmentKeys(missing: "AWS_SECRET_ACCESS_KEY")) {
            try chain(home, ["AWS_ACCESS_KEY_ID": "AKIAENVENVENVENV0001"]).environmentKeys()
        }
    }

    @Test func defaultProfileIsUsedWhenNothingIsChosen() async throws {
        let home = TestHome()
        home.write(
            ".aws/credentials",
            "[default]\naws_access_key_id = AKIADEFAULTDEFAULT01\naws_secret_access_key = \(Self.canaries[0])\n")
        let resolved = try await chain(home, [:]).resolveDefault()
        #expect(resolved.source == .staticProfile(profile: "default", path: home.home + "/.aws/credentials"))
        await #expect(throws: CredentialError.noCredentials(profile: nil)) {
            _ = try await chain(TestHome(), [:]).resolveDefault()
        }
    }

    @Test func ssoSessionTokenBuysRoleCredentialsFromThePortal() async throws {
        let fake = try BedrockFake()
        try await fake.configure(["sso_tokens": [Self.canaries[2]]])
        let home = TestHome()
        home.write(".aws/config", Self.ssoConfig)
        home.writeSSOToken(key: "corp", token: Self.canaries[2], expires: Date().addingTimeInterval(3600))
        let chain = try chain(home, fake.environment)
        let resolved = try await chain.resolve(profile: "corp")
        guard case .sso(let profile, let path, _) = resolved.source else {
            Issue.record("\(resolved.source)")
            return
        }
        #expect(profile == "corp" && path.hasSuffix(Digest.sha1Hex("corp") + ".json"))
        // The portal's session credentials are signed like any others and accepted by Bedrock.
        #expect(
            try await makeAPI(fake.environment).listInferenceProfiles(
                region: "eu-central-1", type: "SYSTEM_DEFINED",
                authorization: resolved.authorization
            ).count > 0)
        let portal = try await fake.requests().first { ($0["path"] as? String) == "/federation/credentials" }
        #expect((portal?["query"] as? [String: String]) == ["account_id": "111122223333", "role_name": "Developer"])
    }

    @Test func expiredAndRevokedSSOTokensSayHowToLogIn() async throws {
        let fake = try BedrockFake()
        let home = TestHome()
        home.write(".aws/config", Self.ssoConfig)
        home.writeSSOToken(
            key: "https://legacy.awsapps.com/start", token: Self.canaries[2], expires: Date().addingTimeInterval(-60))
        let chain = try chain(home, fake.environment)
        do {
            _ = try await chain.resolve(profile: "legacy")
            Issue.record("an expired token was used")
        } catch {
            guard case .ssoTokenExpired(let profile, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(profile == "legacy")
            let diagnosis = Classifier.diagnose(
                error, context: DiagnosisContext(check: .credentials, region: "us-east-1"))
            #expect(diagnosis.fix == "Run `bedrock-setup login --profile legacy`, then check again.")
        }
        // A token the cache says is valid but the portal refuses was revoked: not "expired at" a future time.
        home.writeSSOToken(key: "corp", token: "revoked-token", expires: Date().addingTimeInterval(3600))
        await #expect(throws: CredentialError.self) { _ = try await chain.resolve(profile: "corp") }
        do { _ = try await chain.resolve(profile: "corp") } catch {
            let diagnosis = Classifier.diagnose(
                error, context: DiagnosisContext(check: .credentials, region: "us-east-1"))
            #expect(diagnosis.code == .ssoTokenRevoked)
            #expect(diagnosis.cause.contains("revoked") && !diagnosis.cause.contains("expired at"))
        }
        // No cached login at all.
        try FileManager.default.removeItem(atPath: home.home + "/.aws/sso/cache/\(Digest.sha1Hex("corp")).json")
        await #expect(throws: CredentialError.ssoTokenMissing(profile: "corp")) {
            _ = try await chain.resolve(profile: "corp")
        }
    }

    @Test func credentialProcessGoodFailingAndGarbage() async throws {
        let home = TestHome()
        home.write(
            "bin/good",
            "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROCESS000000001\", \"SecretAccessKey\": \"\(Self.canaries[0])\", \"SessionToken\": \"\(Self.canaries[1])\"}'\n",
            mode: 0o755)
        home.write("bin/fails", "#!/bin/sh\necho 'leaked \(Self.canaries[0])' >&2\nexit 3\n", mode: 0o755)
        home.write("bin/garbage", "#!/bin/sh\necho 'not json \(Self.canaries[0])'\n", mode: 0o755)
        home.write(
            ".aws/config",
            """
            [profile good]
            credential_process = "\(home.home)/bin/good" --flag
            [profile fails]
            credential_process = \(home.home)/bin/fails
            [profile garbage]
            credential_process = \(home.home)/bin/garbage
            """)
        let chain = try chain(home, [:])
        let good = try await chain.resolve(profile: "good")
        #expect(good.source == .process(profile: "good"))
        #expect(good.credentials?.accessKeyId == "AKIAPROCESS000000001")
        await #expect(throws: CredentialError.processFailed(profile: "fails", status: 3)) {
            _ = try await chain.resolve(profile: "fails")
        }
        await #expect(throws: CredentialError.processOutputInvalid(profile: "garbage")) {
            _ = try await chain.resolve(profile: "garbage")
        }
    }

    @Test func roleLoopsAndMissingProfilesAreNamed() async throws {
        let home = TestHome()
        home.write(
            ".aws/config",
            "[profile a]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/y\nsource_profile = a\n"
        )
        do {
            _ = try await chain(home, [:]).resolve(profile: "a")
            Issue.record("a loop resolved")
        } catch {
            guard case CredentialError.invalidProfile("a", let diagnosis)? = error as? CredentialError else {
                Issue.record("\(error)")
                return
            }
            #expect(diagnosis.code == .roleSourceLoop)
        }
        await #expect(throws: CredentialError.profileNotFound("nope")) {
            _ = try await chain(home, [:]).resolve(profile: "nope")
        }
    }

    /// The JS SDK's order: AWS_PROFILE skips the env keys; one key alone is ignored;
    /// AWS_DEFAULT_PROFILE is never read; a source hop takes static keys before its own role.
    @Test func theDefaultChainInTheJavaScriptSDKsOrder() async throws {
        let home = TestHome()
        home.write(
            ".aws/credentials",
            "[default]\naws_access_key_id = AKIADEFAULTDEFAULT01\naws_secret_access_key = s\n[dev]\naws_access_key_id = AKIADEVDEVDEVDEVDEV1\naws_secret_access_key = s\n"
        )
        let keys = ["AWS_ACCESS_KEY_ID": "AKIAENVENVENVENV0001", "AWS_SECRET_ACCESS_KEY": "e"]
        #expect(
            try await chain(home, keys.merging(["AWS_PROFILE": "dev"]) { $1 }).resolveDefault().credentials?.accessKeyId
                == "AKIADEVDEVDEVDEVDEV1")
        #expect(try await chain(home, keys).resolveDefault().source == .environment)
        #expect(
            try await chain(home, ["AWS_ACCESS_KEY_ID": "AKIAENVENVENVENV0001"]).resolveDefault().credentials?
                .accessKeyId == "AKIADEFAULTDEFAULT01")
        #expect(
            try await chain(home, ["AWS_DEFAULT_PROFILE": "dev"]).resolveDefault().credentials?.accessKeyId
                == "AKIADEFAULTDEFAULT01")
        await #expect(throws: CredentialError.profileNotFound("nope")) {
            _ = try await chain(home, keys.merging(["AWS_PROFILE": "nope"]) { $1 }).resolveDefault()
        }
    }

    /// `credential_process` runs through /bin/sh, so `$HOME` and `~` expand as in Claude Code.
    @Test func credentialProcessRunsThroughAShell() async throws {
        let home = TestHome()
        home.write(
            "bin/creds",
            "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIASHELLSHELLSHELL1\", \"SecretAccessKey\": \"s\"}'\n",
            mode: 0o755)
        home.write(
            ".aws/config",
            "[profile a]\ncredential_process = $HOME/bin/creds\n[profile b]\ncredential_process = ~/bin/creds --x \"quoted arg\"\n"
        )
        let chain = try chain(home, ["HOME": home.home, "PATH": "/usr/bin:/bin"])
        #expect(try await chain.resolve(profile: "a").credentials?.accessKeyId == "AKIASHELLSHELLSHELL1")
        #expect(try await chain.resolve(profile: "b").credentials?.accessKeyId == "AKIASHELLSHELLSHELL1")
    }

    @Test func commandLineSplittingLikeShlex() {
        #expect(
            CommandLineWords.split(#"/usr/bin/tool --name "a b" 'c d' e\ f"#) == [
                "/usr/bin/tool", "--name", "a b", "c d", "e f",
            ])
    }

    /// Every failure path above, described every way: no canary secret appears in any text.
    @Test func noSecretInAnyErrorOrDiagnosis() {
        let failures: [AWSFailure] = [
            .credentials(.processFailed(profile: "p", status: 1)),
            .credentials(.ssoTokenExpired(profile: "p", expiredAt: Date())),
            .service(
                AWSErrorResponse(
                    status: 403, code: "InvalidSignatureException",
                    message: "The request signature we calculated does not match",
                    serverDate: nil), service: .bedrock, operation: "ListInferenceProfiles", localDate: Date()),
            .transport(.tlsFailure(host: "h", detail: "d"), service: .sts, operation: "GetCallerIdentity"),
        ]
        let credentials = AWSCredentials(
            accessKeyId: "AKIA", secretAccessKey: Self.canaries[0], sessionToken: Self.canaries[1])
        var texts = failures.flatMap { failure in
            [
                failure.description, "\(failure)", String(reflecting: failure),
                "\(Classifier.diagnose(failure, context: DiagnosisContext(check: .credentials, region: "us-east-1")))",
            ]
        }
        texts += [
            "\(credentials)", String(reflecting: credentials),
            "\(Secrets(accessKeyId: "AKIA", secretAccessKey: Self.canaries[0], apiKey: Self.canaries[3]))",
        ]
        texts += [
            "\(ResolvedCredentials(authorization: .sigV4(credentials), source: .environment, credentials: credentials))",
            String(
                reflecting: ResolvedCredentials(
                    authorization: .bearer(Self.canaries[3]), source: .bedrockAPIKey, credentials: nil)),
            "\(CallAuthorization.ssoBearer(Self.canaries[2]))", "\(CallAuthorization.bearer(Self.canaries[3]))",
        ]
        for text in texts {
            for canary in Self.canaries { #expect(!text.contains(canary), "\(text)") }
        }
    }
}
