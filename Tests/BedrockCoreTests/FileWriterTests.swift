import BedrockCore
import Foundation
import TestSupport
import Testing

@Suite("File writer")
struct FileWriterTests {
    func writer(_ home: TestHome, wait: TimeInterval = 10) -> FileWriter {
        FileWriter(lockPath: home.paths.lockFile, lockWait: wait, now: { Date(timeIntervalSince1970: 1_800_000_000) })
    }

    @Test func newSecretFileIsBornPrivateEvenUnderALaxUmask() throws {
        let home = TestHome()
        let old = umask(0)
        defer { umask(old) }
        let path = home.home + "/.config/bedrock-setup/profiles/p.json"
        let reports = try writer(home).apply([
            FileChange(path: path, label: "p", old: nil, new: "{}\n", holdsSecret: true)
        ])
        #expect(reports.map(\.path) == [path])
        #expect(reports.first?.created == true && reports.first?.backup == nil)
        #expect(home.mode(path) == 0o600)
        #expect(home.read(path) == "{}\n")
    }

    @Test func existingModeIsKeptButNeverLooserForSecrets() throws {
        let home = TestHome()
        home.write("shared.json", "{}\n", mode: 0o640)
        home.write("public.sh", "x\n", mode: 0o755)
        _ = try writer(home).apply([
            FileChange(
                path: home.home + "/shared.json", label: "s", old: "{}\n", new: "{\"a\": 1}\n", holdsSecret: true),
            FileChange(path: home.home + "/public.sh", label: "p", old: "x\n", new: "y\n", holdsSecret: false),
        ])
        #expect(home.mode("shared.json") == 0o600)
        #expect(home.mode("public.sh") == 0o755)
    }

    @Test func backupHoldsTheOldBytesAndIsPrivate() throws {
        let home = TestHome()
        home.write(".bashrc", "old\n", mode: 0o644)
        let reports = try writer(home).apply([
            FileChange(path: home.home + "/.bashrc", label: "rc", old: "old\n", new: "new\n", holdsSecret: false)
        ])
        let backup = try #require(reports.first?.backup)
        // In the private backup folder (out of every working tree), named after the whole path.
        #expect(
            backup == home.paths.toolDirectory + "/backups/"
                + (home.home + "/.bashrc").replacingOccurrences(of: "/", with: "%")
                + ".bedrock-setup-backup-20270115T080000Z")
        #expect(home.read(backup) == "old\n")
        #expect(home.mode(backup) == 0o600)
        #expect(home.read(".bashrc") == "new\n")
    }

    @Test func symlinkedTargetsStaySymlinks() throws {
        let home = TestHome()
        home.write("dotfiles/settings.json", "{}\n", mode: 0o644)
        try FileManager.default.createDirectory(atPath: home.home + "/.claude", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: home.home + "/.claude/settings.json", withDestinationPath: home.home + "/dotfiles/settings.json")
        _ = try writer(home).apply([
            FileChange(
                path: home.home + "/.claude/settings.json", label: "s", old: "{}\n", new: "{\"a\": 1}\n",
                holdsSecret: false)
        ])
        let destination = try FileManager.default.destinationOfSymbolicLink(
            atPath: home.home + "/.claude/settings.json")
        #expect(destination == home.home + "/dotfiles/settings.json")
        #expect(home.read("dotfiles/settings.json") == "{\"a\": 1}\n")
    }

    @Test func danglingSymlinkIsRefused() throws {
        let home = TestHome()
        try FileManager.default.createSymbolicLink(
            atPath: home.home + "/.bashrc", withDestinationPath: home.home + "/missing")
        #expect(throws: SetupError.danglingSymlink(path: home.home + "/.bashrc")) {
            try writer(home).apply([
                FileChange(path: home.home + "/.bashrc", label: "rc", old: nil, new: "x\n", holdsSecret: false)
            ])
        }
    }

    @Test func aFailurePartWayRollsBackAndLeavesEveryFileAsItWas() throws {
        let home = TestHome()
        home.write("a.txt", "a\n")
        home.write("blocker", "I am a file, not a folder\n")
        let before = home.snapshot()
        #expect(throws: SetupError.self) {
            try writer(home).apply([
                FileChange(path: home.home + "/a.txt", label: "a", old: "a\n", new: "A\n", holdsSecret: false),
                FileChange(path: home.home + "/blocker/b.txt", label: "b", old: nil, new: "b\n", holdsSecret: false),
            ])
        }
        var after = home.snapshot()
        after = after.filter { !$0.key.hasSuffix(".lock") }
        #expect(after == before)
    }

    @Test func aFileChangedSinceThePlanIsNotOverwritten() throws {
        let home = TestHome()
        home.write("a.txt", "edited meanwhile\n")
        #expect(
            throws: SetupError.notWritable(
                path: home.home + "/a.txt",
                reason: "it changed since the plan was made; run again to review the new diff")
        ) {
            try writer(home).apply([
                FileChange(path: home.home + "/a.txt", label: "a", old: "a\n", new: "A\n", holdsSecret: false)
            ])
        }
        #expect(home.read("a.txt") == "edited meanwhile\n")
    }

    @Test func straysFromAKilledRunAreCleanedUp() throws {
        let home = TestHome()
        home.write(".a.txt" + FileWriter.tempMarker + "dead", "partial")
        _ = try writer(home).apply([
            FileChange(path: home.home + "/a.txt", label: "a", old: nil, new: "A\n", holdsSecret: false)
        ])
        #expect(home.read(".a.txt" + FileWriter.tempMarker + "dead") == nil)
    }

    @Test func aSecondWriterWaitsThenFailsClearly() throws {
        let home = TestHome()
        try FileManager.default.createDirectory(atPath: home.paths.toolDirectory, withIntermediateDirectories: true)
        let held = open(home.paths.lockFile, O_RDWR | O_CREAT, 0o600)
        #expect(flock(held, LOCK_EX) == 0)
        defer { close(held) }
        #expect(throws: SetupError.locked(path: home.paths.lockFile)) {
            try writer(home, wait: 0.2).apply([
                FileChange(path: home.home + "/a.txt", label: "a", old: nil, new: "A\n", holdsSecret: false)
            ])
        }
        #expect(home.read("a.txt") == nil)
    }

    @Test func deleteRemovesAndBacksUp() throws {
        let home = TestHome()
        home.write("env.sh", "export A=1\n")
        let reports = try writer(home).apply([
            FileChange(path: home.home + "/env.sh", label: "e", old: "export A=1\n", new: nil, holdsSecret: true)
        ])
        #expect(home.read("env.sh") == nil)
        #expect(reports.first?.deleted == true)
        #expect(home.read(try #require(reports.first?.backup)) == "export A=1\n")
    }
}
