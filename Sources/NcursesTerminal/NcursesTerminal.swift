import CNcurses
import Foundation
import WizardFlow
import WizardUI

/// What the terminal hands the wizard: a key, a new size, or nothing within the timeout.
public enum TerminalInput: Equatable, Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
}

/// The only ncurses caller: draws frames (changed cells only), decodes keys, and restores the
/// terminal on every way out, signals and crashes included.
public final class NcursesTerminal {
    private var screen: OpaquePointer?
    private var previous: Frame?
    private var attributes: [Style: attr_t] = [:]
    private let color: Bool
    private var active = false

    /// `color` false gives plain reverse video and bold (NO_COLOR, TERM=vt100).
    /// False for TERM=dumb, an unknown TERM, or no TERM: the caller says so instead of drawing.
    public static var canDrawScreens: Bool { bs_terminal_can_draw_screens() != 0 }

    public init(color: Bool) {
        self.color = color
        setlocale(LC_ALL, "")
        TerminalGuard.install()
        start()
    }

    deinit { restore() }

    private func start() {
        _ = initscr()
        raw()  // Ctrl-C arrives as a key, so leaving is a transition that writes nothing.
        noecho()
        nonl()
        keypad(bs_stdscr(), true)
        bs_set_escdelay(25)
        wtimeout(bs_stdscr(), 100)
        curs_set(0)
        if color && has_colors() {
            start_color()
            use_default_colors()
            let pairs: [(Style.Role, Int16, Int16)] = [(.title, Int16(COLOR_BLACK), Int16(COLOR_CYAN)), (.accent, Int16(COLOR_CYAN), -1),
                                                       (.ok, Int16(COLOR_GREEN), -1), (.warning, Int16(COLOR_YELLOW), -1),
                                                       (.error, Int16(COLOR_RED), -1), (.badge, Int16(COLOR_BLACK), Int16(COLOR_YELLOW))]
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

    public var size: (width: Int, height: Int) { (Int(bs_cols()), Int(bs_rows())) }

    /// Draws only the cells that differ from the last frame.
    public func draw(_ frame: Frame) {
        guard active else { return }
        let full = previous == nil || previous!.width != frame.width || previous!.height != frame.height
        if full { werase(bs_stdscr()) }
        var buffer = [wchar_t](repeating: 0, count: 8)
        for row in 0..<frame.height {
            for column in 0..<frame.width {
                let cell = frame[row, column]
                if !full, previous![row, column] == cell { continue }
                if cell.character == "\u{0}" { continue }  // second half of a wide character
                // The bottom-right cell scrolls some terminals when written; leave it blank.
                if row == frame.height - 1, column == frame.width - 1 { continue }
                buffer[0] = wchar_t(bitPattern: cell.character.value)
                buffer[1] = 0
                let count = 1
                wattrset(bs_stdscr(), Int32(bitPattern: attribute(for: cell.style)))
                mvwaddnwstr(bs_stdscr(), Int32(row), Int32(column), buffer, Int32(count))
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

    /// Waits up to 100 ms for input.
    public func read() -> TerminalInput? {
        guard active else { return nil }
        var character: wint_t = 0
        let result = wget_wch(bs_stdscr(), &character)
        if result == ERR { return nil }
        if result == KEY_CODE_YES {
            let code = Int32(character)
            if code == bs_key_resize() { return .resized(width: size.width, height: size.height) }
            return Self.decodeFunctionKey(code).map(TerminalInput.key)
        }
        return Self.decodeCharacter(UInt32(character)).map(TerminalInput.key)
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

    static func decodeCharacter(_ value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(UnicodeScalar(value + 96)!))
        default:
            guard let scalar = UnicodeScalar(value), value >= 32 else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Hands the terminal to another program (`aws sso login`), then takes it back.
    public func suspend() {
        guard active else { return }
        def_prog_mode()
        endwin()
        TerminalGuard.restoreSaved()
        active = false
    }

    public func resume() {
        guard !active else { return }
        reset_prog_mode()
        active = true
        previous = nil
        wrefresh(bs_stdscr())
    }

    /// Leaves the terminal as it was found; safe to call twice.
    public func restore() {
        guard active else { return }
        endwin()
        TerminalGuard.restoreSaved()
        active = false
    }
}

/// The terminal settings from before ncurses started, put back by signal and crash handlers
/// with async-signal-safe calls only (tcsetattr, write, _exit).
enum TerminalGuard {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var hasSaved = false
    nonisolated(unsafe) static var installed = false

    static func install() {
        guard !installed else { return }
        installed = true
        if tcgetattr(STDIN_FILENO, &saved) == 0 { hasSaved = true }
        for signal in [SIGTERM, SIGHUP, SIGQUIT, SIGINT] {
            Foundation.signal(signal) { number in
                TerminalGuard.restoreSaved()
                _exit(128 + number)
            }
        }
        for signal in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            Foundation.signal(signal) { number in
                TerminalGuard.restoreSaved()
                Foundation.signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    static func restoreSaved() {
        if hasSaved { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        // Leave the alternate screen, show the cursor, reset attributes.
        let reset: [UInt8] = Array("\u{1B}[?1049l\u{1B}[?25h\u{1B}[0m".utf8)
        _ = reset.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}
