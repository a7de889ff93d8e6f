import BedrockCore
import Foundation
import TestSupport
import Testing

/// The hand-written text and path helpers that replaced slow library calls on the start-up path
/// (issue 16), each checked against the call it replaced, which serves as the oracle.
@Suite("Text and path helpers")
struct TextHelperTests {
    /// Strings built from pieces that make a scalar search hard: multi-byte scalars, a quote with a
    /// combining mark (one Character, two scalars), CRLF (one Character), and repeats that make a
    /// partial match fail late.
    static var haystacks: [String] {
        let pieces = ["a", "=", " #", "\r\n", "\n", "\"\u{301}", "\"", "é", "e\u{301}", "日本", "😀", "#", "ab", "aab"]
        var generator = SeededGenerator(seed: 16)
        return (0..<400).map { _ in
            (0..<Int(generator.next() % 12)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
                .joined()
        }
    }

    static let needles = ["=", " #", "\n", "\r", "\"", "\u{301}", "e", "é", "日", "本", "😀", "aab", "ab", "abab", ""]

    @Test("scalarRange finds what the standard library's scalar-by-scalar search finds, from any start")
    func scalarRangeMatchesTheGenericSearch() {
        var compared = 0
        for text in Self.haystacks {
            let starts = Array(text.unicodeScalars.indices) + [text.endIndex]
            for needle in Self.needles {
                for start in starts.prefix(6) {
                    let expected = text.unicodeScalars[start...].firstRange(of: needle.unicodeScalars)
                    let found = text.scalarRange(of: needle, from: start)
                    #expect(
                        found.map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
                            == expected.map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) },
                        "\(needle.debugDescription) in \(text.debugDescription)")
                    #expect(
                        found.map { String(text.unicodeScalars[$0]) }
                            == expected.map { String(text.unicodeScalars[$0]) })
                    compared += 1
                }
            }
        }
        #expect(compared > 10_000)
    }

    @Test("replacingEvery replaces what the standard library's scalar replacement replaces")
    func replacingEveryMatchesTheGenericReplacement() {
        for text in Self.haystacks {
            for needle in Self.needles where !needle.isEmpty {
                let expected = String(text.unicodeScalars.replacing(needle.unicodeScalars, with: "<\\>".unicodeScalars))
                #expect(text.replacingEvery(needle, with: "<\\>") == expected, "\(needle.debugDescription)")
            }
        }
    }

    @Test("resolvingSymlinks gives what Foundation's URL.resolvingSymlinksInPath gives")
    func resolvingSymlinksMatchesFoundation() throws {
        let home = TestHome()
        let real = home.root + "/real/projects"
        try FileManager.default.createDirectory(atPath: real + "/app/.claude", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: home.root + "/link", withDestinationPath: home.root + "/real")
        try FileManager.default.createSymbolicLink(
            atPath: home.root + "/relative", withDestinationPath: "real/projects")
        let paths = [
            home.root + "/link/projects/app", home.root + "/link/projects/app/.claude/settings.json",
            home.root + "/relative/app/", home.root + "/relative/app/.claude/../.claude", home.root + "/missing/x",
            home.root + "/link/projects/./app//.claude", real + "/app", "/",
        ]
        for path in paths {
            let foundation = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
            #expect(PathText.resolvingSymlinks(path) == foundation, "\(path)")
        }
        #expect(
            PathText.resolvingSymlinks(home.root + "/link/projects/app") == PathText.resolvingSymlinks(real + "/app"))
    }
}

@Suite("JSON parser: repeated keys in small and large objects")
struct JSONRepeatedKeyTests {
    /// Objects under 16 keys are checked key by key, larger ones with a set: both must keep every key in
    /// order and refuse a repeat wherever it falls, at the repeat's own line.
    @Test("a repeated key is refused at its own line, whatever the object's size", arguments: [3, 15, 16, 17, 40])
    func repeatedKeyIsRefused(size: Int) throws {
        var lines = (0..<size).map { "  \"key\($0)\": \($0)," }
        let unique = "{\n" + lines.joined(separator: "\n").dropLast() + "\n}"
        let parsed = try JSONParser.parse(unique)
        guard case .object(let members) = parsed else {
            Issue.record("not an object: \(parsed)")
            return
        }
        #expect(members.map(\.0) == (0..<size).map { "key\($0)" })
        for repeatAt in [1, size - 1] {
            lines.insert("  \"key0\": 0,", at: repeatAt)
            let text = "{\n" + lines.joined(separator: "\n").dropLast() + "\n}"
            do {
                _ = try JSONParser.parse(text)
                Issue.record("a repeat at \(repeatAt) of \(size) was accepted")
            } catch {
                #expect(error.reason.contains("\"key0\" appears twice") && error.line == repeatAt + 2, "\(error)")
            }
            lines.remove(at: repeatAt)
        }
    }
}

@Suite("JSON parser: separators and closing brackets")
struct JSONSeparatorTests {
    @Test(
        "a missing separator or bracket is named where it is",
        arguments: [
            ("{\"a\": 1 \"b\": 2}", "expected ',' or '}'", 1, 9),
            ("[1, 2 3]", "expected ',' or ']'", 1, 7),
            ("{\"a\": [1,\n 2", "unexpected end of file in an array", 2, 3),
            ("{\"a\": 1", "unexpected end of file in an object", 1, 8),
        ])
    func separatorProblems(text: String, reason: String, line: Int, column: Int) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("\(text.debugDescription) was accepted")
        } catch {
            #expect(error.reason == reason && error.line == line && error.column == column, "\(error)")
        }
    }

    @Test func nestedContainersCloseInOrder() throws {
        let value = try JSONParser.parse(#"{"a": [1, {"b": []}, []], "c": {}}"#)
        #expect(
            value.serialized()
                == "{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    },\n    []\n  ],\n  \"c\": {}\n}\n")
    }
}
