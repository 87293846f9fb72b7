/* assess.h — the whole chain in one call, and its report folder.
 *
 * rm_assess_run answers the four questions of the product for one project:
 *
 *   check      every section the stages read, unknown keys included, before
 *              any work (one list of problems)
 *   estimate   kriged block model, grade–tonnage, classes (resource.h)
 *   simulate   P10/P50/P90 by sequential Gaussian simulation on the same
 *              grid (simulate.h); the estimate is run once and shared
 *   chain      mine plan, processing, supply, economics on the kriged model
 *              (chain.h); the Monte Carlo draws of the NPV also run over up
 *              to RM_ASSESS_MAX_CHAIN_REALIZATIONS of the simulation's
 *              realizations (draw k on realization k mod n)
 *   supply     the allied rare-earth supply chain, mine to magnet, year by year
 *              under each export-control scenario, without Minamitorishima and
 *              with it at each chain rate (the chain's oxide output: the same
 *              numbers as chain/oxide_output.csv), and the project's NPV in a
 *              "normal" and a "controls" price state (supply.h)
 *   lift       each lift system at the mined area's water depth: energy per
 *              dry tonne against rate, profiles at the design rate (lift.h)
 *   diagnostics  experimental variograms of the composites' ΣREY with the
 *              fitted model, leave-one-core-out cross-validation, the e-type
 *              map of the simulation and, for a synthetic example
 *              ([project] synthetic = true), the block-by-block check
 *              against its truth — values computed by the resource stage
 *              (resource.h: rm_resource_srey_diagnostics,
 *              rm_resource_truth_blocks)
 *
 * rm_assess_write then writes the folder: estimate/, simulate/, chain/,
 * supply/, lift/ (each stage's own writer), figures/ (PNG + SVG) and report.html
 * (the report, report.h, which turns the values into figures and HTML and
 * computes none), summary.json and run.json.  The report states the
 * answers first; docs/assess.md describes the page and every key of
 * summary.json.
 *
 * This is the pipeline (src/assess/): it sequences the stages, owns their
 * list and progress lines, and holds no science.
 */
#ifndef REEMUD_ASSESS_H
#define REEMUD_ASSESS_H

#include <stddef.h>

#include "reemud/chain.h"
#include "reemud/core.h"
#include "reemud/lift.h"
#include "reemud/resource.h"
#include "reemud/simulate.h"
#include "reemud/supply.h"
#include "reemud/variogram.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Realizations when neither the options nor [simulate] realizations give a
 * number: the example's whole assess then takes ~15–25 s on two shared
 * cores (0.17–0.23 s per realization; docs/assess.md gives the timings). */
#define RM_ASSESS_DEFAULT_REALIZATIONS 100

/* Realizations the chain's Monte Carlo draws run over (the first ones of
 * the simulation): each is a block model of 16 fields in memory, ~6 MB on
 * the example's 50,000 blocks. */
#define RM_ASSESS_MAX_CHAIN_REALIZATIONS 50

/* The neighbourhoods the diagnostics stage's kriging neighbourhood analysis
 * tries (samples per block; `reemud kna`'s default list): ~5 s on the
 * example. */
#define RM_ASSESS_KNA_NMAX {4, 8, 12, 16, 24, 32, 48, 64}

typedef struct rm_assess_options {
    long realizations;          /* > 0 overrides [simulate] realizations */
    int threads;                /* > 0: OpenMP threads for every stage */
    long draws;                 /* >= 0 overrides [economics] draws; < 0 keep */
} rm_assess_options;

void rm_assess_options_default(rm_assess_options *o);

/* The stages in the order they run (progress lines "assess: [k/N] NAME: …"),
 * NULL-terminated. */
#define RM_ASSESS_NSTAGES 9
extern const char *const rm_assess_stage_names[RM_ASSESS_NSTAGES + 1];

/* The lift systems compared, in rm_lift_systems order. */
#define RM_ASSESS_NSYS 3
#define RM_ASSESS_NRATES 24    /* energy-vs-rate points per system */

typedef struct rm_assess_lift {
    rm_lift_params params[RM_ASSESS_NSYS];   /* at the project's depth, 350 t/day */
    rm_lift_result design[RM_ASSESS_NSYS];   /* solved at the first chain rate, profiles */
    double *excess_pa[RM_ASSESS_NSYS];       /* per design node: pressure above the
                                              * seawater outside (rm_lift_profile_excess_pa) */
    rm_status design_status[RM_ASSESS_NSYS];
    char design_error[RM_ASSESS_NSYS][256];
    double rates_t_per_day[RM_ASSESS_NRATES];
    double kwh_per_t[RM_ASSESS_NSYS][RM_ASSESS_NRATES]; /* NAN where it fails */
    double kwh_per_t_350[RM_ASSESS_NSYS];    /* at 350 t/day (NAN: fails) */
    double kwh_per_t_3500[RM_ASSESS_NSYS];   /* at 3,500 t/day */
    double minimum_kwh_per_t;                /* physical minimum m g H (1 − ρsw/ρs) */
    int default_system;                      /* index of the project's system */
    double depth_m;
} rm_assess_lift;

/* Maps over the reporting window (nx*ny, index i + nx j, NaN = no value):
 * tonnage-weighted column means of ΣREY, weights the estimate's mud_t times
 * the share of each block inside the window. */
typedef struct rm_assess_maps {
    double *etype_srey_ppm;     /* e-type: mean of the realizations */
    double *truth_srey_ppm;     /* the synthetic truth (NULL if none) */
} rm_assess_maps;

typedef struct rm_assess_timings {
    double check_s, estimate_s, simulate_s, chain_s, supply_s, lift_s, diagnostics_s;
    double figures_s, write_s, total_s;
} rm_assess_timings;

typedef struct rm_assess_result {
    char project_path[4096];
    rm_simulate_job *job;       /* ini, estimate (job->res) and simulation */
    rm_simulate_result sim;
    int sim_ok;
    int sim_cutoffs_from_estimate; /* the simulation reports the estimate's cut-offs */
    rm_chain_config *chain_cfg;
    rm_chain_result chain;      /* deterministic: kriged; NPV draws: realizations */
    int chain_ok;
    size_t chain_realizations;  /* realizations in the NPV draws, 0 = kriged only */
    rm_sim_gt sim_gt;           /* grade–tonnage P10/P50/P90 across realizations */
    /* The allied supply chain ([supply] of the project, tables in data/): the
     * network, the run's settings (cases = the chain's rates), its result and
     * the economics per scenario and rate in two price states. */
    rm_snetwork supply_net;
    rm_supply_run_config supply_cfg;
    rm_supply_result supply;
    int supply_ok;
    rm_supply_econ_row *supply_econ;  /* n_supply_econ rows: scenario x rate */
    size_t n_supply_econ;
    rm_assess_lift lift;
    rm_srey_diag diag;          /* ΣREY variograms, model, cross-validation */
    /* Truth (synthetic examples): total REO, mud and mean ΣREY over the
     * window, from truth/truth_summary.json beside the project; NAN if none. */
    double truth_reo_t, truth_mud_t, truth_mean_srey_ppm;
    char truth_path[4096];
    rm_truth_blocks truth_blocks; /* kriged vs truth block by block (truth.nc beside
                                   * the summary; resource/diagnostics.c) */
    rm_assess_maps maps;
    int synthetic;              /* [project] synthetic = true, or the truth summary
                                 * beside the project says "synthetic": true */
    rm_assess_timings t;
    /* Kriging neighbourhood analysis of the estimate (rm_kna, diagnostics
     * stage): nmax RM_ASSESS_KNA_NMAX at [estimate] maxdist_m; empty with
     * kna_error set when it could not run (the report says why). */
    rm_kna_table kna;
    char kna_error[256];
} rm_assess_result;

/* Run every stage in memory.  problems (may be NULL) receives every input
 * problem found by the check; progress goes to log, one line per stage.
 * On failure *out holds nothing to free. */
rm_status rm_assess_run(const char *project_path, const rm_assess_options *opt,
                        const rm_logger *log, rm_assess_result *out, rm_problems *problems,
                        rm_error *err);
void rm_assess_result_free(rm_assess_result *r);

/* Top-level files of the folder (NULL-terminated), for rm_outdir_prepare. */
extern const char *const rm_assess_outputs[];

/* Refuse (RM_EEXIST) unless force if dir holds any output of a previous
 * assess (its top-level files or any stage's files); create it otherwise. */
rm_status rm_assess_prepare(const char *dir, int force, rm_error *err);

/* Write the folder: stage outputs, figures, summary.json, run.json (from
 * argc/argv) and report.html.  Progress on log. */
rm_status rm_assess_write(rm_assess_result *r, const char *dir, int argc, char *const *argv,
                          const rm_logger *log, rm_error *err);

/* Print the short summary (resource, energy, output, coverage, NPV,
 * break-even) to fp. */
void rm_assess_print_summary(const rm_assess_result *r, FILE *fp);

#ifdef __cplusplus
}
#endif
#endif
