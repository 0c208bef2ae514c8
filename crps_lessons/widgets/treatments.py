"""The treatment explorer (lesson 07): what each source says about each treatment, filterable.

One marker per statement in data/source_statements.csv, placed by the source's stance (x) and the
treatment's target mechanism (y); symbols differ by stance so colour never carries meaning alone.
Below the plot an escaped HTML table lists the matching statements with the doses and schedules
each source reports, always attributed ("Dr Chopra's talk reports ..."), never recommended.

Everything that does not depend on the controls (positions, hover labels, table rows, one boolean
mask per control value) is computed once in ``make_controls``; a control change only ANDs five
masks and writes the selected points into the six stance traces.
"""

from __future__ import annotations

import html
import math

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..data import load_table, source_label
from ..figures import axis_title, new_figure
from ..figures.treatments import (KIND_CHOICES, MECHANISM_MAP_DESCRIPTION, MECHANISM_MAP_TITLE, STANCE_STYLE,
                                  STANCES, add_mechanism_traces, attributed_report, fill_mechanism_map,
                                  mechanism_grid, mechanism_order, wrap_html)
from .base import Explorer, register

def _esc(text) -> str:
    """Escape for plotly labels (plotly decodes &lt; &gt; &amp; but not &quot;)."""
    return html.escape(str(text), quote=False)


__all__ = ["TreatmentExplorer", "MechanismMap", "statement_frame"]

ANY = "any"
NOT_PLACED = "not placed by the clinic article"


def statement_frame():
    """Statements joined with their treatments (inner join on treatment_id), in table order."""
    statements = load_table("source_statements")
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


def _source_sort_key(source_id: str, sources) -> tuple:
    """Seeds first (by number), then published sources by year."""
    year = sources.loc[source_id, "year"] if source_id in sources.index else None
    return (sources.loc[source_id, "kind"] != "source-document" if source_id in sources.index else True, 0 if year is None or pd.isna(year) else int(year), source_id)


@register("treatment_explorer")
class TreatmentExplorer(Explorer):
    """Filter what the sources say about each treatment by class, mechanism, phase, source and stance."""

    def make_controls(self):
        frame = statement_frame()
        self._frame = frame
        n = len(frame)
        sources = load_table("sources").set_index("source_id")
        mechanisms_all = mechanism_order()
        self._mechanisms = [m for m in mechanisms_all if m in set(frame["target_mechanism"])] or mechanisms_all
        self._stances = STANCES

        classes = sorted(set(frame["drug_class"]), key=str.lower)
        source_ids = sorted(set(frame["source_id"]), key=lambda s: _source_sort_key(s, sources))
        phases = frame["phases"].fillna("").astype(str).to_numpy()
        phase_sets = [set(p.split(";")) if p else set() for p in phases]

        # One boolean mask per control value, computed once.
        self._masks = {
            "drug_class": {ANY: np.ones(n, bool), **{c: (frame["drug_class"] == c).to_numpy(bool) for c in classes}},
            "mechanism": {ANY: np.ones(n, bool),
                          **{m: (frame["target_mechanism"] == m).to_numpy(bool) for m in self._mechanisms}},
            "phase": {ANY: np.ones(n, bool),
                      **{f"phase {p}": np.array([p in s for s in phase_sets], bool) for p in "123"},
                      NOT_PLACED: np.array([not s for s in phase_sets], bool)},
            "source": {ANY: np.ones(n, bool), **{s: (frame["source_id"] == s).to_numpy(bool) for s in source_ids}},
            "stance": {ANY: np.ones(n, bool), **{s: (frame["stance"] == s).to_numpy(bool) for s in STANCES}},
        }
        self._stance_of = frame["stance"].to_numpy(str) if n else np.array([], str)

        # Fixed positions: stance column x mechanism row, markers spread inside the cell.
        x = np.zeros(n)
        y = np.zeros(n)
        for (stance, mech), idx in frame.groupby(["stance", "target_mechanism"]).groups.items():
            for i, (dx, dy) in zip(idx, _cell_offsets(len(idx))):
                x[i] = STANCES.index(stance) + dx
                y[i] = self._mechanisms.index(mech) + dy
        self._x, self._y = x, y

        labels = [_label(s) for s in frame["source_id"]]
        reports = [attributed_report(s, d, sch) for s, d, sch in
                   zip(frame["source_id"], frame["dose_reported"], frame["schedule_reported"])]
        self._hover = np.array(
            [f"<b>{_esc(name)}</b> ({_esc(cls)})<br>"
             f"{_esc(label)}: {_esc(stance)}<br>{wrap_html(para, 70)}"
             + (f"<br><i>{wrap_html(rep, 70)}</i>" if rep else "")
             for name, cls, label, stance, para, rep in
             zip(frame["name"], frame["drug_class"], labels, frame["stance"], frame["paraphrase"], reports)],
            dtype=object)
        self._rows = np.array(
            [f"<tr><td>{html.escape(name)}<br><small>{html.escape(cls)}</small></td>"
             f"<td>{html.escape(label)}</td><td>{html.escape(stance)}</td>"
             f"<td>{html.escape(para)}</td>"
             f"<td>{html.escape(rep) if rep else '<i>no dose or schedule reported</i>'}</td></tr>"
             for name, cls, label, stance, para, rep in
             zip(frame["name"], frame["drug_class"], labels, frame["stance"], frame["paraphrase"], reports)],
            dtype=object)
        self._labels = labels
        self._n = n

        self._source_labels = {sid: _label(sid) for sid in source_ids}
        self.table = w.HTML()
        self.table.add_class("crps-statement-table")
        layout = w.Layout(width="420px")
        return {
            "drug_class": w.Dropdown(options=[ANY] + classes, value=ANY, description="Class", layout=layout),
            "mechanism": w.Dropdown(options=[ANY] + self._mechanisms, value=ANY, description="Target mechanism",
                                    layout=layout),
            "phase": w.Dropdown(options=[ANY, "phase 1", "phase 2", "phase 3", NOT_PLACED], value=ANY,
                                description="Care phase (the clinic article)", layout=layout),
            "source": w.Dropdown(options=[(ANY, ANY)] + [(_label(s), s) for s in source_ids], value=ANY,
                                 description="Source", layout=layout),
            "stance": w.Dropdown(options=[ANY] + STANCES, value=ANY, description="Stance", layout=layout),
        }

    def controls_box(self):
        c = list(self.controls.values())
        return w.VBox([w.HBox(c[:3]), w.HBox(c[3:])])

    def make_figure(self):
        fig = new_figure(
            "What each source says, by target mechanism and stance",
            axis_title("Stance of the source", "category"), axis_title("Target mechanism", "category"),
            "One marker per statement a source makes about a treatment, placed by the source's stance "
            "(left: recommends, right: harmful) and the mechanism the treatment targets; symbols differ "
            "by stance and hovering shows the attributed statement.",
            height=520)
        # Statements the filters leave out stay visible as faint open circles, for context.
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name="not matching the filters", hoverinfo="skip",
                                 marker={"symbol": "circle-open", "color": "#bbbbbb", "size": 8}))
        for stance in STANCES:
            style = STANCE_STYLE[stance]
            fig.add_trace(go.Scatter(
                x=[], y=[], mode="markers", name=stance, hovertext=[], hoverinfo="text",
                marker={"symbol": style["symbol"], "color": style["color"], "size": 12,
                        "line": {"color": "black", "width": 1}}))
        fig.update_xaxes(tickvals=list(range(len(STANCES))), ticktext=STANCES, range=[-0.5, len(STANCES) - 0.5])
        fig.update_yaxes(tickvals=list(range(len(self._mechanisms))),
                         ticktext=[m.replace(" and ", " and<br>") for m in self._mechanisms],
                         range=[-0.5, len(self._mechanisms) - 0.5])
        fig.update_layout(margin={"l": 190, "r": 20, "t": 90, "b": 60})
        return fig

    def selection(self) -> np.ndarray:
        """Boolean mask over statements matching the current control values."""
        v = self.values()
        mask = np.ones(self._n, bool)
        for key in ("drug_class", "mechanism", "phase", "source", "stance"):
            mask &= self._masks[key][v[key]]
        return mask

    def update(self):
        mask = self.selection()
        rest = ~mask
        self.figure.data[0].x = self._x[rest].tolist()
        self.figure.data[0].y = self._y[rest].tolist()
        for trace, stance in zip(self.figure.data[1:], STANCES):
            sel = mask & (self._stance_of == stance)
            trace.x = self._x[sel].tolist()
            trace.y = self._y[sel].tolist()
            trace.hovertext = self._hover[sel].tolist()
        picked = np.flatnonzero(mask)
        if picked.size:
            self.table.value = (
                '<div style="max-height:380px;overflow:auto;border:1px solid #ddd">'
                '<table class="crps-table" style="border-collapse:collapse;font-size:0.9em">'
                '<caption style="caption-side:top;text-align:left">Statements matching the filters. Doses and schedules are '
                "what each source reports, quoted for teaching; none is a recommendation.</caption>"
                "<thead><tr><th>Treatment</th><th>Source</th><th>Stance</th><th>What the source says (our words)</th>"
                "<th>Dose / schedule as reported</th></tr></thead><tbody>"
                + "".join(self._rows[picked]) + "</tbody></table></div>")
        else:
            self.table.value = "<p><i>No statement matches these filters; set one of them back to “any”.</i></p>"
        v = self.values()
        filters = [f"{label} {v[key] if key != 'source' else self._source_labels[v[key]]}" for key, label in
                   [("drug_class", "class"), ("mechanism", "mechanism"), ("phase", "phase"), ("source", "source"),
                    ("stance", "stance")] if v[key] != ANY]
        self.figure.layout.title.text = (
            f"What each source says, by target mechanism and stance<br><sup>{picked.size} of {self._n} "
            f"statements shown; filters: {_esc('; '.join(filters)) if filters else 'none'}</sup>")
        frame = self._frame
        n_treat = frame["treatment_id"].to_numpy()[picked]
        n_src = frame["source_id"].to_numpy()[picked]
        counts = ", ".join(f"{s} {int(np.count_nonzero(self._stance_of[picked] == s))}" for s in STANCES
                           if np.any(self._stance_of[picked] == s))
        self.set_readout(
            f"{picked.size} of {self._n} statements (count) match: {len(set(n_treat))} treatments from "
            f"{len(set(n_src))} sources" + (f"; by stance: {counts}." if counts else "."))

    def extra_outputs(self):
        return [self.table]


@register("mechanism_map")
class MechanismMap(Explorer):
    """Which target mechanism each class acts on; choose which kinds of treatment to map."""

    def make_controls(self):
        treatments = load_table("treatments")
        # Every grid is small: build them all once, a control change only writes one into the figure.
        self._grids = {label: mechanism_grid(treatments, kinds) for label, kinds in KIND_CHOICES.items()
                       if treatments["kind"].isin(kinds).any()}
        if not self._grids:
            raise ValueError("mechanism_map: data/treatments.csv has no rows to map")
        options = list(self._grids)
        return {"kinds": w.Dropdown(options=options, value=options[0], description="Show",
                                    layout=w.Layout(width="420px"))}

    def make_figure(self):
        fig = new_figure(MECHANISM_MAP_TITLE, axis_title("Target mechanism", "category"),
                         axis_title("Class", "category"), MECHANISM_MAP_DESCRIPTION)
        add_mechanism_traces(fig)
        fig.update_layout(margin={"l": 250, "r": 20, "t": 90, "b": 90})
        return fig

    def update(self):
        grid = self._grids[self.controls["kinds"].value]
        fill_mechanism_map(self.figure, grid, getattr(self, "_shown_grid", None))
        self._shown_grid = grid
        per_mech = {m: 0 for m in grid["mechanisms"]}
        for cells in grid["traces"].values():
            for x, n in zip(cells["x"], cells["text"]):
                per_mech[grid["mechanisms"][x]] += int(n)
        self.set_readout(f"{len(grid['classes'])} classes (count) over {len(grid['mechanisms'])} target mechanisms; "
                         "treatments per mechanism: " + ", ".join(f"{m} {n}" for m, n in per_mech.items()) + ".")
