"""Figure of the evidence explorer (lesson 12): results on one map, opinions in a separate strip.

Top panel: each finding of ``data/findings.csv`` as one marker, across by the direction of the
effect, up by its certainty; the marker's symbol is the study design (one trace per design, so the
legend names them) and its size the number of people. Bottom strip: the opinions (statements of the
source documents, guidelines and consensus statements in ``data/source_statements.csv``) at the
stance they take, one row per source: never on the same axes as the results.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..data import table_schema
from ..models.evidence_map import CERTAINTY_AXIS, DIRECTION_AXIS
from . import PALETTE, axis_title, new_figure, role

__all__ = [
    "DESIGN_SYMBOLS",
    "EVIDENCE_STANCES",
    "OPINION_TRACES",
    "design_role",
    "design_words",
    "designs",
    "evidence_figure",
]

# The stance axis of the opinions strip, from least to most favourable (left to right).
EVIDENCE_STANCES = ["harmful", "not helpful", "caution", "describes", "worth trying", "recommends"]
DESIGN_SYMBOLS = {
    "systematic review": "star",
    "randomized trial": "circle",
    "randomized crossover trial": "hexagon",
    "non-randomized controlled study": "diamond",
    "cohort study": "triangle-up",
    "case series": "square",
    "case report": "x",
    "audit": "triangle-down",
    "laboratory or animal study": "cross",
}
# Role -> (legend name, symbol, colour) of the two opinion traces.
OPINION_TRACES = {
    "opinion-document": ("opinion: one of the four source documents", "square-open", PALETTE[1]),
    "opinion-guideline": ("opinion: a guideline or consensus statement", "diamond-open", PALETTE[0]),
}


def designs() -> list[str]:
    """The study designs the findings table allows (its schema's enum), in schema order."""
    field = next(f for f in table_schema("findings")["fields"] if f["name"] == "design")
    return list(field["constraints"]["enum"])


def design_role(design: str) -> str:
    """The role of the results trace of one design (the schema's word, e.g. "design:randomized trial")."""
    return f"design:{design}"


def design_words(design: str) -> str:
    """The design as the lessons spell it (Oxford spelling, "randomized", whatever spelling a table uses)."""
    return design.replace("randomised", "randomized")


def evidence_figure() -> go.Figure:
    """Empty two-panel map: one results trace per design (role ``design:<design>``) and the two
    opinion traces (roles ``opinion-document``, ``opinion-guideline``)."""
    fig = new_figure(
        "Results and opinions",
        axis_title("Direction of the effect", "category"),
        axis_title("Certainty of the evidence", "GRADE category"),
        "Two-panel chart: the top panel places each research finding by the direction of its effect, from harm "
        "on the left to benefit on the right, and by the certainty of the evidence, from not graded at the bottom "
        "to high at the top, with the marker's shape showing the study design and its size the number of people; "
        "the bottom strip shows opinions (source documents, guidelines, consensus statements) at the stance each "
        "takes, one row per source, kept apart from the results.",
        height=780,
    )
    fig.update_layout(
        title={"y": 0.985, "yanchor": "top", "font": {"size": 15}},
        margin={"l": 230, "r": 20, "t": 90, "b": 110},
        # Under the opinions strip, so it never covers a marker of the results map.
        legend={"orientation": "h", "x": 0.0, "xanchor": "left", "y": -0.1, "yanchor": "top", "font": {"size": 12}},
        xaxis={
            "domain": [0, 1],
            "anchor": "y",
            "range": [-0.5, len(DIRECTION_AXIS) - 0.5],
            "tickmode": "array",
            "tickvals": list(range(len(DIRECTION_AXIS))),
            "ticktext": DIRECTION_AXIS,
            "zeroline": False,
        },
        yaxis={
            "domain": [0.47, 1.0],
            "range": [-0.5, len(CERTAINTY_AXIS) - 0.5],
            "tickmode": "array",
            "tickvals": list(range(len(CERTAINTY_AXIS))),
            "ticktext": CERTAINTY_AXIS,
            "zeroline": False,
        },
        xaxis2={
            "anchor": "y2",
            "type": "category",
            "categoryorder": "array",
            "categoryarray": EVIDENCE_STANCES,
            "range": [-0.5, len(EVIDENCE_STANCES) - 0.5],
            "title": {"text": axis_title("Stance the opinion takes", "category")},
            "showgrid": True,
            "gridcolor": "#e5e5e5",
        },
        yaxis2={
            "domain": [0.0, 0.28],
            "anchor": "x2",
            "type": "category",
            "categoryorder": "array",
            "categoryarray": [],
            "title": {"text": axis_title("Source of the opinion", "one row each")},
            "showgrid": True,
            "gridcolor": "#e5e5e5",
        },
        annotations=[
            {
                "text": "<b>Results</b> (findings of trials and reviews)",
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 1.0,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
            },
            {
                "text": "<b>Opinions</b> (what sources say, not what trials found)",
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0.3,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
            },
        ],
        shapes=[
            {
                "type": "line",
                "xref": "paper",
                "yref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": 0.385,
                "y1": 0.385,
                "line": {"color": "#7f7f7f", "width": 1, "dash": "dot"},
            }
        ],
    )
    # Okabe-Ito without its yellow (too pale on white for small markers); symbols differ anyway.
    colours = [c for c in PALETTE if c != "#F0E442"]
    for i, design in enumerate(designs()):
        fig.add_scatter(
            meta=role(design_role(design)),
            x=[],
            y=[],
            mode="markers+text",
            name=design_words(design),
            marker={
                "symbol": DESIGN_SYMBOLS.get(design, "circle"),
                "color": colours[i % len(colours)],
                "line": {"color": "#000000", "width": 1},
                "opacity": 0.85,
            },
            textposition="top center",
            textfont={"size": 11},
            cliponaxis=False,
            hoverinfo="text",
            showlegend=False,
        )
    for trace_role, (name, symbol, colour) in OPINION_TRACES.items():
        fig.add_scatter(
            meta=role(trace_role),
            x=[],
            y=[],
            mode="markers",
            name=name,
            marker={"symbol": symbol, "size": 14, "color": colour, "line": {"width": 2, "color": colour}},
            hoverinfo="text",
            xaxis="x2",
            yaxis="y2",
            showlegend=False,
        )
    return fig
