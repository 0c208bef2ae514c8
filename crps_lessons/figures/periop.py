"""Figure of lesson 11: the peri-operative plan Dr Chopra's talk describes, on a day-by-day timeline
(data/periop_plan.csv), for the "periop_timeline" explorer.

Day 0 is the day of surgery for the plan; the trial regimens overlaid by the explorer count from the
day of the fracture instead, and get a row of their own.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from . import PALETTE, axis_title, new_figure, role

__all__ = ["DAY_MAX", "DAY_MIN", "PLAN_SOURCE", "TRIAL_ROW", "periop_figure", "plan_rows", "row_label"]

DAY_MIN, DAY_MAX = -21, 50  # days relative to surgery shown; the plan's earliest start is day -14
PLAN_SOURCE = "chopra_talk"  # source id of the plan drawn as bars
TRIAL_ROW = "Trial vitamin C (day 0 = fracture)"


def plan_rows(periop_plan: pd.DataFrame) -> pd.DataFrame:
    """The rows of Dr Chopra's plan, in table order."""
    return periop_plan[periop_plan["source_id"] == PLAN_SOURCE].reset_index(drop=True)


def row_label(row) -> str:
    """Label of a plan row on the y axis: the element, then the dose the source reports (if any)."""
    dose = row["dose_reported"]
    return str(row["label"]) if pd.isna(dose) or not dose else f"{row['label']} {dose}"


def _windows(plan: pd.DataFrame) -> tuple[list, list, list, list]:
    """x, y of the stated windows (None separates them), and x, y of the dotted open ends."""
    xs, ys, open_x, open_y = [], [], [], []
    for _, r in plan[plan["kind"] == "window"].iterrows():
        label = row_label(r)
        if pd.isna(r["end_day"]):  # the source gives a start but no end: solid to day 0, dotted after
            xs += [int(r["start_day"]), 0, None]
            open_x += [0, DAY_MAX]
            open_y += [label, label]
        else:
            xs += [int(r["start_day"]), int(r["end_day"]), None]
        ys += [label, label, None]
    return xs, ys, open_x, open_y


def periop_figure(periop_plan: pd.DataFrame) -> go.Figure:
    """Dr Chopra's plan as bars by day; the overlay and the chosen day start empty.

    Roles: ``stated_window``, ``open_end`` (dotted: no end stated), ``surgery_day`` (diamonds),
    ``trial_regimen`` (the overlay), ``chosen_day`` (vertical line), ``in_effect`` (stars on the chosen day).
    """
    plan = plan_rows(periop_plan)
    rows = [row_label(r) for _, r in plan.iterrows()] + [TRIAL_ROW]
    fig = new_figure(
        "Dr Chopra's peri-operative plan as that source reports it (not advice)",
        axis_title("Day relative to surgery", "days"),
        axis_title("Element of the plan", "one row each"),
        "Horizontal bars show when each element of the peri-operative plan described by Dr Chopra's talk runs, "
        "in days before and after surgery; a vertical line marks the chosen day and an optional dashed "
        "bar overlays a vitamin C regimen from a wrist-fracture trial, where day 0 is the fracture.",
        height=540,
    )
    xs, ys, open_x, open_y = _windows(plan)
    events = plan[plan["kind"] == "day of surgery"]
    fig.add_scatter(
        meta=role("stated_window"),
        x=xs,
        y=ys,
        mode="lines",
        name="Dr Chopra's talk: stated window",
        line={"color": PALETTE[0], "width": 14},
        hoverinfo="x+y",
    )
    fig.add_scatter(
        meta=role("open_end"),
        x=open_x,
        y=open_y,
        mode="lines",
        name="Dr Chopra's talk: end not stated",
        line={"color": PALETTE[0], "width": 3, "dash": "dot"},
        hoverinfo="skip",
    )
    fig.add_scatter(
        meta=role("surgery_day"),
        x=[int(d) for d in events["start_day"]],
        y=[row_label(r) for _, r in events.iterrows()],
        mode="markers",
        name="Dr Chopra's talk: on the day of surgery",
        marker={"symbol": "diamond", "size": 14, "color": PALETTE[2]},
    )
    fig.add_scatter(
        meta=role("trial_regimen"),
        x=[],
        y=[],
        mode="lines",
        name="trial regimen (day 0 = fracture)",
        line={"color": PALETTE[1], "width": 10, "dash": "dash"},
    )
    fig.add_scatter(
        meta=role("chosen_day"),
        x=[],
        y=[],
        mode="lines",
        name="chosen day",
        line={"color": PALETTE[7], "width": 2, "dash": "dashdot"},
        hoverinfo="skip",
    )
    fig.add_scatter(
        meta=role("in_effect"),
        x=[],
        y=[],
        mode="markers",
        name="in effect on the chosen day",
        marker={"symbol": "star", "size": 16, "color": PALETTE[3], "line": {"color": PALETTE[7], "width": 1}},
    )
    fig.update_layout(
        xaxis={"range": [DAY_MIN - 1, DAY_MAX + 1], "dtick": 7, "zeroline": True},
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": rows[::-1],
            "range": [-0.5, len(rows) - 0.5],
        },
        margin={"l": 290, "r": 20, "t": 60, "b": 150},
        legend={"orientation": "h", "y": -0.22, "x": 0.0, "xanchor": "left", "yanchor": "top"},
    )
    return fig
