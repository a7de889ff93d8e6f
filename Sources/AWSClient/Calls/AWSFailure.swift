import BedrockCore
import FoundationEssentials
import Glibc

/// An AWS error answer, parsed from any of the protocols these services speak
/// (STS's XML, Bedrock's and the SSO portal's JSON with `x-amzn-ErrorType`).
public struct AWSErrorResponse: Sendable, Equatable {
    public let status: Int
    public let code: String?
    public let message: String?
    /// The response's `Date` header, for measuring clock skew.
    public let serverDate: Date?

    public init(status: Int, code: String?, message: String?, serverDate: Date?) {
        self.status = status
        self.code = code
        self.message = message
        self.serverDate = serverDate
    }

    public init(_ response: HTTPResponse) {
        var code: String?
        var message: String?
        if let type = response.header("x-amzn-ErrorType") {
            code = Self.bareCode(String(type.split(separator: ":").first ?? Substring(type)))
        }
        let text = response.text
        if text.hasPrefix("<") || text.contains("<ErrorResponse") || text.contains("<Error>") {
            let xml = XMLAnswer(response.body)
            code = code ?? xml?.value("Error/Code").map(Self.bareCode)
            message = xml?.value("Error/Message")
        } else if let json = JSONValue.native(from: response.body) as? [String: Any] {
            // SSO OIDC answers with OAuth's `error` / `error_description` fields.
            message = (json["message"] ?? json["Message"] ?? json["error_description"]) as? String
            if code == nil, let type = (json["__type"] ?? json["code"] ?? json["Code"] ?? json["error"]) as? String {
                code = Self.bareCode(type)
            }
        }
        self.init(
            status: response.status, code: code, message: message,
            serverDate: response.header("Date").flatMap(Self.parseHTTPDate))
    }

    /// `com.amazon.coral.service#ThrottlingException` → `ThrottlingException`.
    static func bareCode(_ code: String) -> String { String(code.split(separator: "#").last ?? Substring(code)) }

    static func parseHTTPDate(_ text: String) -> Date? {
        TimeText.parseHTTPDate(text)
    }
}

/// Everything that can go wrong on the way to an answer, before the classifier names it.
public enum AWSFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case service(AWSErrorResponse, service: AWSService, operation: String, localDate: Date)
    case transport(TransportError, service: AWSService, operation: String)
    case credentials(CredentialError)
    case malformedResponse(service: AWSService, operation: String, detail: String)

    public var description: String {
        switch self {
        case .service(let error, let service, let operation, _):
            "\(service.rawValue) \(operation): HTTP \(error.status) \(error.code ?? "") \(error.message ?? "")"
        case .transport(let error, let service, let operation): "\(service.rawValue) \(operation): \(error)"
        case .credentials(let error): "\(error)"
        case .malformedResponse(let service, let operation, let detail): "\(service.rawValue) \(operation): \(detail)"
        }
    }
}
