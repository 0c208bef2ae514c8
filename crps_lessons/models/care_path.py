"""The clinic article's phased plan as a step-by-step rule over reassessment points (a teaching simplification).

Source: the clinic article (patient article on the phased CRPS treatment timeline), which cites Harden et al.
2022 and Perez et al. 2010. What the seed says, and what this module makes of it:

* Phase 1 (prevention and early intervention, first 3-6 months): if there is no improvement after
  4-6 weeks of appropriate therapy and pain management, discuss moving on to phase 2.
  -> rule: one "not improving" review in phase 1 moves the plan to phase 2.
* Phase 2 (established CRPS, 3-12 months): judge the trend over months; after *several months* of
  appropriate phase-2 care without adequate improvement, discuss advanced interventions (phase 3,
  12+ months). -> rule (our simplification, not the seed's numbers): advance to phase 3 after
  ``phase2_reviews_to_advance`` consecutive "not improving" reviews (default 3, i.e. about 3-4.5
  months at a 4-6 week interval) *and* at least ``phase3_start_month`` (12 months) since onset.
* Care starts in phase 1 when first seen within the phase-1 window (< 6 months since onset), else
  in phase 2 (our simplification of "if symptoms persist beyond the first few months").
* An "improving" review keeps the current phase and resets the count.

This is a conceptual teaching rule for made-up teaching cases. It is not a treatment algorithm and
must never be used to plan care for a real person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["WEEKS_PER_MONTH", "RESPONSES", "CarePath", "care_path"]

WEEKS_PER_MONTH = 52.0 / 12.0  # weeks per month (calendar average), weeks/month
RESPONSES = ("improving", "not improving")


@dataclass(frozen=True)
class CarePath:
    """The plan at each reassessment point.

    ``review_month``: months since onset at each review (months).
    ``phase_before`` / ``phase_after``: phase in use before and after the decision at that review.
    ``decisions``: the decision at each review, in words.
    ``start_phase``: phase at the first visit.
    """

    first_visit_month: float
    review_month: np.ndarray
    phase_before: np.ndarray
    phase_after: np.ndarray
    decisions: tuple[str, ...]
    start_phase: int


def care_path(first_visit_month: float, responses: Sequence[str], interval_weeks: float = 6.0,
              phase2_reviews_to_advance: int = 3, phase1_end_month: float = 6.0,
              phase3_start_month: float = 12.0) -> CarePath:
    """Step through reassessment points every ``interval_weeks`` (4-6 weeks) after the first visit.

    ``first_visit_month``: months since onset when care starts (0-120 months).
    ``responses``: "improving" or "not improving" at each review (at least one).
    """
    if isinstance(first_visit_month, bool) or not isinstance(first_visit_month, (int, float)) \
            or not np.isfinite(first_visit_month) or not 0 <= first_visit_month <= 120:
        raise ValueError(f"first_visit_month must be a number of months from 0 to 120 (got {first_visit_month!r})")
    if isinstance(interval_weeks, bool) or not isinstance(interval_weeks, (int, float)) \
            or not np.isfinite(interval_weeks) or not 4 <= interval_weeks <= 6:
        raise ValueError(f"interval_weeks must be from 4 to 6 weeks, the clinic article's reassessment window (got {interval_weeks!r})")
    if isinstance(responses, str) or not isinstance(responses, Sequence) or len(responses) == 0:
        raise ValueError("responses must be a non-empty list of 'improving' / 'not improving'")
    bad = [r for r in responses if r not in RESPONSES]
    if bad:
        raise ValueError(f"responses: {bad[0]!r} is not one of {RESPONSES}")
    if isinstance(phase2_reviews_to_advance, bool) or not isinstance(phase2_reviews_to_advance, int) \
            or phase2_reviews_to_advance < 1:
        raise ValueError(f"phase2_reviews_to_advance must be a whole number >= 1 (got {phase2_reviews_to_advance!r})")

    step_months = interval_weeks / WEEKS_PER_MONTH
    months = first_visit_month + step_months * np.arange(1, len(responses) + 1)
    phase = 1 if first_visit_month < phase1_end_month else 2
    start = phase
    before, after, decisions = [], [], []
    stalled = 0
    for month, response in zip(months, responses):
        before.append(phase)
        if response == "improving":
            stalled = 0
            decisions.append(f"improving: continue phase {phase} care")
        elif phase == 1:
            phase, stalled = 2, 0
            decisions.append("not improving after 4-6 weeks of phase 1 care: discuss moving to phase 2")
        elif phase == 2:
            stalled += 1
            if stalled >= phase2_reviews_to_advance and month >= phase3_start_month:
                phase = 3
                decisions.append(f"{stalled} reviews in a row without improvement and {month:.1f} months "
                                 "since onset: discuss advanced interventions (phase 3)")
            elif stalled >= phase2_reviews_to_advance:
                decisions.append(f"{stalled} reviews in a row without improvement, but only {month:.1f} "
                                 f"months since onset (phase 3 is 12+ months): keep broadening phase 2 care")
            else:
                decisions.append(f"not improving ({stalled} of {phase2_reviews_to_advance} reviews in a row): "
                                 "continue and broaden phase 2 care, judge the trend over months")
        else:
            decisions.append("not improving in phase 3: review options and goals with the team")
        after.append(phase)
    return CarePath(float(first_visit_month), months, np.array(before), np.array(after), tuple(decisions), start)
