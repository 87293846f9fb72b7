/* krige.c — simple and ordinary kriging, point and block (see krige.h).
 *
 * Equations: Journel & Huijbregts (1978), Mining Geostatistics, ch. V;
 * Deutsch & Journel (1998), GSLIB 2nd ed., §IV.1 (kt3d); gstat's
 * conventions (Pebesma 2004, Computers & Geosciences 30:683).
 *
 * Per target:
 *   1. the neighbours: k nearest in the search metric (search_kdtree.c);
 *   2. the neighbours are put in the search tree's order (a fixed order of
 *      the samples, in which the kernel also stores them, so neighbours are
 *      near in memory), so the system is a function of
 *      the neighbour set alone; if the set equals the previous target's (on
 *      the same thread), its factorisation is reused — bit-identical to
 *      refactorising, so outputs do not depend on the thread count;
 *   3. C = L Lᵀ (Cholesky; C is the sample covariance matrix, positive
 *      definite for a valid model and distinct samples);
 *   4. with g = L⁻¹1, G_v = L⁻¹z_v (per set) and y = L⁻¹c (per target),
 *      ordinary kriging's bordered system [C 1; 1ᵀ 0] [λ; μ] = [c; 1] gives,
 *      through its Schur complement,
 *        μ = (yᵀg − 1)/(gᵀg),   Z* = λᵀz = yᵀG_v − μ gᵀG_v,
 *        λᵀc = yᵀy − μ yᵀg,
 *      so a target costs one triangular solve and a few dot products and
 *      the weights λ = C⁻¹(c − μ1) are never formed; simple kriging uses
 *      G_v = L⁻¹(z_v − m_v), Z* = m_v + yᵀG_v, λᵀc = yᵀy;
 *   5. σ² = C(B,B) − λᵀc − μ.
 *
 * When every structure of the model shares one anisotropy (the common case,
 * and always for isotropic models), the covariance is a function of the
 * distance h = |M d| in the search metric alone; samples are stored
 * transformed by M and C(h) = Σ_k c_k (1 − g_k(h/a_k)) (+ nugget at h = 0)
 * is evaluated on squared distances in vectorisable loops.  Otherwise each
 * covariance is rm_vgm_cov of the original separation vector.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "reemud/krige.h"
#include "reemud/search.h"

enum { COV_SPH = 0, COV_EXP, COV_GAU, COV_OTHER };

/* The hot loops below are elementwise (no reassociation; no FMA: the
 * clone targets AVX2 only), so the AVX2 clone gives the same bits as the
 * baseline.  sqrt of a squared distance never sets errno, and this file is
 * compiled with -fno-math-errno (CMakeLists.txt) so GCC vectorises it. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && \
    !defined(REEMUD_NO_CLONES)
#define RM_KRIGE_HOT __attribute__((target_clones("avx2", "default")))
#else
#define RM_KRIGE_HOT
#endif

typedef struct cov_struct {
    int code;
    double sill;
    double inv_range;       /* 1 / major range (metric distance is along major) */
    const rm_vgm_type *type;
} cov_struct;

struct rm_krige {
    rm_krige_params p;
    rm_vgm_model model;
    size_t n, nvar, n_merged;
    double *xyz;            /* n x 3 original coordinates (merged samples) */
    double *txyz;           /* n x 3 transformed by M, in the search tree's order */
    double *oxyz;           /* n x 3 original coordinates, tree order */
    double *ovalues;        /* n x nvar, tree order */
    double *values;         /* n x nvar */
    long *hole;             /* n or NULL */
    double *sk_mean;        /* nvar (SK) */
    double M[9];
    int fast;               /* covariance is a function of metric distance */
    int identity;           /* the search metric is the identity: metric and
                               Euclidean distances are the same numbers */
    int n_cov;
    cov_struct cov[RM_VGM_MAX_STRUCT];
    double nugget, sill;
    /* block discretisation: offsets (original and transformed) and weights */
    int block;
    size_t n_disc;
    double *disc, *tdisc, *disc_w;
    double cbb;             /* C(B,B) or the total sill */
    rm_search *search;
    /* drift (universal kriging, external drift): nf functions, the first the
     * constant 1; nf = 1 for ordinary and simple kriging */
    size_t nf, n_coord_f, n_ext;
    int trend_ndim;
    double drift_center[3], drift_scale;   /* coordinates u = (x − c)/s */
    double *ext_mean, *ext_scale;          /* n_ext: external drift standardised */
    double *ext;            /* n x n_ext external drift (merged samples) */
    double *odrift;         /* n x nf drift values, tree order */
};

struct rm_krige_work {
    size_t cap;             /* neighbour capacity */
    rm_search_work *sw;
    size_t *idx, *prev_idx;
    double *d2;
    size_t m, prev_m;       /* neighbours now / in the cached factorisation */
    int prev_ok;
    double *L;              /* Cholesky factor U, C = UᵀU, of the augmented
                               system (row-major, upper, leading dimension ld) */
    size_t ld;
    double *inv_diag;       /* 1 / L_ii */
    double *g;              /* L⁻¹ 1 */
    double *G;              /* nvar x cap: L⁻¹ z_v (SK: L⁻¹ (z_v − m_v)) */
    double gg, *gG;         /* gᵀg, gᵀG_v */
    double *c, *y, *h2, *tmp;
    double *h;              /* distances to the target (rhs, identity metric) */
    double *nx, *ny, *nz;   /* neighbour coordinates (metric) */
    size_t reused;
    /* drift (nf > 1): Gf = L⁻¹F (nf x cap), A = GfᵀGf (Cholesky factor,
     * lower, nf x nf), FG = GfᵀG_v (nf x nvar); per target f0, a, mu */
    double *Gf, *A, *FG, *f0, *fa, *mu;
    size_t m_last;          /* neighbours of the last target */
    double mu_last;         /* its μ (OK) */
};

static size_t aug_ld(size_t m, size_t nf, size_t nvar);

void rm_krige_params_default(rm_krige_params *p)
{
    memset(p, 0, sizeof *p);
    p->kind = RM_KRIGE_ORDINARY;
}

/* ---- covariance ---- */

/* Covariance of one structure, sill × (1 − g(h/a)), at squared metric
 * distances h2[0..m): added to out (add = 1) or stored (add = 0; then out
 * may be h2 itself). */
static inline void cov_add(const cov_struct *cs, const double *h2, double *out, size_t m,
                           int add)
{
    const double s = cs->sill, ir = cs->inv_range;
    switch (cs->code) {
    case COV_SPH:
        for (size_t i = 0; i < m; i++) {
            /* min(h, 1) without a branch, so the loop vectorises; exact to
             * ~1e-16 absolute for reduced distances below 1e15 */
            double h = sqrt(h2[i]) * ir, hc = 0.5 * ((h + 1.0) - fabs(h - 1.0));
            double c = s * (1.0 - hc * (1.5 - 0.5 * hc * hc));
            out[i] = add ? out[i] + c : c;
        }
        break;
    case COV_EXP:
        for (size_t i = 0; i < m; i++) {
            double c = s * exp(-sqrt(h2[i]) * ir);
            out[i] = add ? out[i] + c : c;
        }
        break;
    case COV_GAU:
        for (size_t i = 0; i < m; i++) {
            double c = s * exp(-h2[i] * ir * ir);
            out[i] = add ? out[i] + c : c;
        }
        break;
    default:
        for (size_t i = 0; i < m; i++) {
            double c = s * (1.0 - cs->type->gamma(sqrt(h2[i]) * ir));
            out[i] = add ? out[i] + c : c;
        }
        break;
    }
}

/* Replace squared metric distances x[0..m) by covariances without the
 * nugget (fast path); scratch holds m values. */
static inline void cov_inplace(const rm_krige *k, double *x, size_t m, double *scratch)
{
    if (k->n_cov == 1) {
        cov_add(&k->cov[0], x, x, m, 0);
        return;
    }
    memcpy(scratch, x, m * sizeof *x);
    for (size_t i = 0; i < m; i++)
        x[i] = 0.0;
    for (int s = 0; s < k->n_cov; s++)
        cov_add(&k->cov[s], scratch, x, m, 1);
}

/* Covariances at squared metric distances h2[0..m) into out (fast path);
 * with_nugget adds the nugget where h2 == 0. */
static inline void cov_h2(const rm_krige *k, const double *h2, double *out, size_t m,
                   int with_nugget)
{
    for (size_t i = 0; i < m; i++)
        out[i] = (with_nugget && h2[i] == 0.0) ? k->nugget : 0.0;
    for (int s = 0; s < k->n_cov; s++)
        cov_add(&k->cov[s], h2, out, m, 1);
}

/* General path: covariance of an original separation without the nugget. */
static double cov_vec_no_nugget(const rm_krige *k, double dx, double dy, double dz)
{
    double c = rm_vgm_cov(&k->model, dx, dy, dz);
    if (dx == 0.0 && dy == 0.0 && dz == 0.0)
        c -= k->nugget;
    return c;
}

/* Does every ranged structure share the metric M (one anisotropy)? */
static int shares_metric(const rm_vgm_model *m, const double *M)
{
    double scale = 0;
    for (int j = 0; j < 9; j++)
        scale = fmax(scale, fabs(M[j]));
    for (int i = 0; i < m->n; i++) {
        const rm_vgm_struct *s = &m->s[i];
        if (!s->type->has_range)
            continue;
        if (s->isotropic) {
            if (!(M[0] == 1 && M[4] == 1 && M[8] == 1 && M[1] == 0 && M[2] == 0 &&
                  M[3] == 0 && M[5] == 0 && M[6] == 0 && M[7] == 0))
                return 0;
            continue;
        }
        for (int j = 0; j < 9; j++)
            if (fabs(s->rot[j] * s->range[0] - M[j]) > 1e-12 * scale)
                return 0;
    }
    return 1;
}

/* ---- drift functions (universal kriging, external drift) ---- */

/* Number of coordinate drift functions besides the constant: linear
 * u, v[, w]; quadratic adds the squares and the cross products (gstat's
 * formula z ~ x + y + I(x^2) + I(y^2) + I(x*y), and its 3-D analogue). */
static size_t n_coord_terms(int trend, int ndim)
{
    if (trend == 0)
        return 0;
    size_t lin = (size_t)ndim;
    return trend == 1 ? lin : lin + lin * (lin + 1) / 2;
}

/* Drift values f[0..nf) at the point xyz with external drift values ext
 * (n_ext, raw; may be NULL when n_ext = 0): f[0] = 1, then the coordinate
 * terms of the centred and scaled coordinates, then the standardised
 * external drifts.  Centring and scaling do not change the span of the
 * drift functions (the constant is always among them), so the kriging
 * estimate and variance are those of the raw functions, with a better
 * conditioned system. */
static void drift_point(const rm_krige *k, const double *xyz, const double *ext, double *f)
{
    size_t j = 0;
    f[j++] = 1.0;
    if (k->n_coord_f) {
        int nd = k->trend_ndim;
        double u[3];
        for (int a = 0; a < nd; a++)
            u[a] = (xyz[a] - k->drift_center[a]) / k->drift_scale;
        for (int a = 0; a < nd; a++)
            f[j++] = u[a];
        if (k->p.trend == 2) {
            for (int a = 0; a < nd; a++)
                f[j++] = u[a] * u[a];
            for (int a = 0; a < nd; a++)
                for (int b = a + 1; b < nd; b++)
                    f[j++] = u[a] * u[b];
        }
    }
    for (size_t e = 0; e < k->n_ext; e++)
        f[j++] = (ext[e] - k->ext_mean[e]) / k->ext_scale[e];
}

/* Drift values f0 at a target: at the point, or for a block the coordinate
 * terms averaged over its discretisation points (f0 = (1/|B|) ∫_B f);
 * external drifts are taken at the target as given.  tmp holds nf values. */
static void drift_target(const rm_krige *k, const double *q, const double *ext, double *f0,
                         double *tmp)
{
    drift_point(k, q, ext, f0);
    if (!k->block || k->n_coord_f == 0)
        return;
    for (size_t j = 1; j <= k->n_coord_f; j++)
        f0[j] = 0.0;
    for (size_t d = 0; d < k->n_disc; d++) {
        double p[3];
        for (int a = 0; a < 3; a++)
            p[a] = q[a] + k->disc[3 * d + a];
        drift_point(k, p, ext, tmp);
        for (size_t j = 1; j <= k->n_coord_f; j++)
            f0[j] += k->disc_w[d] * tmp[j];
    }
}

/* ---- block discretisation ---- */

/* 4-point Gauss–Legendre rule on [−1, 1] (Abramowitz & Stegun 25.4.30). */
static const double gl4_x[4] = {-0.86113631159405257522, -0.33998104358485626480,
                                0.33998104358485626480, 0.86113631159405257522};
static const double gl4_w[4] = {0.34785484513745385737, 0.65214515486254614263,
                                0.65214515486254614263, 0.34785484513745385737};

/* Fills k's block discretisation (4 Gauss–Legendre points per axis, or discr regular
 * points; one point on an axis of zero size) and k->cbb = C(B,B) without the nugget.
 * Needs k->search, k->fast and the covariance structures set; discr <= 64 (checked
 * earlier). */
static rm_status setup_block(rm_krige *k, rm_error *err)
{
    size_t na[3];
    double off[3][64], w[3][64];
    for (int a = 0; a < 3; a++) {
        double size = k->p.block[a];
        if (!(size > 0)) {
            na[a] = 1;
            off[a][0] = 0;
            w[a][0] = 1;
            continue;
        }
        if (k->p.discr == 0) {
            na[a] = 4;
            for (int i = 0; i < 4; i++) {
                off[a][i] = 0.5 * size * gl4_x[i];
                w[a][i] = 0.5 * gl4_w[i];
            }
        } else {
            na[a] = (size_t)k->p.discr;
            for (size_t i = 0; i < na[a]; i++) {
                off[a][i] = -0.5 * size + ((double)i + 0.5) * size / k->p.discr;
                w[a][i] = 1.0 / k->p.discr;
            }
        }
    }
    k->n_disc = na[0] * na[1] * na[2];
    k->disc = malloc(3 * k->n_disc * sizeof *k->disc);
    k->tdisc = malloc(3 * k->n_disc * sizeof *k->tdisc);
    k->disc_w = malloc(k->n_disc * sizeof *k->disc_w);
    if (!k->disc || !k->tdisc || !k->disc_w)
        return rm_error_set(err, RM_ENOMEM, "out of memory (block discretisation)");
    size_t d = 0;
    for (size_t l = 0; l < na[2]; l++)
        for (size_t j = 0; j < na[1]; j++)
            for (size_t i = 0; i < na[0]; i++, d++) {
                double *o = &k->disc[3 * d];
                o[0] = off[0][i];
                o[1] = off[1][j];
                o[2] = off[2][l];
                rm_search_transform(k->search, o, &k->tdisc[3 * d]);
                k->disc_w[d] = w[0][i] * w[1][j] * w[2][l];
            }
    /* C(B,B) = Σ_d Σ_e w_d w_e C(u_d − u_e), nugget excluded */
    double cbb = 0;
    for (size_t a = 0; a < k->n_disc; a++)
        for (size_t b = 0; b < k->n_disc; b++) {
            double c;
            if (k->fast) {
                double h2 = 0;
                for (int q = 0; q < 3; q++) {
                    double v = k->tdisc[3 * a + q] - k->tdisc[3 * b + q];
                    h2 += v * v;
                }
                cov_h2(k, &h2, &c, 1, 0);
            } else {
                c = cov_vec_no_nugget(k, k->disc[3 * a] - k->disc[3 * b],
                                      k->disc[3 * a + 1] - k->disc[3 * b + 1],
                                      k->disc[3 * a + 2] - k->disc[3 * b + 2]);
            }
            cbb += k->disc_w[a] * k->disc_w[b] * c;
        }
    k->cbb = cbb;
    return RM_OK;
}

/* ---- allocation ---- */

typedef struct sort_key {
    const double *xyz;
    size_t i;
} sort_key;

/* qsort order of sort keys by x, then y, then z, then input index (a total order). */
static int coord_cmp(const void *pa, const void *pb)
{
    const sort_key *a = pa, *b = pb;
    for (int q = 0; q < 3; q++)
        if (a->xyz[q] != b->xyz[q])
            return a->xyz[q] < b->xyz[q] ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* Merge samples with identical coordinates: group id per input sample
 * (groups numbered in order of first appearance).  Returns group count. */
static size_t merge_groups(const double *xyz, size_t n, size_t *group, rm_error *err)
{
    sort_key *key = malloc((n ? n : 1) * sizeof *key);
    size_t *first = malloc((n ? n : 1) * sizeof *first);
    if (!key || !first) {
        free(key);
        free(first);
        rm_error_set(err, RM_ENOMEM, "out of memory (merging samples)");
        return (size_t)-1;
    }
    for (size_t i = 0; i < n; i++)
        key[i] = (sort_key){&xyz[3 * i], i};
    qsort(key, n, sizeof *key, coord_cmp);
    /* first[i] = the first input index at the same location as i */
    for (size_t r = 0; r < n;) {
        size_t e = r + 1;
        while (e < n && !memcmp(key[e].xyz, key[r].xyz, 3 * sizeof(double)))
            e++;
        for (size_t q = r; q < e; q++)
            first[key[q].i] = key[r].i;
        r = e;
    }
    size_t ng = 0;
    for (size_t i = 0; i < n; i++)
        group[i] = first[i] == i ? ng++ : group[first[i]];
    free(key);
    free(first);
    return ng;
}

rm_status rm_krige_alloc(const rm_krige_params *p, const rm_vgm_model *model,
                         const double *xyz, const double *values, size_t n, size_t nvar,
                         const double *sk_mean, const long *hole, rm_krige **out,
                         rm_error *err)
{
    return rm_krige_alloc_ext(p, model, xyz, values, n, nvar, NULL, 0, sk_mean, hole, out,
                              err);
}

/* Centre and scale of the coordinate drift and mean and standard deviation of
 * each external drift over the (merged) samples, then every sample's drift
 * values in tree order (k->odrift).  Fails on a constant external drift. */
static rm_status setup_drift(rm_krige *k, rm_error *err)
{
    size_t n = k->n, nf = k->nf;
    double lo[3] = {INFINITY, INFINITY, INFINITY}, hi[3] = {-INFINITY, -INFINITY, -INFINITY};
    for (int a = 0; a < 3; a++) {
        double s = 0;
        for (size_t i = 0; i < n; i++) {
            s += k->xyz[3 * i + a];
            lo[a] = fmin(lo[a], k->xyz[3 * i + a]);
            hi[a] = fmax(hi[a], k->xyz[3 * i + a]);
        }
        k->drift_center[a] = n ? s / (double)n : 0.0;
    }
    k->drift_scale = 0;
    for (int a = 0; a < k->trend_ndim; a++)
        k->drift_scale = fmax(k->drift_scale, hi[a] - lo[a]);
    if (!(k->drift_scale > 0))
        k->drift_scale = 1.0;
    for (size_t e = 0; e < k->n_ext; e++) {
        double s = 0, s2 = 0;
        for (size_t i = 0; i < n; i++)
            s += k->ext[i * k->n_ext + e];
        double mean = n ? s / (double)n : 0.0;
        for (size_t i = 0; i < n; i++) {
            double d = k->ext[i * k->n_ext + e] - mean;
            s2 += d * d;
        }
        double sd = n > 1 ? sqrt(s2 / (double)(n - 1)) : 0.0;
        if (!(sd > 0))
            return rm_error_set(err, RM_EDATA,
                                "external drift %zu is the same at every sample: it cannot "
                                "be told from the constant",
                                e + 1);
        k->ext_mean[e] = mean;
        k->ext_scale[e] = sd;
    }
    const size_t *order = rm_search_order(k->search);
    for (size_t t = 0; t < n; t++) {
        size_t i = order[t];
        drift_point(k, &k->xyz[3 * i], k->n_ext ? &k->ext[i * k->n_ext] : NULL,
                    &k->odrift[t * nf]);
    }
    return RM_OK;
}

rm_status rm_krige_alloc_ext(const rm_krige_params *p, const rm_vgm_model *model,
                             const double *xyz, const double *values, size_t n, size_t nvar,
                             const double *ext, size_t n_ext, const double *sk_mean,
                             const long *hole, rm_krige **out, rm_error *err)
{
    *out = NULL;
    if (p->trend < 0 || p->trend > 2)
        return rm_error_set(err, RM_EINVAL, "trend %d: expected 0 (none), 1 (linear) or 2 "
                                            "(quadratic)", p->trend);
    if (p->trend_ndim != 0 && p->trend_ndim != 1 && p->trend_ndim != 2 && p->trend_ndim != 3)
        return rm_error_set(err, RM_EINVAL, "trend_ndim %d: expected 1, 2 or 3", p->trend_ndim);
    if (n_ext > RM_KRIGE_MAX_DRIFT)
        return rm_error_set(err, RM_EINVAL, "at most %d external drifts", RM_KRIGE_MAX_DRIFT);
    if (n_ext > 0 && !ext)
        return rm_error_set(err, RM_EINVAL, "external drift values missing");
    if ((p->trend > 0 || n_ext > 0) && p->kind == RM_KRIGE_SIMPLE)
        return rm_error_set(err, RM_EINVAL, "a drift (trend or external) needs ordinary "
                                            "kriging, not simple kriging with a known mean");
    for (size_t i = 0; i < n * n_ext; i++)
        if (!isfinite(ext[i]))
            return rm_error_set(err, RM_EDATA, "sample %zu: external drift %zu is not finite",
                                i / n_ext + 1, i % n_ext + 1);
    if (nvar == 0)
        return rm_error_set(err, RM_EINVAL, "kriging needs at least one value column");
    if (p->kind == RM_KRIGE_SIMPLE && !sk_mean)
        return rm_error_set(err, RM_EINVAL, "simple kriging needs the known mean");
    if (p->nmin > 0 && p->nmax > 0 && p->nmin > p->nmax)
        return rm_error_set(err, RM_EINVAL, "nmin (%zu) exceeds nmax (%zu)", p->nmin, p->nmax);
    if (p->discr < 0 || p->discr > 64)
        return rm_error_set(err, RM_EINVAL, "block discretisation %d outside 1..64", p->discr);
    if (p->octant_max < 0 || p->hole_max < 0 || !(p->maxdist >= 0 || p->maxdist < 0))
        return rm_error_set(err, RM_EINVAL, "negative search limit");
    if (p->hole_max > 0 && !hole)
        return rm_error_set(err, RM_EINVAL, "a per-hole limit needs hole ids");
    for (int a = 0; a < 3; a++)
        if (!(p->block[a] >= 0) || !isfinite(p->block[a]))
            return rm_error_set(err, RM_EINVAL, "block size must be finite and >= 0");
    if (model->n < 1)
        return rm_error_set(err, RM_EINVAL, "the variogram model is empty");
    if (!(rm_vgm_sill(model) > 0))
        return rm_error_set(err, RM_EINVAL, "the variogram model has zero sill");
    for (size_t i = 0; i < n; i++) {
        for (int q = 0; q < 3; q++)
            if (!isfinite(xyz[3 * i + q]))
                return rm_error_set(err, RM_EDATA, "sample %zu: coordinate %d is not finite",
                                    i + 1, q + 1);
        for (size_t v = 0; v < nvar; v++)
            if (!isfinite(values[i * nvar + v]))
                return rm_error_set(err, RM_EDATA, "sample %zu: value %zu is not finite",
                                    i + 1, v + 1);
    }
    if (sk_mean)
        for (size_t v = 0; v < nvar; v++)
            if (!isfinite(sk_mean[v]))
                return rm_error_set(err, RM_EINVAL, "simple-kriging mean is not finite");

    rm_krige *k = calloc(1, sizeof *k);
    if (!k)
        return rm_error_set(err, RM_ENOMEM, "out of memory (kriging)");
    k->p = *p;
    k->model = *model;
    k->nvar = nvar;
    k->trend_ndim = p->trend_ndim ? p->trend_ndim : 3;
    k->n_coord_f = n_coord_terms(p->trend, k->trend_ndim);
    k->n_ext = n_ext;
    k->nf = 1 + k->n_coord_f + n_ext;
    size_t *group = malloc((n ? n : 1) * sizeof *group);
    size_t *count = NULL;
    rm_status st = RM_OK;
    if (!group) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory (kriging)");
        goto fail;
    }
    size_t ng = merge_groups(xyz, n, group, err);
    if (ng == (size_t)-1) {
        st = RM_ENOMEM;
        goto fail;
    }
    k->n = ng;
    k->n_merged = n - ng;
    size_t nn = ng ? ng : 1;
    k->xyz = calloc(3 * nn, sizeof *k->xyz);
    k->txyz = malloc(3 * nn * sizeof *k->txyz);
    k->values = calloc(nn * nvar, sizeof *k->values);
    count = calloc(nn, sizeof *count);
    k->hole = hole ? malloc(nn * sizeof *k->hole) : NULL;
    k->sk_mean = malloc(nvar * sizeof *k->sk_mean);
    k->ext = calloc(nn * (n_ext ? n_ext : 1), sizeof *k->ext);
    k->ext_mean = calloc(n_ext ? n_ext : 1, sizeof *k->ext_mean);
    k->ext_scale = calloc(n_ext ? n_ext : 1, sizeof *k->ext_scale);
    k->odrift = malloc(nn * k->nf * sizeof *k->odrift);
    if (!k->xyz || !k->txyz || !k->values || !count || (hole && !k->hole) || !k->sk_mean ||
        !k->ext || !k->ext_mean || !k->ext_scale || !k->odrift) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory (kriging, %zu samples)", n);
        goto fail;
    }
    for (size_t v = 0; v < nvar; v++)
        k->sk_mean[v] = sk_mean ? sk_mean[v] : 0.0;
    for (size_t i = 0; i < n; i++) {
        size_t g = group[i];
        if (count[g]++ == 0) {
            memcpy(&k->xyz[3 * g], &xyz[3 * i], 3 * sizeof *xyz);
            if (hole)
                k->hole[g] = hole[i];
        }
        for (size_t v = 0; v < nvar; v++)
            k->values[g * nvar + v] += values[i * nvar + v];
        for (size_t e = 0; e < n_ext; e++)
            k->ext[g * n_ext + e] += ext[i * n_ext + e];
    }
    for (size_t g = 0; g < ng; g++) {
        for (size_t v = 0; v < nvar; v++)
            k->values[g * nvar + v] /= (double)count[g];
        for (size_t e = 0; e < n_ext; e++)
            k->ext[g * n_ext + e] /= (double)count[g];
    }

    rm_vgm_search_metric(model, k->M);
    if (p->search_euclidean) {
        static const double identity[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        memcpy(k->M, identity, sizeof identity);
    }
    k->nugget = rm_vgm_nugget(model);
    k->sill = rm_vgm_sill(model);
    k->fast = shares_metric(model, k->M);
    k->identity = k->M[0] == 1 && k->M[4] == 1 && k->M[8] == 1 && k->M[1] == 0 &&
                  k->M[2] == 0 && k->M[3] == 0 && k->M[5] == 0 && k->M[6] == 0 && k->M[7] == 0;
    for (int i = 0; i < model->n; i++) {
        const rm_vgm_struct *s = &model->s[i];
        if (!s->type->has_range)
            continue;
        cov_struct *cs = &k->cov[k->n_cov++];
        cs->type = s->type;
        cs->sill = s->sill;
        cs->inv_range = 1.0 / s->range[0];
        cs->code = s->type == rm_vgm_sph   ? COV_SPH
                   : s->type == rm_vgm_exp ? COV_EXP
                   : s->type == rm_vgm_gau ? COV_GAU
                                           : COV_OTHER;
    }
    st = rm_search_alloc(k->xyz, ng, k->M, k->hole, &k->search, err);
    if (st != RM_OK)
        goto fail;
    /* the kernel's copies in tree order: neighbours are then near in memory */
    k->oxyz = malloc(3 * nn * sizeof *k->oxyz);
    k->ovalues = malloc(nn * nvar * sizeof *k->ovalues);
    if (!k->oxyz || !k->ovalues) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory (kriging, %zu samples)", n);
        goto fail;
    }
    const size_t *order = rm_search_order(k->search);
    for (size_t t = 0; t < ng; t++) {
        const double *P = &k->xyz[3 * order[t]];
        memcpy(&k->oxyz[3 * t], P, 3 * sizeof *P);
        rm_search_transform(k->search, P, &k->txyz[3 * t]);
        memcpy(&k->ovalues[t * nvar], &k->values[order[t] * nvar], nvar * sizeof *k->values);
    }
    k->block = p->block[0] > 0 || p->block[1] > 0 || p->block[2] > 0;
    if (k->block) {
        st = setup_block(k, err);
        if (st != RM_OK)
            goto fail;
    } else {
        k->cbb = k->sill;
    }
    st = setup_drift(k, err);
    if (st != RM_OK)
        goto fail;
    free(group);
    free(count);
    *out = k;
    return RM_OK;
fail:
    free(group);
    free(count);
    rm_krige_free(k);
    return st;
}

void rm_krige_free(rm_krige *k)
{
    if (!k)
        return;
    free(k->xyz);
    free(k->txyz);
    free(k->oxyz);
    free(k->ovalues);
    free(k->values);
    free(k->hole);
    free(k->sk_mean);
    free(k->disc);
    free(k->tdisc);
    free(k->disc_w);
    free(k->ext);
    free(k->ext_mean);
    free(k->ext_scale);
    free(k->odrift);
    rm_search_free(k->search);
    free(k);
}

size_t rm_krige_n_samples(const rm_krige *k) { return k->n; }
size_t rm_krige_n_merged(const rm_krige *k) { return k->n_merged; }
size_t rm_krige_nvar(const rm_krige *k) { return k->nvar; }
double rm_krige_block_variance(const rm_krige *k) { return k->cbb; }

void rm_krige_sample(const rm_krige *k, size_t i, double xyz[3], double *values, long *hole)
{
    if (xyz)
        memcpy(xyz, &k->xyz[3 * i], 3 * sizeof *xyz);
    if (values)
        memcpy(values, &k->values[i * k->nvar], k->nvar * sizeof *values);
    if (hole)
        *hole = k->hole ? k->hole[i] : RM_SEARCH_NONE;
}

/* ---- work space ---- */

rm_krige_work *rm_krige_work_alloc(const rm_krige *k)
{
    rm_krige_work *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    size_t cap = k->p.nmax ? k->p.nmax : k->n;
    if (cap > k->n)
        cap = k->n;
    if (cap == 0)
        cap = 1;
    w->cap = cap;
    size_t cap4 = (cap + 3) & ~(size_t)3;
    w->sw = rm_search_work_alloc(k->search);
    w->idx = malloc(cap * sizeof *w->idx);
    w->prev_idx = malloc(cap * sizeof *w->prev_idx);
    w->d2 = malloc(cap * sizeof *w->d2);
    w->L = malloc(cap * aug_ld(cap, k->nf, k->nvar) * sizeof *w->L);
    w->Gf = malloc(k->nf * cap * sizeof *w->Gf);
    w->A = malloc(k->nf * k->nf * sizeof *w->A);
    w->FG = malloc(k->nf * k->nvar * sizeof *w->FG);
    w->f0 = malloc(2 * k->nf * sizeof *w->f0);
    w->fa = malloc(k->nf * sizeof *w->fa);
    w->mu = malloc(k->nf * sizeof *w->mu);
    w->inv_diag = malloc(cap * sizeof *w->inv_diag);
    w->g = malloc(cap * sizeof *w->g);
    w->G = malloc(cap * k->nvar * sizeof *w->G);
    w->gG = malloc(k->nvar * sizeof *w->gG);
    w->c = malloc(cap * sizeof *w->c);
    w->y = malloc(cap * sizeof *w->y);
    w->h2 = malloc(cap4 * sizeof *w->h2);
    w->tmp = malloc(cap4 * sizeof *w->tmp);
    w->h = malloc(cap4 * sizeof *w->h);
    w->nx = malloc(cap4 * sizeof *w->nx);
    w->ny = malloc(cap4 * sizeof *w->ny);
    w->nz = malloc(cap4 * sizeof *w->nz);
    if (!w->sw || !w->idx || !w->prev_idx || !w->d2 || !w->L || !w->inv_diag || !w->g ||
        !w->G || !w->gG || !w->c || !w->y || !w->h2 || !w->tmp || !w->h || !w->nx || !w->ny ||
        !w->nz || !w->Gf || !w->A || !w->FG || !w->f0 || !w->fa || !w->mu) {
        rm_krige_work_free(w);
        return NULL;
    }
    return w;
}

void rm_krige_work_free(rm_krige_work *w)
{
    if (!w)
        return;
    rm_search_work_free(w->sw);
    free(w->idx);
    free(w->prev_idx);
    free(w->d2);
    free(w->L);
    free(w->inv_diag);
    free(w->g);
    free(w->G);
    free(w->gG);
    free(w->c);
    free(w->y);
    free(w->h2);
    free(w->tmp);
    free(w->h);
    free(w->nx);
    free(w->ny);
    free(w->nz);
    free(w->Gf);
    free(w->A);
    free(w->FG);
    free(w->f0);
    free(w->fa);
    free(w->mu);
    free(w);
}

/* ---- the dense solve ---- */

/* aᵀb with four partial sums: independent chains for the pipeline (the
 * order is fixed, so results do not depend on the caller). */
static inline double dot(const double *a, const double *b, size_t n)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += a[i] * b[i];
        s1 += a[i + 1] * b[i + 1];
        s2 += a[i + 2] * b[i + 2];
        s3 += a[i + 3] * b[i + 3];
    }
    for (; i < n; i++)
        s0 += a[i] * b[i];
    return (s0 + s1) + (s2 + s3);
}

/* Uk[l] −= f0 U0[l] + … + f3 U3[l] (subtracted in that order) for l in
 * [l0, ld), both multiples of 4: whole groups of four, one vector each. */
static inline void rank4_update(double *restrict Uk, const double *restrict U0,
                                const double *restrict U1, const double *restrict U2,
                                const double *restrict U3, double f0, double f1, double f2,
                                double f3, size_t l0, size_t ld)
{
    for (size_t g = l0; g < ld; g += 4)
        for (size_t e = 0; e < 4; e++) {
            size_t l = g + e;
            double t = Uk[l];
            t -= f0 * U0[l];
            t -= f1 * U1[l];
            t -= f2 * U2[l];
            t -= f3 * U3[l];
            Uk[l] = t;
        }
}

/* Cholesky C = Uᵀ U of the m x m matrix held in the upper triangle of the
 * first m columns of U (row-major, leading dimension ld, a multiple of 4),
 * in place, carrying the extra columns m..ld along: they hold right-hand
 * sides B on entry and U⁻ᵀB (forward substitution) on return.
 *
 * Right-looking order in panels of four rows: after a panel is factored,
 * each later row takes a rank-4 update in one pass over contiguous memory,
 * subtracting the four terms in the same order as the unblocked algorithm
 * (so the bits are those of plain right-looking Cholesky).  Row updates
 * start at the multiple of 4 below the diagonal: the lower triangle is
 * scratch, and whole aligned groups of four vectorise without peeling.
 * For m = 24 this is ~4x fewer instructions than separate unblocked
 * factorisation and triangular solves (callgrind).
 *
 * inv_diag receives 1/U_ii.  Returns 0, or -1 when a pivot is not positive
 * relative to the original diagonal: the system is singular. */
static inline __attribute__((always_inline)) int
cholesky_aug(double *restrict U, double *restrict inv_diag, size_t m, size_t ld)
{
    for (size_t j = 0; j < m; j++)
        inv_diag[j] = U[j * ld + j]; /* original diagonal, for the test below */
    for (size_t jb = 0; jb < m; jb += 4) {
        size_t je = jb + 4 < m ? jb + 4 : m;
        if (je - jb == 4) {
            /* the panel: its 4x4 diagonal block, then the rest of its four
             * rows in one pass (forward substitution with that block); the
             * operations are those of the unblocked order, in that order */
            double *restrict P0 = &U[jb * ld], *restrict P1 = P0 + ld, *restrict P2 = P1 + ld,
                             *restrict P3 = P2 + ld;
            double d0 = P0[jb];
            if (!(d0 > 1e-12 * inv_diag[jb]))
                return -1;
            double r0 = sqrt(d0), i0 = 1.0 / r0;
            double u01 = P0[jb + 1] * i0, u02 = P0[jb + 2] * i0, u03 = P0[jb + 3] * i0;
            double d1 = P1[jb + 1] - u01 * u01;
            if (!(d1 > 1e-12 * inv_diag[jb + 1]))
                return -1;
            double r1 = sqrt(d1), i1 = 1.0 / r1;
            double u12 = (P1[jb + 2] - u01 * u02) * i1, u13 = (P1[jb + 3] - u01 * u03) * i1;
            double d2 = (P2[jb + 2] - u02 * u02) - u12 * u12;
            if (!(d2 > 1e-12 * inv_diag[jb + 2]))
                return -1;
            double r2 = sqrt(d2), i2 = 1.0 / r2;
            double u23 = ((P2[jb + 3] - u02 * u03) - u12 * u13) * i2;
            double d3 = ((P3[jb + 3] - u03 * u03) - u13 * u13) - u23 * u23;
            if (!(d3 > 1e-12 * inv_diag[jb + 3]))
                return -1;
            double r3 = sqrt(d3), i3 = 1.0 / r3;
            for (size_t g = je; g < ld; g += 4)
                for (size_t e = 0; e < 4; e++) {
                    size_t l = g + e;
                    double x0 = P0[l] * i0;
                    double x1 = (P1[l] - u01 * x0) * i1;
                    double x2 = ((P2[l] - u02 * x0) - u12 * x1) * i2;
                    double x3 = (((P3[l] - u03 * x0) - u13 * x1) - u23 * x2) * i3;
                    P0[l] = x0;
                    P1[l] = x1;
                    P2[l] = x2;
                    P3[l] = x3;
                }
            P0[jb] = r0, P0[jb + 1] = u01, P0[jb + 2] = u02, P0[jb + 3] = u03;
            P1[jb + 1] = r1, P1[jb + 2] = u12, P1[jb + 3] = u13;
            P2[jb + 2] = r2, P2[jb + 3] = u23;
            P3[jb + 3] = r3;
            inv_diag[jb] = i0, inv_diag[jb + 1] = i1, inv_diag[jb + 2] = i2;
            inv_diag[jb + 3] = i3;
        } else {
            /* a last, partial panel: unblocked */
            for (size_t j = jb; j < je; j++) {
                double *restrict Uj = &U[j * ld];
                double d = Uj[j];
                if (!(d > 1e-12 * inv_diag[j]))
                    return -1;
                double r = sqrt(d), ir = 1.0 / r;
                for (size_t l = j + 1; l < ld; l++)
                    Uj[l] *= ir;
                Uj[j] = r;
                inv_diag[j] = ir;
                for (size_t k = j + 1; k < je; k++) {
                    double f = Uj[k];
                    double *restrict Uk = &U[k * ld];
                    for (size_t l = k; l < ld; l++)
                        Uk[l] -= f * Uj[l];
                }
            }
        }
        /* the rows below: one rank-(je − jb) update each */
        const double *U0 = &U[jb * ld];
        for (size_t k = je; k < m; k++) {
            if (je - jb == 4) {
                rank4_update(&U[k * ld], U0, U0 + ld, U0 + 2 * ld, U0 + 3 * ld, U0[k],
                             U0[ld + k], U0[2 * ld + k], U0[3 * ld + k], k & ~(size_t)3, ld);
            } else {
                for (size_t j = jb; j < je; j++) {
                    const double *Uj = &U[j * ld];
                    double f = Uj[k];
                    double *restrict Uk = &U[k * ld];
                    for (size_t l = k & ~(size_t)3; l < ld; l++)
                        Uk[l] -= f * Uj[l];
                }
            }
        }
    }
    return 0;
}

/* Forward substitution x = U⁻ᵀ v (= L⁻¹ v with L = Uᵀ), column-oriented so
 * the inner loop is a contiguous axpy.  x and v may not alias. */
RM_KRIGE_HOT
static void forward(const double *U, const double *inv_diag, size_t m, size_t ld,
                    const double *v, double *x)
{
    memcpy(x, v, m * sizeof *x);
    for (size_t j = 0; j < m; j++) {
        const double *Uj = &U[j * ld];
        double xj = x[j] * inv_diag[j];
        x[j] = xj;
        for (size_t l = j + 1; l < m; l++)
            x[l] -= xj * Uj[l];
    }
}

/* cholesky_aug with the common sizes as constants, so the compiler unrolls
 * the loops of known length (nmax 24 with one to three variables). */
RM_KRIGE_HOT
static int cholesky_system(double *restrict U, double *restrict inv_diag, size_t m, size_t ld)
{
    if (m == 24 && ld == 28)
        return cholesky_aug(U, inv_diag, 24, 28);
    if (m == 24 && ld == 32)
        return cholesky_aug(U, inv_diag, 24, 32);
    if (m == 16 && ld == 20)
        return cholesky_aug(U, inv_diag, 16, 20);
    if (m == 32 && ld == 36)
        return cholesky_aug(U, inv_diag, 32, 36);
    return cholesky_aug(U, inv_diag, m, ld);
}

/* qsort order of size_t values, ascending. */
static int idx_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts the m indices v ascending: insertion sort for the short lists of a search, qsort
 * above 48. */
static void sort_indices(size_t *v, size_t m)
{
    if (m > 48) {
        qsort(v, m, sizeof *v, idx_cmp);
        return;
    }
    for (size_t i = 1; i < m; i++) {
        size_t x = v[i], j = i;
        while (j > 0 && v[j - 1] > x) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

/* Leading dimension of the augmented system for m neighbours: the m
 * columns of C, then the nf drift columns (1 for OK/SK: the constant), the
 * nvar value columns and c, rounded up to 4. */
static size_t aug_ld(size_t m, size_t nf, size_t nvar)
{
    return (m + nf + nvar + 1 + 3) & ~(size_t)3;
}

/* The drift part of a neighbour set (universal kriging, external drift):
 * A = GfᵀGf = FᵀC⁻¹F, its Cholesky factor (lower, in w->A) and
 * FG_v = GfᵀG_v = FᵀC⁻¹z_v.  Returns -1 when A is singular (the drift
 * functions are collinear on these neighbours, e.g. all in one core for a
 * trend in x), 0 otherwise.  Needs w->g and w->Gf[1..nf) filled. */
static int factor_drift(const rm_krige *k, rm_krige_work *w, size_t m)
{
    size_t nf = k->nf, nvar = k->nvar, cap = w->cap;
    if (m < nf)
        return -1;
    memcpy(w->Gf, w->g, m * sizeof *w->g); /* row 0: L⁻¹1 */
    double *A = w->A;
    for (size_t a = 0; a < nf; a++) {
        for (size_t b = 0; b <= a; b++)
            A[a * nf + b] = dot(&w->Gf[a * cap], &w->Gf[b * cap], m);
        for (size_t v = 0; v < nvar; v++)
            w->FG[a * nvar + v] = dot(&w->Gf[a * cap], &w->G[v * cap], m);
    }
    /* Cholesky A = R Rᵀ (lower), a pivot below 1e-10 of its diagonal entry
     * marks collinear drift functions */
    for (size_t j = 0; j < nf; j++) {
        double d = A[j * nf + j], d0 = d;
        for (size_t l = 0; l < j; l++)
            d -= A[j * nf + l] * A[j * nf + l];
        if (!(d > 1e-10 * d0))
            return -1;
        double r = sqrt(d);
        A[j * nf + j] = r;
        for (size_t i = j + 1; i < nf; i++) {
            double s = A[i * nf + j];
            for (size_t l = 0; l < j; l++)
                s -= A[i * nf + l] * A[j * nf + l];
            A[i * nf + j] = s / r;
        }
    }
    return 0;
}

/* Build [C | F z c] for the neighbours w->idx[0..m) (c = w->c already
 * computed; F = 1 for OK/SK, the nf drift functions otherwise) and factor
 * it; keeps g = L⁻¹1, G_v = L⁻¹z_v (SK: z_v − m_v) for reuse and
 * y = L⁻¹c (L = Uᵀ); with a drift also Gf = L⁻¹F, the Cholesky factor of
 * A = GfᵀGf and FG = GfᵀG_v. */
RM_KRIGE_HOT
static int factor_system(const rm_krige *k, rm_krige_work *w, size_t m)
{
    double *U = w->L;
    size_t nvar = k->nvar, nf = k->nf, ld = aug_ld(m, nf, nvar);
    w->ld = ld;
    if (k->fast) {
        /* squared distances over whole groups of four from the group of the
         * diagonal (the entries left of the diagonal are scratch, those past
         * m are overwritten below), then covariances in place */
        size_t mp = (m + 3) & ~(size_t)3;
        for (size_t i = 0; i < mp; i++) {
            const double *P = &k->txyz[3 * w->idx[i < m ? i : m - 1]];
            w->nx[i] = P[0];
            w->ny[i] = P[1];
            w->nz[i] = P[2];
        }
        const double *restrict nx = w->nx, *restrict ny = w->ny, *restrict nz = w->nz;
        if (k->n_cov == 1 && k->cov[0].code == COV_SPH) {
            /* one spherical structure (the common model): distance and
             * covariance in one pass over whole groups of four, the same
             * operations as cov_add's COV_SPH case */
            const double sill = k->cov[0].sill, ir = k->cov[0].inv_range;
            for (size_t i = 0; i < m; i++) {
                double *restrict Ui = &U[i * ld];
                double xi = nx[i], yi = ny[i], zi = nz[i];
#pragma GCC ivdep
                for (size_t g = i & ~(size_t)3; g < mp; g += 4)
                    for (size_t e = 0; e < 4; e++) {
                        double dx = xi - nx[g + e], dy = yi - ny[g + e], dz = zi - nz[g + e];
                        double h = sqrt(dx * dx + dy * dy + dz * dz) * ir;
                        double hc = 0.5 * ((h + 1.0) - fabs(h - 1.0));
                        Ui[g + e] = sill * (1.0 - hc * (1.5 - 0.5 * hc * hc));
                    }
                Ui[i] = k->sill;
            }
        } else
        for (size_t i = 0; i < m; i++) {
            double *restrict Ui = &U[i * ld];
            double xi = nx[i], yi = ny[i], zi = nz[i];
            size_t g0 = i & ~(size_t)3;
            for (size_t g = g0; g < mp; g += 4)
                for (size_t e = 0; e < 4; e++) {
                    double dx = xi - nx[g + e], dy = yi - ny[g + e], dz = zi - nz[g + e];
                    Ui[g + e] = dx * dx + dy * dy + dz * dz;
                }
            cov_inplace(k, &Ui[g0], mp - g0, w->tmp);
            Ui[i] = k->sill; /* distinct samples: h > 0 off the diagonal */
        }
    } else {
        for (size_t i = 0; i < m; i++) {
            const double *P = &k->oxyz[3 * w->idx[i]];
            for (size_t l = i & ~(size_t)3; l < i; l++)
                U[i * ld + l] = 0.0; /* scratch read by the row updates: keep it finite */
            for (size_t j = i; j < m; j++) {
                const double *Q = &k->oxyz[3 * w->idx[j]];
                U[i * ld + j] = rm_vgm_cov(&k->model, P[0] - Q[0], P[1] - Q[1], P[2] - Q[2]);
            }
        }
    }
    for (size_t i = 0; i < m; i++) {
        double *Ui = &U[i * ld];
        Ui[m] = 1.0;
        for (size_t f = 1; f < nf; f++)
            Ui[m + f] = k->odrift[w->idx[i] * nf + f];
        for (size_t v = 0; v < nvar; v++)
            Ui[m + nf + v] = k->ovalues[w->idx[i] * nvar + v] -
                             (k->p.kind == RM_KRIGE_SIMPLE ? k->sk_mean[v] : 0.0);
        Ui[m + nf + nvar] = w->c[i];
        for (size_t l = m + nf + 1 + nvar; l < ld; l++)
            Ui[l] = 0.0;
    }
    if (cholesky_system(U, w->inv_diag, m, ld) != 0)
        return -1;
    for (size_t i = 0; i < m; i++) {
        const double *Ui = &U[i * ld];
        w->g[i] = Ui[m];
        for (size_t f = 1; f < nf; f++)
            w->Gf[f * w->cap + i] = Ui[m + f];
        for (size_t v = 0; v < nvar; v++)
            w->G[v * w->cap + i] = Ui[m + nf + v];
        w->y[i] = Ui[m + nf + nvar];
    }
    w->gg = dot(w->g, w->g, m);
    for (size_t v = 0; v < nvar; v++)
        w->gG[v] = dot(w->g, &w->G[v * w->cap], m);
    if (k->p.kind == RM_KRIGE_ORDINARY && !(w->gg > 0))
        return -1;
    if (nf > 1)
        return factor_drift(k, w, m);
    return 0;
}

/* Right-hand side c_i = C(x_i, target) or C̄(x_i, B) for the neighbours. */
RM_KRIGE_HOT
static void rhs(const rm_krige *k, rm_krige_work *w, size_t m, const double *q,
                const double *tq)
{
    double *c = w->c;
    if (!k->block) {
        if (k->fast) {
            for (size_t i = 0; i < m; i++) {
                const double *P = &k->txyz[3 * w->idx[i]];
                double dx = P[0] - tq[0], dy = P[1] - tq[1], dz = P[2] - tq[2];
                w->h2[i] = dx * dx + dy * dy + dz * dz;
            }
            if (k->n_cov == 1 && k->cov[0].code == COV_SPH) {
                /* cov_h2 for one spherical structure, in one pass */
                const double sill = k->cov[0].sill, ir = k->cov[0].inv_range, nug = k->nugget;
                const double *restrict h2 = w->h2;
                double *restrict hd = w->h;
                for (size_t i = 0; i < m; i++) {
                    hd[i] = sqrt(h2[i]);
                    double h = hd[i] * ir, hc = 0.5 * ((h + 1.0) - fabs(h - 1.0));
                    double base = h2[i] == 0.0 ? nug : 0.0;
                    c[i] = base + sill * (1.0 - hc * (1.5 - 0.5 * hc * hc));
                }
                return;
            }
            cov_h2(k, w->h2, c, m, 1);
        } else {
            for (size_t i = 0; i < m; i++) {
                const double *P = &k->oxyz[3 * w->idx[i]];
                c[i] = rm_vgm_cov(&k->model, P[0] - q[0], P[1] - q[1], P[2] - q[2]);
            }
        }
        return;
    }
    for (size_t i = 0; i < m; i++)
        c[i] = 0.0;
    for (size_t d = 0; d < k->n_disc; d++) {
        double wd = k->disc_w[d];
        if (k->fast) {
            const double *o = &k->tdisc[3 * d];
            for (size_t i = 0; i < m; i++) {
                const double *P = &k->txyz[3 * w->idx[i]];
                double dx = P[0] - tq[0] - o[0], dy = P[1] - tq[1] - o[1],
                       dz = P[2] - tq[2] - o[2];
                w->h2[i] = dx * dx + dy * dy + dz * dz;
            }
            cov_h2(k, w->h2, w->tmp, m, 0);
            for (size_t i = 0; i < m; i++)
                c[i] += wd * w->tmp[i];
        } else {
            const double *o = &k->disc[3 * d];
            for (size_t i = 0; i < m; i++) {
                const double *P = &k->oxyz[3 * w->idx[i]];
                c[i] += wd * cov_vec_no_nugget(k, P[0] - q[0] - o[0], P[1] - q[1] - o[1],
                                               P[2] - q[2] - o[2]);
            }
        }
    }
}

/* Stores "no estimate" in row of every output out has: NAN values, n neighbours found. */
static void set_empty(const rm_krige *k, const rm_krige_out *out, size_t row, int n)
{
    if (out->est)
        for (size_t v = 0; v < k->nvar; v++)
            out->est[row * k->nvar + v] = NAN;
    if (out->var)
        out->var[row] = NAN;
    if (out->n)
        out->n[row] = n;
    if (out->mean_dist)
        out->mean_dist[row] = NAN;
    if (out->lagrange)
        out->lagrange[row] = NAN;
    if (out->slope)
        out->slope[row] = NAN;
    if (out->ke)
        out->ke[row] = NAN;
}

/* Result codes of krige_one. */
enum { ONE_OK = 0, ONE_EMPTY = 1, ONE_SINGULAR = 2 };

/* Kriges the target q into row of out (steps 1–5 at the top), leaving out sample
 * ex_index or hole ex_hole (RM_SEARCH_NONE for none); ext holds the target's external
 * drift values (NULL without). Returns ONE_OK, ONE_EMPTY (fewer than nmin neighbours,
 * or fewer than the drift functions) or ONE_SINGULAR; w is this thread's work space. */
RM_KRIGE_HOT
static int krige_one(const rm_krige *k, rm_krige_work *w, const double *q, const double *ext,
                     long ex_index, long ex_hole, const rm_krige_out *out, size_t row)
{
    rm_search_params sp = {.nmax = k->p.nmax,
                           .maxdist = k->p.maxdist,
                           .octant_max = k->p.octant_max,
                           .hole_max = k->p.hole_max,
                           .unordered = 1, /* the system is put in tree order */
                           .positions = 1};
    size_t m = rm_search_query(k->search, &sp, q, ex_index, ex_hole, w->sw, w->idx, w->d2,
                               w->cap);
    if (m == 0 || m < k->p.nmin || m < k->nf) {
        set_empty(k, out, row, (int)m);
        return ONE_EMPTY;
    }
    sort_indices(w->idx, m);
    double tq[3];
    rm_search_transform(k->search, q, tq);
    rhs(k, w, m, q, tq);
    int same = w->prev_ok && m == w->prev_m && !memcmp(w->idx, w->prev_idx, m * sizeof *w->idx);
    if (same) {
        w->reused++;
        forward(w->L, w->inv_diag, m, w->ld, w->c, w->y);
    } else {
        w->prev_ok = 0;
        if (factor_system(k, w, m) != 0) {
            set_empty(k, out, row, (int)m);
            return ONE_SINGULAR;
        }
        memcpy(w->prev_idx, w->idx, m * sizeof *w->idx);
        w->prev_m = m;
        w->prev_ok = 1;
    }
    double yy = dot(w->y, w->y, m);
    double mu = 0.0, lc = yy;
    if (k->nf > 1) {
        /* drift: μ = A⁻¹(Gfᵀy − f0), λᵀc = yᵀy − μᵀGfᵀy, Z*_v = yᵀG_v − μᵀFG_v,
         * and μ below is μᵀf0 (the constant's μ in ordinary kriging) */
        size_t nf = k->nf;
        double *f0 = w->f0, *a = w->fa, *x = w->mu;
        drift_target(k, q, ext, f0, f0 + nf);
        for (size_t j = 0; j < nf; j++) {
            a[j] = dot(&w->Gf[j * w->cap], w->y, m);
            x[j] = a[j] - f0[j];
        }
        for (size_t j = 0; j < nf; j++) { /* R u = b, then Rᵀ μ = u */
            double t = x[j];
            for (size_t l = 0; l < j; l++)
                t -= w->A[j * nf + l] * x[l];
            x[j] = t / w->A[j * nf + j];
        }
        for (size_t j = nf; j-- > 0;) {
            double t = x[j];
            for (size_t l = j + 1; l < nf; l++)
                t -= w->A[l * nf + j] * x[l];
            x[j] = t / w->A[j * nf + j];
        }
        double mua = 0, muf = 0;
        for (size_t j = 0; j < nf; j++) {
            mua += x[j] * a[j];
            muf += x[j] * f0[j];
        }
        lc = yy - mua;
        mu = muf;
        if (out->est) {
            double *e = &out->est[row * k->nvar];
            for (size_t v = 0; v < k->nvar; v++) {
                double s = dot(w->y, &w->G[v * w->cap], m);
                for (size_t j = 0; j < nf; j++)
                    s -= x[j] * w->FG[j * k->nvar + v];
                e[v] = s;
            }
        }
    } else if (k->p.kind == RM_KRIGE_ORDINARY) {
        double yg = dot(w->y, w->g, m);
        mu = (yg - 1.0) / w->gg;
        lc = yy - mu * yg;
    }
    w->m_last = m;
    w->mu_last = mu;
    double var = k->cbb - lc - mu;
    if (out->est && k->nf == 1) {
        double *e = &out->est[row * k->nvar];
        for (size_t v = 0; v < k->nvar; v++) {
            double yG = dot(w->y, &w->G[v * w->cap], m);
            e[v] = k->p.kind == RM_KRIGE_ORDINARY ? yG - mu * w->gG[v] : k->sk_mean[v] + yG;
        }
    }
    if (out->var)
        out->var[row] = var;
    if (out->n)
        out->n[row] = (int)m;
    if (out->mean_dist && k->identity && k->fast && !k->block && k->n_cov == 1 &&
        k->cov[0].code == COV_SPH) {
        /* rhs kept the distances: the same numbers as below when the
         * metric is the identity (transforming by it is exact) */
        double s = 0;
        for (size_t i = 0; i < m; i++)
            s += w->h[i];
        out->mean_dist[row] = s / (double)m;
    } else if (out->mean_dist) {
        double s = 0;
        for (size_t i = 0; i < m; i++) {
            const double *P = &k->oxyz[3 * w->idx[i]];
            double dx = P[0] - q[0], dy = P[1] - q[1], dz = P[2] - q[2];
            s += sqrt(dx * dx + dy * dy + dz * dz);
        }
        out->mean_dist[row] = s / (double)m;
    }
    if (out->lagrange)
        out->lagrange[row] = mu;
    double bv = k->cbb;
    if (out->slope) /* λᵀc / λᵀCλ, with λᵀCλ = λᵀc − μ */
        out->slope[row] = (bv - var - mu) / (bv - var - 2.0 * mu);
    if (out->ke)
        out->ke[row] = (bv - var) / bv;
    return ONE_OK;
}

rm_status rm_krige_point(const rm_krige *k, rm_krige_work *w, const double xyz[3],
                         long exclude_index, long exclude_hole, const rm_krige_out *out,
                         size_t row, rm_error *err)
{
    return rm_krige_point_ext(k, w, xyz, NULL, exclude_index, exclude_hole, out, row, err);
}

rm_status rm_krige_point_ext(const rm_krige *k, rm_krige_work *w, const double xyz[3],
                             const double *ext, long exclude_index, long exclude_hole,
                             const rm_krige_out *out, size_t row, rm_error *err)
{
    if (k->n_ext > 0 && !ext)
        return rm_error_set(err, RM_EINVAL, "kriging with an external drift needs the "
                                            "drift values at the target");
    int r = krige_one(k, w, xyz, ext, exclude_index, exclude_hole, out, row);
    if (r == ONE_SINGULAR)
        return rm_error_set(err, RM_ESINGULAR,
                            "kriging system singular at (%.10g, %.10g, %.10g)", xyz[0], xyz[1],
                            xyz[2]);
    return RM_OK;
}

rm_status rm_krige_weights(const rm_krige *k, rm_krige_work *w, const double xyz[3],
                           const double *ext, size_t *idx, double *lambda, size_t cap,
                           size_t *m_out, rm_error *err)
{
    *m_out = 0;
    if (k->n_ext > 0 && !ext)
        return rm_error_set(err, RM_EINVAL, "kriging with an external drift needs the "
                                            "drift values at the target");
    if (cap < w->cap)
        return rm_error_set(err, RM_EINVAL, "weights: room for %zu neighbours, need %zu", cap,
                            w->cap);
    double var;
    rm_krige_out o = {.var = &var};
    w->prev_ok = 0; /* factor afresh: the factor is read back below */
    int r = krige_one(k, w, xyz, ext, RM_SEARCH_NONE, RM_SEARCH_NONE, &o, 0);
    if (r == ONE_SINGULAR)
        return rm_error_set(err, RM_ESINGULAR,
                            "kriging system singular at (%.10g, %.10g, %.10g)", xyz[0], xyz[1],
                            xyz[2]);
    if (r == ONE_EMPTY)
        return RM_OK;
    size_t m = w->m_last, nf = k->nf, ld = w->ld;
    /* λ = U⁻¹ (y − Σ_f μ_f Gf_f) (OK: y − μ g; SK: y), back substitution */
    double *x = w->tmp;
    for (size_t i = 0; i < m; i++) {
        double t = w->y[i];
        if (nf > 1)
            for (size_t f = 0; f < nf; f++)
                t -= w->mu[f] * (f == 0 ? w->g[i] : w->Gf[f * w->cap + i]);
        else if (k->p.kind == RM_KRIGE_ORDINARY)
            t -= w->mu_last * w->g[i];
        x[i] = t;
    }
    for (size_t i = m; i-- > 0;) {
        const double *Ui = &w->L[i * ld];
        double t = x[i];
        for (size_t j = i + 1; j < m; j++)
            t -= Ui[j] * x[j];
        x[i] = t * w->inv_diag[i];
    }
    const size_t *order = rm_search_order(k->search);
    for (size_t i = 0; i < m; i++) {
        idx[i] = order[w->idx[i]];
        lambda[i] = x[i];
    }
    *m_out = m;
    return RM_OK;
}

/* ---- loops over targets ---- */

typedef struct target_gen {
    const double *xyz;      /* explicit targets, or NULL for a grid */
    const double *ext;      /* explicit targets' external drifts (n_ext each) */
    double first[3], step[3];
    size_t count[3];        /* the nodes visited: count[2] layers from layer l0 */
    size_t l0;              /* the grid's layer of the first visited layer */
    int axis[3];            /* grid visiting order: axis[0] fastest */
    /* for cross-validation */
    int xval;
    rm_xval_kind xkind;
} target_gen;

/* The grid is visited in a boustrophedon (snake) order along its shortest
 * step in the search metric first: consecutive targets are always adjacent
 * nodes and the closest ones, so the neighbour set repeats as often as it
 * can (its factorisation is then reused) and the coherent search starts
 * from a tight bound.  Outputs are stored by row (x fastest) whatever the
 * visiting order, and the result of a target does not depend on it. */
static void grid_order(const rm_krige *k, target_gen *g)
{
    double len[3];
    for (int a = 0; a < 3; a++) {
        double e[3] = {0, 0, 0}, o[3] = {0, 0, 0}, te[3], to[3];
        e[a] = g->step[a];
        rm_search_transform(k->search, e, te);
        rm_search_transform(k->search, o, to);
        len[a] = hypot(hypot(te[0] - to[0], te[1] - to[1]), te[2] - to[2]);
        if (g->count[a] < 2)
            len[a] = INFINITY;
        g->axis[a] = a;
    }
    for (int i = 1; i < 3; i++) /* stable insertion sort by length */
        for (int j = i; j > 0 && len[g->axis[j]] < len[g->axis[j - 1]]; j--) {
            int t = g->axis[j];
            g->axis[j] = g->axis[j - 1];
            g->axis[j - 1] = t;
        }
}

/* Row (x fastest) of the s-th grid node in visiting order. */
static size_t grid_row(const target_gen *g, size_t s)
{
    size_t n0 = g->count[g->axis[0]], n1 = g->count[g->axis[1]];
    size_t line = s / n0, q0 = s % n0, q1 = line % n1, q2 = line / n1;
    if (line & 1)
        q0 = n0 - 1 - q0;
    if (q2 & 1)
        q1 = n1 - 1 - q1;
    size_t ijk[3];
    ijk[g->axis[0]] = q0;
    ijk[g->axis[1]] = q1;
    ijk[g->axis[2]] = q2;
    return ijk[0] + g->count[0] * (ijk[1] + g->count[1] * ijk[2]);
}

/* Target t's coordinates into q, and the sample (*ex_i) or hole (*ex_h) to leave out:
 * sample t for cross-validation, explicit target t, or the grid node of row t (x
 * fastest). */
static void target_at(const rm_krige *k, const target_gen *g, size_t t, double *q,
                      long *ex_i, long *ex_h)
{
    *ex_i = RM_SEARCH_NONE;
    *ex_h = RM_SEARCH_NONE;
    if (g->xval) {
        memcpy(q, &k->xyz[3 * t], 3 * sizeof *q);
        if (g->xkind == RM_XVAL_HOLE && k->hole)
            *ex_h = k->hole[t];
        else
            *ex_i = (long)t;
    } else if (g->xyz) {
        memcpy(q, &g->xyz[3 * t], 3 * sizeof *q);
    } else {
        size_t i = t % g->count[0], r = t / g->count[0];
        size_t j = r % g->count[1], l = r / g->count[1];
        q[0] = g->first[0] + (double)i * g->step[0];
        q[1] = g->first[1] + (double)j * g->step[1];
        q[2] = g->first[2] + (double)(g->l0 + l) * g->step[2];
    }
}

/* Kriges the nt targets of g over threads (at most one per 64 targets), each with its
 * own work space; results go to out by row, counts into stats (optional). Empty and
 * singular targets are counted, not errors; fails only with RM_ENOMEM. */
static rm_status run_targets(const rm_krige *k, const target_gen *g, size_t nt,
                             const rm_krige_out *out, rm_krige_stats *stats, rm_error *err)
{
    size_t n_empty = 0, n_singular = 0, n_reused = 0, first_sing = (size_t)-1;
    int failed = 0;
    int threads = k->p.threads;
#ifdef _OPENMP
    if (threads <= 0)
        threads = omp_get_max_threads();
#else
    threads = 1;
#endif
    if ((size_t)threads > nt / 64 + 1)
        threads = (int)(nt / 64 + 1);
#pragma omp parallel num_threads(threads) reduction(+ : n_empty, n_singular, n_reused)
    {
        rm_krige_work *w = rm_krige_work_alloc(k);
        if (!w) {
#pragma omp atomic write
            failed = 1;
        }
        size_t my_first = (size_t)-1;
#pragma omp for schedule(dynamic, 256)
        for (size_t s = 0; s < nt; s++) {
            if (!w)
                continue;
            size_t t = g->xyz || g->xval ? s : grid_row(g, s);
            double q[3];
            long ex_i, ex_h;
            target_at(k, g, t, q, &ex_i, &ex_h);
            const double *ext = NULL;
            if (k->n_ext)
                ext = g->xval ? &k->ext[t * k->n_ext] : &g->ext[t * k->n_ext];
            int r = krige_one(k, w, q, ext, ex_i, ex_h, out, t);
            if (r == ONE_EMPTY)
                n_empty++;
            else if (r == ONE_SINGULAR) {
                n_singular++;
                if (t < my_first)
                    my_first = t;
            }
        }
        if (w)
            n_reused += w->reused;
#pragma omp critical(rm_krige_first_singular)
        if (my_first < first_sing)
            first_sing = my_first;
        rm_krige_work_free(w);
    }
    if (failed)
        return rm_error_set(err, RM_ENOMEM, "out of memory (kriging work space)");
    if (stats) {
        memset(stats, 0, sizeof *stats);
        stats->n_targets = nt;
        stats->n_empty = n_empty;
        stats->n_singular = n_singular;
        stats->n_reused = n_reused;
        if (n_singular) {
            long a, b;
            target_at(k, g, first_sing, stats->first_singular, &a, &b);
        }
    }
    return RM_OK;
}

rm_status rm_krige_targets(const rm_krige *k, const double *xyz, size_t ntargets,
                           const rm_krige_out *out, rm_krige_stats *stats, rm_error *err)
{
    return rm_krige_targets_ext(k, xyz, NULL, ntargets, out, stats, err);
}

rm_status rm_krige_targets_ext(const rm_krige *k, const double *xyz, const double *ext,
                               size_t ntargets, const rm_krige_out *out,
                               rm_krige_stats *stats, rm_error *err)
{
    target_gen g = {.xyz = xyz, .ext = ext};
    if (k->n_ext > 0 && !ext)
        return rm_error_set(err, RM_EINVAL, "kriging with an external drift needs the "
                                            "drift values at the targets");
    for (size_t t = 0; t < ntargets; t++) {
        for (int q = 0; q < 3; q++)
            if (!isfinite(xyz[3 * t + q]))
                return rm_error_set(err, RM_EINVAL, "target %zu: coordinate %d is not finite",
                                    t + 1, q + 1);
        for (size_t e = 0; e < k->n_ext; e++)
            if (!isfinite(ext[t * k->n_ext + e]))
                return rm_error_set(err, RM_EINVAL, "target %zu: external drift %zu is not "
                                                    "finite", t + 1, e + 1);
    }
    return run_targets(k, &g, ntargets, out, stats, err);
}

rm_status rm_krige_grid(const rm_krige *k, const double first[3], const double step[3],
                        const size_t count[3], const rm_krige_out *out,
                        rm_krige_stats *stats, rm_error *err)
{
    return rm_krige_grid_layers(k, first, step, count, 0, count[2], out, stats, err);
}

rm_status rm_krige_grid_layers(const rm_krige *k, const double first[3], const double step[3],
                               const size_t count[3], size_t l0, size_t nl,
                               const rm_krige_out *out, rm_krige_stats *stats, rm_error *err)
{
    target_gen g = {.xyz = NULL, .l0 = l0};
    if (k->n_ext > 0)
        return rm_error_set(err, RM_EINVAL, "kriging with an external drift needs the "
                                            "drift values at the targets: give explicit "
                                            "targets, not a grid");
    for (int q = 0; q < 3; q++) {
        if (count[q] == 0)
            return rm_error_set(err, RM_EINVAL, "grid has no nodes along axis %d", q + 1);
        if (!isfinite(first[q]) || !isfinite(step[q]))
            return rm_error_set(err, RM_EINVAL, "grid origin or step is not finite");
        g.first[q] = first[q];
        g.step[q] = step[q];
        g.count[q] = count[q];
    }
    if (nl == 0 || l0 > count[2] || nl > count[2] - l0)
        return rm_error_set(err, RM_EINVAL, "layers %zu-%zu are not in the grid's %zu",
                            l0 + 1, l0 + nl, count[2]);
    g.count[2] = nl;
    grid_order(k, &g);
    return run_targets(k, &g, count[0] * count[1] * nl, out, stats, err);
}

rm_status rm_krige_xval(const rm_krige *k, rm_xval_kind kind, const rm_krige_out *out,
                        rm_xval_stats *stats, rm_krige_stats *kstats, rm_error *err);

/* Internal entry for xval.c. */
rm_status rm_krige_run_xval_(const rm_krige *k, rm_xval_kind kind, const rm_krige_out *out,
                             rm_krige_stats *kstats, rm_error *err);
rm_status rm_krige_run_xval_(const rm_krige *k, rm_xval_kind kind, const rm_krige_out *out,
                             rm_krige_stats *kstats, rm_error *err)
{
    if (kind == RM_XVAL_HOLE && !k->hole)
        return rm_error_set(err, RM_EINVAL, "leave-one-hole-out needs hole ids");
    target_gen g = {.xyz = NULL, .xval = 1, .xkind = kind};
    return run_targets(k, &g, k->n, out, kstats, err);
}
