"""Static figures and shared text helpers for the care lessons (06 medications, 07 procedures).

Everything here reads the cited tables (``treatments``, ``source_statements``, ``invasiveness``,
``trial_outcomes``) and never invents content: doses and schedules are only ever quoted as what a
named source reports ("Dr Chopra's talk reports ..."), never recommended, and nothing computes a dose.
Text that comes from the tables is HTML-escaped before it reaches plotly hover labels or HTML.
"""

from __future__ import annotations

import html
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..data import load_table, source_label, table_schema
from . import PALETTE, axis_title, new_figure

__all__ = [
    "STANCES", "STANCE_STYLE", "KIND_STYLE", "mechanism_order", "attributed_report", "wrap_html",
    "KIND_CHOICES", "mechanism_grid", "add_mechanism_traces", "fill_mechanism_map",
    "mechanism_map_figure", "invasiveness_figure", "trial_outcomes_figure",
]

# Stances in source_statements.csv, from most to least favourable; each has its own symbol, so the
# plots never rely on colour alone.
STANCES = ["recommends", "worth trying", "describes", "caution", "not helpful", "harmful"]
STANCE_STYLE = {
    "recommends": {"symbol": "circle", "color": PALETTE[2]},
    "worth trying": {"symbol": "diamond", "color": PALETTE[5]},
    "describes": {"symbol": "square", "color": PALETTE[7]},
    "caution": {"symbol": "triangle-up", "color": PALETTE[3]},
    "not helpful": {"symbol": "x", "color": PALETTE[1]},
    "harmful": {"symbol": "star", "color": PALETTE[4]},
}
KIND_STYLE = {
    "medication": {"symbol": "circle", "color": PALETTE[0]},
    "supplement": {"symbol": "diamond", "color": PALETTE[2]},
    "procedure": {"symbol": "square", "color": PALETTE[1]},
    "therapy": {"symbol": "triangle-up", "color": PALETTE[3]},
}


def mechanism_order() -> list[str]:
    """Target mechanisms in the order the schema of treatments.csv lists them."""
    field = next(f for f in table_schema("treatments")["fields"] if f["name"] == "target_mechanism")
    return list(field["constraints"]["enum"])


def _esc(text) -> str:
    """Escape for plotly labels (plotly decodes &lt; &gt; &amp; but not &quot;)."""
    return html.escape(str(text), quote=False)


def _clean(value) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) else str(value)


def attributed_report(source_id: str, dose: object, schedule: object) -> str:
    """Plain text: what one source reports about dose and schedule, always attributed.

    ``attributed_report("chopra_talk", "1.75 mg to 4.5 mg", "once a day")`` ->
    "Dr Chopra's talk reports a dose of 1.75 mg to 4.5 mg; schedule as reported: once a day".
    Returns "" when the source reports neither. Nothing is recommended or computed.
    """
    dose, schedule = _clean(dose), _clean(schedule)
    if not dose and not schedule:
        return ""
    parts = []
    if dose:
        parts.append(f"a dose of {dose}")
    if schedule:
        parts.append(f"schedule as reported: {schedule}")
    try:
        label = source_label(source_id)
    except KeyError:
        label = source_id
    return f"{label} reports " + "; ".join(parts)


def wrap_html(text: str, width: int = 70) -> str:
    """Escape ``text`` for HTML / plotly labels and wrap it with <br> every ``width`` characters."""
    return "<br>".join(_esc(line) for line in textwrap.wrap(str(text), width)) or ""


KIND_CHOICES = {
    "medications and supplements": ("medication", "supplement"),
    "medications": ("medication",),
    "supplements": ("supplement",),
    "procedures and therapies": ("procedure", "therapy"),
    "everything": ("medication", "supplement", "procedure", "therapy"),
}


def mechanism_grid(treatments: pd.DataFrame, kinds: tuple[str, ...]) -> dict:
    """Cells of the class x mechanism grid for the given kinds of treatment.

    Returns ``{"mechanisms": [...], "classes": [...], "traces": {kind: {"x", "y", "text", "hover"}}}``
    with x and y as positions in the two category lists (classes sorted by their first mechanism).
    """
    unknown = set(kinds) - set(KIND_STYLE)
    if not kinds or unknown:
        raise ValueError(f"mechanism_grid: kinds must be a non-empty subset of {list(KIND_STYLE)}; got {list(kinds)}")
    table = treatments[treatments["kind"].isin(kinds)]
    mechanisms = [m for m in mechanism_order() if m in set(table["target_mechanism"])]
    classes = sorted(set(table["drug_class"]), key=lambda c: (
        min(mechanisms.index(m) for m in table.loc[table["drug_class"] == c, "target_mechanism"]), c.lower()))
    traces = {}
    for kind in kinds:
        part = table[table["kind"] == kind]
        cells = part.groupby(["drug_class", "target_mechanism"])["name"].apply(list).reset_index()
        traces[kind] = {
            "x": [mechanisms.index(m) for m in cells["target_mechanism"]],
            "y": [classes.index(c) for c in cells["drug_class"]],
            "text": [str(len(n)) for n in cells["name"]],
            "hover": [f"<b>{_esc(c)}</b> acts on {_esc(m)}:<br>" + "<br>".join(_esc(x) for x in names)
                      for c, m, names in zip(cells["drug_class"], cells["target_mechanism"], cells["name"])],
        }
    return {"mechanisms": mechanisms, "classes": classes, "traces": traces}


MECHANISM_MAP_TITLE = "Which target each class is meant to act on"
MECHANISM_MAP_DESCRIPTION = (
    "A grid with one marker where a class of treatment from the source documents acts on a target mechanism; the number in "
    "each marker counts the treatments in that cell, the marker shape gives the kind, and hovering names them.")


def add_mechanism_traces(fig: go.Figure) -> None:
    """One empty trace per kind of treatment (the map's fixed set of traces)."""
    for kind, style in KIND_STYLE.items():
        fig.add_trace(go.Scatter(
            x=[], y=[], mode="markers+text", name=kind, text=[], hovertext=[], hoverinfo="text",
            textfont={"color": "white", "size": 11},
            marker={"symbol": style["symbol"], "color": style["color"], "size": 22,
                    "line": {"color": "black", "width": 1}}))


def fill_mechanism_map(fig: go.Figure, grid: dict, previous: dict | None = None) -> None:
    """Write a :func:`mechanism_grid` into the traces and category axes of ``fig``.

    ``previous``: the grid written last time, if any; traces and axes that would not change are
    skipped (each plotly property write costs a fraction of a millisecond).
    """
    empty = {"x": [], "y": [], "text": [], "hover": []}
    for trace in fig.data:
        cells = grid["traces"].get(trace.name, empty)
        if previous is not None and previous["traces"].get(trace.name, empty) == cells:
            continue
        trace.x, trace.y, trace.text, trace.hovertext = cells["x"], cells["y"], cells["text"], cells["hover"]
    n_m, n_c = len(grid["mechanisms"]), len(grid["classes"])
    if previous is None or previous["mechanisms"] != grid["mechanisms"]:
        xaxis = fig.layout.xaxis
        xaxis.tickvals = list(range(n_m))
        xaxis.ticktext = [m.replace(" and ", " and<br>") for m in grid["mechanisms"]]
        xaxis.range = [-0.6, max(n_m, 1) - 0.4]
    if previous is None or previous["classes"] != grid["classes"]:
        yaxis = fig.layout.yaxis
        yaxis.tickvals = list(range(n_c))
        yaxis.ticktext = grid["classes"]
        yaxis.range = [-0.6, max(n_c, 1) - 0.4]
        yaxis.autorange = False
        fig.layout.height = max(380, 130 + 30 * n_c)


def mechanism_map_figure(treatments: pd.DataFrame | None = None,
                         kinds: tuple[str, ...] = ("medication", "supplement")) -> go.Figure:
    """Static grid of class (rows) x target mechanism (columns), one marker per pair in treatments.csv.

    Marker symbol and colour give the kind (medication, supplement ...), the text mark how many
    treatments sit in the cell; hovering lists them. ``kinds`` picks which kinds of treatment to show.
    """
    table = load_table("treatments") if treatments is None else treatments
    grid = mechanism_grid(table, tuple(kinds))
    fig = new_figure(MECHANISM_MAP_TITLE, axis_title("Target mechanism", "category"), axis_title("Class", "category"),
                     MECHANISM_MAP_DESCRIPTION)
    add_mechanism_traces(fig)
    fill_mechanism_map(fig, grid)
    fig.update_layout(margin={"l": 250, "r": 20, "t": 80, "b": 90})
    return fig


def invasiveness_figure(table: pd.DataFrame | None = None) -> go.Figure:
    """Horizontal dot plot of the procedures ordered by the teaching invasiveness level (0-3).

    The level comes from data/invasiveness.csv, our ordering built from what each source says
    the procedure involves (the sources do not rank them); hover shows what is done and by whom
    it is described.
    """
    table = load_table("invasiveness") if table is None else table
    table = table.sort_values(["level", "procedure"]).reset_index(drop=True)
    fig = new_figure(
        "How invasive is each procedure? (teaching ordering from the sources' descriptions)",
        axis_title("Invasiveness level", "0-3 teaching scale"), axis_title("Procedure", "category"),
        "Procedures from the sources placed on a 0-3 teaching scale of invasiveness, from a flotation "
        "tank (0, nothing enters the body) to surgically implanted devices (3); the ordering is ours, "
        "built from each source's description.",
        height=160 + 45 * len(table))
    names = {0: "0 non-invasive", 1: "1 needle or drip", 2: "2 nerve deliberately damaged",
             3: "3 implanted device"}
    for level, part in table.groupby("level"):
        fig.add_trace(go.Scatter(
            x=part["level"], y=part["procedure"], mode="markers+text", name=names.get(int(level), str(level)),
            text=[f"  {_esc(s)}" for s in part["level_name"]], textposition="middle right",
            marker={"symbol": ["circle", "diamond", "triangle-up", "square"][int(level) % 4], "size": 16,
                    "color": PALETTE[int(level) % len(PALETTE)], "line": {"color": "black", "width": 1}},
            hovertext=[f"<b>{_esc(p)}</b> (described by {_esc(source_label(s))})<br>"
                       f"{wrap_html(w, 60)}"
                       for p, s, w in zip(part["procedure"], part["source_id"], part["what_is_done"])],
            hoverinfo="text"))
    fig.update_xaxes(range=[-0.3, 4.6], tickvals=[0, 1, 2, 3],
                     ticktext=["0<br>nothing enters", "1<br>needle or drip", "2<br>nerve damaged", "3<br>implanted"])
    fig.update_yaxes(categoryorder="array", categoryarray=list(table["procedure"]), autorange="reversed")
    fig.update_layout(margin={"l": 260, "r": 20, "t": 70, "b": 80}, showlegend=False)
    return fig


def trial_outcomes_figure(trial: str, outcome: str, table: pd.DataFrame | None = None) -> go.Figure:
    """Static version of the trial explorer: both arms of one trial outcome over time."""
    table = load_table("trial_outcomes") if table is None else table
    part = table[(table["trial"] == trial) & (table["outcome"] == outcome)]
    if part.empty:
        pairs = sorted(set(zip(table["trial"], table["outcome"])))
        raise ValueError(f"trial_outcomes_figure: no rows for trial {trial!r} and outcome {outcome!r}; "
                         f"available: {pairs}")
    unit = part["unit"].iloc[0]
    fig = new_figure(f"{trial}: {outcome}", axis_title("Follow-up time", "months"),
                     axis_title(outcome.split(" (")[0], unit),
                     f"Reported values of {outcome.lower()} in each arm of the {trial} at each time point "
                     "read from the papers.")
    for i, (arm, rows) in enumerate(part.groupby("arm", sort=False)):
        rows = rows.sort_values("timepoint_months")
        fig.add_trace(go.Scatter(x=rows["timepoint_months"], y=rows["value"], name=arm, mode="lines+markers+text",
                                 text=[f"{v:g}" for v in rows["value"]], textposition="top center",
                                 line={"dash": ["solid", "dash"][i % 2], "color": PALETTE[i]},
                                 marker={"symbol": ["circle", "square"][i % 2], "size": 11}))
    return fig
