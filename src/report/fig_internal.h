/* fig_internal.h — shared machinery of the figure functions: one PLplot
 * stream per figure rendered to PNG and SVG, the palette, label escaping,
 * ranges that skip NaN and a small legend helper.  Private to src/report.
 */
#ifndef REEMUD_FIG_INTERNAL_H
#define REEMUD_FIG_INTERNAL_H

#include <stddef.h>

#include <plplot.h>

#include "reemud/core.h"

/* Colour map 0 entries set by fig_palette (Okabe–Ito colours, which stay
 * distinct for colour-blind readers, plus greys). */
enum {
    FIG_WHITE = 0,
    FIG_INK = 1,      /* axes and text */
    FIG_BLUE = 2,
    FIG_ORANGE = 3,
    FIG_GREEN = 4,
    FIG_VERMILLION = 5,
    FIG_PURPLE = 6,
    FIG_SKY = 7,
    FIG_YELLOW = 8,
    FIG_GRID = 9,     /* light grey grid lines */
    FIG_GREY = 10,    /* mid grey */
    FIG_BAND = 11,    /* translucent blue for uncertainty bands */
    FIG_BAND2 = 12,   /* translucent orange */
    FIG_NCOLOURS = 13
};

/* The series colours in order, for curves and legends. */
int fig_series_colour(size_t k);

/* Draws one figure into the current stream after plinit and pladv. */
typedef void (*fig_draw_fn)(const void *data);

/* Render draw(data) to DIR/NAME.png and DIR/NAME.svg, each through a
 * temporary name renamed into place, on a fresh stream; the caller's
 * current stream is restored.  The caller has validated data, so that
 * PLplot never reaches its own fatal-error exit. */
rm_status fig_render(const char *dir, const char *name, fig_draw_fn draw, const void *data,
                     rm_error *err);

/* Check that dir and name are usable before any drawing. */
rm_status fig_check_target(const char *dir, const char *name, rm_error *err);

/* Copy UTF-8 text for PLplot: '#' (PLplot's escape) is doubled so labels
 * print literally; NULL becomes "". */
void fig_text(const char *text, char *out, size_t size);

/* Minimum and maximum of the finite values; returns how many were finite. */
size_t fig_range(const double *v, size_t n, double *lo, double *hi);

/* Pad [lo, hi] by frac of its width (or make a unit-wide range around a
 * single value). */
void fig_pad(double *lo, double *hi, double frac);

/* Title above the viewport and axis labels, in the ink colour.  Any may be
 * NULL.  y_disp is the distance of the y label from the frame in character
 * heights, as returned by fig_frame or fig_axis_numbers ("<= 0": 3.6). */
void fig_labels(const char *title, const char *x_label, const char *y_label, double y_disp);

/* Axis numbers chosen by us rather than PLplot: steps of 1, 2 or 5 × 10^k
 * spaced so that the labels never touch, plain numbers with thousands
 * separators and a true minus sign, and on a logarithmic axis the values
 * themselves (0.1, 1, 10, 1,000), never 10^n.  Positions are in plotted
 * units (log10 of the value on a log axis). */
enum { FIG_TICKS_MAX = 48 };
typedef struct fig_ticks {
    size_t n;
    double step;                    /* linear: spacing; log: 0 (decades) */
    double at[FIG_TICKS_MAX];
    char text[FIG_TICKS_MAX][32];
} fig_ticks;

/* Ticks over the plotted range [lo, hi] (either order), at least min_gap
 * character heights apart along an axis axis_len character heights long,
 * where each label is label_len(text) long along the axis (pass 0 for
 * labels written across the axis: then one line height counts). */
void fig_ticks_make(double lo, double hi, int log_axis, double axis_len, int along,
                    fig_ticks *t);

/* Format v (a value, not its log) with `decimals` digits after the point,
 * thousands separators and U+2212 for minus; -0 prints as 0. */
void fig_format_number(double v, int decimals, char *out, size_t size);

/* Approximate width of text in character heights (sans-serif digits ≈ 0.64). */
double fig_text_width(const char *text);

/* Ticks, grid-free, and numbers on one side of the current viewport: side
 * 'b' or 't' (numbers along the axis) or 'l' or 'r' (numbers written
 * horizontally).  Draws the tick marks on that side only.  Returns the
 * widest label in character heights (for placing the axis name). */
double fig_axis_numbers(char side, int log_axis, fig_ticks *ticks_out);
/* The same tick marks without numbers (the frame's far sides). */
void fig_axis_ticks(char side, int log_axis);
/* Length of a side of the current viewport in character heights. */
double fig_side_length(char side);
/* Distance (character heights) of an axis name beyond numbers widest wide. */
double fig_name_disp(double widest);

/* plvpor + plwind, with the left edge moved right when the y numbers and
 * the axis name need more room than xl leaves. */
void fig_viewport(double xl, double xr, double yb, double yt, double wx0, double wx1,
                  double wy0, double wy1, int ylog);

/* Light grid at the numbered ticks, the frame with ticks, and numbers on the
 * bottom and left.  xopt/yopt may contain 'l' for a log axis.  Returns the
 * y_disp to hand to fig_labels. */
double fig_frame(const char *xopt, const char *yopt);

/* Grid lines at ticks across the viewport (vertical for side 'b'/'t'). */
void fig_grid_at(char side, const fig_ticks *t);

/* Legend entries. */
typedef enum { FIG_LEG_LINE, FIG_LEG_SYMBOL, FIG_LEG_BOX, FIG_LEG_LINE_SYMBOL } fig_leg_kind;
typedef struct fig_leg {
    fig_leg_kind kind;
    int colour;
    int line_style;   /* 1 solid, 2.. dashed (plstyl pattern numbers) */
    int pattern;      /* fill pattern for boxes (0 solid) */
    const char *text;
    const char *symbol; /* symbol entries: NULL for a filled circle */
} fig_leg;

/* The title alone, disp character heights above the viewport (fig_labels
 * puts it at 1.6). */
void fig_title(const char *title, double disp);

/* Legend outside the plot, centred just above the viewport, in nrow rows:
 * it can never hide data.  Leave about 1.6 character heights per row
 * between the viewport and the title. */
void fig_legend_above(size_t n, const fig_leg *entries, int nrow);

/* Legend inside the viewport at position (PL_POSITION_* flags). */
void fig_legend(size_t n, const fig_leg *entries, int position);
/* The same in ncolumn columns, placed on the whole page (not the viewport)
 * when on_page is 1, outside the viewport when 2, offset by (x, y) in
 * fractions of that area. */
void fig_legend_at(size_t n, const fig_leg *entries, int position, int on_page, int ncolumn,
                   double x, double y);

/* Choosing a legend corner: fig_corner_add counts how much of a polyline
 * (sampled along its segments) falls in each corner box of the window as
 * passed to plwind (wy_bottom may exceed wy_top for axes growing down);
 * fig_corner_best returns the PL_POSITION_* flags of the emptiest corner,
 * preferring top right. */
typedef struct fig_corners {
    double count[4]; /* top right, bottom right, top left, bottom left */
    double wx0, wx1, wy_bottom, wy_top;
} fig_corners;
void fig_corner_add(fig_corners *c, size_t n, const double *x, const double *y);
int fig_corner_best(const fig_corners *c);

/* A filled-circle marker at each finite point, of size scale. */
void fig_points(size_t n, const double *x, const double *y, double scale);

/* A polyline through the finite points; NaN breaks the line. */
void fig_polyline(size_t n, const double *x, const double *y);

/* Number of indices where both x[i] and y[i] are finite (0 if either is
 * NULL). */
size_t fig_count_pairs(size_t n, const double *x, const double *y);

/* Fill the band between lo and hi over x (a polygon through the points
 * where all three are finite) in the current colour. */
void fig_band(size_t n, const double *x, const double *lo, const double *hi);

/* Width in viewport-independent normalised page units of the longest of n
 * labels at the current character size (approximate, from the character
 * height; UTF-8 aware). */
double fig_label_width(size_t n, const char *const *labels);

/* Character scale used for ordinary text. */
#define FIG_CHAR_SCALE 1.0

#endif
