/* test_synth.c — the synthetic deposit: composition pattern against PAAS
 * (values typed here from Taylor & McLennan 1985), calibration computed
 * independently from the blocks, cores against the truth, determinism,
 * the committed example against the published targets (Takaya et al.
 * 2018: 964 ppm, 16 Mt REO over 0–10 mbsf; 0.55 t/m³), and errors. */
#include <string.h>

#include <cjson/cJSON.h>

#include "reemud/io_netcdf.h"
#include "reemud/synth.h"
#include "rm_test.h"

static const double paas[RM_NREY] = {38.2, 79.6, 8.83, 33.9, 5.55, 1.08, 4.66, 0.774,
                                     4.68, 0.991, 2.85, 0.405, 2.82, 0.433, 27.0};

static void test_pattern(void **state)
{
    double f[RM_NREY], sum = 0, heavy = 0;
    rm_synth_pattern(f);
    for (int e = 0; e < RM_NREY; e++) {
        assert_true(f[e] > 0);
        sum += f[e];
    }
    assert_near(sum, 1.0, 1e-12);
    for (int e = RM_GD; e <= RM_Y; e++) /* Gd–Lu and Y */
        heavy += f[e];
    assert_near(heavy, 0.44, 0.001); /* Takaya 2018 */
    double n[RM_NREY];
    for (int e = 0; e < RM_NREY; e++)
        n[e] = f[e] / paas[e];
    assert_true(n[RM_CE] / sqrt(n[RM_LA] * n[RM_PR]) < 0.5); /* negative Ce anomaly */
    assert_true(n[RM_Y] / n[RM_HO] > 1.5);                    /* positive Y anomaly */
    assert_true(n[RM_YB] / n[RM_LA] > 1.2);                   /* HREE-enriched */
    assert_true(n[RM_LU] > n[RM_GD] && n[RM_GD] > n[RM_ND]);
}

static void small_params(rm_synth_params *p)
{
    rm_synth_params_default(p);
    p->grid = (rm_grid){.nx = 10, .ny = 8, .nz = 20, .x0 = 560000, .y0 = 2420000,
                        .z0 = 0, .dx = 2000, .dy = 2000, .dz = 0.5};
    p->n_holes = 6;
    p->n_waves = 200;
    p->seed = 77;
}

/* Tonnage-weighted mean ΣREY and mean density over 0–10 mbsf of a model,
 * computed here block by block (blocks are 0.5 m: no partial overlaps). */
static void window_means(const rm_blockmodel *bm, double *srey, double *rho_mean,
                         double *reo_t)
{
    const rm_grid *g = &bm->grid;
    const double *rho = rm_blockmodel_get(bm, "dry_density_t_m3");
    double mass = 0, metal = 0, vol = 0, reo = 0;
    for (size_t b = 0; b < rm_grid_nblocks(g); b++) {
        if (rm_grid_zc(g, b / (g->nx * g->ny)) > 10.0)
            continue;
        double s = 0, o = 0;
        for (int e = 0; e < RM_NREY; e++) {
            char name[16];
            snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
            double v = rm_blockmodel_get(bm, name)[b];
            s += v;
            o += v * rm_element(e)->oxide_factor;
        }
        double t = rho[b] * rm_grid_block_volume_m3(g);
        vol += rm_grid_block_volume_m3(g);
        mass += t;
        metal += t * s;
        reo += t * o * 1e-6;
    }
    *srey = metal / mass;
    *rho_mean = mass / vol;
    *reo_t = reo;
}

static void test_generate_calibrated_and_deterministic(void **state)
{
    rm_synth_params p;
    small_params(&p);
    rm_synth *a, *b;
    rm_error err;
    assert_int_equal(rm_synth_generate(&p, &a, &err), RM_OK);
    assert_int_equal(rm_synth_generate(&p, &b, &err), RM_OK);
    size_t nb = rm_grid_nblocks(&p.grid);
    assert_memory_equal(rm_blockmodel_get(a->truth, "SREY_ppm"),
                        rm_blockmodel_get(b->truth, "SREY_ppm"), nb * sizeof(double));
    assert_int_equal(a->n_samples, b->n_samples);
    assert_memory_equal(a->samples, b->samples, a->n_samples * sizeof *a->samples);

    double srey, rho, reo;
    window_means(a->truth, &srey, &rho, &reo);
    /* The calibration step scales the grades to hit this mean: a check that
     * the step ran over the right window, not an independent value. */
    assert_rel(srey, 964.0, 1e-9);
    assert_rel(rho, 0.55, 1e-9);
    assert_rel(a->summary.mean_srey_ppm, srey, 1e-9);
    assert_rel(a->summary.total_reo_t, reo, 1e-9);
    assert_rel(a->summary.total_mud_t, 0.55 * 20e3 * 16e3 * 10.0, 1e-9);
    /* ΣREY field = Σ elements. */
    const double *s = rm_blockmodel_get(a->truth, "SREY_ppm");
    double sum0 = 0;
    for (int e = 0; e < RM_NREY; e++) {
        char name[16];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        sum0 += rm_blockmodel_get(a->truth, name)[0];
    }
    assert_rel(sum0, s[0], 1e-12);
    const double *wd = rm_blockmodel_get_surface(a->truth, "water_depth_m");
    for (size_t c = 0; c < p.grid.nx * p.grid.ny; c++)
        assert_true(wd[c] > 5600 && wd[c] < 5800);

    /* Another seed, another deposit. */
    p.seed = 78;
    rm_synth *c;
    assert_int_equal(rm_synth_generate(&p, &c, &err), RM_OK);
    assert_true(memcmp(rm_blockmodel_get(a->truth, "SREY_ppm"),
                       rm_blockmodel_get(c->truth, "SREY_ppm"), nb * sizeof(double)) != 0);
    rm_synth_free(a), rm_synth_free(b), rm_synth_free(c);
    rm_synth_free(NULL);
}

static void test_cores_match_truth(void **state)
{
    rm_synth_params p;
    small_params(&p);
    p.noise_rel = 0.0;
    rm_synth *s;
    assert_int_equal(rm_synth_generate(&p, &s, NULL), RM_OK);
    assert_int_equal(s->n_holes, 6);
    const rm_grid *g = &p.grid;
    const double *truth = rm_blockmodel_get(s->truth, "SREY_ppm");
    double log_sum = 0, log_abs = 0;
    size_t n = 0;
    for (size_t h = 0; h < s->n_holes; h++) {
        const rm_synth_hole *o = &s->holes[h];
        assert_true(o->length_m >= 10.0 && o->length_m <= 15.0);
        assert_true(o->x > g->x0 && o->x < g->x0 + g->nx * g->dx);
        /* Contiguous samples from the seafloor to the core length. */
        double expect_from = 0;
        for (size_t k = 0; k < o->n_samples; k++) {
            const rm_synth_sample *m = &s->samples[o->first_sample + k];
            assert_int_equal(m->hole, h);
            assert_near(m->from_m, expect_from, 1e-9);
            assert_true(m->to_m - m->from_m <= 0.5 + 1e-9);
            expect_from = m->to_m;
            if (m->to_m > 8.0)
                continue;
            size_t i = (size_t)((o->x - g->x0) / g->dx), j = (size_t)((o->y - g->y0) / g->dy);
            size_t kz = (size_t)(m->from_m / g->dz);
            double sample = 0;
            for (int e = 0; e < RM_NREY; e++)
                sample += m->ppm[e];
            double r = log(sample / truth[rm_grid_index(g, i, j, kz)]);
            log_sum += r, log_abs += fabs(r), n++;
        }
        assert_near(expect_from, o->length_m, 1e-9);
    }
    /* Same deposit: point support in a 2 km block, no noise. */
    assert_near(log_sum / n, 0.0, 0.05);
    assert_true(log_abs / n < 0.15);
    rm_synth_free(s);
}

static void test_write_files(void **state)
{
    rm_synth_params p;
    small_params(&p);
    rm_synth *s;
    assert_int_equal(rm_synth_generate(&p, &s, NULL), RM_OK);
    const char *dir = rm_test_dir("synth_write");
    rm_error err;
    assert_int_equal(rm_synth_write(s, &p, dir, &err), RM_OK);
    char path[4096], line[1024];
    snprintf(path, sizeof path, "%s/collars.csv", dir);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    assert_non_null(fgets(line, sizeof line, fp));
    assert_string_equal(line, "hole_id,lon,lat,water_depth_m,length_m\n");
    double lon, lat;
    assert_non_null(fgets(line, sizeof line, fp));
    assert_int_equal(sscanf(line, "SY01,%lf,%lf", &lon, &lat), 2);
    fclose(fp);
    /* Inside the Takaya research-area box (21°48'–22°15'N, 153°30'–154°07'E). */
    assert_true(lon > 153.5 && lon < 154.0 + 7.0 / 60);
    assert_true(lat > 21.8 && lat < 22.25);
    snprintf(path, sizeof path, "%s/truth.nc", dir);
    rm_blockmodel *back;
    assert_int_equal(rm_io_read_blockmodel_nc(path, &back, &err), RM_OK);
    rm_synth_summary sum;
    assert_int_equal(rm_synth_summarize(back, 0, 10, &sum, &err), RM_OK);
    assert_rel(sum.mean_srey_ppm, s->summary.mean_srey_ppm, 1e-5);
    assert_rel(sum.total_reo_t, s->summary.total_reo_t, 1e-5);
    rm_blockmodel_free(back);
    rm_synth_free(s);
}

static double json_num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(v))
        fail_msg("truth_summary.json: no number '%s'", key);
    return v->valuedouble;
}

static void test_example_meets_targets(void **state)
{
    const char *path = rm_test_source("examples/minamitorishima/truth/truth_summary.json");
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static char text[65536];
    size_t n = fread(text, 1, sizeof text - 1, fp);
    fclose(fp);
    text[n] = 0;
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    assert_near(json_num(root, "top_mbsf"), 0, 0);
    assert_near(json_num(root, "bottom_mbsf"), 10, 0);
    assert_rel(json_num(root, "mean_srey_ppm"), 964.0, 0.02);
    assert_rel(json_num(root, "total_reo_t"), 16e6, 0.02);
    assert_rel(json_num(root, "mean_dry_density_t_m3"), 0.55, 0.02);
    assert_rel(json_num(root, "area_km2"), 2500, 0.02);
    const cJSON *ox = cJSON_GetObjectItemCaseSensitive(root, "oxide_t");
    double reo = 0;
    for (int e = 0; e < RM_NREY; e++)
        reo += json_num(ox, rm_element(e)->oxide);
    assert_rel(reo, json_num(root, "total_reo_t"), 1e-6);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "synthetic")));

    /* The committed truth.nc gives the same totals, computed here. */
    rm_blockmodel *bm;
    assert_int_equal(rm_io_read_blockmodel_nc(
                         rm_test_source("examples/minamitorishima/truth/truth.nc"), &bm, NULL),
                     RM_OK);
    double srey, rho, reo_nc;
    window_means(bm, &srey, &rho, &reo_nc);
    assert_rel(srey, json_num(root, "mean_srey_ppm"), 1e-5);
    assert_rel(rho, json_num(root, "mean_dry_density_t_m3"), 1e-5);
    assert_rel(reo_nc, json_num(root, "total_reo_t"), 1e-5);
    const double *s = rm_blockmodel_get(bm, "SREY_ppm");
    double mx = 0;
    for (size_t b = 0; b < rm_grid_nblocks(&bm->grid); b++)
        mx = rm_test_max(mx, s[b]);
    assert_true(mx > 2000 && mx < 9000); /* peaks of 2,000–8,000 ppm */
    rm_blockmodel_free(bm);
    cJSON_Delete(root);
}

static void test_errors(void **state)
{
    rm_synth_params p;
    rm_synth *s = (rm_synth *)1;
    rm_error err;
    small_params(&p);
    p.interval_m = 0;
    assert_int_equal(rm_synth_generate(&p, &s, &err), RM_EINVAL);
    assert_null(s);
    assert_non_null(strstr(err.message, "interval"));
    small_params(&p);
    p.bottom_mbsf = 12; /* grid is 10 m deep */
    assert_int_equal(rm_synth_params_check(&p, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "window"));
    small_params(&p);
    double sx = 0, sy = 0;
    p.site_x = &sx, p.site_y = &sy, p.n_sites = 1;
    assert_int_equal(rm_synth_params_check(&p, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "outside"));
    small_params(&p);
    p.core_length_min_m = 12, p.core_length_max_m = 11;
    assert_int_equal(rm_synth_params_check(&p, &err), RM_EINVAL);
    small_params(&p);
    p.epsg = 999999; /* unknown CRS: found when converting to lon/lat */
    assert_int_equal(rm_synth_generate(&p, &s, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "EPSG:999999"));
    rm_blockmodel *bm = rm_blockmodel_alloc(&p.grid, 32656);
    rm_synth_summary sum;
    assert_int_equal(rm_synth_summarize(bm, 0, 10, &sum, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "La_ppm"));
    rm_blockmodel_free(bm);
}

static void test_chosen_sites(void **state)
{
    rm_synth_params p;
    small_params(&p);
    double xs[2] = {565000, 570500}, ys[2] = {2425000, 2431000};
    p.site_x = xs, p.site_y = ys, p.n_sites = 2;
    rm_synth *s;
    assert_int_equal(rm_synth_generate(&p, &s, NULL), RM_OK);
    assert_int_equal(s->n_holes, 2);
    assert_near(s->holes[1].x, 570500, 0);
    assert_near(s->holes[1].y, 2431000, 0);
    assert_string_equal(s->holes[1].id, "SY02");
    rm_synth_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pattern),
        cmocka_unit_test(test_generate_calibrated_and_deterministic),
        cmocka_unit_test(test_cores_match_truth),
        cmocka_unit_test(test_write_files),
        cmocka_unit_test(test_example_meets_targets),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_chosen_sites),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
