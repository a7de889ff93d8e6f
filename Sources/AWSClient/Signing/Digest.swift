import COpenSSL
import FoundationEssentials
import Glibc

/// SHA-256, HMAC-SHA256 and SHA-1 through OpenSSL's one-shot EVP calls.
public enum Digest {
    public static func sha256(_ data: some Collection<UInt8>) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let bytes = Array(data)
        _ = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &out, &length, EVP_sha256(), nil)
        }
        return out
    }

    public static func sha1(_ data: some Collection<UInt8>) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 20)
        var length: UInt32 = 0
        let bytes = Array(data)
        _ = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &out, &length, EVP_sha1(), nil)
        }
        return out
    }

    public static func hmacSHA256(key: some Collection<UInt8>, data: some Collection<UInt8>) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let keyBytes = Array(key), dataBytes = Array(data)
        keyBytes.withUnsafeBufferPointer { keyBuffer in
            dataBytes.withUnsafeBufferPointer { dataBuffer in
                _ = HMAC(EVP_sha256(), keyBuffer.baseAddress, Int32(keyBuffer.count), dataBuffer.baseAddress, dataBuffer.count,
                         &out, &length)
            }
        }
        return out
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
