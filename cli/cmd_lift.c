/* cmd_lift.c — `reemud lift`: steady riser hydraulics for closed-loop
 * circulation, pump lift and airlift.  Parameters come from the defaults,
 * then the project file's [lift] section, then the flags; the science is in
 * src/lift. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "reemud/config.h"
#include "reemud/lift.h"

const char rm_cmd_lift_summary[] =
    "riser hydraulics: closed loop, pump lift, airlift (power, kWh per dry t)";

static void usage(FILE *out)
{
    fputs(
        "usage: reemud lift [PROJECT.ini] [--system closed-loop|pump|airlift] [options] --out DIR\n"
        "\n"
        "Steady 1-D riser hydraulics.  Writes DIR/summary.json, DIR/profile.csv and\n"
        "DIR/run.json (DIR/sweep.csv in sweep mode).  Values come from the defaults\n"
        "(a 5,700 m Minamitorishima riser, 350 t/day), then [lift] in PROJECT.ini,\n"
        "then these flags.  See docs/lift.md.\n"
        "\n"
        "geometry:\n"
        "  --depth M               riser inlet below the free surface (5700)\n"
        "  --outlet-height M       riser outlet above the free surface (0)\n"
        "  --diameter M            riser bore (0.3)\n"
        "  --roughness M           wall roughness (4.6e-5)\n"
        "  --down-diameter M       closed loop: seawater down-pipe bore (0.25)\n"
        "  --annulus               closed loop: slurry rises in the annulus around the down pipe\n"
        "  --down-outer-diameter M closed loop annulus: down pipe outer diameter (0.1397)\n"
        "  --k-inlet K, --k-collector K   minor loss coefficients (0.5, 2)\n"
        "fluid:\n"
        "  --fluid slurry|seawater|water  (slurry)\n"
        "  --rate-dry-tph T        dry solids, t/h (14.58 = 350 t/day)\n"
        "  --rate-dry-tpd T        dry solids, t/day\n"
        "  --liquid-kg-s X         liquid flow for water / seawater\n"
        "  --slurry-density KG_M3  delivered slurry density (1150)\n"
        "  --grain-density KG_M3 (2500)  --insitu-dry-density KG_M3 (550)\n"
        "  --seawater-density KG_M3 (1025)  --water-density KG_M3 (998.2)\n"
        "  --bulk-modulus PA (2.3e9)  --viscosity PA_S (1.2e-3)\n"
        "  --rheology power-exp|thomas|newtonian  --yield-a PA (24200) --yield-n N (4.38)\n"
        "  --viscosity-b B (15)    --friction colebrook|haaland|swamee-jain\n"
        "  --coarse-fraction F (0.02) --coarse-diameter M (1e-4) --coarse-density KG_M3 (3000)\n"
        "pumps:\n"
        "  --pump-efficiency E (0.7)  --motor-efficiency E (0.93)\n"
        "  --pump-depths Z1,Z2,... pump lift: pump depths (default one at the inlet)\n"
        "airlift:\n"
        "  --air-kg-s X            air mass flow (0 = find the air for the rate)\n"
        "  --injection-depth M     air injection below the free surface (2000)\n"
        "  --gas-temperature K (288.15)  --compressor-efficiency E (0.7)\n"
        "  --high-void-start A (0.75)  --surface-tension N_M (0.073)\n"
        "other:\n"
        "  --gel-strength PA       restart gel strength (default: the yield stress)\n"
        "  --available-power-w W   fail if the rate needs more shaft power than W\n"
        "  --max-rate-for-power W  solve at the largest dry rate W of shaft power lifts\n"
        "  --sweep-rates LIST      sweep mode: rates (t/h; kg/s for water), LIST = a,b,c\n"
        "                          or FROM:TO:N\n"
        "  --sweep-diameters LIST  sweep mode: diameters (m)\n"
        "  --sweep-injection-depths LIST  sweep mode: injection depths (m)\n"
        "  --profile-points N      nodes in profile.csv (201)\n"
        "  --out DIR               output directory (required)\n"
        "  --force                 overwrite existing outputs\n",
        out);
}

enum {
    O_SYSTEM = 1000, O_DEPTH, O_OUTLET, O_DIAM, O_ROUGH, O_DDIAM, O_ANNULUS, O_DOUTER, O_KIN,
    O_KCOL, O_FLUID, O_RATE, O_RATED, O_LIQ, O_SLURRY, O_GRAIN, O_INSITU, O_SW, O_WATER, O_BULK,
    O_VISC, O_RHEO, O_YA, O_YN, O_VB, O_FRIC, O_CF, O_CD, O_CRHO, O_PEFF, O_MEFF, O_PDEPTHS,
    O_AIR, O_INJ, O_GT, O_CEFF, O_HV, O_SIGMA, O_GEL, O_AVAIL, O_MAXP, O_SRATES, O_SDIAM,
    O_SINJ, O_NPROF, O_OUT, O_FORCE, O_HELP
};

/* Parse "a,b,c" or "FROM:TO:N" into a new array. */
static int parse_list(const char *flag, const char *text, double **vals, size_t *n)
{
    free(*vals);
    *vals = NULL;
    *n = 0;
    double a, b;
    long cnt;
    char tail;
    if (sscanf(text, "%lf:%lf:%ld%c", &a, &b, &cnt, &tail) == 3) {
        if (cnt < 1 || cnt > 10000000 || !isfinite(a) || !isfinite(b)) {
            rm_cli_usage_error("lift", "%s: bad range '%s'", flag, text);
            return -1;
        }
        *vals = malloc((size_t)cnt * sizeof **vals);
        if (!*vals)
            return -1;
        for (long i = 0; i < cnt; i++)
            (*vals)[i] = cnt == 1 ? a : a + (b - a) * (double)i / (double)(cnt - 1);
        *n = (size_t)cnt;
        return 0;
    }
    size_t cap = 1;
    for (const char *c = text; *c; c++)
        cap += *c == ',';
    *vals = malloc(cap * sizeof **vals);
    if (!*vals)
        return -1;
    char *copy = strdup(text);
    if (!copy)
        return -1;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (rm_cli_parse_double("lift", flag, tok, -HUGE_VAL, HUGE_VAL, &(*vals)[*n])) {
            free(copy);
            return -1;
        }
        (*n)++;
    }
    free(copy);
    if (*n == 0) {
        rm_cli_usage_error("lift", "%s: empty list", flag);
        return -1;
    }
    return 0;
}

/* summary.json and profile.csv come from the library's writers
 * (src/lift/lift_write.c), shared with `reemud assess`. */
static rm_status write_summary(const char *dir, const rm_lift_params *p, const rm_lift_result *r,
                               double max_power_w, rm_error *err)
{
    char path[4096];
    rm_status st = rm_path_join(path, sizeof path, dir, "summary.json", err);
    return st ? st : rm_lift_write_summary(path, p, r, max_power_w, err);
}

static rm_status write_profile(const char *dir, const rm_lift_result *r, rm_error *err)
{
    char path[4096];
    rm_status st = rm_path_join(path, sizeof path, dir, "profile.csv", err);
    return st ? st : rm_lift_write_profile(path, r, err);
}

static rm_status write_sweep(const char *dir, const rm_lift_params *p,
                             const rm_lift_sweep_row *rows, size_t n, rm_error *err)
{
    char path[4096];
    rm_status st = rm_path_join(path, sizeof path, dir, "sweep.csv", err);
    if (st)
        return st;
    rm_afile af;
    if ((st = rm_afile_open(&af, path, err)))
        return st;
    int liquid = p->fluid != RM_LIFT_FLUID_SLURRY;
    fprintf(af.fp, "%s,diameter_m,injection_depth_m,status,air_kg_s,liquid_mass_flow_kg_s,"
                   "pump_pressure_pa,hydraulic_power_w,shaft_power_w,compressor_power_w,"
                   "specific_energy_kwh_per_t,transit_time_s,mixture_velocity_m_s\n",
            liquid ? "liquid_kg_s" : "rate_dry_tph");
    for (size_t k = 0; k < n; k++) {
        const rm_lift_sweep_row *w = &rows[k];
        fprintf(af.fp, "%.10g,%.10g,%.10g,%s", w->rate_dry_tph, w->diameter_m,
                w->injection_depth_m, w->status ? rm_status_string(w->status) : "ok");
        if (w->status) {
            fputs(",,,,,,,,,\n", af.fp);
            continue;
        }
        const rm_lift_result *r = &w->result;
        fprintf(af.fp, ",%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,", r->air_kg_s,
                r->liquid_mass_flow_kg_s, r->pump_pressure_pa, r->hydraulic_power_w,
                r->shaft_power_w, r->compressor_power_w);
        if (!liquid && r->rate_dry_tph > 0.0)
            fprintf(af.fp, "%.10g", r->specific_energy_kwh_per_t);
        fprintf(af.fp, ",%.10g,%.10g\n", r->transit_time_s, r->mixture_velocity_m_s);
    }
    if (ferror(af.fp)) {
        rm_afile_abort(&af);
        return rm_error_set(err, RM_EIO, "%s: write failed", path);
    }
    return rm_afile_commit(&af, err);
}

#define NUMFLAG(code, var)                                                                \
    case code:                                                                            \
        if (rm_cli_parse_double("lift", long_opts[idx].name, optarg, -HUGE_VAL, HUGE_VAL, \
                                &(var)))                                                  \
            goto usage_fail;                                                              \
        break;

int rm_cmd_lift(rm_cli *cli, int argc, char **argv)
{
    static const struct option long_opts[] = {
        {"system", required_argument, 0, O_SYSTEM}, {"depth", required_argument, 0, O_DEPTH},
        {"outlet-height", required_argument, 0, O_OUTLET},
        {"diameter", required_argument, 0, O_DIAM}, {"roughness", required_argument, 0, O_ROUGH},
        {"down-diameter", required_argument, 0, O_DDIAM}, {"annulus", no_argument, 0, O_ANNULUS},
        {"down-outer-diameter", required_argument, 0, O_DOUTER},
        {"k-inlet", required_argument, 0, O_KIN}, {"k-collector", required_argument, 0, O_KCOL},
        {"fluid", required_argument, 0, O_FLUID}, {"rate-dry-tph", required_argument, 0, O_RATE},
        {"rate-dry-tpd", required_argument, 0, O_RATED},
        {"liquid-kg-s", required_argument, 0, O_LIQ},
        {"slurry-density", required_argument, 0, O_SLURRY},
        {"grain-density", required_argument, 0, O_GRAIN},
        {"insitu-dry-density", required_argument, 0, O_INSITU},
        {"seawater-density", required_argument, 0, O_SW},
        {"water-density", required_argument, 0, O_WATER},
        {"bulk-modulus", required_argument, 0, O_BULK},
        {"viscosity", required_argument, 0, O_VISC}, {"rheology", required_argument, 0, O_RHEO},
        {"yield-a", required_argument, 0, O_YA}, {"yield-n", required_argument, 0, O_YN},
        {"viscosity-b", required_argument, 0, O_VB}, {"friction", required_argument, 0, O_FRIC},
        {"coarse-fraction", required_argument, 0, O_CF},
        {"coarse-diameter", required_argument, 0, O_CD},
        {"coarse-density", required_argument, 0, O_CRHO},
        {"pump-efficiency", required_argument, 0, O_PEFF},
        {"motor-efficiency", required_argument, 0, O_MEFF},
        {"pump-depths", required_argument, 0, O_PDEPTHS},
        {"air-kg-s", required_argument, 0, O_AIR},
        {"injection-depth", required_argument, 0, O_INJ},
        {"gas-temperature", required_argument, 0, O_GT},
        {"compressor-efficiency", required_argument, 0, O_CEFF},
        {"high-void-start", required_argument, 0, O_HV},
        {"surface-tension", required_argument, 0, O_SIGMA},
        {"gel-strength", required_argument, 0, O_GEL},
        {"available-power-w", required_argument, 0, O_AVAIL},
        {"max-rate-for-power", required_argument, 0, O_MAXP},
        {"sweep-rates", required_argument, 0, O_SRATES},
        {"sweep-diameters", required_argument, 0, O_SDIAM},
        {"sweep-injection-depths", required_argument, 0, O_SINJ},
        {"profile-points", required_argument, 0, O_NPROF},
        {"out", required_argument, 0, O_OUT}, {"force", no_argument, 0, O_FORCE},
        {"help", no_argument, 0, O_HELP}, {0, 0, 0, 0}};

    /* Flags are applied after the project file: collect them first. */
    rm_lift_params p;
    rm_lift_params_default(&p);
    p.profile_points = 201;
    const char *out = NULL, *system = NULL, *fluid = NULL, *rheology = NULL, *friction = NULL;
    int force = 0, annulus = -1;
    double avail = -1, maxp = -1, nprof = 201;
    double *s_rates = NULL, *s_diam = NULL, *s_inj = NULL, *pdepths = NULL;
    size_t n_rates = 0, n_diam = 0, n_inj = 0, n_pd = 0;
    /* Numbers given on the command line: (offset into p, value). */
    struct numflag {
        double *var;
        double val;
    } nums[64];
    size_t n_nums = 0;
    double rate_tpd = -1;
    int status = RM_EXIT_FAIL;
    rm_ini *ini = NULL;
    rm_lift_result r;
    memset(&r, 0, sizeof r);
    rm_lift_sweep_row *rows = NULL;
    rm_runinfo *ri = NULL;

    optind = 1;
    int c, idx = 0;
    while ((c = getopt_long(argc, argv, "", long_opts, &idx)) != -1) {
        double v;
        double *target = NULL;
        switch (c) {
        case O_SYSTEM: system = optarg; break;
        case O_FLUID: fluid = optarg; break;
        case O_RHEO: rheology = optarg; break;
        case O_FRIC: friction = optarg; break;
        case O_ANNULUS: annulus = 1; break;
        case O_OUT: out = optarg; break;
        case O_FORCE: force = 1; break;
        case O_HELP:
            usage(stdout);
            status = RM_EXIT_OK;
            goto done;
        case O_SRATES: if (parse_list("--sweep-rates", optarg, &s_rates, &n_rates)) goto usage_fail; break;
        case O_SDIAM: if (parse_list("--sweep-diameters", optarg, &s_diam, &n_diam)) goto usage_fail; break;
        case O_SINJ: if (parse_list("--sweep-injection-depths", optarg, &s_inj, &n_inj)) goto usage_fail; break;
        case O_PDEPTHS:
            if (parse_list("--pump-depths", optarg, &pdepths, &n_pd))
                goto usage_fail;
            if (n_pd > RM_LIFT_MAX_PUMPS) {
                rm_cli_usage_error("lift", "--pump-depths: at most %d pumps", RM_LIFT_MAX_PUMPS);
                goto usage_fail;
            }
            break;
        NUMFLAG(O_AVAIL, avail)
        NUMFLAG(O_MAXP, maxp)
        NUMFLAG(O_NPROF, nprof)
        NUMFLAG(O_RATED, rate_tpd)
        case '?':
            goto usage_fail;
        default:
            switch (c) {
            case O_DEPTH: target = &p.depth_m; break;
            case O_OUTLET: target = &p.outlet_height_m; break;
            case O_DIAM: target = &p.diameter_m; break;
            case O_ROUGH: target = &p.roughness_m; break;
            case O_DDIAM: target = &p.down_diameter_m; break;
            case O_DOUTER: target = &p.down_outer_diameter_m; break;
            case O_KIN: target = &p.k_inlet; break;
            case O_KCOL: target = &p.k_collector; break;
            case O_RATE: target = &p.rate_dry_tph; break;
            case O_LIQ: target = &p.liquid_kg_s; break;
            case O_SLURRY: target = &p.slurry_density_kg_m3; break;
            case O_GRAIN: target = &p.grain_density_kg_m3; break;
            case O_INSITU: target = &p.insitu_dry_density_kg_m3; break;
            case O_SW: target = &p.seawater_density_kg_m3; break;
            case O_WATER: target = &p.water_density_kg_m3; break;
            case O_BULK: target = &p.bulk_modulus_pa; break;
            case O_VISC: target = &p.liquid_viscosity_pa_s; break;
            case O_YA: target = &p.rheo.yield_a_pa; break;
            case O_YN: target = &p.rheo.yield_n; break;
            case O_VB: target = &p.rheo.viscosity_b; break;
            case O_CF: target = &p.coarse_mass_fraction; break;
            case O_CD: target = &p.coarse_diameter_m; break;
            case O_CRHO: target = &p.coarse_density_kg_m3; break;
            case O_PEFF: target = &p.pump_efficiency; break;
            case O_MEFF: target = &p.motor_efficiency; break;
            case O_AIR: target = &p.air_kg_s; break;
            case O_INJ: target = &p.injection_depth_m; break;
            case O_GT: target = &p.gas_temperature_k; break;
            case O_CEFF: target = &p.compressor_efficiency; break;
            case O_HV: target = &p.high_void_start; break;
            case O_SIGMA: target = &p.surface_tension_n_m; break;
            case O_GEL: target = &p.gel_strength_pa; break;
            default: goto usage_fail;
            }
            if (rm_cli_parse_double("lift", long_opts[idx].name, optarg, -HUGE_VAL, HUGE_VAL, &v))
                goto usage_fail;
            if (n_nums < sizeof nums / sizeof nums[0])
                nums[n_nums++] = (struct numflag){target, v};
            break;
        }
    }
    if (optind < argc - 1) {
        rm_cli_usage_error("lift", "one project file at most");
        goto usage_fail;
    }
    if (!out) {
        rm_cli_usage_error("lift", "--out DIR is required");
        goto usage_fail;
    }
    if (!(nprof >= 2 && nprof <= 100000 && nprof == floor(nprof))) {
        rm_cli_usage_error("lift", "--profile-points must be an integer in [2, 100000]");
        goto usage_fail;
    }

    rm_error err;
    rm_error_clear(&err);
    const char *project = optind < argc ? argv[optind] : NULL;
    if (project) {
        if (rm_ini_load(project, &ini, &err) || rm_lift_params_from_ini(ini, &p, &err) ||
            rm_ini_finish(ini, &err))
            goto fail;
    }
    /* Flags override the project file. */
    for (size_t i = 0; i < n_nums; i++)
        *nums[i].var = nums[i].val;
    p.rheo.liquid_viscosity_pa_s = p.liquid_viscosity_pa_s;
    if (rate_tpd >= 0.0 || (rate_tpd < 0.0 && rate_tpd != -1)) /* -1 = not given */
        p.rate_dry_tph = rate_tpd / 24.0;
    if (annulus == 1)
        p.annulus = 1;
    p.profile_points = (size_t)nprof;
    if (n_pd) {
        memcpy(p.pump_depths_m, pdepths, n_pd * sizeof *pdepths);
        p.n_pumps = n_pd;
    }
    if (system) {
        p.system = rm_lift_system_by_name(system);
        if (!p.system) {
            rm_cli_usage_error("lift", "--system: '%s' is not closed-loop, pump or airlift", system);
            goto usage_fail;
        }
    }
    if (fluid) {
        if (!strcmp(fluid, "slurry")) p.fluid = RM_LIFT_FLUID_SLURRY;
        else if (!strcmp(fluid, "seawater")) p.fluid = RM_LIFT_FLUID_SEAWATER;
        else if (!strcmp(fluid, "water")) p.fluid = RM_LIFT_FLUID_WATER;
        else {
            rm_cli_usage_error("lift", "--fluid: '%s' is not slurry, seawater or water", fluid);
            goto usage_fail;
        }
    }
    if (rheology && !(p.rheology = rm_rheology_law_by_name(rheology))) {
        rm_cli_usage_error("lift", "--rheology: '%s' is not power-exp, thomas or newtonian", rheology);
        goto usage_fail;
    }
    if (friction) {
        p.friction = rm_friction_law_by_name(friction);
        if (!p.friction || p.friction == rm_friction_bingham_darby) {
            rm_cli_usage_error("lift", "--friction: '%s' is not colebrook, haaland or swamee-jain",
                               friction);
            goto usage_fail;
        }
    }
    if (p.fluid == RM_LIFT_FLUID_WATER && p.bulk_modulus_pa == 2.3e9)
        p.bulk_modulus_pa = 2.2e9; /* fresh water */
    if (p.fluid == RM_LIFT_FLUID_WATER && p.surface_tension_n_m == 0.073)
        p.surface_tension_n_m = 0.072;

    int sweep = n_rates || n_diam || n_inj;
    const char *outputs_single[] = {"summary.json", "profile.csv", "run.json", NULL};
    const char *outputs_sweep[] = {"sweep.csv", "run.json", NULL};
    if (rm_lift_params_check(&p, &err))
        goto fail;
    if (rm_outdir_prepare(out, force, sweep ? outputs_sweep : outputs_single, &err))
        goto fail;
    ri = rm_runinfo_alloc(cli->argc_all, cli->argv_all);
    if (!ri) {
        rm_error_set(&err, RM_ENOMEM, "out of memory");
        goto fail;
    }
    if (project && rm_runinfo_add_input(ri, "project", project, &err))
        goto fail;
    rm_lift_runinfo_params(ri, &p);
    double t0 = rm_now_s();

    if (sweep) {
        size_t n = (n_rates ? n_rates : 1) * (n_diam ? n_diam : 1) * (n_inj ? n_inj : 1);
        rows = calloc(n, sizeof *rows);
        if (!rows) {
            rm_error_set(&err, RM_ENOMEM, "sweep of %zu points: out of memory", n);
            goto fail;
        }
        if (rm_lift_sweep(&p, s_rates, n_rates, s_diam, n_diam, s_inj, n_inj, rows, &err))
            goto fail;
        rm_runinfo_timing(ri, "sweep", rm_now_s() - t0);
        if (write_sweep(out, &p, rows, n, &err) || rm_runinfo_write(ri, out, &err))
            goto fail;
        size_t bad = 0;
        for (size_t k = 0; k < n; k++)
            bad += rows[k].status != RM_OK;
        rm_log(&cli->log, RM_LOG_INFO, "lift: swept %zu design points in %.2f s (%zu failed)", n,
               rm_now_s() - t0, bad);
        status = RM_EXIT_OK;
        goto done;
    }

    if (maxp > 0.0 || maxp == 0.0 || (maxp < 0.0 && maxp != -1)) {
        double rate;
        if (rm_lift_max_rate_for_power(&p, maxp, &rate, &err))
            goto fail;
        p.rate_dry_tph = rate;
        p.air_kg_s = 0.0;
        rm_log(&cli->log, RM_LOG_INFO, "lift: %g W lifts at most %.4g t/h (%.4g t/day)", maxp,
               rate, rate * 24);
    }
    if (rm_lift_solve(&p, &r, &err))
        goto fail;
    if (avail != -1 && r.shaft_power_w > avail) {
        double best = 0.0;
        rm_error e2;
        int have = p.fluid == RM_LIFT_FLUID_SLURRY && avail > 0.0 &&
                   rm_lift_max_rate_for_power(&p, avail, &best, &e2) == RM_OK;
        if (have)
            rm_error_set(&err, RM_EPHYS,
                         "the given power cannot lift this rate: %.4g t/h needs %.4g W of shaft "
                         "power, more than the %.4g W available (that power lifts at most %.4g t/h)",
                         r.rate_dry_tph, r.shaft_power_w, avail, best);
        else
            rm_error_set(&err, RM_EPHYS,
                         "the given power cannot lift this rate: it needs %.4g W of shaft power, "
                         "more than the %.4g W available", r.shaft_power_w, avail);
        goto fail;
    }
    rm_runinfo_timing(ri, "solve", rm_now_s() - t0);
    if (write_summary(out, &p, &r, maxp > 0 ? maxp : 0.0, &err) || write_profile(out, &r, &err) ||
        rm_runinfo_write(ri, out, &err))
        goto fail;
    if (p.fluid == RM_LIFT_FLUID_SLURRY && r.compressor_power_w > 0)
        rm_log(&cli->log, RM_LOG_INFO,
               "lift: %s, %.4g t/h dry from %g m: compressor %.4g MPa (absolute), shaft "
               "%.4g kW, %.4g kWh/t",
               r.system, r.rate_dry_tph, p.depth_m, r.compressor_pressure_pa / 1e6,
               r.shaft_power_w / 1e3, r.specific_energy_kwh_per_t);
    else if (p.fluid == RM_LIFT_FLUID_SLURRY)
        rm_log(&cli->log, RM_LOG_INFO,
               "lift: %s, %.4g t/h dry from %g m: pump %.4g MPa, shaft %.4g kW, %.4g kWh/t",
               r.system, r.rate_dry_tph, p.depth_m, r.pump_pressure_pa / 1e6,
               r.shaft_power_w / 1e3, r.specific_energy_kwh_per_t);
    else
        rm_log(&cli->log, RM_LOG_INFO, "lift: %s, %.4g kg/s of liquid, shaft %.4g W", r.system,
               r.liquid_mass_flow_kg_s, r.shaft_power_w);
    status = RM_EXIT_OK;
    goto done;

usage_fail:
    status = RM_EXIT_USAGE;
    goto done;
fail:
    status = rm_cli_fail(cli, &err);
done:
    rm_lift_result_free(&r);
    if (rows) {
        free(rows);
    }
    free(s_rates);
    free(s_diam);
    free(s_inj);
    free(pdepths);
    rm_runinfo_free(ri);
    rm_ini_free(ini);
    return status;
}
