/* sgs.c — sequential Gaussian simulation on a regular grid.
 *
 * Deutsch & Journel (1998), GSLIB 2nd ed., §V.2.3 and program sgsim, with
 * conditioning data assigned to grid nodes (sgsim's sstrat = 1):
 *
 *   1. assign each datum to its nearest node (closest datum wins);
 *   2. visit the remaining nodes along a random path (coarse multiple-grid
 *      levels first), drawn from the realization's own stream;
 *   3. at each node take the nmax informed nodes first met in a template
 *      of grid offsets sorted by anisotropic distance (ties by offset),
 *      within the search radius;
 *   4. solve the simple-kriging system  K λ = k  (covariances from a table
 *      indexed by offset differences), set
 *         y* = m + Σ λ_i (y_i − m),   σ² = C(0) − Σ λ_i k_i,
 *      with m the simple-kriging mean, or a mean per grid layer (simple
 *      kriging with a locally varying mean, Goovaerts 1997 §6.2.1): then
 *      y* = m(k) + Σ λ_i (y_i − m(k_i)),
 *      and draw y = y* + σ·N(0, 1).
 *
 * The kriging systems are small (nmax ≤ ~64), so a hand-written Cholesky
 * factorisation beats a library call's overhead.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>

#include "reemud/sgs.h"

/* Cap on covariance-table entries (doubles) before falling back to direct
 * evaluation for differences outside it. */
#define COVTAB_MAX ((size_t)1 << 24)
#define SGS_NMAX_LIMIT 128

typedef struct offset {
    int di, dj, dk;
} offset;

struct rm_sgs {
    rm_grid grid;
    rm_sgs_params params;
    double c0;               /* C(0) */
    /* Nodes informed by data: index and value. */
    size_t n_data_nodes, n_ignored;
    size_t *data_node;
    double *data_value;
    /* Template of offsets, sorted by anisotropic distance. */
    size_t n_template;
    offset *template_;
    /* Covariance table over offset differences in [-2T, 2T]. */
    int ti, tj, tk;          /* template half-extents in nodes */
    int ci, cj, ck;          /* table half-extents (2T, or 0 if no table) */
    double *covtab;
    /* 1: template_ and covtab belong to the whole grid's simulation this
     * one was cut from (rm_sgs_alloc_rows), which frees them. */
    int borrowed_search;
    /* Level of each node for the multiple-grid path. */
    unsigned char *level;
};

/* Sign of the model's z along the grid's z: depth grids run down. */
static double zsign(const rm_sgs *s)
{
    return s->params.depth_axis ? -1.0 : 1.0;
}

/* Covariance between two nodes (di, dj, dk) apart: from the table when
 * inside it, else from the model. */
static double cov_offset(const rm_sgs *s, int di, int dj, int dk)
{
    if (s->covtab && abs(di) <= s->ci && abs(dj) <= s->cj && abs(dk) <= s->ck) {
        size_t wi = 2 * (size_t)s->ci + 1, wj = 2 * (size_t)s->cj + 1;
        return s->covtab[(size_t)(di + s->ci) + wi * ((size_t)(dj + s->cj) + wj * (size_t)(dk + s->ck))];
    }
    return rm_vgm_cov(&s->params.model, di * s->grid.dx, dj * s->grid.dy, zsign(s) * dk * s->grid.dz);
}

/* Length of the vector M (dx, dy, dz). */
static double metric_dist(const double M[9], double dx, double dy, double dz)
{
    double a = M[0] * dx + M[1] * dy + M[2] * dz;
    double b = M[3] * dx + M[4] * dy + M[5] * dz;
    double c = M[6] * dx + M[7] * dy + M[8] * dz;
    return sqrt(a * a + b * b + c * c);
}

typedef struct keyed_offset {
    double dist;
    offset o;
} keyed_offset;

/* qsort order of template offsets: distance, then dk, dj, di (a total
 * order, so the template is the same on every platform). */
static int compare_keyed(const void *pa, const void *pb)
{
    const keyed_offset *a = pa, *b = pb;
    if (a->dist != b->dist)
        return a->dist < b->dist ? -1 : 1;
    if (a->o.dk != b->o.dk)
        return a->o.dk < b->o.dk ? -1 : 1;
    if (a->o.dj != b->o.dj)
        return a->o.dj < b->o.dj ? -1 : 1;
    return a->o.di < b->o.di ? -1 : (a->o.di > b->o.di);
}

/* Build the sorted template of offsets within the search radius. */
static rm_status build_template(rm_sgs *s, rm_error *err)
{
    double M[9];
    rm_vgm_search_metric(&s->params.model, M);
    double range = rm_vgm_max_range(&s->params.model);
    if (!(range > 0))
        range = fmax(s->grid.dx, fmax(s->grid.dy, s->grid.dz));
    double radius = s->params.radius * range;
    /* The metric never shrinks the major axis, so |d| <= radius bounds the
     * box only for isotropic models; for anisotropic ones use the longest
     * range of any structure in any direction, which is the major range. */
    const rm_grid *g = &s->grid;
    long ti = (long)ceil(radius / g->dx), tj = (long)ceil(radius / g->dy),
         tk = (long)ceil(radius / g->dz);
    if (ti > (long)g->nx - 1) ti = (long)g->nx - 1;
    if (tj > (long)g->ny - 1) tj = (long)g->ny - 1;
    if (tk > (long)g->nz - 1) tk = (long)g->nz - 1;
    size_t box = (size_t)(2 * ti + 1) * (size_t)(2 * tj + 1) * (size_t)(2 * tk + 1);
    keyed_offset *k = malloc(box * sizeof *k);
    if (!k)
        return rm_error_set(err, RM_ENOMEM, "SGS: out of memory for a %zu-offset template", box);
    size_t n = 0;
    for (long dk = -tk; dk <= tk; dk++)
        for (long dj = -tj; dj <= tj; dj++)
            for (long di = -ti; di <= ti; di++) {
                if (!di && !dj && !dk)
                    continue;
                double d = metric_dist(M, di * g->dx, dj * g->dy, zsign(s) * (double)dk * g->dz);
                if (d <= radius)
                    k[n++] = (keyed_offset){d, {(int)di, (int)dj, (int)dk}};
            }
    qsort(k, n, sizeof *k, compare_keyed);
    s->template_ = malloc((n ? n : 1) * sizeof *s->template_);
    if (!s->template_) {
        free(k);
        return rm_error_set(err, RM_ENOMEM, "SGS: out of memory");
    }
    for (size_t i = 0; i < n; i++)
        s->template_[i] = k[i].o;
    s->n_template = n;
    s->ti = (int)ti;
    s->tj = (int)tj;
    s->tk = (int)tk;
    free(k);
    return RM_OK;
}

/* Table of covariances over node offsets in [-2T, 2T] (T the template's
 * half-extents), for every pair of template nodes; left out (direct
 * evaluation) when larger than COVTAB_MAX entries. */
static rm_status build_covtab(rm_sgs *s, rm_error *err)
{
    size_t wi = 4 * (size_t)s->ti + 1, wj = 4 * (size_t)s->tj + 1, wk = 4 * (size_t)s->tk + 1;
    if (wi * wj * wk > COVTAB_MAX)
        return RM_OK; /* evaluate directly */
    s->covtab = malloc(wi * wj * wk * sizeof *s->covtab);
    if (!s->covtab)
        return rm_error_set(err, RM_ENOMEM, "SGS: out of memory for the covariance table");
    s->ci = 2 * s->ti;
    s->cj = 2 * s->tj;
    s->ck = 2 * s->tk;
    const rm_grid *g = &s->grid;
    for (int dk = -s->ck; dk <= s->ck; dk++)
        for (int dj = -s->cj; dj <= s->cj; dj++)
            for (int di = -s->ci; di <= s->ci; di++)
                s->covtab[(size_t)(di + s->ci) + wi * ((size_t)(dj + s->cj) + wj * (size_t)(dk + s->ck))] =
                    rm_vgm_cov(&s->params.model, di * g->dx, dj * g->dy, zsign(s) * dk * g->dz);
    return RM_OK;
}

/* Assign data to nearest nodes; the datum closest to the node centre wins. */
static rm_status assign_data(rm_sgs *s, const rm_sgs_data *data, rm_error *err)
{
    const rm_grid *g = &s->grid;
    size_t nb = rm_grid_nblocks(g);
    double *best = malloc(nb * sizeof *best);
    long *who = malloc(nb * sizeof *who);
    if (!best || !who) {
        free(best);
        free(who);
        return rm_error_set(err, RM_ENOMEM, "SGS: out of memory");
    }
    for (size_t b = 0; b < nb; b++) {
        best[b] = INFINITY;
        who[b] = -1;
    }
    size_t outside = 0, used = 0;
    for (size_t d = 0; d < data->n; d++) {
        double fi = (data->x[d] - g->x0) / g->dx, fj = (data->y[d] - g->y0) / g->dy,
               fk = (data->z[d] - g->z0) / g->dz;
        /* Closed box: a datum on the outer edge goes to the last cell. */
        if (!(fi >= 0 && fi <= (double)g->nx && fj >= 0 && fj <= (double)g->ny && fk >= 0 &&
              fk <= (double)g->nz) || !isfinite(data->value[d])) {
            outside++;
            continue;
        }
        size_t i = (size_t)fi, j = (size_t)fj, k = (size_t)fk;
        i = i < g->nx ? i : g->nx - 1, j = j < g->ny ? j : g->ny - 1, k = k < g->nz ? k : g->nz - 1;
        double ex = (fi - (double)i - 0.5) * g->dx, ey = (fj - (double)j - 0.5) * g->dy,
               ez = (fk - (double)k - 0.5) * g->dz;
        double d2 = ex * ex + ey * ey + ez * ez;
        size_t b = rm_grid_index(g, i, j, k);
        if (d2 < best[b]) { /* strict: the first of equals wins */
            if (who[b] < 0)
                used++;
            best[b] = d2;
            who[b] = (long)d;
        }
    }
    s->data_node = malloc((used ? used : 1) * sizeof *s->data_node);
    s->data_value = malloc((used ? used : 1) * sizeof *s->data_value);
    if (!s->data_node || !s->data_value) {
        free(best);
        free(who);
        return rm_error_set(err, RM_ENOMEM, "SGS: out of memory");
    }
    size_t m = 0;
    for (size_t b = 0; b < nb; b++)
        if (who[b] >= 0) {
            s->data_node[m] = b;
            s->data_value[m] = data->value[who[b]];
            m++;
        }
    s->n_data_nodes = m;
    s->n_ignored = data->n - m;
    (void)outside;
    free(best);
    free(who);
    return RM_OK;
}

/* Multiple-grid level of each node: the largest L <= levels with all
 * indices multiples of 2^L (axes with a single node do not constrain). */
static rm_status build_levels(rm_sgs *s, rm_error *err)
{
    const rm_grid *g = &s->grid;
    size_t nb = rm_grid_nblocks(g);
    s->level = calloc(nb, 1);
    if (!s->level)
        return rm_error_set(err, RM_ENOMEM, "SGS: out of memory");
    int levels = s->params.multigrid;
    if (levels <= 0)
        return RM_OK;
    for (size_t k = 0; k < g->nz; k++)
        for (size_t j = 0; j < g->ny; j++)
            for (size_t i = 0; i < g->nx; i++) {
                int L = 0;
                while (L < levels) {
                    size_t step = (size_t)1 << (L + 1);
                    if (i % step || j % step || (g->nz > step && k % step))
                        break;
                    L++;
                }
                s->level[rm_grid_index(g, i, j, k)] = (unsigned char)L;
            }
    return RM_OK;
}

rm_status rm_sgs_alloc(const rm_grid *grid, const rm_sgs_data *data,
                       const rm_sgs_params *params, rm_sgs **out, rm_error *err)
{
    *out = NULL;
    rm_status st = rm_grid_validate(grid, err);
    if (st)
        return st;
    if (params->nmax < 1 || params->nmax > SGS_NMAX_LIMIT)
        return rm_error_set(err, RM_EINVAL, "SGS: nmax must be within 1..%d", SGS_NMAX_LIMIT);
    if (!(params->radius > 0))
        return rm_error_set(err, RM_EINVAL, "SGS: the search radius must be positive");
    if (params->multigrid < 0 || params->multigrid > 8)
        return rm_error_set(err, RM_EINVAL, "SGS: multiple-grid levels must be within 0..8");
    rm_sgs *s = calloc(1, sizeof *s);
    if (!s)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    s->grid = *grid;
    s->params = *params;
    s->c0 = rm_vgm_sill(&params->model);
    if (!(s->c0 > 0)) {
        free(s);
        return rm_error_set(err, RM_EINVAL, "SGS: the variogram model has no sill");
    }
    static const rm_sgs_data none = {0, NULL, NULL, NULL, NULL};
    if ((st = assign_data(s, data ? data : &none, err)) || (st = build_template(s, err)) ||
        (st = build_covtab(s, err)) || (st = build_levels(s, err))) {
        rm_sgs_free(s);
        return st;
    }
    *out = s;
    return RM_OK;
}

rm_status rm_sgs_alloc_rows(const rm_sgs *whole, size_t row0, size_t row1, uint64_t seed,
                            rm_sgs **out, rm_error *err)
{
    *out = NULL;
    const rm_grid *G = &whole->grid;
    if (row0 >= row1 || row1 > G->ny)
        return rm_error_set(err, RM_EINVAL, "SGS: rows %zu..%zu outside the grid's %zu", row0,
                            row1, G->ny);
    rm_sgs *s = calloc(1, sizeof *s);
    if (!s)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    s->grid = *G;
    s->grid.y0 = G->y0 + (double)row0 * G->dy;
    s->grid.ny = row1 - row0;
    s->params = whole->params;
    s->params.seed = seed;
    s->c0 = whole->c0;
    /* The whole grid's data nodes in these rows, same values: no second
     * assignment of data to nodes, so a node holds the same datum. */
    size_t m = 0, nxy = G->nx * G->ny;
    for (size_t d = 0; d < whole->n_data_nodes; d++) {
        size_t j = (whole->data_node[d] / G->nx) % G->ny;
        m += j >= row0 && j < row1;
    }
    s->data_node = malloc((m ? m : 1) * sizeof *s->data_node);
    s->data_value = malloc((m ? m : 1) * sizeof *s->data_value);
    rm_status st = RM_OK;
    if (!s->data_node || !s->data_value)
        st = rm_error_set(err, RM_ENOMEM, "SGS: out of memory");
    for (size_t d = 0; !st && d < whole->n_data_nodes; d++) {
        size_t b = whole->data_node[d], i = b % G->nx, j = (b / G->nx) % G->ny, k = b / nxy;
        if (j < row0 || j >= row1)
            continue;
        s->data_node[s->n_data_nodes] = rm_grid_index(&s->grid, i, j - row0, k);
        s->data_value[s->n_data_nodes++] = whole->data_value[d];
    }
    /* The whole grid's template and table, borrowed: the model, spacing
     * and search are the same, so they need not be built for every tile.
     * The tile's own template would be the whole's without the offsets of
     * more than its ny − 1 rows, which can never reach one of its nodes, and
     * a table entry equals the model's value it replaces (cov_offset), so
     * the tile meets the same neighbours with the same covariances. */
    s->n_template = whole->n_template;
    s->template_ = whole->template_;
    s->ti = whole->ti, s->tj = whole->tj, s->tk = whole->tk;
    s->ci = whole->ci, s->cj = whole->cj, s->ck = whole->ck;
    s->covtab = whole->covtab;
    s->borrowed_search = 1;
    if (st || (st = build_levels(s, err))) {
        rm_sgs_free(s);
        return st;
    }
    *out = s;
    return RM_OK;
}

void rm_sgs_free(rm_sgs *s)
{
    if (!s)
        return;
    free(s->data_node);
    free(s->data_value);
    if (!s->borrowed_search) {
        free(s->template_);
        free(s->covtab);
    }
    free(s->level);
    free(s);
}

size_t rm_sgs_data_used(const rm_sgs *s) { return s->n_data_nodes; }
size_t rm_sgs_data_ignored(const rm_sgs *s) { return s->n_ignored; }
const size_t *rm_sgs_data_nodes(const rm_sgs *s) { return s->data_node; }
uint64_t rm_sgs_get_seed(const rm_sgs *s) { return s->params.seed; }

size_t rm_sgs_halo_rows(const rm_grid *grid, const rm_sgs_params *params)
{
    double range = rm_vgm_max_range(&params->model);
    if (!(range > 0))
        range = fmax(grid->dx, fmax(grid->dy, grid->dz));
    return (size_t)ceil(params->radius * range / grid->dy);
}

/* In-place Cholesky factorisation of the n×n SPD matrix a (row-major, lower
 * triangle used) and solution of a x = b (b overwritten).  Returns -1 when
 * a is not positive definite. */
static int cholesky_solve(double *a, double *b, int n)
{
    for (int j = 0; j < n; j++) {
        double d = a[j * n + j];
        for (int k = 0; k < j; k++)
            d -= a[j * n + k] * a[j * n + k];
        if (!(d > 1e-12 * fabs(a[j * n + j])) || !(d > 0))
            return -1;
        d = sqrt(d);
        a[j * n + j] = d;
        for (int i = j + 1; i < n; i++) {
            double v = a[i * n + j];
            for (int k = 0; k < j; k++)
                v -= a[i * n + k] * a[j * n + k];
            a[i * n + j] = v / d;
        }
    }
    for (int i = 0; i < n; i++) { /* L y = b */
        double v = b[i];
        for (int k = 0; k < i; k++)
            v -= a[i * n + k] * b[k];
        b[i] = v / a[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) { /* Lᵀ x = y */
        double v = b[i];
        for (int k = i + 1; k < n; k++)
            v -= a[k * n + i] * b[k];
        b[i] = v / a[i * n + i];
    }
    return 0;
}

/* Order of visit: a random permutation of the uninformed nodes, stably
 * grouped by multiple-grid level, coarsest first. */
static size_t *make_path(const rm_sgs *s, const unsigned char *informed, size_t row0,
                         size_t row1, gsl_rng *r, size_t *n_path)
{
    size_t nb = rm_grid_nblocks(&s->grid), n = 0, nx = s->grid.nx, ny = s->grid.ny;
    size_t *perm = malloc((nb ? nb : 1) * sizeof *perm);
    size_t *path = malloc((nb ? nb : 1) * sizeof *path);
    if (!perm || !path) {
        free(perm);
        free(path);
        return NULL;
    }
    for (size_t b = 0; b < nb; b++) {
        size_t j = (b / nx) % ny;
        if (!informed[b] && j >= row0 && j < row1)
            perm[n++] = b;
    }
    if (n > 1) /* GSL's shuffle runs i = n - 1 down: n = 0 (every node informed) wraps */
        gsl_ran_shuffle(r, perm, n, sizeof *perm);
    size_t m = 0;
    for (int L = s->params.multigrid; L >= 0; L--)
        for (size_t p = 0; p < n; p++)
            if (s->level[perm[p]] == L)
                path[m++] = perm[p];
    free(perm);
    *n_path = m;
    return path;
}

/* The nearest informed nodes of node (i, j, k), at most nmax, in the order of
 * the sorted template: their offsets, node indices and layers.  Returns how
 * many.  Shared by one realization and a batch, so both meet the same
 * neighbours in the same order. */
static size_t gather_neighbours(const rm_sgs *s, const unsigned char *informed, long i, long j,
                                long k, offset *nb_off, size_t *nb_node, long *nb_k)
{
    const rm_grid *g = &s->grid;
    size_t n = 0;
    for (size_t t = 0; t < s->n_template && n < s->params.nmax; t++) {
        const offset *o = &s->template_[t];
        long ii = i + o->di, jj = j + o->dj, kk = k + o->dk;
        if (ii < 0 || jj < 0 || kk < 0 || ii >= (long)g->nx || jj >= (long)g->ny ||
            kk >= (long)g->nz)
            continue;
        size_t nbk = rm_grid_index(g, (size_t)ii, (size_t)jj, (size_t)kk);
        if (!informed[nbk])
            continue;
        nb_off[n] = *o;
        nb_node[n] = nbk;
        nb_k[n] = kk;
        n++;
    }
    return n;
}

/* Simple-kriging weights of n > 0 neighbours at offsets nb_off for node (i, j, k):
 * K (n x n scratch) is built from the covariance table, the weights are left
 * in rhs and the point covariances in k0.  RM_ESINGULAR naming the node when
 * the system is singular. */
static rm_status solve_weights(const rm_sgs *s, const offset *nb_off, size_t n, long i, long j,
                               long k, double *K, double *rhs, double *k0, rm_error *err)
{
    const rm_grid *g = &s->grid;
    for (size_t a = 0; a < n; a++) {
        for (size_t c = 0; c <= a; c++) {
            double v = cov_offset(s, nb_off[a].di - nb_off[c].di, nb_off[a].dj - nb_off[c].dj,
                                  nb_off[a].dk - nb_off[c].dk);
            K[a * n + c] = K[c * n + a] = v;
        }
        k0[a] = rhs[a] = cov_offset(s, nb_off[a].di, nb_off[a].dj, nb_off[a].dk);
    }
    if (cholesky_solve(K, rhs, (int)n) != 0)
        return rm_error_set(err, RM_ESINGULAR,
                            "SGS: singular kriging system at node (%ld, %ld, %ld) "
                            "(x %.3f, y %.3f, depth %.3f)",
                            i, j, k, rm_grid_xc(g, (size_t)i), rm_grid_yc(g, (size_t)j),
                            rm_grid_zc(g, (size_t)k));
    return RM_OK;
}

rm_status rm_sgs_realize(const rm_sgs *s, uint64_t index, double *out, rm_error *err)
{
    return rm_sgs_realize_lvm(s, index, NULL, out, err);
}

rm_status rm_sgs_realize_lvm(const rm_sgs *s, uint64_t index, const double *layer_mean,
                             double *out, rm_error *err)
{
    const rm_grid *g = &s->grid;
    size_t nb = rm_grid_nblocks(g);
    unsigned char *informed = calloc(nb ? nb : 1, 1);
    gsl_rng *r = rm_rng_stream(s->params.seed, index);
    if (!informed || !r) {
        free(informed);
        gsl_rng_free(r);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    for (size_t b = 0; b < nb; b++)
        out[b] = NAN;
    for (size_t d = 0; d < s->n_data_nodes; d++) {
        out[s->data_node[d]] = s->data_value[d];
        informed[s->data_node[d]] = 1;
    }
    size_t n_path;
    size_t *path = make_path(s, informed, 0, g->ny, r, &n_path);
    if (!path) {
        free(informed);
        gsl_rng_free(r);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    offset nb_off[SGS_NMAX_LIMIT];
    size_t nb_node[SGS_NMAX_LIMIT];
    long nb_k[SGS_NMAX_LIMIT];
    double nb_val[SGS_NMAX_LIMIT];
    double K[SGS_NMAX_LIMIT * SGS_NMAX_LIMIT], rhs[SGS_NMAX_LIMIT], k0[SGS_NMAX_LIMIT];
    rm_status st = RM_OK;
    for (size_t p = 0; p < n_path && !st; p++) {
        size_t b = path[p];
        long i = (long)(b % g->nx), j = (long)((b / g->nx) % g->ny), k = (long)(b / (g->nx * g->ny));
        size_t n = gather_neighbours(s, informed, i, j, k, nb_off, nb_node, nb_k);
        for (size_t a = 0; a < n; a++)
            nb_val[a] = out[nb_node[a]] - (layer_mean ? layer_mean[nb_k[a]] : s->params.sk_mean);
        double est = layer_mean ? layer_mean[k] : s->params.sk_mean, var = s->c0;
        if (n > 0) {
            if ((st = solve_weights(s, nb_off, n, i, j, k, K, rhs, k0, err)))
                break;
            for (size_t a = 0; a < n; a++) {
                est += rhs[a] * nb_val[a];
                var -= rhs[a] * k0[a];
            }
            if (var < 0)
                var = 0;
        }
        out[b] = est + sqrt(var) * gsl_ran_gaussian_ziggurat(r, 1.0);
        informed[b] = 1;
    }
    free(path);
    free(informed);
    gsl_rng_free(r);
    return st;
}

/* Realizations first … first + nreal − 1 on one path (see sgs.h).
 *
 * The nodes a realization has informed when it reaches a node depend only
 * on the path, not on the values, so on a shared path every realization
 * meets the same neighbours and the same kriging system: it is solved once
 * per node and its weights applied to each realization's values.  The
 * values are kept interleaved (node-major, realization-minor), so the
 * neighbours' values of all realizations are contiguous. */
rm_status rm_sgs_realize_batch(const rm_sgs *s, uint64_t first, size_t nreal,
                               const double *layer_mean, double *out, rm_error *err)
{
    return rm_sgs_realize_batch_rows(s, first, nreal, layer_mean, 0, s->grid.ny, out, err);
}

/* The batch on a tile's grid (see sgs.h): rows below fixed_rows hold the
 * previous tile's values (given in out), rows fixed_rows … fixed_rows +
 * sim_rows − 1 are simulated, rows above only condition through their data.
 * With fixed_rows 0 and sim_rows ny this is rm_sgs_realize_batch: the path
 * is drawn over the same nodes in the same order. */
rm_status rm_sgs_realize_batch_rows(const rm_sgs *s, uint64_t first, size_t nreal,
                                    const double *layer_mean, size_t fixed_rows,
                                    size_t sim_rows, double *out, rm_error *err)
{
    const rm_grid *g = &s->grid;
    size_t nb = rm_grid_nblocks(g);
    if (nreal == 0)
        return RM_OK;
    if (fixed_rows + sim_rows > g->ny)
        return rm_error_set(err, RM_EINVAL, "SGS: rows %zu + %zu exceed the grid's %zu",
                            fixed_rows, sim_rows, g->ny);
    unsigned char *informed = calloc(nb ? nb : 1, 1);
    double *val = malloc((nb ? nb : 1) * nreal * sizeof *val);
    double *acc = malloc(nreal * sizeof *acc);
    gsl_rng **rng = calloc(nreal, sizeof *rng);
    int ok = informed && val && acc && rng;
    for (size_t j = 0; ok && j < nreal; j++)
        ok = (rng[j] = rm_rng_stream(s->params.seed, first + j)) != NULL;
    size_t n_path = 0, *path = NULL;
    if (ok) {
        for (size_t d = 0; d < s->n_data_nodes; d++) {
            for (size_t j = 0; j < nreal; j++)
                val[s->data_node[d] * nreal + j] = s->data_value[d];
            informed[s->data_node[d]] = 1;
        }
        /* The previous tile's rows: every node informed, per realization. */
        for (size_t k = 0; k < g->nz && fixed_rows; k++)
            for (size_t jr = 0; jr < fixed_rows; jr++)
                for (size_t i = 0; i < g->nx; i++) {
                    size_t b = rm_grid_index(g, i, jr, k);
                    for (size_t r = 0; r < nreal; r++)
                        val[b * nreal + r] = out[r * nb + b];
                    informed[b] = 1;
                }
        /* The path comes from the first realization's stream, which then
         * goes on to its normal deviates: a batch of one is rm_sgs_realize. */
        ok = (path = make_path(s, informed, fixed_rows, fixed_rows + sim_rows, rng[0],
                               &n_path)) != NULL;
    }
    if (!ok) {
        for (size_t j = 0; rng && j < nreal; j++)
            gsl_rng_free(rng[j]);
        free(rng); free(acc); free(val); free(informed);
        return rm_error_set(err, RM_ENOMEM, "out of memory for %zu realizations", nreal);
    }
    const size_t nz = g->nz;
    offset nb_off[SGS_NMAX_LIMIT];
    size_t nb_node[SGS_NMAX_LIMIT];
    long nb_k[SGS_NMAX_LIMIT];
    double K[SGS_NMAX_LIMIT * SGS_NMAX_LIMIT], rhs[SGS_NMAX_LIMIT], k0[SGS_NMAX_LIMIT];
    rm_status st = RM_OK;
    for (size_t p = 0; p < n_path && !st; p++) {
        size_t b = path[p];
        long i = (long)(b % g->nx), j = (long)((b / g->nx) % g->ny), k = (long)(b / (g->nx * g->ny));
        size_t n = gather_neighbours(s, informed, i, j, k, nb_off, nb_node, nb_k);
        double var = s->c0;
        if (n > 0) {
            if ((st = solve_weights(s, nb_off, n, i, j, k, K, rhs, k0, err)))
                break;
            for (size_t a = 0; a < n; a++)
                var -= rhs[a] * k0[a];
            if (var < 0)
                var = 0;
        }
        double sd = sqrt(var);
        /* est_j = m_j(k) + Σ λ_a (y_j,a − m_j(k_a)), summed in the order of
         * rm_sgs_realize_lvm so that a batch of one matches it bit for bit. */
        for (size_t r = 0; r < nreal; r++)
            acc[r] = layer_mean ? layer_mean[r * nz + (size_t)k] : s->params.sk_mean;
        for (size_t a = 0; a < n; a++) {
            const double *y = val + nb_node[a] * nreal;
            double lam = rhs[a];
            if (layer_mean)
                for (size_t r = 0; r < nreal; r++)
                    acc[r] += lam * (y[r] - layer_mean[r * nz + (size_t)nb_k[a]]);
            else {
                double m = s->params.sk_mean;
                for (size_t r = 0; r < nreal; r++)
                    acc[r] += lam * (y[r] - m);
            }
        }
        double *dst = val + b * nreal;
        for (size_t r = 0; r < nreal; r++)
            dst[r] = acc[r] + sd * gsl_ran_gaussian_ziggurat(rng[r], 1.0);
        informed[b] = 1;
    }
    if (!st)
        for (size_t r = 0; r < nreal; r++) {
            double *o = out + r * nb;
            for (size_t b = 0; b < nb; b++)
                o[b] = informed[b] ? val[b * nreal + r] : NAN;
        }
    for (size_t r = 0; r < nreal; r++)
        gsl_rng_free(rng[r]);
    free(rng);
    free(path);
    free(acc);
    free(val);
    free(informed);
    return st;
}
