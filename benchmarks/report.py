"""Targets (the issue's numbers), pass/fail, and the printed table."""

from __future__ import annotations

TARGETS = {
    "kernel_median_ms": 10.0,  # per control change, every explorer (one 60 Hz frame is 16.7 ms)
    "kernel_p95_ms": 16.0,
    "kernel_vs_naive_min": 10.0,  # the naive re-render at least 10x slower than the in-place update
    "load_blank_plots_max": 0,  # busy machine (issue 10): no explorer left blank, none deaf to a key press
    "browser_median_ms": 100.0,  # slider key press to plot redrawn, wind-up and glial-loop explorers
    "browser_vs_naive_max": 0.5,  # wind-up explorer at most half the naive interact version
    "notebooks_total_s": 90.0,  # every notebook, headless, one after another
    "first_explorer_s": 2.5,  # fresh process: import + first explorer rendered to a mimebundle
}


def _t(target_id: str, what: str, value, limit, unit: str, ok) -> dict:
    return {"id": target_id, "what": what, "value": value, "limit": limit, "unit": unit, "pass": ok}


def evaluate_targets(results: dict) -> list[dict]:
    """One entry per target; ``pass`` is None when that part was not measured (skipped or failed)."""
    out = []
    kernel = results.get("kernel")
    if kernel and "explorers" in kernel:
        for name, ex in kernel["explorers"].items():
            if "error" in ex:
                out.append(
                    _t(
                        f"kernel:{name}",
                        f"{name}: one control change in the kernel (median / p95)",
                        None,
                        f"{TARGETS['kernel_median_ms']} / {TARGETS['kernel_p95_ms']}",
                        "ms",
                        False,
                    )
                )
                continue
            med, p95 = ex["in_place"]["median_ms"], ex["in_place"]["p95_ms"]
            out.append(
                _t(
                    f"kernel:{name}",
                    f"{name}: one control change in the kernel (median / p95)",
                    f"{med} / {p95}",
                    f"{TARGETS['kernel_median_ms']} / {TARGETS['kernel_p95_ms']}",
                    "ms",
                    ex["pass"],
                )
            )
            ratio = ex.get("naive_over_in_place_median")
            if ratio is not None:
                out.append(
                    _t(
                        f"kernel_vs_naive:{name}",
                        f"{name}: naive re-render / in-place update (median ratio)",
                        ratio,
                        f">= {TARGETS['kernel_vs_naive_min']}",
                        "ratio",
                        ratio >= TARGETS["kernel_vs_naive_min"],
                    )
                )
    browser = results.get("browser")
    if browser is not None:
        res = browser.get("results") or {}
        for name in ("windup", "glial_loop"):
            med = (res.get(name) or {}).get("median_ms")
            out.append(
                _t(
                    f"browser:{name}",
                    f"{name}: slider key press to plot redrawn in JupyterLab (median)",
                    med,
                    TARGETS["browser_median_ms"],
                    "ms",
                    None if med is None else med <= TARGETS["browser_median_ms"],
                )
            )
        ratio = browser.get("windup_over_naive_median")
        out.append(
            _t(
                "browser:windup_vs_naive",
                "wind-up explorer / naive interact re-render (median ratio)",
                ratio,
                TARGETS["browser_vs_naive_max"],
                "ratio",
                None if ratio is None else ratio <= TARGETS["browser_vs_naive_max"],
            )
        )
    notebooks = results.get("notebooks")
    if notebooks is not None:
        total = notebooks.get("total_s")
        ok = None if total is None else (total <= TARGETS["notebooks_total_s"] and not notebooks.get("errors"))
        out.append(
            _t(
                "notebooks:total",
                f"all {notebooks.get('count', 0)} notebooks executed headless",
                total,
                TARGETS["notebooks_total_s"],
                "s",
                ok,
            )
        )
    load = results.get("load")
    if load is not None:
        bad = None if "error" in load else load["blank_plots"] + load["no_answer"]
        out.append(
            _t(
                "load:blank_plots",
                "busy machine: explorers blank or deaf to a key press (all runs)",
                None
                if bad is None
                else f"{load['blank_plots']} blank + {load['no_answer']} deaf of {load['explorers_shown']}",
                TARGETS["load_blank_plots_max"],
                "explorers",
                None if bad is None else bad <= TARGETS["load_blank_plots_max"],
            )
        )
    startup = results.get("startup")
    if startup is not None and "first_explorer" in startup:
        k = startup.get("first_explorer_in_fresh_kernel")
        if k:
            v = k["to_display_s"]
            out.append(
                _t(
                    "startup:first_explorer",
                    "fresh kernel to first explorer displayed (import + figure)",
                    v,
                    TARGETS["first_explorer_s"],
                    "s",
                    v <= TARGETS["first_explorer_s"],
                )
            )
        v = startup["first_explorer"]["total_s"]
        out.append(
            _t(
                "startup:first_explorer_python_c",
                "fresh `python -c`: import + first explorer mimebundle",
                v,
                TARGETS["first_explorer_s"],
                "s",
                v <= TARGETS["first_explorer_s"],
            )
        )
    return out


def _fmt(v, nd=1):
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.{nd}f}"
    return str(v)


def _table(headers: list[str], rows: list[list]) -> str:
    cols = [headers] + [[_fmt(c) if not isinstance(c, str) else c for c in r] for r in rows]
    widths = [max(len(str(r[i])) for r in cols) for i in range(len(headers))]
    line = lambda r: "| " + " | ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)) + " |"  # noqa: E731
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(headers), sep] + [line(r) for r in cols[1:]])


def mark(ok) -> str:
    return "pass" if ok is True else ("FAIL" if ok is False else "n/a")


def format_report(results: dict) -> str:
    """Markdown tables (they read fine in a terminal and paste into the README)."""
    parts = []
    m = results.get("machine", {})
    parts.append(
        f"Machine: {m.get('cpu_count')} CPUs, Python {m.get('python')}, plotly {m.get('versions', {}).get('plotly')}, "
        f"ipywidgets {m.get('versions', {}).get('ipywidgets')}; {m.get('date_utc')}; "
        f"load average (1, 5, 15 min) at start {m.get('load_average_start')}, "
        f"before each part {m.get('load_average_before_part')}"
    )
    kernel = results.get("kernel")
    if kernel and kernel.get("explorers"):
        rows = []
        for name, ex in kernel["explorers"].items():
            if "error" in ex:
                rows.append([name, "-", "-", "-", "-", "-", "-", "ERROR: " + ex["error"][:60]])
                continue
            n = ex.get("naive") or {}
            cpu = ex.get("in_place_cpu") or {}
            rows.append(
                [
                    name,
                    str(ex.get("moves", "-")),
                    _fmt(ex["in_place"]["median_ms"], 2),
                    _fmt(ex["in_place"]["p95_ms"], 2),
                    f"{_fmt(cpu.get('median_ms'), 2)} / {_fmt(cpu.get('p95_ms'), 2)}",
                    _fmt(n.get("median_ms"), 1),
                    _fmt(ex.get("naive_over_in_place_median")),
                    mark(ex["pass"]),
                ]
            )
        parts.append(
            f"\nKernel: one control change ({kernel.get('where')}; target median <= 10 ms, p95 <= 16 ms)\n"
            + _table(
                [
                    "explorer",
                    "moves",
                    "median ms",
                    "p95 ms",
                    "CPU median / p95 ms",
                    "naive median ms",
                    "naive / in place",
                    "target",
                ],
                rows,
            )
        )
        parts.append(f"  {kernel.get('in_place_definition')}\n  {kernel.get('naive_definition')}")
        for name, ex in kernel["explorers"].items():
            prof = ex.get("profile")
            if prof:
                areas = ", ".join(f"{k} {v}%" for k, v in list(prof["by_area_percent"].items())[:4])
                parts.append(f"  {name} is over target; slowest control {prof['control']!r}: {areas}")
    browser = results.get("browser")
    if browser is not None:
        if "results" in browser:
            rows = [
                [k, v.get("slider", ""), _fmt(v["median_ms"]), _fmt(v["p95_ms"]), str(v["n"]), str(v["failures"])]
                for k, v in browser["results"].items()
            ]
            parts.append(
                "\nBrowser: slider key press to plot redrawn (JupyterLab, headless Chromium)\n"
                + _table(["explorer", "slider", "median ms", "p95 ms", "n", "failed"], rows)
            )
            parts.append(f"  wind-up explorer / naive interact = {_fmt(browser.get('windup_over_naive_median'), 2)}")
        else:
            parts.append(f"\nBrowser: not measured ({browser.get('skipped') or browser.get('error')})")
    nbs = results.get("notebooks")
    if nbs is not None:
        rows = [
            [k, _fmt(v["wall_s"]), _fmt(v.get("kernel_cpu_s")), str(v["code_cells"]), v.get("error", "")[:50]]
            for k, v in nbs["notebooks"].items()
        ]
        rows.append(["all notebooks", _fmt(nbs["total_s"]), _fmt(nbs.get("total_kernel_cpu_s")), "", ""])
        if nbs.get("suite_execution"):
            suite = nbs["suite_execution"]
            rows.append([f"all, {suite['jobs']} at a time (make test)", _fmt(suite["wall_s"]), "", "", ""])
        parts.append(
            "\nNotebooks executed headless (nbclient, fresh kernel each)\n"
            + _table(["notebook", "wall s", "kernel CPU s", "code cells", "error"], rows)
        )
    st = results.get("startup")
    if st is not None and "first_explorer" in st:
        fe = st["first_explorer"]
        k = st.get("first_explorer_in_fresh_kernel") or {}
        rows = [
            [
                f"fresh ipykernel: first explorer ({fe['explorer']}) cell to its display message",
                _fmt(k.get("to_display_s"), 2),
            ],
            [f"fresh python -c: first explorer ({fe['explorer']}): import + figure", _fmt(fe["total_s"], 2)],
            ["  (CPU time of that process)", _fmt(fe.get("total_cpu_s"), 2)],
            ["  of which import crps_lessons.lesson", _fmt(fe["import_s"], 2)],
            ["  of which first explore() + mimebundle", _fmt(fe["first_figure_s"], 2)],
            ["import crps_lessons.lesson alone", _fmt(st["import_crps_lessons_lesson_s"], 2)],
            ["import pandas, plotly, ipywidgets", _fmt(st["import_pandas_plotly_ipywidgets_s"], 2)],
            [
                "  (CPU: crps_lessons.lesson / dependencies)",
                f"{_fmt(st.get('import_crps_lessons_lesson_cpu_s'), 2)} / "
                f"{_fmt(st.get('import_pandas_plotly_ipywidgets_cpu_s'), 2)}",
            ],
            [
                "import pandas, plotly.graph_objects, ipywidgets",
                _fmt(st["import_pandas_plotly_graph_objects_ipywidgets_s"], 2),
            ],
            ["ratio crps_lessons.lesson / (pandas, plotly, ipywidgets)", _fmt(st["import_ratio"], 2)],
        ]
        parts.append("\nFresh process (median of several)\n" + _table(["measure", "s"], rows))
    load = results.get("load")
    if load is not None:
        if "error" in load:
            parts.append(f"\nLoad test: not measured ({load['error'][:200]})")
        else:
            rows = [
                [
                    str(i + 1),
                    str(r["explorers"]),
                    str(r["blank"]),
                    str(r["no_answer"]),
                    _fmt(r["run_s"]),
                    _fmt(r["total_s"]),
                    ("; ".join(r["problems"]) + (f" ({r['blank_later']})" if r.get("blank_later") else ""))[:110],
                ]
                for i, r in enumerate(load["runs"])
            ]
            parts.append(
                f"\nLoad test: {load['cpu_hogs']} CPU hogs, {load['lesson']} ({load['explore_calls']} "
                f"explore calls) from {load['notebooks_dir']}\n"
                + _table(["run", "explorers", "blank", "no answer", "cells ran s", "total s", "problems"], rows)
            )
            parts.append(
                f"  blank plots: {load['blank_plots']} of {load['explorers_shown']} explorers shown; "
                f"no answer to a key press: {load['no_answer']}"
            )
    targets = results.get("targets", [])
    if targets:
        rows = [
            [
                t["what"],
                _fmt(t["value"], 2) if not isinstance(t["value"], str) else t["value"],
                str(t["limit"]),
                t["unit"],
                mark(t["pass"]),
            ]
            for t in targets
        ]
        parts.append("\nTargets\n" + _table(["target", "measured", "limit", "unit", "result"], rows))
    return "\n".join(parts)
