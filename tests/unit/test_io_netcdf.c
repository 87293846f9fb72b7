/* test_io_netcdf.c — CF netCDF block models: round trip, CF attributes read
 * with the netCDF API itself, NAN as fill, identical bytes for identical
 * models, errors. */
#include <string.h>
#include <unistd.h>

#include <netcdf.h>

#include "reemud/io_netcdf.h"
#include "rm_test.h"

static rm_blockmodel *sample_model(void)
{
    rm_grid g = {.nx = 5, .ny = 4, .nz = 3, .x0 = 600000, .y0 = 2410000, .z0 = 0,
                 .dx = 1000, .dy = 500, .dz = 0.5};
    rm_blockmodel *bm = rm_blockmodel_alloc(&g, 32656);
    double *la = rm_blockmodel_add(bm, "La_ppm", "lanthanum", "ppm");
    double *rho = rm_blockmodel_add(bm, "dry_density_t_m3", "dry bulk density", "t m-3");
    double *wd = rm_blockmodel_add_surface(bm, "water_depth_m", "water depth", "m");
    for (size_t b = 0; b < rm_grid_nblocks(&g); b++) {
        la[b] = 100.0 + 3.25 * (double)b;
        rho[b] = 0.55 + 0.001 * (double)b;
    }
    la[7] = NAN; /* not estimated */
    for (size_t c = 0; c < g.nx * g.ny; c++)
        wd[c] = 5600.0 + 10.0 * (double)c;
    return bm;
}

static void test_round_trip(void **state)
{
    const char *dir = rm_test_dir("io_netcdf");
    char path[4096];
    snprintf(path, sizeof path, "%s/model.nc", dir);
    rm_blockmodel *bm = sample_model();
    rm_error err;
    assert_int_equal(rm_io_write_blockmodel_nc(bm, path, "test model", &err), RM_OK);
    rm_blockmodel *back;
    assert_int_equal(rm_io_read_blockmodel_nc(path, &back, &err), RM_OK);
    assert_int_equal(back->epsg, 32656);
    assert_int_equal(back->grid.nx, 5);
    assert_int_equal(back->grid.ny, 4);
    assert_int_equal(back->grid.nz, 3);
    assert_near(back->grid.x0, 600000, 1e-9);
    assert_near(back->grid.y0, 2410000, 1e-9);
    assert_near(back->grid.dy, 500, 1e-9);
    assert_near(back->grid.dz, 0.5, 1e-12);
    assert_int_equal(back->n_fields, 2);
    assert_int_equal(back->n_surfaces, 1);
    const double *la = rm_blockmodel_get(back, "La_ppm");
    assert_non_null(la);
    assert_string_equal(back->fields[0].units, "ppm");
    assert_string_equal(back->fields[0].long_name, "lanthanum");
    for (size_t b = 0; b < 60; b++) {
        if (b == 7)
            assert_true(isnan(la[b]));
        else
            assert_rel(la[b], 100.0 + 3.25 * (double)b, 1e-7); /* float32 */
    }
    const double *wd = rm_blockmodel_get_surface(back, "water_depth_m");
    assert_non_null(wd);
    assert_near(wd[19], 5790.0, 1e-3);
    rm_blockmodel_free(back);

    /* CF attributes through the netCDF API (independent of our reader). */
    int ncid, v, fmt;
    assert_int_equal(nc_open(path, NC_NOWRITE, &ncid), NC_NOERR);
    assert_int_equal(nc_inq_format(ncid, &fmt), NC_NOERR);
    assert_int_equal(fmt, NC_FORMAT_NETCDF4);
    char text[4096];
    size_t len;
    assert_int_equal(nc_inq_attlen(ncid, NC_GLOBAL, "Conventions", &len), NC_NOERR);
    nc_get_att_text(ncid, NC_GLOBAL, "Conventions", text);
    text[len] = 0;
    assert_string_equal(text, "CF-1.8");
    assert_int_equal(nc_inq_varid(ncid, "crs", &v), NC_NOERR);
    assert_int_equal(nc_inq_attlen(ncid, v, "crs_wkt", &len), NC_NOERR);
    assert_true(len < sizeof text);
    nc_get_att_text(ncid, v, "crs_wkt", text);
    text[len] = 0;
    assert_non_null(strstr(text, "UTM zone 56N"));
    double cm;
    assert_int_equal(nc_get_att_double(ncid, v, "longitude_of_central_meridian", &cm), NC_NOERR);
    assert_near(cm, 153.0, 0); /* UTM zone 56: 6 * 56 - 183 */
    assert_int_equal(nc_inq_varid(ncid, "La_ppm", &v), NC_NOERR);
    int shuffle, deflate, level, dimids[3], ndims;
    nc_inq_var_deflate(ncid, v, &shuffle, &deflate, &level);
    assert_true(shuffle && deflate && level == 4);
    nc_inq_varndims(ncid, v, &ndims);
    nc_inq_vardimid(ncid, v, dimids);
    assert_int_equal(ndims, 3);
    char dname[NC_MAX_NAME + 1];
    nc_inq_dimname(ncid, dimids[0], dname);
    assert_string_equal(dname, "depth");
    nc_inq_dimname(ncid, dimids[2], dname);
    assert_string_equal(dname, "x");
    assert_int_equal(nc_inq_attlen(ncid, v, "grid_mapping", &len), NC_NOERR);
    nc_get_att_text(ncid, v, "grid_mapping", text);
    text[len] = 0;
    assert_string_equal(text, "crs");
    float raw;
    size_t idx[3] = {0, 1, 2}; /* block 7: i 2, j 1, k 0 */
    nc_get_var1_float(ncid, v, idx, &raw);
    assert_true(raw == NC_FILL_FLOAT);
    assert_int_equal(nc_inq_varid(ncid, "depth", &v), NC_NOERR);
    nc_inq_attlen(ncid, v, "positive", &len);
    nc_get_att_text(ncid, v, "positive", text);
    text[len] = 0;
    assert_string_equal(text, "down");
    double depth[3];
    nc_get_var_double(ncid, v, depth);
    assert_near(depth[2], 1.25, 1e-12);
    nc_close(ncid);
    rm_blockmodel_free(bm);
}

static int same_bytes(const char *a, const char *b)
{
    char ha[65], hb[65];
    if (rm_sha256_file(a, ha, NULL) || rm_sha256_file(b, hb, NULL))
        return 0;
    return !strcmp(ha, hb);
}

static void test_reproducible_bytes(void **state)
{
    const char *dir = rm_test_dir("io_netcdf");
    char p1[4096], p2[4096];
    snprintf(p1, sizeof p1, "%s/a.nc", dir);
    snprintf(p2, sizeof p2, "%s/b.nc", dir);
    rm_blockmodel *bm = sample_model();
    assert_int_equal(rm_io_write_blockmodel_nc(bm, p1, "t", NULL), RM_OK);
    sleep(1); /* a time stamp would now differ */
    assert_int_equal(rm_io_write_blockmodel_nc(bm, p2, "t", NULL), RM_OK);
    assert_true(same_bytes(p1, p2));
    rm_blockmodel_get(bm, "La_ppm")[0] += 1;
    assert_int_equal(rm_io_write_blockmodel_nc(bm, p2, "t", NULL), RM_OK);
    assert_false(same_bytes(p1, p2));
    rm_blockmodel_free(bm);
}

static void test_errors(void **state)
{
    rm_error err;
    rm_blockmodel *bm = sample_model(), *back = (rm_blockmodel *)1;
    assert_int_equal(rm_io_write_blockmodel_nc(bm, "/nonexistent-dir/x.nc", "t", &err),
                     RM_EIO);
    assert_int_equal(rm_io_read_blockmodel_nc("/nonexistent-dir/x.nc", &back, &err),
                     RM_EIO);
    assert_null(back);
    assert_non_null(strstr(err.message, "/nonexistent-dir/x.nc"));
    /* A netCDF file without our axes. */
    const char *dir = rm_test_dir("io_netcdf");
    char path[4096];
    snprintf(path, sizeof path, "%s/other.nc", dir);
    int ncid, d;
    assert_int_equal(nc_create(path, NC_NETCDF4 | NC_CLOBBER, &ncid), NC_NOERR);
    nc_def_dim(ncid, "time", 3, &d);
    nc_close(ncid);
    assert_int_equal(rm_io_read_blockmodel_nc(path, &back, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "dimension 'x'"));
    /* An unknown EPSG code: nothing is left behind under the final name. */
    snprintf(path, sizeof path, "%s/bad-crs.nc", dir);
    unlink(path);
    bm->epsg = 999999;
    assert_int_equal(rm_io_write_blockmodel_nc(bm, path, "t", &err), RM_EINVAL);
    assert_int_not_equal(access(path, F_OK), 0);
    rm_blockmodel_free(bm);
    char *wkt = rm_io_epsg_wkt(4326, &err);
    assert_non_null(wkt);
    assert_non_null(strstr(wkt, "WGS 84"));
    free(wkt);
    assert_null(rm_io_epsg_wkt(999999, &err));
}

/* The tile-by-tile writer: bands of rows put in any order give the values
 * of the whole model (read back through the reader), and the same bytes as
 * the whole-model writer when the layout and values agree; a row range
 * outside the grid is an error; close without commit leaves no file. */
static void test_stream_rows(void **state)
{
    (void)state;
    const char *dir = rm_test_dir("io_netcdf");
    char path[4096], whole[4096];
    snprintf(path, sizeof path, "%s/stream.nc", dir);
    snprintf(whole, sizeof whole, "%s/stream-whole.nc", dir);
    rm_blockmodel *bm = sample_model(); /* 5 x 4 x 3 */
    /* The layout: the same fields, no surfaces (the stream writes none). */
    rm_blockmodel layout = *bm;
    layout.n_surfaces = 0;
    rm_nc_stream *ns;
    rm_error err;
    assert_int_equal(rm_io_nc_stream_open(&layout, path, NULL, &ns, &err), RM_OK);
    const rm_grid *g = &bm->grid;
    const size_t bands[][2] = {{3, 1}, {0, 2}, {2, 1}}; /* (j0, rows), out of order */
    double band[5 * 4 * 3];
    for (size_t f = 0; f < 2; f++)
        for (size_t q = 0; q < 3; q++) {
            size_t j0 = bands[q][0], rows = bands[q][1], n = 0;
            for (size_t k = 0; k < g->nz; k++)
                for (size_t j = j0; j < j0 + rows; j++)
                    for (size_t i = 0; i < g->nx; i++)
                        band[n++] = bm->fields[f].values[rm_grid_index(g, i, j, k)];
            assert_int_equal(rm_io_nc_stream_put_rows(ns, f, j0, rows, band, &err), RM_OK);
        }
    assert_int_equal(rm_io_nc_stream_put_rows(ns, 0, 3, 2, band, &err), RM_EINVAL);
    assert_int_equal(rm_io_nc_stream_put_rows(ns, 2, 0, 1, band, &err), RM_EINVAL);
    assert_int_equal(rm_io_nc_stream_close(ns, 1, &err), RM_OK);
    rm_blockmodel *back;
    assert_int_equal(rm_io_read_blockmodel_nc(path, &back, &err), RM_OK);
    for (size_t f = 0; f < 2; f++) {
        const double *v = rm_blockmodel_get(back, bm->fields[f].name);
        assert_non_null(v);
        for (size_t b = 0; b < rm_grid_nblocks(g); b++)
            if (isnan(bm->fields[f].values[b]))
                assert_true(isnan(v[b]));
            else
                assert_near(v[b], (float)bm->fields[f].values[b], 0);
    }
    rm_blockmodel_free(back);
    /* In order and whole: the bytes of the whole-model writer. */
    assert_int_equal(rm_io_nc_stream_open(&layout, path, NULL, &ns, &err), RM_OK);
    for (size_t f = 0; f < 2; f++) {
        size_t n = 0;
        for (size_t k = 0; k < g->nz; k++)
            for (size_t j = 0; j < g->ny; j++)
                for (size_t i = 0; i < g->nx; i++)
                    band[n++] = bm->fields[f].values[rm_grid_index(g, i, j, k)];
        assert_int_equal(rm_io_nc_stream_put_rows(ns, f, 0, g->ny, band, &err), RM_OK);
    }
    assert_int_equal(rm_io_nc_stream_close(ns, 1, &err), RM_OK);
    bm->n_surfaces = 0;
    assert_int_equal(rm_io_write_blockmodel_nc_attrs(bm, whole, NULL, &err), RM_OK);
    assert_true(same_bytes(path, whole));
    /* Not committed: nothing under the name. */
    unlink(path);
    assert_int_equal(rm_io_nc_stream_open(&layout, path, NULL, &ns, &err), RM_OK);
    assert_int_equal(rm_io_nc_stream_close(ns, 0, &err), RM_OK);
    assert_int_not_equal(access(path, F_OK), 0);
    bm->n_surfaces = layout.n_surfaces = 1;
    rm_blockmodel_free(bm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_reproducible_bytes),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_stream_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
