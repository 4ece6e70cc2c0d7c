#ifndef SLOTSCOPE_CNCURSESW_SHIM_H
#define SLOTSCOPE_CNCURSESW_SHIM_H
// Wide-character curses: these must be set before the header is read.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>

// Macros Swift cannot import, as inline functions.
static inline int slotscope_color_pair(int n) { return COLOR_PAIR(n); }
static inline int slotscope_lines(void) { return LINES; }
static inline int slotscope_cols(void) { return COLS; }
static inline void slotscope_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
#endif
