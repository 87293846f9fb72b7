/* ini.c — strict project-file reading on top of inih.
 *
 * inih does the lexing; this file keeps each entry with its line number
 * (counted by our own line reader, since Debian's inih is built without
 * INI_HANDLER_LINENO), marks entries as they are read, and turns every
 * misuse into a message naming file, line and key.
 */
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reemud/config.h"

const char *const rm_ini_known_sections[] = {
    "project", "data", "composite", "grid", "variogram", "estimate", "classification",
    "simulate", "lift", "mine", "processing", "supply", "economics", "report", "topcut", NULL};

typedef struct entry {
    char *section;
    char *key;
    char *value;
    long line;
    int used;
} entry;

struct rm_ini {
    char *path;
    char *dir;
    entry *entries;
    size_t n, cap;
    char **read_sections; /* sections a stage has asked about */
    size_t n_read, cap_read;
    long line;            /* current line while parsing */
    rm_problems problems; /* parse-time problems */
};

/* Line reader for ini_parse_stream: counts lines as inih consumes them. */
typedef struct line_source {
    rm_ini *ini;
    const char *text; /* in-memory source, or NULL */
    FILE *fp;
    char *line;       /* the whole current line, any length */
    size_t cap;
    char section[256]; /* the current [section], for lines inih cannot hold */
} line_source;

static int on_entry(void *user, const char *section, const char *key, const char *value);

/* The next whole line of src (newline kept) into src->line; its length, or -1 at end of
 * input or when out of memory (*oom set). */
static long next_line(line_source *src, int *oom)
{
    size_t n = 0;
    if (src->fp) {
        int c;
        while ((c = fgetc(src->fp)) != EOF) {
            if (n + 2 > src->cap) {
                size_t cap = src->cap ? 2 * src->cap : 256;
                char *p = realloc(src->line, cap);
                if (!p) {
                    *oom = 1;
                    return -1;
                }
                src->line = p, src->cap = cap;
            }
            src->line[n++] = (char)c;
            if (c == '\n')
                break;
        }
        if (n == 0)
            return -1;
    } else {
        if (!*src->text)
            return -1;
        while (src->text[n] && src->text[n] != '\n')
            n++;
        if (src->text[n] == '\n')
            n++;
        if (n + 1 > src->cap) {
            char *p = realloc(src->line, n + 1);
            if (!p) {
                *oom = 1;
                return -1;
            }
            src->line = p, src->cap = n + 1;
        }
        memcpy(src->line, src->text, n);
        src->text += n;
    }
    src->line[n] = '\0';
    return (long)n;
}

/* Text between *start and *end with surrounding white space removed (in place). */
static char *strip(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* A line longer than inih's buffer (INI_MAX_LINE, 200 bytes in Debian's build), read the
 * way inih reads lines: a comment (';' or '#' first) is skipped whatever its length; a
 * key = value (or key : value) line is stored whole, its value cut at an inline comment
 * (';' after white space); anything else is a problem naming the line.  inih then sees an
 * empty line in its place, so a long line is never cut and its rest read as a new line. */
static void long_line(line_source *src)
{
    rm_ini *ini = src->ini;
    char *s = strip(src->line);
    if (*s == ';' || *s == '#' || !*s)
        return;
    if (*s == '[') {
        rm_problems_add(&ini->problems, ini->path, ini->line, NULL,
                        "section name longer than %zu characters", sizeof src->section - 1);
        return;
    }
    char *sep = strpbrk(s, "=:");
    if (!sep) {
        rm_problems_add(&ini->problems, ini->path, ini->line, NULL,
                        "syntax error (expected [section] or key = value)");
        return;
    }
    *sep = '\0';
    char *value = sep + 1;
    for (char *p = value; *p; p++)
        if (*p == ';' && p > value && (p[-1] == ' ' || p[-1] == '\t')) {
            *p = '\0';
            break;
        }
    if (!on_entry(ini, src->section, strip(s), strip(value)))
        rm_problems_add(&ini->problems, ini->path, ini->line, NULL, "out of memory");
}

/* fgets-like reader for ini_parse_stream: the next line of src->fp, or of the in-memory
 * src->text, newline kept; counts the line in src->ini->line.  A line that does not fit
 * in inih's buffer of size bytes is handled by long_line and given to inih as an empty
 * line.  NULL at end of input. */
static char *read_line(char *buf, int size, void *stream)
{
    line_source *src = stream;
    int oom = 0;
    long n = next_line(src, &oom);
    if (n < 0) {
        if (oom)
            rm_problems_add(&src->ini->problems, src->ini->path, src->ini->line + 1, NULL,
                            "out of memory");
        return NULL;
    }
    src->ini->line++;
    /* Track [section] as inih does (the name runs to the first ']'). */
    const char *t = src->line;
    while (*t == ' ' || *t == '\t')
        t++;
    if (*t == '[') {
        const char *close = strchr(t + 1, ']');
        size_t len = close ? (size_t)(close - t - 1) : 0;
        if (close && len < sizeof src->section) {
            memcpy(src->section, t + 1, len);
            src->section[len] = '\0';
        }
    }
    size_t len = (size_t)n;
    while (len && (src->line[len - 1] == '\n' || src->line[len - 1] == '\r'))
        len--;
    if (len + 2 > (size_t)size) { /* no room for the text, a newline and the NUL */
        long_line(src);
        snprintf(buf, (size_t)size, "\n");
        return buf;
    }
    /* Only the text that was measured against size: the line's own end
     * ("\r\r...\n") can be longer than the room left. */
    memcpy(buf, src->line, len);
    buf[len] = '\n';
    buf[len + 1] = '\0';
    return buf;
}

/* inih handler: stores one key = value with its line number; a repeated key or a key
 * before any [section] becomes a problem (parsing goes on). Returns 0 only when out of
 * memory. */
static int on_entry(void *user, const char *section, const char *key, const char *value)
{
    rm_ini *ini = user;
    if (!key) /* a section header: inih (>= r50) reports it when INI_CALL_HANDLER_ON_NEW_SECTION */
        return 1;
    for (size_t i = 0; i < ini->n; i++) {
        if (!strcasecmp(ini->entries[i].section, section) &&
            !strcasecmp(ini->entries[i].key, key)) {
            rm_problems_add(&ini->problems, ini->path, ini->line, NULL,
                            "key '%s.%s' repeats line %ld", section, key,
                            ini->entries[i].line);
            return 1;
        }
    }
    if (!section[0]) {
        rm_problems_add(&ini->problems, ini->path, ini->line, NULL,
                        "key '%s' is outside any [section]", key);
        return 1;
    }
    if (ini->n == ini->cap) {
        size_t cap = ini->cap ? 2 * ini->cap : 32;
        entry *e = realloc(ini->entries, cap * sizeof *e);
        if (!e)
            return 0;
        ini->entries = e;
        ini->cap = cap;
    }
    entry *e = &ini->entries[ini->n];
    e->section = strdup(section);
    e->key = strdup(key);
    e->value = strdup(value);
    e->line = ini->line;
    e->used = 0;
    if (!e->section || !e->key || !e->value) {
        free(e->section);
        free(e->key);
        free(e->value);
        return 0;
    }
    ini->n++;
    return 1;
}

/* Parses the whole source into ini; RM_ENOMEM when out of memory, else the status of the
 * collected problems (a syntax error adds one naming inih's line). */
static rm_status parse(rm_ini *ini, line_source *src, rm_error *err)
{
    int rc = ini_parse_stream(read_line, src, on_entry, ini);
    if (rc < 0)
        return rm_error_set(err, RM_ENOMEM, "%s: out of memory", ini->path);
    if (rc > 0)
        rm_problems_add(&ini->problems, ini->path, rc, NULL,
                        "syntax error (expected [section] or key = value)");
    return rm_problems_status(&ini->problems, err);
}

/* An empty rm_ini for path, with dir set to path's directory ("." when it has none).
 * NULL when out of memory. */
static rm_ini *ini_new(const char *path)
{
    rm_ini *ini = calloc(1, sizeof *ini);
    if (!ini)
        return NULL;
    ini->path = strdup(path);
    const char *slash = strrchr(path, '/');
    ini->dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
    if (slash == path) {
        free(ini->dir);
        ini->dir = strdup("/");
    }
    rm_problems_init(&ini->problems, 50);
    if (!ini->path || !ini->dir) {
        rm_ini_free(ini);
        return NULL;
    }
    return ini;
}

rm_status rm_ini_load(const char *path, rm_ini **out, rm_error *err)
{
    *out = NULL;
    FILE *fp = fopen(path, "r");
    if (!fp)
        return rm_error_set(err, RM_EIO, "cannot read project file %s: %s", path,
                            strerror(errno));
    rm_ini *ini = ini_new(path);
    if (!ini) {
        fclose(fp);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    line_source src = {.ini = ini, .fp = fp};
    rm_status st = parse(ini, &src, err);
    free(src.line);
    fclose(fp);
    if (st) {
        rm_ini_free(ini);
        return st;
    }
    *out = ini;
    return RM_OK;
}

rm_status rm_ini_load_string(const char *text, const char *name, rm_ini **out,
                             rm_error *err)
{
    *out = NULL;
    rm_ini *ini = ini_new(name);
    if (!ini)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    line_source src = {.ini = ini, .text = text};
    rm_status st = parse(ini, &src, err);
    free(src.line);
    if (st) {
        rm_ini_free(ini);
        return st;
    }
    *out = ini;
    return RM_OK;
}

void rm_ini_free(rm_ini *ini)
{
    if (!ini)
        return;
    for (size_t i = 0; i < ini->n; i++) {
        free(ini->entries[i].section);
        free(ini->entries[i].key);
        free(ini->entries[i].value);
    }
    for (size_t i = 0; i < ini->n_read; i++)
        free(ini->read_sections[i]);
    free(ini->read_sections);
    free(ini->entries);
    rm_problems_free(&ini->problems);
    free(ini->path);
    free(ini->dir);
    free(ini);
}

const char *rm_ini_path(const rm_ini *ini) { return ini->path; }
const char *rm_ini_dir(const rm_ini *ini) { return ini->dir; }

/* Remembers that a stage asked about section (case-insensitive, once); on out of memory
 * the section is silently not recorded. */
static void mark_section_read(rm_ini *ini, const char *section)
{
    for (size_t i = 0; i < ini->n_read; i++)
        if (!strcasecmp(ini->read_sections[i], section))
            return;
    if (ini->n_read == ini->cap_read) {
        size_t cap = ini->cap_read ? 2 * ini->cap_read : 16;
        char **p = realloc(ini->read_sections, cap * sizeof *p);
        if (!p)
            return;
        ini->read_sections = p;
        ini->cap_read = cap;
    }
    char *copy = strdup(section);
    if (copy)
        ini->read_sections[ini->n_read++] = copy;
}

/* 1 when a stage has asked about section (case-insensitive), else 0. */
static int section_was_read(const rm_ini *ini, const char *section)
{
    for (size_t i = 0; i < ini->n_read; i++)
        if (!strcasecmp(ini->read_sections[i], section))
            return 1;
    return 0;
}

/* Find an entry and mark it used (and its section read). */
static entry *lookup(rm_ini *ini, const char *section, const char *key)
{
    mark_section_read(ini, section);
    for (size_t i = 0; i < ini->n; i++) {
        entry *e = &ini->entries[i];
        if (!strcasecmp(e->section, section) && !strcasecmp(e->key, key)) {
            e->used = 1;
            return e;
        }
    }
    return NULL;
}

int rm_ini_has_section(rm_ini *ini, const char *section)
{
    mark_section_read(ini, section);
    for (size_t i = 0; i < ini->n; i++)
        if (!strcasecmp(ini->entries[i].section, section))
            return 1;
    return 0;
}

int rm_ini_has(rm_ini *ini, const char *section, const char *key)
{
    for (size_t i = 0; i < ini->n; i++)
        if (!strcasecmp(ini->entries[i].section, section) &&
            !strcasecmp(ini->entries[i].key, key))
            return 1;
    return 0;
}

long rm_ini_line(const rm_ini *ini, const char *section, const char *key)
{
    for (size_t i = 0; i < ini->n; i++)
        if (!strcasecmp(ini->entries[i].section, section) &&
            !strcasecmp(ini->entries[i].key, key))
            return ini->entries[i].line;
    return 0;
}

/* RM_EDATA naming the entry's file, line and section.key; fmt takes the entry's value
 * then detail, in that order. */
static rm_status value_error(const rm_ini *ini, const entry *e, const char *fmt,
                             const char *detail, rm_error *err)
{
    char field[256];
    snprintf(field, sizeof field, "%s.%s", e->section, e->key);
    return rm_error_input(err, ini->path, e->line, field, fmt, e->value, detail);
}

/* Parse a whole string as a finite double. */
static int parse_double(const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    if (end == s)
        return -1;
    while (*end == ' ' || *end == '\t')
        end++;
    return (*end || errno == ERANGE || !isfinite(*v)) ? -1 : 0;
}

/* RM_OK when min <= v <= max, else RM_EDATA on entry e naming the range. */
static rm_status check_range(const rm_ini *ini, const entry *e, double v, double min,
                             double max, rm_error *err)
{
    if (v < min || v > max) {
        char range[96];
        snprintf(range, sizeof range, "[%.15g, %.15g]", min, max);
        return value_error(ini, e, "%s is outside %s", range, err);
    }
    return RM_OK;
}

rm_status rm_ini_get_double(rm_ini *ini, const char *section, const char *key,
                            double def, double min, double max, double *out,
                            rm_error *err)
{
    entry *e = lookup(ini, section, key);
    if (!e) {
        *out = def;
        return RM_OK;
    }
    double v;
    if (parse_double(e->value, &v))
        return value_error(ini, e, "'%s' is not a number%s", "", err);
    rm_status st = check_range(ini, e, v, min, max, err);
    if (!st)
        *out = v;
    return st;
}

/* RM_EDATA for a required section.key absent from the project file (no line number). */
static rm_status missing(const rm_ini *ini, const char *section, const char *key,
                         rm_error *err)
{
    char field[256];
    snprintf(field, sizeof field, "%s.%s", section, key);
    return rm_error_input(err, ini->path, 0, field, "required key is missing from [%s]",
                          section);
}

rm_status rm_ini_get_double_req(rm_ini *ini, const char *section, const char *key,
                                double min, double max, double *out, rm_error *err)
{
    if (!rm_ini_has(ini, section, key))
        return missing(ini, section, key, err);
    return rm_ini_get_double(ini, section, key, 0.0, min, max, out, err);
}

rm_status rm_ini_get_long(rm_ini *ini, const char *section, const char *key, long def,
                          long min, long max, long *out, rm_error *err)
{
    entry *e = lookup(ini, section, key);
    if (!e) {
        *out = def;
        return RM_OK;
    }
    char *end;
    errno = 0;
    long v = strtol(e->value, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    if (end == e->value || *end || errno == ERANGE)
        return value_error(ini, e, "'%s' is not an integer%s", "", err);
    rm_status st = check_range(ini, e, (double)v, (double)min, (double)max, err);
    if (!st)
        *out = v;
    return st;
}

rm_status rm_ini_get_bool(rm_ini *ini, const char *section, const char *key, int def,
                          int *out, rm_error *err)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    entry *e = lookup(ini, section, key);
    if (!e) {
        *out = def;
        return RM_OK;
    }
    for (int i = 0; i < 4; i++) {
        if (!strcasecmp(e->value, yes[i])) {
            *out = 1;
            return RM_OK;
        }
        if (!strcasecmp(e->value, no[i])) {
            *out = 0;
            return RM_OK;
        }
    }
    return value_error(ini, e, "'%s' is not a boolean%s (use true or false)", "", err);
}

rm_status rm_ini_get_string(rm_ini *ini, const char *section, const char *key,
                            const char *def, const char **out, rm_error *err)
{
    entry *e = lookup(ini, section, key);
    *out = e ? e->value : def;
    return RM_OK;
}

rm_status rm_ini_get_string_req(rm_ini *ini, const char *section, const char *key,
                                const char **out, rm_error *err)
{
    entry *e = lookup(ini, section, key);
    if (!e)
        return missing(ini, section, key, err);
    if (!e->value[0])
        return value_error(ini, e, "'%s' is empty%s", "", err);
    *out = e->value;
    return RM_OK;
}

rm_status rm_ini_get_path(rm_ini *ini, const char *section, const char *key,
                          const char *def, char *buf, size_t size, rm_error *err)
{
    entry *e = lookup(ini, section, key);
    const char *value = e ? e->value : def;
    if (!value) {
        buf[0] = '\0';
        return RM_OK;
    }
    if (e && !value[0])
        return value_error(ini, e, "'%s' is an empty path%s", "", err);
    if (value[0] == '/')
        snprintf(buf, size, "%s", value);
    else
        return rm_path_join(buf, size, ini->dir, value, err);
    return RM_OK;
}

rm_status rm_ini_get_choice(rm_ini *ini, const char *section, const char *key,
                            const char *const *choices, int def, int *out,
                            rm_error *err)
{
    entry *e = lookup(ini, section, key);
    if (!e) {
        *out = def;
        return RM_OK;
    }
    char list[512] = "";
    for (int i = 0; choices[i]; i++) {
        if (!strcasecmp(e->value, choices[i])) {
            *out = i;
            return RM_OK;
        }
        size_t len = strlen(list);
        snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", choices[i]);
    }
    return value_error(ini, e, "'%s' is not one of: %s", list, err);
}

rm_status rm_ini_get_doubles(rm_ini *ini, const char *section, const char *key,
                             double min, double max, double *vals, size_t max_n,
                             size_t *n, rm_error *err)
{
    entry *e = lookup(ini, section, key);
    *n = 0;
    if (!e)
        return RM_OK;
    char *copy = strdup(e->value);
    if (!copy)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    rm_status st = RM_OK;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
        double v;
        if (*n >= max_n) {
            char detail[64];
            snprintf(detail, sizeof detail, "%zu", max_n);
            st = value_error(ini, e, "'%s' has more than %s values", detail, err);
            break;
        }
        if (parse_double(tok, &v)) {
            st = value_error(ini, e, "'%s' is not a list of numbers%s", "", err);
            break;
        }
        if ((st = check_range(ini, e, v, min, max, err)))
            break;
        vals[(*n)++] = v;
    }
    free(copy);
    return st;
}

/* 1 when section (case-insensitive) is one of rm_ini_known_sections, else 0. */
static int known_section(const char *section)
{
    for (int i = 0; rm_ini_known_sections[i]; i++)
        if (!strcasecmp(section, rm_ini_known_sections[i]))
            return 1;
    return 0;
}

rm_status rm_ini_finish(const rm_ini *ini, rm_error *err)
{
    rm_problems p;
    rm_problems_init(&p, 50);
    rm_status st = rm_ini_finish_problems(ini, &p, err);
    rm_problems_free(&p);
    return st;
}

rm_status rm_ini_finish_problems(const rm_ini *ini, rm_problems *out, rm_error *err)
{
    rm_problems p;
    rm_problems_init(&p, out->cap);
    const char *last_unknown = NULL;
    for (size_t i = 0; i < ini->n; i++) {
        const entry *e = &ini->entries[i];
        if (!known_section(e->section)) {
            if (!last_unknown || strcasecmp(last_unknown, e->section))
                rm_problems_add(&p, ini->path, e->line, NULL, "unknown section [%s]",
                                e->section);
            last_unknown = e->section;
        } else if (section_was_read(ini, e->section) && !e->used) {
            rm_problems_add(&p, ini->path, e->line, NULL, "unknown key '%s' in [%s]",
                            e->key, e->section);
        }
    }
    rm_status st = rm_problems_status(&p, err);
    for (size_t i = 0; i < p.kept; i++)
        rm_problems_add(out, NULL, 0, NULL, "%s", p.messages[i]);
    out->count += p.count - p.kept;
    rm_problems_free(&p);
    return st;
}
