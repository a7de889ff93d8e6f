import FoundationEssentials

/// The AWS shared files as botocore (the AWS CLI, boto3) reads them, for the second view:
/// configparser (keys lower-cased, `:` too, inline comments kept, continuation lines), every
/// strictness error refusing the whole file, `[profile NAME]` split like `shlex.split`, the later
/// of `[default]` / `[profile default]` winning, the credentials file over the config file.
public struct SharedFilesBotocore: Sendable {
    public let profiles: [String: SDKProfile]
    public let ssoSessions: [String: [String: String]]
    /// Files botocore refuses as a whole, with the reason.
    public let refused: [SharedFileNote]

    public func profile(_ name: String) -> SDKProfile? { profiles[name] }

    public init(configText: String?, credentialsText: String?, configPath: String, credentialsPath: String) {
        var refused: [SharedFileNote] = []
        func sections(_ text: String?, path: String) -> [(inner: String, values: [String: Sourced<String>])] {
            guard let text else { return [] }
            let document = INIDocument(text: text)
            if let reason = Self.refusal(text, document) {
                refused.append(SharedFileNote(path: path, line: reason.line, text: reason.text))
                return []
            }
            return document.sections.map { section in
                let inner = Self.rawHeader(document.lines[section.line])
                var values: [String: Sourced<String>] = [:]
                for entry in section.entries {
                    let value = ([entry.value] + Self.continuation(document.lines, after: entry.line)).joined(
                        separator: "\n")
                    values[entry.key] = Sourced(value, from: .awsFile(path: path, section: inner, line: entry.line + 1))
                }
                return (inner, values)
            }
        }
        var merged: [String: [String: Sourced<String>]] = [:]
        var sessions: [String: [String: String]] = [:]
        for section in sections(configText, path: configPath) {
            if section.inner.hasPrefix("sso-session") {
                let words = CommandLineWords.split(section.inner)
                if words.count == 2 { sessions[words[1]] = section.values.mapValues(\.value) }
                continue
            }
            guard let name = JSIni.botocoreConfigName(section.inner) else { continue }
            merged[name] = section.values
        }
        ssoSessions = sessions
        for section in sections(credentialsText, path: credentialsPath) {
            merged[section.inner, default: [:]].merge(section.values) { $1 }
        }
        profiles = merged.reduce(into: [:]) { $0[$1.key] = SDKProfile(name: $1.key, settings: $1.value) }
        self.refused = refused
    }

    /// configparser's continuation lines of the value on `line`: deeper-indented lines up to the
    /// next line that is not, comments skipped.
    static func continuation(_ lines: [String], after line: Int) -> [String] {
        func indent(_ text: String) -> Int { text.prefix { $0 == " " || $0 == "\t" }.count }
        let own = indent(lines[line])
        var result: [String] = []
        for text in lines.dropFirst(line + 1) {
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            guard indent(text) > own else { break }
            result.append(trimmed)
        }
        return result
    }

    /// configparser's header: the text between `[` and the last `]` of the stripped line, as is.
    static func rawHeader(_ line: String) -> String {
        let trimmed = line.trimmingWhitespace()
        guard let open = trimmed.firstIndex(of: "["), let close = trimmed.lastIndex(of: "]"), open < close else {
            return trimmed
        }
        return String(trimmed[trimmed.index(after: open)..<close])
    }

    /// Why configparser (strict, as botocore uses it) would refuse `text`, if it would.
    static func refusal(_ text: String, _ document: INIDocument) -> (line: Int, text: String)? {
        if text.hasPrefix("\u{FEFF}") {
            return (1, "starts with a byte-order mark, so the AWS CLI refuses the whole file")
        }
        return document.firstLineBotocoreRefuses.map { ($0.line, "the AWS CLI refuses the whole file: " + $0.text) }
    }
}
