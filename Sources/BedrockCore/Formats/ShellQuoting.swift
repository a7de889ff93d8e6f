/// Quoting for values placed in shell source: single quotes, in which nothing expands.
public enum ShellQuoting {
    /// POSIX sh / bash / zsh: `'it'\''s'`.
    public static func bash(_ value: String) -> String {
        "'" + value.replacingEvery("'", with: "'\\''") + "'"
    }

    /// The inverse of `bash`, for text it produced; nil for anything else.
    public static func unquoteBash(_ quoted: String) -> String? {
        guard quoted.count >= 2, quoted.hasPrefix("'"), quoted.hasSuffix("'") else { return nil }
        let value = String(quoted.dropFirst().dropLast()).replacingEvery("'\\''", with: "'")
        return bash(value) == quoted ? value : nil
    }

    /// fish: inside single quotes only `\\` and `\'` are escapes.
    public static func fish(_ value: String) -> String {
        "'" + value.replacingEvery("\\", with: "\\\\").replacingEvery("'", with: "\\'") + "'"
    }
}

/// The shells whose start-up files the tool can write.
public enum Shell: String, CaseIterable, Sendable {
    case bash, zsh, fish
}

/// `export` lines for a profile's environment, safe to `eval` or `source`.
public enum ShellExports {
    /// Owned variables the profile does not set are unset, so switching profiles in a live
    /// shell leaves nothing stale behind.
    public static func render(_ env: [(String, String)], shell: Shell, header: String? = nil) -> String {
        let set = Set(env.map(\.0))
        let stale = ClaudeEnv.owned.filter { !set.contains($0) }
        var lines: [String] = []
        if let header { lines.append("# " + header) }
        switch shell {
        case .bash, .zsh:
            lines += env.map { "export \($0.0)=\(ShellQuoting.bash($0.1))" }
            if !stale.isEmpty { lines.append("unset " + stale.joined(separator: " ")) }
        case .fish:
            lines += env.map { "set -gx \($0.0) \(ShellQuoting.fish($0.1))" }
            lines += stale.map { "set -e \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The marked block in a shell start-up file that sources the env file. Replaced in place on
/// every run, never appended twice.
public enum RCBlock {
    public static let begin = "# >>> bedrock-setup >>>"
    public static let end = "# <<< bedrock-setup <<<"

    static let managedComment = "# Managed by bedrock-setup; `bedrock-setup reset --target shell` removes it."

    public static func block(sourcing envFile: String, shell: Shell) -> String {
        let source: String
        switch shell {
        case .bash, .zsh: source = "[ -f \(ShellQuoting.bash(envFile)) ] && . \(ShellQuoting.bash(envFile))"
        case .fish: source = "test -f \(ShellQuoting.fish(envFile)); and source \(ShellQuoting.fish(envFile))"
        }
        return [begin, managedComment, source, end].joined(separator: "\n") + "\n"
    }

    /// `text` with the block put in place of an existing one, or appended.
    public static func install(_ block: String, into text: String) -> String {
        if let range = blockRange(in: text) {
            var replaced = text.unicodeScalars
            replaced.replaceSubrange(range, with: block.unicodeScalars)
            return String(replaced)
        }
        if text.isEmpty { return block }
        return text + (text.hasSuffix("\n") ? "" : "\n") + (text.hasSuffix("\n\n") ? "" : "\n") + block
    }

    /// `text` without the block and the blank line `install` put before it.
    public static func remove(from text: String) -> String {
        guard let range = blockRange(in: text) else { return text }
        var before = String(Substring(text.unicodeScalars[..<range.lowerBound]))
        let after = String(Substring(text.unicodeScalars[range.upperBound...]))
        if after.isEmpty, before.hasSuffix("\n\n") { before.removeLast() }
        return before + after
    }

    /// The first block that is exactly the tool's: the begin line, the managed comment, one
    /// line sourcing an env file, the end line. A lone marker, or markers around anything else
    /// (the user's own lines), is never taken for it.
    static func blockRange(in text: String) -> Range<String.Index>? {
        // Lines split scalar by scalar, so a "\n" after a combining mark still ends a line.
        let scalars = text.unicodeScalars
        var lines: [Range<String.Index>] = []
        var start = scalars.startIndex
        while start < scalars.endIndex {
            let end = scalars[start...].firstIndex(of: "\n").map { scalars.index(after: $0) } ?? scalars.endIndex
            lines.append(start..<end)
            start = end
        }
        func content(_ index: Int) -> String {
            let line = String(Substring(scalars[lines[index]]))
            return line.hasSuffix("\n") ? String(line.dropLast()) : line
        }
        guard lines.count >= 4 else { return nil }
        for index in 0...(lines.count - 4) where content(index) == begin {
            let source = content(index + 2)
            if content(index + 1) == managedComment, source.hasPrefix("[ -f ") || source.hasPrefix("test -f "),
                content(index + 3) == end
            {
                return lines[index].lowerBound..<lines[index + 3].upperBound
            }
        }
        return nil
    }
}
