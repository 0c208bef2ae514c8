"""Plotly figures with the shared theme.

Every figure the package builds has a title, axis titles with units and a one-sentence text
description (kept in ``layout.meta["description"]`` and shown under the figure by explorers), so
that a screen-reader user gets the point of the plot.

Palette: Okabe & Ito (2008), "Color Universal Design", safe for the common colour-vision
deficiencies. Traces also differ by dash or marker, so colour never carries meaning alone.
"""

from __future__ import annotations

import sys

import plotly.graph_objects as go

__all__ = ["PALETTE", "DASHES", "MARKERS", "axis_title", "new_figure", "description_of"]

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


def _import_figurewidget_fast() -> None:
    """Import plotly's FigureWidget without compiling about 40 parsers that nothing here uses.

    ``plotly.basewidget`` imports ``plotly.io._renderers`` -> ``nbformat`` -> ``jsonschema``. When the
    optional package ``rfc3987_syntax`` is installed (JupyterLab's ``jupyter_events`` pulls it in),
    ``jsonschema._format`` builds about 40 lark grammars on import: about 1 s of CPU in a plain
    process and about 4 s inside a kernel (``make bench``). nbformat never checks the "iri" string
    format, so the package is hidden for this one import only; afterwards it imports normally (only
    this process's jsonschema lacks an "iri" format checker).
    """
    if "plotly.basewidget" in sys.modules or "jsonschema" in sys.modules:
        return
    hidden = "rfc3987_syntax" not in sys.modules
    if hidden:
        sys.modules["rfc3987_syntax"] = None  # makes `import rfc3987_syntax` raise ImportError
    try:
        import plotly.basewidget  # noqa: F401
    except ImportError:
        pass  # e.g. anywidget missing: go.FigureWidget raises plotly's own clear message below
    finally:
        if hidden and "rfc3987_syntax" in sys.modules and sys.modules["rfc3987_syntax"] is None:
            del sys.modules["rfc3987_syntax"]


def new_figure(title: str, x_title: str, y_title: str, description: str, *, widget: bool = True,
               height: int = 420) -> go.Figure:
    """An empty themed figure (a FigureWidget when ``widget``) with title, axes and description.

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
        width=WIDGET_WIDTH_PX if widget else None,
    )
    if widget:
        _import_figurewidget_fast()
        return go.FigureWidget(layout=layout)
    return go.Figure(layout=layout)


def description_of(fig: go.Figure) -> str:
    """The one-sentence description stored on a figure built by :func:`new_figure`."""
    meta = fig.layout.meta
    return (meta or {}).get("description", "") if isinstance(meta, dict) else ""
