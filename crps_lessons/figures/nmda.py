"""Figure of the magnesium-block explorer: unblocked NMDA fraction against membrane voltage."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from . import DASHES, MARKERS, PALETTE, axis_title, new_figure, role

__all__ = ["GREY", "mg_block_figure"]

GREY = "#7f7f7f"


def mg_block_figure(voltage_mv: Sequence[float], reference: Sequence[float], reference_mg_mm: float) -> go.Figure:
    """Unblocked fraction against ``voltage_mv`` (mV), with ``reference`` drawn for ``reference_mg_mm``.

    Roles: ``reference`` (filled here), ``mg`` and ``mg_ketamine`` (curves over ``voltage_mv``),
    ``read_off`` (the vertical line at the read-off voltage), ``read_off_values`` (its two markers).
    """
    fig = new_figure(
        "Magnesium block of the NMDA channel (Jahr & Stevens 1990)",
        axis_title("Membrane voltage", "mV"),
        axis_title("Unblocked fraction", "dimensionless"),
        f"Line chart of the fraction of NMDA receptor conductance left unblocked against membrane "
        f"voltage: a dashed reference for {reference_mg_mm:g} mM magnesium, a solid line for the chosen "
        "magnesium, a dotted line for the chosen magnesium plus ketamine, and markers at the read-off voltage.",
    )
    fig.update_xaxes(range=[min(voltage_mv), max(voltage_mv)])
    fig.update_yaxes(range=[0, 1.05])
    fig.update_layout(
        title={"y": 0.98, "yanchor": "top"},
        margin={"t": 110},
        legend={"orientation": "h", "x": 0.0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
    )
    fig.add_scatter(
        meta=role("reference"),
        x=voltage_mv,
        y=reference,
        mode="lines",
        name=f"{reference_mg_mm:g} mM Mg, no ketamine (reference)",
        line={"color": GREY, "dash": DASHES[1], "width": 2},
    )
    fig.add_scatter(
        meta=role("mg"),
        x=voltage_mv,
        mode="lines",
        name="chosen Mg",
        line={"color": PALETTE[0], "dash": DASHES[0], "width": 3},
    )
    fig.add_scatter(
        meta=role("mg_ketamine"),
        x=voltage_mv,
        mode="lines",
        name="chosen Mg + ketamine",
        line={"color": PALETTE[1], "dash": DASHES[2], "width": 3},
    )
    fig.add_scatter(
        meta=role("read_off"),
        y=[0, 1],
        mode="lines",
        name="read-off voltage",
        line={"color": PALETTE[7], "dash": DASHES[3], "width": 1},
        hoverinfo="skip",
    )
    fig.add_scatter(
        meta=role("read_off_values"),
        mode="markers+text",
        name="values at read-off voltage",
        marker={"color": [PALETTE[0], PALETTE[1]], "symbol": [MARKERS[0], MARKERS[1]], "size": 11},
        textposition="middle right",
        showlegend=False,
    )
    return fig
