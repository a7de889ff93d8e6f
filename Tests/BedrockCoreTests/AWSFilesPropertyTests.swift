import BedrockCore
import Foundation
import TestSupport
import Testing

/// Generated ~/.aws/config files and random edits through our writer, with botocore as the
/// reader: the result parses, only the edited keys change in botocore's view, every other
/// line keeps its bytes, and making the same edit again changes nothing.
@Suite("AWS files: generated files, random edits, botocore as the oracle", .timeLimit(.minutes(3)))
struct AWSFilesPropertyTests {
    static let cases = Int(ProcessInfo.processInfo.environment["BEDROCK_SETUP_INI_CASES"] ?? "") ?? 300

    struct Edit {
        let header: String
        let values: [(String, String)]
        /// The profile name botocore shows it under, or nil for a non-profile section.
        var profile: String? {
            if header == "default" { return "default" }
            return header.hasPrefix("profile ") ? String(header.dropFirst("profile ".count)) : nil
        }
    }

    static func word(
        _ generator: inout SeededGenerator, _ alphabet: String = "abcdefghijklmnopqrstuvwxyz0123456789-_./:",
        length: ClosedRange<Int> = 1...16
    ) -> String {
        let characters = Array(alphabet)
        return String(
            (0..<Int.random(in: length, using: &generator)).map { _ in characters.randomElement(using: &generator)! })
    }

    /// A config file as people leave them: comments of both kinds, blank lines, indentation,
    /// nested service blocks, inline "comments" (which botocore keeps as part of the value),
    /// CRLF line ends, a missing final newline.
    static func file(_ generator: inout SeededGenerator) -> (text: String, headers: [String]) {
        let newline = Int.random(in: 0..<6, using: &generator) == 0 ? "\r\n" : "\n"
        var headers: [String] = []
        var lines: [String] = []
        if Bool.random(using: &generator) { lines.append("# " + word(&generator, "abc xyz#;=[]", length: 0...30)) }
        let sectionCount = Int.random(in: 0...6, using: &generator)
        var names = Set<String>()
        for _ in 0..<sectionCount {
            let kind = Int.random(in: 0..<10, using: &generator)
            let name = word(&generator, "abcdefghij-_", length: 1...8)
            let header: String
            switch kind {
            case 0: header = "default"
            case 1: header = "sso-session " + name
            case 2: header = "services " + name
            default: header = "profile " + name
            }
            guard names.insert(header == "default" ? "profile default" : header).inserted,
                !(header == "profile default")
            else { continue }
            headers.append(header)
            lines.append(
                (Bool.random(using: &generator)
                    ? "" : String(repeating: " ", count: Int.random(in: 0...2, using: &generator))) + "[\(header)]")
            var keys = Set<String>()  // botocore refuses a key set twice in one section
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                switch Int.random(in: 0..<8, using: &generator) {
                case 0: lines.append("; " + word(&generator, "abc =[]", length: 0...20))
                case 1: lines.append("")
                case 2 where keys.insert("s3").inserted:
                    lines.append(
                        "s3 =\n    max_concurrent_requests = \(Int.random(in: 1...99, using: &generator))\n    addressing_style = path"
                    )
                case 3 where keys.insert("region").inserted:
                    lines.append("region = " + word(&generator) + " # " + word(&generator))
                case 2, 3: continue
                default:
                    let key = [
                        "region", "output", "cli_pager", "role_arn", "source_profile",
                        "custom_\(Int.random(in: 0...9, using: &generator))",
                    ]
                    .randomElement(using: &generator)!
                    guard keys.insert(key).inserted else { continue }
                    let spacing = [" = ", "=", " =", "= ", "   =   "].randomElement(using: &generator)!
                    lines.append(key + spacing + word(&generator))
                }
            }
        }
        var text = lines.joined(separator: "\n").replacingOccurrences(of: "\n", with: newline)
        if !text.isEmpty, Bool.random(using: &generator) || Int.random(in: 0..<4, using: &generator) > 0 {
            text += newline
        }
        return (text, headers)
    }

    static func edit(_ generator: inout SeededGenerator, headers: [String]) -> Edit {
        let profiles = headers.filter { $0 == "default" || $0.hasPrefix("profile ") }
        let header =
            !profiles.isEmpty && Bool.random(using: &generator)
            ? profiles.randomElement(using: &generator)! : "profile new-" + word(&generator, "abcdef", length: 1...6)
        let keys = ["region", "output", "cli_pager", "sso_role_name"].shuffled(using: &generator).prefix(
            Int.random(in: 1...2, using: &generator))
        return Edit(
            header: header,
            values: keys.map { ($0, word(&generator, "abcdefghijklmnopqrstuvwxyz0123456789-", length: 1...12)) })
    }

    static func botocore(_ texts: [String]) throws -> [[String: Any]] {
        let input = String(decoding: try JSONSerialization.data(withJSONObject: texts), as: UTF8.self)
        let output = try run(["python3", TestPaths.repository + "/Tests/peers/aws_oracle.py", "--batch"], input: input)
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? []
    }

    static func lines(_ text: String) -> [String] {
        // "\r\n" is one Character in Swift: split on scalars so CRLF files split into lines too.
        // A terminator added to a last line that had none is not a change of that line.
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var scalars = String.UnicodeScalarView(line)
            if scalars.last == "\r" { scalars.removeLast() }
            return String(scalars)
        }
    }

    @Test func randomEditsChangeOnlyWhatTheyEdit() throws {
        var generator = SeededGenerator(seed: 7_2026)
        var befores: [String] = []
        var afters: [String] = []
        var edits: [Edit] = []
        var shiftedLines = 0
        var droppedContinuations = 0
        for _ in 0..<Self.cases {
            let (text, headers) = Self.file(&generator)
            let edit = Self.edit(&generator, headers: headers)
            var document = INIDocument(text: text)
            document.set(edit.values, in: edit.header)
            let after = document.text
            // The same edit again: not one byte.
            var again = INIDocument(text: after)
            again.set(edit.values, in: edit.header)
            #expect(again.text == after, "a repeated edit changed bytes:\n\(after)")
            // Lines: only the edited keys' lines and a new header may differ.
            let editedKeys = Set(edit.values.map(\.0))
            // Lines that only lost indentation (so a new key does not swallow them) count apart.
            let difference = Self.lines(after).difference(from: Self.lines(text))
            let removedTrimmed = difference.compactMap {
                if case .remove(_, let line, _) = $0 { line.trimmingCharacters(in: .whitespaces) } else { nil }
            }
            let insertedTrimmed = difference.compactMap {
                if case .insert(_, let line, _) = $0 { line.trimmingCharacters(in: .whitespaces) } else { nil }
            }
            let shifted = Set(removedTrimmed).intersection(insertedTrimmed)
            shiftedLines += shifted.count
            for change in difference {
                // A rewritten key drops the indented lines that continued its old value.
                if case .remove(_, let line, _) = change, line.first == " " || line.first == "\t",
                    !shifted.contains(line.trimmingCharacters(in: .whitespaces))
                {
                    droppedContinuations += 1
                    continue
                }
                switch change {
                case .remove(_, let line, _), .insert(_, let line, _):
                    let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
                    let key =
                        trimmed.split(separator: "=", maxSplits: 1).first.map {
                            $0.trimmingCharacters(in: .whitespaces)
                        } ?? ""
                    #expect(
                        editedKeys.contains(key) || trimmed == "[\(edit.header)]" || trimmed.isEmpty
                            || shifted.contains(line.trimmingCharacters(in: .whitespaces)),
                        "an untouched line changed: \(line.debugDescription)\nbefore:\n\(text)\nafter:\n\(after)")
                }
            }
            befores.append(text)
            afters.append(after)
            edits.append(edit)
        }
        let views = try Self.botocore(befores + afters)
        #expect(views.count == befores.count * 2)
        var checked = 0
        for (index, edit) in edits.enumerated() {
            let before = views[index]
            let after = views[befores.count + index]
            guard before["error"] == nil else { continue }  // a generated file botocore refuses as is
            #expect(after["error"] == nil, "botocore refuses our output: \(after["error"] ?? "")\n\(afters[index])")
            var expected = before["profiles"] as? [String: [String: String]] ?? [:]
            if let profile = edit.profile {
                for (key, value) in edit.values { expected[profile, default: [:]][key] = value }
            }
            #expect(
                (after["profiles"] as? [String: [String: String]] ?? [:]) == expected,
                "botocore's view changed beyond the edit:\nbefore:\n\(befores[index])\nafter:\n\(afters[index])")
            #expect(
                NSDictionary(dictionary: before["sso_sessions"] as? [String: Any] ?? [:])
                    .isEqual(to: after["sso_sessions"] as? [String: Any] ?? [:]))
            checked += 1
        }
        print(
            "INI property: \(Self.cases) generated files, \(checked) compared through botocore, 0 stray changes (\(shiftedLines) indented lines shifted left to keep their meaning, \(droppedContinuations) continuation lines replaced with their value), repeated edits 0 bytes"
        )
        #expect(checked >= Self.cases * 2 / 3)
    }
}
