import COpenSSL
import FoundationEssentials
import Glibc

/// SHA-256, HMAC-SHA256 and SHA-1 through OpenSSL's one-shot calls, with libcrypto loaded on the
/// first digest (`Sources/COpenSSL`): commands that never sign do not pay for loading it.
public enum Digest {
    /// Why OpenSSL cannot be used on this machine, or nil once it is loaded. Senders check it before
    /// signing, so a broken installation is a message, not a crash.
    public static var unavailable: String? { bs_crypto_load().map { String(cString: $0) } }

    public static func sha256(_ data: some Collection<UInt8>) -> [UInt8] {
        digest(32, data) { bs_sha256($0.baseAddress, $0.count, $1) }
    }

    public static func sha1(_ data: some Collection<UInt8>) -> [UInt8] {
        digest(20, data) { bs_sha1($0.baseAddress, $0.count, $1) }
    }

    public static func hmacSHA256(key: some Collection<UInt8>, data: some Collection<UInt8>) -> [UInt8] {
        let keyBytes = Array(key)
        return digest(32, data) { input, out in
            keyBytes.withUnsafeBufferPointer {
                bs_hmac_sha256($0.baseAddress, Int32($0.count), input.baseAddress, input.count, out)
            }
        }
    }

    private static func digest(
        _ size: Int, _ data: some Collection<UInt8>,
        _ compute: (UnsafeBufferPointer<UInt8>, UnsafeMutablePointer<UInt8>) -> Int32
    ) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size)
        let bytes = Array(data)
        let succeeded = bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in output.baseAddress.map { compute(input, $0) } ?? 0 }
        }
        // Reached only if libcrypto vanished after the sender's check, or for an offline SHA-1 (the SSO cache's
        // file name) on a machine without OpenSSL 3: nothing can be computed, so say why and stop.
        guard succeeded == 1 else { unusable(unavailable ?? "OpenSSL could not compute a digest") }
        return out
    }

    private static func unusable(_ reason: String) -> Never {
        let line = "bedrock-setup: \(reason)\n"
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        exit(69)  // EX_UNAVAILABLE
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The SSO token cache names files by the SHA-1 of the session name or start URL.
    public static func sha1Hex(_ text: String) -> String { hex(sha1(Array(text.utf8))) }
}
