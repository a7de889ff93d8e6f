import BedrockCore
import FoundationEssentials
import Glibc

/// Where resolved credentials came from, for every screen and `doctor`.
public enum CredentialSource: Sendable, Equatable, CustomStringConvertible {
    case environment
    case bedrockAPIKey
    case staticProfile(profile: String, path: String)
    case sso(profile: String, cachePath: String, expiresAt: Date)
    case process(profile: String)
    case assumedRole(profile: String, roleArn: String, via: String)
    case webIdentity(profile: String, roleArn: String)
    /// The JSON printed by the settings' `awsCredentialExport` command.
    case credentialExport(command: String)
    /// An `aws login` session's cached credentials.
    case loginSession(profile: String, cachePath: String, expiresAt: Date)

    public var description: String {
        switch self {
        case .environment: "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment"
        case .bedrockAPIKey: "Bedrock API key in AWS_BEARER_TOKEN_BEDROCK"
        case .staticProfile(let profile, let path): "static keys of profile \(profile) (\(path))"
        case .sso(let profile, _, let expires):
            "SSO profile \(profile) (token valid until \(TimeText.iso8601(expires)))"
        case .process(let profile): "credential_process of profile \(profile)"
        case .assumedRole(let profile, let role, let via): "role \(role) of profile \(profile), assumed with \(via)"
        case .webIdentity(let profile, let role):
            "role \(role) of profile \(profile), assumed with its web identity token"
        case .credentialExport(let command): "the JSON printed by awsCredentialExport (`\(command)`)"
        case .loginSession(let profile, _, let expires):
            "aws login session of profile \(profile) (valid until \(TimeText.iso8601(expires)))"
        }
    }
}

public enum CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    case noCredentials(profile: String?)
    case profileNotFound(String)
    case incompleteEnvironmentKeys(missing: String)
    case ssoTokenMissing(profile: String)
    case ssoTokenExpired(profile: String, expiredAt: Date)
    case ssoIncomplete(profile: String, missing: String)
    case processFailed(profile: String, status: Int32)
    case processOutputInvalid(profile: String)
    case processTimedOut(profile: String)
    case roleSourceLoop(profile: String)
    case unsupportedSource(profile: String, detail: String)
    case upstream(profile: String, failure: String)
    /// A configuration error the JS SDK raises before any call (loops, missing pieces), as diagnosed by the core.
    case invalidProfile(profile: String, diagnosis: Diagnosis)
    /// The portal refused a token the cache says is valid: it was revoked.
    case ssoTokenRevoked(profile: String, validUntil: Date)
    /// The access token expired; Claude Code renews it with the cached refresh token, bedrock-setup does not.
    /// `awsCredentialExport` failed, timed out or printed no credentials (`detail` says which).
    case credentialExportFailed(command: String, detail: String)
    case webIdentityTokenUnreadable(profile: String, path: String)
    /// The `aws login` cache file is missing, unreadable or lacks what the JS SDK requires (`detail`).
    case loginSessionUnusable(profile: String, path: String, detail: String)
    /// The cached `aws login` credentials are expired or within the JS SDK's 5-minute refresh window.
    case loginSessionExpiring(profile: String, expiresAt: Date)

    public var description: String {
        switch self {
        case .noCredentials(let profile): "no credentials found" + (profile.map { " for profile \($0)" } ?? "")
        case .profileNotFound(let name): "profile \(name) is not in the AWS config or credentials file"
        case .incompleteEnvironmentKeys(let missing):
            "\(missing) is not set, so the access keys in the environment are incomplete"
        case .ssoTokenMissing(let profile): "no SSO token is cached for profile \(profile)"
        case .ssoTokenExpired(let profile, let date):
            "the SSO token for profile \(profile) expired at \(TimeText.iso8601(date))"
        case .ssoIncomplete(let profile, let missing): "SSO profile \(profile) has no \(missing)"
        case .processFailed(let profile, let status):
            "credential_process of profile \(profile) exited with status \(status)"
        case .processOutputInvalid(let profile):
            "credential_process of profile \(profile) did not print valid credentials JSON"
        case .processTimedOut(let profile): "credential_process of profile \(profile) did not finish in time"
        case .roleSourceLoop(let profile): "profile \(profile) has a source_profile loop"
        case .unsupportedSource(let profile, let detail): "profile \(profile): \(detail)"
        case .upstream(let profile, let failure): "profile \(profile): \(failure)"
        case .invalidProfile(let profile, let diagnosis): "profile \(profile): \(diagnosis.cause)"
        case .ssoTokenRevoked(let profile, _): "the SSO portal refused the cached login of profile \(profile)"
        case .credentialExportFailed(let command, let detail): "awsCredentialExport `\(command)` \(detail)"
        case .webIdentityTokenUnreadable(let profile, let path):
            "profile \(profile)'s web_identity_token_file \(path) cannot be read"
        case .loginSessionUnusable(let profile, let path, let detail):
            "profile \(profile)'s aws login cache \(path): \(detail)"
        case .loginSessionExpiring(let profile, _): "profile \(profile)'s aws login credentials need a refresh"
        }
    }
}

public struct ResolvedCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let authorization: CallAuthorization
    public let source: CredentialSource
    public let credentials: AWSCredentials?

    public init(authorization: CallAuthorization, source: CredentialSource, credentials: AWSCredentials?) {
        self.authorization = authorization
        self.source = source
        self.credentials = credentials
    }

    public var description: String { "credentials from \(source) (\(authorization))" }
    public var debugDescription: String { description }
}

/// Claude Code's credential chain (the AWS SDK for JavaScript v3's `defaultProvider`), with the
/// source of every answer: environment keys only when AWS_PROFILE is unset, then the profile
/// (SSO first; inside `fromIni`: role → static keys → web identity → credential_process → SSO;
/// a source_profile hop takes static keys first), the files read with the JS SDK's rules.
public struct CredentialChain: Sendable {
    public let environment: [String: String]
    public let files: AWSSharedFiles
    public let ssoCache: SSOTokenCache
    public let api: AWSAPI
    public let defaultRegion: String
    public let now: @Sendable () -> Date
    /// How long a `credential_process` may run: the run's own time limit (`--timeout`), so a helper that hangs
    /// cannot hold a bounded run for longer than its calls could take.
    public let processTimeout: TimeInterval
    /// The same files as the JS SDK reads them.
    public let sdkFiles: SharedFilesJS

    public init(
        environment: [String: String], files: AWSSharedFiles, ssoCache: SSOTokenCache, api: AWSAPI,
        defaultRegion: String,
        now: @escaping @Sendable () -> Date = Date.init, processTimeout: TimeInterval? = nil
    ) {
        self.environment = environment
        self.files = files
        self.ssoCache = ssoCache
        self.api = api
        self.defaultRegion = defaultRegion
        self.now = now
        self.processTimeout = processTimeout ?? api.caller.timeouts.total
        sdkFiles = SharedFilesJS.read(configPath: files.configPath, credentialsPath: files.credentialsPath)
    }

    /// What Claude Code would use: AWS_PROFILE when set (env keys are then skipped), else the
    /// access-key pair, else `[default]`. AWS_DEFAULT_PROFILE is never read.
    public func resolveDefault() async throws(CredentialError) -> ResolvedCredentials {
        if let profile = nonEmpty("AWS_PROFILE") { return try await resolve(profile: profile) }
        if nonEmpty("AWS_ACCESS_KEY_ID") != nil, nonEmpty("AWS_SECRET_ACCESS_KEY") != nil,
            let keys = try environmentKeys()
        {
            return keys
        }
        do {
            return try await resolve(profile: "default")
        } catch .profileNotFound {
            throw .noCredentials(profile: nil)
        }
    }

    /// The Bedrock API key, when one is set; Bedrock accepts it in place of a signature.
    public func bedrockAPIKey() -> ResolvedCredentials? {
        nonEmpty(ClaudeEnv.bearerToken).map {
            ResolvedCredentials(authorization: .bearer($0), source: .bedrockAPIKey, credentials: nil)
        }
    }

    /// The access-key pair (option B); one key alone is an error here, since it was chosen.
    public func environmentKeys() throws(CredentialError) -> ResolvedCredentials? {
        let key = nonEmpty("AWS_ACCESS_KEY_ID")
        let secret = nonEmpty("AWS_SECRET_ACCESS_KEY")
        switch (key, secret) {
        case (nil, nil): return nil
        case (nil, _): throw .incompleteEnvironmentKeys(missing: "AWS_ACCESS_KEY_ID")
        case (_, nil): throw .incompleteEnvironmentKeys(missing: "AWS_SECRET_ACCESS_KEY")
        case (let key?, let secret?):
            let credentials = AWSCredentials(
                accessKeyId: key, secretAccessKey: secret, sessionToken: nonEmpty("AWS_SESSION_TOKEN"))
            return ResolvedCredentials(
                authorization: .sigV4(credentials), source: .environment, credentials: credentials)
        }
    }

    /// One named profile, ignoring environment keys (the wizard checks the profile it was given).
    public func resolve(profile name: String) async throws(CredentialError) -> ResolvedCredentials {
        guard let profile = sdkFiles.profile(name) else { throw .profileNotFound(name) }
        if let problem = sdkFiles.configurationProblem(profile: name, environment: environment) {
            throw .invalidProfile(profile: name, diagnosis: problem)
        }
        // defaultProvider tries fromSSO before fromIni.
        if profile.isSSO { return try await sso(profile) }
        return try await resolve(profile, visited: [])
    }

    /// `resolveProfileData`: a source hop's static keys first, then role → static keys → web
    /// identity → credential_process → SSO → login session.
    private func resolve(_ profile: SDKProfile, visited: [String]) async throws(CredentialError) -> ResolvedCredentials
    {
        if !visited.isEmpty, profile.hasStaticKeys { return staticKeys(profile) }
        if profile.has("role_arn"), profile.has("source_profile") != profile.has("credential_source") {
            return try await assumeRole(profile, visited: visited)
        }
        if profile.hasStaticKeys { return staticKeys(profile) }
        if profile.has("web_identity_token_file"), profile.has("role_arn") { return try await webIdentity(profile) }
        if profile.has("credential_process") { return try process(profile) }
        if profile.isSSO { return try await sso(profile) }
        if profile.has("login_session") { return try loginSession(profile) }
        throw .noCredentials(profile: profile.name)
    }

    private func staticKeys(_ profile: SDKProfile) -> ResolvedCredentials {
        let credentials = AWSCredentials(
            accessKeyId: profile.value("aws_access_key_id") ?? "",
            secretAccessKey: profile.value("aws_secret_access_key") ?? "",
            sessionToken: profile.value("aws_session_token"))
        let path: String =
            if case .awsFile(let path, _, _)? = profile.settings["aws_access_key_id"]?.source { path } else {
                files.credentialsPath
            }
        return ResolvedCredentials(
            authorization: .sigV4(credentials), source: .staticProfile(profile: profile.name, path: path),
            credentials: credentials)
    }

    /// SSO: the cached token (renewed silently when it can be), traded at the portal for role
    /// credentials.
    private func sso(_ profile: SDKProfile) async throws(CredentialError) -> ResolvedCredentials {
        let name = profile.name
        let key: String
        let ssoRegion: String
        if let session = profile.value("sso_session") {
            guard let values = sdkFiles.ssoSessions[session], let region = values["sso_region"], !region.isEmpty else {
                throw .ssoIncomplete(profile: name, missing: "sso_region in [sso-session \(session)]")
            }
            (key, ssoRegion) = (session, region)
        } else {
            guard let url = profile.value("sso_start_url"), let region = profile.value("sso_region") else {
                throw .ssoIncomplete(profile: name, missing: "sso_start_url and sso_region")
            }
            (key, ssoRegion) = (url, region)
        }
        guard let account = profile.value("sso_account_id") else {
            throw .ssoIncomplete(profile: name, missing: "sso_account_id")
        }
        guard let role = profile.value("sso_role_name") else {
            throw .ssoIncomplete(profile: name, missing: "sso_role_name")
        }
        // As the JS SDK (and botocore) do: the cached token while it is fresh, else a silent
        // refresh with its refresh token, written back to the cache; never a sign-in.
        let portal: SSOPortal
        if let session = profile.value("sso_session"), let values = sdkFiles.ssoSessions[session] {
            portal = SSOPortal(
                startURL: values["sso_start_url"] ?? "", region: ssoRegion,
                scopes: values["sso_registration_scopes"].map(SSOPortal.parseScopes) ?? SSOPortal.defaultScopes)
        } else {
            portal = SSOPortal(startURL: key, region: ssoRegion, scopes: [])
        }
        let target = SSOSignInTarget(
            profile: name, sessionName: profile.value("sso_session"), portal: portal, accountId: account, roleName: role
        )
        let token: SSOToken
        switch await SSOSignIn(api: api, cache: ssoCache).silentToken(for: target) {
        case .cached(let cached), .refreshed(let cached): token = cached
        case .stale(.missing): throw .ssoTokenMissing(profile: name)
        case .stale: throw .ssoTokenExpired(profile: name, expiredAt: ssoCache.token(forKey: key)?.expiresAt ?? now())
        }
        do {
            let credentials = try await api.getRoleCredentials(
                ssoRegion: ssoRegion, accessToken: token.accessToken, accountId: account, roleName: role)
            return ResolvedCredentials(
                authorization: .sigV4(credentials),
                source: .sso(profile: name, cachePath: ssoCache.path(forKey: key), expiresAt: token.expiresAt),
                credentials: credentials)
        } catch {
            if case .service(let response, _, _, _) = error,
                response.status == 401 || response.code == "UnauthorizedException"
            {
                throw .ssoTokenRevoked(profile: name, validUntil: token.expiresAt)
            }
            throw .upstream(profile: name, failure: error.description)
        }
    }

    private func assumeRole(_ profile: SDKProfile, visited: [String]) async throws(CredentialError)
        -> ResolvedCredentials
    {
        let roleArn = profile.value("role_arn") ?? ""
        let source: ResolvedCredentials
        let via: String
        if let sourceName = profile.value("source_profile") {
            guard !visited.contains(sourceName) else { throw .roleSourceLoop(profile: profile.name) }
            guard let sourceProfile = sdkFiles.profile(sourceName) else { throw .profileNotFound(sourceName) }
            source = try await resolve(sourceProfile, visited: visited + [sourceName])
            via = "profile \(sourceName)"
        } else if profile.value("credential_source") == "Environment", let fromEnvironment = try environmentKeys() {
            source = fromEnvironment
            via = "environment keys"
        } else {
            throw .unsupportedSource(
                profile: profile.name,
                detail:
                    "credential_source \(profile.value("credential_source") ?? "") gives no credentials on this computer"
            )
        }
        guard let sourceCredentials = source.credentials else { throw .noCredentials(profile: profile.name) }
        let region = profile.value("region") ?? defaultRegion
        let sessionName = profile.value("role_session_name") ?? "bedrock-setup-\(Int(now().timeIntervalSince1970))"
        do {
            let credentials = try await api.assumeRole(
                region: region, credentials: sourceCredentials, roleArn: roleArn, sessionName: sessionName,
                externalId: profile.value("external_id"))
            return ResolvedCredentials(
                authorization: .sigV4(credentials),
                source: .assumedRole(profile: profile.name, roleArn: roleArn, via: via),
                credentials: credentials)
        } catch {
            throw .upstream(profile: profile.name, failure: error.description)
        }
    }

    /// `web_identity_token_file` with `role_arn`: the token traded at STS, unsigned, in the profile's Region.
    private func webIdentity(_ profile: SDKProfile) async throws(CredentialError) -> ResolvedCredentials {
        let path = profile.value("web_identity_token_file") ?? ""
        let roleArn = profile.value("role_arn") ?? ""
        guard let bytes = try? TextFile.readBytes(path),
            let token = Optional(String(decoding: bytes, as: UTF8.self).trimmingWhitespace()),
            !token.isEmpty
        else { throw .webIdentityTokenUnreadable(profile: profile.name, path: path) }
        let sessionName = profile.value("role_session_name") ?? "bedrock-setup-\(Int(now().timeIntervalSince1970))"
        do {
            let credentials = try await api.assumeRoleWithWebIdentity(
                region: profile.value("region") ?? defaultRegion, roleArn: roleArn,
                sessionName: sessionName, token: token)
            return ResolvedCredentials(
                authorization: .sigV4(credentials), source: .webIdentity(profile: profile.name, roleArn: roleArn),
                credentials: credentials)
        } catch {
            throw .upstream(profile: profile.name, failure: error.description)
        }
    }

    /// An `aws login` profile, read as the JS SDK's fromLoginCredentials reads it: the cache file
    /// `$AWS_LOGIN_CACHE_DIRECTORY` (else `~/.aws/login/cache`) `/<sha256 hex of login_session>.json`, which must hold
    /// accessToken (with accountId), clientId, refreshToken and dpopKey. Credentials within 5 minutes of expiry are
    /// refreshed by the SDK at Sign-In with a DPoP proof; this tool does not, and says so instead of signing with them.
    private func loginSession(_ profile: SDKProfile) throws(CredentialError) -> ResolvedCredentials {
        let session = profile.value("login_session") ?? ""
        let directory = nonEmpty("AWS_LOGIN_CACHE_DIRECTORY") ?? ((environment["HOME"] ?? "") + "/.aws/login/cache")
        let path = directory + "/" + Digest.hex(Digest.sha256(Array(session.utf8))) + ".json"
        guard let bytes = try? TextFile.readBytes(path) else {
            throw .loginSessionUnusable(profile: profile.name, path: path, detail: "no cached sign-in")
        }
        guard let json = JSONValue.native(from: bytes) as? [String: Any] else {
            throw .loginSessionUnusable(profile: profile.name, path: path, detail: "not JSON")
        }
        let token = json["accessToken"] as? [String: Any]
        let missing =
            ["accessToken", "clientId", "refreshToken", "dpopKey"].filter { json[$0] == nil }
            + (token?["accountId"] == nil ? ["accountId"] : [])
        guard missing.isEmpty, let token,
            let credentials = Self.credentials(in: [
                "AccessKeyId": token["accessKeyId"] as Any, "SecretAccessKey": token["secretAccessKey"] as Any,
                "SessionToken": token["sessionToken"] as Any, "Expiration": token["expiresAt"] as Any,
            ])
        else {
            throw .loginSessionUnusable(
                profile: profile.name, path: path,
                detail: missing.isEmpty
                    ? "no accessKeyId and secretAccessKey in accessToken" : "missing " + missing.joined(separator: ", ")
            )
        }
        let expiresAt = credentials.expiration ?? now()
        guard expiresAt.timeIntervalSince(now()) > 300 else {
            throw .loginSessionExpiring(profile: profile.name, expiresAt: expiresAt)
        }
        return ResolvedCredentials(
            authorization: .sigV4(credentials),
            source: .loginSession(profile: profile.name, cachePath: path, expiresAt: expiresAt),
            credentials: credentials)
    }

    /// What Claude Code uses when the settings hold `awsCredentialExport` and no `awsAuthRefresh`: the
    /// command run through a shell, bounded like `credential_process`, its output
    /// `{"Credentials": {"AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}}` or, when
    /// `acceptsFlat` (Claude Code 2.1.181 and later), the flat `aws configure export-credentials` JSON.
    public func exported(by command: String, acceptsFlat: Bool) throws(CredentialError) -> ResolvedCredentials {
        let output: [UInt8]
        switch runCredentialCommand(command) {
        case .couldNotStart: throw .credentialExportFailed(command: command, detail: "could not be started")
        case .timedOut: throw .credentialExportFailed(command: command, detail: "did not finish in time")
        case .finished(let status, _) where status != 0:
            throw .credentialExportFailed(command: command, detail: "exited with status \(status)")
        case .finished(_, let collected): output = collected
        }
        let json = JSONValue.native(from: output) as? [String: Any]
        let fields = (json?["Credentials"] as? [String: Any]) ?? (acceptsFlat ? json : nil)
        guard let fields, let credentials = Self.credentials(in: fields) else {
            throw .credentialExportFailed(
                command: command,
                detail: acceptsFlat
                    ? "printed no credentials ({\"Credentials\": {\"AccessKeyId\": …}} or the export-credentials JSON)"
                    : "printed no {\"Credentials\": {\"AccessKeyId\": …}} JSON (the flat export-credentials JSON needs Claude Code 2.1.181)"
            )
        }
        return ResolvedCredentials(
            authorization: .sigV4(credentials), source: .credentialExport(command: command), credentials: credentials)
    }

    /// The key pair (and token, expiry) of a credentials JSON object, as both commands print it.
    private static func credentials(in fields: [String: Any]) -> AWSCredentials? {
        guard let key = fields["AccessKeyId"] as? String, let secret = fields["SecretAccessKey"] as? String else {
            return nil
        }
        return AWSCredentials(
            accessKeyId: key, secretAccessKey: secret, sessionToken: fields["SessionToken"] as? String,
            expiration: (fields["Expiration"] as? String).flatMap(TimeText.parseISO8601))
    }

    /// A credentials command run the way Node's `child_process.exec` runs it, without the Bedrock API key in its
    /// environment; its output holds secrets, so it is parsed and never printed.
    private func runCredentialCommand(_ command: String) -> ChildProcess.Outcome {
        var env = environment
        env.removeValue(forKey: ClaudeEnv.bearerToken)
        return ChildProcess.shell(command, environment: env, timeout: processTimeout)
    }

    /// Runs `credential_process` through `/bin/sh -c`, as Node's `child_process.exec` does (so
    /// `$HOME` and `~` expand), in its own process group, bounded in time; its output holds
    /// secrets, so it is parsed and never printed, and its standard error is discarded.
    private func process(_ profile: SDKProfile) throws(CredentialError) -> ResolvedCredentials {
        let output: [UInt8]
        switch runCredentialCommand(profile.value("credential_process") ?? "") {
        case .couldNotStart: throw .processFailed(profile: profile.name, status: 127)
        case .timedOut: throw .processTimedOut(profile: profile.name)
        case .finished(let status, _) where status != 0: throw .processFailed(profile: profile.name, status: status)
        case .finished(_, let collected): output = collected
        }
        guard let json = JSONValue.native(from: output) as? [String: Any], (json["Version"] as? Int) == 1,
            let credentials = Self.credentials(in: json)
        else { throw .processOutputInvalid(profile: profile.name) }
        return ResolvedCredentials(
            authorization: .sigV4(credentials), source: .process(profile: profile.name), credentials: credentials)
    }

    private func nonEmpty(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
}
