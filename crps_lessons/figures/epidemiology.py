"""Figure of lesson 01 about how common CRPS is: two population-based incidence estimates (data/epidemiology.csv)."""

from __future__ import annotations

import plotly.graph_objects as go

from ..data import load_table
from . import PALETTE, axis_title, new_figure, role

__all__ = ["incidence_figure"]


def incidence_figure() -> go.Figure:
    """The two population-based incidence estimates side by side (role ``incidence``, one bar per study)."""
    epi = load_table("epidemiology").set_index("measure_id")
    rows = [epi.loc["sandroni2003_incidence"], epi.loc["demos2007_incidence"]]
    # Labels written out: source_label() turns the surname particle in "de Mos" into "de et al.".
    labels = ["Sandroni et al. 2003<br>CRPS I, Minnesota, USA", "de Mos et al. 2007<br>CRPS, the Netherlands"]
    values = [float(r["value"]) for r in rows]
    low, high = float(rows[1]["low"]), float(rows[1]["high"])
    fig = new_figure(
        "Two population studies, two incidence figures",
        axis_title("Study", "source"),
        axis_title("Incidence", "per 100,000 person-years"),
        "Bars compare the incidence reported by Sandroni et al. 2003 (CRPS type I only) with de Mos "
        "et al. 2007 (all CRPS, with its 95% confidence interval), a difference of almost five times.",
        height=420,
    )
    fig.add_bar(
        meta=role("incidence"),
        x=labels,
        y=values,
        marker_color=[PALETTE[0], PALETTE[1]],
        marker_pattern_shape=["", "/"],
        text=[f"{values[0]:g}", f"{values[1]:.1f}<br>(95% CI {low:.1f}-{high:.1f})"],
        textposition="inside",
        insidetextanchor="middle",
        insidetextfont={"color": "#ffffff", "size": 14},
        # The table gives no interval for Sandroni et al. 2003, so that bar has none.
        error_y={
            "type": "data",
            "array": [0.0, high - values[1]],
            "arrayminus": [0.0, values[1] - low],
            "visible": True,
        },
        showlegend=False,
        width=0.5,
    )
    fig.update_yaxes(range=[0, 35])
    return fig
