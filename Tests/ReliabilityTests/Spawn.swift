import Foundation
import TestSupport

/// A child process started with posix_spawn, for tests that must time a SIGKILL or watch a
/// pid: Foundation's Process adds threads and pipes that blur both.
struct Child {
    let pid: pid_t

    /// Starts the built binary in `directory`, standard input from `stdinPath` (or /dev/null),
    /// standard output and error appended to `outputPath` (or /dev/null). Signals start unblocked.
    init(_ arguments: [String], environment: [String: String], directory: String, stdinPath: String? = nil,
         outputPath: String? = nil, executable: String = TestPaths.binary) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        // `env -C` changes folder and then becomes the program (same pid): the test process
        // cannot chdir itself, its other tests run at the same time.
        let argv = (["/usr/bin/env", "-C", directory, executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, envp)
        guard status == 0 else { throw SpawnFailure(code: status) }
        self.pid = pid
    }

    /// Waits for the exit; the status as a shell reports it (128+N for a signal).
    @discardableResult
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}

struct SpawnFailure: Error { let code: Int32 }

/// A HOME's files with their bytes and modes, to restore it exactly between trials.
struct HomeImage: Equatable {
    var files: [String: (data: Data, mode: mode_t)]
    var folders: [String]
    var links: [String: String]

    static func == (a: HomeImage, b: HomeImage) -> Bool {
        a.files.count == b.files.count && a.files.allSatisfy { b.files[$0.key]?.data == $0.value.data && b.files[$0.key]?.mode == $0.value.mode }
    }

    init(of home: String) {
        files = [:]
        folders = []
        links = [:]
        let enumerator = FileManager.default.enumerator(atPath: home)
        while let relative = enumerator?.nextObject() as? String {
            var info = stat()
            guard lstat(home + "/" + relative, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR { folders.append(relative) }
            if (info.st_mode & S_IFMT) == S_IFLNK { links[relative] = try? FileManager.default.destinationOfSymbolicLink(atPath: home + "/" + relative) }
            guard (info.st_mode & S_IFMT) == S_IFREG else { continue }
            files[relative] = (FileManager.default.contents(atPath: home + "/" + relative) ?? Data(), info.st_mode & 0o7777)
        }
    }

    func restore(into home: String) {
        try? FileManager.default.removeItem(atPath: home)
        for folder in folders { try? FileManager.default.createDirectory(atPath: home + "/" + folder, withIntermediateDirectories: true) }
        for (relative, file) in files {
            let path = home + "/" + relative
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: file.data)
            chmod(path, file.mode)
        }
        for (relative, destination) in links { symlink(destination, home + "/" + relative) }
    }

    /// The files a run means to change: no backups, no lock, no temp files.
    var targets: [String: Data] {
        files.filter { !$0.key.contains(".bedrock-setup-backup-") && !$0.key.hasSuffix("/.lock") && !$0.key.contains(".bedrock-setup-tmp-") }
            .mapValues(\.data)
    }
}
