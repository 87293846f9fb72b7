/* fuzz_table.c — libFuzzer harness for the generic CSV table reader used by
 * `reemud vario` and `reemud krige`: the bytes become a file (a memfd) that
 * rm_table_read_csv reads; every column is then asked for as numbers and as
 * group ids. */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "reemud/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("fuzz.csv", 0);
    if (fd < 0)
        return 0;
    if (size && write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    rm_table *t = NULL;
    rm_error err;
    if (rm_table_read_csv(path, &t, &err) == RM_OK) {
        for (size_t c = 0; c < t->n_cols; c++) {
            const double *v;
            rm_table_numeric(t, t->names[c], 1, &v, &err);
            long *group = malloc((t->n_rows ? t->n_rows : 1) * sizeof *group);
            size_t n_groups;
            if (group)
                rm_table_groups(t, t->names[c], group, &n_groups, &err);
            free(group);
            for (size_t r = 0; r < t->n_rows && r < 4; r++)
                rm_table_text(t, r, c);
        }
        rm_table_free(t);
    }
    close(fd);
    return 0;
}
