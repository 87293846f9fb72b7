/* grf.c — unconditional Gaussian random fields by the spectral method.
 *
 * Shinozuka, M. (1971) "Simulation of multivariate and multidimensional
 * random processes", J. Acoust. Soc. Am. 49:357–368; Mantoglou, A. &
 * Wilson, J. L. (1982) "The turning bands method for simulation of random
 * fields using line generation by a spectral method", Water Resour. Res.
 * 18:1379–1394; Emery, X. & Lantuéjoul, C. (2006) "TBSIM: A computer
 * program for conditional simulation of three-dimensional Gaussian random
 * fields via the turning bands method", Comput. Geosci. 32:1615–1628.
 *
 * Equation (1) of this file, the field:
 *     Z(x) = sqrt(2 σ² / N) Σ_{k=1..N} cos(ω_k · x + φ_k),
 * φ_k ~ U(0, 2π), ω_k ~ F / σ² where F is the spectral measure of C
 * (Bochner: C(h) = ∫ cos(ω·h) dF(ω)).  Each term has covariance
 * (σ²) E[cos(ω·h)] = C(h), so the sum has covariance C exactly; the
 * marginal tends to N(0, σ²) as N grows.  The per-type samplers of the
 * unit-range spectral measure live in grf_exp.c, grf_gau.c, grf_sph.c.
 */
#include <math.h>
#include <stdlib.h>
#include <strings.h>

#include <gsl/gsl_randist.h>

#include "reemud/grf.h"

struct rm_grf {
    size_t n;          /* waves */
    double amplitude;  /* sqrt(2 sill / n) */
    double *omega;     /* 3 n frequencies (rad/m) */
    double *phase;     /* n phases */
};

const rm_grf_type *rm_grf_type_by_name(const char *name)
{
    const rm_grf_type *const types[] = {rm_grf_exp, rm_grf_gau, rm_grf_sph};
    for (size_t i = 0; name && i < sizeof types / sizeof types[0]; i++)
        if (!strcasecmp(types[i]->name, name))
            return types[i];
    return NULL;
}

/* RM_OK when m has a covariance type and a finite sill and three finite ranges > 0, else
 * RM_EINVAL naming the bad value. */
static rm_status check_model(const rm_grf_model *m, rm_error *err)
{
    if (!m || !m->type)
        return rm_error_set(err, RM_EINVAL, "random field: no covariance type");
    if (!(m->sill > 0) || !isfinite(m->sill))
        return rm_error_set(err, RM_EINVAL, "random field: sill must be > 0 (got %g)",
                            m->sill);
    for (int a = 0; a < 3; a++)
        if (!(m->range_m[a] > 0) || !isfinite(m->range_m[a]))
            return rm_error_set(err, RM_EINVAL,
                                "random field: range %c must be > 0 (got %g)", "xyz"[a],
                                m->range_m[a]);
    return RM_OK;
}

double rm_grf_model_covariance(const rm_grf_model *m, double dx, double dy, double dz)
{
    double u = dx / m->range_m[0], v = dy / m->range_m[1], w = dz / m->range_m[2];
    return m->sill * m->type->correlation(sqrt(u * u + v * v + w * w));
}

rm_status rm_grf_alloc(const rm_grf_model *model, size_t n_waves, uint64_t seed,
                       uint64_t stream, rm_grf **out, rm_error *err)
{
    *out = NULL;
    rm_status st = check_model(model, err);
    if (st)
        return st;
    if (n_waves == 0)
        n_waves = RM_GRF_DEFAULT_WAVES;
    rm_grf *g = calloc(1, sizeof *g);
    gsl_rng *rng = rm_rng_stream(seed, stream);
    if (g) {
        g->omega = malloc(3 * n_waves * sizeof *g->omega);
        g->phase = malloc(n_waves * sizeof *g->phase);
    }
    if (!g || !rng || !g->omega || !g->phase) {
        gsl_rng_free(rng);
        rm_grf_free(g);
        return rm_error_set(err, RM_ENOMEM, "random field: out of memory");
    }
    g->n = n_waves;
    g->amplitude = sqrt(2.0 * model->sill / (double)n_waves); /* equation (1) */
    for (size_t k = 0; k < n_waves; k++) {
        double w[3];
        model->type->sample_frequency(rng, w);
        /* Geometric anisotropy: ρ(|h / a|) has spectral measure ω_unit / a. */
        for (int a = 0; a < 3; a++)
            g->omega[3 * k + a] = w[a] / model->range_m[a];
        g->phase[k] = 2.0 * M_PI * gsl_rng_uniform(rng);
    }
    gsl_rng_free(rng);
    *out = g;
    return RM_OK;
}

void rm_grf_free(rm_grf *g)
{
    if (!g)
        return;
    free(g->omega);
    free(g->phase);
    free(g);
}

double rm_grf_eval(const rm_grf *g, double x, double y, double z)
{
    double sum = 0;
    for (size_t k = 0; k < g->n; k++) {
        const double *w = g->omega + 3 * k;
        sum += cos(w[0] * x + w[1] * y + w[2] * z + g->phase[k]);
    }
    return g->amplitude * sum;
}

/* Table t[c * n + k] = e^{i ω_k,axis · coord_c} (re, im interleaved). */
static double *axis_table(const rm_grf *g, int axis, size_t count, double origin,
                          double step, const double *phase)
{
    double *t = malloc(2 * count * g->n * sizeof *t);
    if (!t)
        return NULL;
    for (size_t c = 0; c < count; c++) {
        double coord = origin + ((double)c + 0.5) * step;
        for (size_t k = 0; k < g->n; k++) {
            double a = g->omega[3 * k + axis] * coord + (phase ? phase[k] : 0.0);
            t[2 * (c * g->n + k)] = cos(a);
            t[2 * (c * g->n + k) + 1] = sin(a);
        }
    }
    return t;
}

/* Evaluates equation (1) at the cell centres of grid (nz levels; nz = 0 gives the
 * surface z = 0) into out, x fastest then y then z; out must hold nx ny max(nz, 1)
 * values. Sums factor as e^{iω·x} = e^{iω_x x} e^{iω_y y} e^{iω_z z}, from per-axis
 * tables. */
static rm_status fill(const rm_grf *g, const rm_grid *grid, size_t nz, double *out,
                      rm_error *err)
{
    rm_status st = rm_grid_validate(grid, err);
    if (st)
        return st;
    const size_t n = g->n, nx = grid->nx, ny = grid->ny;
    double *tx = axis_table(g, 0, nx, grid->x0, grid->dx, NULL);
    double *ty = axis_table(g, 1, ny, grid->y0, grid->dy, NULL);
    /* The phase rides on the z factor; a surface is the plane z = 0. */
    double *tz = nz ? axis_table(g, 2, nz, grid->z0, grid->dz, g->phase)
                    : axis_table(g, 2, 1, 0.0, 0.0, g->phase);
    if (!tx || !ty || !tz) {
        free(tx), free(ty), free(tz);
        return rm_error_set(err, RM_ENOMEM, "random field: out of memory");
    }
    const size_t nrows = ny * (nz ? nz : 1);
    /* Each row (j, k) sums its waves in a fixed order, so the result does
     * not depend on the number of threads. */
#pragma omp parallel for schedule(static)
    for (size_t row = 0; row < nrows; row++) {
        size_t j = row % ny, kz = row / ny;
        double *o = out + row * nx;
        for (size_t i = 0; i < nx; i++)
            o[i] = 0;
        const double *ey = ty + 2 * j * n, *ez = tz + 2 * kz * n;
        for (size_t k = 0; k < n; k++) {
            double cr = ey[2 * k] * ez[2 * k] - ey[2 * k + 1] * ez[2 * k + 1];
            double ci = ey[2 * k] * ez[2 * k + 1] + ey[2 * k + 1] * ez[2 * k];
            for (size_t i = 0; i < nx; i++) {
                const double *ex = tx + 2 * (i * n + k);
                o[i] += ex[0] * cr - ex[1] * ci; /* Re(e^{ia} e^{i(b+c+φ)}) */
            }
        }
        for (size_t i = 0; i < nx; i++)
            o[i] *= g->amplitude;
    }
    free(tx), free(ty), free(tz);
    return RM_OK;
}

rm_status rm_grf_fill_grid(const rm_grf *g, const rm_grid *grid, double *out,
                           rm_error *err)
{
    return fill(g, grid, grid->nz, out, err);
}

rm_status rm_grf_fill_surface(const rm_grf *g, const rm_grid *grid, double *out,
                              rm_error *err)
{
    return fill(g, grid, 0, out, err);
}
