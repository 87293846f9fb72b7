/* fig_lift.c — curve figures used by the lift stage (and any other x–y
 * family): profiles against depth with depth positive down (pressure, void
 * fraction) and plain x–y lines (energy per tonne against rate), with an
 * optional log axis and a marked x value such as the design rate.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/fig_internal.h"
#include "reemud/report.h"

enum { CURVES_MAX = 12 };

static rm_status check_curves(const char *what, size_t n, const rm_fig_curve *c,
                              rm_error *err)
{
    if (n == 0 || !c)
        return rm_error_set(err, RM_EINVAL, "%s: no curves to draw", what);
    if (n > CURVES_MAX)
        return rm_error_set(err, RM_EINVAL, "%s: at most %d curves, got %zu", what,
                            CURVES_MAX, n);
    size_t points = 0;
    for (size_t k = 0; k < n; k++) {
        if (c[k].n > 0 && (!c[k].x || !c[k].y))
            return rm_error_set(err, RM_EINVAL, "%s: curve %zu has no values", what, k);
        points += fig_count_pairs(c[k].n, c[k].x, c[k].y);
    }
    if (points == 0)
        return rm_error_set(err, RM_EINVAL, "%s: no finite point to draw", what);
    return RM_OK;
}

static size_t curve_legend(size_t n, const rm_fig_curve *c, fig_leg *leg)
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (c[k].label && *c[k].label)
            leg[m++] = (fig_leg){FIG_LEG_LINE, fig_series_colour(k), c[k].dashed ? 2 : 1, 0,
                                 c[k].label};
    return m;
}

static void draw_curve(const rm_fig_curve *c, size_t k, const double *x, const double *y)
{
    plcol0(fig_series_colour(k));
    pllsty(c->dashed ? 2 : 1);
    plwidth(3.0);
    fig_polyline(c->n, x, y);
    /* A lone point would vanish as a line. */
    if (fig_count_pairs(c->n, x, y) == 1)
        fig_points(c->n, x, y, 0.6);
    pllsty(1);
    plwidth(1.0);
}

/* ---- profiles against depth ---- */

typedef struct profile_job {
    const rm_fig_profile *p;
    double scale;
    double xmin, xmax, dmin, dmax;
} profile_job;

static void draw_profile(const void *data)
{
    const profile_job *job = data;
    const rm_fig_profile *p = job->p;
    plvpor(0.11, 0.96, 0.13, 0.90);
    plwind(job->xmin, job->xmax, job->dmax, job->dmin);
    fig_frame("", "");
    fig_corners corners = {{0}, job->xmin, job->xmax, job->dmax, job->dmin};
    for (size_t k = 0; k < p->n_curves; k++) {
        const rm_fig_curve *c = &p->curves[k];
        double *xs = malloc(c->n * sizeof *xs);
        if (!xs)
            continue;
        for (size_t i = 0; i < c->n; i++)
            xs[i] = c->x[i] * job->scale;
        draw_curve(c, k, xs, c->y);
        fig_corner_add(&corners, c->n, xs, c->y);
        free(xs);
    }
    fig_labels(p->title, p->x_label, p->depth_label ? p->depth_label
                                                    : "Depth below sea surface (m)");
    fig_leg leg[CURVES_MAX];
    fig_legend(curve_legend(p->n_curves, p->curves, leg), leg, fig_corner_best(&corners));
}

rm_status rm_fig_profile_plot(const char *dir, const char *name, const rm_fig_profile *p,
                              rm_error *err)
{
    if (!p)
        return rm_error_set(err, RM_EINVAL, "profile: no data");
    rm_status st = check_curves("profile", p->n_curves, p->curves, err);
    if (st)
        return st;
    profile_job job = {p, p->x_scale != 0 ? p->x_scale : 1.0, INFINITY, -INFINITY, INFINITY,
                       -INFINITY};
    if (!isfinite(job.scale))
        return rm_error_set(err, RM_EINVAL, "profile: x_scale is not finite");
    for (size_t k = 0; k < p->n_curves; k++) {
        const rm_fig_curve *c = &p->curves[k];
        for (size_t i = 0; i < c->n; i++) {
            if (!isfinite(c->x[i]) || !isfinite(c->y[i]))
                continue;
            double x = c->x[i] * job.scale;
            job.xmin = fmin(job.xmin, x);
            job.xmax = fmax(job.xmax, x);
            job.dmin = fmin(job.dmin, c->y[i]);
            job.dmax = fmax(job.dmax, c->y[i]);
        }
    }
    fig_pad(&job.xmin, &job.xmax, 0.04);
    if (job.dmin >= 0 && job.dmin < 0.1 * (job.dmax - job.dmin))
        job.dmin = 0.0; /* start at the surface */
    if (!(job.dmax > job.dmin))
        fig_pad(&job.dmin, &job.dmax, 0.0);
    return fig_render(dir, name, draw_profile, &job, err);
}

/* ---- x–y lines ---- */

typedef struct lines_job {
    const rm_fig_lines *l;
    double xmin, xmax, ymin, ymax;
} lines_job;

static void draw_lines(const void *data)
{
    const lines_job *job = data;
    const rm_fig_lines *l = job->l;
    plvpor(0.10, 0.96, 0.13, 0.90);
    plwind(job->xmin, job->xmax, job->ymin, job->ymax);
    fig_frame("", l->log_y ? "l" : "");
    if (isfinite(l->marker_x) && l->marker_x >= job->xmin && l->marker_x <= job->xmax) {
        double xs[2] = {l->marker_x, l->marker_x}, ys[2] = {job->ymin, job->ymax};
        plcol0(FIG_GREY);
        pllsty(3);
        plwidth(1.5);
        plline(2, xs, ys);
        pllsty(1);
        plwidth(1.0);
        if (l->marker_label && *l->marker_label) {
            char buf[256];
            fig_text(l->marker_label, buf, sizeof buf);
            plschr(0.0, FIG_CHAR_SCALE * 0.85);
            plptex(l->marker_x, job->ymax - 0.04 * (job->ymax - job->ymin), 1.0, 0.0, -0.03,
                   buf);
            plschr(0.0, FIG_CHAR_SCALE);
        }
    }
    fig_corners corners = {{0}, job->xmin, job->xmax, job->ymin, job->ymax};
    for (size_t k = 0; k < l->n_curves; k++) {
        const rm_fig_curve *c = &l->curves[k];
        double *ys = malloc(c->n * sizeof *ys);
        if (!ys)
            continue;
        for (size_t i = 0; i < c->n; i++)
            ys[i] = !l->log_y ? c->y[i] : c->y[i] > 0 ? log10(c->y[i]) : NAN;
        draw_curve(c, k, c->x, ys);
        fig_corner_add(&corners, c->n, c->x, ys);
        free(ys);
    }
    fig_labels(l->title, l->x_label, l->y_label);
    fig_leg leg[CURVES_MAX];
    fig_legend(curve_legend(l->n_curves, l->curves, leg), leg, fig_corner_best(&corners));
}

rm_status rm_fig_lines_plot(const char *dir, const char *name, const rm_fig_lines *l,
                            rm_error *err)
{
    if (!l)
        return rm_error_set(err, RM_EINVAL, "line plot: no data");
    rm_status st = check_curves("line plot", l->n_curves, l->curves, err);
    if (st)
        return st;
    lines_job job = {l, INFINITY, -INFINITY, INFINITY, -INFINITY};
    for (size_t k = 0; k < l->n_curves; k++) {
        const rm_fig_curve *c = &l->curves[k];
        for (size_t i = 0; i < c->n; i++) {
            double y = c->y[i];
            if (l->log_y)
                y = y > 0 ? log10(y) : NAN;
            if (!isfinite(c->x[i]) || !isfinite(y))
                continue;
            job.xmin = fmin(job.xmin, c->x[i]);
            job.xmax = fmax(job.xmax, c->x[i]);
            job.ymin = fmin(job.ymin, y);
            job.ymax = fmax(job.ymax, y);
        }
    }
    if (!isfinite(job.ymin))
        return rm_error_set(err, RM_EINVAL, "line plot: no positive value on a log axis");
    if (isfinite(l->marker_x)) {
        job.xmin = fmin(job.xmin, l->marker_x);
        job.xmax = fmax(job.xmax, l->marker_x);
    }
    if (l->log_y) {
        job.ymin = floor(job.ymin);
        job.ymax = ceil(job.ymax);
        if (job.ymax <= job.ymin)
            job.ymax = job.ymin + 1;
    } else {
        if (job.ymin > 0 && job.ymin < 0.3 * job.ymax)
            job.ymin = 0.0; /* positive quantities read best from zero */
        fig_pad(&job.ymin, &job.ymax, 0.06);
        if (job.ymin < 0 && job.ymin > -0.07 * job.ymax)
            job.ymin = 0.0;
    }
    if (!(job.xmax > job.xmin))
        fig_pad(&job.xmin, &job.xmax, 0.0);
    return fig_render(dir, name, draw_lines, &job, err);
}
