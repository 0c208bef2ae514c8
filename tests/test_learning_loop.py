"""Every lesson has the same loop (docs/authoring.md): objectives, plain words, prompts answered by a
reveal, checked questions, where the sources disagree, key points, glossary, what's next, references."""

import re

import pandas as pd
import pytest
from lesson_text import (
    CITE,
    DEEPER,
    LESSONS,
    NOTEBOOKS,
    ROOT,
    code,
    markdown,
    prompts_and_reveals,
    sections,
    teaching_sections,
)

from crps_lessons.data import load_table

SOURCE_IDS = set(load_table("sources")["source_id"])
ENDING = ["Where the sources disagree", "Key points", "Glossary", "What's next", "References"]
ids = [p.stem for p in LESSONS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_disclaimer_once_and_time_stated(path):
    md = markdown(path)
    assert md.lower().count("not medical advice") == 1, (
        f"{path.name}: say once that this is education, not medical advice"
    )
    assert re.search(r"Time:?\**\s*about \d+ min", md), f"{path.name}: no 'Time: about NN min' line"


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_lesson_has_the_frame_in_order(path):
    titles = [s.title for s in sections(path)]
    assert titles and titles[0].lower() == "learning objectives", (
        f"{path.name}: first section must be Learning objectives"
    )
    ending = [t for t in titles if t in ENDING]
    assert ending == ENDING, f"{path.name}: the lesson must end with {ENDING}; found {ending}"
    assert titles[-len(ENDING) :] == ENDING, f"{path.name}: nothing may follow the ending sections: {titles[-6:]}"
    assert len(teaching_sections(path)) >= 3, (
        f"{path.name}: fewer than two teaching sections besides where the sources disagree"
    )


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_every_teaching_section_opens_with_plain_words(path):
    missing = [s.title for s in teaching_sections(path) if not s.plain_words]
    assert not missing, f"{path.name}: sections without an opening '> **In plain words:**' box: {missing}"
    for s in teaching_sections(path):
        n = len(re.findall(r"[.!?](\s|$)", s.plain_words))
        assert 2 <= n <= 4, f"{path.name}, {s.title!r}: the plain-words box has {n} sentences (2-4 wanted)"


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_every_prompt_is_answered(path):
    pairs = prompts_and_reveals(path)
    assert pairs, f"{path.name}: no 'Predict first' or 'Try this' prompt"
    unanswered = [p[:80] for p, reveal in pairs if not reveal]
    assert not unanswered, f"{path.name}: prompts with no 'What you should have seen' reveal after them: {unanswered}"
    assert any(p.lower().startswith("**predict") for p, _ in pairs), f"{path.name}: no 'Predict first' prompt"


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_depth_is_in_going_deeper_blocks(path):
    md = markdown(path)
    assert DEEPER.search(md), f"{path.name}: no collapsed 'Going deeper' block"
    outside = DEEPER.sub(" ", md)
    outside = re.sub(r"<details>.*?</details>", " ", outside, flags=re.S)
    math = re.findall(r"\$\$.+?\$\$|(?<![\\$])\$[^$\n]+\$", outside, re.S)
    assert not math, f"{path.name}: equations outside 'Going deeper': {math[:3]}"
    jargon = re.findall(
        r"\b(IC50|EC50|C50|Hill coefficient|pharmacokinetic\w*|loop gain|two-compartment)\b", outside, re.I
    )
    assert not jargon, f"{path.name}: technical depth outside 'Going deeper': {sorted(set(jargon))}"


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_citations_resolve_and_are_listed(path):
    cited = set(CITE.findall(markdown(path)))
    assert cited, f"{path.name}: cites no source with [@source_id]"
    assert not cited - SOURCE_IDS, f"{path.name}: cites ids missing from data/sources.csv: {sorted(cited - SOURCE_IDS)}"
    listed_call = re.search(r"references\(\s*\[(.*?)\]\s*\)", code(path), re.S)
    assert listed_call, f"{path.name}: no references([...]) cell"
    listed = set(re.findall(r"['\"]([a-z0-9_]+)['\"]", listed_call.group(1)))
    assert listed <= SOURCE_IDS, f"{path.name}: references() lists unknown ids {sorted(listed - SOURCE_IDS)}"
    assert cited == listed, (
        f"{path.name}: cited but not listed {sorted(cited - listed)}; listed but not cited {sorted(listed - cited)}"
    )


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_every_question_of_the_lesson_is_shown_and_glossary_too(path):
    quiz = load_table("quiz")
    own = list(quiz.loc[quiz["notebook"] == path.stem, "quiz_id"])
    src = code(path)
    shown = set(re.findall(r"['\"](q\d\d_[a-z0-9_]+)['\"]", src))
    if re.search(rf"show_quiz\(\s*['\"]{path.stem}['\"]\s*\)", src):
        shown |= set(own)
    assert set(own) <= shown, f"{path.name}: questions never shown: {sorted(set(own) - shown)}"
    assert shown <= set(own), f"{path.name}: shows questions of another lesson: {sorted(shown - set(own))}"
    assert re.search(rf"show_glossary\(\s*['\"]{path.stem}['\"]\s*\)", src), f"{path.name}: no show_glossary cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_prerequisites_agree_with_the_readme(path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = re.search(
        rf"^\|\s*{path.stem[:2]}\s*\|.*\(notebooks/{re.escape(path.name)}\).*\|\s*([0-9, -]*)\s*\|\s*$", readme, re.M
    )
    assert row, f"README lesson map lacks {path.name} (or its 'read first' column)"
    in_readme = set(re.findall(r"\d\d", row.group(1)))
    top = markdown(path)[:1500]
    m = re.search(r"\*\*Before this:\*\*([^\n]*)", top)
    assert m, f"{path.name}: no '**Before this:**' line near the top"
    in_lesson = {n.zfill(2) for n in re.findall(r"\b(\d{1,2})\b", m.group(1))}
    assert in_lesson == in_readme, f"{path.name}: prerequisites {sorted(in_lesson)} but README says {sorted(in_readme)}"


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_whats_next_points_to_a_lesson_or_the_end(path):
    section = next(s for s in sections(path) if s.title == "What's next")
    names = {p.stem[:2] for p in NOTEBOOKS}
    linked = set(re.findall(r"\((\d\d)_[a-z0-9_]+\.ipynb\)", section.text))
    assert linked <= names, f"{path.name}: 'What's next' links to missing lessons {sorted(linked - names)}"
    assert linked or path == LESSONS[-1], f"{path.name}: 'What's next' links to no lesson"


def test_every_cited_source_says_what_was_read():
    sources = load_table("sources").set_index("source_id")
    cited = set()
    for path in NOTEBOOKS:
        cited |= set(CITE.findall(markdown(path))) & SOURCE_IDS
    for table in ("quiz", "glossary", "findings", "source_statements"):
        cited |= set(load_table(table)["source_id"].dropna())
    unread = sorted(
        s
        for s in cited
        if s in sources.index and sources.loc[s, "kind"] != "source-document" and pd.isna(sources.loc[s, "read"])
    )
    assert not unread, f"sources cited without a 'read' entry (what was read, where, when): {unread}"
