import AWSClient
import BedrockCore
import Foundation
import TestSupport
import Testing

/// Issue 13's leak, hang and wording items (and the commit under signals), each on the whole
/// binary as reported. `BEDROCK_SETUP_BINARY=/path/to/older/bedrock-setup` runs them against an older build.
@Suite("Reliability: nothing leaked, nothing hangs", .timeLimit(.minutes(5)))
struct LeakAndHangTests {
    static let apiKey = "ABSKQmVkcm9ja0FQSUtleS1MRUFLQ0FOQVJZMDAwMDAwMDAwMDA="
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYLEAKCANARY1"
    static var strace: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/strace") }

    func input(_ home: TestHome, _ text: String) -> String {
        let path = home.root + "/input-" + UUID().uuidString
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        return path
    }

    /// The bedrock-setup process strace started (its child).
    func tracee(of parent: pid_t) -> pid_t? {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == parent { return pid }
        }
        return nil
    }

    // Item 6: a signal right after the first file is committed.
    @Test(.enabled(if: strace))
    func aSignalDuringTheCommitLeavesEveryFileOldOrEveryFileNew() throws {
        var outcomes: [String] = []
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            let home = TestHome()
            home.write(".claude/settings.json", "{\n  \"model\": \"opus\"\n}\n")
            let keys = input(home, "AKIAIOSFODNN7EXAMPLE\n\(Self.secret)\n")
            // The third rename (settings.json; the ledger's intent is first, the saved profile second) is held 1.5 s after it happened.
            let child = try Child(
                [
                    "-f", "-o", "/dev/null", "-e", "trace=rename,renameat,renameat2",
                    "-e", "inject=rename,renameat,renameat2:delay_exit=1500000:when=3", TestPaths.binary,
                    "apply", "--credentials", "aws-profile", "--aws-profile", "dev", "--region", "us-east-1",
                    "--write-keys",
                    "--secret-from-stdin", "--yes",
                ],
                environment: home.processEnvironment, directory: home.work, stdinPath: keys,
                executable: "/usr/bin/strace")
            let deadline = Date().addingTimeInterval(30)
            while home.read(".claude/settings.json")?.contains("AWS_PROFILE") != true, Date() < deadline {
                usleep(10_000)
            }
            let pid = try #require(tracee(of: child.pid))
            kill(pid, signal)
            let status = child.wait()
            let settingsNew = home.read(".claude/settings.json")?.contains("\"AWS_PROFILE\": \"dev\"") == true
            let credentialsNew = home.read(".aws/credentials")?.contains("[dev]") == true
            // The commit finishes, then the signal ends the run as it would have.
            #expect(settingsNew && credentialsNew && status == 128 + signal, "signal \(signal): exit \(status)")
            #expect(
                settingsNew == credentialsNew,
                "signal \(signal): settings.json names AWS_PROFILE=dev: \(settingsNew); ~/.aws has [dev]: \(credentialsNew)"
            )
            outcomes.append(
                "signal \(signal): exit \(status), settings \(settingsNew ? "new" : "old"), credentials \(credentialsNew ? "new" : "old")"
            )
        }
        print("item 6: " + outcomes.joined(separator: "; "))
    }

    // Item 12: the project target in a git repository.
    func repository() throws -> (TestHome, String) {
        let home = TestHome()
        try run(["git", "-C", home.work, "init", "-q"])
        let sub = home.work + "/src/deep"
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        return (home, sub)
    }

    @Test func theProjectTargetKeepsTheAPIKeyOutOfGit() throws {
        let (home, sub) = try repository()
        let key = input(home, Self.apiKey + "\n")
        let arguments = [
            "apply", "--credentials", "api-key", "--region", "us-east-1", "--secret-from-stdin", "--target", "project",
        ]
        let output = home.root + "/dry"
        _ = Child.runToEnd(
            try Child(
                arguments + ["--dry-run"], environment: home.processEnvironment, directory: sub, stdinPath: key,
                outputPath: output))
        #expect(
            (try? String(contentsOfFile: output, encoding: .utf8))?.contains(".git/info/exclude") == true,
            "the exclude line is not in the diff")
        #expect(
            Child.runToEnd(
                try Child(arguments + ["--yes"], environment: home.processEnvironment, directory: sub, stdinPath: key))
                == 0)
        // At the repository's root, as Claude Code 2.1.211+ reads it.
        #expect(home.read(home.work + "/.claude/settings.local.json")?.contains(Self.apiKey) == true)
        #expect(home.read(sub + "/.claude/settings.local.json") == nil)
        // git ignores it: `git add -A` stages nothing that holds the key.
        try run(["git", "-C", home.work, "add", "-A"])
        let staged = try run(["git", "-C", home.work, "diff", "--cached", "--name-only"])
        #expect(!staged.contains("settings.local.json"), "staged: \(staged)")
        let everything = try run(["git", "-C", home.work, "ls-files", "--others", "--cached", "--exclude-standard"])
        #expect(!everything.contains(".claude/"), "git would commit: \(everything)")
        // No backup of a secret-bearing file in the working tree.
        let inTree = (FileManager.default.subpaths(atPath: home.work) ?? []).filter {
            $0.contains(FileWriter.backupMarker)
        }
        #expect(inTree.isEmpty, "backups in the working tree: \(inTree)")
        // A second run (a new key) writes a backup, still outside.
        let second = input(home, "ABSKQmVkcm9ja0FQSUtleS1TRUNPTkRLRVkwMDAwMDAwMDAwMDA=\n")
        #expect(
            Child.runToEnd(
                try Child(
                    arguments + ["--yes"], environment: home.processEnvironment, directory: sub, stdinPath: second))
                == 0)
        #expect(
            (FileManager.default.subpaths(atPath: home.work) ?? []).filter { $0.contains(FileWriter.backupMarker) }
                .isEmpty)
    }

    @Test func aSecretIsNeverWrittenIntoAFileGitTracks() throws {
        let (home, sub) = try repository()
        home.write(home.work + "/.claude/settings.local.json", "{\n  \"model\": \"opus\"\n}\n")
        try run(["git", "-C", home.work, "add", "-f", ".claude/settings.local.json"])
        try run([
            "git", "-C", home.work, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "tracked",
        ])
        let key = input(home, Self.apiKey + "\n")
        let before = home.snapshot()
        let output = home.root + "/out"
        let status = Child.runToEnd(
            try Child(
                [
                    "apply", "--credentials", "api-key", "--region", "us-east-1", "--secret-from-stdin", "--target",
                    "project", "--yes",
                ],
                environment: home.processEnvironment, directory: sub, stdinPath: key, outputPath: output))
        let said = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        #expect(status == 65, "\(said)")
        #expect(said.contains("is tracked by git"), "\(said)")
        #expect(home.snapshot().filter { !$0.key.hasSuffix("/.lock") && $0.key != "out" } == before, "files changed")
        #expect(home.read(home.work + "/.claude/settings.local.json")?.contains(Self.apiKey) == false)
    }

    // Item 13: secrets the redactor did not recognise, in --dry-run and --json.
    @Test func diffsMaskEverySecretByWhatItIs() throws {
        let home = TestHome()
        let canaries = [
            "SESSIONCANARY0001xyz", "APIKEYCANARY0002xyz", "AUTHTOKENCANARY0003xyz", "SECURITYCANARY0004xyz",
            "MIXEDCASECANARY0005xyz",
        ]
        home.write(
            ".claude/settings.json",
            #"{"env": {"AWS_SESSION_TOKEN": "\#(canaries[0])", "ANTHROPIC_API_KEY": "\#(canaries[1])", "ANTHROPIC_AUTH_TOKEN": "\#(canaries[2])"}}"#
        )
        home.write(
            ".aws/credentials",
            "[dev]\naws_access_key_id = AKIAOLDOLDOLDOLDOLD1\naws_security_token = \(canaries[3])\nAws_Secret_Access_Key = \(canaries[4])\n",
            mode: 0o600)
        let keys = "AKIAIOSFODNN7EXAMPLE\n\(Self.secret)\n"
        var shown = ""
        for extra in [["--dry-run"], ["--dry-run", "--json"]] {
            let result = try home.cli(
                [
                    "apply", "--credentials", "aws-profile", "--aws-profile", "dev", "--region", "us-east-1",
                    "--write-keys",
                    "--secret-from-stdin", "--target", "user",
                ] + extra, input: keys)
            #expect(result.status == 0, "\(result.stderr)")
            shown += result.stdout + result.stderr
        }
        #expect(
            shown.contains("aws_security_token") && shown.contains("ANTHROPIC_AUTH_TOKEN"),
            "the diff does not show those lines at all")
        for canary in canaries + [Self.secret] {
            #expect(!shown.contains(canary), "\(canary) shown in full")
        }
    }

    // Item 14: --secret-from-stdin at a terminal.
    @Test func aSecretTypedAtATerminalIsPromptedForAndNeverEchoed() throws {
        let home = TestHome()
        let tmux = try TmuxSession(width: 120, height: 30, home: home.home, directory: home.work)
        try tmux.runRecordingTTY(
            TestPaths.binary + " apply --credentials api-key --region us-east-1 --secret-from-stdin --yes")
        try tmux.waitFor("Bedrock API key")
        try tmux.type(Self.apiKey)
        try tmux.press("Enter")
        let (screen, restored) = try tmux.waitForExit(0)
        #expect(restored, "stty differs after the run")
        #expect(!(try tmux.captureHistory()).contains(Self.apiKey), "the key is on the screen:\n\(screen)")
        #expect(home.read(".claude/settings.json")?.contains(Self.apiKey) == true)

        // Ctrl-C at the prompt: echo comes back (a fresh terminal, so the first prompt is not mistaken for it).
        let tmux2 = try TmuxSession(width: 120, height: 30, home: home.home, directory: home.work)
        try tmux2.runRecordingTTY(
            TestPaths.binary + " apply --credentials api-key --region us-east-1 --secret-from-stdin --yes")
        try tmux2.waitFor("(typing is not shown)")
        try tmux2.type("ABSKpartial")
        try tmux2.press("C-c")
        let interrupted = try tmux2.waitForExit(130)
        #expect(interrupted.restored, "echo stays off after Ctrl-C")
    }

    // Item 15: no core dump can carry a secret.
    @Test func coreDumpsAreOffBeforeAnySecretIsRead() throws {
        let home = TestHome()
        // A run waiting for its secret on standard input (a FIFO nobody writes to yet).
        let fifo = home.root + "/stdin"
        #expect(mkfifo(fifo, 0o600) == 0)
        // Opened read-write first, so the child's open for reading does not wait for a writer.
        let writer = open(fifo, O_RDWR)
        defer { close(writer) }
        let child = try Child(
            [
                "-c", "ulimit -c unlimited; exec \"$0\" \"$@\"", TestPaths.binary, "apply", "--credentials", "api-key",
                "--region", "us-east-1", "--secret-from-stdin", "--yes",
            ],
            environment: home.processEnvironment, directory: home.work, stdinPath: fifo, executable: "/bin/sh")
        _ = Self.apiKey.withCString { write(writer, $0, 20) }  // part of the key is in memory; the line is not finished
        func coreLimit() -> [Substring] {
            let limits = (try? String(contentsOfFile: "/proc/\(child.pid)/limits", encoding: .utf8)) ?? ""
            let line = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") } ?? ""
            return Array(line.split(separator: " ").dropFirst(4).prefix(2))
        }
        let deadline = Date().addingTimeInterval(5)
        while coreLimit() != ["0", "0"], Date() < deadline { usleep(50_000) }
        #expect(coreLimit() == ["0", "0"], "core limit \(coreLimit())")
        // A crash now writes nothing (core_pattern "core" puts it in the working folder).
        kill(child.pid, SIGQUIT)
        #expect(child.wait() == 128 + SIGQUIT)
        let cores =
            (try? FileManager.default.contentsOfDirectory(atPath: home.work))?.filter { $0.hasPrefix("core") } ?? []
        #expect(cores.isEmpty, "a core file was written: \(cores)")
    }

    // Item 16: untrusted text reaches the terminal with its control characters made visible.
    @Test func controlCharactersInFilesAndAnswersAreShownNotObeyed() async throws {
        let moto = try MotoPeer.shared.get()
        let fake = try await BedrockFake.trusting(moto)
        try await fake.configure(["fail": ["*": "escapes"]])
        let home = TestHome.bedrockSetup(
            moto: moto, bedrock: fake.url, model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0")
        // A cloned repository's settings with escape sequences in a value and a key.
        home.write(
            home.work + "/.claude/settings.json",
            #"{"env": {"ANTHROPIC_SMALL_FAST_MODEL": "us.anthropic.claude\u001b]52;c;cHduZWQ=\u0007\u001b[2J-haiku\u001b[32mALL GOOD\u202e"}}"#
        )
        let doctor = try home.cli(["doctor", "--timeout", "3"])
        let dryRun = try home.cli([
            "apply", "--credentials", "env", "--region", "us-east-1", "--target", "project", "--dry-run",
        ])
        // A value a script passes on: the error quotes it.
        let error = try home.cli([
            "apply", "--credentials", "env", "--region", "us-east-1\u{1B}]0;owned\u{07}\u{1B}[2J", "--yes",
        ])
        for (name, output) in [
            ("doctor", doctor.stdout + doctor.stderr), ("apply --dry-run", dryRun.stdout + dryRun.stderr),
            ("an error", error.stdout + error.stderr),
        ] {
            let raw = output.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value)
                    || (0x202A...0x202E).contains($0.value)
            }
            #expect(raw.isEmpty, "\(name) sent \(raw.count) raw control characters:\n\(output.debugDescription)")
        }
        #expect(doctor.stdout.contains("^["), "doctor did not show the escapes as text:\n\(doctor.stdout)")
    }

    // Item 17: answers are capped in size and the run in time.
    @Test func endlessOrHugeAnswersAreCutOffInTimeAndMemory() async throws {
        let moto = try MotoPeer.shared.get()
        var rows: [String] = []
        for mode in ["endless-body", "huge-error", "huge-header"] {
            let fake = try await BedrockFake.trusting(moto)
            try await fake.configure(["fail": ["*": mode]])
            let home = TestHome.bedrockSetup(
                moto: moto, bedrock: fake.url, model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0")
            let result = try bounded(home, ["doctor", "--timeout", "3"], seconds: 60)
            #expect(result.finished, "\(mode): still running after 60 s")
            #expect(result.status == 1, "\(mode): exit \(result.status)\n\(result.output)")
            #expect(result.seconds < 3 * 4 + 5, "\(mode): \(result.seconds) s")
            #expect(result.peakKilobytes < 300_000, "\(mode): peak \(result.peakKilobytes / 1024) MB")
            #expect(!result.output.contains("Out of memory"), "\(mode): \(result.output)")
            if mode == "huge-header" {
                #expect(result.output.contains("far more than any AWS answer"), "\(result.output)")
            }
            rows.append("\(mode): \(String(format: "%.1f", result.seconds)) s, peak \(result.peakKilobytes / 1024) MB")
        }
        print("item 17: doctor --timeout 3: " + rows.joined(separator: "; "))
    }

    // Item 18: a `credential_process` that closes its output and ignores SIGTERM ends within the run's time limit,
    // with its whole group, and is named as the cause.
    @Test func aHangingCredentialProcessEndsWithinTheRunsTimeLimit() throws {
        let home = TestHome()
        home.write("bin/hang.sh", "#!/bin/sh\nexec >&-\ntrap '' TERM\nsleep 287.18\n")
        chmod(home.home + "/bin/hang.sh", 0o755)
        home.write(".aws/config", "[profile p]\ncredential_process = $HOME/bin/hang.sh\nregion = us-east-1\n")
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "p"}}"#)
        let result = try bounded(
            home, ["doctor", "--timeout", "3"], environment: ["AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9"], seconds: 60
        )
        #expect(result.finished, "doctor --timeout 3 still running after 60 s")
        #expect(result.status == 1 && result.output.contains("did not finish in time"), "\(result.output)")
        #expect(result.seconds < 3 * 4 + 5, "\(result.seconds) s")
        // Nothing of the helper's group is left running (SIGKILL is delivered asynchronously: allow it 3 s).
        func stragglers() -> [String] {
            let left = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return left.filter { $0.allSatisfy(\.isNumber) }.compactMap {
                FileManager.default.contents(atPath: "/proc/\($0)/cmdline")
            }
            .map { String(decoding: $0, as: UTF8.self) }
            .filter { $0.contains(home.home + "/bin/hang.sh") || $0.contains("sleep\u{0}287.18") }
        }
        let deadline = Date().addingTimeInterval(3)
        while !stragglers().isEmpty, Date() < deadline { usleep(50_000) }
        #expect(stragglers().isEmpty, "left running: \(stragglers())")
        print(
            "item 18: doctor --timeout 3 with a credential_process that closes its output and ignores SIGTERM: \(String(format: "%.1f", result.seconds)) s"
        )
    }

    // Item 19: a file system without locks.
    @Test(.enabled(if: strace))
    func unsupportedLockingIsSaidAsSuchAtOnce() throws {
        let home = TestHome()
        let result = try bounded(
            home,
            [
                "-f", "-o", "/dev/null", "-e", "trace=flock", "-e", "inject=flock:error=ENOLCK", TestPaths.binary,
                "apply", "--credentials", "env", "--region", "us-east-1", "--yes",
            ], seconds: 30, executable: "/usr/bin/strace")
        #expect(result.status == 74, "\(result.output)")
        #expect(
            result.output.contains("does not support file locks") && !result.output.contains("Another bedrock-setup"),
            "\(result.output)")
        #expect(result.seconds < 5, "waited \(result.seconds) s for a lock that cannot exist")
    }

    // Item 20: the right words.
    @Test func invalidUTF8IsSaidAsSuch() throws {
        let home = TestHome()
        FileManager.default.createFile(
            atPath: home.home + "/.bashrc", contents: Data("# ok\nexport X=caf".utf8 + [0xE9, 0x0A]))
        let result = try home.cli([
            "apply", "--credentials", "env", "--region", "us-east-1", "--target", "shell", "--yes",
        ])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("is not UTF-8 text") && result.stderr.contains("line 2"), "\(result.stderr)")
        #expect(!result.stderr.contains("permissions"), "\(result.stderr)")
    }

    @Test func ssoCacheDatesBotocoreAcceptsAreRead() throws {
        let home = TestHome()
        home.write(".aws/config", SSOFixture.corp)
        home.write(
            ".claude/settings.json",
            #"{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-central-1", "AWS_PROFILE": "corp"}}"#)
        for date in [
            "2099-01-01T00:00:00", "Thu, 01 Jan 2099 00:00:00 GMT", "2099-01-01T00:00:00.123456",
            "2099-01-01 00:00:00+00:00",
        ] {
            home.write(
                ".aws/sso/cache/\(Digest.sha1Hex("corp")).json",
                #"{"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": "tok", "expiresAt": "\#(date)"}"#,
                mode: 0o600)
            let accepted = try run([
                "python3", "-c", "import sys, dateutil.parser; dateutil.parser.parse(sys.argv[1]); print('ok')", date,
            ])
            #expect(accepted == "ok\n", "botocore's parser refuses \(date)")
            let doctor = try home.cli(["doctor", "--offline", "--json"])
            #expect(
                !doctor.stdout.contains("ssoTokenMissing") && !doctor.stdout.contains("no SSO login")
                    && !doctor.stdout.contains("not logged in"),
                "\(date): \(doctor.stdout)")
        }
    }

    // Item 21: every activated target follows every change.
    @Test func profilesUseUpdatesEveryTargetTheSetupWasActivatedTo() throws {
        let home = TestHome()
        #expect(
            try home.cli([
                "apply", "--profile-name", "us", "--credentials", "env", "--region", "us-east-1", "--target", "user",
                "--target", "shell", "--yes",
            ]).status == 0)
        #expect(
            try home.cli([
                "apply", "--profile-name", "eu", "--credentials", "env", "--region", "eu-west-1", "--target", "user",
                "--yes",
            ]).status == 0)
        #expect(
            home.read(".config/bedrock-setup/env.sh")?.contains("AWS_REGION='eu-west-1'") == true,
            "apply --target user left env.sh stale")
        #expect(try home.cli(["profiles", "use", "us", "--yes"]).status == 0)
        let exported = try run([
            "bash", "-c", ". \"$1\"; echo $AWS_REGION", "bash", home.home + "/.config/bedrock-setup/env.sh",
        ])
        #expect(exported == "us-east-1\n", "env.sh exports \(exported)")
    }

    // Item 22: the demo cleans up after itself.
    @Test func theDemoLeavesNoFolderBehind() throws {
        let home = TestHome()
        let temp = home.root + "/tmp"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        // One left by a demo that was killed (its PID runs no more).
        try FileManager.default.createDirectory(
            atPath: temp + "/bedrock-setup-demo-999999-dead/home", withIntermediateDirectories: true)
        let tmux = try TmuxSession(
            width: 80, height: 24, home: home.home, environment: ["TMPDIR": temp], directory: home.work)
        try tmux.runRecordingTTY(TestPaths.binary + " --demo")
        try tmux.waitFor("DEMO")
        try tmux.press("q")
        #expect(try tmux.waitForExit(0).restored)
        let left = try FileManager.default.contentsOfDirectory(atPath: temp).filter {
            $0.hasPrefix("bedrock-setup-demo-")
        }
        #expect(left.isEmpty, "left behind: \(left)")
    }
}

extension Child {
    /// Waits for the exit (for readability where the run itself is the point).
    static func runToEnd(_ child: Child) -> Int32 { child.wait() }
}
