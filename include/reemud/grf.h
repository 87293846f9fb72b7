/* grf.h — unconditional stationary Gaussian random fields by the spectral
 * (random Fourier feature) method.
 *
 * A field with covariance C(h) = sill · ρ(h) is the normalised sum of N
 * cosine waves
 *
 *     Z(x) = sqrt(2 sill / N) Σ_k cos(ω_k · x + φ_k)
 *
 * with phases φ_k ~ U(0, 2π) and frequencies ω_k drawn from the spectral
 * density of ρ (Shinozuka 1971; Mantoglou & Wilson 1982; Emery &
 * Lantuéjoul 2006, "TBSIM", the "spectral turning bands" variant).  Then
 * E[Z(x) Z(x + h)] = sill · E[cos(ω · h)] = sill · ρ(h) exactly, and Z is
 * Gaussian in the limit of many waves (central limit theorem); a few
 * hundred waves are plenty for the smooth fields reemud needs.
 *
 * Covariance types follow gstat's range parameter (docs/references.md §5):
 *     Exp  ρ(h) = exp(−h)              Gau  ρ(h) = exp(−h²)
 *     Sph  ρ(h) = 1 − 1.5 h + 0.5 h³  (h < 1), 0 beyond
 * where h = |(Δx/ax, Δy/ay, Δz/az)| — geometric anisotropy along the axes
 * (no rotation).  A 2-D field is the 3-D field on the plane z = 0, which has
 * the same covariance.
 *
 * A type is a const table (like gsl_interp_type): name, correlation ρ(h) of
 * the scaled distance, and a sampler of the unit-range isotropic spectral
 * measure in 3-D.  Fields are deterministic functions of (seed, stream).
 */
#ifndef REEMUD_GRF_H
#define REEMUD_GRF_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "reemud/grid.h"
#include "reemud/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rm_grf_type {
    const char *name; /* "Exp", "Gau", "Sph" (gstat spelling) */
    /* Correlation at scaled distance h >= 0 (unit range). */
    double (*correlation)(double h);
    /* Draw one frequency vector of the unit-range isotropic spectral
     * probability measure in 3-D. */
    void (*sample_frequency)(gsl_rng *rng, double omega[3]);
} rm_grf_type;

extern const rm_grf_type *const rm_grf_exp;
extern const rm_grf_type *const rm_grf_gau;
extern const rm_grf_type *const rm_grf_sph;

/* Type by gstat name (case-insensitive); NULL if unknown. */
const rm_grf_type *rm_grf_type_by_name(const char *name);

typedef struct rm_grf_model {
    const rm_grf_type *type;
    double sill;        /* variance of the field (> 0) */
    double range_m[3];  /* gstat range parameter along x, y, z (> 0) */
} rm_grf_model;

/* Default number of waves: the marginal is within ~1/sqrt(N) of Gaussian. */
#define RM_GRF_DEFAULT_WAVES 1000

typedef struct rm_grf rm_grf;

/* Draw a field: n_waves frequencies and phases from the GSL stream
 * rm_rng_stream(seed, stream).  n_waves 0 means RM_GRF_DEFAULT_WAVES. */
rm_status rm_grf_alloc(const rm_grf_model *model, size_t n_waves, uint64_t seed,
                       uint64_t stream, rm_grf **out, rm_error *err);
void rm_grf_free(rm_grf *grf);

/* Value of the field at a point (metres). */
double rm_grf_eval(const rm_grf *grf, double x, double y, double z);

/* Values at every block centre of grid (index order of grid.h);
 * out holds rm_grid_nblocks(grid) doubles.  Factorises each wave over the
 * axes, cos(a + b + c + φ) = Re(e^{ia} e^{ib} e^{ic} e^{iφ}), so the cost is
 * one complex product per block and wave; the result equals rm_grf_eval at
 * the centres to rounding. */
rm_status rm_grf_fill_grid(const rm_grf *grf, const rm_grid *grid, double *out,
                           rm_error *err);

/* Values on the plane z = 0 at the column centres of grid (nx*ny). */
rm_status rm_grf_fill_surface(const rm_grf *grf, const rm_grid *grid, double *out,
                              rm_error *err);

/* Covariance of the model at separation (dx, dy, dz). */
double rm_grf_model_covariance(const rm_grf_model *model, double dx, double dy,
                               double dz);

#ifdef __cplusplus
}
#endif
#endif
