"""Figure of the care-strands explorer: the strands of care over time, and the measures read at each review."""

from __future__ import annotations

import plotly.graph_objects as go

from ..models.care_strands import CSS_ITEMS, STRANDS
from . import DASHES, MARKERS, PALETTE, axis_title, new_figure, role

__all__ = ["CLINIC_LANE", "GREY", "STRAND_LANE", "care_strands_figure"]

GREY = "#7f7f7f"
# Lanes of the top panel, top to bottom: the four strands, then the clinic article's phases for contrast.
STRAND_LANE = {key: 4 - i for i, key in enumerate(STRANDS)}
CLINIC_LANE = -0.2


def care_strands_figure(months_shown: float = 12.0) -> go.Figure:
    """Two panels with empty traces.

    Top: one lane per strand (roles ``strand_<key>``), review events (``events``), the clinic
    article's phase windows (``clinic_phases``, ``clinic_labels``) and the review on the slider
    (``now_top``). Bottom: pain, CSS and function at each review (``pain``, ``css``, ``function``),
    the band of CSS values within 4.9 points of the previous review (``css_band``) and ``now_bottom``.
    """
    fig = new_figure(
        "Care in parallel strands: a made-up case, review by review",
        axis_title("Time since the first visit", "months"),
        axis_title("Strand of care", "lane"),
        "Two-panel chart for a made-up teaching case: the top panel shows the four strands of care "
        "(education and self-management, pain relief, physical rehabilitation, psychological support) as "
        "bars running side by side from the first visit, with what changed at each review, and, for "
        "contrast, the clinic article's three phases; the bottom panel shows pain (0-10), the CRPS "
        "Severity Score (points) and a made-up function score (0-10) at each review.",
        height=760,
    )
    lanes = {
        **{STRAND_LANE[k]: label for k, label in STRANDS.items()},
        CLINIC_LANE: "The clinic article's phases<br>(one clinic's version)",
    }
    fig.update_layout(
        title={"y": 0.985, "yanchor": "top"},
        margin={"t": 70, "l": 230, "b": 130},
        legend={"orientation": "h", "x": 0.0, "xanchor": "left", "y": -0.1, "yanchor": "top"},
        xaxis={"anchor": "y", "range": [-0.3, months_shown + 2.0]},
        yaxis={
            "domain": [0.5, 1.0],
            "range": [-1.0, 4.7],
            "tickvals": list(lanes),
            "ticktext": list(lanes.values()),
            "showgrid": False,
        },
        xaxis2={
            "anchor": "y2",
            "matches": "x",
            "showgrid": True,
            "gridcolor": "#e5e5e5",
            "title": {"text": axis_title("Time since the first visit", "months")},
        },
        yaxis2={
            "domain": [0.0, 0.4],
            "anchor": "x2",
            "range": [0, CSS_ITEMS + 0.5],
            "showgrid": True,
            "gridcolor": "#e5e5e5",
            "title": {"text": axis_title("Score", "points")},
        },
    )
    for i, (key, label) in enumerate(STRANDS.items()):
        fig.add_scatter(
            meta=role(f"strand_{key}"),
            mode="lines",
            name=label,
            showlegend=False,
            line={"color": PALETTE[i], "width": 16},
            hoverinfo="name+x",
        )
    fig.add_scatter(
        meta=role("events"),
        mode="markers",
        name="what changed at a review",
        marker={"symbol": MARKERS[4], "size": 13, "color": "#000000", "line": {"width": 1}},
        hovertemplate="%{text}<extra></extra>",
    )
    fig.add_scatter(
        meta=role("clinic_phases"),
        mode="lines",
        name="the clinic article's phases (contrast)",
        showlegend=False,
        line={"color": GREY, "width": 7, "dash": DASHES[0]},
        connectgaps=False,
    )
    fig.add_scatter(
        meta=role("clinic_labels"),
        mode="text",
        name="clinic phase labels",
        showlegend=False,
        textposition="top right",
        textfont={"size": 12, "color": "#444444"},
        hoverinfo="skip",
    )
    fig.add_scatter(
        meta=role("now_top"),
        mode="lines",
        name="this review",
        showlegend=False,
        line={"color": "#000000", "dash": DASHES[2], "width": 2},
        hoverinfo="skip",
    )
    fig.add_scatter(
        meta=role("css_band"),
        mode="lines",
        fill="toself",
        name="within 4.9 CSS points of the last review",
        line={"width": 0},
        fillcolor="rgba(204,121,167,0.18)",
        hoverinfo="skip",
        xaxis="x2",
        yaxis="y2",
    )
    fig.add_scatter(
        meta=role("pain"),
        mode="lines+markers",
        name="pain (0-10)",
        xaxis="x2",
        yaxis="y2",
        line={"color": PALETTE[1], "dash": DASHES[0], "width": 3},
        marker={"symbol": MARKERS[0], "size": 9},
    )
    fig.add_scatter(
        meta=role("css"),
        mode="lines+markers",
        name="CRPS Severity Score (0-17)",
        xaxis="x2",
        yaxis="y2",
        line={"color": PALETTE[4], "dash": DASHES[1], "width": 3},
        marker={"symbol": MARKERS[1], "size": 9},
    )
    fig.add_scatter(
        meta=role("function"),
        mode="lines+markers",
        name="function (made-up 0-10)",
        xaxis="x2",
        yaxis="y2",
        line={"color": PALETTE[2], "dash": DASHES[2], "width": 3},
        marker={"symbol": MARKERS[3], "size": 10},
    )
    fig.add_scatter(
        meta=role("now_bottom"),
        mode="lines",
        name="this review (bottom)",
        showlegend=False,
        line={"color": "#000000", "dash": DASHES[2], "width": 2},
        hoverinfo="skip",
        xaxis="x2",
        yaxis="y2",
    )
    return fig
