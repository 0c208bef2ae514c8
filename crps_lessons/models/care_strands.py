"""Care in parallel strands, and what a review reads: the rules of the "care_strands" explorer.

Every rule here is a plain function of numbers a clinician writes down at a review. Each rule's
source is named in its docstring (ids of ``data/sources.csv``); the same rules, in words, are the
rows of ``data/care_rules.csv``, which the lesson shows. The teaching cases the explorer walks
through (``data/care_cases.csv``, ``data/care_reviews.csv``) are made up: no real person, no
real clinic, and nothing here plans care for anyone.

The rules
---------
1. Four strands from the first visit (``strands_active``). The European Pain Federation task force
   (Goebel et al. 2019, ``goebel2019``) wrote must-do standards for each area of CRPS care: a
   multidisciplinary team, information and education, pain management, physical rehabilitation and
   distress management (psychological support). Its clinician pages (``efic_crps``) ask for
   information soon after diagnosis. No area is kept for later, so in this model all four strands
   run from the first visit. (What the UK guideline, ``rcp2018``, says about the order of care was
   not in the parts of it that could be read: see the ``read`` column of ``sources.csv``.)
2. Pain is asked as the average over the past 24 hours on 0-10 (``efic_crps``): ``PAIN_SCALE``.
3. The CRPS Severity Score (CSS) counts signs and symptoms of CRPS found present (17 items in its
   development study, Harden et al. 2010, ``harden2010b``). A change of at least 4.9 points between
   two assessments is a real change with 95% confidence (the smallest real difference, Harden et
   al. 2017, ``harden2017``); a smaller change may be measurement noise (``css_change_is_real``).
4. A medicine that does not help is stopped (``medicine_decision``): the clinician pages ask for
   frequent re-assessment and, if a drug does not work, to stop it (``efic_crps``). What counts as
   "does not help" is our simplification: pain on it is not lower than before it was started.

What is made up
---------------
The function score (``FUNCTION_SCALE``, 0-10, 10 = does everything as before the injury) is a
teaching stand-in for the function questionnaires that trials use; the 0-10 range and its meaning
are ours. The cases' numbers are invented to show the rules; they are not data from any study.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from ..validate import WrongType, check_number

__all__ = [
    "CSS_ITEMS",
    "CSS_SMALLEST_REAL_DIFFERENCE",
    "FUNCTION_SCALE",
    "PAIN_SCALE",
    "STRANDS",
    "Review",
    "ReviewReading",
    "css_change_is_real",
    "medicine_decision",
    "read_review",
    "strands_active",
]

STRANDS: dict[str, str] = {
    "education": "Education and self-management",
    "pain_relief": "Pain relief",
    "physical_rehabilitation": "Physical rehabilitation",
    "psychological_support": "Psychological support",
}
PAIN_SCALE = (0, 10)  # average pain over the past 24 h, 0 = no pain, 10 = as bad as can be imagined (efic_crps)
CSS_ITEMS = 17  # signs and symptoms scored present or absent in the CSS development study (harden2010b), points
CSS_SMALLEST_REAL_DIFFERENCE = 4.9  # CSS points; a change this large is real with 95% confidence (harden2017)
FUNCTION_SCALE = (0, 10)  # made-up teaching scale, 10 = does everything as before the injury (conceptual)


def strands_active(months_since_first_visit: float) -> tuple[str, ...]:
    """The strands running at this time since the first visit (months): all four, from the first visit on.

    Source: goebel2019 (must-do standards in every area of care: education, pain management, physical
    rehabilitation, distress management, delivered by a multidisciplinary team) and efic_crps
    (information soon after diagnosis). A negative time is rejected: care has not started yet.
    """
    check_number("months_since_first_visit", months_since_first_visit, 0, 600, unit="months")
    return tuple(STRANDS)


def css_change_is_real(change_points: float) -> bool:
    """True when a change in the CRPS Severity Score (points, either direction) is at least the smallest
    real difference of 4.9 points (harden2017): then it is unlikely to be measurement noise."""
    change = check_number("change_points", change_points, -CSS_ITEMS, CSS_ITEMS, unit="CSS points")
    return abs(change) >= CSS_SMALLEST_REAL_DIFFERENCE


def medicine_decision(pain_before: float, pain_now: float) -> str:
    """What the review does with a pain medicine on trial: "keep" if pain (0-10) is lower than before it
    was started, else "stop" (efic_crps: re-assess frequently; if a drug does not work, stop it).
    "Lower than before" is this model's simplification, not a threshold from the source."""
    before = check_number("pain_before", pain_before, *PAIN_SCALE, unit="(0-10 scale)")
    now = check_number("pain_now", pain_now, *PAIN_SCALE, unit="(0-10 scale)")
    return "keep" if now < before else "stop"


@dataclass(frozen=True)
class Review:
    """One review of a made-up case: time since the first visit (months), average pain over the past
    24 h (0-10), CSS (points, 0-17), function (made-up 0-10 scale) and whether a pain medicine started
    at the previous visit is being judged at this one."""

    month: float
    pain: float
    css: float
    function: float
    medicine_on_trial: bool = False

    def __post_init__(self):
        check_number("month", self.month, 0, 600, unit="months")
        check_number("pain", self.pain, *PAIN_SCALE, unit="(0-10 scale)")
        check_number("css", self.css, 0, CSS_ITEMS, unit="CSS points")
        check_number("function", self.function, *FUNCTION_SCALE, unit="(made-up 0-10 scale)")
        if not isinstance(self.medicine_on_trial, bool):
            raise WrongType(f"medicine_on_trial must be True or False, got {self.medicine_on_trial!r}")


@dataclass(frozen=True)
class ReviewReading:
    """What the rules read from one review compared with the one before it and with the first visit."""

    pain_change: float  # points on 0-10, now minus previous review (negative = less pain)
    css_change: float  # CSS points, now minus previous review
    css_change_since_first: float  # CSS points, now minus first visit
    function_change: float  # made-up scale points, now minus previous review
    css_real: bool  # |css_change| >= 4.9
    css_real_since_first: bool  # |css_change_since_first| >= 4.9
    medicine: str | None  # "keep" / "stop" when a medicine was on trial, else None
    strands: tuple[str, ...]  # strands running (all four)


def read_review(reviews: Sequence[Review], index: int) -> ReviewReading:
    """Apply the rules to review ``index`` (0 = the first visit, compared with itself) of a case."""
    if not reviews:
        raise ValueError("reviews must hold at least the first visit")
    if not all(isinstance(r, Review) for r in reviews):
        raise WrongType("reviews must be a sequence of Review objects")
    months = [r.month for r in reviews]
    if any(b <= a for a, b in itertools.pairwise(months)):
        raise ValueError(f"review months must increase; got {months}")
    k = check_number("index", index, 0, len(reviews) - 1, integer=True)
    now, prev, first = reviews[k], reviews[max(k - 1, 0)], reviews[0]
    css_change = now.css - prev.css
    css_first = now.css - first.css
    medicine = medicine_decision(prev.pain, now.pain) if now.medicine_on_trial and k > 0 else None
    return ReviewReading(
        pain_change=now.pain - prev.pain,
        css_change=css_change,
        css_change_since_first=css_first,
        function_change=now.function - prev.function,
        css_real=css_change_is_real(css_change),
        css_real_since_first=css_change_is_real(css_first),
        medicine=medicine,
        strands=strands_active(now.month - first.month),
    )
