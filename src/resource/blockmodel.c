/* blockmodel.c — allocation and named fields of the regular block grid. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/blockmodel.h"

rm_blockmodel *rm_blockmodel_alloc(const rm_grid *grid, int epsg)
{
    rm_blockmodel *bm = calloc(1, sizeof *bm);
    if (!bm)
        return NULL;
    bm->grid = *grid;
    bm->epsg = epsg;
    return bm;
}

/* Frees the n fields of f and their values; f may be NULL when n is 0. */
static void free_fields(rm_field *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(f[i].values);
    free(f);
}

void rm_blockmodel_free(rm_blockmodel *bm)
{
    if (!bm)
        return;
    free_fields(bm->fields, bm->n_fields);
    free_fields(bm->surfaces, bm->n_surfaces);
    free(bm);
}

/* Adds to *fields (n used, cap allocated) a field of count values, all NAN, or resets an
 * existing one of the same name (then the caller guarantees the same count). NULL
 * long_name means name, NULL units "1". Returns its values, or NULL when out of memory. */
static double *add_field(rm_field **fields, size_t *n, size_t *cap, size_t count,
                         const char *name, const char *long_name, const char *units)
{
    rm_field *f = NULL;
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*fields)[i].name, name))
            f = &(*fields)[i];
    if (!f) {
        if (*n == *cap) {
            size_t c = *cap ? 2 * *cap : 16;
            rm_field *p = realloc(*fields, c * sizeof *p);
            if (!p)
                return NULL;
            *fields = p;
            *cap = c;
        }
        f = &(*fields)[*n];
        memset(f, 0, sizeof *f);
        f->values = malloc(count * sizeof *f->values);
        if (!f->values)
            return NULL;
        (*n)++;
    }
    snprintf(f->name, sizeof f->name, "%s", name);
    snprintf(f->long_name, sizeof f->long_name, "%s", long_name ? long_name : name);
    snprintf(f->units, sizeof f->units, "%s", units ? units : "1");
    for (size_t b = 0; b < count; b++)
        f->values[b] = NAN;
    return f->values;
}

double *rm_blockmodel_add(rm_blockmodel *bm, const char *name, const char *long_name,
                          const char *units)
{
    return add_field(&bm->fields, &bm->n_fields, &bm->cap_fields,
                     rm_grid_nblocks(&bm->grid), name, long_name, units);
}

double *rm_blockmodel_add_surface(rm_blockmodel *bm, const char *name,
                                  const char *long_name, const char *units)
{
    return add_field(&bm->surfaces, &bm->n_surfaces, &bm->cap_surfaces,
                     bm->grid.nx * bm->grid.ny, name, long_name, units);
}

/* Values of the field called name among the n fields of f, or NULL when there is none. */
static double *get_field(const rm_field *f, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(f[i].name, name))
            return f[i].values;
    return NULL;
}

double *rm_blockmodel_get(const rm_blockmodel *bm, const char *name)
{
    return get_field(bm->fields, bm->n_fields, name);
}

double *rm_blockmodel_get_surface(const rm_blockmodel *bm, const char *name)
{
    return get_field(bm->surfaces, bm->n_surfaces, name);
}

void rm_blockmodel_keep(rm_blockmodel *bm, const char *const *names, size_t n)
{
    size_t m = 0;
    for (size_t f = 0; f < bm->n_fields; f++) {
        int keep = 0;
        for (size_t q = 0; q < n && !keep; q++)
            keep = strcmp(bm->fields[f].name, names[q]) == 0;
        if (keep)
            bm->fields[m++] = bm->fields[f];
        else
            free(bm->fields[f].values);
    }
    bm->n_fields = m;
}
