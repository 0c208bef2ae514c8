"""Plotly figures with the shared theme.

Every figure the package builds has a title, axis titles with units and a one-sentence text
description (kept in ``layout.meta["description"]`` and shown under the figure by explorers), so
that a screen-reader user gets the point of the plot.

Palette: Okabe & Ito (2008), "Color Universal Design", safe for the common colour-vision
deficiencies. Traces also differ by dash or marker, so colour never carries meaning alone.
"""

from __future__ import annotations

import plotly.graph_objects as go

__all__ = ["DASHES", "MARKERS", "PALETTE", "axis_title", "description_of", "new_figure", "role", "role_of"]

# Okabe-Ito: blue, vermillion, bluish green, orange, reddish purple, sky blue, yellow, black.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
MARKERS = ["circle", "square", "diamond", "triangle-up", "x", "star"]


def axis_title(label: str, unit: str) -> str:
    """'Membrane voltage' + 'mV' -> 'Membrane voltage (mV)'. Use unit 'dimensionless' when it is."""
    if not unit:
        raise ValueError("axis_title: unit must be a non-empty string (use 'dimensionless' or 'count')")
    return f"{label} ({unit})"


# A FigureWidget inside an ipywidgets box does not stretch to the cell (plotly.py issues 4027 and
# 5208) and falls back to plotly.js's 700 px; a fixed width that fits a laptop's notebook column
# leaves room for long titles.
WIDGET_WIDTH_PX = 840


def new_figure(title: str, x_title: str, y_title: str, description: str, *, height: int = 420) -> go.Figure:
    """An empty themed plain figure with title, axes and description (explorers wrap it in a FigureWidget).

    ``x_title`` and ``y_title`` should come from :func:`axis_title` so they carry units.
    """
    if not description or not description.strip():
        raise ValueError("new_figure: description must be one sentence describing the plot")
    layout = go.Layout(
        title={"text": title, "x": 0.02, "xanchor": "left"},
        xaxis={"title": {"text": x_title}, "showgrid": True, "gridcolor": "#e5e5e5", "zeroline": False},
        yaxis={"title": {"text": y_title}, "showgrid": True, "gridcolor": "#e5e5e5", "zeroline": False},
        template="simple_white",
        colorway=PALETTE,
        font={"size": 14},
        height=height,
        margin={"l": 70, "r": 20, "t": 60, "b": 60},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1.0},
        meta={"description": description.strip()},
        width=WIDGET_WIDTH_PX,
    )
    return go.Figure(layout=layout)


def description_of(fig: go.Figure) -> str:
    """The one-sentence description stored on a figure built by :func:`new_figure`."""
    meta = fig.layout.meta
    return (meta or {}).get("description", "") if isinstance(meta, dict) else ""


def role(name: str) -> dict:
    """``meta`` for a trace with this role, e.g. ``fig.add_scatter(meta=role("slow"), ...)``; explorers find
    traces by role, never by position."""
    return {"role": name}


def role_of(trace) -> str | None:
    """The role a figure builder gave a trace (None if it has none)."""
    meta = trace.meta
    return meta.get("role") if isinstance(meta, dict) else None
