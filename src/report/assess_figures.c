/* assess_figures.c — the figures of the assessment report, drawn from the
 * stages' results with the report layer (report.h).  PLplot is not
 * thread-safe, so every figure is drawn here, one after the other.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "assess_internal.h"

const char *const rm_assess_figures[] = {
    "map_srey", "map_etype", "map_truth", "section_srey", "map_prob", "gradetonnage",
    "vario_horizontal", "vario_downhole", "xval", "truth_blocks", "lift_pressure",
    "lift_void", "lift_energy", "coverage_japan", "npv_hist", "tornado",
    /* the estimate's validation pack (fig_validation.c; topcut only with caps) */
    "swath_x", "swath_y", "swath_z", "validation_gt", "topcut", "kna", NULL};

static const char *thousands(double v, char *buf, size_t size);

size_t rm_assess_zero_cutoff(const rm_assess_result *r)
{
    for (size_t k = 0; k < r->sim.n_cutoffs; k++)
        if (r->sim.cutoffs_ppm[k] == 0)
            return k;
    return 0;
}

size_t rm_assess_best_rate(const rm_assess_result *r)
{
    size_t best = 0;
    for (size_t k = 1; k < r->chain.n_rates; k++)
        if (r->chain.rates[k].npv_p50_usd > r->chain.rates[best].npv_p50_usd)
            best = k;
    return best;
}

size_t rm_assess_largest_rate(const rm_assess_result *r)
{
    size_t best = 0;
    for (size_t k = 1; k < r->chain.n_rates; k++)
        if (r->chain.rates[k].rate_dry_t_per_day > r->chain.rates[best].rate_dry_t_per_day)
            best = k;
    return best;
}

size_t rm_assess_rate_index(const rm_assess_result *r, double t_per_day)
{
    for (size_t k = 0; k < r->chain.n_rates; k++)
        if (fabs(r->chain.rates[k].rate_dry_t_per_day - t_per_day) <= 0.01 * t_per_day)
            return k;
    return SIZE_MAX;
}

/* ---- resource ---- */

/* Draws the resource maps into dir: kriged ΣREY plan (with cores), the west–east section
 * through the row with most cores, the chance of reaching the cut-off nearest 1,000 ppm,
 * and the e-type and truth maps (when present) on the kriged map's colour scale. */
static rm_status fig_maps(const rm_assess_result *r, const char *dir, rm_error *err)
{
    const rm_resource_result *res = &r->job->res;
    const rm_blockmodel *bm = res->bm;
    const rm_grid *g = &bm->grid;
    const rm_drillholes *dh = res->holes;
    double *mean = rm_blockmodel_get_surface(bm, "SREY_mean_ppm");
    if (!mean)
        return rm_error_set(err, RM_EINTERNAL, "assess: the block model has no SREY_mean_ppm");
    char title[160];
    snprintf(title, sizeof title, "Kriged mean ΣREY, %g–%g mbsf, and the %zu cores",
             res->summary.top_mbsf, res->summary.bottom_mbsf, dh->n_holes);
    rm_fig_map map = {.title = title, .value_label = "ΣREY (ppm)", .crs_label = "UTM 56N",
                      .nx = g->nx, .ny = g->ny, .x0_m = g->x0, .y0_m = g->y0, .dx_m = g->dx,
                      .dy_m = g->dy, .values = mean, .n_points = dh->n_holes,
                      .point_x_m = dh->x, .point_y_m = dh->y,
                      .point_labels = (const char *const *)dh->hole_id};
    char crs[64];
    snprintf(crs, sizeof crs, "EPSG:%d", bm->epsg);
    map.crs_label = bm->epsg == 32656 ? "UTM 56N" : crs;
    rm_status st = rm_fig_map_plan(dir, "map_srey", &map, err);
    if (st)
        return st;

    /* Section along the grid row holding the most cores. */
    size_t *count = calloc(g->ny, sizeof *count), row = g->ny / 2, most = 0;
    if (!count)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    for (size_t h = 0; h < dh->n_holes; h++) {
        double j = floor((dh->y[h] - g->y0) / g->dy);
        if (j >= 0 && j < (double)g->ny)
            count[(size_t)j]++;
    }
    for (size_t j = 0; j < g->ny; j++)
        if (count[j] > most)
            most = count[j], row = j;
    free(count);
    char stitle[160];
    snprintf(stitle, sizeof stitle, "Kriged ΣREY in a west–east section at northing %.1f km",
             (g->y0 + ((double)row + 0.5) * g->dy) / 1000.0);
    rm_fig_section sec = {.title = stitle, .value_label = "ΣREY (ppm)", .crs_label = map.crs_label,
                          .nx = g->nx, .ny = g->ny, .nz = g->nz, .x0_m = g->x0, .y0_m = g->y0,
                          .z0_mbsf = g->z0, .dx_m = g->dx, .dy_m = g->dy, .dz_m = g->dz,
                          .values = rm_blockmodel_get(bm, "SREY_ppm"),
                          .axis = RM_FIG_SECTION_ALONG_X, .index = row};
    if ((st = rm_fig_section_plot(dir, "section_srey", &sec, err)))
        return st;

    /* Probability that the window's mean ΣREY reaches a cut-off. */
    size_t c = 0;
    double want = 1000;
    for (size_t k = 0; k < r->sim.n_cutoffs; k++)
        if (fabs(r->sim.cutoffs_ppm[k] - want) < fabs(r->sim.cutoffs_ppm[c] - want))
            c = k;
    char ptitle[160], plabel[96];
    snprintf(ptitle, sizeof ptitle, "Chance that mean ΣREY %g–%g mbsf ≥ %g ppm",
             r->job->params.top_mbsf, r->job->params.bottom_mbsf, r->sim.cutoffs_ppm[c]);
    snprintf(plabel, sizeof plabel, "P(ΣREY ≥ %g ppm)", r->sim.cutoffs_ppm[c]);
    rm_fig_map pm = map;
    pm.title = ptitle;
    pm.value_label = plabel;
    pm.values = r->sim.prob_above + c * g->nx * g->ny;
    pm.point_labels = NULL;
    pm.value_min = 0.0;
    pm.value_max = 1.0;
    if ((st = rm_fig_map_plan(dir, "map_prob", &pm, err)))
        return st;

    /* The e-type (mean of the realizations) and, for a synthetic deposit,
     * the truth, on the kriged map's colour scale so the three compare. */
    size_t plane = g->nx * g->ny;
    double lo = INFINITY, hi = -INFINITY;
    const double *maps3[3] = {mean, r->maps.etype_srey_ppm, r->maps.truth_srey_ppm};
    for (int m = 0; m < 3; m++)
        for (size_t i = 0; maps3[m] && i < plane; i++)
            if (isfinite(maps3[m][i]))
                lo = fmin(lo, maps3[m][i]), hi = fmax(hi, maps3[m][i]);
    if (r->maps.etype_srey_ppm) {
        char etitle[160];
        snprintf(etitle, sizeof etitle, "E-type mean ΣREY of %zu simulations, %g–%g mbsf",
                 r->sim.realizations, res->summary.top_mbsf, res->summary.bottom_mbsf);
        rm_fig_map em = map;
        em.title = etitle;
        em.values = r->maps.etype_srey_ppm;
        em.point_labels = NULL;
        em.value_min = lo;
        em.value_max = hi;
        if ((st = rm_fig_map_plan(dir, "map_etype", &em, err)))
            return st;
    }
    if (r->maps.truth_srey_ppm) {
        char ttitle[160];
        snprintf(ttitle, sizeof ttitle, "Synthetic truth: mean ΣREY, %g–%g mbsf",
                 res->summary.top_mbsf, res->summary.bottom_mbsf);
        rm_fig_map tm = map;
        tm.title = ttitle;
        tm.values = r->maps.truth_srey_ppm;
        tm.point_labels = NULL;
        tm.value_min = lo;
        tm.value_max = hi;
        if ((st = rm_fig_map_plan(dir, "map_truth", &tm, err)))
            return st;
    }
    return RM_OK;
}

/* Kriged against true ΣREY block by block (synthetic examples): every
 * block in the window up to 4,000, else an even thinning in grid order. */
static rm_status fig_truth_blocks(const rm_assess_result *r, const char *dir, rm_error *err)
{
    const rm_truth_blocks *tb = &r->truth_blocks;
    if (!tb->ok)
        return RM_OK;
    size_t every = tb->n > 4000 ? (tb->n + 3999) / 4000 : 1, m = 0;
    double *o = malloc((tb->n / every + 1) * sizeof *o), *e = malloc((tb->n / every + 1) * sizeof *e);
    if (!o || !e) {
        free(o), free(e);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < tb->n; i += every)
        o[m] = tb->truth_ppm[i], e[m] = tb->estimate_ppm[i], m++;
    char note[200], title[160];
    char nb[32];
    snprintf(note, sizeof note, "%s blocks: ME %.0f, RMSE %.0f ppm, r %.2f",
             thousands((double)tb->n, nb, sizeof nb), tb->mean_error_ppm, tb->rmse_ppm,
             tb->correlation);
    snprintf(title, sizeof title, "Kriged against true ΣREY, block by block");
    if (every > 1)
        snprintf(title, sizeof title, "Kriged against true ΣREY, every %zu%s block", every,
                 every == 2 ? "nd" : every == 3 ? "rd" : "th");
    rm_fig_xval x = {.title = title, .observed_label = "True ΣREY of the block (ppm)",
                     .estimated_label = "Kriged ΣREY of the block (ppm)", .note = note,
                     .n = m, .observed = o, .estimated = e};
    rm_status st = rm_fig_xval_plot(dir, "truth_blocks", &x, err);
    free(o), free(e);
    return st;
}

/* Draws gradetonnage: simulated P50 tonnage and grade against cut-off with P10–P90
 * bands. */
static rm_status fig_gt(const rm_assess_result *r, const char *dir, rm_error *err)
{
    size_t n = r->sim.n_cutoffs;
    const rm_sim_gt *q = &r->sim_gt;
    const double *a[6] = {q->mud_p10_t,     q->mud_p50_t,     q->mud_p90_t,
                          q->grade_p10_ppm, q->grade_p50_ppm, q->grade_p90_ppm};
    char title[160];
    snprintf(title, sizeof title,
             "Grade–tonnage %g–%g mbsf: P50 with the P10–P90 band of %zu realizations",
             r->job->params.top_mbsf, r->job->params.bottom_mbsf, r->sim.realizations);
    rm_fig_gradetonnage gt = {.title = title, .cutoff_label = "Cut-off ΣREY (ppm)",
                              .grade_label = "Mean ΣREY above cut-off (ppm)", .n = n,
                              .cutoff = r->sim.cutoffs_ppm, .tonnes = a[1], .grade = a[4],
                              .tonnes_p10 = a[0], .tonnes_p90 = a[2], .grade_p10 = a[3],
                              .grade_p90 = a[5]};
    return rm_fig_gradetonnage_plot(dir, "gradetonnage", &gt, err);
}

/* Draws vario_horizontal and vario_downhole: the experimental ΣREY variograms with the
 * model the estimate used. */
static rm_status fig_vario(const rm_assess_result *r, const char *dir, rm_error *err)
{
    const rm_srey_diag *d = &r->diag;
    enum { NM = RM_SREY_MODEL_POINTS };
    double gh[NM], gv[NM];
    /* Drawn relative to the variance of the composites' ΣREY, so the axis
     * reads 0–1.5 instead of millions of ppm². */
    double var = d->srey_variance_ppm2 > 0 ? d->srey_variance_ppm2 : 1.0;
    for (int k = 0; k < NM; k++) {
        gh[k] = d->model_horizontal_gamma_ppm2[k] / var;
        gv[k] = d->model_downhole_gamma_ppm2[k] / var;
    }
    double *eh = malloc((d->horizontal.n + 1) * sizeof *eh);
    double *ev = malloc((d->downhole.n + 1) * sizeof *ev);
    if (!eh || !ev) {
        free(eh), free(ev);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    for (size_t b = 0; b < d->horizontal.n; b++)
        eh[b] = d->horizontal.gamma_ppm2[b] / var;
    for (size_t b = 0; b < d->downhole.n; b++)
        ev[b] = d->downhole.gamma_ppm2[b] / var;
    rm_fig_vario_series sh = {.label = "horizontal, within composite layers",
                              .n_lags = d->horizontal.n, .lag_m = d->horizontal.lag_m,
                              .gamma = eh, .n_pairs = d->horizontal.pairs,
                              .n_model = NM, .model_h_m = d->model_horizontal_h_m,
                              .model_gamma = gh,
                              .model_label = "model used by the estimate"};
    rm_fig_variogram v = {.title = "ΣREY variogram, horizontal (composites)",
                          .gamma_label = "γ(h) / variance of ΣREY (–)",
                          .sill = d->srey_sill_ppm2 / var,
                          .n_series = 1, .series = &sh};
    rm_status st = rm_fig_variogram_plot(dir, "vario_horizontal", &v, err);
    if (st) {
        free(eh), free(ev);
        return st;
    }
    rm_fig_vario_series sv = {.label = "downhole, within cores", .n_lags = d->downhole.n,
                              .lag_m = d->downhole.lag_m, .gamma = ev,
                              .n_pairs = d->downhole.pairs, .n_model = NM,
                              .model_h_m = d->model_downhole_h_m,
                              .model_gamma = gv,
                              .model_label = "model used by the estimate"};
    v.title = "ΣREY variogram, downhole (composites)";
    v.lag_label = "Lag along the core (m)";
    v.series = &sv;
    st = rm_fig_variogram_plot(dir, "vario_downhole", &v, err);
    free(eh), free(ev);
    return st;
}

/* Draws xval: leave-one-core-out estimates against observed ΣREY, with ME, RMSE and r. */
static rm_status fig_xval(const rm_assess_result *r, const char *dir, rm_error *err)
{
    const rm_srey_diag *d = &r->diag;
    char note[160];
    if (d->n_xval == 0)
        snprintf(note, sizeof note, "no core could be estimated from the others");
    else if (isfinite(d->xval_correlation))
        snprintf(note, sizeof note, "ME %.0f ppm, RMSE %.0f ppm, r %.2f",
                 d->xval_mean_error_ppm, d->xval_rmse_ppm, d->xval_correlation);
    else
        snprintf(note, sizeof note, "ME %.0f ppm, RMSE %.0f ppm", d->xval_mean_error_ppm,
                 d->xval_rmse_ppm);
    rm_fig_xval x = {.title = "Cross-validation of ΣREY, leaving one core out at a time",
                     .observed_label = "Observed ΣREY (ppm)",
                     .estimated_label = "Estimated ΣREY (ppm)", .note = note, .n = d->n_xval,
                     .observed = d->xval_observed, .estimated = d->xval_estimated};
    return rm_fig_xval_plot(dir, "xval", &x, err);
}

/* ---- lift ---- */

/* Draws the lift figures: lift_pressure (riser pressure minus seawater hydrostatic per
 * system), lift_void (airlift void and solids fractions, when solved) and lift_energy
 * (shaft energy per dry tonne against rate, with the physical minimum). */
static rm_status fig_lift(const rm_assess_result *r, const char *dir, rm_error *err)
{
    const rm_assess_lift *L = &r->lift;
    rm_fig_curve curves[RM_ASSESS_NSYS + 1];
    double *px[RM_ASSESS_NSYS] = {0}, *py[RM_ASSESS_NSYS] = {0};
    double *hx = NULL, *hy = NULL;
    size_t nc = 0;
    rm_status st = RM_OK;
    const rm_lift_result *ref = NULL;
    for (int s = 0; s < RM_ASSESS_NSYS; s++) {
        const rm_lift_result *lr = &L->design[s];
        if (L->design_status[s] || !lr->n_nodes)
            continue;
        px[s] = malloc(lr->n_nodes * sizeof(double));
        py[s] = malloc(lr->n_nodes * sizeof(double));
        if (!px[s] || !py[s]) {
            st = rm_error_set(err, RM_ENOMEM, "out of memory");
            goto done;
        }
        /* Pressure above the seawater outside at the same depth (the
         * pipeline's rm_lift_profile_excess_pa). */
        for (size_t k = 0; k < lr->n_nodes; k++) {
            px[s][k] = L->excess_pa[s] ? L->excess_pa[s][k] : NAN;
            py[s][k] = lr->nodes[k].depth_m;
        }
        curves[nc] = (rm_fig_curve){rm_lift_systems[s]->name, lr->n_nodes, px[s], py[s],
                                    (int)nc, 0};
        /* Coincident curves (closed loop and pump lift share the riser's
         * pressure) stay visible through symbols. */
        curves[nc].marker = (int)(lr->n_nodes / 12 > 1 ? lr->n_nodes / 12 : 1);
        nc++;
        if (!ref || lr->n_nodes > ref->n_nodes)
            ref = lr;
    }
    if (ref) {
        /* The seawater outside: zero on this scale. */
        hx = malloc(2 * sizeof *hx);
        hy = malloc(2 * sizeof *hy);
        if (!hx || !hy) {
            st = rm_error_set(err, RM_ENOMEM, "out of memory");
            goto done;
        }
        hx[0] = hx[1] = 0.0;
        hy[0] = 0.0;
        hy[1] = L->depth_m;
        curves[nc++] = (rm_fig_curve){"seawater outside (hydrostatic)", 2, hx, hy, 1, 0};
    }
    char title[160];
    snprintf(title, sizeof title, "Riser pressure above the sea outside, %.0f dry t/day from %.0f m",
             L->params[0].rate_dry_tph * 24.0, L->depth_m);
    rm_fig_profile prof = {.title = title,
                           .x_label = "Pressure in the riser minus seawater hydrostatic (MPa)",
                           .x_scale = 1e-6, .n_curves = nc, .curves = curves};
    if (nc && (st = rm_fig_profile_plot(dir, "lift_pressure", &prof, err)))
        goto done;
    if (!nc) {
        st = rm_error_set(err, RM_EPHYS, "lift: no system lifts %.0f t/day from %.0f m: %s",
                          L->params[0].rate_dry_tph * 24.0, L->depth_m, L->design_error[0]);
        goto done;
    }
    /* Airlift void fraction (and solids) above the injection point. */
    int a = -1;
    for (int s = 0; s < RM_ASSESS_NSYS; s++)
        if (rm_lift_systems[s] == rm_lift_airlift && !L->design_status[s])
            a = s;
    if (a >= 0) {
        const rm_lift_result *lr = &L->design[a];
        double *vx = malloc(lr->n_nodes * sizeof *vx), *sx = malloc(lr->n_nodes * sizeof *sx);
        if (!vx || !sx) {
            free(vx), free(sx);
            st = rm_error_set(err, RM_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t k = 0; k < lr->n_nodes; k++)
            vx[k] = lr->nodes[k].void_fraction, sx[k] = lr->nodes[k].solids_fraction;
        rm_fig_curve vc[2] = {{"gas void fraction", lr->n_nodes, vx, py[a], 0, 0},
                              {"solids volume fraction (in situ)", lr->n_nodes, sx, py[a], 1, 0}};
        snprintf(title, sizeof title,
                 "Airlift: void fraction, air injected at %.0f m, %.0f dry t/day",
                 L->params[a].injection_depth_m, lr->rate_dry_tph * 24.0);
        rm_fig_profile vp = {.title = title, .x_label = "Volume fraction (–)", .x_scale = 1,
                             .n_curves = 2, .curves = vc};
        st = rm_fig_profile_plot(dir, "lift_void", &vp, err);
        free(vx), free(sx);
        if (st)
            goto done;
    }
    /* (No airlift solution: no void-fraction figure; the report says why.) */
    /* Energy against rate. */
    rm_fig_curve ec[RM_ASSESS_NSYS + 1];
    double minimum[RM_ASSESS_NRATES];
    for (int s = 0; s < RM_ASSESS_NSYS; s++)
        ec[s] = (rm_fig_curve){rm_lift_systems[s]->name, RM_ASSESS_NRATES, L->rates_t_per_day,
                               L->kwh_per_t[s], 0, 3};
    for (int k = 0; k < RM_ASSESS_NRATES; k++)
        minimum[k] = L->minimum_kwh_per_t;
    ec[RM_ASSESS_NSYS] = (rm_fig_curve){"physical minimum", RM_ASSESS_NRATES,
                                        L->rates_t_per_day, minimum, 1, 0};
    snprintf(title, sizeof title, "Lift energy per dry tonne from %.0f m, one riser",
             L->depth_m);
    rm_fig_lines lines = {.title = title, .x_label = "Production rate (dry t/day)",
                          .y_label = "Shaft energy (kWh per dry t)", .log_y = 1,
                          .log_x = 1, .x_min = 100, .x_max = 100000,
                          .marker_x = L->params[0].rate_dry_tph * 24.0,
                          .marker_label = "design rate", .n_curves = RM_ASSESS_NSYS + 1,
                          .curves = ec};
    st = rm_fig_lines_plot(dir, "lift_energy", &lines, err);
done:
    for (int s = 0; s < RM_ASSESS_NSYS; s++)
        free(px[s]), free(py[s]);
    free(hx), free(hy);
    return st;
}

/* ---- supply and economics ---- */

/* A whole number with thousands separators ("10,000"). */
static const char *thousands(double v, char *buf, size_t size)
{
    char plain[32];
    snprintf(plain, sizeof plain, "%.0f", fabs(v));
    size_t n = strlen(plain), o = 0;
    if (v < 0 && o + 1 < size)
        buf[o++] = '-';
    for (size_t i = 0; i < n && o + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = plain[i];
    }
    buf[o] = '\0';
    return buf;
}

/* Draws coverage_japan (output at the largest rate over Japan's demand), npv_hist (Monte
 * Carlo NPV at the best rate) and tornado (its sensitivities). */
static rm_status fig_chain(const rm_assess_result *r, const char *dir, rm_error *err)
{
    const rm_chain_config *cfg = r->chain_cfg;
    const rm_chain_rate *big = &r->chain.rates[rm_assess_largest_rate(r)];
    const char *names[RM_NREY];
    double cov[RM_NREY];
    int ctl[RM_NREY];
    for (int e = 0; e < RM_NREY; e++) {
        names[e] = rm_element(e)->symbol;
        cov[e] = 100.0 * big->coverage[0].coverage_demand[RM_MARKET_JAPAN][e];
        ctl[e] = cfg->n_scenarios ? rm_supply_controlled(&cfg->tables, &cfg->scenarios[0], e)
                                  : 0;
    }
    char title[160];
    char rate[32];
    snprintf(title, sizeof title, "Output at %s dry t/day as a share of Japan's demand",
             thousands(big->rate_dry_t_per_day, rate, sizeof rate));
    /* Nothing minable: every share is 0, which a log axis cannot show. */
    int any_output = 0;
    for (int e = 0; e < RM_NREY; e++)
        any_output |= cov[e] > 0;
    rm_fig_coverage c = {.title = title, .y_label = "Output / Japan's demand (%)",
                         .log_y = any_output,
                         .reference = 100, .reference_label = "100 % of demand",
                         .controlled_label = "On China's export-control lists",
                         .n = RM_NREY, .names = names, .values = cov, .controlled = ctl};
    rm_status st = rm_fig_coverage_plot(dir, "coverage_japan", &c, err);
    if (st)
        return st;

    const rm_chain_rate *best = &r->chain.rates[rm_assess_best_rate(r)];
    size_t nd = best->npv_draws_usd ? (size_t)cfg->draws : 0;
    double *musd = malloc((nd ? nd : 1) * sizeof *musd);
    if (!musd)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    for (size_t k = 0; k < nd; k++)
        musd[k] = best->npv_draws_usd[k] / 1e6;
    rm_fig_mark marks[3] = {{best->npv_p10_usd / 1e6, "P10"},
                            {best->npv_p50_usd / 1e6, "P50"},
                            {best->npv_p90_usd / 1e6, "P90"}};
    snprintf(title, sizeof title, "NPV at %s dry t/day: %zu Monte Carlo draws",
             thousands(best->rate_dry_t_per_day, rate, sizeof rate), nd);
    rm_fig_histogram h = {.title = title, .x_label = "NPV (USD million)", .n = nd,
                          .values = musd, .n_marks = 3, .marks = marks};
    st = nd ? rm_fig_histogram_plot(dir, "npv_hist", &h, err)
            : rm_error_set(err, RM_EINVAL, "assess: no Monte Carlo draws ([economics] draws)");
    free(musd);
    if (st)
        return st;

    char tnames[RM_NUNC][96];
    const char *tn[RM_NUNC];
    double lo[RM_NUNC], hi[RM_NUNC];
    for (int u = 0; u < RM_NUNC; u++) {
        const rm_chain_tornado *t = &best->tornado[u];
        /* "vessel_day_rate_factor" → "vessel day rate ×0.625–1.5" */
        char nm[64];
        snprintf(nm, sizeof nm, "%s", rm_chain_uncertain_name(t->parameter));
        char *f = strstr(nm, "_factor");
        int factor = f != NULL;
        if (f)
            *f = '\0';
        for (char *c2 = nm; *c2; c2++)
            if (*c2 == '_')
                *c2 = ' ';
        if (factor)
            snprintf(tnames[u], sizeof tnames[u], "%s ×%.3g–%.3g", nm, t->low_value,
                     t->high_value);
        else if (t->parameter == RM_UNC_DISCOUNT)
            snprintf(tnames[u], sizeof tnames[u], "%s %.3g–%.3g %%", nm, 100 * t->low_value,
                     100 * t->high_value);
        else
            snprintf(tnames[u], sizeof tnames[u], "%s %.3g–%.3g", nm, t->low_value,
                     t->high_value);
        tn[u] = tnames[u];
        lo[u] = t->npv_low_usd / 1e6;
        hi[u] = t->npv_high_usd / 1e6;
    }
    snprintf(title, sizeof title, "NPV sensitivity at %s dry t/day",
             thousands(best->rate_dry_t_per_day, rate, sizeof rate));
    rm_fig_tornado tor = {.title = title, .x_label = "NPV (USD million)",
                          .base = best->econ.npv_usd / 1e6, .n = RM_NUNC, .names = tn,
                          .low = lo, .high = hi};
    return rm_fig_tornado_plot(dir, "tornado", &tor, err);
}

/* ---- how the estimate was validated ---- */

/* Draws the estimate's validation pack into dir: the swaths along x, y and
 * depth and the grade–tonnage check (always), the top-cut log-probability
 * plot (when caps were applied) and the neighbourhood analysis (when it ran). */
static rm_status fig_validation(const rm_assess_result *r, const char *dir, rm_error *err)
{
    const rm_resource_result *res = &r->job->res;
    rm_status st;
    if ((st = rm_fig_validation(dir, &res->validation, err)))
        return st;
    if (res->topcut.n_rows > 0 && (st = rm_fig_topcut(dir, &res->topcut, err)))
        return st;
    if (r->kna.n > 0 && (st = rm_fig_kna(dir, &r->kna, err)))
        return st;
    return RM_OK;
}

rm_status rm_assess_figures_draw(const rm_assess_result *r, const char *dir, rm_error *err)
{
    rm_status st;
    if ((st = fig_validation(r, dir, err)))
        return st;
    if ((st = fig_maps(r, dir, err)) || (st = fig_gt(r, dir, err)) ||
        (st = fig_vario(r, dir, err)) || (st = fig_xval(r, dir, err)) ||
        (st = fig_truth_blocks(r, dir, err)) ||
        (st = fig_lift(r, dir, err)) || (st = fig_chain(r, dir, err)))
        return st;
    return RM_OK;
}
