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

Categories: ``sensory``, ``vasomotor``, ``sudomotor_oedema``, ``motor_trophic``.

Type I or type II. The criteria are the same for both types. CRPS II is CRPS after an injury to an
identified nerve, and its features are not limited to that nerve's territory: the IASP criteria of
1994 (Merskey & Bogduk, eds) say "not necessarily limited to the distribution of the injured nerve",
and the ICD-11 definition (MG30.04, the IASP text adopted by the WHO) says CRPS can only be diagnosed
after a discrete nerve injury if its signs and symptoms extend beyond the injured nerve's territory.
When they stay within it, the nerve injury itself (a neuropathic pain) explains them better, so D
fails. ``nerve_injury`` takes one of :data:`NERVE_INJURY` ("none", "beyond", "within").

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
    "NERVE_INJURY",
    "NERVE_INJURY_LABELS",
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

CATEGORIES: tuple[str, ...] = ("sensory", "vasomotor", "sudomotor_oedema", "motor_trophic")
CATEGORY_LABELS: dict[str, str] = {
    "sensory": "Sensory",
    "vasomotor": "Vasomotor",
    "sudomotor_oedema": "Sudomotor / oedema",
    "motor_trophic": "Motor / trophic",
}
# What counts in each category (paraphrased from Harden et al. 2010 and Goebel et al. 2021).
SYMPTOM_EXAMPLES: dict[str, str] = {
    "sensory": "reports of increased sensitivity (hyperaesthesia) or of touch or temperature hurting (allodynia)",
    "vasomotor": "reports of a temperature difference between the limbs, or of skin colour changes or asymmetry",
    "sudomotor_oedema": "reports of swelling, or of sweating changes or asymmetry",
    "motor_trophic": "reports of less range of motion, weakness, tremor or dystonia, or of hair, nail or skin changes",
}
SIGN_EXAMPLES: dict[str, str] = {
    "sensory": (
        "on examination: pain to pinprick (hyperalgesia) or to light touch, temperature, "
        "deep pressure or joint movement (allodynia)"
    ),
    "vasomotor": "on examination: a measured temperature asymmetry, or skin colour changes or asymmetry",
    "sudomotor_oedema": "on examination: visible swelling, or sweating changes or asymmetry",
    "motor_trophic": (
        "on examination: less range of motion, weakness, tremor or dystonia, or hair, nail or skin changes"
    ),
}

CLINICAL_SYMPTOM_THRESHOLD = 3  # categories with >= 1 reported symptom (clinical criteria), count
RESEARCH_SYMPTOM_THRESHOLD = 4  # ... research criteria, count
SIGN_THRESHOLD = 2  # categories with >= 1 observed sign (both variants), count

# Is there an identified nerve injury, and do the findings spread beyond that nerve's territory?
NERVE_INJURY: tuple[str, ...] = ("none", "beyond", "within")
NERVE_INJURY_LABELS: dict[str, str] = {
    "none": "no injured nerve identified",
    "beyond": "an injured nerve identified; the changes spread beyond the area it supplies",
    "within": "an injured nerve identified; the changes stay within the area it supplies",
}


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


def _check_nerve(value) -> str:
    allowed = ", ".join(repr(n) for n in NERVE_INJURY)
    if not isinstance(value, str):
        raise WrongType(f"nerve_injury must be one of {allowed} (got {value!r})")
    if value not in NERVE_INJURY:
        raise ValueError(f"nerve_injury must be one of {allowed} (got {value!r})")
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
    nerve_injury: str = "none"

    @property
    def criteria(self) -> tuple[Criterion, Criterion, Criterion, Criterion]:
        return (self.A, self.B, self.C, self.D)

    @property
    def met(self) -> bool:
        """True only when all four criteria hold."""
        return all(c.met for c in self.criteria)

    @property
    def subtype(self) -> str | None:
        """The pattern, CRPS I or CRPS II, when all four criteria hold; else None.

        CRPS II: after an identified nerve injury, with findings beyond that nerve's territory
        (a nerve injury whose findings stay within its territory makes D fail, so no subtype).
        """
        if not self.met:
            return None
        return "CRPS II" if self.nerve_injury == "beyond" else "CRPS I"

    def summary(self) -> str:
        """One line: which criteria hold, e.g. 'A met; B not met (...); ...', the nerve question and the subtype."""
        parts = [f"{c.letter} {'met' if c.met else 'not met'} ({c.reason})" for c in self.criteria]
        variant = "research" if self.research else "clinical"
        verdict = "all four met" if self.met else "not all met"
        text = f"Budapest {variant} criteria: {verdict}. " + "; ".join(parts) + "."
        text += f" Nerve injury: {NERVE_INJURY_LABELS[self.nerve_injury]}"
        return text + (f", so the pattern is {self.subtype}." if self.subtype else ".")


def _names(categories: frozenset[str]) -> str:
    ordered = [CATEGORY_LABELS[c].lower() for c in CATEGORIES if c in categories]
    return ", ".join(ordered) if ordered else "none"


def budapest_breakdown(
    symptom_categories: Iterable[str],
    sign_categories: Iterable[str],
    disproportionate_pain: bool = True,
    better_explained: bool = False,
    research: bool = False,
    nerve_injury: str = "none",
) -> BudapestResult:
    """Check criteria A-D one by one and say why each is met or not.

    ``symptom_categories``: categories in which the person *reports* at least one symptom.
    ``sign_categories``: categories in which at least one *sign* is found on examination.
    ``disproportionate_pain``: criterion A (continuing pain out of proportion to any inciting event).
    ``better_explained``: True when another diagnosis better explains the findings (D then fails).
    ``research``: use the research variant (symptoms in all 4 categories) instead of the clinical one.
    ``nerve_injury``: "none" (no injured nerve identified), "beyond" (an injured nerve, findings
    spreading beyond its territory: the CRPS II pattern) or "within" (findings confined to the
    injured nerve's territory: the nerve injury explains them better, so D fails).
    """
    symptoms = parse_categories(symptom_categories, "symptom_categories")
    signs = parse_categories(sign_categories, "sign_categories")
    disproportionate_pain = _check_flag(disproportionate_pain, "disproportionate_pain")
    better_explained = _check_flag(better_explained, "better_explained")
    research = _check_flag(research, "research")
    nerve_injury = _check_nerve(nerve_injury)
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
    confined = nerve_injury == "within"
    if better_explained:
        d_reason = "another diagnosis better explains the findings"
    elif confined:
        d_reason = (
            "the findings stay within the injured nerve's territory, so the nerve injury "
            "(a neuropathic pain) better explains them"
        )
    else:
        d_reason = "no other diagnosis better explains the findings"
    d = Criterion("D", not (better_explained or confined), d_reason)
    return BudapestResult(a, b, c, d, symptoms, signs, need_symptoms, SIGN_THRESHOLD, research, nerve_injury)


def meets_budapest(
    symptom_categories: Iterable[str],
    sign_categories: Iterable[str],
    disproportionate_pain: bool = True,
    better_explained: bool = False,
    research: bool = False,
    nerve_injury: str = "none",
) -> bool:
    """True when criteria A-D of the Budapest criteria all hold (see :func:`budapest_breakdown`).

    >>> meets_budapest({"sensory", "vasomotor", "motor_trophic"}, ["vasomotor", "sudomotor_oedema"])
    True
    >>> meets_budapest(["sensory", "vasomotor"], ["vasomotor", "sudomotor_oedema"])
    False
    """
    return budapest_breakdown(
        symptom_categories, sign_categories, disproportionate_pain, better_explained, research, nerve_injury
    ).met
