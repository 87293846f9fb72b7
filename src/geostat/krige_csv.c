/* krige_csv.c — the kriging result table as CSV, fast.
 *
 * A 200,000-target run writes ~2 million numbers; snprintf("%.10g") costs
 * a few hundred nanoseconds each, more than the kriging itself.  Numbers
 * are therefore formatted by rm_krige_format_double (scale to 10 digits
 * with an exact power of ten, round to an integer, print the digits),
 * and blocks of rows are formatted in parallel and written in row order
 * (a pipeline of OpenMP tasks, see rm_krige_write_csv).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "reemud/krige.h"

static const double pow10_tab[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* |x| * 10^p with one rounding when 10^|p| is exact; 0 when out of table. */
static int scale10(double x, int p, double *out)
{
    if (p >= 0 && p <= 22)
        *out = x * pow10_tab[p];
    else if (p < 0 && p >= -22)
        *out = x / pow10_tab[-p];
    else
        return -1;
    return 0;
}

static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930"
                            "31323334353637383940414243444546474849505152535455565758596061"
                            "6263646566676869707172737475767778798081828384858687888990919293"
                            "949596979899";

/* The five decimal digits of x < 100000, by fixed-point multiplication:
 * y = x·⌈2³²/10⁴⌉ holds the first digit in its high word and the rest as a
 * binary fraction, whose digits come out two at a time by multiplying the
 * low word by 100 (exact for every x < 100000: checked exhaustively). */
static inline void digits5(uint32_t x, char *d)
{
    uint64_t y = (uint64_t)x * 429497u;
    d[0] = (char)('0' + (y >> 32));
    y = (uint32_t)y * 100ull;
    memcpy(d + 1, &pairs[2 * (y >> 32)], 2);
    y = (uint32_t)y * 100ull;
    memcpy(d + 3, &pairs[2 * (y >> 32)], 2);
}

/* The ten decimal digits of u < 10¹⁰ (leading zeros kept). */
static inline void digits10(uint64_t u, char *d)
{
    uint32_t hi = (uint32_t)(u / 100000), lo = (uint32_t)(u - (uint64_t)hi * 100000);
    digits5(hi, d);
    digits5(lo, d + 5);
}

int rm_krige_format_double(double x, char *buf)
{
    /* integers of up to ten digits print as integers in %.10g (and as the
     * digits below would give them) */
    if (fabs(x) < 1e10 && x == (double)(int64_t)x && x != 0.0) {
        int64_t v = (int64_t)x;
        char *p = buf;
        if (v < 0) {
            *p++ = '-';
            v = -v;
        }
        char d[10];
        digits10((uint64_t)v, d);
        int lead = 0;
        while (lead < 9 && d[lead] == '0')
            lead++;
        memcpy(p, d + lead, (size_t)(10 - lead));
        p += 10 - lead;
        *p = 0;
        return (int)(p - buf);
    }
    if (!isfinite(x) || x == 0.0) {
        if (x == 0.0) {
            buf[0] = '0';
            buf[1] = 0;
            return 1;
        }
        return snprintf(buf, 32, "%.10g", x);
    }
    char *p = buf;
    double ax = fabs(x);
    /* decimal exponent from the binary one (log10 2 = 0.30103); the scaling
     * check below corrects an estimate that is one off */
    uint64_t bits;
    memcpy(&bits, &ax, sizeof bits);
    int e2 = (int)((bits >> 52) & 0x7ff) - 1023;
    if (e2 < -1000) /* subnormal */
        return snprintf(buf, 32, "%.10g", x);
    int e10 = (int)(e2 * 0.30102999566398120 + 1000.0) - 1000; /* floor, no libm call */
    double scaled;
    if (scale10(ax, 9 - e10, &scaled) != 0)
        return snprintf(buf, 32, "%.10g", x);
    if (scaled < 1e9 || scaled >= 1e10) { /* the estimate was one off */
        e10 += scaled < 1e9 ? -1 : 1;
        if (scale10(ax, 9 - e10, &scaled) != 0)
            return snprintf(buf, 32, "%.10g", x);
    }
    uint64_t u = (uint64_t)(scaled + 0.5); /* round half up */
    if (u >= 10000000000ULL) { /* 9999999999.5 and up rounds to the next decade */
        u = 1000000000ULL;
        e10++;
    }
    /* the digits, then copies of fixed length (no library calls): bytes
     * past the number's end are scratch within the 32 of buf */
    char dig[32];
    digits10(u, dig);
    memset(dig + 10, '0', 22);
    int nd = 10;
    while (nd > 1 && dig[nd - 1] == '0')
        nd--;
    if (x < 0)
        *p++ = '-';
    if (e10 < -4 || e10 >= 10) { /* %g's exponential form */
        *p++ = dig[0];
        if (nd > 1) {
            *p++ = '.';
            memcpy(p, dig + 1, 16);
            p += nd - 1;
        }
        *p++ = 'e';
        int e = e10;
        *p++ = e < 0 ? '-' : '+';
        if (e < 0)
            e = -e;
        if (e >= 100) {
            *p++ = (char)('0' + e / 100);
            e %= 100;
        }
        *p++ = (char)('0' + e / 10);
        *p++ = (char)('0' + e % 10);
    } else if (e10 < 0) { /* 0.000ddd: 1 - e10 characters before the digits */
        memcpy(p, "0.000000", 8);
        p += 1 - e10;
        memcpy(p, dig, 16);
        p += nd;
    } else {
        int int_digits = e10 + 1;
        memcpy(p, dig, 16);
        if (nd > int_digits) {
            p[int_digits] = '.';
            memcpy(p + int_digits + 1, dig + int_digits, 16);
            p += nd + 1;
        } else {
            p += int_digits;
        }
    }
    *p = 0;
    return (int)(p - buf);
}

/* Writes v in decimal at p (no terminator); returns the end. p must have room for 11
 * chars. */
static char *put_int(char *p, int v)
{
    char tmp[12];
    int n = 0;
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *p++ = '-';
    while (n)
        *p++ = tmp[--n];
    return p;
}

/* Writes x at p by rm_krige_format_double (nothing for NaN: an empty cell); returns the
 * end of the text. */
static char *put_num(char *p, double x)
{
    if (isnan(x))
        return p;
    return p + rm_krige_format_double(x, p);
}

#define CHUNK_ROWS 4096

typedef struct table_args {
    int ndim;
    const double *xyz;
    size_t nvar;
    const rm_krige_out *out;
    const double *observed;
    size_t nrows;
} table_args;

/* Rows [c·CHUNK_ROWS, (c+1)·CHUNK_ROWS) of the table as text into dst;
 * returns the length. */
static size_t format_chunk(const table_args *a, size_t c, char *dst)
{
    int ndim = a->ndim;
    size_t nvar = a->nvar, nrows = a->nrows;
    const double *xyz = a->xyz, *observed = a->observed;
    const rm_krige_out *out = a->out;
    size_t r0 = c * CHUNK_ROWS, r1 = r0 + CHUNK_ROWS;
    if (r1 > nrows)
        r1 = nrows;
    char *p = dst;
    for (size_t r = r0; r < r1; r++) {
        for (int d = 0; d < ndim; d++) {
            if (d)
                *p++ = ',';
            p = put_num(p, xyz[3 * r + (size_t)d]);
        }
        for (size_t v = 0; v < nvar; v++) {
            double e = out->est ? out->est[r * nvar + v] : NAN;
            double s2 = out->var ? out->var[r] : NAN;
            *p++ = ',';
            p = put_num(p, e);
            *p++ = ',';
            p = put_num(p, s2);
            if (observed) {
                double o = observed[r * nvar + v], res = o - e;
                *p++ = ',';
                p = put_num(p, o);
                *p++ = ',';
                p = put_num(p, res);
                *p++ = ',';
                p = put_num(p, res / sqrt(s2));
            }
        }
        *p++ = ',';
        if (out->n)
            p = put_int(p, out->n[r]);
        *p++ = ',';
        p = put_num(p, out->mean_dist ? out->mean_dist[r] : NAN);
        *p++ = ',';
        p = put_num(p, out->lagrange ? out->lagrange[r] : NAN);
        *p++ = ',';
        p = put_num(p, out->slope ? out->slope[r] : NAN);
        *p++ = ',';
        p = put_num(p, out->ke ? out->ke[r] : NAN);
        *p++ = '\n';
    }
    return (size_t)(p - dst);
}

rm_status rm_krige_write_csv(FILE *fp, const char *const *coord_names, int ndim,
                             const double *xyz, const char *const *var_names, size_t nvar,
                             const rm_krige_out *out, const double *observed, size_t nrows,
                             int threads, rm_error *err)
{
    /* header */
    for (int d = 0; d < ndim; d++)
        fprintf(fp, "%s%s", d ? "," : "", coord_names[d]);
    for (size_t v = 0; v < nvar; v++) {
        fprintf(fp, ",%s_est,%s_var", var_names[v], var_names[v]);
        if (observed)
            fprintf(fp, ",%s_obs,%s_res,%s_z", var_names[v], var_names[v], var_names[v]);
    }
    fprintf(fp, ",n,mean_dist,lagrange,slope,ke\n");
    size_t ncols = (size_t)ndim + nvar * (observed ? 5 : 2) + 5;
    size_t row_max = ncols * 34 + 2;
#ifdef _OPENMP
    if (threads <= 0)
        threads = omp_get_max_threads();
#else
    threads = 1;
#endif
    if (threads < 1)
        threads = 1;
    /* A pipeline of tasks: chunk c is formatted into slot c mod nslot by
     * whichever thread is free, then written after chunk c − 1 (the write
     * tasks are chained through `token`); a slot is reused once its write
     * is done.  More slots than threads, so a thread that is descheduled
     * while formatting does not stall the other. */
    table_args ta = {ndim, xyz, nvar, out, observed, nrows};
    size_t nslot = 2 * (size_t)threads + 2;
    char **buf = calloc(nslot, sizeof *buf);
    size_t *len = calloc(nslot, sizeof *len);
    int fail = !buf || !len;
    for (size_t b = 0; !fail && b < nslot; b++)
        if (!(buf[b] = malloc(CHUNK_ROWS * row_max)))
            fail = 1;
    if (fail) {
        if (buf)
            for (size_t b = 0; b < nslot; b++)
                free(buf[b]);
        free(buf);
        free(len);
        return rm_error_set(err, RM_ENOMEM, "out of memory (CSV buffers)");
    }
    size_t nchunks = (nrows + CHUNK_ROWS - 1) / CHUNK_ROWS;
    int token = 0;
#pragma omp parallel num_threads(threads)
#pragma omp single
    for (size_t c = 0; c < nchunks; c++) {
        size_t s = c % nslot;
#pragma omp task depend(inout : buf[s]) firstprivate(c, s) shared(ta, buf, len)
        len[s] = format_chunk(&ta, c, buf[s]);
#pragma omp task depend(inout : buf[s]) depend(inout : token) firstprivate(s) \
    shared(buf, len, fail, fp)
        if (!fail && fwrite(buf[s], 1, len[s], fp) != len[s])
            fail = 1;
    }
    (void)token; /* a dependence object only */
    for (size_t b = 0; b < nslot; b++)
        free(buf[b]);
    free(buf);
    free(len);
    if (fail || ferror(fp))
        return rm_error_set(err, RM_EIO, "could not write the kriging table");
    return RM_OK;
}
