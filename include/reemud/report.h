/* report.h — figures (PLplot, PNG + SVG) and the HTML report.
 *
 * The report layer reads plain numbers: every figure function takes a
 * struct of arrays and labels the caller fills from whatever stage produced
 * them, and the HTML report is a small document model (sections,
 * paragraphs, key–value tables with units, data tables, figures, an
 * "answers first" box and a provenance section read from run.json) that is
 * written as one self-contained page.  Nothing here computes science.
 *
 * Figures
 *   rm_fig_<kind>(dir, name, &data, err) writes DIR/NAME.png (pngcairo) and
 *   DIR/NAME.svg (svgcairo), each under a temporary name renamed into place.
 *   NaN values are skipped; a figure with nothing to draw fails with
 *   RM_EINVAL and a message, it never crashes.  Labels are UTF-8 and are
 *   drawn literally (PLplot's '#' escapes are neutralised).  Each call uses
 *   its own PLplot stream and restores the caller's current stream; PLplot
 *   itself is not thread-safe, so do not draw figures from two threads.
 *
 * Grids follow the block-model convention (blockmodel.h): cell (i, j, k)
 * has centre x0 + (i + 0.5) dx, y0 + (j + 0.5) dy, z0 + (k + 0.5) dz, with
 * (x0, y0) the lower-left corner in projected metres, z0 the top in metres
 * below seafloor (positive down), and index i + nx (j + ny k).
 */
#ifndef REEMUD_REPORT_H
#define REEMUD_REPORT_H

#include <stddef.h>

#include "reemud/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Size of every figure: PNG pixels (SVG points). */
#define RM_FIG_WIDTH 1200
#define RM_FIG_HEIGHT 780

/* ---- Plan-view map of a 2-D grid ---- */

typedef struct rm_fig_map {
    const char *title;        /* NULL: none */
    const char *value_label;  /* colour-bar label with unit, e.g. "ΣREY (ppm)" */
    const char *crs_label;    /* appended to the axis names, e.g. "UTM 56N"; NULL: none */
    size_t nx, ny;
    double x0_m, y0_m;        /* lower-left corner (projected metres) */
    double dx_m, dy_m;        /* cell size (m) */
    const double *values;     /* nx*ny, index i + nx j; NaN = no value */
    /* Optional points (e.g. core locations); labels may be NULL. */
    size_t n_points;
    const double *point_x_m, *point_y_m;
    const char *const *point_labels;
    /* Colour range; used when value_max > value_min (so that maps to be
     * compared share one scale), else from the data. */
    double value_min, value_max;
} rm_fig_map;

rm_status rm_fig_map_plan(const char *dir, const char *name, const rm_fig_map *map,
                          rm_error *err);

/* ---- Vertical cross-section through a 3-D grid ---- */

typedef enum rm_fig_section_axis {
    RM_FIG_SECTION_ALONG_X = 0, /* fixed row j = index, horizontal axis x */
    RM_FIG_SECTION_ALONG_Y = 1  /* fixed column i = index, horizontal axis y */
} rm_fig_section_axis;

typedef struct rm_fig_section {
    const char *title;
    const char *value_label;
    const char *crs_label;
    size_t nx, ny, nz;
    double x0_m, y0_m, z0_mbsf; /* lower-left corner, top depth */
    double dx_m, dy_m, dz_m;
    const double *values;       /* nx*ny*nz, index i + nx (j + ny k) */
    rm_fig_section_axis axis;
    size_t index;               /* row (ALONG_X) or column (ALONG_Y) */
} rm_fig_section;

rm_status rm_fig_section_plot(const char *dir, const char *name,
                              const rm_fig_section *sec, rm_error *err);

/* ---- Grade–tonnage curves with an uncertainty band ---- */

typedef struct rm_fig_gradetonnage {
    const char *title;
    const char *cutoff_label;  /* e.g. "Cut-off ΣREY (ppm)" */
    const char *grade_label;   /* e.g. "Mean grade above cut-off ΣREY (ppm)" */
    size_t n;
    const double *cutoff;      /* n, increasing */
    const double *tonnes;      /* n, central curve (P50 or kriged), t */
    const double *grade;       /* n, central mean grade above cut-off */
    /* Optional band (all four NULL or all four set): P10 and P90 curves. */
    const double *tonnes_p10, *tonnes_p90;
    const double *grade_p10, *grade_p90;
} rm_fig_gradetonnage;

rm_status rm_fig_gradetonnage_plot(const char *dir, const char *name,
                                   const rm_fig_gradetonnage *gt, rm_error *err);

/* ---- Variograms: experimental points and fitted models ---- */

typedef struct rm_fig_vario_series {
    const char *label;          /* legend, e.g. "horizontal" */
    size_t n_lags;
    const double *lag_m;        /* mean lag distance of each class */
    const double *gamma;        /* experimental semivariance */
    const double *n_pairs;      /* optional: symbol area grows with pairs */
    size_t n_model;             /* fitted model sampled by the caller */
    const double *model_h_m, *model_gamma;
    const char *model_label;    /* e.g. "0.05 Nug + 0.59 Sph(897)"; NULL: none */
} rm_fig_vario_series;

typedef struct rm_fig_variogram {
    const char *title;
    const char *lag_label;      /* NULL: "Lag distance (m)" */
    const char *gamma_label;    /* e.g. "γ(h) (ppm²)" */
    double sill;                /* dashed line at the total sill; NaN: none */
    size_t n_series;
    const rm_fig_vario_series *series;
} rm_fig_variogram;

rm_status rm_fig_variogram_plot(const char *dir, const char *name,
                                const rm_fig_variogram *v, rm_error *err);

/* ---- Cross-validation scatter ---- */

typedef struct rm_fig_xval {
    const char *title;
    const char *observed_label;  /* e.g. "Observed ΣREY (ppm)" */
    const char *estimated_label; /* e.g. "Estimated ΣREY (ppm)" */
    const char *note;            /* optional text in the corner, e.g. "ME = 3 ppm" */
    size_t n;
    const double *observed, *estimated;
} rm_fig_xval;

rm_status rm_fig_xval_plot(const char *dir, const char *name, const rm_fig_xval *x,
                           rm_error *err);

/* ---- Generic named curves (lift profiles, energy vs rate) ---- */

typedef struct rm_fig_curve {
    const char *label;     /* legend */
    size_t n;
    const double *x, *y;
    int dashed;            /* 1: dashed line (e.g. a reference such as hydrostatic),
                              2: dotted, 3: long dashes */
    int marker;            /* 0: none; k > 0: an open symbol every k points (so
                              that curves lying on top of each other stay
                              distinguishable) */
} rm_fig_curve;

/* Profile against depth, depth positive down on the vertical axis.  Each
 * curve's x is the quantity (pressure, void fraction, ...) and y the depth.
 * x values are multiplied by x_scale before plotting (e.g. 1e-6 for Pa to
 * MPa) so the caller keeps SI units. */
typedef struct rm_fig_profile {
    const char *title;
    const char *x_label;       /* e.g. "Pressure (MPa)" */
    const char *depth_label;   /* NULL: "Depth below sea surface (m)" */
    double x_scale;            /* 0 means 1 */
    size_t n_curves;
    const rm_fig_curve *curves;
} rm_fig_profile;

rm_status rm_fig_profile_plot(const char *dir, const char *name,
                              const rm_fig_profile *p, rm_error *err);

/* Energy per tonne against production rate for several lift systems (or any
 * x–y family).  marker_x (if finite) draws a vertical line, e.g. at the
 * design rate, labelled marker_label.  Log axes are numbered with the values
 * themselves (0.1, 1, 10, 100, 1,000), and x_min/x_max, when finite, fix the
 * x range (e.g. 100–100,000 t/day) whatever the curves cover. */
typedef struct rm_fig_lines {
    const char *title;
    const char *x_label;       /* e.g. "Production rate (t/day, dry)" */
    const char *y_label;       /* e.g. "Lift energy (kWh/t dry)" */
    int log_y;                 /* 1: logarithmic y axis (values <= 0 skipped) */
    int log_x;                 /* 1: logarithmic x axis (values <= 0 skipped) */
    double x_min, x_max;       /* used when x_max > x_min (> 0 on a log axis);
                                  0, 0: from the data */
    double marker_x;           /* NaN: none */
    const char *marker_label;
    size_t n_curves;
    const rm_fig_curve *curves;
} rm_fig_lines;

rm_status rm_fig_lines_plot(const char *dir, const char *name, const rm_fig_lines *l,
                            rm_error *err);

/* ---- Supply coverage per element ---- */

typedef struct rm_fig_coverage {
    const char *title;
    const char *y_label;        /* e.g. "Output / demand (%)" */
    int log_y;                  /* 1: logarithmic axis (values <= 0 drawn as absent) */
    double reference;           /* horizontal line (e.g. 100 %); NaN: none */
    const char *reference_label;
    const char *controlled_label;   /* legend; NULL: "Export-controlled" */
    const char *uncontrolled_label; /* legend; NULL: "Not controlled" */
    size_t n;
    const char *const *names;   /* element symbols */
    const double *values;       /* NaN: no bar */
    const int *controlled;      /* n flags (NULL: none controlled) */
} rm_fig_coverage;

rm_status rm_fig_coverage_plot(const char *dir, const char *name,
                               const rm_fig_coverage *c, rm_error *err);

/* ---- NPV distribution and tornado ---- */

typedef struct rm_fig_mark {
    double x;
    const char *label;          /* e.g. "P50" */
} rm_fig_mark;

typedef struct rm_fig_histogram {
    const char *title;
    const char *x_label;        /* e.g. "NPV (USD million)" */
    size_t n;
    const double *values;       /* samples; NaN skipped */
    size_t n_bins;              /* 0: automatic */
    size_t n_marks;             /* vertical lines, e.g. P10, P50, P90 */
    const rm_fig_mark *marks;
} rm_fig_histogram;

rm_status rm_fig_histogram_plot(const char *dir, const char *name,
                                const rm_fig_histogram *h, rm_error *err);

/* One bar per parameter: the output at the parameter's low and high
 * setting, drawn around base.  Bars are sorted by swing, largest on top. */
typedef struct rm_fig_tornado {
    const char *title;
    const char *x_label;        /* e.g. "NPV (USD million)" */
    double base;                /* output at the base case */
    size_t n;
    const char *const *names;   /* e.g. "Price ±30 %" */
    const double *low, *high;   /* output with the parameter at low / high */
} rm_fig_tornado;

rm_status rm_fig_tornado_plot(const char *dir, const char *name,
                              const rm_fig_tornado *t, rm_error *err);

/* ---- HTML report ---- */

typedef struct rm_report rm_report;

/* A report titled title; NULL on out of memory. */
rm_report *rm_report_alloc(const char *title);
void rm_report_free(rm_report *r);

/* A line under the title, e.g. "Synthetic example deposit — not real data",
 * shown as a notice. */
rm_status rm_report_set_notice(rm_report *r, const char *text, rm_error *err);

/* Start the answers box: always written first, right under the title,
 * whatever the order of calls.  Content added next goes into it until the
 * next rm_report_add_section.  At most one per report. */
rm_status rm_report_add_answers(rm_report *r, const char *heading, rm_error *err);

/* Start a new section (h2, listed in the contents) or a sub-heading (h3)
 * in the current section.  Content is added to the current section. */
rm_status rm_report_add_section(rm_report *r, const char *heading, rm_error *err);
rm_status rm_report_add_subheading(rm_report *r, const char *heading, rm_error *err);

rm_status rm_report_add_paragraph(rm_report *r, const char *text, rm_error *err);

/* A row of a key–value table; consecutive rows share one table.  unit may
 * be NULL or "" for dimensionless values. */
rm_status rm_report_add_kv(rm_report *r, const char *name, const char *value,
                           const char *unit, rm_error *err);
/* The same with a number printed with `decimals` digits after the point and
 * thousands separators; NaN prints "n/a". */
rm_status rm_report_add_kv_num(rm_report *r, const char *name, double value,
                               int decimals, const char *unit, rm_error *err);

/* A data table: ncols header cells, then nrows*ncols cells row by row.
 * caption may be NULL.  Cells that read as numbers are right-aligned. */
rm_status rm_report_add_table(rm_report *r, const char *caption, size_t ncols,
                              const char *const *header, size_t nrows,
                              const char *const *cells, rm_error *err);

/* A figure by path relative to the report's folder (normally NAME.png);
 * when NAME.svg exists beside it the page links it. */
rm_status rm_report_add_figure(rm_report *r, const char *rel_path, const char *caption,
                               rm_error *err);

/* An HTML fragment the report's own code wrote (e.g. the supply bottleneck
 * table, report_supply.h), read from path now and put into the page as it
 * is, unescaped: never pass a file holding text from input. */
rm_status rm_report_add_html_file(rm_report *r, const char *path, rm_error *err);

/* A "Provenance" section from a run.json written by rm_runinfo_write:
 * version, command, start time, inputs with SHA-256, parameters, timings. */
rm_status rm_report_add_provenance(rm_report *r, const char *run_json_path,
                                   rm_error *err);

/* Write the page to path (atomically).  Every figure must exist relative to
 * the folder of path, else RM_EIO naming the missing file. */
rm_status rm_report_write_html(const rm_report *r, const char *path, rm_error *err);

/* Escape text for HTML (& < > " ') into out; returns the length needed
 * (excluding NUL), like snprintf. */
size_t rm_report_html_escape(const char *text, char *out, size_t size);

/* ---- The assessment's figures and page (assess_figures.c, assess_report.c) ----
 *
 * The pipeline (assess.h, src/assess/) hands its result; these only read
 * it: every number drawn or printed is a value a stage computed. */

struct rm_assess_result; /* assess.h */

/* Figures written into figures/ (base names; each gets .png and .svg),
 * NULL-terminated. */
extern const char *const rm_assess_figures[];

/* Draw every figure of r into dir (figures/). */
rm_status rm_assess_figures_draw(const struct rm_assess_result *r, const char *dir,
                                 rm_error *err);

/* Build and write report.html into dir (figures under figures/, run.json
 * beside it). */
rm_status rm_assess_report_write(const struct rm_assess_result *r, const char *dir,
                                 rm_error *err);

/* Which of r's values the report and summary dwell on: the index of the
 * ΣREY cut-off 0 in the simulation (else 0); the chain rate with the
 * highest NPV P50; the largest chain rate; the chain rate nearest t/day
 * (SIZE_MAX if none within 1 %). */
size_t rm_assess_zero_cutoff(const struct rm_assess_result *r);
size_t rm_assess_best_rate(const struct rm_assess_result *r);
size_t rm_assess_largest_rate(const struct rm_assess_result *r);
size_t rm_assess_rate_index(const struct rm_assess_result *r, double t_per_day);

/* ---- Figures of an estimate's validation pack (fig_validation.c) ---- */

/* Files rm_fig_validation writes (NULL-terminated): swath_x, swath_y,
 * swath_z (ΣREY: blocks, nearest-neighbour model and composites per slice)
 * and validation_gt (kriged blocks vs the DGM block-support curve), each as
 * .png and .svg. */
extern const char *const rm_fig_validation_outputs[];

struct rm_validation;
/* Draw the validation figures of v (resource.h) into dir. */
rm_status rm_fig_validation(const char *dir, const struct rm_validation *v, rm_error *err);

/* Log-probability plot of the composites behind top-cuts (resource.h,
 * rm_topcut_info): each capped variable's uncapped grades against their
 * normal scores, log grade axis, its cap as a dashed line; dir/topcut.png
 * and .svg.  Nothing to draw (no caps) is RM_EINVAL. */
struct rm_topcut_info;
rm_status rm_fig_topcut(const char *dir, const struct rm_topcut_info *t, rm_error *err);

/* Kriging neighbourhood analysis (resource.h, rm_kna_table): mean slope of
 * regression, its lower decile and the mean kriging efficiency against nmax,
 * one set per maxdist (at most 4); dir/kna.png and .svg. */
struct rm_kna_table;
rm_status rm_fig_kna(const char *dir, const struct rm_kna_table *t, rm_error *err);

#ifdef __cplusplus
}
#endif
#endif
