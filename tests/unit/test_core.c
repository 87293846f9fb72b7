/* test_core.c — errors, problem lists, atomic output, reading a file whole,
 * RNG streams, SHA-256 and run.json. */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "reemud/core.h"
#include "rm_test.h"

static void test_input_error_format(void **state)
{
    rm_error err;
    rm_error_clear(&err);
    rm_status st = rm_error_input(&err, "assays.csv", 12, "La", "'%s' is not a number", "x1");
    assert_int_equal(st, RM_EDATA);
    assert_string_equal(err.message, "assays.csv:12: field 'La': 'x1' is not a number");
}

static void test_problems_cap_and_count(void **state)
{
    rm_problems p;
    rm_problems_init(&p, 3);
    for (int i = 0; i < 5; i++)
        rm_problems_add(&p, "f.csv", i + 2, "x", "bad %d", i);
    assert_int_equal(p.count, 5);
    assert_int_equal(p.kept, 3);
    rm_error err;
    assert_int_equal(rm_problems_status(&p, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "f.csv:2: field 'x': bad 0"));
    assert_non_null(strstr(err.message, "5 problems"));
    rm_problems_free(&p);
}

static void test_atomic_commit_and_abort(void **state)
{
    const char *dir = rm_test_dir("core_atomic");
    char path[4096];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    unlink(path);
    rm_afile af;
    rm_error err;
    assert_int_equal(rm_afile_open(&af, path, &err), RM_OK);
    fputs("hello\n", af.fp);
    /* Not visible under the final name until commit. */
    assert_int_not_equal(access(path, F_OK), 0);
    assert_int_equal(rm_afile_commit(&af, &err), RM_OK);
    assert_int_equal(access(path, F_OK), 0);

    assert_int_equal(rm_afile_open(&af, path, &err), RM_OK);
    fputs("partial", af.fp);
    rm_afile_abort(&af);
    FILE *fp = fopen(path, "r");
    char line[64] = {0};
    assert_non_null(fgets(line, sizeof line, fp));
    fclose(fp);
    assert_string_equal(line, "hello\n");
    assert_int_not_equal(access(af.temp_path, F_OK), 0);
}

static void test_outdir_refuses_overwrite(void **state)
{
    const char *dir = rm_test_dir("core_outdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/keep.csv", dir);
    FILE *fp = fopen(path, "w");
    fputs("mine\n", fp);
    fclose(fp);
    const char *outs[] = {"keep.csv", NULL};
    rm_error err;
    assert_int_equal(rm_outdir_prepare(dir, 0, outs, &err), RM_EEXIST);
    assert_non_null(strstr(err.message, "--force"));
    assert_int_equal(rm_outdir_prepare(dir, 1, outs, &err), RM_OK);
}

static void test_sha256_known_answer(void **state)
{
    /* FIPS 180-2 example: SHA-256("abc"). */
    const char *dir = rm_test_dir("core_sha");
    char path[4096];
    snprintf(path, sizeof path, "%s/abc.txt", dir);
    FILE *fp = fopen(path, "w");
    fputs("abc", fp);
    fclose(fp);
    char hex[65];
    assert_int_equal(rm_sha256_file(path, hex, NULL), RM_OK);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* rm_read_text: files of 0, 4095 (one byte short of the first buffer),
 * 4096 and 10000 bytes come back whole with their lengths; a bound below
 * the size, a missing file and a directory fail with messages naming the
 * path. */
static void test_read_text_whole_file(void **state)
{
    const char *dir = rm_test_dir("core_read_text");
    char path[4096];
    snprintf(path, sizeof path, "%s/text.txt", dir);
    static const size_t sizes[] = {0, 4095, 4096, 10000};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        FILE *fp = fopen(path, "wb");
        assert_non_null(fp);
        for (size_t i = 0; i < sizes[s]; i++)
            fputc('a' + (int)(i % 26), fp);
        fclose(fp);
        char *text;
        size_t len = 99;
        assert_int_equal(rm_read_text(path, SIZE_MAX, &text, &len, NULL), RM_OK);
        assert_int_equal(len, sizes[s]);
        assert_int_equal(strlen(text), sizes[s]);
        for (size_t i = 0; i < sizes[s]; i++)
            assert_int_equal(text[i], 'a' + (int)(i % 26));
        free(text);
        assert_int_equal(rm_read_text(path, sizes[s], &text, NULL, NULL), RM_OK);
        free(text);
    }
    rm_error err;
    char *text;
    assert_int_equal(rm_read_text(path, 9999, &text, NULL, &err), RM_EDATA);
    assert_null(text);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, "larger than 9999 bytes"));
    snprintf(path, sizeof path, "%s/none.txt", dir);
    assert_int_equal(rm_read_text(path, SIZE_MAX, &text, NULL, &err), RM_EIO);
    assert_non_null(strstr(err.message, path));
    assert_int_equal(rm_read_text(dir, SIZE_MAX, &text, NULL, &err), RM_EIO);
    assert_non_null(strstr(err.message, dir));
}

static void test_rng_streams_independent_and_reproducible(void **state)
{
    gsl_rng *a = rm_rng_stream(42, 7), *b = rm_rng_stream(42, 7), *c = rm_rng_stream(42, 8);
    int same_ab = 1, same_ac = 1;
    for (int i = 0; i < 100; i++) {
        unsigned long x = gsl_rng_get(a), y = gsl_rng_get(b), z = gsl_rng_get(c);
        same_ab &= x == y;
        same_ac &= x == z;
    }
    assert_true(same_ab);
    assert_false(same_ac);
    gsl_rng_free(a);
    gsl_rng_free(b);
    gsl_rng_free(c);
}

static void test_runinfo_json(void **state)
{
    const char *dir = rm_test_dir("core_runinfo");
    char input[4096];
    snprintf(input, sizeof input, "%s/in.txt", dir);
    FILE *fp = fopen(input, "w");
    fputs("abc", fp);
    fclose(fp);
    char *argv[] = {"reemud", "check", "p.ini"};
    rm_runinfo *ri = rm_runinfo_alloc(3, argv);
    assert_int_equal(rm_runinfo_add_input(ri, "collars", input, NULL), RM_OK);
    rm_runinfo_param_num(ri, "seed", 42);
    rm_runinfo_timing(ri, "total", 1.5);
    assert_int_equal(rm_runinfo_write(ri, dir, NULL), RM_OK);
    rm_runinfo_free(ri);

    char path[4096];
    snprintf(path, sizeof path, "%s/run.json", dir);
    fp = fopen(path, "r");
    char text[8192];
    size_t n = fread(text, 1, sizeof text - 1, fp);
    text[n] = 0;
    fclose(fp);
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItem(root, "version")->valuestring, rm_version());
    cJSON *in0 = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "inputs"), 0);
    assert_string_equal(cJSON_GetObjectItem(in0, "sha256")->valuestring,
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "command")), 3);
    cJSON_Delete(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_input_error_format),
        cmocka_unit_test(test_problems_cap_and_count),
        cmocka_unit_test(test_atomic_commit_and_abort),
        cmocka_unit_test(test_outdir_refuses_overwrite),
        cmocka_unit_test(test_sha256_known_answer),
        cmocka_unit_test(test_read_text_whole_file),
        cmocka_unit_test(test_rng_streams_independent_and_reproducible),
        cmocka_unit_test(test_runinfo_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
