/* test_supply_badinput.c — a bad row in any of the network's tables is refused with
 * a message naming the file, line and field; a table without its source column too. */
#include <string.h>

#include "reemud/supply.h"
#include "rm_test.h"

/* Copies data/ into a scratch dir and replaces line `line` (1-based) of `file` by
 * `text` (or renames column `source` when text is NULL).  Returns the dir. */
static const char *scratch(const char *name, const char *file, int line, const char *text)
{
    const char *dir = rm_test_dir(name);
    char cmd[9000];
    snprintf(cmd, sizeof cmd, "cp '%s'/*.csv '%s'/", rm_test_source("data"), dir);
    if (system(cmd) != 0)
        return NULL;
    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *in = fopen(path, "r"), *out = fopen(tmp, "w");
    if (!in || !out)
        return NULL;
    char buf[8192];
    for (int k = 1; fgets(buf, sizeof buf, in); k++) {
        if (k == line && text)
            fprintf(out, "%s\n", text);
        else if (!text && k == 1) {
            char *s = strstr(buf, ",source");
            if (s)
                memcpy(s, ",origin", 7);
            fputs(buf, out);
        } else
            fputs(buf, out);
    }
    fclose(in);
    fclose(out);
    rename(tmp, path);
    return dir;
}

static void expect(const char *dir, const char *needle1, const char *needle2)
{
    rm_snetwork net;
    rm_error err;
    assert_non_null(dir);
    assert_int_equal(rm_snetwork_load(&net, dir, NULL, &err), RM_EDATA);
    if (!strstr(err.message, needle1) || !strstr(err.message, needle2))
        fail_msg("message '%s' lacks '%s' or '%s'", err.message, needle1, needle2);
}

static void test_bad_rows(void **state)
{
    (void)state;
    expect(scratch("sbad1", "supply_facilities.csv", 3,
                   "cn_ionic_clay,mining,China,china,ionic_clay_mixed,lots,,2000,0,0,operating,,,x,y"),
           "supply_facilities.csv:3", "capacity_t");
    expect(scratch("sbad2", "supply_facilities.csv", 4,
                   "x,smelting,China,china,,1,,2000,0,0,operating,,,x,y"),
           "supply_facilities.csv:4", "stage");
    expect(scratch("sbad3", "supply_facilities.csv", 2,
                   "x,mining,China,china,no_such_type,1,,2000,0,0,operating,,,x,y"),
           "supply_facilities.csv:2", "feed");
    expect(scratch("sbad4", "supply_facilities.csv", 2,
                   "x,separation_heavy,US,us,monazite_mt_weld,0,Dy=3,2000,0,0,operating,,,x,y"),
           "supply_facilities.csv:2", "elements");
    expect(scratch("sbad5", "supply_demand.csv", 2,
                   "La,japan,2024,-5,0,0,0.01,0.03,0.6,assumption,,,x,y"),
           "supply_demand.csv:2", "demand_t");
    expect(scratch("sbad6", "supply_demand.csv", 3,
                   "La,us,2024,5,0,0.05,0.01,0.03,0.6,assumption,,,x,y"),
           "supply_demand.csv:3", "growth");
    expect(scratch("sbad7", "supply_scenarios.csv", 3,
                   "licensing,x,april2025,export,0.3,0.1,0.5,2025-04-04,2025-13-04,,,assumption,x,y"),
           "supply_scenarios.csv:3", "effective");
    expect(scratch("sbad8", "supply_scenarios.csv", 3,
                   "licensing,x,april2025,moon,0.3,0.1,0.5,2025-04-04,2025-04-04,,,assumption,x,y"),
           "supply_scenarios.csv:3", "markets");
    expect(scratch("sbad9", "supply_scenarios.csv", 3,
                   "licensing,x,april2025,export,0.6,0.1,0.5,2025-04-04,2025-04-04,,,assumption,x,y"),
           "supply_scenarios.csv:3", "loss_share");
    expect(scratch("sbad10", "supply_mine_types.csv", 2,
                   "t,1,1,1,1,1,1,1,1,1,1,1,1,1,1,NaN,published,x,y"),
           "supply_mine_types.csv:2", "Y");
    expect(scratch("sbad11", "supply_magnets.csv", 0, NULL), "supply_magnets.csv", "source");
    expect(scratch("sbad12", "supply_facilities.csv", 2,
                   "x,mining,China,china,ionic_clay_mixed,1,,2000,0,0,rumoured,,,x,y"),
           "supply_facilities.csv:2", "status");
}

static void test_oxide_output(void **state)
{
    (void)state;
    const char *dir = rm_test_dir("sbad_ox");
    char path[4096];
    snprintf(path, sizeof path, "%s/oxide_output.csv", dir);
    FILE *fp = fopen(path, "w");
    fputs("rate_dry_t_per_day,element,oxide,oxide_t_per_year\n350,Dy,Dy2O3,10\n"
          "3500,Dy,Dy2O3,100\n350,Tb,Tb4O7,-1\n", fp);
    fclose(fp);
    rm_supply_run_config cfg;
    memset(&cfg, 0, sizeof cfg);
    rm_error err;
    assert_int_equal(rm_supply_read_oxide_output(path, &cfg, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "oxide_output.csv:4"));
    fp = fopen(path, "w");
    fputs("rate_dry_t_per_day,element,oxide,oxide_t_per_year\n350,Dy,Dy2O3,10\n"
          "3500,Dy,Dy2O3,100\n350,Tb,Tb4O7,1.5\n", fp);
    fclose(fp);
    assert_int_equal(rm_supply_read_oxide_output(path, &cfg, &err), RM_OK);
    assert_int_equal(cfg.n_rates, 2);
    assert_near(cfg.rate_dry_t_per_day[1], 3500, 0);
    assert_near(cfg.mts_oxide_t[0][RM_TB], 1.5, 0);
    assert_near(cfg.mts_oxide_t[1][RM_DY], 100, 0);
    assert_near(cfg.mts_oxide_t[1][RM_TB], 0, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_rows),
        cmocka_unit_test(test_oxide_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
