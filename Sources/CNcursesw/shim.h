#ifndef SLOTSCOPE_CNCURSESW_SHIM_H
#define SLOTSCOPE_CNCURSESW_SHIM_H
// Wide-character curses: these must be set before the header is read.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <locale.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>

// Macros Swift cannot import, as inline functions.
static inline int slotscope_color_pair(int n) { return COLOR_PAIR(n); }
static inline int slotscope_lines(void) { return LINES; }
static inline int slotscope_cols(void) { return COLS; }
static inline void slotscope_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }

// More macros and globals, as functions (Swift 6 rejects unsynchronised C globals).
static inline WINDOW *slotscope_stdscr(void) { return stdscr; }
static inline int slotscope_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t slotscope_attributes(int bold, int reverse, int dim, int underline) {
    attr_t value = A_NORMAL;
    if (bold) value |= A_BOLD;
    if (reverse) value |= A_REVERSE;
    if (dim) value |= A_DIM;
    if (underline) value |= A_UNDERLINE;
    return value;
}
/// Fills *ss_cell with one spacing character, attributes and colour pair: what setcchar
/// does for a one-character string, without its checks and string scan (the driver calls
/// this for every cell of a frame, and only with printable characters).
static inline void slotscope_set_cell(cchar_t *ss_cell, wchar_t ss_char, attr_t ss_attributes, int ss_pair) {
    memset(ss_cell, 0, sizeof(*ss_cell));
    ss_cell->attr = (ss_attributes & A_ATTRIBUTES & ~A_COLOR) | COLOR_PAIR(ss_pair > 255 ? 255 : ss_pair);
    ss_cell->chars[0] = ss_char;
#if NCURSES_EXT_COLORS
    ss_cell->ext_color = ss_pair;
#endif
}
/// Flushes stdio's stdout, where putp and mvcur write outside doupdate (Swift 6 rejects
/// the `stdout` global).
static inline void slotscope_flush_stdout(void) { fflush(stdout); }
static inline const char *slotscope_codeset(void) { return nl_langinfo(CODESET); }
/// The tty's size from the kernel; 0 on success.
static inline int slotscope_window_size(int fd, int *rows, int *cols) {
    struct winsize ss_size;
    if (ioctl(fd, TIOCGWINSZ, &ss_size) != 0) return -1;
    *rows = ss_size.ws_row;
    *cols = ss_size.ws_col;
    return 0;
}

// term.h defines many short lowercase macros, so it comes last and the code below uses
// ss_-prefixed names only.
#include <ncursesw/term.h>

/// 1 when terminfo knows `ss_name` and it can address the cursor; *ss_known says whether it is known.
static inline int slotscope_term_usable(const char *ss_name, int *ss_known) {
    int ss_error = 0;
    if (setupterm((char *)ss_name, 1, &ss_error) != OK) { *ss_known = 0; return 0; }
    *ss_known = 1;
    char *ss_cup = tigetstr((char *)"cup");
    int ss_usable = ss_cup != NULL && ss_cup != (char *)-1;
    del_curterm(cur_term);
    return ss_usable;
}
/// A string capability of the current terminal, or NULL when absent.
static inline const char *slotscope_string_capability(const char *ss_name) {
    char *ss_value = tigetstr((char *)ss_name);
    return ss_value == (char *)-1 ? NULL : ss_value;
}
#endif
