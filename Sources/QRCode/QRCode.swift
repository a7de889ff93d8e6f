import CQRencode

/// A QR code as a square of dark (true) and light modules, made by libqrencode: the sign-in
/// address drawn for a phone to scan when the person is on a remote machine or in a workshop.
public struct QRCode: Sendable, Equatable {
    public let size: Int
    /// Row-major, `size * size` modules.
    public let modules: [Bool]

    /// Byte mode, error correction level L (the smallest symbol: a screen is not a sticker).
    /// nil when libqrencode is not installed or the text does not fit a QR code.
    public init?(_ text: String) {
        guard bs_qrencode_load() == nil, let code = bs_qrcode_encode_8bit(text, 0, QR_ECLEVEL_L) else { return nil }
        defer { bs_qrcode_free(code) }
        let width = Int(code.pointee.width)
        size = width
        // Bit 0 of each byte is the module's colour (qrencode.h).
        modules = (0..<(width * width)).map { code.pointee.data[$0] & 1 == 1 }
    }

    public func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }

    /// Rows of booleans, for views that take plain data.
    public var rows: [[Bool]] { (0..<size).map { row in Array(modules[(row * size)..<(row * size + size)]) } }
}
