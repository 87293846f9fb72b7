/* csvtable.h — internal: a strict CSV table reader on top of libcsv that
 * knows which line of the file each record starts on.
 *
 * One of the project's two CSV readers (docs/layout.md); no third.  Use this
 * one for input files whose every problem must be reported together with
 * file, line and column (the drillhole files, DESIGN.md "Input files"): it
 * streams records to callbacks and adds problems to an rm_problems list
 * instead of stopping.  For "any CSV with a few numeric columns" read whole
 * (krige, vario, the chain's tables), use rm_table (table.h,
 * src/io/table_csv.c), which stops at the first error.
 *
 * libcsv reports fields and record ends but not positions, so the input is
 * fed to it one physical line at a time and the line counter is current
 * whenever a callback fires.  A UTF-8 byte-order mark is skipped; CRLF line
 * ends are accepted (libcsv treats CR and LF as terminators and ignores the
 * empty record between them); blank lines are skipped.
 *
 * The first record is the header.  The owner supplies three callbacks: the
 * header (all names known), one per data field, and one per data record.
 */
#ifndef REEMUD_DATA_CSVTABLE_H
#define REEMUD_DATA_CSVTABLE_H

#include <stddef.h>

#include <csv.h>

#include "reemud/core.h"

typedef struct rm_csvtable rm_csvtable;

struct rm_csvtable {
    const char *file;          /* name used in messages */
    rm_problems *problems;
    void *user;

    /* Called once the header is complete; return non-zero to stop reading
     * (e.g. required columns are missing). */
    int (*on_header)(rm_csvtable *t);
    /* A data field: column index, NUL-terminated text, length. */
    void (*on_field)(rm_csvtable *t, size_t col, const char *text, size_t len);
    /* The end of a data record with n_fields fields. */
    void (*on_record)(rm_csvtable *t, size_t n_fields);

    /* State, read-only for the callbacks. */
    char **header;             /* column names, trimmed */
    size_t n_header;
    long line;                 /* physical line being parsed (1-based) */
    long record_line;          /* line the current record started on */
    size_t n_records;          /* data records seen */
    int stop;                  /* set to stop reading */

    /* Private. */
    struct csv_parser parser;
    size_t field;              /* fields so far in the current record */
    int in_header;
    size_t cap_header;
    int empty_first;           /* the record so far is one empty field */
    int nomem;
};

/* Parse buf[0..len) as one table.  Reports quoting errors, an empty file and
 * a header-only file to t->problems.  Returns RM_ENOMEM or RM_OK (input
 * problems are in the list, not in the status). */
rm_status rm_csvtable_parse(rm_csvtable *t, const char *buf, size_t len, rm_error *err);

/* Free the header names. */
void rm_csvtable_free(rm_csvtable *t);

/* Name of column col, or "column N" beyond the header. */
const char *rm_csvtable_column(const rm_csvtable *t, size_t col, char *buf, size_t size);

/* Parse a number cell.  Returns 0 with *out set, or one of the codes below.
 * Fast for plain decimals (exact: mantissa < 2^53, <= 22 decimals, after
 * Clinger 1990), strtod otherwise. */
enum {
    RM_NUM_OK = 0,
    RM_NUM_EMPTY = 1,     /* empty or blank cell */
    RM_NUM_INVALID = 2,   /* not a number */
    RM_NUM_NONFINITE = 3, /* nan, inf */
    RM_NUM_RANGE = 4      /* overflows a double */
};
int rm_parse_number(const char *text, size_t len, double *out);

/* ---- The same table from an OGR source (ogrtable.c) ---- */

/* 1 if path names a table for OGR rather than a CSV file: "FILE:NAME" (a
 * sheet of a workbook, a layer of a GeoPackage) with FILE existing, or a
 * file (not .csv/.txt/.tsv) that a vector driver other than CSV reads. */
int rm_ogrtable_is_source(const char *path);

/* Read the sheet or layer that source names ("FILE:NAME", or "FILE" for
 * the first layer) through the callbacks of t, as rm_csvtable_parse does
 * with a buffer; t->line is the row (a workbook's row number with the
 * header as row 1, or the feature id).  A missing file is an RM_EIO error;
 * a missing sheet, an empty layer and the callbacks' findings are problems
 * in t->problems. */
rm_status rm_ogrtable_parse(rm_csvtable *t, const char *source, rm_error *err);

/* Map a whole file into memory (read-only).  An empty file gives len 0 and
 * *buf NULL.  rm_unmap_file releases it. */
rm_status rm_map_file(const char *path, const char **buf, size_t *len, rm_error *err);
void rm_unmap_file(const char *buf, size_t len);

#endif
