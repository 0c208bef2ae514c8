"""Load test: issue 10's busy machine, measured instead of asserted.

Three CPU-bound processes (``python3 -c "while True: pass"``) run beside a JupyterLab in headless
Chromium (tools/lab_browser.py) while the lesson with the most explorers (most ``explore(`` calls,
tools/notebook_code.py) is opened, run and checked, ``runs`` times in a row, each time as a new
user following a Binder link would: a fresh page opened straight at the lesson. Per run and
in total: explorers shown, explorers whose plot is still blank (not drawn with its traces and title)
a generous ``render_limit_s`` after the last cell ran, and drawn explorers that did not answer one
key press on their first control. The blank count is what issue 10 reported (an explorer drawing
empty default axes while its readout was right).

Also runnable against another checkout (the "before" figure of the issue's closing note), with that
checkout's own venv, so that its kernels import its own package::

    /tmp/before/.venv/bin/python benchmarks/run.py --parts load --notebooks-dir /tmp/before/notebooks

Explorer traces are not required to carry ``meta.role`` here (older explorers had none): a plot
counts as drawn when it has traces with points, a title and SVG trace groups.
"""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_load(
    notebooks_dir: Path | None = None,
    runs: int = 3,
    hogs: int = 3,
    render_limit_s: float = 60,
    answer_limit_s: float = 30,
) -> dict:
    from playwright.sync_api import sync_playwright

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tools import lab_browser as lb
    from tools.notebook_code import busiest, explore_calls

    notebooks_dir = Path(notebooks_dir or ROOT / "notebooks")
    paths = sorted(notebooks_dir.glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        raise ValueError(f"no lesson notebooks in {notebooks_dir}")
    (lesson,) = busiest(paths, places=1)
    per_run = []
    started = time.perf_counter()
    # The machine is busy from the start: server, browser and kernels all start beside the hogs.
    with lb.busy_machine(hogs) as pids, lb.LabServer(notebooks_dir) as server, sync_playwright() as p:
        browser = lb.launch_chromium(p)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                try:
                    per_run.append(
                        _one_run(lb, lb.Lab(context.new_page(), server), lesson.name, render_limit_s, answer_limit_s)
                    )
                finally:
                    context.close()
        finally:
            browser.close()
    shown = sum(r["explorers"] for r in per_run)
    return {
        "how": (
            f"{hogs} CPU-bound processes beside JupyterLab + headless Chromium; the lesson with the most "
            f"explore( calls opened in a fresh page, run, checked, {runs} times; a plot still blank "
            f"{render_limit_s:.0f} s after the last cell ran counts as blank; one key press per drawn explorer"
        ),
        "notebooks_dir": str(notebooks_dir),
        "lesson": lesson.stem,
        "explore_calls": explore_calls(lesson),
        "cpu_hogs": len(pids),
        "runs": per_run,
        "explorers_shown": shown,
        "blank_plots": sum(r["blank"] for r in per_run),
        "no_answer": sum(r["no_answer"] for r in per_run),
        "wall_s": round(time.perf_counter() - started, 1),
    }


def _screenshot(locator, stem: str) -> str:
    """A PNG of one blank explorer, as evidence for whoever looks into it (build/ is git-ignored)."""
    path = ROOT / "build" / "load" / f"{stem}-{time.strftime('%H%M%S')}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    locator.scroll_into_view_if_needed()
    locator.screenshot(path=str(path))
    return str(path)


def _one_run(lb, lab, name: str, render_limit_s: float, answer_limit_s: float, late_limit_s: float = 120) -> dict:
    t0 = time.perf_counter()
    notebook = lab.load_at(name, timeout=180)
    try:
        notebook.run_all(timeout=600)
        ran = time.perf_counter() - t0
        with contextlib.suppress(AssertionError):  # counted below, explorer by explorer
            notebook.wait_rendered(timeout=render_limit_s, roles=False)
        explorers = notebook.explorers()
        blank, no_answer, problems, shots = 0, 0, [], []
        for i in range(explorers.count()):
            explorer = explorers.nth(i)
            why = lb.plot_problems(explorer, roles=False)
            if why:
                blank += 1
                problems.append(f"explorer {i + 1}: {why}")
                shots.append(_screenshot(explorer, f"{name.removesuffix('.ipynb')}-explorer{i + 1}"))
                continue
            try:
                lb.move_first_control(explorer, timeout=answer_limit_s)
                notebook.wait_kernel_idle(120)
            except AssertionError as exc:
                no_answer += 1
                problems.append(f"explorer {i + 1}: {exc}")
        # Slow or never? A blank plot is watched a while longer (the count above stays what it was).
        late = None
        if blank:
            try:
                notebook.wait_rendered(timeout=late_limit_s, roles=False)
                late = "drawn later"
            except AssertionError:
                late = f"still blank {late_limit_s:.0f} s later"
        return {
            "blank_later": late,
            "screenshots": shots,
            "explorers": explorers.count(),
            "blank": blank,
            "no_answer": no_answer,
            "errors": notebook.errors(),
            "problems": problems,
            "run_s": round(ran, 1),
            "total_s": round(time.perf_counter() - t0, 1),
        }
    finally:
        notebook.close()
