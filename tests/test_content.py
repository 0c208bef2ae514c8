"""Content rules for the notebooks: rhythm, citations, disclaimer, stripped outputs."""

import re

import pytest
from conftest import NOTEBOOKS, notebook_json

from crps_lessons.data import load_table

CITE = re.compile(r"\[@([a-z0-9_]+)\]")
LESSONS = [p for p in NOTEBOOKS if not p.stem.startswith("00_")]
SOURCE_IDS = set(load_table("sources")["source_id"])


def _text(nb, kind):
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == kind)


def test_there_is_a_start_notebook():
    assert any(p.name == "00_start_here.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_without_outputs_and_with_python3_kernel(path):
    nb = notebook_json(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, (
                f"{path.name}: a code cell carries outputs; strip them before committing"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_disclaimer_appears_exactly_once(path):
    text = _text(notebook_json(path), "markdown").lower()
    assert text.count("not medical advice") == 1, f"{path.name}: say once that this is education, not medical advice"


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_rhythm(path):
    md = _text(notebook_json(path), "markdown")
    assert re.search(r"^#+ .*learning objectives", md, re.I | re.M), f"{path.name}: no learning objectives heading"
    assert re.search(r"^#+ .*(summary|key points)", md, re.I | re.M), f"{path.name}: no summary / key points heading"
    assert re.search(r"^#+ .*references", md, re.I | re.M), f"{path.name}: no references heading"
    assert re.search(r"\b\d+\s*min", md), f"{path.name}: the time needed is not stated"


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_citation_resolves_and_is_listed(path):
    nb = notebook_json(path)
    cited = set(CITE.findall(_text(nb, "markdown")))
    assert cited, f"{path.name}: cites no source with [@source_id]"
    unknown = cited - SOURCE_IDS
    assert not unknown, f"{path.name}: cites ids missing from data/sources.csv: {sorted(unknown)}"
    code = _text(nb, "code")
    listed_call = re.search(r"references\(\s*\[(.*?)\]\s*\)", code, re.S)
    assert listed_call, f"{path.name}: no references([...]) cell"
    listed = set(re.findall(r"['\"]([a-z0-9_]+)['\"]", listed_call.group(1)))
    assert not (listed - SOURCE_IDS), f"{path.name}: references() lists unknown ids {sorted(listed - SOURCE_IDS)}"
    assert cited <= listed, f"{path.name}: cited but not in the reference list: {sorted(cited - listed)}"


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_each_lesson_has_at_least_four_quiz_questions(path):
    quiz = load_table("quiz")
    assert (quiz["notebook"] == path.stem).sum() >= 4, f"{path.stem}: fewer than 4 quiz questions in data/quiz.csv"
    code = _text(notebook_json(path), "code")
    assert f'show_quiz("{path.stem}"' in code, f"{path.name}: quiz not shown"
    shown_ids = set(re.findall(r"['\"](q\d\d_[a-z0-9_]+)['\"]", code))
    subset_calls = re.findall(rf'show_quiz\("{path.stem}",', code)
    if subset_calls and f'show_quiz("{path.stem}")' not in code:
        own = set(quiz.loc[quiz["notebook"] == path.stem, "quiz_id"])
        assert own <= shown_ids, f"{path.name}: questions never shown: {sorted(own - shown_ids)}"
