"""Pacing against boom and bust: a made-up person's weeks of one daily activity (conceptual teaching model, lesson 10).

What the evidence says (the sources of the lesson)
--------------------------------------------------
* Activity pacing comes from two traditions: an operant one (activity set by plan, time or quota, not
  by pain, raised step by step to improve function) and an energy-conservation one (spreading energy
  to ease symptoms). Little evidence exists on how well pacing works as a treatment (Nielson et al.
  2013, source ``nielson2013``).
* In a systematic review of 7 randomized trials, taught pacing did not reduce pain severity; it
  lessened the interference of fatigue and joint stiffness and made physical activity less variable
  from day to day (Guy, McKinstry & Bruce 2019, ``guy2019``).
* In correlation studies, avoiding activity, and overactivity (keeping going until pain is much
  worse), went with poorer functioning; pacing measures went with better mood but more pain and
  disability, perhaps because pacing does not help unless used to raise activity gradually
  (Andrews, Strong & Meredith 2012, ``andrews2012``). Overactivity (activity that markedly worsens
  pain) is hard to change, and pacing education alone may not change it (Andrews et al. 2015,
  ``andrews2015``).

What this model keeps
---------------------
One made-up person, one daily activity (minutes of walking, say), two versions of the same weeks:

1. **The day's limit.** On each day the person has a limit ``L_d`` (minutes): the amount they can do
   that day without setting off a flare. It is their current usual limit ``U`` times a good- or
   bad-day factor ``1 + DAY_SWING * s_d``, with ``s_d`` drawn once, uniformly from -1 to 1, from a
   fixed seed: both versions live the same good and bad days.
2. **Flares.** If a day's activity is more than ``FLARE_OVER`` times that day's limit, a flare
   follows: the next ``FLARE_DAYS`` days are flare days, and no new flare starts during one.
3. **Boom and bust** (activity set by how the day feels): on a day that feels good
   (``s_d > GOOD_DAY``) the person keeps going to ``BOOM_PUSH`` times the limit (and so sets off a
   flare); on other days they do about their limit; on flare days they rest (``BUST_REST`` of their
   usual limit).
4. **Paced** (activity set by plan): a **baseline** in minutes a day for the first week, raised by
   a fixed percentage each week (the weekly **quota**), the same on good and bad days. On flare days
   the plan says to cut back, not stop: ``PACED_FLARE_CUT`` of that week's quota.
5. **The usual limit changes slowly.** A steady day (no flare, activity not setting one off) raises
   ``U`` by ``GAIN_PER_WEEK / 7`` if that day's activity was at least ``BUILD_AT`` of ``U``, and by
   proportionally less below that; a rest day (activity below ``REST_BELOW`` of ``U``) lowers it by
   ``LOSS_PER_WEEK / 7``; other days leave it as it is. This stands for conditioning and for the
   known harm of keeping a limb still (see the lesson); its rates are invented.

So boom and bust gives many flares, much rest and a usual limit that drifts down; a modest baseline
with small weekly steps gives few flares and a rising limit (a very small baseline builds little); a
baseline above what the person can do on bad days, or steps faster than the limit can grow, gives
flares even when paced.

This is a conceptual teaching model: every constant below is made up for teaching and fitted to
nothing (no study measured a "limit" of this kind), and it models activity and flares, not pain.
It computes nothing for any real person.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validate import check_number

__all__ = [
    "DAYS_PER_WEEK",
    "DEFAULTS",
    "LIMIT_START_MIN",
    "PacingResult",
    "Plan",
    "day_swings",
    "run",
]

DAYS_PER_WEEK = 7
# Made up for teaching (NOT fitted to data):
LIMIT_START_MIN = 30.0  # minutes: the made-up person's usual limit at the start
DAY_SWING = 0.30  # good and bad days move the day's limit up or down by up to 30%
FLARE_OVER = 1.25  # a flare follows a day whose activity is more than 1.25 times that day's limit
FLARE_DAYS = 3  # days a flare lasts after the day that set it off
GOOD_DAY = 0.4  # a day whose swing is above this feels good (boom and bust pushes on)
BOOM_PUSH = 1.4  # on a good day, boom and bust keeps going to 1.4 times the day's limit
BUST_REST = 0.1  # in a flare, boom and bust rests: 10% of the usual limit
PACED_FLARE_CUT = 0.5  # in a flare, the paced plan cuts back to half of that week's quota
REST_BELOW = 0.25  # a day below a quarter of the usual limit counts as a rest day
GAIN_PER_WEEK = 0.05  # a week of steady days raises the usual limit by 5%
BUILD_AT = 0.5  # ... if each day uses at least half the usual limit (less activity builds proportionally less)
LOSS_PER_WEEK = 0.10  # a week of rest days lowers it by 10% (rest undoes faster than activity builds)
SEED = 20261201
MAX_WEEKS = 24


@dataclass(frozen=True)
class Plan:
    """The learner's settings for the paced version (the boom-and-bust version has none)."""

    baseline_min: float = 15.0  # minutes a day in the first week
    weekly_increase_pct: float = 10.0  # % added to the daily quota each week
    weeks: int = 12  # weeks shown


DEFAULTS = Plan()


@dataclass(frozen=True)
class PacingResult:
    """Day-by-day activity of both versions (arrays of length weeks * 7, day 1 first)."""

    days: np.ndarray  # day number, 1..
    swing: np.ndarray  # good (+) or bad (-) day factor, -1..1
    quota: np.ndarray  # the paced plan's minutes for that day (before any flare cut)
    boom: np.ndarray  # minutes done, boom and bust
    paced: np.ndarray  # minutes done, paced
    boom_flare_start: np.ndarray  # True on a day that set off a flare
    paced_flare_start: np.ndarray
    boom_in_flare: np.ndarray  # True on a flare day
    paced_in_flare: np.ndarray
    boom_limit: np.ndarray  # usual limit at the start of each day (minutes)
    paced_limit: np.ndarray

    @property
    def weeks(self) -> int:
        return len(self.days) // DAYS_PER_WEEK

    def weekly(self, version: str) -> np.ndarray:
        """Total minutes per week of ``version`` ('boom' or 'paced')."""
        return getattr(self, version).reshape(self.weeks, DAYS_PER_WEEK).sum(axis=1)

    def flares(self, version: str) -> int:
        return int(getattr(self, f"{version}_flare_start").sum())

    def flare_days(self, version: str) -> int:
        return int(getattr(self, f"{version}_in_flare").sum())

    def last_week_mean(self, version: str) -> float:
        return float(getattr(self, version)[-DAYS_PER_WEEK:].mean())

    def day_to_day_change(self, version: str) -> float:
        """Average size of the change in minutes from one day to the next (how much activity swings)."""
        done = getattr(self, version)
        return float(np.abs(np.diff(done)).mean()) if len(done) > 1 else 0.0

    def final_limit(self, version: str) -> float:
        return float(getattr(self, f"{version}_limit")[-1])


def _checked(plan: Plan) -> Plan:
    return Plan(
        baseline_min=check_number("baseline_min", plan.baseline_min, 1, 60, unit="minutes a day"),
        weekly_increase_pct=check_number("weekly_increase_pct", plan.weekly_increase_pct, 0, 25, unit="% a week"),
        weeks=check_number("weeks", plan.weeks, 1, MAX_WEEKS, unit="weeks", integer=True),
    )


def day_swings(n_days: int) -> np.ndarray:
    """The made-up person's good and bad days: ``n_days`` values from -1 to 1, the same on every call."""
    n_days = check_number("n_days", n_days, 1, MAX_WEEKS * DAYS_PER_WEEK, unit="days", integer=True)
    return np.random.default_rng(SEED).uniform(-1.0, 1.0, MAX_WEEKS * DAYS_PER_WEEK)[:n_days]


def _live(swing: np.ndarray, choose) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Run one version. ``choose(day, usual, day_limit, in_flare)`` gives the minutes done that day."""
    n = len(swing)
    done = np.zeros(n)
    start = np.zeros(n, dtype=bool)
    in_flare = np.zeros(n, dtype=bool)
    usual_at = np.zeros(n)
    usual = LIMIT_START_MIN
    flare_left = 0
    for d in range(n):
        usual_at[d] = usual
        day_limit = usual * (1.0 + DAY_SWING * swing[d])
        flaring = flare_left > 0
        in_flare[d] = flaring
        done[d] = choose(d, usual, day_limit, flaring)
        if flaring:
            flare_left -= 1
        elif done[d] > FLARE_OVER * day_limit:
            start[d] = True
            flare_left = FLARE_DAYS
        if not flaring and not start[d]:
            usual *= 1.0 + GAIN_PER_WEEK / DAYS_PER_WEEK * min(1.0, done[d] / (BUILD_AT * usual))
        elif done[d] < REST_BELOW * usual:
            usual *= 1.0 - LOSS_PER_WEEK / DAYS_PER_WEEK
    return done, start, in_flare, usual_at


def run(plan: Plan = DEFAULTS) -> PacingResult:
    """Both versions of the same made-up weeks (see the module doc). Nothing here is for a real person."""
    plan = _checked(plan)
    n = plan.weeks * DAYS_PER_WEEK
    swing = day_swings(n)
    week = np.arange(n) // DAYS_PER_WEEK
    quota = plan.baseline_min * (1.0 + plan.weekly_increase_pct / 100.0) ** week

    def boom_and_bust(d, usual, day_limit, flaring):
        if flaring:
            return BUST_REST * usual
        return BOOM_PUSH * day_limit if swing[d] > GOOD_DAY else day_limit

    def paced(d, usual, day_limit, flaring):
        return PACED_FLARE_CUT * quota[d] if flaring else quota[d]

    boom = _live(swing, boom_and_bust)
    pace = _live(swing, paced)
    return PacingResult(
        days=np.arange(1, n + 1),
        swing=swing,
        quota=quota,
        boom=boom[0],
        paced=pace[0],
        boom_flare_start=boom[1],
        paced_flare_start=pace[1],
        boom_in_flare=boom[2],
        paced_in_flare=pace[2],
        boom_limit=boom[3],
        paced_limit=pace[3],
    )
