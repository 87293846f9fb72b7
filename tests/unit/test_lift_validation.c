/* test_lift_validation.c — the airlift model against every laboratory
 * curve in tests/data/lift/ (sources and digitisation in its README).
 *
 * For every measured point the model is solved at the measured air flow
 * (air volumes as free air at 101,325 Pa and 20 °C); the error of the
 * water rate is model/measured − 1 over the points with non-zero measured
 * flow.  Per curve: median and largest |error|, the measured peak (largest
 * water rate, and the air where it occurs) against the model's largest
 * water rate over the measured air range and its air.  Overall: median
 * |error|, share of points within ±25 %, points the model cannot solve
 * (no flow where flow was measured).
 *
 * Every two-phase column model (rm_lift_column_model) runs on the record;
 * the default model's tables go to $REEMUD_LIFT_VALIDATION_DIR
 * (curves.csv, points.csv) when that is set, else to the test's scratch
 * folder, the others' to curves_<model>.csv and points_<model>.csv, and a
 * model × metric summary to models.csv; docs/lift.md quotes them and
 * scripts/lift-validation draws the figure from them.
 *
 * The validation targets are checked two ways.  The three
 * that apply curve by curve (peak water rate within ±15 %, its air within
 * ±30 %, no unsolved point with measured flow) are asserted at the target
 * thresholds on every curve where the model meets them (the lists below);
 * the curves where it does not are printed with their values.  The two
 * record-wide ones (median |error| ≤ 10 %, ≥ 85 % of points within ±25 %)
 * are not met over the whole record: the values reached are asserted with
 * a small margin, so a change that makes the model worse fails
 * (docs/lift.md says per curve why the rest is out of reach).  Over the
 * points inside the range where 1-D airlift theory is published as
 * agreeing with experiment (Todoroki et al. 1973: 25–100 mm, 4–42 m,
 * 0.4 < Sr < 0.8) they are asserted at the target thresholds, with no
 * unsolved point (the drift-flux column fails them there: 11.4 %, 83.3 %). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/lift.h"
#include "reemud/table.h"
#include "rm_test.h"

#define MAX_POINTS 512
#define MAX_CURVES 64

typedef struct lab_file {
    const char *file, *key, *air_col, *water_col;
    double air_to_kg_h;     /* file air unit → kg/h of air (free air for volumes) */
    double water_to_kg_h;   /* file water unit → kg/h of water */
    int air_is_volume;      /* 1: the air is a volume of unstated reference state */
} lab_file;

/* Free air at 101,325 Pa, 20 °C (R = 287.05 J/kg/K); water 998.2 kg/m3. */
#define P_ATM 101325.0
#define G_N 9.80665
#define RHO_AIR (P_ATM / (287.05 * 293.15))
#define RHO_W 998.2

static const lab_file files[] = {
    {"tests/data/lift/kassab2009_curves.csv", "Kassab 2009", "air_kg_h", "water_kg_h", 1.0, 1.0,
     0},
    {"tests/data/lift/stenning1968.csv", "Stenning 1968", "air_ft3_s", "water_ft3_s",
     0.0283168466 * RHO_AIR * 3600.0, 0.0283168466 * RHO_W * 3600.0, 1},
    {"tests/data/lift/todoroki1973.csv", "Todoroki 1973", "air_l_s", "water_l_s",
     1e-3 * RHO_AIR * 3600.0, 1e-3 * RHO_W * 3600.0, 1},
    {"tests/data/lift/goharzadeh2014.csv", "Goharzadeh 2014", "air_m3_s", "water_m3_s",
     RHO_AIR * 3600.0, RHO_W * 3600.0, 1},
};

/* A laboratory riser of bore d, length len at submergence ratio sr, air
 * injected at the foot, fresh water at 20 °C, two-phase column model
 * (and whether a slug-unit column has its churn entrance region). */
static void lab(rm_lift_params *p, double d, double len, double sr, rm_lift_column_model model,
                int entry)
{
    rm_lift_params_default(p);
    p->column_model = model;
    p->slug_entry_churn = entry;
    p->system = rm_lift_airlift;
    p->fluid = RM_LIFT_FLUID_WATER;
    p->diameter_m = d;
    p->depth_m = sr * len;
    p->outlet_height_m = len - sr * len;
    p->injection_depth_m = p->depth_m;
    p->gas_temperature_k = 293.15;
    p->liquid_viscosity_pa_s = 1.0e-3;
    p->surface_tension_n_m = 0.072;
    p->bulk_modulus_pa = 2.2e9;
    p->roughness_m = 1.5e-6; /* drawn tube */
    p->coarse_mass_fraction = 0.0;
}

/* Water (kg/h) the model lifts with air_kg_h of air; 0 when no flow. */
static double water_kg_h(rm_lift_params *p, double air_kg_h)
{
    p->air_kg_s = air_kg_h / 3600.0;
    p->profile_points = 0;
    rm_lift_result r;
    rm_error err;
    rm_status st = rm_lift_solve(p, &r, &err);
    if (st == RM_EPHYS)
        return 0.0;
    if (st)
        fail_msg("%s", err.message);
    double w = r.liquid_mass_flow_kg_s * 3600.0;
    rm_lift_result_free(&r);
    if (!isfinite(w)) /* the errors below would drop it from the counts */
        fail_msg("air %.6g kg/h: water rate %g", air_kg_h, w);
    return w;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
    if (!n)
        return 0.0;
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

typedef struct curve_stat {
    char name[64];
    double sr, d, len;
    size_t n, n_nonzero, n_unsolved;
    double med_err, max_err, mean_signed;
    double peak_meas, peak_air_meas, peak_model, peak_air_model;
} curve_stat;

/* The model's largest water rate over [lo, hi] kg/h of air: a log grid,
 * then golden-section refinement around the best sample. */
static void model_peak(rm_lift_params *p, double lo, double hi, double *peak, double *at)
{
    const int n = 48;
    double best = -1.0, best_x = lo;
    for (int i = 0; i <= n; i++) {
        double x = lo * pow(hi / lo, (double)i / n);
        double w = water_kg_h(p, x);
        if (w > best) {
            best = w;
            best_x = x;
        }
    }
    double step = pow(hi / lo, 1.0 / n);
    double a = fmax(lo, best_x / step), b = fmin(hi, best_x * step);
    const double gr = 0.6180339887498949;
    for (int it = 0; it < 20 && b > a * (1.0 + 1e-4); it++) {
        double x1 = b - gr * (b - a), x2 = a + gr * (b - a);
        double y1 = water_kg_h(p, x1), y2 = water_kg_h(p, x2);
        if (y1 > best) { best = y1; best_x = x1; }
        if (y2 > best) { best = y2; best_x = x2; }
        if (y1 > y2) b = x2; else a = x1;
    }
    *peak = best;
    *at = best_x;
}

static FILE *open_out(const char *name)
{
    const char *dir = getenv("REEMUD_LIFT_VALIDATION_DIR");
    char path[1024];
    if (!dir || !*dir)
        dir = rm_test_dir("lift_validation");
    assert_non_null(dir);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        fail_msg("cannot write %s", path);
    return f;
}

typedef struct record_stat {
    size_t n_curves, n_nonzero, n_unsolved, peaks_ok, pos_ok;
    double med, within, worst_peak, worst_pos;
    /* the points inside the range where Todoroki et al. (1973) found 1-D
     * slug-flow airlift theory to agree with experiment */
    size_t n_range, unsolved_range;
    double med_range, within_range;
} record_stat;

/* 1 when a riser of bore d (m), length len (m) at submergence ratio sr is
 * inside the range over which Todoroki, Sato & Honda (Bulletin of JSME 16
 * (1973) 733, abstract) found their 1-D slug-flow airlift analysis to
 * agree with their own and other laboratories' data: 25 mm ≤ D ≤ 100 mm,
 * 4 m ≤ L ≤ 42 m, 0.4 < σ < 0.8. */
static int theory_range(double d, double len, double sr)
{
    return d >= 0.025 && d <= 0.100 && len >= 4.0 && len <= 42.0 && sr > 0.4 && sr < 0.8;
}

/* Runs the column model on every curve; writes curves.csv and points.csv
 * with the given suffix ("" for the default model, else e.g.
 * "_slug_film_shear") and prints the tables under label.  air_at_injector:
 * the air volumes of Stenning, Todoroki and Goharzadeh read at the
 * injector's static pressure p_atm + ρw g Sr L (the digitiser's reading,
 * tests/data/lift/README.md) instead of as free air. */
static void run_record(rm_lift_column_model model, int entry, int air_at_injector,
                       const char *label, const char *suffix, record_stat *rs, curve_stat *keep)
{
    static curve_stat cs[MAX_CURVES];
    static double all_err[MAX_POINTS], cerr[MAX_POINTS], range_err[MAX_POINTS];
    size_t n_curves = 0, n_all = 0, n_nonzero = 0, n_unsolved = 0, n_within = 0;
    size_t n_range = 0, range_unsolved = 0, range_within = 0;
    char name[64];
    snprintf(name, sizeof name, "points%s.csv", suffix);
    FILE *fp = open_out(name);
    fprintf(fp, "curve,submergence_ratio,diameter_m,length_m,air_kg_h,water_kg_h,"
                "model_water_kg_h,error\n");
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        const lab_file *lf = &files[k];
        rm_table *t = NULL;
        rm_error err;
        const double *sr, *air, *water, *d, *len;
        assert_int_equal(rm_table_read_csv(rm_test_source(lf->file), &t, &err), RM_OK);
        assert_int_equal(rm_table_numeric(t, "submergence_ratio", 0, &sr, &err), RM_OK);
        assert_int_equal(rm_table_numeric(t, lf->air_col, 0, &air, &err), RM_OK);
        assert_int_equal(rm_table_numeric(t, lf->water_col, 0, &water, &err), RM_OK);
        assert_int_equal(rm_table_numeric(t, "diameter_m", 0, &d, &err), RM_OK);
        assert_int_equal(rm_table_numeric(t, "length_m", 0, &len, &err), RM_OK);
        assert_true(rm_table_find(t, "source") >= 0);
        size_t i = 0;
        while (i < t->n_rows) {
            assert_true(n_curves < MAX_CURVES);
            curve_stat *c = &cs[n_curves++];
            memset(c, 0, sizeof *c);
            snprintf(c->name, sizeof c->name, "%s Sr %.3g", lf->key, sr[i]);
            c->sr = sr[i];
            c->d = d[i];
            c->len = len[i];
            rm_lift_params p;
            lab(&p, d[i], len[i], sr[i], model, entry);
            size_t j = i, nc = 0;
            double air_lo = HUGE_VAL, air_hi = 0.0;
            for (; j < t->n_rows && sr[j] == sr[i]; j++) {
                double a = air[j] * lf->air_to_kg_h, w = water[j] * lf->water_to_kg_h;
                if (lf->air_is_volume && air_at_injector)
                    a *= (P_ATM + RHO_W * G_N * sr[i] * len[i]) / P_ATM;
                double m = water_kg_h(&p, a);
                air_lo = fmin(air_lo, a);
                air_hi = fmax(air_hi, a);
                c->n++;
                if (w > c->peak_meas) {
                    c->peak_meas = w;
                    c->peak_air_meas = a;
                }
                double e = w > 0.0 ? m / w - 1.0 : 0.0;
                char etxt[32] = "";     /* empty: no measured flow */
                if (w > 0.0)
                    snprintf(etxt, sizeof etxt, "%.4f", e);
                fprintf(fp, "%s,%.4g,%.4g,%.4g,%.6g,%.6g,%.6g,%s\n", c->name, c->sr, c->d,
                        c->len, a, w, m, etxt);
                if (!(w > 0.0))
                    continue;
                c->n_nonzero++;
                if (!(m > 0.0))
                    c->n_unsolved++;
                assert_true(nc < MAX_POINTS && n_all < MAX_POINTS);
                cerr[nc++] = fabs(e);
                all_err[n_all++] = fabs(e);
                c->mean_signed += e;
                c->max_err = rm_test_worst(c->max_err, fabs(e));
                if (fabs(e) <= 0.25)
                    n_within++;
                if (theory_range(d[i], len[i], sr[i])) {
                    range_err[n_range++] = fabs(e);
                    range_unsolved += !(m > 0.0);
                    range_within += fabs(e) <= 0.25;
                }
            }
            c->mean_signed /= (double)(nc ? nc : 1);
            c->med_err = median(cerr, nc);
            model_peak(&p, air_lo, air_hi, &c->peak_model, &c->peak_air_model);
            n_nonzero += c->n_nonzero;
            n_unsolved += c->n_unsolved;
            i = j;
        }
        rm_table_free(t);
    }
    fclose(fp);

    snprintf(name, sizeof name, "curves%s.csv", suffix);
    FILE *fc = open_out(name);
    fprintf(fc, "curve,submergence_ratio,diameter_m,length_m,points,unsolved,median_abs_error,"
                "max_abs_error,mean_error,peak_water_kg_h,model_peak_water_kg_h,peak_error,"
                "peak_air_kg_h,model_peak_air_kg_h,peak_air_error\n");
    size_t peaks_ok = 0, pos_ok = 0;
    double worst_peak = 0.0, worst_pos = 0.0;
    for (size_t c = 0; c < n_curves; c++) {
        curve_stat *s = &cs[c];
        double pe = s->peak_model / s->peak_meas - 1.0;
        double pa = s->peak_air_model / s->peak_air_meas - 1.0;
        peaks_ok += fabs(pe) <= 0.15;
        pos_ok += fabs(pa) <= 0.30;
        worst_peak = rm_test_worst(worst_peak, fabs(pe));
        worst_pos = rm_test_worst(worst_pos, fabs(pa));
        fprintf(fc, "%s,%.4g,%.4g,%.4g,%zu,%zu,%.4f,%.4f,%.4f,%.5g,%.5g,%.4f,%.4g,%.4g,%.4f\n",
                s->name, s->sr, s->d, s->len, s->n_nonzero, s->n_unsolved, s->med_err,
                s->max_err, s->mean_signed, s->peak_meas, s->peak_model, pe, s->peak_air_meas,
                s->peak_air_model, pa);
        print_message("  %-22s n %2zu unsolved %2zu  median %5.1f %%  max %6.1f %%  bias %+6.1f %%  "
                      "peak %+6.1f %% at %+7.1f %%\n",
                      s->name, s->n_nonzero, s->n_unsolved, 100 * s->med_err, 100 * s->max_err,
                      100 * s->mean_signed, 100 * pe, 100 * pa);
    }
    double med = median(all_err, n_all);
    double within = (double)n_within / (double)(n_all ? n_all : 1);
    fprintf(fc, "all,,,,%zu,%zu,%.4f,,,,,,,,\n", n_nonzero, n_unsolved, med);
    fclose(fc);
    print_message("%s overall: %zu curves, %zu points with flow; median |error| %.1f %% (target: "
                  "<= 10 %%); within +-25 %%: %.1f %% (target: >= 85 %%); unsolvable %zu (target: 0); "
                  "peaks within +-15 %%: %zu/%zu (worst %.1f %%); peak air within +-30 %%: "
                  "%zu/%zu (worst %.1f %%)\n",
                  label, n_curves, n_nonzero, 100 * med, 100 * within, n_unsolved, peaks_ok, n_curves,
                  100 * worst_peak, pos_ok, n_curves, 100 * worst_pos);
    if (keep)
        memcpy(keep, cs, n_curves * sizeof *cs);
    rs->n_curves = n_curves;
    rs->n_nonzero = n_nonzero;
    rs->n_unsolved = n_unsolved;
    rs->peaks_ok = peaks_ok;
    rs->pos_ok = pos_ok;
    rs->med = med;
    rs->within = within;
    rs->worst_peak = worst_peak;
    rs->worst_pos = worst_pos;
    rs->n_range = n_range;
    rs->unsolved_range = range_unsolved;
    rs->within_range = (double)range_within / (double)(n_range ? n_range : 1);
    rs->med_range = median(range_err, n_range);
    print_message("%s inside the range of 1-D airlift theory (Todoroki et al. 1973: D 25-100 mm, "
                  "L 4-42 m, 0.4 < Sr < 0.8): %zu points, median |error| %.1f %%, within +-25 %% "
                  "%.1f %%, unsolved %zu\n",
                  label, n_range, 100 * rs->med_range, 100 * rs->within_range, range_unsolved);
}

static curve_stat def_cs[MAX_CURVES];

/* The curves on which the default model meets each per-curve criterion of
 * the validation targets (docs/lift.md, "Against the laboratory record"); on these the
 * criterion is asserted at the target threshold.  The others (Kassab Sr
 * 0.2, 0.4, 0.67 and both Goharzadeh curves for the peak; Kassab Sr 0.4,
 * 0.57, Todoroki Sr 0.6 and Goharzadeh Sr 0.58 for its air; Kassab Sr 0.2,
 * 0.227 and Todoroki Sr 0.4 for unsolved points) are printed, and docs/lift.md
 * says why each fails. */
static const char *const peak_holds[] = {
    "Kassab 2009 Sr 0.227", "Kassab 2009 Sr 0.3", "Kassab 2009 Sr 0.484",
    "Kassab 2009 Sr 0.57", "Kassab 2009 Sr 0.75", "Stenning 1968 Sr 0.442",
    "Stenning 1968 Sr 0.532", "Stenning 1968 Sr 0.629", "Stenning 1968 Sr 0.709",
    "Todoroki 1973 Sr 0.4", "Todoroki 1973 Sr 0.5", "Todoroki 1973 Sr 0.6",
    "Todoroki 1973 Sr 0.7", NULL};
static const char *const peak_air_holds[] = {
    "Kassab 2009 Sr 0.2", "Kassab 2009 Sr 0.227", "Kassab 2009 Sr 0.3",
    "Kassab 2009 Sr 0.484", "Kassab 2009 Sr 0.67", "Kassab 2009 Sr 0.75",
    "Stenning 1968 Sr 0.442", "Stenning 1968 Sr 0.532", "Stenning 1968 Sr 0.629",
    "Stenning 1968 Sr 0.709", "Todoroki 1973 Sr 0.4", "Todoroki 1973 Sr 0.5",
    "Todoroki 1973 Sr 0.7", "Goharzadeh 2014 Sr 0.74", NULL};
static const char *const solved_holds[] = {
    "Kassab 2009 Sr 0.3", "Kassab 2009 Sr 0.4", "Kassab 2009 Sr 0.484",
    "Kassab 2009 Sr 0.57", "Kassab 2009 Sr 0.67", "Kassab 2009 Sr 0.75",
    "Stenning 1968 Sr 0.442", "Stenning 1968 Sr 0.532", "Stenning 1968 Sr 0.629",
    "Stenning 1968 Sr 0.709", "Todoroki 1973 Sr 0.5", "Todoroki 1973 Sr 0.6",
    "Todoroki 1973 Sr 0.7", "Goharzadeh 2014 Sr 0.58", "Goharzadeh 2014 Sr 0.74", NULL};

/* 1 when name is in the NULL-terminated list. */
static int listed(const char *const *list, const char *name)
{
    for (; *list; list++)
        if (!strcmp(*list, name))
            return 1;
    return 0;
}

/* Number of entries of a NULL-terminated list. */
static size_t list_len(const char *const *list)
{
    size_t n = 0;
    while (list[n])
        n++;
    return n;
}

/* The per-curve criteria on the default model's curves: asserted
 * at the target thresholds where listed as holding, printed otherwise. */
static void per_curve_criteria(const curve_stat *cs, size_t n)
{
    size_t n_peak = 0, n_air = 0, n_solved = 0;
    for (size_t c = 0; c < n; c++) {
        const curve_stat *s = &cs[c];
        double pe = s->peak_model / s->peak_meas - 1.0;
        double pa = s->peak_air_model / s->peak_air_meas - 1.0;
        int hp = listed(peak_holds, s->name), ha = listed(peak_air_holds, s->name);
        int hs = listed(solved_holds, s->name);
        n_peak += (size_t)hp;
        n_air += (size_t)ha;
        n_solved += (size_t)hs;
        print_message("  criteria %-24s peak %+6.1f %% (%s), peak air %+6.1f %% (%s), "
                      "unsolved %zu (%s)\n",
                      s->name, 100 * pe, hp ? "asserted <= 15 %" : "not met",
                      100 * pa, ha ? "asserted <= 30 %" : "not met",
                      s->n_unsolved, hs ? "asserted 0" : "not met");
        if (hp)
            assert_at_most(fabs(pe), 0.15);
        if (ha)
            assert_at_most(fabs(pa), 0.30);
        if (hs)
            assert_int_equal(s->n_unsolved, 0);
    }
    /* every listed name matched a curve of the record */
    assert_int_equal(n_peak, list_len(peak_holds));
    assert_int_equal(n_air, list_len(peak_air_holds));
    assert_int_equal(n_solved, list_len(solved_holds));
}

/* The default column model against the record, with the alternatives'
 * summaries in models.csv (docs/lift.md's model × metric table). */
static void test_lab_record(void **state)
{
    (void)state;
    static const struct {
        rm_lift_column_model model;
        int entry;
        const char *suffix;
    } models[] = {
        {RM_LIFT_COLUMN_DRIFT_FLUX, 1, "_drift_flux"},
        {RM_LIFT_COLUMN_SLUG_FILM_SHEAR, 1, "_slug_film_shear"},
        {RM_LIFT_COLUMN_SLUG_FILM_WALL, 1, "_slug_film_wall"},
        {RM_LIFT_COLUMN_SLUG_FILM_FREE, 1, "_slug_film_free"},
        {RM_LIFT_COLUMN_SLUG_FILM_SHEAR, 0, "_slug_film_shear_no_entry"},
        {RM_LIFT_COLUMN_SLUG_FILM_WALL, 0, "_slug_film_wall_no_entry"},
        {RM_LIFT_COLUMN_SLUG_FILM_FREE, 0, "_slug_film_free_no_entry"},
        /* the default column model with the digitiser's air reading */
        {RM_LIFT_COLUMN_SLUG_FILM_SHEAR, 1, "_slug_film_shear_air_at_injector"},
    };
    enum { N_MODELS = sizeof models / sizeof models[0] };
    rm_lift_params def;
    rm_lift_params_default(&def);
    record_stat rs = {0}, all[N_MODELS];
    FILE *fm = open_out("models.csv");
    fprintf(fm, "model,points,unsolved,median_abs_error,within_25,peaks_within_15,"
                "peak_air_within_30,worst_peak_error,worst_peak_air_error,range_points,"
                "range_median_abs_error,range_within_25,range_unsolved\n");
    /* The slug unit without its churn entrance region and the default
     * with the digitiser's air reading (docs/lift.md's tables) only when
     * asked: REEMUD_LIFT_VALIDATION_ALL=1. */
    const char *every = getenv("REEMUD_LIFT_VALIDATION_ALL");
    size_t n_models = every && *every == '1' ? N_MODELS : 4;
    for (size_t k = 0; k < n_models; k++) {
        int inj = k == N_MODELS - 1;
        int is_def = !inj && models[k].model == def.column_model &&
                     (def.column_model == RM_LIFT_COLUMN_DRIFT_FLUX ||
                      models[k].entry == def.slug_entry_churn);
        print_message("column model %s%s\n", models[k].suffix + 1, is_def ? " (default)" : "");
        run_record(models[k].model, models[k].entry, inj, models[k].suffix + 1,
                   is_def ? "" : models[k].suffix, &all[k], is_def ? def_cs : NULL);
        if (is_def)
            rs = all[k];
        fprintf(fm, "%s,%zu,%zu,%.4f,%.4f,%zu,%zu,%.4f,%.4f,%zu,%.4f,%.4f,%zu\n",
                models[k].suffix + 1, all[k].n_nonzero, all[k].n_unsolved, all[k].med,
                all[k].within, all[k].peaks_ok, all[k].pos_ok, all[k].worst_peak,
                all[k].worst_pos, all[k].n_range, all[k].med_range, all[k].within_range,
                all[k].unsolved_range);
        assert_int_equal(all[k].n_curves, 18);
        assert_int_equal(all[k].n_nonzero, 278);
    }
    fclose(fm);
    /* The default is the best column model on the record: no worse than
     * the drift flux on any measure. */
    assert_true(rs.med <= all[0].med && rs.within >= all[0].within &&
                rs.n_unsolved <= all[0].n_unsolved && rs.peaks_ok >= all[0].peaks_ok &&
                rs.pos_ok >= all[0].pos_ok);
    per_curve_criteria(def_cs, rs.n_curves);
    /* Record-wide criteria, not met (median |error| 15.4 %
     * against <= 10 %, 69.4 % of points within +-25 % against >= 85 %):
     * the values reached, with a small margin, guard against a change that
     * makes the model worse on the record. */
    print_message("record: median |error| %.1f %% (target: <= 10 %%, not met), within +-25 %% "
                  "%.1f %% (target: >= 85 %%, not met), unsolved %zu (target: 0), peaks %zu/18, "
                  "peak air %zu/18\n",
                  100 * rs.med, 100 * rs.within, rs.n_unsolved, rs.peaks_ok, rs.pos_ok);
    assert_true(rs.med <= 0.16);
    assert_true(rs.within >= 0.69);
    assert_true(rs.n_unsolved <= 7);
    assert_true(rs.peaks_ok >= 13);
    assert_true(rs.pos_ok >= 14);
    /* Inside the range where 1-D slug-flow airlift theory is published as
     * agreeing with experiment (Todoroki et al. 1973; theory_range()): the
     * Stenning & Martin curves and Todoroki's Sr 0.5-0.7, 108 points.
     * There the record-wide targets are asserted as they stand:
     * median |error| <= 10 %, >= 85 % of points within +-25 %, none
     * unsolved. */
    assert_int_equal(rs.n_range, 108);
    assert_at_most(rs.med_range, 0.10);
    assert_true(rs.within_range >= 0.85);
    assert_int_equal(rs.unsolved_range, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lab_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
