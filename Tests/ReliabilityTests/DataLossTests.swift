import BedrockCore
import Foundation
import TestSupport
import Testing

/// Issue 13's data-loss items, each reproduced on the whole binary as the report described it.
/// `BEDROCK_SETUP_BINARY=/path/to/older/bedrock-setup` runs them against an older build.
@Suite("Reliability: nothing lost", .timeLimit(.minutes(5)))
struct DataLossTests {
    static let original =
        "{\n  \"model\": \"opus\",\n  \"permissions\": {\"allow\": [\"Bash(ls)\"]},\n  \"env\": {\"AWS_REGION\": \"eu-north-1\", \"MINE\": \"1\"}\n}\n"

    static func apply(_ region: String, targets: [String] = ["user"]) -> [String] {
        ["apply", "--credentials", "env", "--region", region, "--yes"] + targets.flatMap { ["--target", $0] }
    }

    static func env(_ text: String?) -> [String: String] {
        guard let text, case .object(let members)? = try? JSONParser.parse(text)["env"] else { return [:] }
        return Dictionary(
            members.compactMap { key, value in value.stringValue.map { (key, $0) } }, uniquingKeysWith: { $1 })
    }

    /// Every backup under the test's root, wherever the tool keeps them.
    static func backups(_ home: TestHome) -> [String] {
        (FileManager.default.subpaths(atPath: home.root) ?? []).filter { $0.contains(FileWriter.backupMarker) }.map {
            home.root + "/" + $0
        }
    }

    // Item 1: two applies and a reset in one second; ten applies at once.
    @Test func sameSecondRunsNeverOverwriteABackupAndResetReturnsTheOriginal() throws {
        let home = TestHome()
        home.write(".claude/settings.json", Self.original, mode: 0o644)
        let started = Date()
        #expect(try home.cli(Self.apply("us-east-1")).status == 0)
        #expect(try home.cli(Self.apply("us-west-2")).status == 0)
        let reset = try home.cli(["reset", "--yes"])
        #expect(reset.status == 0, "\(reset.stderr)")
        print("item 1: two applies and a reset in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        #expect(home.read(".claude/settings.json") == Self.original)
        // Both replaced versions are kept, under different names.
        let kept = Self.backups(home).compactMap { home.read($0) }
        #expect(kept.contains(Self.original), "the original's backup was overwritten")
        #expect(kept.filter { $0.contains("us-east-1") }.count >= 1)
    }

    @Test func tenRunsAtOnceLoseNoOriginal() throws {
        let home = TestHome()
        home.write(".claude/settings.json", Self.original, mode: 0o644)
        let regions = [
            "us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1", "ap-southeast-2", "ca-central-1",
            "eu-west-3", "us-east-2", "ap-south-1",
        ]
        // All ten at once; each one that found another writing runs again at once, as a person would.
        var waiting = regions
        var codes: [Int32] = []
        for _ in 0..<12 where !waiting.isEmpty {
            let children = try waiting.map {
                try Child(Self.apply($0), environment: home.processEnvironment, directory: home.work)
            }
            let round = children.map { $0.wait() }
            codes += round
            waiting = zip(waiting, round).filter { $0.1 != 0 }.map(\.0)
        }
        #expect(waiting.isEmpty, "never applied: \(waiting)")
        #expect(codes.allSatisfy { $0 == 0 || $0 == 74 }, "\(codes)")
        #expect(Self.backups(home).compactMap { home.read($0) }.contains(Self.original), "the original is in no backup")
        #expect(try home.cli(["reset", "--yes"]).status == 0)
        #expect(home.read(".claude/settings.json") == Self.original)
        print("item 1: ten runs at once, \(codes.count) runs until all ten applied; original restored")
    }

    // Item 2: reset without backups removes only the tool's part.
    @Test func resetWithTheBackupsGoneRemovesOnlyWhatTheToolWrote() throws {
        let home = TestHome()
        let bashrc = "# my bashrc\nalias ll='ls -l'\n"
        home.write(".bashrc", bashrc, mode: 0o644)
        home.write(".claude/settings.json", Self.original, mode: 0o644)
        #expect(try home.cli(Self.apply("us-east-1", targets: ["user", "shell"])).status == 0)
        let backups = Self.backups(home)
        #expect(!backups.isEmpty)
        for path in backups { unlink(path) }
        let reset = try home.cli(["reset", "--yes"])
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(home.read(".bashrc") == bashrc)
        // The same settings (the backup's exact bytes are gone, so the file keeps its own indent).
        let restored = try JSONParser.parse(try #require(home.read(".claude/settings.json")))
        #expect(
            restored.sameContent(as: try JSONParser.parse(Self.original)), "\(home.read(".claude/settings.json") ?? "")"
        )
        #expect(home.read(".config/bedrock-setup/env.sh") == nil)
    }

    // Item 3: edits between two writes survive; the user's own earlier value comes back; the mode stays.
    @Test func resetKeepsEditsBetweenWritesAndRestoresEachKeyAndTheMode() throws {
        let home = TestHome()
        home.write(
            ".claude/settings.json", "{\n  \"env\": {\"AWS_REGION\": \"eu-north-1\", \"MINE\": \"1\"}\n}\n", mode: 0o644
        )
        #expect(try home.cli(Self.apply("us-east-1")).status == 0)
        // The user adds permissions between two runs.
        var edited = try JSONParser.parse(home.read(".claude/settings.json")!)
        edited = edited.setting("permissions", to: .object([("allow", .array([.string("Bash(ls)")]))]))
        home.write(".claude/settings.json", edited.serialized(), mode: 0o644)
        #expect(try home.cli(Self.apply("us-west-2")).status == 0)
        #expect(home.mode(".claude/settings.json") == 0o644)
        let reset = try home.cli(["reset", "--yes"])
        #expect(reset.status == 0, "\(reset.stderr)")
        let after = try JSONParser.parse(try #require(home.read(".claude/settings.json")))
        #expect(after["permissions"] != nil, "the edit made between the two runs is gone")
        #expect(Self.env(home.read(".claude/settings.json")) == ["AWS_REGION": "eu-north-1", "MINE": "1"])
        #expect(home.mode(".claude/settings.json") == 0o644)
    }

    @Test func resetGivesBackTheModeOfAFileAKeyMadePrivate() throws {
        let home = TestHome()
        home.write(".claude/settings.json", Self.original, mode: 0o644)
        let key = "ABSKQmVkcm9ja0FQSUtleS1tb2RlLXRlc3QtMDAwMDAwMDAwMDA="
        #expect(
            try home.cli(
                ["apply", "--credentials", "api-key", "--region", "us-east-1", "--secret-from-stdin", "--yes"],
                input: key + "\n"
            ).status == 0)
        #expect(home.mode(".claude/settings.json") == 0o600)
        home.write(
            ".claude/settings.json",
            home.read(".claude/settings.json")!.replacingOccurrences(
                of: "\"model\": \"opus\"", with: "\"model\": \"sonnet\""), mode: 0o600)
        #expect(try home.cli(["reset", "--yes"]).status == 0)
        #expect(home.mode(".claude/settings.json") == 0o644)
        #expect(Self.env(home.read(".claude/settings.json")) == ["AWS_REGION": "eu-north-1", "MINE": "1"])
        #expect(home.read(".claude/settings.json")?.contains("sonnet") == true)
    }

    // Item 4: only regular files are read or replaced; nothing hangs or fills memory.
    /// A HOME whose settings.json links to a memory device node of its own (major 1), never the real one.
    static func settingsLinkedToADevice(minor: UInt64) throws -> (TestHome, String) {
        let home = TestHome()
        let device = home.root + "/device-\(minor)"
        #expect(mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | minor)) == 0)
        try FileManager.default.createDirectory(atPath: home.home + "/.claude", withIntermediateDirectories: true)
        symlink(device, home.home + "/.claude/settings.json")
        return (home, device)
    }

    @Test(.enabled(if: geteuid() == 0, "mknod needs root"))
    func aLinkToACharacterDeviceIsRefusedAndTheDeviceStays() throws {
        let (home, device) = try Self.settingsLinkedToADevice(minor: 3)  // like /dev/null
        let result = try bounded(home, Self.apply("us-east-1"), seconds: 20)
        #expect(result.status == 74, "\(result.output)")
        #expect(result.output.contains("is a character device, not a regular file"), "\(result.output)")
        var info = stat()
        #expect(
            lstat(device, &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "the device was replaced by a regular file"
        )
    }

    @Test(.enabled(if: geteuid() == 0, "mknod needs root"))
    func aLinkToAnEndlessDeviceIsRefusedWithoutReadingIt() throws {
        let (home, _) = try Self.settingsLinkedToADevice(minor: 5)  // like /dev/zero
        let result = try bounded(home, Self.apply("us-east-1"), seconds: 20)
        #expect(result.status == 74 && result.output.contains("is a character device"), "\(result.output)")
        #expect(result.peakKilobytes < 200_000, "peak memory \(result.peakKilobytes) kB")
        print(
            "item 4: /dev/zero as settings.json: exit \(result.status) after \(String(format: "%.2f", result.seconds)) s, peak \(result.peakKilobytes / 1024) MB"
        )
    }

    @Test func aFIFOHangsNeitherApplyNorDoctorNorTheLog() throws {
        let home = TestHome()
        try FileManager.default.createDirectory(atPath: home.home + "/.claude", withIntermediateDirectories: true)
        #expect(mkfifo(home.home + "/.claude/settings.json", 0o644) == 0)
        let apply = try bounded(home, Self.apply("us-east-1"), seconds: 20)
        #expect(
            apply.status == 74 && apply.output.contains("is a FIFO (named pipe), not a regular file"), "\(apply.output)"
        )
        let doctor = try bounded(home, ["doctor", "--offline"], seconds: 20)
        #expect(doctor.finished && doctor.output.contains("FIFO"), "\(doctor.output)")
        unlink(home.home + "/.claude/settings.json")
        let log = home.root + "/log-fifo"
        #expect(mkfifo(log, 0o600) == 0)
        let logged = try bounded(home, ["doctor", "--offline"], environment: ["BEDROCK_SETUP_LOG": log], seconds: 20)
        #expect(logged.finished && logged.output.contains("not a regular file"), "\(logged.output)")
        print(
            "item 4: FIFO settings: apply \(String(format: "%.2f", apply.seconds)) s, doctor \(String(format: "%.2f", doctor.seconds)) s; FIFO log: \(String(format: "%.2f", logged.seconds)) s"
        )
    }

    // Item 5: duplicate keys are refused like any malformed JSON.
    @Test func duplicateKeysInSettingsAreRefusedNamingTheLine() throws {
        let home = TestHome()
        let text = "{\n  \"env\": {\"MINE\": \"1\"},\n  \"env\": {\"AWS_REGION\": \"ap-south-1\"}\n}\n"
        home.write(".claude/settings.json", text)
        let before = home.snapshot()
        let result = try home.cli(Self.apply("us-east-1"))
        #expect(result.status == 65)
        #expect(result.stderr.contains("line 3") && result.stderr.contains("\"env\" appears twice"), "\(result.stderr)")
        #expect(home.snapshot() == before)
    }

    // Item 7: two planned changes, one real file.
    @Test func twoNamesForOneFileAreRefusedBeforeAnyWrite() throws {
        let home = TestHome()
        home.write(".aws/config", "[profile other]\nregion = us-west-2\n", mode: 0o600)
        symlink(home.home + "/.aws/config", home.home + "/.aws/credentials")
        let before = home.snapshot()
        let result = try home.cli(
            [
                "apply", "--credentials", "aws-profile", "--aws-profile", "dev", "--region", "us-east-1",
                "--write-keys",
                "--secret-from-stdin", "--yes",
            ], input: "AKIAIOSFODNN7EXAMPLE\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n")
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("are the same file"), "\(result.stderr)")
        #expect(home.snapshot().filter { !$0.key.hasSuffix("/.lock") } == before)
    }

    // Item 8: a begin marker without its end.
    @Test func aLoneBeginMarkerNeverCostsTheUserTheirLines() throws {
        let home = TestHome()
        let bashrc = "# top\n\(RCBlock.begin)\nexport MY_LINE=1\nalias x=y\n"
        home.write(".bashrc", bashrc)
        #expect(try home.cli(Self.apply("us-east-1", targets: ["shell"])).status == 0)
        #expect(try home.cli(Self.apply("eu-west-1", targets: ["shell"])).status == 0)
        #expect(
            home.read(".bashrc")?.contains("export MY_LINE=1\nalias x=y\n") == true, "\(home.read(".bashrc") ?? "")")
        #expect(try home.cli(["reset", "--yes"]).status == 0)
        #expect(home.read(".bashrc") == bashrc)
    }

    // Item 9 (and item 20's disk full): a failed run rolls back bytes and mode, and says why.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace")))
    func aDiskFullPartWayRollsBackBytesAndModeAndSaysSo() throws {
        let home = TestHome()
        home.write(".claude/settings.json", Self.original, mode: 0o644)
        home.write(".bashrc", "# mine\n", mode: 0o644)
        let before = HomeImage(of: home.home)
        // The fourth rename (the ledger's intent, the profile, settings.json, then env.sh) fails as on a full disk.
        let result = try bounded(
            home,
            [
                "-f", "-o", "/dev/null", "-e", "trace=rename,renameat,renameat2",
                "-e", "inject=rename,renameat,renameat2:error=ENOSPC:when=4", TestPaths.binary,
            ] + Self.apply("us-east-1", targets: ["user", "shell"]),
            seconds: 30, executable: "/usr/bin/strace")
        #expect(result.status == 74, "\(result.output)")
        #expect(result.output.contains("is full"), "\(result.output)")
        #expect(!result.output.contains("Make the folder writable"), "\(result.output)")
        let after = HomeImage(of: home.home)
        #expect(
            after.targets.filter { !$0.key.hasPrefix(".config/") && !$0.key.hasPrefix(".local/") } == before.targets)
        #expect(home.mode(".claude/settings.json") == 0o644)
    }

    // Item 10: refuse ~/.aws files botocore refuses; keep a BOM's bytes.
    @Test func writeKeysRefusesFilesBotocoreRefuses() throws {
        for (name, config) in [
            ("duplicate section", "[profile dev]\nregion = us-east-1\n[profile dev]\noutput = json\n"),
            ("duplicate key", "[default]\nregion = us-east-1\nregion = us-west-2\n"),
            ("byte-order mark", "\u{FEFF}[default]\nregion = us-east-1\n"),
        ] {
            let home = TestHome()
            home.write(".aws/config", config, mode: 0o600)
            let before = home.snapshot()
            let result = try home.cli(
                [
                    "apply", "--credentials", "aws-profile", "--aws-profile", "dev", "--region", "us-east-1",
                    "--write-keys",
                    "--secret-from-stdin", "--yes",
                ], input: "AKIAIOSFODNN7EXAMPLE\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n")
            #expect(result.status == 65, "\(name): \(result.stderr)")
            #expect(
                result.stderr.contains("botocore")
                    && (name == "byte-order mark"
                        ? result.stderr.contains("byte-order mark") : result.stderr.contains("line ")),
                "\(name): \(result.stderr)")
            #expect(home.snapshot() == before, "\(name): files changed")
            #expect(try botocoreView(home)["error"] != nil, "\(name): botocore reads it after all")
        }
    }

    // Item 11: a root run in a user's HOME leaves nothing the user cannot read; folders get explicit modes.
    @Test(.enabled(if: geteuid() == 0, "needs root"))
    func aRootRunInAUsersHomeLeavesFilesOwnedByTheUser() throws {
        let home = TestHome()
        home.write(".bashrc", "# mine\n")
        let user: uid_t = 4242
        for path in [home.root, home.home, home.work, home.home + "/.bashrc"] { chown(path, user, user) }
        #expect(try home.cli(Self.apply("us-east-1", targets: ["user", "shell"])).status == 0)
        var rootOwned: [String] = []
        for relative in FileManager.default.subpaths(atPath: home.home) ?? [] {
            var info = stat()
            lstat(home.home + "/" + relative, &info)
            if info.st_uid != user { rootOwned.append(relative) }
        }
        #expect(rootOwned.isEmpty, "owned by root in the user's HOME: \(rootOwned)")
    }

    @Test func underUmask0777FoldersAreCreatedWithExplicitModes() throws {
        let home = TestHome()
        let result = try bounded(
            home,
            ["-c", "umask 0777; exec \"$0\" \"$@\"", TestPaths.binary]
                + Self.apply("us-east-1", targets: ["user", "shell"]),
            seconds: 30, executable: "/bin/sh")
        #expect(result.status == 0, "\(result.output)")
        for folder in [".config", ".config/bedrock-setup", ".claude"] {
            #expect(home.mode(folder) == 0o700, "\(folder) is \(String(home.mode(folder), radix: 8))")
        }
        #expect(home.mode(".claude/settings.json") == 0o600)
    }
}

/// A run with a deadline: killed (and reported unfinished) if it outlives it; peak memory from wait4.
struct BoundedRun {
    let status: Int32
    let output: String
    let finished: Bool
    let seconds: Double
    let peakKilobytes: Int
}

func bounded(
    _ home: TestHome, _ arguments: [String], environment: [String: String] = [:], seconds: Double,
    executable: String = TestPaths.binary
) throws -> BoundedRun {
    let output = home.root + "/bounded-\(UUID().uuidString)"
    defer { unlink(output) }
    let started = Date()
    let child = try Child(
        arguments, environment: home.processEnvironment.merging(environment) { $1 }, directory: home.work,
        outputPath: output, executable: executable)
    var status: Int32 = 0
    var usage = rusage()
    var finished = true
    while wait4(child.pid, &status, WNOHANG, &usage) == 0 {
        if Date().timeIntervalSince(started) > seconds {
            finished = false
            kill(child.pid, SIGKILL)
            while wait4(child.pid, &status, 0, &usage) < 0 && errno == EINTR {}
            break
        }
        usleep(20_000)
    }
    let signal = status & 0x7f
    return BoundedRun(
        status: signal == 0 ? (status >> 8) & 0xff : 128 + signal,
        output: (try? String(contentsOfFile: output, encoding: .utf8)) ?? "", finished: finished,
        seconds: Date().timeIntervalSince(started), peakKilobytes: usage.ru_maxrss)
}
