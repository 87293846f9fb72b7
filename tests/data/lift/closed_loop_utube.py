#!/usr/bin/python3
"""closed_loop_utube.py — an independent hand calculation of the closed-loop
(U-tube) lift energy at 350 t/day, the check value of test_lift_utube.c.

Written from the physics, not from src/lift: hydrostatics of two
incompressible columns, Darcy-Weisbach friction with Colebrook (1939)
solved by fixed-point iteration, one collector loss, and the pump's energy
balance.  Run it to print the value: /usr/bin/python3 closed_loop_utube.py

Case (tests/unit/test_lift_utube.c sets the same parameters):
  depth H = 5,700 m, outlet at the sea surface; riser D_up = 0.30 m,
  seawater down pipe D_down = 0.25 m, roughness 4.6e-5 m (commercial steel);
  350 t/day of dry mud = 4.0509 kg/s; grains rho_s = 2,500 kg/m3; seawater
  rho_w = 1,025 kg/m3, viscosity 1.2e-3 Pa s, incompressible; delivered
  slurry 1,150 kg/m3; in-situ dry density of the mud 550 kg/m3; the slurry
  Newtonian with Thomas's (1965) viscosity mu_w (1 + 2.5 phi + 10.05 phi^2
  + 0.00273 exp(16.6 phi)), no yield stress, no slip; collector loss
  K = 2 velocity heads of the rising slurry; pump efficiency 0.7.

Derivation:
  phi    = (rho_sl - rho_w) / (rho_s - rho_w)          solids volume fraction
  Q_up   = m_s / (phi rho_s)                            slurry flow up
  Q_mud  = m_s / rho_dry                                mud taken in at the unit
  Q_down = Q_up - Q_mud                                 seawater pumped down
  At the mining unit the two legs meet at one pressure:
    p_atm + dp + rho_w g H - F_down = p_atm + rho_sl g H + F_up + K rho_sl V_up^2 / 2
  so dp = (rho_sl - rho_w) g H + F_up + F_down + K rho_sl V_up^2 / 2,
  with F = lambda (H / D) rho V^2 / 2 on each leg.  The pump works on the
  seawater it sends down (dp Q_down); the mud entering the unit is pushed in
  against p_bottom - p_ambient = dp - F_down (its displacement work, the
  seabed's share of lifting it).  Shaft power = (dp Q_down + (dp - F_down)
  Q_mud) / efficiency; specific energy = shaft power / dry rate.
"""
import math

G = 9.80665
H = 5700.0
D_UP, D_DOWN, EPS = 0.30, 0.25, 4.6e-5
M_S = 350.0e3 / 86400.0          # kg/s of dry mud
RHO_S, RHO_W, RHO_SL, RHO_DRY = 2500.0, 1025.0, 1150.0, 550.0
MU_W = 1.2e-3
K_COLLECTOR = 2.0
ETA = 0.7


def colebrook(re, rel_rough):
    """Darcy lambda from 1/sqrt(l) = -2 log10(e/3.7D + 2.51/(Re sqrt(l)))."""
    x = 0.02 ** -0.5
    for _ in range(100):
        x = -2.0 * math.log10(rel_rough / 3.7 + 2.51 * x / re)
    return x ** -2


def leg_friction(rho, mu, q, d):
    area = math.pi * d * d / 4.0
    v = q / area
    re = rho * v * d / mu
    lam = colebrook(re, EPS / d)
    return lam * H / d * rho * v * v / 2.0, v, re, lam


def main():
    phi = (RHO_SL - RHO_W) / (RHO_S - RHO_W)
    mu_sl = MU_W * (1 + 2.5 * phi + 10.05 * phi ** 2 + 0.00273 * math.exp(16.6 * phi))
    q_up = M_S / (phi * RHO_S)
    q_mud = M_S / RHO_DRY
    q_down = q_up - q_mud
    f_up, v_up, re_up, lam_up = leg_friction(RHO_SL, mu_sl, q_up, D_UP)
    f_down, v_down, re_down, lam_down = leg_friction(RHO_W, MU_W, q_down, D_DOWN)
    static = (RHO_SL - RHO_W) * G * H
    minor = K_COLLECTOR * RHO_SL * v_up ** 2 / 2.0
    dp = static + f_up + f_down + minor
    hydraulic_w = dp * q_down + (dp - f_down) * q_mud
    shaft_w = hydraulic_w / ETA
    kwh_per_t = shaft_w / 1000.0 / (M_S * 3.6)
    print(f"phi {phi:.6f}  mu_slurry {mu_sl:.4e} Pa s")
    print(f"Q_up {q_up:.6f}  Q_mud {q_mud:.6f}  Q_down {q_down:.6f} m3/s")
    print(f"up:   V {v_up:.4f} m/s  Re {re_up:.0f}  lambda {lam_up:.5f}  F {f_up:.0f} Pa")
    print(f"down: V {v_down:.4f} m/s  Re {re_down:.0f}  lambda {lam_down:.5f}  F {f_down:.0f} Pa")
    print(f"static excess {static:.0f} Pa  collector {minor:.1f} Pa  pump dp {dp:.0f} Pa")
    print(f"hydraulic {hydraulic_w / 1e3:.2f} kW  shaft {shaft_w / 1e3:.2f} kW")
    print(f"specific energy {kwh_per_t:.3f} kWh per dry t")


if __name__ == "__main__":
    main()
