/* assess_internal.h — what the pieces of `assess` share: the figure list,
 * the rates the report dwells on, and grade–tonnage across realizations. */
#ifndef REEMUD_ASSESS_INTERNAL_H
#define REEMUD_ASSESS_INTERNAL_H

#include "reemud/assess.h"
#include "reemud/report.h"

/* Figures written into figures/ (base names; each gets .png and .svg). */
extern const char *const rm_assess_figures[];

/* Index of the ΣREY cut-off 0 in the simulation (else 0). */
size_t rm_assess_zero_cutoff(const rm_assess_result *r);
/* The chain rate with the highest NPV P50 (the best case studied). */
size_t rm_assess_best_rate(const rm_assess_result *r);
/* The largest chain rate (the most output). */
size_t rm_assess_largest_rate(const rm_assess_result *r);
/* The chain rate nearest t/day, or SIZE_MAX if none within 1 %. */
size_t rm_assess_rate_index(const rm_assess_result *r, double t_per_day);

/* Grade–tonnage across realizations at the simulation's cut-offs: P10,
 * P50, P90 of the mud tonnes and of the tonnage-weighted mean ΣREY above
 * each cut-off (ΣREY from the oxide tonnes ÷ oxide factors).  Arrays of
 * r->sim.n_cutoffs. */
void rm_assess_sim_gt(const rm_assess_result *r, double *mud_p10, double *mud_p50,
                      double *mud_p90, double *grade_p10, double *grade_p50,
                      double *grade_p90);

/* Draw every figure into dir (figures/). */
rm_status rm_assess_figures_draw(const rm_assess_result *r, const char *dir, rm_error *err);

/* Build and write report.html into dir (figures under figures/, run.json
 * beside it). */
rm_status rm_assess_report_write(const rm_assess_result *r, const char *dir, rm_error *err);

#endif
