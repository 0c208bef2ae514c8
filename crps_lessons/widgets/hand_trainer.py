"""The left/right hand judgement trainer (first stage of graded motor imagery), as a widget.

Not an Explorer: it is a session driven by answer buttons and a clock, not a plot that follows the
values of its controls. Its state is the list of answers given so far, which no control value can
set, so "start values equal setting the controls later" has no meaning for it. It is therefore
not in EXPLORERS, but it is built the same way: plain figures from :mod:`crps_lessons.figures.hands`,
filled, then wrapped once in ``go.FigureWidget``; traces are found by role. Build it with
``HandTrainer(n_trials=32, seed=1)`` and display it (or ``.widget``).

It is a game to explore left/right judgement, not a treatment: its safety note says so on screen
(stop if it makes pain worse; graded motor imagery is done with a clinician).

Results are shown three ways, with the same numbers in text: overall (beside the published means of
Reinersmann et al. 2010), per rotation for left-hand and right-hand pictures (the breakdown figure
and table, with the direction-of-turn finding of Takeda et al. 2010), and per view (back or palm).

Keyboard: every button can be reached with Tab and pressed with Enter or Space; or click into the
"Type l or r" box and type l (left) or r (right).

Response times are measured in the Python kernel, from the moment it sends a picture to the moment
it receives the answer. The round trip between browser and kernel adds delay (tens of ms locally,
more on a remote hub), so the times are approximate and run a little long.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable

import ipywidgets as w
import plotly.graph_objects as go

from ..figures import role_of
from ..figures.hands import (
    BREAKDOWN_ROTATIONS,
    hand_breakdown_figure,
    hand_figure,
    hand_summary_figure,
)
from ..models.hands import (
    REINERSMANN_2010,
    REINERSMANN_2010_AFTER_TRAINING,
    ROTATION_NAMES,
    SIDES,
    TAKEDA_2010,
    Answer,
    Trial,
    breakdown,
    draw_hand,
    make_trials,
    score,
)
from .figure_widget import explorer_figure

__all__ = ["SAFETY_NOTE", "HandTrainer"]

SAFETY_NOTE = (
    "This is a game to explore left/right judgement, not a treatment. Stop if it makes your pain worse. "
    "Graded motor imagery, of which this task is the first stage, is done with a clinician who knows CRPS."
)


def _trace(fig: go.FigureWidget, name: str):
    """The one trace of ``fig`` whose role is ``name``."""
    (found,) = fig.select_traces(selector=lambda tr: role_of(tr) == name)
    return found


def _time(mean: float | None) -> str:
    return f"{mean:.2f} s" if mean is not None else "-"


class HandTrainer:
    """A seeded session of left/right judgements with per-trial, per-rotation, per-hand and overall results."""

    def __init__(
        self,
        n_trials: int = 32,
        seed: int = 0,
        clock: Callable[[], float] = time.perf_counter,
        *,
        balanced: bool = True,
    ):
        self.trials = make_trials(n_trials, seed, balanced=balanced)
        self.seed = seed
        self.clock = clock
        self.answers: list[Answer] = []
        self.current = -1  # index of the trial on screen; -1 before start
        self._shown_at: float | None = None

        # The figures are complete as built (no picture before Start, the published bars, empty
        # breakdown bars), so each is wrapped once and every view of it draws the whole figure.
        self.figure = explorer_figure(hand_figure())
        self.summary_figure = explorer_figure(hand_summary_figure())
        self.breakdown_figure = explorer_figure(hand_breakdown_figure())

        self.safety = w.HTML(f'<p class="crps-safety" role="note"><b>Please note:</b> {html.escape(SAFETY_NOTE)}</p>')
        self.left = w.Button(
            description="Left",
            tooltip="This is a left hand (keyboard: Tab here, Enter)",
            icon="arrow-left",
            disabled=True,
        )
        self.right = w.Button(
            description="Right",
            tooltip="This is a right hand (keyboard: Tab here, Enter)",
            icon="arrow-right",
            disabled=True,
        )
        self.start = w.Button(description="Start", tooltip="Start (or restart) the session", button_style="primary")
        self.typed = w.Text(
            value="",
            description="Type l or r",
            placeholder="l / r",
            continuous_update=True,
            layout=w.Layout(width="180px"),
        )
        self.status = w.HTML("<p>Press <b>Start</b>. Answer as fast as you can while staying accurate.</p>")
        self.table = w.HTML()
        self.breakdown_text = w.HTML()
        self.left.on_click(lambda _: self.answer("left"))
        self.right.on_click(lambda _: self.answer("right"))
        self.start.on_click(lambda _: self.begin())
        self.typed.observe(self._on_typed, names="value")
        self.widget = w.VBox(
            [
                self.safety,
                w.HBox([self.start, self.left, self.right, self.typed]),
                self.status,
                self.figure,
                self.summary_figure,
                self.breakdown_figure,
                self.breakdown_text,
                self.table,
            ]
        )
        self.widget.add_class("crps-hand-trainer")
        self._refresh_results()

    # --- session flow -----------------------------------------------------------------------
    def begin(self) -> None:
        """(Re)start the session with the same seeded trials."""
        self.answers = []
        self.current = -1
        self.left.disabled = self.right.disabled = False
        self._show_next()
        self._refresh_results()

    def _draw(self, outline: tuple, marks: tuple, title: str) -> None:
        with self.figure.batch_update():
            _trace(self.figure, "outline").update(x=outline[0], y=outline[1])
            _trace(self.figure, "marks").update(x=marks[0], y=marks[1])
            self.figure.layout.title.text = title

    def _show_next(self) -> None:
        self.current += 1
        if self.current >= len(self.trials):
            self.left.disabled = self.right.disabled = True
            self._shown_at = None
            self._draw(([], []), ([], []), "Session finished: see your results below")
            self.status.value = "<p><b>Done.</b> Press Start to repeat the same pictures.</p>"
            return
        t = self.trials[self.current]
        pic = draw_hand(t.side, t.view, t.rotation_deg)
        self._draw(
            (pic.outline_x, pic.outline_y),
            (pic.marks_x, pic.marks_y),
            f"Picture {self.current + 1} of {len(self.trials)}: left or right hand?",
        )
        self.status.value = f"<p>Picture {self.current + 1} of {len(self.trials)}.</p>"
        self._shown_at = self.clock()

    def answer(self, side: str) -> None:
        """Record an answer ('left' or 'right') for the picture on screen, then show the next one."""
        if side not in SIDES:
            raise ValueError(f"answer must be one of {list(SIDES)}, got {side!r}")
        if self._shown_at is None or not 0 <= self.current < len(self.trials):
            self.status.value = "<p>No picture on screen: press <b>Start</b>.</p>"
            return
        rt = max(0.0, self.clock() - self._shown_at)
        self._shown_at = None  # a second click on the same picture cannot count twice
        t = self.trials[self.current]
        self.answers.append(Answer(t.index, side, rt))
        self._show_next()
        self._refresh_results()

    def _on_typed(self, change) -> None:
        value = (change["new"] or "").strip().lower()
        if not value:
            return
        self.typed.value = ""
        if value in ("l", "left"):
            self.answer("left")
        elif value in ("r", "right"):
            self.answer("right")
        else:
            self.status.value = "<p>Type <b>l</b> for left or <b>r</b> for right.</p>"

    # --- results ----------------------------------------------------------------------------
    def result(self):
        """The :class:`crps_lessons.models.hands.Score` of the session so far (unanswered trials are missed)."""
        return score(self.trials, self.answers)

    def _refresh_results(self) -> None:
        s = self.result()
        done = {a.trial_index for a in self.answers}
        rows = []
        for r in s.results:
            if r.index not in done:
                continue
            verdict = "✔ correct" if r.correct else "✘ wrong"
            rows.append(
                f"<tr><td>{r.index + 1}</td><td>{html.escape(r.side)} ({html.escape(r.view)}, "
                f"{r.rotation_deg}°)</td><td>{html.escape(r.answer or '-')}</td><td>{verdict}</td>"
                f"<td>{r.response_time_s:.2f}</td></tr>"
            )
        answered = len(done)
        acc = s.n_correct / answered if answered else 0.0
        mean = s.mean_rt_s
        healthy, crps = REINERSMANN_2010["healthy"]["mean_s"], REINERSMANN_2010["CRPS"]["mean_s"]
        healthy_after = REINERSMANN_2010_AFTER_TRAINING["healthy"]["mean_s"]
        crps_after = REINERSMANN_2010_AFTER_TRAINING["CRPS"]["mean_s"]
        summary = (
            f"<p><b>So far:</b> {s.n_correct} of {answered} answered correctly ({100 * acc:.0f}%); "
            f"mean time on correct answers {mean:.2f} s."
            if mean is not None
            else f"<p><b>So far:</b> {s.n_correct} of {answered} answered correctly."
        )
        summary += (
            f" Published means (Reinersmann et al. 2010): healthy {healthy:.2f} s, CRPS {crps:.2f} s; after four "
            f"days' training, healthy {healthy_after:.2f} s, CRPS {crps_after:.2f} s.</p>"
        )
        self.table.value = summary + (
            '<table><caption>Every picture you answered</caption><thead><tr><th scope="col">#</th>'
            '<th scope="col">picture</th><th scope="col">your answer</th><th scope="col">result</th>'
            '<th scope="col">time (s)</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"
            if rows
            else ""
        )
        with self.summary_figure.batch_update():
            bar = _trace(self.summary_figure, "times")
            ys, texts = list(bar.y), list(bar.text)
            ys[0] = mean if mean is not None else 0
            texts[0] = f"{mean:.2f} s" if mean is not None else "no correct answers yet"
            bar.update(y=ys, text=texts)
        self._refresh_breakdown(done)

    def _refresh_breakdown(self, done: set[int]) -> None:
        """Per rotation and per hand: the grouped bars and the same numbers as a table and sentences."""
        answered_only = _score_subset([t for t in self.trials if t.index in done], self.answers)
        cells = {g.key: g for g in breakdown(answered_only, "rotation+side")} if answered_only else {}
        with self.breakdown_figure.batch_update():
            for side in SIDES:
                ys, texts = [], []
                for rot in BREAKDOWN_ROTATIONS:
                    g = cells.get((rot, side))
                    ys.append(g.mean_rt_s if g and g.mean_rt_s is not None else 0)
                    # Two short lines, so the labels of neighbouring bars do not overlap.
                    if g is None:
                        texts.append("no pictures<br>yet")
                    elif g.mean_rt_s is None:
                        texts.append(f"none right<br>(0 of {g.n_answered})")
                    else:
                        texts.append(f"{g.mean_rt_s:.2f} s<br>({g.n_correct} of {g.n_answered})")
                _trace(self.breakdown_figure, side).update(y=ys, text=texts)
        if not answered_only:
            self.breakdown_text.value = "<p>Your results by rotation and by hand appear here as you answer.</p>"
            return
        body = []
        for rot in BREAKDOWN_ROTATIONS:
            tds = []
            for side in SIDES:
                g = cells.get((rot, side))
                cell = "-" if g is None else f"{g.n_correct} of {g.n_answered} right, {_time(g.mean_rt_s)}"
                tds.append(f"<td>{cell}</td>")
            body.append(f'<tr><th scope="row">{rot}°: {html.escape(ROTATION_NAMES[rot])}</th>{"".join(tds)}</tr>')
        views = breakdown(answered_only, "view")
        view_text = "; ".join(
            f"{html.escape(g.label)}: {g.n_correct} of {g.n_answered} right, mean {_time(g.mean_rt_s)}" for g in views
        )
        sides = breakdown(answered_only, "side")
        side_text = "; ".join(
            f"{html.escape(g.label)}: {g.n_correct} of {g.n_answered} right, mean {_time(g.mean_rt_s)}" for g in sides
        )
        takeda = []
        for rot, faster in TAKEDA_2010["faster_side"].items():
            left, right = cells.get((rot, "left")), cells.get((rot, "right"))
            if left and right and left.mean_rt_s is not None and right.mean_rt_s is not None:
                gap = round(right.mean_rt_s - left.mean_rt_s, 2)  # what the readout shows, to 0.01 s
                yours = (
                    "your left-hand and right-hand pictures took the same time"
                    if gap == 0
                    else f"your {'right' if gap < 0 else 'left'}-hand pictures were faster"
                )
                takeda.append(
                    f"at {rot}° {yours} ({_time(right.mean_rt_s)} right, {_time(left.mean_rt_s)} left); "
                    f"Takeda et al. 2010 found {faster} hands faster there"
                )
        takeda_text = (
            "<p><b>Direction of the turn:</b> " + "; ".join(takeda) + ".</p>"
            if takeda
            else "<p><b>Direction of the turn:</b> Takeda et al. 2010 found right hands recognized faster when "
            "turned anticlockwise (90°) and left hands faster when turned clockwise (270°); answer more pictures "
            "at those angles to compare.</p>"
        )
        self.breakdown_text.value = (
            "<table><caption>By rotation and by hand (correct answers, mean time on correct answers)</caption>"
            '<thead><tr><th scope="col">picture turned</th><th scope="col">left-hand pictures</th>'
            '<th scope="col">right-hand pictures</th></tr></thead><tbody>' + "".join(body) + "</tbody></table>"
            f"<p><b>By hand:</b> {side_text}.</p><p><b>By view:</b> {view_text}.</p>" + takeda_text
        )

    def _repr_mimebundle_(self, **kwargs):
        # IPython's display protocol: the trainer shows as its widget.
        return self.widget._repr_mimebundle_(**kwargs)


def _score_subset(shown, answers):
    """Score only the pictures in ``shown`` (renumbered), with their answers; None if there are none."""
    if not shown:
        return None
    renumber = {t.index: i for i, t in enumerate(shown)}
    subset = [Trial(renumber[t.index], t.side, t.view, t.rotation_deg) for t in shown]
    kept = [Answer(renumber[a.trial_index], a.answer, a.response_time_s) for a in answers if a.trial_index in renumber]
    return score(subset, kept)
