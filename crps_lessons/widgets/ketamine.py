"""Explorer "ketamine_schedules": plasma ketamine vs the slow pain-relief effect, two courses.

Teaching model, not a dosing tool: a simulated 70 kg teaching patient, teaching schedules only
(see :mod:`crps_lessons.models.pharmacokinetics` for every constant and its source).
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from ..figures.ketamine import ketamine_schedules_figure
from ..models import pharmacokinetics as pk
from .base import Explorer, register

__all__ = ["KetamineSchedules", "course_grid_h", "run_courses", "trough_effect"]

HORIZON_DAYS = 120.0
COARSE_STEP_H = 3.0  # between infusions the plasma level is ~0 and the effect is smooth
FINE_STEP_H = 1.0 / 6.0  # 10 min during an infusion and the hours after it
TAIL_H = 10.0  # ~4.5 plasma half-lives after each infusion ends

VIEWS = [
    ("Both courses", "both"),
    ("Outpatient course (Dr Chopra's talk) only", "outpatient"),
    ("Continuous 4.2-day infusion (Sigtermans 2009) only", "continuous"),
]


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


def run_courses(booster_interval_weeks: float, booster_days: int, hours_per_day: float, effect_half_life_days: float):
    """(outpatient, continuous) KetamineCourse results over the 120-day horizon (about 0.3 ms together)."""
    outpatient = pk.outpatient_course(
        hours_per_day=hours_per_day,
        booster_interval_weeks=booster_interval_weeks,
        booster_days=booster_days,
        horizon_days=HORIZON_DAYS,
    )
    continuous = pk.continuous_course()
    return tuple(
        pk.simulate(course_grid_h(inf), inf, effect_half_life_days=effect_half_life_days)
        for inf in (outpatient, continuous)
    )


def trough_effect(course, from_day: float = 14.0) -> float:
    """Lowest modelled effect (0-1) from ``from_day`` to the end of the horizon."""
    days = course.times_h / 24.0
    return float(course.effect[days >= from_day].min())


NOTE = (
    '<p class="crps-note"><b>Teaching model, not a dosing tool.</b> A simulated 70 kg teaching '
    "patient and two <i>teaching schedules</i>, not dose recommendations: the outpatient course Dr Chopra's talk "
    "describes (10 daily infusions, then boosters), run at 0.35 mg/kg/h, the maximum rate in "
    "Schwartzman et al. 2009; and a continuous 100-h (4.2-day) infusion stepped from 5 to 20 mg/h per "
    "70 kg, as Dahan et al. 2011 describe for the Sigtermans et al. 2009 trial. The effect half-life "
    "belongs to the slow effect compartment; relief is a saturating function of it "
    "(Ce / (Ce + C50)), so from a high level relief takes longer than one half-life to halve.</p>"
)


@register("ketamine_schedules")
class KetamineSchedules(Explorer):
    """Outpatient course with boosters vs one continuous infusion: plasma level and modelled relief."""

    def __init__(self, **values):
        controls = {
            "view": w.Dropdown(options=VIEWS, value="both", description="Show"),
            "booster_interval_weeks": w.IntSlider(
                value=6, min=2, max=12, step=1, continuous_update=True, description="Booster interval (weeks)"
            ),
            "booster_days": w.IntSlider(
                value=1, min=0, max=2, step=1, continuous_update=True, description="Booster days each time (0 = none)"
            ),
            "hours_per_day": w.FloatSlider(
                value=4.0,
                min=2.0,
                max=6.0,
                step=0.5,
                continuous_update=True,
                description="Infusion hours per day (outpatient)",
            ),
            "effect_half_life_days": w.FloatSlider(
                value=pk.EFFECT_HALF_LIFE_DAYS,
                min=5.0,
                max=21.0,
                step=0.1,
                continuous_update=True,
                description="Effect half-life (days; Dahan 2011: 10.9)",
            ),
        }
        super().__init__(
            controls, ketamine_schedules_figure(HORIZON_DAYS), values, layout=w.VBox([w.HTML(NOTE), *controls.values()])
        )

    def update(self):
        v = self.values()
        outpatient, continuous = run_courses(
            v["booster_interval_weeks"], v["booster_days"], v["hours_per_day"], v["effect_half_life_days"]
        )
        show = {"outpatient": v["view"] in ("both", "outpatient"), "continuous": v["view"] in ("both", "continuous")}
        for course_name, course in (("outpatient", outpatient), ("continuous", continuous)):
            days = course.times_h / 24.0
            self.trace(f"{course_name}_plasma").update(
                x=days, y=course.plasma_mg_per_l * 1000.0, visible=show[course_name]
            )
            self.trace(f"{course_name}_relief").update(x=days, y=course.effect, visible=show[course_name])
        parts = []
        if show["outpatient"]:
            parts.append(
                f"outpatient course: peak plasma {outpatient.plasma_mg_per_l.max() * 1000:.0f} ng/mL, "
                f"peak relief {outpatient.effect.max():.2f}, lowest relief after day 14 "
                f"{trough_effect(outpatient):.2f}"
            )
        if show["continuous"]:
            parts.append(
                f"continuous infusion: peak plasma {continuous.plasma_mg_per_l.max() * 1000:.0f} ng/mL, "
                f"peak relief {continuous.effect.max():.2f}, relief at day 84 "
                f"{np.interp(84 * 24.0, continuous.times_h, continuous.effect):.2f}"
            )
        self.set_readout("Teaching model (relief as a fraction of maximum, 0-1): " + "; ".join(parts) + ".")
