"""The README and the start notebook keep the lesson map true: every notebook listed, same times."""

import re

from conftest import NOTEBOOKS, ROOT, notebook_json

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _time_in_notebook(path):
    text = "".join("".join(c["source"]) for c in notebook_json(path)["cells"][:3])
    m = re.search(r"Time:?\**\s*(?:about\s+)?(\d+)\s*min", text, re.I)
    assert m, f"{path.name}: no 'Time: about NN min' near the top"
    return int(m.group(1))


def test_readme_maps_every_notebook_with_its_time():
    for path in NOTEBOOKS:
        row = re.search(rf"^\|\s*{path.stem[:2]}\s*\|.*\(notebooks/{re.escape(path.name)}\).*\|\s*(\d+) min\s*\|",
                        README, re.M)
        assert row, f"README lesson map lacks {path.name}"
        assert int(row.group(1)) == _time_in_notebook(path), f"README time for {path.name} differs from the notebook"


def test_start_notebook_maps_every_lesson_with_its_time():
    start = ROOT / "notebooks" / "00_start_here.ipynb"
    text = "".join("".join(c["source"]) for c in notebook_json(start)["cells"])
    for path in NOTEBOOKS:
        if path.stem.startswith("00_"):
            continue
        row = re.search(rf"\]\({re.escape(path.name)}\)\s*\|\s*(\d+) min", text)
        assert row, f"start notebook lesson map lacks {path.name}"
        assert int(row.group(1)) == _time_in_notebook(path), f"start-notebook time for {path.name} differs"


def test_readme_gives_the_two_commands_and_the_disclaimer():
    assert "make lab" in README and "make test" in README
    assert "mybinder.org/v2/gh/" in README and "urlpath=lab/tree/notebooks/00_start_here.ipynb" in README
    assert "not medical advice" in README


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci and "chromium" in ci
