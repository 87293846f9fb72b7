/* csvtable.c — a strict CSV table reader on libcsv that tracks lines.
 *
 * libcsv (strict mode: CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
 * does the quoting; we feed it one physical line at a time so that the
 * line number is exact in every callback.  Before each line we look at the
 * parser's state: ROW_NOT_BEGUN (0) means a new record starts on this line,
 * otherwise a quoted field is continuing from an earlier one.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/csvtable.h"

/* libcsv's parser state for "no record in progress" (libcsv.c ROW_NOT_BEGUN). */
#define CSV_ROW_NOT_BEGUN 0

/* Shrinks the field (*s, *len) past leading and trailing spaces and tabs. */
static void trim(const char **s, size_t *len)
{
    while (*len && ((*s)[0] == ' ' || (*s)[0] == '\t')) {
        (*s)++;
        (*len)--;
    }
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

/* libcsv field callback: while in the header, keeps a trimmed copy of the column name;
 * after it, hands the raw field to t->on_field. Sets t->nomem and t->stop when out of
 * memory. */
static void cb_field(void *s, size_t len, void *data)
{
    rm_csvtable *t = data;
    if (t->stop)
        return;
    const char *text = s ? s : "";
    if (t->in_header) {
        const char *name = text;
        size_t n = len;
        trim(&name, &n);
        if (t->n_header == t->cap_header) {
            size_t cap = t->cap_header ? 2 * t->cap_header : 16;
            char **h = realloc(t->header, cap * sizeof *h);
            if (!h) {
                t->nomem = t->stop = 1;
                return;
            }
            t->header = h;
            t->cap_header = cap;
        }
        char *copy = malloc(n + 1);
        if (!copy) {
            t->nomem = t->stop = 1;
            return;
        }
        memcpy(copy, name, n);
        copy[n] = '\0';
        t->header[t->n_header++] = copy;
    } else {
        if (t->field == 0) {
            const char *v = text;
            size_t n = len;
            trim(&v, &n);
            t->empty_first = (n == 0);
        } else {
            t->empty_first = 0;
        }
        t->on_field(t, t->field, text, len);
    }
    t->field++;
}

/* libcsv end-of-record callback: ends the header (t->on_header may stop the parse), or
 * passes a data record to t->on_record; records with one blank field are skipped. */
static void cb_record(int c, void *data)
{
    rm_csvtable *t = data;
    (void)c;
    if (t->stop || t->field == 0)
        return;
    if (t->in_header) {
        t->in_header = 0;
        if (t->on_header(t))
            t->stop = 1;
    } else if (!(t->field == 1 && t->empty_first)) {
        /* A line of blanks is skipped like an empty line. */
        t->n_records++;
        t->on_record(t, t->field);
    }
    t->field = 0;
}

/* A CSV must be text (ASCII or UTF-8).  UTF-16 (a byte-order mark, or
 * every other byte NUL) and binary data (NUL or other control bytes) are one
 * problem naming the encoding and where it shows, instead of a cascade of
 * missing columns and unknown holes; t->stop is set.  Returns 1 when the
 * text is fine. */
static int text_encoding_ok(rm_csvtable *t, const char *buf, size_t len)
{
    const unsigned char *u = (const unsigned char *)buf;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        rm_problems_add(t->problems, t->file, 1, NULL,
                        "the file is UTF-16 text (byte-order mark %02X %02X); save it as "
                        "UTF-8 or ASCII CSV",
                        u[0], u[1]);
        t->stop = 1;
        return 0;
    }
    long line = 1;
    size_t nul_odd = 0, nul_even = 0, n = len < 4096 ? len : 4096;
    for (size_t i = 0; i < n; i++)
        if (u[i] == 0) {
            if (i % 2)
                nul_odd++;
            else
                nul_even++;
        }
    if (n >= 8 && (nul_odd > n / 4 || nul_even > n / 4)) {
        rm_problems_add(t->problems, t->file, 1, NULL,
                        "the file looks like UTF-16 text (every other byte is NUL); save it "
                        "as UTF-8 or ASCII CSV");
        t->stop = 1;
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        if (u[i] == '\n')
            line++;
        else if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\r' && u[i] != '\f' &&
                 u[i] != '\v') {
            rm_problems_add(t->problems, t->file, line, NULL,
                            "byte %zu is the control character 0x%02X (%s): not a text CSV "
                            "(binary data, or a spreadsheet saved in another format?)",
                            i + 1, u[i], u[i] == 0 ? "NUL" : "binary");
            t->stop = 1;
            return 0;
        }
    }
    return 1;
}

rm_status rm_csvtable_parse(rm_csvtable *t, const char *buf, size_t len, rm_error *err)
{
    if (csv_init(&t->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    t->line = 0;
    t->record_line = 1;
    t->n_records = 0;
    t->field = 0;
    t->in_header = 1;
    t->stop = 0;
    t->nomem = 0;

    size_t pos = 0;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        pos = 3; /* UTF-8 byte-order mark */
    if (!text_encoding_ok(t, buf, len)) {
        csv_free(&t->parser);
        return RM_OK; /* one problem names the encoding; nothing else is read */
    }
    while (pos < len && !t->stop) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - buf) + 1 : len;
        t->line++;
        if (t->parser.pstate == CSV_ROW_NOT_BEGUN)
            t->record_line = t->line;
        size_t n = csv_parse(&t->parser, buf + pos, end - pos, cb_field, cb_record, t);
        if (n != end - pos) {
            if (csv_error(&t->parser) == CSV_ENOMEM || csv_error(&t->parser) == CSV_ETOOBIG) {
                t->nomem = 1;
            } else {
                char col[64];
                rm_problems_add(t->problems, t->file, t->line,
                                rm_csvtable_column(t, t->field, col, sizeof col),
                                "malformed quoting: a '\"' inside an unquoted field or "
                                "after a closing quote (reading stopped here)");
            }
            t->stop = 1;
        }
        pos = end;
    }
    if (!t->stop && csv_fini(&t->parser, cb_field, cb_record, t) != 0) {
        if (csv_error(&t->parser) == CSV_ENOMEM) {
            t->nomem = 1;
        } else {
            char col[64];
            rm_problems_add(t->problems, t->file, t->record_line,
                            rm_csvtable_column(t, t->field, col, sizeof col),
                            "unterminated quoted field (the '\"' opened here is never "
                            "closed)");
            t->stop = 1;
        }
    }
    csv_free(&t->parser);
    if (t->nomem)
        return rm_error_set(err, RM_ENOMEM, "%s: out of memory", t->file);
    if (t->stop)
        return RM_OK;
    if (t->in_header && t->n_header == 0)
        rm_problems_add(t->problems, t->file, 1, NULL,
                        "file is empty (expected a header line and data rows)");
    else if (t->n_records == 0)
        rm_problems_add(t->problems, t->file, t->line > 0 ? t->line : 1, NULL,
                        "no data rows after the header");
    return RM_OK;
}

void rm_csvtable_free(rm_csvtable *t)
{
    for (size_t i = 0; i < t->n_header; i++)
        free(t->header[i]);
    free(t->header);
    t->header = NULL;
    t->n_header = t->cap_header = 0;
}

const char *rm_csvtable_column(const rm_csvtable *t, size_t col, char *buf, size_t size)
{
    if (col < t->n_header && !t->in_header && t->header[col][0])
        return t->header[col];
    snprintf(buf, size, "column %zu", col + 1);
    return buf;
}

int rm_parse_number(const char *s, size_t len, double *out)
{
    /* Exact powers of ten: 10^k is representable for k <= 22. */
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    trim(&s, &len);
    if (!len)
        return RM_NUM_EMPTY;

    /* Fast path: [+-]digits[.digits] with at most 15 significant digits and
     * at most 22 decimals.  m is then exact and m / 10^k is one correctly
     * rounded division (Clinger 1990, "How to read floating point numbers
     * accurately", PLDI: the exact fast path). */
    size_t i = 0;
    int neg = 0;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i = 1;
    }
    uint64_t m = 0;
    int sig = 0, frac = 0, dot = 0, ndig = 0;
    for (; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            ndig++;
            if (m || c != '0')
                sig++;
            m = m * 10 + (uint64_t)(c - '0');
            if (dot)
                frac++;
            if (sig > 15 || frac > 22)
                goto slow;
        } else if (c == '.' && !dot) {
            dot = 1;
        } else {
            goto slow;
        }
    }
    if (!ndig)
        return RM_NUM_INVALID;
    {
        double v = (double)m;
        if (frac)
            v /= pow10[frac];
        *out = neg ? -v : v;
        return RM_NUM_OK;
    }

slow:
    for (size_t j = 0; j < len; j++)
        if (s[j] == 'x' || s[j] == 'X' || s[j] == '\0')
            return RM_NUM_INVALID; /* no hexadecimal; no embedded NUL */
    char small[128];
    char *copy = len < sizeof small ? small : malloc(len + 1);
    if (!copy)
        return RM_NUM_INVALID;
    memcpy(copy, s, len);
    copy[len] = '\0';
    char *end;
    errno = 0;
    double v = strtod(copy, &end);
    int bad = end == copy || *end;
    int range = errno == ERANGE;
    if (copy != small)
        free(copy);
    if (bad)
        return RM_NUM_INVALID;
    if (isnan(v))
        return RM_NUM_NONFINITE;
    if (isinf(v))
        return range ? RM_NUM_RANGE : RM_NUM_NONFINITE;
    *out = v; /* an underflow to 0 or a subnormal is accepted */
    return RM_NUM_OK;
}

rm_status rm_map_file(const char *path, const char **buf, size_t *len, rm_error *err)
{
    *buf = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return rm_error_set(err, RM_EIO, "cannot read %s: %s", path, strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return rm_error_set(err, RM_EIO, "cannot read %s: not a regular file", path);
    }
    if (sb.st_size == 0) {
        close(fd);
        return RM_OK;
    }
    void *p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return rm_error_set(err, RM_EIO, "cannot read %s: %s", path, strerror(errno));
    madvise(p, (size_t)sb.st_size, MADV_SEQUENTIAL);
    *buf = p;
    *len = (size_t)sb.st_size;
    return RM_OK;
}

void rm_unmap_file(const char *buf, size_t len)
{
    if (buf && len)
        munmap((void *)buf, len);
}
