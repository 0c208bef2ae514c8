"""Figure of lesson 11: what Dr Chopra's talk reports around surgery, on a day-by-day timeline, with the
evidence found for each element beside it (data/periop_plan.csv), for the "periop_timeline" explorer.

Day 0 is the day of surgery for the talk's rows; the vitamin C regimens of the wrist-fracture trials,
which the explorer can overlay, count from the day of the fracture instead and get a row of their own.
The figure shows what sources report; it computes nothing for a person.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from . import PALETTE, axis_title, new_figure, role

__all__ = ["DAY_MAX", "DAY_MIN", "PLAN_SOURCE", "TRIAL_ROW", "periop_figure", "plan_rows", "row_label", "trial_rows"]

DAY_MIN, DAY_MAX = -21, 50  # days shown; the talk's earliest start is day -14, the trials' last day is 49
PLAN_SOURCE = "chopra_talk"  # source id of the rows drawn as the talk's plan
TRIAL_ROW = "Vitamin C in the trials<br><i>day 0 = the fracture, not an operation</i>"


def plan_rows(periop_plan: pd.DataFrame) -> pd.DataFrame:
    """The rows of the talk's plan, in table order."""
    return periop_plan[periop_plan["source_id"] == PLAN_SOURCE].reset_index(drop=True)


def trial_rows(periop_plan: pd.DataFrame) -> pd.DataFrame:
    """The trial regimens that can be overlaid, indexed by item id."""
    return periop_plan[periop_plan["kind"] == "trial regimen"].set_index("item_id")


def row_label(row) -> str:
    """Label of a plan row on the y axis: the element, and under it in italics what evidence was found.

    Doses are never put on the axis: the readout gives them, attributed to the talk.
    """
    short = row["evidence_short"]
    if pd.isna(short) or not short:
        return html.escape(str(row["label"]))
    return f"{html.escape(str(row['label']))}<br><i>{html.escape(str(short))}</i>"


def _windows(plan: pd.DataFrame) -> tuple[list, list, list, list]:
    """x, y of the stated windows (None separates them), and x, y of the dotted open ends."""
    xs, ys, open_x, open_y = [], [], [], []
    for _, r in plan[plan["kind"] == "window"].iterrows():
        label = row_label(r)
        if pd.isna(r["end_day"]):  # the source gives a start but no end: solid to day 0, dotted after
            xs += [int(r["start_day"]), 0, None]
            open_x += [0, DAY_MAX, None]
            open_y += [label, label, None]
        else:
            xs += [int(r["start_day"]), int(r["end_day"]), None]
        ys += [label, label, None]
    return xs, ys, open_x, open_y


def periop_figure(periop_plan: pd.DataFrame) -> go.Figure:
    """The talk's plan as bars and diamonds by day; the highlight and the trial overlay start empty.

    Roles: ``selected`` (band behind the chosen element), ``stated_window``, ``open_end`` (dotted: no end
    stated), ``surgery_day`` (diamonds on day 0), ``trial_regimen`` (the overlay, on its own row).
    """
    plan = plan_rows(periop_plan)
    rows = [row_label(r) for _, r in plan.iterrows()] + [TRIAL_ROW]
    fig = new_figure(
        "Around surgery: what Dr Chopra's talk reports, and what was tested (not advice)",
        axis_title("Day relative to the operation (a trial: to the fracture)", "days"),
        axis_title("Element the talk reports", "one row each"),
        "Horizontal bars and diamonds show when each element that Dr Chopra's talk reports for surgery in a person "
        "with CRPS would happen, in days before and after the operation, with the evidence this lesson found for "
        "each written under its name; a band marks the chosen element and a dashed bar on the last row can "
        "overlay the vitamin C regimen of a wrist-fracture trial, whose day 0 is the fracture.",
        height=660,
    )
    xs, ys, open_x, open_y = _windows(plan)
    events = plan[plan["kind"] == "day of surgery"]
    fig.add_scatter(
        meta=role("selected"),
        x=[],
        y=[],
        mode="lines",
        name="chosen element",
        line={"color": "rgba(230, 159, 0, 0.30)", "width": 44},
        hoverinfo="skip",
    )
    fig.add_scatter(
        meta=role("stated_window"),
        x=xs,
        y=ys,
        mode="lines",
        name="Dr Chopra's talk: days stated",
        line={"color": PALETTE[0], "width": 14},
        hoverinfo="x+y",
    )
    fig.add_scatter(
        meta=role("open_end"),
        x=open_x,
        y=open_y,
        mode="lines",
        name="Dr Chopra's talk: no end stated",
        line={"color": PALETTE[0], "width": 3, "dash": "dot"},
        hoverinfo="skip",
    )
    fig.add_scatter(
        meta=role("surgery_day"),
        x=[int(d) for d in events["start_day"]],
        y=[row_label(r) for _, r in events.iterrows()],
        mode="markers",
        name="Dr Chopra's talk: on the day of the operation",
        marker={"symbol": "diamond", "size": 14, "color": PALETTE[2]},
    )
    fig.add_scatter(
        meta=role("trial_regimen"),
        x=[],
        y=[],
        mode="lines",
        name="a trial's vitamin C (day 0 = fracture)",
        line={"color": PALETTE[1], "width": 10, "dash": "dash"},
    )
    fig.update_layout(
        xaxis={"range": [DAY_MIN - 1, DAY_MAX + 1], "dtick": 7, "zeroline": True, "zerolinecolor": "#777"},
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": rows[::-1],
            "range": [-0.5, len(rows) - 0.5],
            "tickfont": {"size": 12},
        },
        margin={"l": 330, "r": 20, "t": 60, "b": 150},
        legend={"orientation": "h", "y": -0.16, "x": 0.0, "xanchor": "left", "yanchor": "top"},
    )
    return fig
