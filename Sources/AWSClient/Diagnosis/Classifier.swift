import BedrockCore
import FoundationEssentials
import Glibc

/// The one classifier every front end uses: AWS error codes first, message text second
/// (AWS writes "isn’t" with U+2019, so both apostrophes are matched).
public enum Classifier {
    public static let skewTolerance: TimeInterval = 5 * 60

    public static func diagnose(_ failure: AWSFailure, context: DiagnosisContext) -> Diagnosis {
        switch failure {
        case .service(let response, let service, let operation, let localDate):
            return diagnose(response, service: service, operation: operation, localDate: localDate, context: context)
        case .transport(let error, let service, _):
            return diagnose(error, service: service, context: context)
        case .credentials(let error):
            return diagnose(error, context: context)
        case .malformedResponse(let service, let operation, let detail):
            return fail(
                context, .malformedResponse,
                "\(service.rawValue) answered \(operation) with something unreadable: \(detail).",
                "Check AWS_ENDPOINT_URL and any proxy in between; run again with a direct connection.")
        }
    }

    static func fail(
        _ context: DiagnosisContext, _ code: DiagnosisCode, _ cause: String, _ fix: String,
        severity: Severity = .failure
    ) -> Diagnosis {
        Diagnosis(check: context.check, severity: severity, code: code, cause: cause, fix: fix)
    }

    static func loginFix(_ context: DiagnosisContext) -> String {
        "Run `bedrock-setup login --profile \(context.awsProfile ?? "PROFILE")`, then check again."
    }

    static func diagnose(
        _ response: AWSErrorResponse, service: AWSService, operation: String, localDate: Date,
        context: DiagnosisContext
    ) -> Diagnosis {
        let code = response.code ?? ""
        let message = response.message ?? ""
        let lower = message.lowercased().replacing("\u{2019}", with: "'")
        let skew = response.serverDate.map { localDate.timeIntervalSince($0) }

        if let skew, abs(skew) > skewTolerance,
            ["SignatureDoesNotMatch", "InvalidSignatureException", "RequestTimeTooSkewed", "RequestExpired"].contains(
                code) || lower.contains("signature expired")
        {
            let minutes = Int((abs(skew) / 60).rounded())
            return fail(
                context, .clockSkew,
                "This computer's clock is \(minutes) minutes \(skew > 0 ? "ahead of" : "behind") AWS, so signatures are refused.",
                "Set the clock right (e.g. `sudo timedatectl set-ntp true`), then check again.")
        }
        if context.usesAPIKey,
            [
                "InvalidClientTokenId", "UnrecognizedClientException", "ExpiredToken", "ExpiredTokenException",
                "UnauthorizedException",
            ].contains(code) || context.usesAPIKey && lower.contains("api key") && response.status == 403
        {
            return fail(
                context, .invalidAPIKey,
                "Bedrock refused the API key (\(code.isEmpty ? "HTTP \(response.status)" : code)): it is invalid, revoked or expired.",
                "Create a new API key in the Bedrock console (API keys) and run `bedrock-setup` again to store it: \(consoleURL(context.region))."
            )
        }
        if service == .sts, code == "AccessDenied" || code == "AccessDeniedException" {
            let action = action(in: message) ?? "sts:\(operation)"
            return fail(
                context, .stsDenied,
                "IAM (or an organization policy) denies \(action) to this identity, so bedrock-setup cannot say who it is.",
                "Allow \(action) (it reveals nothing secret), or ask your administrator; Claude Code itself does not call it."
            )
        }
        switch code {
        case "InvalidClientTokenId", "UnrecognizedClientException":
            return fail(
                context, .invalidKey,
                "AWS does not know this access key (\(code)): it was deleted, mistyped, or belongs to another partition.",
                "Create a new access key in the IAM console and enter it again (or pick another profile).")
        case "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignatureException":
            if lower.contains("signature expired") {
                return fail(
                    context, .clockSkew, "AWS says the signature expired, which means this computer's clock is off.",
                    "Set the clock right (e.g. `sudo timedatectl set-ntp true`), then check again.")
            }
            return fail(
                context, .signatureMismatch,
                "AWS knows the access key but the signature does not match: the secret access key is wrong.",
                "Enter the secret access key that belongs to this key ID again, without spaces.")
        case "ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired":
            if context.usesSSO {
                return fail(context, .expiredToken, "The SSO session credentials have expired.", loginFix(context))
            }
            return fail(
                context, .expiredToken, "The session token that goes with these access keys has expired.",
                context.awsProfile.map {
                    "Put fresh temporary credentials (with aws_session_token) in profile \($0), or use long-term keys, then check again."
                }
                    ?? "Export fresh temporary credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), then check again."
            )
        case "ServiceQuotaExceededException":
            return fail(
                context, .quotaExceeded,
                "\(service.rawValue) refused \(operation): a service quota of this account is used up (\(message)).",
                "Ask for a higher quota in the Service Quotas console, or free some of it; retrying does not help.")
        case "ResourceNotFoundException" where operation == "GetInferenceProfile":
            return fail(
                context, .inferenceProfileNotFound,
                "\(context.modelId ?? "The inference profile") does not exist in \(context.region) for this account.",
                "Choose one of the inference profiles `bedrock-setup` lists for \(context.region), or another Region.")
        case "UnauthorizedException" where service == .sso:
            return fail(
                context, .ssoTokenExpired, "The SSO portal refused the cached login token: it expired or was revoked.",
                loginFix(context))
        default: break
        }

        if lower.contains("explicit deny in a service control policy") || lower.contains("service control policy") {
            return fail(
                context, .scpDenied,
                "An organization service control policy denies \(action(in: message) ?? operation) for this account.",
                "Ask your AWS organization administrators to allow Bedrock for this account; no IAM policy can override an SCP."
            )
        }
        if lower.contains("use case details have not been submitted") || lower.contains("use case form") {
            return fail(
                context, .useCaseFormMissing, "Anthropic's use-case form has not been submitted for this account.",
                "Submit the form in the Bedrock console (Model catalog → an Anthropic model → Submit use case details): \(consoleURL(context.region))."
            )
        }
        if lower.contains("on-demand throughput isn't supported")
            || lower.contains("on-demand throughput is not supported")
        {
            let base = context.modelId.map { $0.hasPrefix("anthropic.") ? $0 : (Geography.leading($0)?.1 ?? $0) }
            let suggestion = base.flatMap { context.catalogue.profileId(forBaseModel: $0, region: context.region) }
            return fail(
                context, .onDemandNotSupported,
                "Bedrock does not serve \(context.modelId ?? "this model") on demand: it must be called through an inference profile.",
                suggestion.map { "Use the inference profile ID \($0)." }
                    ?? "Use the model's inference profile ID (its geography prefix, e.g. us., plus the model ID).")
        }
        if lower.contains("end of its life") || lower.contains("marked by provider as legacy")
            || lower.contains("legacy") && code.contains("Validation")
        {
            return fail(
                context, .legacyModel,
                "\(context.modelId ?? "This model") is a legacy model this account can no longer call.",
                "Pick a current model, e.g. \(context.catalogue.defaultModel(for: context.region) ?? "a Sonnet inference profile")."
            )
        }
        if lower.contains("model identifier is invalid")
            || (code == "ResourceNotFoundException" && lower.contains("model")) && !lower.contains("access")
        {
            return fail(
                context, .invalidModelIdentifier,
                "\(context.modelId ?? "The model ID") is not a model or inference profile in \(context.region).",
                "Choose one of the inference profiles `bedrock-setup` lists for \(context.region), or another Region.")
        }
        if lower.contains("don't have access to the model") || lower.contains("do not have access to the model")
            || lower.contains("model access")
        {
            return fail(
                context, .modelNotEnabled,
                "This account has no access to \(context.modelId ?? "the model") in \(context.region) yet.",
                "Enable the model in the Bedrock console (Model access): \(consoleURL(context.region)).")
        }
        if code == "AccessDeniedException" || code == "AccessDenied" || response.status == 403 {
            let action = action(in: message) ?? "bedrock:\(operation)"
            let resource = resource(in: message)
            return fail(
                context, .iamDenied, "IAM does not allow \(action)\(resource.map { " on \($0)" } ?? "").",
                "Attach the policy printed by `bedrock-setup policy` to this identity (it allows \(action)).")
        }
        if response.status == 503 || code == "ServiceUnavailableException" || code == "ServiceUnavailable" {
            return fail(
                context, .serviceUnavailable,
                "\(service.rawValue) in \(context.region) is temporarily unavailable (\(code.isEmpty ? "HTTP 503" : code)); this is not throttling and not your setup.",
                "Try again in a few minutes, or try another Region.")
        }
        if response.status == 408 || code == "RequestTimeout" || code == "RequestTimeoutException" {
            return fail(
                context, .timeout,
                "\(service.rawValue) in \(context.region) timed out answering \(operation) (\(code.isEmpty ? "HTTP 408" : code)).",
                "Check the network or proxy, then check again.")
        }
        if response.status == 429 || AWSCaller.throttlingCodes.contains(code) {
            return fail(
                context, .throttled,
                "Bedrock answered but is rate-limiting this account (\(code.isEmpty ? "HTTP 429" : code)): the setup works.",
                "Wait a minute, or ask for a higher quota in Service Quotas if this keeps happening.",
                severity: .warning)
        }
        if response.status >= 500 {
            return fail(
                context, .serviceError,
                "\(service.rawValue) in \(context.region) failed on its side (HTTP \(response.status)\(code.isEmpty ? "" : ", \(code)")).",
                "Try again in a few minutes, or try another Region.")
        }
        return fail(
            context, .otherError,
            "\(service.rawValue) refused \(operation): HTTP \(response.status) \(code) \(message)".trimmingSpaces()
                + ".",
            "Check the message above; `bedrock-setup doctor --json` shows everything that was checked.")
    }

    static func diagnose(_ error: TransportError, service: AWSService, context: DiagnosisContext) -> Diagnosis {
        switch error {
        case .dnsFailure(let host):
            return fail(
                context, .dnsFailure,
                "\(host) could not be resolved: no network, a DNS problem, or a Region without \(service.rawValue).",
                "Check the network connection and the Region name, then check again.")
        case .connectionRefused(let host), .connectFailed(let host, _):
            return fail(
                context, .connectFailed, "Could not connect to \(host).",
                "Check the network, a firewall, or AWS_ENDPOINT_URL if it is set, then check again.")
        case .tlsFailure(let host, let detail):
            return fail(
                context, .tlsFailure, "The TLS connection to \(host) failed (\(detail)).",
                "If a corporate proxy inspects TLS, point AWS_CA_BUNDLE at its CA certificate file.")
        case .proxyFailure(let detail):
            return fail(
                context, .proxyFailure, "The HTTPS proxy failed (\(detail)).",
                "Check HTTPS_PROXY and NO_PROXY, or unset them to connect directly.")
        case .timedOut(let host, let seconds):
            return fail(
                context, .timeout, "\(host) did not answer within \(seconds.fixed(0)) seconds.",
                "Check the network or proxy, then check again; try a closer Region if it persists.")
        case .connectionDropped(let host, let detail):
            return fail(
                context, .connectFailed, "\(host) dropped the connection (\(detail)).",
                "Check the network or proxy, then check again.")
        case .responseTooLarge(let host, let part, let limit):
            return fail(
                context, .malformedResponse,
                "\(host) sent an answer whose \(part) went over \(limit >> 10) KB, far more than any AWS answer, so it was cut off.",
                "Check AWS_ENDPOINT_URL and the proxy settings (HTTPS_PROXY): something that is not AWS is answering.")
        case .cancelled:
            return Diagnosis(check: context.check, severity: .warning, code: .cancelled, cause: "Cancelled.", fix: nil)
        case .other(let detail):
            return fail(context, .otherError, "The request failed: \(detail).", "Check the network, then check again.")
        }
    }

    public static func diagnose(_ error: CredentialError, context: DiagnosisContext) -> Diagnosis {
        switch error {
        case .noCredentials(let profile):
            return fail(
                context, .noCredentials, "No AWS credentials were found\(profile.map { " for profile \($0)" } ?? "").",
                "Run `aws configure --profile NAME` (keys) or `aws configure sso` (SSO), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."
            )
        case .profileNotFound(let name):
            return fail(
                context, .profileMissing, "The AWS profile \(name) is not in ~/.aws/config or ~/.aws/credentials.",
                "Create it with `aws configure --profile \(name)` or `aws configure sso`, or choose another profile.")
        case .incompleteEnvironmentKeys(let missing):
            return fail(
                context, .incompleteKeys,
                "\(missing) is not set, so the access keys in the environment are incomplete.",
                "Export \(missing) too, or unset the other key variable.")
        case .ssoTokenMissing(let profile):
            return fail(
                context, .ssoTokenMissing, "There is no SSO login for profile \(profile) on this computer.",
                "Run `bedrock-setup login --profile \(profile)`, then check again.")
        case .ssoTokenExpired(let profile, let date):
            return fail(
                context, .ssoTokenExpired, "The SSO login for profile \(profile) expired at \(TimeText.iso8601(date)).",
                "Run `bedrock-setup login --profile \(profile)`, then check again.")
        case .ssoIncomplete(let profile, let missing):
            return fail(
                context, .ssoIncomplete, "SSO profile \(profile) has no \(missing).",
                "Run `aws configure sso --profile \(profile)` to complete it.")
        case .processFailed(let profile, let status):
            return fail(
                context, .credentialProcessFailed,
                "The credential_process of profile \(profile) failed (exit status \(status)).",
                "Run the command from ~/.aws/config by hand to see its error.")
        case .processOutputInvalid(let profile):
            return fail(
                context, .credentialProcessFailed,
                "The credential_process of profile \(profile) did not print credentials JSON (Version 1).",
                "Fix the command so it prints {\"Version\": 1, \"AccessKeyId\": …, \"SecretAccessKey\": …}.")
        case .processTimedOut(let profile):
            return fail(
                context, .credentialProcessFailed,
                "The credential_process of profile \(profile) did not finish in time.",
                "Run the command from ~/.aws/config by hand; it may be waiting for input.")
        case .unsupportedSource(let profile, let detail):
            return fail(
                context, .roleProblem, "Profile \(profile): \(detail).", "Add source_profile = NAME to the profile.")
        case .invalidProfile(_, let diagnosis):
            return Diagnosis(
                check: context.check, severity: diagnosis.severity, code: diagnosis.code, cause: diagnosis.cause,
                fix: diagnosis.fix)
        case .ssoTokenRevoked(let profile, let validUntil):
            return fail(
                context, .ssoTokenRevoked,
                "The SSO portal refused the login for profile \(profile), though it is cached as valid until \(TimeText.iso8601(validUntil)): it was revoked (signed out, or the access changed).",
                "Run `bedrock-setup login --profile \(profile)`, then check again.")
        case .credentialExportFailed(let command, let detail):
            return fail(
                context, .credentialProcessFailed,
                "The awsCredentialExport command `\(command)` \(detail); Claude Code runs it at every start.",
                "Run the command by hand and fix it, or remove awsCredentialExport from the settings file that sets it."
            )
        case .webIdentityTokenUnreadable(let profile, let path):
            return fail(
                context, .roleProblem,
                "Profile \(profile)'s web_identity_token_file \(path) cannot be read or is empty.",
                "Point web_identity_token_file at the file your identity provider writes, or renew the token.")
        case .loginSessionUnusable(let profile, let path, let detail):
            return fail(
                context, .ssoTokenMissing,
                "Profile \(profile) signs in with `aws login`, and its cached sign-in \(path) is unusable: \(detail).",
                "Run `aws login --profile \(profile)`.")
        case .loginSessionExpiring(let profile, let expiresAt):
            return fail(
                context, .ssoTokenExpired,
                "The `aws login` credentials of profile \(profile) expire at \(TimeText.iso8601(expiresAt)); Claude Code refreshes them with the "
                    + "stored refresh token, which bedrock-setup does not do, so the checks stop here.",
                "Run `aws login --profile \(profile)` for fresh credentials, then check again.", severity: .warning)
        case .roleSourceLoop(let profile):
            return fail(
                context, .roleSourceLoop, "Profile \(profile)'s source_profile chain loops.",
                "Point source_profile at a profile with keys or SSO.")
        case .upstream(let profile, let failure):
            return fail(
                context, .roleProblem, "Getting credentials for profile \(profile) failed: \(failure).",
                "Check the profile's source credentials and role trust policy.")
        }
    }

    /// `…is not authorized to perform: bedrock:InvokeModel on resource: arn:… because…`
    static func action(in message: String) -> String? {
        guard let range = message.firstRange(of: "perform: ") else { return nil }
        return message[range.upperBound...].split(separator: " ").first.map(String.init)
    }

    static func resource(in message: String) -> String? {
        guard let range = message.firstRange(of: "on resource: ") else { return nil }
        return message[range.upperBound...].split(separator: " ").first.map(String.init)
    }

    public static func consoleURL(_ region: String) -> String { Catalogue.consoleURL(region) }
}
