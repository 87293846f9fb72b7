/* fig_map.c — gridded values as colour images: the plan-view map of a 2-D
 * grid (with core locations) and a vertical cross-section of a 3-D grid
 * (depth positive down).  Cells with NaN are left blank.  Both use the
 * viridis colour map of fig_common.c with a colour bar on the right, and
 * show horizontal coordinates in kilometres of the projected CRS.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/fig_internal.h"
#include "reemud/report.h"

/* A grid of nh × nv cells to draw: value(ih, iv) = values[ih * h_stride +
 * iv * v_stride], cell edges from (h0, v0) by (dh, dv), in plot units. */
typedef struct grid_view {
    const double *values;
    size_t nh, nv, h_stride, v_stride;
    double h0, v0, dh, dv;
    double vmin, vmax;
} grid_view;

/* Draw the cells with plimagefr; NaN cells get a value below zmin, which
 * plimagefr leaves undrawn.  Returns 0 on out of memory (nothing drawn). */
static int draw_cells(const grid_view *g)
{
    PLFLT **rows = malloc(g->nh * sizeof *rows);
    PLFLT *cells = malloc(g->nh * g->nv * sizeof *cells);
    if (!rows || !cells) {
        free(rows);
        free(cells);
        return 0;
    }
    double below = g->vmin - 1.0 - fabs(g->vmin) - (g->vmax - g->vmin);
    for (size_t ih = 0; ih < g->nh; ih++) {
        rows[ih] = cells + ih * g->nv;
        for (size_t iv = 0; iv < g->nv; iv++) {
            double v = g->values[ih * g->h_stride + iv * g->v_stride];
            rows[ih][iv] = isfinite(v) ? v : below;
        }
    }
    double h1 = g->h0 + (double)g->nh * g->dh, v1 = g->v0 + (double)g->nv * g->dv;
    plimagefr((const PLFLT *const *)rows, (PLINT)g->nh, (PLINT)g->nv, g->h0, h1, g->v0, v1,
              g->vmin, g->vmax, g->vmin, g->vmax, NULL, NULL);
    free(rows);
    free(cells);
    return 1;
}

/* Draws a viridis colour bar for [vmin, vmax] right of the current viewport, with label
 * beside it (an image bar: PLplot's gradient bar leaks a cairo pattern). */
static void draw_colour_bar(const char *label, double vmin, double vmax)
{
    enum { STEPS = 128 };
    char text[512];
    fig_text(label, text, sizeof text);
    /* An image colour bar: PLplot's gradient one leaks a cairo pattern. */
    PLFLT steps[STEPS];
    for (int i = 0; i < STEPS; i++)
        steps[i] = vmin + (vmax - vmin) * i / (STEPS - 1);
    PLINT n_values[1] = {STEPS};
    const PLFLT *values[1] = {steps};
    const char *axis_opts[1] = {"bcvtm"};
    PLFLT ticks[1] = {0.0};
    PLINT sub_ticks[1] = {0};
    PLINT label_opts[1] = {PL_COLORBAR_LABEL_RIGHT};
    const char *labels[1] = {text};
    PLFLT w, h;
    plcol0(FIG_INK);
    plschr(0.0, FIG_CHAR_SCALE * 0.95);
    plcolorbar(&w, &h, PL_COLORBAR_IMAGE,
               PL_POSITION_RIGHT | PL_POSITION_OUTSIDE | PL_POSITION_VIEWPORT, 0.025, 0.0,
               0.035, 1.0, FIG_WHITE, FIG_INK, 1, 0.0, 0.0, FIG_INK, 0.0, 1, label_opts,
               labels, 1, axis_opts, ticks, sub_ticks, n_values, values);
    plschr(0.0, FIG_CHAR_SCALE);
}

/* Axis title "NAME (km, CRS)" into buf (size bytes), or "NAME (km)" without a CRS label. */
static void axis_name(char *buf, size_t size, const char *name, const char *crs)
{
    if (crs && *crs)
        snprintf(buf, size, "%s (km, %s)", name, crs);
    else
        snprintf(buf, size, "%s (km)", name);
}

/* Both grid figures share the size checks. */
static rm_status check_grid(const char *what, size_t n1, size_t n2, size_t n3,
                            const double *values, double d1, double d2, double d3,
                            rm_error *err)
{
    if (!values)
        return rm_error_set(err, RM_EINVAL, "%s: no values", what);
    if (n1 == 0 || n2 == 0 || n3 == 0)
        return rm_error_set(err, RM_EINVAL, "%s: empty grid (%zu x %zu x %zu)", what, n1,
                            n2, n3);
    if (n1 > INT32_MAX / n2 || n1 * n2 > INT32_MAX / n3)
        return rm_error_set(err, RM_EINVAL, "%s: grid too large to draw", what);
    if (!(d1 > 0) || !(d2 > 0) || !(d3 > 0) || !isfinite(d1 + d2 + d3))
        return rm_error_set(err, RM_EINVAL, "%s: cell sizes must be positive", what);
    return RM_OK;
}

/* ---- plan view ---- */

typedef struct plan_job {
    const rm_fig_map *m;
    double vmin, vmax;
} plan_job;

/* fig_render callback (data is a plan_job): the map at equal x/y scale in km, colour
 * bar, and the core locations as haloed dots with optional labels. */
static void draw_plan(const void *data)
{
    const plan_job *job = data;
    const rm_fig_map *m = job->m;
    double x0 = m->x0_m / 1000.0, y0 = m->y0_m / 1000.0;
    double x1 = x0 + (double)m->nx * m->dx_m / 1000.0;
    double y1 = y0 + (double)m->ny * m->dy_m / 1000.0;
    /* Equal scale on both axes: a kilometre is a kilometre. */
    plvpas(0.10, 0.80, 0.12, 0.91, (y1 - y0) / (x1 - x0));
    plwind(x0, x1, y0, y1);
    grid_view g = {m->values, m->nx, m->ny, 1, m->nx, x0, y0, m->dx_m / 1000.0,
                   m->dy_m / 1000.0, job->vmin, job->vmax};
    draw_cells(&g);
    double y_disp = fig_frame("", "");
    char xl[256], yl[256];
    axis_name(xl, sizeof xl, "Easting", m->crs_label);
    axis_name(yl, sizeof yl, "Northing", m->crs_label);
    fig_labels(m->title, xl, yl, y_disp);
    draw_colour_bar(m->value_label, job->vmin, job->vmax);

    if (m->n_points > 0) {
        double *px = malloc(m->n_points * sizeof *px), *py = malloc(m->n_points * sizeof *py);
        if (px && py) {
            for (size_t i = 0; i < m->n_points; i++) {
                px[i] = m->point_x_m[i] / 1000.0;
                py[i] = m->point_y_m[i] / 1000.0;
            }
            /* A white halo keeps the dots visible on dark and light cells. */
            plcol0(FIG_WHITE);
            fig_points(m->n_points, px, py, 0.95);
            plcol0(FIG_INK);
            fig_points(m->n_points, px, py, 0.65);
            if (m->point_labels) {
                plschr(0.0, FIG_CHAR_SCALE * 0.7);
                double off = 0.012 * (x1 - x0);
                for (size_t i = 0; i < m->n_points; i++) {
                    if (!m->point_labels[i] || !isfinite(px[i]) || !isfinite(py[i]))
                        continue;
                    char buf[128];
                    fig_text(m->point_labels[i], buf, sizeof buf);
                    plcol0(FIG_WHITE);
                    /* Near the east edge the label goes west of its dot,
                     * else the frame would cut it. */
                    if (px[i] > x1 - 0.08 * (x1 - x0))
                        plptex(px[i] - off, py[i], 1.0, 0.0, 1.0, buf);
                    else
                        plptex(px[i] + off, py[i], 1.0, 0.0, 0.0, buf);
                }
                plschr(0.0, FIG_CHAR_SCALE);
            }
        }
        free(px);
        free(py);
    }
}

rm_status rm_fig_map_plan(const char *dir, const char *name, const rm_fig_map *m,
                          rm_error *err)
{
    if (!m)
        return rm_error_set(err, RM_EINVAL, "plan map: no data");
    rm_status st = check_grid("plan map", m->nx, m->ny, 1, m->values, m->dx_m, m->dy_m, 1.0,
                              err);
    if (st)
        return st;
    if (!isfinite(m->x0_m) || !isfinite(m->y0_m))
        return rm_error_set(err, RM_EINVAL, "plan map: the grid origin is not finite");
    if (m->n_points > 0 && (!m->point_x_m || !m->point_y_m))
        return rm_error_set(err, RM_EINVAL, "plan map: %zu points without coordinates",
                            m->n_points);
    plan_job job = {m, 0, 0};
    if (fig_range(m->values, m->nx * m->ny, &job.vmin, &job.vmax) == 0)
        return rm_error_set(err, RM_EINVAL, "plan map: every cell is NaN, nothing to draw");
    if (isfinite(m->value_min) && isfinite(m->value_max) && m->value_max > m->value_min) {
        job.vmin = m->value_min;
        job.vmax = m->value_max;
    }
    if (!(job.vmax > job.vmin))
        fig_pad(&job.vmin, &job.vmax, 0.0);
    return fig_render(dir, name, draw_plan, &job, err);
}

/* ---- cross-section ---- */

typedef struct section_job {
    const rm_fig_section *s;
    double vmin, vmax;
} section_job;

/* fig_render callback (data is a section_job): the vertical section at s->index along x
 * or y, depth down, with its vertical exaggeration noted and a colour bar. */
static void draw_section(const void *data)
{
    const section_job *job = data;
    const rm_fig_section *s = job->s;
    int along_x = s->axis == RM_FIG_SECTION_ALONG_X;
    size_t nh = along_x ? s->nx : s->ny;
    double h0 = (along_x ? s->x0_m : s->y0_m) / 1000.0;
    double dh = (along_x ? s->dx_m : s->dy_m) / 1000.0;
    double h1 = h0 + (double)nh * dh;
    double z0 = s->z0_mbsf, z1 = s->z0_mbsf + (double)s->nz * s->dz_m;

    fig_viewport(0.10, 0.80, 0.14, 0.88, h0, h1, z1, z0, 0); /* depth grows downwards */
    size_t plane = s->nx * s->ny;
    grid_view g;
    if (along_x)
        g = (grid_view){s->values + s->index * s->nx, nh, s->nz, 1, plane, h0, z0, dh,
                        s->dz_m, job->vmin, job->vmax};
    else
        g = (grid_view){s->values + s->index, nh, s->nz, s->nx, plane, h0, z0, dh, s->dz_m,
                        job->vmin, job->vmax};
    draw_cells(&g);
    double y_disp = fig_frame("", "");
    char hl[256];
    axis_name(hl, sizeof hl, along_x ? "Easting" : "Northing", s->crs_label);
    fig_labels(s->title, hl, "Depth below seafloor (m)", y_disp);

    /* Vertical exaggeration: metres per millimetre across over down. */
    PLFLT vx0, vx1, vy0, vy1, px0, px1, py0, py1;
    plgvpd(&vx0, &vx1, &vy0, &vy1);
    plgspa(&px0, &px1, &py0, &py1);
    double across = (h1 - h0) * 1000.0 / ((vx1 - vx0) * (px1 - px0));
    double down = (z1 - z0) / ((vy1 - vy0) * (py1 - py0));
    char ve[64];
    snprintf(ve, sizeof ve, "vertical exaggeration ×%.0f", across / down);
    plschr(0.0, FIG_CHAR_SCALE * 0.75);
    plcol0(FIG_INK);
    plmtex("t", 0.8, 1.0, 1.0, ve);
    plschr(0.0, FIG_CHAR_SCALE);
    draw_colour_bar(s->value_label, job->vmin, job->vmax);
}

rm_status rm_fig_section_plot(const char *dir, const char *name, const rm_fig_section *s,
                              rm_error *err)
{
    if (!s)
        return rm_error_set(err, RM_EINVAL, "cross-section: no data");
    rm_status st = check_grid("cross-section", s->nx, s->ny, s->nz, s->values, s->dx_m,
                              s->dy_m, s->dz_m, err);
    if (st)
        return st;
    if (!isfinite(s->x0_m) || !isfinite(s->y0_m) || !isfinite(s->z0_mbsf))
        return rm_error_set(err, RM_EINVAL, "cross-section: the grid origin is not finite");
    int along_x = s->axis == RM_FIG_SECTION_ALONG_X;
    if (s->axis != RM_FIG_SECTION_ALONG_X && s->axis != RM_FIG_SECTION_ALONG_Y)
        return rm_error_set(err, RM_EINVAL, "cross-section: unknown axis %d", (int)s->axis);
    size_t limit = along_x ? s->ny : s->nx;
    if (s->index >= limit)
        return rm_error_set(err, RM_EINVAL, "cross-section: %s %zu is outside the grid (0..%zu)",
                            along_x ? "row" : "column", s->index, limit - 1);
    section_job job = {s, INFINITY, -INFINITY};
    size_t plane = s->nx * s->ny, count = 0;
    for (size_t k = 0; k < s->nz; k++)
        for (size_t h = 0; h < (along_x ? s->nx : s->ny); h++) {
            size_t b = along_x ? h + s->nx * s->index + plane * k
                               : s->index + s->nx * h + plane * k;
            double v = s->values[b];
            if (!isfinite(v))
                continue;
            count++;
            job.vmin = fmin(job.vmin, v);
            job.vmax = fmax(job.vmax, v);
        }
    if (count == 0)
        return rm_error_set(err, RM_EINVAL, "cross-section: every cell of the section is NaN");
    if (!(job.vmax > job.vmin))
        fig_pad(&job.vmin, &job.vmax, 0.0);
    return fig_render(dir, name, draw_section, &job, err);
}
