/* test_report_sample.c — a complete sample report built from fixed numbers
 * with every figure type, the answers box, tables and provenance.
 *
 * Run by ctest it writes the sample under $REEMUD_TEST_TMP/report_sample
 * and checks that every file the page references exists.  Run with a
 * folder argument it only writes the sample there: tests/cli/
 * report_browser.sh does that and then renders the page in Chromium.  A
 * second argument names a sub-folder where `reemud supply` wrote its
 * figures: the page then also shows the supply chain's unmet chart, Sankey
 * (SVG) and bottleneck table, as the assessment's report does.
 *
 * The numbers are illustrative (a smooth synthetic ΣREY field, textbook
 * lift curves), not results of the pipeline.
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>

#include "reemud/core.h"
#include "reemud/report.h"
#include "reemud/validation.h"
#include "rm_test.h"

enum { NX = 48, NY = 36, NZ = 16 };

/* A smooth, deterministic ΣREY field (ppm): a high-grade lens near 3–6 mbsf
 * in the south-east of the block. */
static double sample_grade(size_t i, size_t j, double depth_mbsf)
{
    double x = (double)i / NX, y = (double)j / NY;
    double lateral = exp(-((x - 0.62) * (x - 0.62) + (y - 0.42) * (y - 0.42)) / 0.045);
    double vertical = exp(-pow((depth_mbsf - 4.5) / 2.6, 2));
    return 900.0 + 5200.0 * lateral * vertical + 180.0 * sin(7.0 * x) * cos(5.0 * y);
}

/* Deterministic pseudo-random numbers in [0, 1) (a 64-bit LCG), so the
 * sample never depends on a library's generator. */
static double lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

static rm_status write_figures(const char *dir, rm_error *err)
{
    rm_status st;
    static double grid3[NX * NY * NZ], plan[NX * NY];
    const double x0 = 560000.0, y0 = 2660000.0, dxy = 1000.0, dz = 0.625;
    for (size_t k = 0; k < NZ; k++)
        for (size_t j = 0; j < NY; j++)
            for (size_t i = 0; i < NX; i++)
                grid3[i + NX * (j + NY * k)] = sample_grade(i, j, (k + 0.5) * dz);
    for (size_t j = 0; j < NY; j++)
        for (size_t i = 0; i < NX; i++) {
            double sum = 0;
            for (size_t k = 0; k < NZ; k++)
                sum += grid3[i + NX * (j + NY * k)];
            plan[i + NX * j] = sum / NZ;
        }
    /* A corner outside the licence area: no estimate. */
    for (size_t j = NY - 5; j < NY; j++)
        for (size_t i = 0; i < 6; i++) {
            plan[i + NX * j] = NAN;
            for (size_t k = 0; k < NZ; k++)
                grid3[i + NX * (j + NY * k)] = NAN;
        }

    double core_x[8], core_y[8];
    const char *core_id[8] = {"PC01", "PC02", "PC03", "PC04", "PC05", "PC06", "PC07", "PC08"};
    uint64_t seed = 42;
    for (int c = 0; c < 8; c++) {
        core_x[c] = x0 + (4 + 40 * lcg(&seed)) * dxy;
        core_y[c] = y0 + (3 + 28 * lcg(&seed)) * dxy;
    }
    rm_fig_map map = {"Mean ΣREY, 0–10 mbsf", "ΣREY (ppm)", "UTM 56N", NX, NY, x0, y0, dxy, dxy,
                      plan, 8, core_x, core_y, core_id, 0, 0};
    if ((st = rm_fig_map_plan(dir, "map_sumrey", &map, err)))
        return st;

    rm_fig_section sec = {"Section along northing 2 675.5 km", "ΣREY (ppm)", "UTM 56N",
                          NX, NY, NZ, x0, y0, 0.0, dxy, dxy, dz, grid3,
                          RM_FIG_SECTION_ALONG_X, 15};
    if ((st = rm_fig_section_plot(dir, "section_x", &sec, err)))
        return st;

    enum { NC = 25 };
    double cut[NC], t[NC], t10[NC], t90[NC], g[NC], g10[NC], g90[NC];
    for (int i = 0; i < NC; i++) {
        cut[i] = 200.0 * i;
        double f = exp(-cut[i] / 2300.0);
        t[i] = 1.6e8 * f;
        t10[i] = 0.78 * t[i];
        t90[i] = 1.24 * t[i];
        g[i] = 2200.0 + 0.95 * cut[i];
        g10[i] = g[i] * 0.93;
        g90[i] = g[i] * 1.07;
    }
    rm_fig_gradetonnage gt = {"Grade–tonnage, 0–10 mbsf", "Cut-off ΣREY (ppm)",
                              "Mean ΣREY above cut-off (ppm)", NC, cut, t, g, t10, t90,
                              g10, g90};
    if ((st = rm_fig_gradetonnage_plot(dir, "grade_tonnage", &gt, err)))
        return st;

    enum { NL = 12, NM = 100 };
    double lag_h[NL], gam_h[NL], np_h[NL], lag_v[NL], gam_v[NL], np_v[NL];
    double mh[NM], mg_h[NM], mv[NM], mg_v[NM];
    for (int i = 0; i < NL; i++) {
        lag_h[i] = 1500.0 * (i + 0.5);
        double hr = lag_h[i] / 12000.0;
        gam_h[i] = 0.08 + 0.92 * (hr < 1 ? 1.5 * hr - 0.5 * hr * hr * hr : 1.0) +
                   0.05 * sin(3.0 * i);
        np_h[i] = 40 + 30 * i;
        lag_v[i] = 0.5 * (i + 0.5);
        double vr = lag_v[i] / 4.0;
        gam_v[i] = 0.05 + 0.95 * (1 - exp(-3 * vr)) + 0.04 * cos(2.0 * i);
        np_v[i] = 400 - 25 * i;
    }
    for (int i = 0; i < NM; i++) {
        mh[i] = 18000.0 * i / (NM - 1);
        double hr = mh[i] / 12000.0;
        mg_h[i] = (i == 0 ? 0 : 0.08) + 0.92 * (hr < 1 ? 1.5 * hr - 0.5 * hr * hr * hr : 1.0);
        mv[i] = 6.0 * i / (NM - 1);
        mg_v[i] = (i == 0 ? 0 : 0.05) + 0.95 * (1 - exp(-3 * mv[i] / 4.0));
    }
    rm_fig_vario_series vs[2] = {
        {"Horizontal", NL, lag_h, gam_h, np_h, NM, mh, mg_h, "0.08 Nug + 0.92 Sph(12000)"},
        {"Vertical ×3000", NL, NULL, gam_v, np_v, NM, NULL, mg_v, "0.05 Nug + 0.95 Exp(4)"},
    };
    /* Both directions on one lag axis: stretch the vertical lags. */
    double lag_v_s[NL], mv_s[NM];
    for (int i = 0; i < NL; i++)
        lag_v_s[i] = lag_v[i] * 3000.0;
    for (int i = 0; i < NM; i++)
        mv_s[i] = mv[i] * 3000.0;
    vs[1].lag_m = lag_v_s;
    vs[1].model_h_m = mv_s;
    rm_fig_variogram vg = {"Normal-score variograms of ΣREY", "Lag distance (m)",
                           "Semivariance γ(h) (normal scores)", 1.0, 2, vs};
    if ((st = rm_fig_variogram_plot(dir, "variogram", &vg, err)))
        return st;

    enum { NXV = 80 };
    double obs[NXV], est[NXV];
    for (int i = 0; i < NXV; i++) {
        obs[i] = 800 + 6000 * lcg(&seed) * lcg(&seed);
        est[i] = 0.75 * obs[i] + 0.25 * 2500 + 600 * (lcg(&seed) - 0.5);
    }
    est[3] = NAN; /* a hole with too few neighbours */
    rm_fig_xval xv = {"Leave-one-hole-out cross-validation", "Observed ΣREY (ppm)",
                      "Estimated ΣREY (ppm)", "slope of regression 0.75", NXV, obs, est};
    if ((st = rm_fig_xval_plot(dir, "xval", &xv, err)))
        return st;

    enum { ND = 61 };
    double depth[ND], p_sea[ND], p_riser[ND], alpha[ND];
    for (int i = 0; i < ND; i++) {
        depth[i] = 100.0 * i;
        p_sea[i] = 101325.0 + 1025.0 * 9.81 * depth[i];
        p_riser[i] = 101325.0 + 1180.0 * 9.81 * depth[i] * 0.97 + 2.0e5;
        alpha[i] = depth[i] > 3000 ? 0.0 : 0.82 * pow(1.0 - depth[i] / 3000.0, 1.6);
    }
    rm_fig_curve pc[2] = {{"Riser, slurry 1 180 kg/m³", ND, p_riser, depth, 0, 0},
                          {"Seawater hydrostatic", ND, p_sea, depth, 1, 0}};
    rm_fig_profile pp = {"Pressure along the riser", "Pressure (MPa)", NULL, 1e-6, 2, pc};
    if ((st = rm_fig_profile_plot(dir, "lift_pressure", &pp, err)))
        return st;
    rm_fig_curve ac[1] = {{"Airlift, injection at 3 000 m", ND, alpha, depth, 0, 0}};
    rm_fig_profile ap = {"Gas void fraction in the airlift riser", "Void fraction (–)", NULL,
                         1.0, 1, ac};
    if ((st = rm_fig_profile_plot(dir, "lift_void", &ap, err)))
        return st;

    enum { NR = 20 };
    double rate[NR], e_cl[NR], e_pump[NR], e_air[NR];
    for (int i = 0; i < NR; i++) {
        rate[i] = 100.0 + 100.0 * i;
        e_cl[i] = 45.0 + 9000.0 / rate[i];
        e_pump[i] = 30.0 + 0.004 * rate[i] + 4000.0 / rate[i];
        e_air[i] = 70.0 + 0.01 * rate[i] + 6000.0 / rate[i];
    }
    rm_fig_curve ec[3] = {{"Closed-loop circulation", NR, rate, e_cl, 0, 0},
                          {"Pump lift", NR, rate, e_pump, 0, 4},
                          {"Airlift", NR, rate, e_air, 0, 0}};
    rm_fig_lines el = {"Lift energy per tonne", "Production rate (t/day, dry)",
                       "Lift energy (kWh/t, dry)", 0, 1, 100.0, 100000.0, 350.0,
                       "2027 trial 350 t/day", 3, ec};
    if ((st = rm_fig_lines_plot(dir, "lift_energy", &el, err)))
        return st;

    const char *elem[15] = {"La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb",
                            "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Y"};
    double cover[15] = {4.1, 0.6, 2.2, 2.6, 9.5, 31, 21, 38, 24, 41, 27, 33, 22, 30, 64};
    int controlled[15] = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    rm_fig_coverage cv = {"Output as a share of Japan's demand", "Output / demand (%)", 1,
                          100.0, "100 % of demand", NULL, NULL, 15, elem, cover, controlled};
    if ((st = rm_fig_coverage_plot(dir, "coverage", &cv, err)))
        return st;

    enum { NS = 500 };
    double npv[NS];
    for (int i = 0; i < NS; i++) {
        double u = lcg(&seed) + lcg(&seed) + lcg(&seed) - 1.5;
        npv[i] = -180.0 + 420.0 * u;
    }
    rm_fig_mark marks[3] = {{-420.0, "P10"}, {-180.0, "P50"}, {60.0, "P90"}};
    rm_fig_histogram hist = {"NPV over price scenarios and realizations",
                             "NPV at 8 % (USD million)", NS, npv, 0, 3, marks};
    if ((st = rm_fig_histogram_plot(dir, "npv_hist", &hist, err)))
        return st;

    const char *par[6] = {"Oxide prices ±30 %", "ΣREY grade P10/P90", "Recovery 60–85 %",
                          "Capital cost ±25 %", "Lift energy ±40 %", "Discount rate 5–10 %"};
    double lo[6] = {-520, -390, -330, -90, -215, -60};
    double hi[6] = {160, 40, -60, -270, -150, -290};
    rm_fig_tornado tor = {"NPV sensitivity", "NPV at 8 % (USD million)", -180.0, 6, par, lo,
                          hi};
    return rm_fig_tornado_plot(dir, "npv_tornado", &tor, err);
}

/* The validation pack's figures (swaths, grade–tonnage check, top-cut
 * log-probability plot, neighbourhood analysis) from fixed illustrative
 * numbers: swath means from sample_grade, a slightly smoother "kriged" line,
 * a lognormal-looking set of composites for the top-cut. */
enum { NSL = 12, NGT = 8, NTC = 120, NKNA = 6 };
static rm_status write_validation_figures(const char *dir, rm_error *err)
{
    static double center[3][NSL], ncomp[3][NSL], nblk[3][NSL], comp[3][NSL], nn[3][NSL],
        blk[3][NSL];
    rm_validation v = {.nvar = 1, .elem = {-1}, .n_blocks = NX * NY * NZ, .n_composites = 240};
    for (int a = 0; a < 3; a++) {
        for (int l = 0; l < NSL; l++) {
            double f = (l + 0.5) / NSL;
            size_t i = a == 0 ? (size_t)(f * NX) : NX / 2, j = a == 1 ? (size_t)(f * NY) : NY / 2;
            double depth = a == 2 ? f * 10.0 : 4.5;
            center[a][l] = a == 2 ? depth : 1000.0 * f * (a == 0 ? NX : NY);
            nn[a][l] = sample_grade(i, j, depth);
            blk[a][l] = 0.85 * nn[a][l] + 0.15 * 1500.0;
            comp[a][l] = l % 3 == 1 ? NAN : nn[a][l] * (1.0 + 0.1 * sin(3.0 * l));
            ncomp[a][l] = l % 3 == 1 ? 0 : 20;
            nblk[a][l] = 400;
        }
        v.swath[a] = (rm_swath){.axis = a, .n_slices = NSL, .center_m = center[a],
                                .n_composites = ncomp[a], .n_blocks = nblk[a],
                                .composites_mean = comp[a], .nn_mean = nn[a],
                                .blocks_mean = blk[a]};
    }
    double cut[NGT] = {0, 500, 1000, 1500, 2000, 3000, 4000, 5000}, bt[NGT], dt[NGT], bg[NGT],
           dg[NGT];
    for (int k = 0; k < NGT; k++) {
        bt[k] = 100e6 * exp(-cut[k] / 1800.0);
        dt[k] = 100e6 * exp(-cut[k] / 1650.0);
        bg[k] = dg[k] = cut[k] + 1700.0;
    }
    v.n_gt = NGT;
    v.gt_cutoff_ppm = cut, v.gt_block_t = bt, v.gt_dgm_t = dt;
    v.gt_block_ppm = bg, v.gt_dgm_ppm = dg;
    rm_status st = rm_fig_validation(dir, &v, err);
    if (st)
        return st;

    static double score[NTC], sorted[NTC];
    for (int k = 0; k < NTC; k++) {
        score[k] = gsl_cdf_ugaussian_Pinv((k + 0.5) / NTC);
        sorted[k] = 900.0 * exp(0.8 * score[k]); /* ascending, as the figure expects */
    }
    rm_topcut_info tc = {.n_rows = 1, .n_samples = NTC, .normal_score = score};
    tc.rows[0] = (rm_topcut_row){.elem = -1, .cap_ppm = 4000, .n_capped = 3,
                                 .sorted_ppm = sorted};
    if ((st = rm_fig_topcut(dir, &tc, err)))
        return st;

    rm_kna_row rows[NKNA];
    size_t nmax[NKNA] = {4, 8, 12, 16, 24, 32};
    for (int k = 0; k < NKNA; k++)
        rows[k] = (rm_kna_row){.nmax = nmax[k], .maxdist_m = 0,
                               .slope_mean = 1.0 - 0.3 * exp(-(double)nmax[k] / 6.0),
                               .ke_mean = 0.8 - 0.5 * exp(-(double)nmax[k] / 6.0),
                               .slope_p10 = 0.95 - 0.5 * exp(-(double)nmax[k] / 6.0),
                               .blocks_estimated = 500, .blocks_tested = 500};
    rm_kna_table kt = {.n = NKNA, .rows = rows, .stride = 4};
    return rm_fig_kna(dir, &kt, err);
}

static const char *const sample_figures[] = {
    "map_sumrey", "section_x", "grade_tonnage", "variogram", "xval", "lift_pressure",
    "lift_void", "lift_energy", "coverage", "npv_hist", "npv_tornado",
    "swath_x", "swath_y", "swath_z", "validation_gt", "topcut", "kna", NULL};

/* Write the sample report (figures, run.json, report.html) into dir. */
static rm_status write_sample(const char *dir, const char *supply, rm_error *err)
{
    rm_status st = rm_outdir_prepare(dir, 1, NULL, err);
    if (!st)
        st = write_figures(dir, err);
    if (!st)
        st = write_validation_figures(dir, err);
    if (st)
        return st;

    char *argv[] = {"reemud", "assess", "examples/minamitorishima/project.ini"};
    rm_runinfo *ri = rm_runinfo_alloc(3, argv);
    rm_runinfo_param_num(ri, "seed", 20260201);
    rm_runinfo_param_num(ri, "realizations", 50);
    rm_runinfo_param_str(ri, "variogram", "0.08 Nug + 0.92 Sph(12000)");
    rm_runinfo_timing(ri, "estimate", 4.2);
    rm_runinfo_timing(ri, "simulate", 31.7);
    char html_path[4096], runjson[4096];
    snprintf(html_path, sizeof html_path, "%s/report.html", dir);
    snprintf(runjson, sizeof runjson, "%s/run.json", dir);
    /* Hash a file we just wrote, so an input row has a real SHA-256. */
    char fig_png[4096];
    snprintf(fig_png, sizeof fig_png, "%s/map_sumrey.png", dir);
    st = rm_runinfo_add_input(ri, "figure", fig_png, err);
    if (!st)
        st = rm_runinfo_write(ri, dir, err);
    rm_runinfo_free(ri);
    if (st)
        return st;

    rm_report *r = rm_report_alloc("Sample assessment <report layer test>");
    if (!r)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
#define TRY(call) do { if (!st) st = (call); } while (0)
    TRY(rm_report_set_notice(r, "Sample numbers for the report layer's own test — not an "
                                "assessment of any deposit.", err));
    TRY(rm_report_add_section(r, "Resource", err));
    TRY(rm_report_add_paragraph(r, "Kriged block model, 0–10 mbsf, 1 km × 1 km × 0.625 m "
                                   "blocks; cut-off & grades in ppm of dry mud.", err));
    TRY(rm_report_add_figure(r, "map_sumrey.png", "Mean ΣREY over 0–10 mbsf with core "
                                                  "locations.", err));
    TRY(rm_report_add_figure(r, "section_x.png", "Cross-section, ΣREY against depth.", err));
    TRY(rm_report_add_figure(r, "grade_tonnage.png", "Grade–tonnage with P10–P90 bands.", err));
    const char *head[4] = {"Cut-off (ppm)", "Tonnes (Mt)", "P10–P90 (Mt)", "Grade (ppm)"};
    const char *rows[8] = {"1,000", "103.4", "80.7–128.2", "3,150",
                           "2,000", "67.3", "52.5–83.5", "4,100"};
    TRY(rm_report_add_table(r, "Tonnage above cut-off", 4, head, 2, rows, err));
    TRY(rm_report_add_figure(r, "variogram.png", "Variograms and fitted models.", err));
    TRY(rm_report_add_figure(r, "xval.png", "Cross-validation.", err));
    TRY(rm_report_add_section(r, "How the estimate was validated", err));
    TRY(rm_report_add_kv(r, "Kriged − nearest-neighbour, ΣREY", "−0.14", "%", err));
    TRY(rm_report_add_figure(r, "swath_x.png", "Swath along easting.", err));
    TRY(rm_report_add_figure(r, "swath_y.png", "Swath along northing.", err));
    TRY(rm_report_add_figure(r, "swath_z.png", "Swath with depth.", err));
    TRY(rm_report_add_figure(r, "validation_gt.png", "Grade–tonnage check.", err));
    TRY(rm_report_add_figure(r, "topcut.png", "Top-cut log-probability plot.", err));
    TRY(rm_report_add_figure(r, "kna.png", "Kriging neighbourhood analysis.", err));
    TRY(rm_report_add_section(r, "Lift", err));
    TRY(rm_report_add_figure(r, "lift_pressure.png", "Pressure profile.", err));
    TRY(rm_report_add_figure(r, "lift_void.png", "Void fraction profile.", err));
    TRY(rm_report_add_figure(r, "lift_energy.png", "Energy against rate.", err));
    TRY(rm_report_add_section(r, "Supply and economics", err));
    TRY(rm_report_add_figure(r, "coverage.png", "Coverage per element.", err));
    TRY(rm_report_add_figure(r, "npv_hist.png", "NPV distribution.", err));
    TRY(rm_report_add_figure(r, "npv_tornado.png", "NPV tornado.", err));
    if (supply) {
        char rel[4096], frag[8192];
        TRY(rm_report_add_subheading(r, "The allied supply chain", err));
        snprintf(rel, sizeof rel, "%s/supply_unmet.svg", supply);
        TRY(rm_report_add_figure(r, rel, "Unmet demand per year and element.", err));
        snprintf(rel, sizeof rel, "%s/supply_sankey.svg", supply);
        TRY(rm_report_add_figure(r, rel, "Flows of one element, mines to markets.", err));
        snprintf(frag, sizeof frag, "%s/%s/supply_bottlenecks.html", dir, supply);
        TRY(rm_report_add_html_file(r, frag, err));
    }
    /* Added last, written first. */
    TRY(rm_report_add_answers(r, "The answers", err));
    TRY(rm_report_add_kv_num(r, "ΣREY resource above 1 000 ppm, P50", 103.4, 1, "Mt", err));
    TRY(rm_report_add_kv(r, "P10–P90", "80.7–128.2", "Mt", err));
    TRY(rm_report_add_kv_num(r, "Lift energy, closed loop at 350 t/day", 70.7, 1, "kWh/t", err));
    TRY(rm_report_add_kv_num(r, "NPV at 8 %, P50", -180, 0, "USD million", err));
    TRY(rm_report_add_kv_num(r, "Break-even rate", 12500, 0, "t/day dry", err));
    TRY(rm_report_add_paragraph(r, "Dy and Tb output would cover about a quarter of "
                                   "Japan's demand.", err));
    TRY(rm_report_add_provenance(r, runjson, err));
    TRY(rm_report_write_html(r, html_path, err));
#undef TRY
    rm_report_free(r);
    return st;
}

static void test_sample_report_complete(void **state)
{
    const char *dir = rm_test_dir("report_sample");
    assert_non_null(dir);
    char base[4096];
    snprintf(base, sizeof base, "%s", dir);
    rm_error err;
    rm_status st = write_sample(base, NULL, &err);
    if (st)
        fail_msg("%s", err.message);
    char path[4200];
    for (int i = 0; sample_figures[i]; i++)
        for (int e = 0; e < 2; e++) {
            snprintf(path, sizeof path, "%s/%s.%s", base, sample_figures[i], e ? "svg" : "png");
            struct stat sb;
            if (stat(path, &sb) != 0 || sb.st_size < 1000)
                fail_msg("missing or tiny figure %s", path);
        }
    /* Every <img src> in the page names a file that exists. */
    snprintf(path, sizeof path, "%s/report.html", base);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    static char html[1 << 20];
    size_t n = fread(html, 1, sizeof html - 1, fp);
    fclose(fp);
    html[n] = '\0';
    int images = 0;
    for (char *p = strstr(html, "<img src=\""); p; p = strstr(p + 1, "<img src=\"")) {
        char rel[256];
        const char *s = p + 10;
        size_t len = strcspn(s, "\"");
        assert_true(len < sizeof rel);
        memcpy(rel, s, len);
        rel[len] = '\0';
        snprintf(path, sizeof path, "%s/%s", base, rel);
        if (access(path, R_OK) != 0)
            fail_msg("report.html references %s, which does not exist", rel);
        images++;
    }
    assert_int_equal(images, 17); /* 11 + the validation pack's 6 */
    /* The title was escaped, the answers come before the first section. */
    assert_non_null(strstr(html, "Sample assessment &lt;report layer test&gt;"));
    assert_null(strstr(html, "<report layer test>"));
    char *answers = strstr(html, "class=\"answers\"");
    char *resource = strstr(html, "<h2>Resource</h2>");
    assert_non_null(answers);
    assert_non_null(resource);
    assert_true(answers < resource);
    assert_non_null(strstr(html, "<td class=\"value\">12,500</td>"));
    assert_non_null(strstr(html, "<h2>Provenance</h2>"));
    assert_non_null(strstr(html, "map_sumrey.svg"));
}

int main(int argc, char **argv)
{
    if (argc == 2 || argc == 3) {
        rm_error err;
        if (write_sample(argv[1], argc == 3 ? argv[2] : NULL, &err)) {
            fprintf(stderr, "test_report_sample: %s\n", err.message);
            return 1;
        }
        printf("%s/report.html\n", argv[1]);
        return 0;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_report_complete),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
