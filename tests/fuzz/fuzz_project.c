/* fuzz_project.c — libFuzzer harness for a whole project file: the bytes
 * are parsed from memory and every section is read the way `reemud
 * assess` checks a project before it runs ([project], [data], [composite],
 * [grid], [variogram], [estimate], [classification], [simulate], [mine],
 * [processing], [supply], [economics], [lift]), the MODEL strings found in
 * [variogram] and [simulate] are parsed, then unknown keys are reported.
 * The chain's defaults (the tables in data/) are read once and copied per input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/chain.h"
#include "reemud/config.h"
#include "reemud/data.h"
#include "reemud/lift.h"
#include "reemud/resource.h"
#include "reemud/simulate.h"
#include "reemud/variogram.h"

/* Parse a MODEL string unless it is empty or "auto"; a model that parses
 * is also evaluated once. */
static void try_model(const char *text)
{
    if (!text || !text[0] || !strcmp(text, "auto"))
        return;
    rm_vgm_model m;
    rm_error err;
    if (rm_vgm_parse(text, &m, &err) == RM_OK)
        (void)rm_vgm_gamma(&m, 10.0, 5.0, 0.5);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static rm_chain_config defaults;
    static int have_defaults = -1;
    rm_error err;
    if (have_defaults < 0) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/data", rm_datadir());
        have_defaults = rm_chain_config_default(&defaults, dir, &err) == RM_OK;
    }
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    rm_ini *ini = NULL;
    if (rm_ini_load_string(text, "fuzz/project.ini", &ini, &err) == RM_OK) {
        rm_problems p;
        rm_problems_init(&p, 20);
        rm_data_config dc;
        rm_data_config_read(ini, &dc, &p, &err);
        rm_project project;
        rm_project_read(ini, &project, &err);
        static rm_estimate_config ec; /* large: kept off the stack */
        if (rm_estimate_config_read(ini, &ec, &p, &err) == RM_OK) {
            try_model(ec.model);
            try_model(ec.water_depth_model);
            for (int e = 0; e < RM_NELEM; e++)
                try_model(ec.model_elem[e]);
        }
        rm_classify_rules rules;
        rm_classify_rules_default(&rules, 1000.0);
        rm_classify_rules_read(ini, &rules, &err);
        rm_simulate_params sp;
        rm_simulate_params_default(&sp);
        if (rm_simulate_params_read(ini, &sp, &err) == RM_OK)
            try_model(sp.model);
        if (have_defaults) {
            static rm_chain_config cc;
            cc = defaults;
            rm_chain_config_read(&cc, ini, &err);
        }
        rm_lift_params lp;
        rm_lift_params_default(&lp);
        if (rm_ini_has_section(ini, "lift"))
            rm_lift_params_from_ini(ini, &lp, &err);
        rm_ini_finish_problems(ini, &p, &err);
        rm_ini_finish(ini, &err);
        rm_problems_free(&p);
        rm_ini_free(ini);
    }
    free(text);
    return 0;
}
