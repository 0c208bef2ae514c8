"""The class run's figures: the summary written to benchmarks/classroom.json and the printed table."""

from __future__ import annotations

import math


def percentile(samples: list[float], q: float) -> float | None:
    """Nearest-rank percentile (``q`` in 0..100) of ``samples``; None when there are none."""
    if not samples:
        return None
    ordered = sorted(samples)
    return round(ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)], 1)


def summarise(students: list[dict], memory: dict, meta: dict) -> dict:
    """The summary of one run from the per-student results (see tools/classroom.py for their keys)."""
    samples = [ms for s in students for ms in s["redraw_ms"]]
    per_student_mib = [memory["students"].get(s["name"], 0.0) for s in students]
    everyone = bool(students)
    return {
        "students": len(students),
        "pulled_with_nbgitpuller": everyone and all(s["pulled"] for s in students),
        "landed_in_start_lesson": everyone and all(s["landed"] for s in students),
        "all_rendered": everyone
        and all(
            s["explorers"] > 0
            and s["rendered"] == s["explorers"] == s["answered"] == s["explorers_expected"]
            and not s["cell_errors"]
            for s in students
        ),
        "quiz_answered": everyone and all(s["quiz_feedback"] and s["progress_saved"] for s in students),
        "memory_per_student_mib": round(sum(per_student_mib) / len(per_student_mib), 1) if per_student_mib else None,
        "memory_per_student_max_mib": max(per_student_mib) if per_student_mib else None,
        "memory_hub_and_proxy_mib": memory["hub_and_proxy"],
        "redraw_ms_p50": percentile(samples, 50),
        "redraw_ms_p95": percentile(samples, 95),
        "redraw_samples": len(samples),
        **meta,
        "per_student": students,
    }


def ok(summary: dict) -> bool:
    """True when every student pulled, landed, saw every explorer render and answer, and answered the quiz."""
    return all(
        summary[k] for k in ("pulled_with_nbgitpuller", "landed_in_start_lesson", "all_rendered", "quiz_answered")
    )


def format_table(summary: dict) -> str:
    v = summary["versions"]
    rows = [
        ("students", summary["students"]),
        ("lesson run", summary["lesson"]),
        ("pulled with nbgitpuller", summary["pulled_with_nbgitpuller"]),
        ("landed in the start lesson", summary["landed_in_start_lesson"]),
        ("every explorer rendered and answered", summary["all_rendered"]),
        ("quiz question answered and saved", summary["quiz_answered"]),
        (
            "memory per student, server + kernel (MiB, mean / max)",
            f"{summary['memory_per_student_mib']} / {summary['memory_per_student_max_mib']}",
        ),
        ("memory of hub + proxy (MiB)", summary["memory_hub_and_proxy_mib"]),
        (
            "slider key press to plot redrawn (ms, p50 / p95)",
            f"{summary['redraw_ms_p50']} / {summary['redraw_ms_p95']} ({summary['redraw_samples']} presses)",
        ),
        ("load average (start / end)", f"{summary['load_average_start']} / {summary['load_average_end']}"),
        ("wall time (s)", summary["wall_s"]),
        (
            "jupyterhub / configurable-http-proxy / nbgitpuller",
            f"{v['jupyterhub']} / {v['configurable_http_proxy']} / {v['nbgitpuller']}",
        ),
    ]
    width = max(len(k) for k, _ in rows)
    lines = [f"| {'class run'.ljust(width)} | value |", f"|{'-' * (width + 2)}|-------|"]
    lines += [f"| {k.ljust(width)} | {val} |" for k, val in rows]
    problems = [f"{s['name']}: {e}" for s in summary["per_student"] for e in s["errors"] + s["cell_errors"]]
    if problems:
        lines += ["", "Problems:"] + [f"- {p}" for p in problems]
    return "\n".join(lines)
