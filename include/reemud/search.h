/* search.h — neighbour search for kriging: the k nearest samples to a point
 * in an anisotropic metric, with optional distance, octant and per-hole
 * limits.
 *
 * Distances are measured in the metric |M d| (M a 3x3 matrix, row-major),
 * normally the variogram's search metric (rm_vgm_search_metric): distance
 * in metres along the major axis of the anisotropy ellipsoid, as GSLIB's
 * kt3d does.  The samples are stored once, transformed by M, in a kd-tree
 * (Bentley 1975; Friedman, Bentley & Finkel 1977) whose leaves hold a few
 * points contiguously; a query descends nearer children first and keeps the
 * k best in a bounded max-heap, pruning boxes farther than the current k-th
 * distance.  Memory is O(samples).
 *
 * Ties are broken by sample index (smaller first), so a query's answer is
 * a function of its inputs only: the same for every thread and tree shape.
 *
 * Limits (greedy in order of distance, as kt3d's octant search):
 *   maxdist     samples farther than maxdist (in the metric) are ignored;
 *   octant_max  at most this many samples from each octant around the query
 *               point (octants of the transformed space: signs of the
 *               transformed dx, dy, dz); 0 = no limit;
 *   hole_max    at most this many samples with the same hole id; 0 = none.
 * The answer is the first nmax samples, in order of distance, that respect
 * the limits.  nmax = 0 means all samples within maxdist.
 *
 * A query may exclude one sample (leave-one-out) or all samples of one hole
 * (leave-one-hole-out cross-validation).
 */
#ifndef REEMUD_SEARCH_H
#define REEMUD_SEARCH_H

#include <stddef.h>

#include "reemud/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rm_search rm_search;
typedef struct rm_search_work rm_search_work;

typedef struct rm_search_params {
    size_t nmax;        /* neighbours wanted; 0 = all within maxdist */
    double maxdist;     /* in the metric; <= 0 or infinite = no limit */
    int octant_max;     /* per-octant limit; 0 = none */
    int hole_max;       /* per-hole limit; 0 = none (needs hole ids) */
    int unordered;      /* 1: the same set, in no particular order (faster;
                           applies when there are no octant/hole limits) */
    int positions;      /* 1: idx receives tree positions (rm_search_order maps
                           them to sample indices) instead of sample indices */
} rm_search_params;

/* No exclusion in rm_search_query. */
#define RM_SEARCH_NONE (-1L)

/* Build the search structure for n points xyz (n x 3, row-major; use z = 0
 * for 2-D data) under metric M (NULL = identity).  hole: n group ids (any
 * long values) or NULL.  The points are copied. */
rm_status rm_search_alloc(const double *xyz, size_t n, const double *M, const long *hole,
                          rm_search **out, rm_error *err);
void rm_search_free(rm_search *s);

size_t rm_search_size(const rm_search *s);

/* Per-thread scratch space for queries. */
rm_search_work *rm_search_work_alloc(const rm_search *s);
void rm_search_work_free(rm_search_work *w);

/* The neighbours of the point q (original coordinates).  Excludes sample
 * exclude_index and samples whose hole id is exclude_hole (either may be
 * RM_SEARCH_NONE; exclude_hole needs hole ids).  Writes up to cap results
 * to idx (sample indices) and d2 (squared metric distances), ascending by
 * (d2, index) (any order with p->unordered); returns the number written.  cap must be >= p->nmax, or
 * >= rm_search_size(s) when p->nmax == 0. */
size_t rm_search_query(const rm_search *s, const rm_search_params *p, const double q[3],
                       long exclude_index, long exclude_hole, rm_search_work *w,
                       size_t *idx, double *d2, size_t cap);

/* The tree order: sample index of tree position t (n values).  Points
 * near in space are near in this order; a caller that stores its own
 * per-sample data in it and asks for positions reads memory in runs. */
const size_t *rm_search_order(const rm_search *s);

/* The point q transformed by the metric (what distances are measured in). */
void rm_search_transform(const rm_search *s, const double q[3], double out[3]);

#ifdef __cplusplus
}
#endif
#endif
