"""Figures of the left/right hand judgement trainer (lesson 09).

The picture figure shows one drawn hand (from :func:`crps_lessons.models.hands.draw_hand`); the
summary figure sets the learner's mean response time beside the published group means of
Reinersmann et al. 2010 (Neurosci Lett 486:240-245), before and after their four-day training
(``REINERSMANN_2010``, ``REINERSMANN_2010_AFTER_TRAINING``); the breakdown figure shows the
learner's mean time for each rotation, for left-hand and right-hand pictures side by side.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..models.hands import DEFAULT_ROTATIONS, REINERSMANN_2010, REINERSMANN_2010_AFTER_TRAINING, ROTATION_NAMES
from . import PALETTE, axis_title, new_figure, role

__all__ = [
    "BREAKDOWN_ROTATIONS",
    "SUMMARY_GROUPS",
    "hand_breakdown_figure",
    "hand_figure",
    "hand_summary_figure",
    "rotation_axis_label",
]

# Two-line labels (plotly's <br>) so the five bars' names do not overlap at the widget's width.
SUMMARY_GROUPS = [
    "you<br>(this session)",
    "healthy<br>(before training)",
    "CRPS<br>(before training)",
    "healthy after<br>4 days' training",
    "CRPS after<br>4 days' training",
]
BREAKDOWN_ROTATIONS = DEFAULT_ROTATIONS


def rotation_axis_label(rotation: int) -> str:
    """'90°<br>fingers to the left' for the breakdown figure's x axis."""
    name = ROTATION_NAMES[rotation]
    short = name.split("(")[-1].rstrip(")") if "(" in name else name
    return f"{rotation}°<br>{short}"


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
    healthy and CRPS group means of Reinersmann et al. 2010, before and after four days' training."""
    fig = new_figure(
        "Your mean time against published group means (Reinersmann et al. 2010)",
        axis_title("Group", "label"),
        axis_title("Mean response time", "s"),
        "Bars compare your mean response time on correct answers with the mean times Reinersmann et al. "
        "2010 reported for healthy people and for people with CRPS, before and after four days of training.",
        height=320,
    )
    published = [
        REINERSMANN_2010["healthy"]["mean_s"],
        REINERSMANN_2010["CRPS"]["mean_s"],
        REINERSMANN_2010_AFTER_TRAINING["healthy"]["mean_s"],
        REINERSMANN_2010_AFTER_TRAINING["CRPS"]["mean_s"],
    ]
    fig.add_bar(
        meta=role("times"),
        x=SUMMARY_GROUPS,
        y=[0, *published],
        name="mean response time",
        marker={
            "color": [PALETTE[1], PALETTE[0], PALETTE[3], PALETTE[0], PALETTE[3]],
            "pattern": {"shape": ["", "/", "x", ".", "+"]},
        },
        text=["no correct answers yet", *(f"{t:.2f} s" for t in published)],
        textposition="outside",
    )
    fig.update_layout(showlegend=False, yaxis={"range": [0, 3.5]}, xaxis={"tickangle": 0})
    return fig


def hand_breakdown_figure() -> go.Figure:
    """Grouped bars of the learner's mean response time on correct answers for each rotation:
    roles ``left`` (left-hand pictures) and ``right`` (right-hand pictures); 0 where a group has no
    correct answer yet (its text says so)."""
    fig = new_figure(
        "Your mean time by how the hand was turned, left and right pictures",
        axis_title("How the picture was turned", "degrees anticlockwise"),
        axis_title("Mean response time", "s"),
        "Grouped bars: for each way the picture was turned (0, 90, 180 or 270 degrees), your mean time on "
        "correct answers for left-hand pictures and for right-hand pictures.",
        height=340,
    )
    labels = [rotation_axis_label(r) for r in BREAKDOWN_ROTATIONS]
    for i, side in enumerate(("left", "right")):
        fig.add_bar(
            meta=role(side),
            x=labels,
            y=[0] * len(labels),
            name=f"{side}-hand pictures",
            marker={"color": PALETTE[0 if side == "left" else 3], "pattern": {"shape": "" if i == 0 else "/"}},
            text=["no pictures<br>yet"] * len(labels),
            textposition="outside",
        )
    fig.update_layout(barmode="group", yaxis={"range": [0, 4.0]}, legend={"y": 1.02})
    return fig
