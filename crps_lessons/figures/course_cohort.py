"""Figure of the course-cohort explorer (lesson 02): a made-up cohort's course, by improver group."""

from __future__ import annotations

import plotly.graph_objects as go

from ..models.course_cohort import GROUPS, MONTHS, OUTCOMES
from . import DASHES, MARKERS, PALETTE, axis_title, new_figure, role

__all__ = ["GREY", "GROUP_STYLE", "SHORT_OUTCOME", "course_cohort_figure"]

GREY = "#bdbdbd"
# Colour, dash, marker and bar pattern of each improver group (never colour alone).
GROUP_STYLE = {
    "early": (PALETTE[2], DASHES[0], MARKERS[0], ""),
    "late": (PALETTE[3], DASHES[1], MARKERS[1], "/"),
    "not_yet": (PALETTE[1], DASHES[2], MARKERS[2], "x"),
}
SHORT_OUTCOME = {
    "pain": "pain",
    "function": "loss of function",
    "sensory": "sensory",
    "vasomotor": "vasomotor",
    "sudomotor_oedema": "sudomotor and swelling",
    "motor_trophic": "motor and trophic",
}


def course_cohort_figure() -> go.Figure:
    """Two panels with empty traces.

    Top: the chosen outcome by month, for a sample of made-up people (role ``people``), the mean of
    each improver group (``early``, ``late``, ``not_yet``), the month shown (``now``) and a made-up
    clinic's before-and-after (``clinic``, its noise-free level ``clinic_usual``). Bottom: the share of
    the onset problem still present at the month shown, per outcome, for each group
    (``left_early``, ``left_late``, ``left_not_yet``).
    """
    fig = new_figure(
        "The course of CRPS in a made-up cohort (conceptual teaching model, made-up people)",
        axis_title("Time since onset", "months"),
        axis_title("Score", "points, 0-10"),
        "Two-panel chart from a conceptual teaching model with made-up people whose shares at 12 months follow "
        "a published cohort: the top panel shows the chosen outcome month by month for a sample of made-up "
        "people in grey and the average of early improvers, late improvers and those not improved by month 12, "
        "with, when switched on, a made-up clinic's before-and-after series for a treatment that does nothing; "
        "the bottom panel shows, for each group, how much of each problem present at onset is still there in "
        "the month shown.",
        height=940,
    )
    fig.update_layout(
        title={"y": 0.99, "yanchor": "top", "font": {"size": 15}},
        margin={"t": 50, "l": 70, "r": 20, "b": 290},
        legend={"orientation": "v", "x": 0.0, "xanchor": "left", "y": -0.3, "yanchor": "top"},
        barmode="group",
        xaxis={"anchor": "y", "range": [-0.3, MONTHS + 0.3], "dtick": 3},
        yaxis={"domain": [0.46, 1.0], "range": [0, 10]},
        xaxis2={
            "anchor": "y2",
            "type": "category",
            "categoryorder": "array",
            "categoryarray": [SHORT_OUTCOME[k] for k in OUTCOMES],
            "title": {"text": axis_title("Problem present at onset", "category")},
        },
        yaxis2={
            "domain": [0.0, 0.3],
            "anchor": "x2",
            "range": [0, 105],
            "showgrid": True,
            "gridcolor": "#e5e5e5",
            "title": {"text": axis_title("Still present", "% of onset")},
        },
    )
    fig.add_scatter(
        meta=role("people"),
        mode="lines",
        name="made-up individuals (a sample)",
        line={"color": GREY, "width": 1},
        hoverinfo="skip",
    )
    for key, label in GROUPS.items():
        colour, dash, marker, _ = GROUP_STYLE[key]
        fig.add_scatter(
            meta=role(key),
            mode="lines+markers",
            name=label,
            line={"color": colour, "dash": dash, "width": 3},
            marker={"symbol": marker, "size": 6},
        )
    fig.add_scatter(
        meta=role("now"),
        mode="lines",
        name="month shown",
        line={"color": PALETTE[7], "dash": DASHES[2], "width": 1},
        hoverinfo="skip",
    )
    fig.add_scatter(
        meta=role("clinic"),
        mode="lines+markers+text",
        name="made-up clinic: measured pain of those it enrolled",
        line={"color": PALETTE[4], "width": 3},
        marker={"symbol": MARKERS[3], "size": 12},
        textposition="top center",
    )
    fig.add_scatter(
        meta=role("clinic_usual"),
        mode="lines+markers",
        name="the same people's usual level (without month-to-month ups and downs)",
        line={"color": PALETTE[4], "dash": DASHES[1], "width": 2},
        marker={"symbol": MARKERS[4], "size": 9},
    )
    for key, label in GROUPS.items():
        colour, _, _, pattern = GROUP_STYLE[key]
        fig.add_bar(
            meta=role(f"left_{key}"),
            name=f"still present: {label}",
            showlegend=False,
            marker={"color": colour, "pattern": {"shape": pattern}},
            xaxis="x2",
            yaxis="y2",
            hovertemplate="%{x}: %{y:.0f}% of onset<extra>" + label + "</extra>",
        )
    return fig
