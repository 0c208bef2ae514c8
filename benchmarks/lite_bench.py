"""The in-browser edition's figures for `make bench` (part ``lite``): build/lite served on 127.0.0.1,
headless Chromium with every other host blocked, a fresh browser context (an empty cache, as a
first visit) for the first lesson and the same context for the rest.

Timed: page navigation to the Pyodide kernel idle (``kernel_ready_s``; the first lesson's is the
first visit, the others reuse the browser's HTTP cache), Run All to every output rendered
(``run_all_s``), and slider key press to plotly's next redraw in the page (``slider_ms``, the first
explorer with a slider in each lesson, ``repeats`` presses). Also the site's size on disk and what
the first visit downloaded (bytes the server sent until the first kernel was ready).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SITE = ROOT / "build" / "lite"


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _slider_times(lb, lp, repeats: int) -> dict | None:
    explorers = lp.explorers()
    for i in range(explorers.count()):
        explorer = explorers.nth(i)
        if explorer.locator(".widget-slider .noUi-handle").count() == 0:
            continue
        lb.reveal(explorer)
        times = []
        for k in range(repeats):
            times.append(lb.move_first_slider(explorer, back=bool(k % 2)))
            lp.wait_kernel_idle(60)
        times.sort()
        return {
            "explorer_index": i,
            "n": len(times),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
        }
    return None


def run_lite(repeats: int = 10, site: Path = SITE, lessons: list[str] | None = None) -> dict:
    """Measure the site (see module doc); returns the ``lite`` part of results.json."""
    from playwright.sync_api import sync_playwright

    from tools import lite_browser as lb
    from tools.build_lite import lessons as lesson_paths
    from tools.lite_serve import StaticServer

    if not (site / "jupyter-lite.json").is_file():
        raise FileNotFoundError(f"{site} is not built: run `make lite`")
    names = lessons or [p.name for p in lesson_paths()]
    out = {
        "site_mb": round(_size(site) / 1e6, 1),
        "pyodide_dir_mb": round(_size(site / "static" / "pyodide") / 1e6, 1),
        "lessons": {},
    }
    with StaticServer(site) as server, sync_playwright() as p:
        browser = lb.launch(p)
        try:
            lp = lb.LitePage(browser, server.base_url)
            for n, name in enumerate(names):
                row: dict = {}
                try:
                    row["kernel_ready_s"] = round(lp.open(name), 1)
                    if n == 0:
                        out["first_visit_mb"] = round(server.bytes_served() / 1e6, 1)
                        out["first_visit_requests"] = len(server.requests())
                    row["run_all_s"] = round(lp.run_all(), 1)
                    errors = [r["text"][:200] for r in lp.outputs() if r["kind"] == "error"]
                    if errors:
                        row["errors"] = errors
                    row["slider"] = _slider_times(lb, lp, repeats)
                except Exception as exc:  # report and go on with the next lesson
                    row["error"] = f"{type(exc).__name__}: {str(exc)[:300]}"
                out["lessons"][name] = row
                print(f"[bench lite {time.strftime('%H:%M:%S')}] {name}: {row}", file=sys.stderr, flush=True)
        finally:
            browser.close()
    ready = [r["kernel_ready_s"] for r in out["lessons"].values() if "kernel_ready_s" in r]
    runs = [r["run_all_s"] for r in out["lessons"].values() if "run_all_s" in r]
    sliders = [r["slider"]["median_ms"] for r in out["lessons"].values() if r.get("slider")]
    out["first_kernel_ready_s"] = ready[0] if ready else None
    out["kernel_ready_median_s"] = round(statistics.median(ready), 1) if ready else None
    out["run_all_total_s"] = round(sum(runs), 1) if runs else None
    out["slider_median_ms"] = round(statistics.median(sliders), 1) if sliders else None
    return out


def format_lite(res: dict) -> str:
    """The ``lite`` part as a Markdown table."""
    if "lessons" not in res:
        return f"In the browser (JupyterLite): not measured ({res.get('error')})"
    rows = [
        "| lesson | kernel ready s | run all s | slider-to-redraw median / p95 ms (n) | error |",
        "|---|---|---|---|---|",
    ]
    for name, r in res["lessons"].items():
        s = r.get("slider")
        slider = f"{s['median_ms']} / {s['p95_ms']} ({s['n']})" if s else "no slider"
        err = (r.get("error") or "; ".join(r.get("errors", [])))[:60]
        rows.append(f"| {name} | {r.get('kernel_ready_s', '-')} | {r.get('run_all_s', '-')} | {slider} | {err} |")
    head = (
        f"In the browser (JupyterLite + Pyodide, headless Chromium, offline): site {res['site_mb']} MB "
        f"(Pyodide and wheels {res['pyodide_dir_mb']} MB), first visit downloaded {res.get('first_visit_mb')} MB "
        f"in {res.get('first_visit_requests')} requests; first kernel ready {res.get('first_kernel_ready_s')} s, "
        f"median {res.get('kernel_ready_median_s')} s; all lessons run {res.get('run_all_total_s')} s; "
        f"slider-to-redraw median {res.get('slider_median_ms')} ms"
    )
    return head + "\n" + "\n".join(rows)
