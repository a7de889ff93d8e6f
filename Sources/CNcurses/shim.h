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
#endif
