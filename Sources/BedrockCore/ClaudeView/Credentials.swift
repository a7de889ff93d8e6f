import FoundationEssentials

/// Where a tool takes its AWS credentials from (`doctor --json` `credentials.source`).
public enum CredentialsOrigin: String, Sendable, Equatable {
    case apiKey = "api-key"
    case skipAuth = "skip-auth"
    case credentialExport = "credential-export"
    case environment, profile, none
}

/// How a profile yields credentials (`doctor --json` `credentials.method`).
public enum CredentialMechanism: String, Sendable, Equatable {
    case staticKeys = "static-keys"
    case sso, role
    case credentialProcess = "credential-process"
    case webIdentity = "web-identity"
    case login
}

/// The credentials one tool will use, why, and what stops them (resolved without the network).
public struct CredentialsFinding: Sendable, Equatable {
    public var origin: CredentialsOrigin
    public var profile: String?
    public var mechanism: CredentialMechanism?
    /// The access key ID when it is known offline (environment or static keys); shown masked.
    public var accessKeyId: String?
    /// What the tool will do, for a person: "static keys ****ABCD of profile dev".
    public var summary: String
    /// A failure or warning about these credentials; nil when they look usable.
    public var problem: Diagnosis?

    public var ok: Bool { problem.map { $0.severity != .failure } ?? true }
    public var maskedKeyId: String? { accessKeyId.map(Mask.keyId) }
}

extension Mask {
    /// An access key ID shown by its last four characters, `****ABCD`.
    public static func keyId(_ id: String) -> String { "****" + id.suffix(4) }
}

/// The JS SDK's profile rules (`resolveProfileData`, `fromSSO`), offline: which mechanism a
/// profile uses and every configuration error the SDK would raise, without running anything.
struct JSProfileResolver {
    let files: SharedFilesJS
    let environment: [String: String]
    let ssoCache: SSOTokenCache
    let now: Date

    typealias Outcome = (mechanism: CredentialMechanism?, keyId: String?, summary: String, problem: Diagnosis?)

    static let check = Check.credentials

    func fail(_ code: DiagnosisCode, _ cause: String, _ fix: String) -> Outcome {
        (nil, nil, cause, Diagnosis(check: Self.check, severity: .failure, code: code, cause: cause, fix: fix))
    }

    static func isSSO(_ profile: SDKProfile) -> Bool {
        ["sso_start_url", "sso_account_id", "sso_session", "sso_region", "sso_role_name"].contains { profile.has($0) }
    }

    static func hasStaticKeys(_ profile: SDKProfile) -> Bool {
        profile.has("aws_access_key_id") && profile.has("aws_secret_access_key")
    }

    /// The top of the chain: `fromSSO` is tried before `fromIni`, so an SSO profile is SSO.
    func resolve(_ name: String) -> Outcome {
        guard let profile = files.profile(name) else { return missing(name) }
        if Self.isSSO(profile) { return sso(profile) }
        return resolve(profile, visited: [])
    }

    func missing(_ name: String) -> Outcome {
        fail(
            .profileMissing,
            "The AWS profile \(name) is not in \(files.configPath) or \(files.credentialsPath) (as the JS SDK reads them).",
            "Create it with `aws configure --profile \(name)` or `aws configure sso --profile \(name)`, or set AWS_PROFILE to a profile that exists."
        )
    }

    private func resolve(_ profile: SDKProfile, visited: [String]) -> Outcome {
        let name = profile.name
        // A source profile's static keys win over its own role (the AWS CLI does the same).
        if !visited.isEmpty, Self.hasStaticKeys(profile) { return staticKeys(profile) }
        if profile.has("role_arn") {
            let source = profile.value("source_profile")
            let credentialSource = profile.value("credential_source")
            switch (source, credentialSource) {
            case (let source?, nil): return role(profile, source: source, visited: visited)
            case (nil, let credentialSource?): return role(profile, credentialSource: credentialSource)
            case (.some, .some) where !hasOtherMechanism(profile):
                return fail(
                    .roleSourceConflict,
                    "Profile \(name) sets both source_profile and credential_source, so the JS SDK (Claude Code) does not assume its role.",
                    "Keep one of them in [profile \(name)].")
            case (nil, nil) where !hasOtherMechanism(profile):
                return fail(
                    .roleSourceMissing,
                    "Profile \(name) has a role_arn but neither source_profile nor credential_source, so no credentials can assume the role.",
                    "Add source_profile = PROFILE (a profile with keys or SSO) to [profile \(name)].")
            default: break
            }
        }
        if Self.hasStaticKeys(profile) { return staticKeys(profile) }
        if profile.has("web_identity_token_file"), profile.has("role_arn") {
            return (
                .webIdentity, nil,
                "web identity token \(profile.value("web_identity_token_file") ?? "") of profile \(name)",
                nil
            )
        }
        if let command = profile.value("credential_process") {
            return (
                .credentialProcess, nil, "credential_process of profile \(name) (`\(command)`, run through /bin/sh)",
                nil
            )
        }
        if Self.isSSO(profile) { return sso(profile) }
        if profile.has("login_session") {
            return (.login, nil, "AWS console login session of profile \(name)", nil)
        }
        if profile.has("aws_access_key_id") || profile.has("aws_secret_access_key") {
            let missing = profile.has("aws_access_key_id") ? "aws_secret_access_key" : "aws_access_key_id"
            return fail(
                .incompleteKeys, "Profile \(name) has no \(missing), so its keys are incomplete.",
                "Add \(missing) to [\(name)] in \(files.credentialsPath), or run `aws configure --profile \(name)`.")
        }
        return fail(
            .noCredentials,
            "Profile \(name) has no keys, role, SSO, web identity, credential_process or login session.",
            "Run `aws configure --profile \(name)` or `aws configure sso --profile \(name)`.")
    }

    private func hasOtherMechanism(_ profile: SDKProfile) -> Bool {
        Self.hasStaticKeys(profile) || profile.has("credential_process") || Self.isSSO(profile)
            || profile.has("login_session")
            || profile.has("web_identity_token_file")
    }

    private func staticKeys(_ profile: SDKProfile) -> Outcome {
        let id = profile.value("aws_access_key_id") ?? ""
        return (.staticKeys, id, "static keys \(Mask.keyId(id)) of profile \(profile.name)", nil)
    }

    private func role(_ profile: SDKProfile, source: String, visited: [String]) -> Outcome {
        let name = profile.name
        let roleArn = profile.value("role_arn") ?? ""
        if visited.contains(source) {
            return fail(
                .roleSourceLoop,
                "Profile \(name)'s source_profile chain loops (\((visited + [source]).joined(separator: " → "))) and no profile in it has static keys.",
                "Point the last source_profile at a profile with keys or SSO.")
        }
        guard let sourceProfile = files.profile(source) else {
            return fail(
                .sourceProfileMissing,
                "Profile \(name) takes its credentials from source_profile \(source), which does not exist.",
                "Create profile \(source), or change source_profile in [profile \(name)].")
        }
        let upstream = resolve(sourceProfile, visited: visited + [source])
        if let problem = upstream.problem, problem.severity == .failure {
            return (
                nil, nil, upstream.summary,
                Diagnosis(
                    check: Self.check, severity: .failure, code: problem.code,
                    cause: "Profile \(name) assumes \(roleArn) with profile \(source): " + problem.cause,
                    fix: problem.fix)
            )
        }
        return (.role, nil, "role \(roleArn) of profile \(name), assumed with \(upstream.summary)", upstream.problem)
    }

    private func role(_ profile: SDKProfile, credentialSource: String) -> Outcome {
        let name = profile.value("role_arn") ?? ""
        switch credentialSource {
        case "Environment":
            guard nonEmpty("AWS_ACCESS_KEY_ID") != nil, nonEmpty("AWS_SECRET_ACCESS_KEY") != nil else {
                return fail(
                    .roleProblem,
                    "Profile \(profile.name) assumes \(name) with credential_source = Environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set.",
                    "Export both keys, or use source_profile instead.")
            }
            return (.role, nil, "role \(name) of profile \(profile.name), assumed with the environment keys", nil)
        case "Ec2InstanceMetadata", "EcsContainer":
            return (
                .role, nil,
                "role \(name) of profile \(profile.name), assumed with \(credentialSource) credentials (not available on a workstation)",
                Diagnosis(
                    check: Self.check, severity: .warning, code: .roleProblem,
                    cause:
                        "Profile \(profile.name) takes its source credentials from \(credentialSource), which exists only on AWS compute.",
                    fix: nil)
            )
        default:
            return fail(
                .roleProblem,
                "Profile \(profile.name) has credential_source = \(credentialSource); the SDK knows Environment, Ec2InstanceMetadata and EcsContainer.",
                "Fix credential_source in [profile \(profile.name)].")
        }
    }

    /// `fromSSO`'s validation, then the token cache: a session token is renewed silently with its
    /// refresh token (5-minute window); a legacy token (no session) is not, and counts as expired
    /// 15 minutes early.
    private func sso(_ profile: SDKProfile) -> Outcome {
        let name = profile.name
        let login = "bedrock-setup login --profile \(name)"
        var startURL = profile.value("sso_start_url")
        var ssoRegion = profile.value("sso_region")
        let cacheKey: String
        if let session = profile.value("sso_session") {
            guard let values = files.ssoSessions[session] else {
                return fail(
                    .ssoSessionMissing,
                    "Profile \(name) names sso_session \(session), but \(files.configPath) has no [sso-session \(session)] section.",
                    "Run `aws configure sso --profile \(name)`, or add the [sso-session \(session)] section.")
            }
            for key in ["sso_start_url", "sso_region"] {
                if let own = profile.value(key), let shared = values[key], !shared.isEmpty, own != shared {
                    return fail(
                        .ssoIncomplete,
                        "Profile \(name)'s \(key) (\(own)) differs from its sso-session's (\(shared)), which the JS SDK refuses.",
                        "Remove \(key) from [profile \(name)]; the [sso-session \(session)] section holds it.")
                }
            }
            startURL = values["sso_start_url"].flatMap { $0.isEmpty ? nil : $0 }
            ssoRegion = values["sso_region"].flatMap { $0.isEmpty ? nil : $0 }
            guard startURL != nil, ssoRegion != nil else {
                let missing = startURL == nil ? "sso_start_url" : "sso_region"
                return fail(
                    .ssoIncomplete, "[sso-session \(session)] has no \(missing).",
                    "Run `aws configure sso-session` or add \(missing) to [sso-session \(session)].")
            }
            cacheKey = session
        } else {
            guard let url = startURL else {
                return fail(
                    .ssoIncomplete, "SSO profile \(name) has no sso_start_url and no sso_session.",
                    "Run `aws configure sso --profile \(name)`.")
            }
            cacheKey = url
        }
        let required =
            profile.value("sso_session") == nil
            ? ["sso_account_id", "sso_region", "sso_role_name"] : ["sso_account_id", "sso_role_name"]
        if let missing = required.first(where: { !profile.has($0) }) {
            return fail(
                .ssoIncomplete, "SSO profile \(name) has no \(missing), so the JS SDK (Claude Code) cannot use it.",
                "Run `aws configure sso --profile \(name)`, or add \(missing) to [profile \(name)].")
        }
        _ = ssoRegion
        let summary =
            "SSO profile \(name) (account \(profile.value("sso_account_id") ?? ""), role \(profile.value("sso_role_name") ?? ""))"
        let token = SSOCacheEntry.read(ssoCache.path(forKey: cacheKey))
        guard let token else {
            return (
                .sso, nil, summary,
                Diagnosis(
                    check: Self.check, severity: .failure, code: .ssoTokenMissing,
                    cause: "There is no SSO login for profile \(name) on this computer.", fix: "Run `\(login)`.")
            )
        }
        let window: TimeInterval = profile.has("sso_session") ? 5 * 60 : 15 * 60
        if token.expiresAt.timeIntervalSince(now) > window {
            return (.sso, nil, summary + ", logged in until \(DiagnosisClock.format(token.expiresAt))", nil)
        }
        if profile.has("sso_session"), token.canRefresh(now: now) {
            return (
                .sso, nil,
                summary
                    + ", access token renewed silently with its refresh token (registration valid until \(token.registrationExpiresAt.map(DiagnosisClock.format) ?? "unknown"))",
                nil
            )
        }
        let when =
            token.expiresAt <= now
            ? "expired at \(DiagnosisClock.format(token.expiresAt))"
            : "expires at \(DiagnosisClock.format(token.expiresAt)), within the SDK's \(Int(window / 60))-minute window, and cannot be renewed silently"
        return (
            .sso, nil, summary,
            Diagnosis(
                check: Self.check, severity: .failure, code: .ssoTokenExpired,
                cause: "The SSO login for profile \(name) \(when).", fix: "Run `\(login)`.")
        )
    }

    private func nonEmpty(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
}

extension SSOTokenCache {
    /// Whether the token file at `path` holds what the SDK needs to renew it silently.
    public static func refreshable(path: String, now: Date) -> Bool {
        SSOCacheEntry.read(path)?.canRefresh(now: now) ?? false
    }
}

/// One cached SSO token file, with what a silent refresh needs.
struct SSOCacheEntry {
    let expiresAt: Date
    let refreshToken: String?
    let clientId: String?
    let clientSecret: String?
    let registrationExpiresAt: Date?

    static func read(_ path: String) -> SSOCacheEntry? {
        guard let text = (try? TextFile.read(path)) ?? nil, let json = try? JSONParser.parse(text),
            json["accessToken"]?.stringValue != nil,
            let expires = json["expiresAt"]?.stringValue.flatMap(SSOTokenCache.parseDate)
        else { return nil }
        return SSOCacheEntry(
            expiresAt: expires, refreshToken: json["refreshToken"]?.stringValue,
            clientId: json["clientId"]?.stringValue,
            clientSecret: json["clientSecret"]?.stringValue,
            registrationExpiresAt: json["registrationExpiresAt"]?.stringValue.flatMap(SSOTokenCache.parseDate))
    }

    func canRefresh(now: Date) -> Bool {
        refreshToken != nil && clientId != nil && clientSecret != nil
            && (registrationExpiresAt.map { $0 > now } ?? false)
    }
}

enum DiagnosisClock {
    static func format(_ date: Date) -> String {
        TimeText.format(date, "%Y-%m-%d %H:%M %Z", utc: true)
    }
}

extension SDKProfile {
    /// Any `sso_*` setting makes a profile an SSO profile for the JS SDK (`isSsoProfile`).
    public var isSSO: Bool { JSProfileResolver.isSSO(self) }
    public var hasStaticKeys: Bool { JSProfileResolver.hasStaticKeys(self) }
}

extension SharedFilesJS {
    /// The configuration error the JS SDK raises for profile `name` before any network call or
    /// process (missing profile or source, loops, both or neither role source, incomplete SSO);
    /// nil when the profile is usable as configured. The SSO token's state is not judged here.
    public func configurationProblem(profile name: String, environment: [String: String]) -> Diagnosis? {
        let resolver = JSProfileResolver(
            files: self, environment: environment,
            ssoCache: SSOTokenCache(directory: "/nonexistent", sha1Hex: { $0 }), now: Date())
        guard let problem = resolver.resolve(name).problem, problem.severity == .failure,
            ![.ssoTokenMissing, .ssoTokenExpired].contains(problem.code)
        else { return nil }
        return problem
    }
}
