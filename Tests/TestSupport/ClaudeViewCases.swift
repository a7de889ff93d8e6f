import AWSClient
import BedrockCore
import Foundation

/// One rule of the facts page (CLAUDE-CODE.md) as a throw-away HOME: files, the shell, the
/// installed Claude Code version, and what Claude Code's view must say (keys of `doctor --json`'s
/// `claudeCode` object) plus diagnosis codes that
/// must be among the checks. `{HOME}` and `{WORK}` stand for the folders in files, the shell and
/// expectations (a literal `$HOME` stays, for the rules about shell expansion). Run through the resolver and through the whole binary; the AWS
/// CLI's view of the same HOME is checked against botocore.
public struct ViewCase: Sendable, CustomStringConvertible {
    public let rule: String
    /// Path → text; relative to HOME, or to the work folder when it starts with `@/`.
    public let files: [String: String]
    public let shell: [String: String]
    public let version: String?
    /// The folder Claude Code starts in, relative to the work folder ("" = the work folder; "~" = HOME).
    public let directory: String
    public let expect: [String: String?]
    public let codes: [String]
    public let absentCodes: [String]

    public init(
        _ rule: String, files: [String: String] = [:], shell: [String: String] = [:], version: String? = nil,
        directory: String = "",
        expect: [String: String?], codes: [String] = [], absentCodes: [String] = []
    ) {
        self.rule = rule
        self.files = files
        self.shell = shell
        self.version = version
        self.directory = directory
        self.expect = expect
        self.codes = codes
        self.absentCodes = absentCodes
    }

    /// The same, for rules that read better with the shell first.
    public init(
        _ rule: String, shell: [String: String], files: [String: String], version: String? = nil,
        directory: String = "",
        expect: [String: String?], codes: [String] = [], absentCodes: [String] = []
    ) {
        self.init(
            rule, files: files, shell: shell, version: version, directory: directory, expect: expect, codes: codes,
            absentCodes: absentCodes)
    }

    public var description: String { rule }

    /// A fresh HOME holding this case's files, with a `claude` on PATH that prints `version`
    /// (or fails, as when Claude Code is not installed).
    public func home() -> TestHome {
        let home = TestHome()
        for (path, text) in files {
            home.write(
                path.hasPrefix("@/") ? home.work + path.dropFirst(1) : path, substitute(text, home),
                mode: path.hasPrefix("bin/") ? 0o755 : 0o644)
        }
        home.write(
            "bin/claude", version.map { "#!/bin/sh\necho '\($0) (Claude Code)'\n" } ?? "#!/bin/sh\nexit 127\n",
            mode: 0o755)
        home.extraEnvironment = shell.mapValues { substitute($0, home) }
        home.extraEnvironment["PATH"] =
            home.home + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        home.extraEnvironment["BEDROCK_SETUP_MANAGED_SETTINGS"] = home.home + "/managed-settings.json"
        if !directory.isEmpty, directory != "~" {
            try? FileManager.default.createDirectory(
                atPath: home.work + "/" + directory, withIntermediateDirectories: true)
        }
        return home
    }

    public func folder(_ home: TestHome) -> String {
        directory == "~" ? home.home : directory.isEmpty ? home.work : home.work + "/" + directory
    }

    public func substitute(_ text: String, _ home: TestHome) -> String {
        text.replacingOccurrences(of: "{HOME}", with: home.home).replacingOccurrences(of: "{WORK}", with: home.work)
    }

    /// The differences between `object` (a `claudeCode` JSON object) and what this case expects.
    public func mismatches(_ object: [String: Any], home: TestHome) -> [String] {
        expect.keys.sorted().compactMap { path in
            let wanted = expect[path]!.map { substitute($0, home) }
            var value: Any? = object
            for part in path.split(separator: ".") { value = (value as? [String: Any])?[String(part)] }
            let actual: String? =
                switch value {
                case let text as String: text
                case let flag as Bool: flag ? "true" : "false"
                case is NSNull, nil: nil
                default: "\(value!)"
                }
            return actual == wanted ? nil : "\(path): expected \(wanted ?? "null"), got \(actual ?? "null")"
        }
    }
}

/// botocore's answers for the AWS CLI view, each on its HOME and shell, in one Python run.
public func botocoreResolutions(_ homes: [TestHome]) throws -> [[String: Any]] {
    let environments = homes.map { home in
        var environment = home.processEnvironment
        environment.removeValue(forKey: "BEDROCK_SETUP_MANAGED_SETTINGS")
        return environment
    }
    let input = String(decoding: try JSONSerialization.data(withJSONObject: environments), as: UTF8.self)
    let output = try run(
        ["python3", TestPaths.repository + "/Tests/peers/aws_oracle.py", "--resolve-batch"], input: input)
    return try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [[String: Any]]
}
