/* html.c — the report as a small document model written as one HTML page.
 *
 * A report is a title, an optional notice, an optional "answers" box and a
 * list of sections; a section holds blocks (paragraphs, sub-headings,
 * key–value rows, data tables, figures, HTML fragments the report's own
 * figure code wrote).  The page is self-contained: CSS
 * inline, figures by relative path, no script beyond two attribute handlers
 * on each image that record whether it loaded (data-loaded / data-broken),
 * which the browser check reads from the rendered DOM.  Every string from
 * the caller is HTML-escaped.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "reemud/report.h"

typedef enum block_kind {
    BLOCK_PARAGRAPH,
    BLOCK_SUBHEADING,
    BLOCK_KV,
    BLOCK_TABLE,
    BLOCK_FIGURE,
    BLOCK_HTML
} block_kind;

typedef struct block {
    block_kind kind;
    char *text;       /* paragraph, sub-heading, kv name, figure path, HTML fragment */
    char *value;      /* kv value, figure caption, table caption */
    char *unit;       /* kv unit */
    size_t ncols, nrows;
    char **cells;     /* table: header then rows, (nrows + 1) * ncols */
} block;

typedef struct section {
    char *heading;    /* NULL: untitled */
    int answers;
    block *blocks;
    size_t n, cap;
} section;

struct rm_report {
    char *title;
    char *notice;
    section *sections;
    size_t n, cap;
    int has_current;
};

/* A malloc'd copy of s ("" for NULL), or NULL when out of memory. */
static char *dup_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

rm_report *rm_report_alloc(const char *title)
{
    rm_report *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->title = dup_or_empty(title);
    if (!r->title) {
        free(r);
        return NULL;
    }
    return r;
}

/* Frees the strings and cells a block owns (not the block itself). */
static void block_free(block *b)
{
    free(b->text);
    free(b->value);
    free(b->unit);
    if (b->cells)
        for (size_t i = 0; i < (b->nrows + 1) * b->ncols; i++)
            free(b->cells[i]);
    free(b->cells);
}

void rm_report_free(rm_report *r)
{
    if (!r)
        return;
    for (size_t s = 0; s < r->n; s++) {
        for (size_t b = 0; b < r->sections[s].n; b++)
            block_free(&r->sections[s].blocks[b]);
        free(r->sections[s].blocks);
        free(r->sections[s].heading);
    }
    free(r->sections);
    free(r->title);
    free(r->notice);
    free(r);
}

/* RM_ENOMEM "report: out of memory". */
static rm_status oom(rm_error *err)
{
    return rm_error_set(err, RM_ENOMEM, "report: out of memory");
}

rm_status rm_report_set_notice(rm_report *r, const char *text, rm_error *err)
{
    if (!r)
        return rm_error_set(err, RM_EINVAL, "report: no report");
    char *copy = dup_or_empty(text);
    if (!copy)
        return oom(err);
    free(r->notice);
    r->notice = copy;
    return RM_OK;
}

/* Appends a section (heading copied; NULL for an untitled one; answers marks the answers
 * box) and makes it the current one. RM_ENOMEM when out of memory. */
static rm_status push_section(rm_report *r, const char *heading, int answers, rm_error *err)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 8;
        section *s = realloc(r->sections, cap * sizeof *s);
        if (!s)
            return oom(err);
        r->sections = s;
        r->cap = cap;
    }
    section *s = &r->sections[r->n];
    memset(s, 0, sizeof *s);
    s->answers = answers;
    if (heading && !(s->heading = strdup(heading)))
        return oom(err);
    r->n++;
    r->has_current = 1;
    return RM_OK;
}

rm_status rm_report_add_answers(rm_report *r, const char *heading, rm_error *err)
{
    if (!r)
        return rm_error_set(err, RM_EINVAL, "report: no report");
    for (size_t s = 0; s < r->n; s++)
        if (r->sections[s].answers)
            return rm_error_set(err, RM_EINVAL, "report: the answers box already exists");
    return push_section(r, heading ? heading : "Answers", 1, err);
}

rm_status rm_report_add_section(rm_report *r, const char *heading, rm_error *err)
{
    if (!r || !heading || !*heading)
        return rm_error_set(err, RM_EINVAL, "report: a section needs a heading");
    return push_section(r, heading, 0, err);
}

/* A new empty block at the end of the current section (an untitled one is
 * made if content arrives before any section). */
static block *push_block(rm_report *r, block_kind kind, rm_error *err)
{
    if (!r) {
        rm_error_set(err, RM_EINVAL, "report: no report");
        return NULL;
    }
    if (!r->has_current && push_section(r, NULL, 0, err))
        return NULL;
    section *s = &r->sections[r->n - 1];
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 8;
        block *b = realloc(s->blocks, cap * sizeof *b);
        if (!b) {
            oom(err);
            return NULL;
        }
        s->blocks = b;
        s->cap = cap;
    }
    block *b = &s->blocks[s->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

/* Drop the last block after a failed fill. */
static rm_status pop_block(rm_report *r, rm_error *err)
{
    section *s = &r->sections[r->n - 1];
    block_free(&s->blocks[--s->n]);
    return oom(err);
}

/* Appends a block of kind holding a copy of text to the current section; RM_EINVAL for
 * NULL text, RM_ENOMEM when out of memory (nothing is added). */
static rm_status add_text_block(rm_report *r, block_kind kind, const char *text,
                                rm_error *err)
{
    if (!text)
        return rm_error_set(err, RM_EINVAL, "report: no text");
    block *b = push_block(r, kind, err);
    if (!b)
        return err ? err->status : RM_ENOMEM;
    if (!(b->text = strdup(text)))
        return pop_block(r, err);
    return RM_OK;
}

rm_status rm_report_add_subheading(rm_report *r, const char *heading, rm_error *err)
{
    return add_text_block(r, BLOCK_SUBHEADING, heading, err);
}

rm_status rm_report_add_paragraph(rm_report *r, const char *text, rm_error *err)
{
    return add_text_block(r, BLOCK_PARAGRAPH, text, err);
}

rm_status rm_report_add_kv(rm_report *r, const char *name, const char *value,
                           const char *unit, rm_error *err)
{
    if (!name || !value)
        return rm_error_set(err, RM_EINVAL, "report: a key-value row needs a name and a value");
    block *b = push_block(r, BLOCK_KV, err);
    if (!b)
        return err ? err->status : RM_ENOMEM;
    b->text = strdup(name);
    b->value = strdup(value);
    b->unit = dup_or_empty(unit);
    if (!b->text || !b->value || !b->unit)
        return pop_block(r, err);
    return RM_OK;
}

/* Format value with decimals digits and thousands separators. */
static void format_number(double value, int decimals, char *out, size_t size)
{
    if (!isfinite(value)) {
        snprintf(out, size, "n/a");
        return;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 12)
        decimals = 12;
    char plain[64];
    snprintf(plain, sizeof plain, "%.*f", decimals, value);
    const char *digits = plain[0] == '-' ? plain + 1 : plain;
    size_t int_len = strcspn(digits, ".");
    size_t o = 0;
    if (plain[0] == '-' && o + 1 < size)
        out[o++] = '-';
    for (size_t i = 0; digits[i] && o + 2 < size; i++) {
        if (i > 0 && i < int_len && (int_len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

rm_status rm_report_add_kv_num(rm_report *r, const char *name, double value, int decimals,
                               const char *unit, rm_error *err)
{
    char text[96];
    format_number(value, decimals, text, sizeof text);
    return rm_report_add_kv(r, name, text, unit, err);
}

rm_status rm_report_add_table(rm_report *r, const char *caption, size_t ncols,
                              const char *const *header, size_t nrows,
                              const char *const *cells, rm_error *err)
{
    if (ncols == 0 || !header || (nrows > 0 && !cells))
        return rm_error_set(err, RM_EINVAL, "report: a table needs columns and a header");
    if (nrows > ((size_t)1 << 24) / ncols)
        return rm_error_set(err, RM_EINVAL, "report: table of %zu rows is too large", nrows);
    block *b = push_block(r, BLOCK_TABLE, err);
    if (!b)
        return err ? err->status : RM_ENOMEM;
    b->ncols = ncols;
    b->nrows = nrows;
    b->cells = calloc((nrows + 1) * ncols, sizeof *b->cells);
    if (!b->cells || (caption && !(b->value = strdup(caption))))
        return pop_block(r, err);
    for (size_t c = 0; c < ncols; c++)
        if (!(b->cells[c] = dup_or_empty(header[c])))
            return pop_block(r, err);
    for (size_t i = 0; i < nrows * ncols; i++)
        if (!(b->cells[ncols + i] = dup_or_empty(cells[i])))
            return pop_block(r, err);
    return RM_OK;
}

rm_status rm_report_add_figure(rm_report *r, const char *rel_path, const char *caption,
                               rm_error *err)
{
    if (!rel_path || !*rel_path)
        return rm_error_set(err, RM_EINVAL, "report: a figure needs a path");
    if (rel_path[0] == '/' || strstr(rel_path, "://"))
        return rm_error_set(err, RM_EINVAL,
                            "report: figure '%s' must be a path relative to the report",
                            rel_path);
    block *b = push_block(r, BLOCK_FIGURE, err);
    if (!b)
        return err ? err->status : RM_ENOMEM;
    b->text = strdup(rel_path);
    b->value = dup_or_empty(caption);
    if (!b->text || !b->value)
        return pop_block(r, err);
    return RM_OK;
}

rm_status rm_report_add_html_file(rm_report *r, const char *path, rm_error *err)
{
    if (!path || !*path)
        return rm_error_set(err, RM_EINVAL, "report: an HTML fragment needs a path");
    char *buf;
    rm_error read_err;
    rm_status st = rm_read_text(path, SIZE_MAX, &buf, NULL, &read_err);
    if (st)
        return rm_error_set(err, st, "report: %s", read_err.message);
    block *b = push_block(r, BLOCK_HTML, err);
    if (!b) {
        free(buf);
        return err ? err->status : RM_ENOMEM;
    }
    b->text = buf;
    return RM_OK;
}

/* ---- writing ---- */

size_t rm_report_html_escape(const char *text, char *out, size_t size)
{
    size_t need = 0, written = 0;
    int full = 0;
    for (const char *p = text ? text : ""; *p; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: break;
        }
        size_t len = rep ? strlen(rep) : 1;
        /* Never write part of an entity: stop at the first piece that does
         * not fit. */
        if (out && !full && written + len < size) {
            memcpy(out + written, rep ? rep : p, len);
            written += len;
        } else {
            full = 1;
        }
        need += len;
    }
    if (out && size > 0)
        out[written] = '\0';
    return need;
}

/* Writes text (NULL as "") to fp with & < > " ' escaped as HTML entities. */
static void put_escaped(FILE *fp, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&#39;", fp); break;
        default: fputc(*p, fp);
        }
    }
}

/* Does a cell read as a number (digits with sign — ASCII or the U+2212
 * minus the report prints —, point, separators, exponent, an optional
 * trailing %)?  Such cells are right-aligned. */
static int looks_numeric(const char *s)
{
    int digits = 0;
    if (*s == '-' || *s == '+')
        s++;
    else if (strncmp(s, "\xe2\x88\x92", 3) == 0) /* U+2212 MINUS SIGN in UTF-8 */
        s += 3;
    if (!*s)
        return 0;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digits++;
        else if (!strchr(".,eE+-% ", *s))
            return 0;
    }
    return digits > 0;
}

/* 1 when s is 64 lower-case hex digits (a SHA-256 digest), shown in a code style. */
static int is_sha256(const char *s)
{
    size_t n = strlen(s);
    return n == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* Writes one table cell <tag>text</tag>, escaped: right-aligned when it looks numeric,
 * in a hash style when it is a SHA-256 digest. */
static void put_cell(FILE *fp, const char *tag, const char *text)
{
    if (looks_numeric(text))
        fprintf(fp, "<%s class=\"num\">", tag);
    else
        fprintf(fp, "<%s>", tag);
    if (is_sha256(text)) {
        fputs("<code class=\"hash\">", fp);
        put_escaped(fp, text);
        fputs("</code>", fp);
    } else {
        put_escaped(fp, text);
    }
    fprintf(fp, "</%s>", tag);
}

static const char report_css[] =
    "*{box-sizing:border-box}"
    "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI','DejaVu Sans',sans-serif;"
    "color:#222;background:#f6f7f9;line-height:1.5;font-size:16px}"
    "main{max-width:1080px;margin:0 auto;padding:24px 28px 48px;background:#fff;"
    "min-height:100vh}"
    "h1{font-size:1.9em;margin:0.2em 0 0.3em}"
    "h2{font-size:1.4em;margin:1.8em 0 0.5em;padding-bottom:0.2em;border-bottom:2px solid #e3e6ea}"
    "h3{font-size:1.12em;margin:1.3em 0 0.4em}"
    ".notice{background:#fff4d6;border:1px solid #f0c36d;border-radius:6px;"
    "padding:8px 14px;margin:0 0 16px}"
    ".answers{background:#eef5fb;border:1px solid #b9d3ea;border-left:6px solid #0072b2;"
    "border-radius:6px;padding:6px 20px 12px;margin:12px 0 24px}"
    ".answers h2{border:none;margin-top:0.5em}"
    "nav.toc{font-size:0.95em;margin:0 0 12px}"
    "nav.toc ol{margin:0.3em 0;padding-left:1.4em;columns:2}"
    "table{border-collapse:collapse;margin:0.6em 0 1em;font-size:0.95em}"
    "th,td{padding:4px 10px;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:top}"
    "th{background:#f1f3f5;font-weight:600}"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}"
    "table.kv td.value{text-align:right;font-variant-numeric:tabular-nums;font-weight:600}"
    "table.kv td.unit{color:#555}"
    "caption{caption-side:top;text-align:left;font-weight:600;padding:4px 0}"
    ".scroll{overflow-x:auto}"
    "tbody tr:nth-child(even) td{background:#fafbfc}"
    "code.hash{font-size:0.85em;word-break:break-all}"
    "figure{margin:1.2em 0}"
    "figure img{max-width:100%;height:auto;display:block;border:1px solid #e3e6ea}"
    "figure img[data-broken]{outline:4px solid #d55e00;min-height:60px}"
    "figcaption{font-size:0.92em;color:#444;margin-top:0.4em}"
    "footer{margin-top:3em;font-size:0.85em;color:#666}"
    "@media (max-width:700px){main{padding:12px}nav.toc ol{columns:1}}"
    "@media print{body{background:#fff}main{max-width:none}}";

/* Does dir/rel name a regular file? */
static int file_exists(const char *dir, const char *rel)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Writes the run of key–value blocks of s from *b on as one table, leaving *b at the
 * first block after the run. */
static void write_kv_rows(FILE *fp, const section *s, size_t *b)
{
    fputs("<table class=\"kv\"><tbody>\n", fp);
    while (*b < s->n && s->blocks[*b].kind == BLOCK_KV) {
        const block *k = &s->blocks[*b];
        fputs("<tr><td class=\"name\">", fp);
        put_escaped(fp, k->text);
        fputs("</td><td class=\"value\">", fp);
        put_escaped(fp, k->value);
        fputs("</td><td class=\"unit\">", fp);
        put_escaped(fp, k->unit);
        fputs("</td></tr>\n", fp);
        (*b)++;
    }
    fputs("</tbody></table>\n", fp);
}

/* Writes a data table block: caption, header row, then the rows (cells escaped). */
static void write_table(FILE *fp, const block *t)
{
    fputs("<div class=\"scroll\"><table class=\"data\">", fp);
    if (t->value) {
        fputs("<caption>", fp);
        put_escaped(fp, t->value);
        fputs("</caption>", fp);
    }
    fputs("\n<thead><tr>", fp);
    for (size_t c = 0; c < t->ncols; c++) {
        fputs("<th>", fp);
        put_escaped(fp, t->cells[c]);
        fputs("</th>", fp);
    }
    fputs("</tr></thead>\n<tbody>\n", fp);
    for (size_t r = 0; r < t->nrows; r++) {
        fputs("<tr>", fp);
        for (size_t c = 0; c < t->ncols; c++)
            put_cell(fp, "td", t->cells[(r + 1) * t->ncols + c]);
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table></div>\n", fp);
}

/* Writes a figure block: the image (path relative to the page) with load/error markers,
 * the caption, and a link to the .svg beside a .png when dir holds one. */
static void write_figure(FILE *fp, const block *f, const char *dir)
{
    fputs("<figure><img src=\"", fp);
    put_escaped(fp, f->text);
    fputs("\" alt=\"", fp);
    put_escaped(fp, f->value);
    fputs("\" onload=\"this.setAttribute('data-loaded','1')\""
          " onerror=\"this.setAttribute('data-broken','1')\">\n<figcaption>",
          fp);
    put_escaped(fp, f->value);
    /* Offer the vector version when it sits beside the PNG. */
    size_t len = strlen(f->text);
    if (len > 4 && strcmp(f->text + len - 4, ".png") == 0) {
        char svg[4096];
        snprintf(svg, sizeof svg, "%.*s.svg", (int)(len - 4), f->text);
        if (file_exists(dir, svg)) {
            fputs(" <a href=\"", fp);
            put_escaped(fp, svg);
            fputs("\">[SVG]</a>", fp);
        }
    }
    fputs("</figcaption></figure>\n", fp);
}

/* Writes section s as <section> (id "answers" for the answers box, else "s<index>") with
 * its heading and blocks; dir is the page's directory, for figures. */
static void write_section(FILE *fp, const section *s, size_t index, const char *dir)
{
    if (s->answers)
        fputs("<section class=\"answers\" id=\"answers\">\n", fp);
    else
        fprintf(fp, "<section id=\"s%zu\">\n", index);
    if (s->heading) {
        fputs("<h2>", fp);
        put_escaped(fp, s->heading);
        fputs("</h2>\n", fp);
    }
    size_t b = 0;
    while (b < s->n) {
        const block *k = &s->blocks[b];
        switch (k->kind) {
        case BLOCK_KV:
            write_kv_rows(fp, s, &b);
            continue;
        case BLOCK_PARAGRAPH:
            fputs("<p>", fp);
            put_escaped(fp, k->text);
            fputs("</p>\n", fp);
            break;
        case BLOCK_SUBHEADING:
            fputs("<h3>", fp);
            put_escaped(fp, k->text);
            fputs("</h3>\n", fp);
            break;
        case BLOCK_TABLE:
            write_table(fp, k);
            break;
        case BLOCK_FIGURE:
            write_figure(fp, k, dir);
            break;
        case BLOCK_HTML:
            fputs("<div class=\"scroll\">", fp);
            fputs(k->text, fp);
            fputs("</div>\n", fp);
            break;
        }
        b++;
    }
    fputs("</section>\n", fp);
}

rm_status rm_report_write_html(const rm_report *r, const char *path, rm_error *err)
{
    if (!r || !path || !*path)
        return rm_error_set(err, RM_EINVAL, "report: no report or no path");
    char dir[4096];
    const char *slash = strrchr(path, '/');
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path) > 0 ? (int)(slash - path) : 1,
                 path);
    else
        snprintf(dir, sizeof dir, ".");
    for (size_t s = 0; s < r->n; s++)
        for (size_t b = 0; b < r->sections[s].n; b++) {
            const block *k = &r->sections[s].blocks[b];
            if (k->kind == BLOCK_FIGURE && !file_exists(dir, k->text))
                return rm_error_set(err, RM_EIO, "report: figure %s/%s does not exist", dir,
                                    k->text);
        }

    rm_afile af;
    rm_status st = rm_afile_open(&af, path, err);
    if (st)
        return st;
    FILE *fp = af.fp;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>",
          fp);
    put_escaped(fp, r->title);
    fprintf(fp, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<h1>", report_css);
    put_escaped(fp, r->title);
    fputs("</h1>\n", fp);
    if (r->notice && *r->notice) {
        fputs("<p class=\"notice\">", fp);
        put_escaped(fp, r->notice);
        fputs("</p>\n", fp);
    }
    /* The answers first, whatever the order they were added in. */
    for (size_t s = 0; s < r->n; s++)
        if (r->sections[s].answers)
            write_section(fp, &r->sections[s], s, dir);
    size_t titled = 0;
    for (size_t s = 0; s < r->n; s++)
        titled += !r->sections[s].answers && r->sections[s].heading;
    if (titled > 1) {
        fputs("<nav class=\"toc\"><strong>Contents</strong><ol>\n", fp);
        for (size_t s = 0; s < r->n; s++) {
            if (r->sections[s].answers || !r->sections[s].heading)
                continue;
            fprintf(fp, "<li><a href=\"#s%zu\">", s);
            put_escaped(fp, r->sections[s].heading);
            fputs("</a></li>\n", fp);
        }
        fputs("</ol></nav>\n", fp);
    }
    for (size_t s = 0; s < r->n; s++)
        if (!r->sections[s].answers)
            write_section(fp, &r->sections[s], s, dir);
    fprintf(fp, "<footer>Written by reemud %s.</footer>\n</main>\n</body>\n</html>\n",
            rm_version());
    st = rm_afile_commit(&af, err);
    if (st) {
        rm_afile_abort(&af);
        return st;
    }
    chmod(path, 0644); /* the temporary file was private; the page is for reading */
    return RM_OK;
}
