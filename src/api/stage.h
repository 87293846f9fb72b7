/* stage.h — the project stages as one sequence each (read the project, run,
 * write the folder and run.json), shared by the commands (cli/cmd_*.c) and
 * the binding entry points (rm_api_*, src/api/api.c).  The caller parses its
 * own options and prints its own summary; nothing here prints except through
 * the logger. */
#ifndef RM_API_STAGE_H
#define RM_API_STAGE_H

#include "reemud/chain.h"
#include "reemud/config.h"
#include "reemud/core.h"
#include "reemud/data.h"
#include "reemud/simulate.h"
#include "reemud/supply.h"

/* Estimate the project's block model into out_dir as `reemud estimate` does:
 * every section the stage reads is checked first (problems into p; on any,
 * RM_EDATA with the first one in err and nothing written), then the outputs
 * are claimed (force: overwrite), the estimate runs on threads (> 0: that
 * many, else the project's or all), and the files, figures and run.json
 * (command line argc/argv) are written.  log may be NULL (silent).  The
 * caller guarantees project, out_dir, argv and p valid. */
rm_status rm_stage_estimate(const char *project, const char *out_dir, int force, long threads,
                            int argc, char **argv, const rm_logger *log, rm_problems *p,
                            rm_error *err);

/* Run the chain as `reemud chain` does: the project's [mine], [processing],
 * [supply], [economics] (unknown keys are errors), draws/seed (>= 0: instead
 * of the project's), threads (> 0: OpenMP threads), the block model from
 * blockmodel, else [mine] blockmodel, else estimate/block_model.nc in the
 * working directory or beside the project file; then the outputs are claimed
 * (force: overwrite), the chain runs and its tables and run.json (argc/argv)
 * are written.  *cfg and *res are the caller's (res zeroed before; free it
 * with rm_chain_result_free whatever the status) and hold the run for the
 * caller's summary.  log may be NULL (silent). */
rm_status rm_stage_chain(const char *project, const char *out_dir, const char *blockmodel,
                         int force, long draws, long long seed, long threads, int argc,
                         char **argv, const rm_logger *log, rm_chain_config *cfg,
                         rm_chain_result *res, rm_error *err);

/* What `reemud check` found: the data configuration, the validated cores and
 * their composites (owned; rm_stage_check_result_free), and their extent. */
typedef struct rm_stage_check_result {
    rm_data_config cfg;
    rm_drillholes *dh;
    rm_composites *comp;
    size_t holes_assayed;         /* holes with at least one assay interval */
    double core_m, assayed_m;     /* core length, of it assayed */
    double x_min_m, x_max_m, y_min_m, y_max_m; /* collar extent, projected */
    double water_depth_min_m, water_depth_max_m;
    const char *problems_in;      /* on problems: the project path or "the input data" */
} rm_stage_check_result;

/* Check the project as `reemud check` does: every section as the stages read
 * it (problems into p: RM_EDATA, r->problems_in = project), then the collars
 * and assays (problems into p, capped at [data] max_problems: RM_EDATA,
 * r->problems_in = "the input data"), the CRS, composites and declustering.
 * On RM_OK *r holds the result; free it with rm_stage_check_result_free
 * whatever the status.  log may be NULL. */
rm_status rm_stage_check(const char *project, const rm_logger *log, rm_stage_check_result *r,
                         rm_problems *p, rm_error *err);
void rm_stage_check_result_free(rm_stage_check_result *r);

/* Create out_dir for a simulation, refusing (without force) to overwrite any
 * output of an earlier one, the per-cut-off maps prob_above_* included. */
rm_status rm_stage_simulate_prepare(const char *out_dir, int force, rm_error *err);

/* Write the outputs of a finished simulation and run.json (argc/argv, ranks
 * MPI ranks; t_start, t_estimated, t_simulated from rm_now_s). */
rm_status rm_stage_simulate_write(rm_simulate_job *job, const rm_simulate_result *res,
                                  const char *project, const char *out_dir, int argc,
                                  char **argv, int ranks, double t_start, double t_estimated,
                                  double t_simulated, rm_error *err);

/* Simulate in one process as `reemud simulate` does: prepare out_dir, open the
 * job (the estimate; problems into p), run every realization, write, then
 * report(job, res) if not NULL (the command's summary line).  log may be
 * NULL. */
rm_status rm_stage_simulate(const char *project, const char *out_dir, int force,
                            const rm_simulate_overrides *ov, int argc, char **argv,
                            const rm_logger *log,
                            void (*report)(const rm_simulate_job *job,
                                           const rm_simulate_result *res),
                            rm_problems *p, rm_error *err);

/* A supply run for the caller's summary (rm_stage_supply_free). */
typedef struct rm_stage_supply {
    rm_snetwork net;
    rm_supply_run_config *cfg;
    rm_supply_result res;
    rm_supply_econ_row *econ_rows; /* n_econ rows, with an oxide output */
    size_t n_econ;
    double t_start;                /* rm_now_s() at the start */
} rm_stage_supply;

/* Run the supply network as `reemud supply` does: the project's [supply] and
 * chain sections (unknown keys are errors), then scenarios ("a,b,c"), years
 * ("FROM:TO") and oxide (an oxide_output.csv) when not NULL, named in errors
 * as scenario_flag / years_flag; draws, seed (>= 0) and threads (> 0)
 * instead of the project's; outputs claimed (force: overwrite), run, tables,
 * figures, economics with an oxide output, run.json (argc/argv).  *s is
 * filled (free with rm_stage_supply_free whatever the status).  log may be
 * NULL. */
rm_status rm_stage_supply_run(const char *project, const char *out_dir, const char *oxide,
                              const char *scenarios, const char *scenario_flag,
                              const char *years, const char *years_flag, int force,
                              long draws, long long seed, long threads, int argc, char **argv,
                              const rm_logger *log, rm_stage_supply *s, rm_error *err);
void rm_stage_supply_free(rm_stage_supply *s);

#endif
