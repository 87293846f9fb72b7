/* fuzz_model.c — libFuzzer harness for the MODEL string parser: parse, and
 * for a model that parses, format it back, parse the text again (it must
 * parse to the same values) and evaluate it. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/variogram.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    rm_vgm_model m, back;
    rm_error err;
    if (rm_vgm_parse(text, &m, &err) == RM_OK) {
        char buf[4096];
        if (rm_vgm_format(&m, buf, sizeof buf, &err) == RM_OK) {
            if (rm_vgm_parse(buf, &back, &err) != RM_OK || back.n != m.n)
                abort(); /* the formatter must write what the parser reads */
            for (int i = 0; i < m.n; i++)
                if (back.s[i].sill != m.s[i].sill || back.s[i].range[0] != m.s[i].range[0])
                    abort();
        }
        double g = rm_vgm_gamma(&m, 1.0, 2.0, 0.5) + rm_vgm_cov(&m, 0, 0, 0);
        double M[9];
        rm_vgm_search_metric(&m, M);
        (void)g;
    }
    free(text);
    return 0;
}
