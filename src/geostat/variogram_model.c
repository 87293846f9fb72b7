/* variogram_model.c — nested variogram models with geometric anisotropy,
 * the MODEL string parser and formatter.
 *
 * Anisotropy follows GSLIB's setrot (Deutsch & Journel 1998, GSLIB 2nd ed.,
 * pp. 27-29 and the routine setrot in gslib/setrot.f), which gstat adopts for
 * its anis = c(p, q, r, s1, s2): a separation d is rotated into the
 * structure's axes (major, minor, vertical) and each axis divided by its
 * range, so the reduced distance is h = |R d| and gamma = sill * g(h).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reemud/variogram.h"

const rm_vgm_type *rm_vgm_type_find(const char *name, size_t len)
{
    const rm_vgm_type *const types[] = {rm_vgm_nug, rm_vgm_sph, rm_vgm_exp, rm_vgm_gau};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        const char *t = types[i]->name;
        if (strlen(t) == len && strncasecmp(t, name, len) == 0)
            return types[i];
    }
    return NULL;
}

void rm_vgm_init(rm_vgm_model *m)
{
    memset(m, 0, sizeof *m);
}

void rm_vgm_setrot(double azimuth_deg, double dip_deg, double rake_deg, double r1,
                   double r2, double M[9])
{
    const double deg = M_PI / 180.0;
    /* setrot: alpha = 90 - azimuth (measured from east, counter-clockwise),
     * beta = -dip, theta = rake. */
    double alpha = (90.0 - azimuth_deg) * deg;
    double beta = -dip_deg * deg;
    double theta = rake_deg * deg;
    double sina = sin(alpha), cosa = cos(alpha);
    double sinb = sin(beta), cosb = cos(beta);
    double sint = sin(theta), cost = cos(theta);
    double afac1 = 1.0 / fmax(r1, 1e-20);
    double afac2 = 1.0 / fmax(r2, 1e-20);
    M[0] = cosb * cosa;
    M[1] = cosb * sina;
    M[2] = -sinb;
    M[3] = afac1 * (-cost * sina + sint * sinb * cosa);
    M[4] = afac1 * (cost * cosa + sint * sinb * sina);
    M[5] = afac1 * (sint * cosb);
    M[6] = afac2 * (sint * sina + cost * sinb * cosa);
    M[7] = afac2 * (-sint * cosa + cost * sinb * sina);
    M[8] = afac2 * (cost * cosb);
}

/* Validate structure i and fill its derived fields. */
static rm_status update_struct(rm_vgm_struct *s, int i, rm_error *err)
{
    if (!s->type)
        return rm_error_set(err, RM_EINVAL, "variogram structure %d has no type", i + 1);
    if (!isfinite(s->sill) || s->sill < 0.0)
        return rm_error_set(err, RM_EINVAL,
                            "variogram structure %d (%s): sill %g must be finite and >= 0",
                            i + 1, s->type->name, s->sill);
    if (!s->type->has_range) {
        s->isotropic = 1;
        s->inv_range = 0.0;
        memset(s->range, 0, sizeof s->range);
        memset(s->angle_deg, 0, sizeof s->angle_deg);
        memset(s->rot, 0, sizeof s->rot);
        s->n_ranges = 0;
        s->n_angles = 0;
        return RM_OK;
    }
    for (int k = 0; k < 3; k++) {
        if (!isfinite(s->range[k]) || s->range[k] <= 0.0)
            return rm_error_set(err, RM_EINVAL,
                                "variogram structure %d (%s): range %g must be finite and > 0",
                                i + 1, s->type->name, s->range[k]);
        if (!isfinite(s->angle_deg[k]))
            return rm_error_set(err, RM_EINVAL,
                                "variogram structure %d (%s): angle %g is not finite", i + 1,
                                s->type->name, s->angle_deg[k]);
    }
    /* Ranges are major, minor, vertical (gstat's anisotropy ratios are
     * <= 1); angles azimuth 0..360, dip and rake -90..90 (GSLIB's
     * convention): anything else is a typo, not a rotation. */
    static const char *const range_name[3] = {"major", "minor", "vertical"};
    for (int k = 1; k < 3; k++)
        if (s->range[k] > s->range[0] * (1 + 1e-12))
            return rm_error_set(err, RM_EINVAL,
                                "variogram structure %d (%s): the %s range %g exceeds the "
                                "major range %g (ranges are major, minor, vertical; turn "
                                "the azimuth instead)",
                                i + 1, s->type->name, range_name[k], s->range[k], s->range[0]);
    static const char *const angle_name[3] = {"azimuth", "dip", "rake"};
    static const double angle_lo[3] = {0, -90, -90}, angle_hi[3] = {360, 90, 90};
    for (int k = 0; k < 3; k++)
        if (s->angle_deg[k] < angle_lo[k] || s->angle_deg[k] > angle_hi[k])
            return rm_error_set(err, RM_EINVAL,
                                "variogram structure %d (%s): %s %g is outside %g..%g degrees",
                                i + 1, s->type->name, angle_name[k], s->angle_deg[k],
                                angle_lo[k], angle_hi[k]);
    double a = s->range[0];
    s->inv_range = 1.0 / a;
    s->isotropic = (s->range[1] == a && s->range[2] == a);
    rm_vgm_setrot(s->angle_deg[0], s->angle_deg[1], s->angle_deg[2], s->range[1] / a,
                  s->range[2] / a, s->rot);
    for (int k = 0; k < 9; k++)
        s->rot[k] /= a;
    return RM_OK;
}

rm_status rm_vgm_update(rm_vgm_model *m, rm_error *err)
{
    if (m->n < 0 || m->n > RM_VGM_MAX_STRUCT)
        return rm_error_set(err, RM_EINVAL, "variogram model has %d structures (at most %d)",
                            m->n, RM_VGM_MAX_STRUCT);
    for (int i = 0; i < m->n; i++) {
        rm_status st = update_struct(&m->s[i], i, err);
        if (st != RM_OK)
            return st;
    }
    return RM_OK;
}

rm_status rm_vgm_add(rm_vgm_model *m, const rm_vgm_type *type, double sill,
                     const double *ranges, int n_ranges, const double *angles,
                     int n_angles, rm_error *err)
{
    if (m->n >= RM_VGM_MAX_STRUCT)
        return rm_error_set(err, RM_EINVAL, "a variogram model holds at most %d structures",
                            RM_VGM_MAX_STRUCT);
    if (!type)
        return rm_error_set(err, RM_EINVAL, "variogram structure without a type");
    if (n_ranges < 0 || n_ranges > 3 || n_angles < 0 || n_angles > 3)
        return rm_error_set(err, RM_EINVAL, "%s: 1-3 ranges and 0-3 angles expected",
                            type->name);
    if (type->has_range && n_ranges == 0)
        return rm_error_set(err, RM_EINVAL, "%s needs a range", type->name);
    rm_vgm_struct s;
    memset(&s, 0, sizeof s);
    s.type = type;
    s.sill = sill;
    if (type->has_range) {
        s.n_ranges = n_ranges;
        s.n_angles = n_angles;
        s.range[0] = ranges[0];
        /* One range: isotropic.  Two: major, minor, vertical = major (gstat's
         * 2-D anis).  Three: major, minor, vertical. */
        s.range[1] = n_ranges >= 2 ? ranges[1] : ranges[0];
        s.range[2] = n_ranges >= 3 ? ranges[2] : ranges[0];
        for (int k = 0; k < n_angles; k++)
            s.angle_deg[k] = angles[k];
    }
    rm_status st = update_struct(&s, m->n, err);
    if (st != RM_OK)
        return st;
    m->s[m->n++] = s;
    return RM_OK;
}

double rm_vgm_sill(const rm_vgm_model *m)
{
    double sill = 0.0;
    for (int i = 0; i < m->n; i++)
        sill += m->s[i].sill;
    return sill;
}

double rm_vgm_nugget(const rm_vgm_model *m)
{
    double nug = 0.0;
    for (int i = 0; i < m->n; i++)
        if (!m->s[i].type->has_range)
            nug += m->s[i].sill;
    return nug;
}

double rm_vgm_max_range(const rm_vgm_model *m)
{
    double r = 0.0;
    for (int i = 0; i < m->n; i++)
        if (m->s[i].type->has_range && m->s[i].range[0] > r)
            r = m->s[i].range[0];
    return r;
}

double rm_vgm_practical_range_factor(const rm_vgm_model *m)
{
    const rm_vgm_type *type = NULL;
    double longest = 0.0;
    for (int i = 0; i < m->n; i++)
        if (m->s[i].type->has_range && m->s[i].range[0] > longest) {
            longest = m->s[i].range[0];
            type = m->s[i].type;
        }
    if (type == rm_vgm_exp)
        return 3.0;
    if (type == rm_vgm_gau)
        return sqrt(3.0);
    return 1.0;
}

/* Reduced distance of separation d for structure s (which has a range). */
static inline double reduced_distance(const rm_vgm_struct *s, double h2, double dx,
                                      double dy, double dz)
{
    if (s->isotropic)
        return sqrt(h2) * s->inv_range;
    const double *R = s->rot;
    double u = R[0] * dx + R[1] * dy + R[2] * dz;
    double v = R[3] * dx + R[4] * dy + R[5] * dz;
    double w = R[6] * dx + R[7] * dy + R[8] * dz;
    return sqrt(u * u + v * v + w * w);
}

double rm_vgm_gamma(const rm_vgm_model *m, double dx, double dy, double dz)
{
    double h2 = dx * dx + dy * dy + dz * dz;
    double g = 0.0;
    for (int i = 0; i < m->n; i++) {
        const rm_vgm_struct *s = &m->s[i];
        if (!s->type->has_range) {
            if (h2 > 0.0)
                g += s->sill;
            continue;
        }
        g += s->sill * s->type->gamma(reduced_distance(s, h2, dx, dy, dz));
    }
    return g;
}

double rm_vgm_cov(const rm_vgm_model *m, double dx, double dy, double dz)
{
    double h2 = dx * dx + dy * dy + dz * dz;
    double c = 0.0;
    for (int i = 0; i < m->n; i++) {
        const rm_vgm_struct *s = &m->s[i];
        if (!s->type->has_range) {
            if (h2 == 0.0)
                c += s->sill;
            continue;
        }
        c += s->sill * (1.0 - s->type->gamma(reduced_distance(s, h2, dx, dy, dz)));
    }
    return c;
}

double rm_vgm_gamma_h(const rm_vgm_model *m, double h)
{
    double g = 0.0;
    for (int i = 0; i < m->n; i++) {
        const rm_vgm_struct *s = &m->s[i];
        if (!s->type->has_range)
            g += h > 0.0 ? s->sill : 0.0;
        else
            g += s->sill * s->type->gamma(h / s->range[0]);
    }
    return g;
}

void rm_vgm_search_metric(const rm_vgm_model *m, double M[9])
{
    /* The structure that carries most of the variance sets the search
     * anisotropy (ties: the longer range).  Taking the longest range instead,
     * as GSLIB's kt3d does when no search ellipsoid is given, lets a zonal
     * component (a near-infinite horizontal range standing for layering)
     * make every vertical offset look thousands of kilometres long, so that
     * each block would draw on one composite level only. */
    const rm_vgm_struct *longest = NULL;
    for (int i = 0; i < m->n; i++) {
        const rm_vgm_struct *s = &m->s[i];
        if (!s->type->has_range)
            continue;
        if (!longest || s->sill > longest->sill ||
            (s->sill == longest->sill && s->range[0] > longest->range[0]))
            longest = s;
    }
    if (!longest || longest->isotropic) {
        static const double identity[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        memcpy(M, identity, sizeof identity);
        return;
    }
    double a = longest->range[0];
    rm_vgm_setrot(longest->angle_deg[0], longest->angle_deg[1], longest->angle_deg[2],
                  longest->range[1] / a, longest->range[2] / a, M);
}

/* ---- Parser ----
 *
 * model  := term ( '+' term )*
 * term   := NUMBER TYPE [ '(' [ list [ ';' list ] ] ')' ]
 * list   := NUMBER ( ',' NUMBER )*
 */

typedef struct parser {
    const char *text;
    const char *p;
    rm_error *err;
} parser;

/* Fail at column (p - text + 1), echoing the text with a caret. */
static rm_status parse_fail(parser *ps, const char *at, const char *what)
{
    size_t col = (size_t)(at - ps->text);
    char caret[512];
    size_t n = col < sizeof caret - 2 ? col : sizeof caret - 2;
    memset(caret, ' ', n);
    caret[n] = '^';
    caret[n + 1] = '\0';
    return rm_error_set(ps->err, RM_EINVAL, "model \"%s\": column %zu: %s\n  %s\n  %s",
                        ps->text, col + 1, what, ps->text, caret);
}

/* Advances the parser past white space. */
static void skip_space(parser *ps)
{
    while (*ps->p && isspace((unsigned char)*ps->p))
        ps->p++;
}

/* Reads a plain decimal number (no inf, nan or hex) after optional space into *out; on
 * failure a caret message naming what was expected. */
static rm_status parse_number(parser *ps, double *out, const char *what)
{
    skip_space(ps);
    const char *start = ps->p;
    /* Only plain decimal numbers: reject "inf", "nan" and hex. */
    const char *q = start;
    if (*q == '+' || *q == '-')
        q++;
    if (!(isdigit((unsigned char)*q) || (*q == '.' && isdigit((unsigned char)q[1])))) {
        char msg[128];
        snprintf(msg, sizeof msg, "expected %s", what);
        return parse_fail(ps, start, msg);
    }
    if (q[0] == '0' && (q[1] == 'x' || q[1] == 'X'))
        return parse_fail(ps, start, "hexadecimal numbers are not accepted");
    char *end;
    errno = 0;
    double v = strtod(start, &end);
    if (errno == ERANGE || !isfinite(v))
        return parse_fail(ps, start, "number out of range");
    ps->p = end;
    *out = v;
    return RM_OK;
}

/* Reads one or more comma-separated numbers into vals (at most max; *n counts them);
 * what names them in messages. */
static rm_status parse_list(parser *ps, double *vals, int *n, int max, const char *what)
{
    *n = 0;
    for (;;) {
        skip_space(ps);
        if (*n == max) {
            char msg[128];
            snprintf(msg, sizeof msg, "at most %d %s", max, what);
            return parse_fail(ps, ps->p, msg);
        }
        rm_status st = parse_number(ps, &vals[*n], what);
        if (st != RM_OK)
            return st;
        (*n)++;
        skip_space(ps);
        if (*ps->p != ',')
            return RM_OK;
        ps->p++;
    }
}

/* Reads one term "sill Type(ranges; angles)" (Nug takes no range, or "(0)") and adds it
 * to m through rm_vgm_add; RM_EINVAL with a caret message on bad text. */
static rm_status parse_term(parser *ps, rm_vgm_model *m)
{
    double sill;
    skip_space(ps);
    const char *sill_at = ps->p;
    rm_status st = parse_number(ps, &sill, "a sill (e.g. \"0.5 Sph(100)\")");
    if (st != RM_OK)
        return st;
    if (sill < 0.0)
        return parse_fail(ps, sill_at, "a sill must be >= 0");
    skip_space(ps);
    const char *name = ps->p;
    while (isalpha((unsigned char)*ps->p))
        ps->p++;
    size_t len = (size_t)(ps->p - name);
    if (len == 0)
        return parse_fail(ps, name, "expected a model type (Nug, Sph, Exp, Gau)");
    const rm_vgm_type *type = rm_vgm_type_find(name, len);
    if (!type)
        return parse_fail(ps, name, "unknown model type (expected Nug, Sph, Exp, Gau)");
    double ranges[3] = {0}, angles[3] = {0};
    int n_ranges = 0, n_angles = 0;
    skip_space(ps);
    const char *open = ps->p;
    if (*ps->p == '(') {
        ps->p++;
        skip_space(ps);
        if (!type->has_range) {
            /* Accept "Nug()" and gstat's "Nug(0)". */
            if (*ps->p != ')') {
                double zero;
                const char *at = ps->p;
                if ((st = parse_number(ps, &zero, "0 or ')'")) != RM_OK)
                    return st;
                if (zero != 0.0)
                    return parse_fail(ps, at, "the nugget has no range");
                skip_space(ps);
            }
        } else {
            if ((st = parse_list(ps, ranges, &n_ranges, 3, "ranges")) != RM_OK)
                return st;
            skip_space(ps);
            if (*ps->p == ';') {
                ps->p++;
                if ((st = parse_list(ps, angles, &n_angles, 3, "angles")) != RM_OK)
                    return st;
                skip_space(ps);
            }
        }
        if (*ps->p != ')')
            return parse_fail(ps, ps->p,
                              *ps->p ? "expected ',', ';' or ')'" : "missing ')'");
        ps->p++;
    } else if (type->has_range) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s needs a range in parentheses, e.g. %s(100)",
                 type->name, type->name);
        return parse_fail(ps, open, msg);
    }
    for (int k = 0; k < n_ranges; k++)
        if (ranges[k] <= 0.0)
            return parse_fail(ps, open, "ranges must be > 0");
    if (m->n >= RM_VGM_MAX_STRUCT) {
        char msg[128];
        snprintf(msg, sizeof msg, "at most %d structures", RM_VGM_MAX_STRUCT);
        return parse_fail(ps, sill_at, msg);
    }
    return rm_vgm_add(m, type, sill, ranges, n_ranges, angles, n_angles, ps->err);
}

rm_status rm_vgm_parse(const char *text, rm_vgm_model *out, rm_error *err)
{
    parser ps = {text, text, err};
    rm_vgm_model m;
    rm_vgm_init(&m);
    if (!text)
        return rm_error_set(err, RM_EINVAL, "no model given");
    for (;;) {
        rm_status st = parse_term(&ps, &m);
        if (st != RM_OK)
            return st;
        skip_space(&ps);
        if (*ps.p == '\0')
            break;
        if (*ps.p != '+')
            return parse_fail(&ps, ps.p, "expected '+' or the end of the model");
        ps.p++;
    }
    *out = m;
    return RM_OK;
}

/* ---- Formatter ---- */

/* Shortest %g form that reads back as exactly v; integers below 1e16 are
 * written out in full (300, not 3e+02). */
static void shortest(char *buf, size_t size, double v)
{
    int prec = 1;
    for (; prec < 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    double a = fabs(v);
    if (a >= 1.0 && a < 1e16) {
        int digits = (int)floor(log10(a)) + 1;
        if (prec < digits)
            prec = digits;
    }
    snprintf(buf, size, "%.*g", prec, v);
}

typedef struct sbuf {
    char *buf;
    size_t size, len;
    int overflow;
} sbuf;

/* Appends s to b, truncating and setting b->overflow when it does not fit; keeps b->buf
 * terminated when b->size > 0. */
static void put(sbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->size) {
        b->overflow = 1;
        n = b->len + 1 < b->size ? b->size - b->len - 1 : 0;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    if (b->size)
        b->buf[b->len] = '\0';
}

/* Appends v to b in the shortest form that reads back exactly (see shortest). */
static void put_num(sbuf *b, double v)
{
    char num[40];
    shortest(num, sizeof num, v);
    put(b, num);
}

rm_status rm_vgm_format(const rm_vgm_model *m, char *buf, size_t size, rm_error *err)
{
    sbuf b = {buf, size, 0, 0};
    if (size)
        buf[0] = '\0';
    for (int i = 0; i < m->n; i++) {
        const rm_vgm_struct *s = &m->s[i];
        if (i)
            put(&b, " + ");
        put_num(&b, s->sill);
        put(&b, " ");
        put(&b, s->type->name);
        if (!s->type->has_range)
            continue;
        int nr = s->n_ranges;
        /* A structure edited directly may have fewer declared ranges than
         * it uses: write what is needed to reproduce it. */
        if (nr < 3 && s->range[2] != s->range[0])
            nr = 3;
        if (nr < 2 && s->range[1] != s->range[0])
            nr = 2;
        if (nr < 1)
            nr = 1;
        int na = s->n_angles;
        for (int k = 2; k >= na; k--)
            if (s->angle_deg[k] != 0.0) {
                na = k + 1;
                break;
            }
        put(&b, "(");
        for (int k = 0; k < nr; k++) {
            if (k)
                put(&b, ", ");
            put_num(&b, s->range[k]);
        }
        if (na > 0) {
            put(&b, "; ");
            for (int k = 0; k < na; k++) {
                if (k)
                    put(&b, ", ");
                put_num(&b, s->angle_deg[k]);
            }
        }
        put(&b, ")");
    }
    if (b.overflow)
        return rm_error_set(err, RM_EINVAL, "model string longer than %zu bytes", size);
    return RM_OK;
}
