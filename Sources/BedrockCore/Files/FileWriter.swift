import FoundationEssentials
import Glibc

/// One file the tool means to change: the text it found and the text it will leave.
public struct FileChange: Sendable, Equatable {
    public let path: String
    public let label: String
    public let old: String?
    /// nil: delete the file.
    public let new: String?
    public let holdsSecret: Bool
    /// Mode for a file that does not exist yet.
    public let newFileMode: mode_t

    public init(path: String, label: String, old: String?, new: String?, holdsSecret: Bool, newFileMode: mode_t = 0o600) {
        self.path = path
        self.label = label
        self.old = old
        self.new = new
        self.holdsSecret = holdsSecret
        self.newFileMode = newFileMode
    }

    public var isNoOp: Bool { old == new }

    public func diff(redacting secrets: [String]) -> String {
        UnifiedDiff.render(old: old, new: new, path: path, redacting: secrets)
    }
}

public struct WriteReport: Sendable, Equatable {
    public let path: String
    public let label: String
    public let backup: String?
    public let created: Bool
    public let deleted: Bool
}

/// The only code that changes files. Every write is: take the lock, check nothing changed since
/// the plan, back up the old file, write a temp file beside the real target (exclusive create,
/// final mode before any byte), fsync, rename over the target, fsync the folder. A failure part
/// way rolls back the files already written.
public struct FileWriter: Sendable {
    public let lockPath: String
    /// Where the ledger of writes is kept (beside the lock), for `reset`.
    public var ledgerPath: String { PathText.parent(lockPath) + "/state.json" }
    public let lockWait: TimeInterval
    public let now: @Sendable () -> Date

    public static let tempMarker = ".bedrock-setup-tmp-"
    public static let backupMarker = ".bedrock-setup-backup-"

    public init(lockPath: String, lockWait: TimeInterval = 10, now: @escaping @Sendable () -> Date = Date.init) {
        self.lockPath = lockPath
        self.lockWait = lockWait
        self.now = now
    }

    public func apply(_ changes: [FileChange]) throws(SetupError) -> [WriteReport] {
        let pending = changes.filter { !$0.isNoOp }
        guard !pending.isEmpty || Self.hasStrayTemps(changes.map(\.path) + [ledgerPath]) else { return [] }
        let lock = try acquireLock()
        defer { flock(lock, LOCK_UN); close(lock) }
        // Under the lock no other run is mid-write, so any temp file left here is a killed run's.
        for path in changes.map(\.path) + [ledgerPath] { Self.removeStrayTemps(beside: (try? Self.resolve(path)) ?? path) }
        guard !pending.isEmpty else { return [] }

        // Everything that can be checked before the first byte is written, is.
        var targets: [(FileChange, String)] = []
        for change in pending {
            let real = try Self.resolve(change.path)
            let current = try TextFile.read(real)
            if current != change.old {
                throw .notWritable(path: change.path, reason: "it changed since the plan was made; run again to review the new diff")
            }
            try Self.checkFolder(of: real, creating: change.new != nil, folderMode: change.newFileMode & 0o044 != 0 ? 0o755 : 0o700)
            targets.append((change, real))
        }

        let stamp = Self.stamp(now())
        var done: [(real: String, backup: String?, created: Bool)] = []
        var reports: [WriteReport] = []
        do {
            for (change, real) in targets {
                var backup: String?
                let mode = try Self.mode(for: real, change: change)
                if let old = change.old {
                    let path = real + Self.backupMarker + stamp
                    try Self.atomicWrite(old, to: path, mode: 0o600)  // a backup is private, whatever it holds
                    backup = path
                }
                if let new = change.new {
                    try Self.atomicWrite(new, to: real, mode: mode)
                } else if unlink(real) != 0 {
                    throw SetupError.notWritable(path: change.path, reason: String(cString: strerror(errno)))
                }
                done.append((real, backup, change.old == nil))
                reports.append(WriteReport(path: change.path, label: change.label, backup: backup,
                                           created: change.old == nil, deleted: change.new == nil))
            }
        } catch {
            for entry in done.reversed() {
                if let backup = entry.backup, let text = try? TextFile.read(backup) {
                    try? Self.atomicWrite(text, to: entry.real, mode: Self.existingMode(backup) ?? 0o600)
                    unlink(backup)
                } else if entry.created {
                    unlink(entry.real)
                }
            }
            throw error as? SetupError ?? .notWritable(path: targets.first?.0.path ?? "", reason: "\(error)")
        }
        var ledger = WriteLedger.load(ledgerPath)
        for (report, (change, _)) in zip(reports, targets) {
            ledger.record(path: change.path, backup: report.backup, created: report.created, written: change.new)
        }
        try? Self.atomicWrite(ledger.text, to: ledgerPath, mode: 0o600)
        return reports
    }

    static func stamp(_ date: Date) -> String {
        TimeText.format(date, "%Y%m%dT%H%M%SZ", utc: true)
    }

    private func acquireLock() throws(SetupError) -> Int32 {
        try Self.makeFolder(PathText.parent(lockPath))
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .notWritable(path: lockPath, reason: String(cString: strerror(errno))) }
        let deadline = Date().addingTimeInterval(lockWait)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if Date() >= deadline {
                close(fd)
                throw .locked(path: lockPath)
            }
            usleep(50_000)
        }
        return fd
    }

    /// The real file behind a path: symlinks are written through, so they stay symlinks.
    static func resolve(_ path: String) throws(SetupError) -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else { return path }
        guard (info.st_mode & S_IFMT) == S_IFLNK else { return path }
        guard let real = realpath(path, nil) else { throw .danglingSymlink(path: path) }
        defer { free(real) }
        return String(cString: real)
    }

    static func existingMode(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    /// The existing mode is kept; a secret-bearing file is never left readable by others.
    static func mode(for real: String, change: FileChange) throws(SetupError) -> mode_t {
        let base = existingMode(real) ?? change.newFileMode
        return change.holdsSecret ? base & 0o700 : base
    }

    /// New folders are private unless the file is meant for others too (managed settings, shell start-up files).
    static func makeFolder(_ folder: String, mode: mode_t = 0o700) throws(SetupError) {
        var info = stat()
        if stat(folder, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .notWritable(path: folder, reason: "it is not a folder") }
            return
        }
        let parent = PathText.parent(folder)
        if parent != folder, !parent.isEmpty { try makeFolder(parent, mode: mode) }
        if mkdir(folder, mode) != 0, errno != EEXIST {
            throw .notWritable(path: folder, reason: String(cString: strerror(errno)))
        }
    }

    static func checkFolder(of real: String, creating: Bool, folderMode: mode_t = 0o700) throws(SetupError) {
        let folder = PathText.parent(real)
        var info = stat()
        if stat(folder, &info) != 0 {
            guard creating else { return }
            try makeFolder(folder, mode: folderMode)
            return
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .notWritable(path: real, reason: "\(folder) is not a folder") }
        if access(folder, W_OK | X_OK) != 0 { throw .notWritable(path: real, reason: "\(folder) is read-only") }
    }

    /// Temp files left by a run that was killed part way (of the file itself or of its
    /// backups); safe to remove under the lock.
    static func removeStrayTemps(beside real: String) {
        for path in strayTemps(beside: real) { unlink(path) }
    }

    static func strayTemps(beside path: String) -> [String] {
        let folder = PathText.parent(path)
        let base = PathText.lastComponent(path)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("." + base) && $0.contains(tempMarker) }
            .map { folder + "/" + $0 }
    }

    static func hasStrayTemps(_ paths: [String]) -> Bool {
        paths.contains { !strayTemps(beside: (try? resolve($0)) ?? $0).isEmpty }
    }

    static func atomicWrite(_ text: String, to real: String, mode: mode_t) throws(SetupError) {
        let folder = PathText.parent(real)
        let base = PathText.lastComponent(real)
        var fd: Int32 = -1
        var temp = ""
        for _ in 0..<16 {
            temp = folder + "/." + base + tempMarker + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw .notWritable(path: real, reason: String(cString: strerror(errno))) }
        var ok = false
        defer { if !ok { unlink(temp) } }
        // The umask may have narrowed the mode; set it exactly before any byte lands.
        var info = stat()
        if stat(real, &info) == 0 { _ = fchown(fd, info.st_uid, info.st_gid) }
        guard fchmod(fd, mode) == 0 else {
            close(fd)
            throw .notWritable(path: real, reason: String(cString: strerror(errno)))
        }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { Glibc.write(fd, $0 + written, buffer.count - written) } ?? 0
            }
            if result < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                throw .notWritable(path: real, reason: reason)
            }
            written += result
        }
        guard fsync(fd) == 0, close(fd) == 0 else { throw .notWritable(path: real, reason: String(cString: strerror(errno))) }
        guard rename(temp, real) == 0 else { throw .notWritable(path: real, reason: String(cString: strerror(errno))) }
        ok = true
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { fsync(dir); close(dir) }
    }
}
