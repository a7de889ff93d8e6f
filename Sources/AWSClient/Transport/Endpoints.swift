import FoundationEssentials
import Glibc

/// The AWS services this tool talks to, with the names the SDKs use for endpoint overrides.
public enum AWSService: String, CaseIterable, Sendable {
    case sts, bedrock
    case bedrockRuntime = "bedrock-runtime"
    case sso
    case ssoOIDC = "sso-oidc"

    /// The suffix of `AWS_ENDPOINT_URL_<SERVICE>`.
    public var endpointVariableSuffix: String {
        switch self {
        case .sts: "STS"
        case .bedrock: "BEDROCK"
        case .bedrockRuntime: "BEDROCK_RUNTIME"
        case .sso: "SSO"
        case .ssoOIDC: "SSO_OIDC"
        }
    }

    /// The SigV4 signing name: the runtime signs as `bedrock`.
    public var signingName: String {
        switch self {
        case .sts: "sts"
        case .bedrock, .bedrockRuntime: "bedrock"
        case .sso: "awsssoportal"
        case .ssoOIDC: "sso-oauth"
        }
    }
}

public struct Endpoint: Sendable, Equatable {
    public let scheme: String
    public let host: String
    public let port: Int?
    /// A path prefix from an override URL (`http://127.0.0.1:5000/prefix`).
    public let basePath: String
}

/// Endpoint resolution as the SDKs do it: `AWS_ENDPOINT_URL_<SERVICE>`, then
/// `AWS_ENDPOINT_URL`, then the Region's public endpoint.
public struct Endpoints: Sendable {
    public let environment: [String: String]
    public init(environment: [String: String]) { self.environment = environment }

    public func endpoint(for service: AWSService, region: String) -> Endpoint {
        let ignore = (environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] ?? "").lowercased() == "true"
        if !ignore,
            let override = [
                environment["AWS_ENDPOINT_URL_" + service.endpointVariableSuffix], environment["AWS_ENDPOINT_URL"],
            ]
            .compactMap({ $0 }).first(where: { !$0.isEmpty }), let components = URLComponents(string: override),
            let host = components.host
        {
            var path = components.percentEncodedPath
            while path.hasSuffix("/") { path.removeLast() }
            return Endpoint(scheme: components.scheme ?? "https", host: host, port: components.port, basePath: path)
        }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        let host =
            switch service {
            case .sts: "sts.\(region).\(suffix)"
            case .bedrock: "bedrock.\(region).\(suffix)"
            case .bedrockRuntime: "bedrock-runtime.\(region).\(suffix)"
            case .sso: "portal.sso.\(region).\(suffix)"
            case .ssoOIDC: "oidc.\(region).\(suffix)"
            }
        return Endpoint(scheme: "https", host: host, port: nil, basePath: "")
    }

    public func isOverridden(_ service: AWSService) -> Bool {
        !(environment["AWS_ENDPOINT_URL_" + service.endpointVariableSuffix] ?? environment["AWS_ENDPOINT_URL"] ?? "")
            .isEmpty
    }
}
