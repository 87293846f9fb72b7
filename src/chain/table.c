/* table.c — read a small CSV table (the data/ tables) with libcsv into string
 * cells, keeping line numbers so that a bad cell is reported as
 * "FILE:LINE: field 'COLUMN': ...". */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "chain/chain_internal.h"

typedef struct reader {
    rm_ctable *t;
    char **row;        /* fields of the row being read */
    size_t nrow_fields, cap_row;
    long line;
    int failed;
} reader;

/* A malloc'd, terminated copy of the n bytes at s, or NULL when out of memory. */
static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* libcsv field callback: appends a copy of the field to the row being read; sets
 * r->failed when out of memory. */
static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->failed)
        return;
    if (r->nrow_fields == r->cap_row) {
        size_t cap = r->cap_row ? 2 * r->cap_row : 16;
        char **p = realloc(r->row, cap * sizeof *p);
        if (!p) {
            r->failed = 1;
            return;
        }
        r->row = p;
        r->cap_row = cap;
    }
    char *f = dup_n(s ? s : "", s ? len : 0);
    if (!f) {
        r->failed = 1;
        return;
    }
    r->row[r->nrow_fields++] = f;
}

/* libcsv end-of-row callback: the first non-blank row becomes the header, later rows are
 * stored with their line number, cut or padded with empty cells to the header's width.
 * Blank lines are skipped; r->failed when out of memory. */
static void on_row(int c, void *data)
{
    reader *r = data;
    rm_ctable *t = r->t;
    r->line++;
    if (r->failed)
        goto clear;
    if (r->nrow_fields == 1 && r->row[0][0] == '\0')
        goto clear; /* blank line */
    if (!t->header) {
        t->ncol = r->nrow_fields;
        t->header = r->row;
        r->row = NULL;
        r->cap_row = 0;
        r->nrow_fields = 0;
        return;
    }
    char **cells = realloc(t->cells, (t->nrow + 1) * t->ncol * sizeof *cells);
    long *lines = realloc(t->line, (t->nrow + 1) * sizeof *lines);
    if (cells)
        t->cells = cells;
    if (lines)
        t->line = lines;
    if (!cells || !lines) {
        r->failed = 1;
        goto clear;
    }
    for (size_t c2 = 0; c2 < t->ncol; c2++) {
        char *v = c2 < r->nrow_fields ? r->row[c2] : dup_n("", 0);
        if (c2 < r->nrow_fields)
            r->row[c2] = NULL;
        else if (!v)
            r->failed = 1; /* reported as out of memory when the read ends */
        t->cells[t->nrow * t->ncol + c2] = v;
    }
    t->line[t->nrow] = r->line;
    t->nrow++;
clear:
    for (size_t k = 0; k < r->nrow_fields; k++)
        free(r->row[k]);
    r->nrow_fields = 0;
    (void)c;
}

rm_status rm_ctable_read(const char *path, rm_ctable **out, rm_error *err)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return rm_error_set(err, RM_EIO, "%s: cannot open: %s", path, strerror(errno));
    rm_ctable *t = calloc(1, sizeof *t);
    struct csv_parser p;
    if (!t || csv_init(&p, CSV_APPEND_NULL) != 0) {
        free(t);
        fclose(fp);
        return rm_error_set(err, RM_ENOMEM, "out of memory reading %s", path);
    }
    snprintf(t->path, sizeof t->path, "%s", path);
    reader r = {.t = t};
    char buf[8192];
    size_t n;
    rm_status st = RM_OK;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        if (csv_parse(&p, buf, n, on_field, on_row, &r) != n) {
            st = rm_error_input(err, path, r.line + 1, NULL, "malformed CSV: %s",
                                csv_strerror(csv_error(&p)));
            break;
        }
    }
    if (st == RM_OK)
        csv_fini(&p, on_field, on_row, &r);
    csv_free(&p);
    for (size_t k = 0; k < r.nrow_fields; k++)
        free(r.row[k]);
    free(r.row);
    fclose(fp);
    if (st == RM_OK && r.failed)
        st = rm_error_set(err, RM_ENOMEM, "out of memory reading %s", path);
    if (st == RM_OK && !t->header)
        st = rm_error_input(err, path, 1, NULL, "empty file (no header row)");
    if (st != RM_OK) {
        rm_ctable_free(t);
        return st;
    }
    *out = t;
    return RM_OK;
}

void rm_ctable_free(rm_ctable *t)
{
    if (!t)
        return;
    for (size_t c = 0; t->header && c < t->ncol; c++)
        free(t->header[c]);
    free(t->header);
    for (size_t k = 0; t->cells && k < t->nrow * t->ncol; k++)
        free(t->cells[k]);
    free(t->cells);
    free(t->line);
    free(t);
}

int rm_ctable_col(const rm_ctable *t, const char *name)
{
    for (size_t c = 0; c < t->ncol; c++)
        if (strcasecmp(t->header[c], name) == 0)
            return (int)c;
    return -1;
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
    return t->cells[row * t->ncol + (size_t)col];
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
