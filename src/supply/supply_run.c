/* supply_run.c — every scenario × case × year × element through the network's linear
 * programme (supply_lp.c), the indicators per market, and the Monte Carlo.
 *
 * Capacities come from data/supply_facilities.csv per element (mine type
 * distribution, separation class, magnet composition); demand grows from the base
 * year; China's China-sourced deliveries to market m of element e are capped at
 *     X_m,e = (1 − loss_s,e,m(y)) · china_share_m,e · D_m,e(y)
 * when scenario s has a measure in force (loss weighted by its days in force in y).
 * Minamitorishima is a separation-stage source in Japan whose capacity per element
 * is the chain's oxide output at each daily rate, from its start year with a ramp.
 * A "with" case may not leave any market worse off than "without" (U_m rows).
 * Stockpiles (days of base-year demand) are drawn year after year.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glpk.h>
#include <gsl/gsl_rng.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "reemud/supply.h"
#include "reemud/table.h"

const char *const rm_supply_network_keys[] = {
    "network_scenarios", "scenario_table", "years", "baseline_year", "draws", "seed",
    "oxide_output", "minamitorishima_start", "minamitorishima_ramp_years",
    "stockpile_days_japan", "stockpile_days_us", "demand_growth", "max_delay_years",
    "sankey_element", "sankey_year", "sankey_scenario", NULL};

void rm_supply_run_config_default(rm_supply_run_config *cfg, const rm_snetwork *net)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->year_from = net->base_year;
    cfg->year_to = net->base_year + 16;
    cfg->baseline_year = net->base_year;
    for (size_t k = 0; k < net->n_scenarios && k < RM_SUPPLY_MAX_SCENARIOS; k++)
        cfg->scenario[cfg->n_scenarios++] = (int)k;
    /* Japan's 2027 trial at 350 t/day (docs/references.md §2); production assumed from 2030. */
    cfg->mts_start_year = 2030;
    cfg->mts_ramp_years = 2;
    cfg->growth_case = 1;
    cfg->seed = 2018;
    cfg->max_delay_years = 3;
    cfg->sankey_element = RM_DY;
    cfg->sankey_year = 2032;
    /* The figures show the Japan+US embargo when the table has it. */
    int k = rm_snetwork_scenario(net, "embargo_japan_us");
    cfg->sankey_scenario = k >= 0 ? k : 0;
    cfg->sankey_case = 0;
}

void rm_supply_case_name(const rm_supply_run_config *cfg, size_t c, char *buf, size_t n)
{
    if (c == 0)
        snprintf(buf, n, "without");
    else
        snprintf(buf, n, "with_%g", cfg->rate_dry_t_per_day[c - 1]);
}

size_t rm_supply_row_index(const rm_supply_result *r, size_t s, size_t c, int yo, int e, int m)
{
    return ((((s * r->n_cases + c) * (size_t)r->n_years + (size_t)yo) * RM_NREY + (size_t)e) *
                RM_NSMARKET +
            (size_t)m);
}

/* What one pass over the scenarios varies (the Monte Carlo draws it). */
typedef struct draw_params {
    const int *delay;        /* per facility, years */
    double growth[RM_NREY];
    double loss[RM_SUPPLY_MAX_SCENARIOS][RM_SUPPLY_MAX_MEASURES];
} draw_params;

/* Ramp of Minamitorishima's output in year y. */
static double mts_factor(const rm_supply_run_config *cfg, int y)
{
    if (y < cfg->mts_start_year)
        return 0;
    return cfg->mts_ramp_years > 0
               ? fmin(1.0, (double)(y - cfg->mts_start_year + 1) / cfg->mts_ramp_years)
               : 1.0;
}

/* LP stage of a facility stage for element e, or -1 when it plays no part. */
static int lp_stage(const rm_snetwork *net, int stage, int e)
{
    switch (stage) {
    case RM_ST_MINING: return RM_LP_MINE;
    case RM_ST_SEP_LIGHT:
    case RM_ST_SEP_HEAVY: return RM_LP_SEP;
    case RM_ST_METAL: return net->magnet_share[e] > 0 ? RM_LP_METAL : -1;
    case RM_ST_NDFEB:
    case RM_ST_SMCO: return net->magnet_share[e] > 0 ? RM_LP_MAGNET : -1;
    default: return -1;
    }
}

/* Builds the nodes for element e in year y, case c: facilities with capacity, then
 * Minamitorishima (case > 0).  fac_of[i] is the facility of node i (-1 for it). */
static size_t build_nodes(const rm_snetwork *net, const rm_supply_run_config *cfg,
                          const int *delay, int e, int y, size_t c, rm_slp_node *node,
                          int *fac_of)
{
    size_t n = 0;
    for (size_t f = 0; f < net->n_fac; f++) {
        const rm_sfacility *fa = &net->fac[f];
        int ls = lp_stage(net, fa->stage, e);
        if (ls < 0)
            continue;
        double cap = rm_sfacility_element_cap(net, fa, e, y, delay ? delay[f] : 0);
        if (!(cap > 0))
            continue;
        node[n] = (rm_slp_node){ls, !strcasecmp(net->country[fa->country], "China"),
                                fa->market, fa->country, 0, cap};
        fac_of[n++] = (int)f;
    }
    if (c > 0) {
        double cap = cfg->mts_oxide_t[c - 1][e] * mts_factor(cfg, y);
        if (cap > 0) {
            int jp = -1;
            for (size_t k = 0; k < net->n_country; k++)
                if (!strcasecmp(net->country[k], "Japan"))
                    jp = (int)k;
            node[n] = (rm_slp_node){RM_LP_SEP, 0, RM_SM_JAPAN, jp, 1, cap};
            fac_of[n++] = -1;
        }
    }
    return n;
}

/* (La + Ce) / (Dy + Tb) of a node's feed: the "balance problem" ratio. */
static double lace_ratio(const rm_snetwork *net, const rm_supply_run_config *cfg, int fac,
                         size_t c)
{
    const double *d = fac >= 0 ? net->dist[net->fac[fac].feed] : cfg->mts_oxide_t[c - 1];
    double hre = d[RM_DY] + d[RM_TB];
    return hre > 0 ? (d[RM_LA] + d[RM_CE]) / hre : NAN;
}

typedef struct pass_out {
    rm_supply_row *rows;     /* all rows, or NULL (Monte Carlo) */
    double *unmet;           /* per row index: unmet t (always) */
    double *draw;            /* per row index: stock drawn (always) */
    double *lace_num, *lace_den;   /* [s][c][y][Dy, Tb] */
    rm_supply_result *res;   /* Sankey capture, or NULL */
    size_t lp_solved;
} pass_out;

/* One pass over scenarios × cases × years × elements with the given parameters. */
static rm_status run_pass(const rm_snetwork *net, const rm_supply_run_config *cfg,
                          const draw_params *dp, const rm_supply_result *shape, pass_out *po,
                          rm_error *err)
{
    size_t nmax = net->n_fac + 1;
    rm_slp_node *node = malloc(nmax * sizeof *node);
    int *fac_of = malloc(nmax * sizeof *fac_of);
    rm_slp_solution sol;
    memset(&sol, 0, sizeof sol);
    size_t nu = shape->n_cases * (size_t)shape->n_years * RM_NREY;
    int *uncap = malloc(nu * sizeof *uncap);
    if (!node || !fac_of || !uncap) {
        free(node), free(fac_of), free(uncap);
        return rm_error_set(err, RM_ENOMEM, "supply: out of memory");
    }
    for (size_t k = 0; k < nu; k++)
        uncap[k] = -1;
    int any_stock = 0;
    for (int m = 0; m < RM_NSMARKET; m++)
        any_stock |= cfg->stockpile_days[m] > 0;
    rm_status st = RM_OK;
    int ny = shape->n_years;
    for (size_t si = 0; si < cfg->n_scenarios && st == RM_OK; si++) {
        const rm_sscenario *sc = &net->scenario[cfg->scenario[si]];
        for (size_t c = 0; c < shape->n_cases && st == RM_OK; c++) {
            for (int e = 0; e < RM_NREY && st == RM_OK; e++) {
                double stock[RM_NSMARKET];
                for (int m = 0; m < RM_NSMARKET; m++)
                    stock[m] = cfg->stockpile_days[m] / 365.0 * net->demand_t[m][e];
                int drawn = 0; /* stock drawn so far in this scenario, case, element */
                for (int yo = 0; yo < ny && st == RM_OK; yo++) {
                    int y = cfg->year_from + yo;
                    size_t sy = (si * shape->n_cases + c) * (size_t)ny + (size_t)yo;
                    int kde = e == RM_DY ? 0 : e == RM_TB ? 1 : -1;
                    /* The same linear programme was solved already when (a) this case's
                     * Minamitorishima has no output yet: the case without; (b) no measure
                     * of this scenario is in force and no stock has been drawn: an
                     * earlier scenario in the same state.  Copy it. */
                    int sankey = po->res && (int)si == cfg->sankey_scenario &&
                                 (int)c == cfg->sankey_case && y == cfg->sankey_year &&
                                 e == cfg->sankey_element;
                    int capped = 0;
                    for (int m = 0; m < RM_NSMARKET; m++)
                        capped |= rm_sscenario_loss(sc, e, m, y, dp->loss[cfg->scenario[si]]) > 0;
                    long src_s = -1, src_c = -1;
                    if (!sankey && c > 0 && !(cfg->mts_oxide_t[c - 1][e] * mts_factor(cfg, y) > 0))
                        src_s = (long)si, src_c = 0;
                    else if (!sankey && !capped && !drawn && (c == 0 || !any_stock)) {
                        int *u = &uncap[(c * (size_t)ny + (size_t)yo) * RM_NREY + (size_t)e];
                        if (*u >= 0)
                            src_s = *u, src_c = (long)c;
                        else
                            *u = (int)si;
                    }
                    if (src_s >= 0) {
                        size_t ssy = ((size_t)src_s * shape->n_cases + (size_t)src_c) * (size_t)ny +
                                     (size_t)yo;
                        if (kde >= 0) {
                            po->lace_num[2 * sy + (size_t)kde] = po->lace_num[2 * ssy + (size_t)kde];
                            po->lace_den[2 * sy + (size_t)kde] = po->lace_den[2 * ssy + (size_t)kde];
                        }
                        for (int m = 0; m < RM_NSMARKET; m++) {
                            size_t ri = rm_supply_row_index(shape, si, c, yo, e, m);
                            size_t rs = rm_supply_row_index(shape, (size_t)src_s, (size_t)src_c, yo, e, m);
                            po->unmet[ri] = po->unmet[rs];
                            po->draw[ri] = po->draw[rs];
                            stock[m] = fmax(0, stock[m] - po->draw[rs]);
                            drawn |= po->draw[rs] > 0;
                            if (po->rows) {
                                po->rows[ri] = po->rows[rs];
                                po->rows[ri].scenario = (int)si;
                                po->rows[ri].cas = (int)c;
                            }
                        }
                        continue;
                    }
                    rm_slp_problem p;
                    memset(&p, 0, sizeof p);
                    size_t nn = build_nodes(net, cfg, dp->delay, e, y, c, node, fac_of);
                    p.n_node = nn;
                    p.node = node;
                    double g = dp->growth[e];
                    for (int m = 0; m < RM_NSMARKET; m++) {
                        double d = net->demand_t[m][e] * pow(1 + g, y - net->base_year);
                        p.demand_magnet_t[m] = d * net->magnet_share[e];
                        p.demand_direct_t[m] = d - p.demand_magnet_t[m];
                        double loss = rm_sscenario_loss(sc, e, m, y, dp->loss[cfg->scenario[si]]);
                        p.china_cap_t[m] =
                            loss > 0 ? (1 - loss) * net->china_share[m][e] * d : INFINITY;
                        p.stock_t[m] = stock[m];
                        p.unmet_max_t[m] = INFINITY;
                        if (c > 0) {
                            double u0 = po->unmet[rm_supply_row_index(shape, si, 0, yo, e, m)];
                            p.unmet_max_t[m] = u0 * (1 + 1e-9) + 1e-9;
                        }
                    }
                    if ((st = rm_slp_solve(&p, &sol, err)) != RM_OK)
                        break;
                    po->lp_solved++;
                    if (kde >= 0) {
                        for (size_t i = 0; i < nn; i++)
                            if (node[i].stage == RM_LP_MINE || node[i].source) {
                                if (node[i].china || !(sol.node_t[i] > 0))
                                    continue;
                                double r = lace_ratio(net, cfg, fac_of[i], c);
                                if (isfinite(r)) {
                                    po->lace_num[2 * sy + (size_t)kde] += sol.node_t[i] * r;
                                    po->lace_den[2 * sy + (size_t)kde] += sol.node_t[i];
                                }
                            }
                    }
                    for (int m = 0; m < RM_NSMARKET; m++) {
                        size_t ri = rm_supply_row_index(shape, si, c, yo, e, m);
                        po->unmet[ri] = sol.unmet_t[m];
                        po->draw[ri] = sol.draw_t[m];
                        drawn |= sol.draw_t[m] > 0;
                        stock[m] = fmax(0, stock[m] - sol.draw_t[m]);
                        if (!po->rows)
                            continue;
                        rm_supply_row *row = &po->rows[ri];
                        memset(row, 0, sizeof *row);
                        row->scenario = (int)si;
                        row->cas = (int)c;
                        row->year = y;
                        row->element = e;
                        row->market = m;
                        row->demand_t = p.demand_magnet_t[m] + p.demand_direct_t[m];
                        row->supplied_t = sol.supplied_t[m];
                        row->unmet_t = sol.unmet_t[m];
                        row->china_t = sol.china_t[m];
                        row->draw_t = sol.draw_t[m];
                        row->binding = sol.binding[m];
                        double delivered = 0, home = 0, hhi = 0;
                        for (size_t i = 0; i < nn; i++) {
                            double x = sol.deliver_t[i * RM_NSMARKET + (size_t)m];
                            if (!(x > 0))
                                continue;
                            delivered += x;
                            if (node[i].market == m)
                                home += x;
                            if (node[i].country >= 0)
                                row->country_t[node[i].country] += x;
                        }
                        for (size_t k = 0; k < net->n_country; k++)
                            if (delivered > 0) {
                                double s = row->country_t[k] / delivered;
                                hhi += s * s;
                            }
                        row->hhi = 1e4 * hhi;
                        row->china_share = row->supplied_t > 0 ? row->china_t / row->supplied_t : 0;
                        row->import_reliance =
                            row->supplied_t > 0
                                ? fmax(0, 1 - (home + row->draw_t) / row->supplied_t)
                                : 0;
                        row->stockpile_days =
                            row->demand_t > 0 ? 365.0 * row->unmet_t / row->demand_t : 0;
                    }
                    if (po->res && (int)si == cfg->sankey_scenario &&
                        (int)c == cfg->sankey_case && y == cfg->sankey_year &&
                        e == cfg->sankey_element) {
                        rm_supply_result *r = po->res;
                        r->n_sankey_node = nn;
                        r->sankey_node = malloc((nn ? nn : 1) * sizeof *r->sankey_node);
                        r->sankey_label = malloc((nn ? nn : 1) * sizeof *r->sankey_label);
                        if (!r->sankey_node || !r->sankey_label) {
                            st = rm_error_set(err, RM_ENOMEM, "supply: out of memory");
                            break;
                        }
                        memcpy(r->sankey_node, node, nn * sizeof *node);
                        for (size_t i = 0; i < nn; i++)
                            snprintf(r->sankey_label[i], RM_SUPPLY_NAME, "%s",
                                     fac_of[i] >= 0 ? net->fac[fac_of[i]].id : "minamitorishima");
                        r->sankey = sol; /* keep its arrays */
                        memset(&sol, 0, sizeof sol);
                    }
                }
            }
        }
    }
    rm_slp_solution_free(&sol);
    free(node);
    free(fac_of);
    free(uncap);
    return st;
}

/* Baseline concentration: China's share of capacity per stage in the baseline year
 * (mining t REO, separation t REO, NdFeB t magnet). */
static void baseline_shares(const rm_snetwork *net, const rm_supply_run_config *cfg,
                            rm_supply_result *out)
{
    double cn[3] = {0}, all[3] = {0};
    for (size_t f = 0; f < net->n_fac; f++) {
        const rm_sfacility *fa = &net->fac[f];
        int k = fa->stage == RM_ST_MINING                                    ? 0
                : fa->stage == RM_ST_SEP_LIGHT || fa->stage == RM_ST_SEP_HEAVY ? 1
                : fa->stage == RM_ST_NDFEB                                     ? 2
                                                                               : -1;
        if (k < 0)
            continue;
        double cap = fa->capacity_t;
        if (k == 1 && !(cap > 0)) { /* plants sized by their elements' output */
            cap = 0;
            for (int e = 0; e < RM_NREY; e++)
                if (!isnan(fa->element_cap_t[e]))
                    cap += fa->element_cap_t[e];
        }
        double v = cap * rm_sfacility_factor(fa, cfg->baseline_year, net->base_year, 0);
        all[k] += v;
        if (!strcasecmp(net->country[fa->country], "China"))
            cn[k] += v;
    }
    for (int k = 0; k < 3; k++)
        out->china_stage_share[k] = all[k] > 0 ? cn[k] / all[k] : 0;
}

/* p-quantile (0..1) of sorted x[0..n-1], linear between order statistics. */
static double quantile(const double *x, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t i = (size_t)floor(h);
    return i + 1 < n ? x[i] + (h - (double)i) * (x[i + 1] - x[i]) : x[n - 1];
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

rm_status rm_supply_run(const rm_snetwork *net, const rm_supply_run_config *cfg,
                        rm_supply_result *out, rm_error *err)
{
    memset(out, 0, sizeof *out);
    if (cfg->year_to < cfg->year_from || cfg->year_from < net->base_year)
        return rm_error_set(err, RM_EINVAL,
                            "supply: years %d:%d (must start at or after the demand table's "
                            "base year %d)", cfg->year_from, cfg->year_to, net->base_year);
    if (!cfg->n_scenarios)
        return rm_error_set(err, RM_EINVAL, "supply: no scenario selected");
    glp_term_out(GLP_OFF);
    out->n_years = cfg->year_to - cfg->year_from + 1;
    out->n_cases = 1 + cfg->n_rates;
    out->n_rows = cfg->n_scenarios * out->n_cases * (size_t)out->n_years * RM_NREY * RM_NSMARKET;
    size_t nsy = cfg->n_scenarios * out->n_cases * (size_t)out->n_years;
    out->rows = calloc(out->n_rows, sizeof *out->rows);
    out->lace_per_dytb = calloc(nsy, sizeof *out->lace_per_dytb);
    double *unmet = calloc(out->n_rows, sizeof *unmet), *drawn = calloc(out->n_rows, sizeof *drawn);
    double *num = calloc(2 * nsy, sizeof *num), *den = calloc(2 * nsy, sizeof *den);
    if (!out->rows || !out->lace_per_dytb || !unmet || !drawn || !num || !den) {
        free(unmet), free(drawn), free(num), free(den);
        rm_supply_result_free(out);
        return rm_error_set(err, RM_ENOMEM, "supply: out of memory for %zu rows", out->n_rows);
    }
    baseline_shares(net, cfg, out);
    draw_params dp;
    memset(&dp, 0, sizeof dp);
    for (int e = 0; e < RM_NREY; e++)
        dp.growth[e] = net->growth[cfg->growth_case][e];
    for (size_t s = 0; s < net->n_scenarios; s++)
        for (size_t k = 0; k < net->scenario[s].n_measures; k++)
            dp.loss[s][k] = net->scenario[s].measure[k].loss;
    pass_out po = {out->rows, unmet, drawn, num, den, out, 0};
    rm_status st = run_pass(net, cfg, &dp, out, &po, err);
    out->lp_solved = po.lp_solved;
    for (size_t k = 0; k < nsy; k++) {
        double d = den[2 * k] + den[2 * k + 1];
        out->lace_per_dytb[k] = d > 0 ? (num[2 * k] + num[2 * k + 1]) / d : NAN;
    }
    free(num), free(den), free(unmet), free(drawn);
    if (st != RM_OK) {
        rm_supply_result_free(out);
        glp_free_env();
        return st;
    }

    if (cfg->draws > 0) {
        size_t nd = (size_t)cfg->draws;
        double *u = malloc(nd * out->n_rows * sizeof *u);
        out->mc = calloc(out->n_rows, sizeof *out->mc);
        if (!u || !out->mc) {
            free(u);
            rm_supply_result_free(out);
            return rm_error_set(err, RM_ENOMEM, "supply: out of memory for the Monte Carlo");
        }
        int mst = RM_OK;
        /* Each draw has its own stream (seed, draw) and GLPK keeps a per-thread
         * environment (built with thread-local storage): results do not depend on the
         * number of threads. */
#pragma omp parallel
        {
            rm_error terr;
            rm_error_clear(&terr);
            int *delay = malloc((net->n_fac ? net->n_fac : 1) * sizeof *delay);
            double *nm = malloc((2 * nsy + 1) * sizeof *nm);
            double *dn = malloc((2 * nsy + 1) * sizeof *dn);
            double *dr = malloc((out->n_rows + 1) * sizeof *dr);
#pragma omp for schedule(dynamic)
            for (size_t d = 0; d < nd; d++) {
                int failed;
#pragma omp atomic read
                failed = mst;
                if (failed || !delay || !nm || !dn || !dr)
                    continue;
                glp_term_out(GLP_OFF);
                gsl_rng *rng = rm_rng_stream(cfg->seed, d);
                draw_params q;
                memset(&q, 0, sizeof q);
                q.delay = delay;
                for (size_t f = 0; f < net->n_fac; f++)
                    delay[f] = net->fac[f].announced
                                   ? (int)gsl_rng_uniform_int(rng,
                                                              (unsigned long)cfg->max_delay_years + 1)
                                   : 0;
                for (int e = 0; e < RM_NREY; e++)
                    q.growth[e] = net->growth[0][e] +
                                  gsl_rng_uniform(rng) * (net->growth[2][e] - net->growth[0][e]);
                for (size_t s = 0; s < net->n_scenarios; s++)
                    for (size_t k = 0; k < net->scenario[s].n_measures; k++) {
                        const rm_smeasure *m = &net->scenario[s].measure[k];
                        q.loss[s][k] = m->loss_low + gsl_rng_uniform(rng) * (m->loss_high - m->loss_low);
                    }
                gsl_rng_free(rng);
                memset(nm, 0, 2 * nsy * sizeof *nm);
                memset(dn, 0, 2 * nsy * sizeof *dn);
                pass_out qo = {NULL, u + d * out->n_rows, dr, nm, dn, NULL, 0};
                if (run_pass(net, cfg, &q, out, &qo, &terr) != RM_OK) {
#pragma omp critical
                    {
                        if (!mst) {
                            mst = terr.status;
                            if (err)
                                *err = terr;
                        }
                    }
                }
            }
            free(delay), free(nm), free(dn), free(dr);
            glp_free_env();
        }
        if (mst) {
            free(u);
            rm_supply_result_free(out);
            return (rm_status)mst;
        }
        double *col = malloc(nd * sizeof *col);
        if (!col) {
            free(u);
            rm_supply_result_free(out);
            return rm_error_set(err, RM_ENOMEM, "supply: out of memory");
        }
        for (size_t r = 0; r < out->n_rows; r++) {
            for (size_t d = 0; d < nd; d++)
                col[d] = u[d * out->n_rows + r];
            qsort(col, nd, sizeof *col, cmp_double);
            const rm_supply_row *row = &out->rows[r];
            out->mc[r] = (rm_supply_mc_row){row->scenario, row->cas, row->year, row->element,
                                            row->market, quantile(col, nd, 0.1),
                                            quantile(col, nd, 0.5), quantile(col, nd, 0.9)};
        }
        out->n_mc = out->n_rows;
        free(col);
        free(u);
    }
    glp_free_env();
    return RM_OK;
}

void rm_supply_result_free(rm_supply_result *r)
{
    if (!r)
        return;
    free(r->rows);
    free(r->lace_per_dytb);
    free(r->mc);
    free(r->sankey_node);
    free(r->sankey_label);
    rm_slp_solution_free(&r->sankey);
    memset(r, 0, sizeof *r);
}

rm_status rm_supply_read_oxide_output(const char *path, rm_supply_run_config *cfg,
                                      rm_error *err)
{
    rm_table *t;
    rm_status st = rm_table_read_csv(path, &t, err);
    if (st)
        return st;
    const double *rate, *ox;
    long ce = rm_table_find(t, "element");
    if ((st = rm_table_numeric(t, "rate_dry_t_per_day", 0, &rate, err)) ||
        (st = rm_table_numeric(t, "oxide_t_per_year", 0, &ox, err)))
        goto done;
    if (ce < 0) {
        st = rm_error_input(err, path, 1, "element", "missing column");
        goto done;
    }
    cfg->n_rates = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        int e = rm_element_index(rm_table_text(t, r, (size_t)ce));
        if (e < 0 || e >= RM_NREY) {
            st = rm_error_input(err, path, t->line[r], "element", "unknown element '%s'",
                                rm_table_text(t, r, (size_t)ce));
            goto done;
        }
        if (!(rate[r] > 0) || !(ox[r] >= 0)) {
            st = rm_error_input(err, path, t->line[r], rate[r] > 0 ? "oxide_t_per_year"
                                                                   : "rate_dry_t_per_day",
                                "must be positive (rate) and non-negative (oxide)");
            goto done;
        }
        size_t k = 0;
        while (k < cfg->n_rates && cfg->rate_dry_t_per_day[k] != rate[r])
            k++;
        if (k == cfg->n_rates) {
            if (k == RM_SUPPLY_MAX_CASES - 1) {
                st = rm_error_input(err, path, t->line[r], "rate_dry_t_per_day",
                                    "more than %d rates", RM_SUPPLY_MAX_CASES - 1);
                goto done;
            }
            cfg->rate_dry_t_per_day[k] = rate[r];
            memset(cfg->mts_oxide_t[k], 0, sizeof cfg->mts_oxide_t[k]);
            cfg->n_rates++;
        }
        cfg->mts_oxide_t[k][e] = ox[r];
    }
    if (!cfg->n_rates)
        st = rm_error_input(err, path, 1, NULL, "no rows");
done:
    rm_table_free(t);
    return st;
}
