import BedrockCore
import FoundationEssentials
import Glibc

public struct HTTPResponse: Sendable {
    public let status: Int
    public let headers: [(String, String)]
    public let body: [UInt8]
    /// Seconds from the start of the transfer to its last byte.
    public let elapsed: TimeInterval
    /// When the last byte arrived, on the monotonic clock: what the answer's `Date` is compared
    /// with, however long the caller takes to get to it (a busy thread pool can take seconds).
    public let arrived: ContinuousClock.Instant

    public init(
        status: Int, headers: [(String, String)], body: [UInt8], elapsed: TimeInterval,
        arrived: ContinuousClock.Instant = .now
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.elapsed = elapsed
        self.arrived = arrived
    }

    /// Seconds since the answer arrived.
    public var age: TimeInterval {
        let since = ContinuousClock.now - arrived
        return TimeInterval(since.components.seconds) + TimeInterval(since.components.attoseconds) / 1e18
    }

    public func header(_ name: String) -> String? {
        headers.last { $0.0.lowercased() == name.lowercased() }?.1
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Why a request got no HTTP answer at all.
public enum TransportError: Error, Equatable, Sendable, CustomStringConvertible {
    case dnsFailure(host: String)
    case connectionRefused(host: String)
    case connectFailed(host: String, detail: String)
    case tlsFailure(host: String, detail: String)
    case proxyFailure(detail: String)
    case timedOut(host: String, seconds: Double)
    case connectionDropped(host: String, detail: String)
    /// The answer's body or headers went over the transport's cap; the transfer was stopped.
    case responseTooLarge(host: String, part: String, limit: Int)
    case cancelled
    case other(detail: String)

    public var description: String {
        switch self {
        case .dnsFailure(let host): "\(host) could not be resolved (DNS)"
        case .connectionRefused(let host): "\(host) refused the connection"
        case .connectFailed(let host, let detail): "could not connect to \(host): \(detail)"
        case .tlsFailure(let host, let detail): "TLS with \(host) failed: \(detail)"
        case .proxyFailure(let detail): "the proxy failed: \(detail)"
        case .timedOut(let host, let seconds): "\(host) did not answer within \(seconds.fixed(1)) s"
        case .connectionDropped(let host, let detail): "\(host) dropped the connection: \(detail)"
        case .responseTooLarge(let host, let part, let limit): "\(host) sent \(part) larger than \(limit >> 10) KB"
        case .cancelled: "cancelled"
        case .other(let detail): detail
        }
    }
}

public struct Timeouts: Sendable, Equatable {
    public var connect: TimeInterval
    public var total: TimeInterval
    public init(connect: TimeInterval = 5, total: TimeInterval = 20) {
        self.connect = connect
        self.total = total
    }
}

/// Sends one request. Implementations must allow many requests in flight at once.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, timeouts: Timeouts) async throws -> HTTPResponse
}
