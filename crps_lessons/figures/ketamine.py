"""Figure of the ketamine-schedules explorer: plasma level (top) and modelled relief (bottom) over days."""

from __future__ import annotations

import plotly.graph_objects as go

from . import DASHES, PALETTE, axis_title, new_figure, role

__all__ = ["ketamine_schedules_figure"]


def ketamine_schedules_figure(horizon_days: float) -> go.Figure:
    """Two panels sharing a time axis of ``horizon_days`` days.

    Roles: ``outpatient_plasma``, ``continuous_plasma`` (top, ng/mL), ``outpatient_relief``,
    ``continuous_relief`` (bottom, fraction of max) and ``half_relief`` (the 0.5 line, filled here).
    """
    fig = new_figure(
        "Ketamine: plasma level vs modelled pain relief (teaching model, not a dosing tool)",
        axis_title("Time since the first infusion", "days"),
        axis_title("Modelled relief", "fraction of max"),
        "Teaching model, not a dosing tool: plasma ketamine concentration (top) rises and falls "
        "within hours of each infusion, while the modelled pain relief (bottom) builds and fades "
        "over weeks, for an outpatient course with boosters and for one continuous 4.2-day infusion.",
        height=660,
    )
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "top", "y": -0.14, "xanchor": "left", "x": 0},
        margin={"l": 70, "r": 20, "t": 60, "b": 150},
        xaxis={"domain": [0, 1], "anchor": "y", "range": [0, horizon_days]},
        yaxis={"domain": [0, 0.44], "range": [0, 1], "anchor": "x"},
        xaxis2={"domain": [0, 1], "anchor": "y2", "matches": "x", "showticklabels": False, "visible": False},
        yaxis2={
            "domain": [0.56, 1],
            "anchor": "x2",
            "rangemode": "tozero",
            "title": {"text": axis_title("Plasma", "ng/mL")},
            "showgrid": True,
            "gridcolor": "#e5e5e5",
        },
    )
    out, cont = PALETTE[0], PALETTE[1]
    fig.add_scatter(
        meta=role("outpatient_plasma"),
        name="Outpatient course: plasma",
        xaxis="x2",
        yaxis="y2",
        mode="lines",
        line={"color": out, "dash": DASHES[0], "width": 1.5},
        legendgroup="out",
    )
    fig.add_scatter(
        meta=role("continuous_plasma"),
        name="Continuous infusion: plasma",
        xaxis="x2",
        yaxis="y2",
        mode="lines",
        line={"color": cont, "dash": DASHES[1], "width": 1.5},
        legendgroup="cont",
    )
    fig.add_scatter(
        meta=role("outpatient_relief"),
        name="Outpatient course: relief",
        xaxis="x",
        yaxis="y",
        mode="lines",
        line={"color": out, "dash": DASHES[0], "width": 3},
        legendgroup="out",
    )
    fig.add_scatter(
        meta=role("continuous_relief"),
        name="Continuous infusion: relief",
        xaxis="x",
        yaxis="y",
        mode="lines",
        line={"color": cont, "dash": DASHES[1], "width": 3},
        legendgroup="cont",
    )
    fig.add_scatter(
        meta=role("half_relief"),
        name="Half of maximal relief",
        xaxis="x",
        yaxis="y",
        mode="lines",
        x=[0, horizon_days],
        y=[0.5, 0.5],
        hoverinfo="skip",
        line={"color": PALETTE[7], "dash": DASHES[2], "width": 1},
    )
    return fig
