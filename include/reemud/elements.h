/* elements.h — the rare-earth elements and yttrium (REY) reemud tracks, in
 * a fixed order, with their oxide conversion factors.
 *
 * Order: La Ce Pr Nd Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Y, then Sc.
 * ΣREY = the first 15.  Oxide factors are stoichiometric (element mass →
 * oxide mass) and are documented with sources in data/elements.csv; a unit
 * test checks this table against that file.
 */
#ifndef REEMUD_ELEMENTS_H
#define REEMUD_ELEMENTS_H

#ifdef __cplusplus
extern "C" {
#endif

enum {
    RM_LA, RM_CE, RM_PR, RM_ND, RM_SM, RM_EU, RM_GD, RM_TB, RM_DY, RM_HO, RM_ER,
    RM_TM, RM_YB, RM_LU, RM_Y, RM_SC,
    RM_NREY = 15, /* elements in ΣREY */
    RM_NELEM = 16 /* REY + Sc */
};

typedef struct rm_element_info {
    const char *symbol;   /* "La" */
    const char *oxide;    /* "La2O3" */
    double oxide_factor;  /* mass of oxide per mass of element */
    int heavy;            /* 1 for HREE (Gd–Lu and Y) */
} rm_element_info;

/* Information on element e (0 <= e < RM_NELEM). */
const rm_element_info *rm_element(int e);

/* Index of an element symbol, case-insensitive; -1 if unknown. */
int rm_element_index(const char *symbol);

#ifdef __cplusplus
}
#endif
#endif
