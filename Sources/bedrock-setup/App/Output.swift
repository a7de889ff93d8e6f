import AWSClient
import ArgumentParser
import BedrockCore
import FoundationEssentials
import Glibc

/// Exit codes (documented in README): sysexits where one fits.
enum Exit {
    static let checkFailed: Int32 = 1
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let ioError: Int32 = 74
    static let interrupted: Int32 = 130

    static func code(for error: SetupError) -> Int32 {
        switch error {
        case .malformedJSON, .notAJSONObject, .conflictingINI, .refusedByBotocore, .profileIncomplete, .invalidPreset,
            .presetHoldsSecret,
            .secretTooLong, .notUTF8, .fileTooLarge, .sameFile, .secretInTrackedFile:
            dataError
        case .unreadableFile, .notWritable, .danglingSymlink, .locked, .presetUnavailable,
            .managedSettingsNeedAdministrator,
            .lockingUnsupported, .notRegularFile, .diskFull:
            ioError
        default: usage
        }
    }
}

/// Plain text unless standard output is a terminal and NO_COLOR is unset.
struct Console {
    let color: Bool

    init(environment: [String: String], stream: Int32 = STDOUT_FILENO) {
        color = isatty(stream) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    func line(_ diagnosis: Diagnosis) -> String {
        let symbol =
            switch diagnosis.severity {
            case .ok: paint("✓", "32")
            case .warning: paint("⚠", "33")
            case .failure: paint("✗", "31")
            }
        // A cause may quote a server, a file or an ARN: untrusted text.
        var text =
            "\(symbol) \(TerminalText.visible(diagnosis.check.description)): \(TerminalText.visible(diagnosis.cause))"
        if let fix = diagnosis.fix, diagnosis.severity != .ok {
            text += "\n    " + paint("fix: ", "1") + TerminalText.visible(fix)
        }
        return text
    }
}

/// Writes to standard error, unbuffered (all of it, even if the kernel takes it in parts).
func writeError(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return }
        bytes = bytes.dropFirst(written)
    }
}

func printError(_ message: String) {
    writeError("bedrock-setup: " + TerminalText.visible(message) + "\n")
}

/// A value that is accepted but worth knowing about (legacy model, ID the bundled list lacks).
func printWarning(_ warning: SetupWarning) {
    writeError(
        TerminalText.visible("bedrock-setup: warning: \(warning.field): " + warning.message) + "\n"
            + (warning.fix.map { "  " + TerminalText.visible($0) + "\n" } ?? ""))
}

/// Prints a core error (cause, then fix) and exits with its code.
func fail(_ error: SetupError) -> ExitCode {
    printError(error.message)
    writeError("  " + TerminalText.visible(error.fix) + "\n")
    return ExitCode(Exit.code(for: error))
}

func jsonString(_ value: JSONValue) -> String { value.serialized() }

extension Diagnosis {
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("check", .string(check.description)), ("status", .string(severity.rawValue)), ("cause", .string(cause)),
        ]
        if let code { members.append(("code", .string(code.rawValue))) }
        if let fix { members.append(("fix", .string(fix))) }
        return .object(members)
    }
}

/// Asks on the terminal; anything but y/yes is no.
func confirm(_ question: String) -> Bool {
    writeError(question + " [y/N] ")
    guard let answer = readLine(strippingNewline: true)?.lowercased() else { return false }
    return answer == "y" || answer == "yes"
}

/// Reads one secret per line from standard input (never from argv). At a terminal each gets a
/// prompt on standard error and is typed unseen: echo is off while it is read and back on at
/// every way out (Enter, end of input, Ctrl-C, SIGTERM, SIGHUP).
func readSecrets(_ prompts: [String]) throws(SetupError) -> [String] {
    let terminal = isatty(STDIN_FILENO) == 1
    var values: [String] = []
    for prompt in prompts {
        if terminal { writeError(prompt + " (typing is not shown): ") }
        let line = terminal ? HiddenInput.reading { readBoundedLine() } : readBoundedLine()
        if terminal { writeError("\n") }
        switch line {
        case .end: return values
        case .tooLong: throw .secretTooLong(field: prompt, limit: secretLineLimit)
        case .line(let text): values.append(text.trimmingSpaces())
        }
    }
    return values
}

/// Far above any key or token; what runs past it without a line break is not one.
let secretLineLimit = 64 << 10

enum InputLine: Equatable {
    case line(String)
    case end
    case tooLong
}

/// One line of standard input, read a byte at a time (nothing beyond the line is taken from
/// input that later prompts read) and never more than `secretLineLimit` bytes of it: endless
/// input without a line break (`< /dev/zero`, a binary file) is refused instead of filling memory.
func readBoundedLine() -> InputLine {
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    while true {
        let count = read(STDIN_FILENO, &byte, 1)
        if count < 0, errno == EINTR { continue }
        if count <= 0 { return bytes.isEmpty ? .end : .line(String(decoding: bytes, as: UTF8.self)) }
        if byte == UInt8(ascii: "\n") {
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            return .line(String(decoding: bytes, as: UTF8.self))
        }
        bytes.append(byte)
        if bytes.count > secretLineLimit { return .tooLong }
    }
}

/// Echo off for the duration of one read, with the terminal's settings put back by signal
/// handlers too (async-signal-safe: tcsetattr, _exit).
enum HiddenInput {
    nonisolated(unsafe) static var saved = termios()
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func reading<T>(_ body: () -> T) -> T {
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return body() }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        let previous = signals.map { number in
            signal(number) { received in
                tcsetattr(STDIN_FILENO, TCSANOW, &HiddenInput.saved)
                // As the wizard does: the shell reads 128+N and goes on with its command list.
                _exit(128 + received)
            }
        }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            for (number, handler) in zip(signals, previous) { signal(number, handler) }
        }
        return body()
    }
}
