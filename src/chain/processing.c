/* processing.c — the plant: dewatering, hydrocyclone size separation,
 * shipping, HCl leaching, separation and refining.
 *
 * Sources of the defaults (data/processing.csv has them per element):
 *   ~80 % volume cut by dewatering on Minamitorishima (Nikkei; Northern
 *   Miner; Bernama reports on the 2027 trial plan);
 *   hydrocyclone ΣREY enrichment up to 2.6× (Takaya et al., MMIJ 2018;
 *   Takaya et al. 2018, Sci. Rep. 8:5763) — the recovery that goes with it
 *   is not published in the sources at hand: 0.70 is an assumption;
 *   HCl leaching: REY ex Ce up to 95.1 % (Takaya et al. 2015, Geochem. J.
 *   49:637); Ce lower (0.30 assumed);
 *   separation/refining recovery 0.95: assumption.
 * Every element's feed is split into product and one loss per stage, so
 * the balance closes by construction; the residual is computed anyway, from
 * the stored streams, as a check on the bookkeeping.
 */
#include <math.h>
#include <string.h>

#include "reemud/table.h"
#include "reemud/processing.h"

void rm_process_config_default(rm_process_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->dewater_volume_cut = 0.80;
    cfg->dewater_solids_recovery = 0.99;   /* assumption: 1 % fines lost with the water */
    cfg->slurry_solids_vol_frac = 0.10;    /* assumption: lifted slurry Cv */
    cfg->grain_density_t_m3 = 2.50;        /* docs/references.md §1 */
    cfg->seawater_density_t_m3 = 1.025;
    cfg->size_enrichment = 2.6;
    for (int e = 0; e < RM_NREY; e++) {
        cfg->size_recovery[e] = 0.70;
        cfg->leach_recovery[e] = 0.951;
        cfg->separation_recovery[e] = 0.95;
    }
    cfg->size_recovery[RM_CE] = 0.60;
    cfg->leach_recovery[RM_CE] = 0.30;
}

rm_status rm_process_config_validate(const rm_process_config *cfg, rm_error *err)
{
    if (!(cfg->dewater_volume_cut >= 0 && cfg->dewater_volume_cut < 1))
        return rm_error_set(err, RM_EINVAL, "processing: dewater_volume_cut must be in [0, 1)");
    if (!(cfg->dewater_solids_recovery > 0 && cfg->dewater_solids_recovery <= 1))
        return rm_error_set(err, RM_EINVAL, "processing: dewater_solids_recovery must be in (0, 1]");
    if (!(cfg->slurry_solids_vol_frac > 0 && cfg->slurry_solids_vol_frac <= 1))
        return rm_error_set(err, RM_EINVAL, "processing: slurry_solids_vol_frac must be in (0, 1]");
    if (!(cfg->grain_density_t_m3 > 0) || !(cfg->seawater_density_t_m3 > 0))
        return rm_error_set(err, RM_EINVAL, "processing: densities must be > 0");
    if (!(cfg->size_enrichment >= 1))
        return rm_error_set(err, RM_EINVAL, "processing: size_enrichment must be >= 1");
    for (int e = 0; e < RM_NREY; e++) {
        const double r[3] = {cfg->size_recovery[e], cfg->leach_recovery[e],
                             cfg->separation_recovery[e]};
        for (int s = 0; s < 3; s++)
            if (!(r[s] >= 0 && r[s] <= 1))
                return rm_error_set(err, RM_EINVAL,
                                    "processing: recovery of %s must be in [0, 1] (got %g)",
                                    rm_element(e)->symbol, r[s]);
    }
    return RM_OK;
}

rm_status rm_process_config_load_csv(rm_process_config *cfg, const char *path,
                                     rm_error *err)
{
    rm_table *t;
    rm_status st = rm_table_read_csv(path, &t, err);
    if (st != RM_OK)
        return st;
    long ce, cs, cl, cp;
    if ((st = rm_table_need(t, "element", &ce, err)) != RM_OK ||
        (st = rm_table_need(t, "size_recovery", &cs, err)) != RM_OK ||
        (st = rm_table_need(t, "leach_recovery", &cl, err)) != RM_OK ||
        (st = rm_table_need(t, "separation_recovery", &cp, err)) != RM_OK)
        goto done;
    for (size_t r = 0; r < t->n_rows && st == RM_OK; r++) {
        int e = rm_element_index(rm_table_text(t, r, (size_t)ce));
        if (e < 0 || e >= RM_NREY) {
            st = rm_error_input(err, path, t->line[r], "element", "unknown REY element '%s'",
                                rm_table_text(t, r, (size_t)ce));
            break;
        }
        double v[3];
        long cols[3] = {cs, cl, cp};
        for (int s = 0; s < 3 && st == RM_OK; s++) {
            st = rm_table_number(t, r, cols[s], 0, &v[s], err);
            if (st == RM_OK && !(v[s] >= 0 && v[s] <= 1))
                st = rm_error_input(err, path, t->line[r], t->names[cols[s]],
                                    "recovery %g is outside [0, 1]", v[s]);
        }
        if (st == RM_OK) {
            cfg->size_recovery[e] = v[0];
            cfg->leach_recovery[e] = v[1];
            cfg->separation_recovery[e] = v[2];
        }
    }
done:
    rm_table_free(t);
    return st;
}

rm_status rm_process_run(const rm_process_config *cfg, double feed_dry_t,
                         const double grade_ppm[RM_NREY], rm_process_balance *out,
                         rm_error *err)
{
    memset(out, 0, sizeof *out);
    rm_status st = rm_process_config_validate(cfg, err);
    if (st != RM_OK)
        return st;
    if (!(feed_dry_t >= 0) || !isfinite(feed_dry_t))
        return rm_error_set(err, RM_EINVAL, "processing: feed must be >= 0 t (got %g)",
                            feed_dry_t);
    for (int e = 0; e < RM_NREY; e++)
        if (!(grade_ppm[e] >= 0) || !isfinite(grade_ppm[e]))
            return rm_error_set(err, RM_EINVAL, "processing: grade of %s must be >= 0 ppm",
                                rm_element(e)->symbol);
    out->feed_dry_t = feed_dry_t;
    if (feed_dry_t == 0)
        return RM_OK;

    /* 1. Dewatering: slurry volume from its solids fraction, cut by a fixed
     * fraction; the cake keeps the solids that stay plus the water that fits. */
    const double rho_s = cfg->grain_density_t_m3, rho_w = cfg->seawater_density_t_m3;
    out->slurry_m3 = feed_dry_t / (rho_s * cfg->slurry_solids_vol_frac);
    double water_in_m3 = out->slurry_m3 - feed_dry_t / rho_s;
    double kept_dry_t = feed_dry_t * cfg->dewater_solids_recovery;
    double cake_m3 = (1.0 - cfg->dewater_volume_cut) * out->slurry_m3;
    double cake_water_m3 = cake_m3 - kept_dry_t / rho_s;
    if (cake_water_m3 < 0)
        return rm_error_set(err, RM_EPHYS,
                            "processing: a %.0f %% volume cut of a slurry with %.0f %% solids by "
                            "volume would remove solids, not only water",
                            100 * cfg->dewater_volume_cut, 100 * cfg->slurry_solids_vol_frac);
    out->water_removed_t = (water_in_m3 - cake_water_m3) * rho_w;
    out->dewater_loss_dry_t = feed_dry_t - kept_dry_t;

    /* 2. Size separation: mass pull = mean REY recovery / enrichment. */
    double rey_in = 0, rey_conc = 0;
    for (int e = 0; e < RM_NREY; e++) {
        double f = feed_dry_t * grade_ppm[e] * 1e-6;
        out->feed_t[e] = f;
        double d = f * cfg->dewater_solids_recovery;
        out->loss_dewater_t[e] = f - d;
        double s = d * cfg->size_recovery[e];
        out->loss_size_t[e] = d - s;
        rey_in += d;
        rey_conc += s;
        /* 4. leaching, 5. separation */
        double l = s * cfg->leach_recovery[e];
        out->loss_leach_t[e] = s - l;
        double p = l * cfg->separation_recovery[e];
        out->loss_separation_t[e] = l - p;
        out->product_t[e] = p;
        out->oxide_t[e] = p * rm_element(e)->oxide_factor;
        out->oxide_total_t += out->oxide_t[e];
        out->overall_recovery[e] = f > 0 ? p / f : 0;
    }
    double mean_recovery = rey_in > 0 ? rey_conc / rey_in : 1.0;
    out->mass_pull = fmin(1.0, mean_recovery / cfg->size_enrichment);
    out->concentrate_dry_t = kept_dry_t * out->mass_pull;
    out->size_tailings_dry_t = kept_dry_t - out->concentrate_dry_t;
    if (out->concentrate_dry_t < rey_conc)
        return rm_error_set(err, RM_EPHYS,
                            "processing: the concentrate would be more than 100 %% REY");

    /* 3. Shipping: the concentrate carries the cake's water per dry tonne. */
    out->shipped_wet_t = out->concentrate_dry_t * (1.0 + cake_water_m3 * rho_w / kept_dry_t);

    for (int e = 0; e < RM_NREY; e++) {
        double f = out->feed_t[e];
        if (f <= 0)
            continue;
        double res = f - out->product_t[e] - out->loss_dewater_t[e] - out->loss_size_t[e] -
                     out->loss_leach_t[e] - out->loss_separation_t[e];
        double rel = fabs(res) / f;
        if (rel > out->max_rel_error)
            out->max_rel_error = rel;
    }
    return RM_OK;
}
