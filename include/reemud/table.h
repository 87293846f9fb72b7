/* table.h — a generic CSV table of named columns, read whole into memory.
 *
 * For commands that take "any CSV with a few numeric columns" (vario, krige):
 * the first record is the header; every cell is kept as text and, where it
 * reads as a finite number, as a double.  A caller asks for the columns it
 * needs; a missing column or a bad cell is reported as
 * "FILE:LINE: field 'NAME': 'TEXT' is not a number".  Names match
 * case-insensitively; other columns are kept and ignored.
 */
#ifndef REEMUD_TABLE_H
#define REEMUD_TABLE_H

#include <stddef.h>

#include "reemud/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rm_table {
    char *file;          /* path, for messages */
    size_t n_rows, n_cols;
    char **names;        /* n_cols header names (trimmed) */
    double **num;        /* num[col][row]: the value, NAN if empty or not a number */
    long *line;          /* line of the file each row starts on */
    /* Private: cell text. */
    char *arena;
    size_t *cell;        /* offset into arena of cell (row, col) = cell[row * n_cols + col] */
} rm_table;

/* Read a CSV file (comma separated, RFC 4180 quoting, UTF-8 BOM and CRLF
 * accepted, blank lines skipped).  Fails with "FILE:LINE: ..." on a record
 * with the wrong number of fields, duplicate or empty header names, bad
 * quoting or an empty file. */
rm_status rm_table_read_csv(const char *path, rm_table **out, rm_error *err);

/* Free a table; NULL is safe. */
void rm_table_free(rm_table *t);

/* Index of the column named name (case-insensitive), or -1. */
long rm_table_find(const rm_table *t, const char *name);

/* The values of column name.  Every cell must hold a finite number, unless
 * allow_empty is set, in which case empty cells (and "NA") give NAN.  The
 * array belongs to the table. */
rm_status rm_table_numeric(const rm_table *t, const char *name, int allow_empty,
                           const double **values, rm_error *err);

/* Text of cell (row, col). */
const char *rm_table_text(const rm_table *t, size_t row, size_t col);

/* The index of the column named name in *col, or an input error naming the
 * file, line 1 and the columns there are. */
rm_status rm_table_need(const rm_table *t, const char *name, long *col, rm_error *err);

/* The finite number in cell (row, col) in *out; an empty cell (or "NA")
 * gives NAN when allow_empty is set and is an error otherwise.  Errors name
 * the file, the row's line and the column. */
rm_status rm_table_number(const rm_table *t, size_t row, long col, int allow_empty,
                          double *out, rm_error *err);

/* Group ids for column name: rows with equal text share an id, ids numbered
 * 0.. in order of first appearance.  group must hold n_rows values.  Empty
 * cells are an error.  *n_groups (may be NULL) receives the count. */
rm_status rm_table_groups(const rm_table *t, const char *name, long *group,
                          size_t *n_groups, rm_error *err);

#ifdef __cplusplus
}
#endif
#endif
