"""docs/teaching.md: a section for every notebook present, every quiz id answered, the how-to-run parts."""

import re

from conftest import NOTEBOOKS, ROOT
from crps_lessons.data import load_table

GUIDE = ROOT / "docs" / "teaching.md"


def _guide():
    return GUIDE.read_text(encoding="utf-8")


def test_every_notebook_has_a_section():
    text = _guide()
    sections = set(re.findall(r"^## Lesson (\d\d)\b", text, re.M))
    missing = [p.name for p in NOTEBOOKS if p.name[:2] not in sections]
    assert not missing, f"docs/teaching.md has no '## Lesson NN' section for: {missing}"


def test_every_quiz_id_appears_with_its_answer():
    text = _guide()
    quiz = load_table("quiz")
    missing = [q for q in quiz["quiz_id"] if q not in text]
    assert not missing, f"docs/teaching.md does not give the answers to: {missing}"


def test_each_lesson_section_has_the_parts():
    text = _guide()
    parts = re.split(r"^## Lesson ", text, flags=re.M)[1:]
    for part in parts:
        head = part.splitlines()[0]
        for needle in ("Time", "Objectives", "50-minute", "Discussion", "Quiz answers"):
            assert needle.lower() in part.lower(), f"docs/teaching.md, Lesson {head}: no {needle!r} part"


def test_how_to_run_a_class():
    text = _guide()
    assert "mybinder.org/v2/gh/crps-lessons/crps-lessons/main" in text
    assert "git-pull?repo=https%3A%2F%2Fgithub.com%2Fcrps-lessons%2Fcrps-lessons&branch=main" in text
    assert "make lab" in text and "Presentation Mode" in text
    assert re.search(r"RISE.*?do\s+not\s+render", text, re.S), "say that RISE does not render widgets"
