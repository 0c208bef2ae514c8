"""Explorer "ketamine_schedules": plasma ketamine vs the slow pain-relief effect, for the schedules sources report.

Teaching model, not a dosing tool: a simulated 70 kg teaching patient and the schedules of two trials
and one talk, drawn as reported (see :data:`crps_lessons.models.pharmacokinetics.SCHEDULES`). A
learner chooses which schedule to see and whether to show the range of the published effect
half-life; nothing sets a rate, a duration or a booster interval.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from ..figures.ketamine import ketamine_schedules_figure
from ..models import pharmacokinetics as pk
from .base import Explorer, register

__all__ = [
    "HORIZON_DAYS",
    "WEEK_12_DAY",
    "KetamineSchedules",
    "course_grid_h",
    "relief_envelope",
    "run_schedule",
    "summary",
]

HORIZON_DAYS = 120.0
WEEK_12_DAY = 84.0  # Sigtermans et al. 2009 followed pain for 12 weeks; Schwartzman et al. 2009 for 3 months
TEACHING_WEIGHT_KG = 70.0
COARSE_STEP_H = 3.0  # between infusions the plasma level is ~0 and the effect is smooth
FINE_STEP_H = 1.0 / 6.0  # 10 min during an infusion and the hours after it
TAIL_H = 10.0  # ~4.5 plasma half-lives after each infusion ends
SHORT_NAMES = {"sigtermans": "Sigtermans 2009", "schwartzman": "Schwartzman 2009", "chopra": "Dr Chopra's talk"}


def course_grid_h(infusions, horizon_days: float = HORIZON_DAYS) -> np.ndarray:
    """Times (h) to evaluate: a coarse grid plus fine points during and just after each infusion."""
    horizon_h = horizon_days * 24.0
    coarse = np.arange(0.0, horizon_h + COARSE_STEP_H / 2, COARSE_STEP_H)
    offsets = np.arange(0.0, TAIL_H + FINE_STEP_H / 2, FINE_STEP_H)
    pieces = [coarse]
    for start, duration, _ in infusions:
        pieces.append(start + np.arange(0.0, duration, FINE_STEP_H))
        pieces.append(start + duration + offsets)
    grid = np.unique(np.concatenate(pieces))
    return grid[grid <= horizon_h]


def run_schedule(key: str, effect_half_life_days: float = pk.EFFECT_HALF_LIFE_DAYS) -> pk.KetamineCourse:
    """The model run for one reported schedule (70 kg teaching patient, 120 days)."""
    infusions = pk.reported_schedule(key, TEACHING_WEIGHT_KG, HORIZON_DAYS)
    return pk.simulate(course_grid_h(infusions), infusions, TEACHING_WEIGHT_KG, effect_half_life_days)


def summary(key: str, course: pk.KetamineCourse) -> dict:
    """The numbers the readout gives for one schedule's model run."""
    infusions = pk.reported_schedule(key, TEACHING_WEIGHT_KG, HORIZON_DAYS)
    last_end_h = max(s + d for s, d, _ in infusions)
    after = course.times_h >= last_end_h
    below = course.times_h[after & (course.plasma_mg_per_l * 1000.0 < 1.0)]
    days = course.times_h / 24.0
    return {
        "infusion_days": len({int(s // 24) for s, _, _ in infusions}),
        "infusion_hours": sum(d for _, d, _ in infusions),
        "peak_plasma_ng_per_ml": float(course.plasma_mg_per_l.max() * 1000.0),
        "hours_to_1_ng_per_ml": float(below[0] - last_end_h) if below.size else float("nan"),
        "peak_relief": float(course.effect.max()),
        "peak_relief_day": float(days[int(np.argmax(course.effect))]),
        "relief_week_12": float(np.interp(WEEK_12_DAY, days, course.effect)),
    }


def relief_envelope(key: str, n: int = 9) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(low, high, relief at week 12 for each half-life) over ``n`` half-lives spanning Dahan's 95% interval."""
    half_lives = np.union1d(np.geomspace(*pk.EFFECT_HALF_LIFE_CI_DAYS, n), [pk.EFFECT_HALF_LIFE_DAYS])
    runs = [run_schedule(key, float(t)) for t in half_lives]
    effects = np.array([r.effect for r in runs])
    week_12 = np.array([summary(key, r)["relief_week_12"] for r in runs])
    return effects.min(axis=0), effects.max(axis=0), week_12


NOTE = (
    '<p class="crps-note"><b>Teaching model, not a dosing tool.</b> A simulated 70 kg teaching patient and '
    "<i>teaching schedules</i>: the schedules two trials and one talk report, drawn as reported. They are not "
    "recommendations, and nothing here can be set to a dose. Relief is the model's fraction of its own maximum "
    "(not a pain score), and the model assumes everyone responds and every infusion acts like the first.</p>"
)


@register("ketamine_schedules")
class KetamineSchedules(Explorer):
    """The reported schedules, one at a time or together: plasma level and modelled relief."""

    def __init__(self, **values):
        keys = list(pk.SCHEDULES)
        controls = {
            "schedule": w.Dropdown(
                options=[(pk.SCHEDULES[k].label, k) for k in keys] + [("All three together", "all")],
                value="sigtermans",
                description="Schedule",
                layout=w.Layout(width="640px"),
            ),
            "show_range": w.Checkbox(
                value=False,
                description="Show the range of Dahan's half-life estimate (5.3 to 20.5 days)",
                indent=False,
                layout=w.Layout(width="640px"),
            ),
        }
        # Nothing a learner sets changes a model run: every run is made once, here. The band is the
        # envelope over half-lives across Dahan's interval (relief is not monotone in the half-life:
        # a short one brings relief sooner and loses it sooner).
        self.runs = {k: run_schedule(k) for k in keys}
        self.bands = {k: relief_envelope(k) for k in keys}
        figure = ketamine_schedules_figure([(k, SHORT_NAMES[k]) for k in keys], HORIZON_DAYS, WEEK_12_DAY)
        super().__init__(controls, figure, values, layout=w.VBox([w.HTML(NOTE), *controls.values()]))

    def update(self):
        v = self.values()
        shown = list(pk.SCHEDULES) if v["schedule"] == "all" else [v["schedule"]]
        for key, run in self.runs.items():
            days = run.times_h / 24.0
            visible = key in shown
            self.restyle(f"{key}_plasma", x=days, y=run.plasma_mg_per_l * 1000.0, visible=visible)
            self.restyle(f"{key}_relief", x=days, y=run.effect, visible=visible)
            lo, hi, _ = self.bands[key]
            band = visible and v["show_range"]
            self.restyle(f"{key}_relief_low", x=days, y=lo, visible=band)
            self.restyle(f"{key}_relief_high", x=days, y=hi, visible=band)
        parts = []
        for key in shown:
            s = summary(key, self.runs[key])
            sched = pk.SCHEDULES[key]
            text = (
                f"{SHORT_NAMES[key]}. As reported: {sched.reported} Drawn: {sched.drawn} "
                f"In the model: {s['infusion_hours']:.0f} infusion hours on "
                f"{s['infusion_days']} days; plasma peaks at {s['peak_plasma_ng_per_ml']:.0f} ng/mL and is below "
                f"1 ng/mL {s['hours_to_1_ng_per_ml']:.0f} h after the last infusion ends; modelled relief peaks at "
                f"{s['peak_relief']:.2f} on day {s['peak_relief_day']:.0f} and is {s['relief_week_12']:.2f} at week 12"
            )
            if v["show_range"]:
                week_12 = self.bands[key][2]
                text += f" ({week_12.min():.2f} to {week_12.max():.2f} across Dahan's range of half-lives)"
            parts.append(text + ".")
        self.set_readout(
            "Teaching model (relief as a fraction of the model's maximum, 0-1; 70 kg teaching patient). "
            + " ".join(parts)
        )
