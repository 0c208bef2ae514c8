"""Self-check questions from data/quiz.csv, rendered as widgets with feedback and explanation.

Checked answers are saved for the learner (see :mod:`crps_lessons.progress`): a small JSON file in
their home, never sent anywhere. A problem with that file is reported once and never breaks a quiz.
"""

from __future__ import annotations

import html
from typing import Callable

import ipywidgets as w

from . import progress
from .data import load_table, source_label

__all__ = ["questions_for", "Question", "show_quiz"]

CHOICE_SEPARATOR = " | "


def questions_for(notebook: str) -> list[dict]:
    """Quiz rows for one notebook stem (e.g. "03_central_sensitization"), in table order."""
    table = load_table("quiz")
    if notebook not in set(table["notebook"]):
        raise ValueError(f"no quiz questions for notebook {notebook!r}; "
                         f"notebooks with questions: {', '.join(sorted(set(table['notebook'])))}")
    rows = table[table["notebook"] == notebook].to_dict("records")
    for row in rows:
        row["choices"] = [c.strip() for c in row["choices"].split(CHOICE_SEPARATOR.strip())]
    return rows


class Question:
    """One multiple-choice question: choices, a Check button, feedback with the explanation."""

    def __init__(self, row: dict, on_checked: Callable[[dict, str, bool], None] | None = None):
        self.row = row
        self.on_checked = on_checked
        self.prompt = w.HTML(f"<b>{html.escape(row['prompt'])}</b>")
        # A visible label, so screen readers announce what the radio group is for.
        self.choices = w.RadioButtons(options=row["choices"], value=None, description="Your answer:",
                                      layout=w.Layout(width="auto"), style={"description_width": "initial"})
        self.check = w.Button(description="Check answer", tooltip="Check your answer",
                              button_style="primary")
        self.feedback = w.HTML()
        self.check.on_click(lambda _: self.grade())
        self.widget = w.VBox([self.prompt, self.choices, self.check, self.feedback])
        self.widget.add_class("crps-quiz-question")

    def grade(self) -> bool | None:
        """Show feedback for the selected choice; returns whether it was right (None: no choice)."""
        chosen = self.choices.value
        if chosen is None:
            self.feedback.value = "<p>Pick an answer first.</p>"
            return None
        correct = chosen == self.row["answer"]
        # Words and a symbol, never colour alone, carry right/wrong.
        verdict = "✔ Correct." if correct else f"✘ Not quite. The answer is: {self.row['answer']}."
        source = source_label(self.row["source_id"])
        self.feedback.value = (f"<p><b>{html.escape(verdict)}</b> {html.escape(self.row['explanation'])} "
                               f"<i>(Source: {html.escape(source)})</i></p>")
        if self.on_checked is not None:
            self.on_checked(self.row, chosen, correct)
            notices = progress.take_notices()
            if notices:
                self.feedback.value += "".join(f'<p class="crps-progress-notice">Note: {html.escape(n)}</p>'
                                               for n in notices)
        return correct


def _save_answer(row: dict, chosen: str, correct: bool) -> None:
    """Record a checked answer; a file problem becomes a one-time note under the feedback."""
    progress.record_answer(row["notebook"], row["quiz_id"], chosen, bool(correct))


def show_quiz(notebook: str, only: list[str] | None = None) -> w.VBox:
    """The questions for a notebook as one widget (the last expression in a cell displays it).

    ``only``: quiz ids to show (in that order), for a check at the end of one section.
    """
    rows = questions_for(notebook)
    if only is not None:
        by_id = {row["quiz_id"]: row for row in rows}
        unknown = [q for q in only if q not in by_id]
        if unknown:
            raise ValueError(f"quiz ids {unknown} are not questions of {notebook!r}; "
                             f"its ids are: {', '.join(by_id)}")
        rows = [by_id[q] for q in only]
    questions = [Question(row, on_checked=_save_answer) for row in rows]
    saved = progress.load_progress()["answers"].get(notebook, {})
    for q in questions:
        before = saved.get(q.row["quiz_id"])
        if before is not None:
            # Words, not colour: what the learner answered last time.
            verdict = "right" if before.get("correct") else "not right yet"
            q.feedback.value = f"<p><i>Saved from last time: your answer was {verdict}. Try it again.</i></p>"
    header = [w.HTML("<h4>Check your understanding</h4>")]
    header += [w.HTML(f'<p class="crps-progress-notice">Note: {html.escape(n)}</p>') for n in progress.take_notices()]
    box = w.VBox(header + [q.widget for q in questions])
    box.add_class("crps-quiz")
    box.questions = questions
    return box
