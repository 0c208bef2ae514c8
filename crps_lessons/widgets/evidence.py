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
from ..findings import certainty_label, findings_for, show_findings
from ..models.evidence_map import CERTAINTY_AXIS, DIRECTION_AXIS, marker_diameter, place
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
    if treatment_id == ALL:
        return place(findings_for())
    placed = _placed_by_treatment(str(data_dir())).get(treatment_id)
    return place(findings_for().iloc[0:0]) if placed is None else placed.copy()


def opinions_for(treatment_id: str) -> pd.DataFrame:
    """Statements about one treatment by sources that state opinions (source documents, guidelines,
    consensus statements), with kind, label and trace role; the source documents first, in the order
    of data/sources.csv, then the others by year."""
    found = _opinions_by_treatment(str(data_dir())).get(treatment_id)
    return _opinions(str(data_dir())).iloc[0:0].reset_index(drop=True) if found is None else found.copy()


# Grouped once per data folder: the explorer asks for one treatment's rows on every change of treatment.
@functools.lru_cache(maxsize=4)
def _placed_by_treatment(folder: str) -> dict[str, pd.DataFrame]:
    return {t: place(rows) for t, rows in findings_for().groupby("treatment_id", sort=False)}


@functools.lru_cache(maxsize=4)
def _opinions_by_treatment(folder: str) -> dict[str, pd.DataFrame]:
    return {t: rows.reset_index(drop=True) for t, rows in _opinions(folder).groupby("treatment_id", sort=False)}


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
        results = results_for(treatment)
        opinions = opinions_for(treatment) if not every else opinions_for(treatment).iloc[0:0]
        traces = {}
        # A design or kind of source with nothing to show gets empty data without touching pandas:
        # most treatments have findings of one or two designs only.
        by_design = dict(tuple(results.groupby("design", sort=False)))
        for design in self._designs:
            part = by_design.get(design)
            if part is None:
                traces[design_role(design)] = {
                    "x": [], "y": [], "marker": {"size": []}, "text": [], "textposition": [], "hovertext": [],
                    "showlegend": False,
                }  # fmt: skip
                continue
            traces[design_role(design)] = {
                "x": part["x"].tolist(),
                "y": part["y"].tolist(),
                "marker": {"size": [marker_diameter(n) for n in part["n_participants"]]},
                "text": [] if every else [_short_label(s) for s in part["source_id"]],
                # Neighbours in one cell take turns above and below their marker, so labels do not overlap.
                "textposition": ["bottom center" if slot % 2 else "top center" for slot in part["slot"]],
                "hovertext": [_hover(r) for r in part.itertuples(index=False)],
                "showlegend": True,
            }
        by_role = dict(tuple(opinions.groupby("role", sort=False)))
        for trace_role in OPINION_TRACES:
            part = by_role.get(trace_role)
            if part is None:
                traces[trace_role] = {"x": [], "y": [], "hovertext": [], "showlegend": False}
                continue
            traces[trace_role] = {
                "x": part["stance"].tolist(),
                "y": part["label"].tolist(),
                "hovertext": [
                    f"<b>{_plot_text(r.label)}</b> ({KIND_WORDS[r.kind]}): {_plot_text(r.stance)}<br>"
                    f"{_wrap(_plot_text(r.paraphrase))}"
                    for r in part.itertuples(index=False)
                ],
                "showlegend": True,
            }
        self._trace_data[treatment] = traces
        return traces

    def _view(self, treatment: str, show: str) -> tuple:
        key = (treatment, show)
        if key in self._views:
            return self._views[key]
        every = treatment == ALL
        results = results_for(treatment) if show != "opinions" else results_for(treatment).iloc[0:0]
        opinions = opinions_for(treatment) if (show != "results" and not every) else opinions_for(treatment).iloc[0:0]
        name = "every treatment" if every else self._names.get(treatment, treatment)

        traces = self._traces(treatment)
        labels = list(dict.fromkeys(opinions["label"]))

        readout = self._readout(name, every, show, results, opinions)
        table = self._table(treatment, every, results, opinions)
        title = (
            f"Results and opinions: {name}"
            + {"both": "", "results": " (results only)", "opinions": " (opinions only)"}[show]
        )
        self._views[key] = (traces, labels[::-1], table, readout, title)
        return self._views[key]

    @staticmethod
    def _readout(name: str, every: bool, show: str, results: pd.DataFrame, opinions: pd.DataFrame) -> str:
        parts = []
        if show != "opinions":
            if results.empty:
                parts.append(f"{name[0].upper()}{name[1:]}: no research findings recorded yet in data/findings.csv.")
            elif every:
                by_certainty = Counter(results["certainty"])
                by_direction = Counter(results["direction"])
                parts.append(
                    f"Every treatment: {len(results)} findings for {results['treatment_id'].nunique()} treatments. "
                    "Certainty: " + ", ".join(f"{c} {by_certainty[c]}" for c in CERTAINTY_AXIS[::-1]) + ". "
                    "Direction: " + ", ".join(f"{d} {by_direction[d]}" for d in DIRECTION_AXIS[::-1]) + "."
                )
            else:
                listed = "; ".join(
                    f"{r.direction} for {r.outcome} ({design_words(r.design)}, {_people(r.n_participants)}; "
                    f"{r.certainty}{' certainty' if r.certainty != 'not graded' else ''}; {source_label(r.source_id)})"
                    for r in results.itertuples(index=False)
                )
                parts.append(f"{name}. Results ({len(results)}): {listed}.")
        if every and show != "results":
            parts.append("Opinions are shown one treatment at a time: pick a treatment.")
        elif show != "results":
            if opinions.empty:
                parts.append("Opinions: none recorded from the source documents or guidelines.")
            else:
                listed = "; ".join(f"{r.label} ({KIND_WORDS[r.kind]}): {r.stance}" for r in opinions.itertuples())
                parts.append(f"Opinions, shown apart ({len(opinions)}): {listed}.")
        return " ".join(parts)

    @staticmethod
    def _table(treatment: str, every: bool, results: pd.DataFrame, opinions: pd.DataFrame) -> str:
        blocks = []
        if every and not results.empty:
            rows = []
            for _treatment, group in results.groupby("treatment_id", sort=False):
                best = max(group["certainty"], key=lambda c: CERTAINTY_AXIS.index(c))
                rows.append(
                    f"<tr><th scope='row'>{html.escape(_text(group['name'].iloc[0]))}</th><td>{len(group)}</td>"
                    f"<td>{html.escape(', '.join(sorted(set(group['direction']))))}</td>"
                    f"<td>{html.escape(best)}</td></tr>"
                )
            blocks.append(
                "<table class='crps-evidence'><caption>Findings per treatment</caption><thead><tr>"
                "<th scope='col'>treatment</th><th scope='col'>findings</th><th scope='col'>directions</th>"
                f"<th scope='col'>highest certainty</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            )
        elif not results.empty:
            blocks.append(show_findings([treatment], caption="Results: what the research found").data)
        if not opinions.empty:
            body = "".join(
                f"<tr><th scope='row'>{html.escape(r.label)}</th><td>{html.escape(KIND_WORDS[r.kind])}</td>"
                f"<td><b>{html.escape(r.stance)}</b></td><td>{html.escape(_text(r.dose_reported))}</td>"
                f"<td>{html.escape(_text(r.schedule_reported))}</td><td>{html.escape(_text(r.paraphrase))}</td></tr>"
                for r in opinions.itertuples(index=False)
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
