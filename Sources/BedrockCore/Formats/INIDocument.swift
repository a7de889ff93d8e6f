import FoundationEssentials
import Glibc

/// An AWS shared config or credentials file, kept as its original lines so that every byte the
/// tool does not change survives an edit: comments, blank lines, unknown sections, order, CRLF.
///
/// Reading follows botocore (Python's configparser: `=` or `:`, `#`/`;` full-line comments,
/// indented continuation lines, lower-cased keys); constructs on which SDKs disagree are
/// reported in `ambiguities`. Writing follows `aws configure` (`key = value`, new keys after the
/// section's last option, new sections appended).
public struct INIDocument: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public let key: String
        public let value: String
        public let line: Int
    }

    public struct Section: Equatable, Sendable {
        /// The header text between the brackets, trimmed: `profile dev`, `default`, `sso-session corp`.
        public let header: String
        public let line: Int
        public var entries: [Entry]

        public func value(_ key: String) -> String? { entries.last { $0.key == key }?.value }
        public var values: [String: String] {
            entries.reduce(into: [:]) { $0[$1.key] = $1.value }
        }
    }

    public private(set) var lines: [String]
    public private(set) var sections: [Section] = []
    public private(set) var ambiguities: [String] = []
    /// What makes botocore refuse the whole file (the JS SDK reads it anyway): never edit it then.
    public private(set) var refusals: [INIProblem] = []
    /// The first line for which configparser (strict, as botocore uses it) refuses the whole file, with the
    /// ambiguity's text: duplicates, and lines that are neither settings, comments nor headers.
    public private(set) var firstLineBotocoreRefuses: LineNote?
    public struct LineNote: Equatable, Sendable {
        public let line: Int
        public let text: String
    }

    public init(text: String) {
        lines = INIDocument.splitKeepingTerminators(text)
        parse()
    }

    public var text: String { lines.joined() }

    public func section(_ header: String) -> Section? { sections.last { $0.header == header } }

    private var newline: String { lines.contains { $0.hasSuffix("\r\n") } ? "\r\n" : "\n" }

    static func splitKeepingTerminators(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" || character == "\r\n" {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    private static func content(_ line: String) -> String {
        var text = line
        while text.hasSuffix("\n") || text.hasSuffix("\r") || text.hasSuffix("\r\n") { text.removeLast() }
        return text
    }

    /// "\r\n" is one Character in Swift, so `hasSuffix("\n")` misses it.
    static func endsLine(_ line: String) -> Bool { line.last == "\n" || line.last == "\r\n" }

    /// Leading spaces and tabs: configparser's measure of whether a line continues a value.
    private static func indent(of text: String) -> Int { text.prefix { $0 == " " || $0 == "\t" }.count }

    private static func isComment(_ trimmed: String) -> Bool { trimmed.hasPrefix("#") || trimmed.hasPrefix(";") }

    static func header(of line: String) -> String? {
        let trimmed = content(line).trimmingSpaces()
        guard trimmed.hasPrefix("["), let close = trimmed.lastIndex(of: "]") else { return nil }
        let inner = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
        guard !inner.isEmpty else { return nil }
        return inner.trimmingSpaces()
    }

    /// `key = value` or `key: value`; configparser splits at the first `=` or `:`.
    static func option(of line: String) -> (key: String, value: String)? {
        let text = content(line)
        guard let split = text.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return nil }
        let key = text[..<split].trimmingSpaces()
        guard !key.isEmpty else { return nil }
        return (key, text[text.index(after: split)...].trimmingSpaces())
    }

    private mutating func parse() {
        sections = []
        ambiguities = []
        refusals = []
        firstLineBotocoreRefuses = nil
        func note(_ index: Int, _ text: String, botocoreRefuses: Bool = false) {
            ambiguities.append("line \(index + 1): " + text)
            if botocoreRefuses, firstLineBotocoreRefuses == nil {
                firstLineBotocoreRefuses = LineNote(line: index + 1, text: text)
            }
        }
        var seenHeaders: Set<String> = []
        var lastEntryIndent: Int?
        for (index, rawLine) in lines.enumerated() {
            // A byte-order mark is kept in the bytes but is no part of the first line's meaning.
            var line = rawLine
            if index == 0, line.unicodeScalars.first == "\u{FEFF}" {
                line = String(line.unicodeScalars.dropFirst())
                refusals.append(.byteOrderMark)
                note(
                    0,
                    "the file starts with a UTF-8 byte-order mark, which botocore refuses (the JS SDK reads the file)")
            }
            let text = Self.content(line)
            let trimmed = text.trimmingSpaces()
            if trimmed.isEmpty || Self.isComment(trimmed) { continue }
            let indent = Self.indent(of: text)
            if indent > 0, let last = lastEntryIndent, indent > last, !sections.isEmpty {
                // A continuation line: part of the previous value (nested `s3 =` settings).
                continue
            }
            if let header = Self.header(of: line) {
                if seenHeaders.contains(header) {
                    refusals.append(.duplicateSection(header, line: index + 1))
                    note(
                        index, "section [\(header)] appears twice; botocore refuses the whole file",
                        botocoreRefuses: true)
                }
                seenHeaders.insert(header)
                sections.append(Section(header: header, line: index, entries: []))
                lastEntryIndent = nil
                continue
            }
            guard !sections.isEmpty else {
                note(index, "a setting before any [section] is ignored", botocoreRefuses: true)
                continue
            }
            guard let (key, value) = Self.option(of: line) else {
                note(index, "not a setting, a comment or a section header", botocoreRefuses: true)
                continue
            }
            let lowered = key.lowercased()
            if sections[sections.count - 1].entries.contains(where: { $0.key == lowered }) {
                refusals.append(.duplicateKey(lowered, section: sections[sections.count - 1].header, line: index + 1))
                note(
                    index,
                    "\(lowered) is set twice in [\(sections[sections.count - 1].header)]; botocore refuses the whole file",
                    botocoreRefuses: true)
            }
            if value.containsScalars(" #") || value.containsScalars(" ;") || value.containsScalars("\t#") {
                note(index, "\(lowered) has an inline comment, which botocore keeps in the value and other SDKs strip")
            }
            if !text.containsScalars("=") {
                note(index, "\(lowered) uses ':' instead of '=', which not every SDK accepts")
            }
            sections[sections.count - 1].entries.append(Entry(key: lowered, value: value, line: index))
            lastEntryIndent = indent
        }
    }

    /// Sets keys in a section the way `aws configure set` does: existing lines are rewritten in
    /// place, new keys go after the section's last setting, a new section goes at the end. A
    /// rewritten key loses its old continuation lines: they were part of the value it replaces.
    /// (Blank lines left behind are harmless: configparser strips a value's trailing blanks.)
    public mutating func set(_ values: [(String, String)], in header: String) {
        let newline = self.newline
        guard let section = sections.last(where: { $0.header == header }) else {
            if let last = lines.last, !Self.endsLine(last) { lines[lines.count - 1] = last + newline }
            lines.append("[\(header)]" + newline)
            lines.append(contentsOf: values.map { "\($0.0) = \($0.1)" + newline })
            parse()
            return
        }
        var pending: [(String, String)] = []
        var continuations: Set<Int> = []
        for (key, value) in values {
            guard let entry = section.entries.last(where: { $0.key == key }) else {
                pending.append((key, value))
                continue
            }
            let block = continuation(of: entry.line)
            if entry.value != value || !lines[entry.line].hasPrefix("\(key) = ") || !block.isEmpty {
                lines[entry.line] = "\(key) = \(value)" + newline
                // Comments and blank lines inside the old value are no part of it: they stay.
                continuations.formUnion(
                    block.filter { index in
                        let trimmed = Self.content(lines[index]).trimmingSpaces()
                        return !trimmed.isEmpty && !Self.isComment(trimmed)
                    })
            }
        }
        for index in continuations.sorted(by: >) { lines.remove(at: index) }
        parse()
        if !pending.isEmpty, let section = sections.last(where: { $0.header == header }) {
            // After the last setting's whole value; right after the header when there is none.
            let insertAt = section.entries.last.map { continuation(of: $0.line).upperBound } ?? section.line + 1
            if insertAt > 0, insertAt == lines.count, let last = lines.last, !Self.endsLine(last) {
                lines[lines.count - 1] += newline
            }
            lines.insert(contentsOf: pending.map { "\($0.0) = \($0.1)" + newline }, at: insertAt)
            keepMeaning(after: insertAt + pending.count)
            parse()
        }
    }

    /// The lines that continue the value set on `line`, as configparser reads them: lines
    /// indented deeper than it, with any blank or comment lines between them.
    private func continuation(of line: Int) -> Range<Int> {
        let indent = Self.indent(of: Self.content(lines[line]))
        var end = line + 1
        var index = line + 1
        while index < lines.count {
            let text = Self.content(lines[index])
            let trimmed = text.trimmingSpaces()
            index += 1
            if trimmed.isEmpty || Self.isComment(trimmed) { continue }
            guard Self.indent(of: text) > indent else { break }
            end = index
        }
        return (line + 1)..<end
    }

    /// Indented lines that follow a new key would read as its continuation (configparser keeps
    /// blank and comment lines inside a value), so an indented header or setting the new key now
    /// precedes is shifted left, together with the lines indented under it: the same meaning,
    /// whitespace being the only bytes changed.
    private mutating func keepMeaning(after start: Int) {
        var index = start
        while index < lines.count {
            let trimmed = Self.content(lines[index]).trimmingSpaces()
            if !trimmed.isEmpty, !Self.isComment(trimmed) { break }
            index += 1
        }
        guard index < lines.count else { return }
        let shift = Self.indent(of: Self.content(lines[index]))
        guard shift > 0 else { return }
        while index < lines.count {
            let text = Self.content(lines[index])
            let indent = Self.indent(of: text)
            let trimmed = text.trimmingSpaces()
            if indent == 0, !trimmed.isEmpty, !Self.isComment(trimmed) { break }
            lines[index] = String(lines[index].dropFirst(min(indent, shift)))
            index += 1
        }
    }

    /// Removes keys from a section, and the section itself when nothing but its header is left.
    public mutating func remove(_ keys: Set<String>, from header: String) {
        guard let section = sections.last(where: { $0.header == header }) else { return }
        let doomed = Set(section.entries.filter { keys.contains($0.key) }.map(\.line))
        lines = lines.enumerated().filter { !doomed.contains($0.offset) }.map(\.element)
        parse()
        if let section = sections.last(where: { $0.header == header }), section.entries.isEmpty {
            let end = sections.first { $0.line > section.line }?.line ?? lines.count
            let body = lines[(section.line + 1)..<end]
            if body.allSatisfy({ Self.content($0).trimmingSpaces().isEmpty }) {
                lines.removeSubrange(section.line..<end)
                parse()
            }
        }
    }
}
