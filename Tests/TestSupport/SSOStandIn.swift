import AWSClient
import BedrockCore
import Foundation

/// The IAM Identity Center stand-in (Tests/peers/sso_standin.py): SSO OIDC and the portal,
/// every request checked against botocore's `sso-oidc` and `sso` models.
public final class SSOStandIn: @unchecked Sendable {
    public let peer: PythonPeer
    public let port: Int
    public var url: String { "http://127.0.0.1:\(port)" }

    public init() throws {
        peer = try PythonPeer(script: "sso_standin.py")
        port = Int(peer.firstLine)!
    }

    /// Both services pointed here with the SDKs' own variables.
    public var environment: [String: String] { ["AWS_ENDPOINT_URL_SSO_OIDC": url, "AWS_ENDPOINT_URL_SSO": url] }

    public func configure(_ settings: [String: Any]) async throws {
        _ = try await control("POST", "/_standin/config", settings)
    }

    /// Every call so far: operation, time, poll number, non-secret fields, and the model's objections.
    public func requests() async throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(try await control("GET", "/_standin/requests", nil).body))
            as? [[String: Any]] ?? []
    }

    public func operations() async throws -> [String] { try await requests().compactMap { $0["operation"] as? String } }

    /// Requests botocore's models refused (must be empty for a correct client).
    public func invalidRequests() async throws -> [String] {
        try await requests().flatMap { ($0["invalid"] as? [String]) ?? [] }
    }

    /// The role credentials GetRoleCredentials handed out, in order.
    public func handed() async throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(try await control("GET", "/_standin/handed", nil).body))
            as? [[String: Any]] ?? []
    }

    private func control(_ method: String, _ path: String, _ body: [String: Any]?) async throws -> HTTPResponse {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        let request = HTTPRequest(
            method: method, scheme: "http", host: "127.0.0.1", port: port, path: path, body: Array(data))
        return try await CurlTransport(environment: [:]).send(request, timeouts: Timeouts(connect: 2, total: 10))
    }

    /// A sign-in target for the `corp` session of `SSOFixture.corp`.
    public static let corpTarget = SSOSignInTarget(
        profile: "corp", sessionName: "corp",
        portal: SSOPortal(
            startURL: "https://corp.awsapps.com/start", region: "eu-west-1",
            scopes: SSOPortal.defaultScopes),
        accountId: "111122223333", roleName: "Developer")
}
