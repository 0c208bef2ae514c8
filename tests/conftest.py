"""Shared test helpers: the lessons, one execution of each per session, and the browser's settings."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools import build_html  # noqa: E402
from tools import lab_browser as lb  # noqa: E402
from tools.notebook_code import busiest, code_cells, explore_calls, shown_explorers  # noqa: E402, F401

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ARTIFACTS = ROOT / "tests" / "artifacts"
# Notebooks executed at the same time by the session fixture (2 cores here; `make bench` measures it).
JOBS = int(os.environ.get("CRPS_TEST_JOBS", "2"))


def notebook_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


class Executions(Mapping):
    """Lesson stem -> its one execution (tools/build_html.Executed), made on first need; ``prefetch``
    runs several at once (``JOBS`` at a time)."""

    def __init__(self, paths: list[Path]):
        self.paths = {p.stem: p for p in paths}
        self.done: dict[str, build_html.Executed] = {}

    def prefetch(self, stems) -> None:
        wanted = set(stems)
        missing = [path for stem, path in self.paths.items() if stem in wanted and stem not in self.done]
        self.done.update(build_html.execute_all(missing, jobs=JOBS))

    def __getitem__(self, stem: str) -> build_html.Executed:
        if stem not in self.done:
            self.prefetch([stem])
        return self.done[stem]

    def __contains__(self, stem) -> bool:
        return stem in self.paths

    def __iter__(self):
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


@pytest.fixture(scope="session")
def executed(request) -> Executions:
    """Every lesson executed once per session (fresh python3 kernel each, offline, quiz progress in a
    temporary folder; tools/build_html.execute): feeds the error checks, the handouts and the
    content checks that need outputs. The lessons the selected tests name are run at once, JOBS at a
    time (all of them as soon as one selected test names none); others on first use."""
    runs = Executions(NOTEBOOKS)
    users = [item for item in request.session.items if "executed" in item.fixturenames]
    stems = set()
    for item in users:
        path = getattr(item, "callspec", None) and item.callspec.params.get("path")
        if not isinstance(path, Path):
            stems = set(runs)
            break
        stems.add(path.stem)
    runs.prefetch(stems)
    return runs


def learner_text(nb) -> str:
    """What a learner reads in an executed notebook: markdown, and every output's text (static copies of
    widgets included), with HTML tags, scripts and styles removed."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = out.get("data", {})
            parts.append(data.get("text/html") or data.get("text/markdown") or data.get("text/plain") or "")
            parts.append(out.get("text", ""))
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", "\n".join(parts), flags=re.S | re.I)  # code, not reading
    return re.sub(r"<[^>]+>", " ", text)


# --------------------------------------------------------------------------- browser (pytest-playwright)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches Debian's chromium with the flags that work in a container."""
    path = lb.find_chromium()
    if path is None:
        pytest.fail(
            "chromium is not installed: `apt-get install chromium` (Debian's package; the browser tests "
            "use it through Playwright and never download a browser)",
            pytrace=False,
        )
    headless = browser_type_launch_args.get("headless", True)
    return {**browser_type_launch_args, **lb.launch_options(path, headless=headless)}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


@pytest.fixture(scope="session", autouse=True)
def delete_output_dir(pytestconfig, request):
    """pytest-playwright empties its --output folder (tests/artifacts) when a session starts; here only when
    the session drives the browser, so a test-fast run elsewhere keeps the last browser run's evidence."""
    if any(item.get_closest_marker("browser") for item in request.session.items):
        shutil.rmtree(pytestconfig.getoption("--output"), ignore_errors=True)


FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        item.stash[FAILED] = True
    return report


# What the browser tests found that is not a failure: seconds per lesson, JupyterLab's own axe violations.
BROWSER_LOG: dict[str, dict] = {"seconds": {}, "jupyterlab_axe": {}}


def pytest_terminal_summary(terminalreporter):
    log = BROWSER_LOG
    if log["seconds"]:
        terminalreporter.section("browser: seconds per lesson ('before its test': running beside the lesson before)")
        for test_id, phases in log["seconds"].items():
            detail = ", ".join(f"{k} {v:.1f}" for k, v in phases.items())
            terminalreporter.write_line(f"{sum(phases.values()):6.1f}  {test_id}  ({detail})")
    if log["jupyterlab_axe"]:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / "axe-jupyterlab.json"
        path.write_text(json.dumps(log["jupyterlab_axe"], indent=1), encoding="utf-8")
        terminalreporter.section("axe-core: violations of JupyterLab and of libraries' markup (listed, not failing)")
        for lesson, violations in log["jupyterlab_axe"].items():
            rules = ", ".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes)" for v in violations)
            terminalreporter.write_line(f"{lesson}: {rules or 'none'}")
        terminalreporter.write_line(f"details: {path.relative_to(ROOT)}")
