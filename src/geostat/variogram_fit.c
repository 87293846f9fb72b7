/* variogram_fit.c — weighted least-squares fit of a variogram model to an
 * experimental variogram.
 *
 * Minimises sum_j w_j (gamma_model(h_j) - gamma_j)^2 over the free partial
 * sills and ranges, with gstat's default weights w_j = N_j / h_j^2
 * (fit.method = 7; Pebesma 2004, Computers & Geosciences 30:683, and
 * Cressie 1985, Math. Geol. 17:563 for the N_j / gamma^2 family), where N_j
 * is the number of pairs and h_j the mean distance of bin j.
 *
 * Solver: GSL's trust-region Levenberg-Marquardt (gsl_multifit_nlinear) with
 * a finite-difference Jacobian.  Ranges are fitted as log(range) so they
 * stay positive; anisotropic structures keep their ratios and angles (all
 * ranges scale together).  As gstat does, a partial sill that ends negative
 * is set to zero, fixed, and the fit repeated.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>

#include "reemud/variogram.h"

/* Parameter k of the solver vector: structure s, sill (0) or log range (1). */
typedef struct param {
    int s;
    int what;
} param;

typedef struct fit_ctx {
    rm_vgm_model *m;
    const param *par;
    size_t n_par;
    const double *h, *g, *sw; /* bins used: distance, gamma, sqrt(weight) */
    size_t n_obs;
} fit_ctx;

/* Copies the solver vector x into the model's free parameters (sills, and major ranges
 * from their logarithms). */
static void set_params(fit_ctx *c, const gsl_vector *x)
{
    for (size_t k = 0; k < c->n_par; k++) {
        rm_vgm_struct *s = &c->m->s[c->par[k].s];
        double v = gsl_vector_get(x, k);
        if (c->par[k].what == 0)
            s->sill = v;
        else
            s->range[0] = exp(v); /* minor and vertical follow after the fit */
    }
}

/* gsl_multifit_nlinear residual function: f_j = sqrt(w_j) (γ_model(h_j) − γ_j) over the
 * bins used, after setting the model from x. Always GSL_SUCCESS. */
static int residuals(const gsl_vector *x, void *data, gsl_vector *f)
{
    fit_ctx *c = data;
    set_params(c, x);
    for (size_t j = 0; j < c->n_obs; j++)
        gsl_vector_set(f, j, c->sw[j] * (rm_vgm_gamma_h(c->m, c->h[j]) - c->g[j]));
    return GSL_SUCCESS;
}

/* One weighted fit with the current fixed flags; the model holds the start
 * and receives the solution (major ranges only). */
static rm_status fit_once(fit_ctx *c, const int *fixed, int *iterations, int *gsl_status,
                          rm_error *err)
{
    param par[2 * RM_VGM_MAX_STRUCT];
    size_t n_par = 0;
    for (int i = 0; i < c->m->n; i++) {
        const rm_vgm_struct *s = &c->m->s[i];
        if (!(fixed[i] & RM_VGM_FIX_SILL))
            par[n_par++] = (param){i, 0};
        if (s->type->has_range && !(fixed[i] & RM_VGM_FIX_RANGE))
            par[n_par++] = (param){i, 1};
    }
    c->par = par;
    c->n_par = n_par;
    *iterations = 0;
    *gsl_status = GSL_SUCCESS;
    if (n_par == 0)
        return RM_OK;
    if (c->n_obs < n_par)
        return rm_error_set(err, RM_EINVAL,
                            "variogram fit: %zu non-empty bins for %zu free parameters",
                            c->n_obs, n_par);

    gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters();
    fp.trs = gsl_multifit_nlinear_trs_lm;
    gsl_multifit_nlinear_workspace *w =
        gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &fp, c->n_obs, n_par);
    gsl_vector *x0 = gsl_vector_alloc(n_par);
    if (!w || !x0) {
        gsl_multifit_nlinear_free(w);
        gsl_vector_free(x0);
        return rm_error_set(err, RM_ENOMEM, "out of memory for the variogram fit");
    }
    for (size_t k = 0; k < n_par; k++) {
        const rm_vgm_struct *s = &c->m->s[par[k].s];
        gsl_vector_set(x0, k, par[k].what == 0 ? s->sill : log(s->range[0]));
    }
    gsl_multifit_nlinear_fdf fdf;
    memset(&fdf, 0, sizeof fdf);
    fdf.f = residuals;
    fdf.df = NULL; /* forward-difference Jacobian */
    fdf.n = c->n_obs;
    fdf.p = n_par;
    fdf.params = c;
    /* GSL's default error handler aborts the program, e.g. when the
     * Jacobian has rank 0 (a range far below the first lag with the sills
     * fixed: qrpt.c "rank must have 0 < rank <= N"); with it off the driver
     * returns a status, reported below (as economics.c does around its root
     * finder). */
    gsl_error_handler_t *old_handler = gsl_set_error_handler_off();
    int st = gsl_multifit_nlinear_init(x0, &fdf, w);
    int info = 0;
    if (st == GSL_SUCCESS)
        st = gsl_multifit_nlinear_driver(500, 1e-12, 1e-12, 1e-12, NULL, NULL, &info, w);
    gsl_set_error_handler(old_handler);
    set_params(c, w->x);
    *iterations = (int)gsl_multifit_nlinear_niter(w);
    *gsl_status = st;
    gsl_multifit_nlinear_free(w);
    gsl_vector_free(x0);
    if (st != GSL_SUCCESS && st != GSL_ENOPROG)
        return rm_error_set(err, RM_ENOCONV, "variogram fit did not converge: %s (%d iterations)",
                            gsl_strerror(st), *iterations);
    for (size_t k = 0; k < n_par; k++) {
        const rm_vgm_struct *s = &c->m->s[par[k].s];
        if (par[k].what == 0 ? !isfinite(s->sill)
                             : !(s->range[0] > 0.0 && isfinite(s->range[0])))
            return rm_error_set(err, RM_ENOCONV, "variogram fit diverged (structure %d)",
                                par[k].s + 1);
    }
    return RM_OK;
}

rm_status rm_vgm_fit(rm_vgm_model *m, const rm_vario *v, const int *fix,
                     rm_vgm_fit_info *info, rm_error *err)
{
    if (m->n == 0)
        return rm_error_set(err, RM_EINVAL, "variogram fit: the model is empty");
    double *h = malloc(v->n_bins * sizeof *h), *g = malloc(v->n_bins * sizeof *g);
    double *sw = malloc(v->n_bins * sizeof *sw);
    if (!h || !g || !sw) {
        free(h);
        free(g);
        free(sw);
        return rm_error_set(err, RM_ENOMEM, "out of memory for the variogram fit");
    }
    size_t n_obs = 0;
    for (size_t k = 0; k < v->n_bins; k++) {
        /* Bins without pairs, or at distance 0 (infinite weight), are skipped. */
        if (!(v->np[k] > 0) || !(v->dist[k] > 0))
            continue;
        if (!isfinite(v->dist[k]) || !isfinite(v->gamma[k]) || !isfinite(v->np[k])) {
            free(h);
            free(g);
            free(sw);
            return rm_error_set(err, RM_EINVAL,
                                "variogram fit: lag %zu is not finite (distance %g, "
                                "semivariance %g, pairs %g)",
                                k + 1, v->dist[k], v->gamma[k], v->np[k]);
        }
        h[n_obs] = v->dist[k];
        g[n_obs] = v->gamma[k];
        sw[n_obs] = sqrt(v->np[k]) / v->dist[k]; /* sqrt(N_j / h_j^2) */
        n_obs++;
    }
    rm_vgm_model work = *m;
    /* Remember the anisotropy ratios: the fit moves the major range only. */
    double ratio[RM_VGM_MAX_STRUCT][2];
    int fixed[RM_VGM_MAX_STRUCT];
    for (int i = 0; i < m->n; i++) {
        ratio[i][0] = m->s[i].type->has_range ? m->s[i].range[1] / m->s[i].range[0] : 1;
        ratio[i][1] = m->s[i].type->has_range ? m->s[i].range[2] / m->s[i].range[0] : 1;
        fixed[i] = fix ? fix[i] : 0;
    }
    fit_ctx c = {&work, NULL, 0, h, g, sw, n_obs};
    int iterations = 0, total_iter = 0, gsl_status = 0;
    rm_status st;
    for (;;) {
        st = fit_once(&c, fixed, &iterations, &gsl_status, err);
        total_iter += iterations;
        if (st != RM_OK)
            break;
        /* A negative partial sill: set it to zero, fix it, fit again. */
        int again = 0;
        for (int i = 0; i < work.n; i++)
            if (work.s[i].sill < 0.0 && !(fixed[i] & RM_VGM_FIX_SILL)) {
                work.s[i].sill = 0.0;
                fixed[i] |= RM_VGM_FIX_SILL;
                again = 1;
            }
        if (!again)
            break;
    }
    if (st == RM_OK) {
        for (int i = 0; i < work.n; i++)
            if (work.s[i].type->has_range) {
                work.s[i].range[1] = ratio[i][0] * work.s[i].range[0];
                work.s[i].range[2] = ratio[i][1] * work.s[i].range[0];
            }
        st = rm_vgm_update(&work, err);
    }
    if (st == RM_OK) {
        double wss = 0;
        for (size_t j = 0; j < n_obs; j++) {
            double r = sw[j] * (rm_vgm_gamma_h(&work, h[j]) - g[j]);
            wss += r * r;
        }
        if (info) {
            info->iterations = total_iter;
            info->wss = wss;
            info->status = gsl_status;
        }
        *m = work;
    }
    free(h);
    free(g);
    free(sw);
    return st;
}
