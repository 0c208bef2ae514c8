"""The course of CRPS in a made-up cohort whose shares follow published studies (teaching model, lesson 02).

What the studies found (the published numbers this model is built to match)
---------------------------------------------------------------------------
- Bean, Johnson, Heiss-Dunlop & Kydd (2015, source ``bean2015b``) followed 59 people with CRPS type 1
  of recent onset (under 12 weeks) for a year of usual treatment. Signs and symptoms fell most in the
  first 6 months and then levelled off; at 12 months nearly two thirds still met the IASP (Orlando)
  criteria and a quarter met the strict Budapest research criteria. ``SHARE_MEETING_IASP_12M`` (0.65,
  our reading of "nearly two thirds"), ``SHARE_MEETING_BUDAPEST_RESEARCH_12M`` (0.25) and
  ``MOST_CHANGE_BY_MONTH`` (6) come from that abstract.
- Bean, Johnson & Kydd (2014, ``bean2014``; 18 studies, 3,991 people): in the 3 prospective studies
  many improved markedly within 6 to 13 months (``IMPROVEMENT_WINDOW_MONTHS``); in most studies motor
  symptoms (stiffness and weakness) were the most likely to persist and sudomotor and vasomotor
  symptoms the most likely to improve. ``PERSISTENCE_ORDER`` keeps that order (the review gives an
  order, not sizes).
- A fall of at least 30% in a 0-10 pain score matched "much improved" on average in chronic pain
  trials (Farrar et al. 2001, ``farrar2001``): ``RESPONDER_FALL`` is the threshold used to call
  someone an "improver". The same rows, in words, are ``data/course_anchors.csv``, with the numbers
  the lesson shows for comparison and does not build in (de Mos et al. 2009, ``demos2009``: 16%
  reported their CRPS as still progressive, on average 5.8 years after onset).

How the made-up cohort is built
-------------------------------
1. Each made-up person belongs to one of three courses, in the published shares: no longer meeting
   the IASP criteria at 12 months (1 - 0.65 = 35%), meeting the IASP but not the Budapest research
   criteria (0.65 - 0.25 = 40%), and meeting the Budapest research criteria (25%). People are
   allotted to courses in exactly these shares (then shuffled), so the cohort matches them exactly.
2. A person's remaining problem, as a share of how it was at onset, is ``s(t) = r + (1 - r)
   exp(-t / tau)``: it falls from 1 towards a plateau ``r`` with a time constant ``tau`` (months).
   ``r`` is drawn within a range for each course (``RESIDUAL_RANGE``) and ``tau`` from a log-normal
   distribution (``TAU_MEDIAN_MONTHS``, ``TAU_SPREAD``), so most people make most of their change by
   month 6 while some ("late improvers") take longer.
3. Each outcome ``g`` (pain, function and four symptom groups) follows ``q_g(t) = s_g(t) ** k_g``
   with ``s_g`` as in step 2 but time constant ``tau * SLOWER[g]``. ``k_g > 1`` makes an outcome
   recover more than the person's average, ``k_g < 1`` less: ``RECOVERY_EXPONENT`` puts vasomotor and
   sudomotor symptoms highest and motor symptoms lowest, the published order.
4. Scores: pain and the four symptom groups on 0-10 (10 = worst) as ``onset * q``; function on a
   made-up 0-10 scale (10 = does everything as before the injury) as ``10 - (10 - onset) * q``. Each
   monthly measurement adds month-to-month ups and downs (``NOISE_SD`` points) and is kept within 0-10.
5. Improver groups come from the measured pain: "early improvers" had a fall of at least 30% from
   month 0 by month 3; "late improvers" first reached it between months 4 and 12; the rest had not
   improved by 30% by month 12.

This is a conceptual teaching model. Only the numbers named in the first part are published; every
other constant (the ranges of ``r``, the time constants, the exponents, the onset scores, the noise,
the cohort size) is made up for teaching and fitted to no data. Nothing here predicts the course of a
real person.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ..validate import check_choice, check_number

__all__ = [
    "COURSES",
    "GROUPS",
    "IMPROVEMENT_WINDOW_MONTHS",
    "MOST_CHANGE_BY_MONTH",
    "OUTCOMES",
    "PERSISTENCE_ORDER",
    "RESPONDER_FALL",
    "SHARE_MEETING_BUDAPEST_RESEARCH_12M",
    "SHARE_MEETING_IASP_12M",
    "ClinicSeries",
    "CourseCohort",
    "clinic_series",
    "course_shares",
    "group_means",
    "remaining_share",
    "simulate",
]

# --- Published (see the module docstring and data/course_anchors.csv) ------------------------------
SHARE_MEETING_IASP_12M = 0.65  # bean2015b: "nearly two thirds" at 12 months (0.65 is our reading)
SHARE_MEETING_BUDAPEST_RESEARCH_12M = 0.25  # bean2015b: "a quarter" at 12 months
MOST_CHANGE_BY_MONTH = 6  # bean2015b: change greatest in the first 6 months, then a plateau
IMPROVEMENT_WINDOW_MONTHS = (6, 13)  # bean2014: many improve markedly within 6 to 13 months
# bean2014: most likely to persist first; sudomotor and vasomotor the most likely to improve.
PERSISTENCE_ORDER = ("motor_trophic", "sensory", "sudomotor_oedema", "vasomotor")
RESPONDER_FALL = 0.30  # farrar2001: a 30% fall matched "much improved" on average

# --- Made up for teaching (NOT fitted to data) ----------------------------------------------------
OUTCOMES: dict[str, str] = {
    "pain": "Pain (0-10, 10 = worst)",
    "function": "Function (made-up 0-10 scale, 10 = as before the injury)",
    "sensory": "Sensory symptoms (made-up 0-10 severity)",
    "vasomotor": "Vasomotor: colour and temperature (made-up 0-10 severity)",
    "sudomotor_oedema": "Sudomotor and swelling (made-up 0-10 severity)",
    "motor_trophic": "Motor and trophic: stiffness, weakness (made-up 0-10 severity)",
}
COURSES: dict[str, str] = {
    "no_longer_iasp": "no longer meets the IASP criteria at 12 months",
    "iasp_only": "meets the IASP criteria but not the Budapest research criteria at 12 months",
    "budapest_research": "meets the Budapest research criteria at 12 months",
}
GROUPS: dict[str, str] = {
    "early": "early improvers (pain down 30% by month 3)",
    "late": "late improvers (pain down 30% between months 4 and 12)",
    "not_yet": "not improved by 30% at month 12",
}
RESIDUAL_RANGE = {"no_longer_iasp": (0.0, 0.2), "iasp_only": (0.3, 0.6), "budapest_research": (0.65, 1.0)}
TAU_MEDIAN_MONTHS = 3.0  # median time constant of a person's change
TAU_SPREAD = 0.7  # standard deviation of log(tau)
RECOVERY_EXPONENT = {
    "pain": 1.0,
    "function": 0.8,
    "sensory": 0.9,
    "vasomotor": 1.6,
    "sudomotor_oedema": 1.4,
    "motor_trophic": 0.5,
}
SLOWER = {"pain": 1.0, "function": 1.2, "sensory": 1.0, "vasomotor": 0.9, "sudomotor_oedema": 0.9, "motor_trophic": 1.5}
ONSET_MEAN = {
    "pain": 6.5,
    "function": 4.0,
    "sensory": 6.0,
    "vasomotor": 6.0,
    "sudomotor_oedema": 6.0,
    "motor_trophic": 6.0,
}
ONSET_SD = 1.3
NOISE_SD = 0.7  # points: month-to-month ups and downs of a measured score
N_PEOPLE = 300
MONTHS = 24
RNG_KEY = 20261201  # fixed, so the made-up cohort is the same every time
EARLY_BY_MONTH = 3
LATE_BY_MONTH = 12


@dataclass(frozen=True)
class CourseCohort:
    """A made-up cohort: one row per person, one column per month (0 = onset)."""

    months: np.ndarray  # 0 .. MONTHS
    course: np.ndarray  # course key per person (see COURSES)
    group: np.ndarray  # improver group per person (see GROUPS), from measured pain
    true: dict  # outcome -> (people, months) noise-free scores
    measured: dict  # outcome -> (people, months) scores with month-to-month ups and downs

    @property
    def n(self) -> int:
        return int(self.course.size)


def _check_outcome(outcome: str) -> str:
    return check_choice("outcome", outcome, list(OUTCOMES))


@functools.lru_cache(maxsize=8)
def simulate(n_people: int = N_PEOPLE, noise_sd: float = NOISE_SD) -> CourseCohort:
    """The made-up cohort (same every call for the same arguments).

    ``n_people``: whole number from 40 to 3000 (people); ``noise_sd``: 0 to 2 points (month-to-month
    ups and downs of each measured score).
    """
    n = check_number("n_people", n_people, 40, 3000, unit="people", integer=True)
    sd = check_number("noise_sd", noise_sd, 0, 2, unit="points")
    rng = np.random.default_rng(RNG_KEY)
    counts = {
        "budapest_research": round(n * SHARE_MEETING_BUDAPEST_RESEARCH_12M),
        "iasp_only": round(n * SHARE_MEETING_IASP_12M) - round(n * SHARE_MEETING_BUDAPEST_RESEARCH_12M),
    }
    counts["no_longer_iasp"] = n - sum(counts.values())
    course = np.array([k for k in COURSES for _ in range(counts[k])])
    rng.shuffle(course)
    low = np.array([RESIDUAL_RANGE[c][0] for c in course])
    high = np.array([RESIDUAL_RANGE[c][1] for c in course])
    residual = low + (high - low) * rng.random(n)
    tau = TAU_MEDIAN_MONTHS * np.exp(TAU_SPREAD * rng.standard_normal(n))
    t = np.arange(MONTHS + 1, dtype=float)
    true, measured = {}, {}
    for g in OUTCOMES:
        s = residual[:, None] + (1 - residual[:, None]) * np.exp(-t[None, :] / (tau[:, None] * SLOWER[g]))
        q = s ** RECOVERY_EXPONENT[g]
        onset = np.clip(rng.normal(ONSET_MEAN[g], ONSET_SD, n), 2.0, 9.5)[:, None]
        score = 10 - (10 - onset) * q if g == "function" else onset * q
        true[g] = score
        measured[g] = np.clip(score + sd * rng.standard_normal(score.shape), 0, 10)
    pain = measured["pain"]
    improved = pain <= (1 - RESPONDER_FALL) * pain[:, :1]
    early = improved[:, 1 : EARLY_BY_MONTH + 1].any(axis=1)
    late = ~early & improved[:, EARLY_BY_MONTH + 1 : LATE_BY_MONTH + 1].any(axis=1)
    group = np.where(early, "early", np.where(late, "late", "not_yet"))
    return CourseCohort(months=t, course=course, group=group, true=true, measured=measured)


def course_shares(cohort: CourseCohort) -> dict[str, float]:
    """Share of the cohort in each course (fractions that add up to 1)."""
    return {k: float(np.mean(cohort.course == k)) for k in COURSES}


def group_means(cohort: CourseCohort, outcome: str, *, measured: bool = True) -> dict[str, np.ndarray | None]:
    """Mean score of each improver group at every month (None for an empty group)."""
    outcome = _check_outcome(outcome)
    table = (cohort.measured if measured else cohort.true)[outcome]
    return {k: (table[cohort.group == k].mean(axis=0) if np.any(cohort.group == k) else None) for k in GROUPS}


def remaining_share(cohort: CourseCohort, month: int, who: str | None = None) -> dict[str, float]:
    """Mean share of the onset problem still present at ``month`` (0 to 1), by outcome (noise-free scores).

    The problem is the score itself for pain and the symptom groups and ``10 - score`` for function.
    ``who``: an improver group (GROUPS), a course (COURSES) or None for everyone.
    """
    m = check_number("month", month, 0, MONTHS, unit="months", integer=True)
    if who is None:
        rows = np.ones(cohort.n, bool)
    else:
        check_choice("who", who, [*GROUPS, *COURSES])
        rows = (cohort.group == who) if who in GROUPS else (cohort.course == who)
    out = {}
    for g in OUTCOMES:
        x = cohort.true[g][rows]
        problem = (10 - x) if g == "function" else x
        out[g] = float(np.mean(problem[:, m] / problem[:, 0])) if rows.any() else float("nan")
    return out


@dataclass(frozen=True)
class ClinicSeries:
    """A made-up clinic's before-and-after series: a treatment that does nothing, given at ``start_month``."""

    start_month: int
    end_month: int
    threshold: float
    n_enrolled: int
    measured_before: float  # mean measured pain of the enrolled at the start (points)
    measured_after: float  # ... at the end
    true_before: float  # their noise-free pain at the start
    true_after: float
    improved_share: float  # share of the enrolled whose measured pain fell by at least 30%

    @property
    def fall(self) -> float:
        """The before-and-after fall the clinic would report (points)."""
        return self.measured_before - self.measured_after

    @property
    def regression_to_the_mean(self) -> float:
        """Part of the fall from enrolling people in a worse month than their usual (points)."""
        return (self.measured_before - self.true_before) - (self.measured_after - self.true_after)

    @property
    def natural_course(self) -> float:
        """Part of the fall from the natural course of the noise-free scores (points)."""
        return self.true_before - self.true_after


def clinic_series(
    cohort: CourseCohort, start_month: int, threshold: float = 6.0, follow_months: int = 6
) -> ClinicSeries | None:
    """People whose measured pain at ``start_month`` is at least ``threshold`` get a treatment with no
    effect; their mean pain then and ``follow_months`` later. None when nobody is enrolled.

    ``start_month``: whole number from 1 to 12; ``threshold``: 0 to 10 points; ``follow_months``:
    whole number from 1 to 12.
    """
    start = check_number("start_month", start_month, 1, 12, unit="months", integer=True)
    c = check_number("threshold", threshold, 0, 10, unit="points (0-10 scale)")
    follow = check_number("follow_months", follow_months, 1, 12, unit="months", integer=True)
    end = start + follow  # at most 24 = MONTHS
    pain, true = cohort.measured["pain"], cohort.true["pain"]
    chosen = pain[:, start] >= c
    if not chosen.any():
        return None
    before, after = pain[chosen, start], pain[chosen, end]
    return ClinicSeries(
        start_month=start,
        end_month=end,
        threshold=c,
        n_enrolled=int(chosen.sum()),
        measured_before=float(before.mean()),
        measured_after=float(after.mean()),
        true_before=float(true[chosen, start].mean()),
        true_after=float(true[chosen, end].mean()),
        improved_share=float(np.mean(after <= (1 - RESPONDER_FALL) * before)),
    )
