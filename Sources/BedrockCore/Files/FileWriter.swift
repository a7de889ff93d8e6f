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
    /// The mode to leave the file with whatever it has now (`reset` giving a file its mode back).
    public let mode: mode_t?
    /// What of the file is the tool's, for the ledger and `reset`.
    public let ownership: Ownership

    public init(
        path: String, label: String, old: String?, new: String?, holdsSecret: Bool, newFileMode: mode_t = 0o600,
        mode: mode_t? = nil, ownership: Ownership = .none
    ) {
        self.path = path
        self.label = label
        self.old = old
        self.new = new
        self.holdsSecret = holdsSecret
        self.newFileMode = newFileMode
        self.mode = mode
        self.ownership = ownership
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
/// the plan (and that every target is a regular file, a distinct one, and no secret goes into a
/// file git tracks), then, with SIGINT, SIGTERM and SIGHUP held: back up each old file under a
/// name nothing else has (in the private backup folder, out of every working tree), write a temp
/// file beside the real target (exclusive create, final mode and owner before any byte), fsync,
/// rename over the target, fsync the folder, record the ledger. A failure part way rolls back
/// the files already written, bytes and mode.
public struct FileWriter: Sendable {
    public let lockPath: String
    /// Where backups go: private, outside every working tree.
    public let backupFolder: String
    /// Where the ledger of writes is kept (beside the lock), for `reset`.
    public var ledgerPath: String { PathText.parent(lockPath) + "/state.json" }
    public let lockWait: TimeInterval
    public let now: @Sendable () -> Date

    public static let tempMarker = ".bedrock-setup-tmp-"
    public static let backupMarker = ".bedrock-setup-backup-"

    public init(
        lockPath: String, backupFolder: String? = nil, lockWait: TimeInterval = 10,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.lockPath = lockPath
        self.backupFolder = backupFolder ?? PathText.parent(lockPath) + "/backups"
        self.lockWait = lockWait
        self.now = now
    }

    public init(paths: Paths, lockWait: TimeInterval = 10) {
        self.init(lockPath: paths.lockFile, backupFolder: paths.backupDirectory, lockWait: lockWait)
    }

    public func apply(_ changes: [FileChange]) throws(SetupError) -> [WriteReport] {
        let pending = changes.filter { !$0.isNoOp }
        guard
            !pending.isEmpty || Self.hasStrayTemps(changes.map(\.path) + [ledgerPath])
                || !Self.strayTemps(in: backupFolder).isEmpty
        else { return [] }
        let lock = try acquireLock()
        defer {
            flock(lock, LOCK_UN)
            close(lock)
        }
        // Under the lock no other run is mid-write, so any temp file left here is a killed run's.
        for path in changes.map(\.path) + [ledgerPath] {
            Self.removeStrayTemps(beside: (try? Self.resolve(path)) ?? path)
        }
        for path in Self.strayTemps(in: backupFolder) { unlink(path) }
        guard !pending.isEmpty else { return [] }

        // Everything that can be checked before the first byte is written, is.
        var targets: [(change: FileChange, real: String, mode: mode_t?)] = []
        var seen: [String: String] = [:]
        for change in pending {
            let real = try Self.resolve(change.path)
            let current = try TextFile.read(real)
            if current != change.old {
                throw .notWritable(
                    path: change.path, reason: "it changed since the plan was made; run again to review the new diff")
            }
            // Two names for one file (a symlink, a hard link): one change would silently undo the other.
            let identity = Self.identity(of: real)
            if let other = seen[identity] { throw .sameFile(paths: [other, change.path], real: real) }
            seen[identity] = change.path
            if change.holdsSecret, change.new != nil, let repository = GitRepository.containing(real),
                repository.tracks(real)
            {
                throw .secretInTrackedFile(path: change.path, repository: repository.root)
            }
            try Self.checkFolder(
                of: real, creating: change.new != nil, folderMode: change.newFileMode & 0o044 != 0 ? 0o755 : 0o700)
            targets.append((change, real, Self.existingMode(real)))
        }
        if targets.contains(where: { $0.change.old != nil }) { try Self.makeFolder(backupFolder) }

        return try CommitGuard.holdingSignals { () throws(SetupError) -> [WriteReport] in
            let stamp = Self.stamp(now())
            var done: [(real: String, old: String?, mode: mode_t?)] = []
            var reports: [WriteReport] = []
            // The ledger first: what each owned key was before this run is on disk before any
            // file changes, so a run killed part-way (SIGKILL, power loss) still leaves `reset`
            // what it needs. Completed (with the backups' names) once every file is written.
            let previous = WriteLedger.load(ledgerPath)
            let previousText = (try? TextFile.read(ledgerPath)) ?? nil
            var intent = previous
            for target in targets { intent.record(target.change, backup: nil, originalMode: target.mode) }
            if intent != previous { try? Self.atomicWrite(intent.text, to: ledgerPath, mode: 0o600) }
            do throws(SetupError) {
                for (change, real, originalMode) in targets {
                    var backup: String?
                    if let old = change.old {
                        backup = try Self.writeBackup(old, of: real, into: backupFolder, stamp: stamp)
                    }
                    if let new = change.new {
                        try Self.atomicWrite(new, to: real, mode: Self.mode(for: real, change: change))
                    } else if unlink(real) != 0 {
                        throw SetupError.notWritable(path: change.path, reason: String(cString: strerror(errno)))
                    }
                    done.append((real, change.old, originalMode))
                    reports.append(
                        WriteReport(
                            path: change.path, label: change.label, backup: backup,
                            created: change.old == nil, deleted: change.new == nil))
                }
            } catch {
                // Back to the old bytes and the old mode, newest first.
                for entry in done.reversed() {
                    if let old = entry.old {
                        try? Self.atomicWrite(old, to: entry.real, mode: entry.mode ?? 0o600)
                    } else {
                        unlink(entry.real)
                    }
                }
                if intent != previous {
                    if let previousText {
                        try? Self.atomicWrite(previousText, to: ledgerPath, mode: 0o600)
                    } else {
                        unlink(ledgerPath)
                    }
                }
                throw error
            }
            var ledger = previous
            for (report, target) in zip(reports, targets) {
                ledger.record(target.change, backup: report.backup, originalMode: target.mode)
            }
            try? Self.atomicWrite(ledger.text, to: ledgerPath, mode: 0o600)
            return reports
        }
    }

    static func stamp(_ date: Date) -> String {
        TimeText.format(date, "%Y%m%dT%H%M%SZ", utc: true)
    }

    private func acquireLock() throws(SetupError) -> Int32 {
        try Self.makeFolder(PathText.parent(lockPath))
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .notWritable(path: lockPath, reason: String(cString: strerror(errno))) }
        var folder = stat()
        if geteuid() == 0, stat(PathText.parent(lockPath), &folder) == 0 {
            _ = fchown(fd, folder.st_uid, folder.st_gid)
        }
        let deadline = Date().addingTimeInterval(lockWait)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            // Only "someone else holds it" is worth waiting for; ENOLCK (NFS without a lock
            // daemon) and the like will not go away.
            guard code == EWOULDBLOCK || code == EINTR else {
                close(fd)
                throw .lockingUnsupported(path: lockPath, reason: String(cString: strerror(code)))
            }
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

    /// Device and inode for an existing file, the path for one still to be created.
    static func identity(of real: String) -> String {
        var info = stat()
        return stat(real, &info) == 0 ? "\(info.st_dev):\(info.st_ino)" : real
    }

    static func existingMode(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    /// The existing mode is kept (or the one the change asks for); a secret-bearing file is
    /// never left readable by others.
    static func mode(for real: String, change: FileChange) -> mode_t {
        let base = change.mode ?? existingMode(real) ?? change.newFileMode
        return change.holdsSecret ? base & 0o700 : base
    }

    /// Creates a folder and its missing parents with an explicit mode whatever the umask (private
    /// unless the file is meant for others too: managed settings, shell start-up files), each owned
    /// like the folder it lands in (a root run in a user's HOME must not leave root-owned folders there).
    static func makeFolder(_ folder: String, mode: mode_t = 0o700) throws(SetupError) {
        var info = stat()
        if stat(folder, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw .notWritable(path: folder, reason: "it is not a folder")
            }
            return
        }
        let parent = PathText.parent(folder)
        if parent != folder, !parent.isEmpty { try makeFolder(parent, mode: mode) }
        if mkdir(folder, mode) != 0 {
            guard errno == EEXIST else { throw writeError(folder, errno) }
            return
        }
        // mkdir's mode passes through the umask (0777 would leave 000): set it exactly.
        chmod(folder, mode)
        var parentInfo = stat()
        if geteuid() == 0, stat(parent, &parentInfo) == 0, parentInfo.st_uid != 0 {
            _ = chown(folder, parentInfo.st_uid, parentInfo.st_gid)
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
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .notWritable(path: real, reason: "\(folder) is not a folder")
        }
        if access(folder, W_OK | X_OK) != 0 { throw .notWritable(path: real, reason: "\(folder) is read-only") }
    }

    /// The error for a failed write: a full disk says so, and so does everything else.
    static func writeError(_ path: String, _ code: Int32) -> SetupError {
        code == ENOSPC || code == EDQUOT
            ? .diskFull(path: path) : .notWritable(path: path, reason: String(cString: strerror(code)))
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

    static func strayTemps(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(tempMarker) }.map {
            folder + "/" + $0
        }
    }

    static func hasStrayTemps(_ paths: [String]) -> Bool {
        paths.contains { !strayTemps(beside: (try? resolve($0)) ?? $0).isEmpty }
    }

    /// A backup under a name no other backup has: created with link(2), which never replaces
    /// an existing name, from a complete temp file. Named after the whole path, so backups of
    /// two files called settings.json stay told apart.
    static func writeBackup(_ text: String, of real: String, into folder: String, stamp: String) throws(SetupError)
        -> String
    {
        var flat = real.replacingEvery("%", with: "%25").replacingEvery("/", with: "%")
        if flat.utf8.count > 160 { flat = "…" + String(flat.suffix(150)) }
        let base = folder + "/" + flat + backupMarker + stamp
        let temp = try writeTemp(text, beside: base, mode: 0o600)
        defer { unlink(temp) }
        var attempt = 1
        while true {
            let name = attempt == 1 ? base : base + "-\(attempt)"
            if link(temp, name) == 0 {
                syncFolder(folder)
                return name
            }
            guard errno == EEXIST, attempt < 10_000 else { throw writeError(name, errno) }
            attempt += 1
        }
    }

    /// A complete, fsynced temp file beside `real` (exclusive create, final mode and owner
    /// before any byte); the caller renames or links it into place.
    static func writeTemp(_ text: String, beside real: String, mode: mode_t) throws(SetupError) -> String {
        let folder = PathText.parent(real)
        let base = PathText.lastComponent(real)
        var fd: Int32 = -1
        var temp = ""
        for _ in 0..<16 {
            temp = folder + "/." + base + tempMarker + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw writeError(real, errno) }
        var ok = false
        defer { if !ok { unlink(temp) } }
        // Owned like the file it replaces, or like the folder it lands in (a root run in a
        // user's HOME); the umask may have narrowed the mode: set it exactly before any byte.
        var info = stat()
        if stat(real, &info) == 0 || (geteuid() == 0 && stat(folder, &info) == 0) {
            _ = fchown(fd, info.st_uid, info.st_gid)
        }
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
                let code = errno
                close(fd)
                throw writeError(real, code)
            }
            written += result
        }
        guard fsync(fd) == 0 else {
            let code = errno
            close(fd)
            throw writeError(real, code)
        }
        guard close(fd) == 0 else { throw writeError(real, errno) }
        ok = true
        return temp
    }

    static func atomicWrite(_ text: String, to real: String, mode: mode_t) throws(SetupError) {
        let temp = try writeTemp(text, beside: real, mode: mode)
        // Never rename over anything but a regular file: a device or FIFO put there since the
        // plan would be replaced (as root, /dev/null itself).
        var info = stat()
        if lstat(real, &info) == 0, let kind = TextFile.kind(of: info.st_mode) {
            unlink(temp)
            throw .notRegularFile(path: real, kind: kind)
        }
        guard rename(temp, real) == 0 else {
            let code = errno
            unlink(temp)
            throw writeError(real, code)
        }
        syncFolder(PathText.parent(real))
    }

    static func syncFolder(_ folder: String) {
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            fsync(dir)
            close(dir)
        }
    }
}
