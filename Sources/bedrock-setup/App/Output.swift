import AWSClient
import ArgumentParser
import BedrockCore
import Foundation

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

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("bedrock-setup: " + message + "\n").utf8))
}

/// A value that is accepted but worth knowing about (legacy model, ID the bundled list lacks).
func printWarning(_ warning: SetupWarning) {
    FileHandle.standardError.write(Data(("bedrock-setup: warning: \(warning.field): " + warning.message + "\n"
        + (warning.fix.map { "  " + $0 + "\n" } ?? "")).utf8))
}

/// Prints a core error (cause, then fix) and exits with its code.
func fail(_ error: SetupError) -> ExitCode {
    printError(error.message)
    FileHandle.standardError.write(Data(("  " + error.fix + "\n").utf8))
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
    FileHandle.standardError.write(Data((question + " [y/N] ").utf8))
    guard let answer = readLine(strippingNewline: true)?.lowercased() else { return false }
    return answer == "y" || answer == "yes"
}

/// Reads one secret per line from standard input (never from argv).
func readSecrets(count: Int) -> [String] {
    var values: [String] = []
    while values.count < count, let line = readLine(strippingNewline: true) {
        values.append(line.trimmingCharacters(in: .whitespaces))
    }
    return values
}
