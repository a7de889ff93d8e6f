import BedrockCore
import FoundationEssentials
import Glibc
import Logging

/// How a call proves who it is. Its description never shows a token.
public enum CallAuthorization: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    case sigV4(AWSCredentials)
    /// A Bedrock API key (`AWS_BEARER_TOKEN_BEDROCK`), sent instead of a signature.
    case bearer(String)
    /// An SSO portal call: the cached access token in `x-amz-sso_bearer_token`.
    case ssoBearer(String)
    case anonymous

    public var description: String {
        switch self {
        case .sigV4(let credentials): "SigV4 with \(credentials)"
        case .bearer(let token): "Bedrock API key \(Mask.tail(token))"
        case .ssoBearer: "SSO access token ****"
        case .anonymous: "anonymous"
        }
    }
    public var debugDescription: String { description }
}

/// Signs, sends, retries and turns error answers into `AWSFailure`s. Every AWS call goes
/// through `send`, so signing, endpoints and retry rules live in one place.
public struct AWSCaller: Sendable {
    public let transport: HTTPTransport
    public let endpoints: Endpoints
    public let timeouts: Timeouts
    public let maxAttempts: Int
    public let now: @Sendable () -> Date
    public let sleep: @Sendable (TimeInterval) async -> Void
    /// Every exchange at debug level: what was asked, of whom, and what came back. Never a
    /// header value or a body, which is where secrets travel.
    public let logger: Logger

    public init(
        transport: HTTPTransport, endpoints: Endpoints, timeouts: Timeouts = Timeouts(), maxAttempts: Int = 3,
        now: @escaping @Sendable () -> Date = Date.init,
        sleep: @escaping @Sendable (TimeInterval) async -> Void = {
            try? await Task.sleep(nanoseconds: UInt64($0 * 1e9))
        },
        logger: Logger = Logger(label: "bedrock-setup.aws")
    ) {
        self.transport = transport
        self.endpoints = endpoints
        self.timeouts = timeouts
        self.maxAttempts = maxAttempts
        self.now = now
        self.sleep = sleep
        self.logger = logger
    }

    public struct Call: Sendable {
        public var service: AWSService
        public var region: String
        public var operation: String
        public var method: String
        /// Percent-encoded path below the endpoint.
        public var path: String
        public var query: [(String, String)]
        public var headers: [(String, String)]
        public var body: [UInt8]

        public init(
            service: AWSService, region: String, operation: String, method: String = "GET", path: String,
            query: [(String, String)] = [], headers: [(String, String)] = [], body: [UInt8] = []
        ) {
            self.service = service
            self.region = region
            self.operation = operation
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }
    }

    /// The request as it will be sent, before authorization.
    public func request(for call: Call) -> HTTPRequest {
        let endpoint = endpoints.endpoint(for: call.service, region: call.region)
        let query = call.query.map { "\(SigV4.uriEncode($0.0))=\(SigV4.uriEncode($0.1))" }.joined(separator: "&")
        return HTTPRequest(
            method: call.method, scheme: endpoint.scheme, host: endpoint.host, port: endpoint.port,
            path: endpoint.basePath + call.path, query: query, headers: call.headers, body: call.body)
    }

    public func authorize(_ request: HTTPRequest, call: Call, with authorization: CallAuthorization) -> HTTPRequest {
        var request = request
        switch authorization {
        case .sigV4(let credentials):
            return SigV4.sign(
                request, credentials: credentials, region: call.region, service: call.service.signingName, date: now())
        case .bearer(let token):
            request.headers.append(("Authorization", "Bearer \(token)"))
        case .ssoBearer(let token):
            request.headers.append(("x-amz-sso_bearer_token", token))
        case .anonymous:
            break
        }
        return request
    }

    /// Sends a call; retries throttling and 5xx answers (only those) with jittered backoff.
    public func send(_ call: Call, authorization: CallAuthorization) async throws(AWSFailure) -> HTTPResponse {
        let unsigned = request(for: call)
        if case .sigV4 = authorization, let reason = Digest.unavailable {
            throw .transport(.other(detail: reason), service: call.service, operation: call.operation)
        }
        var attempt = 0
        while true {
            attempt += 1
            // Re-signed every attempt: the signature carries the time.
            let request = authorize(unsigned, call: call, with: authorization)
            logger.debug(
                "request",
                metadata: [
                    "operation": "\(call.operation)", "region": "\(call.region)", "attempt": "\(attempt)",
                    "url":
                        "\(unsigned.scheme)://\(unsigned.host)\(unsigned.port.map { ":\($0)" } ?? "")\(unsigned.path)\(unsigned.query.isEmpty ? "" : "?" + unsigned.query)",
                    "auth": "\(authorization)",
                ])
            let response: HTTPResponse
            do {
                response = try await transport.send(request, timeouts: timeouts)
            } catch let error as TransportError {
                logger.debug("transport failure", metadata: ["operation": "\(call.operation)", "error": "\(error)"])
                throw .transport(error, service: call.service, operation: call.operation)
            } catch {
                throw .transport(.cancelled, service: call.service, operation: call.operation)
            }
            if (200..<300).contains(response.status) {
                logger.debug("response", metadata: Self.logged(response, of: call))
                return response
            }
            let failure = AWSErrorResponse(response)
            logger.debug("response", metadata: Self.logged(response, of: call, error: failure.code ?? "-"))
            if attempt < maxAttempts, Self.isRetryable(failure) {
                let backoff = min(2.0, 0.1 * pow(2, Double(attempt - 1))) * Double.random(in: 0.5...1.0)
                await sleep(backoff)
                if Task.isCancelled { throw .transport(.cancelled, service: call.service, operation: call.operation) }
                continue
            }
            // This computer's time when the answer arrived, on the caller's clock: the skew is
            // measured against the answer's `Date`, not against whenever this line got to run.
            throw .service(
                failure, service: call.service, operation: call.operation,
                localDate: now().addingTimeInterval(-response.age))
        }
    }

    /// An answer as the log shows it; only built when the log is on (metadata is an autoclosure).
    static func logged(_ response: HTTPResponse, of call: Call, error: String? = nil) -> Logger.Metadata {
        var fields: Logger.Metadata = [
            "operation": "\(call.operation)", "status": "\(response.status)",
            "ms": "\(Int(response.elapsed * 1000))", "requestId": "\(response.header("x-amzn-RequestId") ?? "-")",
        ]
        if let error { fields["error"] = "\(error)" }
        return fields
    }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException",
        "RequestLimitExceeded", "ServiceUnavailableException",
    ]

    public static func isRetryable(_ error: AWSErrorResponse) -> Bool {
        error.status == 429 || error.status >= 500 || throttlingCodes.contains(error.code ?? "")
    }
}
