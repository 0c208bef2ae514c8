"""Explorer "pacing_plan" (lesson 10): boom and bust beside a paced plan, for one made-up person.

A conceptual teaching model with made-up numbers (:mod:`crps_lessons.models.pacing_plan`): the learner
sets the paced version's baseline, its weekly step and the number of weeks; the made-up person and
their good and bad days stay the same. Nothing is computed for a real person.
"""

from __future__ import annotations

import ipywidgets as w

from ..figures.pacing_plan import TITLE, pacing_plan_figure
from ..models.pacing_plan import DAYS_PER_WEEK, LIMIT_START_MIN, Plan, run
from .base import Explorer, register

__all__ = ["PacingPlanExplorer"]


def _flares(n: int) -> str:
    return "no flares" if n == 0 else ("1 flare" if n == 1 else f"{n} flares")


@register("pacing_plan")
class PacingPlanExplorer(Explorer):
    """A made-up person's weeks of one daily activity: boom and bust, and paced from a baseline."""

    def __init__(self, **values):
        slider = {"continuous_update": False}
        controls = {
            "baseline_min": w.IntSlider(
                value=15, min=5, max=45, step=1, description="Paced: baseline in week 1 (minutes a day)", **slider
            ),
            "weekly_increase_pct": w.IntSlider(
                value=10, min=0, max=25, step=1, description="Paced: added each week (% of the quota)", **slider
            ),
            "weeks": w.IntSlider(value=12, min=4, max=24, step=1, description="Weeks shown (weeks)", **slider),
        }
        super().__init__(controls, pacing_plan_figure(), values)

    def update(self) -> None:
        v = self.values()
        weeks = int(v["weeks"])
        r = run(
            Plan(
                baseline_min=float(v["baseline_min"]), weekly_increase_pct=float(v["weekly_increase_pct"]), weeks=weeks
            )
        )
        days = r.days.tolist()
        self.restyle("boom_days", x=days, y=r.boom.round(1).tolist())
        self.restyle("paced_days", x=days, y=r.paced.round(1).tolist())
        self.restyle("paced_plan", x=days, y=r.quota.round(1).tolist())
        for version in ("boom", "paced"):
            start = getattr(r, f"{version}_flare_start")
            done = getattr(r, version)
            label = "boom and bust" if version == "boom" else "paced"
            self.restyle(
                f"{version}_flares",
                x=r.days[start].tolist(),
                y=done[start].round(1).tolist(),
                name=f"{label}: day that set off a flare ({r.flares(version)} in all)",
            )
        week_numbers = list(range(1, weeks + 1))
        self.restyle("boom_weekly", x=week_numbers, y=r.weekly("boom").round(0).tolist())
        self.restyle("paced_weekly", x=week_numbers, y=r.weekly("paced").round(0).tolist())
        self.figure.layout.title.text = TITLE.format(weeks=weeks)

        last = r.quota[-1]
        text = (
            f"Conceptual teaching model: one made-up person and made-up numbers, not a plan for anyone. "
            f"Over {weeks} weeks ({weeks * DAYS_PER_WEEK} days) with the same good and bad days: "
            f"boom and bust had {_flares(r.flares('boom'))} ({r.flare_days('boom')} flare days), "
            f"{r.boom.sum():.0f} minutes in all, {r.last_week_mean('boom'):.1f} minutes a day in the last week, "
            f"and activity changed by {r.day_to_day_change('boom'):.1f} minutes from one day to the next on average. "
            f"Paced, from a baseline of {v['baseline_min']} minutes a day with {v['weekly_increase_pct']}% added "
            f"each week (quota in the last week: {last:.1f} minutes a day): {_flares(r.flares('paced'))} "
            f"({r.flare_days('paced')} flare days), {r.paced.sum():.0f} minutes in all, "
            f"{r.last_week_mean('paced'):.1f} minutes a day in the last week, and a day-to-day change of "
            f"{r.day_to_day_change('paced'):.1f} minutes. The made-up limit (what the person can do on an "
            f"ordinary day without a flare) started at {LIMIT_START_MIN:.0f} minutes and ended at "
            f"{r.final_limit('boom'):.1f} (boom and bust) and {r.final_limit('paced'):.1f} minutes (paced)."
        )
        first = r.days[r.paced_flare_start]
        if len(first):
            text += f" The first paced flare came on day {first[0]} (week {(first[0] - 1) // DAYS_PER_WEEK + 1})."
        self.set_readout(text)
