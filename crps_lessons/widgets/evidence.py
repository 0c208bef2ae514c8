"""Explorer "evidence_explorer" (lessons 09 and 12): what the research found, and apart from it, what sources say.

Results come from ``data/findings.csv`` (one row per treatment, outcome and source: design, size,
direction, certainty, the effect as reported). They are placed by direction and certainty
(:mod:`crps_lessons.models.evidence_map`), shaped by design and sized by the number of people.
Opinions come from ``data/source_statements.csv``, only from sources that state views (the four
source documents, guidelines, consensus statements), and are drawn in their own strip. A trial or a
review is never shown as an opinion, and an opinion never sits on the results map.

The explorer reads whatever rows the tables hold; nothing here names a particular treatment.
"""

from __future__ import annotations

import functools
import html
from collections import Counter

import ipywidgets as w
import pandas as pd

from ..data import data_dir, load_table, source_label
from ..figures.evidence import OPINION_TRACES, design_role, design_words, designs, evidence_figure
from ..findings import certainty_label, finding_row_html, findings_for, findings_table_html
from ..models.evidence_map import CERTAINTY_AXIS, DIRECTION_AXIS, marker_diameter, place, positions
from .base import Explorer, register

__all__ = ["ALL", "OPINION_KINDS", "SHOW", "EvidenceExplorer", "opinions_for", "results_for"]

ALL = "all"  # the treatment option that maps every finding at once
OPINION_KINDS = {
    "source-document": "opinion-document",
    "guideline": "opinion-guideline",
    "consensus": "opinion-guideline",
}
SHOW = [("results and opinions", "both"), ("results only", "results"), ("opinions only", "opinions")]
KIND_WORDS = {"source-document": "source document", "guideline": "guideline", "consensus": "consensus statement"}


def _text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _plot_text(value) -> str:
    # plotly decodes &lt; &gt; &amp; in labels but not &quot;
    return html.escape(_text(value), quote=False)


def results_for(treatment_id: str) -> pd.DataFrame:
    """Findings rows (all treatments for ``ALL``) with treatment name and map position (x, y)."""
    return place(findings_for() if treatment_id == ALL else findings_for([treatment_id]))


def opinions_for(treatment_id: str) -> pd.DataFrame:
    """Statements about one treatment by sources that state opinions (source documents, guidelines,
    consensus statements), with kind, label and trace role; the source documents first, in the order
    of data/sources.csv, then the others by year."""
    st = _opinions(str(data_dir()))
    return st[st["treatment_id"] == treatment_id].reset_index(drop=True)


# Grouped once per data folder: the explorer asks for one treatment's rows on every change of treatment,
# and works on plain named tuples, since a pandas operation costs more than the whole view it feeds.
def _by_treatment(rows) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for r in rows:
        grouped.setdefault(r.treatment_id, []).append(r)
    return grouped


@functools.lru_cache(maxsize=4)
def _result_rows(folder: str) -> dict[str, list]:
    """Each treatment's findings as named tuples, in the order of data/findings.csv (key ``ALL``: every row)."""
    rows = list(findings_for().itertuples(index=False))
    return {ALL: rows, **_by_treatment(rows)}


@functools.lru_cache(maxsize=4)
def _opinion_rows(folder: str) -> dict[str, list]:
    """Each treatment's opinions (rows of :func:`opinions_for`) as named tuples."""
    return _by_treatment(_opinions(folder).itertuples(index=False))


@functools.lru_cache(maxsize=4)
def _opinions(folder: str) -> pd.DataFrame:
    sources = load_table("sources").reset_index(drop=True)
    st = load_table("source_statements").merge(sources[["source_id", "kind", "year"]], on="source_id")
    st = st[st["kind"].isin(list(OPINION_KINDS))].copy()
    row = {s: i for i, s in enumerate(sources["source_id"])}
    st["order"] = [
        (0, row[s], 0) if k == "source-document" else (1, 0 if pd.isna(y) else int(y), row[s])
        for s, k, y in zip(st["source_id"], st["kind"], st["year"], strict=True)
    ]
    st = st.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)
    st["label"] = [source_label(s) for s in st["source_id"]]
    st["role"] = [OPINION_KINDS[k] for k in st["kind"]]
    return st


def _treatment_options() -> list[tuple[str, str]]:
    """(label, id): every treatment at once, then treatments with findings (most first), then those
    with opinions only; each label says how many results and opinions it has."""
    names = dict(load_table("treatments")[["treatment_id", "name"]].itertuples(index=False))
    n_results = Counter(load_table("findings")["treatment_id"])
    kinds = dict(load_table("sources")[["source_id", "kind"]].itertuples(index=False))
    st = load_table("source_statements")
    n_opinions = Counter(
        t for s, t in zip(st["source_id"], st["treatment_id"], strict=True) if kinds.get(s) in OPINION_KINDS
    )
    ids = [t for t in names if n_results[t] or n_opinions[t]]
    ids.sort(key=lambda t: (n_results[t] == 0, -n_results[t], -n_opinions[t], names[t].lower()))
    total = sum(n_results.values())
    options = [(f"every treatment at once ({total} results)", ALL)]
    for t in ids:
        parts = [f"{n_results[t]} result{'s' * (n_results[t] != 1)}"] if n_results[t] else ["no results yet"]
        parts.append(f"{n_opinions[t]} opinion{'s' * (n_opinions[t] != 1)}")
        options.append((f"{names[t]} ({', '.join(parts)})", t))
    return options


def _short_label(source_id: str) -> str:
    """A marker's label: the source's name on two short lines ("Sigtermans et al. 2009" -> "Sigtermans<br>2009")."""
    words = _plot_text(source_label(source_id).replace(" et al.", "")).rsplit(" ", 1)
    return "<br>".join(words) if len(words) == 2 and words[1].isdigit() else " ".join(words)


def _people(n) -> str:
    return "number of people not reported" if pd.isna(n) else f"{int(n)} people"


def _hover(r) -> str:
    lines = [
        f"<b>{_plot_text(r.name)}</b>: {_plot_text(r.outcome)}",
        f"{_plot_text(design_words(r.design))}, {_people(r.n_participants)}; vs {_plot_text(r.comparison)}",
        f"<b>{_plot_text(r.direction)}</b>: {_plot_text(r.effect)}",
        f"certainty: {_plot_text(certainty_label(r.certainty))}",
        f"source: {_plot_text(source_label(r.source_id))}",
    ]
    # Long effect texts: break every ~90 characters so the hover box stays on screen.
    return "<br>".join(_wrap(line) for line in lines)


def _wrap(line: str, width: int = 90) -> str:
    words, out, current = line.split(" "), [], ""
    for word in words:
        if current and len(current) + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    out.append(current)
    return "<br>".join(out)


@register("evidence_explorer")
class EvidenceExplorer(Explorer):
    """Findings mapped by direction and certainty, design and size; opinions in a separate strip."""

    def __init__(self, **values):
        self.table = w.HTML()
        self._views: dict[tuple[str, str], tuple] = {}
        options = _treatment_options()
        # The filter comes first: in JupyterLab's command mode an arrow key on a focused <select>
        # moves to the next cell, so a dropdown is a poor first stop for keyboard users.
        controls = {
            "show": w.ToggleButtons(
                options=SHOW,
                value="both",
                description="Show",
                tooltips=[
                    "results and, apart, opinions",
                    "findings of trials and reviews only",
                    "statements of the source documents and guidelines only",
                ],
                style={"button_width": "170px"},
            ),
            "treatment": w.Dropdown(
                options=options, value=ALL, description="Treatment", layout=w.Layout(width="560px")
            ),
        }
        self._designs = designs()
        self._trace_data: dict[str, dict] = {}
        self._names = dict(load_table("treatments")[["treatment_id", "name"]].itertuples(index=False))
        super().__init__(controls, evidence_figure(), values, outputs=(self.table,))

    def _traces(self, treatment: str) -> dict:
        """Data of every trace for one treatment, results and opinions both ("show" only hides parts)."""
        if treatment in self._trace_data:
            return self._trace_data[treatment]
        every = treatment == ALL
        folder = str(data_dir())
        results = _result_rows(folder).get(treatment, [])
        opinions = [] if every else _opinion_rows(folder).get(treatment, [])
        xs, ys, slots = positions([r.direction for r in results], [r.certainty for r in results])
        by_design: dict[str, list[int]] = {}
        for i, r in enumerate(results):
            by_design.setdefault(r.design, []).append(i)
        traces = {}
        for design in self._designs:
            members = by_design.get(design, [])
            part = [results[i] for i in members]
            traces[design_role(design)] = {
                "x": [xs[i] for i in members],
                "y": [ys[i] for i in members],
                "marker": {"size": [marker_diameter(r.n_participants) for r in part]},
                "text": [] if every else [_short_label(r.source_id) for r in part],
                # Neighbours in one cell take turns above and below their marker, so labels do not overlap.
                "textposition": ["bottom center" if slots[i] % 2 else "top center" for i in members],
                "hovertext": [_hover(r) for r in part],
                "showlegend": bool(members),
            }
        by_role: dict[str, list] = {}
        for r in opinions:
            by_role.setdefault(r.role, []).append(r)
        for trace_role in OPINION_TRACES:
            part = by_role.get(trace_role, [])
            traces[trace_role] = {
                "x": [r.stance for r in part],
                "y": [r.label for r in part],
                "hovertext": [
                    f"<b>{_plot_text(r.label)}</b> ({KIND_WORDS[r.kind]}): {_plot_text(r.stance)}<br>"
                    f"{_wrap(_plot_text(r.paraphrase))}"
                    for r in part
                ],
                "showlegend": bool(part),
            }
        self._trace_data[treatment] = traces
        return traces

    def _view(self, treatment: str, show: str) -> tuple:
        key = (treatment, show)
        if key in self._views:
            return self._views[key]
        every = treatment == ALL
        folder = str(data_dir())
        results = _result_rows(folder).get(treatment, []) if show != "opinions" else []
        opinions = _opinion_rows(folder).get(treatment, []) if (show != "results" and not every) else []
        name = "every treatment" if every else self._names.get(treatment, treatment)

        traces = self._traces(treatment)
        labels = list(dict.fromkeys(r.label for r in opinions))

        readout = self._readout(name, every, show, results, opinions)
        table = self._table(every, results, opinions)
        title = (
            f"Results and opinions: {name}"
            + {"both": "", "results": " (results only)", "opinions": " (opinions only)"}[show]
        )
        self._views[key] = (traces, labels[::-1], table, readout, title)
        return self._views[key]

    @staticmethod
    def _readout(name: str, every: bool, show: str, results: list, opinions: list) -> str:
        parts = []
        if show != "opinions":
            if not results:
                parts.append(f"{name[0].upper()}{name[1:]}: no research findings recorded yet in data/findings.csv.")
            elif every:
                by_certainty = Counter(r.certainty for r in results)
                by_direction = Counter(r.direction for r in results)
                parts.append(
                    f"Every treatment: {len(results)} findings for {len({r.treatment_id for r in results})} "
                    "treatments. "
                    "Certainty: " + ", ".join(f"{c} {by_certainty[c]}" for c in CERTAINTY_AXIS[::-1]) + ". "
                    "Direction: " + ", ".join(f"{d} {by_direction[d]}" for d in DIRECTION_AXIS[::-1]) + "."
                )
            else:
                listed = "; ".join(
                    f"{r.direction} for {r.outcome} ({design_words(r.design)}, {_people(r.n_participants)}; "
                    f"{r.certainty}{' certainty' if r.certainty != 'not graded' else ''}; {source_label(r.source_id)})"
                    for r in results
                )
                parts.append(f"{name}. Results ({len(results)}): {listed}.")
        if every and show != "results":
            parts.append("Opinions are shown one treatment at a time: pick a treatment.")
        elif show != "results":
            if not opinions:
                parts.append("Opinions: none recorded from the source documents or guidelines.")
            else:
                listed = "; ".join(f"{r.label} ({KIND_WORDS[r.kind]}): {r.stance}" for r in opinions)
                parts.append(f"Opinions, shown apart ({len(opinions)}): {listed}.")
        return " ".join(parts)

    @staticmethod
    def _table(every: bool, results: list, opinions: list) -> str:
        blocks = []
        if every and results:
            rows = []
            for group in _by_treatment(results).values():
                best = max((r.certainty for r in group), key=CERTAINTY_AXIS.index)
                rows.append(
                    f"<tr><th scope='row'>{html.escape(_text(group[0].name))}</th><td>{len(group)}</td>"
                    f"<td>{html.escape(', '.join(sorted({r.direction for r in group})))}</td>"
                    f"<td>{html.escape(best)}</td></tr>"
                )
            blocks.append(
                "<table class='crps-evidence'><caption>Findings per treatment</caption><thead><tr>"
                "<th scope='col'>treatment</th><th scope='col'>findings</th><th scope='col'>directions</th>"
                f"<th scope='col'>highest certainty</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            )
        elif results:
            blocks.append(
                findings_table_html([finding_row_html(r) for r in results], "Results: what the research found")
            )
        if opinions:
            body = "".join(
                f"<tr><th scope='row'>{html.escape(r.label)}</th><td>{html.escape(KIND_WORDS[r.kind])}</td>"
                f"<td><b>{html.escape(r.stance)}</b></td><td>{html.escape(_text(r.dose_reported))}</td>"
                f"<td>{html.escape(_text(r.schedule_reported))}</td><td>{html.escape(_text(r.paraphrase))}</td></tr>"
                for r in opinions
            )
            blocks.append(
                "<table class='crps-evidence'><caption>Opinions: what the sources say (not results)</caption>"
                "<thead><tr><th scope='col'>source</th><th scope='col'>kind</th><th scope='col'>stance</th>"
                "<th scope='col'>dose as the source reports it</th><th scope='col'>schedule as reported</th>"
                f"<th scope='col'>what it says (our words)</th></tr></thead><tbody>{body}</tbody></table>"
            )
        return "".join(blocks) or "<p>Nothing recorded for this choice.</p>"

    def update(self) -> None:
        treatment, show = self.controls["treatment"].value, self.controls["show"].value
        traces, labels, table, readout, title = self._view(treatment, show)
        hidden = {"results": set(OPINION_TRACES), "opinions": set(traces) - set(OPINION_TRACES)}.get(show, set())
        if treatment == ALL:
            hidden |= set(OPINION_TRACES)
        for trace_role, data in traces.items():
            # A part the "show" choice hides is only switched off: rewriting its data costs far more.
            if trace_role in hidden:
                self.restyle(trace_role, visible=False)
            else:
                self.restyle(trace_role, {**data, "visible": True})
        self.figure.layout.yaxis2.categoryarray = labels
        self.figure.layout.yaxis2.range = [-0.5, max(len(labels), 1) - 0.5]
        self.figure.layout.title.text = title
        self.table.value = table
        self.set_readout(readout)
