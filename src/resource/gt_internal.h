/* gt_internal.h — helpers of the grade–tonnage tables shared inside
 * src/resource (gradetonnage.c, support.c, simulate.c); not public API. */
#ifndef REEMUD_GT_INTERNAL_H
#define REEMUD_GT_INTERNAL_H

#include "reemud/resource.h"

/* Fraction of block layer k of grid g inside the depth window
 * [top_mbsf, bottom_mbsf]: 0 outside it, 1 wholly inside. */
double rm_gt_layer_fraction(const rm_grid *g, size_t k, double top_mbsf, double bottom_mbsf);

/* Turn row r's tonne-weighted sums into results: oxide tonnes and REO from
 * the summed ppm × t, then the mean grades (NAN for a row of no tonnes). */
void rm_gt_row_finish(rm_gt_row *r);

#endif
