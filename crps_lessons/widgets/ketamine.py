"""Explorer "ketamine_schedules": plasma ketamine vs the slow pain-relief effect, two courses.

Teaching model, not a dosing tool: a simulated 70 kg teaching patient, teaching schedules only
(see :mod:`crps_lessons.models.pharmacokinetics` for every constant and its source).
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as w
import numpy as np

from ..figures import DASHES, PALETTE, axis_title, new_figure
from ..models import pharmacokinetics as pk
from .base import Explorer, register

__all__ = ["KetamineSchedules", "course_grid_h", "run_courses"]

HORIZON_DAYS = 120.0
COARSE_STEP_H = 3.0          # between infusions the plasma level is ~0 and the effect is smooth
FINE_STEP_H = 1.0 / 6.0      # 10 min during an infusion and the hours after it
TAIL_H = 10.0                # ~4.5 plasma half-lives after each infusion ends

VIEWS = [("Both courses", "both"),
         ("Outpatient course (Dr Chopra's talk) only", "outpatient"),
         ("Continuous 4.2-day infusion (Sigtermans 2009) only", "continuous")]


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


@lru_cache(maxsize=64)
def _continuous_result(half_life_days: float):
    inf = pk.continuous_course()
    t = course_grid_h(inf)
    return pk.simulate(t, inf, effect_half_life_days=half_life_days)


def run_courses(booster_interval_weeks: float, booster_days: int, hours_per_day: float,
                effect_half_life_days: float):
    """(outpatient, continuous) KetamineCourse results over the 120-day horizon."""
    inf = pk.outpatient_course(hours_per_day=hours_per_day, booster_interval_weeks=booster_interval_weeks,
                               booster_days=booster_days, horizon_days=HORIZON_DAYS)
    t = course_grid_h(inf)
    return pk.simulate(t, inf, effect_half_life_days=effect_half_life_days), \
        _continuous_result(float(effect_half_life_days))


def trough_effect(course, from_day: float = 14.0) -> float:
    """Lowest modelled effect (0-1) from ``from_day`` to the end of the horizon."""
    days = course.times_h / 24.0
    return float(course.effect[days >= from_day].min())


@register("ketamine_schedules")
class KetamineSchedules(Explorer):
    """Outpatient course with boosters vs one continuous infusion: plasma level and modelled relief."""

    def make_controls(self):
        return {
            "view": w.Dropdown(options=VIEWS, value="both", description="Show"),
            "booster_interval_weeks": w.IntSlider(value=6, min=2, max=12, step=1, continuous_update=True,
                                                  description="Booster interval (weeks)"),
            "booster_days": w.IntSlider(value=1, min=0, max=2, step=1, continuous_update=True,
                                        description="Booster days each time (0 = none)"),
            "hours_per_day": w.FloatSlider(value=4.0, min=2.0, max=6.0, step=0.5, continuous_update=True,
                                           description="Infusion hours per day (outpatient)"),
            "effect_half_life_days": w.FloatSlider(value=pk.EFFECT_HALF_LIFE_DAYS, min=5.0, max=21.0, step=0.1,
                                                   continuous_update=True,
                                                   description="Effect half-life (days; Dahan 2011: 10.9)"),
        }

    def controls_box(self):
        note = w.HTML(
            "<p class=\"crps-note\"><b>Teaching model, not a dosing tool.</b> A simulated 70 kg teaching "
            "patient and two <i>teaching schedules</i>, not dose recommendations: the outpatient course Dr Chopra's talk "
            "describes (10 daily infusions, then boosters), run at 0.35 mg/kg/h, the maximum rate in "
            "Schwartzman et al. 2009; and a continuous 100-h (4.2-day) infusion stepped from 5 to 20 mg/h per "
            "70 kg, as Dahan et al. 2011 describe for the Sigtermans et al. 2009 trial. The effect half-life "
            "belongs to the slow effect compartment; relief is a saturating function of it "
            "(Ce / (Ce + C50)), so from a high level relief takes longer than one half-life to halve.</p>")
        return w.VBox([note, *self.controls.values()])

    def make_figure(self):
        fig = new_figure(
            "Ketamine: plasma level vs modelled pain relief (teaching model, not a dosing tool)",
            axis_title("Time since the first infusion", "days"),
            axis_title("Modelled relief", "fraction of max"),
            "Teaching model, not a dosing tool: plasma ketamine concentration (top) rises and falls "
            "within hours of each infusion, while the modelled pain relief (bottom) builds and fades "
            "over weeks, for an outpatient course with boosters and for one continuous 4.2-day infusion.",
            height=660)
        fig.update_layout(
            legend={"orientation": "h", "yanchor": "top", "y": -0.14, "xanchor": "left", "x": 0},
            margin={"l": 70, "r": 20, "t": 60, "b": 150},
            xaxis={"domain": [0, 1], "anchor": "y", "range": [0, HORIZON_DAYS]},
            yaxis={"domain": [0, 0.44], "range": [0, 1], "anchor": "x"},
            xaxis2={"domain": [0, 1], "anchor": "y2", "matches": "x", "showticklabels": False,
                    "visible": False},
            yaxis2={"domain": [0.56, 1], "anchor": "x2", "rangemode": "tozero",
                    "title": {"text": axis_title("Plasma", "ng/mL")}, "showgrid": True,
                    "gridcolor": "#e5e5e5"},
        )
        out, cont = PALETTE[0], PALETTE[1]
        fig.add_scatter(name="Outpatient course: plasma", xaxis="x2", yaxis="y2", mode="lines",
                        line={"color": out, "dash": DASHES[0], "width": 1.5}, legendgroup="out")
        fig.add_scatter(name="Continuous infusion: plasma", xaxis="x2", yaxis="y2", mode="lines",
                        line={"color": cont, "dash": DASHES[1], "width": 1.5}, legendgroup="cont")
        fig.add_scatter(name="Outpatient course: relief", xaxis="x", yaxis="y", mode="lines",
                        line={"color": out, "dash": DASHES[0], "width": 3}, legendgroup="out")
        fig.add_scatter(name="Continuous infusion: relief", xaxis="x", yaxis="y", mode="lines",
                        line={"color": cont, "dash": DASHES[1], "width": 3}, legendgroup="cont")
        fig.add_scatter(name="Half of maximal relief", xaxis="x", yaxis="y", mode="lines",
                        x=[0, HORIZON_DAYS], y=[0.5, 0.5], hoverinfo="skip",
                        line={"color": PALETTE[7], "dash": DASHES[2], "width": 1})
        return fig

    def update(self):
        v = self.values()
        outpatient, continuous = run_courses(v["booster_interval_weeks"], v["booster_days"],
                                             v["hours_per_day"], v["effect_half_life_days"])
        show_out = v["view"] in ("both", "outpatient")
        show_cont = v["view"] in ("both", "continuous")
        traces = self.figure.data
        for trace, course, kind, show in ((traces[0], outpatient, "plasma", show_out),
                                          (traces[1], continuous, "plasma", show_cont),
                                          (traces[2], outpatient, "effect", show_out),
                                          (traces[3], continuous, "effect", show_cont)):
            trace.x = course.times_h / 24.0
            trace.y = course.plasma_mg_per_l * 1000.0 if kind == "plasma" else course.effect
            trace.visible = show
        parts = []
        if show_out:
            parts.append(f"outpatient course: peak plasma {outpatient.plasma_mg_per_l.max() * 1000:.0f} ng/mL, "
                         f"peak relief {outpatient.effect.max():.2f}, lowest relief after day 14 "
                         f"{trough_effect(outpatient):.2f}")
        if show_cont:
            parts.append(f"continuous infusion: peak plasma {continuous.plasma_mg_per_l.max() * 1000:.0f} ng/mL, "
                         f"peak relief {continuous.effect.max():.2f}, relief at day 84 "
                         f"{np.interp(84 * 24.0, continuous.times_h, continuous.effect):.2f}")
        self.set_readout("Teaching model (relief as a fraction of maximum, 0-1): " + "; ".join(parts) + ".")
