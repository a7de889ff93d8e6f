/// Quoting for values placed in shell source: single quotes, in which nothing expands.
public enum ShellQuoting {
    /// POSIX sh / bash / zsh: `'it'\''s'`.
    public static func bash(_ value: String) -> String {
        "'" + value.replacingEvery("'", with: "'\\''") + "'"
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

    public static func block(sourcing envFile: String, shell: Shell) -> String {
        let source: String
        switch shell {
        case .bash, .zsh: source = "[ -f \(ShellQuoting.bash(envFile)) ] && . \(ShellQuoting.bash(envFile))"
        case .fish: source = "test -f \(ShellQuoting.fish(envFile)); and source \(ShellQuoting.fish(envFile))"
        }
        return [begin, "# Managed by bedrock-setup; `bedrock-setup reset --target shell` removes it.", source, end]
            .joined(separator: "\n") + "\n"
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

    static func blockRange(in text: String) -> Range<String.Index>? {
        guard let start = text.scalarRange(of: begin + "\n") ?? text.scalarRange(of: begin),
              let finish = text.scalarRange(of: end, from: start.upperBound) else { return nil }
        var upper = finish.upperBound
        if upper < text.endIndex, text.unicodeScalars[upper] == "\n" { upper = text.unicodeScalars.index(after: upper) }
        return start.lowerBound..<upper
    }
}
