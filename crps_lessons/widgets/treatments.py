"""The treatment explorer and the mechanism map (lesson 07).

``treatment_explorer``: one marker per statement in data/source_statements.csv, placed by the
source's stance (x) and the treatment's target mechanism (y); symbols differ by stance so colour
never carries meaning alone. Stances are opinions: only statements whose source is a source
document, a guideline or a consensus statement (``OPINION_KINDS``) are shown; what trials and
reviews found lives in data/findings.csv (``crps_lessons.findings.show_findings``), never here.
Below the plot an escaped HTML table lists the matching statements with the doses and schedules
each source reports, always attributed ("Dr Chopra's talk reports ..."), never recommended.
Everything that does not depend on the controls (positions, hover labels, table rows, one
boolean mask per control value) is computed once when the explorer is built; a control change
only ANDs five masks and writes the selected points into the stance traces.

"""

from __future__ import annotations

import html
import math

import ipywidgets as w
import numpy as np
import pandas as pd

from ..data import load_table, source_label
from ..figures.treatments import (
    NOT_MATCHING,
    STANCES,
    attributed_report,
    mechanism_order,
    source_order,
    statements_figure,
    wrap_html,
)
from .base import Explorer, register

__all__ = ["ANY", "NOT_PLACED", "OPINION_KINDS", "TreatmentExplorer", "statement_frame"]

ANY = "any"
# Kinds of source (sources.csv) whose statements are opinions; trials and reviews have findings instead.
OPINION_KINDS = ("source-document", "guideline", "consensus")
NOT_PLACED = "not placed by the clinic article"
FILTERS = [
    ("drug_class", "class"),
    ("mechanism", "mechanism"),
    ("phase", "phase"),
    ("source", "source"),
    ("stance", "stance"),
]
TITLE = "What the source documents and guidelines say (opinions, not trial results)"
TABLE_HEAD = (
    '<div style="max-height:380px;overflow:auto;border:1px solid #ddd">'
    '<table class="crps-table" style="border-collapse:collapse;font-size:0.9em">'
    '<caption style="caption-side:top;text-align:left">Opinions matching the filters: what the source documents '
    "and guidelines say, not what trials found (the lesson's findings tables show that). Doses and schedules are "
    "what each source reports, quoted for teaching; none is a recommendation.</caption>"
    "<thead><tr><th>Treatment</th><th>Source</th><th>Stance</th><th>What the source says (our words)</th>"
    "<th>Dose / schedule as reported</th></tr></thead><tbody>"
)
NO_MATCH = "<p><i>No statement matches these filters; set one of them back to “any”.</i></p>"


def _esc(text) -> str:
    """Escape for plotly labels (plotly decodes &lt; &gt; &amp; but not &quot;)."""
    return html.escape(str(text), quote=False)


def statement_frame() -> pd.DataFrame:
    """Opinion statements joined with their treatments (inner join on treatment_id), in table order.

    Only statements whose source is of a kind in ``OPINION_KINDS`` are kept: a trial or review has
    findings, not a stance (tests/test_tables_content.py keeps such rows out of the table too).
    """
    statements = load_table("source_statements")
    kinds = load_table("sources").set_index("source_id")["kind"]
    statements = statements[statements["source_id"].map(kinds).isin(OPINION_KINDS)]
    treatments = load_table("treatments")
    frame = statements.merge(treatments, on="treatment_id", how="inner", suffixes=("", "_treatment"))
    return frame.reset_index(drop=True)


def _cell_offsets(k: int) -> list[tuple[float, float]]:
    """Positions of k markers inside one grid cell (a small centred grid, no randomness)."""
    if k <= 0:
        return []
    cols = max(1, math.ceil(math.sqrt(k * 2)))
    rows = math.ceil(k / cols)
    dx, dy = 0.8 / cols, 0.7 / max(rows, 1)
    out = []
    for i in range(k):
        r, c = divmod(i, cols)
        n_in_row = min(cols, k - r * cols)
        out.append(((c - (n_in_row - 1) / 2) * dx, ((rows - 1) / 2 - r) * dy))
    return out


def _label(source_id: str) -> str:
    """source_label, or the bare id while a source row is still missing (tests/test_data.py flags that)."""
    try:
        return source_label(source_id)
    except KeyError:
        return source_id


def _positions(frame: pd.DataFrame, mechanisms: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Fixed marker positions: stance column x mechanism row, markers spread inside their cell."""
    x, y = np.zeros(len(frame)), np.zeros(len(frame))
    for (stance, mech), idx in frame.groupby(["stance", "target_mechanism"]).groups.items():
        for i, (dx, dy) in zip(idx, _cell_offsets(len(idx)), strict=True):
            x[i] = STANCES.index(stance) + dx
            y[i] = mechanisms.index(mech) + dy
    return x, y


def _hover_and_rows(frame: pd.DataFrame, labels: dict[str, str]) -> tuple[np.ndarray, np.ndarray]:
    """Per statement: the hover label (escaped for plotly) and the HTML table row (escaped)."""
    hover, rows = [], []
    for r in frame.itertuples(index=False):
        label = labels[r.source_id]
        report = attributed_report(r.source_id, r.dose_reported, r.schedule_reported)
        hover.append(
            f"<b>{_esc(r.name)}</b> ({_esc(r.drug_class)})<br>{_esc(label)}: {_esc(r.stance)}<br>"
            f"{wrap_html(r.paraphrase, 70)}" + (f"<br><i>{wrap_html(report, 70)}</i>" if report else "")
        )
        rows.append(
            f"<tr><td>{html.escape(r.name)}<br><small>{html.escape(r.drug_class)}</small></td>"
            f"<td>{html.escape(label)}</td><td>{html.escape(r.stance)}</td><td>{html.escape(r.paraphrase)}</td>"
            f"<td>{html.escape(report) if report else '<i>no dose or schedule reported</i>'}</td></tr>"
        )
    return np.array(hover, dtype=object), np.array(rows, dtype=object)


@register("treatment_explorer")
class TreatmentExplorer(Explorer):
    """Filter what the source documents and guidelines say about each treatment (opinions) by class,
    mechanism, phase, source and stance."""

    def __init__(self, **values):
        frame = statement_frame()
        n = len(frame)
        present = set(frame["target_mechanism"])
        mechanisms = [m for m in mechanism_order() if m in present] or mechanism_order()
        classes = sorted(set(frame["drug_class"]), key=str.lower)
        source_ids = source_order(frame["source_id"])
        phase_sets = [set(p.split(";")) if p else set() for p in frame["phases"].fillna("")]
        self._n = n
        self._treatment_of = frame["treatment_id"].to_numpy(object)
        self._source_of = frame["source_id"].to_numpy(object)
        self._stance_of = frame["stance"].to_numpy(object)
        self._source_labels = {sid: _label(sid) for sid in source_ids}

        def mask(column: str, value: str) -> np.ndarray:
            return (frame[column] == value).to_numpy(bool)

        # One boolean mask per control value, computed once.
        everything = np.ones(n, bool)
        self._masks = {
            "drug_class": {ANY: everything, **{c: mask("drug_class", c) for c in classes}},
            "mechanism": {ANY: everything, **{m: mask("target_mechanism", m) for m in mechanisms}},
            "phase": {
                ANY: everything,
                NOT_PLACED: np.array([not s for s in phase_sets], bool),
                **{f"phase {p}": np.array([p in s for s in phase_sets], bool) for p in "123"},
            },
            "source": {ANY: everything, **{s: mask("source_id", s) for s in source_ids}},
            "stance": {ANY: everything, **{s: mask("stance", s) for s in STANCES}},
        }

        self._x, self._y = _positions(frame, mechanisms)
        self._hover, self._rows = _hover_and_rows(frame, self._source_labels)

        self.table = w.HTML()
        self.table.add_class("crps-statement-table")
        wide = w.Layout(width="420px")
        controls = {
            "drug_class": w.Dropdown(options=[ANY, *classes], value=ANY, description="Class", layout=wide),
            "mechanism": w.Dropdown(options=[ANY, *mechanisms], value=ANY, description="Target mechanism", layout=wide),
            "phase": w.Dropdown(
                options=[ANY, "phase 1", "phase 2", "phase 3", NOT_PLACED],
                value=ANY,
                description="Care phase (the clinic article)",
                layout=wide,
            ),
            "source": w.Dropdown(
                options=[(ANY, ANY)] + [(self._source_labels[s], s) for s in source_ids],
                value=ANY,
                description="Source",
                layout=wide,
            ),
            "stance": w.Dropdown(options=[ANY, *STANCES], value=ANY, description="Stance", layout=wide),
        }
        c = list(controls.values())
        layout = w.VBox([w.HBox(c[:3]), w.HBox(c[3:])])
        super().__init__(controls, statements_figure(mechanisms), values, layout=layout, outputs=(self.table,))

    def selection(self) -> np.ndarray:
        """Boolean mask over statements matching the current control values."""
        v = self.values()
        mask = np.ones(self._n, bool)
        for key, _ in FILTERS:
            mask &= self._masks[key][v[key]]
        return mask

    def update(self):
        mask = self.selection()
        self.restyle(NOT_MATCHING, x=self._x[~mask].tolist(), y=self._y[~mask].tolist())
        for stance in STANCES:
            sel = mask & (self._stance_of == stance)
            self.restyle(stance, x=self._x[sel].tolist(), y=self._y[sel].tolist(), hovertext=self._hover[sel].tolist())
        picked = np.flatnonzero(mask)
        self.table.value = (
            TABLE_HEAD + "".join(self._rows[picked]) + "</tbody></table></div>" if picked.size else NO_MATCH
        )
        v = self.values()
        named = {**v, "source": self._source_labels.get(v["source"], v["source"])}
        filters = [f"{label} {named[key]}" for key, label in FILTERS if v[key] != ANY]
        self.figure.layout.title.text = (
            f"{TITLE}<br><sup>{picked.size} of {self._n} statements shown; "
            f"filters: {_esc('; '.join(filters)) if filters else 'none'}</sup>"
        )
        stances = self._stance_of[picked]
        counts = ", ".join(f"{s} {int(np.count_nonzero(stances == s))}" for s in STANCES if np.any(stances == s))
        n_treatments, n_sources = len(set(self._treatment_of[picked])), len(set(self._source_of[picked]))
        self.set_readout(
            f"{picked.size} of {self._n} opinion statements (count) match: "
            f"{n_treatments} treatment{'' if n_treatments == 1 else 's'} from "
            f"{n_sources} source{'' if n_sources == 1 else 's'}" + (f"; by stance: {counts}." if counts else ".")
        )
