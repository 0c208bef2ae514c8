"""Explorer "periop_timeline": the peri-operative plan Dr Chopra's talk describes, on a day-by-day timeline.

Everything drawn comes from ``data/periop_plan.csv``: Dr Chopra's plan (day 0 = the day of
surgery) and, as an overlay, the vitamin C regimens of the wrist-fracture trials (Zollinger et al.
1999 and 2007, Ekrol et al. 2014; day 0 = the day of the fracture). It shows what each source
reports; it is not a plan for anyone and computes nothing for a person.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from ..data import load_table, source_label
from ..figures import PALETTE, axis_title, new_figure
from .base import Explorer, register

__all__ = ["PeriopTimeline"]

DAY_MIN, DAY_MAX = -21, 50
TRIAL_ROW = "Trial vitamin C (day 0 = fracture)"


def _plan():
    table = load_table("periop_plan")
    seed = table[table["source_id"] == "chopra_talk"].reset_index(drop=True)
    trials = table[table["kind"] == "trial regimen"].reset_index(drop=True)
    return seed, trials


def _row_label(row) -> str:
    dose = row["dose_reported"]
    return f"{row['label']} {dose}" if isinstance(dose, str) and dose else str(row["label"])


@register("periop_timeline")
class PeriopTimeline(Explorer):
    """Dr Chopra's peri-operative plan; a day slider; an overlay of a trial's vitamin C regimen."""

    def make_controls(self):
        self._seed, self._trials = _plan()
        overlay = [("none", "none")] + [
            (f"{source_label(r['source_id'])}: vitamin C {r['dose_reported']}", r["item_id"])
            for _, r in self._trials.iterrows()]
        self._precompute()
        return {
            "day": w.IntSlider(value=-7, min=DAY_MIN, max=DAY_MAX, step=1, continuous_update=True,
                               description="Day relative to surgery (days)",
                               layout=w.Layout(width="640px")),
            "overlay": w.Dropdown(options=overlay, value="none", description="Overlay a trial regimen",
                                  layout=w.Layout(width="640px")),
        }

    def _precompute(self) -> None:
        seed = self._seed
        self._rows = [_row_label(r) for _, r in seed.iterrows()]
        windows = seed[seed["kind"] == "window"]
        xs, ys, open_x, open_y = [], [], [], []
        for _, r in windows.iterrows():
            label = _row_label(r)
            start = int(r["start_day"])
            if r["end_day"] is not None and not (isinstance(r["end_day"], float) and np.isnan(r["end_day"])) \
                    and str(r["end_day"]) != "<NA>":
                xs += [start, int(r["end_day"]), None]
                ys += [label, label, None]
            else:  # the source gives a start but no end: solid to day 0, dotted after
                xs += [start, 0, None]
                ys += [label, label, None]
                open_x += [0, DAY_MAX]
                open_y += [label, label]
        self._windows = (xs, ys)
        self._open = (open_x, open_y)
        events = seed[seed["kind"] == "day of surgery"]
        self._events = ([int(d) for d in events["start_day"]], [_row_label(r) for _, r in events.iterrows()])
        # Which seed-003 rows are active on each day (the readout and the highlight markers).
        self._active: dict[int, list[int]] = {}
        self._text: dict[int, str] = {}
        for day in range(DAY_MIN, DAY_MAX + 1):
            on, upcoming, unstated = [], [], []
            active = []
            for i, (_, r) in enumerate(seed.iterrows()):
                start = int(r["start_day"])
                end = r["end_day"]
                end = None if end is None or str(end) == "<NA>" else int(end)
                dose = f" {r['dose_reported']}" if isinstance(r["dose_reported"], str) else ""
                if end is None and day > 0:
                    unstated.append(f"{r['label']} (started day {start:+d})")
                elif start <= day and (end is None or day <= end):
                    active.append(i)
                    on.append(f"{r['label']}{dose}")
                elif 0 < start - day <= 7:
                    upcoming.append(f"{r['label']} (day {start:+d})")
            self._active[day] = active
            when = "the day of surgery" if day == 0 else (
                f"{-day} days before surgery" if day < 0 else f"{day} days after surgery")
            text = f"Day {day:+d} ({when}): Dr Chopra's plan lists " + (
                "; ".join(on) if on else "nothing for this day")
            if upcoming:
                text += ". Within the next week: " + "; ".join(upcoming)
            if unstated:
                text += ". The source does not say when to stop: " + "; ".join(unstated)
            self._text[day] = text + "."

    def make_figure(self):
        fig = new_figure(
            "Dr Chopra's peri-operative plan as that source reports it (not advice)",
            axis_title("Day relative to surgery", "days"), axis_title("Element of the plan", "one row each"),
            "Horizontal bars show when each element of the peri-operative plan described by Dr Chopra's talk runs, "
            "in days before and after surgery; a vertical line marks the chosen day and an optional dashed "
            "bar overlays a vitamin C regimen from a wrist-fracture trial, where day 0 is the fracture.",
            height=540)
        xs, ys = self._windows
        fig.add_scatter(x=xs, y=ys, mode="lines", name="Dr Chopra's talk: stated window",
                        line={"color": PALETTE[0], "width": 14}, hoverinfo="x+y")
        fig.add_scatter(x=self._open[0], y=self._open[1], mode="lines", name="Dr Chopra's talk: end not stated",
                        line={"color": PALETTE[0], "width": 3, "dash": "dot"}, hoverinfo="skip")
        fig.add_scatter(x=self._events[0], y=self._events[1], mode="markers",
                        name="Dr Chopra's talk: on the day of surgery",
                        marker={"symbol": "diamond", "size": 14, "color": PALETTE[2]})
        fig.add_scatter(x=[], y=[], mode="lines", name="trial regimen (day 0 = fracture)",
                        line={"color": PALETTE[1], "width": 10, "dash": "dash"})
        rows = self._rows + [TRIAL_ROW]
        fig.add_scatter(x=[], y=[], mode="lines", name="chosen day",
                        line={"color": PALETTE[7], "width": 2, "dash": "dashdot"}, hoverinfo="skip")
        fig.add_scatter(x=[], y=[], mode="markers", name="in effect on the chosen day",
                        marker={"symbol": "star", "size": 16, "color": PALETTE[3],
                                "line": {"color": PALETTE[7], "width": 1}})
        fig.update_layout(
            xaxis={"range": [DAY_MIN - 1, DAY_MAX + 1], "dtick": 7, "zeroline": True},
            yaxis={"type": "category", "categoryorder": "array", "categoryarray": rows[::-1],
                   "range": [-0.5, len(rows) - 0.5]},
            margin={"l": 290, "r": 20, "t": 60, "b": 150},
            legend={"orientation": "h", "y": -0.22, "x": 0.0, "xanchor": "left", "yanchor": "top"})
        self._all_rows = rows
        return fig

    def update(self) -> None:
        day = int(self.controls["day"].value)
        overlay = self.controls["overlay"].value
        data = self.figure.data
        data[4].x, data[4].y = [day, day], [self._all_rows[-1], self._all_rows[0]]
        active = self._active[day]
        data[5].x = [day] * len(active)
        data[5].y = [self._rows[i] for i in active]
        text = self._text[day]
        if overlay == "none":
            data[3].x, data[3].y = [], []
        else:
            r = self._trials[self._trials["item_id"] == overlay].iloc[0]
            data[3].x = [int(r["start_day"]), int(r["end_day"])]
            data[3].y = [TRIAL_ROW, TRIAL_ROW]
            text += (f" Overlay: {source_label(r['source_id'])} gave vitamin C {r['dose_reported']}, "
                     f"{r['timing_reported']}; there day 0 is the fracture, not an operation.")
        self.set_readout(text)
