import FoundationEssentials
import Glibc

/// Just enough of git, read from its files (no `git` process): where a working tree's root is,
/// where its `info/exclude` lives, and whether a path is tracked. Used to keep secrets out of
/// repositories.
public struct GitRepository: Sendable, Equatable {
    /// The working tree's root folder.
    public let root: String
    /// The repository folder (`.git`, or where a `.git` file points for worktrees and submodules).
    public let gitDirectory: String
    /// Where `info/exclude` and the objects live (a linked worktree shares its main repository's).
    public let commonDirectory: String

    /// The working tree that holds `path` (a file or folder), if any.
    public static func containing(_ path: String) -> GitRepository? {
        var folder = PathText.standardized(path)
        var info = stat()
        if stat(folder, &info) != 0 || (info.st_mode & S_IFMT) != S_IFDIR { folder = PathText.parent(folder) }
        while !folder.isEmpty {
            if let repository = at(folder) { return repository }
            if folder == "/" { break }
            folder = PathText.parent(folder)
        }
        return nil
    }

    static func at(_ folder: String) -> GitRepository? {
        let dotGit = (folder == "/" ? "" : folder) + "/.git"
        var info = stat()
        guard lstat(dotGit, &info) == 0 else { return nil }
        var gitDirectory = dotGit
        if (info.st_mode & S_IFMT) == S_IFREG {
            // `gitdir: PATH` (worktrees, submodules), relative to the folder holding `.git`.
            guard let text = try? TextFile.read(dotGit), let line = text.split(separator: "\n").first,
                line.hasPrefix("gitdir:")
            else { return nil }
            let target = line.dropFirst("gitdir:".count).trimmingSpaces()
            gitDirectory = target.hasPrefix("/") ? target : PathText.standardized(PathText.joined(folder, target))
        } else if (info.st_mode & S_IFMT) != S_IFDIR {
            return nil
        }
        var common = gitDirectory
        if let text = (try? TextFile.read(gitDirectory + "/commondir")) ?? nil {
            let target = text.trimmingWhitespace()
            common = target.hasPrefix("/") ? target : PathText.standardized(PathText.joined(gitDirectory, target))
        }
        return GitRepository(root: folder, gitDirectory: gitDirectory, commonDirectory: common)
    }

    public var excludeFile: String { commonDirectory + "/info/exclude" }

    /// The path relative to the root, `/`-separated; nil when it is outside this working tree.
    public func relative(_ path: String) -> String? {
        let standard = PathText.standardized(path)
        let prefix = root == "/" ? "/" : root + "/"
        guard standard.hasPrefix(prefix) else { return nil }
        return String(standard.dropFirst(prefix.count))
    }

    /// Whether git's index lists `path`: it is (or is about to be) committed. Reads index
    /// versions 2 to 4; an index it cannot read counts as tracking nothing.
    public func tracks(_ path: String) -> Bool {
        guard let relative = relative(path), let index = try? TextFile.readBytes(gitDirectory + "/index") ?? nil else {
            return false
        }
        return Self.paths(inIndex: index)?.contains(relative) ?? false
    }

    /// The paths an index lists (git's index-format.txt), or nil when it is not one git writes.
    static func paths(inIndex bytes: [UInt8]) -> Set<String>? {
        func integer(_ at: Int, _ size: Int) -> Int? {
            guard at + size <= bytes.count else { return nil }
            return bytes[at..<at + size].reduce(0) { $0 << 8 | Int($1) }
        }
        guard bytes.count >= 12, Array(bytes[0..<4]) == Array("DIRC".utf8), let version = integer(4, 4),
            (2...4).contains(version),
            let count = integer(8, 4)
        else { return nil }
        var paths = Set<String>()
        var offset = 12
        var previous: [UInt8] = []
        for _ in 0..<count {
            let start = offset
            guard let flags = integer(start + 60, 2) else { return nil }
            offset = start + 62
            if version >= 3, flags & 0x4000 != 0 { offset += 2 }
            var name: [UInt8]
            if version == 4 {
                // A varint: how many bytes of the previous name to drop; then the rest, NUL-ended.
                var strip = 0
                guard offset < bytes.count else { return nil }
                var byte = Int(bytes[offset])
                offset += 1
                strip = byte & 0x7F
                while byte & 0x80 != 0 {
                    guard offset < bytes.count else { return nil }
                    byte = Int(bytes[offset])
                    offset += 1
                    strip = ((strip + 1) << 7) | (byte & 0x7F)
                }
                guard strip <= previous.count, let end = bytes[offset...].firstIndex(of: 0) else { return nil }
                name = Array(previous.dropLast(strip)) + bytes[offset..<end]
                offset = end + 1
            } else {
                guard let end = bytes[offset...].firstIndex(of: 0) else { return nil }
                name = Array(bytes[offset..<end])
                // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
                offset = start + ((end - start + 8) / 8) * 8
            }
            previous = name
            paths.insert(String(decoding: name, as: UTF8.self))
        }
        return paths
    }

    /// Whether `info/exclude` or the root `.gitignore` already has a line that ignores the
    /// project-local settings file (the common spellings of it).
    public func ignoresLocalSettings() -> Bool {
        let patterns: Set<String> = [
            Self.localSettingsPattern, ".claude/settings.local.json", "**/.claude/settings.local.json",
            "settings.local.json", "/.claude/", ".claude/", ".claude", "/.claude",
        ]
        return [excludeFile, root + "/.gitignore"].contains { file in
            guard let text = (try? TextFile.read(file)) ?? nil else { return false }
            return text.split(whereSeparator: \.isNewline).contains { patterns.contains($0.trimmingSpaces()) }
        }
    }

    public static let localSettingsPattern = "/.claude/settings.local.json"
}
