"""Explorer "care_strands": a made-up case walked review by review, with all four strands of care running together.

Rules: :mod:`crps_lessons.models.care_strands` (each with its source); cases: ``data/care_cases.csv`` and
``data/care_reviews.csv`` (made up); the clinic article's phases, shown only for contrast:
``data/care_phases.csv``. Nothing here plans care for a real person.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from ..data import load_table
from ..figures.care_strands import CLINIC_LANE, STRAND_LANE, care_strands_figure
from ..models.care_strands import CSS_SMALLEST_REAL_DIFFERENCE, STRANDS, Review, read_review
from .base import Explorer, register

__all__ = ["CareStrands", "case_reviews", "clinic_not_improving"]

NOT_ADVICE = "Made-up teaching case; not advice for any real person."
REVIEW_LANE = 4.45  # where the review ticks sit, above the top strand
CLINIC_OFFSETS = {1: -0.45, 2: -0.15, 3: 0.15}  # the clinic article's overlapping phases, drawn one above the other


def case_reviews() -> dict[str, dict]:
    """The made-up cases by id: their row of care_cases plus ``reviews`` (list of Review) and ``changes``."""
    cases = {r["case_id"]: dict(r) for r in load_table("care_cases").to_dict("records")}
    reviews = load_table("care_reviews").sort_values(["case_id", "review"])
    for case_id, rows in reviews.groupby("case_id", sort=False):
        cases[case_id]["reviews"] = [
            Review(float(r.month), float(r.pain), float(r.css), float(r.function), bool(r.medicine_on_trial))
            for r in rows.itertuples(index=False)
        ]
        cases[case_id]["changes"] = [str(t) for t in rows["team_change"]]
    missing = [k for k, v in cases.items() if "reviews" not in v]
    if missing:
        raise ValueError(f"data/care_reviews.csv has no reviews for the cases {missing}")
    return cases


def clinic_not_improving(reviews: list[Review], index: int) -> bool:
    """Our reading of the clinic article's "not improving" at review ``index``: no real CSS change since the
    first visit and pain no lower than at the first visit (the article gives no measure)."""
    r = read_review(reviews, index)
    return (
        index > 0
        and not (r.css_real_since_first and r.css_change_since_first < 0)
        and reviews[index].pain >= reviews[0].pain
    )


def _signed(x: float) -> str:
    return f"{x:+.0f}" if float(x).is_integer() else f"{x:+.1f}"


@register("care_strands")
class CareStrands(Explorer):
    """Dropdown: made-up case; slider: review (0 = first visit); checkbox: show the clinic article's phases."""

    def __init__(self, **values):
        self._cases = case_reviews()
        self._phases = load_table("care_phases").sort_values("phase")
        longest = max(len(c["reviews"]) for c in self._cases.values())
        self._months_shown = max(c["reviews"][-1].month for c in self._cases.values())
        controls = {
            "case": w.Dropdown(
                options=[(f"{c['title']} (made-up)", k) for k, c in self._cases.items()],
                value=next(iter(self._cases)),
                description="Teaching case",
                layout=w.Layout(width="max-content"),
            ),
            "review": w.IntSlider(
                value=0, min=0, max=longest - 1, step=1, description="Review (0 = first visit)", continuous_update=True
            ),
            "show_clinic": w.Checkbox(value=True, description="Show the clinic article's phases", indent=False),
        }
        self.story = w.HTML()
        note = w.HTML(f"<p><i>{html.escape(NOT_ADVICE)} The rules come from the sources named in the lesson.</i></p>")
        box = w.VBox([note, controls["case"], self.story, controls["review"], controls["show_clinic"]])
        super().__init__(controls, care_strands_figure(self._months_shown), values, layout=box)

    def _clinic_windows(self) -> list[tuple[int, float, float, str]]:
        out = []
        for r in self._phases.itertuples(index=False):
            end = self._months_shown + 2.0 if pd.isna(r.end_month) else float(r.end_month)
            out.append((int(r.phase), float(r.start_month), end, str(r.name)))
        return out

    def update(self) -> None:
        val = self.values()
        case = self._cases[val["case"]]
        reviews, changes = case["reviews"], case["changes"]
        k = min(int(val["review"]), len(reviews) - 1)
        now = reviews[k]
        reading = read_review(reviews, k)
        last = reviews[-1].month
        for key in STRANDS:
            lane = STRAND_LANE[key]
            self.restyle(f"strand_{key}", x=[0.0, last], y=[lane, lane])

        ex, ey, symbols, texts = [], [], [], []
        for i, r in enumerate(reviews):
            ex.append(r.month)
            ey.append(REVIEW_LANE)
            symbols.append("triangle-down")
            texts.append(f"review {i} ({r.month:g} months): {changes[i]}")
            decision = read_review(reviews, i).medicine
            if decision:
                ex.append(r.month)
                ey.append(STRAND_LANE["pain_relief"])
                symbols.append("x" if decision == "stop" else "circle")
                texts.append(f"review {i}: medicine {'stopped (no help)' if decision == 'stop' else 'kept'}")
        self.restyle("events", x=ex, y=ey, text=texts, marker={"symbol": symbols})

        cx, cy, lx, ly, lt = [], [], [], [], []
        for phase, start, end, _name in self._clinic_windows():
            y = CLINIC_LANE + CLINIC_OFFSETS.get(phase, 0.0)
            cx += [start, end, None]
            cy += [y, y, None]
            lx.append(start)
            ly.append(y)
            lt.append(f"phase {phase}")
        shown = bool(val["show_clinic"])
        self.restyle("clinic_phases", x=cx, y=cy, visible=shown)
        self.restyle("clinic_labels", x=lx, y=ly, text=lt, visible=shown)

        months = [r.month for r in reviews]
        self.restyle("pain", x=months, y=[r.pain for r in reviews])
        self.restyle("css", x=months, y=[r.css for r in reviews])
        self.restyle("function", x=months, y=[r.function for r in reviews])
        prev = reviews[max(k - 1, 0)].css
        lo, hi = prev - CSS_SMALLEST_REAL_DIFFERENCE, prev + CSS_SMALLEST_REAL_DIFFERENCE
        x0, x1 = -0.3, self._months_shown + 2.0
        self.restyle("css_band", x=[x0, x1, x1, x0, x0], y=[lo, lo, hi, hi, lo])
        self.restyle("now_top", x=[now.month, now.month], y=[-1.0, 4.7])
        self.restyle("now_bottom", x=[now.month, now.month], y=[0, 17.5])
        self.figure.layout.title.text = f"Care in parallel strands: {case['title']} (made-up case), review {k}"
        self.story.value = f"<p><b>{html.escape(case['label'])}.</b> {html.escape(case['story'])}</p>"
        self.set_readout(self._words(case, reviews, changes, k, reading, int(val["review"])))

    def _words(self, case, reviews, changes, k, reading, asked) -> str:
        now = reviews[k]
        head = (
            f"{case['title']} (made-up case): review {k} of {len(reviews) - 1}, "
            f"{now.month:g} months after the first visit"
        )
        if asked > k:
            head += f" (this case has no review {asked}; showing its last)"
        if k == 0:
            measures = (
                f"First visit: pain {now.pain:g}/10 (average over the past 24 hours), CRPS Severity Score "
                f"{now.css:g} points, function {now.function:g}/10 (made-up scale)."
            )
        else:
            real = (
                "a real change"
                if reading.css_real
                else f"smaller than {CSS_SMALLEST_REAL_DIFFERENCE} points, could be noise"
            )
            real_first = "a real change" if reading.css_real_since_first else "not yet a real change"
            measures = (
                f"Pain {now.pain:g}/10 ({_signed(reading.pain_change)} since the last review); CRPS Severity Score "
                f"{now.css:g} points ({_signed(reading.css_change)} since the last review: {real}; "
                f"{_signed(reading.css_change_since_first)} since the first visit: {real_first}); function "
                f"{now.function:g}/10 on the made-up scale ({_signed(reading.function_change)})."
            )
        medicine = ""
        if reading.medicine == "stop":
            medicine = " Rule: the pain medicine on trial did not lower pain, so it is stopped."
        elif reading.medicine == "keep":
            medicine = " Rule: the pain medicine on trial lowered pain, so it is kept."
        strands = "All four strands run together (" + ", ".join(s.lower() for s in STRANDS.values()) + ")."
        windows = [p for p, start, end, _ in self._clinic_windows() if start <= now.month < end]
        clinic = (
            f" For contrast, the clinic article's phase window(s) at {now.month:g} months (counted from the first "
            f"visit): {', '.join(f'phase {p}' for p in windows) or 'none'}"
        )
        if clinic_not_improving(reviews, k):
            clinic += "; by its rule this case is not improving, so it would discuss moving to a later phase."
        else:
            clinic += "."
        return f"{head}. {measures}{medicine} {strands} The made-up team: {changes[k]}{clinic} {NOT_ADVICE}"
