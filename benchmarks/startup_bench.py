"""Fresh-process timings: first explorer on screen, and import cost of the package vs its dependencies.

Each measure runs in a new ``python -c`` process (cold module cache in the interpreter; the OS file
cache is warm after the first run, as it is for a learner re-opening a lesson). The clock starts
inside the process before the first import, so interpreter start-up (about 20 ms) is excluded;
the process wall time is recorded too.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FIRST_EXPLORER = """
import json, time
t0, c0 = time.perf_counter(), time.process_time()
from crps_lessons.lesson import explore
t1 = time.perf_counter()
ex = explore({name!r})
bundle = ex._repr_mimebundle_()
t2 = time.perf_counter()
assert bundle
print(json.dumps({{"import_s": t1 - t0, "first_figure_s": t2 - t1, "total_s": t2 - t0,
                  "total_cpu_s": time.process_time() - c0}}))
"""

IMPORT_ONLY = """
import json, time
t0, c0 = time.perf_counter(), time.process_time()
import {modules}
print(json.dumps({{"total_s": time.perf_counter() - t0, "total_cpu_s": time.process_time() - c0}}))
"""


def _run(code: str, python: str = sys.executable) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.run([python, "-c", code], capture_output=True, text=True, cwd=str(ROOT), timeout=120)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"startup benchmark process failed:\n{proc.stderr[-2000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["process_wall_s"] = wall
    return out


def _median(runs: list[dict]) -> dict:
    return {k: round(statistics.median(r[k] for r in runs), 3) for k in runs[0]}


WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def kernel_first_explorer(explorer: str, repeats: int = 3) -> dict:
    """In a fresh python3 ipykernel (started and idle, not timed): from executing the lesson's first
    cell ``from crps_lessons.lesson import explore`` + ``explore(name)`` to the explorer's display
    message arriving at the client (what the front end then draws)."""
    from jupyter_client.manager import start_new_kernel

    code = f"from crps_lessons.lesson import explore\nexplore({explorer!r})"
    runs = []
    for _ in range(repeats):
        km, kc = start_new_kernel(kernel_name="python3", cwd=str(ROOT))
        try:
            shown: list[float] = []
            errors: list[str] = []

            def hook(msg, shown=shown, errors=errors):
                kind = msg["header"]["msg_type"]
                if kind in ("execute_result", "display_data") and WIDGET_MIME in msg["content"].get("data", {}):
                    shown.append(time.perf_counter())
                elif kind == "error":
                    errors.append(msg["content"].get("evalue", ""))

            t0 = time.perf_counter()
            kc.execute_interactive(code, timeout=180, output_hook=hook)
            t_idle = time.perf_counter()
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        if errors or not shown:
            raise RuntimeError(f"first explorer in a fresh kernel failed: {errors or 'no widget display'}")
        runs.append({"to_display_s": shown[0] - t0, "to_idle_s": t_idle - t0})
    return {
        "explorer": explorer,
        "what": f"fresh ipykernel: execute {code!r} until its widget display message",
        "repeats": repeats,
        **_median(runs),
    }


def run_startup(explorer: str, repeats: int = 5, python: str = sys.executable, kernel_repeats: int = 3) -> dict:
    _run(IMPORT_ONLY.format(modules="crps_lessons.lesson"), python)  # warm the OS file cache, not counted
    first = [_run(FIRST_EXPLORER.format(name=explorer), python) for _ in range(repeats)]
    pkg = [_run(IMPORT_ONLY.format(modules="crps_lessons.lesson"), python) for _ in range(repeats)]
    deps = [_run(IMPORT_ONLY.format(modules="pandas, plotly, ipywidgets"), python) for _ in range(repeats)]
    deps_go = [
        _run(IMPORT_ONLY.format(modules="pandas, plotly.graph_objects, ipywidgets"), python) for _ in range(repeats)
    ]
    pkg_m, deps_m = _median(pkg), _median(deps)
    kernel = kernel_first_explorer(explorer, kernel_repeats) if kernel_repeats else None
    return {
        "how": f"median of {repeats} fresh `python -c` processes; clock starts before the first import",
        "first_explorer_in_fresh_kernel": kernel,
        "first_explorer": {
            "explorer": explorer,
            "what": "from crps_lessons.lesson import explore; explore(name)._repr_mimebundle_()",
            **_median(first),
        },
        "import_crps_lessons_lesson_s": pkg_m["total_s"],
        "import_crps_lessons_lesson_cpu_s": pkg_m["total_cpu_s"],
        "import_pandas_plotly_ipywidgets_s": deps_m["total_s"],
        "import_pandas_plotly_ipywidgets_cpu_s": deps_m["total_cpu_s"],
        "import_pandas_plotly_graph_objects_ipywidgets_s": _median(deps_go)["total_s"],
        "import_ratio": round(pkg_m["total_s"] / deps_m["total_s"], 2) if deps_m["total_s"] else None,
    }
