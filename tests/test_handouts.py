"""Handouts (`make html`): self-contained offline HTML for every notebook, and an index in teaching order.

Built from the session's one execution of the notebooks (the ``executed`` fixture).
"""

import html
import re

import pytest
from conftest import NOTEBOOKS, shown_explorers

from crps_lessons.data import load_table
from crps_lessons.quiz import show_quiz
from crps_lessons.widgets import EXPLORERS, explore
from tools import build_html

pytestmark = pytest.mark.handouts

PLOTLY_BANNER = re.compile(r"\* plotly\.js v\d+\.\d+\.\d+")
REMOTE = re.compile(r"<(?:script|link|img|iframe)[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)


@pytest.fixture(scope="module")
def built(tmp_path_factory, executed):
    out = tmp_path_factory.mktemp("html")
    executed.prefetch(p.stem for p in NOTEBOOKS)  # the index links every lesson
    clean = [stem for stem, run in executed.items() if not run.errors]
    if clean:  # a notebook that ran with errors gets no page (its own test says why)
        build_html.build(out, only=clean, executed=executed, log=lambda *_: None)
    return out


def _page(built, path):
    page = built / f"{path.stem}.html"
    assert page.exists(), f"no handout for {path.name}: it ran with errors (see test_notebooks_execute)"
    return page.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_page_is_self_contained_and_offline(built, path):
    page = _page(built, path)
    assert len(PLOTLY_BANNER.findall(page)) == 1, f"{path.stem}: plotly.js must be embedded exactly once"
    assert not REMOTE.search(page), f"{path.stem}: loads something from the network: {REMOTE.search(page)[0]!r}"
    assert build_html.WIDGET_MIME not in page, f"{path.stem}: a live widget view is left"
    assert "Traceback" not in page, f"{path.stem}: shows a traceback"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_explorers_show_their_default_state_as_interactive_plots(built, path):
    page = _page(built, path)
    n = shown_explorers(path)
    assert page.count(build_html.STATIC_NOTE) == n, f"{path.stem}: {n} explorers shown, snapshots differ"
    assert page.count("Plotly.newPlot(") >= n, f"{path.stem}: explorer figures are missing"
    assert page.count("crps-figure-description") >= n, f"{path.stem}: explorer descriptions are missing"


def test_index_links_every_page_in_teaching_order(built):
    for path in NOTEBOOKS:
        _page(built, path)
    index = (built / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="([^"]+\.html)"', index) == [f"{p.stem}.html" for p in NOTEBOOKS]
    assert not REMOTE.search(index)


def test_static_copy_of_an_explorer_shows_its_controls_and_figure():
    ex = explore(sorted(EXPLORERS)[0])
    out = build_html.static_widget_html(ex.widget)
    assert build_html.STATIC_NOTE in out and "Plotly.newPlot(" in out and "plotly.js v" not in out
    for control in ex.controls.values():
        assert html.escape(control.description) in out, f"control {control.description!r} missing"


def test_static_copy_of_a_quiz_lists_its_choices_and_no_button():
    quiz = load_table("quiz")
    notebook = next(n for n in quiz["notebook"] if n in {p.stem for p in NOTEBOOKS})
    out = build_html.static_widget_html(show_quiz(notebook).widget)
    assert "Check answer" not in out
    choices = load_table("quiz_choices")
    for text in choices.loc[choices["quiz_id"].isin(quiz.loc[quiz["notebook"] == notebook, "quiz_id"]), "text"]:
        assert html.escape(text) in out, f"choice {text!r} missing"


def test_an_output_without_static_copy_is_refused():
    import nbformat

    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                outputs=[
                    nbformat.v4.new_output(
                        "display_data", data={build_html.WIDGET_MIME: {"model_id": "x"}, "text/plain": "w"}
                    )
                ]
            )
        ]
    )
    with pytest.raises(ValueError, match="without a static copy"):
        build_html.export(nb, "t")


def test_unknown_notebook_is_named(tmp_path):
    with pytest.raises(ValueError, match="no notebooks named"):
        build_html.build(tmp_path, only=["99_nope"], log=lambda *_: None)
