"""Wall time to execute each lesson notebook headless, each in a fresh python3 kernel (nbclient)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def notebook_paths(root: Path = ROOT) -> list[Path]:
    return sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def run_notebook(path: Path, timeout_s: int = 300) -> dict:
    """Execute one notebook in a fresh kernel; wall time includes the kernel start, as `make test` sees it."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="crps-bench-nb-") as tmp:
        old = os.environ.get("CRPS_LESSONS_PROGRESS")
        os.environ["CRPS_LESSONS_PROGRESS"] = str(Path(tmp) / "progress.json")  # keep quiz progress out of $HOME
        try:
            client = NotebookClient(nb, timeout=timeout_s, kernel_name="python3",
                                    resources={"metadata": {"path": str(path.parent)}})
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
    out = {"wall_s": round(wall, 2), "code_cells": code_cells}
    if error:
        out["error"] = error
    return out


def run_notebooks(paths: list[Path] | None = None) -> dict:
    paths = notebook_paths() if paths is None else paths
    per = {}
    t0 = time.perf_counter()
    for p in paths:
        per[p.stem] = run_notebook(p)
    total = time.perf_counter() - t0
    return {"how": "nbclient, one fresh python3 kernel per notebook, one after another; "
                   "wall time includes kernel start-up",
            "notebooks": per, "count": len(per),
            "total_s": round(total, 2),
            "errors": [k for k, v in per.items() if "error" in v]}
