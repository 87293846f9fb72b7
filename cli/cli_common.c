/* cli_common.c — what every subcommand (and the MPI driver) shares:
 * failure and usage messages, strict number parsing of flag values, and the
 * -q/-v flags. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "cli.h"

int rm_cli_fail(const rm_cli *cli, const rm_error *err)
{
    fprintf(stderr, "reemud: error: %s\n",
            err && err->message[0] ? err->message : rm_status_string(err ? err->status : RM_EINTERNAL));
    (void)cli;
    return RM_EXIT_FAIL;
}

int rm_cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "reemud %s: ", command);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n(see 'reemud %s --help')\n", command);
    va_end(ap);
    return RM_EXIT_USAGE;
}

int rm_cli_parse_double(const char *command, const char *flag, const char *text,
                        double min, double max, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || errno == ERANGE || !isfinite(v)) {
        rm_cli_usage_error(command, "%s: '%s' is not a number", flag, text);
        return -1;
    }
    if (v < min || v > max) {
        rm_cli_usage_error(command, "%s: %g is outside [%g, %g]", flag, v, min, max);
        return -1;
    }
    *out = v;
    return 0;
}

int rm_cli_parse_long(const char *command, const char *flag, const char *text, long min,
                      long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE) {
        rm_cli_usage_error(command, "%s: '%s' is not an integer", flag, text);
        return -1;
    }
    if (v < min || v > max) {
        rm_cli_usage_error(command, "%s: %ld is outside [%ld, %ld]", flag, v, min, max);
        return -1;
    }
    *out = v;
    return 0;
}

void rm_cli_common_flags(rm_cli *cli, int *argc, char **argv)
{
    int j = 0;
    for (int i = 0; i < *argc; i++) {
        if (i > 0 && (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")))
            cli->log.level = RM_LOG_ERROR;
        else if (i > 0 && (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose")))
            cli->log.level = RM_LOG_DEBUG;
        else
            argv[j++] = argv[i];
    }
    *argc = j;
    argv[j] = NULL;
}

int rm_cli_parse_threads(const char *command, const char *text, long *out)
{
    if (rm_cli_parse_long(command, "--threads", text, 0, 1024, out))
        return 1;
    if (*out == 0) {
#ifdef _OPENMP
        *out = omp_get_max_threads();
#else
        *out = 1;
#endif
    }
    return 0;
}

void rm_cli_mpi_world(int *rank, int *size)
{
    const char *r = getenv("OMPI_COMM_WORLD_RANK"), *k = getenv("OMPI_COMM_WORLD_SIZE");
    if (!r || !k)
        r = getenv("PMI_RANK"), k = getenv("PMI_SIZE");
    *rank = r ? atoi(r) : 0;
    *size = k ? atoi(k) : 1;
}
