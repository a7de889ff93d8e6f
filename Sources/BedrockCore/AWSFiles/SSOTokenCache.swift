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

/// One cached sign-in: the access token and, for `sso-session` profiles, what it takes to
/// refresh it without the person (the refresh token and the client registration). Never
/// printed: its description shows no secret.
public struct SSOToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessToken: String
    public var expiresAt: Date
    public var region: String?
    public var startURL: String?
    public var refreshToken: String?
    public var clientId: String?
    public var clientSecret: String?
    public var registrationExpiresAt: Date?

    public init(
        accessToken: String, expiresAt: Date, region: String?, startURL: String?, refreshToken: String? = nil,
        clientId: String? = nil, clientSecret: String? = nil, registrationExpiresAt: Date? = nil
    ) {
        self.accessToken = accessToken
        self.expiresAt = expiresAt
        self.region = region
        self.startURL = startURL
        self.refreshToken = refreshToken
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.registrationExpiresAt = registrationExpiresAt
    }

    /// The JS SDK (Claude Code's) treats a token as expired 5 minutes early (`EXPIRE_WINDOW_MS`);
    /// botocore refreshes 15 minutes early. This tool uses the JS SDK's margin.
    public static let refreshMargin: TimeInterval = 5 * 60

    public func needsRefresh(now: Date) -> Bool { expiresAt.timeIntervalSince(now) <= Self.refreshMargin }

    /// A refresh (CreateToken, grant refresh_token) can only work with a refresh token and a
    /// client registration that has not expired.
    public func canRefresh(now: Date) -> Bool {
        guard refreshToken != nil, clientId != nil, clientSecret != nil, let registration = registrationExpiresAt else {
            return false
        }
        return registration > now
    }

    public var description: String {
        "SSOToken(expiresAt: \(SSOTokenCache.timestamp(expiresAt)), refreshable: \(refreshToken != nil), region: \(region ?? "-"))"
    }
    public var debugDescription: String { description }
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
            let expires = json["expiresAt"]?.stringValue.flatMap(Self.parseDate)
        else { return nil }
        return SSOToken(
            accessToken: access, expiresAt: expires, region: json["region"]?.stringValue,
            startURL: json["startUrl"]?.stringValue, refreshToken: json["refreshToken"]?.stringValue,
            clientId: json["clientId"]?.stringValue, clientSecret: json["clientSecret"]?.stringValue,
            registrationExpiresAt: json["registrationExpiresAt"]?.stringValue.flatMap(Self.parseDate))
    }

    public func status(forKey key: String, now: Date) -> SSOTokenStatus {
        let path = path(forKey: key)
        let text: String?
        do { text = try TextFile.read(path) } catch { return .unreadable(path: path, reason: error.message) }
        guard let text else { return .missing(path: path) }
        guard let json = try? JSONParser.parse(text) else { return .unreadable(path: path, reason: "not JSON") }
        guard json["accessToken"]?.stringValue != nil, let raw = json["expiresAt"]?.stringValue,
            let expires = Self.parseDate(raw)
        else {
            return .unreadable(path: path, reason: "no accessToken or expiresAt")
        }
        if expires <= now { return .expired(expiresAt: expires, path: path) }
        if expires.timeIntervalSince(now) < Self.expiryWindow { return .expiringSoon(expiresAt: expires, path: path) }
        return .valid(expiresAt: expires, path: path)
    }

    /// The file's text exactly as the AWS CLI v2 writes it (`json.dumps` of the token, keys in
    /// its order, times as `%Y-%m-%dT%H:%M:%SZ`), so botocore and the JS SDK read it and refresh it.
    public static func text(of token: SSOToken) -> String {
        var members: [(String, String)] = []
        if let startURL = token.startURL { members.append(("startUrl", startURL)) }
        if let region = token.region { members.append(("region", region)) }
        members.append(("accessToken", token.accessToken))
        members.append(("expiresAt", timestamp(token.expiresAt)))
        if let clientId = token.clientId { members.append(("clientId", clientId)) }
        if let clientSecret = token.clientSecret { members.append(("clientSecret", clientSecret)) }
        if let registration = token.registrationExpiresAt {
            members.append(("registrationExpiresAt", timestamp(registration)))
        }
        if let refreshToken = token.refreshToken { members.append(("refreshToken", refreshToken)) }
        return "{" + members.map { JSONValue.quote($0.0) + ": " + JSONValue.quote($0.1) }.joined(separator: ", ") + "}"
    }

    /// Writes the token as `aws sso login` does: folder 0700 when it creates it, file 0600,
    /// atomically (temp file, fsync, rename), so a reader sees the old token or the new, never half.
    /// No backup: an old token is worthless and a copy would be one more file holding a secret.
    public func write(_ token: SSOToken, forKey key: String) throws(SetupError) {
        let target = path(forKey: key)
        try FileWriter.makeFolder(directory)
        let real = try FileWriter.resolve(target)
        FileWriter.removeStrayTemps(beside: real)
        try FileWriter.atomicWrite(Self.text(of: token), to: real, mode: 0o600)
    }

    public static func timestamp(_ date: Date) -> String { TimeText.iso8601(date) }

    /// Every spelling botocore reads (it hands the value to dateutil): ISO 8601 with `Z`, an
    /// offset, the older `UTC` suffix or no zone at all (UTC), with or without fractional
    /// seconds; and RFC 1123 (`Tue, 01 Jan 2099 00:00:00 GMT`).
    public static func parseDate(_ raw: String) -> Date? {
        var text = raw.trimmingSpaces()
        if text.hasSuffix("UTC"), !text.contains(",") { text = String(text.dropLast(3)).trimmingSpaces() + "Z" }
        // "2099-01-01 00:00:00+00:00" is ISO 8601 with a space for the T.
        if let match = text.wholeMatch(of: /(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?/)
        {
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
