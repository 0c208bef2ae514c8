"""Figures of lesson 06 about phased care, after the clinic article (data/care_phases.csv): the phase
timeline of the "phase_timeline" explorer and a teaching case's path of the "care_walkthrough" explorer.

Both draw every trace up front; the explorers only write trace data.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from . import MARKERS, PALETTE, axis_title, new_figure, role

__all__ = ["REVIEW_ROW", "TIMELINE_END_MONTH", "phase_timeline_figure", "walkthrough_figure"]

TIMELINE_END_MONTH = 24.0  # right edge of the timeline axis (months); phase 3 (12+ months) is open-ended
REVIEW_ROW = 4.0  # y of the reassessment row under the three phase rows (phase number axis)
SHORT_NAMES = {1: "early", 2: "established", 3: "refractory"}  # tick labels, after the phase names in the table


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def _phase_rows(care_phases: pd.DataFrame) -> list[tuple[int, float, float, str]]:
    """(phase, start month, end month as drawn, window text) per phase, in phase order; an open end is
    drawn to TIMELINE_END_MONTH."""
    rows = []
    for _, row in care_phases.sort_values("phase").iterrows():
        end = TIMELINE_END_MONTH if pd.isna(row["end_month"]) else float(row["end_month"])
        rows.append((int(row["phase"]), float(row["start_month"]), end, str(row["window_text"])))
    return rows


def _legend_below(fig: go.Figure) -> None:
    fig.update_layout(
        barmode="overlay",
        margin={"b": 110},
        legend={"orientation": "h", "y": -0.22, "x": 0, "xanchor": "left", "yanchor": "top"},
    )


def phase_timeline_figure(care_phases: pd.DataFrame) -> go.Figure:
    """The clinic article's phases as bars on a months-since-onset axis.

    Roles: ``phase_window`` (one bar per phase), ``applies_now`` (hatched overlay, zero length for a phase
    that does not apply), ``now_line`` and ``now_marker`` (the chosen month), ``reviews`` (reassessment points).
    """
    rows = _phase_rows(care_phases)
    fig = new_figure(
        "The clinic article's phased plan: where a teaching patient is",
        axis_title("Time since onset", "months"),
        axis_title("Care phase", "phase number"),
        "Horizontal bars show the clinic article's overlapping phase windows (phase 3 is open-ended), hatched "
        "bars mark the phases that apply at the chosen month, the dashed vertical line marks that month "
        "and the diamonds on the bottom row mark reassessment points every 4-6 weeks.",
        height=420,
    )
    phases = [r[0] for r in rows]
    starts = [r[1] for r in rows]
    colours = [_rgba(c, 0.45) for c in (PALETTE[5], PALETTE[3], PALETTE[4])]
    fig.add_bar(
        meta=role("phase_window"),
        y=phases,
        x=[r[2] - r[1] for r in rows],
        base=starts,
        orientation="h",
        name="phase window (the clinic article)",
        marker_color=colours[: len(rows)],
        marker_line={"color": "#000000", "width": 1},
        width=0.6,
        text=[r[3] for r in rows],
        textposition="inside",
        insidetextanchor="start",
        insidetextfont={"color": "#000000", "size": 13},
        constraintext="none",
        hoverinfo="text",
    )
    fig.add_bar(
        meta=role("applies_now"),
        y=phases,
        x=[0.0] * len(rows),
        base=starts,
        orientation="h",
        name="applies now",
        marker_color="rgba(0,0,0,0)",
        marker_pattern_shape="/",
        marker_pattern_fgcolor="#000000",
        marker_line={"color": "#000000", "width": 3},
        width=0.6,
        hoverinfo="skip",
    )
    fig.add_scatter(
        meta=role("now_line"),
        x=[0, 0],
        y=[0.5, REVIEW_ROW + 0.4],
        mode="lines",
        name="chosen month",
        line={"color": PALETTE[1], "dash": "dash", "width": 3},
        hoverinfo="skip",
    )
    fig.add_scatter(
        meta=role("now_marker"),
        x=[0],
        y=[0.35],
        mode="markers+text",
        text=[""],
        textposition="middle right",
        name="teaching patient",
        marker={"symbol": "triangle-down", "size": 14, "color": PALETTE[1]},
        hoverinfo="skip",
    )
    fig.add_scatter(
        meta=role("reviews"),
        x=[],
        y=[],
        mode="markers",
        name="reassessment point",
        marker={"symbol": MARKERS[2], "size": 10, "color": PALETTE[0]},
        hovertemplate="review at %{x:.1f} months<extra></extra>",
    )
    _legend_below(fig)
    fig.update_yaxes(
        tickvals=[*phases, REVIEW_ROW],
        ticktext=[f"Phase {p}<br>{SHORT_NAMES.get(p, '')}" for p in phases] + ["Reviews"],
        range=[REVIEW_ROW + 0.6, 0.2],
        showgrid=False,
    )
    fig.update_xaxes(range=[0, TIMELINE_END_MONTH + 0.5], dtick=3)
    return fig


def walkthrough_figure(care_phases: pd.DataFrame) -> go.Figure:
    """A teaching case's path through the phases, decision by decision.

    Roles: ``phase_window`` (pale background bars), ``path`` (step line of the phase in use),
    ``improving`` and ``not_improving`` (reviews by response), ``this_review`` (open square with text),
    ``first_visit``.
    """
    rows = _phase_rows(care_phases)
    fig = new_figure(
        "What comes next: a made-up teaching case under the clinic article's rule (conceptual)",
        axis_title("Time since onset", "months"),
        axis_title("Care phase in use", "phase number"),
        "Conceptual teaching figure: pale bars are the clinic article's phase windows, the step line is the phase "
        "the made-up case is in, circles mark reviews marked improving and crosses reviews marked not "
        "improving, and the open square is the review being discussed.",
        height=420,
    )
    fig.add_bar(
        meta=role("phase_window"),
        y=[r[0] for r in rows],
        x=[r[2] - r[1] for r in rows],
        base=[r[1] for r in rows],
        orientation="h",
        name="phase window (the clinic article)",
        marker_color="#dddddd",
        width=0.5,
        hoverinfo="skip",
    )
    fig.add_scatter(
        meta=role("path"),
        x=[],
        y=[],
        mode="lines",
        name="phase in use",
        line={"shape": "hv", "color": PALETTE[0], "width": 3},
    )
    fig.add_scatter(
        meta=role("improving"),
        x=[],
        y=[],
        mode="markers",
        name="improving",
        marker={"symbol": "circle", "size": 11, "color": PALETTE[2], "line": {"color": "#000", "width": 1}},
    )
    fig.add_scatter(
        meta=role("not_improving"),
        x=[],
        y=[],
        mode="markers",
        name="not improving",
        marker={"symbol": "x", "size": 12, "color": PALETTE[1]},
    )
    fig.add_scatter(
        meta=role("this_review"),
        x=[],
        y=[],
        mode="markers+text",
        name="this review",
        text=[""],
        textposition="top center",
        marker={"symbol": "square-open", "size": 22, "color": "#000000", "line": {"width": 2}},
    )
    fig.add_scatter(
        meta=role("first_visit"),
        x=[],
        y=[],
        mode="markers",
        name="first visit",
        marker={"symbol": "star", "size": 14, "color": PALETTE[3], "line": {"color": "#000", "width": 1}},
    )
    _legend_below(fig)
    fig.update_yaxes(tickvals=[1, 2, 3], ticktext=["Phase 1", "Phase 2", "Phase 3"], range=[3.7, 0.4])
    fig.update_xaxes(range=[0, TIMELINE_END_MONTH + 0.5], dtick=3)
    return fig
