import FoundationEssentials
import Glibc

/// The state of a cached IAM Identity Center token, as `aws sso login` leaves it in
/// `~/.aws/sso/cache/SHA1(session-name or start-url).json`.
public enum SSOTokenStatus: Equatable, Sendable {
    case valid(expiresAt: Date, path: String)
    /// Under 15 minutes left: botocore treats it as expiring and refreshes or fails.
    case expiringSoon(expiresAt: Date, path: String)
    case expired(expiresAt: Date, path: String)
    case missing(path: String)
    case unreadable(path: String, reason: String)

    public var isUsable: Bool {
        switch self {
        case .valid, .expiringSoon: true
        default: false
        }
    }
}

public struct SSOToken: Sendable {
    public let accessToken: String
    public let expiresAt: Date
    public let region: String?
    public let startURL: String?
}

public struct SSOTokenCache: Sendable {
    public static let expiryWindow: TimeInterval = 15 * 60

    public let directory: String
    /// SHA-1 of the key, as lower-case hex; injected because the core has no crypto of its own.
    public let sha1Hex: @Sendable (String) -> String

    public init(directory: String, sha1Hex: @escaping @Sendable (String) -> String) {
        self.directory = directory
        self.sha1Hex = sha1Hex
    }

    public func path(forKey key: String) -> String { directory + "/" + sha1Hex(key) + ".json" }

    public func token(forKey key: String) -> SSOToken? {
        guard let text = (try? TextFile.read(path(forKey: key))) ?? nil, let json = try? JSONParser.parse(text),
              let access = json["accessToken"]?.stringValue,
              let expires = json["expiresAt"]?.stringValue.flatMap(Self.parseDate) else { return nil }
        return SSOToken(accessToken: access, expiresAt: expires, region: json["region"]?.stringValue,
                        startURL: json["startUrl"]?.stringValue)
    }

    public func status(forKey key: String, now: Date) -> SSOTokenStatus {
        let path = path(forKey: key)
        let text: String?
        do { text = try TextFile.read(path) } catch { return .unreadable(path: path, reason: error.message) }
        guard let text else { return .missing(path: path) }
        guard let json = try? JSONParser.parse(text) else { return .unreadable(path: path, reason: "not JSON") }
        guard json["accessToken"]?.stringValue != nil, let raw = json["expiresAt"]?.stringValue, let expires = Self.parseDate(raw) else {
            return .unreadable(path: path, reason: "no accessToken or expiresAt")
        }
        if expires <= now { return .expired(expiresAt: expires, path: path) }
        if expires.timeIntervalSince(now) < Self.expiryWindow { return .expiringSoon(expiresAt: expires, path: path) }
        return .valid(expiresAt: expires, path: path)
    }

    /// `2026-11-24T20:00:00Z`, with optional fractional seconds, or the older `…UTC` spelling.
    static func parseDate(_ raw: String) -> Date? {
        let text = raw.hasSuffix("UTC") ? String(raw.dropLast(3)) + "Z" : raw
        return TimeText.parseISO8601(text)
    }
}
