"""Explorer "evidence_explorer": pick a treatment, see each source's stance side by side.

Built from ``data/source_statements.csv`` (one row per source and treatment: stance, dose and
schedule as reported, a one-line paraphrase), ``data/treatments.csv`` and ``data/sources.csv``.
The source documents (web pages and a slide deck) and the published trials, reviews and guidelines
are drawn with different markers, so a learner sees at once where opinion and trial evidence part.
"""

from __future__ import annotations

import html

import ipywidgets as w

from ..data import load_table, source_label
from ..figures import PALETTE, axis_title, new_figure
from .base import Explorer, register

__all__ = ["EvidenceExplorer", "STANCES", "statements_for"]

STANCES = ["harmful", "not helpful", "caution", "describes", "worth trying", "recommends"]
FILTERS = [("all sources", "all"), ("source documents only", "seed"), ("published evidence only", "published")]
KIND_WORDS = {"source-document": "source document", "guideline": "guideline", "trial": "trial", "review": "systematic review",
              "case-report": "case report", "basic-science": "laboratory study", "consensus": "consensus",
              "observational": "observational study"}


def _text(value) -> str:
    return "" if value is None or str(value) == "<NA>" else str(value)


def _joined():
    """All statements joined with each source's kind, year and short label (built once per call)."""
    st = load_table("source_statements")
    sources = load_table("sources").set_index("source_id")
    labels = {s: source_label(s) for s in set(st["source_id"]) if s in sources.index}
    st["kind"] = [sources.loc[s, "kind"] if s in sources.index else "unknown" for s in st["source_id"]]
    st["year"] = [sources.loc[s, "year"] if s in sources.index else None for s in st["source_id"]]
    st["label"] = [labels.get(s, s) for s in st["source_id"]]
    st["seed_first"] = st["kind"] != "source-document"
    return st


def statements_for(treatment_id: str, which: str = "all", joined=None):
    """Statements about one treatment joined with source kind and label; ``which``: all, seed, published."""
    if which not in ("all", "seed", "published"):
        raise ValueError(f"which must be 'all', 'seed' or 'published', got {which!r}")
    st = _joined() if joined is None else joined
    rows = st[st["treatment_id"] == treatment_id]
    if which == "source-document":
        rows = rows[rows["kind"] == "source-document"]
    elif which == "published":
        rows = rows[rows["kind"] != "source-document"]
    return rows.sort_values(["seed_first", "year", "source_id"], na_position="first").reset_index(drop=True)


def _treatment_options():
    st = load_table("source_statements")
    tr = load_table("treatments").set_index("treatment_id")
    if len(st) == 0:
        return [(str(tr.loc[t, "name"]), t) for t in tr.index]
    kinds = load_table("sources").set_index("source_id")["kind"]
    stats = []
    for t, group in st.groupby("treatment_id"):
        n_seed = sum(kinds.get(s) == "source-document" for s in group["source_id"])
        both = 0 < n_seed < len(group)
        name = str(tr.loc[t, "name"]) if t in tr.index else t
        stats.append((not both, -group["stance"].nunique(), -len(group), name, t))
    stats.sort()
    return [(name, t) for *_, name, t in stats]


@register("evidence_explorer")
class EvidenceExplorer(Explorer):
    """Each source's stance on the chosen treatment; seeds and published evidence marked apart."""

    def make_controls(self):
        self.table = w.HTML()
        self._cache: dict[tuple[str, str], tuple] = {}
        joined = _joined().sort_values(["seed_first", "year", "source_id"], na_position="first")
        # One small, already sorted frame per treatment (plain records): a control change only filters it.
        self._groups = {t: list(g.itertuples(index=False)) for t, g in joined.groupby("treatment_id", sort=False)}
        self._names = dict(load_table("treatments")[["treatment_id", "name"]].itertuples(index=False))
        options = _treatment_options()
        # The filter comes first: in JupyterLab's command mode an arrow key on a focused <select>
        # moves to the next cell, so a dropdown is a poor first stop for keyboard users.
        return {
            "which": w.ToggleButtons(options=FILTERS, value="all", description="Show",
                                     tooltips=["every source", "the four source documents",
                                               "published trials, reviews and guidelines"],
                                     style={"button_width": "190px"}),
            "treatment": w.Dropdown(options=options, value=options[0][1], description="Treatment",
                                    layout=w.Layout(width="480px")),
        }

    def make_figure(self):
        fig = new_figure(
            "What each source says", axis_title("Stance the source takes", "category"),
            axis_title("Source", "one row each"),
            "Each marker is one source placed at the stance it takes on the chosen treatment, from harmful "
            "on the left to recommends on the right; squares are the source documents, circles are published "
            "trials, reviews and guidelines.", height=460)
        fig.add_scatter(x=[], y=[], mode="markers+text", name="source document (web page or slide deck)",
                        marker={"symbol": "square", "size": 16, "color": PALETTE[1]},
                        textposition="top center", hoverinfo="text")
        fig.add_scatter(x=[], y=[], mode="markers+text", name="published trial, review or guideline",
                        marker={"symbol": "circle", "size": 16, "color": PALETTE[0]},
                        textposition="top center", hoverinfo="text")
        fig.update_layout(xaxis={"type": "category", "categoryorder": "array", "categoryarray": STANCES,
                                 "range": [-0.5, len(STANCES) - 0.5], "tickangle": 0},
                          yaxis={"type": "category", "categoryorder": "array", "categoryarray": []},
                          margin={"l": 200, "r": 20, "t": 60, "b": 150},
                          legend={"orientation": "h", "y": -0.32, "x": 0.0, "xanchor": "left", "yanchor": "top"})
        return fig

    def _prepared(self, treatment: str, which: str):
        key = (treatment, which)
        if key not in self._cache:
            rows = [r for r in self._groups.get(treatment, [])
                    if which == "all" or (r.kind == "source-document") == (which == "source-document")]
            name = self._names.get(treatment, treatment)
            traces = []
            for is_seed in (True, False):
                part = [r for r in rows if (r.kind == "source-document") == is_seed]
                traces.append(([r.stance for r in part], [r.label for r in part], [r.stance for r in part],
                               [f"{r.label}: {_text(r.paraphrase)}" for r in part]))
            labels = [r.label for r in rows][::-1]
            body = "".join(
                f"<tr><td>{html.escape(r.label)}</td><td>{html.escape(KIND_WORDS.get(r.kind, r.kind))}</td>"
                f"<td><b>{html.escape(r.stance)}</b></td><td>{html.escape(_text(r.dose_reported))}</td>"
                f"<td>{html.escape(_text(r.schedule_reported))}</td><td>{html.escape(_text(r.paraphrase))}</td></tr>"
                for r in rows)
            table = ("<table class='crps-evidence'><thead><tr><th>source</th><th>kind</th><th>stance</th>"
                     "<th>dose as reported</th><th>schedule as reported</th><th>what it says (our words)</th>"
                     f"</tr></thead><tbody>{body}</tbody></table>") if rows else \
                "<p>No statements about this treatment in data/source_statements.csv for this choice.</p>"
            present = {r.stance for r in rows}
            stances = [s for s in STANCES if s in present]
            if not rows:
                readout = f"{name}: no source in this selection makes a statement."
            elif len(stances) == 1:
                readout = f"{name}: {len(rows)} source(s), all at '{stances[0]}'."
            else:
                lo = ", ".join(r.label for r in rows if r.stance == stances[0])
                hi = ", ".join(r.label for r in rows if r.stance == stances[-1])
                readout = (f"{name}: {len(rows)} sources take different stances, from '{stances[0]}' ({lo}) "
                           f"to '{stances[-1]}' ({hi}).")
            title = f"What the sources say: {name}" + {
                "all": "", "seed": "<br><sup>source documents only</sup>",
                "published": "<br><sup>published evidence only</sup>"}[which]
            self._cache[key] = (traces, labels, table, readout, title)
        return self._cache[key]

    def update(self) -> None:
        traces, labels, table, readout, title = self._prepared(self.controls["treatment"].value,
                                                               self.controls["which"].value)
        for trace, (x, y, text, hover) in zip(self.figure.data, traces):
            trace.x, trace.y, trace.text, trace.hovertext = x, y, text, hover
        self.figure.layout.yaxis.categoryarray = labels
        self.figure.layout.yaxis.range = [-0.5, max(len(labels), 1) - 0.3]
        self.figure.layout.title.text = title
        self.table.value = table
        self.set_readout(readout)

    def extra_outputs(self):
        return [self.table]
