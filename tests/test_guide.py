"""The teacher's guide: general guidance in docs/teaching.md, one page per lesson in docs/lessons/,
and docs/answers.md generated from the lessons (the same answers learners see)."""

import re
import subprocess
import sys

import pytest
from lesson_text import LESSONS, NOTEBOOKS, ROOT

GUIDE = ROOT / "docs" / "teaching.md"
LESSON_PAGES = ROOT / "docs" / "lessons"


def test_answers_page_is_current():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_answers.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_general_guidance_is_there():
    text = GUIDE.read_text(encoding="utf-8").lower()
    for needle in ("people with crps in the class", "their own treatment", "concept inventory"):
        assert needle in text, f"docs/teaching.md has no part on {needle!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_lesson_has_a_guide_page_with_its_parts(path):
    page = LESSON_PAGES / f"{path.stem}.md"
    assert page.exists(), f"no teacher's page {page.relative_to(ROOT)}"
    text = page.read_text(encoding="utf-8")
    heads = [h.lower() for h in re.findall(r"^##+ (.+)$", text, re.M)]
    needed = ["50-minute plan", "discussion"] + (["assessment task", "rubric"] if path in LESSONS else [])
    for part in needed:
        assert any(h.startswith(part) for h in heads), f"{page.name}: no '{part}' heading"
    if path in LESSONS:
        rubric = text[text.lower().index("rubric") :]
        rows = [r for r in re.findall(r"^\|(.+)\|\s*$", rubric, re.M) if not set(r) <= set("-| :")]
        assert len(rows) >= 4, f"{page.name}: the rubric table needs a header and at least 3 criteria"
