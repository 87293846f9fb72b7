/* test_report.c — figure functions (PNG + SVG written, valid, NaN and
 * empty inputs, no temporary files left, PLplot stream restored) and the
 * HTML model (escaping, number formatting, figure existence, answers
 * first, provenance from run.json). */
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <plplot.h>

#include "reemud/core.h"
#include "reemud/report.h"
#include "rm_test.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, fp);
    fclose(fp);
    buf[got] = '\0';
    if (len)
        *len = got;
    return buf;
}

/* Tags balance: every <x ...> closes with </x> in order; <?..?>, <!..>
 * and self-closing <x/> stand alone.  Enough to catch a truncated or
 * garbled file. */
static int xml_balanced(const char *s)
{
    char stack[64][64];
    int depth = 0;
    for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<')) {
        if (p[1] == '?' || p[1] == '!')
            continue;
        const char *end = strchr(p, '>');
        if (!end)
            return 0;
        int closing = p[1] == '/';
        const char *name = p + 1 + closing;
        size_t len = strcspn(name, " \t\n/>");
        if (len == 0 || len >= 64)
            return 0;
        if (closing) {
            if (depth == 0 || strncmp(stack[depth - 1], name, len) != 0 ||
                stack[depth - 1][len] != '\0')
                return 0;
            depth--;
        } else if (end[-1] != '/') {
            if (depth == 64)
                return 0;
            memcpy(stack[depth], name, len);
            stack[depth][len] = '\0';
            depth++;
        }
    }
    return depth == 0;
}

static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* NAME.png is a PNG of the documented size; NAME.svg is balanced XML with
 * drawn glyphs (cairo turns text into glyph symbols, at least as many uses
 * as the title has letters); nothing temporary is left in dir. */
static void check_figure(const char *dir, const char *name, size_t min_glyph_uses)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.png", dir, name);
    size_t len = 0;
    unsigned char *png = (unsigned char *)slurp(path, &len);
    if (!png)
        fail_msg("%s was not written", path);
    assert_true(len > 2000);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    unsigned w = (unsigned)png[16] << 24 | png[17] << 16 | png[18] << 8 | png[19];
    unsigned h = (unsigned)png[20] << 24 | png[21] << 16 | png[22] << 8 | png[23];
    assert_int_equal(w, RM_FIG_WIDTH);
    assert_int_equal(h, RM_FIG_HEIGHT);
    free(png);

    snprintf(path, sizeof path, "%s/%s.svg", dir, name);
    char *svg = slurp(path, &len);
    if (!svg)
        fail_msg("%s was not written", path);
    assert_non_null(strstr(svg, "<svg"));
    assert_non_null(strstr(svg, "</svg>"));
    if (!xml_balanced(svg))
        fail_msg("%s is not well-formed", path);
    if (count(svg, "xlink:href=\"#glyph") < min_glyph_uses)
        fail_msg("%s shows %zu glyphs, expected at least %zu", path,
                 count(svg, "xlink:href=\"#glyph"), min_glyph_uses);
    free(svg);

    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));)
        if (strstr(e->d_name, ".tmp."))
            fail_msg("temporary file left behind: %s", e->d_name);
    closedir(d);
}

static const char *fresh_dir(const char *name)
{
    const char *dir = rm_test_dir(name);
    assert_non_null(dir);
    static char copy[4096];
    snprintf(copy, sizeof copy, "%s", dir);
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -f '%s'/* '%s'/.*.tmp.* 2>/dev/null", copy, copy);
    if (system(cmd)) {
    }
    return copy;
}

static void test_map_and_section(void **state)
{
    const char *dir = fresh_dir("report_fig_map");
    double v[4 * 3 * 2];
    for (int i = 0; i < 24; i++)
        v[i] = 1000 + 100 * i;
    v[0] = NAN; /* skipped, not fatal */
    double px[2] = {500500, 501500}, py[2] = {2600500, 2601500};
    const char *labels[2] = {"A#1", NULL};
    rm_fig_map m = {"Plan", "ΣREY (ppm)", "UTM 56N", 4, 3, 500000, 2600000, 1000, 1000, v,
                    2, px, py, labels, 0, 0};
    rm_error err;
    PLINT before, after;
    plgstrm(&before);
    if (rm_fig_map_plan(dir, "plan", &m, &err))
        fail_msg("%s", err.message);
    plgstrm(&after);
    assert_int_equal(before, after);
    check_figure(dir, "plan", strlen("Plan"));

    rm_fig_section s = {"Section", "ΣREY (ppm)", NULL, 4, 3, 2, 500000, 2600000, 0, 1000, 1000,
                        5, v, RM_FIG_SECTION_ALONG_Y, 3};
    if (rm_fig_section_plot(dir, "sec", &s, &err))
        fail_msg("%s", err.message);
    check_figure(dir, "sec", strlen("Section"));

    s.index = 4; /* only 4 columns: 0..3 */
    assert_int_equal(rm_fig_section_plot(dir, "sec2", &s, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "outside the grid"));

    double allnan[4] = {NAN, NAN, NAN, NAN};
    rm_fig_map empty = {NULL, "x", NULL, 2, 2, 0, 0, 1, 1, allnan, 0, NULL, NULL, NULL, 0, 0};
    assert_int_equal(rm_fig_map_plan(dir, "nan", &empty, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "NaN"));
    empty.nx = 0;
    assert_int_equal(rm_fig_map_plan(dir, "zero", &empty, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "empty grid"));
    assert_int_not_equal(access("nan.png", F_OK), 0);
}

static void test_curves_and_bars(void **state)
{
    const char *dir = fresh_dir("report_fig_curves");
    rm_error err;
    double x[5] = {0, 1000, 2000, NAN, 4000}, y[5] = {10, 8, 6, 5, 2}, y2[5] = {2, 3, NAN, 5, 6};

    double t10[5] = {9, 7, 5, 4, 1}, t90[5] = {11, 9, 7, 6, 3};
    rm_fig_gradetonnage gt = {"GT", "Cut-off (ppm)", "Grade (ppm)", 5, x, y, y2, t10, t90,
                              y2, y2};
    if (rm_fig_gradetonnage_plot(dir, "gt", &gt, &err))
        fail_msg("%s", err.message);
    check_figure(dir, "gt", 2);
    gt.grade_p90 = NULL; /* half a band is an error */
    assert_int_equal(rm_fig_gradetonnage_plot(dir, "gt2", &gt, &err), RM_EINVAL);

    double np[5] = {10, 20, 30, 40, 50};
    rm_fig_vario_series se = {"H", 5, x, y2, np, 5, x, y2, "1 Sph(3000)"};
    rm_fig_variogram vg = {"Variogram", NULL, "γ", 5.0, 1, &se};
    if (rm_fig_variogram_plot(dir, "vg", &vg, &err))
        fail_msg("%s", err.message);
    check_figure(dir, "vg", strlen("Variogram"));
    vg.n_series = 0;
    assert_int_equal(rm_fig_variogram_plot(dir, "vg0", &vg, &err), RM_EINVAL);

    rm_fig_xval xv = {"Cross-validation", "Observed", "Estimated", "note #1", 5, y, y2};
    if (rm_fig_xval_plot(dir, "xv", &xv, &err))
        fail_msg("%s", err.message);
    check_figure(dir, "xv", strlen("Cross-validation") - 1);

    rm_fig_curve c[2] = {{"a", 5, y, x, 0, 0}, {"b", 5, y2, x, 1, 2}};
    rm_fig_profile pr = {"Profile", "Pressure (MPa)", NULL, 1e-6, 2, c};
    if (rm_fig_profile_plot(dir, "pr", &pr, &err))
        fail_msg("%s", err.message);
    check_figure(dir, "pr", strlen("Profile"));

    rm_fig_lines li = {"Energy", "Rate", "kWh/t", 1, 0, 0, 0, 1500, "design", 2, c};
    if (rm_fig_lines_plot(dir, "li", &li, &err))
        fail_msg("%s", err.message);
    check_figure(dir, "li", strlen("Energy"));
    double neg[5] = {-1, -2, 0, NAN, -3};
    rm_fig_curve cn = {"neg", 5, x, neg, 0, 0};
    rm_fig_lines ln = {"L", "x", "y", 1, 0, 0, 0, NAN, NULL, 1, &cn};
    assert_int_equal(rm_fig_lines_plot(dir, "ln", &ln, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "log"));

    const char *names[3] = {"La", "Dy", "Tb"};
    double cover[3] = {3, 40, NAN};
    int ctl[3] = {0, 1, 1};
    rm_fig_coverage cv = {"Coverage", "Output / demand (%)", 1, 100, "demand", NULL, NULL, 3,
                          names, cover, ctl};
    if (rm_fig_coverage_plot(dir, "cv", &cv, &err))
        fail_msg("%s", err.message);
    check_figure(dir, "cv", strlen("Coverage"));

    double npv[6] = {-100, -50, 0, 25, NAN, 80};
    rm_fig_mark mk[1] = {{0, "P50"}};
    rm_fig_histogram hi = {"NPV", "NPV (USD million)", 6, npv, 0, 1, mk};
    if (rm_fig_histogram_plot(dir, "hi", &hi, &err))
        fail_msg("%s", err.message);
    check_figure(dir, "hi", 3);
    hi.n = 0;
    assert_int_equal(rm_fig_histogram_plot(dir, "hi0", &hi, &err), RM_EINVAL);

    const char *par[2] = {"Price", "Grade"};
    double lo[2] = {-80, -20}, hi2[2] = {60, 10};
    rm_fig_tornado to = {"Tornado", "NPV (USD million)", 0, 2, par, lo, hi2};
    if (rm_fig_tornado_plot(dir, "to", &to, &err))
        fail_msg("%s", err.message);
    check_figure(dir, "to", strlen("Tornado"));
}

static void test_figure_target_errors(void **state)
{
    rm_error err;
    double v[1] = {1};
    rm_fig_map m = {NULL, "v", NULL, 1, 1, 0, 0, 1, 1, v, 0, NULL, NULL, NULL, 0, 0};
    assert_int_equal(rm_fig_map_plan("/nonexistent/reemud", "m", &m, &err), RM_EIO);
    assert_non_null(strstr(err.message, "does not exist"));
    const char *dir = fresh_dir("report_fig_target");
    assert_int_equal(rm_fig_map_plan(dir, "a/b", &m, &err), RM_EINVAL);
    assert_int_equal(rm_fig_map_plan(dir, "", &m, &err), RM_EINVAL);
    assert_int_equal(rm_fig_map_plan(dir, "m", NULL, &err), RM_EINVAL);
}

static void test_html_escape(void **state)
{
    char out[64];
    size_t n = rm_report_html_escape("a<b & \"c\" 'd'>", out, sizeof out);
    assert_string_equal(out, "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
    assert_int_equal(n, strlen(out));
    /* Too small: no partial entity, the needed length is still returned. */
    char small[7];
    n = rm_report_html_escape("x&y", small, sizeof small);
    assert_string_equal(small, "x&amp;");
    assert_int_equal(n, 7);
    char tiny[4];
    rm_report_html_escape("x&y", tiny, sizeof tiny);
    assert_string_equal(tiny, "x");
}

static void test_html_document(void **state)
{
    const char *dir = fresh_dir("report_html");
    char path[4096], fig[4096];
    snprintf(fig, sizeof fig, "%s/f.png", dir);
    FILE *fp = fopen(fig, "w");
    fputs("not really a png", fp);
    fclose(fp);
    snprintf(fig, sizeof fig, "%s/f.svg", dir);
    fp = fopen(fig, "w");
    fputs("<svg/>", fp);
    fclose(fp);

    rm_error err;
    rm_report *r = rm_report_alloc("T & <b>");
    assert_non_null(r);
    assert_int_equal(rm_report_add_paragraph(r, "before any section", &err), RM_OK);
    assert_int_equal(rm_report_add_section(r, "Sec <1>", &err), RM_OK);
    assert_int_equal(rm_report_add_kv_num(r, "Big", 1234567.891, 2, "t", &err), RM_OK);
    assert_int_equal(rm_report_add_kv_num(r, "Neg", -1234.4, 0, NULL, &err), RM_OK);
    assert_int_equal(rm_report_add_kv_num(r, "None", NAN, 1, "ppm", &err), RM_OK);
    const char *head[2] = {"Name", "Value"};
    const char *cells[4] = {"<script>", "12.5", "x", "1,000 %"};
    assert_int_equal(rm_report_add_table(r, "Cap", 2, head, 2, cells, &err), RM_OK);
    assert_int_equal(rm_report_add_figure(r, "f.png", "Fig \"one\"", &err), RM_OK);
    assert_int_equal(rm_report_add_figure(r, "/abs.png", "x", &err), RM_EINVAL);
    assert_int_equal(rm_report_add_answers(r, "Answers", &err), RM_OK);
    assert_int_equal(rm_report_add_answers(r, "Again", &err), RM_EINVAL);
    assert_int_equal(rm_report_add_kv(r, "Resource", "12", "Mt", &err), RM_OK);
    assert_int_equal(rm_report_add_section(r, "", &err), RM_EINVAL);
    snprintf(path, sizeof path, "%s/report.html", dir);
    if (rm_report_write_html(r, path, &err))
        fail_msg("%s", err.message);

    char *html = slurp(path, NULL);
    assert_non_null(html);
    assert_non_null(strstr(html, "<title>T &amp; &lt;b&gt;</title>"));
    assert_null(strstr(html, "<script>"));
    assert_non_null(strstr(html, "&lt;script&gt;"));
    assert_non_null(strstr(html, "<td class=\"value\">1,234,567.89</td>"));
    assert_non_null(strstr(html, "<td class=\"value\">-1,234</td>"));
    assert_non_null(strstr(html, "<td class=\"value\">n/a</td>"));
    assert_non_null(strstr(html, "<td class=\"num\">12.5</td>"));
    assert_non_null(strstr(html, "<td class=\"num\">1,000 %</td>"));
    assert_non_null(strstr(html, "alt=\"Fig &quot;one&quot;\""));
    assert_non_null(strstr(html, "href=\"f.svg\""));
    assert_true(strstr(html, "class=\"answers\"") < strstr(html, "Sec &lt;1&gt;"));
    assert_null(strstr(html, "http://"));
    assert_null(strstr(html, "https://"));
    free(html);

    /* A figure that does not exist stops the write and names the file. */
    assert_int_equal(rm_report_add_figure(r, "missing.png", "gone", &err), RM_OK);
    snprintf(path, sizeof path, "%s/report2.html", dir);
    assert_int_equal(rm_report_write_html(r, path, &err), RM_EIO);
    assert_non_null(strstr(err.message, "missing.png"));
    assert_int_not_equal(access(path, F_OK), 0);
    rm_report_free(r);
    rm_report_free(NULL);
}

static void test_provenance(void **state)
{
    const char *dir = fresh_dir("report_prov");
    char input[4096];
    snprintf(input, sizeof input, "%s/in.csv", dir);
    FILE *fp = fopen(input, "w");
    fputs("abc", fp);
    fclose(fp);
    char *argv[] = {"reemud", "assess", "my project.ini"};
    rm_runinfo *ri = rm_runinfo_alloc(3, argv);
    rm_error err;
    assert_int_equal(rm_runinfo_add_input(ri, "assays", input, &err), RM_OK);
    rm_runinfo_param_num(ri, "seed", 7);
    rm_runinfo_param_str(ri, "model", "0.1 Nug + 0.9 Sph(900)");
    rm_runinfo_timing(ri, "krige", 1.25);
    assert_int_equal(rm_runinfo_write(ri, dir, &err), RM_OK);
    rm_runinfo_free(ri);

    char runjson[4096], html_path[4096];
    snprintf(runjson, sizeof runjson, "%s/run.json", dir);
    snprintf(html_path, sizeof html_path, "%s/p.html", dir);
    rm_report *r = rm_report_alloc("P");
    assert_int_equal(rm_report_add_provenance(r, runjson, &err), RM_OK);
    assert_int_equal(rm_report_write_html(r, html_path, &err), RM_OK);
    rm_report_free(r);
    char *html = slurp(html_path, NULL);
    /* SHA-256("abc"), FIPS 180-2. */
    assert_non_null(strstr(html, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    assert_non_null(strstr(html, "reemud assess &#39;my project.ini&#39;"));
    assert_non_null(strstr(html, rm_version()));
    assert_non_null(strstr(html, "0.1 Nug + 0.9 Sph(900)"));
    assert_non_null(strstr(html, "<td class=\"num\">1.25</td>"));
    free(html);

    r = rm_report_alloc("P");
    assert_int_equal(rm_report_add_provenance(r, "/nonexistent/run.json", &err), RM_EIO);
    snprintf(runjson, sizeof runjson, "%s/bad.json", dir);
    fp = fopen(runjson, "w");
    fputs("{\"version\": ", fp);
    fclose(fp);
    assert_int_equal(rm_report_add_provenance(r, runjson, &err), RM_EDATA);
    rm_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_map_and_section),
        cmocka_unit_test(test_curves_and_bars),
        cmocka_unit_test(test_figure_target_errors),
        cmocka_unit_test(test_html_escape),
        cmocka_unit_test(test_html_document),
        cmocka_unit_test(test_provenance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
