/* estimate_config.c — the estimate stage's sections of project.ini:
 * [grid], [variogram], [estimate] and [classification].  Keys, defaults and
 * their reasons are in docs/project-file.md and docs/resource.md.
 *
 * Every getter runs even after one fails, so a file with three bad values
 * is reported with three lines.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "reemud/resource.h"
#include "reemud/variogram.h"

/* A model string: "auto" or something rm_vgm_parse accepts. */
static rm_status get_model(rm_ini *ini, const char *section, const char *key,
                           const char *def, char *out, size_t size, rm_error *err)
{
    const char *text;
    rm_status st = rm_ini_get_string(ini, section, key, def, &text, err);
    if (st)
        return st;
    long line = rm_ini_line(ini, section, key);
    char field[96];
    snprintf(field, sizeof field, "%s.%s", section, key);
    if (strlen(text) >= size)
        return rm_error_input(err, rm_ini_path(ini), line, field, "longer than %zu characters",
                              size - 1);
    if (text[0] && strcasecmp(text, "auto") != 0) {
        rm_vgm_model m;
        rm_error e;
        if (rm_vgm_parse(text, &m, &e) != RM_OK)
            return rm_error_input(err, rm_ini_path(ini), line, field,
                                  "variogram model does not parse: %s", e.message);
        if (!(rm_vgm_sill(&m) > 0))
            return rm_error_input(err, rm_ini_path(ini), line, field,
                                  "variogram model has zero sill");
    }
    snprintf(out, size, "%s", text);
    return RM_OK;
}

/* Parse the [estimate] elements list: symbols separated by commas/spaces;
 * "REY" stands for the 15 REY. */
static rm_status get_elements(rm_ini *ini, int use[RM_NELEM], rm_error *err)
{
    const char *text;
    rm_status st = rm_ini_get_string(ini, "estimate", "elements", "REY", &text, err);
    if (st)
        return st;
    long line = rm_ini_line(ini, "estimate", "elements");
    memset(use, 0, RM_NELEM * sizeof *use);
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", text);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
        if (!strcasecmp(tok, "REY")) {
            for (int e = 0; e < RM_NREY; e++)
                use[e] = 1;
            continue;
        }
        int e = rm_element_index(tok);
        if (e < 0)
            return rm_error_input(err, rm_ini_path(ini), line, "estimate.elements",
                                  "unknown element '%s' (use La..Lu, Y, Sc or REY)", tok);
        use[e] = 1;
    }
    for (int e = 0; e < RM_NREY; e++)
        if (!use[e])
            return rm_error_input(err, rm_ini_path(ini), line, "estimate.elements",
                                  "%s is missing: the 15 REY are all needed for SREY "
                                  "and REO",
                                  rm_element(e)->symbol);
    return RM_OK;
}

/* 1 when depth z (mbsf) falls strictly inside a layer of the grid's blocks
 * (layers [top + k dz, top + (k+1) dz)), with that layer's bounds. */
static int inside_layer(const rm_estimate_config *cfg, double z, double *lo, double *hi)
{
    double k = (z - cfg->top_mbsf) / cfg->dz_m;
    double kr = round(k);
    if (fabs(k - kr) <= 1e-6 * fmax(1.0, fabs(k)))
        return 0;
    *lo = cfg->top_mbsf + floor(k) * cfg->dz_m;
    *hi = *lo + cfg->dz_m;
    return 1;
}

void rm_window_check(rm_ini *ini, const rm_estimate_config *cfg, const char *section,
                     const char *top_key, const char *bottom_key, const char *column_key,
                     double top, double bottom, double column, rm_problems *problems,
                     rm_status *first, rm_error *err)
{
    const char *path = rm_ini_path(ini);
    rm_error e;
    if (!(cfg->dz_m > 0) || !(cfg->bottom_mbsf > cfg->top_mbsf) || !(bottom > top))
        return; /* already reported */
    double model_bottom =
        cfg->top_mbsf + ceil((cfg->bottom_mbsf - cfg->top_mbsf) / cfg->dz_m - 1e-9) * cfg->dz_m;
    long ltop = rm_ini_line(ini, section, top_key);
    long lbot = rm_ini_line(ini, section, bottom_key);
    char ftop[64], fbot[64];
    snprintf(ftop, sizeof ftop, "%s.%s", section, top_key);
    snprintf(fbot, sizeof fbot, "%s.%s", section, bottom_key);
    if (top >= model_bottom || bottom <= cfg->top_mbsf) {
        rm_error_input(&e, path, ltop ? ltop : lbot, ftop,
                       "the reporting window %g-%g mbsf lies outside the model "
                       "(grid.top_mbsf %g to grid.bottom_mbsf %g)",
                       top, bottom, cfg->top_mbsf, cfg->bottom_mbsf);
        rm_problems_note(RM_EINVAL, &e, problems, first, err);
        return;
    }
    if (top < cfg->top_mbsf) {
        rm_error_input(&e, path, ltop, ftop, "%g is above the model's top (grid.top_mbsf %g)",
                       top, cfg->top_mbsf);
        rm_problems_note(RM_EINVAL, &e, problems, first, err);
    }
    if (bottom > model_bottom + 1e-9) {
        rm_error_input(&e, path, lbot, fbot, "%g is below the model's bottom (grid.bottom_mbsf %g)",
                       bottom, cfg->bottom_mbsf);
        rm_problems_note(RM_EINVAL, &e, problems, first, err);
    }
    const char *keys[3] = {top_key, bottom_key, column_key};
    double z[3] = {top, bottom, column};
    for (int i = 0; i < 3; i++) {
        double lo, hi;
        if (!keys[i])
            continue;
        if (i == 2 && column == 0)
            continue; /* no mining column */
        char field[64];
        snprintf(field, sizeof field, "%s.%s", section, keys[i]);
        if (i == 2 && column > model_bottom + 1e-9) {
            rm_error_input(&e, path, rm_ini_line(ini, section, keys[i]), field,
                           "%g is below the model's bottom (grid.bottom_mbsf %g); "
                           "0 = no mining column", column, cfg->bottom_mbsf);
            rm_problems_note(RM_EINVAL, &e, problems, first, err);
            continue;
        }
        if (z[i] < cfg->top_mbsf || z[i] > model_bottom || !inside_layer(cfg, z[i], &lo, &hi))
            continue;
        rm_error_input(&e, path, rm_ini_line(ini, section, keys[i]), field,
                       "%g falls inside the layer of blocks %g-%g mbsf (grid.dz_m %g from "
                       "grid.top_mbsf %g); put it on a block boundary or choose a dz_m that "
                       "divides the window",
                       z[i], lo, hi, cfg->dz_m, cfg->top_mbsf);
        rm_problems_note(RM_EINVAL, &e, problems, first, err);
    }
}

/* The reporting window [report_top, report_bottom] and the mining column of
 * [estimate] (rm_window_check). */
static void check_window(rm_ini *ini, const rm_estimate_config *cfg, rm_problems *problems,
                         rm_status *first, rm_error *err)
{
    rm_window_check(ini, cfg, "estimate", "report_top_mbsf", "report_bottom_mbsf",
                    "column_depth_m", cfg->report_top_mbsf, cfg->report_bottom_mbsf,
                    cfg->column_depth_m, problems, first, err);
}

rm_status rm_estimate_config_read(rm_ini *ini, rm_estimate_config *cfg,
                                  rm_problems *problems, rm_error *err)
{
    memset(cfg, 0, sizeof *cfg);
    rm_status first = RM_OK;
    rm_error e;
    rm_error_clear(&e);
    const char *path = rm_ini_path(ini);

    /* [grid] */
    static const char *const ext_keys[4] = {"x_min", "x_max", "y_min", "y_max"};
    double *ext[4] = {&cfg->x_min, &cfg->x_max, &cfg->y_min, &cfg->y_max};
    for (int i = 0; i < 4; i++) {
        rm_problems_note(rm_ini_get_double(ini, "grid", ext_keys[i], NAN, -1e8, 1e8, ext[i], &e), &e,
             problems, &first, err);
        cfg->lines[i] = rm_ini_line(ini, "grid", ext_keys[i]);
    }
    rm_problems_note(rm_ini_get_double(ini, "grid", "pad_m", 5000, 0, 1e7, &cfg->pad_m, &e), &e,
         problems, &first, err);
    static const char *const size_keys[3] = {"dx_m", "dy_m", "dz_m"};
    double *size[3] = {&cfg->dx_m, &cfg->dy_m, &cfg->dz_m};
    double size_def[3] = {1000, 1000, 1};
    for (int i = 0; i < 3; i++) {
        rm_status gs =
            rm_ini_get_double(ini, "grid", size_keys[i], size_def[i], 0, 1e7, size[i], &e);
        rm_problems_note(gs, &e, problems, &first, err);
        cfg->lines[4 + i] = rm_ini_line(ini, "grid", size_keys[i]);
        if (gs == RM_OK && !(*size[i] > 0)) {
            char field[32];
            snprintf(field, sizeof field, "grid.%s", size_keys[i]);
            rm_error_input(&e, path, cfg->lines[4 + i], field,
                           "block size must be positive (got %g)", *size[i]);
            rm_problems_note(RM_EINVAL, &e, problems, &first, err);
        }
    }
    rm_problems_note(rm_ini_get_double(ini, "grid", "top_mbsf", 0, 0, 1e4, &cfg->top_mbsf, &e), &e,
         problems, &first, err);
    rm_problems_note(rm_ini_get_double(ini, "grid", "bottom_mbsf", 10, 0, 1e4, &cfg->bottom_mbsf, &e),
         &e, problems, &first, err);
    if (!(cfg->bottom_mbsf > cfg->top_mbsf)) {
        rm_error_input(&e, path, rm_ini_line(ini, "grid", "bottom_mbsf"), "grid.bottom_mbsf",
                       "%g is not below top_mbsf %g", cfg->bottom_mbsf, cfg->top_mbsf);
        rm_problems_note(RM_EINVAL, &e, problems, &first, err);
    }
    for (int a = 0; a < 2; a++) {
        double lo = a ? cfg->y_min : cfg->x_min, hi = a ? cfg->y_max : cfg->x_max;
        if (!isnan(lo) && !isnan(hi) && !(hi > lo)) {
            rm_error_input(&e, path, cfg->lines[2 * a + 1], a ? "grid.y_max" : "grid.x_max",
                           "%g is not greater than the minimum %g", hi, lo);
            rm_problems_note(RM_EINVAL, &e, problems, &first, err);
        }
    }

    /* [variogram] */
    static const char *const modes[] = {"shared", "per_element", NULL};
    rm_problems_note(rm_ini_get_choice(ini, "variogram", "mode", modes, RM_VMODE_SHARED, &cfg->mode, &e),
         &e, problems, &first, err);
    rm_problems_note(get_model(ini, "variogram", "model", "auto", cfg->model, sizeof cfg->model, &e), &e,
         problems, &first, err);
    for (int el = 0; el < RM_NELEM; el++) {
        char key[32];
        snprintf(key, sizeof key, "model_%s", rm_element(el)->symbol);
        rm_problems_note(get_model(ini, "variogram", key, "", cfg->model_elem[el],
                       sizeof cfg->model_elem[el], &e),
             &e, problems, &first, err);
    }
    rm_problems_note(get_model(ini, "variogram", "water_depth_model", "auto", cfg->water_depth_model,
                   sizeof cfg->water_depth_model, &e),
         &e, problems, &first, err);
    rm_problems_note(rm_ini_get_double(ini, "variogram", "horizontal_cutoff_m", 0, 0, 1e7,
                           &cfg->horizontal_cutoff_m, &e),
         &e, problems, &first, err);
    rm_problems_note(rm_ini_get_double(ini, "variogram", "horizontal_width_m", 0, 0, 1e7,
                           &cfg->horizontal_width_m, &e),
         &e, problems, &first, err);
    rm_problems_note(rm_ini_get_double(ini, "variogram", "downhole_cutoff_m", 5, 0.01, 1e4,
                           &cfg->downhole_cutoff_m, &e),
         &e, problems, &first, err);
    rm_problems_note(rm_ini_get_double(ini, "variogram", "downhole_width_m", 0, 0, 1e4,
                           &cfg->downhole_width_m, &e),
         &e, problems, &first, err);
    rm_problems_note(rm_ini_get_bool(ini, "variogram", "standardise_slices", 1,
                         &cfg->standardise_slices, &e),
         &e, problems, &first, err);
    static const char *const dh_samples[] = {"composites", "assays", NULL};
    rm_problems_note(rm_ini_get_choice(ini, "variogram", "downhole_samples", dh_samples, 1,
                           &cfg->downhole_assays, &e),
         &e, problems, &first, err);

    /* [estimate] */
    rm_problems_note(get_elements(ini, cfg->use_elem, &e), &e, problems, &first, err);
    static const char *const methods[] = {"ok", "sk", NULL};
    rm_problems_note(rm_ini_get_choice(ini, "estimate", "method", methods, RM_KRIGE_OK, &cfg->method, &e),
         &e, problems, &first, err);
    rm_problems_note(rm_ini_get_long(ini, "estimate", "nmax", 24, 1, 1000, &cfg->nmax, &e), &e, problems,
         &first, err);
    rm_problems_note(rm_ini_get_long(ini, "estimate", "nmin", 4, 1, 1000, &cfg->nmin, &e), &e, problems,
         &first, err);
    if (cfg->nmin > cfg->nmax) {
        rm_error_input(&e, path, rm_ini_line(ini, "estimate", "nmin"), "estimate.nmin",
                       "%ld exceeds nmax %ld", cfg->nmin, cfg->nmax);
        rm_problems_note(RM_EINVAL, &e, problems, &first, err);
    }
    rm_problems_note(rm_ini_get_double(ini, "estimate", "maxdist_m", 0, 0, 1e8, &cfg->maxdist_m, &e), &e,
         problems, &first, err);
    rm_problems_note(rm_ini_get_long(ini, "estimate", "hole_max", 0, 0, 1000, &cfg->hole_max, &e), &e,
         problems, &first, err);
    rm_problems_note(rm_ini_get_long(ini, "estimate", "discr", 0, 0, 10, &cfg->discr, &e), &e,
         problems, &first, err);
    /* (1 - 0.78) × 2.5 t/m³: porosity and grain density of pelagic clay,
     * consistent with Takaya et al. 2018's tonnage (docs/references.md §1). */
    rm_problems_note(rm_ini_get_double(ini, "estimate", "dry_density_t_m3", 0.55, 0.01, 5,
                           &cfg->dry_density_t_m3, &e),
         &e, problems, &first, err);
    rm_problems_note(rm_ini_get_double(ini, "estimate", "report_top_mbsf", 0, 0, 1e4,
                           &cfg->report_top_mbsf, &e),
         &e, problems, &first, err);
    rm_problems_note(rm_ini_get_double(ini, "estimate", "report_bottom_mbsf", 10, 0, 1e4,
                           &cfg->report_bottom_mbsf, &e),
         &e, problems, &first, err);
    if (!(cfg->report_bottom_mbsf > cfg->report_top_mbsf)) {
        rm_error_input(&e, path, rm_ini_line(ini, "estimate", "report_bottom_mbsf"),
                       "estimate.report_bottom_mbsf", "%g is not below report_top_mbsf %g",
                       cfg->report_bottom_mbsf, cfg->report_top_mbsf);
        rm_problems_note(RM_EINVAL, &e, problems, &first, err);
    }
    rm_problems_note(rm_ini_get_double(ini, "estimate", "column_depth_m", 10, 0, 1e4,
                           &cfg->column_depth_m, &e),
         &e, problems, &first, err);
    check_window(ini, cfg, problems, &first, err);
    static const double def_cut[] = {0, 300, 400, 500, 700, 1000, 1500, 2000, 3000, 5000};
    size_t ncut = 0;
    rm_problems_note(rm_ini_get_doubles(ini, "estimate", "cutoffs_ppm", 0, 1e6, cfg->cutoffs_ppm,
                            RM_MAX_CUTOFFS, &ncut, &e),
         &e, problems, &first, err);
    if (ncut == 0) {
        ncut = sizeof def_cut / sizeof def_cut[0];
        memcpy(cfg->cutoffs_ppm, def_cut, sizeof def_cut);
    }
    cfg->n_cutoffs = ncut;
    rm_problems_note(rm_ini_get_double(ini, "estimate", "map_cutoff_ppm", 2000, 0, 1e6,
                           &cfg->map_cutoff_ppm, &e),
         &e, problems, &first, err);
    rm_problems_note(rm_ini_get_long(ini, "estimate", "threads", 0, 0, 1024, &cfg->threads, &e), &e,
         problems, &first, err);
    rm_problems_note(rm_ini_get_long(ini, "estimate", "chunk_blocks", 1L << 20, 1, 1L << 40,
                                     &cfg->chunk_blocks, &e),
                     &e, problems, &first, err);
    /* vertical coordinate: mbsf, or below the picked top of the REY-rich mud */
    static const char *const verticals[] = {"mbsf", "horizon", NULL};
    rm_problems_note(rm_ini_get_choice(ini, "estimate", "vertical", verticals,
                                       RM_VERTICAL_MBSF, &cfg->vertical, &e),
                     &e, problems, &first, err);
    /* 400 ppm ΣREY: the "REY-rich mud" threshold (Fujinaga et al. 2016; Takaya et
     * al. 2018; REFERENCES.md §1) */
    rm_problems_note(rm_ini_get_double(ini, "estimate", "horizon_ppm", 400, 1, 1e6,
                                       &cfg->horizon_ppm, &e),
                     &e, problems, &first, err);
    rm_problems_note(rm_ini_get_path(ini, "estimate", "horizon_surface", NULL,
                                     cfg->horizon_surface, sizeof cfg->horizon_surface, &e),
                     &e, problems, &first, err);
    if (cfg->horizon_surface[0] && cfg->vertical != RM_VERTICAL_HORIZON) {
        rm_error_input(&e, path, rm_ini_line(ini, "estimate", "horizon_surface"),
                       "estimate.horizon_surface", "set, but vertical is not horizon");
        rm_problems_note(RM_EINVAL, &e, problems, &first, err);
    }
    rm_problems_note(rm_ini_get_path(ini, "estimate", "drift_surface", NULL,
                                     cfg->drift_surface, sizeof cfg->drift_surface, &e),
                     &e, problems, &first, err);
    if (cfg->drift_surface[0] && cfg->method == RM_KRIGE_SK) {
        rm_error_input(&e, path, rm_ini_line(ini, "estimate", "drift_surface"),
                       "estimate.drift_surface", "an external drift needs method = ok "
                       "(simple kriging knows its mean)");
        rm_problems_note(RM_EINVAL, &e, problems, &first, err);
    }
    /* multi-pass search (docs/resource.md): pass p searches maxdist_m ×
     * pass<p>_search_factor with pass<p>_nmin samples at least */
    rm_problems_note(rm_ini_get_long(ini, "estimate", "passes", 1, 1, 3, &cfg->passes, &e), &e,
                     problems, &first, err);
    cfg->pass_search_factor[0] = 1;
    cfg->pass_nmin[0] = cfg->nmin;
    static const double def_factor[3] = {1, 2, 4};
    for (int p = 2; p <= 3; p++) {
        char key[32];
        snprintf(key, sizeof key, "pass%d_search_factor", p);
        rm_problems_note(rm_ini_get_double(ini, "estimate", key, def_factor[p - 1], 1, 1000,
                                           &cfg->pass_search_factor[p - 1], &e),
                         &e, problems, &first, err);
        snprintf(key, sizeof key, "pass%d_nmin", p);
        long def_nmin = p == 2 ? (cfg->nmin / 2 > 1 ? cfg->nmin / 2 : 1) : 1;
        rm_problems_note(rm_ini_get_long(ini, "estimate", key, def_nmin, 1, 1000,
                                         &cfg->pass_nmin[p - 1], &e),
                         &e, problems, &first, err);
        if (cfg->pass_nmin[p - 1] > cfg->nmax) {
            rm_error_input(&e, path, rm_ini_line(ini, "estimate", key), key,
                           "%ld exceeds nmax %ld", cfg->pass_nmin[p - 1], cfg->nmax);
            rm_problems_note(RM_EINVAL, &e, problems, &first, err);
        }
    }
    if (cfg->passes > 1 && !(cfg->maxdist_m > 0)) {
        rm_error_input(&e, path, rm_ini_line(ini, "estimate", "passes"), "estimate.passes",
                       "%ld passes need a first-pass search radius: set maxdist_m",
                       cfg->passes);
        rm_problems_note(RM_EINVAL, &e, problems, &first, err);
    }
    if (cfg->passes > 1 && cfg->mode != RM_VMODE_SHARED) {
        rm_error_input(&e, path, rm_ini_line(ini, "estimate", "passes"), "estimate.passes",
                       "more than one search pass needs [variogram] mode = shared");
        rm_problems_note(RM_EINVAL, &e, problems, &first, err);
    }

    /* [classification]: distances default to fractions of the range once
     * the variogram is known (NAN until then). */
    rm_classify_rules_default(&cfg->rules, NAN);
    rm_problems_note(rm_classify_rules_read(ini, &cfg->rules, &e), &e, problems, &first, err);

    /* [topcut]: a cap per element and for ΣREY, and the outlier restriction */
    for (int el = 0; el < RM_NELEM; el++) {
        rm_problems_note(rm_ini_get_double(ini, "topcut", rm_element(el)->symbol, 0, 0, 1e7,
                                           &cfg->topcut_ppm[el], &e),
                         &e, problems, &first, err);
        cfg->have_topcut |= cfg->topcut_ppm[el] > 0;
    }
    rm_problems_note(rm_ini_get_double(ini, "topcut", "SREY", 0, 0, 1e7, &cfg->topcut_srey_ppm,
                                       &e),
                     &e, problems, &first, err);
    cfg->have_topcut |= cfg->topcut_srey_ppm > 0;
    rm_problems_note(rm_ini_get_double(ini, "topcut", "restrict_distance_m", 0, 0, 1e8,
                                       &cfg->topcut_restrict_m, &e),
                     &e, problems, &first, err);
    if (cfg->topcut_restrict_m > 0 && !cfg->have_topcut) {
        rm_error_input(&e, path, rm_ini_line(ini, "topcut", "restrict_distance_m"),
                       "topcut.restrict_distance_m", "set, but no cap is: give a cap per "
                       "element (La = …) or SREY = …");
        rm_problems_note(RM_EINVAL, &e, problems, &first, err);
    }
    return first;
}
