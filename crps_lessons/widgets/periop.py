"""Explorer "periop_timeline": the peri-operative plan Dr Chopra's talk describes, on a day-by-day timeline.

Everything drawn comes from ``data/periop_plan.csv``: Dr Chopra's plan (day 0 = the day of
surgery) and, as an overlay, the vitamin C regimens of the wrist-fracture trials (Zollinger et al.
1999 and 2007, Ekrol et al. 2014; day 0 = the day of the fracture). It shows what each source
reports; it is not a plan for anyone and computes nothing for a person.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from ..data import load_table, source_label
from ..figures.periop import DAY_MAX, DAY_MIN, TRIAL_ROW, periop_figure, plan_rows, row_label
from .base import Explorer, register

__all__ = ["PeriopTimeline", "day_text"]


def _when(day: int) -> str:
    if day == 0:
        return "the day of surgery"
    return f"{-day} days before surgery" if day < 0 else f"{day} days after surgery"


def day_text(plan: pd.DataFrame, day: int) -> tuple[list[int], str]:
    """Positions of the plan rows in effect on ``day``, and the readout for that day.

    A row without a stated end counts as in effect up to the day of surgery; after it the readout
    says the source does not say when to stop.
    """
    on, upcoming, unstated, active = [], [], [], []
    for i, (_, r) in enumerate(plan.iterrows()):
        start = int(r["start_day"])
        end = None if pd.isna(r["end_day"]) else int(r["end_day"])
        dose = "" if pd.isna(r["dose_reported"]) else f" {r['dose_reported']}"
        if end is None and day > 0:
            unstated.append(f"{r['label']} (started day {start:+d})")
        elif start <= day and (end is None or day <= end):
            active.append(i)
            on.append(f"{r['label']}{dose}")
        elif 0 < start - day <= 7:
            upcoming.append(f"{r['label']} (day {start:+d})")
    text = f"Day {day:+d} ({_when(day)}): Dr Chopra's plan lists " + ("; ".join(on) if on else "nothing for this day")
    if upcoming:
        text += ". Within the next week: " + "; ".join(upcoming)
    if unstated:
        text += ". The source does not say when to stop: " + "; ".join(unstated)
    return active, text + "."


@register("periop_timeline")
class PeriopTimeline(Explorer):
    """Dr Chopra's peri-operative plan; a day slider; an overlay of a trial's vitamin C regimen."""

    def __init__(self, **values):
        table = load_table("periop_plan")
        plan = plan_rows(table)
        self._trials = table[table["kind"] == "trial regimen"].set_index("item_id")
        self._rows = [row_label(r) for _, r in plan.iterrows()]
        # The readout of every day, once: a slider move only looks it up.
        self._days = {day: day_text(plan, day) for day in range(DAY_MIN, DAY_MAX + 1)}
        overlay = [("none", "none")] + [
            (f"{source_label(r['source_id'])}: vitamin C {r['dose_reported']}", item)
            for item, r in self._trials.iterrows()
        ]
        controls = {
            "day": w.IntSlider(
                value=-7,
                min=DAY_MIN,
                max=DAY_MAX,
                step=1,
                continuous_update=True,
                description="Day relative to surgery (days)",
                layout=w.Layout(width="640px"),
            ),
            "overlay": w.Dropdown(
                options=overlay, value="none", description="Overlay a trial regimen", layout=w.Layout(width="640px")
            ),
        }
        super().__init__(controls, periop_figure(table), values)

    def update(self) -> None:
        day = int(self.controls["day"].value)
        overlay = self.controls["overlay"].value
        self.trace("chosen_day").update(x=[day, day], y=[TRIAL_ROW, self._rows[0]])
        active, text = self._days[day]
        self.trace("in_effect").update(x=[day] * len(active), y=[self._rows[i] for i in active])
        trial = self.trace("trial_regimen")
        if overlay == "none":
            trial.update(x=[], y=[])
        else:
            r = self._trials.loc[overlay]
            trial.update(x=[int(r["start_day"]), int(r["end_day"])], y=[TRIAL_ROW, TRIAL_ROW])
            text += (
                f" Overlay: {source_label(r['source_id'])} gave vitamin C {r['dose_reported']}, "
                f"{r['timing_reported']}; there day 0 is the fracture, not an operation."
            )
        self.set_readout(text)
