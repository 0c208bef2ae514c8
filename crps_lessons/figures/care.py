"""Figures for the lessons on what CRPS is (01) and on phased care (05).

Builders return a themed figure with every trace created up front; the explorers in
``crps_lessons.widgets.criteria`` and ``crps_lessons.widgets.phases`` then only write trace data.
Static figures (incidence, diagnostic accuracy) read the cited tables in data/.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..models.criteria import CATEGORIES, CATEGORY_LABELS
from ..data import load_table
from . import MARKERS, PALETTE, axis_title, new_figure

__all__ = ["CRITERION_TICKS", "budapest_figure", "phase_timeline_figure", "walkthrough_figure",
           "incidence_figure", "accuracy_figure", "TIMELINE_END_MONTH"]

CRITERION_TICKS = ["A: pain out of<br>proportion", "B: symptoms<br>(reported)",
                   "C: signs<br>(examined)", "D: nothing explains<br>it better"]
PATTERNS = ["", "/", "x", "."]
TIMELINE_END_MONTH = 24.0  # right edge of the timeline axis; phase 3 (12+ months) is open-ended


def budapest_figure() -> go.FigureWidget:
    """Empty Budapest-criteria chart: stacked category bars for B and C, A/D bars, thresholds, verdicts.

    Trace order: 0-3 one per category (stacked, pattern differs), 4 A and D, 5 required counts
    (dashed line), 6 verdict text ("met" / "not met") above each criterion.
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
        fig.add_bar(x=[1, 2], y=[0, 0], name=CATEGORY_LABELS[cat], marker_color=PALETTE[i],
                    marker_pattern_shape=PATTERNS[i], marker_line={"color": "#000000", "width": 1},
                    text=[CATEGORY_LABELS[cat]] * 2, textposition="inside", insidetextanchor="middle",
                    width=0.6, hovertemplate="%{text}: %{y}<extra></extra>")
    fig.add_bar(x=[0, 3], y=[0, 0], name="A / D holds", marker_color="#999999",
                marker_line={"color": "#000000", "width": 1}, width=0.6, text=["", ""],
                textposition="inside", hovertemplate="%{y}<extra></extra>")
    fig.add_scatter(x=[], y=[], mode="lines", name="needed", line={"color": "#000000", "dash": "dash", "width": 3},
                    hoverinfo="skip")
    fig.add_scatter(x=[0, 1, 2, 3], y=[0, 0, 0, 0], mode="text", text=["", "", "", ""], name="verdict",
                    showlegend=False, textfont={"size": 14, "color": "#000000"}, hoverinfo="skip")
    fig.update_layout(barmode="stack", bargap=0.3,
                      legend={"orientation": "h", "y": -0.28, "x": 0, "xanchor": "left", "yanchor": "top"},
                      margin={"b": 120})
    fig.update_xaxes(tickvals=[0, 1, 2, 3], ticktext=CRITERION_TICKS, range=[-0.6, 3.6], showgrid=False)
    fig.update_yaxes(range=[0, 5.2], tickvals=[0, 1, 2, 3, 4], dtick=1)
    return fig


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def _phase_rows(phases):
    """(phase, start, end-for-drawing, label) for each row of care_phases."""
    rows = []
    for _, row in phases.sort_values("phase").iterrows():
        start = float(row["start_month"])
        end = TIMELINE_END_MONTH if pd.isna(row["end_month"]) else float(row["end_month"])
        rows.append((int(row["phase"]), start, end, str(row["name"]), str(row["window_text"])))
    return rows


def phase_timeline_figure(phases) -> go.FigureWidget:
    """The clinic article's three phases as bars on a months-since-onset axis.

    Trace order: 0 phase windows, 1 "applies now" overlay (hatched), 2 now line, 3 now marker,
    4 reassessment points.
    """
    rows = _phase_rows(phases)
    fig = new_figure(
        "The clinic article's phased plan: where a teaching patient is",
        axis_title("Time since onset", "months"),
        axis_title("Care phase", "phase number"),
        "Horizontal bars show the clinic article's overlapping phase windows (phase 3 is open-ended), hatched "
        "bars mark the phases that apply at the chosen month, the dashed vertical line marks that month "
        "and the diamonds on the bottom row mark reassessment points every 4-6 weeks.",
        height=420,
    )
    ys = [r[0] for r in rows]
    starts = [r[1] for r in rows]
    lengths = [r[2] - r[1] for r in rows]
    fig.add_bar(y=ys, x=lengths, base=starts, orientation="h", name="phase window (the clinic article)",
                marker_color=[_rgba(c, 0.45) for c in (PALETTE[5], PALETTE[3], PALETTE[4])][: len(rows)],
                marker_line={"color": "#000000", "width": 1}, width=0.6,
                text=[f"{r[4]}" for r in rows], textposition="inside", insidetextanchor="start",
                insidetextfont={"color": "#000000", "size": 13}, constraintext="none", hoverinfo="text")
    fig.add_bar(y=ys, x=[0.0] * len(rows), base=starts, orientation="h", name="applies now",
                marker_color="rgba(0,0,0,0)", marker_pattern_shape="/", marker_pattern_fgcolor="#000000",
                marker_line={"color": "#000000", "width": 3}, width=0.6, hoverinfo="skip")
    fig.add_scatter(x=[0, 0], y=[0.5, 4.4], mode="lines", name="chosen month",
                    line={"color": PALETTE[1], "dash": "dash", "width": 3}, hoverinfo="skip")
    fig.add_scatter(x=[0], y=[0.35], mode="markers+text", text=[""], textposition="middle right",
                    marker={"symbol": "triangle-down", "size": 14, "color": PALETTE[1]}, name="teaching patient",
                    hoverinfo="skip")
    fig.add_scatter(x=[], y=[], mode="markers", name="reassessment point",
                    marker={"symbol": MARKERS[2], "size": 10, "color": PALETTE[0]},
                    hovertemplate="review at %{x:.1f} months<extra></extra>")
    fig.update_layout(barmode="overlay", margin={"b": 110},
                      legend={"orientation": "h", "y": -0.22, "x": 0, "xanchor": "left", "yanchor": "top"})
    short = {1: "early", 2: "established", 3: "refractory"}
    fig.update_yaxes(tickvals=[1, 2, 3, 4],
                     ticktext=[f"Phase {r[0]}<br>{short.get(r[0], '')}" for r in rows] + ["Reviews"],
                     range=[4.6, 0.2], showgrid=False)
    fig.update_xaxes(range=[0, TIMELINE_END_MONTH + 0.5], dtick=3)
    return fig


def walkthrough_figure(phases) -> go.FigureWidget:
    """A teaching case's path through the phases, decision by decision.

    Trace order: 0 phase windows (background), 1 path (step line), 2 improving reviews (circles),
    3 not-improving reviews (crosses), 4 current review (large open square with text), 5 first visit.
    """
    rows = _phase_rows(phases)
    fig = new_figure(
        "What comes next: a made-up teaching case under the clinic article's rule (conceptual)",
        axis_title("Time since onset", "months"),
        axis_title("Care phase in use", "phase number"),
        "Conceptual teaching figure: pale bars are the clinic article's phase windows, the step line is the phase "
        "the made-up case is in, circles mark reviews marked improving and crosses reviews marked not "
        "improving, and the open square is the review being discussed.",
        height=420,
    )
    fig.add_bar(y=[r[0] for r in rows], x=[r[2] - r[1] for r in rows], base=[r[1] for r in rows],
                orientation="h", name="phase window (the clinic article)", marker_color="#dddddd", width=0.5,
                hoverinfo="skip")
    fig.add_scatter(x=[], y=[], mode="lines", line={"shape": "hv", "color": PALETTE[0], "width": 3},
                    name="phase in use")
    fig.add_scatter(x=[], y=[], mode="markers", name="improving",
                    marker={"symbol": "circle", "size": 11, "color": PALETTE[2], "line": {"color": "#000", "width": 1}})
    fig.add_scatter(x=[], y=[], mode="markers", name="not improving",
                    marker={"symbol": "x", "size": 12, "color": PALETTE[1]})
    fig.add_scatter(x=[], y=[], mode="markers+text", name="this review", text=[""], textposition="top center",
                    marker={"symbol": "square-open", "size": 22, "color": "#000000", "line": {"width": 2}})
    fig.add_scatter(x=[], y=[], mode="markers", name="first visit",
                    marker={"symbol": "star", "size": 14, "color": PALETTE[3], "line": {"color": "#000", "width": 1}})
    fig.update_layout(barmode="overlay", margin={"b": 110},
                      legend={"orientation": "h", "y": -0.22, "x": 0, "xanchor": "left", "yanchor": "top"})
    fig.update_yaxes(tickvals=[1, 2, 3], ticktext=["Phase 1", "Phase 2", "Phase 3"], range=[3.7, 0.4])
    fig.update_xaxes(range=[0, TIMELINE_END_MONTH + 0.5], dtick=3)
    return fig


def incidence_figure() -> go.Figure:
    """The two population-based incidence estimates side by side (data/epidemiology.csv)."""
    epi = load_table("epidemiology").set_index("measure_id")
    rows = [epi.loc["sandroni2003_incidence"], epi.loc["demos2007_incidence"]]
    # Labels written out: source_label() turns the surname particle in "de Mos" into "de et al.".
    labels = ["Sandroni et al. 2003<br>CRPS I, Minnesota, USA", "de Mos et al. 2007<br>CRPS, the Netherlands"]
    values = [float(r["value"]) for r in rows]
    fig = new_figure(
        "Two population studies, two incidence figures",
        axis_title("Study", "source"),
        axis_title("Incidence", "per 100,000 person-years"),
        "Bars compare the incidence reported by Sandroni et al. 2003 (CRPS type I only) with de Mos "
        "et al. 2007 (all CRPS, with its 95% confidence interval), a difference of almost five times.",
        height=420,
    )
    err_hi = [0.0, float(rows[1]["high"]) - values[1]]
    err_lo = [0.0, values[1] - float(rows[1]["low"])]
    fig.add_bar(x=labels, y=values, marker_color=[PALETTE[0], PALETTE[1]],
                marker_pattern_shape=["", "/"], text=[f"{values[0]:g}", f"{values[1]:.1f}<br>(95% CI {float(rows[1]['low']):.1f}-{float(rows[1]['high']):.1f})"],
                textposition="inside", insidetextanchor="middle", insidetextfont={"color": "#ffffff", "size": 14},
                error_y={"type": "data", "array": err_hi, "arrayminus": err_lo, "visible": True},
                showlegend=False, width=0.5)
    fig.update_yaxes(range=[0, 35])
    return fig


def accuracy_figure() -> go.Figure:
    """Sensitivity and specificity of the old IASP and the Budapest clinical criteria (Harden 2010)."""
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
        fig.add_bar(x=list(acc["criteria_set"]), y=values, name=measure, marker_color=PALETTE[i],
                    marker_pattern_shape=PATTERNS[i * 2], text=[f"{measure[:4]}. {v:.2f}" for v in values],
                    textposition="outside")
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 1.15])
    return fig
