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

    public var description: String {
        switch self {
        case .environment: "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment"
        case .bedrockAPIKey: "Bedrock API key in AWS_BEARER_TOKEN_BEDROCK"
        case .staticProfile(let profile, let path): "static keys of profile \(profile) (\(path))"
        case .sso(let profile, _, let expires): "SSO profile \(profile) (token valid until \(TimeText.iso8601(expires)))"
        case .process(let profile): "credential_process of profile \(profile)"
        case .assumedRole(let profile, let role, let via): "role \(role) of profile \(profile), assumed with \(via)"
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

    public var description: String {
        switch self {
        case .noCredentials(let profile): "no credentials found" + (profile.map { " for profile \($0)" } ?? "")
        case .profileNotFound(let name): "profile \(name) is not in the AWS config or credentials file"
        case .incompleteEnvironmentKeys(let missing): "\(missing) is not set, so the access keys in the environment are incomplete"
        case .ssoTokenMissing(let profile): "no SSO token is cached for profile \(profile)"
        case .ssoTokenExpired(let profile, let date): "the SSO token for profile \(profile) expired at \(TimeText.iso8601(date))"
        case .ssoIncomplete(let profile, let missing): "SSO profile \(profile) has no \(missing)"
        case .processFailed(let profile, let status): "credential_process of profile \(profile) exited with status \(status)"
        case .processOutputInvalid(let profile): "credential_process of profile \(profile) did not print valid credentials JSON"
        case .processTimedOut(let profile): "credential_process of profile \(profile) did not finish in time"
        case .roleSourceLoop(let profile): "profile \(profile) has a source_profile loop"
        case .unsupportedSource(let profile, let detail): "profile \(profile): \(detail)"
        case .upstream(let profile, let failure): "profile \(profile): \(failure)"
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

/// The AWS SDKs' default chain, with the source of every answer: environment keys, then the
/// profile (role → SSO → static keys → credential_process, botocore's order), or a Bedrock API key.
public struct CredentialChain: Sendable {
    public let environment: [String: String]
    public let files: AWSSharedFiles
    public let ssoCache: SSOTokenCache
    public let api: AWSAPI
    public let defaultRegion: String
    public let now: @Sendable () -> Date
    public let processTimeout: TimeInterval

    public init(environment: [String: String], files: AWSSharedFiles, ssoCache: SSOTokenCache, api: AWSAPI, defaultRegion: String,
                now: @escaping @Sendable () -> Date = Date.init, processTimeout: TimeInterval = 60) {
        self.environment = environment
        self.files = files
        self.ssoCache = ssoCache
        self.api = api
        self.defaultRegion = defaultRegion
        self.now = now
        self.processTimeout = processTimeout
    }

    /// What Claude Code would use: env keys first, else `AWS_PROFILE` (or `[default]`).
    public func resolveDefault() async throws(CredentialError) -> ResolvedCredentials {
        if let fromEnvironment = try environmentKeys() { return fromEnvironment }
        let profile = nonEmpty("AWS_PROFILE") ?? nonEmpty("AWS_DEFAULT_PROFILE") ?? "default"
        do {
            return try await resolve(profile: profile)
        } catch .profileNotFound where profile == "default" {
            throw .noCredentials(profile: nil)
        }
    }

    /// The Bedrock API key, when one is set; Bedrock accepts it in place of a signature.
    public func bedrockAPIKey() -> ResolvedCredentials? {
        nonEmpty(ClaudeEnv.bearerToken).map { ResolvedCredentials(authorization: .bearer($0), source: .bedrockAPIKey, credentials: nil) }
    }

    public func environmentKeys() throws(CredentialError) -> ResolvedCredentials? {
        let key = nonEmpty("AWS_ACCESS_KEY_ID"), secret = nonEmpty("AWS_SECRET_ACCESS_KEY")
        switch (key, secret) {
        case (nil, nil): return nil
        case (nil, _): throw .incompleteEnvironmentKeys(missing: "AWS_ACCESS_KEY_ID")
        case (_, nil): throw .incompleteEnvironmentKeys(missing: "AWS_SECRET_ACCESS_KEY")
        case let (key?, secret?):
            let credentials = AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: nonEmpty("AWS_SESSION_TOKEN"))
            return ResolvedCredentials(authorization: .sigV4(credentials), source: .environment, credentials: credentials)
        }
    }

    /// One named profile, ignoring environment keys (the wizard checks the profile it was given).
    public func resolve(profile name: String) async throws(CredentialError) -> ResolvedCredentials {
        try await resolve(profile: name, visited: [])
    }

    private func resolve(profile name: String, visited: Set<String>) async throws(CredentialError) -> ResolvedCredentials {
        guard !visited.contains(name) else { throw .roleSourceLoop(profile: name) }
        guard let profile = files.profile(name) else { throw .profileNotFound(name) }
        switch profile.kind {
        case .role: return try await assumeRole(profile, visited: visited.union([name]))
        case .ssoSession, .legacySSO: return try await sso(profile)
        case .staticKeys:
            let credentials = AWSCredentials(accessKeyId: profile.value("aws_access_key_id")!, secretAccessKey: profile.value("aws_secret_access_key")!,
                                             sessionToken: profile.value("aws_session_token"))
            let path = profile.settings["aws_access_key_id"].map { source -> String in
                if case .awsFile(let path, _) = source.source { return path }
                return files.credentialsPath
            } ?? files.credentialsPath
            return ResolvedCredentials(authorization: .sigV4(credentials), source: .staticProfile(profile: name, path: path), credentials: credentials)
        case .credentialProcess: return try process(profile)
        case .other: throw .noCredentials(profile: name)
        }
    }

    /// As the JS SDK (and botocore) do: the cached token while it has more than 5 minutes left,
    /// else a silent refresh with its refresh token, written back to the cache; never a sign-in.
    private func sso(_ profile: AWSProfile) async throws(CredentialError) -> ResolvedCredentials {
        guard let key = files.ssoCacheKey(for: profile) else { throw .ssoIncomplete(profile: profile.name, missing: "sso_session section") }
        guard let account = profile.value("sso_account_id") else { throw .ssoIncomplete(profile: profile.name, missing: "sso_account_id") }
        guard let role = profile.value("sso_role_name") else { throw .ssoIncomplete(profile: profile.name, missing: "sso_role_name") }
        guard let ssoRegion = key.region else { throw .ssoIncomplete(profile: profile.name, missing: "sso_region") }
        let target: SSOSignInTarget
        do throws(SetupError) {
            target = try SSOSignInTarget.of(profile: profile.name, in: files)
        } catch {
            throw .ssoIncomplete(profile: profile.name, missing: key.startURL == nil ? "sso_start_url" : "complete sso-session section")
        }
        let signIn = SSOSignIn(api: api, cache: ssoCache)
        let token: SSOToken
        switch await signIn.silentToken(for: target) {
        case .cached(let cached), .refreshed(let cached): token = cached
        case .stale(.missing): throw .ssoTokenMissing(profile: profile.name)
        case .stale:
            throw .ssoTokenExpired(profile: profile.name, expiredAt: ssoCache.token(forKey: key.key)?.expiresAt ?? now())
        }
        let path = ssoCache.path(forKey: key.key)
        do {
            let credentials = try await api.getRoleCredentials(ssoRegion: ssoRegion, accessToken: token.accessToken, accountId: account, roleName: role)
            return ResolvedCredentials(authorization: .sigV4(credentials), source: .sso(profile: profile.name, cachePath: path, expiresAt: token.expiresAt),
                                       credentials: credentials)
        } catch {
            if case .service(let response, _, _, _) = error, response.status == 401 || response.code == "UnauthorizedException" {
                throw .ssoTokenExpired(profile: profile.name, expiredAt: token.expiresAt)
            }
            throw .upstream(profile: profile.name, failure: error.description)
        }
    }

    private func assumeRole(_ profile: AWSProfile, visited: Set<String>) async throws(CredentialError) -> ResolvedCredentials {
        guard let roleArn = profile.value("role_arn") else { throw .noCredentials(profile: profile.name) }
        let source: ResolvedCredentials
        let via: String
        if let sourceProfile = profile.value("source_profile") {
            // A profile that names itself as source uses its own static keys (botocore allows it).
            if sourceProfile == profile.name, profile.hasStaticKeys {
                let credentials = AWSCredentials(accessKeyId: profile.value("aws_access_key_id")!, secretAccessKey: profile.value("aws_secret_access_key")!)
                source = ResolvedCredentials(authorization: .sigV4(credentials), source: .staticProfile(profile: sourceProfile, path: files.credentialsPath),
                                             credentials: credentials)
            } else {
                source = try await resolve(profile: sourceProfile, visited: visited)
            }
            via = "profile \(sourceProfile)"
        } else if profile.value("credential_source") == "Environment", let fromEnvironment = try environmentKeys() {
            source = fromEnvironment
            via = "environment keys"
        } else {
            throw .unsupportedSource(profile: profile.name, detail: "role profiles need source_profile, or credential_source = Environment")
        }
        guard let sourceCredentials = source.credentials else { throw .noCredentials(profile: profile.name) }
        let region = profile.region ?? defaultRegion
        let sessionName = profile.value("role_session_name") ?? "bedrock-setup-\(Int(now().timeIntervalSince1970))"
        do {
            let credentials = try await api.assumeRole(region: region, credentials: sourceCredentials, roleArn: roleArn, sessionName: sessionName,
                                                       externalId: profile.value("external_id"))
            return ResolvedCredentials(authorization: .sigV4(credentials), source: .assumedRole(profile: profile.name, roleArn: roleArn, via: via),
                                       credentials: credentials)
        } catch {
            throw .upstream(profile: profile.name, failure: error.description)
        }
    }

    /// Runs `credential_process` without a shell (botocore splits it the same way); its output
    /// holds secrets, so it is parsed and never printed, and its standard error is discarded.
    private func process(_ profile: AWSProfile) throws(CredentialError) -> ResolvedCredentials {
        let command = CommandLineSplitter.split(profile.value("credential_process") ?? "")
        guard let executable = command.first else { throw .processOutputInvalid(profile: profile.name) }
        var env = environment
        env.removeValue(forKey: ClaudeEnv.bearerToken)
        // A bare name is looked up in the child's PATH, as a shell would (through env).
        let outcome = executable.contains("/")
            ? ChildProcess.run(executable, Array(command.dropFirst()), environment: env, captured: true, timeout: processTimeout)
            : ChildProcess.run("/usr/bin/env", command, environment: env, captured: true, timeout: processTimeout)
        let output: [UInt8]
        switch outcome {
        case .couldNotStart: throw .processFailed(profile: profile.name, status: 127)
        case .timedOut: throw .processTimedOut(profile: profile.name)
        case .finished(let status, _) where status != 0: throw .processFailed(profile: profile.name, status: status)
        case .finished(_, let collected): output = collected
        }
        guard let json = JSONValue.native(from: output) as? [String: Any], (json["Version"] as? Int) == 1,
              let key = json["AccessKeyId"] as? String, let secret = json["SecretAccessKey"] as? String else {
            throw .processOutputInvalid(profile: profile.name)
        }
        let expiration = (json["Expiration"] as? String).flatMap(TimeText.parseISO8601)
        let credentials = AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: json["SessionToken"] as? String, expiration: expiration)
        return ResolvedCredentials(authorization: .sigV4(credentials), source: .process(profile: profile.name), credentials: credentials)
    }

    private func nonEmpty(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
}


/// POSIX-shell-like word splitting (quotes and backslashes, no expansion), as botocore's
/// `shlex.split` does for `credential_process`.
public enum CommandLineSplitter {
    public static func split(_ text: String) -> [String] {
        var words: [String] = [], current = "", inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped { current.append(character); escaped = false; inWord = true; continue }
            if character == "\\" && quote != "'" { escaped = true; continue }
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            if character == "'" || character == "\"" { quote = character; inWord = true; continue }
            if character.isWhitespace {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            current.append(character)
            inWord = true
        }
        if inWord { words.append(current) }
        return words
    }
}
