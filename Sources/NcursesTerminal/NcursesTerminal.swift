import BedrockCore
import CNcurses
import FoundationEssentials
import Glibc
import WizardFlow
import WizardUI

/// The only ncurses caller: draws frames (changed cells only), reads keys on its own thread,
/// turns SIGWINCH into a resize, and restores the terminal on every way out, signals and
/// crashes included. ncurses is not thread-safe, so every ncurses call holds `lock`.
public final class NcursesTerminal: Terminal, @unchecked Sendable {
    private let lock = ThreadLock()
    private let suspension = ThreadCondition()
    private var previous: Frame?
    private var attributes: [Style: attr_t] = [:]
    private let color: Bool
    private var active = false
    private var suspended = false
    private var closed = false
    /// The self-pipe: SIGWINCH, suspend and restore write a byte to wake the input thread.
    private var wakeRead: Int32 = -1
    private var wakeWrite: Int32 = -1
    public let glyphs: Glyphs

    /// False for TERM=dumb, an unknown TERM, or no TERM: the caller says so instead of drawing.
    public static var canDrawScreens: Bool { bs_terminal_can_draw_screens() != 0 }

    /// `color` false gives plain reverse video and bold (NO_COLOR, TERM=vt100).
    public init(color: Bool) {
        self.color = color
        setlocale(LC_ALL, "")
        // A vt100-family terminal has no Unicode: "·" in the heading moved it and left a stray
        // letter behind. Those and any non-UTF-8 locale get the ASCII stand-ins.
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        glyphs = bs_locale_is_utf8() != 0 && !term.hasPrefix("vt") ? .unicode : .ascii
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            (wakeRead, wakeWrite) = (ends[0], ends[1])
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            _ = fcntl(wakeWrite, F_SETFL, fcntl(wakeWrite, F_GETFL) | O_NONBLOCK)
        }
        bs_install_terminal_guard(wakeWrite)
        start()
    }

    deinit { restore() }

    private func start() {
        _ = initscr()
        raw()  // Ctrl-C arrives as a key, so leaving is a transition that writes nothing.
        noecho()
        nonl()
        keypad(bs_stdscr(), true)
        nodelay(bs_stdscr(), true)  // reads happen only when poll says input is there
        bs_set_escdelay(25)
        curs_set(0)
        if color && has_colors() {
            start_color()
            use_default_colors()
            let pairs: [(Style.Role, Int16, Int16)] = [
                (.title, Int16(COLOR_BLACK), Int16(COLOR_CYAN)), (.accent, Int16(COLOR_CYAN), -1),
                (.ok, Int16(COLOR_GREEN), -1),
                (.warning, Int16(COLOR_YELLOW), -1), (.error, Int16(COLOR_RED), -1),
                (.badge, Int16(COLOR_BLACK), Int16(COLOR_YELLOW)),
            ]
            for (index, pair) in pairs.enumerated() { init_pair(Int16(index + 1), pair.1, pair.2) }
        }
        active = true
        previous = nil
    }

    private func attribute(for style: Style) -> attr_t {
        if let cached = attributes[style] { return cached }
        var value = bs_attr_normal()
        let colored = color && has_colors()
        switch style.role {
        case .normal: break
        case .title: value = colored ? bs_color_pair(1) : bs_attr_reverse()
        case .accent: value = colored ? bs_color_pair(2) : bs_attr_bold()
        case .ok: value = colored ? bs_color_pair(3) : bs_attr_normal()
        case .warning: value = colored ? bs_color_pair(4) : bs_attr_bold()
        case .error: value = colored ? bs_color_pair(5) | bs_attr_bold() : bs_attr_bold()
        case .badge: value = colored ? bs_color_pair(6) | bs_attr_bold() : bs_attr_reverse() | bs_attr_bold()
        case .dim: value = bs_attr_dim()
        case .selected: value = bs_attr_reverse()
        }
        if style.bold { value |= bs_attr_bold() }
        attributes[style] = value
        return value
    }

    public var size: (width: Int, height: Int) { lock.withLock { (Int(bs_cols()), Int(bs_rows())) } }

    /// Draws only the cells that differ from the last frame.
    public func draw(_ frame: Frame) {
        lock.withLock {
            guard active else { return }
            let last = previous.flatMap { $0.width == frame.width && $0.height == frame.height ? $0 : nil }
            if last == nil { werase(bs_stdscr()) }
            var buffer: [wchar_t] = [0, 0]
            for row in frame.changedRows(since: last) {
                for column in 0..<frame.width {
                    let cell = frame[row, column]
                    if let last, last[row, column] == cell { continue }
                    if cell.character == "\u{0}" { continue }  // second half of a wide character
                    // The bottom-right cell scrolls some terminals when written; leave it blank.
                    if row == frame.height - 1, column == frame.width - 1 { continue }
                    buffer[0] = wchar_t(bitPattern: cell.character.value)
                    wattrset(bs_stdscr(), Int32(bitPattern: attribute(for: cell.style)))
                    mvwaddnwstr(bs_stdscr(), Int32(row), Int32(column), buffer, 1)
                }
            }
            if let cursor = frame.cursor {
                curs_set(1)
                wmove(bs_stdscr(), Int32(cursor.row), Int32(cursor.column))
            } else {
                curs_set(0)
            }
            wrefresh(bs_stdscr())
            previous = frame
        }
    }

    /// Keys and resizes, read on a thread of their own that sleeps in poll(2) until the
    /// keyboard or the self-pipe has something.
    public func inputs() -> AsyncStream<TerminalInput> {
        let (stream, continuation) = AsyncStream.makeStream(of: TerminalInput.self)
        detachThread { [self] in
            readInputs(into: continuation)
            continuation.finish()
        }
        return stream
    }

    private func readInputs(into continuation: AsyncStream<TerminalInput>.Continuation) {
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            suspension.lock()
            while suspended && !closed { suspension.wait() }
            let stop = closed
            suspension.unlock()
            if stop { return }
            if poll(&descriptors, 2, -1) < 0 {
                if errno == EINTR { continue }
                return
            }
            if descriptors[1].revents & Int16(POLLIN) != 0 {
                var bytes = [UInt8](repeating: 0, count: 64)
                _ = read(wakeRead, &bytes, bytes.count)
                if let resized = resizeToWindow() { continuation.yield(resized) }
            }
            if descriptors[0].revents & Int16(POLLIN) != 0 {
                for key in readKeys() { continuation.yield(.key(key)) }
            }
            // The terminal went away. A hung-up terminal also reports POLLIN, with nothing to
            // read: checked only in its absence, this loop spun at full CPU for ever.
            if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return }
        }
    }

    /// Everything the keyboard sent in one burst, decoded; nothing while suspended.
    private func readKeys() -> [Key] {
        lock.withLock {
            guard active else { return [] }
            var units: [KeyDecoder.Unit] = []
            var character: wint_t = 0
            while true {
                let result = wget_wch(bs_stdscr(), &character)
                if result == ERR { break }
                if result == KEY_CODE_YES {
                    if let key = Self.decodeFunctionKey(Int32(character)) { units.append(.key(key)) }
                } else {
                    units.append(.code(UInt32(character)))
                }
            }
            return KeyDecoder.decode(units)
        }
    }

    /// After SIGWINCH: tells ncurses the new size and reports it.
    private func resizeToWindow() -> TerminalInput? {
        lock.withLock {
            var rows: Int32 = 0
            var columns: Int32 = 0
            guard active, bs_window_size(&rows, &columns) == 0 else { return nil }
            resizeterm(rows, columns)
            previous = nil
            return .resized(width: Int(columns), height: Int(rows))
        }
    }

    static func decodeFunctionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_BTAB: .backTab
        case KEY_ENTER: .enter
        default: nil
        }
    }

    private func wake() {
        var byte: UInt8 = 0
        _ = write(wakeWrite, &byte, 1)
    }

    /// Hands the terminal to another program (`aws sso login`); the input thread stops reading.
    public func suspend() {
        suspension.withLock { suspended = true }
        lock.withLock {
            guard active else { return }
            def_prog_mode()
            endwin()
            bs_restore_terminal_settings()
            active = false
        }
    }

    public func resume() {
        lock.withLock {
            guard !active else { return }
            reset_prog_mode()
            active = true
            previous = nil
            wrefresh(bs_stdscr())
        }
        suspension.withLock {
            suspended = false
            suspension.signal()
        }
    }

    /// Leaves the terminal as it was found; safe to call twice.
    public func restore() {
        lock.withLock {
            guard active else { return }
            endwin()
            bs_restore_terminal_settings()
            active = false
        }
        suspension.withLock {
            closed = true
            suspension.signal()
        }
        wake()
    }
}
