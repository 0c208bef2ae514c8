"""Handouts (`make html`): self-contained offline HTML for every notebook, and an index in teaching order."""

import html
import re
import sys

import pytest

from conftest import NOTEBOOKS, ROOT, notebook_json

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tools import build_html  # noqa: E402

PLOTLY_BANNER = re.compile(r"\* plotly\.js v\d+\.\d+\.\d+")
REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?\s*(https?:)?//", re.I)
REMOTE_STYLE = re.compile(r"<link[^>]*\bhref\s*=\s*[\"']?\s*(https?:)?//", re.I)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    build_html.build(out, jobs=2, log=lambda *_: None)
    return out


def _explorer_cells(path):
    cells = ["".join(c["source"]) for c in notebook_json(path)["cells"] if c["cell_type"] == "code"]
    return sum(1 for src in cells if re.search(r"^explore\(", src.strip().splitlines()[-1] if src.strip() else ""))


def test_every_notebook_has_a_page(built):
    assert NOTEBOOKS, "no notebooks"
    for path in NOTEBOOKS:
        assert (built / f"{path.stem}.html").is_file(), f"no handout for {path.name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_page_is_self_contained_and_offline(built, path):
    page = (built / f"{path.stem}.html").read_text(encoding="utf-8")
    assert len(PLOTLY_BANNER.findall(page)) == 1, f"{path.stem}: plotly.js must be embedded exactly once"
    assert not REMOTE_SCRIPT.search(page), f"{path.stem}: loads a script from the network"
    assert not REMOTE_STYLE.search(page), f"{path.stem}: loads a style sheet from the network"
    assert "<script src=\"http" not in page
    assert "application/vnd.jupyter.widget-view+json" not in page, f"{path.stem}: a live widget view is left"
    assert "Traceback" not in page and 'class="jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stderr"' not in page


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_explorers_show_their_default_state_as_interactive_plots(built, path):
    page = (built / f"{path.stem}.html").read_text(encoding="utf-8")
    n = _explorer_cells(path)
    assert page.count(build_html.STATIC_NOTE) >= n, f"{path.stem}: {n} explorers but fewer static snapshots"
    if n:
        assert page.count("Plotly.newPlot(") >= n, f"{path.stem}: explorer figures are missing"
        assert "crps-figure-description" in page, f"{path.stem}: explorer descriptions are missing"


def test_index_links_every_page_in_teaching_order(built):
    index = (built / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+\.html)"', index)
    assert links == [f"{p.stem}.html" for p in NOTEBOOKS]
    assert not REMOTE_SCRIPT.search(index)


def test_static_rendering_of_an_explorer_and_a_quiz():
    from crps_lessons.data import load_table
    from crps_lessons.quiz import show_quiz
    from crps_lessons.widgets import EXPLORERS, explore

    name = sorted(EXPLORERS)[0]
    ex = explore(name)
    out = build_html.static_widget_html(ex.widget)
    assert build_html.STATIC_NOTE in out and "Plotly.newPlot(" in out and "plotly.js v" not in out
    for control in ex.controls.values():
        assert html.escape(control.description) in out, f"control {control.description!r} missing"
    notebook = sorted(set(load_table("quiz")["notebook"]))[0]
    quiz = show_quiz(notebook)
    out = build_html.static_widget_html(quiz)
    row = quiz.questions[0].row
    assert "Check answer" not in out
    for choice in row["choices"]:
        assert html.escape(choice) in out


def test_unknown_notebook_is_named():
    with pytest.raises(ValueError, match="no notebooks named"):
        build_html.build("/tmp/unused-crps-html", only=["99_nope"], log=lambda *_: None)
