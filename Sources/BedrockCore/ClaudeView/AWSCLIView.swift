import FoundationEssentials

/// What the AWS CLI and boto3 (botocore) do with the same shell: they see the exported
/// variables only (never Claude Code's settings), prefer env keys over AWS_PROFILE, read
/// AWS_DEFAULT_PROFILE (over AWS_PROFILE) and AWS_DEFAULT_REGION (never AWS_REGION), and take a
/// profile's credentials in botocore's order. Used only for a second line where it differs.
public struct AWSCLIView: Sendable {
    public let region: Sourced<String>?
    public let credentials: CredentialsFinding
    public let files: SharedFilesBotocore

    public static func resolve(shell: [String: String], home: String) -> AWSCLIView {
        func expand(_ path: String) -> String { path.hasPrefix("~/") ? home + path.dropFirst(1) : path }
        func nonEmpty(_ key: String) -> String? { shell[key].flatMap { $0.isEmpty ? nil : $0 } }
        let configPath = nonEmpty("AWS_CONFIG_FILE").map(expand) ?? home + "/.aws/config"
        let credentialsPath = nonEmpty("AWS_SHARED_CREDENTIALS_FILE").map(expand) ?? home + "/.aws/credentials"
        let files = SharedFilesBotocore(
            configText: (try? TextFile.readKeepingBOM(configPath)) ?? nil,
            credentialsText: (try? TextFile.readKeepingBOM(credentialsPath)) ?? nil,
            configPath: configPath, credentialsPath: credentialsPath)
        // botocore reads AWS_DEFAULT_PROFILE first, and an empty value names the profile "".
        let explicit =
            shell["AWS_DEFAULT_PROFILE"].map { ($0, "AWS_DEFAULT_PROFILE") }
            ?? shell["AWS_PROFILE"].map { ($0, "AWS_PROFILE") }
        let name = explicit?.0 ?? "default"
        let profile = files.refused.isEmpty ? files.profile(name) : nil
        let region =
            nonEmpty("AWS_DEFAULT_REGION").map { Sourced($0, from: .environment("AWS_DEFAULT_REGION")) }
            ?? profile?.settings["region"].flatMap { $0.value.isEmpty ? nil : $0 }
        let resolver = BotocoreResolver(files: files, shell: shell, credentialsPath: credentialsPath)
        return AWSCLIView(region: region, credentials: resolver.credentials(explicit: explicit), files: files)
    }
}

/// botocore's credential chain, offline: environment, then the profile's assume-role, web
/// identity, SSO, credentials-file keys, credential_process, config-file keys, login.
struct BotocoreResolver {
    let files: SharedFilesBotocore
    let shell: [String: String]
    let credentialsPath: String
    static let check = Check.awsCLICredentials

    func failure(_ summary: String, _ code: DiagnosisCode) -> CredentialsFinding {
        CredentialsFinding(
            origin: .none, summary: "an error (\(summary))",
            problem: Diagnosis(check: Self.check, severity: .failure, code: code, cause: summary, fix: nil))
    }

    func credentials(explicit: (String, String)?) -> CredentialsFinding {
        if let refused = files.refused.first { return failure(refused.description, .toolsDisagree) }
        if let explicit, files.profile(explicit.0) == nil {
            return failure("the config profile (\(explicit.0)) could not be found", .profileMissing)
        }
        if let id = shell["AWS_ACCESS_KEY_ID"], !id.isEmpty {
            guard let secret = shell["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
                return failure(
                    "partial credentials in the environment: AWS_SECRET_ACCESS_KEY is missing", .incompleteKeys)
            }
            return CredentialsFinding(
                origin: .environment, accessKeyId: id, summary: "the environment keys \(Mask.keyId(id))")
        }
        let name = explicit?.0 ?? "default"
        guard let profile = files.profile(name) else { return failure("no credentials", .noCredentials) }
        return resolve(profile, visited: [name])
    }

    func inCredentialsFile(_ profile: SDKProfile, _ key: String) -> Bool {
        guard case .awsFile(let path, _, _)? = profile.settings[key]?.source else { return false }
        return path == credentialsPath
    }

    func found(_ profile: SDKProfile, _ mechanism: CredentialMechanism, keyId: String? = nil, via: String = "")
        -> CredentialsFinding
    {
        let what = keyId.map { "static keys \(Mask.keyId($0))" } ?? mechanism.rawValue
        return CredentialsFinding(
            origin: .profile, profile: profile.name, mechanism: mechanism, accessKeyId: keyId,
            summary: "\(what) of profile \(profile.name)\(via)")
    }

    func resolve(_ profile: SDKProfile, visited: [String]) -> CredentialsFinding {
        if profile.has("role_arn"), !profile.has("web_identity_token_file") {
            switch (profile.value("source_profile"), profile.value("credential_source")) {
            case (.some, .some):
                return failure(
                    "profile \(profile.name) has both source_profile and credential_source", .roleSourceConflict)
            case (nil, nil):
                return failure(
                    "profile \(profile.name) has a role_arn but no source_profile or credential_source",
                    .roleSourceMissing)
            case (nil, .some): return found(profile, .role)
            case (let source?, nil):
                guard let sourceProfile = files.profile(source) else {
                    return failure("source_profile \(source) does not exist", .sourceProfileMissing)
                }
                if visited.contains(source), !(source == profile.name && JSProfileResolver.hasStaticKeys(sourceProfile))
                {
                    return failure("infinite loop in the source_profile chain", .roleSourceLoop)
                }
                let upstream: CredentialsFinding =
                    JSProfileResolver.hasStaticKeys(sourceProfile) || !sourceProfile.has("role_arn")
                        || source == profile.name
                    ? resolveDirect(sourceProfile) : resolve(sourceProfile, visited: visited + [source])
                guard upstream.ok else { return upstream }
                return found(profile, .role, via: ", assumed with \(upstream.summary)")
            }
        }
        return resolveDirect(profile)
    }

    /// A profile's own credentials, without assuming its role.
    func resolveDirect(_ profile: SDKProfile) -> CredentialsFinding {
        if profile.has("role_arn"), profile.has("web_identity_token_file") { return found(profile, .webIdentity) }
        if ["sso_session", "sso_account_id", "sso_role_name"].contains(where: { profile.has($0) }) {
            if let session = profile.value("sso_session") {
                guard let values = files.ssoSessions[session], values["sso_start_url"] != nil,
                    values["sso_region"] != nil,
                    profile.has("sso_account_id"), profile.has("sso_role_name")
                else {
                    return failure("SSO profile \(profile.name) is missing configuration", .ssoIncomplete)
                }
            } else if !["sso_start_url", "sso_region", "sso_account_id", "sso_role_name"].allSatisfy({ profile.has($0) }
            ) {
                return failure("SSO profile \(profile.name) is missing configuration", .ssoIncomplete)
            }
            return found(profile, .sso)
        }
        if inCredentialsFile(profile, "aws_access_key_id") {
            guard inCredentialsFile(profile, "aws_secret_access_key") else {
                return failure("partial credentials in profile \(profile.name)", .incompleteKeys)
            }
            return found(profile, .staticKeys, keyId: profile.value("aws_access_key_id"))
        }
        if let command = profile.value("credential_process") {
            // botocore splits the command itself: no shell, so `$HOME` and `~` stay as they are.
            if let program = CommandLineWords.split(command).first, program.contains("$") || program.hasPrefix("~") {
                return failure(
                    "credential_process \(program) is not expanded by the AWS CLI (no shell), so it is not found",
                    .credentialProcessFailed)
            }
            return found(profile, .credentialProcess)
        }
        if profile.has("aws_access_key_id") {
            guard profile.has("aws_secret_access_key"), !inCredentialsFile(profile, "aws_secret_access_key") else {
                return failure("partial credentials in profile \(profile.name)", .incompleteKeys)
            }
            return found(profile, .staticKeys, keyId: profile.value("aws_access_key_id"))
        }
        if profile.has("login_session") { return found(profile, .login) }
        return failure("no credentials in profile \(profile.name)", .noCredentials)
    }
}
