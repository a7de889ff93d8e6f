import FoundationEssentials
import Glibc

/// The one way the tool reads a file: a missing file is nil; anything else that stops a read is
/// a typed error naming the file. Only regular files are read (judged on the opened descriptor,
/// so a FIFO cannot hang the read and `/dev/zero` cannot fill memory), and never more than
/// `sizeLimit` bytes. Every byte is kept, a UTF-8 byte-order mark included.
public enum TextFile {
    /// Far above any settings, profile, rc or AWS file a person keeps.
    public static let sizeLimit = 8 << 20

    public static func read(_ path: String) throws(SetupError) -> String? {
        guard let bytes = try readBytes(path) else { return nil }
        return try decode(bytes, path: path)
    }

    public static func readBytes(_ path: String) throws(SetupError) -> [UInt8]? {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        if fd < 0 {
            let code = errno
            var info = stat()
            switch code {
            case ENOENT:
                if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { throw .danglingSymlink(path: path) }
                return nil
            case ENOTDIR:
                return nil
            case ENXIO, EOPNOTSUPP:
                throw .notRegularFile(path: path, kind: "a socket")
            default:
                throw .unreadableFile(path: path, reason: String(cString: strerror(code)))
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadableFile(path: path, reason: String(cString: strerror(errno))) }
        if let kind = kind(of: info.st_mode) { throw .notRegularFile(path: path, kind: kind) }
        if Int(info.st_size) > sizeLimit { throw .fileTooLarge(path: path, limit: sizeLimit) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadableFile(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
            // A file that grows while it is read (or lies about its size) is bounded too.
            if bytes.count > sizeLimit { throw .fileTooLarge(path: path, limit: sizeLimit) }
        }
        return bytes
    }

    /// nil for a regular file; otherwise what it is, in words.
    public static func kind(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }

    /// The text, or the line of the first byte that is not UTF-8.
    static func decode(_ bytes: [UInt8], path: String) throws(SetupError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Find the first invalid sequence to name its line.
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if scalar == "\n" { line += 1 }
        }
        throw .notUTF8(path: path, line: line)
    }
}
