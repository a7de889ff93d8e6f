#ifndef BEDROCK_SETUP_CNCURSES_SHIM_H
#define BEDROCK_SETUP_CNCURSES_SHIM_H
// Wide-character entry points (wget_wch, mvaddnwstr) are only declared with this set.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <locale.h>

// stdscr is a C global that Swift 6 strict concurrency refuses to read.
static inline WINDOW *bs_stdscr(void) { return stdscr; }
// getmaxy/getmaxx are macros over the opaque WINDOW.
static inline int bs_rows(void) { return getmaxy(stdscr); }
static inline int bs_cols(void) { return getmaxx(stdscr); }
// Attribute and colour-pair constants are function-like macros.
static inline attr_t bs_attr_normal(void) { return A_NORMAL; }
static inline attr_t bs_attr_bold(void) { return A_BOLD; }
static inline attr_t bs_attr_reverse(void) { return A_REVERSE; }
static inline attr_t bs_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t bs_attr_dim(void) { return A_DIM; }
static inline attr_t bs_color_pair(short pair) { return COLOR_PAIR(pair); }
// ESCDELAY is a global too; the default 1 s makes Esc feel broken.
static inline void bs_set_escdelay(int ms) { set_escdelay(ms); }
static inline int bs_key_resize(void) { return KEY_RESIZE; }
// Whether $TERM names a terminal with cursor addressing, asked of terminfo before initscr
// (which would exit the process on an unknown TERM and draws nonsense on TERM=dumb).
static inline int bs_terminal_can_draw_screens(void) {
    int error = 0;
    if (setupterm(NULL, 1, &error) != OK) return 0;
    const char *cup = tigetstr("cup");
    int usable = cup != NULL && cup != (const char *)-1;
    del_curterm(cur_term);
    return usable;
}
#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

// Signal handlers may only make async-signal-safe calls (tcsetattr, write, _exit, raise) on
// plain C data prepared before they are installed: Swift code, which may allocate or lock,
// cannot be one. These statics are used by the NcursesTerminal module alone.
// A function-local static: Swift's importer emits it with the function (a file-scope struct
// static would be left undefined).
static inline struct termios *bs_saved_termios(void) {
    static struct termios saved;
    return &saved;
}
static volatile sig_atomic_t bs_has_saved_termios = 0;
static volatile sig_atomic_t bs_wake_fd = -1;

static void bs_restore_tty(void) {
    static const char reset[] = "\033[?1049l\033[?25h\033[0m";  // main screen, cursor on, plain text
    if (bs_has_saved_termios) tcsetattr(STDIN_FILENO, TCSANOW, bs_saved_termios());
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
}

static void bs_on_exit_signal(int number) {
    bs_restore_tty();
    _exit(128 + number);
}

static void bs_on_crash_signal(int number) {
    bs_restore_tty();
    signal(number, SIG_DFL);
    raise(number);
}

// SIGWINCH wakes the input thread through a pipe (the self-pipe trick), so it never polls.
static void bs_on_window_change(int number) {
    (void)number;
    int saved = errno;
    char byte = 'w';
    if (bs_wake_fd >= 0) {
        ssize_t ignored = write(bs_wake_fd, &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

// Saves the terminal settings and installs the handlers: leaving signals restore the
// terminal and exit 128+n; crashes restore it and die as they would have; SIGWINCH writes to
// wake_fd. Installed before initscr, so ncurses keeps its hands off these signals.
static inline void bs_install_terminal_guard(int wake_fd) {
    if (tcgetattr(STDIN_FILENO, bs_saved_termios()) == 0) bs_has_saved_termios = 1;
    bs_wake_fd = wake_fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = bs_on_exit_signal;
    const int leaving[] = {SIGTERM, SIGHUP, SIGQUIT, SIGINT};
    for (unsigned i = 0; i < sizeof leaving / sizeof leaving[0]; i++) sigaction(leaving[i], &action, NULL);
    action.sa_handler = bs_on_crash_signal;
    const int crashes[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
    for (unsigned i = 0; i < sizeof crashes / sizeof crashes[0]; i++) sigaction(crashes[i], &action, NULL);
    action.sa_handler = bs_on_window_change;
    action.sa_flags = SA_RESTART;
    sigaction(SIGWINCH, &action, NULL);
}

// The terminal settings from before the wizard started, put back (also from Swift).
static inline void bs_restore_terminal_settings(void) { bs_restore_tty(); }

// ioctl is variadic, which Swift cannot call.
static inline int bs_window_size(int *rows, int *cols) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 0;
}

// Whether the locale's character set is UTF-8 (nl_langinfo's CODESET is a macro).
static inline int bs_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}
#endif
