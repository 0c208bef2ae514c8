"""Explorer "periop_timeline": what Dr Chopra's talk reports around surgery, element by element, beside
what was tested.

Everything comes from ``data/periop_plan.csv``: the talk's elements (day 0 = the operation), each with the
evidence this collection found for it, and the vitamin C regimens of the wrist-fracture trials (Zollinger
et al. 1999 and 2007, Ekrol et al. 2014; day 0 = the fracture) with their results. Doses appear only in the
readout, as the named source reports them. It is not a plan for anyone and computes nothing for a person.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from ..data import load_table, source_label
from ..figures.periop import DAY_MAX, DAY_MIN, TRIAL_ROW, periop_figure, plan_rows, row_label, trial_rows
from .base import Explorer, register

__all__ = ["PeriopTimeline", "element_text", "timing_gap"]


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def timing_gap(plan_row, trial_row) -> str:
    """How the talk's window for an element sits against a trial's regimen, in days (each against its own day 0)."""
    if plan_row["kind"] != "window" or pd.isna(plan_row["end_day"]):
        return ""
    start = int(plan_row["start_day"]) - int(trial_row["start_day"])
    end = int(plan_row["end_day"]) - int(trial_row["end_day"])
    first = (
        "the same day as the trial's"
        if start == 0
        else (
            f"{_days(-start)} before the trial's first day"
            if start < 0
            else f"{_days(start)} after the trial's first day"
        )
    )
    last = (
        "on the trial's last day"
        if end == 0
        else (f"{_days(-end)} before its last" if end < 0 else f"{_days(end)} after its last")
    )
    return f" Against its own day 0, the talk's window starts {first} and ends {last}."


def _sources(row) -> list[str]:
    ids = row["evidence_sources"]
    return ids.split(";") if isinstance(ids, str) and ids else []


def element_text(plan_row) -> str:
    """The readout for one element of the talk: what the talk reports (dose attributed), then the evidence."""
    dose = plan_row["dose_reported"]
    said = str(plan_row["timing_reported"])
    if isinstance(dose, str) and dose:
        said += f"; the dose as the talk reports it: {dose}"
    when = (
        f"days {int(plan_row['start_day']):+d} to {int(plan_row['end_day']):+d}"
        if plan_row["kind"] == "window" and not pd.isna(plan_row["end_day"])
        else (f"from day {int(plan_row['start_day']):+d}, no end given" if plan_row["kind"] == "window" else "day 0")
    )
    found = plan_row["evidence"]
    return f"{plan_row['label']} ({when}). Dr Chopra's talk reports: {said}. What this lesson found: {found}"


@register("periop_timeline")
class PeriopTimeline(Explorer):
    """The talk's elements around surgery, one chosen at a time with its evidence; a trial's vitamin C overlaid."""

    def __init__(self, **values):
        table = load_table("periop_plan")
        self._plan = plan_rows(table).set_index("item_id")
        self._trials = trial_rows(table)
        self._labels = {item: row_label(r) for item, r in self._plan.iterrows()}
        element = w.Dropdown(
            options=[(str(r["label"]), item) for item, r in self._plan.iterrows()],
            value="chopra_talk_vitamin_c",
            description="Element of the talk's plan",
            layout=w.Layout(width="520px"),
        )
        compare = w.Dropdown(
            options=[("no trial", "none")]
            + [(f"{source_label(r['source_id'])}: wrist fracture", item) for item, r in self._trials.iterrows()],
            value="none",
            description="Compare with a vitamin C trial",
            layout=w.Layout(width="520px"),
        )
        super().__init__({"element": element, "compare": compare}, periop_figure(table), values)

    def update(self) -> None:
        item = self.controls["element"].value
        row = self._plan.loc[item]
        label = self._labels[item]
        self.restyle("selected", x=[DAY_MIN - 1, DAY_MAX + 1], y=[label, label])
        text = element_text(row)
        overlay = self.controls["compare"].value
        if overlay == "none":
            self.restyle("trial_regimen", x=[], y=[])
        else:
            t = self._trials.loc[overlay]
            self.restyle("trial_regimen", x=[int(t["start_day"]), int(t["end_day"])], y=[TRIAL_ROW, TRIAL_ROW])
            n_days = int(t["end_day"]) - int(t["start_day"]) + 1
            text += (
                f" Compared with {source_label(t['source_id'])}: vitamin C {t['timing_reported']} "
                f"(days {int(t['start_day'])} to {int(t['end_day'])}, {n_days} days; "
                f"the dose as that trial reports it: {t['dose_reported']}). {t['evidence']} "
                "There day 0 is the fracture, not an operation."
            )
            if t["source_id"] in _sources(row):
                text += timing_gap(row, t)
            else:
                text += " That trial tested vitamin C only; it says nothing about this element."
        self.set_readout(text)
