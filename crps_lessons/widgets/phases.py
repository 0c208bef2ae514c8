"""Explorers of lesson 06 (phased care, after the clinic article).

"phase_timeline": a months-since-onset slider shows which of the clinic article's overlapping phases apply
and lists their options (data/care_phases.csv or data/treatments.csv).
"care_walkthrough": made-up teaching cases stepped through reassessment points every 4-6 weeks,
with an "improving / not improving" choice at each (rule: crps_lessons.models.care_path).
Everything is attributed to the clinic article; nothing here is advice for a real person.
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np
import pandas as pd

from ..data import load_table
from ..figures.care import REVIEW_ROW, TIMELINE_END_MONTH, phase_timeline_figure, walkthrough_figure
from ..models.care_path import RESPONSES, WEEKS_PER_MONTH, care_path
from .base import Explorer, register

__all__ = ["CareWalkthrough", "PhaseTimeline", "active_phases", "phase_options", "teaching_cases"]

OPTION_SOURCES = {
    "care_phases": "the clinic article's list per phase (care_phases.csv)",
    "treatments": "treatments placed in the phase (treatments.csv)",
}
NOT_ADVICE = "Teaching only, after the clinic article; not advice for any real person."


def _items(text) -> list[str]:
    """A ";"-separated cell as a list (a missing cell is an empty list)."""
    return [] if pd.isna(text) else [item.strip() for item in text.split(";") if item.strip()]


def phase_options() -> dict[str, dict[int, list[str]]]:
    """Options per phase from both tables: {"care_phases": {1: [...]}, "treatments": {1: [...]}}."""
    phases = load_table("care_phases")
    from_phases = {int(r["phase"]): _items(r["typical_options"]) for _, r in phases.iterrows()}
    from_treatments = {p: [] for p in from_phases}
    for _, r in load_table("treatments").iterrows():
        for p in _items(r["phases"]):
            from_treatments.setdefault(int(p), []).append(str(r["name"]))
    return {"care_phases": from_phases, "treatments": from_treatments}


def active_phases(month: float, windows: dict[int, tuple[float, float]]) -> list[int]:
    """Phases whose window [start, end) contains ``month`` (end = inf for open-ended phase 3)."""
    return [p for p, (start, end) in sorted(windows.items()) if start <= month < end]


def _windows(phases: pd.DataFrame) -> dict[int, tuple[float, float]]:
    return {
        int(r["phase"]): (float(r["start_month"]), float("inf") if pd.isna(r["end_month"]) else float(r["end_month"]))
        for _, r in phases.iterrows()
    }


@register("phase_timeline")
class PhaseTimeline(Explorer):
    """Slider: months since onset; slider: reassessment interval; dropdown: where the options come from."""

    def __init__(self, **values):
        phases = load_table("care_phases")
        self._windows = _windows(phases)
        self._options = phase_options()
        self._windows_text = {int(r["phase"]): str(r["window_text"]) for _, r in phases.iterrows()}
        controls = {
            "months": w.FloatSlider(
                value=2.0,
                min=0.0,
                max=TIMELINE_END_MONTH,
                step=0.5,
                description="Months since onset (teaching patient)",
                continuous_update=True,
                readout_format=".1f",
                layout=w.Layout(width="95%"),
            ),
            "interval_weeks": w.IntSlider(
                value=6, min=4, max=6, step=1, description="Reassessment every (weeks)", continuous_update=True
            ),
            "options_from": w.Dropdown(
                options=[(v, k) for k, v in OPTION_SOURCES.items()],
                value="care_phases",
                description="List options from",
                layout=w.Layout(width="max-content"),
            ),
        }
        super().__init__(controls, phase_timeline_figure(phases), values)

    def update(self) -> None:
        val = self.values()
        month = float(val["months"])
        active = active_phases(month, self._windows)
        options = self._options[val["options_from"]]
        lengths, texts = [], []
        for p, (start, end) in sorted(self._windows.items()):
            lengths.append(min(end, TIMELINE_END_MONTH) - start if p in active else 0.0)
            texts.append(f"{self._windows_text[p]}<br>{len(options.get(p, []))} options listed")
        self.trace("phase_window").text = texts
        self.trace("applies_now").x = lengths
        self.trace("now_line").x = [month, month]
        label = ", ".join(str(p) for p in active) or "none"
        self.trace("now_marker").update(x=[month], text=[f" {month:.1f} months: phase {label}"])
        step = val["interval_weeks"] / WEEKS_PER_MONTH
        reviews = np.arange(step, TIMELINE_END_MONTH + 1e-9, step)
        self.trace("reviews").update(x=reviews.tolist(), y=[REVIEW_ROW] * reviews.size)
        next_review = reviews[reviews > month]
        nxt = f"; next review at {next_review[0]:.1f} months" if next_review.size else ""
        listed = [f"phase {p}: " + "; ".join(options.get(p, [])) for p in active]
        self.set_readout(
            f"At {month:.1f} months since onset, the clinic article's phase(s) {label} apply; reviews "
            f"every {val['interval_weeks']} weeks{nxt}. Options ({OPTION_SOURCES[val['options_from']]}) — "
            + " | ".join(listed)
            + ". "
            + NOT_ADVICE
        )


def teaching_cases() -> dict[str, dict]:
    """Made-up teaching cases for the walk-through, by id, with the default course as a list."""
    out = {}
    for row in load_table("teaching_cases").to_dict("records"):
        row["course"] = _items(row["course"])
        out[row["case_id"]] = row
    return out


@register("care_walkthrough")
class CareWalkthrough(Explorer):
    """Case choice; review slider; improving / not improving at that review; interval 4-6 weeks.

    The response chosen at each review is stored per case (starting from the case's course in the
    table), so the toggle always shows the stored choice of the review on the slider, and the plot and
    readout follow the stored choices.
    """

    def __init__(self, **values):
        phases = load_table("care_phases")
        self._cases = teaching_cases()
        self._choices = {k: list(v["course"]) for k, v in self._cases.items()}
        first = next(iter(self._cases))
        self.story = w.HTML()
        controls = {
            "case": w.RadioButtons(
                options=[(f"{v['title']} (made-up)", k) for k, v in self._cases.items()],
                value=first,
                description="Teaching case",
                layout=w.Layout(width="max-content"),
            ),
            "review": w.IntSlider(
                value=1,
                min=1,
                max=len(self._choices[first]),
                step=1,
                description="Reassessment point",
                continuous_update=True,
            ),
            "response": w.ToggleButtons(
                options=list(RESPONSES),
                value=self._choices[first][0],
                description="At this review the case is",
                tooltips=["keep the current phase", "apply the clinic article's rule"],
            ),
            "interval_weeks": w.IntSlider(
                value=6, min=4, max=6, step=1, description="Reassessment every (weeks)", continuous_update=True
            ),
        }
        note = w.HTML(f"<p><i>Made-up teaching cases. {html.escape(NOT_ADVICE)}</i></p>")
        box = w.VBox(
            [note, controls["case"], self.story, controls["interval_weeks"], controls["review"], controls["response"]]
        )
        rules = {"case": self._case_chosen, "review": self._review_moved, "response": self._response_toggled}
        super().__init__(controls, walkthrough_figure(phases), values, rules=rules, layout=box)

    def _stored(self) -> str:
        """The stored response of the current case at the review on the slider."""
        return self._choices[self.controls["case"].value][self.controls["review"].value - 1]

    def _case_chosen(self, change: dict) -> None:
        """Back to the case's first review; the toggle shows its stored response."""
        review = self.controls["review"]
        review.max = len(self._choices[change["new"]])
        review.value = 1
        self.controls["response"].value = self._stored()

    def _review_moved(self, change: dict) -> None:
        self.controls["response"].value = self._stored()

    def _response_toggled(self, change: dict) -> None:
        # The other two rules only ever set the toggle to the stored value, so this write is then a no-op.
        self._choices[self.controls["case"].value][self.controls["review"].value - 1] = change["new"]

    def path(self):
        """The care path for the current case, stored choices and interval."""
        val = self.values()
        case = self._cases[val["case"]]
        return care_path(
            float(case["first_visit_month"]), self._choices[val["case"]], interval_weeks=float(val["interval_weeks"])
        )

    def update(self) -> None:
        val = self.values()
        case = self._cases[val["case"]]
        p = self.path()
        # Lists, not arrays: plotly keeps an empty array as an array, which no figure comparison can handle.
        months, after = p.review_month.tolist(), p.phase_after.tolist()
        self.trace("path").update(x=[p.first_visit_month, *months], y=[p.start_phase, *after])
        good = [r == "improving" for r in self._choices[val["case"]]]
        for role, wanted in (("improving", True), ("not_improving", False)):
            shown = [i for i, g in enumerate(good) if g is wanted]
            self.trace(role).update(x=[months[i] for i in shown], y=[after[i] for i in shown])
        k = val["review"] - 1
        self.trace("this_review").update(
            x=[months[k]], y=[after[k]], text=[f"review {k + 1}: phase {p.phase_before[k]} → {after[k]}"]
        )
        self.trace("first_visit").update(x=[p.first_visit_month], y=[p.start_phase])
        self.figure.layout.title.text = f"What comes next: {case['title']} (made-up case, conceptual)"
        pace = case["pace_factors"]
        pace = "" if pd.isna(pace) else f" <i>Pace factors (the clinic article):</i> {html.escape(pace)}."
        self.story.value = f"<p><b>{html.escape(case['label'])}.</b> {html.escape(case['story'])}{pace}</p>"
        self.set_readout(
            f"Review {k + 1} at {p.review_month[k]:.1f} months since onset, in phase "
            f"{p.phase_before[k]}: {p.decisions[k]}. After {len(p.decisions)} reviews the plan is in "
            f"phase {p.phase_after[-1]}. Rule after the clinic article (phase 1: no improvement after "
            "4-6 weeks -> discuss phase 2; phase 2 -> 3 after several months without improvement, "
            "12+ months). " + NOT_ADVICE
        )
