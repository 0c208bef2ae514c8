"""Figures of the left/right hand judgement trainer (lesson 09).

The picture figure shows one drawn hand (from :func:`crps_lessons.models.hands.draw_hand`); the
summary figure sets the learner's mean response time beside the published group means of
Reinersmann et al. 2010 (Neurosci Lett 486:240-245), kept in ``REINERSMANN_2010``.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..models.hands import REINERSMANN_2010
from . import PALETTE, axis_title, new_figure, role

__all__ = ["SUMMARY_GROUPS", "hand_figure", "hand_summary_figure"]

SUMMARY_GROUPS = ["you (this session)", "healthy (Reinersmann 2010)", "CRPS (Reinersmann 2010)"]


def hand_figure() -> go.Figure:
    """An empty picture: roles ``outline`` (the filled hand) and ``marks`` (nails, knuckles or creases)."""
    fig = new_figure(
        "Is this a left or a right hand?",
        axis_title("x", "drawing units"),
        axis_title("y", "drawing units"),
        "A drawn hand, seen from the back (nails and knuckles drawn) or from the palm (creases drawn), "
        "turned by 0, 90, 180 or 270 degrees; decide whether it is a left or a right hand.",
        height=380,
    )
    fig.add_scatter(
        meta=role("outline"),
        x=[],
        y=[],
        mode="lines",
        fill="toself",
        name="hand outline",
        line={"color": PALETTE[0], "width": 3},
        fillcolor="rgba(86,180,233,0.35)",
        hoverinfo="skip",
    )
    fig.add_scatter(
        meta=role("marks"),
        x=[],
        y=[],
        mode="lines",
        name="nails, knuckles or creases",
        line={"color": PALETTE[7], "width": 2},
        hoverinfo="skip",
    )
    # The picture needs no axes; equal scales keep the hand's shape when it is turned.
    fig.update_layout(
        showlegend=False,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={"visible": False, "range": [-6, 6]},
        yaxis={"visible": False, "range": [-3.6, 8.6], "scaleanchor": "x"},
    )
    return fig


def hand_summary_figure() -> go.Figure:
    """Bars of mean response time (role ``times``): the learner (0 until a correct answer), then the
    healthy and CRPS group means of Reinersmann et al. 2010."""
    fig = new_figure(
        "Your mean response time against published groups",
        axis_title("Group", "label"),
        axis_title("Mean response time", "s"),
        "Bars compare your mean response time on correct answers with the mean times reported by "
        "Reinersmann et al. 2010 for healthy people and for people with CRPS.",
        height=300,
    )
    healthy, crps = REINERSMANN_2010["healthy"]["mean_s"], REINERSMANN_2010["CRPS"]["mean_s"]
    fig.add_bar(
        meta=role("times"),
        x=SUMMARY_GROUPS,
        y=[0, healthy, crps],
        name="mean response time",
        marker={"color": [PALETTE[1], PALETTE[0], PALETTE[3]], "pattern": {"shape": ["", "/", "x"]}},
        text=["no answers yet", f"{healthy:.2f} s", f"{crps:.2f} s"],
        textposition="outside",
    )
    fig.update_layout(showlegend=False, yaxis={"range": [0, 3.5]})
    return fig
