"""Explorer "evidence_explorer" (lesson 12): pick a treatment, see each source's stance side by side.

Built from ``data/source_statements.csv`` (one row per source and treatment: stance, dose and
schedule as reported, a one-line paraphrase), ``data/treatments.csv`` and ``data/sources.csv``.
The source documents (kind ``source-document``: web pages and a slide deck) and the published
trials, reviews and guidelines are drawn with different markers (roles ``source-document`` and
``published``), so a learner sees at once where opinion and trial evidence part.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from ..data import load_table, source_label
from ..figures.evidence import EVIDENCE_STANCES, evidence_figure
from ..figures.treatments import source_order
from .base import Explorer, register

__all__ = ["FILTERS", "STANCES", "EvidenceExplorer", "statements_for"]

STANCES = EVIDENCE_STANCES
DOCUMENT = "source-document"  # the kind of the four source documents in data/sources.csv
WHICH = ("all", DOCUMENT, "published")
FILTERS = [("all sources", "all"), ("source documents only", DOCUMENT), ("published evidence only", "published")]
SUBTITLES = {
    "all": "",
    DOCUMENT: "<br><sup>source documents only</sup>",
    "published": "<br><sup>published evidence only</sup>",
}
KIND_WORDS = {
    DOCUMENT: "source document",
    "guideline": "guideline",
    "trial": "trial",
    "review": "systematic review",
    "case-report": "case report",
    "basic-science": "laboratory study",
    "consensus": "consensus",
    "observational": "observational study",
}


def _text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _joined() -> pd.DataFrame:
    """All statements with each source's kind and label, in reading order (see ``source_order``)."""
    st = load_table("source_statements")
    sources = load_table("sources")
    kinds = dict(zip(sources["source_id"], sources["kind"], strict=True))
    st["kind"] = [kinds.get(s, "unknown") for s in st["source_id"]]
    st["label"] = [source_label(s) if s in kinds else s for s in st["source_id"]]
    rank = {s: i for i, s in enumerate(source_order(st["source_id"]))}
    st["order"] = [rank[s] for s in st["source_id"]]
    return st.sort_values(["order"], kind="stable").drop(columns="order").reset_index(drop=True)


def statements_for(treatment_id: str, which: str = "all", joined: pd.DataFrame | None = None) -> pd.DataFrame:
    """Statements about one treatment with source kind and label, source documents first.

    ``which``: "all", "source-document" (the four source documents only) or "published" (the rest).
    """
    if which not in WHICH:
        raise ValueError(f"which must be one of {', '.join(map(repr, WHICH))}; got {which!r}")
    st = _joined() if joined is None else joined
    rows = st[st["treatment_id"] == treatment_id]
    if which != "all":
        rows = rows[(rows["kind"] == DOCUMENT) == (which == DOCUMENT)]
    return rows.reset_index(drop=True)


def _treatment_options() -> list[tuple[str, str]]:
    """(name, id) per treatment: first those on which source documents and published sources both
    speak, then by how many stances and statements there are."""
    st = load_table("source_statements")
    tr = load_table("treatments").set_index("treatment_id")
    if len(st) == 0:
        return [(str(tr.loc[t, "name"]), t) for t in tr.index]
    kinds = load_table("sources").set_index("source_id")["kind"]
    stats = []
    for t, group in st.groupby("treatment_id"):
        n_documents = sum(kinds.get(s) == DOCUMENT for s in group["source_id"])
        both = 0 < n_documents < len(group)
        name = str(tr.loc[t, "name"]) if t in tr.index else t
        stats.append((not both, -group["stance"].nunique(), -len(group), name, t))
    stats.sort()
    return [(name, t) for *_, name, t in stats]


@register("evidence_explorer")
class EvidenceExplorer(Explorer):
    """Each source's stance on the chosen treatment; source documents and published evidence marked apart."""

    def __init__(self, **values):
        self.table = w.HTML()
        # One small, already sorted list of records per treatment: a control change only filters it,
        # and each (treatment, filter) view is prepared once, when first shown.
        self._groups = {t: list(g.itertuples(index=False)) for t, g in _joined().groupby("treatment_id", sort=False)}
        self._names = dict(load_table("treatments")[["treatment_id", "name"]].itertuples(index=False))
        self._views: dict[tuple[str, str], tuple] = {}
        options = _treatment_options()
        # The filter comes first: in JupyterLab's command mode an arrow key on a focused <select>
        # moves to the next cell, so a dropdown is a poor first stop for keyboard users.
        controls = {
            "which": w.ToggleButtons(
                options=FILTERS,
                value="all",
                description="Show",
                tooltips=["every source", "the four source documents", "published trials, reviews and guidelines"],
                style={"button_width": "190px"},
            ),
            "treatment": w.Dropdown(
                options=options, value=options[0][1], description="Treatment", layout=w.Layout(width="480px")
            ),
        }
        super().__init__(controls, evidence_figure(), values, outputs=(self.table,))

    def _view(self, treatment: str, which: str) -> tuple:
        """Trace data, axis labels, table, readout and title for one treatment and filter."""
        key = (treatment, which)
        if key in self._views:
            return self._views[key]
        rows = [
            r for r in self._groups.get(treatment, []) if which == "all" or (r.kind == DOCUMENT) == (which == DOCUMENT)
        ]
        name = self._names.get(treatment, treatment)
        traces = {}
        for trace_role, is_document in ((DOCUMENT, True), ("published", False)):
            part = [r for r in rows if (r.kind == DOCUMENT) == is_document]
            traces[trace_role] = {
                "x": [r.stance for r in part],
                "y": [r.label for r in part],
                "text": [r.stance for r in part],
                "hovertext": [f"{r.label}: {_text(r.paraphrase)}" for r in part],
            }
        labels = [r.label for r in rows][::-1]
        body = "".join(
            f"<tr><td>{html.escape(r.label)}</td><td>{html.escape(KIND_WORDS.get(r.kind, r.kind))}</td>"
            f"<td><b>{html.escape(r.stance)}</b></td><td>{html.escape(_text(r.dose_reported))}</td>"
            f"<td>{html.escape(_text(r.schedule_reported))}</td><td>{html.escape(_text(r.paraphrase))}</td></tr>"
            for r in rows
        )
        table = (
            "<table class='crps-evidence'><thead><tr><th>source</th><th>kind</th><th>stance</th>"
            "<th>dose as reported</th><th>schedule as reported</th><th>what it says (our words)</th>"
            f"</tr></thead><tbody>{body}</tbody></table>"
            if rows
            else "<p>No statements about this treatment in data/source_statements.csv for this choice.</p>"
        )
        present = {r.stance for r in rows}
        stances = [s for s in STANCES if s in present]
        if not rows:
            readout = f"{name}: no source in this selection makes a statement."
        elif len(stances) == 1:
            readout = f"{name}: {len(rows)} source(s), all at '{stances[0]}'."
        else:
            lo = ", ".join(r.label for r in rows if r.stance == stances[0])
            hi = ", ".join(r.label for r in rows if r.stance == stances[-1])
            readout = (
                f"{name}: {len(rows)} sources take different stances, from '{stances[0]}' ({lo}) "
                f"to '{stances[-1]}' ({hi})."
            )
        title = f"What the sources say: {name}{SUBTITLES[which]}"
        self._views[key] = (traces, labels, table, readout, title)
        return self._views[key]

    def update(self) -> None:
        traces, labels, table, readout, title = self._view(
            self.controls["treatment"].value, self.controls["which"].value
        )
        for trace_role, data in traces.items():
            self.trace(trace_role).update(data)
        self.figure.layout.yaxis.categoryarray = labels
        self.figure.layout.yaxis.range = [-0.5, max(len(labels), 1) - 0.3]
        self.figure.layout.title.text = title
        self.table.value = table
        self.set_readout(readout)
