/* cli.h — what every `reemud` subcommand shares: the logger built from
 * -q/-v, the original argv for run.json, and small parsing helpers.
 *
 * Subcommands live in cli/cmd_NAME.c and define
 *     const char rm_cmd_NAME_summary[];   one line for `reemud --help`
 *     int rm_cmd_NAME(rm_cli *cli, int argc, char **argv);
 * The build generates the command table from the files present.
 * A subcommand parses its own flags (argv[0] is its name), returns the
 * process exit status, and holds no science.
 */
#ifndef REEMUD_CLI_H
#define REEMUD_CLI_H

#include "reemud/core.h"

typedef struct rm_cli {
    rm_logger log;      /* level from -q / -v */
    int argc_all;       /* the whole command line, for run.json */
    char **argv_all;
} rm_cli;

/* Exit statuses. */
enum { RM_EXIT_OK = 0, RM_EXIT_FAIL = 1, RM_EXIT_USAGE = 2 };

/* Print "reemud: error: MESSAGE" and return RM_EXIT_FAIL. */
int rm_cli_fail(const rm_cli *cli, const rm_error *err);
/* Print a usage error naming the command and return RM_EXIT_USAGE. */
int rm_cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Strict number parsing for flag values: the whole string must be a finite
 * number (or integer) within [min, max]. */
int rm_cli_parse_double(const char *command, const char *flag, const char *text,
                        double min, double max, double *out);
int rm_cli_parse_long(const char *command, const char *flag, const char *text,
                      long min, long max, long *out);
/* --threads N: 1..1024, or 0 = all (as the project files' threads = 0),
 * which becomes the number of processors OpenMP would use.  Like
 * rm_cli_parse_long: nonzero (after a usage message) when text is bad. */
int rm_cli_parse_threads(const char *command, const char *text, long *out);

/* Strip the common -q/-v/--quiet/--verbose flags from argv in place. */
void rm_cli_common_flags(rm_cli *cli, int *argc, char **argv);

/* Under `mpirun -np K` (Open MPI's or Hydra's environment), this process's
 * rank and K; 0 and 1 outside mpirun. */
void rm_cli_mpi_world(int *rank, int *size);

#define RM_COMMAND(name)                                                 \
    extern const char rm_cmd_##name##_summary[];                          \
    int rm_cmd_##name(rm_cli *cli, int argc, char **argv);
#include "commands.inc"
#undef RM_COMMAND

#endif
