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

    /// Every spelling botocore reads (it hands the value to dateutil): ISO 8601 with `Z`, an
    /// offset, the older `UTC` suffix or no zone at all (UTC), with or without fractional
    /// seconds; and RFC 1123 (`Tue, 01 Jan 2099 00:00:00 GMT`).
    static func parseDate(_ raw: String) -> Date? {
        var text = raw.trimmingSpaces()
        if text.hasSuffix("UTC"), !text.contains(",") { text = String(text.dropLast(3)).trimmingSpaces() + "Z" }
        // "2099-01-01 00:00:00+00:00" is ISO 8601 with a space for the T.
        if let match = text.wholeMatch(of: /(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?/) {
            let (_, day, clock, zone) = match.output
            if let zone { return TimeText.parseISO8601("\(day)T\(clock)\(zone)") }
            // No zone at all: dateutil leaves it naive and botocore compares it as UTC.
            return TimeText.parseISO8601("\(day)T\(clock)Z")
        }
        // RFC 1123 ("Tue, 01 Jan 2099 00:00:00 GMT"), with GMT, UTC or a zero offset.
        for zone in [" UTC", " +0000", " -0000", " Z"] where text.hasSuffix(zone) {
            text = String(text.dropLast(zone.count)) + " GMT"
        }
        return TimeText.parseHTTPDate(text)
    }
}
