"""The trial-outcomes explorer (lesson 08): the two arms of a published trial over time.

Values come only from data/trial_outcomes.csv, each row read from the paper (the ``note`` column
says how). Time points that could not be verified are left out, never filled in; ``MISSING`` says
which ones, and the readout repeats it so a learner does not mistake a gap for "no data exist".
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go

from ..data import load_table, source_label
from ..figures import PALETTE, axis_title, new_figure
from .base import Explorer, register

__all__ = ["TrialOutcomesExplorer", "MISSING"]

# What a reader should know is *not* plotted, by trial (kept beside the data, stated in the lesson).
MISSING = {
    "Kemler SCS trial (SCS+PT vs PT)": (
        "The five-year follow-up (Kemler 2008) reported that SCS+PT and PT alone no longer differed in pain "
        "relief; its numbers could not be verified here, so no 60-month point is drawn."),
    "ACCURATE trial (DRG vs SCS)": (
        "The paper also reports 12-month results; they could not be verified here, so only the 3-month "
        "primary end point is drawn."),
}

ARM_STYLE = [
    {"dash": "solid", "symbol": "circle", "color": PALETTE[0]},
    {"dash": "dash", "symbol": "square", "color": PALETTE[1]},
]


def _fmt(value: float) -> str:
    return f"{value:+.1f}" if value != 0 else "0.0"


@register("trial_outcomes")
class TrialOutcomesExplorer(Explorer):
    """Pick a trial and outcome: both arms over time, the gap between them, and how each value was read."""

    def make_controls(self):
        table = load_table("trial_outcomes")
        self._series = {}
        options = []
        for (trial, outcome), part in table.groupby(["trial", "outcome"], sort=False):
            key = f"{trial} | {outcome}"
            arms = list(dict.fromkeys(part["arm"]))[:2]
            unit = part["unit"].iloc[0]
            series = []
            for arm in arms:
                rows = part[part["arm"] == arm].sort_values("timepoint_months")
                hover = [f"<b>{html.escape(arm, quote=False)}</b>, {t:g} months: {v:g} {html.escape(unit, quote=False)}<br>"
                         f"{html.escape(source_label(s), quote=False)}; read from: {html.escape(str(n or ''), quote=False)}"
                         for t, v, s, n in zip(rows["timepoint_months"], rows["value"], rows["source_id"],
                                               rows["note"].astype(object).where(rows["note"].notna(), ""))]
                series.append({"arm": arm, "t": rows["timepoint_months"].to_numpy(float),
                               "v": rows["value"].to_numpy(float), "hover": hover,
                               "sources": list(rows["source_id"])})
            shared = np.intersect1d(series[0]["t"], series[1]["t"]) if len(series) == 2 else np.array([])
            diff = np.array([series[0]["v"][series[0]["t"] == t][0] - series[1]["v"][series[1]["t"] == t][0]
                             for t in shared])
            self._series[key] = {"trial": trial, "outcome": outcome, "unit": unit, "arms": series,
                                 "diff_t": shared, "diff_v": diff,
                                 "x_max": float(part["timepoint_months"].max())}
            self._series[key]["readout"] = self._readout(self._series[key])
            options.append((f"{trial}: {outcome}", key))
        if not options:
            raise ValueError("trial_outcomes: data/trial_outcomes.csv has no rows to show")
        return {
            "outcome": w.Dropdown(options=options, value=options[0][1], description="Trial and outcome",
                                  layout=w.Layout(width="760px")),
            "show_difference": w.Checkbox(value=False, description="Show the difference between the arms"),
        }

    @staticmethod
    def _readout(s: dict) -> str:
        """The one-line text summary of one trial outcome (computed once, at build time)."""
        names = [a["arm"] for a in s["arms"]]
        unit = s["unit"]
        parts = []
        for t, d in zip(s["diff_t"], s["diff_v"]):
            a = s["arms"][0]["v"][s["arms"][0]["t"] == t][0]
            b = s["arms"][1]["v"][s["arms"][1]["t"] == t][0]
            src = source_label(s["arms"][0]["sources"][list(s["arms"][0]["t"]).index(t)])
            parts.append(f"at {t:g} months {names[0]} {a:g} vs {names[1]} {b:g} {unit}, "
                         f"difference {_fmt(d)} {unit} ({src})")
        text = f"{s['outcome']}: " + "; ".join(parts) + "."
        if s["trial"] in MISSING:
            text += " " + MISSING[s["trial"]]
        return text

    def make_figure(self):
        fig = new_figure(
            "A trial's two arms over time", axis_title("Follow-up time", "months"),
            axis_title("Reported value", "see unit"),
            "The reported value of one outcome in each arm of a published trial at each time point read from "
            "the papers (lines only join the reported points), with a dotted line for the difference between the "
            "arms when switched on.")
        for style in ARM_STYLE:
            fig.add_trace(go.Scatter(x=[], y=[], mode="lines+markers+text", name="arm", textposition="top center",
                                     hoverinfo="text", line={"dash": style["dash"], "color": style["color"], "width": 3},
                                     marker={"symbol": style["symbol"], "size": 12, "color": style["color"]}))
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines+markers+text", name="difference", visible=False,
                                 textposition="bottom center",
                                 line={"dash": "dot", "color": PALETTE[7], "width": 2},
                                 marker={"symbol": "diamond", "size": 10, "color": PALETTE[7]}))
        fig.update_layout(margin={"l": 80, "r": 20, "t": 130, "b": 60})
        fig.update_yaxes(zeroline=True, zerolinecolor="#888888")
        return fig

    def update(self):
        v = self.values()
        s = self._series[v["outcome"]]
        unit = s["unit"]
        for trace, arm in zip(self.figure.data[:2], s["arms"] + [None] * (2 - len(s["arms"]))):
            if arm is None:
                trace.x, trace.y, trace.text, trace.hovertext, trace.name = [], [], [], [], "(no second arm)"
                continue
            trace.x, trace.y, trace.name = arm["t"].tolist(), arm["v"].tolist(), arm["arm"]
            trace.text = [f"{x:g}" for x in arm["v"]]
            trace.hovertext = arm["hover"]
        diff = self.figure.data[2]
        diff.x, diff.y = s["diff_t"].tolist(), s["diff_v"].tolist()
        diff.text = [f"{x:+.1f}" for x in s["diff_v"]]
        names = [a["arm"] for a in s["arms"]]
        diff.name = f"difference ({names[0]} minus {names[1]})" if len(names) == 2 else "difference"
        diff.visible = bool(v["show_difference"])
        self.figure.layout.title.text = f"{html.escape(s['trial'], quote=False)}:<br>{html.escape(s['outcome'], quote=False)}"
        self.figure.layout.yaxis.title.text = axis_title("Reported value", unit)
        self.figure.layout.xaxis.range = [-0.5, s["x_max"] * 1.15 + 1]
        values = np.concatenate([a["v"] for a in s["arms"]] + ([s["diff_v"]] if v["show_difference"] else []))
        lo, hi = float(min(values.min(), 0)), float(max(values.max(), 0))
        pad = 0.15 * (hi - lo or 1)
        self.figure.layout.yaxis.range = [lo - pad, hi + pad]
        self.set_readout(s["readout"])
