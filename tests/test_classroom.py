"""`make classroom`: bad input is refused with a clear message and leaves nothing behind; a real 2-student
class runs end to end; a second nbgitpuller pull keeps a student's own edits.

The hub runs are marked ``classroom`` (their own CI step, `make test-classroom`) and ``slow_tools``.
They hand out a snapshot of the working tree (in CI: the commit under test).
"""

import asyncio
import json
import os
import secrets
import socket
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT

from tools import classroom_checks as checks
from tools import classroom_procs as procs
from tools import classroom_student as student
from tools.classroom_hub import ClassHub, new_workdir
from tools.classroom_repo import (
    START_LESSON,
    TARGET,
    make_teacher_repo,
    pull_link_path,
    snapshot_repo,
    student_copy,
    teacher_commit,
)
from tools.lab_browser import CHROMIUM_ARGS

TOOL = [sys.executable, str(ROOT / "tools" / "classroom.py")]


def _marked_anywhere() -> set[int]:
    """Pids of every process that carries a class-run marker, whatever the run."""
    pids = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if procs.MARKER_VAR.encode() + b"=" in (entry / "environ").read_bytes():
                    pids.add(int(entry.name))
            except OSError:
                continue
    return pids


def _run_dirs() -> set[Path]:
    import tempfile

    return set(Path(tempfile.gettempdir()).glob("crps-classroom-*"))


def _refused(args, *needles):
    before_pids, before_dirs = _marked_anywhere(), _run_dirs()
    done = subprocess.run(TOOL + args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    for needle in needles:
        assert needle in done.stderr, done.stderr
    assert _marked_anywhere() <= before_pids, "a refused run left processes running"
    assert _run_dirs() <= before_dirs, "a refused run left its temporary folder"
    return done.stderr


@pytest.mark.parametrize("n", ["0", "-2", "abc", "2.5", "", "1e3"])
def test_a_class_size_that_is_not_a_positive_whole_number_is_refused(n):
    _refused(["--students", n], "STUDENTS must be a positive whole number", f"got {n!r}", "make classroom STUDENTS=")


def test_a_class_too_big_for_one_machine_points_to_zero_to_jupyterhub():
    _refused(["--students", "500"], "deploy/z2jh")


def test_a_port_in_use_is_refused():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        _refused(
            ["--students", "2", "--port", str(port)], f"port {port} on 127.0.0.1 is already in use", f"PORT={port + 1}"
        )


def test_a_missing_chromium_is_refused():
    _refused(
        ["--students", "2", "--chromium", "/nonexistent/chromium"],
        "chromium not found at /nonexistent/chromium",
        "apt-get install chromium",
    )


def test_a_missing_proxy_is_refused():
    _refused(
        ["--students", "2", "--proxy", "/nonexistent/configurable-http-proxy"],
        "configurable-http-proxy is missing",
        "npm ci",
    )


def test_make_says_when_npm_is_missing(tmp_path):
    # An empty PATH: the npm step's own check fails before anything runs (npm ci never starts).
    done = subprocess.run(
        ["/usr/bin/make", "-s", "-C", str(ROOT), "-W", "package-lock.json", "node_modules/.installed"],
        env={"PATH": str(tmp_path), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "npm is missing" in done.stdout + done.stderr and "apt-get install" in done.stdout + done.stderr


def test_make_classroom_passes_a_bad_class_size_on_as_a_clear_error():
    # -o: take the venv and the npm packages as they are (never reinstall from a test).
    done = subprocess.run(
        [
            "make",
            "-s",
            "-C",
            str(ROOT),
            "-o",
            ".venv/.installed",
            "-o",
            "node_modules/.installed",
            "classroom",
            "STUDENTS=none",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "STUDENTS must be a positive whole number" in done.stderr, done.stderr


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    return snapshot_repo(ROOT, tmp_path_factory.mktemp("handout") / "repo")


@pytest.mark.classroom
@pytest.mark.slow_tools
def test_a_two_student_class_runs_end_to_end(handout, tmp_path):
    out = tmp_path / "classroom.json"
    port = checks.free_port()
    before_dirs = _run_dirs()
    done = subprocess.run(
        [*TOOL, "--students", "2", "--port", str(port), "--repo", str(handout), "--output", str(out)],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert out.is_file(), f"no summary written (exit {done.returncode}):\n{done.stdout}\n{done.stderr[-3000:]}"
    summary = json.loads(out.read_text())
    problems = [e for s in summary["per_student"] for e in s["errors"] + s["cell_errors"]]
    assert done.returncode == 0, f"exit {done.returncode}; problems: {problems}\n{done.stdout}"
    assert summary["students"] == 2
    for key in (
        "pulled_with_nbgitpuller",
        "landed_in_start_lesson",
        "all_rendered",
        "quiz_answered",
        "stopped_cleanly",
        "temporary_files_removed",
    ):
        assert summary[key] is True, (key, problems)
    for s in summary["per_student"]:
        assert s["origin"].startswith("file://") and s["commit"] == summary["teacher_commit"]
        assert s["explorers"] >= 1 and len(s["redraw_ms"]) == 5 and s["quiz_feedback"]
        assert s["memory_mib"] > 0
    assert summary["memory_per_student_mib"] > 0 and summary["redraw_ms_p95"] > 0
    assert summary["versions"]["jupyterhub"] == summary["versions"]["jupyterhub_running"] == version("jupyterhub")
    assert summary["versions"]["nbgitpuller"] == version("nbgitpuller")
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["configurable-http-proxy"]
    assert summary["versions"]["configurable_http_proxy"] == pinned
    assert "| students" in done.stdout and "redrawn" in done.stdout, "the summary is printed as a table"
    assert not _marked_anywhere(), "processes of the class run are still running"
    assert _run_dirs() <= before_dirs


# --------------------------------------------------------------------------- a second pull

_STUDENT_NOTE = "# My own note: wind-up is the spinal cord turning the volume up."
_TEACHER_NOTE = "Teacher's update for this week."


async def _edit_open_notebook(page, note: str) -> None:
    """As a student would: insert a cell under the first one, type into it, save (JupyterLab commands)."""
    await page.evaluate(
        """async (note) => { const app = window.jupyterapp; const nb = app.shell.currentWidget.content;
             nb.activeCellIndex = 0; await app.commands.execute('notebook:insert-cell-below');
             nb.activeCell.model.sharedModel.setSource(note);
             await app.commands.execute('docmanager:save'); }""",
        note,
    )


async def _two_pulls(hub, teacher, chromium, change_teacher_copy):
    from playwright.async_api import async_playwright

    link = pull_link_path(teacher["url"], teacher["branch"])
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_ARGS,
            env=dict(os.environ, **{procs.MARKER_VAR: hub.marker}),
        )
        try:
            page = await (await browser.new_context()).new_page()
            first = await student.login_and_pull(page, hub.base_url, "student01", hub.password, link, 180)
            await asyncio.wait_for(_edit_open_notebook(page, _STUDENT_NOTE), 60)
            saved = hub.home("student01") / TARGET / START_LESSON
            for _ in range(100):
                if _STUDENT_NOTE in saved.read_text():
                    break
                await asyncio.sleep(0.1)
            change_teacher_copy()
            # The same link again, as the student clicks it next week.
            await page.goto(hub.base_url + link)
            await page.wait_for_function(
                "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
                " return !!(w && w.context && w.context.isReady && w.context.path.endsWith('00_start_here.ipynb')); }",
                timeout=180_000,
            )
            return first
        finally:
            await browser.close()


@pytest.mark.classroom
@pytest.mark.slow_tools
def test_a_second_pull_brings_the_teachers_changes_and_keeps_the_students_edits(handout):
    chromium = checks.find_browser()
    workdir = new_workdir()
    teacher = make_teacher_repo(handout, "HEAD", workdir / "teacher" / TARGET)
    lessons = sorted((teacher["path"] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    other = next(p for p in lessons if p.name != Path(START_LESSON).name)
    start = teacher["path"] / START_LESSON

    def change_teacher_copy():
        # The teacher edits the start lesson's last cell, another lesson, and adds a file.
        nb = nbformat.read(start, as_version=4)
        nb.cells[-1].source += "\n\n" + _TEACHER_NOTE
        nbformat.write(nb, start)
        nb = nbformat.read(other, as_version=4)
        nb.cells.append(nbformat.v4.new_markdown_cell(_TEACHER_NOTE))
        nbformat.write(nb, other)
        (teacher["path"] / "notebooks" / "this_week.md").write_text(_TEACHER_NOTE + "\n")
        teacher["second_commit"] = teacher_commit(teacher["path"], "This week's changes")

    hub = ClassHub(
        ["student01"],
        checks.free_port(),
        checks.find_proxy(),
        checks.find_hub_commands(),
        workdir,
        secrets.token_hex(12),
    )
    try:
        hub.start()
        first = asyncio.run(_two_pulls(hub, teacher, chromium, change_teacher_copy))
        copy = hub.home("student01") / TARGET
        assert first == f"{TARGET}/{START_LESSON}"
        mine = (copy / START_LESSON).read_text()
        assert _STUDENT_NOTE in mine, "the student's own edit was lost"
        assert _TEACHER_NOTE in mine, "the teacher's change to the same lesson did not arrive"
        nbformat.validate(nbformat.reads(mine, as_version=4))  # the merged notebook is still a notebook
        assert _TEACHER_NOTE in (copy / "notebooks" / other.name).read_text()
        assert (copy / "notebooks" / "this_week.md").is_file()
        merged = subprocess.run(["git", "merge-base", "--is-ancestor", teacher["second_commit"], "HEAD"], cwd=copy)
        assert merged.returncode == 0, "the teacher's commit is not part of the student's copy"
        assert student_copy(hub.home("student01"), teacher["url"])["pulled"]
    finally:
        left = hub.stop()
    assert not left and not workdir.exists()
