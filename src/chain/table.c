/* table.c — the data/ tables of the chain (costs, prices, demand, controls,
 * production, processing): read by the project's CSV reader (rm_table,
 * src/io/table_csv.c), with lookups by column name and numbers checked so
 * that a bad cell is reported as "FILE:LINE: field 'COLUMN': ...". */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chain/chain_internal.h"

rm_status rm_ctable_read(const char *path, rm_ctable **out, rm_error *err)
{
    *out = NULL;
    rm_ctable *t = calloc(1, sizeof *t);
    if (!t)
        return rm_error_set(err, RM_ENOMEM, "out of memory reading %s", path);
    rm_status st = rm_table_read_csv(path, &t->tab, err);
    if (st) {
        free(t);
        return st;
    }
    t->path = t->tab->file;
    t->ncol = t->tab->n_cols;
    t->nrow = t->tab->n_rows;
    t->header = t->tab->names;
    t->line = t->tab->line;
    *out = t;
    return RM_OK;
}

void rm_ctable_free(rm_ctable *t)
{
    if (!t)
        return;
    rm_table_free(t->tab);
    free(t);
}

int rm_ctable_col(const rm_ctable *t, const char *name)
{
    return (int)rm_table_find(t->tab, name);
}

rm_status rm_ctable_need(const rm_ctable *t, const char *name, int *col, rm_error *err)
{
    *col = rm_ctable_col(t, name);
    if (*col < 0)
        return rm_error_input(err, t->path, 1, name, "missing column");
    return RM_OK;
}

const char *rm_ctable_cell(const rm_ctable *t, size_t row, int col)
{
    return rm_table_text(t->tab, row, (size_t)col);
}

rm_status rm_ctable_number(const rm_ctable *t, size_t row, int col, int allow_empty,
                           double *out, rm_error *err)
{
    const char *s = rm_ctable_cell(t, row, col);
    while (*s == ' ')
        s++;
    if (*s == '\0') {
        if (allow_empty) {
            *out = NAN;
            return RM_OK;
        }
        return rm_error_input(err, t->path, t->line[row], t->header[col], "empty cell");
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (end == s || *end != '\0' || errno == ERANGE || !isfinite(v))
        return rm_error_input(err, t->path, t->line[row], t->header[col],
                              "'%s' is not a number", s);
    *out = v;
    return RM_OK;
}
