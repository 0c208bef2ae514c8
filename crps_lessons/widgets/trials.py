"""The trial-outcomes explorer (lesson 08): the two arms of a published trial over time.

Values come only from data/trial_outcomes.csv, each row read from the paper (the ``note`` column
says how). Where a paper reports a time point in words only (the five-year Kemler report, the
12-month ACCURATE result in the paper's title), the explorer draws a dotted marker at that time with
the source's result in words, never an invented number, and the readout says so.
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np
import pandas as pd

from ..data import load_table, source_label
from ..figures import axis_title
from ..figures.trials import ARM_ROLES, WORDS_ROLE, split_rows, trial_arms_figure, words_marker
from .base import Explorer, register

__all__ = ["TrialOutcomesExplorer"]


def _esc(text) -> str:
    return html.escape(str(text), quote=False)


def _fmt(value: float) -> str:
    return f"{value:+.1f}" if value != 0 else "0.0"


def _series(trial: str, outcome: str, part: pd.DataFrame) -> dict:
    """Everything the explorer shows for one trial outcome: up to two arms, their difference, the
    time points reported in words only, the readout."""
    numeric, words = split_rows(part)
    unit = numeric["unit"].iloc[0]
    arms = []
    for arm in list(dict.fromkeys(numeric["arm"]))[:2]:
        rows = numeric[numeric["arm"] == arm].sort_values("timepoint_months")
        hover = [
            f"<b>{_esc(arm)}</b>, {t:g} months: {v:g} {_esc(unit)}<br>{_esc(source_label(s))}; read from: {_esc(n)}"
            for t, v, s, n in zip(
                rows["timepoint_months"], rows["value"], rows["source_id"], rows["note"].fillna(""), strict=True
            )
        ]
        arms.append(
            {
                "arm": arm,
                "t": rows["timepoint_months"].to_numpy(float),
                "v": rows["value"].to_numpy(float),
                "hover": hover,
                "sources": list(rows["source_id"]),
            }
        )
    shared = np.intersect1d(arms[0]["t"], arms[1]["t"]) if len(arms) == 2 else np.array([])
    diff = np.array([arms[0]["v"][arms[0]["t"] == t][0] - arms[1]["v"][arms[1]["t"] == t][0] for t in shared])
    s = {
        "trial": trial,
        "outcome": outcome,
        "unit": unit,
        "arms": arms,
        "diff_t": shared,
        "diff_v": diff,
        "words": words.sort_values("timepoint_months"),
        "x_max": float(part["timepoint_months"].max()),
    }
    s["readout"] = _readout(s)
    return s


def _readout(s: dict) -> str:
    """The text summary of one trial outcome (plain text; ``set_readout`` escapes it): the numbers of
    each shared time point, then the time points reported in words only."""
    names = [a["arm"] for a in s["arms"]]
    unit = s["unit"]
    parts = []
    for t, d in zip(s["diff_t"], s["diff_v"], strict=True):
        a = s["arms"][0]["v"][s["arms"][0]["t"] == t][0]
        b = s["arms"][1]["v"][s["arms"][1]["t"] == t][0]
        src = source_label(s["arms"][0]["sources"][list(s["arms"][0]["t"]).index(t)])
        parts.append(
            f"at {t:g} months {names[0]} {a:g} vs {names[1]} {b:g} {unit}, difference {_fmt(d)} {unit} ({src})"
        )
    for r in s["words"].itertuples(index=False):
        src = source_label(r.source_id)
        parts.append(f"at {r.timepoint_months:g} months, in words only (no number given): {r.words} ({src})")
    return f"{s['outcome']}: " + "; ".join(parts) + "."


@register("trial_outcomes")
class TrialOutcomesExplorer(Explorer):
    """Pick a trial and outcome: both arms over time, the gap between them, time points reported in
    words only, and how each value was read."""

    def __init__(self, **values):
        table = load_table("trial_outcomes")
        if table.empty:
            raise ValueError("trial_outcomes: data/trial_outcomes.csv has no rows to show")
        self._series = {}
        self._markers = {}  # outcome -> words-only markers spanning 0..1, built on first use
        options = []
        for (trial, outcome), part in table.groupby(["trial", "outcome"], sort=False):
            key = f"{trial} | {outcome}"
            self._series[key] = _series(trial, outcome, part)
            options.append((f"{trial}: {outcome}", key))
        controls = {
            "outcome": w.Dropdown(
                options=options, value=options[0][1], description="Trial and outcome", layout=w.Layout(width="760px")
            ),
            "show_difference": w.Checkbox(value=False, description="Show the difference between the arms"),
        }
        super().__init__(controls, trial_arms_figure(), values)

    def update(self):
        v = self.values()
        s = self._series[v["outcome"]]
        for trace_role, arm in zip(ARM_ROLES, s["arms"] + [None] * (2 - len(s["arms"])), strict=True):
            if arm is None:
                self.restyle(trace_role, x=[], y=[], text=[], hovertext=[], name="(no second arm)")
                continue
            self.restyle(
                trace_role,
                x=arm["t"].tolist(),
                y=arm["v"].tolist(),
                name=arm["arm"],
                text=[f"{x:g}" for x in arm["v"]],
                hovertext=arm["hover"],
            )
        names = [a["arm"] for a in s["arms"]]
        self.restyle(
            "difference",
            x=s["diff_t"].tolist(),
            y=s["diff_v"].tolist(),
            text=[f"{x:+.1f}" for x in s["diff_v"]],
            name=f"difference ({names[0]} minus {names[1]})" if len(names) == 2 else "difference",
            visible=bool(v["show_difference"]),
        )
        shown = [a["v"] for a in s["arms"]] + ([s["diff_v"]] if v["show_difference"] else [])
        values = np.concatenate(shown)
        lo, hi = float(min(values.min(), 0)), float(max(values.max(), 0))
        pad = 0.15 * (hi - lo or 1)
        # The markers' rows are sorted and worded once per outcome; only their span follows the y range.
        marker = self._markers.get(v["outcome"])
        if marker is None:
            marker = self._markers[v["outcome"]] = words_marker(s["words"], 0.0, 1.0)
        span = {0.0: lo - 0.5 * pad, 1.0: hi + 0.5 * pad, None: None}
        self.restyle(WORDS_ROLE, **{**marker, "y": [span[y] for y in marker["y"]]})
        layout = self.figure.layout
        layout.title.text = f"{_esc(s['trial'])}:<br>{_esc(s['outcome'])}"
        layout.yaxis.title.text = axis_title("Reported value", s["unit"])
        layout.xaxis.range = [-0.5, s["x_max"] * 1.15 + 1]
        layout.yaxis.range = [lo - pad, hi + pad]
        self.set_readout(s["readout"])
