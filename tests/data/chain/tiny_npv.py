#!/usr/bin/python3
"""tiny_npv.py — the deterministic NPV of the chain for a tiny block model,
worked independently of src/chain from the stage definitions in
docs/chain.md and the default tables in data/; the check value of
test_chain_npv.c.  Run it to print the numbers:
    /usr/bin/python3 tests/data/chain/tiny_npv.py

Block model: 2 x 2 columns of 100 x 100 m, 10 layers of 1 m from the
seafloor; every block Nd 500, Dy 300, Y 2,000 ppm (sum 2,800 ppm, above the
2,000 ppm mine cut-off and the 400 ppm top of ore), dry density
0.80 t/m3 (not the 0.55 default, so a plan that ignored the model's density
would mine 31 % less).  One rate, 350 t/day; the lift energy from the table
(15 kWh/t), not from the lift engine.

Derivation (values from data/costs.csv, data/processing.csv,
data/prices.csv column price_2025e_usd_kg, data/elements.csv):
  block 100 x 100 x 1 m x 0.80 t/m3 = 8,000 t; column (10 m penetration)
  80,000 t; reserve 4 columns = 320,000 t.
  annual mud 350 t/day x 300 days = 105,000 t: years of 105,000, 105,000,
  105,000 and 5,000 t.
  per year, feed F t of mud:
    slurry 10 % solids by volume: F / (2.5 x 0.10) m3 = 4 F;
    dewatering keeps 0.99 F t of solids in 20 % of the volume, 0.8 F m3,
    of which 0.8 F - 0.99 F / 2.5 = 0.404 F m3 is water;
    element e: F g_e 1e-6 x 0.99 (dewatering) x 0.70 (size) x 0.951 (leach)
    x 0.95 (separation) x oxide factor;
    mass pull = mean size recovery / enrichment = 0.70 / 2.6;
    concentrate = 0.99 F x 0.70 / 2.6; shipped wet = concentrate
    x (1 + 0.404 F x 1.025 / 0.99 F).
  economics: capex 2.41e9 x (350 / 3500)^0.6, spent in 2 construction
  years; depreciation capex / 20; one vessel (ceil(350 / 3500)) at
  400,000 USD/day x 330 days; energy 15 kWh/t x 0.15 USD/kWh; transport
  25 USD/wet t; island 8 USD/dry t; leach 40 USD/t of concentrate;
  separation 10 USD/kg REO; fixed 30 M USD/yr; tax 30 % of (revenue - opex
  - depreciation) when positive, royalty 0; revenue = oxide kg x price;
  years after the reserve is exhausted produce nothing; NPV at 8 % with the
  first construction year undiscounted.
"""
import math

OXIDE_FACTOR = {"Nd": 1.1664, "Tb": 1.1762, "Dy": 1.1477, "Y": 1.2699}
PRICE_USD_KG = {"Nd": 73.0, "Tb": 1010.0, "Dy": 239.0, "Y": 9.0}

# Case A (the docstring's): does NOT pay.
CASE_A = dict(columns=4, block_m=100.0, rate=350.0, grade={"Nd": 500.0, "Dy": 300.0, "Y": 2000.0})
# Case B: 4 x 4 columns of 500 x 500 m blocks (2 Mt a column at 0.80 t/m3,
# 32 Mt: 10 2/3 years at 3 Mt a year), 10,000 t/day (3 vessels), an
# artificially rich Tb/Dy mud (Nd 500, Tb 500, Dy 600, Y 2,000 ppm): it pays.
CASE_B = dict(columns=16, block_m=500.0, rate=10000.0,
              grade={"Nd": 500.0, "Tb": 500.0, "Dy": 600.0, "Y": 2000.0})


def npv(columns, block_m, rate, grade, density=0.80, verbose=True):
    block_t = block_m * block_m * 1 * density
    reserve = columns * 10 * block_t
    annual = rate * 300.0
    years = []
    left = reserve
    while left > 1e-9 * block_t and len(years) < 20:
        take = min(annual, left)
        years.append(take)
        left -= take
    capex = 2.41e9 * (rate / 3500.0) ** 0.6
    vessels = math.ceil(rate / 3500.0 - 1e-9)
    depreciation = capex / 20
    cash = [-capex / 2, -capex / 2]
    for f in years:
        kept = 0.99 * f
        cake_water_m3 = 0.2 * f / (2.5 * 0.10) - kept / 2.5
        conc = kept * 0.70 / 2.6
        wet = conc * (1 + cake_water_m3 * 1.025 / kept)
        kg = 0.0
        revenue = 0.0
        for e, g in grade.items():
            ox_t = f * g * 1e-6 * 0.99 * 0.70 * 0.951 * 0.95 * OXIDE_FACTOR[e]
            kg += ox_t * 1000
            revenue += ox_t * 1000 * PRICE_USD_KG[e]
        opex = (vessels * 400000 * 330 + 15 * f * 0.15 + 25 * wet + 8 * f + 40 * conc
                + 10 * kg + 3e7)
        taxable = revenue - opex - depreciation
        tax = 0.30 * taxable if taxable > 0 else 0.0
        cash.append(revenue - opex - tax)
    cash += [0.0] * (22 - len(cash))
    value = sum(c / 1.08 ** t for t, c in enumerate(cash))
    if verbose:
        print(f"rate {rate} t/day, density {density} t/m3: reserve {reserve:.0f} t, "
              f"{len(years)} production years, capex {capex:.2f} USD")
        print(f"  cash flows (first 6) {[round(c, 2) for c in cash[:6]]}")
        print(f"  NPV at 8 %: {value:.2f} USD ({'pays' if value > 0 else 'does NOT pay'})")
    return value


if __name__ == "__main__":
    npv(**CASE_A)
    npv(**CASE_A, density=0.55)
    npv(**CASE_B)
    npv(**CASE_B, density=0.55)
