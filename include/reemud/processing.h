/* processing.h — from dry mud to separated oxides, with a closed mass
 * balance per element.
 *
 * Stages (each a recovery; the rest goes to a named loss stream):
 *   1. dewatering on Minamitorishima: the lifted slurry's volume is cut by
 *      dewater_volume_cut (~80 %, Nikkei/Northern Miner reports of the 2027
 *      plan); a fraction of fines is lost with the water;
 *   2. size separation (hydrocyclone): ΣREY grade raised by size_enrichment
 *      (up to 2.6×, Takaya et al. 2018) with recovery size_recovery_e; the
 *      mass pull is R̄/E where R̄ is the feed-weighted mean recovery;
 *   3. shipping of the dewatered concentrate to the mainland;
 *   4. acid leaching, recovery leach_recovery_e (HCl: REY ex Ce up to 95.1 %,
 *      Ce lower; Takaya et al. 2015, Geochem. J. 49:637);
 *   5. separation and refining, recovery separation_recovery_e → oxide by
 *      the stoichiometric factor.
 * For every element feed = product + Σ losses; rm_process_run reports the
 * largest relative residual.
 */
#ifndef REEMUD_PROCESSING_H
#define REEMUD_PROCESSING_H

#include "reemud/core.h"
#include "reemud/elements.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rm_process_config {
    double dewater_volume_cut;        /* fraction of slurry volume removed */
    double dewater_solids_recovery;   /* solids kept in the cake */
    double slurry_solids_vol_frac;    /* solids volume fraction of the lifted slurry */
    double grain_density_t_m3;        /* 2.50 (docs/references.md §1) */
    double seawater_density_t_m3;     /* 1.025 */
    double size_enrichment;           /* ΣREY grade factor of the hydrocyclone */
    double size_recovery[RM_NREY];
    double leach_recovery[RM_NREY];
    double separation_recovery[RM_NREY];
} rm_process_config;

typedef struct rm_process_balance {
    double feed_dry_t;
    double slurry_m3;                 /* lifted slurry volume */
    double water_removed_t;           /* by dewatering */
    double dewater_loss_dry_t;        /* solids lost with the water */
    double concentrate_dry_t;         /* hydrocyclone product */
    double size_tailings_dry_t;
    double shipped_wet_t;             /* concentrate + its water */
    double mass_pull;                 /* concentrate / dewatered solids */
    double feed_t[RM_NREY];           /* element tonnes */
    double loss_dewater_t[RM_NREY];
    double loss_size_t[RM_NREY];
    double loss_leach_t[RM_NREY];
    double loss_separation_t[RM_NREY];
    double product_t[RM_NREY];        /* element tonnes in product */
    double oxide_t[RM_NREY];          /* oxide tonnes */
    double oxide_total_t;
    double overall_recovery[RM_NREY];
    double max_rel_error;             /* max_e |feed - product - losses| / feed */
} rm_process_balance;

/* Defaults from data/processing.csv's values (also used when the file is absent). */
void rm_process_config_default(rm_process_config *cfg);
/* Read per-element recoveries from a CSV with columns element,
 * size_recovery, leach_recovery, separation_recovery. */
rm_status rm_process_config_load_csv(rm_process_config *cfg, const char *path,
                                     rm_error *err);
rm_status rm_process_config_validate(const rm_process_config *cfg, rm_error *err);

/* Run the stages on feed_dry_t of mud with the given grades. */
rm_status rm_process_run(const rm_process_config *cfg, double feed_dry_t,
                         const double grade_ppm[RM_NREY], rm_process_balance *out,
                         rm_error *err);

#ifdef __cplusplus
}
#endif
#endif
