"""Figure of the ketamine-schedules explorer: plasma level (top) and modelled relief (bottom) over days."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from . import DASHES, PALETTE, axis_title, new_figure, role

__all__ = ["KETAMINE_COLOURS", "ketamine_schedules_figure"]

KETAMINE_COLOURS = (PALETTE[0], PALETTE[1], PALETTE[2])


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def ketamine_schedules_figure(schedules: Sequence[tuple[str, str]], horizon_days: float, mark_day: float) -> go.Figure:
    """Two panels sharing a time axis of ``horizon_days`` days, one set of traces per schedule.

    ``schedules``: ``(key, short name)`` pairs. Roles for each key: ``{key}_plasma`` (top, ng/mL),
    ``{key}_relief`` (bottom, fraction of maximum), ``{key}_relief_low`` and ``{key}_relief_high``
    (the band between them, for the ends of a range of effect half-lives). ``mark_day``: a dotted
    vertical line in the bottom panel (role ``mark``, filled here).
    """
    fig = new_figure(
        "Ketamine: plasma level vs modelled pain relief (teaching model, not a dosing tool)",
        axis_title("Time since the first infusion", "days"),
        axis_title("Modelled relief", "fraction of max"),
        "Teaching model, not a dosing tool: for each ketamine schedule a source reports, the plasma "
        "concentration (top panel) rises and falls within hours of each infusion, while the modelled pain "
        "relief (bottom panel) builds and fades over weeks; an optional shaded band shows the range of the "
        "published effect half-life.",
        height=660,
    )
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "top", "y": -0.14, "xanchor": "left", "x": 0},
        margin={"l": 70, "r": 20, "t": 60, "b": 170},
        xaxis={"domain": [0, 1], "anchor": "y", "range": [0, horizon_days]},
        yaxis={"domain": [0, 0.44], "range": [0, 1], "anchor": "x"},
        xaxis2={"domain": [0, 1], "anchor": "y2", "matches": "x", "showticklabels": False, "visible": False},
        yaxis2={
            "domain": [0.56, 1],
            "anchor": "x2",
            "rangemode": "tozero",
            "title": {"text": axis_title("Plasma ketamine", "ng/mL")},
            "showgrid": True,
            "gridcolor": "#e5e5e5",
        },
    )
    for i, (key, name) in enumerate(schedules):
        colour, dash = KETAMINE_COLOURS[i % len(KETAMINE_COLOURS)], DASHES[i % len(DASHES)]
        fig.add_scatter(
            meta=role(f"{key}_plasma"),
            name=f"{name}: plasma",
            xaxis="x2",
            yaxis="y2",
            mode="lines",
            line={"color": colour, "dash": dash, "width": 1.5},
            legendgroup=key,
        )
        fig.add_scatter(
            meta=role(f"{key}_relief_low"),
            name=f"{name}: relief, shortest half-life",
            mode="lines",
            line={"color": colour, "width": 0},
            hoverinfo="skip",
            showlegend=False,
            legendgroup=key,
        )
        fig.add_scatter(
            meta=role(f"{key}_relief_high"),
            name=f"{name}: range of the half-life",
            mode="lines",
            line={"color": colour, "width": 0},
            fill="tonexty",
            fillcolor=_rgba(colour, 0.18),
            hoverinfo="skip",
            legendgroup=key,
        )
        fig.add_scatter(
            meta=role(f"{key}_relief"),
            name=f"{name}: relief",
            mode="lines",
            line={"color": colour, "dash": dash, "width": 3},
            legendgroup=key,
        )
    fig.add_scatter(
        meta=role("mark"),
        name=f"Week {mark_day / 7:g}: end of follow-up in the trials",
        mode="lines",
        x=[mark_day, mark_day],
        y=[0, 1],
        hoverinfo="skip",
        line={"color": PALETTE[7], "dash": DASHES[2], "width": 1},
    )
    return fig
