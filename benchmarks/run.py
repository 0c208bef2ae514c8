"""`make bench`: the performance figures of crps-lessons, printed and written to benchmarks/results.json.

Parts (all by default):
  kernel     every explorer in EXPLORERS: one control change in place vs the naive re-render,
             in a fresh real ipykernel (see benchmarks/kernel_bench.py for exactly what is timed)
  browser    slider key press to plot redrawn in JupyterLab + headless Chromium, wind-up and
             glial-loop explorers and a naive interact wind-up (benchmarks/browser_bench.py)
  notebooks  wall time to execute each notebooks/*.ipynb headless, and all of them
  startup    fresh process to first explorer rendered; import crps_lessons vs its dependencies
  classroom  a real JupyterHub class at 2, 4, 10 and 20 students, one headless Chromium session each
             (benchmarks/classroom_bench.py, tools/classroom.py; several minutes)
  lite       the in-browser edition (build/lite, make lite): kernel ready, Run All per lesson,
             slider-to-redraw in the page, site and first-visit size (benchmarks/lite_bench.py)
  load       issue 10's busy machine: 3 CPU hogs, the lesson with the most explorers in the browser,
             blank plots counted (benchmarks/load_bench.py; --notebooks-dir for another checkout)

Usage:
  python benchmarks/run.py                       # everything, writes benchmarks/results.json
  python benchmarks/run.py --parts kernel,startup --explorers windup,mg_block
  python benchmarks/run.py --smoke --output /tmp/r.json   # seconds: harness check, figures meaningless

Exit status 0 even when a target is missed (the table says which); 2 on bad arguments.
The tests never time anything; only this script does.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.report import TARGETS, evaluate_targets, format_report  # noqa: E402

PARTS = ("kernel", "browser", "notebooks", "startup", "load", "classroom", "lite")
DEFAULT_OUTPUT = ROOT / "benchmarks" / "results.json"


def _log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def machine_info() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    for pkg in ("numpy", "pandas", "plotly", "ipywidgets", "anywidget", "jupyterlab", "ipykernel", "playwright"):
        try:
            versions[pkg] = version(pkg)
        except PackageNotFoundError:
            versions[pkg] = None
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date_utc": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "load_average_start": _load(),
        "versions": versions,
    }


def _load() -> list | None:
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None


def collect(
    parts=PARTS,
    explorers: list[str] | None = None,
    steps: int = 50,
    naive_steps: int = 20,
    repeats: int = 20,
    startup_repeats: int = 5,
    in_process: bool = False,
    registry: dict | None = None,
    notebooks: list[Path] | None = None,
    notebooks_dir: Path | None = None,
    load_runs: int = 3,
    load_hogs: int = 3,
) -> dict:
    """Run the chosen parts and return the results dictionary (what results.json holds)."""
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        raise ValueError(f"unknown part(s) {unknown}; parts are: {', '.join(PARTS)}")
    results: dict = {
        "command": "make bench  (= .venv/bin/python benchmarks/run.py)",
        "machine": machine_info(),
        "parts": list(parts),
        "targets_definition": TARGETS,
    }
    t_all = time.perf_counter()
    load: dict = {}
    results["machine"]["load_average_before_part"] = load
    if "kernel" in parts:
        load["kernel"] = _load()
        _log(f"kernel: {'in this process' if in_process else 'fresh ipykernel'}, {steps} moves per control")
        if in_process:
            from benchmarks.kernel_bench import run_kernel_bench

            results["kernel"] = run_kernel_bench(explorers, steps=steps, naive_steps=naive_steps, registry=registry)
        else:
            if registry is not None:
                raise ValueError("a custom registry needs in_process=True")
            from benchmarks.kernel_runner import run_in_kernel

            results["kernel"] = run_in_kernel(explorers, steps, naive_steps=naive_steps)
    if "browser" in parts:
        load["browser"] = _load()
        _log(f"browser: JupyterLab + headless Chromium, {repeats} presses per slider")
        from benchmarks.browser_bench import run_browser

        try:
            results["browser"] = run_browser(repeats=repeats)
        except Exception as exc:  # report and go on: the other parts still mean something
            results["browser"] = {"error": f"{type(exc).__name__}: {str(exc)[:1500]}"}
    if "notebooks" in parts:
        from benchmarks.notebook_bench import notebook_paths, run_notebooks

        paths = notebook_paths() if notebooks is None else notebooks
        load["notebooks"] = _load()
        _log(f"notebooks: executing {len(paths)} notebook(s) headless")
        results["notebooks"] = run_notebooks(paths)
    if "startup" in parts:
        from benchmarks.startup_bench import run_startup
        from crps_lessons.widgets import EXPLORERS

        first = "windup" if "windup" in EXPLORERS else (sorted(EXPLORERS)[0] if EXPLORERS else None)
        if first is None:
            results["startup"] = {"skipped": "no explorer registered"}
        else:
            load["startup"] = _load()
            _log(f"startup: fresh processes, first explorer {first!r}")
            results["startup"] = run_startup(first, repeats=startup_repeats)
    if "load" in parts:
        from benchmarks.load_bench import run_load

        load["load"] = _load()
        _log(f"load: {load_hogs} CPU hogs, lesson with the most explorers, {load_runs} runs")
        try:
            results["load"] = run_load(notebooks_dir, runs=load_runs, hogs=load_hogs)
        except Exception as exc:  # report and go on, like the browser part
            results["load"] = {"error": f"{type(exc).__name__}: {str(exc)[:1500]}"}
    if "lite" in parts:
        from benchmarks.lite_bench import run_lite

        load["lite"] = _load()
        _log("lite: build/lite in headless Chromium, every lesson")
        try:
            results["lite"] = run_lite(repeats=min(repeats, 10))
        except Exception as exc:  # report and go on, like the browser part
            results["lite"] = {"error": f"{type(exc).__name__}: {str(exc)[:1500]}"}
    if "classroom" in parts:
        from benchmarks.classroom_bench import SIZES, run_classroom_bench

        load["classroom"] = _load()
        _log(f"classroom: JupyterHub on 127.0.0.1 with {SIZES} students")
        results["classroom"] = run_classroom_bench(SIZES)
    results["machine"]["load_average_end"] = _load()
    results["wall_s"] = round(time.perf_counter() - t_all, 1)
    results["targets"] = evaluate_targets(results)
    measured = [t["pass"] for t in results["targets"] if t["pass"] is not None]
    results["all_targets_pass"] = bool(measured) and all(measured) and len(measured) == len(results["targets"])
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated subset of {','.join(PARTS)}")
    ap.add_argument("--explorers", default=None, help="comma-separated explorer names (default: all in EXPLORERS)")
    ap.add_argument("--steps", type=int, default=50, help="moves per control in the kernel part (default 50)")
    ap.add_argument(
        "--naive-steps", type=int, default=20, help="of those, moves per control also timed the naive way (default 20)"
    )
    ap.add_argument("--repeats", type=int, default=20, help="key presses per slider in the browser (default 20)")
    ap.add_argument(
        "--in-process",
        action="store_true",
        help="kernel part in this process instead of a fresh ipykernel (no comm: faster than real)",
    )
    ap.add_argument(
        "--smoke",
        action="store_true",
        help="harness check: kernel part only, in process, 2 moves per control, first explorer",
    )
    ap.add_argument(
        "--output", default=str(DEFAULT_OUTPUT), help="where to write the JSON (default benchmarks/results.json)"
    )
    ap.add_argument(
        "--notebooks-dir", default=None, help="load part: the lessons of another checkout (default notebooks/)"
    )
    ap.add_argument("--load-runs", type=int, default=3, help="load part: runs of the lesson under load (default 3)")
    ap.add_argument("--load-hogs", type=int, default=3, help="load part: CPU-bound processes (default 3, issue 10)")
    args = ap.parse_args(argv)

    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    explorers = [e.strip() for e in args.explorers.split(",")] if args.explorers else None
    steps, in_process = args.steps, args.in_process
    if args.smoke:
        from crps_lessons.widgets import EXPLORERS

        parts = ["kernel"]
        explorers = explorers or sorted(EXPLORERS)[:1]
        steps, in_process = 2, True
    if any(p not in PARTS for p in parts):
        ap.error(f"--parts: choose from {', '.join(PARTS)}")
    if steps < 2:
        ap.error("--steps must be at least 2")
    results = collect(
        parts,
        explorers,
        steps=steps,
        naive_steps=min(args.naive_steps, steps),
        repeats=args.repeats,
        in_process=in_process,
        notebooks_dir=Path(args.notebooks_dir) if args.notebooks_dir else None,
        load_runs=args.load_runs,
        load_hogs=args.load_hogs,
    )
    if args.smoke:
        results["smoke"] = True
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(format_report(results))
    if "classroom" in results:
        from benchmarks.classroom_bench import format_classroom

        print("\n" + format_classroom(results["classroom"]))
    if "lite" in results:
        from benchmarks.lite_bench import format_lite

        print("\n" + format_lite(results["lite"]))
    print(f"\nWritten: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
