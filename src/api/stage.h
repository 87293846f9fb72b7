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

#endif
