// Small text and path helpers the tool needs, written against the standard library so that no
// module has to use Foundation's CharacterSet, NSString or String(format:), which pull ICU
// (34 MB of data) and Foundation's internationalisation into the binary (docs/benchmarks.md).
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (what Foundation calls `.whitespaces`).
    public func trimmingSpaces() -> String {
        trimming { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// Without leading and trailing white space, line breaks included.
    public func trimmingWhitespace() -> String { trimming(\.properties.isWhitespace) }

    /// Padded with spaces, or cut, to exactly `width` characters (as Foundation's
    /// `padding(toLength:withPad: " ", startingAt: 0)` does for text without surrogate pairs).
    public func padded(to width: Int) -> String {
        count >= width ? String(prefix(width)) : String(self) + String(repeating: " ", count: width - count)
    }

    /// Lowercased, with accents off Latin letters ("São Paulo" → "sao paulo"), for type-to-search;
    /// from the standard library's Unicode data (Foundation's `folding` needs ICU).
    public func foldedForSearch() -> String {
        var out = String.UnicodeScalarView()
        for scalar in lowercased().unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            if let name = scalar.properties.name, name.hasPrefix("LATIN SMALL LETTER "), name.contains(" WITH "),
                let base = name.dropFirst("LATIN SMALL LETTER ".count).split(separator: " ").first, base.count == 1,
                let letter = base.lowercased().unicodeScalars.first
            {
                out.append(letter)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Right-aligned in `width` characters, with spaces in front ("%5s").
    public func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: Swift.max(0, width - count)) + self
    }

    private func trimming(_ drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }), let last = scalars.lastIndex(where: { !drop($0) })
        else { return "" }
        return String(Substring(scalars[first...last]))
    }
}

extension String {
    /// Every `target` replaced, matched scalar by scalar: what a shell or a file sees, where a quote
    /// followed by a combining mark is still a quote (Swift's `replacing` compares whole Characters).
    public func replacingEvery(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = startIndex
        while let found = scalarRange(of: target, from: rest) {
            out.unicodeScalars.append(contentsOf: unicodeScalars[rest..<found.lowerBound])
            out += replacement
            rest = found.upperBound
        }
        out.unicodeScalars.append(contentsOf: unicodeScalars[rest...])
        return out
    }

    /// Whether `target` occurs, matched scalar by scalar: a "[" followed by a combining mark is
    /// still a "[" to an INI parser or a shell, though Swift's `contains` sees another Character.
    public func containsScalars(_ target: String) -> Bool { scalarRange(of: target) != nil }

    /// The first `target` at or after `start`, matched scalar by scalar (so "\n" is found inside
    /// "\r\n", as NSString's search finds it). Slice with `unicodeScalars`, not `self`: the bounds
    /// need not fall between Characters.
    ///
    /// Two scalar sequences are equal exactly when their UTF-8 bytes are, and a match can only start on a
    /// scalar's lead byte, so this is a byte search. (The generic `firstRange(of:)` it replaces cost about
    /// 45,000 instructions a call, a twentieth of an offline doctor's start-up: docs/benchmarks.md.)
    public func scalarRange(of target: String, from start: Index? = nil) -> Range<Index>? {
        let from = start ?? startIndex
        var needle = target.utf8.makeIterator()
        guard let first = needle.next() else { return from..<from }
        let bytes = utf8
        var index = from
        while index < bytes.endIndex {
            if bytes[index] == first {
                var probe = bytes.index(after: index)
                var rest = needle
                var matched = true
                while let byte = rest.next() {
                    guard probe < bytes.endIndex, bytes[probe] == byte else {
                        matched = false
                        break
                    }
                    bytes.formIndex(after: &probe)
                }
                if matched { return index..<probe }
            }
            bytes.formIndex(after: &index)
        }
        return nil
    }
}

/// Path arithmetic on plain strings, as `NSString`'s path methods do it for absolute POSIX paths.
public enum PathText {
    /// The last component: "/a/b/c" → "c", "/a/b/" → "b".
    public static func lastComponent(_ path: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return slash == trimmed.startIndex && trimmed.count == 1 ? "/" : String(trimmed[trimmed.index(after: slash)...])
    }

    /// "~" and "~/…" with the home folder ($HOME) in front; any other path unchanged.
    public static func expandingTilde(_ path: String, home: String? = ProcessInfo.processInfo.environment["HOME"])
        -> String
    {
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
    }

    /// Without `.` components, repeated and trailing slashes, and with each `..` taking away the
    /// component before it (as `NSString.standardizingPath` does for absolute paths, symlinks untouched).
    public static func standardized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part != ".." || !path.hasPrefix("/") {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : joined
    }

    /// Symbolic links resolved when every component exists (`realpath`), else the path as given; then
    /// standardized. What Foundation's `URL.resolvingSymlinksInPath()` gives for an absolute path, without
    /// its set-up on each call (0.1 M instructions, four calls in every offline doctor: docs/benchmarks.md).
    public static func resolvingSymlinks(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return standardized(path) }
        defer { free(real) }
        return standardized(String(cString: real))
    }

    /// `component` under `folder` ("a/b" + "c" → "a/b/c"); an absolute `component` stands alone.
    public static func joined(_ folder: String, _ component: String) -> String {
        component.hasPrefix("/") || folder.isEmpty
            ? component : (folder.hasSuffix("/") ? folder : folder + "/") + component
    }

    /// The path without its last component: "/a/b/c" → "/a/b", "/a" → "/", "c" → "".
    public static func parent(_ path: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// An absolute path without ".", "..", or doubled slashes, as `NSString.standardizingPath` gives
    /// it (symbolic links are left as they are): "/a/./b/../c//d" → "/a/c/d".
    public static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }
}

extension BinaryInteger {
    /// Decimal digits, left-padded with zeros to `width` ("%0Nd").
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(self.magnitude)
        return (self < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Hexadecimal digits, left-padded with zeros to `width` ("%0Nx" or, uppercase, "%0NX").
    public func hexPadded(_ width: Int, uppercase: Bool = false) -> String {
        let digits = String(self, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension Double {
    /// Fixed-point text with `digits` decimals, rounded half away from zero ("%.Nf").
    public func fixed(_ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(self) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 1e18 else { return String(self) }
        let units = UInt64(scaled)
        let whole = units / UInt64(scale)
        let fraction = units % UInt64(scale)
        let sign = self < 0 && units != 0 ? "-" : ""
        return sign + String(whole) + (digits > 0 ? "." + fraction.zeroPadded(digits) : "")
    }
}

/// Dates as text through the C library (strftime, strptime), in the POSIX locale; ISO 8601 goes
/// through FoundationEssentials' `Date.ISO8601FormatStyle`.
public enum TimeText {
    /// `strftime` of `date` in UTC or in the local time zone (TZ), e.g. "%Y-%m-%d %H:%M %Z".
    public static func format(_ date: Date, _ pattern: String, utc: Bool) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        _ = utc ? gmtime_r(&seconds, &parts) : localtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 128)
        let length = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// An HTTP date (RFC 7231 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"); nil if it is not one.
    public static func parseHTTPDate(_ text: String) -> Date? {
        let words = text.split(separator: " ")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard words.count == 6, words[0].hasSuffix(","), words[5] == "GMT", let day = Int32(words[1]),
            let year = Int32(words[3]),
            let month = months.firstIndex(of: String(words[2]))
        else { return nil }
        let clock = words[4].split(separator: ":").compactMap { Int32($0) }
        guard clock.count == 3, (1...31).contains(day), (0...23).contains(clock[0]), (0...59).contains(clock[1]),
            (0...60).contains(clock[2])
        else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = Int32(month)
        parts.tm_mday = day
        parts.tm_hour = clock[0]
        parts.tm_min = clock[1]
        parts.tm_sec = clock[2]
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    /// ISO 8601 with or without fractional seconds ("2026-11-24T20:00:00Z", "…:00.123Z", "…+01:00").
    public static func parseISO8601(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }

    /// "2026-11-24T20:00:00Z".
    public static func iso8601(_ date: Date) -> String { date.formatted(.iso8601) }
}
