/* supply_lp.c — one element's flows in one year as a linear programme (GLPK).
 *
 * Nodes are mines, separation plants, metal/alloy makers and magnet makers, each with
 * a capacity in t oxide of the element; arcs run mine → separation → metal → magnet →
 * market (magnet demand) and separation → market (direct oxide uses).  Every arc
 * carries two tagged flows: China-sourced (c) and other (f).  A node in China turns
 * all it receives into c (its output is subject to China's export licensing whatever
 * the ore's origin); a node outside China passes each tag on (a China-sourced oxide
 * made into a magnet in Japan stays China-sourced: the controls' de-minimis and
 * foreign-direct-product rules, MOFCOM No. 61).  Mines outside China emit f.
 * Minamitorishima's oxide carries a third tag (m) that may reach only Japan's demand:
 * its output is Japan's (offtake by Japanese industry), so it cannot be traded away to
 * another market while Japan is short.
 *
 *   min  P Σ_m u_m + Q Σ_m d_m + Σ_a c_a (x_a^c + x_a^f)
 *   s.t. Σ_out x ≤ K_n                       mines and sources
 *        Σ_in x  ≤ K_n                       separation, metal, magnets
 *        Σ_in x^c + Σ_in x^f = Σ_out x^c     node in China
 *        Σ_in x^t = Σ_out x^t   (t = c, f)   node outside China
 *        Σ_in,magnet x + d_m,g + u_m,g = D_m,g   g = magnet, direct
 *        Σ_in,m x^c ≤ X_m                    China's exports to market m
 *        d_m,mag + d_m,dir ≤ S_m             stockpile
 *        u_m,mag + u_m,dir + Σ_in,m x^m ≤ U_m    (cases with Minamitorishima: U_m is
 *                                            the unmet without it)
 *
 * When demand goes unmet a second pass keeps the total unmet and minimises the largest
 * unmet share z of any market (u_m ≤ z D_m): a shortage is shared, not left to the
 * market the arc costs happen to serve last.
 *
 * P = 1e5 per t unmet, Q = 1e3 per t drawn from stock; arc costs 1 from a node in
 * China and 2 from one outside (China's supply is the cheaper tier: docs/references.md §4d
 * prices), halved on a delivery to the node's own market (offtake at home).  The
 * marginal value of each capacity row (GLPK's row dual) names the binding stage (the
 * most upstream one when several bind together).
 */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/supply.h"

#define PENALTY_UNMET 1e5
#define PENALTY_DRAW 1e3

const char *rm_lpstage_name(int s)
{
    static const char *const n[RM_NLPSTAGE] = {"mining", "separation", "metal", "magnets"};
    return s >= 0 && s < RM_NLPSTAGE ? n[s] : "?";
}

const char *rm_bind_name(int b)
{
    if (b >= 0 && b < RM_NLPSTAGE)
        return rm_lpstage_name(b);
    if (b == RM_BIND_EXPORT)
        return "export_control";
    if (b == RM_BIND_STOCK)
        return "stockpile";
    return "";
}

void rm_slp_solution_free(rm_slp_solution *s)
{
    if (!s)
        return;
    free(s->node_t);
    free(s->node_dual);
    free(s->deliver_t);
    free(s->arc_from);
    free(s->arc_to);
    free(s->arc_t);
    memset(s, 0, sizeof *s);
}

/* An arc between two nodes, or into market m (to = -1 - m, sink g: 0 magnet, 1 direct). */
typedef struct arc {
    int from, to, sink, tag; /* tag 0 = China-sourced, 1 = other */
    int col;
} arc;

/* Appends arc (from, to, sink) with the tags the source can emit: a node in China only
 * China-sourced (0), a mine outside China only other (1), Minamitorishima only its own
 * (2); other nodes pass on what they receive (2 only when has_source).  Minamitorishima's
 * oxide is Japan's: tag 2 goes neither into China nor to another market. */
static int add_arcs(arc **a, size_t *n, size_t *cap, const rm_slp_problem *p, int has_source,
                    int from, int to, int sink)
{
    const rm_slp_node *f = &p->node[from];
    int tags[3], nt = 0;
    if (f->china)
        tags[nt++] = 0;
    else if (f->stage == RM_LP_MINE)
        tags[nt++] = 1;
    else if (f->source)
        tags[nt++] = 2;
    else {
        tags[nt++] = 0;
        tags[nt++] = 1;
        if (has_source)
            tags[nt++] = 2;
    }
    for (int k = 0; k < nt; k++) {
        if (tags[k] == 2 && ((to >= 0 && p->node[to].china) || (to < 0 && -1 - to != RM_SM_JAPAN)))
            continue;
        if (*n == *cap) {
            size_t nc = *cap ? 2 * *cap : 256;
            arc *q = realloc(*a, nc * sizeof *q);
            if (!q)
                return -1;
            *a = q;
            *cap = nc;
        }
        (*a)[(*n)++] = (arc){from, to, sink, tags[k], 0};
    }
    return 0;
}

/* Next stage an LP stage feeds (metal feeds magnets, separation feeds metal). */
static int feeds(int from_stage, int to_stage)
{
    return (from_stage == RM_LP_MINE && to_stage == RM_LP_SEP) ||
           (from_stage == RM_LP_SEP && to_stage == RM_LP_METAL) ||
           (from_stage == RM_LP_METAL && to_stage == RM_LP_MAGNET);
}

rm_status rm_slp_solve(const rm_slp_problem *p, rm_slp_solution *sol, rm_error *err)
{
    rm_slp_solution_free(sol);
    size_t nn = p->n_node;
    arc *a = NULL;
    size_t na = 0, acap = 0;
    int oom = 0, has_source = 0;
    for (size_t i = 0; i < nn; i++)
        has_source |= p->node[i].source && p->node[i].cap_t > 0;
    for (size_t i = 0; i < nn && !oom; i++) {
        if (!(p->node[i].cap_t > 0))
            continue;
        for (size_t j = 0; j < nn && !oom; j++)
            if (p->node[j].cap_t > 0 && !p->node[j].source &&
                feeds(p->node[i].stage, p->node[j].stage))
                oom |= add_arcs(&a, &na, &acap, p, has_source, (int)i, (int)j, 0);
        for (int m = 0; m < RM_NSMARKET && !oom; m++) {
            if (p->node[i].stage == RM_LP_MAGNET && p->demand_magnet_t[m] > 0)
                oom |= add_arcs(&a, &na, &acap, p, has_source, (int)i, -1 - m, 0);
            if (p->node[i].stage == RM_LP_SEP && p->demand_direct_t[m] > 0)
                oom |= add_arcs(&a, &na, &acap, p, has_source, (int)i, -1 - m, 1);
        }
    }
    sol->node_t = calloc(nn ? nn : 1, sizeof *sol->node_t);
    sol->node_dual = calloc(nn ? nn : 1, sizeof *sol->node_dual);
    sol->deliver_t = calloc((nn ? nn : 1) * RM_NSMARKET, sizeof *sol->deliver_t);
    sol->arc_from = calloc(na ? na : 1, sizeof *sol->arc_from);
    sol->arc_to = calloc(na ? na : 1, sizeof *sol->arc_to);
    sol->arc_t = calloc(na ? na : 1, sizeof *sol->arc_t);
    if (oom || !sol->node_t || !sol->node_dual || !sol->deliver_t || !sol->arc_from ||
        !sol->arc_to || !sol->arc_t) {
        free(a);
        rm_slp_solution_free(sol);
        return rm_error_set(err, RM_ENOMEM, "supply: out of memory building the network");
    }

    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    /* Columns: arcs, then per market u_mag, u_dir, d_mag, d_dir. */
    int ncol = (int)na + 4 * RM_NSMARKET;
    glp_add_cols(lp, ncol);
    for (size_t k = 0; k < na; k++) {
        const rm_slp_node *f = &p->node[a[k].from];
        double c = f->china ? 1.0 : 2.0;
        if (a[k].to < 0 && f->market == -1 - a[k].to)
            c *= 0.5;
        a[k].col = (int)k + 1;
        glp_set_col_bnds(lp, a[k].col, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, a[k].col, c);
    }
    int ucol0 = (int)na + 1; /* u_mag(m) = ucol0 + 4m, u_dir +1, d_mag +2, d_dir +3 */
    for (int m = 0; m < RM_NSMARKET; m++)
        for (int q = 0; q < 4; q++) {
            int col = ucol0 + 4 * m + q;
            double d = q % 2 == 0 ? p->demand_magnet_t[m] : p->demand_direct_t[m];
            if (d > 0)
                glp_set_col_bnds(lp, col, GLP_DB, 0, d);
            else
                glp_set_col_bnds(lp, col, GLP_FX, 0, 0);
            glp_set_obj_coef(lp, col, q < 2 ? PENALTY_UNMET : PENALTY_DRAW);
        }

    /* Sparse matrix entries. */
    size_t ecap = 8 * na + 64 * RM_NSMARKET + 16;
    int *ia = malloc((ecap + 1) * sizeof *ia), *ja = malloc((ecap + 1) * sizeof *ja);
    double *ar = malloc((ecap + 1) * sizeof *ar);
    int *cap_row = malloc((nn ? nn : 1) * sizeof *cap_row);
    int export_row[RM_NSMARKET] = {0}, stock_row[RM_NSMARKET] = {0};
    if (!ia || !ja || !ar || !cap_row) {
        free(ia), free(ja), free(ar), free(cap_row), free(a);
        glp_delete_prob(lp);
        rm_slp_solution_free(sol);
        return rm_error_set(err, RM_ENOMEM, "supply: out of memory building the network");
    }
    size_t ne = 0;
    int overflow = 0;
#define ENTRY(r, c, v)                                                                   \
    do {                                                                                 \
        if (ne < ecap) {                                                                 \
            ne++;                                                                        \
            ia[ne] = (r), ja[ne] = (c), ar[ne] = (v);                                    \
        } else                                                                           \
            overflow = 1;                                                                \
    } while (0)
    for (size_t i = 0; i < nn; i++) {
        cap_row[i] = 0;
        const rm_slp_node *n = &p->node[i];
        if (!(n->cap_t > 0))
            continue;
        int out_side = n->stage == RM_LP_MINE || n->source;
        int r = glp_add_rows(lp, 1);
        cap_row[i] = r;
        glp_set_row_bnds(lp, r, GLP_UP, 0, n->cap_t);
        for (size_t k = 0; k < na; k++)
            if ((out_side && a[k].from == (int)i) || (!out_side && a[k].to == (int)i))
                ENTRY(r, a[k].col, 1.0);
        if (out_side)
            continue;
        /* Flow balance: in China one row (all in = out c); outside, one per tag. */
        for (int tag = 0; tag < (n->china ? 1 : 2 + has_source); tag++) {
            int rb = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, rb, GLP_FX, 0, 0);
            for (size_t k = 0; k < na; k++) {
                if (a[k].to == (int)i && (n->china || a[k].tag == tag))
                    ENTRY(rb, a[k].col, 1.0);
                if (a[k].from == (int)i && a[k].tag == tag)
                    ENTRY(rb, a[k].col, -1.0);
            }
        }
    }
    int unmet_row[RM_NSMARKET] = {0};
    for (int m = 0; m < RM_NSMARKET; m++) {
        for (int g = 0; g < 2; g++) {
            double d = g == 0 ? p->demand_magnet_t[m] : p->demand_direct_t[m];
            int r = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, r, GLP_FX, d, d);
            for (size_t k = 0; k < na; k++)
                if (a[k].to == -1 - m && a[k].sink == g)
                    ENTRY(r, a[k].col, 1.0);
            ENTRY(r, ucol0 + 4 * m + g, 1.0);
            ENTRY(r, ucol0 + 4 * m + 2 + g, 1.0);
        }
        if (isfinite(p->china_cap_t[m])) {
            int r = glp_add_rows(lp, 1);
            export_row[m] = r;
            glp_set_row_bnds(lp, r, GLP_UP, 0, fmax(0, p->china_cap_t[m]));
            int any = 0;
            for (size_t k = 0; k < na; k++)
                if (a[k].to == -1 - m && a[k].tag == 0) {
                    ENTRY(r, a[k].col, 1.0);
                    any = 1;
                }
            if (!any)
                ENTRY(r, ucol0 + 4 * m, 0.0);
        }
        int rs = glp_add_rows(lp, 1);
        stock_row[m] = rs;
        glp_set_row_bnds(lp, rs, GLP_UP, 0, fmax(0, p->stock_t[m]));
        ENTRY(rs, ucol0 + 4 * m + 2, 1.0);
        ENTRY(rs, ucol0 + 4 * m + 3, 1.0);
        if (isfinite(p->unmet_max_t[m])) {
            int r = glp_add_rows(lp, 1);
            unmet_row[m] = r;
            glp_set_row_bnds(lp, r, GLP_UP, 0, fmax(0, p->unmet_max_t[m]));
            ENTRY(r, ucol0 + 4 * m, 1.0);
            ENTRY(r, ucol0 + 4 * m + 1, 1.0);
            /* Minamitorishima's oxide adds to what the market had: it may not displace
             * its other suppliers (u + x^m ≤ U). */
            for (size_t k = 0; k < na; k++)
                if (a[k].to == -1 - m && a[k].tag == 2)
                    ENTRY(r, a[k].col, 1.0);
        }
    }
#undef ENTRY
    if (overflow) { /* cannot happen: ecap bounds the entries added above */
        free(ia), free(ja), free(ar), free(cap_row), free(a);
        glp_delete_prob(lp);
        rm_slp_solution_free(sol);
        return rm_error_set(err, RM_EINTERNAL, "supply: LP matrix overflow");
    }
    glp_load_matrix(lp, (int)ne, ia, ja, ar);

    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    int rc = glp_simplex(lp, &parm);
    if (rc == 0 && glp_get_status(lp) != GLP_OPT) {
        /* The "no market worse off" rows can conflict with a different stockpile path:
         * drop them. */
        for (int m = 0; m < RM_NSMARKET; m++)
            if (unmet_row[m])
                glp_set_row_bnds(lp, unmet_row[m], GLP_FR, 0, 0);
        rc = glp_simplex(lp, &parm);
    }
    rm_status st = RM_OK;
    if (rc != 0 || glp_get_status(lp) != GLP_OPT) {
        st = rm_error_set(err, RM_ENOCONV, "supply: GLPK simplex failed (code %d, status %d)",
                          rc, glp_get_status(lp));
        goto done;
    }
    /* Bottlenecks from this optimum's duals (total unmet at its least). */
    double export_dual[RM_NSMARKET], stock_dual[RM_NSMARKET], total_u = 0, total_d = 0;
    for (size_t i = 0; i < nn; i++)
        sol->node_dual[i] = cap_row[i] ? fabs(glp_get_row_dual(lp, cap_row[i])) : 0;
    for (int m = 0; m < RM_NSMARKET; m++) {
        export_dual[m] = export_row[m] ? fabs(glp_get_row_dual(lp, export_row[m])) : 0;
        stock_dual[m] = fabs(glp_get_row_dual(lp, stock_row[m]));
        total_u += glp_get_col_prim(lp, ucol0 + 4 * m) + glp_get_col_prim(lp, ucol0 + 4 * m + 1);
        total_d += p->demand_magnet_t[m] + p->demand_direct_t[m];
    }
    if (total_u > 1e-9 * (1 + total_d)) {
        /* Second pass: keep the total unmet and share it, minimising the largest unmet
         * share of any market's demand (u_m ≤ z D_m), so a shortfall without controls
         * does not fall on whichever market the arc costs happen to make last. */
        int zc = glp_add_cols(lp, 1);
        glp_set_col_bnds(lp, zc, GLP_DB, 0, 1);
        glp_set_obj_coef(lp, zc, 1e3 * total_d);
        int ind[4];
        double val[4];
        for (int m = 0; m < RM_NSMARKET; m++) {
            double dm = p->demand_magnet_t[m] + p->demand_direct_t[m];
            if (!(dm > 0))
                continue;
            int r = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, r, GLP_UP, 0, 0);
            ind[1] = ucol0 + 4 * m, val[1] = 1;
            ind[2] = ucol0 + 4 * m + 1, val[2] = 1;
            ind[3] = zc, val[3] = -dm;
            glp_set_mat_row(lp, r, 3, ind, val);
        }
        int r = glp_add_rows(lp, 1);
        glp_set_row_bnds(lp, r, GLP_UP, 0, total_u * (1 + 1e-9) + 1e-9);
        int *ui = malloc((2 * RM_NSMARKET + 1) * sizeof *ui);
        double *uv = malloc((2 * RM_NSMARKET + 1) * sizeof *uv);
        if (!ui || !uv) {
            free(ui), free(uv);
            st = rm_error_set(err, RM_ENOMEM, "supply: out of memory");
            goto done;
        }
        for (int k = 0; k < 2 * RM_NSMARKET; k++)
            ui[k + 1] = ucol0 + 4 * (k / 2) + k % 2, uv[k + 1] = 1;
        glp_set_mat_row(lp, r, 2 * RM_NSMARKET, ui, uv);
        free(ui), free(uv);
        rc = glp_simplex(lp, &parm);
        if (rc != 0 || glp_get_status(lp) != GLP_OPT) {
            st = rm_error_set(err, RM_ENOCONV,
                              "supply: GLPK simplex failed sharing the shortfall (code %d, "
                              "status %d)", rc, glp_get_status(lp));
            goto done;
        }
    }
    sol->objective = glp_get_obj_val(lp);
    sol->n_arc = na;
    for (size_t k = 0; k < na; k++) {
        double x = fmax(0, glp_get_col_prim(lp, a[k].col));
        sol->arc_from[k] = a[k].from;
        sol->arc_to[k] = a[k].to;
        sol->arc_t[k] = x;
        sol->node_t[a[k].from] += x;
        if (a[k].to < 0) {
            int m = -1 - a[k].to;
            sol->supplied_t[m] += x;
            sol->deliver_t[(size_t)a[k].from * RM_NSMARKET + m] += x;
            if (a[k].tag == 0)
                sol->china_t[m] += x;
        }
    }
    for (int m = 0; m < RM_NSMARKET; m++) {
        double u = fmax(0, glp_get_col_prim(lp, ucol0 + 4 * m)) +
                   fmax(0, glp_get_col_prim(lp, ucol0 + 4 * m + 1));
        double d = fmax(0, glp_get_col_prim(lp, ucol0 + 4 * m + 2)) +
                   fmax(0, glp_get_col_prim(lp, ucol0 + 4 * m + 3));
        double demand = p->demand_magnet_t[m] + p->demand_direct_t[m];
        /* Close the balance exactly: the simplex's rounding stays in unmet. */
        sol->draw_t[m] = d;
        sol->supplied_t[m] += d;
        if (sol->supplied_t[m] > demand)
            sol->supplied_t[m] = demand;
        sol->unmet_t[m] = demand - sol->supplied_t[m];
        if (sol->unmet_t[m] < 1e-9 * fmax(1, demand) && u < 1e-9 * fmax(1, demand)) {
            sol->supplied_t[m] = demand;
            sol->unmet_t[m] = 0;
        }
        sol->binding[m] = RM_BIND_NONE;
        if (!(sol->unmet_t[m] > 0))
            continue;
        /* The bottleneck: the capacity with the largest marginal value among the nodes
         * that may serve market m (outside China when China's exports to m bind). */
        int capped = export_dual[m] > 0.01 * PENALTY_UNMET;
        double stage_dual[RM_NLPSTAGE] = {0}, best = 0;
        for (size_t i = 0; i < nn; i++) {
            if (capped && p->node[i].china)
                continue;
            stage_dual[p->node[i].stage] = fmax(stage_dual[p->node[i].stage], sol->node_dual[i]);
            best = fmax(best, sol->node_dual[i]);
        }
        /* Several stages full at once (a degenerate optimum) have duals equal up to the
         * arc costs: name the most upstream of them. */
        if (best > 0.01 * PENALTY_UNMET)
            for (int q = RM_NLPSTAGE - 1; q >= 0; q--)
                if (stage_dual[q] >= best - 1e-3 * PENALTY_UNMET)
                    sol->binding[m] = q;
        if (sol->binding[m] == RM_BIND_NONE) {
            if (capped)
                sol->binding[m] = RM_BIND_EXPORT;
            else if (stock_dual[m] > 0.01 * PENALTY_UNMET)
                sol->binding[m] = RM_BIND_STOCK;
        }
    }
done:
    free(ia), free(ja), free(ar), free(cap_row), free(a);
    glp_delete_prob(lp);
    if (st != RM_OK)
        rm_slp_solution_free(sol);
    return st;
}
