/* riser.c — what every lift system shares: defaults and checks, the
 * resolved fluid, a single-phase leg integrated with GSL's ODE driver, the
 * physical minimum power and the gel-break pressure.  The systems call
 * these helpers; the table of systems (lift_systems.c), the dispatch
 * rm_lift_solve (lift_solve.c) and the largest rate for a power
 * (lift_max_rate.c) sit apart so that no file calls back into a system.
 *
 * A leg is integrated in depth z (positive down from the free surface):
 *     dp/dz = ρ(p) g ± λ ρ V² / (2 Dh)          (+ for upward flow)
 * with ρ(p) = φ ρs + (1 − φ) ρc0 exp((p − p_atm)/K)   (solids incompressible)
 * and V = ṁ / (ρ A) (mass conserved as the liquid compresses).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>
#include <gsl/gsl_roots.h>

#include "lift_internal.h"

/* ---- fluid ---- */

rm_status lift_fluid_resolve(const rm_lift_params *p, lift_fluid *f, rm_error *err)
{
    memset(f, 0, sizeof *f);
    int water = p->fluid == RM_LIFT_FLUID_WATER;
    f->carrier_rho0 = water ? p->water_density_kg_m3 : p->seawater_density_kg_m3;
    f->ambient_rho0 = f->carrier_rho0;
    f->bulk_modulus_pa = p->bulk_modulus_pa;
    f->grain_density = p->grain_density_kg_m3;
    f->roughness_m = p->roughness_m;
    f->surface_tension = p->surface_tension_n_m;
    f->slurry_rho0 = f->carrier_rho0;
    if (p->fluid == RM_LIFT_FLUID_SLURRY) {
        if (!(p->slurry_density_kg_m3 > f->carrier_rho0) ||
            !(p->slurry_density_kg_m3 < p->grain_density_kg_m3))
            return rm_error_set(err, RM_EPHYS,
                                "slurry density %g kg/m3 must lie between the seawater's %g and "
                                "the grains' %g", p->slurry_density_kg_m3, f->carrier_rho0,
                                p->grain_density_kg_m3);
        f->slurry_rho0 = p->slurry_density_kg_m3;
        f->phi_delivered = (f->slurry_rho0 - f->carrier_rho0) /
                           (f->grain_density - f->carrier_rho0);
    }
    f->phi_insitu = f->phi_delivered;
    double phi_fine = (1.0 - p->coarse_mass_fraction) * f->phi_delivered;
    f->coarse_phi_delivered = p->coarse_mass_fraction * f->phi_delivered;
    rm_rheology_coeffs c = p->rheo;
    c.liquid_viscosity_pa_s = p->liquid_viscosity_pa_s;
    const rm_rheology_law *law = p->fluid == RM_LIFT_FLUID_SLURRY && p->rheology
                                     ? p->rheology
                                     : rm_rheology_newtonian;
    law->eval(&c, phi_fine, &f->yield_stress_pa, &f->viscosity_pa_s);
    f->carrier_viscosity_pa_s = p->liquid_viscosity_pa_s;
    f->newtonian_law = p->friction;
    f->law = f->yield_stress_pa > 0.0 && p->friction_bingham ? p->friction_bingham : p->friction;
    if (!f->law)
        return rm_error_set(err, RM_EINVAL, "no friction law given");
    if (f->coarse_phi_delivered > 0.0) {
        rm_status st = rm_lift_settling_velocity(p->coarse_diameter_m, p->coarse_density_kg_m3,
                                                 f->slurry_rho0, f->viscosity_pa_s,
                                                 &f->coarse_w, err);
        if (st)
            return st;
        double re_p = f->slurry_rho0 * f->coarse_w * p->coarse_diameter_m / f->viscosity_pa_s;
        f->coarse_n = rm_lift_richardson_zaki_n(re_p);
    }
    return RM_OK;
}

rm_status lift_fluid_slip(lift_fluid *f, double j, rm_error *err)
{
    f->phi_insitu = f->phi_delivered;
    if (!(f->coarse_phi_delivered > 0.0))
        return RM_OK;
    double phi_c;
    rm_status st = rm_lift_insitu_fraction(f->coarse_phi_delivered, j, f->coarse_w, f->coarse_n,
                                           &phi_c, err);
    if (st)
        return st;
    f->phi_insitu = f->phi_delivered - f->coarse_phi_delivered + phi_c;
    return RM_OK;
}

double lift_fluid_density(const lift_fluid *f, double p_abs)
{
    double rho_c = lift_liquid_density(f->carrier_rho0, f->bulk_modulus_pa, p_abs);
    return f->phi_insitu * f->grain_density + (1.0 - f->phi_insitu) * rho_c;
}

double lift_dry_from_mass(const lift_fluid *f, double mass)
{
    return mass / f->slurry_rho0 * f->phi_delivered * f->grain_density;
}

double lift_mass_from_dry(const lift_fluid *f, double dry)
{
    if (!(f->phi_delivered > 0.0))
        return 0.0;
    return dry / (f->phi_delivered * f->grain_density) * f->slurry_rho0;
}

rm_status lift_friction_gradient(const lift_fluid *f, double rho, double v, double dh,
                                 double *grad, rm_error *err)
{
    if (fabs(v) < 1e-12) {
        *grad = 0.0;
        return RM_OK;
    }
    rm_pipe_flow pf = {rho, v, dh, f->roughness_m, f->viscosity_pa_s, f->yield_stress_pa};
    double lambda;
    rm_status st = f->law->darcy(&pf, &lambda, err);
    if (st)
        return st;
    *grad = lambda * rho * v * v / (2.0 * dh);
    return RM_OK;
}

double lift_target_mass(const rm_lift_params *p, const lift_fluid *f)
{
    if (p->fluid == RM_LIFT_FLUID_SLURRY)
        return lift_mass_from_dry(f, p->rate_dry_tph / 3.6);
    return p->liquid_kg_s;
}

/* ---- single-phase leg ---- */

double lift_leg_density(const lift_leg *leg, double p_abs)
{
    if (leg->seawater)
        return lift_liquid_density(leg->f->carrier_rho0, leg->f->bulk_modulus_pa, p_abs);
    return lift_fluid_density(leg->f, p_abs);
}

typedef struct leg_ctx {
    const lift_leg *leg;
    lift_fluid seawater;   /* Newtonian carrier for seawater legs */
    double dir;
    /* λ at two densities spanning the leg, interpolated linearly in ρ: λ
     * varies by well under 1 % along a riser (Re ∝ 1/ρ only through the
     * liquid's compression), and this keeps the right-hand side smooth and
     * free of an implicit friction solve per step. */
    double rho_a, rho_b, lam_a, lam_b;
    rm_error err;
    int failed;
} leg_ctx;

/* Darcy λ of fluid fl flowing at the leg's mass rate with density rho (kg/m³) through
 * the leg's section; 0 when the leg has no flow. */
static rm_status leg_lambda(const lift_fluid *fl, const lift_leg *leg, double rho, double *lam,
                            rm_error *err)
{
    double v = leg->mass_kg_s / (rho * leg->area_m2);
    if (!(v > 0.0)) {
        *lam = 0.0;
        return RM_OK;
    }
    rm_pipe_flow pf = {rho, v, leg->dh_m, fl->roughness_m, fl->viscosity_pa_s,
                       fl->yield_stress_pa};
    return fl->law->darcy(&pf, lam, err);
}

/* GSL ODE right-hand side along depth z (m, down) for y = (pressure, friction loss,
 * weight, transit time): dp/dz = ρg ± λρv²/2D (friction opposes the flow), the others
 * accumulate in the direction of integration. Fails (GSL_EBADFUNC, error in params) when
 * p diverges. */
static int leg_rhs(double z, const double y[], double dydz[], void *params)
{
    (void)z;
    leg_ctx *c = params;
    const lift_leg *leg = c->leg;
    /* Pressure may pass below zero while a system iterates toward its
     * operating point; the systems check for cavitation at the end. */
    if (!isfinite(y[0]) || fabs(y[0]) > 1e10) {
        c->failed = 1;
        rm_error_set(&c->err, RM_EPHYS, "the riser pressure diverged");
        return GSL_EBADFUNC;
    }
    double rho = lift_leg_density(leg, y[0]);
    double v = leg->mass_kg_s / (rho * leg->area_m2);
    double t = c->rho_b != c->rho_a ? (rho - c->rho_a) / (c->rho_b - c->rho_a) : 0.0;
    double lam = c->lam_a + t * (c->lam_b - c->lam_a);
    double fr = lam * rho * v * v / (2.0 * leg->dh_m);
    dydz[0] = rho * RM_LIFT_G + (leg->flow_up ? fr : -fr);
    dydz[1] = fr * c->dir;
    dydz[2] = rho * RM_LIFT_G * c->dir;
    dydz[3] = v > 0.0 ? c->dir / v : 0.0;
    return GSL_SUCCESS;
}

/* Profile node of a single-phase leg at depth z (m) from the state y (y[0] pressure,
 * Pa): density, liquid velocity, no gas, the slurry's in-situ solids fraction (0 for
 * seawater). */
static void fill_node(const lift_leg *leg, double z, const double y[], rm_lift_node *n)
{
    double rho = lift_leg_density(leg, y[0]);
    n->depth_m = z;
    n->pressure_pa = y[0];
    n->density_kg_m3 = rho;
    n->liquid_velocity_m_s = leg->mass_kg_s / (rho * leg->area_m2);
    n->gas_velocity_m_s = 0.0;
    n->mixture_flux_m_s = n->liquid_velocity_m_s;
    n->void_fraction = 0.0;
    n->solids_fraction = leg->seawater ? 0.0 : leg->f->phi_insitu;
}

rm_status lift_leg_integrate(const lift_leg *leg, double z_start, double p_start, double z_end,
                             rm_lift_node *nodes, size_t n_nodes, lift_leg_out *out,
                             rm_error *err)
{
    leg_ctx c;
    memset(&c, 0, sizeof c);
    c.leg = leg;
    c.dir = z_end >= z_start ? 1.0 : -1.0;
    if (leg->seawater) {
        c.seawater = *leg->f;
        c.seawater.phi_insitu = 0.0;
        c.seawater.yield_stress_pa = 0.0;
        c.seawater.viscosity_pa_s = leg->f->carrier_viscosity_pa_s;
        c.seawater.law = leg->f->newtonian_law;
    }
    {
        /* Densities at the two ends, the far end from a hydrostatic guess. */
        const lift_fluid *fl = leg->seawater ? &c.seawater : leg->f;
        c.rho_a = lift_leg_density(leg, p_start);
        double p_far = p_start + c.rho_a * RM_LIFT_G * (z_end - z_start);
        c.rho_b = lift_leg_density(leg, p_far);
        rm_status st = leg_lambda(fl, leg, c.rho_a, &c.lam_a, err);
        if (!st)
            st = leg_lambda(fl, leg, c.rho_b, &c.lam_b, err);
        if (st)
            return st;
    }
    double y[4] = {p_start, 0.0, 0.0, 0.0};
    memset(out, 0, sizeof *out);
    out->p_min = p_start;
    double rho0 = lift_leg_density(leg, p_start);
    out->v_start = leg->mass_kg_s / (rho0 * leg->area_m2);
    double len = fabs(z_end - z_start);
    if (len > 0.0) {
        gsl_odeiv2_system sys = {leg_rhs, NULL, 4, &c};
        gsl_odeiv2_driver *d = gsl_odeiv2_driver_alloc_y_new(
            &sys, gsl_odeiv2_step_rk8pd, c.dir * fmin(len, 100.0) * 0.1, 1e-3, 1e-10);
        if (!d)
            return rm_error_set(err, RM_ENOMEM, "riser: out of memory");
        double z = z_start;
        size_t k = 0;
        /* Nodes must lie in [z_start, z_end] in order. */
        for (;;) {
            double target = z_end;
            if (nodes && k < n_nodes)
                target = nodes[k].depth_m;
            if (nodes && k < n_nodes && (target - z) * c.dir <= 0.0) {
                fill_node(leg, z, y, &nodes[k]);
                k++;
                continue;
            }
            int s = gsl_odeiv2_driver_apply(d, &z, target, y);
            if (s != GSL_SUCCESS || c.failed) {
                gsl_odeiv2_driver_free(d);
                if (c.failed)
                    return rm_error_set(err, c.err.status, "%s", c.err.message);
                return rm_error_set(err, RM_ENOCONV, "riser: ODE integration failed (%s)",
                                    gsl_strerror(s));
            }
            if (y[0] < out->p_min)
                out->p_min = y[0];
            if (nodes && k < n_nodes) {
                fill_node(leg, z, y, &nodes[k]);
                k++;
                if (k == n_nodes && (z_end - z) * c.dir <= 0.0)
                    break;
                continue;
            }
            break;
        }
        gsl_odeiv2_driver_free(d);
    } else if (nodes) {
        for (size_t k = 0; k < n_nodes; k++)
            fill_node(leg, z_start, y, &nodes[k]);
    }
    out->p_end = y[0];
    out->friction_pa = y[1];
    out->weight_pa = y[2];
    out->time_s = y[3];
    if (y[0] < out->p_min)
        out->p_min = y[0];
    out->v_end = leg->mass_kg_s / (lift_leg_density(leg, y[0]) * leg->area_m2);
    return RM_OK;
}

/* ---- results ---- */

rm_status lift_result_nodes(rm_lift_result *r, size_t n, rm_error *err)
{
    r->nodes = NULL;
    r->n_nodes = 0;
    if (n == 0)
        return RM_OK;
    r->nodes = calloc(n, sizeof *r->nodes);
    if (!r->nodes)
        return rm_error_set(err, RM_ENOMEM, "riser profile: out of memory");
    r->n_nodes = n;
    return RM_OK;
}

void rm_lift_result_free(rm_lift_result *r)
{
    if (!r)
        return;
    free(r->nodes);
    r->nodes = NULL;
    r->n_nodes = 0;
}

rm_status rm_lift_minimum_power(double rate_dry_tph, double depth_m, double rho_s,
                                double rho_sw, double *power_w, rm_error *err)
{
    if (!power_w)
        return rm_error_set(err, RM_EINVAL, "minimum power: no output");
    if (!(rate_dry_tph >= 0.0) || !isfinite(rate_dry_tph))
        return rm_error_set(err, RM_EPHYS, "dry rate %g t/h must be >= 0", rate_dry_tph);
    if (!(depth_m >= 0.0) || !isfinite(depth_m))
        return rm_error_set(err, RM_EPHYS, "depth %g m must be >= 0", depth_m);
    if (!(rho_sw > 0.0) || !(rho_s > rho_sw) || !isfinite(rho_s))
        return rm_error_set(err, RM_EPHYS,
                            "grain density %g must exceed the seawater density %g", rho_s,
                            rho_sw);
    /* P = ṁs g H (1 − ρsw/ρs): the buoyant weight of the solids raised. */
    *power_w = rate_dry_tph / 3.6 * RM_LIFT_G * depth_m * (1.0 - rho_sw / rho_s);
    return RM_OK;
}

rm_status rm_lift_gel_break_pressure(double tau_pa, double length_m, double dh_m,
                                     double *pressure_pa, rm_error *err)
{
    if (!pressure_pa)
        return rm_error_set(err, RM_EINVAL, "gel break: no output");
    if (!(tau_pa >= 0.0) || !(length_m >= 0.0) || !(dh_m > 0.0) || !isfinite(tau_pa) ||
        !isfinite(length_m) || !isfinite(dh_m))
        return rm_error_set(err, RM_EPHYS,
                            "gel break: strength %g Pa and length %g m must be >= 0, hydraulic "
                            "diameter %g m > 0", tau_pa, length_m, dh_m);
    /* Force balance on a gelled plug: Δp π Dh²/4 = τ π Dh L. */
    *pressure_pa = 4.0 * tau_pa * length_m / dh_m;
    return RM_OK;
}

void lift_result_finish(const rm_lift_params *p, const lift_fluid *f, double dh_m,
                        rm_lift_result *r)
{
    r->system = p->system ? p->system->name : "";
    r->delivered_solids_fraction = f->phi_delivered;
    r->insitu_solids_fraction = f->phi_insitu;
    r->yield_stress_pa = f->yield_stress_pa;
    r->plastic_viscosity_pa_s = f->viscosity_pa_s;
    r->volume_flow_m3_s = r->liquid_mass_flow_kg_s / f->slurry_rho0;
    r->rate_dry_tph = 3.6 * lift_dry_from_mass(f, r->liquid_mass_flow_kg_s);
    r->electric_power_w = r->shaft_power_w / p->motor_efficiency;
    r->specific_energy_kwh_per_t =
        r->rate_dry_tph > 0.0 ? r->shaft_power_w / 1000.0 / r->rate_dry_tph : 0.0;
    /* The physical minimum for this model's sea: the buoyant weight of the
     * solids raised through compressible seawater, ṁs (g H − p_sw(H)/ρs),
     * plus their full weight above the surface.  (rm_lift_minimum_power is
     * the incompressible form of docs/references.md §3, slightly larger.) */
    double dry = r->rate_dry_tph / 3.6;
    r->minimum_power_w =
        dry * (RM_LIFT_G * p->depth_m -
               lift_hydrostatic_gauge(p->depth_m, f->ambient_rho0, f->bulk_modulus_pa) /
                   f->grain_density +
               RM_LIFT_G * p->outlet_height_m);
    double tau = p->gel_strength_pa > 0.0 ? p->gel_strength_pa : f->yield_stress_pa;
    double gel = 0.0;
    rm_lift_gel_break_pressure(tau, p->depth_m + p->outlet_height_m, dh_m, &gel, NULL);
    r->gel_break_pa = gel;
}

int lift_result_finite(const rm_lift_result *r)
{
    const double v[] = {r->liquid_mass_flow_kg_s, r->volume_flow_m3_s, r->rate_dry_tph,
                        r->pump_pressure_pa, r->hydraulic_power_w, r->shaft_power_w,
                        r->compressor_power_w, r->specific_energy_kwh_per_t,
                        r->transit_time_s, r->static_excess_pa, r->friction_pa,
                        r->bottom_pressure_pa, r->gel_break_pa, r->air_kg_s,
                        r->mixture_velocity_m_s, r->min_pressure_pa};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (!isfinite(v[i]))
            return 0;
    for (size_t k = 0; k < r->n_nodes; k++) {
        const rm_lift_node *n = &r->nodes[k];
        if (!isfinite(n->depth_m) || !isfinite(n->pressure_pa) ||
            !isfinite(n->density_kg_m3) || !isfinite(n->liquid_velocity_m_s) ||
            !isfinite(n->gas_velocity_m_s) || !isfinite(n->void_fraction) ||
            !isfinite(n->solids_fraction) || !isfinite(n->mixture_flux_m_s))
            return 0;
    }
    return 1;
}

/* ---- one solve ---- */

rm_status lift_solve_system(const rm_lift_params *p, rm_lift_result *r, rm_error *err)
{
    memset(r, 0, sizeof *r);
    rm_status st = p->system->solve(p, r, err);
    if (st == RM_OK && !lift_result_finite(r))
        st = rm_error_set(err, RM_EINTERNAL, "lift: %s produced a non-finite value",
                          p->system->name);
    if (st) {
        rm_lift_result_free(r);
        memset(r, 0, sizeof *r);
    }
    return st;
}
