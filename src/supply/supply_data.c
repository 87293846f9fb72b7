/* supply_data.c — the network's tables in data/: facilities, mine types (element
 * distributions), magnet compositions, demand per market and scenarios with dates.
 *
 * Every table must carry a `source` column; rows are checked and a bad one is
 * reported as "FILE:LINE: field 'COLUMN': ...".  Capacity factors (start year, ramp,
 * growth) and the time a control measure is in force are computed here too.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reemud/supply.h"
#include "reemud/table.h"

const char *rm_smarket_name(int m)
{
    static const char *const n[RM_NSMARKET] = {"japan", "us", "other_allied", "china",
                                               "rest_of_world"};
    return m >= 0 && m < RM_NSMARKET ? n[m] : "?";
}

int rm_smarket_index(const char *name)
{
    for (int m = 0; m < RM_NSMARKET; m++)
        if (!strcasecmp(name, rm_smarket_name(m)))
            return m;
    return -1;
}

const char *rm_sstage_name(int s)
{
    static const char *const n[RM_NSTAGE] = {"mining", "separation_light", "separation_heavy",
                                             "metal", "magnet_ndfeb", "magnet_smco"};
    return s >= 0 && s < RM_NSTAGE ? n[s] : "?";
}

/* A table and the columns it must have (source always). */
static rm_status open_table(const char *dir, const char *name, const char *path_override,
                            rm_table **t, rm_error *err)
{
    char path[4096];
    rm_status st;
    if (path_override)
        snprintf(path, sizeof path, "%s", path_override);
    else if ((st = rm_path_join(path, sizeof path, dir, name, err)) != RM_OK)
        return st;
    if ((st = rm_table_read_csv(path, t, err)) != RM_OK)
        return st;
    if (rm_table_find(*t, "source") < 0) {
        st = rm_error_input(err, path, 1, "source", "missing column (every row cites its source)");
        rm_table_free(*t);
        *t = NULL;
    }
    return st;
}

/* Column index of name or an input error naming it. */
static rm_status need(const rm_table *t, const char *name, long *col, rm_error *err)
{
    *col = rm_table_find(t, name);
    if (*col < 0)
        return rm_error_input(err, t->file, 1, name, "missing column");
    return RM_OK;
}

/* Number in cell (r, c): finite and in [lo, hi]; empty gives def when allow_empty. */
static rm_status number(const rm_table *t, size_t r, long c, int allow_empty, double def,
                        double lo, double hi, double *out, rm_error *err)
{
    const char *txt = rm_table_text(t, r, (size_t)c);
    if (!txt[0]) {
        if (allow_empty) {
            *out = def;
            return RM_OK;
        }
        return rm_error_input(err, t->file, t->line[r], t->names[c], "empty cell");
    }
    char *end;
    double v = strtod(txt, &end);
    while (*end == ' ')
        end++;
    if (*end || !isfinite(v))
        return rm_error_input(err, t->file, t->line[r], t->names[c], "'%s' is not a number",
                              txt);
    if (v < lo || v > hi)
        return rm_error_input(err, t->file, t->line[r], t->names[c],
                              "%g is outside [%g, %g]", v, lo, hi);
    *out = v;
    return RM_OK;
}

/* Status column: operating, announced, assumption or published. */
static rm_status status_of(const rm_table *t, size_t r, long c, int *announced, rm_error *err)
{
    const char *s = rm_table_text(t, r, (size_t)c);
    static const char *const ok[] = {"operating", "announced", "assumption", "published"};
    for (int k = 0; k < 4; k++)
        if (!strcasecmp(s, ok[k])) {
            if (announced)
                *announced = k == 1;
            return RM_OK;
        }
    return rm_error_input(err, t->file, t->line[r], "status",
                          "'%s' (operating, announced, assumption, published)", s);
}

static rm_status load_types(rm_snetwork *net, const char *dir, rm_error *err)
{
    rm_table *t;
    rm_status st = open_table(dir, "supply_mine_types.csv", NULL, &t, err);
    if (st)
        return st;
    long ct, cs, ce[RM_NREY];
    if ((st = need(t, "type", &ct, err)) || (st = need(t, "status", &cs, err)))
        goto done;
    for (int e = 0; e < RM_NREY; e++)
        if ((st = need(t, rm_element(e)->symbol, &ce[e], err)))
            goto done;
    for (size_t r = 0; r < t->n_rows; r++) {
        if (net->n_types == RM_SUPPLY_MAX_TYPES) {
            st = rm_error_input(err, t->file, t->line[r], "type", "more than %d mine types",
                                RM_SUPPLY_MAX_TYPES);
            goto done;
        }
        if ((st = status_of(t, r, cs, NULL, err)))
            goto done;
        size_t k = net->n_types;
        snprintf(net->type_name[k], RM_SUPPLY_NAME, "%s", rm_table_text(t, r, (size_t)ct));
        double sum = 0;
        for (int e = 0; e < RM_NREY; e++) {
            if ((st = number(t, r, ce[e], 0, 0, 0, 100, &net->dist[k][e], err)))
                goto done;
            sum += net->dist[k][e];
        }
        if (!(sum > 0)) {
            st = rm_error_input(err, t->file, t->line[r], "La", "distribution sums to 0");
            goto done;
        }
        for (int e = 0; e < RM_NREY; e++)
            net->dist[k][e] /= sum;
        net->n_types++;
    }
done:
    rm_table_free(t);
    return st;
}

static rm_status load_magnets(rm_snetwork *net, const char *dir, rm_error *err)
{
    rm_table *t;
    rm_status st = open_table(dir, "supply_magnets.csv", NULL, &t, err);
    if (st)
        return st;
    long cm, ce, cf, cs;
    if ((st = need(t, "magnet", &cm, err)) || (st = need(t, "element", &ce, err)) ||
        (st = need(t, "mass_fraction", &cf, err)) || (st = need(t, "status", &cs, err)))
        goto done;
    for (size_t r = 0; r < t->n_rows; r++) {
        int e = rm_element_index(rm_table_text(t, r, (size_t)ce));
        if (e < 0 || e >= RM_NREY) {
            st = rm_error_input(err, t->file, t->line[r], "element", "unknown element '%s'",
                                rm_table_text(t, r, (size_t)ce));
            goto done;
        }
        const char *m = rm_table_text(t, r, (size_t)cm);
        double *dst = !strcasecmp(m, "ndfeb") ? net->ndfeb_fraction
                      : !strcasecmp(m, "smco") ? net->smco_fraction : NULL;
        if (!dst) {
            st = rm_error_input(err, t->file, t->line[r], "magnet", "'%s' (ndfeb, smco)", m);
            goto done;
        }
        if ((st = status_of(t, r, cs, NULL, err)) ||
            (st = number(t, r, cf, 0, 0, 0, 1, &dst[e], err)))
            goto done;
    }
done:
    rm_table_free(t);
    return st;
}

/* Index of country name in net (added when new). */
static int country_index(rm_snetwork *net, const char *name)
{
    for (size_t k = 0; k < net->n_country; k++)
        if (!strcasecmp(net->country[k], name))
            return (int)k;
    if (net->n_country == RM_SUPPLY_MAX_COUNTRIES)
        return -1;
    snprintf(net->country[net->n_country], RM_SUPPLY_NAME, "%s", name);
    return (int)net->n_country++;
}

/* "Dy:100;Tb:20" → per-element caps (others 0); empty → all NAN. */
static rm_status parse_elements(const rm_table *t, size_t r, long c, double cap[RM_NREY],
                                rm_error *err)
{
    const char *s = rm_table_text(t, r, (size_t)c);
    for (int e = 0; e < RM_NREY; e++)
        cap[e] = s[0] ? 0 : NAN;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *save = NULL, *tok = strtok_r(buf, ";", &save); tok;
         tok = strtok_r(NULL, ";", &save)) {
        char *colon = strchr(tok, ':');
        char *end = NULL;
        int e = -1;
        double v = NAN;
        if (colon) {
            *colon = 0;
            e = rm_element_index(tok);
            v = strtod(colon + 1, &end);
        }
        if (e < 0 || e >= RM_NREY || !end || *end || !(v >= 0) || !isfinite(v))
            return rm_error_input(err, t->file, t->line[r], "elements",
                                  "'%s' (expected EL:t;EL:t, e.g. Dy:100;Tb:20)", s);
        cap[e] = v;
    }
    return RM_OK;
}

static rm_status load_facilities(rm_snetwork *net, const char *dir, rm_error *err)
{
    rm_table *t;
    rm_status st = open_table(dir, "supply_facilities.csv", NULL, &t, err);
    if (st)
        return st;
    long cid, cst, cco, cma, cfe, cca, cel, csy, cra, cgr, cs;
    if ((st = need(t, "id", &cid, err)) || (st = need(t, "stage", &cst, err)) ||
        (st = need(t, "country", &cco, err)) || (st = need(t, "market", &cma, err)) ||
        (st = need(t, "feed", &cfe, err)) || (st = need(t, "capacity_t", &cca, err)) ||
        (st = need(t, "elements", &cel, err)) || (st = need(t, "start_year", &csy, err)) ||
        (st = need(t, "ramp_years", &cra, err)) ||
        (st = need(t, "growth_per_year", &cgr, err)) || (st = need(t, "status", &cs, err)))
        goto done;
    net->fac = calloc(t->n_rows ? t->n_rows : 1, sizeof *net->fac);
    if (!net->fac) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory reading %s", t->file);
        goto done;
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        rm_sfacility *f = &net->fac[net->n_fac];
        snprintf(f->id, sizeof f->id, "%s", rm_table_text(t, r, (size_t)cid));
        const char *stage = rm_table_text(t, r, (size_t)cst);
        f->stage = -1;
        for (int s = 0; s < RM_NSTAGE; s++)
            if (!strcasecmp(stage, rm_sstage_name(s)))
                f->stage = s;
        if (f->stage < 0) {
            st = rm_error_input(err, t->file, t->line[r], "stage",
                                "'%s' (mining, separation_light, separation_heavy, metal, "
                                "magnet_ndfeb, magnet_smco)", stage);
            goto done;
        }
        f->country = country_index(net, rm_table_text(t, r, (size_t)cco));
        if (f->country < 0 || !rm_table_text(t, r, (size_t)cco)[0]) {
            st = rm_error_input(err, t->file, t->line[r], "country",
                                "empty or more than %d countries", RM_SUPPLY_MAX_COUNTRIES);
            goto done;
        }
        f->market = rm_smarket_index(rm_table_text(t, r, (size_t)cma));
        if (f->market < 0) {
            st = rm_error_input(err, t->file, t->line[r], "market",
                                "'%s' (japan, us, other_allied, china, rest_of_world)",
                                rm_table_text(t, r, (size_t)cma));
            goto done;
        }
        const char *feed = rm_table_text(t, r, (size_t)cfe);
        f->feed = -1;
        for (size_t k = 0; k < net->n_types; k++)
            if (!strcasecmp(feed, net->type_name[k]))
                f->feed = (int)k;
        int needs_feed = f->stage <= RM_ST_SEP_HEAVY;
        if (needs_feed && f->feed < 0) {
            st = rm_error_input(err, t->file, t->line[r], "feed",
                                "unknown mine type '%s' (see supply_mine_types.csv)", feed);
            goto done;
        }
        double sy, ry;
        if ((st = number(t, r, cca, 0, 0, 0, 1e9, &f->capacity_t, err)) ||
            (st = parse_elements(t, r, cel, f->element_cap_t, err)) ||
            (st = number(t, r, csy, 0, 0, 1900, 2200, &sy, err)) ||
            (st = number(t, r, cra, 1, 0, 0, 50, &ry, err)) ||
            (st = number(t, r, cgr, 1, 0, -0.5, 1, &f->growth_per_year, err)) ||
            (st = status_of(t, r, cs, &f->announced, err)))
            goto done;
        f->start_year = (int)sy;
        f->ramp_years = (int)ry;
        net->n_fac++;
    }
done:
    rm_table_free(t);
    return st;
}

static rm_status load_demand(rm_snetwork *net, const char *dir, rm_error *err)
{
    rm_table *t;
    rm_status st = open_table(dir, "supply_demand.csv", NULL, &t, err);
    if (st)
        return st;
    long ce, cm, cy, cd, cms, cgl, cgb, cgh, ccs, cs;
    if ((st = need(t, "element", &ce, err)) || (st = need(t, "market", &cm, err)) ||
        (st = need(t, "year", &cy, err)) || (st = need(t, "demand_t", &cd, err)) ||
        (st = need(t, "magnet_share", &cms, err)) || (st = need(t, "growth_low", &cgl, err)) ||
        (st = need(t, "growth_base", &cgb, err)) || (st = need(t, "growth_high", &cgh, err)) ||
        (st = need(t, "china_share", &ccs, err)) || (st = need(t, "status", &cs, err)))
        goto done;
    net->base_year = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        int e = rm_element_index(rm_table_text(t, r, (size_t)ce));
        int m = rm_smarket_index(rm_table_text(t, r, (size_t)cm));
        if (e < 0 || e >= RM_NREY) {
            st = rm_error_input(err, t->file, t->line[r], "element", "unknown element '%s'",
                                rm_table_text(t, r, (size_t)ce));
            goto done;
        }
        if (m < 0) {
            st = rm_error_input(err, t->file, t->line[r], "market",
                                "'%s' (japan, us, other_allied, china, rest_of_world)",
                                rm_table_text(t, r, (size_t)cm));
            goto done;
        }
        double y, g[3];
        if ((st = number(t, r, cy, 0, 0, 1900, 2200, &y, err)) ||
            (st = number(t, r, cd, 0, 0, 0, 1e9, &net->demand_t[m][e], err)) ||
            (st = number(t, r, cms, 0, 0, 0, 1, &net->magnet_share[e], err)) ||
            (st = number(t, r, cgl, 0, 0, -0.5, 1, &g[0], err)) ||
            (st = number(t, r, cgb, 0, 0, -0.5, 1, &g[1], err)) ||
            (st = number(t, r, cgh, 0, 0, -0.5, 1, &g[2], err)) ||
            (st = number(t, r, ccs, 0, 0, 0, 1, &net->china_share[m][e], err)) ||
            (st = status_of(t, r, cs, NULL, err)))
            goto done;
        if (!(g[0] <= g[1] && g[1] <= g[2])) {
            st = rm_error_input(err, t->file, t->line[r], "growth_base",
                                "growth_low <= growth_base <= growth_high is violated");
            goto done;
        }
        if (net->base_year && (int)y != net->base_year) {
            st = rm_error_input(err, t->file, t->line[r], "year",
                                "%g: every row must be for the same base year (%d)", y,
                                net->base_year);
            goto done;
        }
        net->base_year = (int)y;
        for (int k = 0; k < 3; k++)
            net->growth[k][e] = g[k];
    }
    if (!net->base_year)
        st = rm_error_input(err, t->file, 1, NULL, "no demand rows");
done:
    rm_table_free(t);
    return st;
}

/* Days since 1970-01-01 of "YYYY-MM-DD" (civil calendar), -1 for empty. */
static long day_number(const char *s, int *ok)
{
    *ok = 1;
    if (!s[0])
        return -1;
    int y, m, d;
    char tail;
    if (sscanf(s, "%d-%d-%d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31) {
        *ok = 0;
        return -1;
    }
    /* Howard Hinnant's days_from_civil. */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static rm_status load_scenarios(rm_snetwork *net, const char *dir, const char *path,
                                rm_error *err)
{
    rm_table *t;
    rm_status st = open_table(dir, "supply_scenarios.csv", path, &t, err);
    if (st)
        return st;
    long csc, cel, cma, clo, cll, clh, cef, csf, csu, cs;
    if ((st = need(t, "scenario", &csc, err)) || (st = need(t, "elements", &cel, err)) ||
        (st = need(t, "markets", &cma, err)) || (st = need(t, "loss_share", &clo, err)) ||
        (st = need(t, "loss_low", &cll, err)) || (st = need(t, "loss_high", &clh, err)) ||
        (st = need(t, "effective", &cef, err)) || (st = need(t, "suspended_from", &csf, err)) ||
        (st = need(t, "suspended_until", &csu, err)) || (st = need(t, "status", &cs, err)))
        goto done;
    /* The control lists from data/controls.csv's assignment (docs/references.md §4). */
    rm_supply_tables ctl;
    if ((st = rm_supply_tables_load(&ctl, dir, err)))
        goto done;
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *name = rm_table_text(t, r, (size_t)csc);
        int k = rm_snetwork_scenario(net, name);
        if (k < 0) {
            if (net->n_scenarios == RM_SUPPLY_MAX_SCENARIOS || !name[0]) {
                st = rm_error_input(err, t->file, t->line[r], "scenario",
                                    "empty name or more than %d scenarios",
                                    RM_SUPPLY_MAX_SCENARIOS);
                goto done;
            }
            k = (int)net->n_scenarios++;
            snprintf(net->scenario[k].name, RM_SUPPLY_NAME, "%s", name);
        }
        rm_sscenario *sc = &net->scenario[k];
        if ((st = status_of(t, r, cs, NULL, err)))
            goto done;
        const char *els = rm_table_text(t, r, (size_t)cel);
        if (!strcasecmp(els, "none"))
            continue;
        if (sc->n_measures == RM_SUPPLY_MAX_MEASURES) {
            st = rm_error_input(err, t->file, t->line[r], "scenario", "more than %d measures",
                                RM_SUPPLY_MAX_MEASURES);
            goto done;
        }
        rm_smeasure *m = &sc->measure[sc->n_measures];
        memset(m, 0, sizeof *m);
        char buf[256];
        snprintf(buf, sizeof buf, "%s", els);
        for (char *save = NULL, *tok = strtok_r(buf, ";, ", &save); tok;
             tok = strtok_r(NULL, ";, ", &save)) {
            int e = rm_element_index(tok);
            if (e >= 0 && e < RM_NREY)
                m->elements |= 1u << e;
            else if (!strcasecmp(tok, "april2025") || !strcasecmp(tok, "october2025") ||
                     !strcasecmp(tok, "all12")) {
                for (int q = 0; q < RM_NREY; q++)
                    if ((ctl.control[q] == RM_CONTROL_APRIL2025 &&
                         strcasecmp(tok, "october2025")) ||
                        (ctl.control[q] == RM_CONTROL_OCTOBER2025 &&
                         strcasecmp(tok, "april2025")))
                        m->elements |= 1u << q;
            } else if (e != RM_SC) {
                st = rm_error_input(err, t->file, t->line[r], "elements",
                                    "'%s' (element symbols, april2025, october2025, all12 "
                                    "or none)", tok);
                goto done;
            }
        }
        const char *mk = rm_table_text(t, r, (size_t)cma);
        snprintf(buf, sizeof buf, "%s", mk);
        for (char *save = NULL, *tok = strtok_r(buf, ";, ", &save); tok;
             tok = strtok_r(NULL, ";, ", &save)) {
            int q = rm_smarket_index(tok);
            if (!strcasecmp(tok, "export"))
                m->markets |= ((1u << RM_NSMARKET) - 1) & ~(1u << RM_SM_CHINA);
            else if (q >= 0 && q != RM_SM_CHINA)
                m->markets |= 1u << q;
            else {
                st = rm_error_input(err, t->file, t->line[r], "markets",
                                    "'%s' (japan, us, other_allied, rest_of_world or export)",
                                    tok);
                goto done;
            }
        }
        if ((st = number(t, r, clo, 0, 0, 0, 1, &m->loss, err)) ||
            (st = number(t, r, cll, 1, m->loss, 0, 1, &m->loss_low, err)) ||
            (st = number(t, r, clh, 1, m->loss, 0, 1, &m->loss_high, err)))
            goto done;
        if (!(m->loss_low <= m->loss && m->loss <= m->loss_high)) {
            st = rm_error_input(err, t->file, t->line[r], "loss_share",
                                "loss_low <= loss_share <= loss_high is violated");
            goto done;
        }
        int ok1, ok2, ok3;
        m->effective_day = day_number(rm_table_text(t, r, (size_t)cef), &ok1);
        m->suspended_from_day = day_number(rm_table_text(t, r, (size_t)csf), &ok2);
        m->suspended_until_day = day_number(rm_table_text(t, r, (size_t)csu), &ok3);
        if (!ok1 || m->effective_day < 0 || !ok2 || !ok3 ||
            (m->suspended_from_day < 0) != (m->suspended_until_day < 0)) {
            st = rm_error_input(err, t->file, t->line[r], "effective",
                                "dates must be YYYY-MM-DD; effective is required, "
                                "suspended_from and suspended_until go together");
            goto done;
        }
        sc->n_measures++;
    }
done:
    rm_table_free(t);
    return st;
}

rm_status rm_snetwork_load(rm_snetwork *net, const char *dir, const char *scenarios_path,
                           rm_error *err)
{
    memset(net, 0, sizeof *net);
    rm_status st;
    if ((st = load_types(net, dir, err)) || (st = load_magnets(net, dir, err)) ||
        (st = load_facilities(net, dir, err)) || (st = load_demand(net, dir, err)) ||
        (st = load_scenarios(net, dir, scenarios_path, err))) {
        rm_snetwork_free(net);
        return st;
    }
    return RM_OK;
}

void rm_snetwork_free(rm_snetwork *net)
{
    if (!net)
        return;
    free(net->fac);
    net->fac = NULL;
    net->n_fac = 0;
}

int rm_snetwork_scenario(const rm_snetwork *net, const char *name)
{
    for (size_t k = 0; k < net->n_scenarios; k++)
        if (!strcasecmp(net->scenario[k].name, name))
            return (int)k;
    return -1;
}

double rm_sfacility_factor(const rm_sfacility *f, int year, int base_year, int delay_years)
{
    int start = f->start_year + delay_years;
    if (year < start)
        return 0;
    double ramp = f->ramp_years > 0 ? fmin(1.0, (double)(year - start + 1) / f->ramp_years) : 1;
    int grown = year - (start > base_year ? start : base_year);
    return ramp * (grown > 0 ? pow(1 + f->growth_per_year, grown) : 1.0);
}

/* Magnet-metal share of element e in a metal/alloy plant's output (NdFeB alloy;
 * Sm for SmCo at 5 % of the capacity, an assumption stated in docs/supply.md). */
static double metal_share(const rm_snetwork *net, int e)
{
    double sum = 0;
    for (int q = 0; q < RM_NREY; q++)
        sum += net->ndfeb_fraction[q];
    if (net->smco_fraction[e] > 0 && !(net->ndfeb_fraction[e] > 0))
        return 0.05;
    return sum > 0 ? net->ndfeb_fraction[e] / sum : 0;
}

double rm_sfacility_element_cap(const rm_snetwork *net, const rm_sfacility *f, int e,
                                int year, int delay_years)
{
    double k = rm_sfacility_factor(f, year, net->base_year, delay_years);
    if (!(k > 0))
        return 0;
    double of = rm_element(e)->oxide_factor;
    switch (f->stage) {
    case RM_ST_MINING:
        return k * f->capacity_t * net->dist[f->feed][e];
    case RM_ST_SEP_LIGHT:
    case RM_ST_SEP_HEAVY: {
        int heavy = f->stage == RM_ST_SEP_HEAVY;
        if (rm_element(e)->heavy != heavy)
            return 0;
        if (!isnan(f->element_cap_t[e]))
            return k * f->element_cap_t[e];
        double cls = 0;
        for (int q = 0; q < RM_NREY; q++)
            if (rm_element(q)->heavy == heavy)
                cls += net->dist[f->feed][q];
        return cls > 0 ? k * f->capacity_t * net->dist[f->feed][e] / cls : 0;
    }
    case RM_ST_METAL:
        return k * f->capacity_t * metal_share(net, e) * of;
    case RM_ST_NDFEB:
        return k * f->capacity_t * net->ndfeb_fraction[e] * of;
    case RM_ST_SMCO:
        return k * f->capacity_t * net->smco_fraction[e] * of;
    default:
        return 0;
    }
}

double rm_smeasure_in_force(const rm_smeasure *m, int year)
{
    int ok;
    char buf[16];
    snprintf(buf, sizeof buf, "%04d-01-01", year);
    long y0 = day_number(buf, &ok);
    snprintf(buf, sizeof buf, "%04d-01-01", year + 1);
    long y1 = day_number(buf, &ok);
    long a = m->effective_day > y0 ? m->effective_day : y0;
    double days = a < y1 ? (double)(y1 - a) : 0;
    if (m->suspended_from_day >= 0) {
        long s0 = m->suspended_from_day > a ? m->suspended_from_day : a;
        long s1 = m->suspended_until_day < y1 ? m->suspended_until_day : y1;
        if (s1 > s0)
            days -= (double)(s1 - s0);
    }
    return days > 0 ? days / (double)(y1 - y0) : 0;
}

double rm_sscenario_loss(const rm_sscenario *s, int e, int market, int year,
                         const double *loss_override)
{
    double loss = 0;
    for (size_t k = 0; k < s->n_measures; k++) {
        const rm_smeasure *m = &s->measure[k];
        if (!(m->elements & (1u << e)) || !(m->markets & (1u << market)))
            continue;
        double l = (loss_override ? loss_override[k] : m->loss) * rm_smeasure_in_force(m, year);
        if (l > loss)
            loss = l;
    }
    return loss;
}

void rm_sscenario_controls_prices(const rm_sscenario *s, const double normal[RM_NREY],
                                  const double outside[RM_NREY], double out[RM_NREY])
{
    for (int e = 0; e < RM_NREY; e++) {
        out[e] = normal[e];
        for (size_t k = 0; k < s->n_measures; k++)
            if ((s->measure[k].elements & (1u << e)) && s->measure[k].loss > 0)
                out[e] = outside[e];
    }
}
