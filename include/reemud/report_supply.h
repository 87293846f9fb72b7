/* report_supply.h — figures and tables of the allied supply chain
 * (src/report/fig_supply_chain.c): they read an rm_supply_result and compute
 * nothing but layout.
 *
 *   unmet chart    year × element, unmet share of demand for Japan and the US,
 *                  without and with Minamitorishima (one scenario)     SVG
 *   Sankey         one element, year, scenario and case: mines → separation →
 *                  metal → magnets → markets, by country               SVG
 *   bottlenecks    per scenario, case, market and element: first shortfall year,
 *                  unmet tonnes, binding stage, stockpile days        HTML fragment
 */
#ifndef REEMUD_REPORT_SUPPLY_H
#define REEMUD_REPORT_SUPPLY_H

#include "reemud/core.h"
#include "reemud/supply.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Unmet chart for scenario index s (into cfg->scenario) comparing case 0 with
 * case with_case (0: only "without"), written to path. */
rm_status rm_report_supply_unmet_svg(const rm_supply_result *r, const rm_snetwork *net,
                                     const rm_supply_run_config *cfg, size_t s,
                                     size_t with_case, const char *path, rm_error *err);
/* Sankey of the arcs kept in r (cfg->sankey_*), written to path. */
rm_status rm_report_supply_sankey_svg(const rm_supply_result *r, const rm_snetwork *net,
                                      const rm_supply_run_config *cfg, const char *path,
                                      rm_error *err);
/* The bottleneck table (Japan and US shortfalls) as an HTML <table> fragment. */
rm_status rm_report_supply_bottlenecks_html(const rm_supply_result *r, const rm_snetwork *net,
                                            const rm_supply_run_config *cfg, const char *path,
                                            rm_error *err);
/* All three into dir as supply_unmet.svg, supply_sankey.svg and
 * supply_bottlenecks.html; the unmet chart shows the scenario of the Sankey
 * (cfg->sankey_scenario) and the largest rate. */
rm_status rm_report_supply_figures(const rm_supply_result *r, const rm_snetwork *net,
                                   const rm_supply_run_config *cfg, const char *dir,
                                   rm_error *err);

#ifdef __cplusplus
}
#endif
#endif
