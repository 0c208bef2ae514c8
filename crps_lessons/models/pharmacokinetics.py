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

(abstract read on the publisher's page, 2026-12-01: weighted means over 18 studies). The same paper's
population model from 14 raw data sets has one central arterial compartment, two peripheral
compartments and two venous delay compartments; this teaching model keeps one compartment.

Teaching simplifications (stated, not hidden): one compartment (so the early distribution phase
is missing); clearance and volume scale in proportion to body weight; racemic ketamine and
S-ketamine share one set of constants; metabolites (norketamine) are ignored. The elimination
half-life that follows is ``ln 2 * V / CL`` = 2.2 h.

Schedules
---------
:data:`SCHEDULES` holds the three schedules the lesson's sources report (Sigtermans et al. 2009,
Schwartzman et al. 2009, Dr Chopra's talk), each with what the source says and what the model
had to choose to draw it. :func:`reported_schedule` builds their infusions; nothing takes a
rate, a duration or a booster interval from a learner. The Schwartzman and Chopra drawings use
Schwartzman's ceiling, 0.35 mg/kg/h but never more than 25 mg/h (:func:`capped_rate_mg_per_kg_per_h`).

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..validate import check_array, check_number

__all__ = [
    "C50_NG_PER_ML",
    "CLEARANCE_L_PER_H_70KG",
    "EFFECT_HALF_LIFE_CI_DAYS",
    "EFFECT_HALF_LIFE_DAYS",
    "SCHEDULES",
    "SCHWARTZMAN_CAP_MG_PER_H",
    "SCHWARTZMAN_MAX_MG_PER_KG_PER_H",
    "VOLUME_L_70KG",
    "KetamineCourse",
    "Schedule",
    "analgesic_effect",
    "capped_rate_mg_per_kg_per_h",
    "effect_site_concentration",
    "elimination_half_life_h",
    "plasma_concentration",
    "reported_schedule",
    "simulate",
]

CLEARANCE_L_PER_H_70KG = 79.0  # L/h per 70 kg; Kamp et al. 2020 (weighted mean of 18 studies)
VOLUME_L_70KG = 252.0  # L per 70 kg; Kamp et al. 2020 (weighted mean of 18 studies)
C50_NG_PER_ML = 10.5  # ng/mL; Dahan et al. 2011 (S-ketamine, CRPS-1)
EFFECT_HALF_LIFE_DAYS = 10.9  # days; Dahan et al. 2011, onset/offset half-life of pain relief
EFFECT_HALF_LIFE_CI_DAYS = (5.3, 20.5)  # days; Dahan et al. 2011, 95% confidence interval of that half-life
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


# --- The schedules the sources report ---------------------------------------------------------
# Each is drawn AS THE SOURCE REPORTS IT, for the 70 kg teaching patient; none is a recommendation,
# and the explorer offers no control that changes a rate, a duration or a booster interval.

#: Schwartzman RJ et al. Pain 2009;147:107-115 (abstract): "4 h (25 ml/h) daily for 10 days", "maximum
#: ketamine infusion rate was 0.35 mg/kg/h, not to exceed 25 mg/h over a 4 h period".
SCHWARTZMAN_MAX_MG_PER_KG_PER_H = 0.35
SCHWARTZMAN_CAP_MG_PER_H = 25.0

#: Dahan A et al. Eur J Pain 2011;15:258-267 (abstract): in the Sigtermans et al. 2009 trial the S-ketamine
#: rate "was slowly increased from 5 mg/h (per 70 kg) to 20 mg/h" over the 100-h infusion, guided by effect
#: and side effects (Sigtermans et al. 2009: 22.2 +/- 2.0 mg/h/70 kg at the end). Four equal 25-h steps are
#: this model's drawing of "slowly increased": the abstracts give no step times.
SIGTERMANS_STEPS_MG_PER_H_70KG = (5.0, 10.0, 15.0, 20.0)
SIGTERMANS_HOURS = 100.0


def capped_rate_mg_per_kg_per_h(weight_kg: float = REFERENCE_WEIGHT_KG) -> float:
    """Schwartzman 2009's maximum rate for a body weight: 0.35 mg/kg/h, but never above 25 mg/h in all.

    ``min(0.35, 25 / weight_kg)`` mg/kg/h: 0.35 up to about 71 kg, less above (0.25 mg/kg/h at 100 kg).
    This is the trial's published ceiling, used to draw its schedule; it is not a dose for a person.
    """
    weight = _check_weight(weight_kg)
    return min(SCHWARTZMAN_MAX_MG_PER_KG_PER_H, SCHWARTZMAN_CAP_MG_PER_H / weight)


def _daily(days, hours: float, rate: float):
    return [(d * 24.0, hours, rate) for d in days]


def _sigtermans(weight_kg: float, horizon_days: float):
    step_h = SIGTERMANS_HOURS / len(SIGTERMANS_STEPS_MG_PER_H_70KG)
    return [(i * step_h, step_h, r / REFERENCE_WEIGHT_KG) for i, r in enumerate(SIGTERMANS_STEPS_MG_PER_H_70KG)]


def _schwartzman(weight_kg: float, horizon_days: float):
    return _daily(range(10), 4.0, capped_rate_mg_per_kg_per_h(weight_kg))


def _chopra(weight_kg: float, horizon_days: float):
    boosters = np.arange(9 + 42, horizon_days, 42).tolist()  # a one-day booster every 6 weeks after loading
    return _daily([*range(10), *boosters], 4.0, capped_rate_mg_per_kg_per_h(weight_kg))


@dataclass(frozen=True)
class Schedule:
    """A ketamine schedule as a source reports it, and how this model draws it."""

    key: str
    label: str  # what the learner sees in the menu
    source_id: str  # data/sources.csv
    reported: str  # the schedule in the source's terms (paraphrased)
    drawn: str  # what the model draws, and what it had to choose because the source does not say
    build: Callable[[float, float], list]  # (weight_kg, horizon_days) -> infusions


SCHEDULES: dict[str, Schedule] = {
    s.key: s
    for s in (
        Schedule(
            "sigtermans",
            "Sigtermans et al. 2009 (trial): one continuous 4.2-day infusion",
            "sigtermans2009",
            "S-ketamine or placebo by continuous infusion for 4.2 days (100 h), the rate raised step by step from "
            "5 to 20 mg/h per 70 kg as effect and side effects allowed (Dahan et al. 2011).",
            "100 h in four equal steps of 5, 10, 15 and 20 mg/h per 70 kg; the step times are this model's choice.",
            _sigtermans,
        ),
        Schedule(
            "schwartzman",
            "Schwartzman et al. 2009 (trial): 4 hours a day for 10 days",
            "schwartzman2009",
            "Ketamine or placebo by infusion for 4 h a day on 10 days, as outpatients, at most 0.35 mg/kg/h and never "
            "more than 25 mg/h; both groups also had clonidine and midazolam.",
            "Every day at the trial's maximum rate, capped at 25 mg/h; the abstract gives only the maximum.",
            _schwartzman,
        ),
        Schedule(
            "chopra",
            "Dr Chopra's talk (no trial): a 10-day course, then boosters",
            "chopra_talk",
            "A 10-day outpatient loading course, each infusion over 4 to 5 hours, then boosters of one or two days "
            "every 4 to 8 weeks; the talk gives no rate. No trial has tested a booster schedule.",
            "The loading days as Schwartzman's schedule (4 h, same capped rate), then a one-day booster every 6 weeks, "
            "one example inside the talk's range; the model assumes each booster acts like the first.",
            _chopra,
        ),
    )
}


def reported_schedule(key: str, weight_kg: float = REFERENCE_WEIGHT_KG, horizon_days: float = 120.0):
    """Infusions ``(start_h, duration_h, rate_mg_per_kg_per_h)`` of a reported schedule (see :data:`SCHEDULES`).

    ``key``: one of ``sigtermans``, ``schwartzman``, ``chopra``. Drawn for a teaching patient of
    ``weight_kg`` (20-200 kg; the explorer uses 70 kg) up to ``horizon_days`` (1-730). The
    Schwartzman and Chopra schedules never exceed 25 mg/h at any weight. Teaching model, not a
    dosing tool.
    """
    if not isinstance(key, str) or key not in SCHEDULES:
        raise ValueError(f"schedule must be one of {', '.join(map(repr, SCHEDULES))}; got {key!r}")
    weight = _check_weight(weight_kg)
    horizon = check_number("horizon_days", horizon_days, 1.0, 730.0, unit="days")
    return [inf for inf in SCHEDULES[key].build(weight, horizon) if inf[0] < horizon * 24.0]
