/* system_airlift.c — airlift: compressed air injected into the riser at a
 * depth lightens the column above it; the buoyancy drives the flow.
 *
 * Drift flux (N. Zuber and J. A. Findlay, J. Heat Transfer 87 (1965) 453):
 *     α = jg / (C0 j + Vgj),  j = jl + jg
 * C0 = 1.2 − 0.2 √(ρg/ρl) (M. Ishii, ANL-77-47, 1977, round tubes).
 * Vgj by the dimensionless diameter D* = D / √(σ / (g Δρ)):
 *   D* ≤ 30: Taylor-bubble rise, Vgj = 0.35 √(g D Δρ/ρl) (Nicklin, Wilkes
 *            and Davidson, Trans. IChemE 40 (1962) 61; Δρ/ρl ≈ 1 for air–water);
 *   D* > 30: I. Kataoka and M. Ishii, Int. J. Heat Mass Transfer 30 (1987)
 *            1927, large-diameter limit:
 *            Vgj⁺ = 0.030 (ρg/ρl)^−0.157 Nμ^−0.562   (Nμ ≤ 2.25×10⁻³)
 *            Vgj⁺ = 0.92  (ρg/ρl)^−0.157            (Nμ > 2.25×10⁻³)
 *            Vgj = Vgj⁺ (σ g Δρ / ρl²)^¼,  Nμ = μl / √(ρl σ √(σ/(gΔρ))).
 * High void: above α = high_void_start the distribution parameter falls
 *   linearly to C0 = 1 at α = 1 (churn/annular flow, where the gas core
 *   spans the pipe and the profile flattens); α then solves a quadratic.
 * Gas: ideal and isothermal, ρg = p / (R T).
 * Momentum (steady, 1-D, upward s):
 *     d/ds (p + M) = −ρm g − F,  M = Gg²/(ρg α) + Gl²/(ρl (1 − α))
 *   so dp/ds = −(ρm g + F) / (1 + dM/dp): the acceleration term, which
 *   matters near the top where the gas expands fastest.  1 + dM/dp is kept
 *   above 0.1 (the choking limit).
 * Wall friction acts on the liquid slugs, which move at the mixture flux j
 *   and fill the fraction 1 − α of the pipe (D. J. Nicklin, Trans. IChemE
 *   41 (1963) 29; Reinemann et al., Int. J. Multiphase Flow 16 (1990) 113):
 *   F = (1 − α) λ(ρl j D/μ) ρl j² / (2D).
 * Slug-unit column (rm_lift_column_model other than the drift flux; the
 *   default) where Taylor bubbles exist, D* ≤ 40 (Kataoka & Ishii 1987;
 *   wider risers, the field riser among them, keep the drift flux).  The
 *   regime map, going up from the injector:
 *   - churn entrance region: Taitel, Bornea & Dukler, AIChE J. 26 (1980)
 *     345, eq. 25: slugs form only l_E = 40.6 D (j/√(gD) + 0.22) above
 *     the gas inlet; below that the drift flux above holds (churn);
 *   - slug flow: the slug unit (slug_unit(): Fernandes, Semiat & Dukler
 *     1983; Taitel & Barnea 1990), wall friction of the liquid slugs only,
 *     F = (1 − β) λ(ρl j D/μ) ρ_LS j²/2D, and the falling film either
 *     (a) held by its own wall shear τ_F = f ρl v_F²/2 (f = 16/Re or
 *     0.046 Re^−0.2 on the film's hydraulic diameter D (1 − α_TB)), which
 *     lowers the gradient by β 4τ_F/D (Taitel & Barnea 1990: film-shear),
 *     (b) carried by the wall entirely, no pressure drop along the Taylor
 *     bubble (Fernandes et al. 1983; Ansari et al. 1994: film-wall), or
 *     (c) carried by the pressure (film-free); the weight term is
 *     (1 − β) ρ_LS g + β ρ_TB g (ρg for (b));
 *   - churn, then annular: past Mishima & Ishii's (1984) slug–churn void
 *     the drift flux with its high-void branch.
 * Below the injection point the riser holds single-phase liquid.
 * Injector: the air enters without axial momentum; across the mixing
 *   section p + M is conserved (G. B. Wallis, One-dimensional two-phase
 *   flow, 1969, ch. 2), so the column starts below p_inj by the momentum
 *   flux the mixture gains (injector_start).
 *
 * Boundary-value problem: the inlet sits at the ambient pressure less the
 * entry loss, the outlet at one atmosphere.  Above the injection point the
 * pressure gradient depends on the pressure alone, so with s = ln p as the
 * variable the column's height is a quadrature,
 *     z_inj − z(p_atm) = ∫ p (1 + dM/dp) / (ρm g + F) ds,  s ∈ [ln p_atm, ln p_inj]
 * (GSL's 21-point Gauss–Kronrod rule, split where α crosses the high-void
 * start — with the slug unit, the slug–churn transition — where the choking
 * guard binds and at the top of the churn entrance region, bisected to
 * 1e-9 of the column length); dM/dp is analytic (chain rule through α(p)).  The residual is
 * z_out − z(p_atm).  For a given air flow the liquid flow is its root
 * (GSL Brent); for a given liquid flow the air is its smallest root (the
 * economical branch), scanned from just below the air a homogeneous,
 * frictionless column would need (a lower bound, in closed form).  The
 * liquid leg below the injection point (GSL ODE) is cached per liquid
 * flow.  The profile re-integrates the column in depth with an ODE.
 * Compressor: isothermal, the supply line's gas column adds pressure,
 * p_c = p_inj exp(−g z_inj / (R T)); power ṁg R T ln(p_c/p_atm) / η.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_odeiv2.h>
#include <gsl/gsl_roots.h>

#include "lift_internal.h"

/* The two-phase column's quadrature: absolute tolerance on the column
 * height as a fraction of its length
 * (justified in tests/unit/test_lift_airlift.c, test_column_tolerance). */
#define COL_TOL 1e-9

#define AIRLIFT_MEMO 4

typedef struct airlift {
    const rm_lift_params *p;
    lift_fluid f;
    double area, d;
    double mass_l, mass_g;
    double z_in, z_inj, z_out;
    double p_amb_in;
    double inv_rt;              /* 1 / (R T) */
    double nicklin;             /* 0.35 √(g D) */
    double dstar, ki_coef;      /* drift-velocity constants */
    int slug;                   /* the slug-unit column applies */
    int in_entry;               /* 1: in the churn entrance region (drift flux) */
    double s_entry_top, entry_tol; /* entrance search: ln p at its foot, tolerance */
    double u_taylor;            /* Taylor-bubble drift k √(g D) (Δρ/ρl = 1) */
    double u_bubble;            /* Harmathy's bubble rise 1.53 (σ g / ρl)^¼ */
    /* The liquid leg below the injection point depends on the liquid flow
     * alone: cached for the air search at a given rate. */
    double leg_mass;
    int leg_valid;
    rm_status leg_status;
    char leg_message[256];
    /* recent residuals (mass_l, mass_g, value) */
    double memo[AIRLIFT_MEMO][3];
    int memo_valid[AIRLIFT_MEMO], memo_next;
    lift_leg_out one;
    double p_inj;
    /* the two-phase column: driver reused between residuals */
    int comp;                   /* col_integrand's component */
    int kink;                   /* col_kink_fn's function */
    /* results of the last column integration */
    double p_top, z_top, f2, w2, t2;
    int failed;
    rm_error err;
} airlift;

typedef struct tp_state {
    double rho_g, rho_l, jl, jg, alpha, c0, vgj;
    double dalpha_dp, drho_l_dp;    /* for the acceleration term */
    /* The slug unit (beta < 0: not slug flow): Taylor-bubble length
     * fraction, liquid-slug void, and the density whose weight the
     * pressure carries (the mixture's, or, in slug flow, the liquid
     * slugs' alone: the falling film's weight goes to the wall). */
    double beta, alpha_ls, rho_w;
    double alpha_tb, v_film;        /* Taylor-bubble section void, film speed (down) */
} tp_state;

/* The drift velocity; the Laplace length, D*, Nμ and the velocity scale
 * are evaluated once per solve at the surface liquid density (they vary
 * with ρl by well under 1 %), leaving one power of ρg/ρl per call. */
static void drift_setup(airlift *a)
{
    double rho_l = a->f.slurry_rho0, sigma = a->f.surface_tension;
    double lap = sqrt(sigma / (RM_LIFT_G * rho_l));
    a->dstar = a->d / lap;
    double nmu = a->f.viscosity_pa_s / sqrt(rho_l * sigma * lap);
    double scale = pow(sigma * RM_LIFT_G / rho_l, 0.25);
    a->ki_coef = (nmu <= 2.25e-3 ? 0.030 * pow(nmu, -0.562) : 0.92) * scale;
    a->nicklin = 0.35 * sqrt(RM_LIFT_G * a->d);
    /* Slug unit: Taylor bubbles exist only below D* ≈ 40 (Kataoka & Ishii
     * 1987: larger bubbles break into caps; the field riser is churn /
     * cap-bubble flow and keeps the drift flux).  Their drift velocity
     * with surface tension and viscosity, Wallis (1969, eq. 9.8) fitting
     * White & Beardmore (1962):
     *     k = 0.345 (1 − e^(−0.01 Nf/0.345)) (1 − e^((3.37 − Eo)/m)),
     *     Eo = ρl g D²/σ, Nf = ρl √(g D³)/μl, m = 10 (Nf > 250), 69 Nf^−0.35
     *     (18 < Nf < 250), 25 (Nf < 18). */
    a->slug = a->p->column_model != RM_LIFT_COLUMN_DRIFT_FLUX && a->dstar <= 40.0;
    double eo = rho_l * RM_LIFT_G * a->d * a->d / sigma;
    double nf = rho_l * sqrt(RM_LIFT_G * a->d * a->d * a->d) / a->f.viscosity_pa_s;
    double m = nf > 250.0 ? 10.0 : nf > 18.0 ? 69.0 * pow(nf, -0.35) : 25.0;
    double k = 0.345 * (1.0 - exp(-0.01 * nf / 0.345)) * (1.0 - exp((3.37 - eo) / m));
    a->u_taylor = fmax(k, 0.0) * sqrt(RM_LIFT_G * a->d);
    a->u_bubble = 1.53 * pow(sigma * RM_LIFT_G / rho_l, 0.25);
}

/* The slug unit at phase densities rho_l, rho_g and superficial velocities
 * jl, jg (Fernandes, Semiat & Dukler, AIChE J. 29 (1983) 981; Taitel &
 * Barnea, Adv. Heat Transfer 20 (1990) 83, vertical slug flow; Ansari et
 * al., SPE Prod. Facilities 9 (1994) 143).  A unit is a Taylor bubble
 * (length fraction β) with a falling liquid film around it, and a liquid
 * slug carrying small bubbles:
 *   Taylor bubble   U_TB = 1.2 j + k √(g D Δρ/ρl) (Nicklin et al. 1962;
 *                   k above, Wallis 1969 / White & Beardmore 1962);
 *   slug holdup     H_LS = 1 / (1 + (j / 8.66 m/s)^1.39) (Gregory, Nicholson
 *                   & Aziz, Int. J. Multiphase Flow 4 (1978) 33), α_LS = 1 − H_LS;
 *   slug bubbles    v_GLS = 1.2 j + 1.53 (σ g Δρ/ρl²)^¼ H_LS^½ (Harmathy,
 *                   AIChE J. 6 (1960) 281, with the swarm factor of Ansari 1994);
 *   slug liquid     v_LS = (j − α_LS v_GLS) / H_LS;
 *   falling film    v_F = 9.916 √(g D (1 − √α_TB)) (Brötz 1954, as used by
 *                   Fernandes et al. 1983, downward);
 *   liquid balance  (U_TB − v_LS) H_LS = (U_TB + v_F) (1 − α_TB)  → α_TB;
 *   liquid flux     jl = (1 − β) H_LS v_LS − β (1 − α_TB) v_F   → β;
 *   mean void       α = β α_TB + (1 − β) α_LS.
 * When the slug's bubbles carry all the gas (jg ≤ α_LS v_GLS) there are no
 * Taylor bubbles (β = 0) and α solves α (1.2 j + 1.53 (σgΔρ/ρl²)^¼
 * (1 − α)^½) = jg, continuous with the slug branch. */
static void slug_unit(const airlift *a, double rho_l, double rho_g, double jl, double jg,
                      double *alpha, double *beta, double *alpha_ls, double *alpha_tb,
                      double *v_film)
{
    double j = jl + jg;
    double q = sqrt(fmax(1.0 - rho_g / rho_l, 1e-12));  /* √(Δρ/ρl) */
    double h_ls = 1.0 / (1.0 + pow(j / 8.66, 1.39));
    double a_ls = 1.0 - h_ls;
    double u_b = a->u_bubble * sqrt(q);
    double v_gls = 1.2 * j + u_b * sqrt(h_ls);
    *alpha_ls = a_ls;
    if (jg <= a_ls * v_gls) {
        double lo = 0.0, hi = a_ls;
        for (int it = 0; it < 64 && hi - lo > 1e-16; it++) {
            double m = 0.5 * (lo + hi);
            if (m * (1.2 * j + u_b * sqrt(1.0 - m)) > jg)
                hi = m;
            else
                lo = m;
        }
        *alpha = 0.5 * (lo + hi);
        *beta = 0.0;
        *alpha_tb = *alpha;
        *v_film = 0.0;
        return;
    }
    double u_tb = 1.2 * j + a->u_taylor * q;
    double v_ls = (j - a_ls * v_gls) / h_ls;
    double lhs = (u_tb - v_ls) * h_ls;
    double gd = RM_LIFT_G * a->d;
    double lo = a_ls, hi = 1.0;
    for (int it = 0; it < 64 && hi - lo > 1e-16; it++) {
        double m = 0.5 * (lo + hi);
        double v_f = 9.916 * sqrt(gd * (1.0 - sqrt(m)));
        if ((u_tb + v_f) * (1.0 - m) > lhs)
            lo = m;
        else
            hi = m;
    }
    double a_tb = 0.5 * (lo + hi);
    double v_f = 9.916 * sqrt(gd * (1.0 - sqrt(a_tb)));
    double b = (h_ls * v_ls - jl) / (h_ls * v_ls + v_f * (1.0 - a_tb));
    b = fmin(fmax(b, 0.0), 1.0);
    *beta = b;
    *alpha = b * a_tb + (1.0 - b) * a_ls;
    *alpha_tb = a_tb;
    *v_film = v_f;
}

/* The drift-flux state at pressure p, with dα/dp and dρl/dp by the chain
 * rule through ρg = p/(RT), ρl(p), jl, jg, C0(ρg/ρl) and Vgj(ρg/ρl). */
static void tp_eval_drift(const airlift *a, double p, tp_state *s)
{
    const lift_fluid *f = &a->f;
    double rho_c = lift_liquid_density(f->carrier_rho0, f->bulk_modulus_pa, p);
    s->rho_g = p * a->inv_rt;
    s->rho_l = f->phi_insitu * f->grain_density + (1.0 - f->phi_insitu) * rho_c;
    s->drho_l_dp = f->bulk_modulus_pa > 0.0 ? (1.0 - f->phi_insitu) * rho_c / f->bulk_modulus_pa
                                            : 0.0;
    s->jl = a->mass_l / (s->rho_l * a->area);
    s->jg = a->mass_g / (s->rho_g * a->area);
    double djl = -s->jl * s->drho_l_dp / s->rho_l, djg = -s->jg / p;
    double j = s->jl + s->jg, dj = djl + djg;
    double r = s->rho_g / s->rho_l, dr = r * (1.0 / p - s->drho_l_dp / s->rho_l);
    double sr = sqrt(r);
    double c0 = 1.2 - 0.2 * sr, dc0 = -0.1 * dr / sr;
    double vgj, dvgj;
    if (a->dstar <= 30.0) {
        double q = sqrt(fmax(1.0 - r, 1e-12));     /* Δρ/ρl = 1 − ρg/ρl */
        vgj = a->nicklin * q;
        dvgj = -a->nicklin * dr / (2.0 * q);
    } else {
        vgj = a->ki_coef * pow(r, -0.157);
        dvgj = -0.157 * vgj * dr / r;
    }
    s->vgj = vgj;
    double den = c0 * j + vgj;
    double alpha = s->jg / den;
    double dalpha = (djg - alpha * (dc0 * j + c0 * dj + dvgj)) / den;
    double a1 = a->p->high_void_start;
    if (alpha > a1 && c0 > 1.0 && j > 0.0) {
        /* C0(α) = c0 − k (α − a1), k = (c0 − 1)/(1 − a1):
         * F(α) = k j α² − b α + jg = 0, the smaller root; dα/dp = −F_p/F_α. */
        double k = (c0 - 1.0) / (1.0 - a1), dk = dc0 / (1.0 - a1);
        double b = (c0 + k * a1) * j + vgj;
        double db = (dc0 + dk * a1) * j + (c0 + k * a1) * dj + dvgj;
        double disc = b * b - 4.0 * k * j * s->jg;
        alpha = 2.0 * s->jg / (b + sqrt(disc > 0.0 ? disc : 0.0));
        double f_a = 2.0 * k * j * alpha - b;
        double f_p = (dk * j + k * dj) * alpha * alpha - db * alpha + djg;
        dalpha = f_a < 0.0 ? -f_p / f_a : 0.0;
        c0 = c0 - k * (alpha - a1);
    }
    if (!(alpha > 0.0)) {
        alpha = 0.0;
        dalpha = 0.0;
    } else if (alpha > 1.0 - 1e-9) {
        alpha = 1.0 - 1e-9;
        dalpha = 0.0;
    }
    s->alpha = alpha;
    s->dalpha_dp = dalpha;
    s->c0 = c0;
    s->beta = -1.0;
    s->alpha_ls = 0.0;
    s->rho_w = alpha * s->rho_g + (1.0 - alpha) * s->rho_l;
}

/* The slug unit's void fraction at pressure p (st optional: β, α_LS, α_TB,
 * v_F); *margin (optional) is Mishima & Ishii's slug–churn void less α
 * (positive in slug flow). */
static double slug_alpha(const airlift *a, double p, tp_state *st, double *margin)
{
    const lift_fluid *f = &a->f;
    double rho_c = lift_liquid_density(f->carrier_rho0, f->bulk_modulus_pa, p);
    double rho_l = f->phi_insitu * f->grain_density + (1.0 - f->phi_insitu) * rho_c;
    double rho_g = p * a->inv_rt;
    double jl = a->mass_l / (rho_l * a->area), jg = a->mass_g / (rho_g * a->area);
    double al, b, als, atb, vf;
    slug_unit(a, rho_l, rho_g, jl, jg, &al, &b, &als, &atb, &vf);
    if (st) {
        st->beta = b;
        st->alpha_ls = als;
        st->alpha_tb = atb;
        st->v_film = vf;
    }
    if (margin) {
        /* Slug → churn where the mean void reaches that of the Taylor
         * bubble's section (K. Mishima and M. Ishii, Int. J. Heat Mass
         * Transfer 27 (1984) 723, eq. 29):
         *   α ≥ 1 − 0.813 [((C0 − 1) j + 0.35 √(Δρ g D/ρl)) /
         *        (j + 0.75 √(Δρ g D/ρl) (Δρ g D³/(ρl νl²))^(1/18))]^0.75 */
        double j = jl + jg, dr = fmax(1.0 - rho_g / rho_l, 1e-12);
        double c0 = 1.2 - 0.2 * sqrt(rho_g / rho_l);
        double u = sqrt(dr * RM_LIFT_G * a->d), nu = a->f.viscosity_pa_s / rho_l;
        double ga = pow(dr * RM_LIFT_G * a->d * a->d * a->d / (nu * nu), 1.0 / 18.0);
        double crit = 1.0 - 0.813 * pow(((c0 - 1.0) * j + 0.35 * u) / (j + 0.75 * u * ga), 0.75);
        *margin = crit - al;
    }
    return al;
}

/* The two-phase state at pressure p: the drift flux, or, where the slug
 * unit applies and the flow is slug flow (Mishima & Ishii 1984), the slug
 * unit's void fraction, with dα/dp by a central difference (α is solved to
 * 1e-16, so a step of 1e-6 p leaves ~1e-10 of error).  Past the slug–churn
 * transition the drift flux with its high-void branch (churn, then
 * annular) holds. */
static void tp_eval(const airlift *a, double p, tp_state *s)
{
    tp_eval_drift(a, p, s);
    if (!a->slug || a->in_entry || !(a->mass_g > 0.0))
        return;
    tp_state u = *s;
    double margin;
    double al = slug_alpha(a, p, &u, &margin);
    if (!(margin > 0.0))
        return;             /* churn: the drift flux */
    *s = u;
    double h = 1e-6 * p;
    s->dalpha_dp = (slug_alpha(a, p + h, NULL, NULL) - slug_alpha(a, p - h, NULL, NULL)) /
                   (2.0 * h);
    if (al > 1.0 - 1e-9) {
        al = 1.0 - 1e-9;
        s->dalpha_dp = 0.0;
    }
    s->alpha = al;
    s->c0 = 1.2;
    double rho_ls = (1.0 - s->alpha_ls) * s->rho_l + s->alpha_ls * s->rho_g;
    double rho_tb = (1.0 - s->alpha_tb) * s->rho_l + s->alpha_tb * s->rho_g;
    s->rho_w = (1.0 - s->beta) * rho_ls + s->beta * (a->p->column_model == RM_LIFT_COLUMN_SLUG_FILM_WALL ? s->rho_g : rho_tb);
}

/* dM/dp of the momentum flux M = Gg²/(ρg α) + Gl²/(ρl (1 − α)). */
static double momentum_slope(const airlift *a, const tp_state *s)
{
    if (!(a->mass_g > 0.0) || !(s->alpha > 0.0))
        return 0.0;
    double gg = a->mass_g / a->area, gl = a->mass_l / a->area;
    double mg = s->rho_g * s->alpha, ml = s->rho_l * (1.0 - s->alpha);
    double dmg = a->inv_rt * s->alpha + s->rho_g * s->dalpha_dp;
    double dml = s->drho_l_dp * (1.0 - s->alpha) - s->rho_l * s->dalpha_dp;
    return -gg * gg * dmg / (mg * mg) - gl * gl * dml / (ml * ml);
}

/* Wall friction gradient of the two-phase mixture (Pa/m): slugs move at
 * j; past the high-void start the liquid becomes a wall film moving at
 * ul, and the friction velocity follows. */
static int tp_friction(airlift *a, const tp_state *s, double *fr)
{
    *fr = 0.0;
    if (!(s->jl > 0.0))
        return 0;
    if (s->beta >= 0.0) {
        /* Slug unit: wall shear of the liquid slugs at the mixture flux;
         * the falling film's shear carries its own weight (Fernandes et
         * al. 1983; Ansari et al. 1994: no pressure drop along the
         * Taylor bubble). */
        double rho_ls = (1.0 - s->alpha_ls) * s->rho_l + s->alpha_ls * s->rho_g;
        if (lift_friction_gradient(&a->f, rho_ls, s->jl + s->jg, a->d, fr, &a->err)) {
            a->failed = 1;
            return -1;
        }
        *fr *= 1.0 - s->beta;
        if (a->p->column_model == RM_LIFT_COLUMN_SLUG_FILM_SHEAR && s->beta > 0.0 && s->v_film > 0.0) {
            double mu = a->f.viscosity_pa_s;
            double re = s->rho_l * s->v_film * a->d * (1.0 - s->alpha_tb) / mu;
            double ff = re < 2100.0 ? 16.0 / re : 0.046 * pow(re, -0.2);
            *fr -= s->beta * 4.0 * ff * 0.5 * s->rho_l * s->v_film * s->v_film / a->d;
        }
        return 0;
    }
    double ul = s->jl / (1.0 - s->alpha), j = s->jl + s->jg;
    double a1 = a->p->high_void_start;
    double w = s->alpha > a1 ? (s->alpha - a1) / (1.0 - a1) : 0.0;
    double u_f = (1.0 - w) * j + w * ul;
    if (lift_friction_gradient(&a->f, s->rho_l, u_f, a->d, fr, &a->err)) {
        a->failed = 1;
        return -1;
    }
    *fr *= 1.0 - s->alpha;
    return 0;
}

/* 1 when the slug-unit column has a churn entrance region. */
static int entry_applies(const airlift *a)
{
    return a->slug && a->p->slug_entry_churn && a->mass_g > 0.0;
}

/* Taitel, Bornea & Dukler (AIChE J. 26 (1980) 345, eq. 25): above the gas
 * inlet the flow is churn, slugs still forming, over the entrance length
 *     l_E = 40.6 D (j/√(g D) + 0.22)
 * at the local mixture flux (s: the state there). */
static double entry_length(const airlift *a, const tp_state *s)
{
    return 40.6 * a->d * ((s->jl + s->jg) / sqrt(RM_LIFT_G * a->d) + 0.22);
}

/* Depth as the independent variable (for the profile at given depths). */
static int tp_rhs(double z, const double y[], double dydz[], void *params)
{
    airlift *a = params;
    double p = y[0];
    if (!(p > 0.02 * RM_LIFT_P_ATM) || !isfinite(p)) {
        a->failed = 1;
        rm_error_set(&a->err, RM_EPHYS, "the airlift pressure collapsed");
        return GSL_EBADFUNC;
    }
    tp_state s;
    if (entry_applies(a)) {
        a->in_entry = 1;
        tp_eval(a, p, &s);
        a->in_entry = a->z_inj - z < entry_length(a, &s);
    }
    tp_eval(a, p, &s);
    double rho_m = s.rho_w;
    double ul = s.jl / (1.0 - s.alpha);
    double fr;
    if (tp_friction(a, &s, &fr))
        return GSL_EBADFUNC;
    double den = fmax(1.0 + momentum_slope(a, &s), 0.1);
    dydz[0] = (rho_m * RM_LIFT_G + fr) / den;
    dydz[1] = -fr;                 /* integrating upward: dz < 0 */
    dydz[2] = -rho_m * RM_LIFT_G;
    dydz[3] = ul > 0.0 ? -1.0 / ul : 0.0;
    return GSL_SUCCESS;
}

/* ln p as the independent variable.  In the column the pressure gradient
 * depends on the pressure alone, so the height over which the pressure
 * falls from p_inj to p_atm is a quadrature, not an initial-value problem:
 *     z_inj − z(p_atm) = ∫ dz/ds ds over s = ln p in [ln p_atm, ln p_inj],
 *     dz/ds = p (1 + dM/dp) / (ρm g + F).
 * The isothermal gas volume goes as 1/p, so in s the void fraction and the
 * velocities vary smoothly over the whole column (in depth they steepen
 * toward the top).  The integrand's one kink is where α crosses the
 * high-void start (C0 and the friction velocity change law there); the
 * quadrature splits at it.  Component a->comp: 0 dz/ds, 1 friction F dz/ds,
 * 2 weight ρm g dz/ds, 3 transit time (dz/ds)/ul. */
static double col_integrand(double sp, void *params)
{
    airlift *a = params;
    if (a->failed)
        return 0.0;
    double p = exp(sp);
    tp_state s;
    tp_eval(a, p, &s);
    double rho_m = s.rho_w;
    double fr;
    if (tp_friction(a, &s, &fr))
        return 0.0;
    double den = fmax(1.0 + momentum_slope(a, &s), 0.1);
    double dz = p * den / (rho_m * RM_LIFT_G + fr);
    switch (a->comp) {
    case 1: return fr * dz;
    case 2: return rho_m * RM_LIFT_G * dz;
    case 3: {
        double ul = s.jl / (1.0 - s.alpha);
        return ul > 0.0 ? dz / ul : 0.0;
    }
    default: return dz;
    }
}

/* Adaptive Gauss–Kronrod (GSL's 21-point rule, bisected until its error
 * estimate is below tol). */
static double col_quad(airlift *a, double lo, double hi, double tol, int depth)
{
    gsl_function fn = {col_integrand, a};
    double r, e, rabs, rasc;
    gsl_integration_qk21(&fn, lo, hi, &r, &e, &rabs, &rasc);
    if (e <= tol || depth >= 16 || a->failed)
        return r;
    double m = 0.5 * (lo + hi);
    return col_quad(a, lo, m, 0.5 * tol, depth + 1) + col_quad(a, m, hi, 0.5 * tol, depth + 1);
}

/* The root of fn between x0 and x1 (where it changes sign) by Brent's
 * method to an interval of 1e-12, at most 100 iterations; fail when GSL
 * refuses the bracket.  The solver's state is on the stack: no allocation
 * per call. */
static double brent_root(gsl_function *fn, double x0, double x1, double fail)
{
    gsl_root_fsolver s;
    double state[32];
    if (gsl_root_fsolver_brent->size > sizeof state)
        return fail;
    s.type = gsl_root_fsolver_brent;
    s.state = state;
    s.function = NULL;
    if (gsl_root_fsolver_set(&s, fn, x0, x1) != GSL_SUCCESS)
        return fail;
    for (int it = 0; it < 100; it++) {
        gsl_root_fsolver_iterate(&s);
        if (gsl_root_fsolver_x_upper(&s) - gsl_root_fsolver_x_lower(&s) < 1e-12)
            break;
    }
    return gsl_root_fsolver_root(&s);
}

/* The integrand's kinks: α = high_void_start (a->comp = 0) and the
 * choking guard 1 + dM/dp = 0.1 (a->comp = 1), as functions of ln p. */
static double col_kink_fn(double sp, void *params)
{
    airlift *a = params;
    tp_state s;
    if (a->kink == 0 && a->slug && !a->in_entry && a->mass_g > 0.0) {
        double margin;
        slug_alpha(a, exp(sp), NULL, &margin);
        return margin;
    }
    tp_eval(a, exp(sp), &s);
    if (a->kink == 0)
        return s.alpha - a->p->high_void_start;
    return 1.0 + momentum_slope(a, &s) - 0.1;
}

/* ln p in (s1, s0) where kink function `which` changes sign, or NaN. */
static double col_kink(airlift *a, int which, double s1, double s0)
{
    a->kink = which;
    double g1 = col_kink_fn(s1, a), g0 = col_kink_fn(s0, a);
    if (!(g1 * g0 < 0.0))
        return NAN;
    gsl_function fn = {col_kink_fn, a};
    return brent_root(&fn, s1, s0, NAN);
}

/* Profile node of the two-phase column at depth z (m) and pressure p (Pa): mixture
 * density, phase velocities (jl / (1 − α), jg / α), mixture flux, void fraction and
 * solids fraction. */
static void tp_node(const airlift *a, double z, double p, rm_lift_node *n)
{
    tp_state s;
    tp_eval(a, p, &s);
    n->depth_m = z;
    n->pressure_pa = p;
    n->density_kg_m3 = s.alpha * s.rho_g + (1.0 - s.alpha) * s.rho_l;
    n->liquid_velocity_m_s = s.jl / (1.0 - s.alpha);
    n->gas_velocity_m_s = s.alpha > 0.0 ? s.jg / s.alpha : 0.0;
    n->mixture_flux_m_s = s.jl + s.jg;
    n->void_fraction = s.alpha;
    n->solids_fraction = a->f.phi_insitu * (1.0 - s.alpha);
}

/* The liquid leg from the inlet to the injection point (cached by flow);
 * nodes optional (depths preset, inlet first). */
static rm_status airlift_leg(airlift *a, rm_lift_node *nodes, size_t n_nodes, rm_error *err)
{
    if (!nodes && a->leg_valid && a->leg_mass == a->mass_l) {
        if (a->leg_status)
            return rm_error_set(err, a->leg_status, "%s", a->leg_message);
        return RM_OK;
    }
    lift_leg leg = {&a->f, a->mass_l, a->area, a->d, 1, 0};
    double rho_in = lift_fluid_density(&a->f, a->p_amb_in);
    double v_in = a->mass_l / (rho_in * a->area);
    double p_in = a->p_amb_in - (1.0 + a->p->k_inlet) * 0.5 * rho_in * v_in * v_in;
    rm_status st = lift_leg_integrate(&leg, a->z_in, p_in, a->z_inj, nodes, n_nodes, &a->one, err);
    if (!st) {
        a->p_inj = a->one.p_end;
        if (!(a->p_inj > 0.02 * RM_LIFT_P_ATM))
            st = rm_error_set(err, RM_EPHYS,
                              "the liquid below the injection point outweighs the surrounding "
                              "water: inject deeper");
    }
    a->leg_valid = 1;
    a->leg_mass = a->mass_l;
    a->leg_status = st;
    if (st)
        snprintf(a->leg_message, sizeof a->leg_message, "%s", err->message);
    return st;
}

/* The pressure just above the injector (Pa).  Air that enters without
 * axial momentum is accelerated to jg/α, and the liquid from jl to
 * jl/(1 − α), within the mixing section; across it p + M is conserved
 * (the steady 1-D momentum balance across a jump, wall shear and weight
 * of the short section neglected):
 *     p⁺ = p_inj − [Gg²/(ρg α) + Gl²/(ρl (1 − α))](p⁺) + Gl²/ρl.
 * Three fixed-point passes (the jump is small against p_inj: a few
 * hundred Pa in a laboratory riser, so each pass gains three digits).
 * Needs a->p_inj and the flows; returns p_inj when there is no air.  With
 * the slug unit's churn entrance region, the section's state is churn. */
static double injector_start(airlift *a)
{
    if (!(a->mass_g > 0.0))
        return a->p_inj;
    double gl = a->mass_l / a->area, gg = a->mass_g / a->area;
    /* the mixing section is at the foot of the churn entrance region */
    int in = a->in_entry;
    a->in_entry = entry_applies(a);
    tp_state s;
    tp_eval(a, a->p_inj, &s);
    double m_in = gl * gl / s.rho_l, p = a->p_inj;
    for (int it = 0; it < 3; it++) {
        tp_eval(a, p, &s);
        double m = gg * gg / (s.rho_g * s.alpha) + gl * gl / (s.rho_l * (1.0 - s.alpha));
        p = a->p_inj - (m - m_in);
        if (!(p > 0.02 * RM_LIFT_P_ATM))
            break;
    }
    a->in_entry = in;
    return p;
}

/* The integral of col_integrand (component a->comp) over ln p in [lo, hi],
 * split where the integrand has a kink: α at the high-void start (drift
 * flux) or the slug–churn transition (slug unit), then the choking guard
 * (which can only bind above it, at high void); tol on the whole. */
static double col_piece(airlift *a, double lo, double hi, double tol)
{
    double cuts[4] = {lo, NAN, col_kink(a, 0, lo, hi), hi};
    double top = isnan(cuts[2]) ? hi : cuts[2];
    cuts[1] = col_kink(a, 1, lo, top);
    double out = 0.0, prev = lo;
    for (int k = 1; k < 4; k++) {
        if (!(cuts[k] > prev))
            continue;           /* NaN: no kink */
        out += col_quad(a, prev, cuts[k], 0.5 * tol, 0);
        prev = cuts[k];
    }
    return out;
}

/* The churn column's height from ln p = sp up to the injector's
 * a->s_entry_top, less the entrance length at sp: negative while sp is
 * still in the entrance region. */
static double entry_fn(double sp, void *params)
{
    airlift *a = params;
    int comp = a->comp, in = a->in_entry;
    a->comp = 0;
    a->in_entry = 1;
    double h = col_piece(a, sp, a->s_entry_top, a->entry_tol);
    tp_state s;
    tp_eval(a, exp(sp), &s);
    a->comp = comp;
    a->in_entry = in;
    return h - entry_length(a, &s);
}

/* ln p at the top of the entrance region, in (s1, s0) where entry_fn
 * changes sign (Brent to 1e-12). */
static double entry_boundary(airlift *a, double s1, double s0)
{
    gsl_function fn = {entry_fn, a};
    return brent_root(&fn, s1, s0, s1);
}

/* The column from the injection pressure to one atmosphere for a->mass_l,
 * a->mass_g: sets z_top (the depth where the pressure is atmospheric;
 * above z_out when the outlet pressure exceeds one atmosphere) and, if
 * integrals is set, the column's friction, weight and transit time.
 * Needs a->p_inj. */
static rm_status airlift_column(airlift *a, int integrals, rm_error *err)
{
    a->failed = 0;
    a->p_top = RM_LIFT_P_ATM;
    a->f2 = a->w2 = a->t2 = 0.0;
    a->z_top = a->z_inj;
    if (!(a->p_inj > RM_LIFT_P_ATM))
        return RM_OK;       /* no column holds: the pressure is spent below */
    double p0 = injector_start(a);
    if (!(p0 > RM_LIFT_P_ATM))
        return RM_OK;       /* the mixing section spends the pressure */
    double s0 = log(p0), s1 = log(RM_LIFT_P_ATM);
    /* The slug-unit column's churn entrance: from s_e up to s0 (drift
     * flux), slug flow from s1 to s_e. */
    double s_e = s1;
    int entry = entry_applies(a);
    if (entry) {
        a->comp = 0;
        a->s_entry_top = s0;
        a->entry_tol = 0.1 * COL_TOL * (a->z_inj - a->z_out);
        if (entry_fn(s1, a) > 0.0)
            s_e = entry_boundary(a, s1, s0);
    }
    double tol = COL_TOL * (a->z_inj - a->z_out);
    double out[4] = {0.0, 0.0, 0.0, 0.0};
    for (int c = integrals ? 1 : 0; c < (integrals ? 4 : 1); c++) {
        a->comp = c;
        for (int part = 0; part < 2; part++) {
            double lo = part ? s_e : s1, hi = part ? s0 : s_e;
            if (!(hi > lo))
                continue;
            a->in_entry = entry && part;
            double t = tol;
            if (c) {
                /* The integrals to 1e-8 of their size, from a first estimate. */
                gsl_function fn = {col_integrand, a};
                double r, e, rabs, rasc;
                gsl_integration_qk21(&fn, lo, hi, &r, &e, &rabs, &rasc);
                t = 1e-8 * rabs;
            }
            out[c] += col_piece(a, lo, hi, t);
        }
    }
    a->in_entry = 0;
    a->comp = 0;
    if (a->failed || !isfinite(out[0]) || !isfinite(out[1]) || !isfinite(out[2]) ||
        !isfinite(out[3]))
        return rm_error_set(err, RM_EPHYS, "%s",
                            a->err.message[0] ? a->err.message : "airlift integration failed");
    if (!integrals)
        a->z_top = a->z_inj - out[0];
    a->f2 = out[1];
    a->w2 = out[2];
    a->t2 = out[3];
    return RM_OK;
}

/* The profile: the column again in depth, at the nodes' depths. */
static rm_status airlift_profile(airlift *a, rm_lift_node *nodes, size_t n_nodes, rm_error *err)
{
    size_t k1 = 0;
    while (k1 < n_nodes && nodes[k1].depth_m >= a->z_inj)
        k1++;
    rm_status st = airlift_leg(a, nodes, k1, err);
    if (st)
        return st;
    a->failed = 0;
    double y[4] = {injector_start(a), 0.0, 0.0, 0.0};
    gsl_odeiv2_system sys = {tp_rhs, NULL, 4, a};
    double len = a->z_inj - a->z_out;
    /* A different integrator from the residual's quadrature, run tight:
     * the outlet pressure it reaches checks the quadrature (tested). */
    gsl_odeiv2_driver *drv = gsl_odeiv2_driver_alloc_y_new(
        &sys, gsl_odeiv2_step_rk8pd, -fmin(len, 10.0) * 1e-3, 1e-6, 1e-11);
    if (!drv)
        return rm_error_set(err, RM_ENOMEM, "airlift: out of memory");
    double z = a->z_inj;
    int s = GSL_SUCCESS;
    for (size_t k = k1; k < n_nodes && s == GSL_SUCCESS; k++) {
        s = gsl_odeiv2_driver_apply(drv, &z, nodes[k].depth_m, y);
        if (s == GSL_SUCCESS)
            tp_node(a, z, y[0], &nodes[k]);
    }
    gsl_odeiv2_driver_free(drv);
    if (s != GSL_SUCCESS || a->failed)
        return rm_error_set(err, RM_EPHYS, "%s",
                            a->err.message[0] ? a->err.message : "airlift integration failed");
    return RM_OK;
}

/* The residual of the boundary-value problem, z_out − z(p_atm) in metres:
 * positive when the column reaches the outlet above one atmosphere (it
 * could lift more), negative when the pressure is spent below the outlet;
 * a failed integration counts as below (too much flow). */
static double residual(airlift *a)
{
    /* The last few values are remembered: the root finder re-evaluates
     * its bracket's ends. */
    for (int k = 0; k < AIRLIFT_MEMO; k++)
        if (a->memo_valid[k] && a->memo[k][0] == a->mass_l && a->memo[k][1] == a->mass_g)
            return a->memo[k][2];
    rm_error e;
    double r;
    if (airlift_leg(a, NULL, 0, &e) || airlift_column(a, 0, &e))
        r = a->z_out - a->z_inj - 1.0;
    else
        r = a->z_out - a->z_top;
    int k = a->memo_next;
    a->memo_next = (k + 1) % AIRLIFT_MEMO;
    a->memo[k][0] = a->mass_l;
    a->memo[k][1] = a->mass_g;
    a->memo[k][2] = r;
    a->memo_valid[k] = 1;
    return r;
}

/* The fluid changed (coarse slip): forget the cached leg and residuals. */
static void airlift_forget(airlift *a)
{
    a->leg_valid = 0;
    memset(a->memo_valid, 0, sizeof a->memo_valid);
}

/* residual() at liquid mass flow mass_l (kg/s), for the root finder (params is the
 * airlift); first moves the coarse grains' in-situ fraction to that flow (no slip when
 * the flow is too slow to carry them). */
static double residual_liquid(double mass_l, void *params)
{
    airlift *a = params;
    a->mass_l = mass_l;
    /* The coarse grains' in-situ fraction follows the liquid flow (so the
     * air-given and rate-given solves agree); a flow too slow to carry
     * them counts as no slip here and fails after the root if chosen. */
    rm_error e;
    if (lift_fluid_slip(&a->f, mass_l / a->f.slurry_rho0 / a->area, &e))
        a->f.phi_insitu = a->f.phi_delivered;
    return residual(a);
}

/* residual() at air mass flow mass_g (kg/s), for the root finder (params is the
 * airlift). */
static double residual_gas(double mass_g, void *params)
{
    airlift *a = params;
    a->mass_g = mass_g;
    return residual(a);
}

/* Root of fn(·, a) in [lo, hi] by Brent's method (relative tolerance 1e-7); fn(lo) and
 * fn(hi) must have opposite signs. RM_ENOCONV when it does not converge. */
static rm_status brent(double (*fn)(double, void *), airlift *a, double lo, double hi,
                       double *root, rm_error *err)
{
    gsl_function f = {fn, a};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s)
        return rm_error_set(err, RM_ENOMEM, "airlift: out of memory");
    rm_status st = RM_ENOCONV;
    if (gsl_root_fsolver_set(s, &f, lo, hi) == GSL_SUCCESS) {
        for (int it = 0; it < 200; it++) {
            gsl_root_fsolver_iterate(s);
            double x0 = gsl_root_fsolver_x_lower(s), x1 = gsl_root_fsolver_x_upper(s);
            if (gsl_root_test_interval(x0, x1, 1e-14, 1e-7) == GSL_SUCCESS) {
                *root = gsl_root_fsolver_root(s);
                st = RM_OK;
                break;
            }
        }
    }
    gsl_root_fsolver_free(s);
    if (st)
        return rm_error_set(err, st, "airlift: root finding did not converge");
    return RM_OK;
}

/* The least air that lifts liquid to the outlet (ṁl → 0). */
static rm_status airlift_start_air(airlift *a, double *mass_g, rm_error *err)
{
    a->mass_l = 0.0;
    double hi = 1e-9 * a->area * 1000.0;
    for (int i = 0; residual_gas(hi, a) <= 0.0; i++) {
        if (i > 200)
            return rm_error_set(err, RM_EPHYS,
                                "no air flow starts this airlift: the outlet is too high above "
                                "the surface for the submergence");
        hi *= 1.5;
    }
    return brent(residual_gas, a, hi / 1.5, hi, mass_g, err);
}

/* Clears a and fills what does not depend on the flows: the resolved fluid, riser
 * geometry (inlet, injection and outlet depths; an outlet above sea level is a negative
 * depth), ambient inlet pressure and the drift-flux constants. */
static rm_status airlift_setup(const rm_lift_params *p, airlift *a, rm_error *err)
{
    memset(a, 0, sizeof *a);
    a->p = p;
    rm_status st = lift_fluid_resolve(p, &a->f, err);
    if (st)
        return st;
    a->d = p->diameter_m;
    a->area = lift_circle_area(a->d);
    a->z_in = p->depth_m;
    a->z_inj = p->injection_depth_m;
    a->z_out = -p->outlet_height_m;
    a->p_amb_in = RM_LIFT_P_ATM + lift_hydrostatic_gauge(a->z_in, a->f.ambient_rho0,
                                                         a->f.bulk_modulus_pa);
    a->inv_rt = 1.0 / (RM_LIFT_R_AIR * p->gas_temperature_k);
    drift_setup(a);
    return RM_OK;
}

static rm_status airlift_solve_in(airlift *a, const rm_lift_params *p, rm_lift_result *r,
                                  rm_error *err);

/* rm_lift_system entry: sets up an airlift for p and solves it into r. */
static rm_status airlift_solve(const rm_lift_params *p, rm_lift_result *r, rm_error *err)
{
    airlift a;
    rm_status st = airlift_setup(p, &a, err);
    if (!st)
        st = airlift_solve_in(&a, p, r, err);
    return st;
}

/* Solves a set-up airlift: the liquid flow for the given air (p->air_kg_s > 0) or the
 * least air that lifts the target rate, then fills r (pressures, powers with isothermal
 * compression, profile when asked). RM_EPHYS when no flow or no air flow works. */
static rm_status airlift_solve_in(airlift *a, const rm_lift_params *p, rm_lift_result *r,
                                  rm_error *err)
{
    rm_status st;
    double T = p->gas_temperature_k;
    if (p->air_kg_s > 0.0) {
        /* Given air: find the liquid flow. */
        a->mass_g = p->air_kg_s;
        a->mass_l = 0.0;
        if (residual(a) <= 0.0) {
            double need = 0.0;
            rm_error e2;
            if (airlift_start_air(a, &need, &e2) == RM_OK)
                return rm_error_set(err, RM_EPHYS,
                                    "too little air to start flow: %.4g kg/s given, at least "
                                    "%.4g kg/s needed", p->air_kg_s, need);
            return rm_error_set(err, RM_EPHYS, "too little air to start flow: %s", e2.message);
        }
        a->mass_g = p->air_kg_s;
        double hi = a->f.slurry_rho0 * a->area * 0.5;
        for (int i = 0; residual_liquid(hi, a) > 0.0; i++) {
            if (i > 100)
                return rm_error_set(err, RM_ENOCONV, "airlift: no bound on the liquid flow");
            hi *= 2.0;
        }
        double lo = hi / 2.0;
        if (residual_liquid(lo, a) <= 0.0)
            lo = 0.0;
        st = brent(residual_liquid, a, lo, hi, &a->mass_l, err);
        if (st)
            return st;
    } else {
        /* Given liquid: find the least air that lifts it. */
        a->mass_l = lift_target_mass(p, &a->f);
        if (!(a->mass_l > 0.0))
            return rm_error_set(err, RM_EINVAL,
                                "airlift needs --air-kg-s, or a dry rate (slurry) / liquid flow");
        st = lift_fluid_slip(&a->f, a->mass_l / a->f.slurry_rho0 / a->area, err);
        if (st)
            return st;
        airlift_forget(a);
        double rho_g = a->p_amb_in / (RM_LIFT_R_AIR * T);
        double g = 1e-3 * rho_g * a->area * a->mass_l / a->f.slurry_rho0 / a->area;
        /* Start the scan just below the air a homogeneous, frictionless
         * column would need (no slip: α = jg/j; ρl constant), integrated
         * in closed form from p_inj to p_atm over the height H:
         *     H = (p_inj − p_atm)/(ρl g) + ṁg R T ln(p_inj/p_atm)/(ρl g Ql).
         * Slip (C0 ≥ 1, Vgj ≥ 0) only lowers α, friction and acceleration
         * only shorten the column, so no smaller air flow lifts the rate:
         * the scan still finds the smallest root, in fewer steps. */
        if (airlift_leg(a, NULL, 0, err) == RM_OK && a->p_inj > RM_LIFT_P_ATM) {
            double rho_l = lift_fluid_density(&a->f, a->p_inj);
            double h = a->z_inj - a->z_out;
            double ql = a->mass_l / rho_l;
            double gh = (h * rho_l * RM_LIFT_G - (a->p_inj - RM_LIFT_P_ATM)) * ql /
                        (RM_LIFT_R_AIR * T * log(a->p_inj / RM_LIFT_P_ATM));
            if (!a->slug && 0.7 * gh > g)
                g = 0.7 * gh;
        }
        double prev = -HUGE_VAL, prev_g = g, best = -HUGE_VAL;
        int falling = 0, found = 0;
        for (int i = 0; i < 120; i++) {
            double rres = residual_gas(g, a);
            if (rres > 0.0) {
                found = 1;
                break;
            }
            if (rres > best)
                best = rres;
            falling = rres < prev ? falling + 1 : 0;
            if (falling >= 6 && best > a->z_out - a->z_inj - 0.5) /* not a failure */
                break;
            prev = rres;
            prev_g = g;
            g *= 1.4;
        }
        if (!found)
            return rm_error_set(err, RM_EPHYS,
                                "no air flow lifts %.4g kg/s of %s in this riser: lower the rate, "
                                "widen the riser or inject deeper",
                                a->mass_l, p->fluid == RM_LIFT_FLUID_SLURRY ? "slurry" : "liquid");
        st = brent(residual_gas, a, prev_g, g, &a->mass_g, err);
        if (st)
            return st;
    }
    if (p->air_kg_s > 0.0) {
        st = lift_fluid_slip(&a->f, a->mass_l / a->f.slurry_rho0 / a->area, err);
        if (st)
            return st;
        airlift_forget(a);
    }
    /* Final pass: the column's integrals, then the profile if asked. */
    if ((st = airlift_leg(a, NULL, 0, err)) || (st = airlift_column(a, 1, err)))
        return st;
    size_t nn = p->profile_points;
    st = lift_result_nodes(r, nn, err);
    if (st)
        return st;
    for (size_t k = 0; k < nn; k++)
        r->nodes[k].depth_m = a->z_in + (a->z_out - a->z_in) * (double)k / (double)(nn - 1 ? nn - 1 : 1);
    if (nn && (st = airlift_profile(a, r->nodes, nn, err)))
        return st;
    tp_state top;
    tp_eval(a, a->p_top, &top);
    double p_c = a->p_inj * exp(-RM_LIFT_G * a->z_inj / (RM_LIFT_R_AIR * T));
    if (p_c < RM_LIFT_P_ATM)
        p_c = RM_LIFT_P_ATM;
    double iso = a->mass_g * RM_LIFT_R_AIR * T * log(p_c / RM_LIFT_P_ATM);
    double rho_in = lift_fluid_density(&a->f, a->p_amb_in);
    double v_in = a->mass_l / (rho_in * a->area);
    r->liquid_mass_flow_kg_s = a->mass_l;
    r->mixture_velocity_m_s = v_in;
    r->air_kg_s = a->mass_g;
    r->injection_pressure_pa = a->p_inj;
    r->compressor_pressure_pa = p_c;
    r->pump_pressure_pa = p_c - RM_LIFT_P_ATM;
    r->static_excess_pa = a->one.weight_pa + a->w2 - (a->p_amb_in - RM_LIFT_P_ATM);
    r->friction_pa = a->one.friction_pa + a->f2;
    r->minor_loss_pa = (1.0 + p->k_inlet) * 0.5 * rho_in * v_in * v_in;
    r->bottom_pressure_pa = a->p_amb_in - r->minor_loss_pa;
    r->hydraulic_power_w = iso;
    r->shaft_power_w = iso / p->compressor_efficiency;
    r->compressor_power_w = r->shaft_power_w;
    r->outlet_void_fraction = top.alpha;
    r->transit_time_s = a->one.time_s + a->t2;
    r->min_pressure_pa = fmin(a->one.p_min, a->p_top);
    lift_result_finish(p, &a->f, p->diameter_m, r);
    return RM_OK;
}

/* Liquid rate (kg/s) and compressor power at a given air flow; 0 if the
 * air cannot start the flow. */
static rm_status rate_at_air(const rm_lift_params *p, double air, double *mass, double *power,
                             rm_error *err)
{
    rm_lift_params q = *p;
    q.air_kg_s = air;
    q.profile_points = 0;
    rm_lift_result r;
    rm_status st = lift_solve_system(&q, &r, err);
    if (st == RM_EPHYS) {
        *mass = 0.0;
        *power = 0.0;
        return RM_OK;
    }
    if (st)
        return st;
    *mass = r.liquid_mass_flow_kg_s;
    *power = r.compressor_power_w;
    rm_lift_result_free(&r);
    return RM_OK;
}

rm_status lift_airlift_max_rate(const rm_lift_params *p, double power_w, double *rate,
                                rm_error *err)
{
    airlift a;
    rm_status st = airlift_setup(p, &a, err);
    if (st)
        return st;
    /* The air the power buys: P = ṁg R T ln(pc/patm)/η, iterated. */
    double T = p->gas_temperature_k;
    double pc = a.p_amb_in * exp(-RM_LIFT_G * a.z_inj / (RM_LIFT_R_AIR * T));
    double air = power_w * p->compressor_efficiency /
                 (RM_LIFT_R_AIR * T * log(fmax(pc, 1.01 * RM_LIFT_P_ATM) / RM_LIFT_P_ATM));
    double mass = 0.0, pw = 0.0;
    for (int it = 0; it < 8; it++) {
        st = rate_at_air(p, air, &mass, &pw, err);
        if (st)
            return st;
        if (!(pw > 0.0))
            break;
        double next = air * power_w / pw;
        if (fabs(next - air) < 1e-6 * air)
            break;
        air = next;
    }
    if (!(mass > 0.0))
        return rm_error_set(err, RM_EPHYS,
                            "%g W buys %.4g kg/s of air, too little to start this airlift",
                            power_w, air);
    /* Rate vs air rises to a peak and falls: search [air/64, air]. */
    double best_air = air, best = mass;
    double xs[13], ys[13];
    for (int i = 0; i < 13; i++) {
        xs[i] = air * pow(2.0, -6.0 + 0.5 * i);
        st = rate_at_air(p, xs[i], &ys[i], &pw, err);
        if (st)
            return st;
        if (ys[i] > best) {
            best = ys[i];
            best_air = xs[i];
        }
    }
    /* Golden-section refinement around the best sample. */
    double lo = best_air / 1.4142, hi = fmin(best_air * 1.4142, air);
    const double gr = 0.6180339887498949;
    for (int it = 0; it < 30 && hi > lo * (1 + 1e-6); it++) {
        double x1 = hi - gr * (hi - lo), x2 = lo + gr * (hi - lo), y1, y2;
        if ((st = rate_at_air(p, x1, &y1, &pw, err)) || (st = rate_at_air(p, x2, &y2, &pw, err)))
            return st;
        if (y1 > best) best = y1;
        if (y2 > best) best = y2;
        if (y1 > y2) hi = x2; else lo = x1;
    }
    *rate = 3.6 * lift_dry_from_mass(&a.f, best);
    if (!(*rate > 0.0))
        return rm_error_set(err, RM_EPHYS, "%g W lifts no solids", power_w);
    return RM_OK;
}

const rm_lift_system lift_system_airlift_type = {"airlift", airlift_solve};
const rm_lift_system *const rm_lift_airlift = &lift_system_airlift_type;
