/* fuzz_cli.c — libFuzzer harness for MODEL and grid strings inside whole
 * commands: the bytes become the free-text flags of `reemud krige` or
 * `reemud vario`, which then run to the end on a small fixed data set
 * (written once to a temporary folder), exactly as from the command line.
 *
 * Input: first byte even → krige, odd → vario.  The rest is split at
 * newlines: krige --model LINE1 --grid LINE2 [--block LINE3];
 * vario --fit LINE1 [--direction LINE2].
 * Grids of more than 20,000 targets are skipped (they are only slow) unless
 * their size overflows 64 bits, which the command must refuse.  When krige
 * succeeds, its output must hold one row per grid node (a grid whose node
 * count wrapped around once gave an empty file and exit 0): abort otherwise.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static char dir[4096];
static char data_path[4200], out_path[4200];

/* Remove the temporary folder at exit (libFuzzer's time limit ends the
 * process without atexit: scripts/run-fuzzers gives it a TMPDIR it removes). */
static void cleanup(void)
{
    unlink(data_path);
    unlink(out_path);
    rmdir(dir);
}

/* Write the fixed data set once: 40 points with a value v and a hole id. */
static int setup(void)
{
    if (dir[0])
        return 0;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/reemud-fuzz-cli.XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    atexit(cleanup);
    snprintf(data_path, sizeof data_path, "%s/data.csv", dir);
    snprintf(out_path, sizeof out_path, "%s/out.csv", dir);
    FILE *fp = fopen(data_path, "w");
    if (!fp)
        return -1;
    fprintf(fp, "x,y,z,v,hole\n");
    for (int i = 0; i < 40; i++)
        fprintf(fp, "%d,%d,%g,%g,%d\n", (i % 8) * 50 + (i * 37) % 11, (i / 8) * 60 + (i * 17) % 7,
                0.5 * (i % 3), 10.0 + 3.0 * sin(0.7 * i) + 0.1 * i, i / 4);
    return fclose(fp) ? -1 : 0;
}

/* Number of targets of a grid string as krige reads it (X0:DX:NX,...),
 * or 0 when it does not look like a grid. */
static double grid_targets(const char *g)
{
    double total = 1;
    int axes = 0;
    const char *p = g;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *last = NULL;
        for (size_t i = 0; i < len; i++)
            if (p[i] == ':')
                last = p + i + 1;
        if (last)
            total *= fabs(strtod(last, NULL));
        axes++;
        if (!end)
            break;
        p = end + 1;
    }
    return axes ? total : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096 || setup())
        return 0;
    char *text = malloc(size);
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    char *line[3] = {text, NULL, NULL};
    for (int k = 1; k < 3; k++) {
        char *nl = line[k - 1] ? strchr(line[k - 1], '\n') : NULL;
        if (nl) {
            *nl = '\0';
            line[k] = nl + 1;
        }
    }
    /* A grid of 3 axes is read with 3 coordinates. */
    int three = line[1] && strchr(line[1], ',') && strchr(strchr(line[1], ',') + 1, ',');
    char *argv[32];
    int argc = 0;
    rm_cli cli = {.log = {RM_LOG_ERROR, stderr}};
    int krige = !(data[0] & 1);
    if (krige) {
        const char *grid = line[1] ? line[1] : "0:50:4,0:50:4";
        double nt = grid_targets(grid);
        if (nt > 20000 && nt < 1.8e19) {
            free(text);
            return 0;
        }
        char *fixed[] = {"krige", "--data", data_path, "--coords", three ? "x,y,z" : "x,y",
                         "--value", "v",
                         "--nmax", "8", "--force", "--out", out_path, "--model", line[0],
                         "--grid", (char *)grid};
        for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
            argv[argc++] = fixed[i];
        if (line[2]) {
            argv[argc++] = "--block";
            argv[argc++] = line[2];
        }
    } else {
        char *fixed[] = {"vario", "--data", data_path, "--coords", "x,y", "--value", "v",
                         "--force", "--out", out_path, "--fit", line[0]};
        for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
            argv[argc++] = fixed[i];
        if (line[1]) {
            argv[argc++] = "--direction";
            argv[argc++] = line[1];
        }
    }
    /* The commands edit their arguments in place (strtok), as they may with
     * a real argv: give them writable copies. */
    for (int i = 0; i < argc; i++)
        if (!(argv[i] = strdup(argv[i]))) {
            while (i--)
                free(argv[i]);
            free(text);
            return 0;
        }
    argv[argc] = NULL;
    cli.argc_all = argc;
    cli.argv_all = argv;
    unlink(out_path);
    if (krige) {
        double nt = grid_targets(line[1] ? line[1] : "0:50:4,0:50:4");
        if (rm_cmd_krige(&cli, argc, argv) == RM_EXIT_OK) {
            FILE *fp = fopen(out_path, "r");
            long rows = -1; /* the header is not a node */
            int ch, last = '\n';
            while (fp && (ch = fgetc(fp)) != EOF) {
                rows += ch == '\n';
                last = ch;
            }
            rows += last != '\n';
            if (fp)
                fclose(fp);
            if (!fp || (double)rows != nt)
                abort(); /* krige exited 0 without one row per grid node */
        }
    } else {
        rm_cmd_vario(&cli, argc, argv);
    }
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    free(text);
    return 0;
}
