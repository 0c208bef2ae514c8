"""Figure of the pacing explorer (lesson 10): a made-up person's weeks, boom and bust beside paced."""

from __future__ import annotations

import plotly.graph_objects as go

from . import DASHES, MARKERS, PALETTE, axis_title, new_figure, role

__all__ = ["BOOM_HEADING", "GREY", "PACED_HEADING", "TITLE", "pacing_plan_figure"]

GREY = "#7f7f7f"
TITLE = "Pacing or boom and bust: one made-up person's {weeks} weeks (conceptual teaching model, not a plan for anyone)"
BOOM_HEADING = "Boom and bust: activity set by how the day feels"
PACED_HEADING = "Paced: a baseline, raised a little each week"

_GRID = {"showgrid": True, "gridcolor": "#e5e5e5"}


def pacing_plan_figure(weeks: int = 12) -> go.Figure:
    """Three panels with empty traces.

    Top left, boom and bust by day: roles ``boom_days`` (minutes done) and ``boom_flares`` (days that
    set off a flare). Top right, paced by day: ``paced_plan`` (the planned quota), ``paced_days``,
    ``paced_flares``. Bottom, minutes per week: ``boom_weekly``, ``paced_weekly``.
    """
    fig = new_figure(
        TITLE.format(weeks=weeks),
        axis_title("Day", "day number"),
        axis_title("Activity", "minutes a day"),
        "Three-panel chart from a conceptual teaching model of one made-up person: the top left panel shows "
        "the minutes of one daily activity done each day when activity is set by how the day feels (boom "
        "and bust), with the days that set off a flare marked; the top right panel shows the same weeks "
        "when activity follows a plan that starts at a baseline and rises by a fixed step each week, with "
        "the plan and any flares; the bottom panel compares the total minutes of each week.",
        height=780,
    )
    # Room above the panels for the title and a legend of up to four rows (it wraps as trace names grow).
    fig.update_layout(
        title={"y": 0.99, "yanchor": "top", "font": {"size": 14}},
        margin={"t": 180, "l": 70, "r": 20},
        legend={"orientation": "h", "x": 0.0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        xaxis={"domain": [0.0, 0.47], "anchor": "y"},
        yaxis={"domain": [0.45, 0.93], "rangemode": "tozero"},
        xaxis2={"domain": [0.53, 1.0], "anchor": "y2", "title": {"text": axis_title("Day", "day number")}, **_GRID},
        yaxis2={
            "domain": [0.45, 0.93],
            "anchor": "x2",
            "matches": "y",
            "title": {"text": axis_title("Activity", "minutes a day")},
            **_GRID,
        },
        xaxis3={"domain": [0.0, 1.0], "anchor": "y3", "title": {"text": axis_title("Week", "week number")}, **_GRID},
        yaxis3={
            "domain": [0.0, 0.28],
            "anchor": "x3",
            "rangemode": "tozero",
            "title": {"text": axis_title("In the week", "minutes a week")},
            **_GRID,
        },
    )
    for x, text in [(0.0, BOOM_HEADING), (0.53, PACED_HEADING)]:
        fig.add_annotation(
            text=f"<b>{text}</b>",
            xref="paper",
            yref="paper",
            x=x,
            y=0.945,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"size": 13},
        )
    boom = {"color": PALETTE[1], "dash": DASHES[0], "width": 2}
    paced = {"color": PALETTE[0], "dash": DASHES[0], "width": 2}
    flare = {"symbol": MARKERS[4], "size": 10, "color": "#000000", "line": {"width": 2}}
    fig.add_scatter(
        meta=role("boom_days"),
        mode="lines+markers",
        name="boom and bust: minutes done",
        line=boom,
        marker={"symbol": MARKERS[1], "size": 4},
    )
    fig.add_scatter(
        meta=role("boom_flares"),
        mode="markers",
        name="boom and bust: day that set off a flare",
        marker={**flare, "symbol": MARKERS[4]},
    )
    fig.add_scatter(
        meta=role("paced_plan"),
        mode="lines",
        name="paced: the plan (quota)",
        xaxis="x2",
        yaxis="y2",
        line={"color": GREY, "dash": DASHES[2], "width": 2},
    )
    fig.add_scatter(
        meta=role("paced_days"),
        mode="lines+markers",
        name="paced: minutes done",
        xaxis="x2",
        yaxis="y2",
        line=paced,
        marker={"symbol": MARKERS[0], "size": 4},
    )
    fig.add_scatter(
        meta=role("paced_flares"),
        mode="markers",
        name="paced: day that set off a flare",
        xaxis="x2",
        yaxis="y2",
        marker={**flare, "symbol": MARKERS[3], "color": PALETTE[0]},
    )
    fig.add_scatter(
        meta=role("boom_weekly"),
        mode="lines+markers",
        name="boom and bust: minutes in the week",
        xaxis="x3",
        yaxis="y3",
        line={**boom, "width": 3},
        marker={"symbol": MARKERS[1], "size": 8},
    )
    fig.add_scatter(
        meta=role("paced_weekly"),
        mode="lines+markers",
        name="paced: minutes in the week",
        xaxis="x3",
        yaxis="y3",
        line={**paced, "dash": DASHES[1], "width": 3},
        marker={"symbol": MARKERS[0], "size": 8},
    )
    return fig
