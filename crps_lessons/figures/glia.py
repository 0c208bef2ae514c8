"""Figure of the glial-loop explorer: the conceptual model's variables over time."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from . import DASHES, PALETTE, axis_title, new_figure, role

__all__ = ["glial_loop_figure"]


def glial_loop_figure(times: Sequence[float]) -> go.Figure:
    """Empty curves over ``times`` (dimensionless time units), one per variable.

    Roles: ``injury`` (filled area), ``tlr4_block``, ``glia``, ``cytokines``, ``excitability``,
    ``glia_without_antagonist`` (hidden until the antagonist is on).
    """
    fig = new_figure(
        "The glial loop: a conceptual model (dimensionless, not fitted to data)",
        axis_title("Time", "dimensionless units"),
        axis_title("Level", "dimensionless"),
        "Conceptual model: glial activation, cytokines and neuronal excitability rise during an "
        "injury and, if the feedback loop is strong, stay high after the injury has healed, "
        "unless a TLR4 antagonist weakens the loop below its threshold for long enough.",
    )
    fig.update_layout(
        xaxis={"range": [times[0], times[-1]]},
        yaxis={"rangemode": "tozero"},
        height=500,
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0},
        margin={"l": 70, "r": 20, "t": 60, "b": 120},
    )
    fig.add_scatter(
        meta=role("injury"),
        x=times,
        name="Injury input",
        mode="lines",
        fill="tozeroy",
        fillcolor="rgba(153,153,153,0.25)",
        line={"color": "#999999", "width": 0, "shape": "hv"},
    )
    fig.add_scatter(
        meta=role("tlr4_block"),
        x=times,
        name="TLR4 block (fraction)",
        mode="lines",
        line={"color": PALETTE[4], "dash": DASHES[3], "width": 2, "shape": "hv"},
    )
    fig.add_scatter(
        meta=role("glia"),
        x=times,
        name="Glial activation",
        mode="lines",
        line={"color": PALETTE[0], "dash": DASHES[0], "width": 3},
    )
    fig.add_scatter(
        meta=role("cytokines"),
        x=times,
        name="Cytokines",
        mode="lines",
        line={"color": PALETTE[1], "dash": DASHES[1], "width": 2},
    )
    fig.add_scatter(
        meta=role("excitability"),
        x=times,
        name="Neuronal excitability",
        mode="lines",
        line={"color": PALETTE[2], "dash": DASHES[2], "width": 2},
    )
    fig.add_scatter(
        meta=role("glia_without_antagonist"),
        x=times,
        name="Glial activation without antagonist",
        mode="lines",
        visible=False,
        line={"color": PALETTE[7], "dash": DASHES[4], "width": 1},
    )
    return fig
