"""Printable pages (`make html`): markdown cells tagged `printable` come out as one clean page with print styles.

Lesson 10's flare plan, diary and question list are the forms; the builder writes them as
``NN_*_printable.html`` beside the lesson's handout and lists them in the index apart from the lessons.
"""

import re

import nbformat
import pytest
from lesson_text import ROOT

from tools import build_html

LESSON = ROOT / "notebooks" / "10_living_with_crps.ipynb"
FORMS = ["My flare plan", "My symptom and activity diary", "Questions to ask about a proposed treatment"]


def _lesson():
    return nbformat.read(LESSON, as_version=4)


def test_lesson_10_tags_its_three_forms_as_printable():
    cells = build_html.printable_cells(_lesson())
    titles = [re.search(r"^### (.+)$", c, re.M).group(1) for c in cells]
    assert titles == FORMS
    for source in cells:
        assert "|---|" in source, "each form has a table to fill in"
        assert "For education" in source, "each form says what it is for"


def test_the_printable_page_is_clean_and_prints_one_form_a_page():
    page = build_html.printable_html(_lesson())
    assert page.startswith("<!DOCTYPE html>") and "<title>10 · Living with CRPS: printable pages</title>" in page
    assert page.count('<section class="crps-printable-page">') == len(FORMS)
    for title in FORMS:
        assert title in page
    assert "@media print" in page and "break-after: page" in page
    assert page.count("<table>") == len(FORMS) and "<td></td>" in page, "empty cells to write in"
    assert "<script" not in page.lower() and "<img" not in page.lower(), "no scripts or images: a plain page"
    assert "show_quiz" not in page and "import " not in page, "no code"
    assert "for education only" in page.lower()


def test_a_notebook_without_printable_cells_has_no_printable_page():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 99 · Nothing to print\n\nText.")])
    assert build_html.printable_html(nb) is None


def _tiny(path, title, printable):
    cells = [nbformat.v4.new_markdown_cell(f"# {title}\n\nSome text.")]
    if printable:
        form = nbformat.v4.new_markdown_cell("### A form\n\n| Question | Answer |\n|---|---|\n| Name | |")
        form.metadata["tags"] = ["printable"]
        cells.append(form)
    nb = nbformat.v4.new_notebook(cells=cells)
    nbformat.write(nb, path)
    return build_html.Executed(path, nb, [], 0.0)


@pytest.mark.handouts
def test_build_writes_the_printable_page_and_lists_it_apart_from_the_lessons(tmp_path):
    source, out = tmp_path / "notebooks", tmp_path / "html"
    source.mkdir()
    executed = {
        "01_with_form": _tiny(source / "01_with_form.ipynb", "01 · With a form", True),
        "02_plain": _tiny(source / "02_plain.ipynb", "02 · Plain", False),
    }
    written = build_html.build(out, source=source, executed=executed, log=lambda *_: None)
    assert (out / "01_with_form_printable.html").exists() and not (out / "02_plain_printable.html").exists()
    assert out / "01_with_form_printable.html" in written and written[-1] == out / "index.html"
    index = (out / "index.html").read_text(encoding="utf-8")
    # The lesson list is unchanged (lessons only, in teaching order); the forms have their own list.
    assert re.findall(r'<a href="([^"]+\.html)"', index) == ["01_with_form.html", "02_plain.html"]
    assert re.findall(r'<a class="crps-printable" href="([^"]+)"', index) == ["01_with_form_printable.html"]
    assert "Printable pages" in index
    # A page that loses its forms loses its printable page on the next build.
    _tiny(source / "01_with_form.ipynb", "01 · With a form", False)
    executed["01_with_form"] = build_html.Executed(
        source / "01_with_form.ipynb", nbformat.read(source / "01_with_form.ipynb", as_version=4), [], 0.0
    )
    build_html.build(out, source=source, executed=executed, log=lambda *_: None)
    assert not (out / "01_with_form_printable.html").exists()
    assert "Printable pages" not in (out / "index.html").read_text(encoding="utf-8")
