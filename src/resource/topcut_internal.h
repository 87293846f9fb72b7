/* topcut_internal.h — the top-cut steps the estimate stage calls
 * (topcut.c); private to src/resource. */
#ifndef REEMUD_TOPCUT_INTERNAL_H
#define REEMUD_TOPCUT_INTERNAL_H

#include "reemud/krige.h"
#include "reemud/resource.h"

/* Cap the element columns 0..ne-1 of vals (n x nvar; column q is element
 * elems[q]) by cfg's caps: first each element's own cap, then ΣREY's (the 15
 * REY of a composite above it scaled down to it).  excess (n x ne) receives
 * uncapped − capped; info gets one row per capped element and a ΣREY row,
 * the sorted uncapped grades and their normal scores. */
rm_status rm_topcut_caps(const rm_estimate_config *cfg, const int *elems, int ne, double *vals,
                         size_t n, size_t nvar, double *excess, rm_topcut_info *info,
                         rm_error *err);

/* Outlier restriction: for every block of grid g whose centre is within
 * restrict_m (Euclidean) of a sample with excess, add back Σ λ_i e_i over
 * those near samples (λ the block's kriging weights from k, whose value
 * columns ex0 .. ex0+nex-1 hold the excesses) to field[x] and subtract it
 * from diff[x] (x < nex).  Blocks without an estimate (NAN field[0]) are
 * left alone, and so are blocks with only[b] != value (only NULL: none;
 * the search pass that k served).  shift (nx*ny, or NULL): vertical =
 * horizon, the block centres are moved up by their column's surface, as
 * the samples in k are; col_ext (nx*ny, or NULL): each column's external
 * drift, when k has one. */
rm_status rm_topcut_restrict(const rm_krige *k, const rm_grid *g, const double *shift,
                             const double *col_ext, size_t ex0, size_t nex,
                             double restrict_m, const unsigned char *only, unsigned char value,
                             double *const *field, double *const *diff, rm_error *err);

/* Metal at risk per row of info from diff[q] (uncapped − reported estimate,
 * ppm, per block; column q is element elems[q]) and the derived model's
 * mud_t over [top, bottom] mbsf. */
rm_status rm_topcut_account(rm_topcut_info *info, const rm_blockmodel *bm, const int *elems,
                            int ne, double *const *diff, double top_mbsf, double bottom_mbsf,
                            rm_error *err);

#endif
