"""Figure of the wind-up explorer: responses through a C-fibre train, and the voltage before each stimulus."""

from __future__ import annotations

import plotly.graph_objects as go

from . import DASHES, MARKERS, PALETTE, axis_title, new_figure, role

__all__ = ["windup_figure", "GREY"]

GREY = "#7f7f7f"


def windup_figure(slow_hz: float) -> go.Figure:
    """Two panels with empty traces (roles: ``slow``, ``chosen``, ``chosen_free``, ``slow_v``, ``chosen_v``)."""
    fig = new_figure(
        "Wind-up (conceptual teaching model): responses through a C-fibre train",
        axis_title("Stimulus number", "count"),
        axis_title("Response", "action potentials"),
        "Two-panel chart from a conceptual teaching model: the top panel shows the response to each "
        f"stimulus of a train at {slow_hz} Hz and at the chosen frequency (with ketamine, and without it as "
        "a grey reference); the bottom panel shows the membrane voltage just before each stimulus.",
        height=560,
    )
    fig.update_layout(
        title={"y": 0.98, "yanchor": "top"}, margin={"t": 110},
        legend={"orientation": "h", "x": 0.0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        yaxis={"domain": [0.42, 1.0], "range": [0, 24]},
        xaxis={"anchor": "y"},
        xaxis2={"anchor": "y2", "matches": "x", "title": {"text": axis_title("Stimulus number", "count")},
                "showgrid": True, "gridcolor": "#e5e5e5"},
        yaxis2={"domain": [0.0, 0.28], "anchor": "x2", "range": [-67, -35],
                "title": {"text": axis_title("Voltage", "mV")}, "showgrid": True, "gridcolor": "#e5e5e5"},
    )
    slow = {"color": PALETTE[0], "dash": DASHES[1]}
    chosen = {"color": PALETTE[1], "dash": DASHES[0], "width": 3}
    fig.add_scatter(meta=role("slow"), mode="lines+markers", name=f"{slow_hz} Hz", line=slow,
                    marker={"symbol": MARKERS[1], "size": 8})
    fig.add_scatter(meta=role("chosen"), mode="lines+markers", name="chosen frequency", line=chosen,
                    marker={"symbol": MARKERS[0], "size": 9})
    fig.add_scatter(meta=role("chosen_free"), mode="lines", name="chosen frequency, no ketamine",
                    line={"color": GREY, "dash": DASHES[2], "width": 2})
    fig.add_scatter(meta=role("slow_v"), mode="lines+markers", name=f"{slow_hz} Hz voltage", showlegend=False, line=slow,
                    marker={"symbol": MARKERS[1], "size": 6}, xaxis="x2", yaxis="y2")
    fig.add_scatter(meta=role("chosen_v"), mode="lines+markers", name="chosen frequency voltage", showlegend=False,
                    line=chosen, marker={"symbol": MARKERS[0], "size": 6}, xaxis="x2", yaxis="y2")
    return fig
