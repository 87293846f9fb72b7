/* search_kdtree.c — k-nearest-neighbour search in a kd-tree over
 * metric-transformed points (see search.h).
 *
 * Friedman, Bentley & Finkel (1977), "An algorithm for finding best matches
 * in logarithmic expected time", ACM TOMS 3(3):209–226: split on the widest
 * coordinate at the median, keep a bounded max-heap of the k best, visit
 * the nearer child first and skip boxes whose distance exceeds the k-th
 * best.  Points are stored in tree order so a leaf is one contiguous run.
 *
 * Octant and per-hole limits are applied greedily in distance order to an
 * unconstrained candidate list; when the candidates run out before nmax
 * neighbours are accepted the candidate list is doubled and the filter
 * rerun, so the answer equals the greedy filter over all samples.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/search.h"

#define LEAF_SIZE 32
#define MAX_DEPTH 128

typedef struct kd_node {
    double lo[3], hi[3];  /* bounding box of the points below */
    size_t begin, end;    /* range in tree order */
    int32_t left, right;  /* children, -1 for a leaf */
} kd_node;

struct rm_search {
    size_t n;
    double M[9];
    double *pts;          /* n x 3 transformed, tree order */
    double *sx, *sy, *sz; /* the same, one array per axis (range queries) */
    size_t *index;        /* tree order -> sample index */
    long *hole;           /* tree order, or NULL */
    kd_node *nodes;
    size_t n_nodes, cap_nodes;
};

struct rm_search_work {
    size_t cap;
    double *hd;           /* heap keys: squared distance */
    size_t *hi;           /* heap keys: sample index (tie-break) */
    size_t *ht;           /* tree position of each heap entry */
    /* The previous unlimited query's answer, whose distances to a nearby
     * new query bound its k-th distance: its coordinates, one array per axis. */
    double *px, *py, *pz;
    size_t prev_k, prev_count;
    double prev_d2max;    /* its largest squared distance */
    double *sd;           /* scratch keys for select_keep_order */
    size_t *si;
    /* Candidate cache of the coherent path: every point within cache_r of
     * the anchor cache_q, in tree order, coordinates per axis.  A query
     * whose bound ball lies inside that ball is answered from it without a
     * tree walk (see coherent_candidates). */
    int cache_ok;
    double cache_q[3], cache_r;
    size_t cache_n, cache_cap;
    double *cx, *cy, *cz;
    size_t *ct, *ci;
};

/* out = M p for the row-major 3x3 matrix M (the search metric); out must not alias p. */
static void transform(const double *M, const double *p, double *out)
{
    out[0] = M[0] * p[0] + M[1] * p[1] + M[2] * p[2];
    out[1] = M[3] * p[0] + M[4] * p[1] + M[5] * p[2];
    out[2] = M[6] * p[0] + M[7] * p[1] + M[8] * p[2];
}

void rm_search_transform(const rm_search *s, const double q[3], double out[3])
{
    transform(s->M, q, out);
}

const size_t *rm_search_order(const rm_search *s)
{
    return s->index;
}

size_t rm_search_size(const rm_search *s)
{
    return s ? s->n : 0;
}

/* Swap tree positions a and b (point, index, hole). */
static void swap_pos(rm_search *s, size_t a, size_t b)
{
    for (int k = 0; k < 3; k++) {
        double t = s->pts[3 * a + k];
        s->pts[3 * a + k] = s->pts[3 * b + k];
        s->pts[3 * b + k] = t;
    }
    size_t ti = s->index[a];
    s->index[a] = s->index[b];
    s->index[b] = ti;
    if (s->hole) {
        long th = s->hole[a];
        s->hole[a] = s->hole[b];
        s->hole[b] = th;
    }
}

/* Order key along axis: coordinate, then sample index (a total order, so
 * the tree is a function of the data alone). */
static int key_less(const rm_search *s, size_t a, size_t b, int axis)
{
    double va = s->pts[3 * a + axis], vb = s->pts[3 * b + axis];
    return va < vb || (va == vb && s->index[a] < s->index[b]);
}

/* Quickselect: place the k-th smallest (by key_less) of [lo, hi) at k. */
static void select_kth(rm_search *s, size_t lo, size_t hi, size_t k, int axis)
{
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        /* median of three as pivot, moved to hi - 1 */
        size_t a = lo, b = mid, c = hi - 1;
        if (key_less(s, b, a, axis))
            swap_pos(s, a, b);
        if (key_less(s, c, b, axis)) {
            swap_pos(s, b, c);
            if (key_less(s, b, a, axis))
                swap_pos(s, a, b);
        }
        swap_pos(s, mid, hi - 1);
        size_t store = lo;
        for (size_t i = lo; i < hi - 1; i++)
            if (key_less(s, i, hi - 1, axis))
                swap_pos(s, i, store++);
        swap_pos(s, store, hi - 1);
        if (k == store)
            return;
        if (k < store)
            hi = store;
        else
            lo = store + 1;
    }
}

/* Builds the subtree over tree positions [begin, end) (reordering them: median split on
 * the widest axis) and returns its node id; a leaf at <= LEAF_SIZE points, depth limit
 * or coincident points. -2 if the node array is full (cannot happen with alloc's
 * capacity). */
static int32_t build(rm_search *s, size_t begin, size_t end, int depth)
{
    if (s->n_nodes == s->cap_nodes)
        return -2; /* cannot happen: capacity is 2n/LEAF + 1 nodes */
    int32_t id = (int32_t)s->n_nodes++;
    kd_node *nd = &s->nodes[id];
    nd->begin = begin;
    nd->end = end;
    nd->left = nd->right = -1;
    for (int k = 0; k < 3; k++) {
        nd->lo[k] = INFINITY;
        nd->hi[k] = -INFINITY;
    }
    for (size_t i = begin; i < end; i++)
        for (int k = 0; k < 3; k++) {
            double v = s->pts[3 * i + k];
            if (v < nd->lo[k])
                nd->lo[k] = v;
            if (v > nd->hi[k])
                nd->hi[k] = v;
        }
    if (end - begin <= LEAF_SIZE || depth >= MAX_DEPTH / 2)
        return id;
    int axis = 0;
    double wmax = -1;
    for (int k = 0; k < 3; k++)
        if (nd->hi[k] - nd->lo[k] > wmax) {
            wmax = nd->hi[k] - nd->lo[k];
            axis = k;
        }
    if (wmax <= 0)
        return id; /* all points coincide */
    size_t mid = begin + (end - begin) / 2;
    select_kth(s, begin, end, mid, axis);
    int32_t l = build(s, begin, mid, depth + 1);
    int32_t r = build(s, mid, end, depth + 1);
    if (l < 0 || r < 0)
        return -2;
    s->nodes[id].left = l;
    s->nodes[id].right = r;
    return id;
}

rm_status rm_search_alloc(const double *xyz, size_t n, const double *M, const long *hole,
                          rm_search **out, rm_error *err)
{
    *out = NULL;
    rm_search *s = calloc(1, sizeof *s);
    if (!s)
        return rm_error_set(err, RM_ENOMEM, "out of memory (search)");
    static const double identity[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    memcpy(s->M, M ? M : identity, sizeof s->M);
    s->n = n;
    size_t nn = n ? n : 1;
    s->pts = malloc(3 * nn * sizeof *s->pts);
    s->index = malloc(nn * sizeof *s->index);
    s->hole = hole ? malloc(nn * sizeof *s->hole) : NULL;
    s->cap_nodes = 4 * (nn / LEAF_SIZE + 1) + 2 * MAX_DEPTH;
    s->nodes = malloc(s->cap_nodes * sizeof *s->nodes);
    if (!s->pts || !s->index || (hole && !s->hole) || !s->nodes) {
        rm_search_free(s);
        return rm_error_set(err, RM_ENOMEM, "out of memory (search, %zu points)", n);
    }
    for (size_t i = 0; i < n; i++) {
        for (int k = 0; k < 3; k++)
            if (!isfinite(xyz[3 * i + k])) {
                rm_search_free(s);
                return rm_error_set(err, RM_EINVAL, "search: point %zu has a non-finite coordinate",
                                    i + 1);
            }
        transform(s->M, &xyz[3 * i], &s->pts[3 * i]);
        s->index[i] = i;
        if (hole)
            s->hole[i] = hole[i];
    }
    if (n > 0 && build(s, 0, n, 0) < 0) {
        rm_search_free(s);
        return rm_error_set(err, RM_EINTERNAL, "search: kd-tree node capacity exceeded");
    }
    s->sx = malloc(nn * sizeof *s->sx);
    s->sy = malloc(nn * sizeof *s->sy);
    s->sz = malloc(nn * sizeof *s->sz);
    if (!s->sx || !s->sy || !s->sz) {
        rm_search_free(s);
        return rm_error_set(err, RM_ENOMEM, "out of memory (search, %zu points)", n);
    }
    for (size_t t = 0; t < n; t++) {
        s->sx[t] = s->pts[3 * t];
        s->sy[t] = s->pts[3 * t + 1];
        s->sz[t] = s->pts[3 * t + 2];
    }
    *out = s;
    return RM_OK;
}

void rm_search_free(rm_search *s)
{
    if (!s)
        return;
    free(s->pts);
    free(s->sx);
    free(s->sy);
    free(s->sz);
    free(s->index);
    free(s->hole);
    free(s->nodes);
    free(s);
}

rm_search_work *rm_search_work_alloc(const rm_search *s)
{
    rm_search_work *w = calloc(1, sizeof *w);
    return w;
}

void rm_search_work_free(rm_search_work *w)
{
    if (!w)
        return;
    free(w->hd);
    free(w->hi);
    free(w->ht);
    free(w->px);
    free(w->py);
    free(w->pz);
    free(w->sd);
    free(w->si);
    free(w->cx);
    free(w->cy);
    free(w->cz);
    free(w->ct);
    free(w->ci);
    free(w);
}

/* Grows w's heap, previous-answer and scratch arrays to hold cap entries; 0 on success,
 * -1 when out of memory (w->cap unchanged, arrays already grown kept). No-op when cap <=
 * w->cap. */
static int work_reserve(rm_search_work *w, size_t cap)
{
    if (cap <= w->cap)
        return 0;
    double *hd = realloc(w->hd, cap * sizeof *hd);
    if (hd)
        w->hd = hd;
    size_t *hi = realloc(w->hi, cap * sizeof *hi);
    if (hi)
        w->hi = hi;
    size_t *ht = realloc(w->ht, cap * sizeof *ht);
    if (ht)
        w->ht = ht;
    double *px = realloc(w->px, cap * sizeof *px);
    if (px)
        w->px = px;
    double *py = realloc(w->py, cap * sizeof *py);
    if (py)
        w->py = py;
    double *pz = realloc(w->pz, cap * sizeof *pz);
    if (pz)
        w->pz = pz;
    double *sd = realloc(w->sd, cap * sizeof *sd);
    if (sd)
        w->sd = sd;
    size_t *si = realloc(w->si, cap * sizeof *si);
    if (si)
        w->si = si;
    if (!hd || !hi || !ht || !px || !py || !pz || !sd || !si)
        return -1;
    w->cap = cap;
    return 0;
}

/* (d, i) ranks after (e, j): farther, or as far with a larger index. */
static inline int worse(double d, size_t i, double e, size_t j)
{
    return d > e || (d == e && i > j);
}

/* Restores the max-heap (worst on top, by worse()) of n entries below pos after the
 * entry at pos was replaced; hd, hi, ht move together. */
static void heap_sift_down(double *hd, size_t *hi, size_t *ht, size_t n, size_t pos)
{
    for (;;) {
        size_t l = 2 * pos + 1, r = l + 1, m = pos;
        if (l < n && worse(hd[l], hi[l], hd[m], hi[m]))
            m = l;
        if (r < n && worse(hd[r], hi[r], hd[m], hi[m]))
            m = r;
        if (m == pos)
            return;
        double td = hd[m];
        hd[m] = hd[pos];
        hd[pos] = td;
        size_t ti = hi[m];
        hi[m] = hi[pos];
        hi[pos] = ti;
        ti = ht[m];
        ht[m] = ht[pos];
        ht[pos] = ti;
        pos = m;
    }
}

/* Adds (d, i, t) to the max-heap of n entries (worst on top, by worse()); the arrays
 * must hold n + 1. */
static void heap_push(double *hd, size_t *hi, size_t *ht, size_t n, double d, size_t i,
                      size_t t)
{
    size_t pos = n;
    while (pos > 0) {
        size_t parent = (pos - 1) / 2;
        if (!worse(d, i, hd[parent], hi[parent]))
            break;
        hd[pos] = hd[parent];
        hi[pos] = hi[parent];
        ht[pos] = ht[parent];
        pos = parent;
    }
    hd[pos] = d;
    hi[pos] = i;
    ht[pos] = t;
}

/* The k nearest (by (d2, index)) within maxd2, excluding as asked, into the
 * work heap; returns the count (heap order, not sorted). */
static size_t knn(const rm_search *s, const double *q, size_t k, double maxd2, long ex_index,
                  long ex_hole, rm_search_work *w)
{
    /* maxd2 is also the initial bound: callers may pass a known upper bound
     * of the k-th distance (no point farther can be among the k nearest). */
    double *hd = w->hd;
    size_t *hi = w->hi, *ht = w->ht;
    size_t count = 0;
    if (s->n == 0 || k == 0)
        return 0;
    int32_t stack[MAX_DEPTH + 8];
    double stack_d[MAX_DEPTH + 8];
    int top = 0;
    stack[top] = 0;
    stack_d[top++] = 0.0;
    const kd_node *nodes = s->nodes;
    const double *pts = s->pts;
    while (top > 0) {
        top--;
        int32_t id = stack[top];
        double bound = count == k ? hd[0] : maxd2;
        if (stack_d[top] > bound)
            continue;
        const kd_node *nd = &nodes[id];
        if (nd->left < 0) {
            for (size_t t = nd->begin; t < nd->end; t++) {
                double dx = pts[3 * t] - q[0], dy = pts[3 * t + 1] - q[1],
                       dz = pts[3 * t + 2] - q[2];
                double d2 = dx * dx + dy * dy + dz * dz;
                if (d2 > bound)
                    continue;
                size_t idx = s->index[t];
                if ((long)idx == ex_index)
                    continue;
                if (ex_hole != RM_SEARCH_NONE && s->hole && s->hole[t] == ex_hole)
                    continue;
                if (count < k) {
                    heap_push(hd, hi, ht, count++, d2, idx, t);
                } else if (worse(hd[0], hi[0], d2, idx)) {
                    hd[0] = d2;
                    hi[0] = idx;
                    ht[0] = t;
                    heap_sift_down(hd, hi, ht, count, 0);
                }
                bound = count == k ? hd[0] : maxd2;
            }
            continue;
        }
        /* box distances of both children; push the farther first */
        int32_t c[2] = {nd->left, nd->right};
        double cd[2];
        for (int j = 0; j < 2; j++) {
            const kd_node *ch = &nodes[c[j]];
            double d2 = 0;
            for (int a = 0; a < 3; a++) {
                double v = q[a] < ch->lo[a] ? ch->lo[a] - q[a]
                           : q[a] > ch->hi[a] ? q[a] - ch->hi[a]
                                              : 0.0;
                d2 += v * v;
            }
            cd[j] = d2;
        }
        int nearer = cd[1] < cd[0];
        if (cd[!nearer] <= bound) {
            stack[top] = c[!nearer];
            stack_d[top++] = cd[!nearer];
        }
        if (cd[nearer] <= bound) {
            stack[top] = c[nearer];
            stack_d[top++] = cd[nearer];
        }
    }
    return count;
}

/* All points with d2 <= bound into the work arrays (growing them as
 * needed; (size_t)-1 when out of memory), for the coherent path: branch-free box
 * distances and leaf scans (a point is always written, and kept by
 * advancing the count only when it is within the bound). */
static size_t range_query_all(const rm_search *s, const double *q, double bound,
                              rm_search_work *w)
{
    size_t count = 0;
    if (s->n == 0)
        return 0;
    int32_t stack[MAX_DEPTH + 8];
    int top = 0;
    stack[top++] = 0;
    const kd_node *nodes = s->nodes;
    const double *sx = s->sx, *sy = s->sy, *sz = s->sz;
    const double q0 = q[0], q1 = q[1], q2 = q[2];
    while (top > 0) {
        const kd_node *nd = &nodes[stack[--top]];
        double a0 = nd->lo[0] - q0, b0 = q0 - nd->hi[0];
        double a1 = nd->lo[1] - q1, b1 = q1 - nd->hi[1];
        double a2 = nd->lo[2] - q2, b2 = q2 - nd->hi[2];
        double v0 = a0 > b0 ? a0 : b0, v1 = a1 > b1 ? a1 : b1, v2 = a2 > b2 ? a2 : b2;
        v0 = v0 > 0 ? v0 : 0;
        v1 = v1 > 0 ? v1 : 0;
        v2 = v2 > 0 ? v2 : 0;
        if (v0 * v0 + v1 * v1 + v2 * v2 > bound)
            continue;
        if (nd->left >= 0) {
            stack[top++] = nd->right;
            stack[top++] = nd->left;
            continue;
        }
        if (count + (nd->end - nd->begin) > w->cap &&
            work_reserve(w, 2 * (count + (nd->end - nd->begin))) != 0)
            return (size_t)-1;
        double *hd = w->hd;
        size_t *hi = w->hi, *ht = w->ht;
        for (size_t t = nd->begin; t < nd->end; t++) {
            double dx = sx[t] - q0, dy = sy[t] - q1, dz = sz[t] - q2;
            double d2 = dx * dx + dy * dy + dz * dz;
            hd[count] = d2;
            hi[count] = s->index[t];
            ht[count] = t;
            count += d2 <= bound;
        }
    }
    return count;
}

/* The radius of a candidate cache, as a multiple of the bound's radius
 * when it is (re)built: larger caches are rebuilt less often but scanned at
 * every query. */
#define CACHE_GROW 1.25

/* Every point within sqrt(bound) of q into the work arrays, in tree order,
 * like range_query_all, but scanning the candidate cache when the bound
 * ball lies inside the cache's ball (triangle inequality, with a relative
 * margin far above the rounding of the squared distances), and otherwise
 * rebuilding the cache around q first.  (size_t)-1 when out of memory. */
static size_t coherent_candidates(const rm_search *s, const double *q, double bound,
                                  rm_search_work *w)
{
    double ax = q[0] - w->cache_q[0], ay = q[1] - w->cache_q[1], az = q[2] - w->cache_q[2];
    double rb = sqrt(bound);
    if (!(w->cache_ok && (rb + sqrt(ax * ax + ay * ay + az * az)) * (1.0 + 1e-9) <= w->cache_r)) {
        double r = CACHE_GROW * rb;
        size_t n = range_query_all(s, q, r * r, w);
        if (n == (size_t)-1)
            return n;
        if (n > w->cache_cap) {
            size_t cap = 2 * n;
            double *cx = realloc(w->cx, cap * sizeof *cx);
            if (cx)
                w->cx = cx;
            double *cy = realloc(w->cy, cap * sizeof *cy);
            if (cy)
                w->cy = cy;
            double *cz = realloc(w->cz, cap * sizeof *cz);
            if (cz)
                w->cz = cz;
            size_t *ct = realloc(w->ct, cap * sizeof *ct);
            if (ct)
                w->ct = ct;
            size_t *ci = realloc(w->ci, cap * sizeof *ci);
            if (ci)
                w->ci = ci;
            w->cache_ok = 0;
            if (!cx || !cy || !cz || !ct || !ci)
                return (size_t)-1;
            w->cache_cap = cap;
        }
        for (size_t i = 0; i < n; i++) {
            size_t t = w->ht[i];
            w->ct[i] = t;
            w->ci[i] = w->hi[i];
            w->cx[i] = s->sx[t];
            w->cy[i] = s->sy[t];
            w->cz[i] = s->sz[t];
        }
        w->cache_n = n;
        memcpy(w->cache_q, q, sizeof w->cache_q);
        w->cache_r = r;
        w->cache_ok = 1;
    }
    if (w->cache_n > w->cap && work_reserve(w, w->cache_n) != 0)
        return (size_t)-1;
    const double *restrict cx = w->cx, *restrict cy = w->cy, *restrict cz = w->cz;
    const size_t *restrict ct = w->ct, *restrict ci = w->ci;
    double *restrict hd = w->hd;
    size_t *restrict hi = w->hi, *restrict ht = w->ht;
    const double q0 = q[0], q1 = q[1], q2 = q[2];
    size_t count = 0;
    for (size_t i = 0; i < w->cache_n; i++) {
        double dx = cx[i] - q0, dy = cy[i] - q1, dz = cz[i] - q2;
        double d2 = dx * dx + dy * dy + dz * dz;
        hd[count] = d2;
        hi[count] = ci[i];
        ht[count] = ct[i];
        count += d2 <= bound;
    }
    return count;
}

/* Keep the k best entries by (d2, index) in their current order (the
 * range query yields them in tree order, which the caller wants): find the
 * k-th best key by quickselect on a copy, then compact.  The key is a total
 * order, so exactly k entries are kept. */
static void select_keep_order(rm_search_work *w, size_t count, size_t k)
{
    if (count - k <= 4) {
        /* a few too many (the usual coherent step): drop the worst by
         * (d2, index), one linear pass each, closing the gap in order */
        for (; count > k; count--) {
            size_t worst = 0;
            for (size_t i = 1; i < count; i++) {
                double d = w->hd[i], e = w->hd[worst];
                worst = (d > e || (d == e && w->hi[i] > w->hi[worst])) ? i : worst;
            }
            size_t tail = count - worst - 1;
            memmove(&w->hd[worst], &w->hd[worst + 1], tail * sizeof *w->hd);
            memmove(&w->hi[worst], &w->hi[worst + 1], tail * sizeof *w->hi);
            memmove(&w->ht[worst], &w->ht[worst + 1], tail * sizeof *w->ht);
        }
        return;
    }
    double *sd = w->sd;
    size_t *si = w->si;
    memcpy(sd, w->hd, count * sizeof *sd);
    memcpy(si, w->hi, count * sizeof *si);
    size_t lo = 0, hi = count, want = k - 1;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        double td = sd[mid];
        size_t ti = si[mid];
        sd[mid] = sd[hi - 1], si[mid] = si[hi - 1];
        sd[hi - 1] = td, si[hi - 1] = ti;
        size_t store = lo;
        /* branch-free Lomuto partition: always swap, advance when better */
        for (size_t i = lo; i < hi - 1; i++) {
            double a = sd[i];
            size_t b = si[i];
            sd[i] = sd[store], si[i] = si[store];
            sd[store] = a, si[store] = b;
            store += (size_t)((td > a) | ((td == a) & (ti > b)));
        }
        sd[hi - 1] = sd[store], si[hi - 1] = si[store];
        sd[store] = td, si[store] = ti;
        if (store == want)
            break;
        if (want < store)
            hi = store;
        else
            lo = store + 1;
    }
    double kd = sd[want];
    size_t ki = si[want];
    size_t out = 0;
    for (size_t i = 0; i < count; i++) { /* branch-free compaction */
        double d = w->hd[i];
        size_t x = w->hi[i];
        w->hd[out] = d;
        w->hi[out] = x;
        w->ht[out] = w->ht[i];
        out += (size_t)((d < kd) | ((d == kd) & (x <= ki)));
    }
}

/* Heap-sort the heap ascending by (d2, index) in place. */
static void heap_sort(rm_search_work *w, size_t count)
{
    for (size_t n = count; n > 1; n--) {
        double td = w->hd[0];
        w->hd[0] = w->hd[n - 1];
        w->hd[n - 1] = td;
        size_t ti = w->hi[0];
        w->hi[0] = w->hi[n - 1];
        w->hi[n - 1] = ti;
        ti = w->ht[0];
        w->ht[0] = w->ht[n - 1];
        w->ht[n - 1] = ti;
        heap_sift_down(w->hd, w->hi, w->ht, n - 1, 0);
    }
}

/* Octant of tree point t around the transformed query qt. */
static int octant_of(const rm_search *s, size_t t, const double *qt)
{
    return (s->pts[3 * t] > qt[0]) | (s->pts[3 * t + 1] > qt[1]) << 1 |
           (s->pts[3 * t + 2] > qt[2]) << 2;
}

size_t rm_search_query(const rm_search *s, const rm_search_params *p, const double q[3],
                       long exclude_index, long exclude_hole, rm_search_work *w,
                       size_t *idx, double *d2, size_t cap)
{
    double qt[3];
    transform(s->M, q, qt);
    double maxd2 = (p->maxdist > 0 && isfinite(p->maxdist)) ? p->maxdist * p->maxdist : INFINITY;
    size_t want = p->nmax ? p->nmax : s->n;
    if (want > s->n)
        want = s->n;
    if (want > cap)
        want = cap;
    if (want == 0) /* nothing to find; idx and d2 may be NULL */
        return 0;
    int limited = p->octant_max > 0 || (p->hole_max > 0 && s->hole);
    if (!limited) {
        if (work_reserve(w, want) != 0)
            return 0;
        /* Queries come in spatial order: the previous answer's k points are
         * a valid k-set, so their largest distance to q bounds the k-th
         * nearest distance and prunes the tree from the start. */
        double bound = maxd2, b = INFINITY;
        int coherent = exclude_index == RM_SEARCH_NONE && exclude_hole == RM_SEARCH_NONE &&
                       w->prev_k == want && w->prev_count == want && want > 0;
        if (coherent) {
            /* four running maxima: independent chains */
            const double *restrict px = w->px, *restrict py = w->py, *restrict pz = w->pz;
            double b4[4] = {0, 0, 0, 0};
            size_t i = 0;
            for (; i + 4 <= want; i += 4)
                for (size_t e = 0; e < 4; e++) {
                    double dx = px[i + e] - qt[0], dy = py[i + e] - qt[1], dz = pz[i + e] - qt[2];
                    double d2 = dx * dx + dy * dy + dz * dz;
                    b4[e] = d2 > b4[e] ? d2 : b4[e];
                }
            for (; i < want; i++) {
                double dx = px[i] - qt[0], dy = py[i] - qt[1], dz = pz[i] - qt[2];
                double d2 = dx * dx + dy * dy + dz * dz;
                b4[0] = d2 > b4[0] ? d2 : b4[0];
            }
            double b0 = b4[0] > b4[1] ? b4[0] : b4[1], b1 = b4[2] > b4[3] ? b4[2] : b4[3];
            b = b0 > b1 ? b0 : b1;
            /* a jump (the start of a grid row) makes the bound useless:
             * then search afresh */
            if (b > 4.0 * w->prev_d2max)
                coherent = 0;
            else if (b < bound)
                bound = b;
        }
        size_t count;
        int same = 0; /* the previous answer again */
        if (coherent && p->unordered) {
            /* every point within the bound, then the k best by selection */
            count = coherent_candidates(s, qt, bound, w);
            if (count == (size_t)-1)
                return 0;
            /* every previous point lies within b: when the bound is b and
             * nothing else does, the answer is the previous one */
            same = count == want && bound == b;
            if (count > want) {
                select_keep_order(w, count, want);
                count = want;
            }
        } else {
            count = knn(s, qt, want, bound, exclude_index, exclude_hole, w);
            if (!p->unordered)
                heap_sort(w, count);
        }
        if (same) {
            w->prev_d2max = b; /* its largest distance now */
        } else if (exclude_index == RM_SEARCH_NONE && exclude_hole == RM_SEARCH_NONE) {
            for (size_t i = 0; i < count; i++) {
                size_t t = w->ht[i];
                w->px[i] = s->sx[t];
                w->py[i] = s->sy[t];
                w->pz[i] = s->sz[t];
            }
            w->prev_k = want;
            w->prev_count = count;
            double d2max = 0;
            for (size_t i = 0; i < count; i++)
                d2max = w->hd[i] > d2max ? w->hd[i] : d2max;
            w->prev_d2max = d2max;
        }
        memcpy(idx, p->positions ? w->ht : w->hi, count * sizeof *idx);
        memcpy(d2, w->hd, count * sizeof *d2);
        return count;
    }
    /* Limited: greedy filter over a growing candidate list. */
    size_t k = want * 2 + 8;
    for (;;) {
        if (k > s->n)
            k = s->n;
        if (work_reserve(w, k) != 0)
            return 0;
        size_t count = knn(s, qt, k, maxd2, exclude_index, exclude_hole, w);
        heap_sort(w, count);
        size_t accepted = 0;
        int oct[8] = {0};
        for (size_t c = 0; c < count && accepted < want; c++) {
            size_t t = w->ht[c];
            if (p->octant_max > 0) {
                int o = octant_of(s, t, qt);
                if (oct[o] >= p->octant_max)
                    continue;
                oct[o]++;
            }
            if (p->hole_max > 0 && s->hole) {
                int same = 0;
                for (size_t a = 0; a < accepted; a++)
                    if (s->hole[w->ht[a]] == s->hole[t])
                        same++;
                if (same >= p->hole_max) {
                    if (p->octant_max > 0)
                        oct[octant_of(s, t, qt)]--;
                    continue;
                }
            }
            /* accepted entries are compacted to the front of the arrays */
            w->hd[accepted] = w->hd[c];
            w->hi[accepted] = w->hi[c];
            w->ht[accepted] = t;
            accepted++;
        }
        if (accepted == want || count < k || k == s->n) {
            memcpy(idx, p->positions ? w->ht : w->hi, accepted * sizeof *idx);
            memcpy(d2, w->hd, accepted * sizeof *d2);
            return accepted;
        }
        k *= 2;
    }
}
