/* cmd_krige.c — `reemud krige`: ordinary, simple or universal kriging (or
 * kriging with an external drift) of one or more
 * value columns of a CSV file at target points, on a grid or over blocks,
 * or cross-validation of the set-up.  Flags only; the science is in
 * src/geostat/krige.c (krige.h).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "krige_sim.h"
#include "reemud/krige.h"
#include "reemud/search.h"
#include "reemud/table.h"
#include "reemud/variogram.h"

const char rm_cmd_krige_summary[] =
    "ordinary/simple/universal point or block kriging, external drift, cross-validation";

#define CMD "krige"
#define MAX_VARS 64

static void usage(FILE *out)
{
    fprintf(out,
            "usage: reemud krige --data F.csv --coords x,y[,z] --value COL[,COL...]\n"
            "                    --model \"MODEL\" (--targets T.csv | --grid X0:DX:NX,Y0:DY:NY[,Z0:DZ:NZ])\n"
            "                    [options] --out F.csv\n"
            "       reemud krige ... (--xval loo | --xval hole --hole COL) --out F.csv\n"
            "       reemud krige ... --grid ... --sim N [--seed S] [--nscore] --out F.csv\n\n"
            "Krige the value columns (one variogram, one solve per target for all of\n"
            "them) at the targets and write one row per target, in target order:\n"
            "the coordinate columns, then COL_est, COL_var per value column, then n,\n"
            "mean_dist, lagrange, slope, ke.  Targets with fewer than nmin neighbours\n"
            "get empty cells and are counted on stderr.\n\n"
            "options:\n"
            "  --data F.csv        samples (any CSV with the named columns)\n"
            "  --coords x,y[,z]    coordinate column names (2-D or 3-D; z up)\n"
            "  --value COL[,...]   value columns\n"
            "  --model \"MODEL\"     variogram, e.g. \"0.05 Nug + 0.59 Sph(897)\" or\n"
            "                      \"0.1 Nug + 0.5 Sph(300, 150, 20; 30, 0, 0)\"\n"
            "  --targets T.csv     target points (columns named as --coords)\n"
            "  --grid X0:DX:NX,... a regular grid: first node X0, spacing DX, NX nodes\n"
            "                      per axis; rows with x fastest, then y, then z\n"
            "  --nmax N            nearest samples used (default: all)\n"
            "  --nmin N            fewer neighbours leave the target empty (default 1)\n"
            "  --maxdist D         search radius, in metres along the major axis of the\n"
            "                      model's anisotropy (default: none)\n"
            "  --search aniso|euclidean  neighbours nearest in the model's anisotropic\n"
            "                      metric (default, as GSLIB) or by Euclidean distance\n"
            "                      (as gstat; --maxdist then in metres)\n"
            "  --octant N          at most N neighbours per octant (default: no limit)\n"
            "  --hole-max N        at most N neighbours per hole (needs --hole)\n"
            "  --sk MEAN[,...]     simple kriging with known mean(s) (default: ordinary)\n"
            "  --trend linear|quadratic  universal kriging with a drift in the coordinates\n"
            "                      (as gstat's z ~ x + y, or with x^2, y^2, x*y added)\n"
            "  --drift COL[,...]   kriging with an external drift: columns present in\n"
            "                      both --data and --targets (as gstat's z ~ COL)\n"
            "  --block DX,DY[,DZ]  block kriging over blocks of this size centred on\n"
            "                      the targets (default: point kriging)\n"
            "  --discr N           regular N points per block axis (default: 4-point\n"
            "                      Gauss-Legendre per axis, as gstat)\n"
            "  --xval loo|hole     cross-validate instead: leave one sample (or one\n"
            "                      hole) out; adds COL_obs, COL_res, COL_z columns and\n"
            "                      prints ME, MSE, MSDR on stderr\n"
            "  --hole COL          hole (core) id column, for --xval hole or --hole-max\n"
            "  --sim N             sequential Gaussian simulation instead (as gstat's\n"
            "                      krige(..., nsim = N)): N realizations on the --grid,\n"
            "                      columns COL_sim1 ... COL_simN; values are normal\n"
            "                      scores, simple kriging with mean --sk (default 0);\n"
            "                      --nmax default 24, at most 128\n"
            "  --seed S            seed of the realizations' streams (default 0)\n"
            "  --nscore            transform the values to normal scores first and\n"
            "                      back-transform the realizations\n"
            "  --multigrid L       simulate L coarse sub-grid levels first (default 0)\n"
            "  --threads N         OpenMP threads (default: all)\n"
            "  --out F.csv         output table (written atomically)\n"
            "  --force             overwrite an existing --out file\n\n"
            "Conventions and equations: docs/geostatistics.md.\n");
}

/* Split a comma-separated list of names in place. */
static int split_names(char *text, char **names, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(text, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ')
            tok++;
        if (n == max)
            return -1;
        names[n++] = tok;
    }
    return n;
}

/* Parse "A,B[,C]" into 2 or 3 numbers (>= 0); returns the count or -1. */
static int parse_numbers(const char *flag, const char *text, double *out, int min_n, int max_n,
                         double lo)
{
    char buf[256];
    if (snprintf(buf, sizeof buf, "%s", text) >= (int)sizeof buf)
        return rm_cli_usage_error(CMD, "%s: value too long", flag), -1;
    int k = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (k == max_n)
            return rm_cli_usage_error(CMD, "%s: at most %d numbers in '%s'", flag, max_n, text),
                   -1;
        if (rm_cli_parse_double(CMD, flag, tok, lo, 1e15, &out[k++]))
            return -1;
    }
    if (k < min_n)
        return rm_cli_usage_error(CMD, "%s: expected %d to %d numbers in '%s'", flag, min_n,
                                  max_n, text),
               -1;
    return k;
}

/* Parse --grid "X0:DX:NX,Y0:DY:NY[,Z0:DZ:NZ]"; returns the number of axes or -1. */
static int parse_grid(const char *text, double *first, double *step, size_t *count)
{
    char buf[512];
    if (snprintf(buf, sizeof buf, "%s", text) >= (int)sizeof buf)
        return rm_cli_usage_error(CMD, "--grid: value too long"), -1;
    int axes = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (axes == 3)
            return rm_cli_usage_error(CMD, "--grid: at most 3 axes in '%s'", text), -1;
        char *c1 = strchr(tok, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c1 || !c2 || strchr(c2 + 1, ':'))
            return rm_cli_usage_error(CMD, "--grid: axis '%s' is not X0:DX:NX", tok), -1;
        *c1 = *c2 = 0;
        long n;
        if (rm_cli_parse_double(CMD, "--grid", tok, -1e15, 1e15, &first[axes]) ||
            rm_cli_parse_double(CMD, "--grid", c1 + 1, 1e-12, 1e15, &step[axes]) ||
            rm_cli_parse_long(CMD, "--grid", c2 + 1, 1, 100000000L, &n))
            return -1;
        count[axes++] = (size_t)n;
    }
    if (axes < 2)
        return rm_cli_usage_error(CMD, "--grid: expected 2 or 3 axes in '%s'", text), -1;
    return axes;
}

/* Read coordinate columns of t into n x 3 (z = 0 for 2-D). */
static rm_status read_coords(const rm_table *t, char **names, int ndim, double **out,
                             rm_error *err)
{
    double *xyz = calloc(3 * (t->n_rows ? t->n_rows : 1), sizeof *xyz);
    if (!xyz)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    for (int d = 0; d < ndim; d++) {
        const double *v;
        rm_status st = rm_table_numeric(t, names[d], 0, &v, err);
        if (st != RM_OK) {
            free(xyz);
            return st;
        }
        for (size_t r = 0; r < t->n_rows; r++)
            xyz[3 * r + (size_t)d] = v[r];
    }
    *out = xyz;
    return RM_OK;
}

static int file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

int rm_cmd_krige(rm_cli *cli, int argc, char **argv)
{
    enum { O_DATA = 1000, O_COORDS, O_VALUE, O_MODEL, O_TARGETS, O_GRID, O_NMAX, O_NMIN,
           O_MAXDIST, O_OCTANT, O_HOLEMAX, O_SK, O_BLOCK, O_DISCR, O_XVAL, O_HOLE, O_THREADS,
           O_OUT, O_FORCE, O_SIM, O_SEED, O_NSCORE, O_SEARCH, O_MULTIGRID, O_TREND, O_DRIFT };
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"data", required_argument, NULL, O_DATA},
        {"coords", required_argument, NULL, O_COORDS},
        {"value", required_argument, NULL, O_VALUE},
        {"model", required_argument, NULL, O_MODEL},
        {"targets", required_argument, NULL, O_TARGETS},
        {"grid", required_argument, NULL, O_GRID},
        {"nmax", required_argument, NULL, O_NMAX},
        {"nmin", required_argument, NULL, O_NMIN},
        {"maxdist", required_argument, NULL, O_MAXDIST},
        {"octant", required_argument, NULL, O_OCTANT},
        {"search", required_argument, NULL, O_SEARCH},
        {"hole-max", required_argument, NULL, O_HOLEMAX},
        {"sk", required_argument, NULL, O_SK},
        {"block", required_argument, NULL, O_BLOCK},
        {"discr", required_argument, NULL, O_DISCR},
        {"xval", required_argument, NULL, O_XVAL},
        {"hole", required_argument, NULL, O_HOLE},
        {"threads", required_argument, NULL, O_THREADS},
        {"out", required_argument, NULL, O_OUT},
        {"force", no_argument, NULL, O_FORCE},
        {"sim", required_argument, NULL, O_SIM},
        {"seed", required_argument, NULL, O_SEED},
        {"nscore", no_argument, NULL, O_NSCORE},
        {"multigrid", required_argument, NULL, O_MULTIGRID},
        {"trend", required_argument, NULL, O_TREND},
        {"drift", required_argument, NULL, O_DRIFT},
        {NULL, 0, NULL, 0}};
    const char *data_path = NULL, *model_text = NULL, *targets_path = NULL, *grid_text = NULL;
    const char *out_path = NULL, *hole_col = NULL, *xval_text = NULL, *sk_text = NULL;
    char *coords_text = NULL, *value_text = NULL, *drift_text = NULL;
    rm_krige_params p;
    rm_krige_params_default(&p);
    p.nmin = 1;
    int force = 0, have_block = 0, have_nmin = 0;
    long lv;
    size_t nsim = 0;
    long seed = 0;
    int have_seed = 0, nscore = 0, multigrid = 0;
    double dv;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return RM_EXIT_OK;
        case O_DATA: data_path = optarg; break;
        case O_COORDS: coords_text = optarg; break;
        case O_VALUE: value_text = optarg; break;
        case O_MODEL: model_text = optarg; break;
        case O_TARGETS: targets_path = optarg; break;
        case O_GRID: grid_text = optarg; break;
        case O_NMAX:
            if (rm_cli_parse_long(CMD, "--nmax", optarg, 1, 100000, &lv))
                return RM_EXIT_USAGE;
            p.nmax = (size_t)lv;
            break;
        case O_NMIN:
            if (rm_cli_parse_long(CMD, "--nmin", optarg, 1, 100000, &lv))
                return RM_EXIT_USAGE;
            p.nmin = (size_t)lv;
            have_nmin = 1;
            break;
        case O_MAXDIST:
            if (rm_cli_parse_double(CMD, "--maxdist", optarg, 1e-300, 1e300, &dv))
                return RM_EXIT_USAGE;
            p.maxdist = dv;
            break;
        case O_OCTANT:
            if (rm_cli_parse_long(CMD, "--octant", optarg, 1, 100000, &lv))
                return RM_EXIT_USAGE;
            p.octant_max = (int)lv;
            break;
        case O_HOLEMAX:
            if (rm_cli_parse_long(CMD, "--hole-max", optarg, 1, 100000, &lv))
                return RM_EXIT_USAGE;
            p.hole_max = (int)lv;
            break;
        case O_SK: sk_text = optarg; break;
        case O_TREND:
            if (!strcmp(optarg, "linear"))
                p.trend = 1;
            else if (!strcmp(optarg, "quadratic"))
                p.trend = 2;
            else
                return rm_cli_usage_error(CMD, "--trend: expected linear or quadratic, not '%s'",
                                          optarg);
            break;
        case O_DRIFT: drift_text = optarg; break;
        case O_SEARCH:
            if (!strcmp(optarg, "euclidean"))
                p.search_euclidean = 1;
            else if (strcmp(optarg, "aniso"))
                return rm_cli_usage_error(CMD, "--search: expected aniso or euclidean, not '%s'",
                                          optarg);
            break;
        case O_BLOCK:
            if (parse_numbers("--block", optarg, p.block, 2, 3, 1e-300) < 0)
                return RM_EXIT_USAGE;
            have_block = 1;
            break;
        case O_DISCR:
            if (rm_cli_parse_long(CMD, "--discr", optarg, 1, 64, &lv))
                return RM_EXIT_USAGE;
            p.discr = (int)lv;
            break;
        case O_XVAL: xval_text = optarg; break;
        case O_HOLE: hole_col = optarg; break;
        case O_THREADS:
            if (rm_cli_parse_threads(CMD, optarg, &lv))
                return RM_EXIT_USAGE;
            p.threads = (int)lv;
            break;
        case O_OUT: out_path = optarg; break;
        case O_FORCE: force = 1; break;
        case O_SIM:
            if (rm_cli_parse_long(CMD, "--sim", optarg, 1, 100000, &lv))
                return RM_EXIT_USAGE;
            nsim = (size_t)lv;
            break;
        case O_SEED:
            if (rm_cli_parse_long(CMD, "--seed", optarg, 0, 2147483647L, &seed))
                return RM_EXIT_USAGE;
            have_seed = 1;
            break;
        case O_NSCORE: nscore = 1; break;
        case O_MULTIGRID:
            if (rm_cli_parse_long(CMD, "--multigrid", optarg, 0, 8, &lv))
                return RM_EXIT_USAGE;
            multigrid = (int)lv;
            break;
        default:
            return rm_cli_usage_error(CMD, "unknown option");
        }
    }
    if (optind < argc)
        return rm_cli_usage_error(CMD, "unexpected argument '%s'", argv[optind]);
    if (!data_path || !coords_text || !value_text || !model_text || !out_path)
        return rm_cli_usage_error(CMD, "--data, --coords, --value, --model and --out are "
                                       "required");
    int xval = xval_text != NULL;
    rm_xval_kind xkind = RM_XVAL_LOO;
    if (xval) {
        if (!strcmp(xval_text, "hole"))
            xkind = RM_XVAL_HOLE;
        else if (strcmp(xval_text, "loo"))
            return rm_cli_usage_error(CMD, "--xval: expected loo or hole, not '%s'", xval_text);
        if (xkind == RM_XVAL_HOLE && !hole_col)
            return rm_cli_usage_error(CMD, "--xval hole needs --hole COL");
        if (targets_path || grid_text)
            return rm_cli_usage_error(CMD, "--xval estimates the samples: drop --targets/--grid");
    } else if ((targets_path != NULL) == (grid_text != NULL)) {
        return rm_cli_usage_error(CMD, "give exactly one of --targets and --grid");
    }
    if (p.hole_max > 0 && !hole_col)
        return rm_cli_usage_error(CMD, "--hole-max needs --hole COL");
    if (hole_col && p.hole_max == 0 && !(xval && xkind == RM_XVAL_HOLE))
        return rm_cli_usage_error(CMD, "--hole is for --xval hole or --hole-max");
    if (p.discr > 0 && !have_block)
        return rm_cli_usage_error(CMD, "--discr needs --block");
    if (p.nmax > 0 && p.nmin > p.nmax)
        return rm_cli_usage_error(CMD, "--nmin %zu exceeds --nmax %zu", p.nmin, p.nmax);
    char *coord_names[4], *var_names[MAX_VARS];
    int ndim = split_names(coords_text, coord_names, 3);
    if (ndim < 2)
        return rm_cli_usage_error(CMD, "--coords: expected 2 or 3 column names");
    int nvar = split_names(value_text, var_names, MAX_VARS);
    if (nvar < 1)
        return rm_cli_usage_error(CMD, "--value: expected 1 to %d column names", MAX_VARS);
    char *drift_names[RM_KRIGE_MAX_DRIFT];
    int n_drift = 0;
    if (drift_text) {
        n_drift = split_names(drift_text, drift_names, RM_KRIGE_MAX_DRIFT);
        if (n_drift < 1)
            return rm_cli_usage_error(CMD, "--drift: expected 1 to %d column names",
                                      RM_KRIGE_MAX_DRIFT);
        if (grid_text)
            return rm_cli_usage_error(CMD, "--drift needs the drift at the targets: give "
                                           "--targets, not --grid");
    }
    p.trend_ndim = ndim;
    if ((p.trend || n_drift) && sk_text)
        return rm_cli_usage_error(CMD, "--trend and --drift estimate the mean: drop --sk");
    double sk_mean[MAX_VARS];
    if (sk_text) {
        double tmp[MAX_VARS];
        char buf[2048];
        snprintf(buf, sizeof buf, "%s", sk_text);
        char *toks[MAX_VARS];
        int nm = split_names(buf, toks, MAX_VARS);
        if (nm != 1 && nm != nvar)
            return rm_cli_usage_error(CMD, "--sk: give one mean or one per value column (%d)",
                                      nvar);
        for (int i = 0; i < nm; i++)
            if (rm_cli_parse_double(CMD, "--sk", toks[i], -1e300, 1e300, &tmp[i]))
                return RM_EXIT_USAGE;
        for (int v = 0; v < nvar; v++)
            sk_mean[v] = tmp[nm == 1 ? 0 : v];
        p.kind = RM_KRIGE_SIMPLE;
    }
    double gfirst[3] = {0, 0, 0}, gstep[3] = {1, 1, 1};
    size_t gcount[3] = {1, 1, 1};
    if (grid_text) {
        int axes = parse_grid(grid_text, gfirst, gstep, gcount);
        if (axes < 0)
            return RM_EXIT_USAGE;
        if (axes != ndim)
            return rm_cli_usage_error(CMD, "--grid has %d axes but --coords names %d", axes,
                                      ndim);
        /* The node count indexes arrays of 3 coordinates: a product that
         * wrapped around size_t would give a short or empty grid, exit 0. */
        double nodes = (double)gcount[0] * (double)gcount[1] * (double)gcount[2];
        if (nodes > (double)(SIZE_MAX / (3 * sizeof(double))))
            return rm_cli_usage_error(CMD, "--grid: %.4g nodes is too many", nodes);
    }
    if (have_block && ndim == 2 && p.block[2] > 0)
        return rm_cli_usage_error(CMD, "--block: 2-D data take DX,DY");
    if (!force && file_exists(out_path))
        return rm_cli_usage_error(CMD, "%s exists (use --force to overwrite)", out_path);
    if (nsim > 0 || have_seed || nscore || multigrid) {
        if (nsim == 0)
            return rm_cli_usage_error(CMD, "--seed, --nscore and --multigrid go with --sim N");
        if (!grid_text)
            return rm_cli_usage_error(CMD, "--sim simulates on a --grid");
        if (nvar != 1)
            return rm_cli_usage_error(CMD, "--sim takes one --value column");
        if (xval || have_block || hole_col)
            return rm_cli_usage_error(CMD, "--sim does not combine with --xval, --block or --hole");
        if (p.trend || n_drift)
            return rm_cli_usage_error(CMD, "--sim does not combine with --trend or --drift");
        /* The simulation's search has none of these: refuse rather than ignore. */
        if (have_nmin || p.octant_max > 0 || p.search_euclidean)
            return rm_cli_usage_error(CMD, "--sim does not combine with --nmin, --octant or "
                                           "--search");
        if (p.nmax > 128)
            return rm_cli_usage_error(CMD, "--sim: --nmax at most 128");
        rm_krige_sim_args sa = {.data_path = data_path, .model_text = model_text,
                                .out_path = out_path, .coord_names = coord_names,
                                .ndim = ndim, .value_name = var_names[0], .nmax = p.nmax,
                                .maxdist = isfinite(p.maxdist) ? p.maxdist : 0,
                                .sk_mean = sk_text ? sk_mean[0] : 0.0, .nsim = nsim,
                                .seed = seed, .nscore = nscore, .multigrid = multigrid,
                                .threads = p.threads};
        memcpy(sa.first, gfirst, sizeof gfirst);
        memcpy(sa.step, gstep, sizeof gstep);
        memcpy(sa.count, gcount, sizeof gcount);
        return rm_krige_sim(cli, &sa);
    }

    rm_error err;
    rm_error_clear(&err);
    rm_vgm_model model;
    rm_table *data = NULL, *targets = NULL;
    rm_krige *k = NULL;
    double *xyz = NULL, *values = NULL, *txyz = NULL, *est = NULL, *var = NULL;
    double *mean_dist = NULL, *lagrange = NULL, *slope = NULL, *ke = NULL, *observed = NULL;
    double *dext = NULL, *text = NULL;
    long *hole = NULL;
    int *nn = NULL;
    int status = RM_EXIT_FAIL;
    double t0 = rm_now_s();
    rm_afile af = {0};
    int af_open = 0;

    if (rm_vgm_parse(model_text, &model, &err) != RM_OK)
        goto fail;
    if (rm_table_read_csv(data_path, &data, &err) != RM_OK)
        goto fail;
    if (read_coords(data, coord_names, ndim, &xyz, &err) != RM_OK)
        goto fail;
    size_t n = data->n_rows;
    values = malloc((n ? n : 1) * (size_t)nvar * sizeof *values);
    if (!values) {
        rm_error_set(&err, RM_ENOMEM, "out of memory");
        goto fail;
    }
    for (int v = 0; v < nvar; v++) {
        const double *col;
        if (rm_table_numeric(data, var_names[v], 0, &col, &err) != RM_OK)
            goto fail;
        for (size_t r = 0; r < n; r++)
            values[r * (size_t)nvar + (size_t)v] = col[r];
    }
    if (hole_col) {
        hole = malloc((n ? n : 1) * sizeof *hole);
        if (!hole) {
            rm_error_set(&err, RM_ENOMEM, "out of memory");
            goto fail;
        }
        if (rm_table_groups(data, hole_col, hole, NULL, &err) != RM_OK)
            goto fail;
    }
    if (n == 0) {
        rm_error_set(&err, RM_EDATA, "%s: no samples", data_path);
        goto fail;
    }
    if (n_drift) {
        dext = malloc(n * (size_t)n_drift * sizeof *dext);
        if (!dext) {
            rm_error_set(&err, RM_ENOMEM, "out of memory");
            goto fail;
        }
        for (int e = 0; e < n_drift; e++) {
            const double *col;
            if (rm_table_numeric(data, drift_names[e], 0, &col, &err) != RM_OK)
                goto fail;
            for (size_t r = 0; r < n; r++)
                dext[r * (size_t)n_drift + (size_t)e] = col[r];
        }
    }
    if (rm_krige_alloc_ext(&p, &model, xyz, values, n, (size_t)nvar, dext, (size_t)n_drift,
                           sk_text ? sk_mean : NULL, hole, &k, &err) != RM_OK) {
        if (n_drift && err.status == RM_EDATA) {
            char msg[sizeof err.message];
            snprintf(msg, sizeof msg, "%s", err.message);
            rm_error_set(&err, RM_EDATA, "%s: --drift: %s", data_path, msg);
        }
        goto fail;
    }
    if (rm_krige_n_merged(k) > 0)
        rm_log(&cli->log, RM_LOG_WARN,
               "reemud krige: warning: %zu samples shared coordinates with another and were "
               "merged (values averaged)",
               rm_krige_n_merged(k));
    double t_read = rm_now_s() - t0;

    size_t nt;
    if (xval) {
        nt = rm_krige_n_samples(k);
    } else if (targets_path) {
        if (rm_table_read_csv(targets_path, &targets, &err) != RM_OK)
            goto fail;
        if (read_coords(targets, coord_names, ndim, &txyz, &err) != RM_OK)
            goto fail;
        nt = targets->n_rows;
        if (n_drift) {
            text = malloc((nt ? nt : 1) * (size_t)n_drift * sizeof *text);
            if (!text) {
                rm_error_set(&err, RM_ENOMEM, "out of memory");
                goto fail;
            }
            for (int e = 0; e < n_drift; e++) {
                const double *col;
                if (rm_table_numeric(targets, drift_names[e], 0, &col, &err) != RM_OK)
                    goto fail;
                for (size_t r = 0; r < nt; r++)
                    text[r * (size_t)n_drift + (size_t)e] = col[r];
            }
        }
    } else {
        nt = gcount[0] * gcount[1] * gcount[2];
    }
    size_t nt1 = nt ? nt : 1;
    est = malloc(nt1 * (size_t)nvar * sizeof *est);
    var = malloc(nt1 * sizeof *var);
    nn = malloc(nt1 * sizeof *nn);
    mean_dist = malloc(nt1 * sizeof *mean_dist);
    lagrange = malloc(nt1 * sizeof *lagrange);
    slope = malloc(nt1 * sizeof *slope);
    ke = malloc(nt1 * sizeof *ke);
    if (!txyz)
        txyz = malloc(3 * nt1 * sizeof *txyz);
    if (!est || !var || !nn || !mean_dist || !lagrange || !slope || !ke || !txyz) {
        rm_error_set(&err, RM_ENOMEM, "out of memory (%zu targets)", nt);
        goto fail;
    }
    rm_krige_out out = {est, var, nn, mean_dist, lagrange, slope, ke};
    rm_krige_stats st;
    rm_xval_stats xs[MAX_VARS];
    double t1 = rm_now_s();
    if (xval) {
        observed = malloc(nt1 * (size_t)nvar * sizeof *observed);
        if (!observed) {
            rm_error_set(&err, RM_ENOMEM, "out of memory");
            goto fail;
        }
        for (size_t i = 0; i < nt; i++)
            rm_krige_sample(k, i, &txyz[3 * i], &observed[i * (size_t)nvar], NULL);
        if (rm_krige_xval(k, xkind, &out, xs, &st, &err) != RM_OK)
            goto fail;
    } else if (targets_path) {
        if (rm_krige_targets_ext(k, txyz, text, nt, &out, &st, &err) != RM_OK)
            goto fail;
    } else {
        if (rm_krige_grid(k, gfirst, gstep, gcount, &out, &st, &err) != RM_OK)
            goto fail;
        for (size_t t = 0; t < nt; t++) {
            size_t i = t % gcount[0], r = t / gcount[0];
            txyz[3 * t] = gfirst[0] + (double)i * gstep[0];
            txyz[3 * t + 1] = gfirst[1] + (double)(r % gcount[1]) * gstep[1];
            txyz[3 * t + 2] = gfirst[2] + (double)(r / gcount[1]) * gstep[2];
        }
    }
    double t_krige = rm_now_s() - t1;
    if (st.n_empty)
        rm_log(&cli->log, RM_LOG_WARN,
               "reemud krige: warning: %zu of %zu targets had fewer than %zu neighbours and "
               "are empty",
               st.n_empty, nt, p.nmin);
    if (st.n_singular)
        rm_log(&cli->log, RM_LOG_WARN,
               "reemud krige: warning: %zu targets have a singular kriging system and are "
               "empty; the first at (%.10g, %.10g, %.10g)",
               st.n_singular, st.first_singular[0], st.first_singular[1],
               st.first_singular[2]);
    /* Nothing validated (every datum lacked nmin neighbours once left
     * out): statistics of no residual are not numbers; an error, no file. */
    for (int v = 0; xval && v < nvar; v++)
        if (xs[v].n == 0 || !isfinite(xs[v].mean_error) || !isfinite(xs[v].mse) ||
            !isfinite(xs[v].msdr)) {
            rm_error_set(&err, RM_EDATA,
                         "cross-validation of %s: %zu of %zu data could be estimated from the "
                         "others (each left-out datum needs at least nmin = %zu neighbours); "
                         "its statistics are not defined",
                         var_names[v], xs[v].n, nt, p.nmin ? p.nmin : (size_t)1);
            goto fail;
        }
    if (xval)
        for (int v = 0; v < nvar; v++)
            rm_log(&cli->log, RM_LOG_INFO,
                   "reemud krige: cross-validation (%s) %s: n %zu  ME %.6g  MSE %.6g  MSDR %.6g",
                   xkind == RM_XVAL_HOLE ? "leave one hole out" : "leave one out", var_names[v],
                   xs[v].n, xs[v].mean_error, xs[v].mse, xs[v].msdr);

    double t2 = rm_now_s();
    if (rm_afile_open(&af, out_path, &err) != RM_OK)
        goto fail;
    af_open = 1;
    if (rm_krige_write_csv(af.fp, (const char *const *)coord_names, ndim, txyz,
                           (const char *const *)var_names, (size_t)nvar, &out, observed, nt,
                           p.threads, &err) != RM_OK)
        goto fail;
    af_open = 0;
    if (rm_afile_commit(&af, &err) != RM_OK)
        goto fail;
    rm_log(&cli->log, RM_LOG_DEBUG,
           "reemud krige: %zu samples, %zu targets: read %.3f s, krige %.3f s (%zu "
           "factorisations reused), write %.3f s",
           rm_krige_n_samples(k), nt, t_read, t_krige, st.n_reused, rm_now_s() - t2);
    status = RM_EXIT_OK;
    goto done;
fail:
    if (af_open)
        rm_afile_abort(&af);
    status = rm_cli_fail(cli, &err);
done:
    rm_krige_free(k);
    rm_table_free(data);
    rm_table_free(targets);
    free(xyz), free(values), free(txyz), free(est), free(var), free(nn), free(mean_dist);
    free(lagrange), free(slope), free(ke), free(observed), free(hole), free(dext), free(text);
    return status;
}
