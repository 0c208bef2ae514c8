"""The "my progress" view: a learner's saved quiz results across lessons (see crps_lessons.progress).

Usage in a notebook::

    from crps_lessons.widgets.progress_view import my_progress
    my_progress()

Not an Explorer (no plot): a labelled table with a text bar, refreshed by a button, so the numbers
are read as words and symbols, never from colour alone.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

import ipywidgets as w

from .. import progress

__all__ = ["inventory_html", "lesson_title", "my_progress", "progress_table_html"]

BAR_WIDTH = 10


NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent.parent / "notebooks"


@cache
def _heading(notebook: str) -> str | None:
    """The notebook's '# ' title, when the lesson notebook sits beside the package."""
    try:
        nb = json.loads((NOTEBOOKS_DIR / f"{notebook}.ipynb").read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "markdown":
                m = re.search(r"^#\s+(.+)$", "".join(cell.get("source", "")), re.M)
                if m:
                    return m.group(1).strip()
    except (OSError, ValueError):
        pass
    return None


def lesson_title(notebook: str) -> str:
    """The lesson's title ('02 · Central sensitization: ...'); from the file name if no notebook."""
    heading = _heading(notebook)
    if heading:
        return heading
    number, _, rest = notebook.partition("_")
    words = rest.replace("_", " ").strip()
    return f"{number} · {words[:1].upper()}{words[1:]}" if words else notebook


def _bar(done: int, total: int) -> str:
    filled = round(BAR_WIDTH * done / total) if total else 0
    return "■" * filled + "□" * (BAR_WIDTH - filled)


def progress_table_html(rows: list[dict] | None = None) -> str:
    """An HTML table (escaped) of :func:`crps_lessons.progress.lesson_scores`."""
    rows = progress.lesson_scores() if rows is None else rows
    if not rows:
        return "<p>No lesson has quiz questions yet.</p>"
    body = []
    for r in rows:
        right = f"{r['correct']} of {r['questions']} right"
        body.append(
            "<tr>"
            f"<td>{html.escape(lesson_title(r['notebook']))}</td>"
            f"<td>{r['answered']} of {r['questions']}</td>"
            f"<td>{r['correct']} of {r['questions']}</td>"
            f"<td>{r['first_try']}</td>"
            f'<td aria-label="{right}"><code>{_bar(r["correct"], r["questions"])}</code></td>'
            "</tr>"
        )
    answered = sum(r["answered"] for r in rows)
    correct = sum(r["correct"] for r in rows)
    total = sum(r["questions"] for r in rows)
    caption = f"Your saved quiz results: {answered} of {total} questions answered, {correct} right at the latest try."
    return (
        '<table class="crps-progress">'
        f"<caption>{html.escape(caption)}</caption>"
        '<thead><tr><th scope="col">Lesson</th><th scope="col">Answered</th>'
        '<th scope="col">Right now</th><th scope="col">Right first try</th>'
        '<th scope="col">Progress (■ = right)</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def inventory_html(scores: dict | None = None) -> str:
    """The concept inventory before and after the lessons, in words (escaped)."""
    scores = progress.inventory_scores() if scores is None else scores
    total = scores["before"]["questions"]
    if not total:
        return ""
    parts = []
    for when, label in (("before", "before lesson 01"), ("after", "after the last lesson")):
        s = scores[when]
        if not s["answered"]:
            parts.append(f"{label}: not taken yet")
        else:
            parts.append(f"{label}: {s['answered']} of {total} answered, {s['correct']} right")
    change = ""
    if scores["before"]["answered"] == total and scores["after"]["answered"] == total:
        diff = scores["after"]["correct"] - scores["before"]["correct"]
        change = f" (a change of {diff:+d})"
    return f'<p class="crps-inventory"><b>Concept check</b>, {html.escape("; ".join(parts))}{html.escape(change)}.</p>'


def my_progress() -> w.VBox:
    """A widget: the progress table, where the file is kept, and a Refresh button."""
    table = w.HTML()
    notes = w.HTML()
    where = w.HTML(
        f"<p>Saved only on this computer, in <code>{html.escape(str(progress.progress_path()))}</code> "
        "(set the environment variable <code>CRPS_LESSONS_PROGRESS</code> to keep it elsewhere). "
        "Nothing is sent anywhere.</p>"
    )
    refresh = w.Button(description="Refresh", tooltip="Read your saved quiz results again", icon="refresh")

    def render(_=None):
        table.value = inventory_html() + progress_table_html()
        notices = progress.take_notices()
        notes.value = "".join(f'<p class="crps-progress-notice">Note: {html.escape(n)}</p>' for n in notices)

    refresh.on_click(render)
    render()
    box = w.VBox([w.HTML("<h3>My progress</h3>"), table, notes, refresh, where])
    box.add_class("crps-progress-view")
    box.refresh = render
    return box
