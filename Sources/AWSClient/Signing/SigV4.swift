import BedrockCore
import FoundationEssentials
import Glibc

/// AWS credentials. `description` masks the secret parts, so string interpolation of a value
/// of this type can never leak them.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public let accessKeyId: String
    public let secretAccessKey: String
    public let sessionToken: String?
    public let expiration: Date?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    public var description: String {
        "AWSCredentials(\(accessKeyId), secret: ****, sessionToken: \(sessionToken == nil ? "none" : "****"))"
    }
    public var debugDescription: String { description }
}

/// An HTTP request as it goes on the wire: `path` and `query` are already percent-encoded.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var scheme: String
    public var host: String
    public var port: Int?
    public var path: String
    public var query: String
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(
        method: String, scheme: String = "https", host: String, port: Int? = nil, path: String, query: String = "",
        headers: [(String, String)] = [], body: [UInt8] = []
    ) {
        self.method = method
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.map { "\($0.0):\($0.1)" } == rhs.headers.map { "\($0.0):\($0.1)" }
    }

    /// The Host header value: the port only when it is not the scheme's default.
    public var hostHeader: String {
        guard let port, !(scheme == "https" && port == 443), !(scheme == "http" && port == 80) else { return host }
        return "\(host):\(port)"
    }

    public var url: String { "\(scheme)://\(hostHeader)\(path)\(query.isEmpty ? "" : "?" + query)" }

    public func header(_ name: String) -> String? {
        headers.last { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// Signature Version 4, as pure functions of the request, the credentials and the date.
public enum SigV4 {
    public struct Options: Sendable {
        /// Remove `.`/`..` and repeated slashes from the path (every service but S3).
        public var normalizePath = true
        /// Add `x-amz-content-sha256` (services that want it; the test suite's `sign_body`).
        public var addContentHashHeader = false
        /// Sign `X-Amz-Security-Token`; false adds it after signing (the suite's `omit_session_token`).
        public var signSessionToken = true
        public init() {}
    }

    public static func amzDate(_ date: Date) -> String { format(date, "yyyyMMdd'T'HHmmss'Z'") }
    public static func shortDate(_ date: Date) -> String { format(date, "yyyyMMdd") }

    private static func format(_ date: Date, _ pattern: String) -> String {
        // Computed by hand: DateFormatter is slow to build and this runs on every request.
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds.floorDiv(86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let datePart = year.zeroPadded(4) + month.zeroPadded(2) + day.zeroPadded(2)
        guard pattern.count > 8 else { return datePart }
        return datePart + "T" + (secondOfDay / 3600).zeroPadded(2) + (secondOfDay % 3600 / 60).zeroPadded(2)
            + (secondOfDay % 60).zeroPadded(2) + "Z"
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = z.floorDiv(146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static let unreserved: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8))

    /// RFC 3986 percent-encoding of everything but the unreserved characters (and `/` if asked).
    public static func uriEncode(_ text: String, keepSlash: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if unreserved.contains(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.unicodeScalars.append(UnicodeScalar(byte))
            } else {
                out += "%" + byte.hexPadded(2, uppercase: true)
            }
        }
        return out
    }

    /// The canonical URI: the path as sent, normalized where asked, then encoded once more.
    /// Encoding the already-encoded path is the "double encoding" every non-S3 service expects
    /// (a model ID's `%3A` becomes `%253A`).
    public static func canonicalURI(_ path: String, normalize: Bool) -> String {
        var working = path.isEmpty ? "/" : path
        if normalize {
            var stack: [Substring] = []
            for segment in working.split(separator: "/", omittingEmptySubsequences: true) {
                if segment == "." { continue }
                if segment == ".." {
                    _ = stack.popLast()
                    continue
                }
                stack.append(segment)
            }
            // As botocore does it: a trailing slash survives only where the path ended in one.
            let trailing = working.hasSuffix("/")
            working = "/" + stack.joined(separator: "/")
            if trailing, working != "/" { working += "/" }
        }
        return uriEncode(working, keepSlash: true)
    }

    /// `%XX` sequences decoded; nil if one is malformed or the result is not UTF-8 (as Foundation's
    /// `removingPercentEncoding`, which is not in FoundationEssentials).
    static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Keys and values decoded, re-encoded strictly, sorted by key then value.
    public static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: true).map { part -> (String, String) in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = percentDecoded(pieces[0]) ?? String(pieces[0])
            let value = pieces.count > 1 ? (percentDecoded(pieces[1]) ?? String(pieces[1])) : ""
            return (uriEncode(key), uriEncode(value))
        }
        return pairs.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// Lower-cased names, sorted; values trimmed, inner runs of white space (and folded lines)
    /// collapsed to one space; repeated headers joined with commas in their original order.
    public static func canonicalHeaders(_ headers: [(String, String)]) -> (canonical: String, signed: String) {
        var grouped: [String: [String]] = [:]
        for (name, value) in headers {
            let collapsed = value.split(whereSeparator: {
                $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n"
            })
            .joined(separator: " ")
            grouped[name.lowercased(), default: []].append(collapsed)
        }
        let names = grouped.keys.sorted()
        let canonical = names.map { "\($0):\(grouped[$0, default: []].joined(separator: ","))\n" }.joined()
        return (canonical, names.joined(separator: ";"))
    }

    public static func payloadHash(_ body: [UInt8]) -> String { Digest.hex(Digest.sha256(body)) }

    public static func canonicalRequest(_ request: HTTPRequest, options: Options = Options()) -> String {
        let (headers, signed) = canonicalHeaders(request.headers)
        return [
            request.method, canonicalURI(request.path, normalize: options.normalizePath), canonicalQuery(request.query),
            headers, signed, request.header("x-amz-content-sha256") ?? payloadHash(request.body),
        ].joined(separator: "\n")
    }

    public static func scope(date: Date, region: String, service: String) -> String {
        "\(shortDate(date))/\(region)/\(service)/aws4_request"
    }

    public static func stringToSign(canonicalRequest: String, date: Date, region: String, service: String) -> String {
        [
            "AWS4-HMAC-SHA256", amzDate(date), scope(date: date, region: region, service: service),
            Digest.hex(Digest.sha256(Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")
    }

    public static func signingKey(secret: String, date: Date, region: String, service: String) -> [UInt8] {
        let dateKey = Digest.hmacSHA256(key: Array(("AWS4" + secret).utf8), data: Array(shortDate(date).utf8))
        let regionKey = Digest.hmacSHA256(key: dateKey, data: Array(region.utf8))
        let serviceKey = Digest.hmacSHA256(key: regionKey, data: Array(service.utf8))
        return Digest.hmacSHA256(key: serviceKey, data: Array("aws4_request".utf8))
    }

    /// Every intermediate value of one signing, for tests and for `--debug-signing`.
    public struct Signing: Sendable {
        public let request: HTTPRequest
        public let canonicalRequest: String
        public let stringToSign: String
        public let signature: String
    }

    /// The request with `Host`, `X-Amz-Date`, the session token and `Authorization` added.
    public static func sign(
        _ request: HTTPRequest, credentials: AWSCredentials, region: String, service: String, date: Date,
        options: Options = Options()
    ) -> HTTPRequest {
        signing(request, credentials: credentials, region: region, service: service, date: date, options: options)
            .request
    }

    public static func signing(
        _ request: HTTPRequest, credentials: AWSCredentials, region: String, service: String, date: Date,
        options: Options = Options()
    ) -> Signing {
        var signed = request
        if signed.header("host") == nil { signed.headers.append(("Host", request.hostHeader)) }
        signed.headers.removeAll { $0.0.lowercased() == "x-amz-date".lowercased() }
        signed.headers.append(("X-Amz-Date", amzDate(date)))
        if options.addContentHashHeader, signed.header("x-amz-content-sha256") == nil {
            signed.headers.append(("x-amz-content-sha256", payloadHash(request.body)))
        }
        if let token = credentials.sessionToken, options.signSessionToken {
            signed.headers.append(("X-Amz-Security-Token", token))
        }
        let canonical = canonicalRequest(signed, options: options)
        let toSign = stringToSign(canonicalRequest: canonical, date: date, region: region, service: service)
        let signature = Digest.hex(
            Digest.hmacSHA256(
                key: signingKey(secret: credentials.secretAccessKey, date: date, region: region, service: service),
                data: Array(toSign.utf8)))
        let signedHeaders = canonicalHeaders(signed.headers).signed
        signed.headers.append(
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope(date: date, region: region, service: service)), "
                    + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
            ))
        if let token = credentials.sessionToken, !options.signSessionToken {
            signed.headers.append(("X-Amz-Security-Token", token))
        }
        return Signing(request: signed, canonicalRequest: canonical, stringToSign: toSign, signature: signature)
    }
}

extension Int {
    fileprivate func floorDiv(_ divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
