/* error.c — status strings, error records and lists of input problems.
 *
 * Input errors read "FILE:LINE: field 'NAME': what is wrong", the form
 * compilers use, so editors can jump to the place.
 */
#include <stdlib.h>
#include <string.h>

#include "reemud/core.h"

const char *rm_status_string(rm_status status)
{
    switch (status) {
    case RM_OK: return "success";
    case RM_EINVAL: return "invalid argument";
    case RM_EDATA: return "invalid input data";
    case RM_EIO: return "input/output error";
    case RM_ENOMEM: return "out of memory";
    case RM_ESINGULAR: return "singular system";
    case RM_ENOCONV: return "no convergence";
    case RM_EPHYS: return "physically impossible request";
    case RM_EEXIST: return "output exists";
    case RM_EINTERNAL: return "internal error";
    }
    return "unknown status";
}

void rm_error_clear(rm_error *err)
{
    if (err) {
        err->status = RM_OK;
        err->message[0] = '\0';
    }
}

rm_status rm_error_set(rm_error *err, rm_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->status = status;
    }
    return status;
}

/* Format "FILE:LINE: field 'FIELD': " + message into buf. */
static void format_input(char *buf, size_t size, const char *file, long line,
                         const char *field, const char *fmt, va_list ap)
{
    int n = 0;
    if (file && line > 0)
        n = snprintf(buf, size, "%s:%ld: ", file, line);
    else if (file)
        n = snprintf(buf, size, "%s: ", file);
    if (n < 0 || (size_t)n >= size)
        return;
    if (field) {
        int m = snprintf(buf + n, size - (size_t)n, "field '%s': ", field);
        if (m < 0 || (size_t)(n + m) >= size)
            return;
        n += m;
    }
    vsnprintf(buf + n, size - (size_t)n, fmt, ap);
}

rm_status rm_error_input(rm_error *err, const char *file, long line, const char *field,
                         const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        format_input(err->message, sizeof err->message, file, line, field, fmt, ap);
        va_end(ap);
        err->status = RM_EDATA;
    }
    return RM_EDATA;
}

void rm_problems_init(rm_problems *p, size_t cap)
{
    p->count = 0;
    p->kept = 0;
    p->cap = cap ? cap : 100;
    p->messages = NULL;
}

void rm_problems_free(rm_problems *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->kept; i++)
        free(p->messages[i]);
    free(p->messages);
    p->messages = NULL;
    p->kept = p->count = 0;
}

void rm_problems_add(rm_problems *p, const char *file, long line, const char *field,
                     const char *fmt, ...)
{
    p->count++;
    if (p->kept >= p->cap)
        return;
    if (!p->messages) {
        p->messages = calloc(p->cap, sizeof *p->messages);
        if (!p->messages)
            return;
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    format_input(buf, sizeof buf, file, line, field, fmt, ap);
    va_end(ap);
    char *copy = strdup(buf);
    if (copy)
        p->messages[p->kept++] = copy;
}

void rm_problems_print(const rm_problems *p, FILE *stream)
{
    for (size_t i = 0; i < p->kept; i++)
        fprintf(stream, "error: %s\n", p->messages[i]);
    if (p->count > p->kept)
        fprintf(stream, "error: ... and %zu more problems not shown\n",
                p->count - p->kept);
}

void rm_problems_note(rm_status st, const rm_error *e, rm_problems *p, rm_status *first,
                      rm_error *err)
{
    if (st == RM_OK)
        return;
    if (p)
        rm_problems_add(p, NULL, 0, NULL, "%s", e->message);
    if (*first == RM_OK) {
        *first = st;
        if (err)
            *err = *e;
    }
}

rm_status rm_problems_status(const rm_problems *p, rm_error *err)
{
    if (p->count == 0)
        return RM_OK;
    return rm_error_set(err, RM_EDATA, "%s (%zu problem%s in all)",
                        p->kept ? p->messages[0] : "input problems", p->count,
                        p->count == 1 ? "" : "s");
}
