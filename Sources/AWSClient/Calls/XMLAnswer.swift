import FoundationEssentials

/// An AWS query-protocol (STS) answer read as XML, per its model: element paths and their text,
/// so a value is taken from the member the model names and never from a comment, another member
/// or a prefix of one. A small reader of the XML these services send (elements, attributes,
/// comments, CDATA, processing instructions, the five named entities and character references);
/// written here because Foundation's XMLParser pulls libxml2 and ICU into the binary.
struct XMLAnswer {
    /// `GetCallerIdentityResponse/GetCallerIdentityResult/Account` → text, first occurrence.
    private(set) var values: [String: String] = [:]

    /// nil when the bytes are not well-formed XML (unclosed or crossed elements, a bad entity).
    init?(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self), let values = Self.read(Array(text.unicodeScalars))
        else { return nil }
        self.values = values
    }

    /// The text at the path ending with `suffix` (e.g. `GetCallerIdentityResult/Account`).
    func value(_ suffix: String) -> String? {
        values.filter { $0.key == suffix || $0.key.hasSuffix("/" + suffix) }.min { $0.key.count < $1.key.count }?.value
    }

    private static func read(_ s: [Unicode.Scalar]) -> [String: String]? {
        var values: [String: String] = [:]
        var stack: [String] = []
        var text = ""
        var i = 0
        func starts(_ prefix: String, at index: Int) -> Bool {
            var j = index
            for scalar in prefix.unicodeScalars {
                guard j < s.count, s[j] == scalar else { return false }
                j += 1
            }
            return true
        }
        func skip(past end: String) -> Bool {
            while i < s.count {
                if starts(end, at: i) {
                    i += end.unicodeScalars.count
                    return true
                }
                i += 1
            }
            return false
        }
        while i < s.count {
            if s[i] != "<" {
                if s[i] == "&" {
                    guard let semicolon = s[i...].firstIndex(of: ";"),
                        let decoded = entity(String(String.UnicodeScalarView(s[(i + 1)..<semicolon])))
                    else { return nil }
                    text.unicodeScalars.append(decoded)
                    i = semicolon + 1
                } else {
                    text.unicodeScalars.append(s[i])
                    i += 1
                }
                continue
            }
            if starts("<!--", at: i) {
                guard skip(past: "-->") else { return nil }
            } else if starts("<![CDATA[", at: i) {
                i += 9
                let start = i
                guard skip(past: "]]>") else { return nil }
                text.unicodeScalars.append(contentsOf: s[start..<(i - 3)])
            } else if starts("<?", at: i) || starts("<!", at: i) {
                guard skip(past: ">") else { return nil }
            } else {
                guard let close = s[i...].firstIndex(of: ">") else { return nil }
                var tag = String(String.UnicodeScalarView(s[(i + 1)..<close]))
                i = close + 1
                if tag.hasPrefix("/") {
                    let name = String(tag.dropFirst()).trimmingWhitespace()
                    guard stack.last == name else { return nil }
                    let path = stack.joined(separator: "/")
                    if values[path] == nil { values[path] = text.trimmingWhitespace() }
                    stack.removeLast()
                } else {
                    let selfClosing = tag.hasSuffix("/")
                    if selfClosing { tag.removeLast() }
                    guard
                        let name = tag.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                            .first
                    else { return nil }
                    stack.append(String(name))
                    if selfClosing {
                        let path = stack.joined(separator: "/")
                        if values[path] == nil { values[path] = "" }
                        stack.removeLast()
                    }
                }
                text = ""
            }
        }
        return stack.isEmpty && !values.isEmpty ? values : nil
    }

    private static func entity(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            }
            if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
            return nil
        }
    }
}
