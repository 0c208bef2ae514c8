"""Why an uncontrolled before-and-after series looks good (conceptual teaching model, lesson 12).

A made-up cohort of people with long-standing pain is followed week by week on a 0-10 pain scale.
A clinic enrols those whose pain *that week* is high, treats them, and reports how much their pain
fell. Four things lower the average after enrolment, and only the last is the treatment's doing:

1. **Regression to the mean.** Each person's weekly score is their usual level plus a week-to-week
   ups and downs: ``X = mu + e`` with ``mu ~ N(m, s_b^2)`` across people and ``e ~ N(0, s_w^2)``
   each week. Enrolling only people with ``X0 >= c`` picks, on average, people on a worse week than
   usual. With ``s_t = sqrt(s_b^2 + s_w^2)``, ``z = (c - m) / s_t`` and ``lam = phi(z) / (1 - Phi(z))``
   (the inverse Mills ratio of the standard normal), the enrolled group's mean at enrolment is
   ``E[X0 | X0 >= c] = m + s_t * lam`` and its mean usual level is ``E[mu | X0 >= c] = m +
   (s_b^2 / s_t) * lam``; the difference, ``(s_w^2 / s_t) * lam``, disappears at the next
   measurement whatever is done. This is the standard result for a group selected on a baseline
   value; Barnett, van der Pols & Dobson (2005, source ``barnett2005``) explain the phenomenon and
   why it grows with measurement variability and with selection on the baseline value.
2. **Natural recovery.** Each usual level falls by a fraction ``R`` by the end of follow-up,
   ``mu(t) = mu * (1 - R * g(t))`` with ``g(t) = (1 - exp(-t / tau)) / (1 - exp(-T / tau))``.
   Many people with CRPS improve markedly within 6-13 months of onset (Bean, Johnson & Kydd 2014,
   ``bean2014``, a systematic review of 18 studies); the size and time course here are made up.
3. **Placebo and attention.** Everyone who is treated (the clinic's patients, and a trial's placebo
   arm) reports ``P`` points less from the first week after enrolment.
4. **The treatment's own effect.** ``D`` points less, only in the treated arm.

So the treated group's expected mean ``t`` weeks after enrolment is ``E[mu | sel] (1 - R g(t)) - P
- D`` and a randomized placebo arm's is the same without ``- D``: the before-and-after fall is
``RTM + natural + P + D``, while the difference between the arms is ``D`` alone.

Responders are counted in a simulated cohort (fixed seed, scores kept within 0-10) as people whose
score fell by at least 30% from enrolment, the threshold Farrar et al. (2001, ``farrar2001``) found to
match "much improved" on average in chronic pain trials.

This is a conceptual teaching model: every constant below (the cohort's usual pain, its spread, the
time constant, and the defaults of the learner's controls) is made up for teaching and fitted to
nothing; only the 30% responder threshold is a published figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..validate import check_number

__all__ = ["DEFAULTS", "RESPONDER_FALL", "Cohort", "SeriesResult", "enrolled_means", "run"]

# Made up for teaching (NOT fitted to data):
USUAL_MEAN = 5.5  # points (0-10): the cohort's average usual pain
USUAL_SD = 1.5  # points: spread of usual pain between people
TAU_WEEKS = 26.0  # weeks: time constant of natural recovery
N_SIMULATED = 4000  # people in the simulated cohort (responder counts)
SEED = 20261201
# Published: a fall of about 30% matched "much improved" (Farrar et al. 2001).
RESPONDER_FALL = 0.30


@dataclass(frozen=True)
class Cohort:
    """The learner's settings (all in points on the 0-10 pain scale unless stated)."""

    threshold: float = 7.0  # enrol only if that week's score is at least this (0: everyone)
    variability: float = 1.2  # SD of week-to-week ups and downs
    natural_recovery_pct: float = 15.0  # % of usual pain lost naturally by the end of follow-up
    placebo: float = 1.0  # fall from placebo and attention
    true_effect: float = 0.0  # fall caused by the treatment itself
    weeks: int = 24  # follow-up


DEFAULTS = Cohort()


@dataclass(frozen=True)
class SeriesResult:
    """Expected weekly means of the enrolled group, the parts of the fall, and simulated responders."""

    weeks: np.ndarray  # 0 .. follow-up (week 0 = enrolment)
    treated: np.ndarray  # mean score of the treated (the clinic's series)
    placebo_arm: np.ndarray  # mean score of a randomized placebo arm
    usual: np.ndarray  # mean usual level of the enrolled, untreated (natural course only)
    enrolled_fraction: float  # share of the cohort that enrols
    parts: dict  # points of the before-and-after fall: regression, natural, placebo, treatment
    responders_treated: float | None  # share with a fall of at least 30% (None: too few enrolled)
    responders_placebo: float | None
    n_enrolled_simulated: int

    @property
    def before_after(self) -> float:
        """Fall of the treated group's mean from enrolment to the end of follow-up (points)."""
        return float(self.treated[0] - self.treated[-1])

    @property
    def between_arms(self) -> float:
        """Difference between the placebo arm and the treated arm at the end (points)."""
        return float(self.placebo_arm[-1] - self.treated[-1])


def _checked(c: Cohort) -> Cohort:
    return Cohort(
        threshold=check_number("threshold", c.threshold, 0, 9, unit="points (0-10 scale)"),
        variability=check_number("variability", c.variability, 0.2, 2.5, unit="points (SD)"),
        natural_recovery_pct=check_number("natural_recovery_pct", c.natural_recovery_pct, 0, 50, unit="%"),
        placebo=check_number("placebo", c.placebo, 0, 3, unit="points"),
        true_effect=check_number("true_effect", c.true_effect, 0, 3, unit="points"),
        weeks=check_number("weeks", c.weeks, 4, 52, unit="weeks", integer=True),
    )


def _mills(z: float) -> float:
    """phi(z) / (1 - Phi(z)), computed stably for large z."""
    tail = 0.5 * math.erfc(z / math.sqrt(2))
    density = math.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)
    return density / tail if tail > 0 else z


def enrolled_means(threshold: float, variability: float) -> tuple[float, float, float]:
    """(mean score at enrolment, mean usual level, share enrolled) of people enrolled on ``X0 >= threshold``.

    ``threshold`` 0 is read as "everyone enrols" (no selection).
    """
    threshold = check_number("threshold", threshold, 0, 9, unit="points (0-10 scale)")
    s_w = check_number("variability", variability, 0.2, 2.5, unit="points (SD)")
    if threshold == 0:
        return USUAL_MEAN, USUAL_MEAN, 1.0
    s_t = math.hypot(USUAL_SD, s_w)
    z = (threshold - USUAL_MEAN) / s_t
    lam = _mills(z)
    share = 0.5 * math.erfc(z / math.sqrt(2))
    return USUAL_MEAN + s_t * lam, USUAL_MEAN + USUAL_SD**2 / s_t * lam, share


def _recovered(t: np.ndarray, fraction: float, weeks: int) -> np.ndarray:
    return fraction * (1 - np.exp(-t / TAU_WEEKS)) / (1 - math.exp(-weeks / TAU_WEEKS))


def run(cohort: Cohort = DEFAULTS) -> SeriesResult:
    """Expected course of the enrolled group with and without a control arm, and its decomposition."""
    c = _checked(cohort)
    at_entry, usual0, share = enrolled_means(c.threshold, c.variability)
    t = np.arange(c.weeks + 1, dtype=float)
    g = _recovered(t, c.natural_recovery_pct / 100, c.weeks)
    usual = usual0 * (1 - g)
    after = (t > 0).astype(float)
    placebo_arm = np.where(t > 0, usual - c.placebo * after, at_entry)
    treated = np.where(t > 0, usual - (c.placebo + c.true_effect) * after, at_entry)
    parts = {
        "regression to the mean": float(at_entry - usual0),
        "natural recovery": float(usual0 - usual[-1]),
        "placebo and attention": float(c.placebo),
        "the treatment itself": float(c.true_effect),
    }
    # Simulated cohort for responder counts (common random numbers: the same people at every setting).
    rng = np.random.default_rng(SEED)
    mu = rng.normal(USUAL_MEAN, USUAL_SD, N_SIMULATED)
    e0, e_end = rng.standard_normal((2, N_SIMULATED)) * c.variability
    x0 = np.clip(mu + e0, 0, 10)
    chosen = x0 >= c.threshold if c.threshold > 0 else np.ones(N_SIMULATED, bool)
    late = mu * (1 - g[-1]) + e_end
    x_placebo = np.clip(late - c.placebo, 0, 10)
    x_treated = np.clip(late - c.placebo - c.true_effect, 0, 10)
    n = int(chosen.sum())

    def responders(x_end: np.ndarray) -> float | None:
        if n < 50:  # fewer simulated people than this: a share would be mostly noise
            return None
        base = x0[chosen]
        return float(np.mean((base - x_end[chosen]) >= RESPONDER_FALL * base))

    return SeriesResult(
        weeks=t,
        treated=treated,
        placebo_arm=placebo_arm,
        usual=usual,
        enrolled_fraction=share,
        parts=parts,
        responders_treated=responders(x_treated),
        responders_placebo=responders(x_placebo),
        n_enrolled_simulated=n,
    )
