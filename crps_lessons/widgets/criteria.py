"""Explorer "budapest_criteria": tick reported symptoms and examined signs, see criteria A-D.

Teaches how the Budapest criteria (Harden et al. 2010) are built, on made-up teaching vignettes
(data/budapest_vignettes.csv). It is not a self-diagnosis tool: the criteria are applied by a
clinician who examines the person and rules out other causes.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from ..data import load_table
from ..figures.criteria import budapest_figure, category_role
from ..models.criteria import (
    CATEGORIES,
    CATEGORY_LABELS,
    NERVE_INJURY,
    NERVE_INJURY_LABELS,
    SIGN_EXAMPLES,
    SYMPTOM_EXAMPLES,
    budapest_breakdown,
)
from .base import Explorer, register

__all__ = ["NOT_A_DIAGNOSIS", "BudapestExplorer", "vignettes"]

NOT_A_DIAGNOSIS = (
    "Teaching exercise on made-up cases: the criteria are applied by a clinician who examines "
    "the person; this is not a way to diagnose yourself or anyone else."
)
FLAGS = ("disproportionate_pain", "better_explained")
# What the vignette sets besides the category boxes.
SETTINGS = (*FLAGS, "nerve_injury")


def _split(value) -> tuple[str, ...]:
    return () if pd.isna(value) else tuple(v for v in value.split(";") if v)


def vignettes() -> dict[str, dict]:
    """The teaching vignettes by id, with categories as tuples and flags as booleans."""
    out = {}
    for row in load_table("budapest_vignettes").to_dict("records"):
        row["symptom_categories"] = _split(row["symptom_categories"])
        row["sign_categories"] = _split(row["sign_categories"])
        for flag in FLAGS:
            row[flag] = bool(row[flag])  # required in the schema, so never missing
        row["nerve_injury"] = str(row["nerve_injury"])  # required, one of NERVE_INJURY
        out[row["vignette_id"]] = row
    return out


def _box(description: str, value: bool, tooltip: str | None = None) -> w.Checkbox:
    return w.Checkbox(
        value=value, description=description, tooltip=tooltip, indent=False, layout=w.Layout(width="auto")
    )


@register("budapest_criteria")
class BudapestExplorer(Explorer):
    """Vignette choice; symptom and sign checkboxes per category; A, D and research toggles; the nerve question.

    Choosing a vignette ticks the boxes as it describes; the boxes can then be edited.
    """

    def __init__(self, **values):
        self._vignettes = vignettes()
        first = next(iter(self._vignettes.values()))
        # Radio buttons rather than a dropdown: every vignette stays visible, and arrow keys move along them.
        controls = {
            "vignette": w.RadioButtons(
                options=[(f"{v['title']} (made-up)", k) for k, v in self._vignettes.items()],
                value=first["vignette_id"],
                description="Teaching vignette",
                layout=w.Layout(width="max-content"),
            ),
        }
        for cat in CATEGORIES:
            controls[f"symptom_{cat}"] = _box(
                f"{CATEGORY_LABELS[cat]} symptom reported", cat in first["symptom_categories"], SYMPTOM_EXAMPLES[cat]
            )
        for cat in CATEGORIES:
            controls[f"sign_{cat}"] = _box(
                f"{CATEGORY_LABELS[cat]} sign on examination", cat in first["sign_categories"], SIGN_EXAMPLES[cat]
            )
        controls["disproportionate_pain"] = _box(
            "A: pain out of proportion to the trigger", first["disproportionate_pain"]
        )
        controls["better_explained"] = _box("Another diagnosis explains it (D fails)", first["better_explained"])
        controls["research"] = _box("Research variant (B needs 4 of 4)", False)
        controls["nerve_injury"] = w.RadioButtons(
            options=[(NERVE_INJURY_LABELS[n].capitalize(), n) for n in NERVE_INJURY],
            value=first["nerve_injury"],
            description="Nerve injury (type I or II)",
            layout=w.Layout(width="max-content"),
        )
        self.story = w.HTML()
        super().__init__(
            controls,
            budapest_figure(),
            values,
            rules={"vignette": self._vignette_chosen},
            layout=self._layout(controls),
        )

    def _layout(self, c: dict) -> w.Widget:
        symptoms = w.VBox(
            [w.HTML("<b>Symptoms the person reports (criterion B)</b>")] + [c[f"symptom_{cat}"] for cat in CATEGORIES]
        )
        signs = w.VBox(
            [w.HTML("<b>Signs found on examination (criterion C)</b>")] + [c[f"sign_{cat}"] for cat in CATEGORIES]
        )
        others = w.VBox(
            [
                w.HTML("<b>Criteria A and D, and the variant</b>"),
                c["disproportionate_pain"],
                c["better_explained"],
                c["research"],
            ]
        )
        nerve = w.VBox([w.HTML("<b>An injured nerve? (type I or II, and criterion D)</b>"), c["nerve_injury"]])
        note = w.HTML(f"<p><i>{html.escape(NOT_A_DIAGNOSIS)}</i></p>")
        boxes = w.HBox([symptoms, signs, others], layout=w.Layout(flex_flow="row wrap", grid_gap="16px"))
        return w.VBox([note, c["vignette"], self.story, boxes, nerve])

    def _vignette_chosen(self, change: dict) -> None:
        """Tick the boxes as the chosen vignette describes (the base updates the figure once afterwards)."""
        v = self._vignettes[change["new"]]
        for cat in CATEGORIES:
            self.controls[f"symptom_{cat}"].value = cat in v["symptom_categories"]
            self.controls[f"sign_{cat}"].value = cat in v["sign_categories"]
        for setting in SETTINGS:
            self.controls[setting].value = v[setting]

    def result(self):
        """The per-criterion breakdown for the boxes as ticked now."""
        val = self.values()
        return budapest_breakdown(
            [cat for cat in CATEGORIES if val[f"symptom_{cat}"]],
            [cat for cat in CATEGORIES if val[f"sign_{cat}"]],
            disproportionate_pain=val["disproportionate_pain"],
            better_explained=val["better_explained"],
            research=val["research"],
            nerve_injury=val["nerve_injury"],
        )

    def update(self) -> None:
        val = self.values()
        v = self._vignettes[val["vignette"]]
        r = self.result()
        for cat in CATEGORIES:
            self.restyle(category_role(cat), y=[int(cat in r.symptom_categories), int(cat in r.sign_categories)])
        a, _, _, d = r.criteria
        self.restyle("a_and_d", y=[int(a.met), int(d.met)], text=["holds" if a.met else "", "holds" if d.met else ""])
        thresholds = [1, r.symptom_threshold, r.sign_threshold, 1]
        xs, ys = [], []
        for x, t in enumerate(thresholds):
            xs += [x - 0.38, x + 0.38, None]
            ys += [t, t, None]
        self.restyle("needed", x=xs, y=ys)
        counts = [int(a.met), len(r.symptom_categories), len(r.sign_categories), int(d.met)]
        words = ["met" if crit.met else "not met" for crit in r.criteria]
        labels = [
            f"A {words[0]}",
            f"B {counts[1]} of 4 (needs {r.symptom_threshold}): {words[1]}",
            f"C {counts[2]} of 4 (needs {r.sign_threshold}): {words[2]}",
            f"D {words[3]}",
        ]
        self.restyle(
            "verdict",
            y=[max(cnt, t) + 0.45 for cnt, t in zip(counts, thresholds, strict=True)],
            text=[
                ("✔ " if crit.met else "✘ ") + lab.replace(": ", ":<br>")
                for crit, lab in zip(r.criteria, labels, strict=True)
            ],
        )
        variant = "research" if r.research else "clinical"
        verdict = f"all four criteria met, {r.subtype} pattern" if r.met else "criteria not met"
        edited = (
            r.symptom_categories != set(v["symptom_categories"])
            or r.sign_categories != set(v["sign_categories"])
            or any(val[setting] != v[setting] for setting in SETTINGS)
        )
        prefix = "Your edit of: " if edited else ""
        # Two lines, so that a long case title and the verdict both fit the figure's width.
        self.figure.layout.title.text = f"{prefix}{v['title']} (made-up):<br>{variant} criteria, {verdict}"
        self.story.value = (
            f"<p><b>{html.escape(v['label'])}.</b> {html.escape(v['story'])}<br>"
            f"<i>Teaching point:</i> {html.escape(v['teaching_point'])}</p>"
        )
        self.set_readout(r.summary() + " " + NOT_A_DIAGNOSIS)
