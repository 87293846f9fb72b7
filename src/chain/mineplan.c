/* mineplan.c — choose, rank and schedule the columns of a block model.
 *
 * See mineplan.h for the rules.  Blocks are integrated over the mined
 * interval by their overlap (a block half inside counts half its tonnes),
 * so the result does not depend on whether the interval falls on block
 * boundaries.  Ranking is by value per dry tonne with ties broken by grid
 * index, so the order is reproducible.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/mineplan.h"

void rm_mine_config_default(rm_mine_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->penetration_m = 10.0;
    cfg->cutoff_sum_rey_ppm = 2000.0;  /* "highly REY-rich" (Takaya 2018) */
    cfg->ore_top_ppm = 400.0;          /* "REY-rich mud" threshold (Fujinaga 2016; Takaya 2018) */
    cfg->max_overburden_m = 10.0;      /* REY mud starts within 10 mbsf at several sites (JAMSTEC 2013) */
    cfg->overburden = RM_OVERBURDEN_STRIP;
    cfg->default_density_t_m3 = 0.55;  /* (1 - 0.78) x 2.5 t/m3, docs/references.md §1 */
    cfg->operating_days_per_year = 300.0;
    cfg->max_years = 20;               /* METI 2016 evaluation period */
}

void rm_mineplan_free(rm_mineplan *plan)
{
    if (!plan)
        return;
    free(plan->columns);
    free(plan);
}

void rm_mine_schedule_free(rm_mine_schedule *s)
{
    if (!s)
        return;
    free(s->years);
    free(s);
}

/* qsort order of mine columns by value (USD/t) descending, then j, then i (a total
 * order). */
static int by_value_desc(const void *a, const void *b)
{
    const rm_mine_column *x = a, *y = b;
    if (x->value_usd_per_t > y->value_usd_per_t)
        return -1;
    if (x->value_usd_per_t < y->value_usd_per_t)
        return 1;
    if (x->j != y->j)
        return x->j < y->j ? -1 : 1;
    return x->i < y->i ? -1 : (x->i > y->i);
}

/* RM_EINVAL naming the first mine setting out of range (penetration, cut-offs,
 * overburden, density, operating days, max_years), else RM_OK. */
static rm_status check_config(const rm_mine_config *cfg, rm_error *err)
{
    if (!(cfg->penetration_m > 0))
        return rm_error_set(err, RM_EINVAL, "mine: penetration_m must be > 0");
    if (!(cfg->cutoff_sum_rey_ppm >= 0) || !(cfg->ore_top_ppm >= 0))
        return rm_error_set(err, RM_EINVAL, "mine: cut-off grades must be >= 0");
    if (!(cfg->max_overburden_m >= 0))
        return rm_error_set(err, RM_EINVAL, "mine: max_overburden_m must be >= 0");
    if (!(cfg->default_density_t_m3 > 0))
        return rm_error_set(err, RM_EINVAL, "mine: density must be > 0");
    if (!(cfg->operating_days_per_year > 0 && cfg->operating_days_per_year <= 366))
        return rm_error_set(err, RM_EINVAL, "mine: operating_days_per_year must be in (0, 366]");
    if (cfg->max_years < 1)
        return rm_error_set(err, RM_EINVAL, "mine: max_years must be >= 1");
    return RM_OK;
}

rm_status rm_mineplan_build(const rm_blockmodel *bm, const rm_mine_config *cfg,
                            rm_mineplan **out, rm_error *err)
{
    *out = NULL;
    rm_status st = check_config(cfg, err);
    if (st != RM_OK)
        return st;
    if (!bm)
        return rm_error_set(err, RM_EINVAL, "mine: no block model");
    st = rm_grid_validate(&bm->grid, err);
    if (st != RM_OK)
        return st;
    const rm_grid *g = &bm->grid;
    const double *grade[RM_NREY];
    char missing[256] = "";
    for (int e = 0; e < RM_NREY; e++) {
        char name[32];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        grade[e] = rm_blockmodel_get(bm, name);
        if (!grade[e])
            snprintf(missing + strlen(missing), sizeof missing - strlen(missing), " %s", name);
    }
    if (missing[0])
        return rm_error_set(err, RM_EDATA, "mine: the block model lacks field(s):%s", missing);
    const double *density = rm_blockmodel_get(bm, "dry_density_t_m3");
    const double *wdepth = rm_blockmodel_get_surface(bm, "water_depth_m");

    size_t ncol = g->nx * g->ny;
    unsigned char *mask = calloc(ncol, 1);
    rm_mineplan *plan = calloc(1, sizeof *plan);
    if (plan)
        plan->columns = malloc((ncol ? ncol : 1) * sizeof *plan->columns);
    if (!mask || !plan || !plan->columns) {
        free(mask);
        rm_mineplan_free(plan);
        return rm_error_set(err, RM_ENOMEM, "mine: out of memory");
    }
    if (cfg->exclusion_path[0]) {
        st = rm_mine_exclusion_mask(bm, cfg->exclusion_path, cfg->exclusion_layer, mask, err);
        if (st != RM_OK) {
            free(mask);
            rm_mineplan_free(plan);
            return st;
        }
    }
    int weighted = 0;
    for (int e = 0; e < RM_NREY; e++)
        if (cfg->value_usd_per_t_element[e] != 0)
            weighted = 1;

    plan->n_columns_total = ncol;
    const double area = g->dx * g->dy;
    for (size_t j = 0; j < g->ny; j++) {
        for (size_t i = 0; i < g->nx; i++) {
            /* Resource: every block with all grades and a density. */
            int any = 0, found_top = 0;
            double top = 0;
            for (size_t k = 0; k < g->nz; k++) {
                size_t b = rm_grid_index(g, i, j, k);
                double sum = 0, rho = density ? density[b] : cfg->default_density_t_m3;
                int ok = isfinite(rho) && rho > 0;
                for (int e = 0; e < RM_NREY && ok; e++) {
                    ok = isfinite(grade[e][b]) && grade[e][b] >= 0;
                    sum += ok ? grade[e][b] : 0;
                }
                if (!ok)
                    continue;
                any = 1;
                double t = area * g->dz * rho;
                plan->resource_dry_t += t;
                for (int e = 0; e < RM_NREY; e++)
                    plan->resource_element_t[e] += t * grade[e][b] * 1e-6;
                if (!found_top && sum >= cfg->ore_top_ppm) {
                    found_top = 1;
                    top = g->z0 + (double)k * g->dz;
                }
            }
            if (!any) {
                plan->n_no_data++;
                continue;
            }
            if (mask[i + g->nx * j]) {
                plan->n_excluded++;
                continue;
            }
            if (!found_top) {
                plan->n_below_cutoff++;
                continue;
            }
            double ob = top - g->z0;
            if (ob > cfg->max_overburden_m) {
                plan->n_too_deep++;
                continue;
            }
            rm_mine_column c;
            memset(&c, 0, sizeof c);
            c.i = i;
            c.j = j;
            c.x_m = rm_grid_xc(g, i);
            c.y_m = rm_grid_yc(g, j);
            c.water_depth_m = wdepth ? wdepth[i + g->nx * j] : NAN;
            c.overburden_m = ob;
            c.top_mbsf = cfg->overburden == RM_OVERBURDEN_STRIP ? top : g->z0;
            c.bottom_mbsf = top + cfg->penetration_m;
            double elem_t[RM_NREY] = {0};
            for (size_t k = 0; k < g->nz; k++) {
                size_t b = rm_grid_index(g, i, j, k);
                double zt = g->z0 + (double)k * g->dz, zb = zt + g->dz;
                double rho = density ? density[b] : cfg->default_density_t_m3;
                int ok = isfinite(rho) && rho > 0;
                for (int e = 0; e < RM_NREY && ok; e++)
                    ok = isfinite(grade[e][b]) && grade[e][b] >= 0;
                if (!ok)
                    continue;
                double in = fmin(zb, c.bottom_mbsf) - fmax(zt, c.top_mbsf);
                if (in > 0) {
                    double t = area * in * rho;
                    c.dry_t += t;
                    for (int e = 0; e < RM_NREY; e++)
                        elem_t[e] += t * grade[e][b] * 1e-6;
                }
                if (cfg->overburden == RM_OVERBURDEN_STRIP) {
                    double ov = fmin(zb, top) - zt;
                    if (ov > 0)
                        c.overburden_dry_t += area * fmin(ov, g->dz) * rho;
                }
            }
            if (!(c.dry_t > 0)) {
                plan->n_no_data++;
                continue;
            }
            for (int e = 0; e < RM_NREY; e++) {
                c.grade_ppm[e] = elem_t[e] / c.dry_t * 1e6;
                c.sum_rey_ppm += c.grade_ppm[e];
            }
            if (c.sum_rey_ppm < cfg->cutoff_sum_rey_ppm) {
                plan->n_below_cutoff++;
                continue;
            }
            if (weighted)
                for (int e = 0; e < RM_NREY; e++)
                    c.value_usd_per_t += c.grade_ppm[e] * 1e-6 * cfg->value_usd_per_t_element[e];
            else
                c.value_usd_per_t = c.sum_rey_ppm;
            plan->reserve_dry_t += c.dry_t;
            for (int e = 0; e < RM_NREY; e++)
                plan->reserve_element_t[e] += elem_t[e];
            plan->area_m2 += area;
            plan->columns[plan->n_columns++] = c;
        }
    }
    free(mask);
    qsort(plan->columns, plan->n_columns, sizeof *plan->columns, by_value_desc);
    *out = plan;
    return RM_OK;
}

rm_status rm_mineplan_schedule(const rm_mineplan *plan, const rm_mine_config *cfg,
                               double rate_dry_t_per_day, rm_mine_schedule **out,
                               rm_error *err)
{
    *out = NULL;
    rm_status st = check_config(cfg, err);
    if (st != RM_OK)
        return st;
    if (!(rate_dry_t_per_day > 0) || !isfinite(rate_dry_t_per_day))
        return rm_error_set(err, RM_EINVAL, "mine: rate must be > 0 dry t/day (got %g)",
                            rate_dry_t_per_day);
    rm_mine_schedule *s = calloc(1, sizeof *s);
    if (s)
        s->years = calloc((size_t)cfg->max_years, sizeof *s->years);
    if (!s || !s->years) {
        rm_mine_schedule_free(s);
        return rm_error_set(err, RM_ENOMEM, "mine: out of memory");
    }
    s->rate_dry_t_per_day = rate_dry_t_per_day;
    s->annual_dry_t = rate_dry_t_per_day * cfg->operating_days_per_year;
    s->mine_life_years = plan->reserve_dry_t / s->annual_dry_t;

    size_t c = 0;
    double left = plan->n_columns ? plan->columns[0].dry_t : 0; /* tonnes left in column c */
    for (int y = 0; y < cfg->max_years && c < plan->n_columns; y++) {
        rm_mine_year *yr = &s->years[y];
        double elem_t[RM_NREY] = {0}, depth_t = 0, depth_w = 0;
        double need = s->annual_dry_t;
        while (need > 0 && c < plan->n_columns) {
            const rm_mine_column *col = &plan->columns[c];
            double take = fmin(need, left);
            double frac = take / col->dry_t;
            yr->dry_t += take;
            for (int e = 0; e < RM_NREY; e++)
                elem_t[e] += take * col->grade_ppm[e] * 1e-6;
            if (isfinite(col->water_depth_m)) {
                depth_t += take * col->water_depth_m;
                depth_w += take;
            }
            yr->overburden_dry_t += frac * col->overburden_dry_t;
            yr->area_m2 += frac * plan->area_m2 / (double)plan->n_columns;
            need -= take;
            left -= take;
            if (left <= 1e-9 * col->dry_t) {
                c++;
                left = c < plan->n_columns ? plan->columns[c].dry_t : 0;
            }
        }
        yr->year = y + 1;
        for (int e = 0; e < RM_NREY; e++) {
            yr->grade_ppm[e] = yr->dry_t > 0 ? elem_t[e] / yr->dry_t * 1e6 : 0;
            yr->sum_rey_ppm += yr->grade_ppm[e];
        }
        yr->water_depth_m = depth_w > 0 ? depth_t / depth_w : NAN;
        s->n_years = (size_t)y + 1;
    }
    *out = s;
    return RM_OK;
}
