import BedrockCore
import Foundation
import TestSupport
import Testing

/// Over 200 hostile values against every file the tool writes: each is either read back
/// exactly by the file's real consumer (botocore, bash, fish, a JSON parser) or refused, and a
/// refused value never appears in the message.
@Suite("Hostile values", .timeLimit(.minutes(3)))
struct HostileValueTests {
    static let corpus: [String] = {
        let seeds = [
            "\n", "\r", "\r\n", "[profile x]", "credential_process = sh -c id", "#", ";", "\0", "\"", "'", "$(id)",
            "`id`", "\\",
            "=", " ", "\t", "%", "${HOME}", "!!", "*", "?", "~", "&&", "|", ">", "<", "é", "日本", "🚀", "\u{2028}",
            "\u{7F}", "\u{1B}[2J",
        ]
        var values: [String] = []
        for seed in seeds {
            values += [seed, "x" + seed, seed + "x", "a" + seed + "b", seed + seed, "ABSK" + seed + "tail"]
        }
        values += (0..<20).map { "multi\nline\($0)\nregion = evil" }
        return Array(Set(values)).sorted()
    }()

    @Test func theCorpusIsLargeEnough() { #expect(Self.corpus.count >= 200) }

    @Test func shellFilesReadBackExactlyOrRefuse() throws {
        let home = TestHome()
        var script = ""
        var expected: [String] = []
        for (index, value) in Self.corpus.enumerated() where !value.contains("\0") {
            script +=
                ShellExports.render([("ANTHROPIC_MODEL", value)], shell: .bash)
                + "printf '%s\\0' \"$ANTHROPIC_MODEL\" >> \"$OUT\"\n"
            expected.append(value)
            _ = index
        }
        home.write("all.sh", script)
        let out = home.home + "/out"
        _ = try run(["bash", "-c", "set -a; . \"$1\"", "bash", home.home + "/all.sh"], environment: ["OUT": out])
        let values = try String(contentsOfFile: out, encoding: .utf8).split(
            separator: "\0", omittingEmptySubsequences: false
        ).dropLast().map(String.init)
        #expect(values == expected)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/fish")))
    func fishFilesReadBackExactly() throws {
        let home = TestHome()
        var script = ""
        var expected: [String] = []
        for value in Self.corpus where !value.contains("\0") && !value.contains("\r") {
            script +=
                ShellExports.render([("ANTHROPIC_MODEL", value)], shell: .fish)
                + "printf '%s\\0' \"$ANTHROPIC_MODEL\" >> $OUT\n"
            expected.append(value)
        }
        home.write("all.fish", script)
        _ = try run(
            ["fish", "-c", "source $argv[1]", home.home + "/all.fish"], environment: ["OUT": home.home + "/out"])
        let values = try String(contentsOfFile: home.home + "/out", encoding: .utf8).split(
            separator: "\0", omittingEmptySubsequences: false
        ).dropLast().map(String.init)
        #expect(values == expected)
    }

    @Test func settingsJSONReadsBackExactly() throws {
        let env = Self.corpus.enumerated().map { ("K\($0.offset)", $0.element) }
        let text = SettingsMerge.text(SettingsMerge.apply(env: env, authRefresh: nil, to: nil), like: nil)
        let python = try run(
            [
                "python3", "-c",
                "import json,sys; d=json.load(sys.stdin); print(json.dumps([d['env']['K%d' % i] for i in range(\(env.count))]))",
            ],
            input: text)
        let decoded = try JSONSerialization.jsonObject(with: Data(python.utf8)) as? [String]
        #expect(decoded == Self.corpus)
        #expect(try JSONParser.parse(text)["env"]?["K0"] == .string(Self.corpus[0]))
    }

    @Test func awsFilesTakeOnlyValuesBotocoreReadsBackAndRefuseTheRestSilently() throws {
        let validator = Validator()
        var written = 0
        var refused = 0
        for value in Self.corpus {
            let home = TestHome()
            home.write(".aws/config", "# mine\n[profile keep]\nregion = us-east-1\n")
            let before = home.snapshot()
            let outcome: Result<(String, String), SetupError>
            do throws(SetupError) {
                let name = try validator.awsProfileName(value)
                let secret = try validator.secretAccessKey("secret" + value + "0123456789abcdef")
                let changes = try ActivationPlanner(paths: home.paths).awsConfigureChanges(
                    profile: name, accessKeyId: "AKIAIOSFODNN7EXAMPLE",
                    secretAccessKey: secret, region: "eu-west-1")
                _ = try FileWriter(lockPath: home.paths.lockFile).apply(changes)
                outcome = .success((name, secret))
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success(let (name, secret)):
                let view = try botocoreView(home)
                let credentials = (view["credentials"] as? [String: [String: String]])?[name]
                #expect(credentials?["secret_key"] == secret, "\(value.debugDescription)")
                #expect((view["profiles"] as? [String: [String: String]])?["keep"]?["region"] == "us-east-1")
                written += 1
            case .failure(let error):
                #expect(home.snapshot() == before)
                if value.trimmingCharacters(in: .whitespaces).count > 2 {
                    #expect(!error.description.contains(value), "\(error.description) echoes \(value.debugDescription)")
                }
                refused += 1
            }
        }
        #expect(written > 0 && refused > 0)
        print(
            "hostile values: \(Self.corpus.count); ~/.aws: \(written) written and read back by botocore, \(refused) refused without an echo or a change"
        )
    }
}
