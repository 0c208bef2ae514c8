"""Explorers for lesson 06 (phased care, after the clinic article).

"phase_timeline": a months-since-onset slider shows which of the clinic article's overlapping phases apply and
lists their options (data/care_phases.csv or data/treatments.csv).
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
from ..figures.care import TIMELINE_END_MONTH, phase_timeline_figure, walkthrough_figure
from ..models.care_path import RESPONSES, WEEKS_PER_MONTH, care_path
from .base import Explorer, register

__all__ = ["PhaseTimeline", "CareWalkthrough", "phase_options", "active_phases"]

OPTION_SOURCES = {
    "care_phases": "the clinic article's list per phase (care_phases.csv)",
    "treatments": "treatments placed in the phase (treatments.csv)",
}
NOT_ADVICE = "Teaching only, after the clinic article; not advice for any real person."


def phase_options() -> dict[str, dict[int, list[str]]]:
    """Options per phase from both tables: {"care_phases": {1: [...]}, "treatments": {1: [...]}}."""
    phases = load_table("care_phases")
    from_phases = {int(r["phase"]): [o.strip() for o in str(r["typical_options"]).split(";") if o.strip()]
                   for _, r in phases.iterrows()}
    treatments = load_table("treatments").dropna(subset=["phases"])
    from_treatments = {p: [] for p in from_phases}
    for _, r in treatments.iterrows():
        for p in str(r["phases"]).split(";"):
            from_treatments.setdefault(int(p), []).append(str(r["name"]))
    return {"care_phases": from_phases, "treatments": from_treatments}


def active_phases(month: float, windows: dict[int, tuple[float, float]]) -> list[int]:
    """Phases whose window [start, end) contains ``month`` (end = inf for open-ended phase 3)."""
    return [p for p, (start, end) in sorted(windows.items()) if start <= month < end]


def _windows() -> dict[int, tuple[float, float]]:
    phases = load_table("care_phases")
    out = {}
    for _, r in phases.iterrows():
        end = r["end_month"]
        out[int(r["phase"])] = (float(r["start_month"]), float("inf") if pd.isna(end) else float(end))
    return out


@register("phase_timeline")
class PhaseTimeline(Explorer):
    """Slider: months since onset; slider: reassessment interval; dropdown: where the options come from."""

    def make_controls(self):
        self._phases = load_table("care_phases")
        self._windows = _windows()
        self._options = phase_options()
        self._phase_names = {int(r["phase"]): str(r["name"]) for _, r in self._phases.iterrows()}
        self._windows_text = {int(r["phase"]): str(r["window_text"]) for _, r in self._phases.iterrows()}
        return {
            "months": w.FloatSlider(value=2.0, min=0.0, max=TIMELINE_END_MONTH, step=0.5,
                                    description="Months since onset (teaching patient)", continuous_update=True,
                                    readout_format=".1f", layout=w.Layout(width="95%")),
            "interval_weeks": w.IntSlider(value=6, min=4, max=6, step=1,
                                          description="Reassessment every (weeks)", continuous_update=True),
            "options_from": w.Dropdown(options=[(v, k) for k, v in OPTION_SOURCES.items()],
                                       value="care_phases", description="List options from",
                                       layout=w.Layout(width="max-content")),
        }

    def make_figure(self):
        self._ys = sorted(self._windows)
        return phase_timeline_figure(self._phases)

    def update(self) -> None:
        val = self.values()
        month = float(val["months"])
        active = active_phases(month, self._windows)
        options = self._options[val["options_from"]]
        fig = self.figure
        lengths = []
        texts = []
        for p in self._ys:
            start, end = self._windows[p]
            shown_end = min(end, TIMELINE_END_MONTH)
            lengths.append(shown_end - start if p in active else 0.0)
            texts.append(f"{self._windows_text[p]}<br>{len(options.get(p, []))} options listed")
        fig.data[0].text = texts
        fig.data[1].x = lengths
        fig.data[2].x = [month, month]
        fig.data[3].x = [month]
        label = ", ".join(str(p) for p in active) or "none"
        fig.data[3].text = [f" {month:.1f} months: phase {label}"]
        step = val["interval_weeks"] / WEEKS_PER_MONTH
        reviews = np.arange(step, TIMELINE_END_MONTH + 1e-9, step)
        fig.data[4].x = reviews
        fig.data[4].y = np.full(reviews.shape, 4.0)
        next_review = reviews[reviews > month]
        nxt = f"; next review at {next_review[0]:.1f} months" if next_review.size else ""
        listed = []
        for p in active:
            listed.append(f"phase {p}: " + "; ".join(options.get(p, [])))
        self.set_readout(f"At {month:.1f} months since onset, the clinic article's phase(s) {label} apply; reviews every "
                         f"{val['interval_weeks']} weeks{nxt}. Options ({OPTION_SOURCES[val['options_from']]}) — "
                         + " | ".join(listed) + ". " + NOT_ADVICE)


def teaching_cases() -> dict[str, dict]:
    """Made-up teaching cases for the walk-through, by id, with the default course as a list."""
    out = {}
    for row in load_table("teaching_cases").to_dict("records"):
        row["course"] = [c.strip() for c in row["course"].split(";")]
        out[row["case_id"]] = row
    return out


@register("care_walkthrough")
class CareWalkthrough(Explorer):
    """Case dropdown; review slider; improving / not improving at that review; interval 4-6 weeks."""

    def make_controls(self):
        self._phases = load_table("care_phases")
        self._cases = teaching_cases()
        first = self._cases.get(self.requested.get("case")) or next(iter(self._cases.values()))
        self._choices = {k: list(v["course"]) for k, v in self._cases.items()}
        self._syncing = False
        self.story = w.HTML()
        n = len(first["course"])
        return {
            "case": w.RadioButtons(options=[(f"{v['title']} (made-up)", k) for k, v in self._cases.items()],
                                   value=first["case_id"], description="Teaching case",
                                   layout=w.Layout(width="max-content")),
            "review": w.IntSlider(value=1, min=1, max=n, step=1, description="Reassessment point",
                                  continuous_update=True),
            "response": w.ToggleButtons(options=list(RESPONSES), value=first["course"][0],
                                        description="At this review the case is",
                                        tooltips=["keep the current phase", "apply the clinic article's rule"]),
            "interval_weeks": w.IntSlider(value=6, min=4, max=6, step=1, description="Reassessment every (weeks)",
                                          continuous_update=True),
        }

    def controls_box(self):
        c = self.controls
        note = w.HTML(f"<p><i>Made-up teaching cases. {html.escape(NOT_ADVICE)}</i></p>")
        return w.VBox([note, c["case"], self.story, c["interval_weeks"], c["review"], c["response"]])

    def make_figure(self):
        return walkthrough_figure(self._phases)

    def _on_change(self, change=None) -> None:
        if self._syncing:
            return
        owner = change.get("owner") if change is not None else None
        case = self.controls["case"].value
        self._syncing = True
        try:
            if owner is self.controls["response"]:
                self._choices[case][self.controls["review"].value - 1] = change["new"]
            elif owner is self.controls["case"]:
                self.controls["review"].max = len(self._choices[case])
                self.controls["review"].value = 1
                self.controls["response"].value = self._choices[case][0]
            elif owner is self.controls["review"]:
                self.controls["response"].value = self._choices[case][change["new"] - 1]
        finally:
            self._syncing = False
        super()._on_change(change)

    def path(self):
        """The care path for the current case, choices and interval."""
        val = self.values()
        case = self._cases[val["case"]]
        return care_path(float(case["first_visit_month"]), self._choices[val["case"]],
                         interval_weeks=float(val["interval_weeks"]))

    def update(self) -> None:
        val = self.values()
        case = self._cases[val["case"]]
        p = self.path()
        fig = self.figure
        x = np.concatenate([[p.first_visit_month], p.review_month])
        y = np.concatenate([[p.start_phase], p.phase_after])
        fig.data[1].x, fig.data[1].y = x, y
        responses = np.array(self._choices[val["case"]])
        good = responses == "improving"
        fig.data[2].x, fig.data[2].y = p.review_month[good], p.phase_after[good]
        fig.data[3].x, fig.data[3].y = p.review_month[~good], p.phase_after[~good]
        k = val["review"] - 1
        fig.data[4].x, fig.data[4].y = [p.review_month[k]], [p.phase_after[k]]
        fig.data[4].text = [f"review {k + 1}: phase {p.phase_before[k]} → {p.phase_after[k]}"]
        fig.data[5].x, fig.data[5].y = [p.first_visit_month], [p.start_phase]
        fig.layout.title.text = f"What comes next: {case['title']} (made-up case, conceptual)"
        self.story.value = (f"<p><b>{html.escape(case['label'])}.</b> {html.escape(case['story'])} "
                            f"<i>Pace factors (the clinic article):</i> {html.escape(str(case['pace_factors']))}.</p>")
        self.set_readout(f"Review {k + 1} at {p.review_month[k]:.1f} months since onset, in phase "
                         f"{p.phase_before[k]}: {p.decisions[k]}. After {len(p.decisions)} reviews the plan is in "
                         f"phase {p.phase_after[-1]}. Rule after the clinic article (phase 1: no improvement after 4-6 weeks "
                         f"-> discuss phase 2; phase 2 -> 3 after several months without improvement, 12+ months). "
                         + NOT_ADVICE)
