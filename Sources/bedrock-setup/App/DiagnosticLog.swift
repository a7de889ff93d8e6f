import BedrockCore
import FoundationEssentials
import Glibc
import Logging

/// `BEDROCK_SETUP_LOG=FILE` (or `-` for standard error) records every AWS exchange and the
/// credential source at debug level, for troubleshooting. Off by default. A log file is
/// created 0600 and appended to; what is logged never holds a secret (tests carry canaries).
enum DiagnosticLog {
    static let variable = "BEDROCK_SETUP_LOG"
    /// Installed once, before the first logger exists (lazy globals initialise exactly once).
    static let installed: Void = bootstrap(environment: ProcessInfo.processInfo.environment)

    static func bootstrap(environment: [String: String]) {
        guard let target = environment[variable], !target.isEmpty else {
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
            return
        }
        var info = stat()
        if target != "-", stat(target, &info) == 0, let kind = TextFile.kind(of: info.st_mode) {
            printError(
                "the log \(target) is \(kind), not a regular file; logging is off (use \(variable)=- for standard error)."
            )
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
            return
        }
        // O_NONBLOCK: opening a FIFO put there meanwhile would otherwise wait for a reader forever.
        let descriptor: Int32 =
            target == "-"
            ? STDERR_FILENO : open(target, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
        guard descriptor >= 0 else {
            printError("cannot open the log \(target): \(String(cString: strerror(errno))); logging is off.")
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
            return
        }
        if descriptor != STDERR_FILENO, fstat(descriptor, &info) == 0, let kind = TextFile.kind(of: info.st_mode) {
            close(descriptor)
            printError(
                "the log \(target) is \(kind), not a regular file; logging is off (use \(variable)=- for standard error)."
            )
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
            return
        }
        if descriptor != STDERR_FILENO { _ = fcntl(descriptor, F_SETFL, O_APPEND) }
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, descriptor: descriptor) }
    }
}

/// One line per event, written with a single write(2) so lines from concurrent checks never interleave.
struct LineLogHandler: LogHandler {
    let label: String
    let descriptor: Int32
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = metadata.merging(event.metadata ?? [:]) { $1 }.sorted { $0.key < $1.key }.map {
            "\($0.key)=\($0.value)"
        }
        let stamp = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
        let text =
            ([stamp, event.level.rawValue, label + ":", event.message.description] + fields).joined(separator: " ")
            + "\n"
        _ = text.withCString { write(descriptor, $0, strlen($0)) }
    }
}
