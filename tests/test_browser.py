"""Real-browser tests: every notebook in JupyterLab, in Debian's headless Chromium (Playwright).

For every notebook: open it, wait for a connected idle kernel, run all cells, wait until idle,
then assert that no cell shows an error, that every plotly figure and widget has rendered, and
that moving one control of each explorer with the keyboard changes its plot. One screenshot per
notebook goes to tests/artifacts/ (git-ignored), showing its first explorer in its default state
(and ``<stem>-failure.png`` when a check fails).

Known flake: on a heavily loaded machine a FigureWidget now and then draws empty default axes and
never updates (the front end missed its initial state). The test then prints a WARNING, keeps
``<stem>-first-attempt.png``, and retries that notebook once with a restarted kernel; a second
failure fails the test.

``make test-browser`` runs only these; ``make test`` includes them. Outside CI a missing
chromium skips with a reason; with CI=true (``.ci/run``) it fails. The harness is
tools/lab_browser.py; one JupyterLab server serves the whole session and is stopped by its pid.
"""

from __future__ import annotations

import os
import re
import sys
import time
import warnings

import pytest

from conftest import NOTEBOOKS, ROOT, notebook_json

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tools import lab_browser as lb  # noqa: E402

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts"
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
# Per-notebook time limits (s): generous, because a loaded 2-core machine is slow; the usual
# open-run-check-screenshot cycle takes about 15 s.
OPEN_TIMEOUT = 90
RUN_TIMEOUT = 180


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path():
    path = lb.find_chromium()
    if path is None:
        _unavailable("chromium is not installed (apt-get install chromium); the browser tests need Debian's chromium")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the lock file pins playwright
        _unavailable("playwright (Python) is not installed")
    with sync_playwright() as playwright:
        browser = lb.launch_chromium(playwright, chromium_path)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def lab_server(browser):
    server = lb.LabServer(ROOT / "notebooks").start()
    try:
        yield server
    finally:
        server.stop()


def _expected(path):
    """What the notebook's code promises: explorers shown, whether a quiz is shown."""
    cells = ["".join(c["source"]) for c in notebook_json(path)["cells"] if c["cell_type"] == "code"]
    shown_explorers = 0
    for src in cells:
        lines = [ln for ln in src.strip().splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        if lines and re.match(r"^explore\(", lines[-1].strip()):
            shown_explorers += 1
    has_quiz = any(re.search(r"^\s*show_quiz\(", src, re.M) for src in cells)
    return shown_explorers, has_quiz


class RenderFailure(AssertionError):
    """A widget or plot output that never drew (or drew as empty default axes)."""


def _check(page, server, path, restart_kernel=False):
    """Open, run and check one notebook on ``page``; raises on the first failed check."""
    lb.open_notebook(page, server, path.name, timeout=OPEN_TIMEOUT)
    if restart_kernel:
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()")
        lb.wait_kernel_idle(page, OPEN_TIMEOUT)
    report = lb.run_all(page, timeout=RUN_TIMEOUT)
    # The screenshot shows the first explorer in its default state (before any control moves).
    shot = lb.explorers(page).first if lb.explorers(page).count() else None
    lb.screenshot(page, ARTIFACTS / f"{path.stem}.png", shot)

    errors = [f"cell {r['cell']}: {r['text'][:500]}" for r in report if r["kind"] == "error"]
    assert not errors, f"{path.name}: cells show errors:\n" + "\n".join(errors)
    broken = [f"cell {r['cell']} output {r['index']} ({r['kind']}): {r['text'][:300]!r}"
              for r in report if r["kind"] in ("widget", "plotly") and not r["ok"]]
    if broken:
        raise RenderFailure(f"{path.name}: outputs did not render (a plot drawn as empty default axes "
                            "means a FigureWidget missed its initial state):\n" + "\n".join(broken)
                            + f"\nconsole errors: {page.console_errors[:10]}")

    n_plots = lb.plots(page).count()
    drawn = page.locator(f"{lb.PANEL} .js-plotly-plot svg.main-svg").count()
    assert drawn >= n_plots, f"{path.name}: {n_plots - drawn} plotly plots have no SVG"

    want_explorers, has_quiz = _expected(path)
    found = lb.explorers(page)
    n_explorers = found.count()
    assert n_explorers >= want_explorers, \
        f"{path.name}: {want_explorers} explorer cells but {n_explorers} explorers rendered"
    if has_quiz:
        assert page.locator(f"{lb.PANEL} .crps-quiz").count() >= 1, f"{path.name}: the quiz did not render"

    for i in range(n_explorers):
        explorer = found.nth(i)
        explorer.scroll_into_view_if_needed()
        assert explorer.locator(".js-plotly-plot svg.main-svg").count() >= 1, \
            f"{path.name}: explorer {i} shows no drawn plot"
        before = lb.plot_signature(explorer)
        what = lb.move_first_control(explorer)
        try:
            lb.wait_plot_change(explorer, before, timeout=20)
        except TimeoutError:
            raise AssertionError(f"{path.name}: explorer {i}: {what} did not change the plot") from None
    lb.wait_kernel_idle(page, 30)
    errors = lb.cell_errors(page)
    assert not errors, f"{path.name}: errors after moving controls:\n" + "\n".join(errors)



def _attempt(browser, server, path, restart_kernel=False):
    page = lb.new_page(browser)
    try:
        _check(page, server, path, restart_kernel)
    except BaseException:
        try:
            lb.screenshot(page, ARTIFACTS / f"{path.stem}-failure.png")
        except Exception:  # noqa: BLE001 - the original failure matters more
            pass
        raise
    finally:
        page.context.close()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_in_the_browser(path, browser, lab_server):
    started = time.monotonic()
    try:
        _attempt(browser, lab_server, path)
    except RenderFailure as first:
        # Seen only on a heavily loaded machine: a FigureWidget draws empty default axes and never
        # updates. Say so loudly, keep the evidence, and try once more with a restarted kernel.
        print(f"\nWARNING {path.name}: first attempt failed to render, retrying once "
              f"(screenshot {path.stem}-first-attempt.png):\n{first}")
        warnings.warn(f"{path.name}: a widget output did not render on the first attempt; retried once")
        (ARTIFACTS / f"{path.stem}.png").replace(ARTIFACTS / f"{path.stem}-first-attempt.png")
        _attempt(browser, lab_server, path, restart_kernel=True)
    print(f"{path.name}: {time.monotonic() - started:.1f} s in the browser")
