import BedrockCore
import Foundation
import TestSupport
import Testing

/// The `managed` target: Claude Code's machine-wide managed-settings.json, written in a temporary root
/// (BEDROCK_SETUP_MANAGED_SETTINGS) with the same diff, backup and atomic writer, and read back by doctor.
@Suite("Managed settings target", .timeLimit(.minutes(3)))
struct ManagedSettingsTests {
    static let sonnet = "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"

    @Test func managedTargetKeepsOtherPoliciesAndDoctorSaysItOverridesEverything() throws {
        let home = TestHome()
        let managed = home.root + "/etc/claude-code/managed-settings.json"
        let environment = ["BEDROCK_SETUP_MANAGED_SETTINGS": managed]
        let dryRun = try home.cli(
            [
                "apply", "--credentials", "env", "--region", "eu-central-1", "--model", Self.sonnet, "--target",
                "managed", "--dry-run",
            ],
            environment: environment)
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("+++ \(managed)"))
        #expect(!FileManager.default.fileExists(atPath: managed))

        let applied = try home.cli(
            [
                "apply", "--credentials", "env", "--region", "eu-central-1", "--model", Self.sonnet, "--target",
                "managed", "--yes",
            ],
            environment: environment)
        #expect(applied.status == 0, "\(applied.stderr)")
        // Every user of the machine must be able to read it: the file 0644 and the folder made for it 0755.
        #expect(home.mode(managed) == 0o644)
        #expect(home.mode((managed as NSString).deletingLastPathComponent) == 0o755)
        #expect(home.read(".claude/settings.json") == nil)

        // A second write keeps an administrator's other policies and leaves a backup of the first.
        let first = try #require(home.read(managed))
        home.write(managed, "{\n  \"permissions\": {\"deny\": [\"Bash(curl:*)\"]},\n" + first.dropFirst(2))
        let again = try home.cli(
            ["apply", "--credentials", "env", "--region", "eu-west-1", "--target", "managed", "--yes"],
            environment: environment)
        #expect(again.status == 0, "\(again.stderr)")
        let settings = try JSONParser.parse(try #require(home.read(managed)))
        #expect(settings["permissions"]?["deny"] == .array([.string("Bash(curl:*)")]))
        #expect(settings["env"]?["AWS_REGION"] == .string("eu-west-1"))
        #expect(settings["env"]?["ANTHROPIC_MODEL"] == nil)
        // The backup is private, in the tool's own backup folder, never beside the shared file.
        let folder = (managed as NSString).deletingLastPathComponent
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(FileWriter.backupMarker) }
                .isEmpty)
        let backups = (FileManager.default.subpaths(atPath: home.root) ?? [])
            .filter { $0.contains("managed-settings.json" + FileWriter.backupMarker) }.map { home.root + "/" + $0 }
        #expect(backups.count == 1)
        #expect(backups.first.flatMap(home.read)?.contains("\"AWS_REGION\": \"eu-central-1\"") == true)
        #expect(backups.first.map(home.mode) == 0o600)
        let schemaCheck = try run([
            "python3", "-c",
            """
            import json, sys, jsonschema
            jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
            print("valid")
            """, TestPaths.vectors + "/claude-code-settings/schema.json", managed,
        ])
        #expect(schemaCheck == "valid\n")

        // doctor reads it back and says it wins.
        let doctor = try home.cli(["doctor", "--offline", "--json"], environment: environment)
        let report = try JSONParser.parse(doctor.stdout)
        #expect(report["managedSettings"]?["path"] == .string(managed))
        #expect(report["managedSettings"]?["env"]?["AWS_REGION"] == .string("eu-west-1"))
        #expect(report["managedSettings"]?["overridesEverything"] == .bool(true))
        let text = try home.cli(["doctor", "--offline"], environment: environment)
        #expect(
            text.stdout.contains(
                "Managed settings: \(managed) sets CLAUDE_CODE_USE_BEDROCK=1, AWS_REGION=eu-west-1; managed settings override every other settings file and the shell."
            ),
            "\(text.stdout)")
    }

    @Test func anAPIKeyNeverGoesIntoManagedSettings() throws {
        let home = TestHome()
        let managed = home.root + "/etc/claude-code/managed-settings.json"
        let result = try home.cli(
            ["apply", "--credentials", "api-key", "--region", "eu-central-1", "--target", "managed", "--yes"],
            environment: [
                "BEDROCK_SETUP_MANAGED_SETTINGS": managed,
                "AWS_BEARER_TOKEN_BEDROCK": "ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlCANARY42",
            ])
        #expect(result.status == 64)
        #expect(result.stderr.contains("every user of the machine can read that file"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: managed))
    }

    /// Without the rights to write there (run as `nobody` when the tests run as root), the refusal says why and
    /// nothing anywhere changes.
    @Test func withoutTheRightsToWriteItIsRefusedClearly() throws {
        let home = TestHome()
        let system = home.root + "/etc"
        try FileManager.default.createDirectory(atPath: system, withIntermediateDirectories: true)
        chmod(system, 0o555)
        defer { chmod(system, 0o755) }
        chmod(home.root, 0o777)
        chmod(home.home, 0o777)
        chmod(home.work, 0o777)
        let before = home.snapshot()
        let asUser = getuid() == 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let command =
            asUser + [
                TestPaths.binary, "apply", "--credentials", "env", "--region", "eu-central-1", "--target", "managed",
                "--yes",
            ]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["-C", home.work] + command
        process.environment = home.processEnvironment.merging([
            "BEDROCK_SETUP_MANAGED_SETTINGS": system + "/claude-code/managed-settings.json"
        ]) { $1 }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 74, "\(message)")
        #expect(message.contains("only an administrator can write them"), "\(message)")
        #expect(message.contains("Run the same command as root (e.g. with sudo)"))
        #expect(home.snapshot() == before)
    }
}
