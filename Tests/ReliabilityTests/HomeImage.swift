import Foundation

/// A HOME's files with their bytes and modes, to restore it exactly between trials.
struct HomeImage: Equatable {
    var files: [String: (data: Data, mode: mode_t)]
    var folders: [String]
    var links: [String: String]

    static func == (a: HomeImage, b: HomeImage) -> Bool {
        a.files.count == b.files.count
            && a.files.allSatisfy { b.files[$0.key]?.data == $0.value.data && b.files[$0.key]?.mode == $0.value.mode }
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
            if (info.st_mode & S_IFMT) == S_IFLNK {
                links[relative] = try? FileManager.default.destinationOfSymbolicLink(atPath: home + "/" + relative)
            }
            guard (info.st_mode & S_IFMT) == S_IFREG else { continue }
            files[relative] = (
                FileManager.default.contents(atPath: home + "/" + relative) ?? Data(), info.st_mode & 0o7777
            )
        }
    }

    func restore(into home: String) {
        try? FileManager.default.removeItem(atPath: home)
        for folder in folders {
            try? FileManager.default.createDirectory(atPath: home + "/" + folder, withIntermediateDirectories: true)
        }
        for (relative, file) in files {
            let path = home + "/" + relative
            try? FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: file.data)
            chmod(path, file.mode)
        }
        for (relative, destination) in links { symlink(destination, home + "/" + relative) }
    }

    /// The files a run means to change: no backups, no lock, no temp files.
    var targets: [String: Data] {
        files.filter {
            !$0.key.contains(".bedrock-setup-backup-") && !$0.key.hasSuffix("/.lock")
                && !$0.key.contains(".bedrock-setup-tmp-")
        }
        .mapValues(\.data)
    }
}
