"""Explorer "budapest_criteria": tick reported symptoms and examined signs, see criteria A-D.

Teaches how the Budapest criteria (Harden et al. 2010) are built, on made-up teaching vignettes
(data/budapest_vignettes.csv). It is not a self-diagnosis tool: the criteria are applied by a
clinician who examines the person and rules out other causes.
"""

from __future__ import annotations

import html

import ipywidgets as w

from ..models.criteria import CATEGORIES, CATEGORY_LABELS, SIGN_EXAMPLES, SYMPTOM_EXAMPLES, budapest_breakdown
from ..data import load_table
from ..figures.care import budapest_figure
from .base import Explorer, register

__all__ = ["BudapestExplorer", "vignettes"]

NOT_A_DIAGNOSIS = ("Teaching exercise on made-up cases: the criteria are applied by a clinician who examines "
                   "the person; this is not a way to diagnose yourself or anyone else.")


def _split(value) -> tuple[str, ...]:
    if value is None or (not isinstance(value, str)):
        return ()
    return tuple(v for v in value.split(";") if v)


def vignettes() -> dict[str, dict]:
    """The teaching vignettes by id, with categories as tuples and flags as booleans."""
    table = load_table("budapest_vignettes")
    out = {}
    for row in table.to_dict("records"):
        row["symptom_categories"] = _split(row["symptom_categories"])
        row["sign_categories"] = _split(row["sign_categories"])
        row["disproportionate_pain"] = str(row["disproportionate_pain"]).lower() == "true"
        row["better_explained"] = str(row["better_explained"]).lower() == "true"
        out[row["vignette_id"]] = row
    return out


@register("budapest_criteria")
class BudapestExplorer(Explorer):
    """Dropdown of vignettes; symptom and sign checkboxes per category; A, D and research toggles."""

    def make_controls(self):
        # The boxes start as the chosen vignette describes; explicit box values still override.
        self._vignettes = vignettes()
        first = self._vignettes.get(self.requested.get("vignette")) or next(iter(self._vignettes.values()))
        # Radio buttons rather than a dropdown: every vignette stays visible, and arrow keys move along them.
        controls = {"vignette": w.RadioButtons(
            options=[(f"{v['title']} (made-up)", k) for k, v in self._vignettes.items()],
            value=first["vignette_id"], description="Teaching vignette",
            layout=w.Layout(width="max-content"))}
        for cat in CATEGORIES:
            controls[f"symptom_{cat}"] = w.Checkbox(
                value=cat in first["symptom_categories"], description=f"{CATEGORY_LABELS[cat]} symptom reported",
                tooltip=SYMPTOM_EXAMPLES[cat], indent=False, layout=w.Layout(width="auto"))
        for cat in CATEGORIES:
            controls[f"sign_{cat}"] = w.Checkbox(
                value=cat in first["sign_categories"], description=f"{CATEGORY_LABELS[cat]} sign on examination",
                tooltip=SIGN_EXAMPLES[cat], indent=False, layout=w.Layout(width="auto"))
        controls["disproportionate_pain"] = w.Checkbox(
            value=first["disproportionate_pain"], description="A: pain out of proportion to the trigger",
            indent=False, layout=w.Layout(width="auto"))
        controls["better_explained"] = w.Checkbox(
            value=first["better_explained"], description="Another diagnosis explains it (D fails)",
            indent=False, layout=w.Layout(width="auto"))
        controls["research"] = w.Checkbox(value=False, description="Research variant (B needs 4 of 4)",
                                          indent=False, layout=w.Layout(width="auto"))
        self.story = w.HTML()
        self._loading = False
        return controls

    def controls_box(self):
        c = self.controls
        symptoms = w.VBox([w.HTML("<b>Symptoms the person reports (criterion B)</b>")]
                          + [c[f"symptom_{cat}"] for cat in CATEGORIES])
        signs = w.VBox([w.HTML("<b>Signs found on examination (criterion C)</b>")]
                       + [c[f"sign_{cat}"] for cat in CATEGORIES])
        others = w.VBox([w.HTML("<b>Criteria A and D, and the variant</b>"), c["disproportionate_pain"],
                         c["better_explained"], c["research"]])
        note = w.HTML(f"<p><i>{html.escape(NOT_A_DIAGNOSIS)}</i></p>")
        return w.VBox([note, c["vignette"], self.story, w.HBox([symptoms, signs, others], layout=w.Layout(flex_flow="row wrap", grid_gap="16px"))])

    def make_figure(self):
        return budapest_figure()

    def _on_change(self, change=None) -> None:
        if self._loading:
            return
        if change is not None and change.get("owner") is self.controls["vignette"]:
            self._load_vignette(change["new"])
        super()._on_change(change)

    def _load_vignette(self, vignette_id: str) -> None:
        """Tick the boxes as the vignette describes (one figure update afterwards, not eleven)."""
        v = self._vignettes[vignette_id]
        self._loading = True
        try:
            for cat in CATEGORIES:
                self.controls[f"symptom_{cat}"].value = cat in v["symptom_categories"]
                self.controls[f"sign_{cat}"].value = cat in v["sign_categories"]
            self.controls["disproportionate_pain"].value = v["disproportionate_pain"]
            self.controls["better_explained"].value = v["better_explained"]
        finally:
            self._loading = False

    def result(self):
        """The per-criterion breakdown for the boxes as ticked now."""
        val = self.values()
        return budapest_breakdown(
            [cat for cat in CATEGORIES if val[f"symptom_{cat}"]],
            [cat for cat in CATEGORIES if val[f"sign_{cat}"]],
            disproportionate_pain=val["disproportionate_pain"],
            better_explained=val["better_explained"],
            research=val["research"])

    def update(self) -> None:
        val = self.values()
        v = self._vignettes[val["vignette"]]
        r = self.result()
        fig = self.figure
        for i, cat in enumerate(CATEGORIES):
            fig.data[i].y = [int(cat in r.symptom_categories), int(cat in r.sign_categories)]
        a, b, c, d = r.criteria
        fig.data[4].y = [int(a.met), int(d.met)]
        fig.data[4].text = ["holds" if a.met else "", "holds" if d.met else ""]
        thresholds = [1, r.symptom_threshold, r.sign_threshold, 1]
        xs, ys = [], []
        for x, t in enumerate(thresholds):
            xs += [x - 0.38, x + 0.38, None]
            ys += [t, t, None]
        fig.data[5].x, fig.data[5].y = xs, ys
        counts = [int(a.met), len(r.symptom_categories), len(r.sign_categories), int(d.met)]
        words = ["met" if crit.met else "not met" for crit in r.criteria]
        labels = [f"A {words[0]}", f"B {counts[1]} of 4 (needs {r.symptom_threshold}): {words[1]}",
                  f"C {counts[2]} of 4 (needs {r.sign_threshold}): {words[2]}", f"D {words[3]}"]
        fig.data[6].y = [max(cnt, t) + 0.45 for cnt, t in zip(counts, thresholds)]
        fig.data[6].text = [("✔ " if crit.met else "✘ ") + lab.replace(": ", ":<br>")
                            for crit, lab in zip(r.criteria, labels)]
        variant = "research" if r.research else "clinical"
        verdict = "all four criteria met" if r.met else "criteria not met"
        edited = (r.symptom_categories != set(v["symptom_categories"]) or r.sign_categories != set(v["sign_categories"])
                  or val["disproportionate_pain"] != v["disproportionate_pain"]
                  or val["better_explained"] != v["better_explained"])
        prefix = "Your edit of: " if edited else ""
        fig.layout.title.text = f"{prefix}{v['title']} (made-up): {variant} criteria, {verdict}"
        self.story.value = (f"<p><b>{html.escape(v['label'])}.</b> {html.escape(v['story'])}<br>"
                            f"<i>Teaching point:</i> {html.escape(v['teaching_point'])}</p>")
        self.set_readout(r.summary() + " " + NOT_A_DIAGNOSIS)
