"""Self-check questions from data/quiz.csv and data/quiz_choices.csv, shown as widgets.

Each question shows its choices in an order shuffled for the learner (stable: the same learner
always sees the same order, so saved answers still match), gives every choice its own feedback
(why it is tempting, why it is right or wrong), and lets the learner try once more after a wrong
first answer before the answer is shown. Checked answers are saved for the learner (see
:mod:`crps_lessons.progress`): a small JSON file on their own computer, never sent anywhere.

The concept inventory (``show_quiz("concept_inventory", attempt="before")`` in lesson 00 and
``attempt="after"`` in the last lesson) is answered once each time; "before" gives no feedback, so
the pre-test does not teach the answers.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass

import ipywidgets as w
import pandas as pd

from . import progress
from .data import load_table, source_label

__all__ = ["Choice", "Item", "Question", "Quiz", "questions_for", "show_quiz", "shuffled"]

ATTEMPTS = ("before", "after")


@dataclass(frozen=True)
class Choice:
    choice_id: str
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Item:
    quiz_id: str
    notebook: str
    kind: str
    prompt: str
    source_id: str
    choices: tuple[Choice, ...]

    @property
    def answer(self) -> Choice:
        return next(c for c in self.choices if c.correct)


def questions_for(notebook: str) -> list[Item]:
    """The questions of one notebook stem (e.g. "03_central_sensitization"), in table order."""
    quiz = load_table("quiz")
    if notebook not in set(quiz["notebook"]):
        raise ValueError(
            f"no quiz questions for {notebook!r}; notebooks with questions: {', '.join(sorted(set(quiz['notebook'])))}"
        )
    choices = load_table("quiz_choices")
    items = []
    for row in quiz[quiz["notebook"] == notebook].itertuples(index=False):
        rows = choices[choices["quiz_id"] == row.quiz_id]
        items.append(
            Item(
                row.quiz_id,
                row.notebook,
                row.kind,
                row.prompt,
                row.source_id,
                tuple(
                    Choice(c.choice_id, c.text, bool(c.correct), "" if pd.isna(c.feedback) else c.feedback)
                    for c in rows.itertuples(index=False)
                ),
            )
        )
    return items


def shuffled(item: Item, learner: str) -> list[Choice]:
    """The choices in this learner's order: sorted by a hash of learner, question and choice."""

    def key(choice: Choice) -> str:
        return hashlib.sha256(f"{learner}:{item.quiz_id}:{choice.choice_id}".encode()).hexdigest()

    return sorted(item.choices, key=key)


def _p(text: str) -> str:
    return f"<p>{text}</p>"


class Question:
    """One question: prompt, shuffled radio choices, a Check button, and feedback."""

    def __init__(
        self, item: Item, learner: str, *, saved_as: str | None = None, give_feedback: bool = True, retries: int = 1
    ):
        self.item = item
        self.saved_as = saved_as  # the progress key; None: answers are not saved
        self.give_feedback = give_feedback
        self.retries = retries
        self.tries = 0
        self.order = shuffled(item, learner)
        self.prompt = w.HTML(f"<p><b>{html.escape(item.prompt)}</b></p>")
        self.choices = w.RadioButtons(
            options=[(c.text, c.choice_id) for c in self.order],
            value=None,
            description="Your answer:",
            layout=w.Layout(width="auto"),
            style={"description_width": "initial"},
        )
        self.check = w.Button(description="Check answer", tooltip="Check your answer", button_style="primary")
        self.check.add_class("crps-quiz-check")
        self.feedback = w.HTML()
        self.feedback.add_class("crps-quiz-feedback")
        self.check.on_click(lambda _: self.grade())
        self.widget = w.VBox([self.prompt, self.choices, self.check, self.feedback])
        self.widget.add_class("crps-quiz-question")
        self.widget.add_class(f"crps-quiz-q-{item.quiz_id}")

    def grade(self) -> bool | None:
        """Check the selected choice and show its feedback; returns whether it was right (None: no choice)."""
        chosen_id = self.choices.value
        if chosen_id is None:
            self.feedback.value = _p("Pick an answer first.")
            return None
        chosen = next(c for c in self.item.choices if c.choice_id == chosen_id)
        self.tries += 1
        if self.saved_as is not None:
            progress.record_answer(self.saved_as, self.item.quiz_id, chosen.choice_id, chosen.correct)
        notes = "".join(f'<p class="crps-progress-notice">Note: {html.escape(n)}</p>' for n in progress.take_notices())
        if not self.give_feedback:
            self.check.disabled = True
            self.choices.disabled = True
            self.feedback.value = (
                _p("Saved. You will see how you did when you take these questions again after the last lesson.") + notes
            )
            return chosen.correct
        source = f" <i>(Source: {html.escape(source_label(self.item.source_id))})</i>"
        if chosen.correct:
            self.feedback.value = _p(f"<b>✔ Correct.</b> {html.escape(chosen.feedback)}{source}") + notes
        elif self.tries <= self.retries:
            self.feedback.value = _p(f"<b>✘ Not quite.</b> {html.escape(chosen.feedback)} Try once more.") + notes
        else:
            answer = self.item.answer
            self.feedback.value = (
                _p(f"<b>✘ Not quite.</b> {html.escape(chosen.feedback)}")
                + _p(f"The answer is: <b>{html.escape(answer.text)}</b>. {html.escape(answer.feedback)}{source}")
                + notes
            )
        return chosen.correct


class Quiz:
    """The questions of one check, as one widget (``.widget``); displays itself in a notebook."""

    def __init__(self, notebook: str, only: list[str] | None = None, *, attempt: str | None = None):
        items = questions_for(notebook)
        if only is not None:
            by_id = {item.quiz_id: item for item in items}
            unknown = [q for q in only if q not in by_id]
            if unknown:
                raise ValueError(
                    f"quiz ids {unknown} are not questions of {notebook!r}; its ids are: {', '.join(by_id)}"
                )
            items = [by_id[q] for q in only]
        if (attempt is None) != (notebook != progress.INVENTORY):
            raise ValueError(
                f"attempt must be one of {ATTEMPTS} for the {progress.INVENTORY!r} and None otherwise; "
                f"got {attempt!r} for {notebook!r}"
            )
        if attempt is not None and attempt not in ATTEMPTS:
            raise ValueError(f"attempt must be one of {ATTEMPTS}; got {attempt!r}")
        key = notebook if attempt is None else f"{notebook}:{attempt}"
        learner = progress.learner_id()
        self.questions = [
            Question(item, learner, saved_as=key, give_feedback=attempt != "before", retries=0 if attempt else 1)
            for item in items
        ]
        saved = progress.load_progress()["answers"].get(key, {})
        for q in self.questions:
            before = saved.get(q.item.quiz_id)
            if before is None:
                continue
            if attempt == "before":  # the pre-test never tells right from wrong
                q.feedback.value = _p("<i>Saved from last time.</i>")
            else:
                # Words, not colour: what the learner answered last time.
                verdict = "right" if before.get("correct") else "not right yet"
                q.feedback.value = _p(f"<i>Saved from last time: your answer was {verdict}. Try it again.</i>")
        title = "Check your understanding" if attempt is None else f"Concept check ({attempt} the lessons)"
        header = [w.HTML(f"<h3>{title}</h3>")]
        header += [
            w.HTML(f'<p class="crps-progress-notice">Note: {html.escape(n)}</p>') for n in progress.take_notices()
        ]
        self.widget = w.VBox(header + [q.widget for q in self.questions])
        self.widget.add_class("crps-quiz")
        if attempt is not None:
            self.widget.add_class("crps-quiz-inventory")

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def show_quiz(notebook: str, only: list[str] | None = None, *, attempt: str | None = None) -> Quiz:
    """The questions for a notebook (the last expression in a cell displays them).

    ``only``: quiz ids to show, in that order (a check at the end of one section).
    ``attempt``: "before" or "after", for the concept inventory only.
    """
    return Quiz(notebook, only, attempt=attempt)
