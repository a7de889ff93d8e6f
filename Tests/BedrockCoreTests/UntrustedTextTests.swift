import BedrockCore
import Foundation
import TestSupport
import Testing

/// The core halves of issue 13's leak items: masking secrets by what they are, and showing
/// control characters instead of sending them; plus the git index reader.
@Suite("Untrusted text and secrets")
struct UntrustedTextTests {
    static let names = [
        "AWS_BEARER_TOKEN_BEDROCK", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
        "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN",
    ]

    /// Every secret name in three spellings, in every format a diff shows, alone and several on one line.
    static var corpus: [(line: String, secrets: [String])] {
        var lines: [(String, [String])] = []
        for (index, name) in names.enumerated() {
            let value = "CANARY\(index)q/Z+9xY8wV7uT6sR5"
            let mixed = name.split(separator: "_").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined(
                separator: "_")
            for spelling in [name, name.lowercased(), mixed] {
                lines += [
                    ("  \"\(spelling)\": \"\(value)\",", [value]),
                    ("{\"env\": {\"\(spelling)\": \"\(value)\"}}", [value]),
                    ("export \(spelling)='\(value)'", [value]),
                    ("export \(spelling)=\(value)", [value]),
                    ("set -gx \(spelling) '\(value)'", [value]),
                    ("\(spelling) = \(value)", [value]),
                    ("\(spelling)=\(value)", [value]),
                    ("\(spelling): \(value)", [value]),
                    ("\t\(spelling)   =   \(value)  ", [value]),
                    ("  \"\(spelling)\": \"\(value)\\\"still\"", [value, "still"]),
                ]
            }
        }
        // A one-line settings.json with all of them, and an SSO cache file.
        let all = names.enumerated().map {
            ("\"\($0.element)\": \"ONELINE\($0.offset)xYz0123456789\"", "ONELINE\($0.offset)xYz0123456789")
        }
        lines.append(
            ("{\"env\": {" + all.map(\.0).joined(separator: ", ") + ", \"AWS_REGION\": \"us-east-1\"}}", all.map(\.1)))
        lines.append(
            (
                #"{"accessToken": "aoaAAAtokenCANARY", "refreshToken": "rrrCANARYrefresh", "clientSecret": "cccCANARYsecret", "expiresAt": "2099-01-01T00:00:00Z"}"#,
                ["aoaAAAtokenCANARY", "rrrCANARYrefresh", "cccCANARYsecret"]
            ))
        // Bedrock API keys wherever they stand.
        lines.append(
            (
                "# my key is ABSKQmVkcm9ja0FQSUtleS1DQU5BUllJTlRFWFQ= (do not share)",
                ["ABSKQmVkcm9ja0FQSUtleS1DQU5BUllJTlRFWFQ="]
            ))
        lines.append(
            (
                "token: bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbg==",
                ["bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbg=="]
            ))
        return lines
    }

    @Test func everySecretInTheCorpusIsMasked() {
        let corpus = Self.corpus
        var masked = 0
        for (line, secrets) in corpus {
            let shown = SecretLine.redact(line)
            for secret in secrets where secret != "still" {
                #expect(!shown.contains(secret), "shown in full: \(shown)")
            }
            masked += secrets.count
        }
        print("item 13: \(corpus.count) corpus lines, \(masked) secrets, every one masked")
        #expect(corpus.count >= 180)
    }

    @Test func linesWithoutASecretValueStayAsTheyAre() {
        for line in [
            "unset AWS_SESSION_TOKEN AWS_REGION ANTHROPIC_MODEL", "set -e AWS_SESSION_TOKEN",
            "export AWS_REGION='us-east-1'",
            "  \"AWS_PROFILE\": \"dev\",", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
            "# AWS_SECRET_ACCESS_KEY is set elsewhere",
            "MY_AWS_SESSION_TOKEN_NOTE = plain",
        ] {
            #expect(SecretLine.redact(line) == line, "\(line) → \(SecretLine.redact(line))")
        }
    }

    @Test func diffsMaskAndShowControlCharacters() {
        let old =
            "{\"env\": {\"Aws_Session_Token\": \"SESSIONTOKENCANARY1\", \"X\": \"a\u{1B}]52;c;cHduZWQ=\u{07}b\"}}\n"
        let diff = UnifiedDiff.render(old: old, new: "{}\n", path: "settings.json")
        #expect(!diff.contains("SESSIONTOKENCANARY1"))
        #expect(!diff.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(diff.contains("^[]52;c;cHduZWQ=^G"))
    }

    @Test func controlCharactersAreMadeVisible() {
        #expect(
            TerminalText.visible("ok\u{1B}[2J\u{1B}]0;title\u{07}\r\u{7F}\u{9B}31m\u{202E}done\tend")
                == "ok^[[2J^[]0;title^G^M^?<U+009B>31m<U+202E>done\tend")
        #expect(TerminalText.visible("a\nb") == "a^Jb")
        #expect(TerminalText.visible("a\nb", keepingNewlines: true) == "a\nb")
        #expect(TerminalText.visible("plain · text ✓ 日本") == "plain · text ✓ 日本")
    }

    @Test func duplicateKeysAreRefusedWithTheirLine() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("{\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}}") }
        do {
            _ = try JSONParser.parse("{\n  \"env\": {},\n  \"env\": {\"AWS_REGION\": \"ap-south-1\"}\n}")
            Issue.record("accepted")
        } catch {
            #expect(error.line == 3 && error.reason.contains("\"env\" appears twice"))
        }
        #expect((try? JSONParser.parse("{\"a\": {\"x\": 1}, \"b\": {\"x\": 1}}")) != nil)
    }

    @Test func theGitIndexReaderAgreesWithGit() throws {
        let home = TestHome()
        let repo = home.work
        try run(["git", "-C", repo, "init", "-q"])
        let names = [
            "a.txt", "dir/b.json", "dir/sub/c d.txt", ".claude/settings.local.json", "ünïcode/é.txt",
            String(repeating: "long/", count: 30) + "f",
        ]
        for name in names { home.write(repo + "/" + name, "x\n") }
        home.write(repo + "/untracked.txt", "x\n")
        try run(["git", "-C", repo, "add", "-f"] + names)
        for version in ["2", "3", "4"] {
            try run(["git", "-C", repo, "update-index", "--index-version", version])
            let repository = try #require(GitRepository.containing(repo + "/dir/sub"))
            #expect(repository.root == repo)
            for name in names { #expect(repository.tracks(repo + "/" + name), "index v\(version): \(name)") }
            #expect(!repository.tracks(repo + "/untracked.txt"))
            #expect(!repository.tracks(home.home + "/elsewhere"))
        }
    }
}
