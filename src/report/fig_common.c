/* fig_common.c — the machinery every figure shares.
 *
 * A figure is drawn twice, once per device (pngcairo, svgcairo), each time
 * on a stream made with plmkstrm and ended with plend1, so no PLplot state
 * survives the call and the caller's current stream is restored.  PLplot
 * writes to the file named by plsfnam: we give it a temporary name beside
 * the destination and rename it into place only after plend1 closed it, so
 * a failed or interrupted run never leaves a partial figure.
 *
 * PLplot exits the process on a fatal error, so the drawing code never
 * hands it anything it could reject: callers validate their data and we
 * check here that both cairo devices exist and that the folder is writable.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/fig_internal.h"
#include "reemud/report.h"

#if defined(__SANITIZE_ADDRESS__)
/* Fontconfig, which cairo uses to find fonts, keeps its cache for the life
 * of the process by design; LeakSanitizer would report it in every program
 * that draws a figure.  This hook (read by LSan at start-up) names only
 * fontconfig, so our own leaks are still caught. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}
#endif

static const char *const fig_devices[2] = {"pngcairo", "svgcairo"};
static const char *const fig_extensions[2] = {"png", "svg"};

int fig_series_colour(size_t k)
{
    static const int order[] = {FIG_BLUE, FIG_ORANGE, FIG_GREEN, FIG_VERMILLION,
                                FIG_PURPLE, FIG_SKY, FIG_YELLOW};
    return order[k % (sizeof order / sizeof order[0])];
}

/* Colour map 0: Okabe & Ito (2008), "Color Universal Design"; colour map 1:
 * viridis (van der Walt & Smith, matplotlib 1.5), nine control points
 * interpolated in RGB — perceptually uniform and readable in grey. */
static void fig_palette(void)
{
    static const PLINT r[FIG_NCOLOURS] = {255, 34, 0, 230, 0, 213, 204, 86, 240, 226, 136, 0, 230};
    static const PLINT g[FIG_NCOLOURS] = {255, 34, 114, 159, 158, 94, 121, 180, 228, 226, 136, 114, 159};
    static const PLINT b[FIG_NCOLOURS] = {255, 34, 178, 0, 115, 0, 167, 233, 66, 226, 136, 178, 0};
    plscmap0n(FIG_NCOLOURS);
    for (int i = 0; i < FIG_NCOLOURS; i++)
        plscol0a(i, r[i], g[i], b[i], 1.0);
    plscol0a(FIG_BAND, r[FIG_BAND], g[FIG_BAND], b[FIG_BAND], 0.22);
    plscol0a(FIG_BAND2, r[FIG_BAND2], g[FIG_BAND2], b[FIG_BAND2], 0.22);

    static const PLFLT pos[9] = {0.0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0};
    static const PLFLT vr[9] = {0x44, 0x48, 0x3e, 0x31, 0x26, 0x1f, 0x35, 0x6e, 0xfd};
    static const PLFLT vg[9] = {0x01, 0x28, 0x49, 0x68, 0x82, 0x9e, 0xb7, 0xce, 0xe7};
    static const PLFLT vb[9] = {0x54, 0x78, 0x89, 0x8e, 0x8e, 0x89, 0x79, 0x58, 0x25};
    PLFLT cr[9], cg[9], cb[9];
    for (int i = 0; i < 9; i++) {
        cr[i] = vr[i] / 255.0;
        cg[i] = vg[i] / 255.0;
        cb[i] = vb[i] / 255.0;
    }
    plscmap1n(256);
    plscmap1l(1, 9, pos, cr, cg, cb, NULL);
}

/* Are both cairo devices compiled into this PLplot? */
static rm_status fig_check_devices(rm_error *err)
{
    enum { MAXDEV = 128 };
    const char *menu[MAXDEV], *names[MAXDEV];
    const char **pm = menu, **pn = names;
    int ndev = MAXDEV;
    plgDevs(&pm, &pn, &ndev);
    for (int d = 0; d < 2; d++) {
        int found = 0;
        for (int i = 0; i < ndev; i++)
            if (names[i] && strcmp(names[i], fig_devices[d]) == 0)
                found = 1;
        if (!found)
            return rm_error_set(err, RM_EIO,
                                "PLplot device '%s' is not available (install the "
                                "Debian package plplot-driver-cairo)",
                                fig_devices[d]);
    }
    return RM_OK;
}

rm_status fig_check_target(const char *dir, const char *name, rm_error *err)
{
    if (!dir || !*dir || !name || !*name)
        return rm_error_set(err, RM_EINVAL, "figure: an output folder and a name are required");
    if (strchr(name, '/'))
        return rm_error_set(err, RM_EINVAL, "figure name '%s' must not contain '/'", name);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return rm_error_set(err, RM_EIO, "figure folder %s does not exist", dir);
    if (access(dir, W_OK) != 0)
        return rm_error_set(err, RM_EIO, "figure folder %s is not writable: %s", dir,
                            strerror(errno));
    return RM_OK;
}

/* Renders one figure: a new PLplot stream on device writing file at the report figure
 * size, with the palette and defaults set, calls draw(data), then returns to the
 * caller's stream. */
static void fig_draw_on(const char *device, const char *file, fig_draw_fn draw,
                        const void *data)
{
    PLINT caller, stream;
    plgstrm(&caller);
    plmkstrm(&stream);
    plsdev(device);
    plsfnam(file);
    plspage(0.0, 0.0, RM_FIG_WIDTH, RM_FIG_HEIGHT, 0, 0);
    fig_palette();
    plsetopt("drvopt", "text_anti_aliasing=2,graphics_anti_aliasing=2");
    plinit();
    pladv(0);
    /* Plain numbers up to 7 digits rather than "(x10^4)" beside the axis. */
    plsxax(7, 0);
    plsyax(7, 0);
    plschr(0.0, FIG_CHAR_SCALE);
    plwidth(1.0);
    plcol0(FIG_INK);
    draw(data);
    plend1();
    plsstrm(caller);
}

rm_status fig_render(const char *dir, const char *name, fig_draw_fn draw, const void *data,
                     rm_error *err)
{
    rm_status st = fig_check_target(dir, name, err);
    if (!st)
        st = fig_check_devices(err);
    for (int d = 0; d < 2 && !st; d++) {
        char base[4096], path[4096], temp[4096];
        snprintf(base, sizeof base, "%s.%s", name, fig_extensions[d]);
        st = rm_path_join(path, sizeof path, dir, base, err);
        if (!st)
            st = rm_atomic_temp_name(path, temp, sizeof temp, err);
        if (st)
            break;
        fig_draw_on(fig_devices[d], temp, draw, data);
        struct stat sb;
        if (stat(temp, &sb) != 0 || sb.st_size == 0) {
            unlink(temp);
            st = rm_error_set(err, RM_EIO, "PLplot wrote nothing to %s", path);
            break;
        }
        /* mkstemp made the file private; figures are for reading. */
        chmod(temp, 0644);
        st = rm_atomic_rename(temp, path, err);
    }
    return st;
}

void fig_text(const char *text, char *out, size_t size)
{
    size_t o = 0;
    if (size == 0)
        return;
    for (const char *p = text ? text : ""; *p && o + 2 < size; p++) {
        if (*p == '#')
            out[o++] = '#';
        out[o++] = *p;
    }
    out[o] = '\0';
}

size_t fig_range(const double *v, size_t n, double *lo, double *hi)
{
    size_t count = 0;
    double a = INFINITY, b = -INFINITY;
    for (size_t i = 0; v && i < n; i++) {
        if (!isfinite(v[i]))
            continue;
        if (v[i] < a)
            a = v[i];
        if (v[i] > b)
            b = v[i];
        count++;
    }
    *lo = a;
    *hi = b;
    return count;
}

void fig_pad(double *lo, double *hi, double frac)
{
    double w = *hi - *lo;
    if (!(w > 0)) {
        double m = fabs(*lo) > 0 ? 0.05 * fabs(*lo) : 0.5;
        *lo -= m;
        *hi += m;
        return;
    }
    *lo -= frac * w;
    *hi += frac * w;
}

void fig_labels(const char *title, const char *x_label, const char *y_label, double y_disp)
{
    char buf[1024];
    plcol0(FIG_INK);
    if (title && *title) {
        fig_text(title, buf, sizeof buf);
        plschr(0.0, FIG_CHAR_SCALE * 1.15);
        plmtex("t", 1.6, 0.5, 0.5, buf);
        plschr(0.0, FIG_CHAR_SCALE);
    }
    if (x_label && *x_label) {
        fig_text(x_label, buf, sizeof buf);
        plmtex("b", 3.0, 0.5, 0.5, buf);
    }
    if (y_label && *y_label) {
        fig_text(y_label, buf, sizeof buf);
        plmtex("l", y_disp > 0 ? y_disp : 3.6, 0.5, 0.5, buf);
    }
}

/* ---- axis numbers ---- */

void fig_format_number(double v, int decimals, char *out, size_t size)
{
    char plain[64];
    if (size == 0)
        return;
    if (decimals < 0)
        decimals = 0;
    snprintf(plain, sizeof plain, "%.*f", decimals, fabs(v));
    int negative = v < 0 && strspn(plain, "0.") != strlen(plain);
    size_t int_len = strcspn(plain, "."), o = 0;
    if (negative && size > 4) {
        memcpy(out, "\xe2\x88\x92", 3); /* U+2212 minus sign */
        o = 3;
    }
    for (size_t i = 0; plain[i] && o + 2 < size; i++) {
        if (i > 0 && i < int_len && (int_len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = plain[i];
    }
    out[o] = '\0';
}

double fig_text_width(const char *text)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        /* Measured on the cairo sans-serif at 1200 × 780 px: a digit is
         * 0.85 of PLplot's character height. */
        w += (*p == ',' || *p == '.') ? 0.42 : (*p == 0xE2) ? 1.0 : 0.85;
    }
    return w;
}

/* Digits after the point needed to print multiples of step exactly. */
static int step_decimals(double step)
{
    for (int d = 0; d < 8; d++) {
        double s = step * pow(10.0, d);
        if (fabs(s - round(s)) < 1e-6 * fmax(1.0, s))
            return d;
    }
    return 8;
}

/* The smallest 1, 2 or 5 × 10^k at or above raw (> 0): a readable tick step. */
static double nice_step(double raw)
{
    double mag = pow(10.0, floor(log10(raw)));
    double f = raw / mag;
    return (f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 5.0 ? 5.0 : 10.0) * mag;
}

/* Linear ticks at multiples of step. */
static void ticks_linear(double lo, double hi, double step, fig_ticks *t)
{
    t->n = 0;
    t->step = step;
    int dec = step_decimals(step);
    for (double k = ceil(lo / step - 1e-9); t->n < FIG_TICKS_MAX; k += 1.0) {
        double v = k * step;
        if (v > hi + 1e-9 * step)
            break;
        if (fabs(v) < 1e-9 * step)
            v = 0.0;
        t->at[t->n] = v;
        fig_format_number(v, dec, t->text[t->n], sizeof t->text[t->n]);
        t->n++;
    }
}

/* Log ticks at m × 10^k for the mantissas given, inside [lo, hi] (log10). */
static void ticks_log(double lo, double hi, const double *mant, int nmant, int every,
                      fig_ticks *t)
{
    t->n = 0;
    t->step = 0;
    for (int k = (int)floor(lo) - 1; k <= (int)ceil(hi) && t->n < FIG_TICKS_MAX; k++) {
        if (every > 1 && k % every != 0)
            continue;
        for (int m = 0; m < nmant && t->n < FIG_TICKS_MAX; m++) {
            double v = mant[m] * pow(10.0, k), p = log10(v);
            if (p < lo - 1e-9 || p > hi + 1e-9)
                continue;
            t->at[t->n] = p;
            int dec = v >= 1 ? 0 : (int)ceil(-log10(v) - 1e-9);
            fig_format_number(v, dec, t->text[t->n], sizeof t->text[t->n]);
            t->n++;
        }
    }
}

/* Do the labels of t fit along an axis axis_len character heights long? */
static int ticks_fit(const fig_ticks *t, double lo, double hi, double axis_len, int along)
{
    for (size_t i = 1; i < t->n; i++) {
        double gap = fabs(t->at[i] - t->at[i - 1]) / (hi - lo) * axis_len;
        double need = along ? 0.5 * (fig_text_width(t->text[i]) + fig_text_width(t->text[i - 1])) + 1.2
                            : 1.8;
        if (gap < need)
            return 0;
    }
    return 1;
}

void fig_ticks_make(double lo, double hi, int log_axis, double axis_len, int along,
                    fig_ticks *t)
{
    if (lo > hi) {
        double s = lo;
        lo = hi;
        hi = s;
    }
    t->n = 0;
    t->step = 0;
    if (!(hi > lo) || !isfinite(lo) || !isfinite(hi))
        return;
    if (log_axis) {
        static const double m125[3] = {1, 2, 5}, m13[2] = {1, 3}, m1[1] = {1};
        const double *sets[3] = {m125, m13, m1};
        int sizes[3] = {3, 2, 1};
        for (int s = hi - lo > 3.0 ? 2 : 0; s < 3; s++) {
            ticks_log(lo, hi, sets[s], sizes[s], 1, t);
            if (t->n >= 2 && ticks_fit(t, lo, hi, axis_len, along))
                return;
        }
        for (int every = 2; every <= 6; every++) {
            ticks_log(lo, hi, m1, 1, every, t);
            if (ticks_fit(t, lo, hi, axis_len, along))
                return;
        }
        return;
    }
    /* Start from about eight intervals and widen until the labels fit. */
    double step = nice_step((hi - lo) / 8.0);
    for (int tries = 0; tries < 12; tries++) {
        ticks_linear(lo, hi, step, t);
        if (ticks_fit(t, lo, hi, axis_len, along))
            return;
        step = nice_step(step * 1.01);
    }
}

/* Viewport length of one side in character heights. */
double fig_side_length(char side)
{
    PLFLT vx0, vx1, vy0, vy1, px0, px1, py0, py1, def_mm, ht_mm;
    plgvpd(&vx0, &vx1, &vy0, &vy1);
    plgspa(&px0, &px1, &py0, &py1);
    plgchr(&def_mm, &ht_mm);
    if (ht_mm <= 0)
        return 40.0;
    return side == 'b' || side == 't' ? (vx1 - vx0) * (px1 - px0) / ht_mm
                                      : (vy1 - vy0) * (py1 - py0) / ht_mm;
}

/* Draws side's ('b', 't', 'l', 'r') tick marks for the current window, plus the numbers
 * when numbers is set; the ticks go to ticks_out when not NULL. Returns the widest
 * number's width (0 without numbers), for fig_name_disp. */
static double axis_draw(char side, int log_axis, int numbers, fig_ticks *ticks_out)
{
    PLFLT wx0, wx1, wy0, wy1;
    plgvpw(&wx0, &wx1, &wy0, &wy1);
    int horizontal = side == 'b' || side == 't';
    double lo = horizontal ? wx0 : wy0, hi = horizontal ? wx1 : wy1;
    fig_ticks local, *t = ticks_out ? ticks_out : &local;
    fig_ticks_make(lo, hi, log_axis, fig_side_length(side), horizontal, t);
    /* Tick marks on this side only, at the same positions. */
    char opt[16];
    snprintf(opt, sizeof opt, "%cst%s", side == 'b' || side == 'l' ? 'b' : 'c',
             log_axis ? "l" : "");
    plcol0(FIG_INK);
    plwidth(1.2);
    double step = log_axis ? 0.0 : t->step;
    if (horizontal)
        plbox(opt, step, 0, "", 0.0, 0);
    else
        plbox("", 0.0, 0, opt, step, 0);
    plwidth(1.0);
    double widest = 0;
    for (size_t i = 0; numbers && i < t->n; i++) {
        double f = (t->at[i] - lo) / (hi - lo);
        if (f < -1e-6 || f > 1 + 1e-6)
            continue;
        char buf[64];
        fig_text(t->text[i], buf, sizeof buf);
        switch (side) {
        case 'b':
            plmtex("b", 1.5, f, 0.5, buf);
            break;
        case 't':
            plmtex("t", 0.7, f, 0.5, buf);
            break;
        case 'l':
            plmtex("lv", 0.6, f, 1.0, buf);
            break;
        default:
            plmtex("rv", 0.6, f, 0.0, buf);
            break;
        }
        widest = fmax(widest, fig_text_width(t->text[i]));
    }
    return widest;
}

double fig_axis_numbers(char side, int log_axis, fig_ticks *ticks_out)
{
    return axis_draw(side, log_axis, 1, ticks_out);
}

void fig_axis_ticks(char side, int log_axis)
{
    axis_draw(side, log_axis, 0, NULL);
}

/* Distance of an axis name from the frame beyond numbers `widest` wide. */
double fig_name_disp(double widest)
{
    return 0.6 + widest + 1.0;
}

void fig_grid_at(char side, const fig_ticks *t)
{
    PLFLT wx0, wx1, wy0, wy1;
    plgvpw(&wx0, &wx1, &wy0, &wy1);
    plcol0(FIG_GRID);
    plwidth(0.8);
    for (size_t i = 0; i < t->n; i++) {
        double xs[2], ys[2];
        if (side == 'b' || side == 't')
            xs[0] = xs[1] = t->at[i], ys[0] = wy0, ys[1] = wy1;
        else
            ys[0] = ys[1] = t->at[i], xs[0] = wx0, xs[1] = wx1;
        plline(2, xs, ys);
    }
    plwidth(1.0);
}

void fig_viewport(double xl, double xr, double yb, double yt, double wx0, double wx1,
                  double wy0, double wy1, int ylog)
{
    PLFLT px0, px1, py0, py1, def_mm, ht_mm;
    plgspa(&px0, &px1, &py0, &py1);
    plgchr(&def_mm, &ht_mm);
    if (ht_mm > 0 && px1 > px0 && py1 > py0) {
        fig_ticks t;
        fig_ticks_make(wy0, wy1, ylog, (yt - yb) * (py1 - py0) / ht_mm, 0, &t);
        double widest = 0;
        for (size_t i = 0; i < t.n; i++)
            widest = fmax(widest, fig_text_width(t.text[i]));
        /* Numbers, the axis name (one line high) and a little paper. */
        double need = (fig_name_disp(widest) + 1.6) * ht_mm / (px1 - px0);
        if (need > xl)
            xl = fmin(need, 0.5 * xr);
    }
    plvpor(xl, xr, yb, yt);
    plwind(wx0, wx1, wy0, wy1);
}

double fig_frame(const char *xopt, const char *yopt)
{
    int xlog = xopt && strchr(xopt, 'l'), ylog = yopt && strchr(yopt, 'l');
    PLFLT wx0, wx1, wy0, wy1;
    plgvpw(&wx0, &wx1, &wy0, &wy1);
    fig_ticks tx, ty;
    fig_ticks_make(wx0, wx1, xlog, fig_side_length('b'), 1, &tx);
    fig_ticks_make(wy0, wy1, ylog, fig_side_length('l'), 0, &ty);
    fig_grid_at('b', &tx);
    fig_grid_at('l', &ty);
    plcol0(FIG_INK);
    plwidth(1.2);
    plbox("bc", 0.0, 0, "bc", 0.0, 0);
    plwidth(1.0);
    fig_axis_numbers('b', xlog, NULL);
    fig_axis_ticks('t', xlog);
    double widest = fig_axis_numbers('l', ylog, NULL);
    fig_axis_ticks('r', ylog);
    return fig_name_disp(widest);
}
void fig_title(const char *title, double disp)
{
    char buf[1024];
    if (!title || !*title)
        return;
    fig_text(title, buf, sizeof buf);
    plcol0(FIG_INK);
    plschr(0.0, FIG_CHAR_SCALE * 1.15);
    plmtex("t", disp, 0.5, 0.5, buf);
    plschr(0.0, FIG_CHAR_SCALE);
}

void fig_legend_above(size_t n, const fig_leg *e, int nrow)
{
    if (nrow < 1)
        nrow = 1;
    int ncol = (int)((n + (size_t)nrow - 1) / (size_t)nrow);
    fig_legend_at(n, e, PL_POSITION_TOP, 2, ncol, 0.0, 0.01);
}

void fig_legend(size_t n, const fig_leg *e, int position)
{
    fig_legend_at(n, e, position, 0, 1, 0.02, 0.03);
}

void fig_legend_at(size_t n, const fig_leg *e, int position, int on_page, int ncolumn,
                   double x, double y)
{
    enum { MAXLEG = 24 };
    if (n == 0)
        return;
    if (n > MAXLEG)
        n = MAXLEG;
    PLINT opt[MAXLEG], tcol[MAXLEG], bcol[MAXLEG], bpat[MAXLEG], lcol[MAXLEG], lsty[MAXLEG],
        scol[MAXLEG], snum[MAXLEG];
    PLFLT bscale[MAXLEG], bwidth[MAXLEG], lwidth[MAXLEG], sscale[MAXLEG];
    char text_buf[MAXLEG][256];
    const char *text[MAXLEG], *sym[MAXLEG];
    for (size_t i = 0; i < n; i++) {
        opt[i] = e[i].kind == FIG_LEG_LINE     ? PL_LEGEND_LINE
                 : e[i].kind == FIG_LEG_SYMBOL ? PL_LEGEND_SYMBOL
                 : e[i].kind == FIG_LEG_BOX    ? PL_LEGEND_COLOR_BOX
                                               : PL_LEGEND_LINE | PL_LEGEND_SYMBOL;
        fig_text(e[i].text, text_buf[i], sizeof text_buf[i]);
        text[i] = text_buf[i];
        tcol[i] = FIG_INK;
        bcol[i] = e[i].colour;
        bpat[i] = e[i].pattern;
        bscale[i] = 0.9;
        bwidth[i] = 1.0;
        lcol[i] = e[i].colour;
        lsty[i] = e[i].line_style > 0 ? e[i].line_style : 1;
        lwidth[i] = 2.5;
        scol[i] = e[i].colour;
        sscale[i] = 0.7;
        snum[i] = 1;
        sym[i] = e[i].symbol ? e[i].symbol : "●";
    }
    PLFLT w, h;
    plschr(0.0, FIG_CHAR_SCALE * 0.9);
    if (ncolumn < 1)
        ncolumn = 1;
    PLINT nrow = ((PLINT)n + ncolumn - 1) / ncolumn;
    int where = on_page == 2 ? PL_POSITION_OUTSIDE | PL_POSITION_VIEWPORT
                : on_page    ? PL_POSITION_INSIDE | PL_POSITION_SUBPAGE
                             : PL_POSITION_INSIDE | PL_POSITION_VIEWPORT;
    pllegend(&w, &h, PL_LEGEND_BACKGROUND | (on_page ? 0 : PL_LEGEND_BOUNDING_BOX),
             position | where,
             x, y, 0.07, FIG_WHITE, FIG_GRID, 1, nrow, ncolumn, (PLINT)n, opt, 1.0, 1.0, 2.0, 0.0, tcol,
             (const char *const *)text, bcol, bpat, bscale, bwidth, lcol, lsty, lwidth, scol,
             sscale, snum, (const char *const *)sym);
    plschr(0.0, FIG_CHAR_SCALE);
    pllsty(1);
}

void fig_points(size_t n, const double *x, const double *y, double scale)
{
    plschr(0.0, scale);
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i]) && isfinite(y[i]))
            plstring(1, &x[i], &y[i], "●");
    plschr(0.0, FIG_CHAR_SCALE);
}

void fig_polyline(size_t n, const double *x, const double *y)
{
    size_t start = 0;
    while (start < n) {
        while (start < n && !(isfinite(x[start]) && isfinite(y[start])))
            start++;
        size_t end = start;
        while (end < n && isfinite(x[end]) && isfinite(y[end]))
            end++;
        if (end - start >= 2)
            plline((PLINT)(end - start), &x[start], &y[start]);
        start = end;
    }
}

size_t fig_count_pairs(size_t n, const double *x, const double *y)
{
    size_t count = 0;
    for (size_t i = 0; x && y && i < n; i++)
        count += isfinite(x[i]) && isfinite(y[i]);
    return count;
}

void fig_band(size_t n, const double *x, const double *lo, const double *hi)
{
    PLFLT *px = malloc(2 * n * sizeof *px), *py = malloc(2 * n * sizeof *py);
    size_t m = 0;
    if (px && py) {
        for (size_t i = 0; i < n; i++)
            if (isfinite(x[i]) && isfinite(lo[i]) && isfinite(hi[i])) {
                px[m] = x[i];
                py[m++] = lo[i];
            }
        for (size_t i = n; i-- > 0;)
            if (isfinite(x[i]) && isfinite(lo[i]) && isfinite(hi[i])) {
                px[m] = x[i];
                py[m++] = hi[i];
            }
        if (m >= 3) {
            plpsty(0);
            plfill((PLINT)m, px, py);
        }
    }
    free(px);
    free(py);
}

double fig_label_width(size_t n, const char *const *labels)
{
    PLFLT def_mm, ht_mm, x0, x1, y0, y1;
    plgchr(&def_mm, &ht_mm);
    plgspa(&x0, &x1, &y0, &y1);
    size_t longest = 0;
    for (size_t i = 0; labels && i < n; i++) {
        size_t chars = 0;
        for (const unsigned char *p = (const unsigned char *)(labels[i] ? labels[i] : ""); *p; p++)
            chars += (*p & 0xC0) != 0x80;
        if (chars > longest)
            longest = chars;
    }
    /* A proportional sans-serif glyph is at most about 0.72 of the height wide. */
    return (double)longest * 0.72 * ht_mm / (x1 - x0);
}

/* Counts (x, y) in each corner region of c's window it falls in (the outer 45 % across,
 * 38 % up or down), where a legend would cover it. */
static void corner_point(fig_corners *c, double x, double y)
{
    double fx = (x - c->wx0) / (c->wx1 - c->wx0);
    double fy = (y - c->wy_bottom) / (c->wy_top - c->wy_bottom);
    int right = fx > 0.55, left = fx < 0.45, top = fy > 0.62, bottom = fy < 0.38;
    if (top && right)
        c->count[0] += 1;
    if (bottom && right)
        c->count[1] += 1;
    if (top && left)
        c->count[2] += 1;
    if (bottom && left)
        c->count[3] += 1;
}

void fig_corner_add(fig_corners *c, size_t n, const double *x, const double *y)
{
    enum { STEPS = 16 };
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i]))
            continue;
        corner_point(c, x[i], y[i]);
        if (i + 1 < n && isfinite(x[i + 1]) && isfinite(y[i + 1]))
            for (int s = 1; s < STEPS; s++) {
                double t = (double)s / STEPS;
                corner_point(c, x[i] + t * (x[i + 1] - x[i]), y[i] + t * (y[i + 1] - y[i]));
            }
    }
}

int fig_corner_best(const fig_corners *c)
{
    static const int flags[4] = {PL_POSITION_TOP | PL_POSITION_RIGHT,
                                 PL_POSITION_BOTTOM | PL_POSITION_RIGHT,
                                 PL_POSITION_TOP | PL_POSITION_LEFT,
                                 PL_POSITION_BOTTOM | PL_POSITION_LEFT};
    int best = 0;
    for (int k = 1; k < 4; k++)
        if (c->count[k] < c->count[best])
            best = k;
    return flags[best];
}
