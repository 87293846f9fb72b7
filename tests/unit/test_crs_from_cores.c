/* test_crs_from_cores.c — the project's CRS follows the cores:
 * no crs -> the WGS 84 UTM zone of the cores' centroid (zone and hemisphere
 * by the UTM definition, zone = floor((lon + 180) / 6) + 1, EPSG 326zz north
 * and 327zz south); an explicit crs must hold every core in PROJ's area of
 * use. */
#include <string.h>

#include "reemud/config.h"
#include "reemud/data.h"
#include "rm_test.h"

/* A drillhole table of n collars at (lon[i], lat[i]); only what the CRS
 * choice reads is filled. */
typedef struct fake {
    rm_drillholes dh;
    char *ids[4];
    char id_text[4][8];
    double lon[4], lat[4];
    long line[4];
} fake;

static void make(fake *f, size_t n, const double *lon, const double *lat)
{
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < n; i++) {
        snprintf(f->id_text[i], sizeof f->id_text[i], "H%zu", i + 1);
        f->ids[i] = f->id_text[i];
        f->lon[i] = lon[i];
        f->lat[i] = lat[i];
        f->line[i] = (long)i + 2;
    }
    f->dh.n_holes = n;
    f->dh.hole_id = f->ids;
    f->dh.lon = f->lon;
    f->dh.lat = f->lat;
    f->dh.collar_line = f->line;
}

static void project(rm_project *p, const char *crs, long line)
{
    memset(p, 0, sizeof *p);
    snprintf(p->crs, sizeof p->crs, "%s", crs);
    p->epsg = rm_epsg_parse(crs);
    p->crs_line = line;
    snprintf(p->file, sizeof p->file, "p.ini");
}

static void test_derived_zone(void **state)
{
    (void)state;
    static const struct {
        double lon[2], lat[2];
        int epsg;
    } cases[] = {
        {{153.6, 154.2}, {21.9, 22.0}, 32656},   /* Minamitorishima: 150-156 E */
        {{-170.1, -169.9}, {21.9, 22.0}, 32602}, /* 174-168 W */
        {{153.6, 154.2}, {-21.9, -22.0}, 32756}, /* southern hemisphere */
        {{-3.1, -2.9}, {0.2, 0.1}, 32630},       /* 6-0 W, just north */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        fake f;
        make(&f, 2, cases[k].lon, cases[k].lat);
        rm_project p;
        project(&p, "EPSG:32656", 0);
        rm_error err;
        assert_int_equal(rm_project_crs_for_cores(&p, &f.dh, &err), RM_OK);
        assert_int_equal(p.epsg, cases[k].epsg);
        assert_non_null(strstr(p.crs_source, "derived"));
    }
    /* Across the antimeridian the circular mean lies near 180, so zone 60
     * or 1, never the arithmetic mean's zone 31 (0 E). */
    fake f;
    make(&f, 2, (double[]){179.9, -179.9}, (double[]){10, 10});
    rm_project p;
    project(&p, "EPSG:32656", 0);
    rm_error err;
    assert_int_equal(rm_project_crs_for_cores(&p, &f.dh, &err), RM_OK);
    assert_true(p.epsg == 32660 || p.epsg == 32601);
}

static void test_explicit_outside_area(void **state)
{
    (void)state;
    fake f;
    make(&f, 2, (double[]){153.9, -170.0}, (double[]){22.0, 22.0});
    rm_project p;
    project(&p, "EPSG:32656", 3);
    rm_error err;
    assert_int_equal(rm_project_crs_for_cores(&p, &f.dh, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "p.ini:3"));
    assert_non_null(strstr(err.message, "project.crs"));
    assert_non_null(strstr(err.message, "H2"));
    /* inside its area: accepted and said to come from the file */
    make(&f, 1, (double[]){153.9}, (double[]){22.0});
    project(&p, "EPSG:32656", 3);
    assert_int_equal(rm_project_crs_for_cores(&p, &f.dh, &err), RM_OK);
    assert_string_equal(p.crs_source, "project file");
}

/* rm_crs_transform against the closed form of EPSG:3857 (spherical Web
 * Mercator, R = 6378137 m): x = R λ, y = R ln tan(π/4 + φ/2); back again to
 * lon/lat; a point PROJ cannot project is flagged, an unknown code refused. */
static void test_transform_closed_form(void **state)
{
    (void)state;
    const double R = 6378137.0, deg = M_PI / 180.0;
    double lon[3] = {153.98, -70.5, 10}, lat[3] = {24.28, -33.4, 95};
    double x[3], y[3];
    int ok[3];
    memcpy(x, lon, sizeof x);
    memcpy(y, lat, sizeof y);
    rm_error err;
    assert_int_equal(rm_crs_transform(4326, 3857, 3, x, y, ok, &err), RM_OK);
    for (int i = 0; i < 2; i++) {
        assert_true(ok[i]);
        assert_near(x[i], R * lon[i] * deg, 1e-6);
        assert_near(y[i], R * log(tan(M_PI / 4 + lat[i] * deg / 2)), 1e-6);
    }
    assert_false(ok[2]); /* latitude 95° */
    assert_int_equal(rm_crs_transform(3857, 4326, 2, x, y, ok, &err), RM_OK);
    for (int i = 0; i < 2; i++) {
        assert_near(x[i], lon[i], 1e-9);
        assert_near(y[i], lat[i], 1e-9);
    }
    assert_int_equal(rm_crs_transform(4326, 999999, 1, x, y, ok, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "EPSG:999999"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_derived_zone),
        cmocka_unit_test(test_explicit_outside_area),
        cmocka_unit_test(test_transform_closed_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
