/* main.c — the `reemud` entry point: global flags and dispatch to the
 * subcommand named on the command line.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#ifdef RM_LEAN
#include <limits.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>
#endif

#include "cli.h"

typedef struct command {
    const char *name;
    const char *summary;
    int (*run)(rm_cli *cli, int argc, char **argv);
} command;

static const command commands[] = {
#define RM_COMMAND(name) {#name, rm_cmd_##name##_summary, rm_cmd_##name},
#ifdef RM_LEAN
#include "commands_lean.inc"
#else
#include "commands.inc"
#endif
#undef RM_COMMAND
    {NULL, NULL, NULL}};

#ifdef RM_LEAN
/* The lean `reemud` holds only the commands that need none of GDAL, netCDF
 * and PLplot, so it starts in ~1 ms instead of ~50 ms; every other command,
 * --help and usage errors are run by reemud-full beside it, with the same
 * argv, so outputs and exit codes are those of one executable. */
static int run_full(char **argv)
{
    char path[PATH_MAX] = "reemud-full";
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 16);
    if (n > 0) {
        path[n] = '\0';
        char *slash = strrchr(path, '/');
        strcpy(slash ? slash + 1 : path, "reemud-full");
        execv(path, argv);
    }
    fprintf(stderr, "reemud: error: cannot run %s: %s\n", path, strerror(errno));
    return RM_EXIT_FAIL;
}
#endif

/* A command that does not split its work over MPI ranks (all but simulate,
 * which hands over to reemud-mpi): under mpirun with K > 1 ranks only rank 0
 * runs it, and says so once, instead of K copies writing the same outputs.
 * Returns 1 when this process is to exit without running it. */
static int mpi_extra_rank(const char *name, const rm_logger *log)
{
    int rank, size;
    rm_cli_mpi_world(&rank, &size);
    if (size <= 1 || !strcmp(name, "simulate"))
        return 0;
    if (rank == 0)
        rm_log(log, RM_LOG_WARN,
               "%s does not split its work over MPI ranks: rank 0 of %d runs it alone (only "
               "simulate uses mpirun)", name, size);
    return rank != 0;
}

static void usage(FILE *out)
{
    fprintf(out,
            "reemud %s — deep-sea rare-earth mud, from the core to the market\n\n"
            "usage: reemud [-q|-v] COMMAND [ARGS]\n"
            "       reemud --version | --help | COMMAND --help\n\n"
            "commands:\n",
            rm_version());
    for (size_t i = 0; commands[i].name; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nglobal flags: -q/--quiet (errors only), -v/--verbose (debug)\n");
}

int main(int argc, char **argv)
{
    rm_cli cli = {.log = {RM_LOG_INFO, stderr}, .argc_all = argc, .argv_all = argv};
    /* GSL's default error handler aborts the program; every GSL call here
     * checks its status instead, so an input GSL cannot handle becomes an
     * error message, never a crash. */
    gsl_set_error_handler_off();
    /* Ctrl-C or a kill removes the temporaries of unfinished outputs. */
    rm_signals_install();
    /* A copy of argv for run.json before flags are stripped. */
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args)
        return RM_EXIT_FAIL;
    memcpy(args, argv, (size_t)argc * sizeof *args);
    int n = argc;
    rm_cli_common_flags(&cli, &n, args);

    int status;
#ifdef RM_LEAN
    int here = n >= 2 && (!strcmp(args[1], "--version") || !strcmp(args[1], "version"));
    for (size_t i = 0; n >= 2 && commands[i].name; i++)
        here |= !strcmp(commands[i].name, args[1]);
    if (!here) {
        free(args);
        return run_full(argv);
    }
#endif
    if (n < 2) {
        usage(stderr);
        status = RM_EXIT_USAGE;
    } else if (!strcmp(args[1], "--version") || !strcmp(args[1], "version")) {
        printf("reemud %s\n", rm_version());
        status = RM_EXIT_OK;
    } else if (!strcmp(args[1], "--help") || !strcmp(args[1], "-h") ||
               !strcmp(args[1], "help")) {
        usage(stdout);
        status = RM_EXIT_OK;
    } else {
        const command *cmd = NULL;
        for (size_t i = 0; commands[i].name; i++)
            if (!strcmp(commands[i].name, args[1]))
                cmd = &commands[i];
        if (!cmd) {
            fprintf(stderr, "reemud: unknown command '%s' (see 'reemud --help')\n", args[1]);
            status = RM_EXIT_USAGE;
        } else if (mpi_extra_rank(cmd->name, &cli.log)) {
            status = RM_EXIT_OK;
        } else {
            status = cmd->run(&cli, n - 1, args + 1);
        }
    }
    free(args);
    return status;
}
