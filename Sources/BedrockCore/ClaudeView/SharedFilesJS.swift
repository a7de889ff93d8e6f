import FoundationEssentials

/// One AWS profile as an SDK reads it: its settings merged from both files, each with the file
/// and line it came from.
public struct SDKProfile: Sendable, Equatable {
    public let name: String
    public let settings: [String: Sourced<String>]

    public func value(_ key: String) -> String? { settings[key].flatMap { $0.value.isEmpty ? nil : $0.value } }
    public func has(_ key: String) -> Bool { value(key) != nil }
}

/// A construct in the shared files that botocore (the AWS CLI, boto3) reads differently from
/// the JS SDK (Claude Code): worth a line in doctor, because it is why "the CLI works but Claude
/// Code doesn't" (facts page §4, §7).
public struct SharedFileNote: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    /// 1-based; 0 for the file as a whole.
    public let line: Int
    public let text: String

    public var description: String { line > 0 ? "\(path) line \(line): \(text)" : "\(path): \(text)" }
}

/// The AWS shared config and credentials files read with the JS SDK v3's rules, which Claude Code
/// uses: smithy `parseIni` (section names, `=` only, case-sensitive keys, ` #`/` ;` comments
/// stripped, indented sub-sections, later duplicates win), `getConfigData` (`[profile default]`
/// over `[default]`) and `mergeConfigFiles` (credentials over config, key by key).
public struct SharedFilesJS: Sendable {
    public let configPath: String
    public let credentialsPath: String
    public let profiles: [String: SDKProfile]
    public let ssoSessions: [String: [String: String]]
    /// Constructs botocore reads differently, with their lines.
    public let notes: [SharedFileNote]
    public let problems: [SetupError]

    public func profile(_ name: String) -> SDKProfile? { profiles[name] }

    /// Reads both files; a missing file is empty (as in the SDK); an unreadable one is a problem.
    public static func read(configPath: String, credentialsPath: String) -> SharedFilesJS {
        var problems: [SetupError] = []
        func text(_ path: String) -> String? {
            do { return try TextFile.readKeepingBOM(path) } catch {
                problems.append(error)
                return nil
            }
        }
        let files = SharedFilesJS(
            configText: text(configPath), credentialsText: text(credentialsPath), configPath: configPath,
            credentialsPath: credentialsPath)
        return SharedFilesJS(
            configPath: configPath, credentialsPath: credentialsPath, profiles: files.profiles,
            ssoSessions: files.ssoSessions, notes: files.notes, problems: problems)
    }

    private init(
        configPath: String, credentialsPath: String, profiles: [String: SDKProfile],
        ssoSessions: [String: [String: String]],
        notes: [SharedFileNote], problems: [SetupError]
    ) {
        self.configPath = configPath
        self.credentialsPath = credentialsPath
        self.profiles = profiles
        self.ssoSessions = ssoSessions
        self.notes = notes
        self.problems = problems
    }

    public init(configText: String?, credentialsText: String?, configPath: String, credentialsPath: String) {
        self.configPath = configPath
        self.credentialsPath = credentialsPath
        problems = []
        let config = configText.map { JSIni.parse($0, path: configPath, isConfig: true) } ?? .empty
        let credentials = credentialsText.map { JSIni.parse($0, path: credentialsPath, isConfig: false) } ?? .empty

        // getConfigData: `default`, then `profile NAME` sections by name (so `[profile default]`
        // replaces `[default]`), sso-session and services sections kept under their prefix.
        var configProfiles: [String: [String: Sourced<String>]] = [:]
        if let defaultSection = config.sections["default"] { configProfiles["default"] = defaultSection }
        for name in config.order {
            guard let dot = name.firstIndex(of: "."), name[..<dot] == "profile" else { continue }
            configProfiles[String(name[name.index(after: dot)...])] = config.sections[name]
        }
        var merged = configProfiles
        for name in credentials.order {
            merged[name, default: [:]].merge(credentials.sections[name] ?? [:]) { $1 }
        }
        profiles = merged.reduce(into: [:]) { $0[$1.key] = SDKProfile(name: $1.key, settings: $1.value) }
        ssoSessions = config.order.reduce(into: [:]) { result, name in
            guard name.hasPrefix("sso-session.") else { return }
            result[String(name.dropFirst("sso-session.".count))] = (config.sections[name] ?? [:]).mapValues(\.value)
        }
        var notes = config.notes + credentials.notes
        if config.sections["default"] != nil, config.sections["profile.default"] != nil {
            notes.append(
                SharedFileNote(
                    path: configPath, line: config.firstLine["profile.default"] ?? 0,
                    text:
                        "both [default] and [profile default]: Claude Code (JS SDK) uses [profile default] only; the AWS CLI uses whichever comes last"
                ))
        }
        self.notes = notes
    }
}

extension TextFile {
    /// The file's text with a leading byte-order mark kept (Foundation drops it when decoding):
    /// the SDKs disagree about it, so the readers must see it.
    public static func readKeepingBOM(_ path: String) throws(SetupError) -> String? {
        guard let text = try read(path) else { return nil }
        guard !text.hasPrefix("\u{FEFF}"), let data = FileManager.default.contents(atPath: path) else { return text }
        return data.starts(with: [0xEF, 0xBB, 0xBF]) ? "\u{FEFF}" + text : text
    }
}

/// smithy-typescript `parseIni`, line for line in behaviour, plus the notes on where botocore's
/// configparser reads the same bytes differently.
enum JSIni {
    struct Parsed {
        var sections: [String: [String: Sourced<String>]] = [:]
        var order: [String] = []
        var firstLine: [String: Int] = [:]
        var notes: [SharedFileNote] = []
        static let empty = Parsed()
    }

    static let sectionTypes: Set<String> = ["profile", "sso-session", "services"]
    /// JS `String.prototype.trim` also removes U+FEFF (a byte-order mark).
    static func jsTrim<S: StringProtocol>(_ text: S) -> String {
        let scalars = String(text).unicodeScalars
        let space = { (scalar: Unicode.Scalar) in scalar.properties.isWhitespace || scalar == "\u{FEFF}" }
        guard let first = scalars.firstIndex(where: { !space($0) }), let last = scalars.lastIndex(where: { !space($0) })
        else { return "" }
        return String(Substring(scalars[first...last]))
    }
    /// smithy's `prefixKeyRegex`, `^([\w-]+)\s(["'])?([\w-@\+\.%:/]+)\2$`, matched by hand: a `Regex` is parsed
    /// at each first use, and this one cost an offline doctor 3.5 M instructions (docs/benchmarks.md). The tests
    /// compare it with the pattern on generated headers. Returns (prefix, name).
    static func prefixedName(_ inner: String) -> (prefix: Substring, name: Substring)? {
        let prefixCharacter = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-") }
        let nameCharacter = { (c: Character) in prefixCharacter(c) || "@+.%:/".contains(c) }
        guard let space = inner.firstIndex(where: { !prefixCharacter($0) }), space != inner.startIndex,
            inner[space].unicodeScalars.allSatisfy({ $0.properties.isWhitespace || $0 == "\u{FEFF}" })
        else { return nil }
        var name = inner[inner.index(after: space)...]
        if let quote = name.first, quote == "\"" || quote == "'" {
            guard name.count >= 3, name.last == quote else { return nil }
            name = name.dropFirst().dropLast()
        }
        guard !name.isEmpty, name.allSatisfy(nameCharacter) else { return nil }
        return (inner[..<space], name)
    }

    /// The line without a comment that starts at the line's start or after whitespace.
    static func stripComment(_ line: Substring) -> Substring {
        var previous: Character?
        for index in line.indices {
            let character = line[index]
            if character == "#" || character == ";", previous?.isWhitespace ?? true { return line[..<index] }
            previous = character
        }
        return line
    }

    /// The JS SDK's section key for a header's inner text: `profile.NAME`, `sso-session.NAME`,
    /// `services.NAME`, the text as is, or nil (an unknown `prefix name`: its lines are ignored).
    static func sectionKey(_ inner: String) -> String? {
        guard let match = prefixedName(inner) else { return inner }
        return sectionTypes.contains(String(match.prefix)) ? "\(match.prefix).\(match.name)" : nil
    }

    /// botocore's profile name for a config header (`shlex.split` into exactly `profile NAME`).
    static func botocoreConfigName(_ inner: String) -> String? {
        if inner == "default" { return "default" }
        guard inner.hasPrefix("profile") else { return nil }
        let words = CommandLineWords.split(inner)
        return words.count == 2 ? words[1] : nil
    }

    static func parse(_ text: String, path: String, isConfig: Bool) -> Parsed {
        var parsed = Parsed()
        if text.hasPrefix("\u{FEFF}") {
            parsed.notes.append(
                SharedFileNote(
                    path: path, line: 1,
                    text:
                        "starts with a UTF-8 byte-order mark: Claude Code (JS SDK) reads the file, the AWS CLI refuses it"
                ))
        }
        var section: String?
        var subsection: String?
        var seenHeaders: Set<String> = []
        var seenKeys: Set<String> = []
        var lastValueLine: Int?
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let withoutComment = stripComment(line)
            let trimmed = jsTrim(withoutComment)
            if trimmed.count < jsTrim(line).count, trimmed.contains("="), !trimmed.hasPrefix("[") {
                parsed.notes.append(
                    SharedFileNote(
                        path: path, line: number,
                        text: "inline comment: Claude Code (JS SDK) strips it, the AWS CLI keeps it in the value"))
            }
            if trimmed.hasPrefix("["), trimmed.hasSuffix("]"), trimmed.count >= 2 {
                subsection = nil
                lastValueLine = nil
                let inner = String(trimmed.dropFirst().dropLast())
                if inner == "__proto__" || inner == "profile __proto__" {
                    parsed.notes.append(
                        SharedFileNote(
                            path: path, line: number, text: "[\(inner)] makes the JS SDK ignore the whole file"))
                    return Parsed(notes: parsed.notes)
                }
                section = sectionKey(inner).flatMap { $0.isEmpty ? nil : $0 }
                if seenHeaders.contains(inner) {
                    parsed.notes.append(
                        SharedFileNote(
                            path: path, line: number,
                            text:
                                "[\(inner)] appears twice: Claude Code (JS SDK) merges them (later values win), the AWS CLI refuses the whole file"
                        ))
                }
                seenHeaders.insert(inner)
                seenKeys = []
                headerNote(
                    inner: inner, key: section, line: number, path: path, isConfig: isConfig, into: &parsed.notes)
                continue
            }
            guard let current = section else { continue }
            guard let equals = trimmed.firstIndex(of: "="), equals != trimmed.startIndex else {
                if let colon = trimmed.firstIndex(of: ":"), colon != trimmed.startIndex {
                    parsed.notes.append(
                        SharedFileNote(
                            path: path, line: number,
                            text:
                                "'\(trimmed[..<colon].trimmingSpaces())' uses ':' : the AWS CLI reads it, Claude Code (JS SDK) ignores the line; write '='"
                        ))
                } else if !trimmed.isEmpty, let last = lastValueLine, line.first?.isWhitespace == true {
                    parsed.notes.append(
                        SharedFileNote(
                            path: path, line: number,
                            text:
                                "indented line continues line \(last) for the AWS CLI; Claude Code (JS SDK) ignores it")
                    )
                }
                continue
            }
            let name = jsTrim(trimmed[..<equals])
            let value = jsTrim(trimmed[trimmed.index(after: equals)...])
            if let colon = name.firstIndex(of: ":") {
                parsed.notes.append(
                    SharedFileNote(
                        path: path, line: number,
                        text:
                            "'\(name)' contains ':' before '=': the AWS CLI reads the key '\(name[..<colon])', Claude Code (JS SDK) '\(name)'"
                    ))
            }
            if value.isEmpty {
                subsection = name
                lastValueLine = nil
                continue
            }
            let indented = line.first.map { $0.isWhitespace || $0 == "\u{FEFF}" } ?? false
            if subsection != nil, !indented { subsection = nil }
            if subsection == nil, indented, let last = lastValueLine {
                parsed.notes.append(
                    SharedFileNote(
                        path: path, line: number,
                        text:
                            "indented '\(name) = …' is a setting for Claude Code (JS SDK) but continues line \(last)'s value for the AWS CLI"
                    ))
            }
            let key = subsection.map { "\($0).\(name)" } ?? name
            if subsection == nil {
                if name != name.lowercased() {
                    parsed.notes.append(
                        SharedFileNote(
                            path: path, line: number,
                            text:
                                "'\(name)' has capitals: the AWS CLI reads it as '\(name.lowercased())', Claude Code (JS SDK) does not know it"
                        ))
                }
                if seenKeys.contains(name.lowercased()) {
                    parsed.notes.append(
                        SharedFileNote(
                            path: path, line: number,
                            text:
                                "'\(name)' is set twice in one section: Claude Code (JS SDK) takes the later value, the AWS CLI refuses the whole file"
                        ))
                }
                seenKeys.insert(name.lowercased())
                lastValueLine = number
            }
            if parsed.sections[current] == nil {
                parsed.order.append(current)
                parsed.firstLine[current] = number
            }
            parsed.sections[current, default: [:]][key] = Sourced(
                value, from: .awsFile(path: path, section: current, line: number))
        }
        return parsed
    }

    /// Headers that name a different profile (or none) for botocore than for the JS SDK.
    static func headerNote(
        inner: String, key: String?, line: Int, path: String, isConfig: Bool, into notes: inout [SharedFileNote]
    ) {
        if isConfig {
            let jsName: String? = key.flatMap { key in
                if key == "default" { return "default" }
                guard let dot = key.firstIndex(of: "."), key[..<dot] == "profile" else { return nil }
                return String(key[key.index(after: dot)...])
            }
            let botoName = botocoreConfigName(inner)
            guard jsName != botoName, !inner.hasPrefix("sso-session"), !inner.hasPrefix("services") else { return }
            let js = jsName.map { "profile \($0)" } ?? "no profile"
            let boto = botoName.map { "profile \($0)" } ?? "no profile"
            notes.append(
                SharedFileNote(
                    path: path, line: line,
                    text: "[\(inner)] is \(js) for Claude Code (JS SDK) but \(boto) for the AWS CLI"))
        } else {
            let trimmed = inner.trimmingSpaces()
            if trimmed != inner {
                notes.append(
                    SharedFileNote(
                        path: path, line: line,
                        text: "[\(inner)] has spaces inside the brackets: it is not profile \(trimmed) for any SDK"))
            } else if key != inner {
                notes.append(
                    SharedFileNote(
                        path: path, line: line,
                        text:
                            "[\(inner)]: the credentials file takes no 'profile ' prefix, so this is not profile \(inner.split(whereSeparator: \.isWhitespace).last.map(String.init) ?? inner)"
                    ))
            }
        }
    }
}

/// POSIX-shell word splitting without expansion (quotes and backslashes), as Python's
/// `shlex.split` does for botocore's section headers and `credential_process`.
public enum CommandLineWords {
    public static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
                inWord = true
                continue
            }
            if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    current.append(character)
                }
                continue
            }
            if character == "\\" {
                escaped = true
                inWord = true
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
