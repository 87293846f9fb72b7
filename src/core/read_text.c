/* read_text.c — a whole file into memory as one NUL-terminated string, for
 * the small text files the library reads back whole (run.json, a truth or
 * chain summary, an HTML fragment) before parsing them.
 *
 * Grows a buffer by doubling and stops past a size bound the caller names,
 * so a wrong path (a device, a huge file) fails with a message instead of
 * exhausting memory.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/core.h"

rm_status rm_read_text(const char *path, size_t max_bytes, char **text, size_t *len,
                       rm_error *err)
{
    *text = NULL;
    if (len)
        *len = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return rm_error_set(err, RM_EIO, "cannot read %s: %s", path, strerror(errno));
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n - 1, fp);
        if (n + 1 < cap || n > max_bytes) /* end of file, an error, or too long */
            break;
        char *grown = cap <= SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
        if (!grown) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = grown;
        cap *= 2;
    }
    int bad = ferror(fp);
    fclose(fp);
    if (!buf)
        return rm_error_set(err, RM_ENOMEM, "out of memory reading %s", path);
    if (bad) {
        free(buf);
        return rm_error_set(err, RM_EIO, "cannot read %s", path);
    }
    if (n > max_bytes) { /* the rest was not read */
        free(buf);
        return rm_error_set(err, RM_EDATA, "%s: larger than %zu bytes", path, max_bytes);
    }
    buf[n] = '\0';
    *text = buf;
    if (len)
        *len = n;
    return RM_OK;
}
