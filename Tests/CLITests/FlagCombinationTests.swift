import Foundation
import TestSupport
import Testing

/// Flags that contradict each other are refused by the command's `validate()`, before anything is read or written:
/// exit 64, a message naming both flags and the fix, and every file under the home byte for byte as it was.
@Suite("CLI: refused flag combinations", .timeLimit(.minutes(3)))
struct FlagCombinationTests {
    static let apply = [
        "apply", "--credentials", "env", "--region", "us-east-1", "--target", "user", "--target", "shell", "--yes",
    ]
    static let keys = [
        "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY",
    ]

    /// A home with a setup, a shell start-up file, an AWS profile and a team preset: everything a refused run could touch.
    func populatedHome() throws -> TestHome {
        let home = TestHome()
        home.write(".bashrc", "# mine\n")
        home.write(".aws/config", "[profile dev]\nregion = eu-west-1\n")
        home.write(".claude/settings.json", #"{"theme": "dark"}"#)
        let setup = try home.cli(
            ["apply", "--credentials", "env", "--region", "eu-west-1", "--yes"], environment: Self.keys)
        #expect(setup.status == 0, "\(setup.stderr)")
        let preset = try home.cli(["preset", "create", "team.json", "--yes"], environment: Self.keys)
        #expect(preset.status == 0, "\(preset.stderr)")
        return home
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        /// Words the message must hold: the flags in conflict and the way out.
        let says: [String]
        var testDescription: String { arguments.filter { $0.hasPrefix("-") }.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["--keep-demo-files"], says: ["--keep-demo-files", "add --demo"]),
        Case(arguments: ["--demo", "--preset", "team.json"], says: ["--demo", "--preset", "drop --preset"]),
        Case(arguments: apply + ["--force"], says: ["--force", "add --verify"]),
        Case(arguments: apply + ["--invoke"], says: ["--invoke", "add --verify"]),
        Case(arguments: apply + ["--write-keys"], says: ["--write-keys", "--credentials aws-profile", "not env"]),
        Case(
            arguments: apply + ["--sso-start-url", "https://corp.awsapps.com/start"],
            says: ["--sso-start-url", "--credentials sso"]),
        Case(arguments: apply + ["--aws-profile", "dev"], says: ["--aws-profile", "env does not use an AWS profile"]),
        Case(
            arguments: apply + ["--secret-from-stdin"],
            says: ["--secret-from-stdin", "--credentials api-key", "--write-keys"]),
        Case(
            arguments: apply + ["--small-fast-region", "us-west-2"],
            says: ["--small-fast-region", "add --small-fast-model"]),
        Case(arguments: apply + ["--skip-bedrock-auth"], says: ["--skip-bedrock-auth", "add --gateway-url"]),
        Case(
            arguments: apply + ["--mantle-url", "https://mantle.example.com"], says: ["--mantle-url", "add --mantle"]),
        Case(arguments: apply + ["--skip-mantle-auth"], says: ["--skip-mantle-auth", "add --mantle"]),
        Case(
            arguments: apply + ["--disable-prompt-caching", "--prompt-caching-1h"],
            says: ["--disable-prompt-caching", "--prompt-caching-1h", "choose one"]),
        // A preset fills what is missing, but a flag given on the line still has to agree with the others.
        Case(
            arguments: ["apply", "--preset", "team.json", "--credentials", "env", "--write-keys", "--yes"],
            says: ["--write-keys", "--credentials aws-profile"]),
        Case(
            arguments: ["doctor", "--offline", "--profile", "default", "--settings", "other.json"],
            says: ["--profile", "--settings", "give one"]),
    ]

    @Test(arguments: cases) func isRefusedWithBothFlagsNamedAndNothingChanges(_ refused: Case) throws {
        let home = try populatedHome()
        let before = home.snapshot()
        let result = try home.cli(refused.arguments, environment: Self.keys, input: "typed by mistake\n")
        #expect(result.status == 64, "\(result.stderr)")
        for words in refused.says { #expect(result.stderr.contains(words), "\(words) in \(result.stderr)") }
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        #expect(home.snapshot() == before, "files changed")
    }

    /// The control: the same home and the same line without the contradicting flag writes the setup.
    @Test func theSameLineWithoutTheContradictionWrites() throws {
        let home = try populatedHome()
        let result = try home.cli(Self.apply, environment: Self.keys)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(home.read(".claude/settings.json")?.contains("us-east-1") == true)
        #expect(home.read(".bashrc")?.contains("bedrock-setup") == true)
    }

    /// Where the preset supplies the other half, the check runs once the preset is read, still before any write.
    @Test func aContradictionWithThePresetsOwnAnswerIsRefusedBeforeWriting() throws {
        let home = try populatedHome()
        let before = home.snapshot()
        let result = try home.cli(["apply", "--preset", "team.json", "--write-keys", "--yes"], environment: Self.keys)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(
            result.stderr.contains("--write-keys") && result.stderr.contains("the preset sets env"), "\(result.stderr)")
        #expect(home.snapshot() == before, "files changed")
    }

    /// A flag whose companion the preset supplies is not refused: the preset's gateway with --skip-bedrock-auth.
    @Test func aCompanionFromThePresetIsEnough() throws {
        let home = TestHome()
        let setup = try home.cli(
            [
                "apply", "--credentials", "env", "--region", "us-east-1", "--gateway-url",
                "https://gateway.example.com", "--yes",
            ],
            environment: Self.keys)
        #expect(setup.status == 0, "\(setup.stderr)")
        #expect(try home.cli(["preset", "create", "gateway.json", "--yes"], environment: Self.keys).status == 0)
        let result = try home.cli(
            ["apply", "--preset", "gateway.json", "--skip-bedrock-auth", "--yes"], environment: Self.keys)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(home.read(".claude/settings.json")?.contains("CLAUDE_CODE_SKIP_BEDROCK_AUTH") == true)
    }
}
