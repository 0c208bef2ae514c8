"""Figure of the wind-up explorer: responses through a C-fibre train, the voltage before each stimulus,
and the fade after the train stops."""

from __future__ import annotations

import plotly.graph_objects as go

from . import DASHES, MARKERS, PALETTE, axis_title, new_figure, role

__all__ = ["GREY", "windup_figure"]

GREY = "#7f7f7f"


def windup_figure(slow_hz: float, max_pause_s: float = 60.0) -> go.Figure:
    """Three panels with empty traces.

    Roles: ``slow``, ``chosen``, ``chosen_free`` (responses, top); ``slow_v``, ``chosen_v`` (voltage
    before each stimulus, middle); ``fade``, ``rested``, ``test`` (response to a test stimulus after a
    pause, against the pause; the rested response; the chosen pause, bottom).
    """
    fig = new_figure(
        "Wind-up (conceptual teaching model): a C-fibre train, and the fade after it",
        axis_title("Stimulus number", "count"),
        axis_title("Response", "action potentials"),
        "Three-panel chart from a conceptual teaching model: the top panel shows the response to each "
        f"stimulus of a train at {slow_hz} Hz and at the chosen frequency (with ketamine, and without it as "
        "a grey reference); the middle panel shows the membrane voltage just before each stimulus; the "
        "bottom panel shows the response to one test stimulus given after a pause once the chosen train "
        "has ended, against the length of the pause, beside the rested response.",
        height=900,
    )
    fig.update_layout(
        title={"y": 0.985, "yanchor": "top"},
        margin={"t": 110},
        legend={"orientation": "h", "x": 0.0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        yaxis={"domain": [0.66, 1.0], "range": [0, 24]},
        xaxis={"anchor": "y"},
        xaxis2={
            "anchor": "y2",
            "matches": "x",
            "title": {"text": axis_title("Stimulus number", "count")},
            "showgrid": True,
            "gridcolor": "#e5e5e5",
        },
        yaxis2={
            "domain": [0.4, 0.54],
            "anchor": "x2",
            "range": [-67, -35],
            "title": {"text": axis_title("Voltage", "mV")},
            "showgrid": True,
            "gridcolor": "#e5e5e5",
        },
        xaxis3={
            "anchor": "y3",
            "range": [0, max_pause_s],
            "title": {"text": axis_title("Pause after the last stimulus of the train", "s")},
            "showgrid": True,
            "gridcolor": "#e5e5e5",
        },
        yaxis3={
            "domain": [0.0, 0.22],
            "anchor": "x3",
            "range": [0, 24],
            "title": {"text": axis_title("Test response", "action potentials")},
            "showgrid": True,
            "gridcolor": "#e5e5e5",
        },
    )
    for y, text in [
        (0.555, "Voltage just before each stimulus"),
        (0.235, "After the train stops: one test stimulus, given after a pause"),
    ]:
        fig.add_annotation(
            text=f"<b>{text}</b>",
            xref="paper",
            yref="paper",
            x=0.0,
            y=y,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"size": 13},
        )
    slow = {"color": PALETTE[0], "dash": DASHES[1]}
    chosen = {"color": PALETTE[1], "dash": DASHES[0], "width": 3}
    fig.add_scatter(
        meta=role("slow"),
        mode="lines+markers",
        name=f"{slow_hz} Hz",
        line=slow,
        marker={"symbol": MARKERS[1], "size": 8},
    )
    fig.add_scatter(
        meta=role("chosen"),
        mode="lines+markers",
        name="chosen frequency",
        line=chosen,
        marker={"symbol": MARKERS[0], "size": 9},
    )
    fig.add_scatter(
        meta=role("chosen_free"),
        mode="lines",
        name="chosen frequency, no ketamine",
        line={"color": GREY, "dash": DASHES[2], "width": 2},
    )
    fig.add_scatter(
        meta=role("slow_v"),
        mode="lines+markers",
        name=f"{slow_hz} Hz voltage",
        showlegend=False,
        line=slow,
        marker={"symbol": MARKERS[1], "size": 6},
        xaxis="x2",
        yaxis="y2",
    )
    fig.add_scatter(
        meta=role("chosen_v"),
        mode="lines+markers",
        name="chosen frequency voltage",
        showlegend=False,
        line=chosen,
        marker={"symbol": MARKERS[0], "size": 6},
        xaxis="x2",
        yaxis="y2",
    )
    fig.add_scatter(
        meta=role("fade"),
        mode="lines",
        name="test response after a pause",
        line=chosen,
        xaxis="x3",
        yaxis="y3",
        showlegend=False,
    )
    fig.add_scatter(
        meta=role("rested"),
        mode="lines+text",
        name="rested response (first of the train)",
        text=["", "rested response"],
        textposition="bottom left",
        line={"color": GREY, "dash": DASHES[1], "width": 2},
        xaxis="x3",
        yaxis="y3",
        showlegend=False,
    )
    fig.add_scatter(
        meta=role("test"),
        mode="markers+text",
        name="chosen pause",
        textposition="top right",
        marker={"symbol": MARKERS[2], "size": 13, "color": PALETTE[2], "line": {"color": "#000000", "width": 1}},
        xaxis="x3",
        yaxis="y3",
        showlegend=False,
    )
    return fig
