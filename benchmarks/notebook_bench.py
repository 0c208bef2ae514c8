"""Wall time to execute each lesson notebook headless, each in a fresh python3 kernel (nbclient)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def notebook_paths(root: Path = ROOT) -> list[Path]:
    return sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _process_cpu_s(pid: int) -> float | None:
    """User + system CPU seconds of a process so far (Linux /proc), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def run_notebook(path: Path, timeout_s: int = 300) -> dict:
    """Execute one notebook in a fresh kernel; wall time includes the kernel start, as `make test` sees it."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="crps-bench-nb-") as tmp:
        old = os.environ.get("CRPS_LESSONS_PROGRESS")
        os.environ["CRPS_LESSONS_PROGRESS"] = str(Path(tmp) / "progress.json")  # keep quiz progress out of $HOME
        try:
            kernel_cpu: list = []

            def after_cell(**_kw):
                # The kernel's own CPU time (start-up + every cell so far): what a quiet machine would need.
                proc = getattr(getattr(client.km, "provisioner", None), "process", None)
                if proc is not None:
                    kernel_cpu.append(_process_cpu_s(proc.pid))

            client = NotebookClient(
                nb,
                timeout=timeout_s,
                kernel_name="python3",
                resources={"metadata": {"path": str(path.parent)}},
                on_cell_executed=after_cell,
            )
            t0 = time.perf_counter()
            error = None
            try:
                client.execute()
            except Exception as exc:  # a failing notebook is reported, not fatal to the benchmark
                error = f"{type(exc).__name__}: {str(exc)[:300]}"
            wall = time.perf_counter() - t0
        finally:
            if old is None:
                os.environ.pop("CRPS_LESSONS_PROGRESS", None)
            else:
                os.environ["CRPS_LESSONS_PROGRESS"] = old
    code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
    out = {
        "wall_s": round(wall, 2),
        "code_cells": code_cells,
        "kernel_cpu_s": round(kernel_cpu[-1], 2) if kernel_cpu and kernel_cpu[-1] is not None else None,
    }
    if error:
        out["error"] = error
    return out


def run_notebooks(paths: list[Path] | None = None, jobs: int = 2) -> dict:
    paths = notebook_paths() if paths is None else paths
    per = {}
    t0 = time.perf_counter()
    for p in paths:
        per[p.stem] = run_notebook(p)
    total = time.perf_counter() - t0
    cpus = [v["kernel_cpu_s"] for v in per.values()]
    out = {
        "how": "nbclient, one fresh python3 kernel per notebook, one after another; "
        "wall time includes kernel start-up; kernel_cpu_s is the kernel process's CPU time",
        "notebooks": per,
        "count": len(per),
        "total_s": round(total, 2),
        "total_kernel_cpu_s": round(sum(cpus), 2) if cpus and None not in cpus else None,
        "errors": [k for k, v in per.items() if "error" in v],
    }
    if paths and jobs > 1:
        # What `make test` does once per session (tests/conftest.py, tools/build_html.execute_all).
        import sys

        sys.path.insert(0, str(ROOT))
        from tools.build_html import execute_all

        t0 = time.perf_counter()
        execute_all(paths, jobs=jobs)
        out["suite_execution"] = {"jobs": jobs, "wall_s": round(time.perf_counter() - t0, 2)}
    return out
