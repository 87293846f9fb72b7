/* supply_config.c — the project file's [supply] keys for `reemud supply`
 * (docs/project-file.md).  The chain reads three keys of the same section
 * (tables, licensing_disruption, scenarios); the network reads tables and
 * licensing_disruption too, and marks scenarios as known. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reemud/config.h"
#include "reemud/supply.h"

rm_status rm_supply_setup(rm_ini *ini, const char *datadir, rm_snetwork *net,
                          rm_supply_run_config *cfg, rm_error *err)
{
    char dir[4096], scen[4096], path[4096];
    const char *s;
    rm_status st;
    if ((st = rm_ini_get_path(ini, "supply", "tables", datadir, dir, sizeof dir, err)) ||
        (st = rm_ini_get_path(ini, "supply", "scenario_table", NULL, scen, sizeof scen, err)) ||
        (st = rm_ini_get_string(ini, "supply", "scenarios", "", &s, err)))
        return st;
    if ((st = rm_snetwork_load(net, dir, scen[0] ? scen : NULL, err)))
        return st;
    rm_supply_run_config_default(cfg, net);

    int li = rm_snetwork_scenario(net, "licensing");
    if (li >= 0 && rm_ini_has(ini, "supply", "licensing_disruption")) {
        double v;
        if ((st = rm_ini_get_double(ini, "supply", "licensing_disruption", 0, 0, 1, &v, err)))
            return st;
        rm_sscenario *sc = &net->scenario[li];
        for (size_t k = 0; k < sc->n_measures; k++) {
            sc->measure[k].loss = v;
            sc->measure[k].loss_low = fmin(sc->measure[k].loss_low, v);
            sc->measure[k].loss_high = fmax(sc->measure[k].loss_high, v);
        }
    }
    if ((st = rm_ini_get_string(ini, "supply", "network_scenarios", "", &s, err)))
        return st;
    if (s[0] && (st = rm_supply_select_scenarios(net, cfg, s, rm_ini_path(ini),
                                                 rm_ini_line(ini, "supply", "network_scenarios"),
                                                 "supply.network_scenarios", err)))
        return st;
    if ((st = rm_ini_get_string(ini, "supply", "years", "", &s, err)))
        return st;
    if (s[0] && (st = rm_supply_parse_years(cfg, s, rm_ini_path(ini),
                                            rm_ini_line(ini, "supply", "years"), "supply.years",
                                            err)))
        return st;
    long v;
    double d;
#define LONGKEY(key, lo, hi, dst)                                                        \
    do {                                                                                 \
        if ((st = rm_ini_get_long(ini, "supply", key, (long)(dst), lo, hi, &v, err)))  \
            return st;                                                                   \
        dst = v;                                                                         \
    } while (0)
    LONGKEY("baseline_year", 1900, 2200, cfg->baseline_year);
    LONGKEY("draws", 0, 100000, cfg->draws);
    long seed = (long)cfg->seed;
    LONGKEY("seed", 0, 0x7fffffffL, seed);
    cfg->seed = (unsigned long long)seed;
    LONGKEY("minamitorishima_start", 1900, 2200, cfg->mts_start_year);
    LONGKEY("minamitorishima_ramp_years", 0, 50, cfg->mts_ramp_years);
    LONGKEY("max_delay_years", 0, 50, cfg->max_delay_years);
    LONGKEY("sankey_year", 1900, 2200, cfg->sankey_year);
#undef LONGKEY
    if ((st = rm_ini_get_double(ini, "supply", "stockpile_days_japan", 0, 0, 3650, &d, err)))
        return st;
    cfg->stockpile_days[RM_SM_JAPAN] = d;
    if ((st = rm_ini_get_double(ini, "supply", "stockpile_days_us", 0, 0, 3650, &d, err)))
        return st;
    cfg->stockpile_days[RM_SM_US] = d;
    static const char *const growth[] = {"low", "base", "high", NULL};
    if ((st = rm_ini_get_choice(ini, "supply", "demand_growth", growth, 1, &cfg->growth_case,
                                err)))
        return st;
    if ((st = rm_ini_get_string(ini, "supply", "sankey_element", "Dy", &s, err)))
        return st;
    int e = rm_element_index(s);
    if (e < 0 || e >= RM_NREY)
        return rm_error_input(err, rm_ini_path(ini), rm_ini_line(ini, "supply", "sankey_element"),
                              "supply.sankey_element", "unknown element '%s'", s);
    cfg->sankey_element = e;
    if ((st = rm_ini_get_string(ini, "supply", "sankey_scenario", "", &s, err)))
        return st;
    if (s[0] && (st = rm_supply_set_sankey_scenario(net, cfg, s, rm_ini_path(ini),
                                                    rm_ini_line(ini, "supply", "sankey_scenario"),
                                                    "supply.sankey_scenario", err)))
        return st;
    if ((st = rm_ini_get_path(ini, "supply", "oxide_output", NULL, path, sizeof path, err)))
        return st;
    if (path[0] && (st = rm_supply_read_oxide_output(path, cfg, err)))
        return st;
    return RM_OK;
}

rm_status rm_supply_select_scenarios(const rm_snetwork *net, rm_supply_run_config *cfg,
                                     const char *list, const char *file, long line,
                                     const char *field, rm_error *err)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", list);
    int keep = cfg->n_scenarios ? cfg->scenario[cfg->sankey_scenario] : -1;
    cfg->n_scenarios = 0;
    for (char *save = NULL, *tok = strtok_r(buf, ", \t", &save); tok;
         tok = strtok_r(NULL, ", \t", &save)) {
        int k = rm_snetwork_scenario(net, tok);
        int dup = 0;
        for (size_t q = 0; q < cfg->n_scenarios; q++)
            dup |= cfg->scenario[q] == k;
        if (k < 0 || dup || cfg->n_scenarios == RM_SUPPLY_MAX_SCENARIOS) {
            char names[512] = "";
            for (size_t q = 0; q < net->n_scenarios; q++) {
                strncat(names, q ? ", " : "", sizeof names - strlen(names) - 1);
                strncat(names, net->scenario[q].name, sizeof names - strlen(names) - 1);
            }
            return rm_error_input(err, file, line, field,
                                  "unknown or repeated scenario '%s' (%s)", tok, names);
        }
        cfg->scenario[cfg->n_scenarios++] = k;
    }
    if (!cfg->n_scenarios)
        return rm_error_input(err, file, line, field, "no scenario named");
    cfg->sankey_scenario = 0;
    for (size_t q = 0; q < cfg->n_scenarios; q++)
        if (cfg->scenario[q] == keep)
            cfg->sankey_scenario = (int)q;
    return RM_OK;
}

rm_status rm_supply_set_sankey_scenario(const rm_snetwork *net, rm_supply_run_config *cfg,
                                        const char *name, const char *file, long line,
                                        const char *field, rm_error *err)
{
    int k = rm_snetwork_scenario(net, name);
    for (size_t q = 0; q < cfg->n_scenarios; q++)
        if (cfg->scenario[q] == k) {
            cfg->sankey_scenario = (int)q;
            return RM_OK;
        }
    return rm_error_input(err, file, line, field, "scenario '%s' is not among those run", name);
}

rm_status rm_supply_parse_years(rm_supply_run_config *cfg, const char *text, const char *file,
                                long line, const char *field, rm_error *err)
{
    int a, b;
    char tail;
    if (sscanf(text, "%d:%d%c", &a, &b, &tail) != 2 || a < 1900 || b > 2200 || b < a)
        return rm_error_input(err, file, line, field,
                              "'%s' (expected FROM:TO, e.g. 2024:2040)", text);
    cfg->year_from = a;
    cfg->year_to = b;
    return RM_OK;
}
