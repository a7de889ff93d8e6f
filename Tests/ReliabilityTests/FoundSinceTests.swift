import BedrockCore
import Foundation
import TestSupport
import Testing

/// Defects of issue 13's kinds (data lost, secrets leaked, hangs) found after its list, in code
/// that landed since (presets, the managed target, the discovery cache, the wizard runner).
/// Numbered after the issue's 22 in docs/reliability.md.
@Suite("Reliability: found since", .timeLimit(.minutes(5)))
struct FoundSinceTests {
    // 23: a root run that refreshed the discovery cache in a user's HOME left ~/.cache/bedrock-setup
    // root-owned (and, under umask 0777, mode 000): the user's own runs could never refresh it again.
    @Test(.enabled(if: geteuid() == 0, "chown needs root"))
    func aRootRunLeavesTheDiscoveryCacheOwnedByTheUser() throws {
        let home = TestHome()
        let user: uid_t = 4242
        chown(home.home, user, user)
        let cache = DiscoveryCache(paths: home.paths)
        let snapshot = DiscoverySnapshot(
            region: "eu-west-1", fetchedAt: Date(timeIntervalSince1970: 1_795_000_000),
            profiles: [
                .init(
                    id: "eu.anthropic.claude-opus-5",
                    arn: "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-opus-5",
                    type: "SYSTEM_DEFINED", modelArns: [])
            ])
        let previous = umask(0o777)
        defer { umask(previous) }
        try cache.save(snapshot)
        umask(previous)
        var wrong: [String] = []
        for relative in [
            ".cache", ".cache/bedrock-setup", ".cache/bedrock-setup/discovery",
            ".cache/bedrock-setup/discovery/eu-west-1.json",
        ] {
            var info = stat()
            lstat(home.home + "/" + relative, &info)
            if info.st_uid != user || info.st_mode & 0o700 == 0 {
                wrong.append("\(relative) uid \(info.st_uid) mode \(String(info.st_mode & 0o7777, radix: 8))")
            }
        }
        #expect(wrong.isEmpty, "\(wrong)")
        #expect(cache.load(region: "eu-west-1") == snapshot)
    }

    // 24: when the wizard's terminal went away without a SIGHUP (a terminal it was handed, not
    // its controlling one), the input thread spun at full CPU (a hung-up terminal reports POLLIN
    // with nothing to read) and the runner waited for ever for a key. Now: exit 130, demo folder gone.
    @Test func theWizardEndsWhenItsTerminalGoesAway() throws {
        let home = TestHome()
        let temp = home.root + "/tmp"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        let script = """
            import fcntl, os, pty, select, struct, subprocess, sys, termios, time
            master, slave = pty.openpty()
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            env = {"TERM": "xterm", "HOME": sys.argv[2], "TMPDIR": sys.argv[3], "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
            # setsid: a session of its own with no controlling terminal, so closing the pty sends no SIGHUP.
            child = subprocess.Popen(["setsid", sys.argv[1], "--demo"], stdin=slave, stdout=slave, stderr=slave, env=env)
            os.close(slave)
            seen, deadline = b"", time.time() + 60
            while time.time() < deadline and b"Enter" not in seen:
                if select.select([master], [], [], 0.5)[0]:
                    seen += os.read(master, 65536)
            os.close(master)
            started = time.time()
            try:
                code = child.wait(timeout=10)
                print("exited %d after %.2f s" % (code, time.time() - started))
            except subprocess.TimeoutExpired:
                stat = open("/proc/%d/stat" % child.pid).read().split()
                print("still running after 10 s, %.1f s of CPU" % ((int(stat[13]) + int(stat[14])) / os.sysconf("SC_CLK_TCK")))
                child.kill()
                child.wait()
            """
        let output = try run(["python3", "-c", script, TestPaths.binary, home.home, temp])
        #expect(output.hasPrefix("exited 130"), "\(output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp).isEmpty, "the demo left its folder behind")
        print("found 24: terminal gone: \(output.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    // 26: `apply --preset ADDRESS` repeated the address in full in every message about the
    // preset, with a password before the host or a token in the query (an S3 pre-signed URL holds
    // a session token and a signature).
    @Test func aPresetAddressNeverShowsItsSecrets() throws {
        let home = TestHome()
        let address =
            "https://deploy:PASSWORDCANARY@127.0.0.1:9/team.json?X-Amz-Security-Token=TOKENCANARY&X-Amz-Signature=SIGNATURECANARY"
        let result = try home.cli(["apply", "--preset", address, "--yes"])
        let shown = result.stdout + result.stderr
        #expect(result.status != 0)
        #expect(shown.contains("https://127.0.0.1:9/team.json?…"), "\(shown)")
        for canary in ["PASSWORDCANARY", "TOKENCANARY", "SIGNATURECANARY"] {
            #expect(!shown.contains(canary), "\(canary) shown: \(shown)")
        }
    }

    // 27: a gateway's credentials (ANTHROPIC_CUSTOM_HEADERS with `Authorization: Bearer …` or
    // `x-api-key: …`, ANTHROPIC_BEDROCK_BASE_URL with a password) were shown in full by diffs,
    // `--json` and doctor: the masking knew secret keys by name, not secrets inside other values.
    @Test func aGatewaysCredentialsAreNeverShown() throws {
        let home = TestHome()
        let headers = #"Authorization: Bearer HEADERSECRET-token-0001\nx-api-key: APIKEYSECRET-0002\nX-Team: platform"#
        home.write(
            ".claude/settings.json",
            """
            {
              "env": {
                "CLAUDE_CODE_USE_BEDROCK": "1",
                "AWS_REGION": "us-east-1",
                "ANTHROPIC_CUSTOM_HEADERS": "\(headers)",
                "ANTHROPIC_BEDROCK_BASE_URL": "https://team:URLSECRET-0003@gateway.example.com/bedrock"
              }
            }
            """)
        var shown = ""
        for arguments in [
            ["doctor", "--offline"], ["doctor", "--offline", "--json"], ["profiles", "list"],
            ["apply", "--credentials", "env", "--region", "us-west-2", "--dry-run"],
            ["apply", "--credentials", "env", "--region", "us-west-2", "--dry-run", "--json"],
        ] {
            let result = try home.cli(arguments)
            shown += result.stdout + result.stderr
        }
        for canary in ["HEADERSECRET", "APIKEYSECRET", "URLSECRET"] {
            #expect(!shown.contains(canary), "\(canary) shown:\n\(shown)")
        }
        // Masked where it stands, so the rest stays readable.
        #expect(shown.contains("Authorization: Bearer ****0001") && shown.contains("X-Team: platform"), "\(shown)")
        #expect(shown.contains("https://team:****0003@gateway.example.com/bedrock"), "\(shown)")
        // Only what is shown is masked: the file written keeps the real headers.
        #expect(try home.cli(["apply", "--credentials", "env", "--region", "us-west-2", "--yes"]).status == 0)
        #expect(home.read(".claude/settings.json")?.contains(headers) == true)
    }

    // 28: `reset` left the managed settings it wrote ("Nothing to change"): every user of the
    // machine kept the Bedrock setup after the administrator reset it.
    @Test func resetTakesBackWhatItWroteIntoManagedSettings() throws {
        let home = TestHome()
        let managed = home.root + "/etc/claude-code/managed-settings.json"
        let policy = "{\n  \"permissions\": {\"deny\": [\"Bash(curl:*)\"]}\n}\n"
        home.write(managed, policy, mode: 0o644)
        let environment = ["BEDROCK_SETUP_MANAGED_SETTINGS": managed]
        let applied = try home.cli(
            ["apply", "--credentials", "env", "--region", "eu-west-1", "--target", "managed", "--yes"],
            environment: environment)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(home.read(managed)?.contains("eu-west-1") == true)
        // Managed settings are only ever named explicitly, for `apply` as for `reset`.
        let reset = try home.cli(["reset", "--target", "managed", "--yes"], environment: environment)
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(home.read(managed) == policy, "\(home.read(managed) ?? "gone")")
        #expect(home.mode(managed) == 0o644)

        // A managed file the tool created goes away again.
        unlink(managed)
        #expect(
            try home.cli(
                ["apply", "--credentials", "env", "--region", "eu-west-1", "--target", "managed", "--yes"],
                environment: environment
            ).status == 0)
        #expect(try home.cli(["reset", "--target", "managed", "--yes"], environment: environment).status == 0)
        #expect(!FileManager.default.fileExists(atPath: managed))
    }

    // 29: a person's settings file, deleted by them after a first `apply` and then created by the
    // tool, was still remembered as theirs: `reset` left a file behind, their deleted values in it.
    @Test func aFileCreatedAgainIsRememberedAsCreated() throws {
        let home = TestHome()
        home.write(".claude/settings.json", #"{"model": "opus", "env": {"AWS_REGION": "eu-north-1"}}"#)
        let apply = ["apply", "--credentials", "env", "--region", "us-east-1", "--yes"]
        #expect(try home.cli(apply).status == 0)
        unlink(home.home + "/.claude/settings.json")
        #expect(try home.cli(apply + ["--model", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"]).status == 0)
        #expect(try home.cli(["reset", "--target", "user", "--yes"]).status == 0)
        #expect(home.read(".claude/settings.json") == nil, "\(home.read(".claude/settings.json") ?? "")")
    }

    // 31: `apply --secret-from-stdin` read standard input to the first line break, however far:
    // `< /dev/zero` (or a binary file piped in by mistake) grew memory without end.
    @Test func anEndlessSecretOnStandardInputIsRefused() throws {
        let home = TestHome()
        let apply = ["apply", "--credentials", "api-key", "--region", "us-east-1", "--secret-from-stdin", "--dry-run"]
        let result = try bounded(
            home, ["-c", "exec \"$0\" \"$@\" < /dev/zero", TestPaths.binary] + apply, seconds: 20, executable: "/bin/sh"
        )
        #expect(result.finished && result.status == 65, "\(result.output)")
        #expect(result.output.contains("runs past 64 KiB without a line break"), "\(result.output)")
        #expect(result.peakKilobytes < 200_000, "peak memory \(result.peakKilobytes) kB")
        // A key followed by more input is still read as one line.
        let key = "ABSK" + String(repeating: "Q", count: 120)
        let piped = try home.cli(apply, input: key + "\nmore input\n")
        #expect(piped.status == 0, "\(piped.stderr)")
        print(
            "found 31: /dev/zero as the secret: exit \(result.status) after \(String(format: "%.2f", result.seconds)) s, peak \(result.peakKilobytes / 1024) MB"
        )
    }

    // 32: the ledger (what each key was before the tool first set it) was written after the
    // files: a run killed after its renames (SIGKILL, power loss) left settings the ledger never
    // heard of, so `reset` changed nothing, and the next run recorded the tool's own values as
    // the "originals".
    @Test(.enabled(if: (try? run(["which", "strace"])) != nil))
    func aRunKilledAfterItsWritesStillLeavesResetTheOriginals() throws {
        let home = TestHome()
        home.write(".claude/settings.json", #"{"model": "opus", "env": {"AWS_REGION": "eu-north-1"}}"#)
        // Every rename held 0.4 s after it happened; killed as soon as settings.json is new.
        let child = try Child(
            [
                "-f", "-o", "/dev/null", "-e", "trace=rename,renameat,renameat2",
                "-e", "inject=rename,renameat,renameat2:delay_exit=400000", TestPaths.binary,
                "apply", "--credentials", "env", "--region", "us-east-1", "--target", "user", "--yes",
            ],
            environment: home.processEnvironment, directory: home.work, executable: "/usr/bin/strace")
        let deadline = Date().addingTimeInterval(30)
        while home.read(".claude/settings.json")?.contains("us-east-1") != true, Date() < deadline { usleep(5_000) }
        // The run itself (strace's child) is killed, inside the hold after settings.json's rename.
        let run = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap(pid_t.init).first { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == child.pid
        }
        kill(try #require(run), SIGKILL)
        child.wait()
        #expect(home.read(".claude/settings.json")?.contains("us-east-1") == true)
        let reset = try home.cli(["reset", "--target", "user", "--yes"])
        #expect(reset.status == 0, "\(reset.stderr)")
        let env = try JSONParser.parse(try #require(home.read(".claude/settings.json")))["env"]
        #expect(env?["AWS_REGION"] == .string("eu-north-1"), "\(home.read(".claude/settings.json") ?? "")")
        #expect(env?["CLAUDE_CODE_USE_BEDROCK"] == nil)
    }
}
