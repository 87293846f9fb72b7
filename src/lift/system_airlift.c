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
 * Below the injection point the riser holds single-phase liquid.
 *
 * Boundary-value problem: the inlet sits at the ambient pressure less the
 * entry loss, the outlet at one atmosphere.  For a given air flow the
 * liquid flow is the root (GSL Brent) of p_top(ṁl) − p_atm, each p_top an
 * integration with GSL's ODE driver (rkf45); for a given liquid flow the air
 * is the smallest root of the same residual in ṁg (the economical branch).
 * Compressor: isothermal, the supply line's gas column adds pressure,
 * p_c = p_inj exp(−g z_inj / (R T)); power ṁg R T ln(p_c/p_atm) / η.
 */
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>
#include <gsl/gsl_roots.h>

#include "lift_internal.h"

typedef struct airlift {
    const rm_lift_params *p;
    lift_fluid f;
    double area, d;
    double mass_l, mass_g;
    double z_in, z_inj, z_out;
    double p_amb_in;
    /* results of the last integration */
    double p_inj, p_top;
    double dstar, ki_coef;      /* drift-velocity constants */
    lift_leg_out one;
    double f2, w2, t2;
    int failed;
    rm_error err;
} airlift;

typedef struct tp_state {
    double rho_g, rho_l, jl, jg, alpha, c0, vgj;
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
}

static double drift_velocity(const airlift *a, double rho_g, double rho_l)
{
    double drho = rho_l - rho_g;
    if (a->dstar <= 30.0)
        return 0.35 * sqrt(RM_LIFT_G * a->d * drho / rho_l);
    return a->ki_coef * pow(rho_g / rho_l, -0.157);
}

static void tp_eval(const airlift *a, double p, tp_state *s)
{
    s->rho_g = p / (RM_LIFT_R_AIR * a->p->gas_temperature_k);
    s->rho_l = lift_fluid_density(&a->f, p);
    s->jl = a->mass_l / (s->rho_l * a->area);
    s->jg = a->mass_g / (s->rho_g * a->area);
    double j = s->jl + s->jg;
    double c0 = 1.2 - 0.2 * sqrt(s->rho_g / s->rho_l);
    s->vgj = drift_velocity(a, s->rho_g, s->rho_l);
    double alpha = s->jg / (c0 * j + s->vgj);
    double a1 = a->p->high_void_start;
    if (alpha > a1 && c0 > 1.0 && j > 0.0) {
        /* C0(α) = c0 − k (α − a1), k = (c0 − 1)/(1 − a1):
         * k j α² − b α + jg = 0, the smaller root. */
        double k = (c0 - 1.0) / (1.0 - a1);
        double b = (c0 + k * a1) * j + s->vgj;
        double disc = b * b - 4.0 * k * j * s->jg;
        alpha = 2.0 * s->jg / (b + sqrt(disc > 0.0 ? disc : 0.0));
        c0 = c0 - k * (alpha - a1);
    }
    s->alpha = fmin(fmax(alpha, 0.0), 1.0 - 1e-9);
    s->c0 = c0;
}

static double momentum_flux(const airlift *a, double p)
{
    tp_state s;
    tp_eval(a, p, &s);
    double gg = a->mass_g / a->area, gl = a->mass_l / a->area;
    return gg * gg / (s.rho_g * s.alpha > 0.0 ? s.rho_g * s.alpha : 1e-300) +
           gl * gl / (s.rho_l * (1.0 - s.alpha));
}

static int tp_rhs(double z, const double y[], double dydz[], void *params)
{
    (void)z;
    airlift *a = params;
    double p = y[0];
    if (!(p > 0.02 * RM_LIFT_P_ATM) || !isfinite(p)) {
        a->failed = 1;
        rm_error_set(&a->err, RM_EPHYS, "the airlift pressure collapsed");
        return GSL_EBADFUNC;
    }
    tp_state s;
    tp_eval(a, p, &s);
    double rho_m = s.alpha * s.rho_g + (1.0 - s.alpha) * s.rho_l;
    double ul = s.jl / (1.0 - s.alpha);
    double j = s.jl + s.jg;
    double fr = 0.0;
    if (s.jl > 0.0) {
        /* Slugs move at j; past the high-void start the liquid becomes a
         * wall film moving at ul, and the friction velocity follows. */
        double a1 = a->p->high_void_start;
        double w = s.alpha > a1 ? (s.alpha - a1) / (1.0 - a1) : 0.0;
        double u_f = (1.0 - w) * j + w * ul;
        if (lift_friction_gradient(&a->f, s.rho_l, u_f, a->d, &fr, &a->err)) {
            a->failed = 1;
            return GSL_EBADFUNC;
        }
        fr *= 1.0 - s.alpha;
    }
    double h = 1e-4 * p;
    double dmdp = a->mass_g > 0.0 ? (momentum_flux(a, p + h) - momentum_flux(a, p - h)) / (2 * h)
                                  : 0.0;
    double den = fmax(1.0 + dmdp, 0.1);
    dydz[0] = (rho_m * RM_LIFT_G + fr) / den;
    dydz[1] = -fr;                 /* integrating upward: dz < 0 */
    dydz[2] = -rho_m * RM_LIFT_G;
    dydz[3] = ul > 0.0 ? -1.0 / ul : 0.0;
    return GSL_SUCCESS;
}

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

/* Integrate the whole riser for a->mass_l, a->mass_g; nodes optional
 * (depths preset, inlet first).  Sets p_inj, p_top. */
static rm_status airlift_integrate(airlift *a, rm_lift_node *nodes, size_t n_nodes,
                                   rm_error *err)
{
    a->failed = 0;
    lift_leg leg = {&a->f, a->mass_l, a->area, a->d, 1, 0};
    double rho_in = lift_fluid_density(&a->f, a->p_amb_in);
    double v_in = a->mass_l / (rho_in * a->area);
    double p_in = a->p_amb_in - (1.0 + a->p->k_inlet) * 0.5 * rho_in * v_in * v_in;
    size_t k1 = 0;
    while (nodes && k1 < n_nodes && nodes[k1].depth_m >= a->z_inj)
        k1++;
    rm_status st = lift_leg_integrate(&leg, a->z_in, p_in, a->z_inj, nodes, k1, &a->one, err);
    if (st)
        return st;
    a->p_inj = a->one.p_end;
    if (!(a->p_inj > 0.02 * RM_LIFT_P_ATM)) {
        a->failed = 1;
        return rm_error_set(err, RM_EPHYS,
                            "the liquid below the injection point outweighs the surrounding "
                            "water: inject deeper");
    }
    double y[4] = {a->p_inj, 0.0, 0.0, 0.0};
    gsl_odeiv2_system sys = {tp_rhs, NULL, 4, a};
    double len = a->z_inj - a->z_out;
    gsl_odeiv2_driver *drv = gsl_odeiv2_driver_alloc_y_new(
        &sys, gsl_odeiv2_step_rkf45, -fmin(len, 10.0) * 1e-3, 1e-2, 1e-7);
    if (!drv)
        return rm_error_set(err, RM_ENOMEM, "airlift: out of memory");
    double z = a->z_inj;
    int s = GSL_SUCCESS;
    for (size_t k = k1; nodes && k < n_nodes && s == GSL_SUCCESS; k++) {
        s = gsl_odeiv2_driver_apply(drv, &z, nodes[k].depth_m, y);
        if (s == GSL_SUCCESS)
            tp_node(a, z, y[0], &nodes[k]);
    }
    if (s == GSL_SUCCESS && z > a->z_out)
        s = gsl_odeiv2_driver_apply(drv, &z, a->z_out, y);
    gsl_odeiv2_driver_free(drv);
    if (s != GSL_SUCCESS || a->failed) {
        a->failed = 1;
        return rm_error_set(err, RM_EPHYS, "%s",
                            a->err.message[0] ? a->err.message : "airlift integration failed");
    }
    a->p_top = y[0];
    a->f2 = y[1];
    a->w2 = y[2];
    a->t2 = y[3];
    return RM_OK;
}

/* p_top − p_atm; a failed integration counts as far below (too much flow). */
static double residual(airlift *a)
{
    rm_error e;
    if (airlift_integrate(a, NULL, 0, &e))
        return -RM_LIFT_P_ATM;
    return a->p_top - RM_LIFT_P_ATM;
}

static double residual_liquid(double mass_l, void *params)
{
    airlift *a = params;
    a->mass_l = mass_l;
    return residual(a);
}

static double residual_gas(double mass_g, void *params)
{
    airlift *a = params;
    a->mass_g = mass_g;
    return residual(a);
}

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
    drift_setup(a);
    return RM_OK;
}

static rm_status airlift_solve(const rm_lift_params *p, rm_lift_result *r, rm_error *err)
{
    airlift a;
    rm_status st = airlift_setup(p, &a, err);
    if (st)
        return st;
    double T = p->gas_temperature_k;
    if (p->air_kg_s > 0.0) {
        /* Given air: find the liquid flow. */
        a.mass_g = p->air_kg_s;
        a.mass_l = 0.0;
        if (residual(&a) <= 0.0) {
            double need = 0.0;
            rm_error e2;
            if (airlift_start_air(&a, &need, &e2) == RM_OK)
                return rm_error_set(err, RM_EPHYS,
                                    "too little air to start flow: %.4g kg/s given, at least "
                                    "%.4g kg/s needed", p->air_kg_s, need);
            return rm_error_set(err, RM_EPHYS, "too little air to start flow: %s", e2.message);
        }
        a.mass_g = p->air_kg_s;
        double hi = a.f.slurry_rho0 * a.area * 0.5;
        for (int i = 0; residual_liquid(hi, &a) > 0.0; i++) {
            if (i > 100)
                return rm_error_set(err, RM_ENOCONV, "airlift: no bound on the liquid flow");
            hi *= 2.0;
        }
        double lo = hi / 2.0;
        if (residual_liquid(lo, &a) <= 0.0)
            lo = 0.0;
        st = brent(residual_liquid, &a, lo, hi, &a.mass_l, err);
        if (st)
            return st;
    } else {
        /* Given liquid: find the least air that lifts it. */
        a.mass_l = lift_target_mass(p, &a.f);
        if (!(a.mass_l > 0.0))
            return rm_error_set(err, RM_EINVAL,
                                "airlift needs --air-kg-s, or a dry rate (slurry) / liquid flow");
        st = lift_fluid_slip(&a.f, a.mass_l / a.f.slurry_rho0 / a.area, err);
        if (st)
            return st;
        double rho_g = a.p_amb_in / (RM_LIFT_R_AIR * T);
        double g = 1e-3 * rho_g * a.area * a.mass_l / a.f.slurry_rho0 / a.area;
        double prev = -HUGE_VAL, prev_g = g, best = -HUGE_VAL;
        int falling = 0, found = 0;
        for (int i = 0; i < 120; i++) {
            double rres = residual_gas(g, &a);
            if (rres > 0.0) {
                found = 1;
                break;
            }
            if (rres > best)
                best = rres;
            falling = rres < prev ? falling + 1 : 0;
            if (falling >= 6 && best > -0.9 * RM_LIFT_P_ATM)
                break;
            prev = rres;
            prev_g = g;
            g *= 1.4;
        }
        if (!found)
            return rm_error_set(err, RM_EPHYS,
                                "no air flow lifts %.4g kg/s of %s in this riser: lower the rate, "
                                "widen the riser or inject deeper",
                                a.mass_l, p->fluid == RM_LIFT_FLUID_SLURRY ? "slurry" : "liquid");
        st = brent(residual_gas, &a, prev_g, g, &a.mass_g, err);
        if (st)
            return st;
    }
    if (p->air_kg_s > 0.0) {
        st = lift_fluid_slip(&a.f, a.mass_l / a.f.slurry_rho0 / a.area, err);
        if (st)
            return st;
    }
    /* Final pass with the profile. */
    size_t nn = p->profile_points;
    st = lift_result_nodes(r, nn, err);
    if (st)
        return st;
    for (size_t k = 0; k < nn; k++)
        r->nodes[k].depth_m = a.z_in + (a.z_out - a.z_in) * (double)k / (double)(nn - 1 ? nn - 1 : 1);
    st = airlift_integrate(&a, r->nodes, nn, err);
    if (st)
        return st;
    tp_state top;
    tp_eval(&a, a.p_top, &top);
    double p_c = a.p_inj * exp(-RM_LIFT_G * a.z_inj / (RM_LIFT_R_AIR * T));
    if (p_c < RM_LIFT_P_ATM)
        p_c = RM_LIFT_P_ATM;
    double iso = a.mass_g * RM_LIFT_R_AIR * T * log(p_c / RM_LIFT_P_ATM);
    double rho_in = lift_fluid_density(&a.f, a.p_amb_in);
    double v_in = a.mass_l / (rho_in * a.area);
    r->liquid_mass_flow_kg_s = a.mass_l;
    r->mixture_velocity_m_s = v_in;
    r->air_kg_s = a.mass_g;
    r->injection_pressure_pa = a.p_inj;
    r->compressor_pressure_pa = p_c;
    r->pump_pressure_pa = p_c - RM_LIFT_P_ATM;
    r->static_excess_pa = a.one.weight_pa + a.w2 - (a.p_amb_in - RM_LIFT_P_ATM);
    r->friction_pa = a.one.friction_pa + a.f2;
    r->minor_loss_pa = (1.0 + p->k_inlet) * 0.5 * rho_in * v_in * v_in;
    r->bottom_pressure_pa = a.p_amb_in - r->minor_loss_pa;
    r->hydraulic_power_w = iso;
    r->shaft_power_w = iso / p->compressor_efficiency;
    r->compressor_power_w = r->shaft_power_w;
    r->outlet_void_fraction = top.alpha;
    r->transit_time_s = a.one.time_s + a.t2;
    r->min_pressure_pa = fmin(a.one.p_min, a.p_top);
    lift_result_finish(p, &a.f, p->diameter_m, r);
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
    rm_status st = rm_lift_solve(&q, &r, err);
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
