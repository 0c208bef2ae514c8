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

from ..validate import WrongType, check_choice, check_number

__all__ = ["RESPONSES", "REVIEW_INTERVAL_WEEKS", "WEEKS_PER_MONTH", "CarePath", "care_path"]

WEEKS_PER_MONTH = 52.0 / 12.0  # weeks per month (calendar average), weeks/month
RESPONSES = ("improving", "not improving")
REVIEW_INTERVAL_WEEKS = (4, 6)  # the clinic article reassesses phase 1 care every 4-6 weeks, weeks


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


def care_path(
    first_visit_month: float,
    responses: Sequence[str],
    interval_weeks: float = 6.0,
    phase2_reviews_to_advance: int = 3,
    phase1_end_month: float = 6.0,
    phase3_start_month: float = 12.0,
) -> CarePath:
    """Step through reassessment points every ``interval_weeks`` (4-6 weeks) after the first visit.

    ``first_visit_month``: months since onset when care starts (0-120 months).
    ``responses``: "improving" or "not improving" at each review (at least one).
    ``phase1_end_month``, ``phase3_start_month``: months since onset (0-120).
    Wrong type: ``TypeError``; out of range: ``ValueError`` (both from :mod:`crps_lessons.validate`).
    """
    first_visit_month = check_number("first_visit_month", first_visit_month, 0, 120, unit="months since onset")
    interval_weeks = check_number("interval_weeks", interval_weeks, *REVIEW_INTERVAL_WEEKS, unit="weeks")
    if isinstance(responses, str) or not isinstance(responses, Sequence):
        raise WrongType(f"responses must be a list of 'improving' / 'not improving', got {responses!r}")
    if len(responses) == 0:
        raise ValueError("responses must list at least one review ('improving' / 'not improving')")
    for response in responses:
        check_choice("responses", response, RESPONSES)
    phase2_reviews_to_advance = check_number(
        "phase2_reviews_to_advance", phase2_reviews_to_advance, 1, unit="reviews", integer=True
    )
    phase1_end_month = check_number("phase1_end_month", phase1_end_month, 0, 120, unit="months since onset")
    phase3_start_month = check_number("phase3_start_month", phase3_start_month, 0, 120, unit="months since onset")

    step_months = interval_weeks / WEEKS_PER_MONTH
    months = first_visit_month + step_months * np.arange(1, len(responses) + 1)
    phase = 1 if first_visit_month < phase1_end_month else 2
    start = phase
    before, after, decisions = [], [], []
    stalled = 0
    for month, response in zip(months, responses, strict=True):
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
                decisions.append(
                    f"{stalled} reviews in a row without improvement and {month:.1f} months "
                    "since onset: discuss advanced interventions (phase 3)"
                )
            elif stalled >= phase2_reviews_to_advance:
                decisions.append(
                    f"{stalled} reviews in a row without improvement, but only {month:.1f} "
                    f"months since onset (phase 3 is 12+ months): keep broadening phase 2 care"
                )
            else:
                decisions.append(
                    f"not improving ({stalled} of {phase2_reviews_to_advance} reviews in a row): "
                    "continue and broaden phase 2 care, judge the trend over months"
                )
        else:
            decisions.append("not improving in phase 3: review options and goals with the team")
        after.append(phase)
    return CarePath(float(first_visit_month), months, np.array(before), np.array(after), tuple(decisions), start)
