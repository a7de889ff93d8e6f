/// A unified diff of two texts (what `diff -u` prints), for the review screen and `--dry-run`.
public enum UnifiedDiff {
    /// `redacting` lists secret values: any line holding one shows it masked.
    public static func render(
        old: String?, new: String?, path: String, redacting secrets: [String] = [], context: Int = 3
    ) -> String {
        let oldLines = lines(old)
        let newLines = lines(new)
        // Masked first, then made safe for the terminal: a file's bytes are untrusted text.
        func redact(_ line: String) -> String {
            TerminalText.visible(
                secrets.filter { !$0.isEmpty }.reduce(SecretLine.redact(line)) {
                    $0.replacingEvery($1, with: Mask.tail($1))
                })
        }
        // Per line of each side: is it kept in the other? From Swift's own Myers difference.
        let difference = newLines.difference(from: oldLines)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        if removed.isEmpty && inserted.isEmpty { return "" }

        // Walk both sides together into one script of (kind, oldIndex, newIndex).
        enum Kind { case keep, remove, insert }
        var script: [(Kind, Int, Int)] = []
        var i = 0
        var j = 0
        while i < oldLines.count || j < newLines.count {
            if i < oldLines.count, removed.contains(i) {
                script.append((.remove, i, j))
                i += 1
            } else if j < newLines.count, inserted.contains(j) {
                script.append((.insert, i, j))
                j += 1
            } else {
                script.append((.keep, i, j))
                i += 1
                j += 1
            }
        }

        var out = "--- \(old == nil ? "/dev/null" : path)\n+++ \(new == nil ? "/dev/null" : path)\n"
        var index = 0
        while index < script.count {
            guard let firstChange = script[index...].firstIndex(where: { $0.0 != .keep }) else { break }
            let start = max(index, firstChange - context)
            var end = firstChange
            // Extend the hunk while the next change is within 2 * context kept lines.
            while end < script.count {
                if script[end].0 != .keep {
                    end += 1
                    continue
                }
                let nextChange = script[end...].firstIndex { $0.0 != .keep } ?? script.count
                if nextChange - end <= 2 * context, nextChange < script.count {
                    end = nextChange
                } else {
                    end = min(script.count, end + context)
                    break
                }
            }
            let hunk = script[start..<end]
            let oldCount = hunk.filter { $0.0 != .insert }.count
            let newCount = hunk.filter { $0.0 != .remove }.count
            // A hunk is never empty (start < end); the fallbacks only keep the arithmetic total.
            let oldStart = oldCount == 0 ? (hunk.first?.1 ?? 0) : (hunk.first { $0.0 != .insert }?.1 ?? 0) + 1
            let newStart = newCount == 0 ? (hunk.first?.2 ?? 0) : (hunk.first { $0.0 != .remove }?.2 ?? 0) + 1
            // As diff -u spells ranges: a count of one is left out.
            func range(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for (kind, o, n) in hunk {
                switch kind {
                case .keep: out += " " + redact(oldLines[o]) + "\n"
                case .remove: out += "-" + redact(oldLines[o]) + "\n"
                case .insert: out += "+" + redact(newLines[n]) + "\n"
                }
            }
            if let last = hunk.last, last.0 != .insert, last.1 == oldLines.count - 1, let old, !old.hasSuffix("\n") {
                out += "\\ No newline at end of file\n"
            }
            index = end
        }
        return out
    }

    static func lines(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { parts.removeLast() }
        return parts
    }
}

/// Masks secrets on a line of any format the tool shows (JSON, `export`/`set -gx`, INI), by
/// what a value is: the value of every key the tool knows to hold a secret, whatever its case,
/// however many are on the line (a one-line settings.json holds them all), and anything shaped
/// like a Bedrock API key wherever it stands. Old values in a diff are secrets nobody listed.
public enum SecretLine {
    /// Compared case-insensitively: `Aws_Secret_Access_Key` is read by botocore like the lower-case name.
    public static let names = [
        "AWS_BEARER_TOKEN_BEDROCK", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
        "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "accessToken", "refreshToken", "clientSecret",
    ]
    static let lowerNames = names.map { Array($0.lowercased().utf8) }
    static let firstBytes = Set(lowerNames.map { $0[0] })

    public static func redact(_ line: String) -> String {
        maskingCredentialsInText(maskingAPIKeys(maskingNamedValues(line)))
    }

    /// A gateway's credentials inside a value that is not itself a secret: a password in a URL
    /// (`https://user:PASSWORD@host`, as ANTHROPIC_BEDROCK_BASE_URL may hold) and the value of a
    /// credential header (`Authorization: Bearer …`, `x-api-key: …`, as ANTHROPIC_CUSTOM_HEADERS
    /// may hold), in a raw value or inside JSON (where the headers are separated by `\n`).
    public static func maskingCredentialsInText(_ text: String) -> String {
        guard text.contains("@") || text.contains(":") else { return text }
        var out = text
        if out.contains("://") {
            out = out.replacing(/(:\/\/[^\/@\s:"']*:)([^@\s\/"']+)@/) { match in
                String(match.output.1) + Mask.tail(String(match.output.2)) + "@"
            }
        }
        return out.replacing(credentialHeader) { match in
            let (_, before, name, separator, scheme, value) = match.output
            return String(before) + String(name) + String(separator) + String(scheme ?? "") + Mask.tail(String(value))
        }
    }

    /// `NAME: [scheme ]VALUE`, the value up to the end of the line, a JSON `\n` or a closing quote.
    nonisolated(unsafe) static let credentialHeader =
        /(?i)(^|\\n|[^A-Za-z0-9_\-])((?:proxy-)?authorization|x-api-key|api-key|x-auth-token|cookie)([ \t]*:[ \t]*)((?:bearer|basic|token)[ \t]+)?((?:[^"'\\\r\n]|\\[^n])+)/

    /// Each `NAME = value`, `"NAME": "value"`, `export NAME='value'`, `set -gx NAME 'value'`.
    static func maskingNamedValues(_ line: String) -> String {
        let bytes = Array(line.utf8)
        let lower = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        let fishSet = trimmed.hasPrefix("set -") && !trimmed.hasPrefix("set -e ")
        var out: [UInt8] = []
        var index = 0
        func isWord(_ byte: UInt8) -> Bool {
            byte == 95 || (byte >= 48 && byte <= 57) || (byte | 32 >= 97 && byte | 32 <= 122)
        }
        while index < bytes.count {
            guard firstBytes.contains(lower[index]), index == 0 || !isWord(bytes[index - 1]),
                let name = lowerNames.first(where: {
                    index + $0.count <= bytes.count && lower[index..<index + $0.count].elementsEqual($0)
                }),
                index + name.count == bytes.count || !isWord(bytes[index + name.count])
            else {
                out.append(bytes[index])
                index += 1
                continue
            }
            // The name, a closing quote, then `=`, `:` or (fish) blanks; then the value.
            var cursor = index + name.count
            if cursor < bytes.count, bytes[cursor] == 34 || bytes[cursor] == 39 { cursor += 1 }
            while cursor < bytes.count, bytes[cursor] == 32 || bytes[cursor] == 9 { cursor += 1 }
            let assigned = cursor < bytes.count && (bytes[cursor] == 61 || bytes[cursor] == 58)
            guard assigned || (fishSet && cursor > index + name.count) else {
                out += bytes[index..<cursor]
                index = cursor
                continue
            }
            if assigned { cursor += 1 }
            while cursor < bytes.count, bytes[cursor] == 32 || bytes[cursor] == 9 { cursor += 1 }
            out += bytes[index..<cursor]
            var start = cursor
            var end = cursor
            if cursor < bytes.count, bytes[cursor] == 34 || bytes[cursor] == 39 {
                // Quoted: up to the matching quote (a JSON backslash escapes it).
                let quote = bytes[cursor]
                out.append(quote)
                start = cursor + 1
                end = start
                while end < bytes.count, bytes[end] != quote {
                    end += bytes[end] == 92 && quote == 34 ? 2 : 1
                }
                end = min(end, bytes.count)
            } else {
                while end < bytes.count, ![32, 9, 44, 125, 59, 13].contains(bytes[end]) { end += 1 }
            }
            if end > start {
                out += Array(Mask.tail(String(decoding: bytes[start..<end], as: UTF8.self)).utf8)
            }
            index = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Anything shaped like a Bedrock API key (`ABSK…` long-term, `bedrock-api-key-…` short-term).
    static func maskingAPIKeys(_ line: String) -> String {
        guard line.contains("ABSK") || line.contains("bedrock-api-key-") else { return line }
        return line.replacing(/(ABSK[A-Za-z0-9+\/=]{16,}|bedrock-api-key-[A-Za-z0-9+\/=%._-]{16,})/) {
            Mask.tail(String($0.output.0))
        }
    }
}
