import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

@Suite("AWS shared files")
struct AWSFilesTests {
    static let config = """
        # Company defaults: do not remove this comment
        [default]
        region = us-west-2
        output = json

        [profile corp-dev]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Developer
        region = eu-central-1

        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-west-1
        sso_registration_scopes = sso:account:access

        [profile legacy]
        sso_start_url = https://old.awsapps.com/start
        sso_region = us-east-1
        sso_account_id = 111122223333
        sso_role_name = ReadOnly

        [profile tool]
        credential_process = /usr/local/bin/get-creds --json

        [profile admin]
        role_arn = arn:aws:iam::111122223333:role/Admin
        source_profile = default

        [profile s3tuned]
        region = us-east-1
        s3 =
          max_concurrent_requests = 20
        ; trailing comment

        [services local-bedrock]
        bedrock =
          endpoint_url = http://127.0.0.1:4566

        """

    static let credentials = """
        [default]
        aws_access_key_id = AKIAIOSFODNN7EXAMPLE
        aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

        # keys for the side project
        [side]
        aws_access_key_id = AKIAI44QH8DHBEXAMPLE
        aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
        """

    func home() -> TestHome {
        let home = TestHome()
        home.write(".aws/config", Self.config)
        home.write(".aws/credentials", Self.credentials, mode: 0o600)
        return home
    }

    @Test func kindsOfEveryProfile() throws {
        let home = home()
        let files = try AWSSharedFiles.read(paths: home.paths)
        let kinds = Dictionary(uniqueKeysWithValues: files.profiles.map { ($0.name, $0.kind) })
        #expect(
            kinds == [
                "default": .staticKeys, "corp-dev": .ssoSession, "legacy": .legacySSO, "tool": .credentialProcess,
                "admin": .role, "s3tuned": .other, "side": .staticKeys,
            ])
        #expect(files.ssoSessions["corp"]?["sso_start_url"] == "https://corp.awsapps.com/start")
        #expect(files.profile("corp-dev")?.region == "eu-central-1")
        #expect(
            files.profile("default")?.settings["aws_access_key_id"]?.source
                == .awsFile(path: home.paths.awsCredentials, section: "default"))
        #expect(
            files.profile("default")?.settings["region"]?.source
                == .awsFile(path: home.paths.awsConfig, section: "default"))
        #expect(files.ambiguities.isEmpty, "\(files.ambiguities)")
        let key = try #require(files.ssoCacheKey(for: files.profile("corp-dev")!))
        #expect(key.key == "corp")
        #expect(try #require(files.ssoCacheKey(for: files.profile("legacy")!)).key == "https://old.awsapps.com/start")
    }

    @Test func agreesWithBotocoreOnEveryValue() throws {
        let home = home()
        let files = try AWSSharedFiles.read(paths: home.paths)
        let oracle = try botocoreView(home)
        let profiles = try #require(oracle["profiles"] as? [String: [String: String]])
        for profile in files.profiles {
            let ours = profile.settings.mapValues(\.value).filter {
                profiles[profile.name]?[$0.key] != nil || $0.key != "s3"
            }
            let theirs = try #require(profiles[profile.name], "botocore lacks \(profile.name)")
            #expect(ours == theirs, "\(profile.name)")
        }
        #expect(Set(files.profiles.map(\.name)) == Set(profiles.keys))
    }

    @Test func honoursTheFileLocationVariables() throws {
        let home = TestHome()
        home.write("elsewhere/cfg", "[profile moved]\nregion = ap-south-1\n")
        home.extraEnvironment = [
            "AWS_CONFIG_FILE": home.home + "/elsewhere/cfg",
            "AWS_SHARED_CREDENTIALS_FILE": home.home + "/elsewhere/creds",
        ]
        let files = try AWSSharedFiles.read(paths: home.paths)
        #expect(files.profile("moved")?.region == "ap-south-1")
        #expect(files.credentialsPath == home.home + "/elsewhere/creds")
    }

    @Test func reportsConstructsTheSDKsDisagreeOn() throws {
        let home = TestHome()
        home.write(
            ".aws/config",
            """
            [default]
            region = us-east-1 # inline
            [profile default]
            region = eu-west-1
            [profile dup]
            region = us-east-1
            region = us-west-2
            [dev]
            region: us-east-2
            """)
        home.write(".aws/credentials", "[profile side]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\n")
        let notes = try AWSSharedFiles.read(paths: home.paths).ambiguities.joined(separator: "\n")
        #expect(notes.contains("inline comment"))
        #expect(notes.contains("both [default] and [profile default]"))
        #expect(notes.contains("region is set twice in [profile dup]"))
        #expect(notes.contains("[dev] is not a profile"))
        #expect(notes.contains("uses ':' instead of '='"))
        #expect(notes.contains("'profile ' prefix"))
        // botocore indeed refuses the duplicate key, which is why it is reported.
        #expect(try botocoreView(home)["error"] != nil)
    }

    @Test func unreadableConfigIsATypedError() throws {
        let home = TestHome()
        home.write(".aws/config", "[default]\n")
        try FileManager.default.createDirectory(
            atPath: home.home + "/.aws/credentials", withIntermediateDirectories: true)
        #expect(throws: SetupError.notRegularFile(path: home.paths.awsCredentials, kind: "a folder")) {
            try AWSSharedFiles.read(paths: home.paths)
        }
        let current = CurrentSetup.read(paths: home.paths, sha1Hex: Digest.sha1Hex)
        #expect(current.problems == [.notRegularFile(path: home.paths.awsCredentials, kind: "a folder")])
    }
}

@Suite("Writing like aws configure")
struct AWSConfigureWriterTests {
    /// Runs the real AWS CLI's writer on a copy of the same files, as the oracle for bytes: `aws configure` with the
    /// new keys typed and, where the profile already has a Region, Enter keeping it. Returns the profile's Region.
    @discardableResult
    func awsConfigure(_ home: TestHome, profile: String, key: String, secret: String, region: String) throws -> String {
        let env = [
            "HOME": home.home, "AWS_CONFIG_FILE": home.paths.awsConfig,
            "AWS_SHARED_CREDENTIALS_FILE": home.paths.awsCredentials,
        ]
        try run(["aws", "configure", "set", "aws_access_key_id", key, "--profile", profile], environment: env)
        try run(["aws", "configure", "set", "aws_secret_access_key", secret, "--profile", profile], environment: env)
        // `aws configure get` exits 1 when the value is not set.
        if let kept = try? run(["aws", "configure", "get", "region", "--profile", profile], environment: env),
            !kept.isEmpty
        {
            return kept.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        try run(["aws", "configure", "set", "region", region, "--profile", profile], environment: env)
        return region
    }

    @Test(
        "Byte-identical to the AWS CLI",
        arguments: [
            ("new", "", ""),
            ("new", AWSFilesTests.config, AWSFilesTests.credentials),
            ("side", AWSFilesTests.config, AWSFilesTests.credentials),
            ("default", AWSFilesTests.config, AWSFilesTests.credentials),
            ("s3tuned", AWSFilesTests.config, AWSFilesTests.credentials),
            ("nonl", "[profile nonl]\noutput = text", "[nonl]\naws_access_key_id = OLD"),
        ])
    func matchesTheAWSCLI(profile: String, config: String, credentials: String) throws {
        let ours = TestHome()
        let theirs = TestHome()
        for home in [ours, theirs] where !config.isEmpty || !credentials.isEmpty {
            home.write(".aws/config", config)
            home.write(".aws/credentials", credentials, mode: 0o600)
        }
        let key = "AKIAZZZZZZZZEXAMPLE1"
        let secret = "zzSecretzzKEYzzzzzzzzzzzzzzzzzzzzzzzzzzz"
        let changes = try ActivationPlanner(paths: ours.paths)
            .awsConfigureChanges(profile: profile, accessKeyId: key, secretAccessKey: secret, region: "eu-west-3")
        _ = try FileWriter(lockPath: ours.paths.lockFile).apply(changes)
        let region = try awsConfigure(theirs, profile: profile, key: key, secret: secret, region: "eu-west-3")

        #expect(ours.read(".aws/credentials") == theirs.read(".aws/credentials"))
        #expect(ours.read(".aws/config") == theirs.read(".aws/config"))
        #expect(ours.mode(".aws/credentials") == 0o600)

        let view = try botocoreView(ours)
        let resolved = try #require((view["credentials"] as? [String: [String: String]])?[profile])
        #expect(resolved == ["access_key": key, "secret_key": secret])
        #expect((view["profiles"] as? [String: [String: String]])?[profile]?["region"] == region)
    }

    @Test func editKeepsEveryOtherByteAndRepeatsAreNoOps() throws {
        var document = INIDocument(text: AWSFilesTests.config)
        document.set([("region", "ap-south-1")], in: "profile corp-dev")
        let before = AWSFilesTests.config.split(separator: "\n", omittingEmptySubsequences: false)
        let after = document.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(before.count == after.count)
        let changed = zip(before, after).filter { $0 != $1 }
        #expect(changed.map { String($0.1) } == ["region = ap-south-1"])
        var again = document
        again.set([("region", "ap-south-1")], in: "profile corp-dev")
        #expect(again.text == document.text)
    }

    @Test func crlfFilesStayCRLF() {
        var document = INIDocument(text: "[a]\r\nx = 1\r\n")
        document.set([("y", "2")], in: "a")
        document.set([("z", "3")], in: "b")
        #expect(document.text == "[a]\r\nx = 1\r\ny = 2\r\n[b]\r\nz = 3\r\n")
    }

    @Test func conflictingDefaultSectionsAreRefused() throws {
        let home = TestHome()
        home.write(".aws/config", "[default]\nregion = us-east-1\n[profile default]\noutput = json\n")
        #expect(
            throws: SetupError.conflictingINI(
                path: home.paths.awsConfig, detail: "has both [default] and [profile default]")
        ) {
            try ActivationPlanner(paths: home.paths).awsConfigureChanges(
                profile: "default", accessKeyId: "AKIAEXAMPLEEXAMPLE12",
                secretAccessKey: "x", region: "us-east-1")
        }
    }

    @Test func removingKeysDropsAnEmptySectionOnly() {
        var document = INIDocument(text: "# top\n[a]\nx = 1\n\n[b]\ny = 2\nz = 3\n")
        document.remove(["x"], from: "a")
        #expect(document.text == "# top\n[b]\ny = 2\nz = 3\n")
        document.remove(["y"], from: "b")
        #expect(document.text == "# top\n[b]\nz = 3\n")
    }
}

@Suite("SSO token cache")
struct SSOTokenCacheTests {
    /// SHA-1 from Python's hashlib, so the file naming is checked against an independent source.
    static func pythonSHA1(_ text: String) -> String {
        (try? run(
            ["python3", "-c", "import hashlib,sys; print(hashlib.sha1(sys.stdin.read().encode()).hexdigest())"],
            input: text))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    @Test func expiryStatesWithBotocoresWindow() throws {
        let home = TestHome()
        let cache = SSOTokenCache(directory: home.paths.ssoCacheDirectory, sha1Hex: Self.pythonSHA1)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(cache.status(forKey: "corp", now: now) == .missing(path: cache.path(forKey: "corp")))
        #expect(cache.path(forKey: "corp").hasSuffix("/" + Self.pythonSHA1("corp") + ".json"))

        func store(expires: String) {
            home.write(
                ".aws/sso/cache/\(Self.pythonSHA1("corp")).json",
                #"{"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": "secret-token", "expiresAt": "\#(expires)"}"#
            )
        }
        let formatter = ISO8601DateFormatter()
        store(expires: formatter.string(from: now.addingTimeInterval(3600)))
        #expect(
            cache.status(forKey: "corp", now: now)
                == .valid(expiresAt: now.addingTimeInterval(3600), path: cache.path(forKey: "corp")))
        store(expires: formatter.string(from: now.addingTimeInterval(600)))
        #expect(
            cache.status(forKey: "corp", now: now)
                == .expiringSoon(expiresAt: now.addingTimeInterval(600), path: cache.path(forKey: "corp")))
        store(expires: formatter.string(from: now.addingTimeInterval(-1)).replacingOccurrences(of: "Z", with: "UTC"))
        #expect(
            cache.status(forKey: "corp", now: now)
                == .expired(expiresAt: now.addingTimeInterval(-1), path: cache.path(forKey: "corp")))
        store(expires: "2026-11-24T20:00:00.123Z")
        #expect(cache.token(forKey: "corp")?.accessToken == "secret-token")
        home.write(".aws/sso/cache/\(Self.pythonSHA1("corp")).json", "{not json")
        #expect(
            cache.status(forKey: "corp", now: now) == .unreadable(path: cache.path(forKey: "corp"), reason: "not JSON"))
    }
}
