import BedrockCore
import FoundationEssentials
import Glibc

public struct CallerIdentity: Sendable, Equatable {
    public let account: String
    public let arn: String
    public let userId: String
}

public struct InferenceProfileSummary: Sendable, Equatable {
    public let id: String
    public let arn: String
    public let name: String
    public let type: String
    public let status: String
    /// Foundation-model ARNs the profile routes to (one per destination Region).
    public let modelArns: [String]

    /// Regions the profile routes to, from its model ARNs.
    public var destinationRegions: [String] {
        modelArns.compactMap { arn in
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
            return parts.count > 3 ? String(parts[3]) : nil
        }
    }
}

public struct FoundationModelSummary: Sendable, Equatable {
    public let modelId: String
    public let name: String
    public let provider: String
    public let inferenceTypes: [String]
    public let lifecycle: String
}

public struct ModelAvailability: Sendable, Equatable {
    public let modelId: String
    public let agreement: String
    public let agreementError: String?
    public let authorization: String
    public let entitlement: String
    public let region: String

    public var isUsable: Bool {
        agreement == "AVAILABLE" && authorization == "AUTHORIZED" && entitlement == "AVAILABLE" && region == "AVAILABLE"
    }
}

public struct InvocationResult: Sendable, Equatable {
    public let stopReason: String?
    public let outputTokens: Int?
    public let latency: TimeInterval
}

/// The AWS operations the tool uses, each one signed request and a parsed answer.
public struct AWSAPI: Sendable {
    public let caller: AWSCaller

    public init(caller: AWSCaller) { self.caller = caller }

    // MARK: STS

    public func getCallerIdentity(region: String, credentials: AWSCredentials) async throws(AWSFailure)
        -> CallerIdentity
    {
        let response = try await caller.send(
            stsCall(region: region, operation: "GetCallerIdentity", parameters: []), authorization: .sigV4(credentials))
        guard let xml = XMLAnswer(response.body), let account = xml.value("GetCallerIdentityResult/Account"),
            let arn = xml.value("GetCallerIdentityResult/Arn")
        else {
            throw .malformedResponse(
                service: .sts, operation: "GetCallerIdentity", detail: "no Account or Arn in the answer")
        }
        return CallerIdentity(account: account, arn: arn, userId: xml.value("GetCallerIdentityResult/UserId") ?? "")
    }

    public func assumeRole(
        region: String, credentials: AWSCredentials, roleArn: String, sessionName: String,
        externalId: String? = nil
    ) async throws(AWSFailure) -> AWSCredentials {
        var parameters = [("RoleArn", roleArn), ("RoleSessionName", sessionName)]
        if let externalId { parameters.append(("ExternalId", externalId)) }
        let response = try await caller.send(
            stsCall(region: region, operation: "AssumeRole", parameters: parameters), authorization: .sigV4(credentials)
        )
        guard let xml = XMLAnswer(response.body), let key = xml.value("AssumeRoleResult/Credentials/AccessKeyId"),
            let secret = xml.value("AssumeRoleResult/Credentials/SecretAccessKey"),
            let token = xml.value("AssumeRoleResult/Credentials/SessionToken")
        else {
            throw .malformedResponse(service: .sts, operation: "AssumeRole", detail: "no credentials in the answer")
        }
        let expiration = xml.value("AssumeRoleResult/Credentials/Expiration").flatMap(TimeText.parseISO8601)
        return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: token, expiration: expiration)
    }

    /// STS AssumeRoleWithWebIdentity: unsigned, the token file's contents are the proof (what the JS SDK's
    /// fromTokenFile does for a profile's `web_identity_token_file`).
    public func assumeRoleWithWebIdentity(
        region: String, roleArn: String, sessionName: String,
        token: String
    ) async throws(AWSFailure) -> AWSCredentials {
        let parameters = [("RoleArn", roleArn), ("RoleSessionName", sessionName), ("WebIdentityToken", token)]
        let operation = "AssumeRoleWithWebIdentity"
        let response = try await caller.send(
            stsCall(region: region, operation: operation, parameters: parameters), authorization: .anonymous)
        let result = operation + "Result/Credentials/"
        guard let xml = XMLAnswer(response.body), let key = xml.value(result + "AccessKeyId"),
            let secret = xml.value(result + "SecretAccessKey"), let session = xml.value(result + "SessionToken")
        else {
            throw .malformedResponse(service: .sts, operation: operation, detail: "no credentials in the answer")
        }
        let expiration = xml.value(result + "Expiration").flatMap(TimeText.parseISO8601)
        return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: session, expiration: expiration)
    }

    private func stsCall(region: String, operation: String, parameters: [(String, String)]) -> AWSCaller.Call {
        let form = ([("Action", operation), ("Version", "2011-06-15")] + parameters)
            .map { "\(SigV4.uriEncode($0.0))=\(SigV4.uriEncode($0.1))" }.joined(separator: "&")
        return AWSCaller.Call(
            service: .sts, region: region, operation: operation, method: "POST", path: "/",
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: Array(form.utf8))
    }

    // MARK: Bedrock control plane

    /// Every inference profile of one type, following `nextToken` through every page (at most
    /// `maxPages`). An answer without the list member is an empty list, as the model allows.
    public func listInferenceProfiles(
        region: String, type: String, authorization: CallAuthorization,
        pageSize: Int = 1000, maxPages: Int = 100
    ) async throws(AWSFailure) -> [InferenceProfileSummary] {
        var profiles: [InferenceProfileSummary] = []
        var token: String?
        var pages = 0
        repeat {
            var query = [("maxResults", String(pageSize)), ("type", type)]
            if let token { query.append(("nextToken", token)) }
            let call = AWSCaller.Call(
                service: .bedrock, region: region, operation: "ListInferenceProfiles", path: "/inference-profiles",
                query: query)
            let json = try await jsonObject(try await caller.send(call, authorization: authorization), call)
            if let member = json["inferenceProfileSummaries"], !(member is JSONValue) {
                guard let summaries = member as? [[String: Any]] else {
                    throw .malformedResponse(
                        service: .bedrock, operation: "ListInferenceProfiles",
                        detail: "inferenceProfileSummaries is not a list")
                }
                profiles += summaries.compactMap(Self.profile)
            }
            token = json["nextToken"] as? String
            pages += 1
        } while token != nil && pages < maxPages
        return profiles
    }

    /// System-defined and application profiles, asked for at once.
    public func listAllInferenceProfiles(region: String, authorization: CallAuthorization) async throws(AWSFailure)
        -> [InferenceProfileSummary]
    {
        async let system = Result(catching: { () async throws(AWSFailure) in
            try await listInferenceProfiles(region: region, type: "SYSTEM_DEFINED", authorization: authorization)
        })
        async let application = Result(catching: { () async throws(AWSFailure) in
            try await listInferenceProfiles(region: region, type: "APPLICATION", authorization: authorization)
        })
        return try await system.get() + application.get()
    }

    public func getInferenceProfile(region: String, identifier: String, authorization: CallAuthorization)
        async throws(AWSFailure) -> InferenceProfileSummary
    {
        let call = AWSCaller.Call(
            service: .bedrock, region: region, operation: "GetInferenceProfile",
            path: "/inference-profiles/" + SigV4.uriEncode(identifier))
        let json = try await jsonObject(try await caller.send(call, authorization: authorization), call)
        guard let profile = Self.profile(json) else {
            throw .malformedResponse(
                service: .bedrock, operation: "GetInferenceProfile", detail: "no inferenceProfileId")
        }
        return profile
    }

    public func getFoundationModelAvailability(region: String, modelId: String, authorization: CallAuthorization)
        async throws(AWSFailure) -> ModelAvailability
    {
        let call = AWSCaller.Call(
            service: .bedrock, region: region, operation: "GetFoundationModelAvailability",
            path: "/foundation-model-availability/" + SigV4.uriEncode(modelId))
        let json = try await jsonObject(try await caller.send(call, authorization: authorization), call)
        let agreement = json["agreementAvailability"] as? [String: Any]
        return ModelAvailability(
            modelId: json["modelId"] as? String ?? modelId, agreement: agreement?["status"] as? String ?? "UNKNOWN",
            agreementError: agreement?["errorMessage"] as? String,
            authorization: json["authorizationStatus"] as? String ?? "UNKNOWN",
            entitlement: json["entitlementAvailability"] as? String ?? "UNKNOWN",
            region: json["regionAvailability"] as? String ?? "UNKNOWN")
    }

    public func listFoundationModels(region: String, authorization: CallAuthorization) async throws(AWSFailure)
        -> [FoundationModelSummary]
    {
        let call = AWSCaller.Call(
            service: .bedrock, region: region, operation: "ListFoundationModels", path: "/foundation-models",
            query: [("byProvider", "anthropic")])
        let json = try await jsonObject(try await caller.send(call, authorization: authorization), call)
        guard let models = json["modelSummaries"] as? [[String: Any]] else {
            throw .malformedResponse(service: .bedrock, operation: "ListFoundationModels", detail: "no modelSummaries")
        }
        return models.compactMap { model in
            guard let id = model["modelId"] as? String else { return nil }
            return FoundationModelSummary(
                modelId: id, name: model["modelName"] as? String ?? id,
                provider: model["providerName"] as? String ?? "",
                inferenceTypes: model["inferenceTypesSupported"] as? [String] ?? [],
                lifecycle: (model["modelLifecycle"] as? [String: Any])?["status"] as? String ?? "ACTIVE")
        }
    }

    // MARK: Bedrock runtime

    /// One token, to prove the whole path works; costs a fraction of a cent, so callers ask first.
    public func invokeOneToken(region: String, modelId: String, authorization: CallAuthorization)
        async throws(AWSFailure) -> InvocationResult
    {
        let body =
            #"{"anthropic_version":"bedrock-2023-05-31","max_tokens":1,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}"#
        let call = AWSCaller.Call(
            service: .bedrockRuntime, region: region, operation: "InvokeModel", method: "POST",
            path: "/model/" + SigV4.uriEncode(modelId) + "/invoke",
            headers: [("Content-Type", "application/json"), ("Accept", "application/json")], body: Array(body.utf8))
        let response = try await caller.send(call, authorization: authorization)
        let json = JSONValue.native(from: response.body) as? [String: Any]
        return InvocationResult(
            stopReason: json?["stop_reason"] as? String,
            outputTokens: (json?["usage"] as? [String: Any])?["output_tokens"] as? Int, latency: response.elapsed)
    }

    // MARK: SSO portal

    public func getRoleCredentials(ssoRegion: String, accessToken: String, accountId: String, roleName: String)
        async throws(AWSFailure) -> AWSCredentials
    {
        let call = AWSCaller.Call(
            service: .sso, region: ssoRegion, operation: "GetRoleCredentials", path: "/federation/credentials",
            query: [("account_id", accountId), ("role_name", roleName)])
        let json = try await jsonObject(try await caller.send(call, authorization: .ssoBearer(accessToken)), call)
        guard let role = json["roleCredentials"] as? [String: Any], let key = role["accessKeyId"] as? String,
            let secret = role["secretAccessKey"] as? String
        else {
            throw .malformedResponse(service: .sso, operation: "GetRoleCredentials", detail: "no roleCredentials")
        }
        let expiration = (role["expiration"] as? Int).map { Date(timeIntervalSince1970: Double($0) / 1000) }
        return AWSCredentials(
            accessKeyId: key, secretAccessKey: secret, sessionToken: role["sessionToken"] as? String,
            expiration: expiration)
    }

    // MARK: Helpers

    private func jsonObject(_ response: HTTPResponse, _ call: AWSCaller.Call) async throws(AWSFailure) -> [String: Any]
    {
        guard let object = JSONValue.native(from: response.body), let json = object as? [String: Any] else {
            let kind = response.header("Content-Type") ?? "no content type"
            throw .malformedResponse(
                service: call.service, operation: call.operation,
                detail: "the answer is not a JSON object (\(kind), \(response.body.count) bytes)")
        }
        return json
    }

    static func profile(_ json: [String: Any]) -> InferenceProfileSummary? {
        guard let id = json["inferenceProfileId"] as? String else { return nil }
        return InferenceProfileSummary(
            id: id, arn: json["inferenceProfileArn"] as? String ?? "",
            name: json["inferenceProfileName"] as? String ?? id,
            type: json["type"] as? String ?? "SYSTEM_DEFINED", status: json["status"] as? String ?? "ACTIVE",
            modelArns: (json["models"] as? [[String: Any]] ?? []).compactMap { $0["modelArn"] as? String })
    }
}

extension Result where Failure == AWSFailure {
    init(catching body: () async throws(AWSFailure) -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
