"""Figures of published trials (lesson 08): the two arms of one trial outcome over time.

Values come only from data/trial_outcomes.csv, each row read from the paper (its ``note`` says how).
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from ..data import load_table
from . import PALETTE, axis_title, new_figure, role

__all__ = ["ARM_ROLES", "trial_arms_figure", "trial_outcomes_figure"]

# Two arms, told apart by dash and marker as well as colour.
ARM_STYLE = [
    {"dash": "solid", "symbol": "circle", "color": PALETTE[0]},
    {"dash": "dash", "symbol": "square", "color": PALETTE[1]},
]
ARM_ROLES = ("arm_a", "arm_b")


def trial_arms_figure() -> go.Figure:
    """Empty chart for the explorer ``trial_outcomes``; roles ``arm_a``, ``arm_b`` and ``difference``
    (arm a minus arm b, hidden until switched on)."""
    fig = new_figure(
        "A trial's two arms over time",
        axis_title("Follow-up time", "months"),
        axis_title("Reported value", "see unit"),
        "The reported value of one outcome in each arm of a published trial at each time point read from "
        "the papers (lines only join the reported points), with a dotted line for the difference between the "
        "arms when switched on.",
    )
    for name, style in zip(ARM_ROLES, ARM_STYLE, strict=True):
        fig.add_scatter(
            meta=role(name),
            x=[],
            y=[],
            mode="lines+markers+text",
            name=name.replace("_", " "),
            textposition="top center",
            hoverinfo="text",
            line={"dash": style["dash"], "color": style["color"], "width": 3},
            marker={"symbol": style["symbol"], "size": 12, "color": style["color"]},
        )
    fig.add_scatter(
        meta=role("difference"),
        x=[],
        y=[],
        mode="lines+markers+text",
        name="difference",
        visible=False,
        textposition="bottom center",
        line={"dash": "dot", "color": PALETTE[7], "width": 2},
        marker={"symbol": "diamond", "size": 10, "color": PALETTE[7]},
    )
    fig.update_layout(margin={"l": 80, "r": 20, "t": 130, "b": 60})
    fig.update_yaxes(zeroline=True, zerolinecolor="#888888")
    return fig


def trial_outcomes_figure(trial: str, outcome: str, table: pd.DataFrame | None = None) -> go.Figure:
    """Static version of the trial explorer: both arms of one trial outcome over time (role: the arm)."""
    table = load_table("trial_outcomes") if table is None else table
    part = table[(table["trial"] == trial) & (table["outcome"] == outcome)]
    if part.empty:
        pairs = sorted(set(zip(table["trial"], table["outcome"], strict=True)))
        raise ValueError(
            f"trial_outcomes_figure: no rows for trial {trial!r} and outcome {outcome!r}; available: {pairs}"
        )
    unit = part["unit"].iloc[0]
    fig = new_figure(
        html.escape(f"{trial}: {outcome}", quote=False),
        axis_title("Follow-up time", "months"),
        axis_title(outcome.split(" (")[0], unit),
        f"Reported values of {outcome.lower()} in each arm of the {trial} at each time point read from the papers.",
    )
    for i, (arm, rows) in enumerate(part.groupby("arm", sort=False)):
        rows = rows.sort_values("timepoint_months")
        style = ARM_STYLE[i % 2]
        fig.add_scatter(
            meta=role(str(arm)),
            x=rows["timepoint_months"].tolist(),
            y=rows["value"].tolist(),
            name=arm,
            mode="lines+markers+text",
            text=[f"{v:g}" for v in rows["value"]],
            textposition="top center",
            line={"dash": style["dash"], "color": style["color"]},
            marker={"symbol": style["symbol"], "size": 11},
        )
    return fig
