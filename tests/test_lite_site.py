"""The in-browser edition (build/lite, from `make lite`) in headless Chromium, offline: `make test-lite`.

Served on 127.0.0.1 with ``python3 -m http.server``; Chromium resolves no other host and writes a
NetLog. For every lesson (notebooks/[0-9][0-9]_*.ipynb, found on disk; explorers and quizzes found
in the page): the Pyodide kernel starts, every cell runs with no error output, every explorer's
plot is drawn, one slider move redraws its plot, a quiz answer is checked, and the answer is still
there after the page is loaded again (a new kernel, the browser's storage kept). Then: nothing the
site asked for came from another host, and Chromium opened no connection off the machine.
Not part of `make test` (it takes minutes); it fails, never skips, when the site or Chromium is missing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools import lite_browser as lb  # noqa: E402
from tools.build_lite import check_site, lessons, site_config  # noqa: E402
from tools.lite_serve import StaticServer  # noqa: E402

SITE = ROOT / "build" / "lite"
LESSONS = [nb.name for nb in lessons()]
ARTIFACTS = ROOT / "build" / "lite-test"  # outside build/lite, which every build replaces


@pytest.fixture(scope="module")
def site() -> Path:
    if not (SITE / "jupyter-lite.json").is_file():
        pytest.fail(f"{SITE} is not built: run `make lite` (make test-lite does it first)")
    return SITE


@pytest.fixture(scope="module")
def server(site):
    with StaticServer(site) as srv:
        yield srv


@pytest.fixture(scope="module")
def session(server, tmp_path_factory):
    """One Chromium (with its NetLog) and one browser context shared by every lesson."""
    from playwright.sync_api import sync_playwright

    netlog = tmp_path_factory.mktemp("netlog") / "netlog.json"
    with sync_playwright() as p:
        browser = lb.launch(p, netlog=netlog)
        page = lb.LitePage(browser, server.base_url)
        state = {"browser": browser, "page": page, "netlog": netlog, "ran": []}
        yield state
        if state["browser"] is not None:
            state["browser"].close()


def test_output_config_points_at_the_local_pyodide(site):
    kernel = site_config(site)
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.js"
    assert (site / kernel["pyodideUrl"]).is_file()
    assert kernel["disablePyPIFallback"] is True
    check_site(site)  # every lock entry's file present with its hash; every lesson and table shipped


def test_lessons_found():
    assert LESSONS, "no notebooks/[0-9][0-9]_*.ipynb"


def _source(name: str) -> str:
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    return "\n".join("".join(c.get("source", "")) for c in nb["cells"] if c.get("cell_type") == "code")


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_runs_in_the_page(name, session, server):
    lp: lb.LitePage = session["page"]
    session["ran"].append(name)
    first_request = len(lp.requests)
    timing = session.setdefault("timings", {})[name] = {"kernel_ready_s": round(lp.open(name), 1)}
    timing["run_all_s"] = round(lp.run_all(), 1)

    report = lp.outputs()
    errors = [f"cell {r['cell']}: {r['text'][:800]}" for r in report if r["kind"] == "error"]
    assert not errors, f"{name}: error output in the page:\n" + "\n".join(errors)
    assert not lp.cells_not_run(), f"{name}: code cells that did not run: {lp.cells_not_run()}"
    unrendered = [
        f"cell {r['cell']} ({r['kind']}): {r['text'][:200]}"
        for r in report
        if r["kind"] in ("widget", "plotly") and not r["ok"]
    ]
    assert not unrendered, f"{name}: outputs that did not render:\n" + "\n".join(unrendered)

    source = _source(name)
    explorers = lp.explorers()
    count = explorers.count()
    if "explore(" in source:
        assert count > 0, f"{name}: the lesson calls explore() but no .crps-explorer is in the page"
    slider_moved = False
    for i in range(count):
        explorer = explorers.nth(i)
        lb.reveal(explorer)
        problems = lb.plot_problems(explorer)
        assert not problems, f"{name}: explorer {i} not drawn: {problems}"
        if not slider_moved and explorer.locator(".widget-slider .noUi-handle").count():
            lb.move_first_slider(explorer)  # raises if the plot is not redrawn differently
            slider_moved = True
    if any(explorers.nth(i).locator(".widget-slider").count() for i in range(count)):
        assert slider_moved

    quizzes = lp.quizzes()
    if "show_quiz(" in source:
        assert quizzes.count() > 0, f"{name}: the lesson calls show_quiz() but no .crps-quiz is in the page"
    if quizzes.count():
        quiz = quizzes.first
        feedback = lb.answer_first_question(quiz)
        assert feedback.startswith(("✔ Correct", "✘ Not quite")), feedback
        asked = lb.first_question(quiz)["question"]
        quiz_cell = lp.cell_of(quiz)
        timing["reload_kernel_ready_s"] = round(lp.reload(), 1)
        lp.run_cells([lp.code_cells()[0], quiz_cell])
        assert not [r for r in lp.outputs([quiz_cell]) if r["kind"] == "error"]
        again = lb.first_question(lp.quizzes().first)
        assert again["question"] == asked
        assert "Saved from last time" in again["feedback"], f"{name}: the answer was not kept: {again}"

    elsewhere = [u for u in lp.requests[first_request:] if not u.startswith((server.base_url + "/", "blob:", "data:"))]
    assert not elsewhere, f"{name}: the page asked other hosts: {elsewhere[:10]}"


def test_kernel_environment_comes_from_the_site_config(session, site):
    """jupyterlite-pyodide-kernel 0.6.1 hands loadPyodideOptions to Pyodide, whose ``env`` sets os.environ."""
    lp: lb.LitePage = session["page"]
    if lp.name is None:
        lp.open(LESSONS[0])
    env = site_config(site)["loadPyodideOptions"]["env"]
    printed = lp.kernel_stdout(
        "import os, crps_lessons.data as d, crps_lessons.progress as p\n"
        "print(os.environ['CRPS_LESSONS_DATA'], os.environ['CRPS_LESSONS_PROGRESS'])\n"
        "print(d.data_dir(), p.progress_path())\n"
        "print(sorted(x.name for x in d.data_dir().iterdir()))"
    )
    lines = printed.strip().splitlines()
    assert lines[0] == f"{env['CRPS_LESSONS_DATA']} {env['CRPS_LESSONS_PROGRESS']}", printed
    assert lines[1] == f"{env['CRPS_LESSONS_DATA']} {env['CRPS_LESSONS_PROGRESS']}", printed
    assert lines[2] == str(sorted(p.name for p in (ROOT / "data").iterdir() if p.is_file())), printed


def test_nothing_left_the_machine(session, server):
    """Runs after the lessons (file order); on its own it opens the first lesson first."""
    lp: lb.LitePage = session["page"]
    if not session["ran"]:
        lp.open(LESSONS[0])
    session["browser"].close()  # writes the NetLog out
    session["browser"] = None
    traffic = lb.netlog_traffic(session["netlog"], server.base_url)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # For the record, never asserted (speed is make bench's).
    (ARTIFACTS / "timings.json").write_text(json.dumps(session.get("timings", {}), indent=1), encoding="utf-8")
    (ARTIFACTS / "netlog-summary.json").write_text(
        json.dumps(
            {
                **traffic,
                "tcp_remote": sorted(traffic["tcp_remote"]),
                "browser_own": sorted(set(traffic["browser_own"])),
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    assert traffic["site_requests"] > 0, "the NetLog shows no request of the site: the check would be empty"
    assert not traffic["site_elsewhere"], f"the site asked other hosts: {traffic['site_elsewhere'][:10]}"
    assert not traffic["tcp_remote"], f"Chromium connected off the machine: {sorted(traffic['tcp_remote'])}"
