"""The left/right hand judgement trainer (first stage of graded motor imagery), as a widget.

Not an Explorer: it is a session driven by answer buttons and a clock, not a plot that follows the
values of its controls. Its state is the list of answers given so far, which no control value can
set, so "start values equal setting the controls later" has no meaning for it. It is therefore
not in EXPLORERS, but it is built the same way: plain figures from :mod:`crps_lessons.figures.hands`,
filled, then wrapped once in ``go.FigureWidget``; traces are found by role. Build it with
``HandTrainer(n_trials=20, seed=1)`` and display it (or ``.widget``).

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
from ..figures.hands import hand_figure, hand_summary_figure
from ..models.hands import REINERSMANN_2010, SIDES, Answer, draw_hand, make_trials, score
from .base import import_figurewidget_fast

__all__ = ["HandTrainer"]


def _trace(fig: go.FigureWidget, name: str):
    """The one trace of ``fig`` whose role is ``name``."""
    (found,) = fig.select_traces(selector=lambda tr: role_of(tr) == name)
    return found


class HandTrainer:
    """A seeded session of left/right judgements with per-trial and overall accuracy and times."""

    def __init__(self, n_trials: int = 20, seed: int = 0, clock: Callable[[], float] = time.perf_counter):
        self.trials = make_trials(n_trials, seed)
        self.seed = seed
        self.clock = clock
        self.answers: list[Answer] = []
        self.current = -1  # index of the trial on screen; -1 before start
        self._shown_at: float | None = None

        # Both figures are complete as built (no picture before Start, the published bars), so each
        # is wrapped once and every view of it draws the whole figure.
        import_figurewidget_fast()
        self.figure = go.FigureWidget(hand_figure())
        self.summary_figure = go.FigureWidget(hand_summary_figure())

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
        self.left.on_click(lambda _: self.answer("left"))
        self.right.on_click(lambda _: self.answer("right"))
        self.start.on_click(lambda _: self.begin())
        self.typed.observe(self._on_typed, names="value")
        self.widget = w.VBox(
            [
                w.HBox([self.start, self.left, self.right, self.typed]),
                self.status,
                self.figure,
                self.summary_figure,
                self.table,
            ]
        )
        self.widget.add_class("crps-hand-trainer")

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
        summary = (
            f"<p><b>So far:</b> {s.n_correct} of {answered} answered correctly ({100 * acc:.0f}%); "
            f"mean time on correct answers {mean:.2f} s."
            if mean is not None
            else f"<p><b>So far:</b> {s.n_correct} of {answered} answered correctly."
        )
        summary += (
            f" Published means: healthy {REINERSMANN_2010['healthy']['mean_s']:.2f} s, "
            f"CRPS {REINERSMANN_2010['CRPS']['mean_s']:.2f} s (Reinersmann et al. 2010).</p>"
        )
        self.table.value = summary + (
            "<table><thead><tr><th>#</th><th>picture</th><th>your answer</th><th>result</th>"
            "<th>time (s)</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
            if rows
            else ""
        )
        with self.summary_figure.batch_update():
            bar = _trace(self.summary_figure, "times")
            ys, texts = list(bar.y), list(bar.text)
            ys[0] = mean if mean is not None else 0
            texts[0] = f"{mean:.2f} s" if mean is not None else "no correct answers yet"
            bar.update(y=ys, text=texts)

    def _repr_mimebundle_(self, **kwargs):
        # IPython's display protocol: the trainer shows as its widget.
        return self.widget._repr_mimebundle_(**kwargs)
