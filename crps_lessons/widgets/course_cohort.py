"""Explorer "course_cohort": a made-up cohort's course over 24 months, early against late improvers.

Model: :mod:`crps_lessons.models.course_cohort` (the shares at 12 months and the order of the symptom
groups are published, everything else is made up); the published numbers it is built on, and those it
is only compared with, are ``data/course_anchors.csv``. Nothing here predicts anyone's course.
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np

from ..data import load_table
from ..figures.course_cohort import SHORT_OUTCOME, course_cohort_figure
from ..models.course_cohort import (
    GROUPS,
    MONTHS,
    OUTCOMES,
    clinic_series,
    course_shares,
    group_means,
    remaining_share,
    simulate,
)
from .base import Explorer, register

__all__ = ["CourseCohortExplorer"]

SAMPLE = 40  # made-up people drawn in grey
CLINIC_THRESHOLD = 6.0  # points: the made-up clinic enrols people whose pain that month is at least this
CLINIC_FOLLOW = 6  # months between the clinic's "before" and "after"
NOT_A_PREDICTION = "Made-up people; this predicts nobody's course."
AXIS = {
    "pain": "Pain, 10 = worst",
    "function": "Function, 10 = as before the injury",
    "sensory": "Sensory symptoms, 10 = worst",
    "vasomotor": "Vasomotor symptoms, 10 = worst",
    "sudomotor_oedema": "Sudomotor and swelling, 10 = worst",
    "motor_trophic": "Motor and trophic symptoms, 10 = worst",
}


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


@register("course_cohort")
class CourseCohortExplorer(Explorer):
    """Dropdown: outcome; slider: month shown; checkbox and slider: a made-up clinic's before-and-after."""

    def __init__(self, **values):
        self._cohort = simulate()
        anchors = load_table("course_anchors").set_index("anchor_id")
        self._progressive = float(anchors.loc["progressive_long_term", "value"])
        controls = {
            "outcome": w.Dropdown(
                options=[(label, key) for key, label in OUTCOMES.items()],
                value="pain",
                description="Outcome shown",
                layout=w.Layout(width="max-content"),
            ),
            "month": w.IntSlider(value=12, min=0, max=MONTHS, step=1, description="Month shown (months since onset)"),
            "show_clinic": w.Checkbox(
                value=False,
                description="Show a made-up clinic's before-and-after (its treatment does nothing)",
                indent=False,
                layout=w.Layout(width="max-content"),
            ),
            "clinic_start": w.IntSlider(
                value=3, min=1, max=12, step=1, description="Month the clinic starts its treatment (month)"
            ),
        }
        note = w.HTML(f"<p><i>{html.escape(NOT_A_PREDICTION)} Lesson 02 says which numbers are published.</i></p>")
        box = w.VBox([note, *controls.values()])
        super().__init__(controls, course_cohort_figure(), values, layout=box)

    def update(self) -> None:
        v = self.values()
        c = self._cohort
        outcome, month = v["outcome"], int(v["month"])
        months = np.asarray(c.months, dtype=float)
        sample = np.asarray(c.measured[outcome][:SAMPLE], dtype=float)
        # One line per person, NaN between people (a gap, as plotly draws it); numpy arrays because
        # plotly validates and compares Python lists element by element.
        gap = np.full((len(sample), 1), np.nan)
        xs = np.hstack([np.tile(months, (len(sample), 1)), gap]).ravel()
        ys = np.hstack([sample, gap]).ravel()
        self.restyle("people", x=xs, y=ys)
        means = group_means(c, outcome)
        for key in GROUPS:
            y = means[key]
            self.restyle(key, x=months, y=np.array([]) if y is None else np.asarray(y, dtype=float))
        self.restyle("now", x=[month, month], y=[0, 10])
        left = {key: remaining_share(c, month, key) for key in GROUPS}
        for key in GROUPS:
            self.restyle(
                f"left_{key}", x=[SHORT_OUTCOME[g] for g in OUTCOMES], y=[100 * left[key][g] for g in OUTCOMES]
            )
        series = clinic_series(c, int(v["clinic_start"]), CLINIC_THRESHOLD, CLINIC_FOLLOW)
        shown = bool(v["show_clinic"]) and outcome == "pain" and series is not None
        if series is None:
            self.restyle("clinic", x=[], y=[], text=[], visible=shown)
            self.restyle("clinic_usual", x=[], y=[], visible=shown)
        else:
            xs = [series.start_month, series.end_month]
            self.restyle(
                "clinic",
                x=xs,
                y=[series.measured_before, series.measured_after],
                text=[f"{series.measured_before:.1f}", f"{series.measured_after:.1f}"],
                visible=shown,
            )
            self.restyle("clinic_usual", x=xs, y=[series.true_before, series.true_after], visible=shown)
        self.figure.layout.yaxis.title.text = f"{AXIS[outcome]} (points, 0-10)"
        self.set_readout(self._words(outcome, month, means, left, series, bool(v["show_clinic"])))

    def _words(self, outcome, month, means, left, series, clinic_on) -> str:
        c = self._cohort
        shares = course_shares(c)
        counts = {key: int(np.sum(c.group == key)) for key in GROUPS}
        head = (
            f"Made-up cohort of {c.n} people (conceptual teaching model). By design, at 12 months "
            f"{_pct(shares['no_longer_iasp'])} no longer meet the IASP criteria, {_pct(shares['iasp_only'])} meet "
            f"them but not the Budapest research criteria and {_pct(shares['budapest_research'])} meet the research "
            "criteria: the shares of the Auckland cohort (Bean et al. 2015, Eur J Pain); every individual course is "
            "made up."
        )
        groups = "Groups from measured pain: " + "; ".join(f"{counts[k]} {GROUPS[k]}" for k in GROUPS) + "."
        level = (
            f"{OUTCOMES[outcome]} at month {month}, group averages: "
            + "; ".join(
                f"{k.replace('_', ' ')} {means[k][month]:.1f} (onset {means[k][0]:.1f})"
                for k in GROUPS
                if means[k] is not None
            )
            + "."
        )
        everyone = remaining_share(c, month)
        order = sorted(OUTCOMES, key=lambda g: -everyone[g])
        still = (
            f"Still present at month {month}, as a share of the problem at onset (everyone): "
            + ", ".join(f"{SHORT_OUTCOME[g]} {_pct(everyone[g])}" for g in order)
            + f"; motor and trophic in early improvers {_pct(left['early']['motor_trophic'])}, "
            f"late {_pct(left['late']['motor_trophic'])}, not improved {_pct(left['not_yet']['motor_trophic'])}."
        )
        if not clinic_on:
            clinic = ""
        elif series is None:
            clinic = " Made-up clinic: nobody had pain of 6 or more that month, so nobody was enrolled."
        else:
            clinic = (
                f" Made-up clinic: it enrolled the {series.n_enrolled} people whose measured pain at month "
                f"{series.start_month} was {CLINIC_THRESHOLD:g} or more and gave a treatment that does nothing. Their "
                f"average pain went from {series.measured_before:.1f} to {series.measured_after:.1f} by month "
                f"{series.end_month} (a fall of {series.fall:.1f} points; {_pct(series.improved_share)} improved by "
                f"30% or more): {series.natural_course:.1f} points from the natural course and "
                f"{series.regression_to_the_mean:.1f} from regression to the mean (they were enrolled in a worse "
                "month than usual)."
            )
            if outcome != "pain":
                clinic += " The clinic's series is drawn when the outcome shown is pain."
        compare = (
            f" For comparison (not built in): in a Dutch population-based group, {_pct(self._progressive)} said "
            "their CRPS was still getting worse on average 5.8 years after onset (de Mos et al. 2009)."
        )
        return f"{head} {groups} {level} {still}{clinic}{compare} {NOT_A_PREDICTION}"
