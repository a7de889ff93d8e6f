import BedrockCore
import Foundation
import TestSupport
import Testing

/// What the file writer promises, checked on the whole binary: modes from birth (strace),
/// atomicity under SIGKILL, and two runs at once.
@Suite("Reliability: files", .serialized, .timeLimit(.minutes(5)))
struct FileSafetyTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYCANARYSEC1"
    static let apiKey = "ABSKQmVkcm9ja0FQSUtleS1DANARYCANARYAPIKEY"

    /// The option A run every test here makes: new static keys, every target.
    static func applyA(region: String, profile: String = "dev") -> [String] {
        [
            "apply", "--credentials", "aws-profile", "--aws-profile", profile, "--region", region, "--write-keys",
            "--secret-from-stdin",
            "--target", "user", "--target", "project", "--target", "shell", "--yes",
        ]
    }

    /// A HOME with something in every file the tool touches: a symlinked settings file, a
    /// group-readable .bashrc, AWS files with other profiles.
    func livedInHome() -> TestHome {
        let home = TestHome()
        home.write(".bashrc", "# mine\nalias ll='ls -l'\n", mode: 0o640)
        home.write("dotfiles/claude-settings.json", "{\n  \"model\": \"opus\"\n}\n", mode: 0o644)
        try! FileManager.default.createDirectory(atPath: home.home + "/.claude", withIntermediateDirectories: true)
        symlink(home.home + "/dotfiles/claude-settings.json", home.home + "/.claude/settings.json")
        home.write(".aws/config", "# keep me\n[profile other]\nregion = us-west-2\n", mode: 0o644)
        home.write(
            ".aws/credentials", "[other]\naws_access_key_id = AKIAOTHEROTHEROTHER1\naws_secret_access_key = other\n",
            mode: 0o600)
        return home
    }

    // MARK: strace

    struct Syscall {
        let name: String
        let arguments: String
        let result: String
        /// The quoted paths among the arguments, in order.
        var paths: [String] {
            arguments.matches(of: /"((?:[^"\\]|\\.)*)"/).map { String($0.1) }
        }
    }

    /// strace -f output as calls, with split (unfinished/resumed) lines joined per thread.
    static func parse(_ trace: String) -> [Syscall] {
        var pending: [String: String] = [:]
        var calls: [Syscall] = []
        for raw in trace.split(separator: "\n").map(String.init) {
            guard let space = raw.firstIndex(of: " ") else { continue }
            let pid = String(raw[..<space])
            var line = raw[space...].trimmingCharacters(in: .whitespaces)
            if line.hasSuffix("<unfinished ...>") {
                pending[pid] = String(line.dropLast("<unfinished ...>".count))
                continue
            }
            if line.hasPrefix("<... "), let resumed = line.range(of: " resumed>") {
                line = (pending.removeValue(forKey: pid) ?? "") + line[resumed.upperBound...]
            }
            guard let open = line.firstIndex(of: "("), let equals = line.range(of: ") = ", options: .backwards) else {
                continue
            }
            calls.append(
                Syscall(
                    name: String(line[..<open]), arguments: String(line[line.index(after: open)..<equals.lowerBound]),
                    result: String(line[equals.upperBound...])))
        }
        return calls
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace")))
    func straceAuditOfAFullApply() throws {
        let home = livedInHome()
        let input = home.root + "/input"
        FileManager.default.createFile(
            atPath: input, contents: Data("AKIAIOSFODNN7EXAMPLE\n\(Self.secret)\n".utf8),
            attributes: [.posixPermissions: 0o600])
        let apiKeyInput = home.root + "/api-key"
        FileManager.default.createFile(
            atPath: apiKeyInput, contents: Data("\(Self.apiKey)\n".utf8), attributes: [.posixPermissions: 0o600])
        var created = 0
        var renamed = 0
        var secretBearing: Set<String> = []
        // Option A (keys into ~/.aws), then option D (an API key into settings.json, env.sh and the profile).
        for (run, (arguments, stdin)) in [
            (Self.applyA(region: "eu-west-1"), input),
            (
                [
                    "apply", "--profile-name", "key", "--credentials", "api-key", "--region", "us-west-2",
                    "--secret-from-stdin",
                    "--target", "user", "--target", "shell", "--yes",
                ], apiKeyInput
            ),
        ].enumerated() {
            let tracePath = home.root + "/trace-\(run)"
            let child = try Child(
                [
                    "-f", "-qq", "-s", "4096", "-o", tracePath,
                    "-e", "trace=openat,open,creat,chmod,fchmod,fchmodat,rename,renameat,renameat2,link,linkat,execve",
                    TestPaths.binary,
                ] + arguments,
                environment: home.processEnvironment, directory: home.work, stdinPath: stdin,
                executable: "/usr/bin/strace")
            #expect(child.wait() == 0)
            let calls = Self.parse(try String(contentsOfFile: tracePath, encoding: .utf8))
            unlink(tracePath)

            // Which files hold a secret after this run: each must have been born private.
            secretBearing = Set(
                HomeImage(of: home.root).files.filter {
                    let text = String(decoding: $0.value.data, as: UTF8.self)
                    return text.contains(Self.secret) || text.contains(Self.apiKey)
                }.map { home.root + "/" + $0.key }
            ).subtracting([input, apiKeyInput])

            var renamedTargets: Set<String> = []
            var birthModes: [String: String] = [:]
            for call in calls {
                switch call.name {
                case "openat", "open", "creat":
                    guard call.arguments.contains("O_CREAT"), let path = call.paths.first, path.hasPrefix(home.root),
                        !call.result.hasPrefix("-1")
                    else { continue }
                    created += 1
                    let mode = String(call.arguments.split(separator: ",").last ?? "").trimmingCharacters(
                        in: .whitespaces)
                    birthModes[path] = mode
                    if path.contains(".bedrock-setup-backup-") || path.hasSuffix("/.lock")
                        || path.hasSuffix("state.json")
                    {
                        #expect(mode == "0600", "\(path) born \(mode)")
                    }
                case "rename", "renameat", "renameat2":
                    let paths = call.paths
                    guard paths.count == 2, paths[1].hasPrefix(home.root) else { continue }
                    renamed += 1
                    #expect(
                        paths[0].contains(FileWriter.tempMarker), "a rename not from a temp file: \(call.arguments)")
                    if secretBearing.contains(paths[1]) {
                        #expect(
                            birthModes[paths[0]] == "0600",
                            "run \(run): \(paths[1]) holds a secret but its temp file was born \(birthModes[paths[0]] ?? "?")"
                        )
                    }
                    renamedTargets.insert(paths[1])
                case "chmod", "fchmodat":
                    guard let path = call.paths.first, path.hasPrefix(home.root) else { continue }
                    #expect(!renamedTargets.contains(path), "chmod after rename: \(call.arguments)")
                case "fchmod":
                    Issue.record("fchmod during apply (modes must be set at birth): \(call.arguments)")
                case "execve":
                    #expect(
                        !call.arguments.contains(Self.secret) && !call.arguments.contains(Self.apiKey),
                        "a secret in argv")
                default: break
                }
            }
            #expect(!renamedTargets.contains(home.home + "/.claude/settings.json"), "the symlink itself was replaced")
        }
        #expect(secretBearing.contains(home.home + "/.aws/credentials"))
        #expect(secretBearing.contains(home.home + "/dotfiles/claude-settings.json"))
        print(
            "strace audit: \(created) files created, \(renamed) renames, \(secretBearing.count) files hold a secret, all born 0600; 0 chmod after rename"
        )
        #expect(created >= 10)

        // Symlinks stay symlinks; existing modes stay; secret files end private.
        var info = stat()
        lstat(home.home + "/.claude/settings.json", &info)
        #expect((info.st_mode & S_IFMT) == S_IFLNK)
        #expect(home.read(".claude/settings.json")?.contains("\"model\": \"opus\"") == true)
        #expect(home.mode(".bashrc") == 0o640)
        #expect(home.mode(".aws/config") == 0o644)
        for path in secretBearing { #expect(home.mode(path) == 0o600, "\(path)") }
    }

    // MARK: SIGKILL

    @Test func killedAtRandomPointsEveryFileIsWholeOldOrWholeNew() throws {
        let trials = Int(ProcessInfo.processInfo.environment["BEDROCK_SETUP_KILL_TRIALS"] ?? "") ?? 500
        let home = livedInHome()
        let oldInput = home.root + "/old"
        let newInput = home.root + "/new"
        FileManager.default.createFile(
            atPath: oldInput, contents: Data("AKIAOLDOLDOLDOLDOLD1\nold/\(Self.secret)\n".utf8))
        FileManager.default.createFile(
            atPath: newInput, contents: Data("AKIANEWNEWNEWNEWNEW1\nnew/\(Self.secret)\n".utf8))
        let env = home.processEnvironment
        let root = home.root

        // The new run names another profile: new keys for an existing one keep its region, as `aws configure` does, and
        // ~/.aws/config would not change.
        func runFully(_ region: String, _ input: String, profile: String) throws {
            #expect(
                try Child(
                    Self.applyA(region: region, profile: profile), environment: env, directory: home.work,
                    stdinPath: input
                ).wait() == 0)
        }
        try runFully("us-east-1", oldInput, profile: "dev")
        let oldImage = HomeImage(of: root)
        var durations: [Double] = []
        var newImage = oldImage
        for _ in 0..<5 {
            oldImage.restore(into: root)
            let started = DispatchTime.now().uptimeNanoseconds
            try runFully("eu-west-1", newInput, profile: "dev2")
            durations.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e3)
            newImage = HomeImage(of: root)
        }
        let old = oldImage.targets
        let new = newImage.targets
        let changing = new.keys.filter { old[$0] != new[$0] && !$0.hasSuffix("state.json") }
        #expect(changing.count >= 6, "the new run must change every target: \(changing)")
        let full = durations.sorted()[durations.count / 2]

        var generator = SeededGenerator(seed: 20_261_124)
        var counts = (before: 0, mixed: 0, after: 0, strays: 0)
        for trial in 0..<trials {
            oldImage.restore(into: root)
            // Half the kills anywhere in the run, half in its last 40%, where the writes are.
            let delay =
                trial % 2 == 0
                ? Double.random(in: 0...full * 1.1, using: &generator)
                : Double.random(in: full * 0.6...full * 1.05, using: &generator)
            let child = try Child(
                Self.applyA(region: "eu-west-1", profile: "dev2"), environment: env, directory: home.work,
                stdinPath: newInput)
            usleep(useconds_t(delay))
            kill(child.pid, SIGKILL)
            child.wait()

            let now = HomeImage(of: root)
            var states = Set<String>()
            for path in changing {
                let bytes = now.files[path]?.data
                if bytes == old[path] {
                    states.insert("old")
                } else if bytes == new[path] {
                    states.insert("new")
                } else {
                    Issue.record(
                        "trial \(trial) (kill after \(Int(delay)) µs): \(path) is neither old nor new:\n\(String(decoding: bytes ?? Data(), as: UTF8.self))"
                    )
                }
            }
            if let state = now.files[".config/bedrock-setup/state.json"] {
                #expect(
                    (try? JSONSerialization.jsonObject(with: state.data)) != nil,
                    "trial \(trial): state.json is not whole")
            }
            switch states {
            case ["old"]: counts.before += 1
            case ["new"]: counts.after += 1
            default: counts.mixed += 1
            }
            let strays = now.files.keys.filter { $0.contains(FileWriter.tempMarker) }
            if !strays.isEmpty || states.count > 1 {
                counts.strays += strays.isEmpty ? 0 : 1
                // The next run finishes the job and sweeps what the killed one left.
                try runFully("eu-west-1", newInput, profile: "dev2")
                let after = HomeImage(of: root)
                #expect(
                    after.files.keys.allSatisfy { !$0.contains(FileWriter.tempMarker) },
                    "trial \(trial): temp files survived the next run: \(after.files.keys.filter { $0.contains(FileWriter.tempMarker) })"
                )
                #expect(
                    changing.allSatisfy { after.files[$0]?.data == new[$0] },
                    "trial \(trial): the next run did not finish the job")
            }
        }
        print(
            "SIGKILL: \(trials) kills; all old \(counts.before), part-way \(counts.mixed), all new \(counts.after); temp files left by \(counts.strays), all swept by the next run; 0 partial files"
        )
        #expect(counts.before + counts.mixed + counts.after == trials)
    }

    // MARK: two at once

    @Test func twoRunsAtOnceAreSerialisedAndLoseNothing() throws {
        let home = livedInHome()
        let inputs = ["A", "B"].map { name in
            let path = home.root + "/input-" + name
            FileManager.default.createFile(
                atPath: path,
                contents: Data("AKIA\(name)\(name)\(name)EXAMPLE000001\n\(name)/\(Self.secret)\n".prefix(60).utf8))
            return path
        }
        let regions = ["us-east-1", "eu-central-1"]
        let initial = HomeImage(of: home.root)
        // What each run alone leaves, to recognise the winner.
        var alone: [[String: Data]] = []
        for index in 0..<2 {
            initial.restore(into: home.root)
            #expect(
                try Child(
                    Self.applyA(region: regions[index]), environment: home.processEnvironment, directory: home.work,
                    stdinPath: inputs[index]
                ).wait() == 0)
            alone.append(HomeImage(of: home.root).targets.filter { !$0.key.hasSuffix("state.json") })
        }
        // Both runs succeeding means one after the other: the second keeps the region the first gave profile dev (new
        // keys for an existing profile keep its region, as `aws configure` does). `sequential[i]`: run i went second.
        var sequential: [[String: Data]] = []
        for second in 0..<2 {
            initial.restore(into: home.root)
            for index in [1 - second, second] {
                #expect(
                    try Child(
                        Self.applyA(region: regions[index]), environment: home.processEnvironment, directory: home.work,
                        stdinPath: inputs[index]
                    ).wait() == 0)
            }
            sequential.append(HomeImage(of: home.root).targets.filter { !$0.key.hasSuffix("state.json") })
        }
        var outcomes: [String: Int] = [:]
        for round in 0..<12 {
            initial.restore(into: home.root)
            let output = NSTemporaryDirectory() + "bedrock-setup-two-at-once-" + UUID().uuidString
            defer { for index in 0..<2 { unlink(output + "-\(index)") } }
            let children = try (0..<2).map {
                try Child(
                    Self.applyA(region: regions[$0]), environment: home.processEnvironment, directory: home.work,
                    stdinPath: inputs[$0], outputPath: output + "-\($0)")
            }
            let codes = children.map { $0.wait() }
            for (index, code) in codes.enumerated() where code != 0 {
                let said = (try? String(contentsOfFile: output + "-\(index)", encoding: .utf8)) ?? ""
                #expect(
                    code == 74
                        && (said.contains("Another bedrock-setup is writing")
                            || said.contains("changed since the plan was made")),
                    "round \(round): exit \(code): \(said)")
            }
            let final = HomeImage(of: home.root)
            let targets = final.targets.filter { !$0.key.hasSuffix("state.json") }
            let winner =
                alone.firstIndex { $0 == targets } ?? (codes == [0, 0] ? sequential.firstIndex { $0 == targets } : nil)
            #expect(
                winner != nil,
                "round \(round): the files are a mix of both runs: \(targets.keys.sorted().filter { key in (alone + sequential).allSatisfy { $0[key] != targets[key] } })"
            )
            // Nothing lost: every content a run replaced is in a backup.
            let backups = Set(final.files.filter { $0.key.contains(".bedrock-setup-backup-") }.map(\.value.data))
            if codes == [0, 0], let winner {
                for (path, bytes) in alone[1 - winner] where targets[path] != bytes && initial.targets[path] != bytes {
                    #expect(
                        backups.contains(bytes),
                        "round \(round): \(path) from the first run was overwritten without a backup")
                }
            }
            outcomes[
                "\(codes.map(String.init).joined(separator: "/")) winner \(winner.map { regions[$0] } ?? "none")",
                default: 0] += 1
        }
        print(
            "two at once: \(outcomes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))"
        )
    }

    @Test func aHeldLockMakesTheSecondRunWaitThenFailClearlyWritingNothing() throws {
        let home = livedInHome()
        try FileManager.default.createDirectory(
            atPath: home.home + "/.config/bedrock-setup", withIntermediateDirectories: true)
        let held = open(home.home + "/.config/bedrock-setup/.lock", O_RDWR | O_CREAT, 0o600)
        #expect(flock(held, LOCK_EX) == 0)
        defer { close(held) }
        let before = HomeImage(of: home.home)
        let started = Date()
        let result = try home.cli(Self.applyA(region: "eu-west-1"), input: "AKIAIOSFODNN7EXAMPLE\n\(Self.secret)\n")
        let waited = Date().timeIntervalSince(started)
        #expect(result.status == 74)
        #expect(
            result.stderr.contains("Another bedrock-setup is writing files right now")
                && result.stderr.contains("Wait for it to finish"))
        #expect(waited >= 9, "it gave up at once (\(waited) s)")
        #expect(HomeImage(of: home.home) == before)
    }
}
