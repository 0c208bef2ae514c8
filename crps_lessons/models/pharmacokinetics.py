"""Ketamine in a teaching patient: plasma concentration and a slow effect compartment.

TEACHING MODEL, NOT A DOSING TOOL. It simulates a standard 70 kg teaching patient so that a
learner can see *why* pain relief can outlast the drug. Nothing here is, or may be used as, a
dose calculation for a person.

Pharmacokinetics (plasma)
-------------------------
A one-compartment model with zero-order (constant-rate) intravenous infusions::

    V dC/dt = R(t) - CL * C

Constants (pooled values of a meta-analysis of 18 ketamine studies):

- ``CLEARANCE_L_PER_H_70KG = 79.0`` L/h per 70 kg (95% CI 69-90), and
- ``VOLUME_L_70KG = 252.0`` L per 70 kg (95% CI 200-304),

Kamp J, Olofsen E, Henthorn TK, van Velzen M, Niesters M, Dahan A. Ketamine pharmacokinetics:
a systematic review of the literature, meta-analysis, and population analysis. Anesthesiology
2020;133:1192-1213. doi:10.1097/ALN.0000000000003577.

Teaching simplifications (stated, not hidden): one compartment instead of the multi-compartment
models in the literature (so the early distribution phase is missing); clearance and volume
scale in proportion to body weight; racemic ketamine and S-ketamine share one set of constants;
metabolites (norketamine) are ignored. The elimination half-life that follows,
``ln 2 * V / CL`` = 2.2 h, sits in the 2-3 h range usually quoted for ketamine.

Effect (pain relief)
--------------------
Dahan A et al. Population pharmacokinetic-pharmacodynamic modeling of ketamine-induced pain
relief of chronic pain. Eur J Pain 2011;15:258-267. doi:10.1016/j.ejpain.2010.06.016 fitted the
pain scores of the Sigtermans et al. 2009 trial (CRPS type 1, 100-h S-ketamine infusion) with a
slow "effect compartment": onset/offset half-life ``EFFECT_HALF_LIFE_DAYS = 10.9`` days
(+/- 4.0; 95% CI 5.3-20.5) and ``C50_NG_PER_ML = 10.5`` ng/mL (+/- 4.8; 95% CI 4.37-21.2)::

    dCe/dt = ke0 * (C - Ce),   ke0 = ln 2 / t_half_effect
    effect = Ce / (Ce + C50)   (fraction of the maximal modelled relief, 0-1)

Here the concentration-effect curve is hyperbolic (Hill coefficient 1): a teaching
simplification of the published model, which also estimated the chance of responding at all
(67% on ketamine, 23% on placebo). The effect is a dimensionless fraction, not a pain score.

Computation: the model is linear in the infusion rate, so each infusion is the difference of two
step responses (rate switched on at its start, off at its end), each a sum of exponentials. The
state (C, Ce) at every rate change is the superposition of the earlier step responses (a small
steps x steps array); every requested time then continues analytically from the last rate change
before it. All vectorised with NumPy: no Python loop over time points or steps, and the cost grows
with (times + steps^2), not times x steps.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..validate import check_array, check_number

__all__ = [
    "C50_NG_PER_ML",
    "CLEARANCE_L_PER_H_70KG",
    "EFFECT_HALF_LIFE_DAYS",
    "VOLUME_L_70KG",
    "KetamineCourse",
    "analgesic_effect",
    "effect_site_concentration",
    "elimination_half_life_h",
    "plasma_concentration",
    "simulate",
]

CLEARANCE_L_PER_H_70KG = 79.0  # L/h per 70 kg; Kamp et al. 2020 (weighted mean of 18 studies)
VOLUME_L_70KG = 252.0  # L per 70 kg; Kamp et al. 2020 (weighted mean of 18 studies)
C50_NG_PER_ML = 10.5  # ng/mL; Dahan et al. 2011 (S-ketamine, CRPS-1)
EFFECT_HALF_LIFE_DAYS = 10.9  # days; Dahan et al. 2011, onset/offset half-life of pain relief
REFERENCE_WEIGHT_KG = 70.0


def elimination_half_life_h() -> float:
    """Plasma elimination half-life of the model (h): ln 2 * V / CL = 2.2 h."""
    return math.log(2.0) * VOLUME_L_70KG / CLEARANCE_L_PER_H_70KG


# Accepted input ranges: wide, so that "what if" questions get an answer; they are not doses.
_MAX_TIME_H = 10 * 365 * 24.0  # ten years
_MAX_RATE_MG_PER_KG_PER_H = 5.0
_MAX_CONCENTRATION_MG_PER_L = 1000.0
_MAX_C50_NG_PER_ML = 1e4


def _check_weight(weight_kg) -> float:
    return check_number("weight_kg", weight_kg, 20.0, 200.0, unit="kg")


def _check_times(times_h) -> np.ndarray:
    times = check_array("times_h", times_h, 0.0, _MAX_TIME_H, unit="h")
    if times.ndim != 1 or times.size == 0:
        raise ValueError("times_h must be a non-empty one-dimensional sequence of times in hours")
    return times


def _check_infusions(infusions) -> np.ndarray:
    """(start_h, duration_h, rate_mg_per_kg_per_h) rows -> float array of shape (n, 3)."""
    if infusions is None or isinstance(infusions, (str, bytes)):
        raise ValueError("infusions must be a sequence of (start_h, duration_h, rate_mg_per_kg_per_h)")
    try:
        arr = np.asarray(list(infusions), dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            "infusions must be a sequence of (start_h, duration_h, rate_mg_per_kg_per_h) number triples"
        ) from None
    if arr.size == 0:
        raise ValueError("infusions must not be empty: give at least one (start_h, duration_h, rate_mg_per_kg_per_h)")
    if arr.ndim != 2 or arr.shape[1] != 3:
        raise ValueError("infusions must be a sequence of (start_h, duration_h, rate_mg_per_kg_per_h) triples")
    check_array("infusions: start_h", arr[:, 0], 0.0, _MAX_TIME_H, unit="h")
    check_array("infusions: duration_h", arr[:, 1], 0.0, _MAX_TIME_H, unit="h")
    check_array("infusions: rate_mg_per_kg_per_h", arr[:, 2], 0.0, _MAX_RATE_MG_PER_KG_PER_H, unit="mg/kg/h")
    return arr


def _steps(arr: np.ndarray, weight_kg: float) -> tuple[np.ndarray, np.ndarray]:
    """Step times (h) and step sizes (mg/h): +rate at each start, -rate at each end."""
    rate_mg_per_h = arr[:, 2] * weight_kg
    times = np.concatenate([arr[:, 0], arr[:, 0] + arr[:, 1]])
    sizes = np.concatenate([rate_mg_per_h, -rate_mg_per_h])
    return times, sizes


def _constants(weight_kg: float) -> tuple[float, float]:
    scale = weight_kg / REFERENCE_WEIGHT_KG
    clearance = CLEARANCE_L_PER_H_70KG * scale
    k = CLEARANCE_L_PER_H_70KG / VOLUME_L_70KG  # 1/h, the same for every weight
    return clearance, k


def plasma_concentration(
    times_h, infusions: Sequence[tuple[float, float, float]], weight_kg: float = 70.0
) -> np.ndarray:
    """Plasma ketamine concentration (mg/L) of the teaching patient at ``times_h`` (h).

    ``infusions``: sequence of ``(start_h, duration_h, rate_mg_per_kg_per_h)``; overlapping
    infusions add. Zero before the first infusion. Teaching model, not a dosing tool.
    """
    return simulate(times_h, infusions, weight_kg, effect=False).plasma_mg_per_l


def effect_site_concentration(
    times_h, infusions, weight_kg: float = 70.0, effect_half_life_days: float = EFFECT_HALF_LIFE_DAYS
) -> np.ndarray:
    """Concentration in the slow effect compartment (mg/L) of Dahan et al. 2011."""
    return simulate(times_h, infusions, weight_kg, effect_half_life_days).effect_site_mg_per_l


def analgesic_effect(effect_site_mg_per_l, c50_ng_per_ml: float = C50_NG_PER_ML) -> np.ndarray:
    """Fraction of the maximal modelled pain relief (dimensionless, 0-1): Ce / (Ce + C50)."""
    ce = check_array("effect_site_mg_per_l", effect_site_mg_per_l, 0.0, _MAX_CONCENTRATION_MG_PER_L, unit="mg/L")
    c50_ng_per_ml = check_number("c50_ng_per_ml", c50_ng_per_ml, 0.0, _MAX_C50_NG_PER_ML, unit="ng/mL", low_open=True)
    c50_mg_per_l = c50_ng_per_ml / 1000.0  # 1 ng/mL = 1 ug/L = 0.001 mg/L
    return ce / (ce + c50_mg_per_l)


@dataclass(frozen=True)
class KetamineCourse:
    """Result of :func:`simulate` (all arrays aligned with ``times_h``)."""

    times_h: np.ndarray
    plasma_mg_per_l: np.ndarray
    effect_site_mg_per_l: np.ndarray | None
    effect: np.ndarray | None  # fraction of maximal modelled relief, dimensionless 0-1


def simulate(
    times_h,
    infusions,
    weight_kg: float = 70.0,
    effect_half_life_days: float = EFFECT_HALF_LIFE_DAYS,
    c50_ng_per_ml: float = C50_NG_PER_ML,
    *,
    effect: bool = True,
) -> KetamineCourse:
    """Plasma concentration, effect-site concentration and modelled effect in one pass.

    Analytic superposition: for a rate step of size ``R`` (mg/h) at time ``s``, with
    ``tau = t - s > 0``::

        C(t)  = R/CL * (1 - exp(-k tau))
        Ce(t) = R/CL * (1 - (ke0 exp(-k tau) - k exp(-ke0 tau)) / (ke0 - k))

    and from a state (C0, Ce0) with a constant rate whose steady state is ``Css``::

        C(t)  = Css + (C0 - Css) exp(-k tau)
        Ce(t) = Css + (Ce0 - Css) exp(-ke0 tau) + (C0 - Css) ke0/(ke0 - k) (exp(-k tau) - exp(-ke0 tau))

    Teaching model, not a dosing tool.
    """
    times = _check_times(times_h)
    arr = _check_infusions(infusions)
    weight = _check_weight(weight_kg)
    if effect:
        effect_half_life_days = check_number("effect_half_life_days", effect_half_life_days, 0.5, 100.0, unit="days")
    clearance, k = _constants(weight)
    step_t, step_r = _steps(arr, weight)
    keep = step_r != 0
    step_t, step_r = step_t[keep], step_r[keep]
    if step_t.size == 0:
        zeros = np.zeros_like(times)
        return KetamineCourse(times, zeros, zeros.copy() if effect else None, zeros.copy() if effect else None)
    order = np.argsort(step_t, kind="stable")
    s, gain = step_t[order], step_r[order] / clearance  # h, mg/L per step
    ke0 = math.log(2.0) / (float(effect_half_life_days) * 24.0)  # 1/h (ke0 << k: never equal)

    # 1) State (C, Ce) at every step time, by superposition of the earlier steps' responses.
    tau_ss = s[:, None] - s[None, :]
    active = tau_ss > 0
    tau_ss = np.where(active, tau_ss, 0.0)
    ek_ss = np.exp(-k * tau_ss)
    c_at = ((1.0 - ek_ss) * active) @ gain
    css_after = np.cumsum(gain)  # steady state of the rate after each step
    css_after[np.abs(css_after) < 1e-12 * np.abs(gain).max()] = 0.0

    # 2) Every requested time continues exactly from the last step before it (constant rate since).
    idx = np.searchsorted(s, times, side="right") - 1
    before = idx < 0
    idx = np.where(before, 0, idx)
    tau = times - s[idx]
    css = css_after[idx]
    a = c_at[idx] - css
    ek = np.exp(-k * tau)
    plasma = css + a * ek
    plasma[before] = 0.0
    np.maximum(plasma, 0.0, out=plasma)  # round-off after an infusion stops
    if not effect:
        return KetamineCourse(times, plasma, None, None)
    ce_step = 1.0 - (ke0 * ek_ss - k * np.exp(-ke0 * tau_ss)) / (ke0 - k)
    ce_at = (ce_step * active) @ gain
    ee = np.exp(-ke0 * tau)
    ce = css + (ce_at[idx] - css) * ee + a * (ke0 / (ke0 - k)) * (ek - ee)
    ce[before] = 0.0
    np.maximum(ce, 0.0, out=ce)
    return KetamineCourse(times, plasma, ce, analgesic_effect(ce, c50_ng_per_ml))


# --- Teaching schedules -------------------------------------------------------------------------
# Both are TEACHING SCHEDULES for the simulated patient, not dose recommendations.

#: Rate used for the outpatient teaching course (mg/kg/h): the maximum rate in Schwartzman RJ et al.
#: Pain 2009;147:107-115 (4 h a day for 10 days, at most 0.35 mg/kg/h and 25 mg/h). Dr Chopra's talk
#: describes the course (10-day loading, 4-5 h infusions, boosters of 1-2 days every 4-8 weeks)
#: without a rate.
OUTPATIENT_TEACHING_RATE_MG_PER_KG_PER_H = 0.35

#: Stepwise titration used for the continuous teaching infusion (mg/h per 70 kg, each step 25 h,
#: 100 h in all): Dahan et al. 2011 report that the S-ketamine rate of the Sigtermans et al. 2009
#: trial was raised from 5 to 20 mg/h per 70 kg over the 100-h (4.2-day) infusion, guided by effect
#: and side effects (at the end 22.2 +/- 2.0 mg/h per 70 kg, Sigtermans et al. 2009). Equal 25-h
#: steps are a teaching choice.
CONTINUOUS_TEACHING_STEPS_MG_PER_H_70KG = (5.0, 10.0, 15.0, 20.0)


def outpatient_course(
    loading_days: int = 10,
    hours_per_day: float = 4.0,
    booster_interval_weeks: float = 6.0,
    booster_days: int = 1,
    horizon_days: float = 120.0,
    rate_mg_per_kg_per_h: float = OUTPATIENT_TEACHING_RATE_MG_PER_KG_PER_H,
):
    """Infusions of the outpatient course Dr Chopra's talk describes (teaching schedule, not a dose plan).

    ``loading_days`` daily infusions of ``hours_per_day`` h, then ``booster_days`` consecutive
    daily infusions every ``booster_interval_weeks`` weeks (counted from the last loading day)
    until ``horizon_days``. Returns a list of ``(start_h, duration_h, rate_mg_per_kg_per_h)``.
    """
    loading_days = check_number("loading_days", loading_days, 1, 30, unit="days", integer=True)
    hours_per_day = check_number("hours_per_day", hours_per_day, 0.5, 12.0, unit="h")
    booster_interval_weeks = check_number("booster_interval_weeks", booster_interval_weeks, 1.0, 52.0, unit="weeks")
    booster_days = check_number("booster_days", booster_days, 0, 7, unit="days", integer=True)
    horizon_days = check_number("horizon_days", horizon_days, 1.0, 730.0, unit="days")
    rate_mg_per_kg_per_h = check_number(
        "rate_mg_per_kg_per_h", rate_mg_per_kg_per_h, 0.0, _MAX_RATE_MG_PER_KG_PER_H, unit="mg/kg/h"
    )
    days = list(range(loading_days))
    if booster_days:
        first = loading_days - 1 + booster_interval_weeks * 7
        start = first
        while start < horizon_days:
            days.extend(start + i for i in range(booster_days))
            start += booster_interval_weeks * 7
    return [(d * 24.0, float(hours_per_day), float(rate_mg_per_kg_per_h)) for d in days if d < horizon_days]


def continuous_course(weight_kg: float = 70.0):
    """The 100-h stepwise continuous infusion (teaching version of Sigtermans et al. 2009).

    Rates are per kg (the trial's mg/h per 70 kg divided by 70), so the list is the same for any
    ``weight_kg`` in 20-200 kg.
    """
    _check_weight(weight_kg)
    step_h = 100.0 / len(CONTINUOUS_TEACHING_STEPS_MG_PER_H_70KG)
    return [
        (i * step_h, step_h, rate / REFERENCE_WEIGHT_KG)
        for i, rate in enumerate(CONTINUOUS_TEACHING_STEPS_MG_PER_H_70KG)
    ]
