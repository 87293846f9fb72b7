/* test_table_csv.c — the generic CSV table reader: meuse, quoting, BOM and
 * CRLF, and every error path with its file:line:field message. */
#include <string.h>

#include "reemud/table.h"
#include "rm_test.h"

/* Write text to a scratch file and return its path. */
static const char *scratch(const char *name, const char *text)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", rm_test_dir("table_csv"), name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    return path;
}

static void test_meuse(void **state)
{
    rm_table *t;
    rm_error err;
    assert_int_equal(rm_table_read_csv(rm_test_source("tests/data/meuse.csv"), &t, &err), RM_OK);
    assert_int_equal(t->n_rows, 155);
    assert_int_equal(t->n_cols, 14);
    const double *x, *zinc;
    assert_int_equal(rm_table_numeric(t, "X", 0, &x, &err), RM_OK);
    assert_int_equal(rm_table_numeric(t, "zinc", 0, &zinc, &err), RM_OK);
    /* First and last rows of sp's meuse data. */
    assert_near(x[0], 181072, 0);
    assert_near(zinc[0], 1022, 0);
    assert_near(zinc[154], 375, 0);
    assert_string_equal(rm_table_text(t, 0, (size_t)rm_table_find(t, "landuse")), "Ah");
    /* landuse is text: asking for it as numbers names the cell. */
    const double *lu;
    assert_int_equal(rm_table_numeric(t, "landuse", 0, &lu, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "meuse.csv:2: field 'landuse': 'Ah' is not a finite number"));
    /* om has two NA values. */
    const double *om;
    assert_int_equal(rm_table_numeric(t, "om", 0, &om, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "field 'om': empty value"));
    assert_int_equal(rm_table_numeric(t, "om", 1, &om, &err), RM_OK);
    int nan = 0;
    for (size_t i = 0; i < t->n_rows; i++)
        nan += isnan(om[i]);
    assert_int_equal(nan, 2);
    assert_int_equal(rm_table_numeric(t, "nickel", 0, &om, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "no column 'nickel' (columns: x, y, cadmium"));
    long group[155];
    size_t ng;
    assert_int_equal(rm_table_groups(t, "ffreq", group, &ng, &err), RM_OK);
    assert_int_equal(ng, 3);
    assert_int_equal(group[0], 0);
    rm_table_free(t);
    rm_table_free(NULL);
}

/* One cell at a time, as the chain's and supply's data tables are read: the
 * column by name or an error listing the columns; a cell's number, empty
 * and NA as NAN when allowed, and errors naming file, line and column. */
static void test_need_and_number(void **state)
{
    (void)state;
    const char *path =
        scratch("cells.csv", "element,value\nNd, 4.5 \nDy,\nTb,NA\nY,1e999\nLa,x\n");
    rm_table *t;
    rm_error err;
    assert_int_equal(rm_table_read_csv(path, &t, &err), RM_OK);
    long cv, ce;
    assert_int_equal(rm_table_need(t, "VALUE", &cv, &err), RM_OK);
    assert_int_equal(cv, 1);
    assert_int_equal(rm_table_need(t, "element", &ce, &err), RM_OK);
    assert_int_equal(rm_table_need(t, "price", &ce, &err), RM_EDATA);
    assert_non_null(
        strstr(err.message, "cells.csv:1: no column 'price' (columns: element, value)"));
    double v;
    assert_int_equal(rm_table_number(t, 0, cv, 0, &v, &err), RM_OK);
    assert_near(v, 4.5, 0);
    assert_int_equal(rm_table_number(t, 1, cv, 1, &v, &err), RM_OK);
    assert_true(isnan(v));
    assert_int_equal(rm_table_number(t, 2, cv, 1, &v, &err), RM_OK);
    assert_true(isnan(v));
    assert_int_equal(rm_table_number(t, 1, cv, 0, &v, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "cells.csv:3: field 'value': empty value"));
    assert_int_equal(rm_table_number(t, 3, cv, 1, &v, &err), RM_EDATA);
    assert_non_null(
        strstr(err.message, "cells.csv:5: field 'value': '1e999' is not a finite number"));
    assert_int_equal(rm_table_number(t, 4, cv, 1, &v, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "cells.csv:6: field 'value': 'x' is not a finite number"));
    rm_table_free(t);
}

static void test_quoting_bom_crlf(void **state)
{
    const char *path = scratch("ok.csv", "\xEF\xBB\xBF"
                                         "id, \"Value\" ,note\r\n"
                                         "a,1.5,\"two\r\nlines\"\r\n"
                                         "\r\n"
                                         "b, -2e3 ,\"x,y\"\r\n"
                                         "a,3,");
    rm_table *t;
    rm_error err;
    assert_int_equal(rm_table_read_csv(path, &t, &err), RM_OK);
    assert_int_equal(t->n_rows, 3);
    assert_string_equal(t->names[0], "id");
    assert_string_equal(t->names[1], "Value");
    const double *v;
    assert_int_equal(rm_table_numeric(t, "value", 0, &v, &err), RM_OK);
    assert_near(v[0], 1.5, 0);
    assert_near(v[1], -2000, 0);
    assert_near(v[2], 3, 0);
    assert_int_equal(t->line[0], 2);
    assert_int_equal(t->line[1], 5);
    assert_int_equal(t->line[2], 6);
    assert_string_equal(rm_table_text(t, 1, 2), "x,y");
    long g[3];
    assert_int_equal(rm_table_groups(t, "ID", g, NULL, &err), RM_OK);
    assert_int_equal(g[0], 0);
    assert_int_equal(g[1], 1);
    assert_int_equal(g[2], 0);
    assert_int_equal(rm_table_groups(t, "note", g, NULL, &err), RM_EDATA);
    assert_non_null(strstr(err.message, ":6: field 'note': empty value"));
    rm_table_free(t);
}

static void expect_error(const char *name, const char *text, rm_status status,
                         const char *message)
{
    rm_table *t = (rm_table *)1;
    rm_error err;
    assert_int_equal(rm_table_read_csv(scratch(name, text), &t, &err), status);
    assert_null(t);
    if (!strstr(err.message, message))
        fail_msg("'%s' lacks '%s'", err.message, message);
}

static void test_errors(void **state)
{
    expect_error("fields.csv", "x,y\n1,2\n3\n", RM_EDATA, "fields.csv:3: 1 fields, the header has 2");
    expect_error("extra.csv", "x,y\n1,2,3\n", RM_EDATA, "extra.csv:2: 3 fields, the header has 2");
    expect_error("dup.csv", "x,X\n1,2\n", RM_EDATA, "dup.csv:1: field 'X': duplicate column name");
    expect_error("noname.csv", "x,,z\n1,2,3\n", RM_EDATA, "noname.csv:1: column 2 has no name");
    expect_error("empty.csv", "", RM_EDATA, "empty file");
    expect_error("quote.csv", "x,y\n1,\"2\"3\n", RM_EDATA, "quote.csv:2:");
    expect_error("open.csv", "x,y\n1,\"2\n", RM_EDATA, "open.csv:");
    rm_table *t;
    rm_error err;
    assert_int_equal(rm_table_read_csv("/nonexistent/file.csv", &t, &err), RM_EIO);
    assert_non_null(strstr(err.message, "/nonexistent/file.csv: cannot open"));
    /* Non-finite and overflowing numbers are rejected with their line. */
    assert_int_equal(rm_table_read_csv(scratch("nan.csv", "x\n1\ninf\n1e999\n"), &t, &err), RM_OK);
    const double *v;
    assert_int_equal(rm_table_numeric(t, "x", 1, &v, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "nan.csv:3: field 'x': 'inf' is not a finite number"));
    rm_table_free(t);
    /* Header only: a table with no rows. */
    assert_int_equal(rm_table_read_csv(scratch("hdr.csv", "x,y\n"), &t, &err), RM_OK);
    assert_int_equal(t->n_rows, 0);
    assert_int_equal(rm_table_numeric(t, "y", 0, &v, &err), RM_OK);
    rm_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meuse),
        cmocka_unit_test(test_need_and_number),
        cmocka_unit_test(test_quoting_bom_crlf),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
