"""Figures of published trials (lesson 08): the two arms of one trial outcome over time.

Values come only from data/trial_outcomes.csv, each row read from the paper (its ``note`` says how).
A row gives either a number (``value``, one arm at one time point) or, when the source reports the
result in words only, that result (``words``, arm "both arms"): such a time point is drawn as a
dotted vertical marker with its source, never as an invented number.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from ..data import load_table, source_label
from . import PALETTE, axis_title, new_figure, role

__all__ = [
    "ARM_ROLES",
    "WORDS_ROLE",
    "split_rows",
    "trial_arms_figure",
    "trial_outcomes_figure",
    "words_marker",
]

# Two arms, told apart by dash and marker as well as colour.
ARM_STYLE = [
    {"dash": "solid", "symbol": "circle", "color": PALETTE[0]},
    {"dash": "dash", "symbol": "square", "color": PALETTE[1]},
]
ARM_ROLES = ("arm_a", "arm_b")
WORDS_ROLE = "in_words"
WORDS_NAME = "reported in words only (no number given)"
WORDS_STYLE = {"dash": "dot", "color": PALETTE[4], "width": 2}


def split_rows(part: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(numeric rows, words-only rows) of one trial outcome; a row must give exactly one of value and words."""
    has_value = part["value"].notna()
    has_words = part["words"].notna() & (part["words"].astype(str).str.strip() != "")
    bad = part[has_value == has_words]
    if len(bad):
        r = bad.iloc[0]
        raise ValueError(
            f"data/trial_outcomes.csv: the row for {r['source_id']}, {r['outcome']!r}, arm {r['arm']!r} at "
            f"{r['timepoint_months']:g} months must give exactly one of 'value' (a number read from the source) "
            "and 'words' (the result when the source gives no number)"
        )
    numeric = part[has_value]
    if numeric.empty:
        first = part.iloc[0]
        raise ValueError(
            f"data/trial_outcomes.csv: {first['trial']!r}, {first['outcome']!r} has no row with a number to draw"
        )
    return numeric, part[has_words]


def words_marker(words: pd.DataFrame, lo: float, hi: float) -> dict:
    """x, y, text and hover of the dotted markers for words-only time points, spanning lo..hi."""
    x, y, text, hover = [], [], [], []
    for r in words.sort_values("timepoint_months").itertuples(index=False):
        t = float(r.timepoint_months)
        label = f"{t:g} months: in words only"
        tip = (
            f"<b>{t:g} months</b>: {html.escape(str(r.words), quote=False)}<br>"
            f"{html.escape(source_label(r.source_id), quote=False)}; "
            f"read from: {html.escape(str(r.note), quote=False)}"
        )
        x += [t, t, None]
        y += [lo, hi, None]
        text += ["", label, ""]
        hover += [tip, tip, ""]
    return {"x": x, "y": y, "text": text, "hovertext": hover}


def trial_arms_figure() -> go.Figure:
    """Empty chart for the explorer ``trial_outcomes``; roles ``arm_a``, ``arm_b``, ``difference``
    (arm a minus arm b, hidden until switched on) and ``in_words`` (time points reported without a number)."""
    fig = new_figure(
        "A trial's two arms over time",
        axis_title("Follow-up time", "months"),
        axis_title("Reported value", "see unit"),
        "The reported value of one outcome in each arm of a published trial at each time point read from "
        "the papers (lines only join the reported points), a dotted vertical marker where a paper gives the "
        "result in words only, and a dotted line for the difference between the arms when switched on.",
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
    fig.add_scatter(
        meta=role(WORDS_ROLE),
        x=[],
        y=[],
        mode="lines+text",
        name=WORDS_NAME,
        textposition="middle left",
        hoverinfo="text",
        cliponaxis=False,
        line=WORDS_STYLE,
    )
    # The legend goes under the plot, so that a long two-line title never runs into it.
    fig.update_layout(
        height=500,
        margin={"l": 80, "r": 20, "t": 100, "b": 130},
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0},
    )
    fig.update_yaxes(zeroline=True, zerolinecolor="#888888")
    return fig


def trial_outcomes_figure(trial: str, outcome: str, table: pd.DataFrame | None = None) -> go.Figure:
    """Static version of the trial explorer: both arms of one trial outcome over time (role: the arm),
    and a dotted marker (role ``in_words``) at each time point the source reports in words only."""
    table = load_table("trial_outcomes") if table is None else table
    part = table[(table["trial"] == trial) & (table["outcome"] == outcome)]
    if part.empty:
        pairs = sorted(set(zip(table["trial"], table["outcome"], strict=True)))
        raise ValueError(
            f"trial_outcomes_figure: no rows for trial {trial!r} and outcome {outcome!r}; available: {pairs}"
        )
    numeric, words = split_rows(part)
    unit = numeric["unit"].iloc[0]
    fig = new_figure(
        html.escape(f"{trial}: {outcome}", quote=False),
        axis_title("Follow-up time", "months"),
        axis_title(outcome.split(" (")[0], unit),
        f"Reported values of {outcome.lower()} in each arm of the {trial} at each time point read from the papers"
        + (", with a dotted marker where a paper gives the result in words only." if len(words) else "."),
    )
    for i, (arm, rows) in enumerate(numeric.groupby("arm", sort=False)):
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
    if len(words):
        lo, hi = float(min(numeric["value"].min(), 0)), float(max(numeric["value"].max(), 0))
        fig.add_scatter(
            meta=role(WORDS_ROLE),
            mode="lines+text",
            name=WORDS_NAME,
            textposition="middle left",
            hoverinfo="text",
            cliponaxis=False,
            line=WORDS_STYLE,
            **words_marker(words, lo, hi),
        )
    return fig
