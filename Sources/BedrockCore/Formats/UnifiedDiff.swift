/// A unified diff of two texts (what `diff -u` prints), for the review screen and `--dry-run`.
public enum UnifiedDiff {
    /// `redacting` lists secret values: any line holding one shows it masked.
    public static func render(old: String?, new: String?, path: String, redacting secrets: [String] = [], context: Int = 3) -> String {
        let oldLines = lines(old), newLines = lines(new)
        func redact(_ line: String) -> String {
            secrets.filter { !$0.isEmpty }.reduce(SecretLine.redact(line)) { $0.replacingEvery($1, with: Mask.tail($1)) }
        }
        // Per line of each side: is it kept in the other? From Swift's own Myers difference.
        let difference = newLines.difference(from: oldLines)
        var removed = Set<Int>(), inserted = Set<Int>()
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
        var i = 0, j = 0
        while i < oldLines.count || j < newLines.count {
            if i < oldLines.count, removed.contains(i) { script.append((.remove, i, j)); i += 1 }
            else if j < newLines.count, inserted.contains(j) { script.append((.insert, i, j)); j += 1 }
            else { script.append((.keep, i, j)); i += 1; j += 1 }
        }

        var out = "--- \(old == nil ? "/dev/null" : path)\n+++ \(new == nil ? "/dev/null" : path)\n"
        var index = 0
        while index < script.count {
            guard let firstChange = script[index...].firstIndex(where: { $0.0 != .keep }) else { break }
            let start = max(index, firstChange - context)
            var end = firstChange
            // Extend the hunk while the next change is within 2 * context kept lines.
            while end < script.count {
                if script[end].0 != .keep { end += 1; continue }
                let nextChange = script[end...].firstIndex { $0.0 != .keep } ?? script.count
                if nextChange - end <= 2 * context, nextChange < script.count { end = nextChange } else {
                    end = min(script.count, end + context)
                    break
                }
            }
            let hunk = script[start..<end]
            let oldCount = hunk.filter { $0.0 != .insert }.count, newCount = hunk.filter { $0.0 != .remove }.count
            let oldStart = oldCount == 0 ? hunk.first!.1 : hunk.first { $0.0 != .insert }!.1 + 1
            let newStart = newCount == 0 ? hunk.first!.2 : hunk.first { $0.0 != .remove }!.2 + 1
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

/// Masks the value on a line that assigns a secret by name, in any format the tool writes
/// (JSON, export/set -gx, INI): old values in a diff are secrets nobody listed.
public enum SecretLine {
    static let names = ["AWS_BEARER_TOKEN_BEDROCK", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "aws_secret_access_key", "aws_session_token"]
    static let separators: Set<Character> = ["\"", "'", " ", "\t", "=", ":"]
    static let closers: Set<Character> = ["\"", "'", ",", " ", "\t", "\r"]

    public static func redact(_ line: String) -> String {
        guard let name = names.first(where: line.contains), let found = line.firstRange(of: name) else { return line }
        let rest = line[found.upperBound...]
        guard let start = rest.firstIndex(where: { !separators.contains($0) }) else { return line }
        // An assignment: `=` or `:` follows the name, or a fish `set -gx NAME value`. Never an
        // `unset NAME OTHER…` line, whose next word is a name, not a value.
        let separator = rest[..<start]
        let fishSet = line.trimmingSpaces().hasPrefix("set -") && !line.contains("set -e ")
        guard separator.contains("=") || separator.contains(":") || fishSet else { return line }
        var end = line.endIndex
        while end > start, closers.contains(line[line.index(before: end)]) { end = line.index(before: end) }
        guard end > start else { return line }
        return String(line[..<start]) + Mask.tail(String(line[start..<end])) + String(line[end...])
    }
}
