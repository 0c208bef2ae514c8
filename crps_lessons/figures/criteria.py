"""Figures of lesson 01 about the Budapest criteria: the criteria chart of the "budapest_criteria"
explorer, and the criteria's accuracy in their validation study (data/diagnostic_accuracy.csv)."""

from __future__ import annotations

import plotly.graph_objects as go

from ..data import load_table
from ..models.criteria import CATEGORIES, CATEGORY_LABELS
from . import PALETTE, axis_title, new_figure, role

__all__ = ["CRITERION_TICKS", "PATTERNS", "accuracy_figure", "budapest_figure", "category_role"]

CRITERION_TICKS = [
    "A: pain out of<br>proportion",
    "B: symptoms<br>(reported)",
    "C: signs<br>(examined)",
    "D: nothing explains<br>it better",
]
# Bar fill patterns, so that categories and measures differ by more than colour.
PATTERNS = ["", "/", "x", "."]


def category_role(category: str) -> str:
    """Role of the stacked bar of one category (e.g. ``"category_sensory"``)."""
    return f"category_{category}"


def budapest_figure() -> go.Figure:
    """Empty Budapest-criteria chart: stacked category bars for B and C, A/D bars, thresholds, verdicts.

    Roles: ``category_<name>`` for each category (stacked, x = 1 for B and 2 for C), ``a_and_d`` (x = 0
    and 3), ``needed`` (dashed line at the number each criterion needs), ``verdict`` (text above each bar).
    """
    fig = new_figure(
        "Budapest criteria, teaching vignette",
        axis_title("Criterion", "letter A-D"),
        axis_title("Categories, or 1 = holds", "count"),
        "Stacked bars count the categories with a reported symptom (B) and an examined sign (C), "
        "single bars show whether A and D hold, dashed lines mark the number each criterion needs "
        "and the text above each bar says met or not met.",
        height=460,
    )
    for i, cat in enumerate(CATEGORIES):
        fig.add_bar(
            meta=role(category_role(cat)),
            x=[1, 2],
            y=[0, 0],
            name=CATEGORY_LABELS[cat],
            marker_color=PALETTE[i],
            marker_pattern_shape=PATTERNS[i],
            marker_line={"color": "#000000", "width": 1},
            text=[CATEGORY_LABELS[cat]] * 2,
            textposition="inside",
            insidetextanchor="middle",
            width=0.6,
            hovertemplate="%{text}: %{y}<extra></extra>",
        )
    fig.add_bar(
        meta=role("a_and_d"),
        x=[0, 3],
        y=[0, 0],
        name="A / D holds",
        marker_color="#999999",
        marker_line={"color": "#000000", "width": 1},
        width=0.6,
        text=["", ""],
        textposition="inside",
        hovertemplate="%{y}<extra></extra>",
    )
    fig.add_scatter(
        meta=role("needed"),
        x=[],
        y=[],
        mode="lines",
        name="needed",
        line={"color": "#000000", "dash": "dash", "width": 3},
        hoverinfo="skip",
    )
    fig.add_scatter(
        meta=role("verdict"),
        x=[0, 1, 2, 3],
        y=[0, 0, 0, 0],
        mode="text",
        text=["", "", "", ""],
        name="verdict",
        showlegend=False,
        textfont={"size": 14, "color": "#000000"},
        hoverinfo="skip",
    )
    fig.update_layout(
        barmode="stack",
        bargap=0.3,
        legend={"orientation": "h", "y": -0.28, "x": 0, "xanchor": "left", "yanchor": "top"},
        margin={"b": 120, "t": 90},
    )
    fig.update_xaxes(tickvals=[0, 1, 2, 3], ticktext=CRITERION_TICKS, range=[-0.6, 3.6], showgrid=False)
    fig.update_yaxes(range=[0, 5.2], tickvals=[0, 1, 2, 3, 4], dtick=1)
    return fig


def accuracy_figure() -> go.Figure:
    """Sensitivity and specificity of the old IASP and the Budapest clinical criteria (Harden et al. 2010).

    Roles: ``sensitivity``, ``specificity`` (one bar per criteria set).
    """
    acc = load_table("diagnostic_accuracy")
    acc = acc[(acc["study"] == "validation (2010)") & acc["sensitivity"].notna()]
    fig = new_figure(
        "Old IASP vs Budapest clinical criteria in the 2010 validation study",
        axis_title("Criteria", "set"),
        axis_title("Proportion", "0-1, dimensionless"),
        "Paired bars show that in Harden et al. 2010 the Budapest clinical criteria kept the sensitivity "
        "of the old IASP criteria (0.99 vs 1.00) while raising specificity from 0.41 to 0.68.",
        height=380,
    )
    for i, measure in enumerate(["sensitivity", "specificity"]):
        values = acc[measure].to_numpy(dtype=float)
        fig.add_bar(
            meta=role(measure),
            x=list(acc["criteria_set"]),
            y=values,
            name=measure,
            marker_color=PALETTE[i],
            marker_pattern_shape=PATTERNS[i * 2],
            text=[f"{measure[:4]}. {v:.2f}" for v in values],
            textposition="outside",
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 1.15])
    return fig
