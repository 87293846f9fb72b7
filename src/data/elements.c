/* elements.c — the REY table.  Oxide factors are stoichiometric; their
 * sources are in data/elements.csv (docs/references.md §4) and
 * tests/unit/test_elements.c holds the two in agreement. */
#include <stddef.h>
#include <strings.h>

#include "reemud/elements.h"

static const rm_element_info table[RM_NELEM] = {
    {"La", "La2O3", 1.1728, 0}, {"Ce", "CeO2", 1.2284, 0},  {"Pr", "Pr6O11", 1.2082, 0},
    {"Nd", "Nd2O3", 1.1664, 0}, {"Sm", "Sm2O3", 1.1596, 0}, {"Eu", "Eu2O3", 1.1579, 0},
    {"Gd", "Gd2O3", 1.1526, 1}, {"Tb", "Tb4O7", 1.1762, 1}, {"Dy", "Dy2O3", 1.1477, 1},
    {"Ho", "Ho2O3", 1.1455, 1}, {"Er", "Er2O3", 1.1435, 1}, {"Tm", "Tm2O3", 1.1421, 1},
    {"Yb", "Yb2O3", 1.1387, 1}, {"Lu", "Lu2O3", 1.1371, 1}, {"Y", "Y2O3", 1.2699, 1},
    {"Sc", "Sc2O3", 1.5338, 0},
};

const rm_element_info *rm_element(int e)
{
    return e >= 0 && e < RM_NELEM ? &table[e] : NULL;
}

int rm_element_index(const char *symbol)
{
    for (int e = 0; e < RM_NELEM; e++)
        if (strcasecmp(symbol, table[e].symbol) == 0)
            return e;
    return -1;
}
