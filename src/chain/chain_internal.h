/* chain_internal.h — helpers shared by the chain's source files: the data/
 * tables read through the project's CSV reader (include/reemud/table.h),
 * with text cells and line numbers for messages. */
#ifndef REEMUD_CHAIN_INTERNAL_H
#define REEMUD_CHAIN_INTERNAL_H

#include <stddef.h>

#include "reemud/core.h"
#include "reemud/table.h"

typedef struct rm_ctable {
    rm_table *tab;   /* the cells */
    const char *path;
    size_t ncol, nrow;
    char **header;   /* ncol, = tab->names */
    long *line;      /* nrow: line number in the file, = tab->line */
} rm_ctable;

rm_status rm_ctable_read(const char *path, rm_ctable **out, rm_error *err);
void rm_ctable_free(rm_ctable *t);
/* Column index by name (case-insensitive), -1 if absent. */
int rm_ctable_col(const rm_ctable *t, const char *name);
/* Column index or an input error naming the missing column. */
rm_status rm_ctable_need(const rm_ctable *t, const char *name, int *col, rm_error *err);
const char *rm_ctable_cell(const rm_ctable *t, size_t row, int col);
/* A finite number; an empty cell gives NAN when allow_empty, else an error. */
rm_status rm_ctable_number(const rm_ctable *t, size_t row, int col, int allow_empty,
                           double *out, rm_error *err);

#endif
