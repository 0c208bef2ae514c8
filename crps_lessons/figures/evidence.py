"""Figure of the evidence explorer (lesson 12): each source's stance on one treatment.

The source documents (web pages and a slide deck) and the published trials, reviews and guidelines
are drawn with different markers, so a learner sees at once where opinion and trial evidence part.
"""

from __future__ import annotations

import plotly.graph_objects as go

from . import PALETTE, axis_title, new_figure, role

__all__ = ["EVIDENCE_STANCES", "evidence_figure"]

# The stance axis, from least to most favourable (left to right).
EVIDENCE_STANCES = ["harmful", "not helpful", "caution", "describes", "worth trying", "recommends"]


def evidence_figure() -> go.Figure:
    """Empty stance (x) by source (y) chart; roles ``source-document`` (squares) and ``published`` (circles)."""
    fig = new_figure(
        "What each source says",
        axis_title("Stance the source takes", "category"),
        axis_title("Source", "one row each"),
        "Each marker is one source placed at the stance it takes on the chosen treatment, from harmful "
        "on the left to recommends on the right; squares are the source documents, circles are published "
        "trials, reviews and guidelines.",
        height=460,
    )
    fig.add_scatter(
        meta=role("source-document"),
        x=[],
        y=[],
        mode="markers+text",
        name="source document (web page or slide deck)",
        marker={"symbol": "square", "size": 16, "color": PALETTE[1]},
        textposition="top center",
        hoverinfo="text",
    )
    fig.add_scatter(
        meta=role("published"),
        x=[],
        y=[],
        mode="markers+text",
        name="published trial, review or guideline",
        marker={"symbol": "circle", "size": 16, "color": PALETTE[0]},
        textposition="top center",
        hoverinfo="text",
    )
    fig.update_layout(
        xaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": EVIDENCE_STANCES,
            "range": [-0.5, len(EVIDENCE_STANCES) - 0.5],
            "tickangle": 0,
        },
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": []},
        margin={"l": 200, "r": 20, "t": 60, "b": 150},
        legend={"orientation": "h", "y": -0.32, "x": 0.0, "xanchor": "left", "yanchor": "top"},
    )
    return fig
