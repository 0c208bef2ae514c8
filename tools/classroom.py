"""`make classroom STUDENTS=N`: a real JupyterHub class on this machine, used by N browsers at once, measured.

What it does, in order:
  1. checks its input and tools (class size, port, configurable-http-proxy, chromium, git);
  2. clones the repository (``--repo``, at ``--ref``) into a temporary teacher's copy: the
     repository the nbgitpuller link points at;
  3. starts JupyterHub on 127.0.0.1 (tools/classroom_hub.py) with accounts student01..N;
  4. N headless Chromium sessions at once (tools/classroom_student.py): log in with the link as
     the next page (nbgitpuller clones the collection into each home and opens the start lesson),
     open the lesson with the most slider explorers and a quiz (tools/classroom_lesson.py), run
     it, check every explorer drew its plot, time slider key press to redrawn plot ``--presses``
     times, move every other explorer's first control, answer the first quiz question;
  5. measures memory per student (single-user server + kernel, resident) with everyone still in;
  6. stops every process of the run by pid, removes every temporary file, writes the summary
     (``--output``, default benchmarks/classroom.json) and prints it as a table.

Exit status: 0 when every student pulled, landed, saw every explorer render and answer and
answered the quiz; 1 when the run finished but something failed (the table says what); 2 on bad
input or a missing tool (the message says what is wrong and how to fix it).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as _dt
import json
import os
import secrets
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools import classroom_checks as checks  # noqa: E402
from tools import classroom_procs as procs  # noqa: E402
from tools import classroom_student as student  # noqa: E402
from tools.classroom_hub import ClassHub, new_workdir, tool_versions  # noqa: E402
from tools.classroom_lesson import choose_lesson, describe_lesson, explorers_with_sliders  # noqa: E402
from tools.classroom_repo import TARGET, make_teacher_repo, pull_link_path, student_copy  # noqa: E402
from tools.classroom_report import format_table, ok, summarise  # noqa: E402
from tools.lab_browser import CHROMIUM_ARGS  # noqa: E402

DEFAULT_OUTPUT = ROOT / "benchmarks" / "classroom.json"
# Many pages at once in one browser: keep every page's timers and rendering at full speed.
EXTRA_CHROMIUM_ARGS = [
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]


def student_names(n: int) -> list[str]:
    return [f"student{i:02d}" for i in range(1, n + 1)]


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _new_result(name: str) -> dict:
    return {
        "name": name,
        "pulled": False,
        "landed": False,
        "opened": None,
        "explorers": 0,
        "explorers_expected": None,
        "rendered": 0,
        "answered": 0,
        "controls": [],
        "redraw_ms": [],
        "quiz_feedback": None,
        "progress_saved": False,
        "memory_mib": None,
        "cell_errors": [],
        "errors": [],
    }


async def _phase(results: dict, live: list[str], what: str, fn, pages: dict, shots: Path | None) -> list[str]:
    """Run ``fn(name)`` for every live student at once; a student whose step fails is dropped from
    later phases, with the error recorded (and a screenshot in ``shots``, if given). Returns the
    students still live."""
    outcomes = await asyncio.gather(*(fn(name) for name in live), return_exceptions=True)
    still = []
    for name, outcome in zip(live, outcomes, strict=True):
        if isinstance(outcome, BaseException):
            results[name]["errors"].append(f"{what}: {type(outcome).__name__}: {str(outcome).splitlines()[0][:400]}")
            if shots is not None:
                shots.mkdir(parents=True, exist_ok=True)
                await pages[name].screenshot(path=str(shots / f"{name}-{what.replace(' ', '-')}.png"))
        else:
            still.append(name)
    return still


async def drive_class(
    hub: ClassHub, teacher: dict, lesson: dict, chromium: str, presses: int, shots: Path | None = None
) -> tuple[list[dict], dict]:
    """Every student's session, all at once, phase by phase; returns the per-student results and the
    memory measured while everyone was still in (see ClassHub.memory_mib)."""
    from playwright.async_api import async_playwright

    names = hub.students
    n = len(names)
    slow = 120 + 15 * n  # seconds for a step that every student's kernel and browser do at once
    step = 30 + 3 * n  # seconds for one control move or one quiz answer
    results = {name: _new_result(name) for name in names}
    pages = {}
    link = pull_link_path(teacher["url"], teacher["branch"])
    lesson_path = f"{TARGET}/notebooks/{lesson['file']}"
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_ARGS + EXTRA_CHROMIUM_ARGS,
            env=dict(os.environ, **{procs.MARKER_VAR: hub.marker}),
        )
        try:
            for name in names:
                context = await browser.new_context(viewport={"width": 1400, "height": 1000})
                context.set_default_timeout(slow * 1000)
                pages[name] = await context.new_page()

            async def land(name):
                path = await student.login_and_pull(pages[name], hub.base_url, name, hub.password, link, slow)
                results[name]["landed"] = path == f"{TARGET}/notebooks/00_start_here.ipynb"
                results[name].update(student_copy(hub.home(name), teacher["url"]))
                if not results[name]["landed"]:
                    raise AssertionError(f"the link opened {path!r}, not the start lesson")

            async def run_lesson(name):
                page = pages[name]
                await student.close_current(page)  # leave one kernel per student: the lesson's
                await student.open_notebook(page, lesson_path, slow)
                results[name]["opened"] = lesson["file"]
                results[name]["cell_errors"] = await student.run_all(page, slow)

            drawn: dict[str, list[bool]] = {}

            async def render(name):
                found = student.explorers(pages[name])
                results[name]["explorers"] = await found.count()
                results[name]["explorers_expected"] = len(lesson["explorers"])  # explore(...) calls in the lesson
                drawn[name] = [await student.wait_rendered(found.nth(i), step) for i in range(await found.count())]
                results[name]["rendered"] = sum(drawn[name])
                for i, ok in enumerate(drawn[name]):
                    if not ok and shots is not None:  # what the student saw instead of the plot
                        shots.mkdir(parents=True, exist_ok=True)
                        await found.nth(i).screenshot(path=str(shots / f"{name}-explorer{i + 1}-not-drawn.png"))

            async def redraw(name):
                page = pages[name]
                found = student.explorers(page)
                # Time the first explorer with a slider that drew its plot (one that did not is already
                # counted as not rendered; it would never redraw).
                with_slider = [
                    i for i, ok in enumerate(drawn[name]) if ok and await found.nth(i).locator(".widget-slider").count()
                ]
                if not with_slider:
                    raise LookupError("no explorer with a slider drew its plot")
                timed = found.nth(with_slider[0])
                for _ in range(presses):
                    results[name]["redraw_ms"].append(round(await student.time_slider(timed, step), 1))
                    await student.wait_kernel_idle(page, step)
                    await asyncio.sleep(0.3)  # a learner looks at the plot before the next step
                results[name]["answered"] += 1
                # Every other explorer: its first control, once.
                for i in range(await found.count()):
                    if i == with_slider[0]:
                        continue
                    results[name]["controls"].append(await student.move_first_control(found.nth(i), step))
                    results[name]["answered"] += 1
                    await student.wait_kernel_idle(page, step)

            async def quiz(name):
                results[name]["quiz_feedback"] = await student.answer_first_question(pages[name], step)
                progress = hub.home(name) / ".crps_lessons" / "progress.json"
                deadline = time.monotonic() + step
                while not progress.is_file() and time.monotonic() < deadline:
                    await asyncio.sleep(0.2)
                results[name]["progress_saved"] = progress.is_file() and bool(json.loads(progress.read_text()))

            live = list(names)
            for what, fn in (
                ("log in and pull", land),
                ("run the lesson", run_lesson),
                ("render", render),
                ("move the controls", redraw),
                ("answer the quiz", quiz),
            ):
                live = await _phase(results, live, what, fn, pages, shots)
            memory = hub.memory_mib()  # everyone still logged in, every lesson kernel alive
            for name in names:
                results[name]["memory_mib"] = memory["students"][name]
        finally:
            await browser.close()
    return [results[name] for name in names], memory


def run_class(
    students: int,
    port: int,
    *,
    repo: Path = ROOT,
    ref: str = "HEAD",
    lesson: str | None = None,
    chromium: str | None = None,
    proxy: str | None = None,
    presses: int = 5,
    screenshots: Path | None = None,
) -> dict:
    """One class run (see module doc); returns the summary. Raises SetupError on bad input."""
    n = checks.student_count(students)
    port = checks.port_number(port)
    if presses < 1:
        raise checks.SetupError(f"--presses must be at least 1, got {presses}")
    commands = checks.find_hub_commands()
    proxy = checks.find_proxy(proxy)
    browser = checks.find_browser(chromium)
    checks.check_port_free(port)

    t0 = time.perf_counter()
    load_start = _load()
    workdir = new_workdir()
    hub = ClassHub(student_names(n), port, proxy, commands, workdir, secrets.token_hex(12), spawn_timeout=120 + 15 * n)
    left: list = []
    try:
        teacher = make_teacher_repo(Path(repo), ref, workdir / "teacher" / TARGET)
        if lesson:
            chosen = describe_lesson(teacher["path"], lesson)
        else:
            chosen = choose_lesson(teacher["path"], explorers_with_sliders(teacher["path"]))
        hub.start()
        hub_version = hub.version()
        per_student, memory = asyncio.run(drive_class(hub, teacher, chosen, browser, presses, screenshots))
    finally:
        left = hub.stop()
    versions = tool_versions(proxy)
    versions["jupyterhub_running"] = hub_version
    summary = summarise(
        per_student,
        memory,
        {
            "lesson": chosen["file"],
            "versions": versions,
            "teacher_commit": teacher["commit"],
            "hub": "JupyterHub on 127.0.0.1 (SharedPasswordAuthenticator, SimpleLocalProcessSpawner), "
            "one headless Chromium context per student, all at once",
            "cpu_count": os.cpu_count(),
            "load_average_start": load_start,
            "load_average_end": _load(),
            "date_utc": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "wall_s": round(time.perf_counter() - t0, 1),
            "stopped_cleanly": not left,
            "temporary_files_removed": not workdir.exists(),
        },
    )
    if left:
        summary["left_running"] = [f"{p.pid} {p.name}" for p in left]
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__
    )
    ap.add_argument("--students", default="2", help=f"class size N, 1 to {checks.MAX_STUDENTS} (default 2)")
    ap.add_argument("--port", default="8765", help="the hub's port on 127.0.0.1 (default 8765)")
    ap.add_argument("--lesson", default=None, help="lesson file in notebooks/ (default: chosen by content)")
    ap.add_argument("--ref", default="HEAD", help="commit or branch of --repo to hand out (default HEAD)")
    ap.add_argument("--repo", default=str(ROOT), help="git repository to hand out (default: this one)")
    ap.add_argument("--chromium", default=None, help="chromium executable (default: $CHROMIUM or PATH)")
    ap.add_argument("--proxy", default=None, help="configurable-http-proxy (default: node_modules/.bin/, from npm ci)")
    ap.add_argument("--presses", type=int, default=5, help="timed slider key presses per student (default 5)")
    ap.add_argument("--output", default=str(DEFAULT_OUTPUT), help="where to write the JSON summary")
    ap.add_argument("--screenshots", default=None, help="folder for a screenshot of each student step that fails")
    args = ap.parse_args(argv)

    # A stop request (Ctrl-C, SIGTERM, SIGHUP) unwinds through the clean-up like any error.
    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, interrupt)
    try:
        summary = run_class(
            args.students,
            args.port,
            repo=Path(args.repo),
            ref=args.ref,
            lesson=args.lesson,
            chromium=args.chromium,
            proxy=args.proxy,
            presses=args.presses,
            screenshots=Path(args.screenshots) if args.screenshots else None,
        )
    except (checks.SetupError, FileNotFoundError) as exc:
        print(f"make classroom: {exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:  # e.g. the collection does not import at --ref; everything was stopped
        print(f"make classroom: {exc}", file=sys.stderr)
        return 1
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(format_table(summary))
    print(f"\nWritten: {out}")
    return 0 if ok(summary) and summary["stopped_cleanly"] and summary["temporary_files_removed"] else 1


if __name__ == "__main__":
    sys.exit(main())
