/* drillholes.c — read and validate collars.csv and assays.csv.
 *
 * Formats (docs/data.md): collars `hole_id, lon, lat` (or `x, y`),
 * `water_depth_m, length_m`; assays `hole_id, from_m, to_m`, one column
 * per element in ppm (La..Lu, Y required; Sc optional), optional
 * `dry_density_t_m3`.  Column order is free, names are case-insensitive,
 * other columns are ignored.
 *
 * Nothing stops at the first problem: every row is checked and every
 * problem goes to the rm_problems list with file, line and column, so a
 * user fixes a file in one pass.  A collar with a bad value still defines
 * its hole id, so its assays are not also reported as "unknown hole".
 *
 * Speed (1,000,000 intervals in well under 3 s, bench/read_assays): files
 * are mapped, libcsv hands each field over without copying, plain decimals
 * take the exact fast path of rm_parse_number, hole ids are looked up in an
 * open-addressing hash with a one-entry cache for runs of the same hole,
 * and columns grow by doubling.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/csvtable.h"
#include "reemud/data.h"

/* Column roles, shared by both files. */
enum {
    R_HOLE,
    R_LON,
    R_LAT,
    R_X,
    R_Y,
    R_WD,
    R_LEN,
    R_FROM,
    R_TO,
    R_DENS,
    R_ELEM, /* R_ELEM + e for element e */
    R_N = R_ELEM + RM_NELEM
};

static const char *const role_name[R_ELEM] = {
    "hole_id", "lon", "lat", "x", "y", "water_depth_m", "length_m", "from_m", "to_m",
    "dry_density_t_m3"};

/* Physical limits used in validation. */
#define MAX_WATER_DEPTH_M 11000.0 /* deeper than the Challenger Deep (~10,935 m) */
#define MAX_CORE_LENGTH_M 10000.0
#define MAX_GRADE_PPM 1e6         /* the whole mass */
#define MAX_DENSITY_T_M3 5.0      /* denser than any mud or rock-forming mineral */
#define DEPTH_TOL_M 1e-6          /* round-off allowed on depth comparisons */
#define MAX_ID 255

typedef struct reader {
    rm_drillholes *dh;
    const rm_data_config *cfg;
    rm_problems *problems;
    const char *collars_file;

    int *role;                /* per column, -1 = ignored */
    size_t n_role;
    size_t col_of[R_N];       /* column of each role + 1; 0 = absent */

    /* The record being read. */
    double val[R_N];
    int status[R_N];
    char id[MAX_ID + 1];
    size_t id_len;
    int id_long;
    int collars_unusable; /* the collars gave no hole and a problem: skip unknown holes */
    int row_bad;              /* a cell of this record is not a number */

    /* hole id -> index + 1 */
    size_t *slots;
    size_t n_slots;
    long last_hole;

    size_t cap_holes, cap_int;
    int failed_alloc;
} reader;

/* ---- small helpers ---- */

/* Reallocates *p to cap elements of elem bytes; 0 on success, -1 (and *p untouched) when
 * out of memory. */
static int grow(void **p, size_t elem, size_t cap)
{
    void *q = realloc(*p, cap * elem);
    if (!q)
        return -1;
    *p = q;
    return 0;
}

/* FNV-1a 64-bit hash of the n bytes at s. */
static uint64_t hash_id(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* Index of the hole whose id is the n bytes at id, or -1 when no collar has it (open
 * addressing over r->slots, a power-of-two table). */
static long hash_find(const reader *r, const char *id, size_t n)
{
    if (!r->n_slots)
        return -1;
    size_t mask = r->n_slots - 1;
    for (size_t i = hash_id(id, n) & mask;; i = (i + 1) & mask) {
        size_t s = r->slots[i];
        if (!s)
            return -1;
        const char *h = r->dh->hole_id[s - 1];
        if (!strncmp(h, id, n) && h[n] == '\0')
            return (long)(s - 1);
    }
}

/* Adds hole index (whose id is already in r->dh->hole_id) to the id table, doubling and
 * rehashing holes 0..index-1 first when the table would pass half full. -1 when out of
 * memory. */
static int hash_insert(reader *r, size_t index)
{
    if (2 * (r->dh->n_holes + 1) > r->n_slots) {
        size_t n = r->n_slots ? 2 * r->n_slots : 64;
        size_t *slots = calloc(n, sizeof *slots);
        if (!slots)
            return -1;
        free(r->slots);
        r->slots = slots;
        r->n_slots = n;
        for (size_t h = 0; h < index; h++) {
            const char *id = r->dh->hole_id[h];
            size_t i = hash_id(id, strlen(id)) & (n - 1);
            while (slots[i])
                i = (i + 1) & (n - 1);
            slots[i] = h + 1;
        }
    }
    const char *id = r->dh->hole_id[index];
    size_t mask = r->n_slots - 1;
    size_t i = hash_id(id, strlen(id)) & mask;
    while (r->slots[i])
        i = (i + 1) & mask;
    r->slots[i] = index + 1;
    return 0;
}

/* Clears the record being read: every role empty, no hole id, no bad cell. */
static void reset_record(reader *r)
{
    for (int k = 0; k < R_N; k++)
        r->status[k] = RM_NUM_EMPTY;
    r->id_len = 0;
    r->id_long = 0;
    r->row_bad = 0;
}

/* Column name of role for messages: the element symbol (written into buf of size bytes)
 * for an element role, else the fixed name. */
static const char *role_label(int role, char *buf, size_t size)
{
    if (role >= R_ELEM) {
        snprintf(buf, size, "%s", rm_element(role - R_ELEM)->symbol);
        return buf;
    }
    return role_name[role];
}

/* Header: map column names to roles.  allowed[] lists the roles this file may
 * hold; elements nonzero also maps element columns ("La" or "La_ppm").  A
 * repeated role is reported and its later column ignored.  Returns 0, or -1
 * when out of memory. */
static int map_header(rm_csvtable *t, reader *r, const int *allowed, size_t n_allowed,
                      int elements)
{
    free(r->role);
    r->role = malloc((t->n_header ? t->n_header : 1) * sizeof *r->role);
    if (!r->role) {
        r->failed_alloc = 1;
        return -1;
    }
    r->n_role = t->n_header;
    memset(r->col_of, 0, sizeof r->col_of);
    for (size_t c = 0; c < t->n_header; c++) {
        const char *name = t->header[c];
        int role = -1;
        for (size_t k = 0; k < n_allowed; k++)
            if (!strcasecmp(name, role_name[allowed[k]]))
                role = allowed[k];
        if (role < 0 && elements) {
            char sym[8];
            size_t len = strlen(name);
            /* "La" or "La_ppm" */
            if (len > 4 && !strcasecmp(name + len - 4, "_ppm") && len - 4 < sizeof sym) {
                memcpy(sym, name, len - 4);
                sym[len - 4] = '\0';
                name = sym;
            }
            int e = rm_element_index(name);
            if (e >= 0)
                role = R_ELEM + e;
        }
        if (role >= 0 && r->col_of[role]) {
            char lab[16];
            rm_problems_add(r->problems, t->file, t->record_line, t->header[c],
                            "column '%s' appears twice (columns %zu and %zu)",
                            role_label(role, lab, sizeof lab), r->col_of[role], c + 1);
            role = -1;
        }
        r->role[c] = role;
        if (role >= 0)
            r->col_of[role] = c + 1;
    }
    return 0;
}

/* 0 when role has a column, else records a "required column is missing" problem (hint
 * appended to the message) and returns 1. */
static int require(rm_csvtable *t, reader *r, int role, const char *hint)
{
    if (r->col_of[role])
        return 0;
    char lab[16];
    rm_problems_add(r->problems, t->file, t->record_line, role_label(role, lab, sizeof lab),
                    "required column is missing from the header%s", hint);
    return 1;
}

/* csvtable field callback: stores the trimmed hole id (flagging one over MAX_ID
 * characters), or parses a number into r->val with its status; a malformed number is
 * reported here and marks the row bad. Columns without a role are ignored. */
static void on_field(rm_csvtable *t, size_t col, const char *text, size_t len)
{
    reader *r = t->user;
    if (col >= r->n_role || r->role[col] < 0)
        return;
    int role = r->role[col];
    if (role == R_HOLE) {
        while (len && (*text == ' ' || *text == '\t'))
            text++, len--;
        while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
            len--;
        if (len > MAX_ID) {
            r->id_long = 1;
            len = 0;
        }
        memcpy(r->id, text, len);
        r->id[len] = '\0';
        r->id_len = len;
        return;
    }
    int st = rm_parse_number(text, len, &r->val[role]);
    r->status[role] = st;
    if (st == RM_NUM_OK || st == RM_NUM_EMPTY)
        return;
    r->row_bad = 1;
    char lab[16];
    int shown = len > 40 ? 40 : (int)len;
    const char *why = st == RM_NUM_INVALID     ? "is not a number"
                      : st == RM_NUM_NONFINITE ? "is not a finite number (NaN or infinity)"
                                               : "is out of range (overflows a double)";
    rm_problems_add(r->problems, t->file, t->line, role_label(role, lab, sizeof lab),
                    "'%.*s%s' %s", shown, text, len > 40 ? "..." : "", why);
}

/* The value of role in the current record if it is usable: present, a
 * number, within [lo, hi] (lo excluded if open_lo).  Otherwise report and
 * return NAN.  Number-format problems were reported by on_field. */
static double need(rm_csvtable *t, reader *r, int role, double lo, double hi, int open_lo,
                   const char *why)
{
    char lab[16];
    if (r->status[role] == RM_NUM_EMPTY) {
        rm_problems_add(r->problems, t->file, t->record_line,
                        role_label(role, lab, sizeof lab), "empty value");
        return NAN;
    }
    if (r->status[role] != RM_NUM_OK)
        return NAN;
    double v = r->val[role];
    if (v < lo || v > hi || (open_lo && v == lo)) {
        rm_problems_add(r->problems, t->file, t->record_line,
                        role_label(role, lab, sizeof lab), "%g is outside %s%g, %g] (%s)", v,
                        open_lo ? "(" : "[", lo, hi, why);
        return NAN;
    }
    return v;
}

/* 1 when the record has as many fields as the header, else reports the mismatch and
 * returns 0. */
static int field_count_ok(rm_csvtable *t, reader *r, size_t n_fields)
{
    if (n_fields == t->n_header)
        return 1;
    rm_problems_add(r->problems, t->file, t->record_line, NULL,
                    "row has %zu field%s, the header has %zu", n_fields,
                    n_fields == 1 ? "" : "s", t->n_header);
    return 0;
}

/* ---- collars ---- */

/* csvtable header callback for the collars file: maps columns, ignores the coordinate
 * pair that [data] coords does not select, and reports required columns that are
 * missing. Returns nonzero (stop parsing) when a column is missing or out of memory. */
static int collars_header(rm_csvtable *t)
{
    static const int allowed[] = {R_HOLE, R_LON, R_LAT, R_X, R_Y, R_WD, R_LEN};
    reader *r = t->user;
    if (map_header(t, r, allowed, sizeof allowed / sizeof *allowed, 0))
        return 1;
    /* The other pair of coordinates, if present, is an ignored column. */
    int unused[2] = {R_X, R_Y};
    if (r->cfg->coords == RM_COORDS_XY)
        unused[0] = R_LON, unused[1] = R_LAT;
    for (size_t c = 0; c < r->n_role; c++)
        if (r->role[c] == unused[0] || r->role[c] == unused[1])
            r->role[c] = -1;
    int missing = require(t, r, R_HOLE, "");
    if (r->cfg->coords == RM_COORDS_LONLAT) {
        const char *hint = r->col_of[R_X] ? " (the file has x, y: set coords = xy in [data])"
                                          : "";
        missing += require(t, r, R_LON, hint);
        missing += require(t, r, R_LAT, hint);
    } else {
        const char *hint = r->col_of[R_LON]
                               ? " (the file has lon, lat: set coords = lonlat in [data])"
                               : "";
        missing += require(t, r, R_X, hint);
        missing += require(t, r, R_Y, hint);
    }
    missing += require(t, r, R_WD, "");
    missing += require(t, r, R_LEN, "");
    reset_record(r);
    return missing > 0;
}

/* Appends a hole with the current record's id and the given collar values (line is the
 * CSV line, for messages) and indexes its id. -1 when out of memory. */
static int add_collar(reader *r, long line, double lon, double lat, double x, double y,
                      double wd, double len)
{
    rm_drillholes *dh = r->dh;
    if (dh->n_holes == r->cap_holes) {
        size_t cap = r->cap_holes ? 2 * r->cap_holes : 64;
        if (grow((void **)&dh->hole_id, sizeof *dh->hole_id, cap) ||
            grow((void **)&dh->lon, sizeof *dh->lon, cap) ||
            grow((void **)&dh->lat, sizeof *dh->lat, cap) ||
            grow((void **)&dh->x, sizeof *dh->x, cap) ||
            grow((void **)&dh->y, sizeof *dh->y, cap) ||
            grow((void **)&dh->water_depth_m, sizeof *dh->water_depth_m, cap) ||
            grow((void **)&dh->length_m, sizeof *dh->length_m, cap) ||
            grow((void **)&dh->collar_line, sizeof *dh->collar_line, cap))
            return -1;
        r->cap_holes = cap;
    }
    size_t h = dh->n_holes;
    dh->hole_id[h] = strdup(r->id);
    if (!dh->hole_id[h])
        return -1;
    dh->lon[h] = lon;
    dh->lat[h] = lat;
    dh->x[h] = x;
    dh->y[h] = y;
    dh->water_depth_m[h] = wd;
    dh->length_m[h] = len;
    dh->collar_line[h] = line;
    dh->n_holes++;
    return hash_insert(r, h);
}

/* Checks every record of either table starts with: memory, the field count
 * and the hole id.  On failure the problem is recorded and the record
 * dropped. */
static int record_usable(rm_csvtable *t, reader *r, size_t n_fields)
{
    if (r->failed_alloc || !field_count_ok(t, r, n_fields)) {
        reset_record(r);
        return 0;
    }
    if (r->id_long || r->id_len == 0) {
        rm_problems_add(r->problems, t->file, t->record_line, "hole_id",
                        r->id_long ? "hole id is longer than %d characters"
                                   : "empty hole id",
                        MAX_ID);
        reset_record(r);
        return 0;
    }
    return 1;
}

/* csvtable record callback for the collars file: checks the record (duplicate id, ranges
 * of coordinates, water depth, core length) and appends the hole; values that fail are
 * NAN and reported, and the hole is still added. */
static void collars_record(rm_csvtable *t, size_t n_fields)
{
    reader *r = t->user;
    if (!record_usable(t, r, n_fields))
        return;
    long prev = hash_find(r, r->id, r->id_len);
    if (prev >= 0) {
        rm_problems_add(r->problems, t->file, t->record_line, "hole_id",
                        "duplicate hole id '%s' (first on line %ld)", r->id,
                        r->dh->collar_line[prev]);
        reset_record(r);
        return;
    }
    double lon = NAN, lat = NAN, x = NAN, y = NAN;
    if (r->cfg->coords == RM_COORDS_LONLAT) {
        lon = need(t, r, R_LON, -180, 180, 0, "longitude in degrees");
        lat = need(t, r, R_LAT, -90, 90, 0, "latitude in degrees");
    } else {
        x = need(t, r, R_X, -1e8, 1e8, 0, "projected metres");
        y = need(t, r, R_Y, -1e8, 1e8, 0, "projected metres");
    }
    double wd = need(t, r, R_WD, 0, MAX_WATER_DEPTH_M, 0, "metres below sea level");
    double len = need(t, r, R_LEN, 0, MAX_CORE_LENGTH_M, 1, "core length in metres");
    if (add_collar(r, t->record_line, lon, lat, x, y, wd, len))
        r->failed_alloc = 1;
    reset_record(r);
}

/* ---- assays ---- */

/* csvtable header callback for the assays file: maps hole_id, from_m, to_m, the optional
 * dry density and element columns (symbol or symbol_ppm); every REY element is required.
 * Returns nonzero (stop parsing) when a column is missing or out of memory. */
static int assays_header(rm_csvtable *t)
{
    static const int allowed[] = {R_HOLE, R_FROM, R_TO, R_DENS};
    reader *r = t->user;
    if (map_header(t, r, allowed, sizeof allowed / sizeof *allowed, 1))
        return 1;
    int missing = require(t, r, R_HOLE, "") + require(t, r, R_FROM, "") +
                  require(t, r, R_TO, "");
    for (int e = 0; e < RM_NREY; e++)
        missing += require(t, r, R_ELEM + e, " (every REY element La..Lu and Y, in ppm)");
    reset_record(r);
    return missing > 0;
}

/* Appends an interval [from, to] m of hole (index into the collars) with the current
 * record's grades (NAN where empty) and density. -1 when out of memory. */
static int add_interval(reader *r, long line, size_t hole, double from, double to)
{
    rm_drillholes *dh = r->dh;
    size_t i = dh->n_intervals;
    if (i == r->cap_int) {
        size_t cap = r->cap_int ? 2 * r->cap_int : 1024;
        if (grow((void **)&dh->hole, sizeof *dh->hole, cap) ||
            grow((void **)&dh->from_m, sizeof *dh->from_m, cap) ||
            grow((void **)&dh->to_m, sizeof *dh->to_m, cap) ||
            grow((void **)&dh->line, sizeof *dh->line, cap))
            return -1;
        for (int e = 0; e < RM_NELEM; e++)
            if (r->col_of[R_ELEM + e] &&
                grow((void **)&dh->grade_ppm[e], sizeof **dh->grade_ppm, cap))
                return -1;
        if (r->col_of[R_DENS] && grow((void **)&dh->density_t_m3, sizeof *dh->density_t_m3, cap))
            return -1;
        r->cap_int = cap;
    }
    dh->hole[i] = hole;
    dh->from_m[i] = from;
    dh->to_m[i] = to;
    dh->line[i] = line;
    for (int e = 0; e < RM_NELEM; e++)
        if (r->col_of[R_ELEM + e])
            dh->grade_ppm[e][i] = r->status[R_ELEM + e] == RM_NUM_OK ? r->val[R_ELEM + e] : NAN;
    if (r->col_of[R_DENS])
        dh->density_t_m3[i] = r->status[R_DENS] == RM_NUM_OK ? r->val[R_DENS] : NAN;
    dh->n_intervals++;
    return 0;
}

/* csvtable record callback for the assays file: checks the hole exists, the depths (from
 * < to <= core length) and the grade and density ranges; the interval is added only when
 * the record raised no problem. */
static void assays_record(rm_csvtable *t, size_t n_fields)
{
    reader *r = t->user;
    if (!record_usable(t, r, n_fields))
        return;
    long h = r->last_hole;
    if (h < 0 || strcmp(r->dh->hole_id[h], r->id))
        h = hash_find(r, r->id, r->id_len);
    if (h < 0 && r->collars_unusable) {
        reset_record(r); /* the collars' own problem says why: no cascade */
        return;
    }
    if (h < 0) {
        rm_problems_add(r->problems, t->file, t->record_line, "hole_id",
                        "assays for hole '%s', which is not in %s", r->id, r->collars_file);
        reset_record(r);
        return;
    }
    r->last_hole = h;
    size_t before = r->problems->count;
    double from = need(t, r, R_FROM, 0, MAX_CORE_LENGTH_M, 0, "metres below seafloor");
    double to = need(t, r, R_TO, 0, MAX_CORE_LENGTH_M, 0, "metres below seafloor");
    if (from >= to)
        rm_problems_add(r->problems, t->file, t->record_line, "to_m",
                        "to_m %g is not greater than from_m %g", to, from);
    double len = r->dh->length_m[h];
    if (to > len + DEPTH_TOL_M)
        rm_problems_add(r->problems, t->file, t->record_line, "to_m",
                        "to_m %g is past the core length %g m of hole '%s' (%s:%ld)", to, len,
                        r->id, r->collars_file, r->dh->collar_line[h]);
    for (int e = 0; e < RM_NELEM; e++) {
        int role = R_ELEM + e;
        if (!r->col_of[role] || r->status[role] == RM_NUM_INVALID ||
            r->status[role] == RM_NUM_NONFINITE || r->status[role] == RM_NUM_RANGE)
            continue;
        const char *sym = rm_element(e)->symbol;
        if (r->status[role] == RM_NUM_EMPTY) {
            if (e < RM_NREY) /* Sc may be unmeasured; REY may not */
                rm_problems_add(r->problems, t->file, t->record_line, sym, "empty value");
            continue;
        }
        double g = r->val[role];
        if (g < 0)
            rm_problems_add(r->problems, t->file, t->record_line, sym,
                            "negative grade %g ppm", g);
        else if (g > MAX_GRADE_PPM)
            rm_problems_add(r->problems, t->file, t->record_line, sym,
                            "grade %g ppm exceeds 1,000,000 ppm (the whole mass)", g);
    }
    if (r->col_of[R_DENS] && r->status[R_DENS] == RM_NUM_OK) {
        double d = r->val[R_DENS];
        if (!(d > 0 && d <= MAX_DENSITY_T_M3))
            rm_problems_add(r->problems, t->file, t->record_line, "dry_density_t_m3",
                            "%g is outside (0, %g] t/m3", d, MAX_DENSITY_T_M3);
    }
    if (r->problems->count == before && !r->row_bad && add_interval(r, t->record_line, (size_t)h, from, to))
        r->failed_alloc = 1;
    reset_record(r);
}

/* ---- after reading: sort by (hole, from_m), overlaps, hole_start ---- */

typedef struct sort_key {
    size_t hole;
    double from;
    size_t index;
} sort_key;

/* qsort order of intervals by hole, then from_m, then original index (a stable total
 * order). */
static int cmp_key(const void *a, const void *b)
{
    const sort_key *p = a, *q = b;
    if (p->hole != q->hole)
        return p->hole < q->hole ? -1 : 1;
    if (p->from != q->from)
        return p->from < q->from ? -1 : 1;
    return p->index < q->index ? -1 : p->index > q->index;
}

#define PERMUTE(type, arr)                                                  \
    do {                                                                    \
        type *tmp_ = (type *)scratch;                                       \
        for (size_t i_ = 0; i_ < n; i_++)                                   \
            tmp_[i_] = (arr)[keys[i_].index];                               \
        memcpy((arr), tmp_, n * sizeof(type));                              \
    } while (0)

/* Sorts dh's intervals by (hole, from_m) in place, permuting every per-interval array;
 * returns at once when they are already sorted. RM_ENOMEM when out of memory. */
static rm_status sort_intervals(rm_drillholes *dh, rm_error *err)
{
    size_t n = dh->n_intervals;
    int sorted = 1;
    for (size_t i = 1; i < n && sorted; i++)
        if (dh->hole[i] < dh->hole[i - 1] ||
            (dh->hole[i] == dh->hole[i - 1] && dh->from_m[i] < dh->from_m[i - 1]))
            sorted = 0;
    if (sorted)
        return RM_OK;
    sort_key *keys = malloc(n * sizeof *keys);
    size_t width = sizeof(double);
    if (sizeof(size_t) > width)
        width = sizeof(size_t);
    if (sizeof(long) > width)
        width = sizeof(long);
    void *scratch = malloc(n * width + 1);
    if (!keys || !scratch) {
        free(keys);
        free(scratch);
        return rm_error_set(err, RM_ENOMEM, "out of memory sorting intervals");
    }
    for (size_t i = 0; i < n; i++)
        keys[i] = (sort_key){dh->hole[i], dh->from_m[i], i};
    qsort(keys, n, sizeof *keys, cmp_key);
    PERMUTE(size_t, dh->hole);
    PERMUTE(double, dh->from_m);
    PERMUTE(double, dh->to_m);
    PERMUTE(long, dh->line);
    for (int e = 0; e < RM_NELEM; e++)
        if (dh->grade_ppm[e])
            PERMUTE(double, dh->grade_ppm[e]);
    if (dh->density_t_m3)
        PERMUTE(double, dh->density_t_m3);
    free(keys);
    free(scratch);
    return RM_OK;
}

/* After both files are read: sorts the intervals, reports overlapping intervals of a
 * hole into problems, and builds dh->hole_start (intervals of hole h are hole_start[h]
 * .. hole_start[h+1]-1). */
static rm_status finish(rm_drillholes *dh, rm_problems *problems, rm_error *err)
{
    rm_status st = sort_intervals(dh, err);
    if (st)
        return st;
    for (size_t i = 1; i < dh->n_intervals; i++) {
        if (dh->hole[i] == dh->hole[i - 1] && dh->from_m[i] < dh->to_m[i - 1] - DEPTH_TOL_M)
            rm_problems_add(problems, dh->assays_path, dh->line[i], "from_m",
                            "interval %g-%g m of hole '%s' overlaps %g-%g m on line %ld",
                            dh->from_m[i], dh->to_m[i], dh->hole_id[dh->hole[i]],
                            dh->from_m[i - 1], dh->to_m[i - 1], dh->line[i - 1]);
    }
    dh->hole_start = calloc(dh->n_holes + 1, sizeof *dh->hole_start);
    if (!dh->hole_start)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    for (size_t i = 0; i < dh->n_intervals; i++)
        dh->hole_start[dh->hole[i] + 1]++;
    for (size_t h = 0; h < dh->n_holes; h++)
        dh->hole_start[h + 1] += dh->hole_start[h];
    return RM_OK;
}

/* ---- entry points ---- */

/* Marks a table that rm_drillholes_read found to be an OGR source (a sheet,
 * a layer): its rows come from ogrtable.c instead of a CSV buffer. */
static const char ogr_source[] = "";

/* Parse one table: from its CSV buffer, or through OGR from t->file. */
static rm_status parse_table(rm_csvtable *t, const char *buf, size_t len, rm_error *err)
{
    return buf == ogr_source ? rm_ogrtable_parse(t, t->file, err)
                             : rm_csvtable_parse(t, buf, len, err);
}

rm_status rm_drillholes_read_mem(const rm_data_config *cfg, const char *collars_name,
                                 const char *collars, size_t collars_len,
                                 const char *assays_name, const char *assays,
                                 size_t assays_len, rm_drillholes **out,
                                 rm_problems *problems, rm_error *err)
{
    *out = NULL;
    rm_problems local;
    if (!problems) {
        rm_problems_init(&local, cfg->max_problems);
        problems = &local;
    }
    size_t before = problems->count;
    rm_drillholes *dh = calloc(1, sizeof *dh);
    if (!dh)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    snprintf(dh->collars_path, sizeof dh->collars_path, "%s", collars_name);
    snprintf(dh->assays_path, sizeof dh->assays_path, "%s", assays_name);

    reader r = {.dh = dh, .cfg = cfg, .problems = problems, .collars_file = collars_name,
                .last_hole = -1};
    rm_status st = RM_OK;

    rm_csvtable t = {.file = collars_name, .problems = problems, .user = &r,
                     .on_header = collars_header, .on_field = on_field,
                     .on_record = collars_record};
    st = parse_table(&t, collars, collars_len, err);
    rm_csvtable_free(&t);
    r.collars_unusable = dh->n_holes == 0 && problems->count > before;
    if (!st && !r.failed_alloc) {
        rm_csvtable ta = {.file = assays_name, .problems = problems, .user = &r,
                          .on_header = assays_header, .on_field = on_field,
                          .on_record = assays_record};
        st = parse_table(&ta, assays, assays_len, err);
        rm_csvtable_free(&ta);
    }
    if (!st && r.failed_alloc)
        st = rm_error_set(err, RM_ENOMEM, "out of memory reading %s", assays_name);
    free(r.role);
    free(r.slots);
    if (!st)
        st = finish(dh, problems, err);
    if (!st && problems->count > before) {
        /* err carries this call's first problem and the count */
        if (err && problems->kept > 0) {
            size_t first = before < problems->kept ? before : problems->kept - 1;
            rm_error_set(err, RM_EDATA, "%s (%zu problem%s in all)",
                         problems->messages[first], problems->count - before,
                         problems->count - before == 1 ? "" : "s");
        } else {
            rm_error_set(err, RM_EDATA, "%zu input problems", problems->count - before);
        }
        st = RM_EDATA;
    }
    if (problems == &local)
        rm_problems_free(&local);
    if (st) {
        rm_drillholes_free(dh);
        return st;
    }
    *out = dh;
    return RM_OK;
}

rm_status rm_drillholes_read(const rm_data_config *cfg, rm_drillholes **out,
                             rm_problems *problems, rm_error *err)
{
    *out = NULL;
    const char *cbuf = NULL, *abuf = NULL;
    size_t clen = 0, alen = 0;
    /* A sheet of a workbook or a layer of a GeoPackage is read through OGR. */
    int c_ogr = rm_ogrtable_is_source(cfg->collars_path);
    int a_ogr = rm_ogrtable_is_source(cfg->assays_path);
    rm_status st = c_ogr ? RM_OK : rm_map_file(cfg->collars_path, &cbuf, &clen, err);
    if (st)
        return st;
    st = a_ogr ? RM_OK : rm_map_file(cfg->assays_path, &abuf, &alen, err);
    if (st) {
        rm_unmap_file(cbuf, clen);
        return st;
    }
    st = rm_drillholes_read_mem(cfg, cfg->collars_path,
                                c_ogr ? ogr_source : cbuf ? cbuf : "", clen,
                                cfg->assays_path, a_ogr ? ogr_source : abuf ? abuf : "", alen,
                                out, problems, err);
    rm_unmap_file(cbuf, clen);
    rm_unmap_file(abuf, alen);
    return st;
}

void rm_drillholes_free(rm_drillholes *dh)
{
    if (!dh)
        return;
    for (size_t h = 0; h < dh->n_holes; h++)
        free(dh->hole_id[h]);
    free(dh->hole_id);
    free(dh->lon);
    free(dh->lat);
    free(dh->x);
    free(dh->y);
    free(dh->water_depth_m);
    free(dh->length_m);
    free(dh->collar_line);
    free(dh->hole);
    free(dh->from_m);
    free(dh->to_m);
    for (int e = 0; e < RM_NELEM; e++)
        free(dh->grade_ppm[e]);
    free(dh->density_t_m3);
    free(dh->line);
    free(dh->hole_start);
    free(dh);
}

double rm_drillholes_core_length_m(const rm_drillholes *dh)
{
    double s = 0;
    for (size_t h = 0; h < dh->n_holes; h++)
        s += dh->length_m[h];
    return s;
}

double rm_drillholes_assayed_length_m(const rm_drillholes *dh)
{
    double s = 0;
    for (size_t i = 0; i < dh->n_intervals; i++)
        s += dh->to_m[i] - dh->from_m[i];
    return s;
}

long rm_drillholes_find(const rm_drillholes *dh, const char *hole_id)
{
    for (size_t h = 0; h < dh->n_holes; h++)
        if (!strcmp(dh->hole_id[h], hole_id))
            return (long)h;
    return -1;
}
