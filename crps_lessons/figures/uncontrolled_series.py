"""Figure of the uncontrolled-series explorer (lesson 12): a made-up clinic series and what explains its fall."""

from __future__ import annotations

import plotly.graph_objects as go

from . import DASHES, MARKERS, PALETTE, axis_title, new_figure, role

__all__ = ["GREY", "PARTS", "TRIAL_BAR", "uncontrolled_series_figure"]

GREY = "#7f7f7f"
# Bottom panel, top to bottom: the four parts of the before-and-after fall, then what a trial measures.
PARTS = ["regression to the mean", "natural recovery", "placebo and attention", "the treatment itself"]
TRIAL_BAR = "difference between the arms (what a trial measures)"


def uncontrolled_series_figure() -> go.Figure:
    """Two panels with empty traces. Top: mean pain by week (roles ``treated``, ``placebo_arm``,
    ``usual``); bottom: the parts of the fall (role ``parts``) and the between-arm difference (``trial``)."""
    fig = new_figure(
        "Why a clinic's before-and-after series looks good (conceptual teaching model, made-up numbers)",
        axis_title("Weeks after enrolment", "weeks"),
        axis_title("Average pain", "points, 0-10 scale"),
        "Two-panel chart from a conceptual model with made-up numbers: the top panel shows the average pain "
        "of people enrolled on a bad week, week by week, for the treated group, for a placebo arm when it is "
        "switched on, and for their usual level without any treatment; the bottom panel splits the treated "
        "group's fall into regression to the mean, natural recovery, placebo and attention, and the treatment "
        "itself, beside the difference between the arms that a controlled trial measures.",
        height=620,
    )
    fig.update_layout(
        title={"y": 0.98, "yanchor": "top", "font": {"size": 15}},
        margin={"t": 110, "l": 80, "r": 20},
        legend={"orientation": "h", "x": 0.0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        yaxis={"domain": [0.45, 1.0], "range": [0, 10]},
        xaxis={"anchor": "y"},
        xaxis2={
            "anchor": "y2",
            "title": {"text": axis_title("Part of the before-and-after fall", "points, 0-10 scale")},
            "showgrid": True,
            "gridcolor": "#e5e5e5",
            "rangemode": "tozero",
        },
        yaxis2={
            "domain": [0.0, 0.3],
            "anchor": "x2",
            "type": "category",
            "categoryorder": "array",
            "categoryarray": [TRIAL_BAR, *PARTS][::-1],
            "title": {"text": axis_title("Where it comes from", "category")},
            "showticklabels": False,
            "showgrid": False,
        },
    )
    fig.add_scatter(
        meta=role("treated"),
        mode="lines+markers",
        name="treated (the clinic's series)",
        line={"color": PALETTE[1], "dash": DASHES[0], "width": 3},
        marker={"symbol": MARKERS[0], "size": 6},
    )
    fig.add_scatter(
        meta=role("placebo_arm"),
        mode="lines+markers",
        name="randomized placebo arm",
        line={"color": PALETTE[0], "dash": DASHES[1], "width": 3},
        marker={"symbol": MARKERS[1], "size": 6},
    )
    fig.add_scatter(
        meta=role("usual"),
        mode="lines",
        name="their usual level, untreated",
        line={"color": GREY, "dash": DASHES[2], "width": 2},
    )
    fig.add_bar(
        meta=role("parts"),
        orientation="h",
        name="parts of the clinic's before-and-after fall",
        marker={"color": [PALETTE[3], PALETTE[2], PALETTE[5], PALETTE[1]], "pattern": {"shape": ["/", ".", "x", ""]}},
        xaxis="x2",
        yaxis="y2",
        showlegend=False,
        hoverinfo="x+y",
        textposition="outside",
        cliponaxis=False,
    )
    fig.add_bar(
        meta=role("trial"),
        orientation="h",
        name="difference between the arms",
        marker={"color": PALETTE[0]},
        xaxis="x2",
        yaxis="y2",
        showlegend=False,
        hoverinfo="x+y",
        textposition="outside",
        cliponaxis=False,
    )
    return fig
