/* fig_variogram.c — experimental semivariograms as points (area growing
 * with the number of pairs when given) with the fitted model the caller
 * sampled drawn as a line in the same colour; one series per direction.
 */
#include <math.h>
#include <stdio.h>

#include "report/fig_internal.h"
#include "reemud/report.h"

enum { VARIO_MAX_SERIES = 8 };

typedef struct vario_job {
    const rm_fig_variogram *v;
    double hmax, gmax, pairs_max;
} vario_job;

/* fig_render callback (data is a vario_job): each series' experimental points (area
 * growing with pairs when given) and model line in one colour, the total sill dashed. */
static void draw_vario(const void *data)
{
    const vario_job *job = data;
    const rm_fig_variogram *v = job->v;
    fig_viewport(0.09, 0.96, 0.13, 0.90, 0.0, job->hmax, 0.0, job->gmax, 0);
    double y_disp = fig_frame("", "");
    if (isfinite(v->sill)) {
        double xs[2] = {0.0, job->hmax}, ys[2] = {v->sill, v->sill};
        plcol0(FIG_GREY);
        pllsty(3);
        plline(2, xs, ys);
        pllsty(1);
    }
    fig_leg leg[2 * VARIO_MAX_SERIES + 1];
    size_t nleg = 0;
    char labels[2 * VARIO_MAX_SERIES][256];
    for (size_t s = 0; s < v->n_series; s++) {
        const rm_fig_vario_series *se = &v->series[s];
        int colour = fig_series_colour(s);
        plcol0(colour);
        if (se->n_model > 0 && se->model_h_m && se->model_gamma) {
            plwidth(3.0);
            fig_polyline(se->n_model, se->model_h_m, se->model_gamma);
            plwidth(1.0);
        }
        for (size_t i = 0; i < se->n_lags; i++) {
            double scale = 0.75;
            if (se->n_pairs && isfinite(se->n_pairs[i]) && job->pairs_max > 0)
                scale = 0.45 + 0.75 * sqrt(fmax(se->n_pairs[i], 0.0) / job->pairs_max);
            fig_points(1, &se->lag_m[i], &se->gamma[i], scale);
        }
        snprintf(labels[nleg], sizeof labels[nleg], "%s experimental",
                 se->label ? se->label : "");
        leg[nleg] = (fig_leg){FIG_LEG_SYMBOL, colour, 1, 0, labels[nleg], NULL};
        nleg++;
        if (se->model_label && se->n_model > 0) {
            snprintf(labels[nleg], sizeof labels[nleg], "%s", se->model_label);
            leg[nleg] = (fig_leg){FIG_LEG_LINE, colour, 1, 0, labels[nleg], NULL};
            nleg++;
        }
    }
    if (isfinite(v->sill))
        leg[nleg++] = (fig_leg){FIG_LEG_LINE, FIG_GREY, 3, 0, "Total sill", NULL};
    fig_labels(v->title, v->lag_label ? v->lag_label : "Lag distance (m)",
               v->gamma_label ? v->gamma_label : "Semivariance γ(h)", y_disp);
    fig_legend(nleg, leg, PL_POSITION_BOTTOM | PL_POSITION_RIGHT);
    if (job->pairs_max > 0) {
        plschr(0.0, FIG_CHAR_SCALE * 0.75);
        plcol0(FIG_GREY);
        plmtex("t", 0.7, 0.0, 0.0, "symbol area ∝ number of pairs");
        plschr(0.0, FIG_CHAR_SCALE);
    }
}

rm_status rm_fig_variogram_plot(const char *dir, const char *name, const rm_fig_variogram *v,
                                rm_error *err)
{
    if (!v || v->n_series == 0 || !v->series)
        return rm_error_set(err, RM_EINVAL, "variogram: no series to draw");
    if (v->n_series > VARIO_MAX_SERIES)
        return rm_error_set(err, RM_EINVAL, "variogram: at most %d series, got %zu",
                            VARIO_MAX_SERIES, v->n_series);
    vario_job job = {v, 0.0, 0.0, 0.0};
    size_t points = 0;
    for (size_t s = 0; s < v->n_series; s++) {
        const rm_fig_vario_series *se = &v->series[s];
        double lo, hi;
        if (se->n_lags > 0 && (!se->lag_m || !se->gamma))
            return rm_error_set(err, RM_EINVAL, "variogram: series %zu has no lags", s);
        if (se->n_model > 0 && (!se->model_h_m || !se->model_gamma))
            return rm_error_set(err, RM_EINVAL, "variogram: series %zu has no model values", s);
        points += fig_count_pairs(se->n_lags, se->lag_m, se->gamma);
        points += fig_count_pairs(se->n_model, se->model_h_m, se->model_gamma);
        if (fig_range(se->lag_m, se->n_lags, &lo, &hi))
            job.hmax = fmax(job.hmax, hi);
        if (fig_range(se->gamma, se->n_lags, &lo, &hi))
            job.gmax = fmax(job.gmax, hi);
        if (fig_range(se->model_h_m, se->n_model, &lo, &hi))
            job.hmax = fmax(job.hmax, hi);
        if (fig_range(se->model_gamma, se->n_model, &lo, &hi))
            job.gmax = fmax(job.gmax, hi);
        if (se->n_pairs && fig_range(se->n_pairs, se->n_lags, &lo, &hi))
            job.pairs_max = fmax(job.pairs_max, hi);
    }
    if (points == 0)
        return rm_error_set(err, RM_EINVAL, "variogram: no finite point to draw");
    if (isfinite(v->sill))
        job.gmax = fmax(job.gmax, v->sill);
    job.hmax = job.hmax > 0 ? job.hmax * 1.04 : 1.0;
    job.gmax = job.gmax > 0 ? job.gmax * 1.1 : 1.0;
    return fig_render(dir, name, draw_vario, &job, err);
}
