/* cmd_vario.c — `reemud vario`: experimental variogram of one column of a
 * CSV file (omnidirectional, directional or downhole), optionally fitted
 * with a MODEL.  Argument handling only; the science is in
 * src/geostat/variogram_*.c.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "reemud/table.h"
#include "reemud/variogram.h"

const char rm_cmd_vario_summary[] = "experimental variogram of a CSV column, optionally fitted";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: reemud vario --data F.csv --coords x,y[,z] --value COL [--log]\n"
            "                    [--cutoff C] [--width W] [--direction AZ[,DIP[,TOL]]]\n"
            "                    [--bandwidth B] [--hole COL] [--fit \"MODEL\"]\n"
            "                    [--fix WHAT[,WHAT...]] [--threads N] [--force] --out F.csv\n\n"
            "Experimental semivariogram of column COL (gstat's conventions):\n"
            "  --cutoff C        largest lag (default: bounding-box diagonal / 3)\n"
            "  --width W         lag width (default: cutoff / 15); bins are right-closed\n"
            "  --direction ...   azimuth (degrees clockwise from north), dip (positive\n"
            "                    towards +z, default 0) and angular tolerance (default 22.5)\n"
            "  --bandwidth B     with --direction: largest distance from the direction line\n"
            "  --hole COL        downhole variogram: pairs within one hole only, lag along\n"
            "                    the third coordinate (default cutoff: its extent / 3)\n"
            "  --log             use log(COL) (values must be > 0)\n"
            "  --fit \"MODEL\"     fit MODEL's sills and ranges by weighted least squares\n"
            "                    (weights N/h^2, gstat's default); e.g. \"1 Nug + 1 Sph(900)\"\n"
            "  --fix WHAT        keep fixed: range, sill, nugget, or N:range / N:sill for\n"
            "                    structure N (1-based)\n"
            "  --threads N       OpenMP threads (results are identical for any N)\n"
            "  --force           overwrite --out if it exists\n\n"
            "Rows with an empty or NA value are skipped (counted on stderr).\n"
            "Output CSV: np,dist,gamma per non-empty bin (+ azimuth,dip with --direction;\n"
            "+ gamma_model with --fit: the model at the bin's mean distance, along\n"
            "--direction if given, else along its major range).  The fit itself matches\n"
            "the major-range curve.  With --fit the fitted model is printed on stdout\n"
            "in the MODEL grammar, ready for `reemud krige --model`.\n"
            "MODEL: \"0.05 Nug + 0.59 Sph(897)\", \"0.1 Nug + 0.5 Sph(300, 150, 20; 30, 0, 0)\"\n"
            "(ranges major, minor, vertical; angles azimuth, dip, rake).  docs/geostatistics.md\n");
}

/* Split "a,b,c" into at most max pieces (in place).  Returns the count, or
 * -1 if there are more than max or a piece is empty. */
static int split(char *s, char **parts, int max)
{
    int n = 0;
    for (char *p = s;; p++) {
        char *comma = strchr(p, ',');
        if (n == max)
            return -1;
        parts[n++] = p;
        if (!comma)
            break;
        *comma = '\0';
        p = comma;
    }
    for (int i = 0; i < n; i++)
        if (!parts[i][0])
            return -1;
    return n;
}

static double round_sig(double v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.7g", v);
    return strtod(buf, NULL);
}

/* Apply a --fix list to the flags of model m. */
static int parse_fix(char *text, const rm_vgm_model *m, int *fix)
{
    char *parts[2 * RM_VGM_MAX_STRUCT + 3];
    int n = split(text, parts, (int)(sizeof parts / sizeof parts[0]));
    if (n < 0)
        return rm_cli_usage_error("vario", "--fix: expected a comma-separated list");
    for (int k = 0; k < n; k++) {
        const char *w = parts[k];
        int flag;
        int first = 0, last = m->n - 1, nugget_only = 0;
        char *colon = strchr(parts[k], ':');
        if (colon) {
            *colon = '\0';
            long idx;
            if (rm_cli_parse_long("vario", "--fix", parts[k], 1, m->n, &idx))
                return RM_EXIT_USAGE;
            first = last = (int)idx - 1;
            w = colon + 1;
        }
        if (!strcmp(w, "range"))
            flag = RM_VGM_FIX_RANGE;
        else if (!strcmp(w, "sill"))
            flag = RM_VGM_FIX_SILL;
        else if (!strcmp(w, "nugget") && !colon) {
            flag = RM_VGM_FIX_SILL;
            nugget_only = 1;
        } else
            return rm_cli_usage_error("vario", "--fix: '%s' is not range, sill, nugget, "
                                      "N:range or N:sill", w);
        for (int i = first; i <= last; i++)
            if (!nugget_only || !m->s[i].type->has_range)
                fix[i] |= flag;
    }
    return 0;
}

int rm_cmd_vario(rm_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},      {"data", required_argument, NULL, 'd'},
        {"coords", required_argument, NULL, 'c'}, {"value", required_argument, NULL, 'V'},
        {"log", no_argument, NULL, 'L'},       {"cutoff", required_argument, NULL, 'C'},
        {"width", required_argument, NULL, 'W'}, {"direction", required_argument, NULL, 'D'},
        {"bandwidth", required_argument, NULL, 'B'}, {"hole", required_argument, NULL, 'H'},
        {"fit", required_argument, NULL, 'F'},  {"fix", required_argument, NULL, 'X'},
        {"threads", required_argument, NULL, 'T'}, {"force", no_argument, NULL, 'f'},
        {"out", required_argument, NULL, 'o'},  {0, 0, 0, 0}};
    const char *data = NULL, *value = NULL, *hole_col = NULL, *fit_text = NULL, *out = NULL;
    char *coords = NULL, *direction = NULL, *fix_text = NULL;
    int use_log = 0, force = 0;
    rm_vario_params p;
    rm_vario_params_default(&p);
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        double d;
        long l;
        switch (c) {
        case 'h': usage(stdout); return RM_EXIT_OK;
        case 'd': data = optarg; break;
        case 'c': coords = optarg; break;
        case 'V': value = optarg; break;
        case 'L': use_log = 1; break;
        case 'C':
            if (rm_cli_parse_double("vario", "--cutoff", optarg, 1e-300, 1e300, &d))
                return RM_EXIT_USAGE;
            p.cutoff = d;
            break;
        case 'W':
            if (rm_cli_parse_double("vario", "--width", optarg, 1e-300, 1e300, &d))
                return RM_EXIT_USAGE;
            p.width = d;
            break;
        case 'D': direction = optarg; break;
        case 'B':
            if (rm_cli_parse_double("vario", "--bandwidth", optarg, 1e-300, 1e300, &d))
                return RM_EXIT_USAGE;
            p.bandwidth = d;
            break;
        case 'H': hole_col = optarg; break;
        case 'F': fit_text = optarg; break;
        case 'X': fix_text = optarg; break;
        case 'T':
            if (rm_cli_parse_threads("vario", optarg, &l))
                return RM_EXIT_USAGE;
            p.threads = (int)l;
            break;
        case 'f': force = 1; break;
        case 'o': out = optarg; break;
        case ':':
            return rm_cli_usage_error("vario", "option '%s' needs a value", argv[optind - 1]);
        default:
            return rm_cli_usage_error("vario", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return rm_cli_usage_error("vario", "unexpected argument '%s'", argv[optind]);
    if (!data || !coords || !value || !out)
        return rm_cli_usage_error("vario", "--data, --coords, --value and --out are required");
    char *cnames[3];
    int ncoord = split(coords, cnames, 3);
    if (ncoord < 2)
        return rm_cli_usage_error("vario", "--coords: expected x,y or x,y,z column names");
    if (direction) {
        char *parts[3];
        int n = split(direction, parts, 3);
        double v[3] = {0, 0, 22.5};
        if (n < 1)
            return rm_cli_usage_error("vario", "--direction: expected AZ[,DIP[,TOL]]");
        static const char *names[3] = {"--direction azimuth", "--direction dip",
                                       "--direction tolerance"};
        static const double lo[3] = {-360, -90, 1e-9}, hi[3] = {360, 90, 90};
        for (int k = 0; k < n; k++)
            if (rm_cli_parse_double("vario", names[k], parts[k], lo[k], hi[k], &v[k]))
                return RM_EXIT_USAGE;
        p.kind = RM_VARIO_DIRECTIONAL;
        p.azimuth_deg = v[0];
        p.dip_deg = v[1];
        p.tol_deg = v[2];
    }
    if (p.bandwidth > 0 && !direction)
        return rm_cli_usage_error("vario", "--bandwidth needs --direction");
    if (hole_col) {
        if (direction)
            return rm_cli_usage_error("vario", "--hole and --direction exclude each other");
        if (ncoord != 3)
            return rm_cli_usage_error("vario", "--hole needs three --coords (x,y,z)");
        p.kind = RM_VARIO_DOWNHOLE;
    }
    if (fix_text && !fit_text)
        return rm_cli_usage_error("vario", "--fix needs --fit");
    rm_vgm_model model;
    int fix[RM_VGM_MAX_STRUCT] = {0};
    rm_error err;
    rm_error_clear(&err);
    if (fit_text) {
        if (rm_vgm_parse(fit_text, &model, &err)) {
            fprintf(stderr, "reemud vario: --fit: %s\n", err.message);
            return RM_EXIT_USAGE;
        }
        if (fix_text) {
            int st = parse_fix(fix_text, &model, fix);
            if (st)
                return st;
        }
    }
    if (!force && access(out, F_OK) == 0) {
        rm_error_set(&err, RM_EEXIST, "%s exists (use --force to overwrite)", out);
        return rm_cli_fail(cli, &err);
    }

    rm_table *t = NULL;
    if (rm_table_read_csv(data, &t, &err))
        return rm_cli_fail(cli, &err);
    const double *col[3] = {NULL, NULL, NULL}, *val;
    for (int k = 0; k < ncoord; k++)
        if (rm_table_numeric(t, cnames[k], 0, &col[k], &err))
            goto fail;
    if (rm_table_numeric(t, value, 1, &val, &err))
        goto fail;
    long *hole_all = NULL;
    size_t n_all = t->n_rows, n = 0;
    double *x = malloc((n_all + 1) * sizeof *x), *y = malloc((n_all + 1) * sizeof *y);
    double *z = ncoord == 3 ? malloc((n_all + 1) * sizeof *z) : NULL;
    double *v = malloc((n_all + 1) * sizeof *v);
    long *hole = hole_col ? malloc((n_all + 1) * sizeof *hole) : NULL;
    if (hole_col)
        hole_all = malloc((n_all + 1) * sizeof *hole_all);
    rm_vario *vg = NULL;
    if (!x || !y || !v || (ncoord == 3 && !z) || (hole_col && (!hole || !hole_all))) {
        rm_error_set(&err, RM_ENOMEM, "out of memory");
        goto fail_arrays;
    }
    if (hole_col && rm_table_groups(t, hole_col, hole_all, NULL, &err))
        goto fail_arrays;
    long vcol = rm_table_find(t, value);
    for (size_t i = 0; i < n_all; i++) {
        if (isnan(val[i]))
            continue;
        double w = val[i];
        if (use_log) {
            if (!(w > 0)) {
                rm_error_input(&err, data, t->line[i], t->names[vcol],
                               "%g: --log needs values > 0", w);
                goto fail_arrays;
            }
            w = log(w);
        }
        x[n] = col[0][i];
        y[n] = col[1][i];
        if (z)
            z[n] = col[2][i];
        if (hole)
            hole[n] = hole_all[i];
        v[n++] = w;
    }
    if (n < n_all)
        rm_log(&cli->log, RM_LOG_INFO, "%zu of %zu rows have no %s value: skipped", n_all - n,
               n_all, t->names[vcol]);
    double t0 = rm_now_s();
    if (rm_vario_compute(x, y, z, v, hole, n, &p, &vg, &err))
        goto fail_arrays;
    rm_log(&cli->log, RM_LOG_DEBUG, "variogram of %zu data in %.3f s", n, rm_now_s() - t0);
    rm_log(&cli->log, RM_LOG_INFO, "%zu data, cutoff %.6g, width %.6g, %zu bins", n,
           vg->cutoff, vg->width, vg->n_bins);
    /* A fit that fails still leaves the experimental variogram written
     * (without gamma_model), then the command fails with the fit's reason. */
    int fit_failed = 0;
    rm_error fit_err;
    rm_error_clear(&fit_err);
    rm_vgm_fit_info info = {0};
    if (fit_text && rm_vgm_fit(&model, vg, fix, &info, &fit_err)) {
        fit_failed = 1;
        fit_text = NULL;
    }
    if (fit_text) {
        /* Seven significant digits are plenty for a variogram and read well. */
        for (int i = 0; i < model.n; i++) {
            rm_vgm_struct *s = &model.s[i];
            s->sill = round_sig(s->sill);
            for (int k = 0; k < 3; k++)
                s->range[k] = round_sig(s->range[k]);
        }
        char text[1024];
        if (rm_vgm_update(&model, &err) || rm_vgm_format(&model, text, sizeof text, &err))
            goto fail_arrays;
        rm_log(&cli->log, RM_LOG_INFO, "fitted in %d iterations, weighted SSE %.6g",
               info.iterations, info.wss);
        printf("%s\n", text);
    }
    rm_afile af;
    if (rm_afile_open(&af, out, &err))
        goto fail_arrays;
    /* With --direction the model is evaluated along it (azimuth clockwise
     * from north, dip positive up; horizontal in 2-D), else along its
     * major range. */
    const double deg = M_PI / 180.0;
    double u[3] = {sin(p.azimuth_deg * deg), cos(p.azimuth_deg * deg), 0.0};
    if (ncoord == 3)
        for (int c = 0; c < 3; c++)
            u[c] = c < 2 ? u[c] * cos(p.dip_deg * deg) : sin(p.dip_deg * deg);
    fprintf(af.fp, "np,dist,gamma%s%s\n", direction ? ",azimuth,dip" : "",
            fit_text ? ",gamma_model" : "");
    for (size_t k = 0; k < vg->n_bins; k++) {
        if (vg->np[k] == 0)
            continue;
        fprintf(af.fp, "%.0f,%.12g,%.12g", vg->np[k], vg->dist[k], vg->gamma[k]);
        if (direction)
            fprintf(af.fp, ",%.12g,%.12g", p.azimuth_deg, p.dip_deg);
        if (fit_text)
            fprintf(af.fp, ",%.12g",
                    direction ? rm_vgm_gamma(&model, vg->dist[k] * u[0], vg->dist[k] * u[1],
                                             vg->dist[k] * u[2])
                              : rm_vgm_gamma_h(&model, vg->dist[k]));
        fputc('\n', af.fp);
    }
    if (rm_afile_commit(&af, &err)) {
        rm_afile_abort(&af);
        goto fail_arrays;
    }
    if (fit_failed) {
        rm_error_set(&err, fit_err.status, "%s (the experimental variogram is in %s)",
                     fit_err.message, out);
        goto fail_arrays;
    }
    rm_vario_free(vg);
    free(x);
    free(y);
    free(z);
    free(v);
    free(hole);
    free(hole_all);
    rm_table_free(t);
    return RM_EXIT_OK;

fail_arrays:
    rm_vario_free(vg);
    free(x);
    free(y);
    free(z);
    free(v);
    free(hole);
    free(hole_all);
fail:
    rm_table_free(t);
    return rm_cli_fail(cli, &err);
}
