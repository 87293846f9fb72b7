/* assess_report.c — the words and tables of report.html.
 *
 * The page answers the four questions of the product first, in a sentence
 * or two each with numbers, units and their uncertainty, then gives one
 * section per question with the figures and tables behind the answer, then
 * the limits of the method and the provenance (run.json).  Every number
 * printed here comes from a stage's result; nothing is computed but sums
 * and unit conversions.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "assess_internal.h"

/* ---- number formatting ---- */

/* v with `decimals` digits after the point and thousands separators. */
static const char *fmt(char *buf, size_t size, double v, int decimals)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    char plain[64];
    snprintf(plain, sizeof plain, "%.*f", decimals, fabs(v));
    size_t int_len = strcspn(plain, ".");
    size_t o = 0;
    if (v < 0 && strspn(plain, "0.") != strlen(plain))
        o += (size_t)snprintf(buf, size, "−"); /* U+2212 minus */
    for (size_t i = 0; plain[i] && o + 4 < size; i++) {
        if (i > 0 && i < int_len && (int_len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = plain[i];
    }
    buf[o] = '\0';
    return buf;
}

/* v to about `sig` significant digits (never fewer than 0 decimals). */
static const char *sig(char *buf, size_t size, double v, int sig_digits)
{
    if (!isfinite(v) || v == 0)
        return fmt(buf, size, v, 0);
    int mag = (int)floor(log10(fabs(v)));
    int dec = sig_digits - 1 - mag;
    return fmt(buf, size, v, dec < 0 ? 0 : dec);
}

/* A small string pool so one sentence can hold many formatted numbers. */
typedef struct pool {
    char s[24][48];
    int i;
} pool;

/* v with `decimals` decimals (see fmt), in the next of p's 24 rotating buffers: valid
 * until 24 more numbers are formatted. */
static const char *N(pool *p, double v, int decimals)
{
    char *b = p->s[p->i++ % 24];
    return fmt(b, 48, v, decimals);
}

/* v to about `digits` significant digits (see sig), in the next of p's 24 rotating
 * buffers: valid until 24 more numbers are formatted. */
static const char *S(pool *p, double v, int digits)
{
    char *b = p->s[p->i++ % 24];
    return sig(b, 48, v, digits);
}

/* Adds a paragraph formatted printf-style from f (cut at 4,095 bytes) to rep. */
static rm_status para(rm_report *rep, rm_error *err, const char *f, ...)
    __attribute__((format(printf, 3, 4)));
static rm_status para(rm_report *rep, rm_error *err, const char *f, ...)
{
    char text[4096];
    va_list ap;
    va_start(ap, f);
    vsnprintf(text, sizeof text, f, ap);
    va_end(ap);
    return rm_report_add_paragraph(rep, text, err);
}

/* A figure if it was drawn (figures the data could not support are left
 * out and the text says why). */
static rm_status figure(rm_report *rep, const char *dir, const char *name, const char *caption,
                        rm_error *err)
{
    char rel[256], path[4096];
    snprintf(rel, sizeof rel, "figures/%s.png", name);
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    struct stat sb;
    if (stat(path, &sb) != 0)
        return RM_OK;
    return rm_report_add_figure(rep, rel, caption, err);
}

/* A table from a flat array of cell strings. */
typedef struct table {
    size_t ncols, nrows, cap;
    char **cells;
} table;

/* Appends a cell formatted printf-style from f (cut at 255 bytes) to t; t->cells must
 * have room for every cell added.  A failed copy is a NULL cell, reported by t_emit. */
static void t_add(table *t, const char *f, ...) __attribute__((format(printf, 2, 3)));
static void t_add(table *t, const char *f, ...)
{
    if (t->nrows * t->ncols + t->cap >= 4096)
        return;
    char text[256];
    va_list ap;
    va_start(ap, f);
    vsnprintf(text, sizeof text, f, ap);
    va_end(ap);
    t->cells[t->cap++] = strdup(text);
}

/* Adds t's cells as a report table (rows = cells / ncols) under head with caption, then
 * frees the cells and empties t; RM_ENOMEM if a cell could not be copied. */
static rm_status t_emit(rm_report *rep, const char *caption, table *t, const char *const *head,
                        rm_error *err)
{
    t->nrows = t->cap / t->ncols;
    rm_status st = RM_OK;
    for (size_t k = 0; k < t->cap && !st; k++)
        if (!t->cells[k])
            st = rm_error_set(err, RM_ENOMEM, "out of memory");
    if (!st)
        st = rm_report_add_table(rep, caption, t->ncols, head, t->nrows,
                                 (const char *const *)t->cells, err);
    for (size_t k = 0; k < t->cap; k++)
        free(t->cells[k]);
    t->cap = 0;
    return st;
}

static const int key_el[] = {RM_DY, RM_TB, RM_ND, RM_Y, RM_EU};
enum { NKEY = 5 };

/* ---- the page ---- */

/* The answers box: the four questions (resource, lift, plant output, market and
 * economics) answered in a sentence each from r's numbers, with the key figures as
 * key–value rows. */
static rm_status answers(rm_report *rep, const rm_assess_result *r, rm_error *err)
{
    pool p = {0};
    const rm_resource_result *res = &r->job->res;
    const rm_resource_summary *sm = &res->summary;
    size_t z = rm_assess_zero_cutoff(r);
    const rm_sim_quantiles *q = &r->sim.reo_t[z];
    const rm_assess_lift *L = &r->lift;
    const rm_chain_result *ch = &r->chain;
    rm_status st = rm_report_add_answers(rep, "The four answers", err);
    if (st)
        return st;
    double mi = sm->class_reo_t[RM_CLASS_MEASURED] + sm->class_reo_t[RM_CLASS_INDICATED];
    char truth[512] = "";
    if (r->truth_path[0])
        snprintf(truth, sizeof truth, "; the synthetic truth holds %s Mt",
                 S(&p, r->truth_reo_t / 1e6, 3));
    /* 1. Resource: the simulation's P50 and 80 % range, then kriging. */
    if ((st = para(rep, err,
                   "1. How much is there, where, and how sure are we? The top %s–%s m of mud "
                   "hold %s Mt of rare-earth oxides (REO), with an 80 %% chance of %s–%s Mt "
                   "(P10–P90 of %zu simulations), in %s Gt of dry mud at %s ppm ΣREY; the "
                   "richest mud is where the maps are yellow. Kriging gives %s Mt, %s Mt of "
                   "it measured or indicated%s.",
                   N(&p, sm->top_mbsf, 0), N(&p, sm->bottom_mbsf, 0), S(&p, q->p50 / 1e6, 3),
                   S(&p, q->p10 / 1e6, 3), S(&p, q->p90 / 1e6, 3), r->sim.realizations,
                   S(&p, sm->total_mud_t / 1e9, 3), N(&p, sm->mean_srey_ppm, 0),
                   S(&p, sm->total_reo_t / 1e6, 3), S(&p, mi / 1e6, 3), truth)))
        return st;
    /* 2. Lift: the project's system at 350 and 3,500 t/day, with the range
     * of the lift-energy factor the economics carries. */
    int d = L->default_system;
    size_t best = rm_assess_best_rate(r);
    const rm_chain_rate *bb = &ch->rates[best];
    double e_lo = NAN, e_hi = NAN;
    for (int u = 0; u < RM_NUNC; u++)
        if (bb->tornado[u].parameter == RM_UNC_LIFT_ENERGY)
            e_lo = bb->tornado[u].low_value, e_hi = bb->tornado[u].high_value;
    char unc[160] = "";
    if (isfinite(e_lo) && isfinite(e_hi))
        snprintf(unc, sizeof unc, " (%s–%s kWh/t if the model is off by ×%.3g–%.3g, the "
                                  "range the economics carries)",
                 S(&p, e_lo * L->kwh_per_t_350[d], 2), S(&p, e_hi * L->kwh_per_t_350[d], 2),
                 e_lo, e_hi);
    int lifts = isfinite(L->kwh_per_t_350[d]);
    if ((st = para(rep, err,
                   "2. Can we lift it, and at what energy? %s: from %s m of water the %s "
                   "system needs %s kWh of shaft energy per dry tonne at 350 t/day%s, and %s "
                   "kWh/t at 3,500 t/day, against a physical minimum of %s kWh/t. Energy is "
                   "%s %% of the operating cost at %s t/day; the airlift needs %s kWh/t.",
                   lifts ? "Yes" : "Not at 350 t/day with this riser", N(&p, L->depth_m, 0),
                   rm_lift_systems[d]->name, S(&p, L->kwh_per_t_350[d], 3), unc,
                   S(&p, L->kwh_per_t_3500[d], 3), S(&p, L->minimum_kwh_per_t, 2),
                   S(&p, 100 * ch->rates[0].econ.opex_energy_usd_per_year /
                             ch->rates[0].econ.opex_usd_per_year, 2),
                   N(&p, ch->rates[0].rate_dry_t_per_day, 0), S(&p, L->kwh_per_t_350[2], 3))))
        return st;
    /* 3. Plant output at the first and largest rates, with the recovery
     * range of the economics. */
    size_t big = rm_assess_largest_rate(r);
    const rm_chain_rate *c0 = &ch->rates[0], *cb = &ch->rates[big];
    double r_lo = NAN, r_hi = NAN;
    for (int u = 0; u < RM_NUNC; u++)
        if (bb->tornado[u].parameter == RM_UNC_RECOVERY)
            r_lo = bb->tornado[u].low_value, r_hi = bb->tornado[u].high_value;
    char runc[160] = "";
    if (isfinite(r_lo) && isfinite(r_hi))
        snprintf(runc, sizeof runc, " (%s–%s t for recoveries ×%.3g–%.3g of the base)",
                 S(&p, r_lo * c0->reo_t_per_year, 3), S(&p, r_hi * c0->reo_t_per_year, 3),
                 r_lo, r_hi);
    if ((st = para(rep, err,
                   "3. What comes out of the plant? At %s dry t/day, %s t of separated REO a "
                   "year%s, including %s t Dy₂O₃, %s t Tb₄O₇ and %s t Nd₂O₃. At %s t/day, "
                   "%s t REO a year (%s t Dy₂O₃, %s t Tb₄O₇).",
                   N(&p, c0->rate_dry_t_per_day, 0), S(&p, c0->reo_t_per_year, 3), runc,
                   S(&p, c0->oxide_t_per_year[RM_DY], 2), S(&p, c0->oxide_t_per_year[RM_TB], 2),
                   S(&p, c0->oxide_t_per_year[RM_ND], 3), N(&p, cb->rate_dry_t_per_day, 0),
                   S(&p, cb->reo_t_per_year, 3), S(&p, cb->oxide_t_per_year[RM_DY], 3),
                   S(&p, cb->oxide_t_per_year[RM_TB], 3))))
        return st;
    const double *cj = cb->coverage[0].coverage_demand[RM_MARKET_JAPAN];
    char pays[512];
    char why[400];
    if (rm_chain_nothing_minable(ch, r->chain_cfg, why, sizeof why))
        snprintf(pays, sizeof pays, "it does NOT pay: %s", why);
    else if (isfinite(ch->breakeven_rate_dry_t_per_day))
        snprintf(pays, sizeof pays, "it pays above about %s dry t/day (the break-even rate)",
                 S(&p, ch->breakeven_rate_dry_t_per_day, 3));
    else
        snprintf(pays, sizeof pays,
                 "it does NOT pay: no rate between %s and %s dry t/day breaks even at the "
                 "base prices",
                 N(&p, r->chain_cfg->breakeven_rate_min, 0),
                 N(&p, r->chain_cfg->breakeven_rate_max, 0));
    /* Which of Dy and Tb are on an export-control list (data/controls.csv). */
    int dy_c = r->chain_cfg->tables.control[RM_DY] != RM_CONTROL_NONE;
    int tb_c = r->chain_cfg->tables.control[RM_TB] != RM_CONTROL_NONE;
    const char *ctl = dy_c && tb_c ? "both on China's export-control lists"
                      : dy_c       ? "Dy is on China's export-control lists"
                      : tb_c       ? "Tb is on China's export-control lists"
                                   : "neither is on China's export-control lists";
    if ((st = para(rep, err,
                   "4. Does it matter, and does it pay? At %s t/day the output would cover "
                   "%s %% of Japan's dysprosium and %s %% of its terbium demand (%s). "
                   "Economically %s; at %s t/day the NPV is %s USD million (P50; P10 %s, P90 "
                   "%s; chance of a positive NPV %s %%).",
                   N(&p, cb->rate_dry_t_per_day, 0), S(&p, 100 * cj[RM_DY], 2),
                   S(&p, 100 * cj[RM_TB], 2), ctl, pays, N(&p, bb->rate_dry_t_per_day, 0),
                   N(&p, bb->npv_p50_usd / 1e6, 0), N(&p, bb->npv_p10_usd / 1e6, 0),
                   N(&p, bb->npv_p90_usd / 1e6, 0), N(&p, 100 * bb->prob_npv_positive, 0))))
        return st;
    /* The supply network's answer for Japan under the Sankey's scenario, without
     * and with Minamitorishima at the largest rate. */
    if (r->supply_ok && r->supply_cfg.n_scenarios) {
        const rm_supply_run_config *sc = &r->supply_cfg;
        size_t s = (size_t)sc->sankey_scenario, last = r->supply.n_cases - 1;
        rm_supply_shortfall f0, f1;
        rm_supply_first_shortfall(&r->supply, s, 0, RM_SM_JAPAN, &f0);
        rm_supply_first_shortfall(&r->supply, s, last, RM_SM_JAPAN, &f1);
        char a0[160], a1[200];
        if (f0.year)
            snprintf(a0, sizeof a0, "first runs short in %d of %s (binding: %s)", f0.year,
                     rm_element(f0.element)->symbol, rm_bind_name(f0.binding));
        else
            snprintf(a0, sizeof a0, "does not run short to %d", sc->year_to);
        if (!last)
            snprintf(a1, sizeof a1, "the chain ran no rate");
        else if (f1.year)
            snprintf(a1, sizeof a1, "with Minamitorishima at %s t/day from %d, in %d of %s",
                     N(&p, sc->rate_dry_t_per_day[last - 1], 0), sc->mts_start_year, f1.year,
                     rm_element(f1.element)->symbol);
        else
            snprintf(a1, sizeof a1, "with Minamitorishima at %s t/day, not to %d",
                     N(&p, sc->rate_dry_t_per_day[last - 1], 0), sc->year_to);
        if ((st = para(rep, err,
                       "In the allied supply network under the scenario %s, Japan %s; %s; "
                       "its unmet demand over %d–%d, all elements: %s t without, %s t with. China holds %s %% "
                       "of separation and %s %% of magnet capacity (%d).",
                       r->supply_net.scenario[sc->scenario[s]].name, a0, a1, sc->year_from,
                       sc->year_to, S(&p, f0.unmet_total_t, 3), S(&p, f1.unmet_total_t, 3),
                       N(&p, 100 * r->supply.china_stage_share[1], 0),
                       N(&p, 100 * r->supply.china_stage_share[2], 0), sc->baseline_year)))
            return st;
    }
    /* The key numbers, one per row. */
    if ((st = rm_report_add_kv_num(rep, "REO in place, P50", q->p50 / 1e6, 2, "Mt", err)) ||
        (st = rm_report_add_kv(rep, "REO in place, P10–P90",
                               (snprintf(p.s[0], 48, "%.2f–%.2f", q->p10 / 1e6, q->p90 / 1e6),
                                p.s[0]),
                               "Mt", err)) ||
        (st = rm_report_add_kv_num(rep, "Lift energy, default system, 350 t/day",
                                   L->kwh_per_t_350[d], 1, "kWh per dry t", err)) ||
        (st = rm_report_add_kv_num(rep,
                                   (snprintf(p.s[1], 48, "REO output at %.0f t/day",
                                             c0->rate_dry_t_per_day),
                                    p.s[1]),
                                   c0->reo_t_per_year, 0, "t per year", err)) ||
        (st = rm_report_add_kv_num(rep, "Dy₂O₃ output at the largest rate",
                                   cb->oxide_t_per_year[RM_DY], 1, "t per year", err)) ||
        (st = rm_report_add_kv_num(rep, "NPV P50 at the best rate", bb->npv_p50_usd / 1e6, 0,
                                   "USD million", err)) ||
        (st = rm_report_add_kv_num(rep, "Break-even rate", ch->breakeven_rate_dry_t_per_day, 0,
                                   "dry t/day (n/a = none: does not pay)", err)))
        return st;
    return RM_OK;
}

/* The block-by-block check against a synthetic truth: the true map, the
 * scatter and the table by class. */
static rm_status truth_blocks(rm_report *rep, const rm_assess_result *r, const char *dir,
                              rm_error *err)
{
    pool p = {0};
    const rm_truth_blocks *tb = &r->truth_blocks;
    if (!r->truth_path[0])
        return RM_OK;
    if (!tb->ok)
        return para(rep, err,
                    "No block-by-block check against the truth: %s. Only the totals are "
                    "compared below.",
                    tb->error[0] ? tb->error : "no truth block model");
    rm_status st;
    if ((st = rm_report_add_subheading(rep, "Check against the synthetic truth, block by block",
                                       err)) ||
        (st = para(rep, err,
                   "The example deposit is made up, so the estimate can be checked against "
                   "what is really there in every block of %s × %s × %s m. Over the %zu "
                   "blocks in the window the kriged ΣREY is off the true ΣREY by %s ppm on "
                   "average (RMSE %s ppm, correlation %s); the e-type of the simulations has "
                   "an RMSE of %s ppm. Kriging smooths: single blocks are far less certain "
                   "than the totals.",
                   N(&p, r->job->res.bm->grid.dx, 0), N(&p, r->job->res.bm->grid.dy, 0),
                   N(&p, r->job->res.bm->grid.dz, 1), tb->n, N(&p, tb->mean_error_ppm, 0),
                   N(&p, tb->rmse_ppm, 0), N(&p, tb->correlation, 2),
                   N(&p, tb->etype_rmse_ppm, 0))) ||
        (st = figure(rep, dir, "map_truth",
                     "The synthetic truth averaged over the window, on the kriged map's colour "
                     "scale: compare with the kriged and e-type maps above.",
                     err)) ||
        (st = figure(rep, dir, "truth_blocks",
                     "Kriged ΣREY against the true ΣREY of each block in the window, with "
                     "the 1:1 line.",
                     err)))
        return st;
    static const char *const h[] = {"Class", "Dry mud (Mt)", "Kriged mean ΣREY (ppm)",
                                    "True mean ΣREY (ppm)", "Kriged − true (%)"};
    char *cells[5 * (RM_NCLASS + 1)];
    table t = {.ncols = 5, .cells = cells};
    for (int c = 1; c <= RM_NCLASS + 1; c++) {
        int i = c <= RM_NCLASS ? c : 0;
        const rm_truth_check *k = &tb->by_class;
        t_add(&t, "%s", i ? rm_class_name(i) : "all blocks");
        t_add(&t, "%s", N(&p, k->mud_t[i] / 1e6, 0));
        t_add(&t, "%s", N(&p, k->est_mean_srey_ppm[i], 0));
        t_add(&t, "%s", N(&p, k->truth_mean_srey_ppm[i], 0));
        t_add(&t, "%s", N(&p, 100 * (k->est_mean_srey_ppm[i] - k->truth_mean_srey_ppm[i]) /
                                  k->truth_mean_srey_ppm[i],
                          1));
    }
    char cap[256];
    snprintf(cap, sizeof cap,
             "Kriged and true mean ΣREY in the same blocks, by resource class, %g–%g mbsf "
             "(tonnage-weighted; n/a: no block in the class).",
             r->job->params.top_mbsf, r->job->params.bottom_mbsf);
    return t_emit(rep, cap, &t, h, err);
}

/* ---- how the estimate was validated ---- */

/* The name of variable k of a validation pack (ΣREY or an element's symbol). */
static const char *valid_var_name(const rm_validation *v, size_t k)
{
    return v->elem[k] < 0 ? "ΣREY" : rm_element(v->elem[k])->symbol;
}

/* The global means: ΣREY kriged against the nearest-neighbour model with the blocks and
 * composites behind them as key–value rows, then every variable of the pack in a table
 * (the numbers of validation_global.csv). */
static rm_status valid_global(rm_report *rep, const rm_validation *v, rm_error *err)
{
    pool p = {0};
    rm_status st;
    if ((st = rm_report_add_kv(rep, "Estimated blocks compared", N(&p, (double)v->n_blocks, 0),
                               NULL, err)) ||
        (st = rm_report_add_kv(rep, "Composites", N(&p, (double)v->n_composites, 0), NULL,
                               err)))
        return st;
    char *cells[6 * RM_VALID_MAXVAR];
    table t = {.ncols = 6, .cells = cells};
    for (size_t k = 0; k < v->nvar; k++) {
        double diff = v->nn_mean[k] > 0 ? 100 * (v->kriged_mean[k] / v->nn_mean[k] - 1) : NAN;
        if (k == 0 && v->elem[0] < 0) {
            if ((st = rm_report_add_kv(rep, "Kriged mean ΣREY", S(&p, v->kriged_mean[0], 4),
                                       "ppm", err)) ||
                (st = rm_report_add_kv(rep, "Nearest-neighbour mean ΣREY",
                                       S(&p, v->nn_mean[0], 4), "ppm", err)))
                return st;
            if ((st = rm_report_add_kv(rep, "Kriged − nearest-neighbour, ΣREY",
                                       N(&p, diff, 2), "%", err)))
                return st;
        }
        t_add(&t, "%s", valid_var_name(v, k));
        t_add(&t, "%s", S(&p, v->kriged_mean[k], 4));
        t_add(&t, "%s", S(&p, v->nn_mean[k], 4));
        t_add(&t, "%s", N(&p, diff, 2));
        t_add(&t, "%s", S(&p, v->composites_mean[k], 4));
        t_add(&t, "%s", S(&p, v->composites_declustered_mean[k], 4));
    }
    static const char *const h[] = {"Variable",          "Kriged mean (ppm)",
                                    "Nearest-neighbour mean (ppm)", "Kriged − NN (%)",
                                    "Composites mean (ppm)", "Declustered mean (ppm)"};
    return t_emit(rep,
                  "Global means over every estimated block: the kriged blocks, the "
                  "nearest-neighbour model on the same blocks, and the composites (plain and "
                  "declustered). A difference of a few per cent at most means the estimate "
                  "holds the metal the data hold.",
                  &t, h, err);
}

/* Blocks by search pass, counted from the block model's "search_pass" field: the counts
 * of passes 1–3 into n; returns the last pass seen (0: no such field). */
static int valid_pass_counts(const rm_blockmodel *bm, size_t n[3])
{
    n[0] = n[1] = n[2] = 0;
    const double *pass = rm_blockmodel_get(bm, "search_pass");
    if (!pass)
        return 0;
    size_t nb = bm->grid.nx * bm->grid.ny * bm->grid.nz;
    int most = 0;
    for (size_t i = 0; i < nb; i++)
        if (isfinite(pass[i]) && pass[i] >= 1 && pass[i] <= 3) {
            int k = (int)pass[i];
            n[k - 1]++;
            most = k > most ? k : most;
        }
    return most;
}

/* The settings behind the estimate as key–value rows: the vertical coordinate, the
 * search and the blocks of each search pass. */
static rm_status valid_settings(rm_report *rep, const rm_assess_result *r, rm_error *err)
{
    pool p = {0};
    const rm_resource_result *res = &r->job->res;
    const rm_estimate_config *c = &res->cfg;
    rm_status st;
    char val[4400];
    if (c->vertical == RM_VERTICAL_HORIZON && c->horizon_surface[0])
        snprintf(val, sizeof val,
                 "horizon: depth below the surface %s, so the block layers follow it "
                 "([estimate] vertical = horizon)",
                 c->horizon_surface);
    else if (c->vertical == RM_VERTICAL_HORIZON)
        snprintf(val, sizeof val,
                 "horizon: depth below where each core first reaches %s ppm ΣREY, so the "
                 "block layers follow the REY-rich unit ([estimate] vertical = horizon)",
                 N(&p, c->horizon_ppm, 0));
    else
        snprintf(val, sizeof val,
                 "mbsf: metres below the sea floor ([estimate] vertical = mbsf, the default)");
    if ((st = rm_report_add_kv(rep, "Vertical coordinate", val, NULL, err)))
        return st;
    if (c->maxdist_m > 0)
        snprintf(val, sizeof val, "nmax %ld, nmin %ld, maximum distance %s m (major axis)",
                 c->nmax, c->nmin, N(&p, c->maxdist_m, 0));
    else
        snprintf(val, sizeof val, "nmax %ld, nmin %ld, no maximum distance", c->nmax,
                 c->nmin);
    if ((st = rm_report_add_kv(rep, "Search", val, NULL, err)))
        return st;
    size_t n[3];
    if (valid_pass_counts(res->bm, n) == 0)
        snprintf(val, sizeof val, "one pass; %s of %s blocks estimated",
                 N(&p, (double)res->n_estimated, 0), N(&p, (double)res->n_blocks, 0));
    else
        snprintf(val, sizeof val,
                 "pass 1: %s, pass 2: %s, pass 3: %s (%ld configured; %s of %s blocks "
                 "estimated)",
                 N(&p, (double)n[0], 0), N(&p, (double)n[1], 0), N(&p, (double)n[2], 0),
                 c->passes, N(&p, (double)res->n_estimated, 0), N(&p, (double)res->n_blocks, 0));
    return rm_report_add_kv(rep, "Blocks by search pass", val, NULL, err);
}

/* The top-cuts: the table of caps and metal at risk with the log-probability plot when
 * caps were applied, else a sentence with the composites' coefficient of variation. */
static rm_status valid_topcut(rm_report *rep, const rm_assess_result *r, const char *dir,
                              rm_error *err)
{
    pool p = {0};
    const rm_resource_result *res = &r->job->res;
    const rm_topcut_info *t = &res->topcut;
    const rm_validation *v = &res->validation;
    rm_status st;
    if (t->n_rows == 0) {
        /* ΣREY is variable 0 of the pack (validation.h); its CV from the composites'
         * variance (diagnostics) and their plain mean. */
        int have = v->nvar > 0 && v->elem[0] < 0 && v->composites_mean[0] > 0 &&
                   v->nn_mean[0] > 0;
        double cv = have ? sqrt(r->diag.srey_variance_ppm2) / v->composites_mean[0] : NAN;
        double diff = have ? fabs(100 * (v->kriged_mean[0] - v->nn_mean[0]) / v->nn_mean[0])
                           : NAN;
        if (isfinite(cv) && cv < 1)
            return para(rep, err,
                        "No top-cuts were applied ([topcut] is not set). The composites' ΣREY "
                        "has a coefficient of variation of %s, a distribution this little "
                        "skewed has no few extreme composites carrying the metal, and the "
                        "kriged mean is within %s %% of the nearest-neighbour mean: leaving "
                        "the grades uncapped is acceptable. Capping is for grades so extreme "
                        "that they would overstate the estimate (Nowak et al. 2013).",
                        N(&p, cv, 2), N(&p, diff, 2));
        return para(rep, err,
                    "No top-cuts were applied ([topcut] is not set). The kriged mean is "
                    "within %s %% of the nearest-neighbour mean, so no few high composites "
                    "inflate the estimate as a whole. The composites' ΣREY has a coefficient "
                    "of variation of %s: above 1, which may come from a few extreme grades or "
                    "from the low-grade cover and the REY-rich unit sampled in the same cores; "
                    "capping is for the first case only (Nowak et al. 2013). Set [topcut] and "
                    "read its log-probability plot to tell which before relying on the "
                    "uncapped local grades.",
                    N(&p, diff, 2), N(&p, cv, 2));
    }
    static const char *const h[] = {"Element", "Cap (ppm)", "Composites capped",
                                    "Metal at risk (t)", "Metal at risk (%)"};
    char *cells[5 * (RM_NELEM + 1)];
    table tb = {.ncols = 5, .cells = cells};
    for (size_t k = 0; k < t->n_rows; k++) {
        const rm_topcut_row *row = &t->rows[k];
        t_add(&tb, "%s", row->elem < 0 ? "ΣREY" : rm_element(row->elem)->symbol);
        t_add(&tb, "%s", N(&p, row->cap_ppm, 1));
        t_add(&tb, "%zu", row->n_capped);
        t_add(&tb, "%s", N(&p, row->metal_at_risk_t, 1));
        t_add(&tb, "%s", N(&p, row->metal_at_risk_pct, 3));
    }
    int srey_na = 0; /* a ΣREY row without a cap of its own (capped through elements) */
    for (size_t k = 0; k < t->n_rows; k++)
        srey_na |= t->rows[k].elem < 0 && !isfinite(t->rows[k].cap_ppm);
    char cap[400], restrict_text[160] = "";
    if (t->restrict_m > 0)
        snprintf(restrict_text, sizeof restrict_text,
                 "; a capped composite keeps its grade for blocks within %s m (outlier "
                 "restriction)",
                 N(&p, t->restrict_m, 0));
    snprintf(cap, sizeof cap,
             "Top-cuts ([topcut]) and the metal they remove from the estimate over the "
             "reporting interval%s.%s",
             restrict_text, srey_na ? " n/a: ΣREY capped only through its elements." : "");
    if ((st = t_emit(rep, cap, &tb, h, err)))
        return st;
    return figure(rep, dir, "topcut",
                  "Log-probability plot of the uncapped composites with each cap (dashed): a "
                  "cap belongs where the upper tail breaks away from the line of the rest.",
                  err);
}

/* The neighbourhood analysis: a sentence on the nmax the estimate uses against the
 * others tried, and the figure; or why it did not run. */
static rm_status valid_kna(rm_report *rep, const rm_assess_result *r, const char *dir,
                           rm_error *err)
{
    pool p = {0};
    const rm_kna_table *k = &r->kna;
    const rm_estimate_config *c = &r->job->res.cfg;
    if (k->n == 0)
        return para(rep, err, "No kriging neighbourhood analysis: %s.",
                    r->kna_error[0] ? r->kna_error : "it did not run");
    const rm_kna_row *chosen = NULL, *best = &k->rows[0];
    for (size_t i = 0; i < k->n; i++) {
        if ((long)k->rows[i].nmax == c->nmax)
            chosen = &k->rows[i];
        if (fabs(k->rows[i].slope_mean - 1) < fabs(best->slope_mean - 1))
            best = &k->rows[i]; /* the slope closest to 1: least conditional bias */
    }
    rm_status st;
    if (chosen)
        st = para(rep, err,
                  "Kriging neighbourhood analysis (Vann, Jackson & Bertoli 2003) on %s test "
                  "blocks: with the estimate's nmax of %ld the mean slope of regression is %s "
                  "(lower decile %s), the mean kriging efficiency %s and %s %% of the weights "
                  "are negative; the mean slope closest to 1, %s, is at nmax %zu (%s %% "
                  "negative weights). A slope near 1 means the blocks are not conditionally "
                  "biased; samples beyond the point where the slope levels off only smooth "
                  "the estimate further.",
                  N(&p, (double)chosen->blocks_tested, 0), c->nmax,
                  N(&p, chosen->slope_mean, 3),
                  N(&p, chosen->slope_p10, 3), N(&p, chosen->ke_mean, 3),
                  N(&p, 100 * chosen->negative_weight_share, 1), N(&p, best->slope_mean, 3),
                  best->nmax, N(&p, 100 * best->negative_weight_share, 1));
    else
        st = para(rep, err,
                  "Kriging neighbourhood analysis (Vann, Jackson & Bertoli 2003) on %s test "
                  "blocks: the mean slope of regression closest to 1, %s, is at nmax %zu; the "
                  "estimate's nmax of %ld was not among the neighbourhoods tried.",
                  N(&p, (double)best->blocks_tested, 0), N(&p, best->slope_mean, 3),
                  best->nmax, c->nmax);
    if (st)
        return st;
    return figure(rep, dir, "kna",
                  "Mean slope of regression, its lower decile and the mean kriging efficiency "
                  "against the samples per block (nmax): where the curves level off, more "
                  "samples buy no more accuracy.",
                  err);
}

/* The section "How the estimate was validated": global means, settings, swaths, the
 * grade–tonnage check, top-cuts and the neighbourhood analysis — what a Competent Person
 * shows for "estimation and modelling techniques" (JORC Table 1 §3). */
static rm_status section_validation(rm_report *rep, const rm_assess_result *r,
                                    const char *dir, rm_error *err)
{
    const rm_validation *v = &r->job->res.validation;
    rm_status st;
    if ((st = rm_report_add_section(rep, "How the estimate was validated", err)) ||
        (st = rm_report_add_paragraph(
             rep,
             "The kriged blocks are compared with a nearest-neighbour model on the same "
             "blocks (each block takes the grade of its nearest composite in the variogram's "
             "search metric: declustered and not smoothed), slice by slice and overall, and "
             "with the block-support grade–tonnage curve of the composites (discrete "
             "Gaussian model). Agreement means the kriging neither adds nor loses metal and "
             "smooths only as much as the block support implies (docs/resource.md).",
             err)) ||
        (st = valid_global(rep, v, err)) || (st = valid_settings(rep, r, err)) ||
        (st = figure(rep, dir, "swath_x",
                     "Swath along easting: mean ΣREY of the kriged blocks, the nearest-"
                     "neighbour model and the composites per column of blocks. Where the "
                     "kriged line follows the nearest-neighbour line, a little smoother, the "
                     "estimate has no bias from west to east.",
                     err)) ||
        (st = figure(rep, dir, "swath_y",
                     "Swath along northing, per row of blocks. Where the kriged means follow "
                     "the nearest-neighbour means, the estimate has no bias from south to "
                     "north.",
                     err)) ||
        (st = figure(rep, dir, "swath_z",
                     "Swath with depth, per layer of blocks. Where the kriged means follow "
                     "the composites' and the nearest-neighbour means down the core, the "
                     "estimate keeps the grade profile of the unit.",
                     err)) ||
        (st = figure(rep, dir, "validation_gt",
                     "Grade–tonnage check: the kriged blocks against the discrete Gaussian "
                     "model's block-support curve of the composites; curves close together "
                     "mean the kriging smooths about as much as the block size implies.",
                     err)) ||
        (st = rm_report_add_subheading(rep, "Top-cuts", err)) ||
        (st = valid_topcut(rep, r, dir, err)) ||
        (st = rm_report_add_subheading(rep, "Kriging neighbourhood", err)) ||
        (st = valid_kna(rep, r, dir, err)))
        return st;
    return RM_OK;
}

/* The parameter uncertainty of the simulation: which method widened the P10–P90 and how
 * (simulate.h, docs/simulation.md). */
static rm_status sim_param_uncertainty(rm_report *rep, const rm_assess_result *r,
                                       rm_error *err)
{
    const rm_simulate_result *s = &r->sim;
    switch (s->parameter_uncertainty) {
    case RM_SIM_PARAM_BAYES:
        return para(rep, err,
                    "Parameter uncertainty (parameter_uncertainty = bayes): each simulation "
                    "draws the depth slices' means (%zu slices) and the horizontal range "
                    "(%zu candidate factors) from their posterior under the Gaussian model, "
                    "so the P10–P90 includes the uncertainty of the histogram and the "
                    "variogram, not only that between the cores (docs/simulation.md).",
                    s->n_slices, s->n_range_candidates);
    case RM_SIM_PARAM_BOOTSTRAP:
        return para(rep, err,
                    "Parameter uncertainty (parameter_uncertainty = bootstrap): each "
                    "simulation's grades are scaled by a spatial bootstrap of the mean of the "
                    "%zu cores (Journel 1994), which widens the P10–P90 by the uncertainty of "
                    "the mean grade itself, not only the uncertainty between the cores "
                    "(docs/simulation.md).",
                    s->bootstrap_cores);
    case RM_SIM_PARAM_BOOTSTRAP_SK:
        return para(rep, err,
                    "Parameter uncertainty (parameter_uncertainty = bootstrap_sk): each "
                    "simulation draws a spatial bootstrap of the mean of the %zu cores "
                    "(Journel 1994) and moves each block by it in proportion to the block's "
                    "sensitivity to the mean, one minus the sum of its simple-kriging weights: "
                    "blocks the cores pin move little, blocks far from them move with the "
                    "mean. Over 96 synthetic deposits this P10–P90 held the truth in 85 %% of "
                    "them (docs/simulation.md, \"Calibration\").",
                    s->bootstrap_cores);
    case RM_SIM_PARAM_DOMAIN:
        return para(rep, err,
                    "Parameter uncertainty (parameter_uncertainty = domain): each "
                    "simulation's grades are scaled by the spatially bootstrapped ratio of the "
                    "domain's mean to the mean of the %zu cores, which widens the P10–P90 by "
                    "the uncertainty of this domain's mean given the cores "
                    "(docs/simulation.md).",
                    s->bootstrap_cores);
    default:
        return para(rep, err,
                    "Parameter uncertainty (parameter_uncertainty = none): the histogram and "
                    "the variogram are taken as known, so the P10–P90 holds only the "
                    "uncertainty between the cores and understates the whole "
                    "(docs/simulation.md).");
    }
}

/* The simulated P10–P90 of the total REO next to the interval the cores alone
 * would give as independent draws, ±1.2816 s/√n (simulate.h cores_se_rel;
 * docs/simulation.md "Calibration"). */
static rm_status sim_cores_se(rm_report *rep, const rm_assess_result *r, rm_error *err)
{
    const rm_simulate_result *s = &r->sim;
    const rm_sim_quantiles *q = &s->reo_t[rm_assess_zero_cutoff(r)];
    if (s->se_cores < 2 || !(q->p50 > 0))
        return RM_OK;
    double sim_pct = 50.0 * (q->p90 - q->p10) / q->p50, se_pct = 128.16 * s->cores_se_rel;
    return para(rep, err,
                "The P10–P90 of the total REO is ±%.1f %% of its P50. The mean ΣREY of the "
                "%zu cores alone, taken as independent draws, would give ±%.1f %% "
                "(1.2816 s/√n). The simulation is %s: it estimates the total by kriging, so "
                "the cores' spatial correlation and declustering count, and it adds the "
                "uncertainty of the mean only where the cores do not pin the blocks "
                "(docs/simulation.md, \"Calibration\").",
                sim_pct, s->se_cores, se_pct, sim_pct < se_pct ? "narrower" : "as wide or wider");
}

/* The resource section: cores and grid, the maps and section, the resource by class,
 * grade-tonnage table and figure, the truth check (synthetic runs), variograms and
 * cross-validation. */
static rm_status section_resource(rm_report *rep, const rm_assess_result *r, const char *dir,
                                  rm_error *err)
{
    pool p = {0};
    const rm_resource_result *res = &r->job->res;
    const rm_resource_summary *sm = &res->summary;
    rm_status st;
    if ((st = rm_report_add_section(rep, "How much is there, where, and how sure are we?",
                                     err)) ||
        (st = para(rep, err,
                   "%zu piston cores (%zu composites of %s m) were kriged onto %zu × %zu × %zu "
                   "blocks of %s × %s × %s m. The maps and the section show where the REY-rich "
                   "mud is; the simulation shows how far the total could be off.",
                   res->holes->n_holes, res->composites->n, N(&p, res->composites->length_m, 1),
                   res->bm->grid.nx, res->bm->grid.ny, res->bm->grid.nz,
                   N(&p, res->bm->grid.dx, 0), N(&p, res->bm->grid.dy, 0),
                   N(&p, res->bm->grid.dz, 1))) ||
        (st = figure(rep, dir, "map_srey",
                     "Plan view: kriged ΣREY averaged over the reporting window (tonnage-"
                     "weighted), with the core sites.",
                     err)) ||
        (st = figure(rep, dir, "section_srey",
                     "West–east section through the row with most cores: the REY-rich unit "
                     "under its low-grade cover (vertical exaggeration printed on the figure).",
                     err)) ||
        (st = figure(rep, dir, "map_etype",
                     "E-type map: the mean of the simulations, column by column, on the "
                     "kriged map's colour scale. It should look like the kriged map; where "
                     "it differs the data say little.",
                     err)) ||
        (st = figure(rep, dir, "map_prob",
                     "Probability, across the simulations, that a column's mean ΣREY reaches "
                     "the cut-off: where the rich mud is sure (yellow, near 1) and where it is "
                     "a guess (green, near 0.5).",
                     err)))
        return st;

    /* Resource by class (kriged). */
    static const char *const h1[] = {"Class", "Dry mud (Mt)", "REO (t)", "Share of REO (%)"};
    char *cells[64];
    table t = {.ncols = 4, .cells = cells};
    for (int c = 1; c <= RM_NCLASS; c++) {
        t_add(&t, "%s", rm_class_name(c));
        t_add(&t, "%s", N(&p, sm->class_mud_t[c] / 1e6, 0));
        t_add(&t, "%s", N(&p, sm->class_reo_t[c], 0));
        t_add(&t, "%s", N(&p, 100 * sm->class_reo_t[c] / sm->total_reo_t, 1));
    }
    t_add(&t, "unclassified");
    t_add(&t, "%s", N(&p, sm->class_mud_t[0] / 1e6, 0));
    t_add(&t, "%s", N(&p, sm->class_reo_t[0], 0));
    t_add(&t, "%s", N(&p, 100 * sm->class_reo_t[0] / sm->total_reo_t, 1));
    t_add(&t, "total");
    t_add(&t, "%s", N(&p, sm->total_mud_t / 1e6, 0));
    t_add(&t, "%s", N(&p, sm->total_reo_t, 0));
    t_add(&t, "100.0");
    char cap[256];
    snprintf(cap, sizeof cap,
             "Kriged resource by class, %g–%g mbsf, no cut-off (classes from the slope of "
             "regression, samples and distance; docs/resource.md).",
             sm->top_mbsf, sm->bottom_mbsf);
    if ((st = t_emit(rep, cap, &t, h1, err)))
        return st;

    /* Grade–tonnage at the cut-offs. */
    if ((st = figure(rep, dir, "gradetonnage",
                     "Grade–tonnage: dry mud above each ΣREY cut-off and its mean grade; the "
                     "band spans P10 to P90 of the simulations.",
                     err)))
        return st;
    static const char *const h2[] = {"Cut-off ΣREY (ppm)", "Mud P50 (Mt)",
                                     "Mud P10–P90 (Mt)",   "REO P50 (kt)",
                                     "REO P10–P90 (kt)",   "Mean ΣREY P50 (ppm)",
                                     "Kriged REO (kt)"};
    const rm_sim_gt *q = &r->sim_gt;
    const double *a[6] = {q->mud_p10_t,     q->mud_p50_t,     q->mud_p90_t,
                          q->grade_p10_ppm, q->grade_p50_ppm, q->grade_p90_ppm};
    char *cells2[RM_SIM_MAX_CUTOFFS * 7];
    table t2 = {.ncols = 7, .cells = cells2};
    for (size_t c = 0; c < r->sim.n_cutoffs; c++) {
        const rm_sim_quantiles *m = &r->sim.mud_t[c], *o = &r->sim.reo_t[c];
        const rm_gt_row *kr = rm_gt_find(&res->gt, RM_GT_BLOCKS, 0, r->sim.cutoffs_ppm[c]);
        t_add(&t2, "%s", N(&p, r->sim.cutoffs_ppm[c], 0));
        t_add(&t2, "%s", N(&p, m->p50 / 1e6, 0));
        t_add(&t2, "%s–%s", N(&p, m->p10 / 1e6, 0), N(&p, m->p90 / 1e6, 0));
        t_add(&t2, "%s", N(&p, o->p50 / 1e3, 0));
        t_add(&t2, "%s–%s", N(&p, o->p10 / 1e3, 0), N(&p, o->p90 / 1e3, 0));
        t_add(&t2, "%s", N(&p, a[4][c], 0));
        t_add(&t2, "%s", kr ? N(&p, kr->reo_t / 1e3, 0) : "n/a");
    }
    snprintf(cap, sizeof cap,
             "Grade–tonnage over %g–%g mbsf by block: %zu simulations (P10/P50/P90) and "
             "the kriged model.",
             r->job->params.top_mbsf, r->job->params.bottom_mbsf, r->sim.realizations);
    if ((st = t_emit(rep, cap, &t2, h2, err)) ||
        (st = sim_param_uncertainty(rep, r, err)) || (st = sim_cores_se(rep, r, err)))
        return st;

    /* How sure: variograms, cross-validation, truth. */
    const rm_srey_diag *d = &r->diag;
    if ((st = rm_report_add_subheading(rep, "How sure: spatial continuity and validation",
                                       err)) ||
        (st = para(rep, err,
                   "The variogram model (%s ppm²) is fitted to the standardised elements and "
                   "shared by all of them; scaled to ΣREY it is drawn over the experimental "
                   "points below. Leaving each core out in turn and re-estimating its "
                   "composites from the others gives a mean error of %s ppm and an RMSE of "
                   "%s ppm ΣREY (n = %zu, correlation %s).",
                   d->srey_model_text, N(&p, d->xval_mean_error_ppm, 0),
                   N(&p, d->xval_rmse_ppm, 0), d->n_xval, N(&p, d->xval_correlation, 2))) ||
        (st = figure(rep, dir, "vario_horizontal",
                     "Horizontal ΣREY variogram: pairs within one composite layer (points, "
                     "area ∝ pairs) and the model.",
                     err)) ||
        (st = figure(rep, dir, "vario_downhole",
                     "Downhole ΣREY variogram: pairs within one core and the model.", err)) ||
        (st = figure(rep, dir, "xval",
                     "Cross-validation, one core left out at a time: estimated against "
                     "observed ΣREY of each composite, with the 1:1 line.",
                     err)))
        return st;
    if ((st = truth_blocks(rep, r, dir, err)))
        return st;
    if (r->truth_path[0]) {
        const rm_sim_quantiles *q = &r->sim.reo_t[rm_assess_zero_cutoff(r)];
        int inside = r->truth_reo_t >= q->p10 && r->truth_reo_t <= q->p90;
        if ((st = para(rep, err,
                       "Check against the synthetic truth: the true deposit holds %s Mt REO "
                       "in %s Gt of mud at %s ppm ΣREY; kriging gives %s Mt (%s %%), the "
                       "simulation P10–P90 %s–%s Mt, which %s the truth.",
                       S(&p, r->truth_reo_t / 1e6, 3), S(&p, r->truth_mud_t / 1e9, 3),
                       N(&p, r->truth_mean_srey_ppm, 0), S(&p, sm->total_reo_t / 1e6, 3),
                       N(&p, 100 * (sm->total_reo_t - r->truth_reo_t) / r->truth_reo_t, 1),
                       S(&p, q->p10 / 1e6, 3), S(&p, q->p90 / 1e6, 3),
                       inside ? "brackets" : "does NOT bracket")))
            return st;
    }
    return RM_OK;
}

/* The lift section: energy per dry tonne by system at 350 and 3,500 t/day and at the
 * design point, why a system fails, and the lift figures. */
static rm_status section_lift(rm_report *rep, const rm_assess_result *r, const char *dir,
                              rm_error *err)
{
    pool p = {0};
    const rm_assess_lift *L = &r->lift;
    rm_status st;
    if ((st = rm_report_add_section(rep, "Can we lift it, and at what cost in energy?",
                                     err)) ||
        (st = para(rep, err,
                   "Steady one-dimensional riser hydraulics from the mined area's mean water "
                   "depth, %s m, with a %s m bore: the closed loop pumps seawater down one pipe "
                   "and slurry up the other (the Chikyu system), pump lift puts the pump at the "
                   "inlet, the airlift injects compressed air at %s m. Energy is shaft energy "
                   "per dry tonne for one riser.",
                   N(&p, L->depth_m, 0), N(&p, L->params[0].diameter_m, 2),
                   N(&p, L->params[2].injection_depth_m, 0))))
        return st;
    static const char *const h[] = {"System", "350 t/day (kWh/t)", "3,500 t/day (kWh/t)",
                                    "Design: pressure added (MPa)", "Design: shaft power (kW)"};
    char *cells[64];
    table t = {.ncols = 5, .cells = cells};
    for (int s = 0; s < RM_ASSESS_NSYS; s++) {
        const rm_lift_result *d = &L->design[s];
        int ok = L->design_status[s] == RM_OK;
        t_add(&t, "%s%s", rm_lift_systems[s]->name, s == L->default_system ? " (project)" : "");
        t_add(&t, "%s", S(&p, L->kwh_per_t_350[s], 3));
        t_add(&t, "%s", S(&p, L->kwh_per_t_3500[s], 3));
        t_add(&t, "%s",
              ok ? N(&p, (s == 2 ? d->compressor_pressure_pa - RM_LIFT_P_ATM
                                 : d->pump_pressure_pa) / 1e6, 2)
                 : "fails");
        t_add(&t, "%s", ok ? N(&p, d->shaft_power_w / 1e3, 0) : "fails");
    }
    t_add(&t, "physical minimum");
    t_add(&t, "%s", S(&p, L->minimum_kwh_per_t, 2));
    t_add(&t, "%s", S(&p, L->minimum_kwh_per_t, 2));
    t_add(&t, "–");
    t_add(&t, "–");
    char cap[256];
    snprintf(cap, sizeof cap,
             "Lift energy by system from %.0f m; the design point is %.0f dry t/day (airlift: "
             "compressor delivery pressure above atmospheric).",
             L->depth_m, L->params[0].rate_dry_tph * 24.0);
    if ((st = t_emit(rep, cap, &t, h, err)))
        return st;
    for (int s = 0; s < RM_ASSESS_NSYS; s++)
        if (L->design_status[s] &&
            (st = para(rep, err, "%s at the design rate: %s", rm_lift_systems[s]->name,
                       L->design_error[s])))
            return st;
    if ((st = figure(rep, dir, "lift_energy",
                     "Shaft energy per dry tonne against rate for each system (log scale), "
                     "with the physical minimum; gaps are rates a system cannot lift.",
                     err)) ||
        (st = figure(rep, dir, "lift_pressure",
                     "Pressure in the riser above the seawater outside at the same depth, at "
                     "the design rate. The pump (at the inlet, for pump lift and the closed "
                     "loop alike, hence their coinciding curves) must push the heavier slurry "
                     "and its friction; the airlift's riser runs below the sea's pressure and "
                     "the sea pushes the slurry in.",
                     err)) ||
        (st = figure(rep, dir, "lift_void",
                     "Airlift: gas void fraction and in-situ solids fraction above the "
                     "injection point.",
                     err)))
        return st;
    return RM_OK;
}

/* The plant section: reserve against resource, the mass-balance error and the oxide
 * output per year at each rate. */
static rm_status section_plant(rm_report *rep, const rm_assess_result *r, rm_error *err)
{
    pool p = {0};
    const rm_chain_result *ch = &r->chain;
    rm_status st;
    if ((st = rm_report_add_section(rep, "What comes out of the plant?", err)) ||
        (st = para(rep, err,
                   "The mine plan takes the best columns first (strip the low-grade cover, "
                   "dilute), the plant dewaters, separates by size, leaches and separates the "
                   "oxides (docs/chain.md). The mine-plan reserve holds %s Mt REO in situ of "
                   "the model's %s Mt; the plant's mass balance closes to a relative error "
                   "of %.1e.",
                   S(&p, ch->reserve_reo_t / 1e6, 3), S(&p, ch->resource_reo_t / 1e6, 3),
                   ch->mass_balance_max_rel_error)))
        return st;
    size_t nr = ch->n_rates;
    const char *head[RM_CHAIN_MAX_RATES + 1];
    char hb[RM_CHAIN_MAX_RATES][48];
    head[0] = "Oxide (t per year)";
    for (size_t k = 0; k < nr; k++) {
        snprintf(hb[k], sizeof hb[k], "%s dry t/day", N(&p, ch->rates[k].rate_dry_t_per_day, 0));
        head[k + 1] = hb[k];
    }
    char *cells[(RM_NREY + 2) * (RM_CHAIN_MAX_RATES + 1)];
    table t = {.ncols = nr + 1, .cells = cells};
    for (int e = 0; e < RM_NREY; e++) {
        t_add(&t, "%s", rm_element(e)->oxide);
        for (size_t k = 0; k < nr; k++)
            t_add(&t, "%s", S(&p, ch->rates[k].oxide_t_per_year[e], 3));
    }
    t_add(&t, "total REO");
    for (size_t k = 0; k < nr; k++)
        t_add(&t, "%s", S(&p, ch->rates[k].reo_t_per_year, 4));
    t_add(&t, "mine life (years)");
    for (size_t k = 0; k < nr; k++)
        t_add(&t, "%s", N(&p, ch->rates[k].schedule ? ch->rates[k].schedule->mine_life_years
                                                    : NAN, 0));
    return t_emit(rep, "Separated oxide output in a full year at each rate (t per year).", &t,
                  head, err);
}

/* The market section's lead: the allied supply chain's answer (src/supply/ run by
 * the pipeline, figures and bottleneck table written into supply/ by
 * report_supply.h): China's baseline shares, the first shortfall per scenario for
 * Japan and the US without and with Minamitorishima, the unmet chart, the Sankey and
 * the bottleneck table. */
static rm_status market_network(rm_report *rep, const rm_assess_result *r, const char *dir,
                                rm_error *err)
{
    pool p = {0};
    const rm_supply_result *su = &r->supply;
    const rm_supply_run_config *sc = &r->supply_cfg;
    const rm_snetwork *net = &r->supply_net;
    rm_status st;
    if (!r->supply_ok)
        return RM_OK;
    if ((st = rm_report_add_subheading(
             rep, "The allied supply chain: who runs short, when, and at which stage?",
             err)) ||
        (st = para(rep, err,
                   "The allied supply chain as a network, mine to magnet, year by year from %d "
                   "to %d: each rare earth is routed from mines through separation, metal and "
                   "magnet makers to Japan, the US, other allied economies, China and the rest "
                   "of the world by a linear programme that meets demand where capacity "
                   "allows, with China's exports capped by each export-control scenario; the "
                   "stage whose capacity binds names each shortfall (docs/supply.md). "
                   "Minamitorishima enters Japan's separation from %d at each rate the chain "
                   "ran, with the chain's oxide output.",
                   sc->year_from, sc->year_to, sc->mts_start_year)) ||
        (st = para(rep, err,
                   "In %d China holds %s %% of the world's mining capacity, %s %% of its "
                   "separation and %s %% of its NdFeB magnet making (capacities in "
                   "data/supply_facilities.csv; docs/references.md §4d).",
                   sc->baseline_year, N(&p, 100 * su->china_stage_share[0], 0),
                   N(&p, 100 * su->china_stage_share[1], 0),
                   N(&p, 100 * su->china_stage_share[2], 0))))
        return st;

    /* First shortfall per scenario and case, Japan and the US. */
    static const char *const head[] = {"Scenario", "Case", "Japan: first shortfall",
                                       "US: first shortfall"};
    size_t nrow = sc->n_scenarios * su->n_cases;
    char **cells = calloc(nrow * 4 + 1, sizeof *cells);
    if (!cells)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    table t = {.ncols = 4, .cells = cells};
    for (size_t s = 0; s < sc->n_scenarios; s++)
        for (size_t c = 0; c < su->n_cases; c++) {
            char cname[64];
            rm_supply_case_name(sc, c, cname, sizeof cname);
            t_add(&t, "%s", net->scenario[sc->scenario[s]].name);
            t_add(&t, "%s", cname);
            for (int m = RM_SM_JAPAN; m <= RM_SM_US; m++) {
                rm_supply_shortfall f;
                rm_supply_first_shortfall(su, s, c, m, &f);
                if (f.year)
                    t_add(&t, "%d %s (%s t unmet, %s %% of demand; %s)", f.year,
                          rm_element(f.element)->symbol, S(&p, f.unmet_t, 3),
                          S(&p, 100 * f.unmet_share, 2), rm_bind_name(f.binding));
                else
                    t_add(&t, "none to %d", sc->year_to);
            }
        }
    st = t_emit(rep,
                "First shortfall for Japan and the US per scenario, without Minamitorishima "
                "and with it at each rate: year, the element with the largest unmet share "
                "that year, and the stage that binds.",
                &t, head, err);
    free(cells);
    if (st)
        return st;

    char cap[1024], path[4096];
    snprintf(cap, sizeof cap,
             "Unmet demand of Japan and the US per year and element under %s, without "
             "Minamitorishima and with it at the largest rate.",
             net->scenario[sc->scenario[sc->sankey_scenario]].name);
    if ((st = rm_report_add_figure(rep, "supply/supply_unmet.svg", cap, err)))
        return st;
    snprintf(cap, sizeof cap,
             "Flows of %s from mines through separation, metal and magnets to the markets in "
             "%d under %s, with Minamitorishima at the largest rate (red: China-sourced; "
             "blue: other; tonnes of oxide per year).",
             rm_element(sc->sankey_element)->symbol, sc->sankey_year,
             net->scenario[sc->scenario[sc->sankey_scenario]].name);
    if ((st = rm_report_add_figure(rep, "supply/supply_sankey.svg", cap, err)) ||
        (st = rm_report_add_subheading(rep, "Bottlenecks", err)) ||
        (st = rm_path_join(path, sizeof path, dir, "supply/supply_bottlenecks.html", err)) ||
        (st = rm_report_add_html_file(rep, path, err)))
        return st;
    return RM_OK;
}

/* The project's NPV per scenario and rate in the "normal" and "controls" price
 * states (the supply stage's economics). */
static rm_status market_two_states(rm_report *rep, const rm_assess_result *r, rm_error *err)
{
    pool p = {0};
    const rm_supply_run_config *sc = &r->supply_cfg;
    const rm_snetwork *net = &r->supply_net;
    rm_status st;
    if (!r->n_supply_econ)
        return RM_OK;
    static const char *const h2[] = {"Scenario", "Rate (dry t/day)", "NPV normal (USD M)",
                                     "NPV controls (USD M)", "Break-even price factor normal",
                                     "Break-even price factor controls"};
    char **c2 = calloc(r->n_supply_econ * 6 + 1, sizeof *c2);
    if (!c2)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    table t2 = {.ncols = 6, .cells = c2};
    for (size_t k = 0; k < r->n_supply_econ; k++) {
        const rm_supply_econ_row *w = &r->supply_econ[k];
        t_add(&t2, "%s", net->scenario[sc->scenario[w->scenario]].name);
        t_add(&t2, "%s", N(&p, w->rate_dry_t_per_day, 0));
        t_add(&t2, "%s", N(&p, w->npv_usd[0] / 1e6, 0));
        t_add(&t2, "%s", N(&p, w->npv_usd[1] / 1e6, 0));
        t_add(&t2, "%s", S(&p, w->breakeven_price_factor[0], 3));
        t_add(&t2, "%s", S(&p, w->breakeven_price_factor[1], 3));
    }
    st = t_emit(rep,
                "The project's value in two price states: \"normal\" (every oxide at the base "
                "price, FOB China) and \"controls\" (the elements a scenario controls sold at "
                "the ex-China price); deterministic, on the kriged model.",
                &t2, h2, err);
    free(c2);
    return st;
}

/* The market section: output against Japan's demand for the key elements with their
 * export controls, the economics per rate, the break-even rate and the NPV figures. */
static rm_status section_market(rm_report *rep, const rm_assess_result *r, const char *dir,
                                rm_error *err)
{
    pool p = {0};
    const rm_chain_result *ch = &r->chain;
    const rm_chain_config *cfg = r->chain_cfg;
    size_t nr = ch->n_rates;
    rm_status st;
    if ((st = rm_report_add_section(
             rep, "Does it matter against China's controls, and does it pay?", err)) ||
        (st = market_network(rep, r, dir, err)) ||
        (st = rm_report_add_subheading(rep, "Output against demand, element by element", err)) ||
        (st = para(rep, err,
                   "A static ratio, year-blind: the plant's yearly oxide output divided by "
                   "Japan's demand for each element (data/demand.csv), beside the network's "
                   "answer above.")))
        return st;
    /* Coverage of Japan's demand. */
    const char *head[RM_CHAIN_MAX_RATES + 3];
    char hb[RM_CHAIN_MAX_RATES][64];
    head[0] = "Element";
    head[1] = "Japan's demand (t oxide/yr)";
    for (size_t k = 0; k < nr; k++) {
        snprintf(hb[k], sizeof hb[k], "%s t/day (%% of demand)",
                 N(&p, ch->rates[k].rate_dry_t_per_day, 0));
        head[k + 2] = hb[k];
    }
    head[nr + 2] = "Export-controlled";
    char *cells[NKEY * (RM_CHAIN_MAX_RATES + 3)];
    table t = {.ncols = nr + 3, .cells = cells};
    for (int i = 0; i < NKEY; i++) {
        int e = key_el[i];
        t_add(&t, "%s", rm_element(e)->symbol);
        t_add(&t, "%s", S(&p, ch->rates[0].coverage[0].demand_t[RM_MARKET_JAPAN][e], 3));
        for (size_t k = 0; k < nr; k++)
            t_add(&t, "%s",
                  S(&p, 100 * ch->rates[k].coverage[0].coverage_demand[RM_MARKET_JAPAN][e], 2));
        int c = cfg->tables.control[e];
        t_add(&t, "%s", c == RM_CONTROL_APRIL2025     ? "yes (April 2025)"
                        : c == RM_CONTROL_OCTOBER2025 ? "yes (October 2025)"
                                                      : "no");
    }
    if ((st = t_emit(rep, "Output as a share of Japan's yearly demand for key elements.", &t,
                     head, err)) ||
        (st = figure(rep, dir, "coverage_japan",
                     "Output at the largest rate as a share of Japan's demand, per element "
                     "(log scale); export-controlled elements hatched.",
                     err)))
        return st;

    /* Economics. */
    static const char *const h2[] = {"Rate (dry t/day)",    "CAPEX (USD M)",
                                     "Revenue (USD M/yr)",  "OPEX (USD M/yr)",
                                     "Unit cost (USD/kg REO)", "NPV base (USD M)",
                                     "NPV P10 (USD M)", "NPV P50 (USD M)", "NPV P90 (USD M)",
                                     "P(NPV > 0) (%)"};
    char *cells2[RM_CHAIN_MAX_RATES * 10];
    table t2 = {.ncols = 10, .cells = cells2};
    for (size_t k = 0; k < nr; k++) {
        const rm_chain_rate *cr = &ch->rates[k];
        t_add(&t2, "%s", N(&p, cr->rate_dry_t_per_day, 0));
        t_add(&t2, "%s", N(&p, cr->econ.capex_usd / 1e6, 0));
        t_add(&t2, "%s", N(&p, cr->econ.revenue_usd_per_year / 1e6, 1));
        t_add(&t2, "%s", N(&p, cr->econ.opex_usd_per_year / 1e6, 1));
        t_add(&t2, "%s", N(&p, cr->econ.unit_cost_usd_per_kg_reo, 0));
        t_add(&t2, "%s", N(&p, cr->econ.npv_usd / 1e6, 0));
        t_add(&t2, "%s", N(&p, cr->npv_p10_usd / 1e6, 0));
        t_add(&t2, "%s", N(&p, cr->npv_p50_usd / 1e6, 0));
        t_add(&t2, "%s", N(&p, cr->npv_p90_usd / 1e6, 0));
        t_add(&t2, "%s", N(&p, 100 * cr->prob_npv_positive, 0));
    }
    char cap[256];
    char over[96] = "";
    if (r->chain_realizations > 0)
        snprintf(over, sizeof over, ", each on one of %zu ΣREY realizations (draw k on k mod %zu)",
                 r->chain_realizations, r->chain_realizations);
    snprintf(cap, sizeof cap,
             "Economics per rate: discounted cash flow at %s %% with %ld Monte Carlo draws of "
             "price, costs, lift energy, recovery and discount rate%s.",
             N(&p, 100 * cfg->econ.discount_rate, 1), cfg->draws, over);
    if ((st = t_emit(rep, cap, &t2, h2, err)) || (st = market_two_states(rep, r, err)))
        return st;
    if (isfinite(ch->breakeven_rate_dry_t_per_day))
        st = para(rep, err, "Break-even rate: %s dry t/day (NPV = 0 at base prices).",
                  S(&p, ch->breakeven_rate_dry_t_per_day, 3));
    else
        st = para(rep, err,
                  "The project does not pay. No rate between %s and %s dry t/day gives a "
                  "positive NPV at the base prices%s.",
                  N(&p, cfg->breakeven_rate_min, 0), N(&p, cfg->breakeven_rate_max, 0),
                  isfinite(ch->breakeven_rate_ex_china_dry_t_per_day)
                      ? ""
                      : ", nor at the higher ex-China prices");
    if (st)
        return st;
    size_t b = rm_assess_best_rate(r);
    if (isfinite(ch->rates[b].breakeven_price_factor) &&
        (st = para(rep, err,
                   "At %s t/day, prices would have to be %s times the base prices to break "
                   "even.",
                   N(&p, ch->rates[b].rate_dry_t_per_day, 0),
                   S(&p, ch->rates[b].breakeven_price_factor, 3))))
        return st;
    if ((st = figure(rep, dir, "npv_hist",
                     "NPV distribution at the best rate studied, with P10, P50 and P90.",
                     err)) ||
        (st = figure(rep, dir, "tornado",
                     "Tornado: the NPV with each input at its low and high value, the others "
                     "at base.",
                     err)))
        return st;
    return RM_OK;
}

/* The "Method and limits" section: methods in brief with their docs, and a warning when
 * the run uses the synthetic example. */
static rm_status section_limits(rm_report *rep, const rm_assess_result *r, rm_error *err)
{
    rm_status st;
    if ((st = rm_report_add_section(rep, "Method and limits", err)) ||
        (st = rm_report_add_paragraph(
             rep,
             "Resource: ordinary block kriging of the 15 REY with one shared standardised "
             "variogram; classes from slope of regression, samples and distance; sequential "
             "Gaussian simulation of ΣREY in normal scores per depth slice, split into elements "
             "by the kriged composition (docs/resource.md, docs/simulation.md). Lift: steady "
             "1-D hydraulics, Bingham slurry, drift-flux airlift (docs/lift.md). Chain: mine "
             "plan, plant balance, supply tables with sources, discounted cash flow on the kriged "
             "model; its Monte Carlo draws combine the uncertain inputs with the resource "
             "realizations of the simulation (docs/chain.md, docs/economics.md). Costs and prices are public estimates "
             "with wide ranges; the NPV is a screening number, not a feasibility study.",
             err)))
        return st;
    if (r->synthetic)
        st = rm_report_add_paragraph(
            rep,
            "This run uses the bundled SYNTHETIC example: the cores were drawn from a made-up "
            "deposit calibrated to published aggregates of the Minamitorishima research area "
            "(examples/minamitorishima/README.md). No number in this report describes the real "
            "sea floor.",
            err);
    return st;
}

rm_status rm_assess_report_write(const rm_assess_result *r, const char *dir, rm_error *err)
{
    char title[512], path[4096];
    snprintf(title, sizeof title, "%s — from the core to the market",
             r->job->res.data.project.name);
    rm_report *rep = rm_report_alloc(title);
    if (!rep)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    rm_status st = RM_OK;
    if (r->synthetic)
        st = rm_report_set_notice(
            rep,
            "SYNTHETIC EXAMPLE — the cores and the deposit are made up (calibrated to published "
            "aggregates of the Minamitorishima research area). Nothing here describes the real "
            "sea floor.",
            err);
    if (!st)
        st = answers(rep, r, err);
    if (!st)
        st = section_resource(rep, r, dir, err);
    if (!st)
        st = section_validation(rep, r, dir, err);
    if (!st)
        st = section_lift(rep, r, dir, err);
    if (!st)
        st = section_plant(rep, r, err);
    if (!st)
        st = section_market(rep, r, dir, err);
    if (!st)
        st = section_limits(rep, r, err);
    if (!st)
        /* estimate/run.json holds the same record as the folder's own, which
         * is written after this report: it marks the set complete */
        st = rm_path_join(path, sizeof path, dir, "estimate/run.json", err);
    if (!st)
        st = rm_report_add_provenance(rep, path, err);
    if (!st)
        st = rm_path_join(path, sizeof path, dir, "report.html", err);
    if (!st)
        st = rm_report_write_html(rep, path, err);
    rm_report_free(rep);
    return st;
}
