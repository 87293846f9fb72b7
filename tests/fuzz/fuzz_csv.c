/* fuzz_csv.c — libFuzzer harness for the collars/assays reader.
 *
 * The first byte chooses what the rest is: even → an assays file read
 * against a fixed valid collars file; odd → a collars file read against
 * fixed assays; with bit 1 set, coordinates are x, y.  When the input is
 * valid, it is also composited, declustered and summarised, so those run
 * on whatever the reader lets through.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "reemud/data.h"

static const char collars[] = "hole_id,lon,lat,x,y,water_depth_m,length_m\n"
                              "A,153.9,22.0,500000,2400000,5650,3.0\n"
                              "B,153.95,22.05,501000,2401000,5700,2.5\n";
static const char assays[] = "hole_id,from_m,to_m,La,Ce,Pr,Nd,Sm,Eu,Gd,Tb,Dy,Ho,Er,Tm,Yb,Lu,Y,Sc,"
                             "dry_density_t_m3\n"
                             "A,0,1,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,0.5\n"
                             "B,0.5,2,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,,0.6\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    rm_data_config cfg;
    rm_data_config_default(&cfg);
    cfg.coords = (data[0] & 2) ? RM_COORDS_XY : RM_COORDS_LONLAT;
    cfg.max_problems = 20;
    const char *body = (const char *)data + 1;
    size_t len = size - 1;
    rm_problems p;
    rm_problems_init(&p, 20);
    rm_error err;
    rm_drillholes *dh = NULL;
    rm_status st;
    if (data[0] & 1)
        st = rm_drillholes_read_mem(&cfg, "collars.csv", body, len, "assays.csv", assays,
                                    sizeof assays - 1, &dh, &p, &err);
    else
        st = rm_drillholes_read_mem(&cfg, "collars.csv", collars, sizeof collars - 1,
                                    "assays.csv", body, len, &dh, &p, &err);
    if (st == RM_OK) {
        rm_composites *c = NULL;
        if (cfg.coords == RM_COORDS_XY && rm_composites_make(dh, 0.7, 0.5, &c, &err) == RM_OK) {
            rm_composites_decluster(c, 500, &err);
            rm_stats s;
            rm_stats_compute(c->srey_ppm, c->weight, c->n, &s, &err);
            rm_composites_free(c);
        }
        rm_drillholes_free(dh);
    }
    rm_problems_free(&p);
    return 0;
}
