"""Which lesson the class runs: chosen by what the lessons contain, never by a file name.

The chosen lesson is the one with the most ``explore("...")`` calls of explorers that have a slider,
among the lessons that also call ``show_quiz(``; ties go to the larger number of explorers, then to
the earlier lesson. Which explorers have a slider is asked of the collection itself (its public
``explore(name).controls``), in a fresh Python with the teacher's copy first on the path.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

_EXPLORE = re.compile(r"""\bexplore\(\s*["']([A-Za-z0-9_]+)["']""")
_QUIZ = re.compile(r"\bshow_quiz\(")

_SLIDER_SCRIPT = """
import json
import ipywidgets as w
from crps_lessons.lesson import EXPLORERS, explore
sliders = (w.IntSlider, w.FloatSlider, w.FloatLogSlider, w.SelectionSlider, w.IntRangeSlider,
           w.FloatRangeSlider, w.SelectionRangeSlider)
print(json.dumps({name: any(isinstance(c, sliders) for c in explore(name).controls.values())
                  for name in sorted(EXPLORERS)}))
"""


def code_of(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def explorers_with_sliders(repo: Path, python: str = sys.executable) -> dict[str, bool]:
    """``{explorer name: has a slider}`` for every explorer the collection in ``repo`` registers."""
    env = dict(os.environ, PYTHONPATH=str(repo))
    done = subprocess.run(
        [python, "-c", _SLIDER_SCRIPT], cwd=repo, env=env, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"could not list the explorers of {repo} (is the collection importable at this "
            f"commit?):\n{done.stderr.strip()[-2000:]}"
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def choose_lesson(repo: Path, sliders: dict[str, bool]) -> dict:
    """The lesson the class runs (see module doc): ``{"file", "explorers", "slider_explorers"}``."""
    best = None
    for nb in sorted((repo / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        code = code_of(nb)
        if not _QUIZ.search(code):
            continue
        names = _EXPLORE.findall(code)
        with_slider = [n for n in names if sliders.get(n)]
        key = (len(with_slider), len(names))
        if with_slider and (best is None or key > best[0]):
            best = (key, {"file": nb.name, "explorers": names, "slider_explorers": with_slider})
    if best is None:
        raise RuntimeError(
            f"no lesson in {repo / 'notebooks'} has both a quiz (show_quiz) and an explorer "
            f"with a slider; pass one with --lesson"
        )
    return best[1]


def describe_lesson(repo: Path, name: str) -> dict:
    """The same description for a lesson named with ``--lesson`` (a file in ``notebooks/``)."""
    nb = repo / "notebooks" / name
    if not nb.is_file():
        choices = ", ".join(p.name for p in sorted((repo / "notebooks").glob("[0-9][0-9]_*.ipynb")))
        raise FileNotFoundError(f"--lesson {name!r} is not a notebook of the collection; choose one of: {choices}")
    return {"file": name, "explorers": _EXPLORE.findall(code_of(nb)), "slider_explorers": None}
