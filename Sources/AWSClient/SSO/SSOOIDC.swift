import BedrockCore
import FoundationEssentials

/// A public client registered with SSO OIDC (RegisterClient). The secret is never printed.
public struct ClientRegistration: Sendable, Equatable, CustomStringConvertible {
    public let clientId: String
    public let clientSecret: String
    public let expiresAt: Date

    public init(clientId: String, clientSecret: String, expiresAt: Date) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.expiresAt = expiresAt
    }

    public var description: String { "ClientRegistration(expiresAt: \(SSOTokenCache.timestamp(expiresAt)))" }
}

/// What StartDeviceAuthorization hands back: the address and code the person needs, and the
/// device code this program polls with (a secret, never shown).
public struct DeviceAuthorization: Sendable, Equatable, CustomStringConvertible {
    public let deviceCode: String
    public let userCode: String
    public let verificationURI: String
    public let verificationURIComplete: String?
    public let expiresAt: Date
    /// Seconds between polls (RFC 8628 §3.2; 5 when the service does not say).
    public let interval: TimeInterval

    public init(
        deviceCode: String, userCode: String, verificationURI: String, verificationURIComplete: String?,
        expiresAt: Date,
        interval: TimeInterval
    ) {
        self.deviceCode = deviceCode
        self.userCode = userCode
        self.verificationURI = verificationURI
        self.verificationURIComplete = verificationURIComplete
        self.expiresAt = expiresAt
        self.interval = interval
    }

    /// The address to open or draw as a QR code: the one that fills the code in, when given.
    public var browserURL: String { verificationURIComplete ?? verificationURI }

    public var description: String { "DeviceAuthorization(userCode: \(userCode), verificationURI: \(verificationURI))" }
}

/// A CreateToken answer. Never printed.
public struct TokenGrant: Sendable, Equatable, CustomStringConvertible {
    public let accessToken: String
    public let expiresIn: TimeInterval
    public let refreshToken: String?

    public var description: String {
        "TokenGrant(expiresIn: \(Int(expiresIn)) s, refreshToken: \(refreshToken == nil ? "no" : "yes"))"
    }
}

/// SSO OIDC (REST-JSON, unsigned): RegisterClient, StartDeviceAuthorization, CreateToken.
extension AWSAPI {
    public static let deviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code"
    public static let refreshTokenGrant = "refresh_token"

    public func registerClient(ssoRegion: String, clientName: String, scopes: [String]) async throws(AWSFailure)
        -> ClientRegistration
    {
        var body: [(String, JSONValue)] = [("clientName", .string(clientName)), ("clientType", .string("public"))]
        if !scopes.isEmpty { body.append(("scopes", .array(scopes.map(JSONValue.string)))) }
        let json = try await oidc("RegisterClient", path: "/client/register", region: ssoRegion, body: body)
        guard let id = json["clientId"] as? String, let secret = json["clientSecret"] as? String,
            let expires = number(json["clientSecretExpiresAt"])
        else {
            throw .malformedResponse(
                service: .ssoOIDC, operation: "RegisterClient",
                detail: "no clientId, clientSecret or clientSecretExpiresAt")
        }
        return ClientRegistration(clientId: id, clientSecret: secret, expiresAt: Date(timeIntervalSince1970: expires))
    }

    public func startDeviceAuthorization(ssoRegion: String, registration: ClientRegistration, startURL: String)
        async throws(AWSFailure) -> DeviceAuthorization
    {
        let json = try await oidc(
            "StartDeviceAuthorization", path: "/device_authorization", region: ssoRegion,
            body: [
                ("clientId", .string(registration.clientId)), ("clientSecret", .string(registration.clientSecret)),
                ("startUrl", .string(startURL)),
            ])
        guard let device = json["deviceCode"] as? String, let user = json["userCode"] as? String,
            let uri = json["verificationUri"] as? String,
            let expiresIn = number(json["expiresIn"])
        else {
            throw .malformedResponse(
                service: .ssoOIDC, operation: "StartDeviceAuthorization",
                detail: "no deviceCode, userCode, verificationUri or expiresIn")
        }
        let interval = number(json["interval"]) ?? 5
        return DeviceAuthorization(
            deviceCode: device, userCode: user, verificationURI: uri,
            verificationURIComplete: json["verificationUriComplete"] as? String,
            expiresAt: caller.now().addingTimeInterval(expiresIn), interval: max(1, interval))
    }

    /// CreateToken with the device code (one poll) or with a refresh token.
    public func createToken(ssoRegion: String, registration: ClientRegistration, deviceCode: String)
        async throws(AWSFailure) -> TokenGrant
    {
        try await createToken(
            ssoRegion: ssoRegion,
            body: [
                ("clientId", .string(registration.clientId)), ("clientSecret", .string(registration.clientSecret)),
                ("grantType", .string(Self.deviceCodeGrant)), ("deviceCode", .string(deviceCode)),
            ])
    }

    public func createToken(ssoRegion: String, registration: ClientRegistration, refreshToken: String)
        async throws(AWSFailure) -> TokenGrant
    {
        try await createToken(
            ssoRegion: ssoRegion,
            body: [
                ("clientId", .string(registration.clientId)), ("clientSecret", .string(registration.clientSecret)),
                ("grantType", .string(Self.refreshTokenGrant)), ("refreshToken", .string(refreshToken)),
            ])
    }

    private func createToken(ssoRegion: String, body: [(String, JSONValue)]) async throws(AWSFailure) -> TokenGrant {
        let json = try await oidc("CreateToken", path: "/token", region: ssoRegion, body: body)
        guard let access = json["accessToken"] as? String, let expiresIn = number(json["expiresIn"]) else {
            throw .malformedResponse(service: .ssoOIDC, operation: "CreateToken", detail: "no accessToken or expiresIn")
        }
        return TokenGrant(accessToken: access, expiresIn: expiresIn, refreshToken: json["refreshToken"] as? String)
    }

    private func oidc(_ operation: String, path: String, region: String, body: [(String, JSONValue)])
        async throws(AWSFailure) -> [String: Any]
    {
        let call = AWSCaller.Call(
            service: .ssoOIDC, region: region, operation: operation, method: "POST", path: path,
            headers: [("Content-Type", "application/json")],
            body: Array(JSONValue.object(body).serialized(indent: "").utf8))
        let response = try await caller.send(call, authorization: .anonymous)
        guard let json = JSONValue.native(from: response.body) as? [String: Any] else {
            throw .malformedResponse(
                service: .ssoOIDC, operation: operation,
                detail: "the answer is not a JSON object (\(response.body.count) bytes)")
        }
        return json
    }
}

public struct SSOAccount: Sendable, Equatable {
    public let accountId: String
    public let name: String?
    public let email: String?

    public init(accountId: String, name: String?, email: String?) {
        self.accountId = accountId
        self.name = name
        self.email = email
    }

    /// As `aws configure sso` lists it: `Name, email (id)`.
    public var label: String {
        switch (name, email) {
        case (let name?, let email?): "\(name), \(email) (\(accountId))"
        case (let name?, nil): "\(name) (\(accountId))"
        case (nil, let email?): "\(email) (\(accountId))"
        case (nil, nil): accountId
        }
    }
}

/// The SSO portal's listings (REST-JSON, the access token in `x-amz-sso_bearer_token`), every page.
extension AWSAPI {
    public func listAccounts(ssoRegion: String, accessToken: String, pageSize: Int? = nil, maxPages: Int = 100)
        async throws(AWSFailure) -> [SSOAccount]
    {
        var accounts: [SSOAccount] = []
        try await pages(
            operation: "ListAccounts", path: "/assignment/accounts", region: ssoRegion, accessToken: accessToken,
            query: [], pageSize: pageSize, maxPages: maxPages
        ) { json in
            for item in json["accountList"] as? [[String: Any]] ?? [] {
                guard let id = item["accountId"] as? String else { continue }
                accounts.append(
                    SSOAccount(
                        accountId: id, name: item["accountName"] as? String, email: item["emailAddress"] as? String))
            }
        }
        return accounts
    }

    public func listAccountRoles(ssoRegion: String, accessToken: String, accountId: String, pageSize: Int? = nil)
        async throws(AWSFailure) -> [String]
    {
        var roles: [String] = []
        try await pages(
            operation: "ListAccountRoles", path: "/assignment/roles", region: ssoRegion, accessToken: accessToken,
            query: [("account_id", accountId)], pageSize: pageSize, maxPages: 100
        ) { json in
            roles += (json["roleList"] as? [[String: Any]] ?? []).compactMap { $0["roleName"] as? String }
        }
        return roles
    }

    private func pages(
        operation: String, path: String, region: String, accessToken: String, query: [(String, String)], pageSize: Int?,
        maxPages: Int, _ page: ([String: Any]) -> Void
    ) async throws(AWSFailure) {
        var next: String?
        var count = 0
        repeat {
            var parameters = query
            if let pageSize { parameters.append(("max_result", String(pageSize))) }
            if let next { parameters.append(("next_token", next)) }
            let call = AWSCaller.Call(
                service: .sso, region: region, operation: operation, path: path, query: parameters)
            let response = try await caller.send(call, authorization: .ssoBearer(accessToken))
            guard let json = JSONValue.native(from: response.body) as? [String: Any] else {
                throw .malformedResponse(service: .sso, operation: operation, detail: "the answer is not a JSON object")
            }
            page(json)
            next = (json["nextToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            count += 1
        } while next != nil && count < maxPages
    }
}

/// A JSON number as `JSONValue.native` gives it (whole numbers as Int, others as Double).
private func number(_ value: Any?) -> Double? {
    (value as? Int).map(Double.init) ?? value as? Double
}
