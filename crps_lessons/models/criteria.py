"""The Budapest diagnostic criteria for CRPS as a small, testable rule (a teaching tool).

Source: Harden RN et al. Validation of proposed diagnostic criteria (the "Budapest criteria") for
complex regional pain syndrome. Pain 2010;150:268-274 (doi:10.1016/j.pain.2010.04.030), the
criteria adopted by the IASP; their wording was kept unchanged by the Valencia consensus (Goebel A
et al. Pain 2021;162:2346-2348, doi:10.1097/j.pain.0000000000002245).

All four must hold:

A  continuing pain that is disproportionate to any inciting event;
B  the person *reports* at least one symptom in 3 or more of the 4 categories (clinical criteria),
   or in all 4 categories (research criteria);
C  at least one *sign* is seen or felt at the time of evaluation in 2 or more of the 4 categories;
D  no other diagnosis better explains the signs and symptoms.

Categories: ``sensory``, ``vasomotor``, ``sudomotor_edema``, ``motor_trophic``.

This module teaches how the rule is built. It is not a way to diagnose anyone: the criteria are
applied by a clinician who examines the person and rules out other causes (criterion D).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..validate import WrongType

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "CLINICAL_SYMPTOM_THRESHOLD",
    "RESEARCH_SYMPTOM_THRESHOLD",
    "SIGN_EXAMPLES",
    "SIGN_THRESHOLD",
    "SYMPTOM_EXAMPLES",
    "BudapestResult",
    "Criterion",
    "budapest_breakdown",
    "meets_budapest",
    "parse_categories",
]

CATEGORIES: tuple[str, ...] = ("sensory", "vasomotor", "sudomotor_edema", "motor_trophic")
CATEGORY_LABELS: dict[str, str] = {
    "sensory": "Sensory",
    "vasomotor": "Vasomotor",
    "sudomotor_edema": "Sudomotor / oedema",
    "motor_trophic": "Motor / trophic",
}
# What counts in each category (paraphrased from Harden et al. 2010 and Goebel et al. 2021).
SYMPTOM_EXAMPLES: dict[str, str] = {
    "sensory": "reports of increased sensitivity (hyperesthesia) or of touch or temperature hurting (allodynia)",
    "vasomotor": "reports of a temperature difference between the limbs, or of skin colour changes or asymmetry",
    "sudomotor_edema": "reports of swelling, or of sweating changes or asymmetry",
    "motor_trophic": "reports of less range of motion, weakness, tremor or dystonia, or of hair, nail or skin changes",
}
SIGN_EXAMPLES: dict[str, str] = {
    "sensory": (
        "on examination: pain to pinprick (hyperalgesia) or to light touch, temperature, "
        "deep pressure or joint movement (allodynia)"
    ),
    "vasomotor": "on examination: a measured temperature asymmetry, or skin colour changes or asymmetry",
    "sudomotor_edema": "on examination: visible swelling, or sweating changes or asymmetry",
    "motor_trophic": (
        "on examination: less range of motion, weakness, tremor or dystonia, or hair, nail or skin changes"
    ),
}

CLINICAL_SYMPTOM_THRESHOLD = 3  # categories with >= 1 reported symptom (clinical criteria), count
RESEARCH_SYMPTOM_THRESHOLD = 4  # ... research criteria, count
SIGN_THRESHOLD = 2  # categories with >= 1 observed sign (both variants), count


def parse_categories(categories: Iterable[str], argument: str = "categories") -> frozenset[str]:
    """Validate an iterable of category names and return them as a frozenset (duplicates collapse).

    A bare string (e.g. ``"sensory"``), a non-iterable or a non-string item is the wrong type
    (``TypeError``); an unknown name raises ``ValueError``. Both name ``argument`` and the valid names.
    """
    valid = ", ".join(CATEGORIES)
    if isinstance(categories, (str, bytes)):
        raise WrongType(
            f"{argument} must be a collection of category names such as "
            f"[{categories!r}], not a bare string; valid names: {valid}"
        )
    if isinstance(categories, dict) or not isinstance(categories, Iterable):
        raise WrongType(
            f"{argument} must be a list, tuple or set of category names "
            f"(got {type(categories).__name__}); valid names: {valid}"
        )
    names = []
    for item in categories:
        if not isinstance(item, str):
            raise WrongType(f"{argument}: {item!r} is not a category name; valid names: {valid}")
        if item not in CATEGORIES:
            raise ValueError(f"{argument}: unknown category {item!r}; valid names: {valid}")
        names.append(item)
    return frozenset(names)


def _check_flag(value, argument: str) -> bool:
    if not isinstance(value, bool):
        raise WrongType(f"{argument} must be True or False (got {value!r})")
    return value


@dataclass(frozen=True)
class Criterion:
    """One of the four criteria: its letter, whether it holds, and why (in words)."""

    letter: str
    met: bool
    reason: str


@dataclass(frozen=True)
class BudapestResult:
    """Per-criterion breakdown of the Budapest criteria for one set of findings."""

    A: Criterion
    B: Criterion
    C: Criterion
    D: Criterion
    symptom_categories: frozenset[str]
    sign_categories: frozenset[str]
    symptom_threshold: int
    sign_threshold: int
    research: bool

    @property
    def criteria(self) -> tuple[Criterion, Criterion, Criterion, Criterion]:
        return (self.A, self.B, self.C, self.D)

    @property
    def met(self) -> bool:
        """True only when all four criteria hold."""
        return all(c.met for c in self.criteria)

    def summary(self) -> str:
        """One line: which criteria hold, e.g. 'A met; B not met (...); ...'."""
        parts = [f"{c.letter} {'met' if c.met else 'not met'} ({c.reason})" for c in self.criteria]
        variant = "research" if self.research else "clinical"
        verdict = "all four met" if self.met else "not all met"
        return f"Budapest {variant} criteria: {verdict}. " + "; ".join(parts) + "."


def _names(categories: frozenset[str]) -> str:
    ordered = [CATEGORY_LABELS[c].lower() for c in CATEGORIES if c in categories]
    return ", ".join(ordered) if ordered else "none"


def budapest_breakdown(
    symptom_categories: Iterable[str],
    sign_categories: Iterable[str],
    disproportionate_pain: bool = True,
    better_explained: bool = False,
    research: bool = False,
) -> BudapestResult:
    """Check criteria A-D one by one and say why each is met or not.

    ``symptom_categories``: categories in which the person *reports* at least one symptom.
    ``sign_categories``: categories in which at least one *sign* is found on examination.
    ``disproportionate_pain``: criterion A (continuing pain out of proportion to any inciting event).
    ``better_explained``: True when another diagnosis better explains the findings (D then fails).
    ``research``: use the research variant (symptoms in all 4 categories) instead of the clinical one.
    """
    symptoms = parse_categories(symptom_categories, "symptom_categories")
    signs = parse_categories(sign_categories, "sign_categories")
    disproportionate_pain = _check_flag(disproportionate_pain, "disproportionate_pain")
    better_explained = _check_flag(better_explained, "better_explained")
    research = _check_flag(research, "research")
    need_symptoms = RESEARCH_SYMPTOM_THRESHOLD if research else CLINICAL_SYMPTOM_THRESHOLD
    variant = "research" if research else "clinical"

    a = Criterion(
        "A",
        disproportionate_pain,
        "continuing pain out of proportion to the inciting event"
        if disproportionate_pain
        else "the pain is not out of proportion to the inciting event",
    )
    b = Criterion(
        "B",
        len(symptoms) >= need_symptoms,
        f"symptoms reported in {len(symptoms)} of 4 categories ({_names(symptoms)}); "
        f"the {variant} criteria need {need_symptoms}",
    )
    c = Criterion(
        "C",
        len(signs) >= SIGN_THRESHOLD,
        f"signs found in {len(signs)} of 4 categories ({_names(signs)}); needs {SIGN_THRESHOLD}",
    )
    d = Criterion(
        "D",
        not better_explained,
        "another diagnosis better explains the findings"
        if better_explained
        else "no other diagnosis better explains the findings",
    )
    return BudapestResult(a, b, c, d, symptoms, signs, need_symptoms, SIGN_THRESHOLD, research)


def meets_budapest(
    symptom_categories: Iterable[str],
    sign_categories: Iterable[str],
    disproportionate_pain: bool = True,
    better_explained: bool = False,
    research: bool = False,
) -> bool:
    """True when criteria A-D of the Budapest criteria all hold (see :func:`budapest_breakdown`).

    >>> meets_budapest({"sensory", "vasomotor", "motor_trophic"}, ["vasomotor", "sudomotor_edema"])
    True
    >>> meets_budapest(["sensory", "vasomotor"], ["vasomotor", "sudomotor_edema"])
    False
    """
    return budapest_breakdown(
        symptom_categories, sign_categories, disproportionate_pain, better_explained, research
    ).met
