/* table_csv.c — read a CSV file into an rm_table with libcsv.
 *
 * One of the project's two CSV readers (docs/layout.md); no third.  Use this
 * one for a whole table of named, mostly numeric columns that a command or
 * a stage looks up by name (krige, vario, the chain's data tables): it
 * stops at the first error with "FILE:LINE: ...".  Input files whose every
 * problem must be listed together (the drillhole files) are read with
 * rm_csvtable (src/data/csvtable.h), which streams records and collects
 * problems.  Both exist because of those two error contracts.
 *
 * libcsv reports fields and record ends but not positions, so the file is
 * fed to it one physical line at a time: the line counter is current when a
 * callback fires and each row remembers the line it started on.  Cell text
 * goes into one growing arena; numbers are parsed once, after reading.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "reemud/table.h"

typedef struct reader {
    rm_table *t;
    long line;             /* physical line being fed */
    long record_line;      /* line the current record started on (0: none yet) */
    size_t fields;         /* fields in the current record */
    int in_header;
    size_t n_header, cap_header;
    char **header;
    char *arena;
    size_t arena_len, arena_cap;
    size_t *cell;
    size_t n_cell, cap_cell;
    long *line_of_row;
    size_t n_rows, cap_rows;
    int nomem;
    int bad;               /* a structural error was found */
    char message[512];
} reader;

/* Ensures *p holds at least need elements of elem bytes, doubling *cap from 64; 0 on
 * success, -1 (and *p untouched) when out of memory. */
static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t cap2 = *cap ? *cap : 64;
    while (cap2 < need)
        cap2 *= 2;
    void *q = realloc(*p, cap2 * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = cap2;
    return 0;
}

/* Copy a field trimmed of surrounding blanks into a new string. */
static char *trimmed_dup(const char *s, size_t len)
{
    while (len && isspace((unsigned char)*s)) {
        s++;
        len--;
    }
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    char *d = malloc(len + 1);
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

/* libcsv field callback: while in the header, keeps a trimmed copy of the column name;
 * after it, appends the field's text to the arena (fields past the header's count are
 * only counted). Sets r->nomem when out of memory. */
static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->nomem || r->bad)
        return;
    if (r->fields == 0)
        r->record_line = r->line;
    r->fields++;
    const char *text = s ? s : "";
    if (r->in_header) {
        if (grow((void **)&r->header, &r->cap_header, r->n_header + 1, sizeof *r->header) ||
            !(r->header[r->n_header] = trimmed_dup(text, len))) {
            r->nomem = 1;
            return;
        }
        r->n_header++;
        return;
    }
    if (r->fields > r->n_header)
        return; /* counted; reported at the record end */
    if (grow((void **)&r->cell, &r->cap_cell, r->n_cell + 1, sizeof *r->cell) ||
        grow((void **)&r->arena, &r->arena_cap, r->arena_len + len + 1, 1)) {
        r->nomem = 1;
        return;
    }
    r->cell[r->n_cell++] = r->arena_len;
    memcpy(r->arena + r->arena_len, text, len);
    r->arena_len += len;
    r->arena[r->arena_len++] = '\0';
}

/* libcsv end-of-record callback: ends the header, drops a blank line, stops with a
 * message (r->bad) when the field count differs from the header's, else records the
 * row's line. */
static void on_record(int c, void *data)
{
    reader *r = data;
    (void)c;
    if (r->nomem || r->bad)
        return;
    if (r->in_header) {
        r->in_header = 0;
        r->fields = 0;
        return;
    }
    /* A lone empty field is a blank line (libcsv reports "   \n" so). */
    if (r->fields == 1 && r->n_header > 1 && r->arena[r->cell[r->n_cell - 1]] == '\0') {
        r->n_cell--;
        r->arena_len = r->cell[r->n_cell];
        r->fields = 0;
        return;
    }
    if (r->fields != r->n_header) {
        snprintf(r->message, sizeof r->message, "%s:%ld: %zu fields, the header has %zu",
                 r->t->file, r->record_line, r->fields, r->n_header);
        r->bad = 1;
        return;
    }
    if (grow((void **)&r->line_of_row, &r->cap_rows, r->n_rows + 1, sizeof *r->line_of_row)) {
        r->nomem = 1;
        return;
    }
    r->line_of_row[r->n_rows++] = r->record_line;
    r->fields = 0;
}

void rm_table_free(rm_table *t)
{
    if (!t)
        return;
    for (size_t c = 0; c < t->n_cols; c++) {
        free(t->names ? t->names[c] : NULL);
        free(t->num ? t->num[c] : NULL);
    }
    free(t->names);
    free(t->num);
    free(t->line);
    free(t->arena);
    free(t->cell);
    free(t->file);
    free(t);
}

/* Parse a cell as a finite number: 0 ok, 1 empty or NA, 2 not a number. */
static int cell_number(const char *s, double *out)
{
    while (isspace((unsigned char)*s))
        s++;
    if (*s == '\0' || strcmp(s, "NA") == 0) {
        *out = NAN;
        return 1;
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    while (isspace((unsigned char)*end))
        end++;
    if (end == s || *end != '\0' || errno == ERANGE || !isfinite(v)) {
        *out = NAN;
        return 2;
    }
    *out = v;
    return 0;
}

rm_status rm_table_read_csv(const char *path, rm_table **out, rm_error *err)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return rm_error_set(err, RM_EIO, "%s: cannot open: %s", path, strerror(errno));
    rm_table *t = calloc(1, sizeof *t);
    reader r;
    memset(&r, 0, sizeof r);
    struct csv_parser parser;
    rm_status st = RM_OK;
    if (!t || !(t->file = strdup(path)) || csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        fclose(fp);
        rm_table_free(t);
        return rm_error_set(err, RM_ENOMEM, "%s: out of memory", path);
    }
    r.t = t;
    r.in_header = 1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while (!r.nomem && !r.bad && (len = getline(&line, &cap, fp)) > 0) {
        r.line++;
        const char *p = line;
        if (r.line == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
            p += 3;
            len -= 3;
        }
        if (csv_parse(&parser, p, (size_t)len, on_field, on_record, &r) != (size_t)len) {
            snprintf(r.message, sizeof r.message, "%s:%ld: %s", path, r.line,
                     csv_strerror(csv_error(&parser)));
            r.bad = 1;
        }
    }
    int read_error = ferror(fp);
    free(line);
    fclose(fp);
    if (!r.nomem && !r.bad && csv_fini(&parser, on_field, on_record, &r) != 0) {
        snprintf(r.message, sizeof r.message, "%s:%ld: %s", path, r.line,
                 csv_strerror(csv_error(&parser)));
        r.bad = 1;
    }
    csv_free(&parser);

    if (r.nomem)
        st = rm_error_set(err, RM_ENOMEM, "%s: out of memory", path);
    else if (read_error)
        st = rm_error_set(err, RM_EIO, "%s: read error", path);
    else if (r.bad)
        st = rm_error_set(err, RM_EDATA, "%s", r.message);
    else if (r.n_header == 0)
        st = rm_error_set(err, RM_EDATA, "%s: empty file (a header line is expected)", path);
    /* Move the reader's arrays into the table (freed with it on failure). */
    t->n_cols = r.n_header;
    t->names = r.header;
    t->n_rows = r.n_rows;
    t->line = r.line_of_row;
    t->arena = r.arena;
    t->cell = r.cell;
    if (st == RM_OK) {
        for (size_t c = 0; c < t->n_cols && st == RM_OK; c++) {
            if (t->names[c][0] == '\0')
                st = rm_error_input(err, path, 1, NULL, "column %zu has no name", c + 1);
            for (size_t d = 0; d < c && st == RM_OK; d++)
                if (strcasecmp(t->names[c], t->names[d]) == 0)
                    st = rm_error_input(err, path, 1, t->names[c],
                                        "duplicate column name (columns %zu and %zu)", d + 1,
                                        c + 1);
        }
    }
    if (st == RM_OK && !(t->num = calloc(t->n_cols ? t->n_cols : 1, sizeof *t->num)))
        st = rm_error_set(err, RM_ENOMEM, "%s: out of memory", path);
    for (size_t c = 0; st == RM_OK && c < t->n_cols; c++) {
        if (!(t->num[c] = malloc((t->n_rows ? t->n_rows : 1) * sizeof(double)))) {
            st = rm_error_set(err, RM_ENOMEM, "%s: out of memory", path);
            break;
        }
        for (size_t i = 0; i < t->n_rows; i++)
            cell_number(rm_table_text(t, i, c), &t->num[c][i]);
    }
    if (st != RM_OK) {
        rm_table_free(t);
        return st;
    }
    *out = t;
    return RM_OK;
}

long rm_table_find(const rm_table *t, const char *name)
{
    for (size_t c = 0; c < t->n_cols; c++)
        if (strcasecmp(t->names[c], name) == 0)
            return (long)c;
    return -1;
}

const char *rm_table_text(const rm_table *t, size_t row, size_t col)
{
    return t->arena + t->cell[row * t->n_cols + col];
}

/* "no column 'NAME' (columns: a, b, c)". */
static rm_status no_column(const rm_table *t, const char *name, rm_error *err)
{
    char list[512] = "";
    size_t used = 0;
    for (size_t c = 0; c < t->n_cols && used + 4 < sizeof list; c++) {
        int n = snprintf(list + used, sizeof list - used, "%s%s", c ? ", " : "", t->names[c]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    return rm_error_input(err, t->file, 1, NULL, "no column '%s' (columns: %s)", name, list);
}

rm_status rm_table_need(const rm_table *t, const char *name, long *col, rm_error *err)
{
    *col = rm_table_find(t, name);
    return *col < 0 ? no_column(t, name, err) : RM_OK;
}

rm_status rm_table_number(const rm_table *t, size_t row, long col, int allow_empty,
                          double *out, rm_error *err)
{
    const char *text = rm_table_text(t, row, (size_t)col);
    int code = cell_number(text, out);
    if (code == 1 && !allow_empty)
        return rm_error_input(err, t->file, t->line[row], t->names[col], "empty value");
    if (code == 2)
        return rm_error_input(err, t->file, t->line[row], t->names[col],
                              "'%s' is not a finite number", text);
    return RM_OK;
}

rm_status rm_table_numeric(const rm_table *t, const char *name, int allow_empty,
                           const double **values, rm_error *err)
{
    long c;
    rm_status st = rm_table_need(t, name, &c, err);
    for (size_t i = 0; i < t->n_rows && !st; i++) {
        double v;
        st = rm_table_number(t, i, c, allow_empty, &v, err);
    }
    if (!st)
        *values = t->num[c];
    return st;
}

/* Group-id hash table entry. */
typedef struct slot {
    const char *text;
    long id;
} slot;

/* FNV-1a hash of the terminated string s. */
static size_t hash_text(const char *s)
{
    size_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

rm_status rm_table_groups(const rm_table *t, const char *name, long *group,
                          size_t *n_groups, rm_error *err)
{
    long c = rm_table_find(t, name);
    if (c < 0)
        return no_column(t, name, err);
    size_t cap = 16;
    while (cap < 2 * t->n_rows)
        cap *= 2;
    slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    long next = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        const char *text = rm_table_text(t, i, (size_t)c);
        if (text[0] == '\0') {
            free(slots);
            return rm_error_input(err, t->file, t->line[i], t->names[c], "empty value");
        }
        size_t k = hash_text(text) & (cap - 1);
        while (slots[k].text && strcmp(slots[k].text, text) != 0)
            k = (k + 1) & (cap - 1);
        if (!slots[k].text) {
            slots[k].text = text;
            slots[k].id = next++;
        }
        group[i] = slots[k].id;
    }
    free(slots);
    if (n_groups)
        *n_groups = (size_t)next;
    return RM_OK;
}
