import BedrockCore

/// How a cell looks; the terminal adapter maps roles to colours, or to plain attributes
/// when colour is off (NO_COLOR, TERM=vt100).
public struct Style: Equatable, Hashable, Sendable {
    public enum Role: UInt8, Sendable { case normal, title, accent, ok, warning, error, badge, dim, selected }
    public var role: Role
    public var bold: Bool

    public init(_ role: Role = .normal, bold: Bool = false) {
        self.role = role
        self.bold = bold
    }

    public static let normal = Style()
}

/// One terminal cell. A Unicode scalar, not a Character: comparing frames cell by cell is the
/// hot path of every keystroke, and scalars compare as integers.
public struct Cell: Equatable, Sendable {
    public var character: Unicode.Scalar
    public var style: Style
    public init(_ character: Unicode.Scalar = " ", _ style: Style = .normal) {
        self.character = character
        self.style = style
    }
}

/// A screenful of styled cells: what `render` returns and the terminal draws.
public struct Frame: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (while editing), if anywhere.
    public var cursor: (row: Int, column: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public static func == (lhs: Frame, rhs: Frame) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursor?.row == rhs.cursor?.row && lhs.cursor?.column == rhs.cursor?.column
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * width + column] }
        set { cells[row * width + column] = newValue }
    }

    /// The rows that differ from `previous` (all of them when there is none or its size differs): what a
    /// terminal must redraw. Compared here, where the cells are plain values the optimiser sees through; cell by
    /// cell across the module boundary, the comparison cost more than everything else a keystroke does.
    public func changedRows(since previous: Frame?) -> [Int] {
        guard let previous, previous.width == width, previous.height == height else { return Array(0..<height) }
        return cells.withUnsafeBufferPointer { new in
            previous.cells.withUnsafeBufferPointer { old in
                (0..<height).filter { row in
                    let start = row * width
                    for index in start..<start + width where new[index] != old[index] { return true }
                    return false
                }
            }
        }
    }

    /// Writes text from (row, column), clipped to the frame; wide characters take two columns.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: Style = .normal, limit: Int? = nil) -> Int {
        guard row >= 0, row < height else { return column }
        var x = column
        let end = min(width, limit.map { column + $0 } ?? width)
        // Every string drawn may quote a file or a server: control characters are shown, never sent.
        for character in TerminalText.visible(text).unicodeScalars {
            let span = Frame.columns(of: character)
            guard x + span <= end else { break }
            if x >= 0 {
                self[row, x] = Cell(character, style)
                if span == 2 { self[row, x + 1] = Cell("\u{0}", style) }
            }
            x += span
        }
        return x
    }

    public mutating func fill(row: Int, style: Style) {
        guard row >= 0, row < height else { return }
        for x in 0..<width { self[row, x] = Cell(" ", style) }
    }

    /// Terminal columns of a character: two for East Asian wide and emoji, else one.
    public static func columns(of scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF,
            0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// The frame as plain text, one line per row, trailing blanks trimmed: for snapshots.
    public var text: String {
        (0..<height).map { row in
            var line = String.UnicodeScalarView()
            for x in 0..<width where self[row, x].character != "\u{0}" { line.append(self[row, x].character) }
            var text = String(line)
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }.joined(separator: "\n")
    }
}
