/* fuzz_ini.c — libFuzzer harness for the project-file reader: parse from
 * memory, read the data stage's sections through the typed getters, try
 * a few generic getters on other sections, then rm_ini_finish. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/config.h"
#include "reemud/data.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    rm_ini *ini = NULL;
    rm_error err;
    if (rm_ini_load_string(text, "fuzz/project.ini", &ini, &err) == RM_OK) {
        rm_problems p;
        rm_problems_init(&p, 10);
        rm_data_config cfg;
        rm_data_config_read(ini, &cfg, &p, &err);
        static const char *const choices[] = {"a", "b", "closed-loop", NULL};
        double v[8];
        size_t n;
        long l;
        int b;
        const char *s;
        char path[256];
        rm_ini_get_doubles(ini, "grid", "x", -1e9, 1e9, v, 8, &n, &err);
        rm_ini_get_long(ini, "simulate", "realizations", 10, 1, 1000, &l, &err);
        rm_ini_get_bool(ini, "report", "html", 1, &b, &err);
        rm_ini_get_choice(ini, "lift", "system", choices, 0, &b, &err);
        rm_ini_get_string_req(ini, "variogram", "model", &s, &err);
        rm_ini_get_path(ini, "report", "out", NULL, path, sizeof path, &err);
        rm_ini_has_section(ini, "economics");
        rm_ini_line(ini, "data", "collars");
        rm_ini_finish_problems(ini, &p, &err);
        rm_ini_finish(ini, &err);
        rm_problems_free(&p);
        rm_ini_free(ini);
    }
    free(text);
    return 0;
}
