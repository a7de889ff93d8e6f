import BedrockCore
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which Claude Code is installed: `claude --version`, found on PATH, bounded to 2 seconds.
/// Not installed, slow or unreadable: nil, and the callers apply the newest rules.
public enum ClaudeCodeProbe {
    public static let timeout = 2.0

    public static func version(environment: [String: String]) -> ClaudeCodeVersion? {
        guard let executable = find("claude", path: environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin") else {
            return nil
        }
        guard
            case .finished(0, let output) = ChildProcess.run(
                executable, ["--version"], environment: environment, captured: true, timeout: timeout)
        else { return nil }
        return ClaudeCodeVersion(parsing: String(decoding: output, as: UTF8.self))
    }

    static func find(_ name: String, path: String) -> String? {
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = folder + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
