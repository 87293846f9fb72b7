/* fig_supply.c — supply coverage per element as bars, with the elements
 * under export control hatched and coloured apart, an optional reference
 * line (e.g. 100 % of demand) and an optional logarithmic axis, since
 * coverage of the heavy rare earths can run orders of magnitude above that
 * of the light ones.
 */
#include <math.h>
#include <stdio.h>

#include "report/fig_internal.h"
#include "reemud/report.h"

typedef struct coverage_job {
    const rm_fig_coverage *c;
    double ymin, ymax; /* in plotted units (log10 when log_y) */
} coverage_job;

/* v in plotted units: log10 v when c->log_y (NAN for v <= 0), else v; NAN stays NAN. */
static double plotted(const rm_fig_coverage *c, double v)
{
    if (!isfinite(v))
        return NAN;
    if (c->log_y)
        return v > 0 ? log10(v) : NAN;
    return v;
}

/* fig_render callback (data is a coverage_job): one bar per element with its value,
 * controlled elements hatched in vermillion, the optional reference line, legend above. */
static void draw_coverage(const void *data)
{
    const coverage_job *job = data;
    const rm_fig_coverage *c = job->c;
    double n = (double)c->n;
    plvpor(0.10, 0.97, 0.12, 0.83);
    plwind(0.0, n, job->ymin, job->ymax);
    fig_ticks ty;
    fig_ticks_make(job->ymin, job->ymax, c->log_y, fig_side_length('l'), 0, &ty);
    fig_grid_at('l', &ty);
    double base = c->log_y ? job->ymin : 0.0;
    for (size_t i = 0; i < c->n; i++) {
        double v = plotted(c, c->values[i]);
        if (!isfinite(v))
            continue;
        double x0 = (double)i + 0.15, x1 = (double)i + 0.85;
        double xs[4] = {x0, x1, x1, x0}, ys[4] = {base, base, v, v};
        int controlled = c->controlled && c->controlled[i];
        plpsty(0);
        plcol0(controlled ? FIG_VERMILLION : FIG_BLUE);
        plfill(4, xs, ys);
        if (controlled) {
            /* Hatching tells the groups apart in grey print too. */
            plcol0(FIG_WHITE);
            plpsty(3);
            plfill(4, xs, ys);
            plpsty(0);
        }
        char value[32];
        double raw = c->values[i];
        snprintf(value, sizeof value, fabs(raw) >= 100 || raw == 0 ? "%.0f" : "%.2g", raw);
        plcol0(FIG_INK);
        plschr(0.0, FIG_CHAR_SCALE * 0.7);
        plptex((double)i + 0.5, v + 0.02 * (job->ymax - job->ymin), 1.0, 0.0, 0.5, value);
        plschr(0.0, FIG_CHAR_SCALE);
    }
    if (isfinite(c->reference)) {
        double r = plotted(c, c->reference);
        if (isfinite(r) && r >= job->ymin && r <= job->ymax) {
            double xs[2] = {0.0, n}, ys[2] = {r, r};
            plcol0(FIG_INK);
            pllsty(2);
            plwidth(1.5);
            plline(2, xs, ys);
            pllsty(1);
            plwidth(1.0);
        }
    }
    plcol0(FIG_INK);
    plwidth(1.2);
    plbox("bc", 0.0, 0, "bc", 0.0, 0);
    plwidth(1.0);
    double widest = fig_axis_numbers('l', c->log_y, NULL);
    fig_axis_ticks('r', c->log_y);
    for (size_t i = 0; i < c->n; i++) {
        char buf[64];
        fig_text(c->names[i], buf, sizeof buf);
        plmtex("b", 1.3, ((double)i + 0.5) / n, 0.5, buf);
    }
    fig_labels(NULL, "Element", c->y_label, fig_name_disp(widest));
    fig_title(c->title, 4.4);

    fig_leg leg[3];
    size_t nleg = 0;
    leg[nleg++] = (fig_leg){FIG_LEG_BOX, FIG_BLUE, 1, 0,
                            c->uncontrolled_label ? c->uncontrolled_label : "Not controlled", NULL};
    if (c->controlled)
        leg[nleg++] = (fig_leg){FIG_LEG_BOX, FIG_VERMILLION, 1, 3,
                                c->controlled_label ? c->controlled_label
                                                    : "Export-controlled (hatched)", NULL};
    if (isfinite(c->reference) && c->reference_label)
        leg[nleg++] = (fig_leg){FIG_LEG_LINE, FIG_INK, 2, 0, c->reference_label, NULL};
    /* Above the plot: tall bars fill any corner inside it. */
    fig_legend_above(nleg, leg, nleg > 2 ? 2 : 1);
}

rm_status rm_fig_coverage_plot(const char *dir, const char *name, const rm_fig_coverage *c,
                               rm_error *err)
{
    if (!c || c->n == 0 || !c->names || !c->values)
        return rm_error_set(err, RM_EINVAL, "coverage: no elements to draw");
    for (size_t i = 0; i < c->n; i++)
        if (!c->names[i])
            return rm_error_set(err, RM_EINVAL, "coverage: element %zu has no name", i);
    coverage_job job = {c, INFINITY, -INFINITY};
    for (size_t i = 0; i < c->n; i++) {
        double v = plotted(c, c->values[i]);
        if (!isfinite(v))
            continue;
        job.ymin = fmin(job.ymin, v);
        job.ymax = fmax(job.ymax, v);
    }
    if (!isfinite(job.ymin))
        return rm_error_set(err, RM_EINVAL, c->log_y ? "coverage: no positive value to draw"
                                                     : "coverage: every value is NaN");
    double r = plotted(c, c->reference);
    if (isfinite(r)) {
        job.ymin = fmin(job.ymin, r);
        job.ymax = fmax(job.ymax, r);
    }
    if (c->log_y) {
        /* Bars start a little below the smallest value; room above the
         * tallest for its value label. */
        double span = job.ymax - job.ymin;
        job.ymin -= fmax(0.15, 0.08 * span);
        job.ymax += fmax(0.15, 0.08 * span);
    } else {
        job.ymin = fmin(0.0, job.ymin);
        job.ymax = job.ymax > 0 ? job.ymax * 1.1 : 1.0; /* room for the value labels */
    }
    return fig_render(dir, name, draw_coverage, &job, err);
}
