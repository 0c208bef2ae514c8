"""Figures and shared text helpers for the care lessons (07 medicines, 08 procedures).

Everything here reads the cited tables (``treatments``, ``source_statements``, ``sources``,
``invasiveness``) and never invents content: doses and schedules are only ever quoted as what a
named source reports ("Dr Chopra's talk reports ..."), never recommended, and nothing computes a dose.
Text that comes from the tables is HTML-escaped before it reaches plotly hover labels or HTML.
Builders give every trace a role (``meta``); the explorers in ``crps_lessons.widgets.treatments``
find traces by role and only write their data.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from ..data import load_table, source_label, table_schema
from . import PALETTE, axis_title, new_figure, role

__all__ = [
    "NOT_MATCHING",
    "STANCES",
    "STANCE_STYLE",
    "attributed_report",
    "invasiveness_figure",
    "mechanism_order",
    "source_order",
    "statements_figure",
    "wrap_html",
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
NOT_MATCHING = "not matching the filters"  # role and legend name of the faint context markers


def mechanism_order() -> list[str]:
    """Target mechanisms in the order the schema of treatments.csv lists them."""
    field = next(f for f in table_schema("treatments")["fields"] if f["name"] == "target_mechanism")
    return list(field["constraints"]["enum"])


def source_order(source_ids: Iterable[str]) -> list[str]:
    """The ids sorted for reading: the source documents in the order data/sources.csv lists them, then the
    published sources by year (undated first), then by id. Ids missing from sources.csv come last."""
    sources = load_table("sources").reset_index(drop=True)
    row = {sid: i for i, sid in enumerate(sources["source_id"])}
    kind = dict(zip(sources["source_id"], sources["kind"], strict=True))
    year = dict(zip(sources["source_id"], sources["year"], strict=True))

    def key(sid: str) -> tuple:
        if sid not in row:
            return (2, 0, 0, sid)
        if kind[sid] == "source-document":
            return (0, 0, row[sid], sid)
        return (1, 0 if pd.isna(year[sid]) else int(year[sid]), 0, sid)

    return sorted(set(source_ids), key=key)


def _esc(text) -> str:
    """Escape for plotly labels (plotly decodes &lt; &gt; &amp; but not &quot;)."""
    return html.escape(str(text), quote=False)


def _clean(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


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


# --------------------------------------------------------------------------- mechanism map


def statements_figure(mechanisms: list[str] | None = None) -> go.Figure:
    """Empty map of opinion statements: stance (x) by target mechanism (y), for ``treatment_explorer``.

    Roles: ``NOT_MATCHING`` (faint open circles for the statements the filters leave out, kept for
    context) and one trace per stance, named and given the role of the stance.
    """
    mechanisms = mechanism_order() if mechanisms is None else list(mechanisms)
    fig = new_figure(
        "What the source documents and guidelines say (opinions, not trial results)",
        axis_title("Stance given by the source, an opinion", "category"),
        axis_title("Target mechanism", "category"),
        "One marker per opinion a source document or guideline gives about a treatment, placed by the "
        "source's stance (left: recommends, right: harmful) and the mechanism the treatment targets; "
        "symbols differ by stance and hovering shows the attributed statement. Trial results are not "
        "shown here.",
        height=520,
    )
    fig.add_scatter(
        meta=role(NOT_MATCHING),
        x=[],
        y=[],
        mode="markers",
        name=NOT_MATCHING,
        hoverinfo="skip",
        marker={"symbol": "circle-open", "color": "#bbbbbb", "size": 8},
    )
    for stance in STANCES:
        style = STANCE_STYLE[stance]
        fig.add_scatter(
            meta=role(stance),
            x=[],
            y=[],
            mode="markers",
            name=stance,
            hovertext=[],
            hoverinfo="text",
            marker={
                "symbol": style["symbol"],
                "color": style["color"],
                "size": 12,
                "line": {"color": "black", "width": 1},
            },
        )
    fig.update_xaxes(tickvals=list(range(len(STANCES))), ticktext=STANCES, range=[-0.5, len(STANCES) - 0.5])
    fig.update_yaxes(
        tickvals=list(range(len(mechanisms))),
        ticktext=[m.replace(" and ", " and<br>") for m in mechanisms],
        range=[-0.5, len(mechanisms) - 0.5],
    )
    # Seven legend entries wrap to two rows: below the plot they cannot cover the two-line title.
    fig.update_layout(
        margin={"l": 190, "r": 20, "t": 90, "b": 130},
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0.0},
    )
    return fig


# --------------------------------------------------------------------------- invasiveness

INVASIVENESS_NAMES = {
    0: "0 non-invasive",
    1: "1 needle or drip",
    2: "2 nerve deliberately damaged",
    3: "3 implanted device",
}


def invasiveness_figure(table: pd.DataFrame | None = None) -> go.Figure:
    """Horizontal dot plot of the procedures ordered by the teaching invasiveness level (0-3).

    The level comes from data/invasiveness.csv, our ordering built from what each source says
    the procedure involves (the sources do not rank them); hover shows what is done and by whom
    it is described. One trace per level (role ``"level 0"`` ... ``"level 3"``).
    """
    table = load_table("invasiveness") if table is None else table
    table = table.sort_values(["level", "procedure"]).reset_index(drop=True)
    fig = new_figure(
        "How invasive is each procedure? (teaching ordering from the sources' descriptions)",
        axis_title("Invasiveness level", "0-3 teaching scale"),
        axis_title("Procedure", "category"),
        "Procedures from the sources placed on a 0-3 teaching scale of invasiveness, from a flotation "
        "tank (0, nothing enters the body) to surgically implanted devices (3); the ordering is ours, "
        "built from each source's description.",
        height=160 + 45 * len(table),
    )
    for level, part in table.groupby("level"):
        level = int(level)
        fig.add_scatter(
            meta=role(f"level {level}"),
            x=part["level"].tolist(),
            y=part["procedure"].tolist(),
            mode="markers+text",
            name=INVASIVENESS_NAMES.get(level, str(level)),
            text=[f"  {_esc(s)}" for s in part["level_name"]],
            textposition="middle right",
            marker={
                "symbol": ["circle", "diamond", "triangle-up", "square"][level % 4],
                "size": 16,
                "color": PALETTE[level % len(PALETTE)],
                "line": {"color": "black", "width": 1},
            },
            hovertext=[
                f"<b>{_esc(p)}</b> (described by {_esc(source_label(s))})<br>{wrap_html(d, 60)}"
                for p, s, d in zip(part["procedure"], part["source_id"], part["what_is_done"], strict=True)
            ],
            hoverinfo="text",
        )
    fig.update_xaxes(
        range=[-0.3, 4.6],
        tickvals=[0, 1, 2, 3],
        ticktext=["0<br>nothing enters", "1<br>needle or drip", "2<br>nerve damaged", "3<br>implanted"],
    )
    fig.update_yaxes(categoryorder="array", categoryarray=list(table["procedure"]), autorange="reversed")
    fig.update_layout(margin={"l": 260, "r": 20, "t": 70, "b": 80}, showlegend=False)
    return fig
