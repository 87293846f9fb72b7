/* synth_pattern.c — the mean REY composition of the synthetic mud.
 *
 * Built as a PAAS-normalised pattern, the way REY-mud compositions are
 * reported (Kato et al. 2011, Nature Geosci. 4:535; Takaya et al. 2018,
 * Sci. Rep. 8:5763): relative to Post-Archean Australian Shale (Taylor &
 * McLennan 1985, "The Continental Crust: its Composition and Evolution",
 * Blackwell, table 2.11; values below), the mud is
 *   - HREE-enriched: log(REY_N) rises linearly with atomic number from La
 *     to Lu, with a slope s chosen so that Y + HREE (Gd–Lu) = 44 % of ΣREY
 *     by mass, the research-area figure of Takaya et al. 2018;
 *   - negative in Ce: Ce_N = 0.2 × the trend (Ce/Ce* ≈ 0.2, typical of
 *     REY mud whose REY sit in biogenic apatite, Kato 2011);
 *   - slightly negative in Eu: Eu_N = 0.9 × the trend;
 *   - positive in Y: Y_N = 1.8 × Ho_N (Y and Ho have the same charge and
 *     radius; seawater-derived phosphate fractionates Y from Ho).
 * The result is ~20 % La, ~8 % Ce, ~19 % Nd, ~32 % Y, ~3 % Dy of ΣREY.
 */
#include <math.h>

#include "reemud/synth.h"

/* PAAS, ppm (Taylor & McLennan 1985), element order of elements.h. */
static const double paas_ppm[RM_NREY] = {
    38.2, 79.6, 8.83, 33.9, 5.55, 1.08, 4.66, 0.774, 4.68, 0.991,
    2.85, 0.405, 2.82, 0.433, 27.0};
static const int atomic_number[RM_NREY - 1] = {57, 58, 59, 60, 62, 63, 64,
                                               65, 66, 67, 68, 69, 70, 71};

#define Y_HREE_TARGET 0.44
#define CE_ANOMALY 0.2
#define EU_ANOMALY 0.9
#define Y_OVER_HO_N 1.8

/* REY mass fractions into frac (sum 1) for a PAAS-normalised pattern rising as exp(slope
 * (Z − 57) / 14) from La to Lu, with the Ce and Eu anomalies and Y = 1.8 Ho_N applied;
 * returns the heavy fraction (elements.h's heavy flag). */
static double pattern_for_slope(double slope, double frac[RM_NREY])
{
    double n[RM_NREY], sum = 0, heavy = 0;
    for (int e = 0; e < RM_NREY - 1; e++)
        n[e] = exp(slope * (atomic_number[e] - 57) / 14.0);
    n[RM_CE] *= CE_ANOMALY;
    n[RM_EU] *= EU_ANOMALY;
    n[RM_Y] = Y_OVER_HO_N * n[RM_HO];
    for (int e = 0; e < RM_NREY; e++) {
        frac[e] = n[e] * paas_ppm[e];
        sum += frac[e];
    }
    for (int e = 0; e < RM_NREY; e++) {
        frac[e] /= sum;
        if (rm_element(e)->heavy)
            heavy += frac[e];
    }
    return heavy;
}

void rm_synth_pattern(double frac[RM_NREY])
{
    /* Bisection on the slope: the heavy fraction increases with it. */
    double lo = 0.0, hi = 5.0;
    for (int it = 0; it < 80; it++) {
        double mid = 0.5 * (lo + hi);
        if (pattern_for_slope(mid, frac) < Y_HREE_TARGET)
            lo = mid;
        else
            hi = mid;
    }
    pattern_for_slope(0.5 * (lo + hi), frac);
}
