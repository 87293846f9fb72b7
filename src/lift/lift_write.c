/* lift_write.c — a solved riser as files: the summary as JSON and the
 * profile as CSV, each written atomically.  Shared by `reemud lift` and
 * `reemud assess`, so both write the same keys and columns. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "reemud/lift.h"

/* Adds key = v to o, or key = null when v is not finite (JSON has no NaN or infinity). */
static void json_num(cJSON *o, const char *key, double v)
{
    if (isfinite(v))
        cJSON_AddNumberToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

/* Writes text and a newline to path atomically (rm_afile); RM_EIO when a write fails. */
static rm_status write_text(const char *path, const char *text, rm_error *err)
{
    rm_afile af;
    rm_status st = rm_afile_open(&af, path, err);
    if (st)
        return st;
    if (fputs(text, af.fp) == EOF || fputc('\n', af.fp) == EOF) {
        rm_afile_abort(&af);
        return rm_error_set(err, RM_EIO, "%s: write failed", path);
    }
    return rm_afile_commit(&af, err);
}

rm_status rm_lift_write_summary(const char *path, const rm_lift_params *p,
                                const rm_lift_result *r, double max_power_w, rm_error *err)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    static const char *const fluids[] = {"slurry", "seawater", "water"};
    cJSON_AddStringToObject(o, "system", r->system);
    cJSON_AddStringToObject(o, "fluid", fluids[p->fluid]);
    json_num(o, "depth_m", p->depth_m);
    json_num(o, "outlet_height_m", p->outlet_height_m);
    json_num(o, "diameter_m", p->diameter_m);
    if (p->system == rm_lift_airlift)
        json_num(o, "injection_depth_m", p->injection_depth_m);
    int slurry = p->fluid == RM_LIFT_FLUID_SLURRY;
    json_num(o, "rate_dry_tph", r->rate_dry_tph);
    json_num(o, "rate_dry_t_per_day", r->rate_dry_tph * 24.0);
    json_num(o, "liquid_mass_flow_kg_s", r->liquid_mass_flow_kg_s);
    json_num(o, "volume_flow_m3_s", r->volume_flow_m3_s);
    if (p->system == rm_lift_closed_loop)
        json_num(o, "down_flow_m3_s", r->down_flow_m3_s);
    json_num(o, "mixture_velocity_m_s", r->mixture_velocity_m_s);
    json_num(o, "delivered_solids_fraction", r->delivered_solids_fraction);
    json_num(o, "insitu_solids_fraction", r->insitu_solids_fraction);
    json_num(o, "yield_stress_pa", r->yield_stress_pa);
    json_num(o, "plastic_viscosity_pa_s", r->plastic_viscosity_pa_s);
    json_num(o, "pump_pressure_pa", r->pump_pressure_pa);
    json_num(o, "static_excess_pa", r->static_excess_pa);
    json_num(o, "friction_pa", r->friction_pa);
    json_num(o, "minor_loss_pa", r->minor_loss_pa);
    json_num(o, "bottom_pressure_pa", r->bottom_pressure_pa);
    json_num(o, "min_pressure_pa", r->min_pressure_pa);
    json_num(o, "hydraulic_power_w", r->hydraulic_power_w);
    json_num(o, "shaft_power_w", r->shaft_power_w);
    json_num(o, "electric_power_w", r->electric_power_w);
    json_num(o, "compressor_power_w", r->compressor_power_w);
    if (p->system == rm_lift_airlift) {
        json_num(o, "air_kg_s", r->air_kg_s);
        json_num(o, "injection_pressure_pa", r->injection_pressure_pa);
        json_num(o, "compressor_pressure_pa", r->compressor_pressure_pa);
        json_num(o, "outlet_void_fraction", r->outlet_void_fraction);
    }
    if (slurry && r->rate_dry_tph > 0.0) {
        json_num(o, "specific_energy_kwh_per_t", r->specific_energy_kwh_per_t);
        json_num(o, "minimum_power_w", r->minimum_power_w);
        json_num(o, "minimum_specific_energy_kwh_per_t",
                 r->minimum_power_w / 1000.0 / r->rate_dry_tph);
    } else {
        cJSON_AddNullToObject(o, "specific_energy_kwh_per_t");
    }
    json_num(o, "transit_time_s", r->transit_time_s);
    json_num(o, "gel_break_pressure_pa", r->gel_break_pa);
    if (max_power_w > 0.0)
        json_num(o, "max_rate_power_w", max_power_w);
    char *text = cJSON_Print(o);
    cJSON_Delete(o);
    if (!text)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    rm_status st = write_text(path, text, err);
    free(text);
    return st;
}

rm_status rm_lift_write_profile(const char *path, const rm_lift_result *r, rm_error *err)
{
    rm_afile af;
    rm_status st = rm_afile_open(&af, path, err);
    if (st)
        return st;
    fputs("depth_m,pressure_pa,density_kg_m3,liquid_velocity_m_s,gas_velocity_m_s,"
          "mixture_flux_m_s,void_fraction,solids_fraction\n", af.fp);
    for (size_t k = 0; k < r->n_nodes; k++) {
        const rm_lift_node *n = &r->nodes[k];
        fprintf(af.fp, "%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g\n", n->depth_m,
                n->pressure_pa, n->density_kg_m3, n->liquid_velocity_m_s, n->gas_velocity_m_s,
                n->mixture_flux_m_s, n->void_fraction, n->solids_fraction);
    }
    if (ferror(af.fp)) {
        rm_afile_abort(&af);
        return rm_error_set(err, RM_EIO, "%s: write failed", path);
    }
    return rm_afile_commit(&af, err);
}

void rm_lift_runinfo_params(rm_runinfo *ri, const rm_lift_params *p)
{
    rm_runinfo_param_str(ri, "system", p->system->name);
    rm_runinfo_param_num(ri, "depth_m", p->depth_m);
    rm_runinfo_param_num(ri, "diameter_m", p->diameter_m);
    rm_runinfo_param_num(ri, "rate_dry_tph", p->rate_dry_tph);
    rm_runinfo_param_num(ri, "slurry_density_kg_m3", p->slurry_density_kg_m3);
    rm_runinfo_param_num(ri, "air_kg_s", p->air_kg_s);
    rm_runinfo_param_num(ri, "injection_depth_m", p->injection_depth_m);
    rm_runinfo_param_num(ri, "outlet_height_m", p->outlet_height_m);
}
