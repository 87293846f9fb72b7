/* write.c — the files of `reemud estimate`: the CF block model, GeoTIFF
 * maps, the GeoPackage of cores, the grade–tonnage table and the summary.
 * Each file is written under a temporary name and renamed into place by
 * its writer, so a failure leaves no partial file under a final name.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "reemud/io_netcdf.h"
#include "reemud/io_raster.h"
#include "reemud/io_vector.h"
#include "reemud/resource.h"

const char *const rm_resource_outputs[] = {
    "block_model.nc",     "grade_tonnage.csv",          "resource_summary.json",
    "cores.gpkg",         "srey_mean_ppm.tif",          "thickness_above_cutoff_m.tif",
    "reo_t_per_km2.tif",  "water_depth_m.tif",          "class.tif",
    "swath_x.csv",        "swath_y.csv",                "swath_z.csv",
    "validation_global.csv", "validation_gt.csv", "topcut.csv",
    NULL};

/* A surface as a GeoTIFF named file in dir. */
static rm_status write_map(const rm_resource_result *r, const char *dir, const char *file,
                           const char *surface, rm_raster_type type, rm_error *err)
{
    const rm_blockmodel *bm = r->bm;
    const double *v = rm_blockmodel_get_surface(bm, surface);
    if (!v)
        return rm_error_set(err, RM_EINTERNAL, "no surface %s", surface);
    const char *desc = surface, *units = "";
    for (size_t i = 0; i < bm->n_surfaces; i++)
        if (!strcmp(bm->surfaces[i].name, surface)) {
            desc = bm->surfaces[i].long_name;
            units = bm->surfaces[i].units;
        }
    rm_raster_spec spec = {.nx = bm->grid.nx, .ny = bm->grid.ny, .x0 = bm->grid.x0,
                           .y0 = bm->grid.y0, .dx = bm->grid.dx, .dy = bm->grid.dy,
                           .epsg = bm->epsg, .type = type, .description = desc,
                           .units = units};
    char path[4200];
    rm_status st = rm_path_join(path, sizeof path, dir, file, err);
    return st ? st : rm_io_write_geotiff(path, &spec, v, err);
}

/* Writes dir/cores.gpkg: one point per hole (x, y in the block model's CRS) with its
 * water depth, length, composite count and the per-core ΣREY statistics, whose column
 * names carry the reporting window and map cut-off ('.' written as 'p'). */
static rm_status write_cores(const rm_resource_result *r, const char *dir, rm_error *err)
{
    const rm_drillholes *dh = r->holes;
    size_t n = dh->n_holes;
    double *cols[6];
    for (int q = 0; q < 6; q++)
        if (!(cols[q] = malloc((n ? n : 1) * sizeof *cols[q]))) {
            for (int p = 0; p < q; p++)
                free(cols[p]);
            return rm_error_set(err, RM_ENOMEM, "out of memory");
        }
    for (size_t h = 0; h < n; h++) {
        cols[0][h] = (double)r->cores[h].n_composites;
        cols[1][h] = r->cores[h].srey_mean_ppm;
        cols[2][h] = r->cores[h].srey_max_ppm;
        cols[3][h] = r->cores[h].depth_of_max_mbsf;
        cols[4][h] = r->cores[h].thickness_above_cutoff_m;
        cols[5][h] = dh->lon ? dh->lon[h] : NAN;
    }
    char name_mean[64], name_thick[64];
    snprintf(name_mean, sizeof name_mean, "srey_mean_%g_%g_mbsf_ppm", r->cfg.report_top_mbsf,
             r->cfg.report_bottom_mbsf);
    for (char *p = name_mean; *p; p++)
        if (*p == '.')
            *p = 'p';
    snprintf(name_thick, sizeof name_thick, "thickness_above_%g_ppm_m", r->cfg.map_cutoff_ppm);
    for (char *p = name_thick; *p; p++)
        if (*p == '.')
            *p = 'p';
    rm_attr attrs[] = {
        {"hole_id", RM_ATTR_STRING, NULL, (const char *const *)dh->hole_id},
        {"water_depth_m", RM_ATTR_REAL, dh->water_depth_m, NULL},
        {"length_m", RM_ATTR_REAL, dh->length_m, NULL},
        {"n_composites", RM_ATTR_INTEGER, cols[0], NULL},
        {name_mean, RM_ATTR_REAL, cols[1], NULL},
        {"srey_max_ppm", RM_ATTR_REAL, cols[2], NULL},
        {"depth_of_max_mbsf", RM_ATTR_REAL, cols[3], NULL},
        {name_thick, RM_ATTR_REAL, cols[4], NULL},
    };
    char path[4200];
    rm_status st = rm_path_join(path, sizeof path, dir, "cores.gpkg", err);
    if (!st)
        st = rm_io_write_points_gpkg(path, "cores", r->bm->epsg, n, dh->x, dh->y, attrs,
                                     sizeof attrs / sizeof attrs[0], err);
    for (int q = 0; q < 6; q++)
        free(cols[q]);
    return st;
}

/* A new JSON object of the RM_NREY oxide tonnages t, keyed by oxide formula. */
static cJSON *oxide_object(const double *t)
{
    cJSON *o = cJSON_CreateObject();
    for (int e = 0; e < RM_NREY; e++)
        cJSON_AddNumberToObject(o, rm_element(e)->oxide, t[e]);
    return o;
}

/* One experimental variogram and its fit. */
static cJSON *part_object(const rm_vgm_autofit_part *p, const char *units)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "units", units);
    cJSON *lags = cJSON_AddArrayToObject(o, "experimental");
    for (size_t b = 0; b < p->n_bins; b++) {
        if (!(p->np[b] > 0))
            continue;
        cJSON *l = cJSON_CreateObject();
        cJSON_AddNumberToObject(l, "np", p->np[b]);
        cJSON_AddNumberToObject(l, "dist_m", p->dist[b]);
        cJSON_AddNumberToObject(l, "gamma", p->gamma[b]);
        cJSON_AddItemToArray(lags, l);
    }
    cJSON_AddNumberToObject(o, "nugget", p->nugget);
    cJSON_AddNumberToObject(o, "sill", p->sill);
    cJSON_AddNumberToObject(o, "range_m", p->range);
    cJSON_AddStringToObject(o, "method", rm_vgm_autofit_method_name(p->method));
    return o;
}

/* What the layered auto-fit did (variogram_auto.c). */
static cJSON *fit_object(const rm_vgm_autofit_info *f)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "horizontal", part_object(&f->horizontal, "slice-standardised"));
    cJSON_AddItemToObject(o, "downhole", part_object(&f->downhole, "standardised"));
    cJSON_AddNumberToObject(o, "horizontal_scale", f->h_scale);
    cJSON_AddNumberToObject(o, "slices", (double)f->n_slices);
    cJSON_AddNumberToObject(o, "nugget", f->nugget);
    cJSON_AddBoolToObject(o, "nugget_capped", f->nugget_capped);
    cJSON_AddNumberToObject(o, "horizontal_sill", f->h_sill);
    cJSON_AddNumberToObject(o, "horizontal_range_m", f->h_range_m);
    cJSON_AddNumberToObject(o, "vertical_range_m", f->v_range_m);
    cJSON_AddNumberToObject(o, "zonal_sill", f->zonal_sill);
    return o;
}

/* Writes dir/resource_summary.json atomically: totals, element and oxide tonnes, tonnes
 * by class, grade-tonnage (blocks and block-support bases), variogram models and fit,
 * block counts. */
static rm_status write_summary(const rm_resource_result *r, const char *dir, rm_error *err)
{
    const rm_resource_summary *s = &r->summary;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "project", r->data.project.name);
    cJSON_AddStringToObject(root, "crs", r->data.project.crs);
    cJSON_AddStringToObject(root, "crs_source", r->data.project.crs_source);
    cJSON_AddNumberToObject(root, "top_mbsf", s->top_mbsf);
    cJSON_AddNumberToObject(root, "bottom_mbsf", s->bottom_mbsf);
    const rm_grid *g = &r->bm->grid;
    cJSON_AddNumberToObject(root, "area_km2", (double)(g->nx * g->ny) * g->dx * g->dy / 1e6);
    cJSON_AddNumberToObject(root, "total_mud_t", s->total_mud_t);
    cJSON_AddNumberToObject(root, "mean_srey_ppm", s->mean_srey_ppm);
    cJSON_AddNumberToObject(root, "total_reo_t", s->total_reo_t);
    cJSON_AddItemToObject(root, "oxide_t", oxide_object(s->oxide_t));
    /* element tonnes and mean grades, as truth_summary.json has them */
    cJSON *el = cJSON_AddObjectToObject(root, "element_t");
    cJSON *mp = cJSON_AddObjectToObject(root, "mean_ppm");
    for (int e = 0; e < RM_NREY; e++) {
        double t = s->oxide_t[e] / rm_element(e)->oxide_factor;
        cJSON_AddNumberToObject(el, rm_element(e)->symbol, t);
        cJSON_AddNumberToObject(mp, rm_element(e)->symbol,
                                s->total_mud_t > 0 ? t / s->total_mud_t * 1e6 : 0);
    }
    cJSON *cls = cJSON_AddObjectToObject(root, "by_class");
    for (int c = 1; c <= RM_NCLASS + 1; c++) {
        int k = c <= RM_NCLASS ? c : 0;
        cJSON *o = cJSON_AddObjectToObject(cls, rm_class_name(k));
        cJSON_AddNumberToObject(o, "mud_t", s->class_mud_t[k]);
        cJSON_AddNumberToObject(o, "reo_t", s->class_reo_t[k]);
        const rm_gt_row *row = rm_gt_find(&r->gt, RM_GT_BLOCKS, k, 0);
        if (row && k)
            cJSON_AddNumberToObject(o, "mean_srey_ppm",
                                    isnan(row->mean_srey_ppm) ? 0 : row->mean_srey_ppm);
    }
    cJSON *gt = cJSON_AddArrayToObject(root, "grade_tonnage");
    for (size_t i = 0; i < r->gt.n; i++) {
        const rm_gt_row *w = &r->gt.rows[i];
        if (w->basis != RM_GT_BLOCKS || w->cls != 0)
            continue;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "cutoff_srey_ppm", w->cutoff_ppm);
        cJSON_AddNumberToObject(o, "mud_t", w->tonnes);
        cJSON_AddNumberToObject(o, "mean_srey_ppm", w->tonnes > 0 ? w->mean_srey_ppm : 0);
        cJSON_AddNumberToObject(o, "reo_t", w->reo_t);
        cJSON_AddItemToArray(gt, o);
    }
    /* The block-support curves (support.c), one array per basis. */
    cJSON *gs = cJSON_AddObjectToObject(root, "grade_tonnage_block_support");
    for (int basis = RM_GT_AFFINE; basis <= RM_GT_DGM; basis++) {
        cJSON *arr = NULL;
        for (size_t i = 0; i < r->gt.n; i++) {
            const rm_gt_row *w = &r->gt.rows[i];
            if (w->basis != basis || w->cls != 0)
                continue;
            if (!arr)
                arr = cJSON_AddArrayToObject(gs, rm_gt_basis_name(basis));
            cJSON *o = cJSON_CreateObject();
            cJSON_AddNumberToObject(o, "cutoff_srey_ppm", w->cutoff_ppm);
            cJSON_AddNumberToObject(o, "mud_t", w->tonnes);
            cJSON_AddNumberToObject(o, "mean_srey_ppm", w->tonnes > 0 ? w->mean_srey_ppm : 0);
            cJSON_AddNumberToObject(o, "reo_t", w->reo_t);
            cJSON_AddItemToArray(arr, o);
        }
    }
    cJSON *v = cJSON_AddObjectToObject(root, "variograms");
    cJSON_AddStringToObject(v, "mode", r->cfg.mode == RM_VMODE_SHARED ? "shared" : "per_element");
    if (r->shared_model_text[0])
        cJSON_AddStringToObject(v, r->cfg.mode == RM_VMODE_SHARED ? "shared_standardised"
                                                                  : "SREY",
                                r->shared_model_text);
    for (int e = 0; e < RM_NELEM; e++)
        if (r->cfg.mode != RM_VMODE_SHARED && r->model_text[e][0])
            cJSON_AddStringToObject(v, rm_element(e)->symbol, r->model_text[e]);
    if (r->have_fit)
        cJSON_AddItemToObject(v, "auto_fit", fit_object(&r->fit));
    cJSON_AddStringToObject(v, "water_depth_m", r->water_depth_model_text);
    cJSON *bl = cJSON_AddObjectToObject(root, "blocks");
    cJSON_AddNumberToObject(bl, "total", (double)r->n_blocks);
    cJSON_AddNumberToObject(bl, "estimated", (double)r->n_estimated);
    cJSON_AddNumberToObject(bl, "kriging_solves", (double)r->n_solves);

    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    char path[4200];
    rm_status st = rm_path_join(path, sizeof path, dir, "resource_summary.json", err);
    rm_afile af;
    if (!st)
        st = rm_afile_open(&af, path, err);
    if (!st) {
        fputs(text, af.fp);
        fputc('\n', af.fp);
        st = rm_afile_commit(&af, err);
    }
    free(text);
    return st;
}

rm_status rm_resource_write(const rm_resource_result *r, const char *dir, rm_error *err)
{
    if (!r->bm)
        return rm_error_set(err, RM_EINVAL, "no block model to write");
    char path[4200];
    rm_status st = rm_path_join(path, sizeof path, dir, "block_model.nc", err);
    if (st)
        return st;
    char title[512];
    snprintf(title, sizeof title, "%s: REY block model (%s block kriging), reemud estimate",
             r->data.project.name, r->cfg.method == RM_KRIGE_SK ? "simple" : "ordinary");
    rm_nc_attrs attrs = {.title = title,
                         .comment = "grades in ppm of dry mud; depth below seafloor; "
                                    "class 1 measured, 2 indicated, 3 inferred"};
    if ((st = rm_io_write_blockmodel_nc_attrs(r->bm, path, &attrs, err)))
        return st;
    if ((st = write_map(r, dir, "srey_mean_ppm.tif", "SREY_mean_ppm", RM_RASTER_FLOAT32, err)) ||
        (st = write_map(r, dir, "thickness_above_cutoff_m.tif", "thickness_above_cutoff_m",
                        RM_RASTER_FLOAT32, err)) ||
        (st = write_map(r, dir, "reo_t_per_km2.tif", "REO_t_per_km2", RM_RASTER_FLOAT32,
                        err)) ||
        (st = write_map(r, dir, "water_depth_m.tif", "water_depth_m", RM_RASTER_FLOAT32,
                        err)) ||
        (st = write_map(r, dir, "class.tif", "class_major", RM_RASTER_BYTE, err)))
        return st;
    if ((st = write_cores(r, dir, err)))
        return st;
    if ((st = rm_path_join(path, sizeof path, dir, "grade_tonnage.csv", err)) ||
        (st = rm_gt_write_csv(&r->gt, path, err)))
        return st;
    if (r->validation.nvar && (st = rm_validation_write(&r->validation, dir, err)))
        return st;
    if ((st = rm_topcut_write(&r->topcut, dir, err)))
        return st;
    return write_summary(r, dir, err);
}
