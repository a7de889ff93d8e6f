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
        case .malformedJSON, .notAJSONObject, .conflictingINI, .profileIncomplete, .invalidPreset, .presetHoldsSecret: dataError
        case .unreadableFile, .notWritable, .danglingSymlink, .locked, .presetUnavailable, .managedSettingsNeedAdministrator: ioError
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
        let symbol = switch diagnosis.severity {
        case .ok: paint("✓", "32")
        case .warning: paint("⚠", "33")
        case .failure: paint("✗", "31")
        }
        var text = "\(symbol) \(diagnosis.check): \(diagnosis.cause)"
        if let fix = diagnosis.fix, diagnosis.severity != .ok { text += "\n    " + paint("fix: ", "1") + fix }
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
    writeError("bedrock-setup: " + message + "\n")
}

/// A value that is accepted but worth knowing about (legacy model, ID the bundled list lacks).
func printWarning(_ warning: SetupWarning) {
    writeError("bedrock-setup: warning: \(warning.field): " + warning.message + "\n"
        + (warning.fix.map { "  " + $0 + "\n" } ?? ""))
}

/// Prints a core error (cause, then fix) and exits with its code.
func fail(_ error: SetupError) -> ExitCode {
    printError(error.message)
    writeError("  " + error.fix + "\n")
    return ExitCode(Exit.code(for: error))
}

func jsonString(_ value: JSONValue) -> String { value.serialized() }

extension Diagnosis {
    var json: JSONValue {
        var members: [(String, JSONValue)] = [("check", .string(check)), ("status", .string(severity.rawValue)), ("cause", .string(cause))]
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

/// Reads one secret per line from standard input (never from argv).
func readSecrets(count: Int) -> [String] {
    var values: [String] = []
    while values.count < count, let line = readLine(strippingNewline: true) {
        values.append(line.trimmingSpaces())
    }
    return values
}
