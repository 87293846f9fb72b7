/* fig_supply_chain.c — the supply network's figures as plain SVG (a grid of
 * coloured cells and a flow diagram need no plotting library) and its bottleneck
 * table as an HTML fragment.  Layout only: every number comes from the
 * rm_supply_result. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/report.h"
#include "reemud/report_supply.h"

/* Colour for an unmet share 0..1: white → vermillion (#d55e00, Okabe–Ito). */
static void share_colour(double f, char out[8])
{
    f = fmin(1, fmax(0, f));
    int r = (int)lround(255 + f * (213 - 255)), g = (int)lround(255 + f * (94 - 255)),
        b = (int)lround(255 + f * (0 - 255));
    snprintf(out, 8, "#%02x%02x%02x", r, g, b);
}

rm_status rm_report_supply_unmet_svg(const rm_supply_result *r, const rm_snetwork *net,
                                     const rm_supply_run_config *cfg, size_t s,
                                     size_t with_case, const char *path, rm_error *err)
{
    rm_afile af;
    rm_status st = rm_afile_open(&af, path, err);
    if (st)
        return st;
    FILE *fp = af.fp;
    int ny = r->n_years;
    int ncase = with_case ? 2 : 1;
    double cw = 560.0 / ny < 28 ? 560.0 / ny : 28, ch = 16, left = 40, top = 60;
    double pw = cw * ny + 30, ph = ch * RM_NREY + 40;
    double W = left + 2 * pw + 160, H = top + ncase * ph + 30;
    char wname[64];
    rm_supply_case_name(cfg, with_case, wname, sizeof wname);
    fprintf(fp,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"11\">\n"
            "<title>Unmet demand by year and element, scenario %s</title>\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
            "<text x=\"%.0f\" y=\"20\" font-size=\"14\">Unmet share of demand — scenario %s"
            "</text>\n",
            W, H, W, H, net->scenario[cfg->scenario[s]].name, left,
            net->scenario[cfg->scenario[s]].name);
    const int mk[2] = {RM_SM_JAPAN, RM_SM_US};
    for (int q = 0; q < 2; q++)
        for (int k = 0; k < ncase; k++) {
            size_t c = k ? with_case : 0;
            char cname[64];
            rm_supply_case_name(cfg, c, cname, sizeof cname);
            double x0 = left + q * pw, y0 = top + k * ph;
            fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" font-weight=\"bold\">%s, %s</text>\n", x0,
                    y0 - 6, mk[q] == RM_SM_JAPAN ? "Japan" : "United States",
                    c ? cname : "without Minamitorishima");
            for (int e = 0; e < RM_NREY; e++) {
                if (q == 0)
                    fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                            x0 - 4, y0 + (e + 0.75) * ch, rm_element(e)->symbol);
                for (int yo = 0; yo < ny; yo++) {
                    const rm_supply_row *w = &r->rows[rm_supply_row_index(r, s, c, yo, e, mk[q])];
                    double f = w->demand_t > 0 ? w->unmet_t / w->demand_t : 0;
                    char col[8];
                    share_colour(f, col);
                    fprintf(fp,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                            "fill=\"%s\" stroke=\"#ccc\" stroke-width=\"0.5\"><title>%s %d %s: "
                            "%.1f t unmet of %.1f t (%s)</title></rect>\n",
                            x0 + yo * cw, y0 + e * ch, cw, ch, col, rm_smarket_name(mk[q]),
                            w->year, rm_element(e)->symbol, w->unmet_t, w->demand_t,
                            rm_bind_name(w->binding));
                }
            }
            for (int yo = 0; yo < ny; yo += ny > 10 ? 4 : 1)
                fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>\n",
                        x0 + (yo + 0.5) * cw, y0 + RM_NREY * ch + 12, cfg->year_from + yo);
        }
    /* Legend. */
    double lx = left + 2 * pw + 10;
    fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\">unmet / demand</text>\n", lx, top);
    for (int k = 0; k <= 4; k++) {
        char col[8];
        share_colour(k / 4.0, col);
        fprintf(fp,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"12\" fill=\"%s\" "
                "stroke=\"#999\"/><text x=\"%.1f\" y=\"%.1f\">%d %%</text>\n",
                lx, top + 8 + k * 16, col, lx + 22, top + 18 + k * 16, k * 25);
    }
    fprintf(fp, "</svg>\n");
    return rm_afile_commit(&af, err);
}

/* Sankey column of an LP stage; markets are column RM_NLPSTAGE. */
rm_status rm_report_supply_sankey_svg(const rm_supply_result *r, const rm_snetwork *net,
                                      const rm_supply_run_config *cfg, const char *path,
                                      rm_error *err)
{
    /* Aggregate nodes by (column, country or market). */
    enum { NCOL = RM_NLPSTAGE + 1, NK = RM_SUPPLY_MAX_COUNTRIES + 1 };
    static double flow[NCOL][NK][NCOL][NK][2];
    static double in_t[NCOL][NK], out_t[NCOL][NK];
    memset(flow, 0, sizeof flow);
    memset(in_t, 0, sizeof in_t);
    memset(out_t, 0, sizeof out_t);
    const rm_slp_solution *sol = &r->sankey;
    int jp = RM_SUPPLY_MAX_COUNTRIES; /* Minamitorishima gets its own row */
    for (size_t a = 0; a < sol->n_arc; a++) {
        double x = sol->arc_t[a];
        if (!(x > 0))
            continue;
        const rm_slp_node *f = &r->sankey_node[sol->arc_from[a]];
        int fc = f->stage, fk = f->source ? jp : f->country;
        int tc, tk;
        if (sol->arc_to[a] < 0) {
            tc = RM_NLPSTAGE;
            tk = -1 - sol->arc_to[a];
        } else {
            const rm_slp_node *t = &r->sankey_node[sol->arc_to[a]];
            tc = t->stage;
            tk = t->source ? jp : t->country;
        }
        if (fk < 0 || tk < 0)
            continue;
        flow[fc][fk][tc][tk][f->china ? 0 : 1] += x;
        out_t[fc][fk] += x;
        in_t[tc][tk] += x;
    }
    double total = 0;
    for (int k = 0; k < NK; k++)
        total += in_t[RM_NLPSTAGE][k];
    rm_afile af;
    rm_status st = rm_afile_open(&af, path, err);
    if (st)
        return st;
    FILE *fp = af.fp;
    char cname[64];
    rm_supply_case_name(cfg, (size_t)cfg->sankey_case, cname, sizeof cname);
    const char *scen = net->scenario[cfg->scenario[cfg->sankey_scenario]].name;
    double W = 980, H = 560, top = 50, usable = H - top - 30, colw = 180, barw = 12;
    fprintf(fp,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"11\">\n"
            "<title>%s flows %d, scenario %s, %s</title>\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
            "<text x=\"20\" y=\"22\" font-size=\"14\">%s oxide flows in %d (t/yr), scenario %s, "
            "%s — China-sourced in red, other in blue</text>\n",
            W, H, W, H, rm_element(cfg->sankey_element)->symbol, cfg->sankey_year, scen, cname,
            rm_element(cfg->sankey_element)->symbol, cfg->sankey_year, scen, cname);
    if (!(total > 0)) {
        fprintf(fp, "<text x=\"20\" y=\"60\">no flows</text>\n</svg>\n");
        return rm_afile_commit(&af, err);
    }
    /* Node positions: per column, stacked in country order with gaps. */
    static double ypos[NCOL][NK], hgt[NCOL][NK], off_out[NCOL][NK], off_in[NCOL][NK];
    double scale = 0;
    for (int c = 0; c < NCOL; c++) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < NK; k++) {
            double v = fmax(in_t[c][k], out_t[c][k]);
            sum += v;
            n += v > 0;
        }
        double sc = sum > 0 ? (usable - 8.0 * n) / sum : 0;
        if (sum > 0 && (scale == 0 || sc < scale))
            scale = sc;
    }
    static const char *const colname[NCOL] = {"mines", "separation", "metal/alloy", "magnets",
                                              "markets"};
    for (int c = 0; c < NCOL; c++) {
        double y = top;
        double x = 20 + c * colw;
        fprintf(fp, "<text x=\"%.0f\" y=\"%.0f\" font-weight=\"bold\">%s</text>\n", x, top - 8,
                colname[c]);
        for (int k = 0; k < NK; k++) {
            double v = fmax(in_t[c][k], out_t[c][k]);
            if (!(v > 0))
                continue;
            ypos[c][k] = y;
            hgt[c][k] = fmax(1, v * scale);
            off_out[c][k] = off_in[c][k] = 0;
            const char *label = c == RM_NLPSTAGE ? rm_smarket_name(k)
                                : k == jp       ? "Minamitorishima"
                                                : net->country[k];
            fprintf(fp,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" fill=\"#555\">"
                    "<title>%s: %.1f t</title></rect>\n<text x=\"%.1f\" y=\"%.1f\">%s %.0f t"
                    "</text>\n",
                    x, y, barw, hgt[c][k], label, v, x + barw + 3, y + fmin(hgt[c][k], 20) / 2 + 4,
                    label, v);
            y += hgt[c][k] + 8;
        }
    }
    for (int fc = 0; fc < NCOL; fc++)
        for (int fk = 0; fk < NK; fk++)
            for (int tc = 0; tc < NCOL; tc++)
                for (int tk = 0; tk < NK; tk++)
                    for (int tag = 0; tag < 2; tag++) {
                        double x = flow[fc][fk][tc][tk][tag];
                        if (!(x > 0))
                            continue;
                        double w = x * scale;
                        double x0 = 20 + fc * colw + barw, x1 = 20 + tc * colw;
                        double y0 = ypos[fc][fk] + off_out[fc][fk] + w / 2;
                        double y1 = ypos[tc][tk] + off_in[tc][tk] + w / 2;
                        off_out[fc][fk] += w;
                        off_in[tc][tk] += w;
                        double xm = (x0 + x1) / 2;
                        fprintf(fp,
                                "<path d=\"M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f\" "
                                "fill=\"none\" stroke=\"%s\" stroke-opacity=\"0.45\" "
                                "stroke-width=\"%.2f\"><title>%.1f t</title></path>\n",
                                x0, y0, xm, y0, xm, y1, x1, y1, tag ? "#0072b2" : "#d55e00",
                                fmax(0.5, w), x);
                    }
    fprintf(fp, "</svg>\n");
    return rm_afile_commit(&af, err);
}

rm_status rm_report_supply_bottlenecks_html(const rm_supply_result *r, const rm_snetwork *net,
                                            const rm_supply_run_config *cfg, const char *path,
                                            rm_error *err)
{
    rm_afile af;
    rm_status st = rm_afile_open(&af, path, err);
    if (st)
        return st;
    FILE *fp = af.fp;
    fprintf(fp, "<table class=\"supply-bottlenecks\">\n<thead><tr><th>scenario</th><th>case"
                "</th><th>market</th><th>element</th><th>first shortfall</th><th>unmet t "
                "(all years)</th><th>largest unmet share</th><th>binding stage</th><th>stockpile"
                " days to bridge (worst year)</th></tr></thead>\n<tbody>\n");
    const int mk[2] = {RM_SM_JAPAN, RM_SM_US};
    int any = 0;
    for (size_t s = 0; s < cfg->n_scenarios; s++)
        for (size_t c = 0; c < r->n_cases; c++)
            for (int q = 0; q < 2; q++)
                for (int e = 0; e < RM_NREY; e++) {
                    int first = 0, count[RM_BIND_NONE + 1] = {0};
                    double total = 0, worst = 0, days = 0;
                    for (int yo = 0; yo < r->n_years; yo++) {
                        const rm_supply_row *w = &r->rows[rm_supply_row_index(r, s, c, yo, e, mk[q])];
                        if (!(w->unmet_t > 1e-3 && w->unmet_t > 1e-6 * w->demand_t))
                            continue;
                        if (!first)
                            first = w->year;
                        total += w->unmet_t;
                        worst = fmax(worst, w->unmet_t / w->demand_t);
                        days = fmax(days, w->stockpile_days);
                        count[w->binding]++;
                    }
                    if (!first)
                        continue;
                    int b = RM_BIND_NONE;
                    for (int k = 0; k <= RM_BIND_NONE; k++)
                        if (count[k] > (b == RM_BIND_NONE ? 0 : count[b]))
                            b = k;
                    char cname[64], sname[2 * RM_SUPPLY_NAME];
                    rm_supply_case_name(cfg, c, cname, sizeof cname);
                    rm_report_html_escape(net->scenario[cfg->scenario[s]].name, sname, sizeof sname);
                    fprintf(fp,
                            "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%d</td>"
                            "<td>%.1f</td><td>%.1f %%</td><td>%s</td><td>%.0f</td></tr>\n",
                            sname, cname, rm_smarket_name(mk[q]), rm_element(e)->symbol, first,
                            total, 100 * worst, rm_bind_name(b), days);
                    any = 1;
                }
    if (!any)
        fprintf(fp, "<tr><td colspan=\"9\">no shortfall for Japan or the US</td></tr>\n");
    fprintf(fp, "</tbody>\n</table>\n");
    return rm_afile_commit(&af, err);
}

rm_status rm_report_supply_figures(const rm_supply_result *r, const rm_snetwork *net,
                                   const rm_supply_run_config *cfg, const char *dir,
                                   rm_error *err)
{
    char path[4096];
    rm_status st;
    if ((st = rm_path_join(path, sizeof path, dir, "supply_unmet.svg", err)) ||
        (st = rm_report_supply_unmet_svg(r, net, cfg, (size_t)cfg->sankey_scenario,
                                         r->n_cases - 1, path, err)) ||
        (st = rm_path_join(path, sizeof path, dir, "supply_sankey.svg", err)) ||
        (st = rm_report_supply_sankey_svg(r, net, cfg, path, err)) ||
        (st = rm_path_join(path, sizeof path, dir, "supply_bottlenecks.html", err)) ||
        (st = rm_report_supply_bottlenecks_html(r, net, cfg, path, err)))
        return st;
    return RM_OK;
}
