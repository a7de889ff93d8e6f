import FoundationEssentials
import Glibc

/// The checks `doctor` (and the wizard's Start screen) can make without the network: what
/// Claude Code will see, whether it is well-formed, and whether credentials can be found.
public struct OfflineChecks: Sendable {
    public let values: [String: Sourced<String>]
    public let authRefresh: Sourced<String>?
    public let environment: [String: String]
    public let aws: AWSSharedFiles
    public let problems: [SetupError]
    public let ssoCache: SSOTokenCache
    public let validator: Validator
    public let shadowing: [Shadowing]

    private init(values: [String: Sourced<String>], authRefresh: Sourced<String>?, current: CurrentSetup, ssoCache: SSOTokenCache,
                 validator: Validator) {
        self.values = values
        self.authRefresh = authRefresh
        environment = current.paths.environment
        aws = current.aws
        problems = current.problems
        self.ssoCache = ssoCache
        self.validator = validator
        shadowing = current.shadowing()
    }

    /// What Claude Code sees today.
    public init(current: CurrentSetup, ssoCache: SSOTokenCache, validator: Validator) {
        self.init(values: Dictionary(current.effectiveValues, uniquingKeysWith: { $1 }), authRefresh: current.effectiveAuthRefresh,
                  current: current, ssoCache: ssoCache, validator: validator)
    }

    /// A saved profile, as Claude Code would see it if activated (the shell's variables still win).
    public init(profileName: String, fragmentEnv: [(String, String)], authRefresh: String?, current: CurrentSetup,
                ssoCache: SSOTokenCache, validator: Validator) {
        var values: [String: Sourced<String>] = [:]
        for (key, value) in fragmentEnv { values[key] = Sourced(value, from: .savedProfile(profileName)) }
        for (key, value) in current.paths.environment where ClaudeEnv.owned.contains(key) || key.hasPrefix("AWS_") {
            values[key] = Sourced(value, from: .environment(key))
        }
        self.init(values: values, authRefresh: authRefresh.map { Sourced($0, from: .savedProfile(profileName)) }, current: current,
                  ssoCache: ssoCache, validator: validator)
    }

    /// An LLM gateway signs the requests: no AWS credentials are needed, and AWS is not what to check.
    public var gatewaySigns: Bool {
        ["1", "true"].contains(values[ClaudeEnv.skipAuth]?.value.lowercased() ?? "") && values[ClaudeEnv.baseURL] != nil
    }

    public func run(now: Date) -> [Diagnosis] {
        var lines: [Diagnosis] = problems.map {
            Diagnosis(check: "Files", severity: .failure, code: .otherError, cause: $0.message, fix: $0.fix)
        }
        let enabled = values[ClaudeEnv.useBedrock]
        if let enabled, ["1", "true", "yes", "on"].contains(enabled.value.lowercased()) {
            lines.append(.ok("Bedrock enabled", "CLAUDE_CODE_USE_BEDROCK=\(enabled.value) (\(enabled.source))"))
        } else {
            lines.append(Diagnosis(check: "Bedrock enabled", severity: .failure, code: .notConfigured,
                                   cause: "CLAUDE_CODE_USE_BEDROCK is \(enabled.map { "\"\($0.value)\"" } ?? "not set"), so Claude Code does not use Bedrock.",
                                   fix: "Run `bedrock-setup` (or `bedrock-setup apply …`) to write it, or export CLAUDE_CODE_USE_BEDROCK=1."))
        }

        var region: String?
        if let value = values[ClaudeEnv.region] {
            do {
                region = try validator.region(value.value)
                lines.append(.ok("Region", "\(value.value) (\(value.source))"))
            } catch {
                lines.append(Diagnosis(check: "Region", severity: .failure, code: .badValue, cause: error.message, fix: error.fix))
            }
        } else {
            let hint = values["AWS_DEFAULT_REGION"].map { " AWS_DEFAULT_REGION=\($0.value) is set, but Claude Code reads only AWS_REGION." }
                ?? " Claude Code does not read the Region from ~/.aws/config."
            lines.append(Diagnosis(check: "Region", severity: .failure, code: .notConfigured, cause: "AWS_REGION is not set." + hint,
                                   fix: "Run `bedrock-setup` to write it, or export AWS_REGION=us-east-1 (your Region)."))
        }

        let smallFastRegion = values[ClaudeEnv.smallFastRegion]?.value
        let slots: [(ModelSlot, String)] = [(.primary, ClaudeEnv.model), (.defaultModel, ClaudeEnv.defaultModel),
                                            (.smallFast, ClaudeEnv.smallFastModel), (.smallFast, ClaudeEnv.haikuModel),
                                            (.sonnet, ClaudeEnv.sonnetModel), (.opus, ClaudeEnv.opusModel), (.fable, ClaudeEnv.fableModel)]
        let mantle = ["1", "true"].contains(values[ClaudeEnv.useMantle]?.value.lowercased() ?? "")
        var anyModel = false
        for (slot, key) in slots {
            guard let value = values[key] else { continue }
            anyModel = true
            let checkRegion = slot == .smallFast ? (smallFastRegion ?? region) : region
            do {
                let checked = try validator.checkModel(value.value, slot: slot, region: checkRegion, mantle: mantle)
                if checked.warnings.isEmpty {
                    lines.append(.ok("\(key)", "\(value.value) (\(value.source))"))
                } else {
                    for warning in checked.warnings {
                        lines.append(Diagnosis(check: key, severity: .warning, code: .badValue,
                                               cause: "\(value.value) (\(value.source)): \(warning.message)", fix: warning.fix))
                    }
                }
            } catch {
                lines.append(Diagnosis(check: key, severity: .failure, code: .badValue, cause: error.message, fix: error.fix))
            }
        }
        if !anyModel {
            lines.append(.ok("Models", "none pinned: Claude Code's defaults (\(validator.catalogue.claudeCodeDefaultModel) where available)"))
        }
        if smallFastRegion != nil, values[ClaudeEnv.smallFastModel] == nil, values[ClaudeEnv.haikuModel] == nil {
            let error = SetupError.smallFastRegionWithoutModel
            lines.append(Diagnosis(check: ClaudeEnv.smallFastRegion, severity: .warning, code: .badValue, cause: error.message, fix: error.fix))
        }

        lines += bedrockOptions()
        if gatewaySigns {
            lines.append(.ok("Credentials", "none needed: CLAUDE_CODE_SKIP_BEDROCK_AUTH is set, the gateway signs requests"))
        } else {
            lines.append(credentials(now: now))
        }
        lines += shadowing.map { Diagnosis(check: "Shadowing", severity: .warning, code: .shadowed, cause: $0.description, fix: nil) }
        lines += aws.ambiguities.map { Diagnosis(check: "AWS files", severity: .warning, code: .ambiguousConfig, cause: $0, fix: nil) }
        return lines
    }

    func credentials(now: Date) -> Diagnosis {
        let check = "Credentials"
        if let key = values[ClaudeEnv.bearerToken] {
            return .ok(check, "Bedrock API key \(Mask.tail(key.value)) (\(key.source))")
        }
        let keyId = environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        if keyId != nil || secret != nil {
            guard keyId != nil, secret != nil else {
                return Diagnosis(check: check, severity: .failure, code: .incompleteKeys,
                                 cause: "Only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set.", fix: "Export both, or unset both.")
            }
            return .ok(check, "access keys \(Mask.tail(keyId!)) from the environment" + (environment["AWS_SESSION_TOKEN"] != nil ? " with a session token" : ""))
        }
        let name = values[ClaudeEnv.profile]?.value ?? environment["AWS_DEFAULT_PROFILE"] ?? "default"
        guard let profile = aws.profile(name) else {
            return Diagnosis(check: check, severity: .failure, code: name == "default" ? .noCredentials : .profileMissing,
                             cause: name == "default" ? "No AWS credentials were found: no access-key variables, no AWS_PROFILE, no [default] profile."
                                 : "The AWS profile \(name) is not in \(aws.configPath) or \(aws.credentialsPath).",
                             fix: name == "default" ? "Run `bedrock-setup` and choose a credentials option, or `aws configure`."
                                 : "Create it with `aws configure --profile \(name)` or `aws configure sso --profile \(name)`.")
        }
        switch profile.kind {
        case .ssoSession, .legacySSO:
            guard let key = aws.ssoCacheKey(for: profile) else {
                return Diagnosis(check: check, severity: .failure, code: .ssoIncomplete, cause: "SSO profile \(name) names no sso_session section.",
                                 fix: "Run `aws configure sso --profile \(name)`.")
            }
            switch ssoCache.status(forKey: key.key, now: now) {
            case .valid(let expires, _):
                return .ok(check, "SSO profile \(name), logged in until \(Self.clock(expires))")
            case .expiringSoon(let expires, _):
                return Diagnosis(check: check, severity: .warning, code: .ssoTokenExpired,
                                 cause: "The SSO login for profile \(name) expires at \(Self.clock(expires)), in under 15 minutes.",
                                 fix: "Run `bedrock-setup login --profile \(name)` now to avoid an interruption.")
            case .expired(let expires, _) where ssoCache.token(forKey: key.key)?.canRefresh(now: now) == true:
                // Claude Code's SDK (and this tool) refresh it without the person, as botocore does.
                return .ok(check, "SSO profile \(name), login expired at \(Self.clock(expires)) but renewed silently with its refresh token")
            case .expired(let expires, _):
                return Diagnosis(check: check, severity: .failure, code: .ssoTokenExpired,
                                 cause: "The SSO login for profile \(name) expired at \(Self.clock(expires)).",
                                 fix: "Run `bedrock-setup login --profile \(name)`.")
            case .missing, .unreadable:
                return Diagnosis(check: check, severity: .failure, code: .ssoTokenMissing, cause: "There is no SSO login for profile \(name) on this computer.",
                                 fix: "Run `bedrock-setup login --profile \(name)`.")
            }
        case .staticKeys:
            return .ok(check, "static keys \(Mask.tail(profile.value("aws_access_key_id") ?? "")) of profile \(name)")
        case .credentialProcess:
            return .ok(check, "credential_process of profile \(name) (run by the online checks)")
        case .role:
            return .ok(check, "role \(profile.value("role_arn") ?? "") of profile \(name), via \(profile.value("source_profile") ?? profile.value("credential_source") ?? "?")")
        case .other:
            return Diagnosis(check: check, severity: .failure, code: .noCredentials, cause: "Profile \(name) has no keys, SSO, role or credential_process.",
                             fix: "Run `aws configure --profile \(name)` or `aws configure sso --profile \(name)`.")
        }
    }

    static func clock(_ date: Date) -> String {
        TimeText.format(date, "%Y-%m-%d %H:%M %Z", utc: false)
    }
}
