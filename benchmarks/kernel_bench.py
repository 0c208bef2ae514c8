"""Kernel-side timing of every explorer: one control change, in place versus the naive way.

In place (what the explorers do): ``control.value = v`` runs the observer, the model and the
FigureWidget update inside ``figure.batch_update()``; in a real kernel that includes serialising
the delta and sending it on the comm.

Naive (what an ``interact`` callback that re-renders does on every move): for the same value, on
a second instance of the explorer (:func:`naive_explorer`) whose controls are observer-free copies,

1. set the control value (nothing runs);
2. build a brand-new plain ``go.Figure`` by calling the explorer's figure builder again (the call to
   a builder from ``crps_lessons.figures`` recorded while the explorer was built, same arguments);
3. run the explorer's same ``update()`` into that new figure (same model, same trace data);
4. serialise the whole figure with ``fig.to_json()`` (``plotly.io.to_json``: what ``fig.show()``
   sends to the front end).

Rules between controls (an explorer's ``rules``) run on the in-place side only, so the naive side
does, if anything, less work than a real re-rendering callback.

Widget-control creation and the explorer constructor are never counted on either side.
"""

from __future__ import annotations

import cProfile
import math
import pstats
import statistics
import time
from collections.abc import Iterable
from typing import Any

NAIVE_DEFINITION = (
    "naive = per move: set the value of an observer-free copy of the control, build a new plain go.Figure "
    "with the explorer's figure builder (same call as when it was built), run the same update() into it, "
    "and serialise it with fig.to_json(); widget creation is not counted; timed on the first moves of each "
    "control's drag and compared with the in-place times of those same moves"
)
FAST_DEFINITION = (
    "in place = per move: control.value = v (observer, model, FigureWidget update inside batch_update, comm message)"
)


# --------------------------------------------------------------------------------------------
# Sequences of valid values: a slider drag, or cycling through options.
# --------------------------------------------------------------------------------------------


def _options(control) -> list:
    return [o[1] if isinstance(o, tuple) else o for o in control.options]


def _grid(lo: float, hi: float, step: float | None, n: int, integer: bool) -> list:
    """Up to ``n`` evenly spread values from lo to hi, snapped to the slider step."""
    if hi <= lo:
        return [lo]
    if step and step > 0:
        count = math.floor((hi - lo) / step + 1e-9) + 1
        idx = range(count) if count <= n else sorted({round(i * (count - 1) / (n - 1)) for i in range(n)})
        vals = [lo + i * step for i in idx]
    else:
        vals = [lo + (hi - lo) * i / (n - 1) for i in range(n)]
    return [round(v) for v in vals] if integer else [float(round(v, 12)) for v in vals]


def drag_values(control, steps: int) -> list:
    """``steps`` valid values for ``control``, each different from the one before it.

    Sliders: a drag from the minimum to the maximum and back (about steps/2 stops each way).
    Range sliders: the upper handle dragged, then the lower. Selections: the options in turn,
    cycled. Checkboxes/toggles: alternate. Returns [] for a control with no second value.
    """
    import ipywidgets as w

    start = control.value
    if isinstance(control, (w.Checkbox, w.ToggleButton)):
        vals = [(not start) if i % 2 == 0 else start for i in range(steps)]
    elif isinstance(control, w.SelectMultiple):
        opts = _options(control)
        choices = [(o,) for o in opts] + [tuple(opts)]
        vals = [choices[i % len(choices)] for i in range(steps)]
    elif isinstance(control, w.SelectionRangeSlider):
        opts = _options(control)
        if len(opts) < 2:
            return []
        ladder = [(opts[0], o) for o in opts[1:]]
        vals = ladder + ladder[-2::-1]
    elif hasattr(control, "options"):  # Dropdown, RadioButtons, ToggleButtons, SelectionSlider
        opts = _options(control)
        if len(opts) < 2:
            return []
        i0 = opts.index(start) if start in opts else 0
        vals = [opts[(i0 + 1 + i) % len(opts)] for i in range(steps)]
    elif isinstance(control, w.FloatLogSlider):
        half = max(2, steps // 2 + 1)
        exps = _grid(control.min, control.max, None, half, False)
        ladder = [control.base**e for e in exps]
        vals = ladder + ladder[-2::-1]
    elif isinstance(start, tuple) and hasattr(control, "min"):  # Int/FloatRangeSlider
        lo, hi = start
        integer = isinstance(control, w.IntRangeSlider)
        half = max(2, steps // 2)
        uppers = [v for v in _grid(lo, control.max, control.step, half, integer) if v >= lo]
        lowers = [v for v in _grid(control.min, hi, control.step, half, integer) if v <= hi]
        vals = [(lo, u) for u in uppers] + [(lo, u) for u in uppers[-2::-1]]
        vals += [(low, hi) for low in lowers] + [(low, hi) for low in lowers[-2::-1]]
    elif hasattr(control, "min") and hasattr(control, "max"):
        integer = isinstance(control.value, int) and not isinstance(control.value, bool)
        half = max(2, steps // 2 + 1)
        ladder = _grid(control.min, control.max, getattr(control, "step", None), half, integer)
        vals = ladder + ladder[-2::-1]
    else:
        return []
    # Repeat the drag until there are enough moves, and drop no-op moves (they fire no observer).
    out: list = []
    prev = start
    guard = 0
    while len(out) < steps and guard < 4 * steps + 8:
        for v in vals:
            guard += 1
            if v != prev:
                out.append(v)
                prev = v
            if len(out) >= steps:
                break
        if len({repr(v) for v in vals} | {repr(start)}) < 2:
            return []
    return out


# --------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile, q in [0, 100] (numpy's default method)."""
    if not values:
        return float("nan")
    s = sorted(values)
    pos = (len(s) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def summary_ms(seconds: list[float]) -> dict:
    ms = [1000.0 * s for s in seconds]
    return {
        "n": len(ms),
        "median_ms": round(statistics.median(ms), 3) if ms else None,
        "p95_ms": round(percentile(ms, 95), 3) if ms else None,
        "max_ms": round(max(ms), 3) if ms else None,
    }


def mirror_controls(ex) -> dict:
    """Copies of the explorer's controls (same kind, options, range, value, label), with no observer."""
    copies = {}
    for key, control in ex.controls.items():
        if hasattr(control, "options"):
            kwargs = {"options": control.options, "value": control.value}
        else:
            kwargs = {
                name: getattr(control, name)
                for name in control.keys
                if not name.startswith("_") and name not in {"layout", "style", "tabbable", "tooltip"}
            }
        copies[key] = type(control)(**{**kwargs, "description": control.description})
    return copies


def naive_explorer(cls):
    """An instance of explorer class ``cls`` for the naive way, whose controls are observer-free copies
    (setting one runs nothing) and which knows how its figure was built:

    ``builder``         ``(function, args, kwargs)`` of the call to a builder from ``crps_lessons.figures``
                        that made the figure the explorer was given, or None if it was built elsewhere;
    ``builder_figure``  that figure as a dict, before the first update filled it.
    """
    import sys

    from crps_lessons.widgets import Explorer

    class Recorder(Explorer):
        def __init__(self, controls, figure, *args, **kwargs):
            self.builder_figure = figure.to_dict()  # before the first update fills it
            super().__init__(controls, figure, *args, **kwargs)

    # The explorer's module calls its builder by the name it imported: watch those names while it is built.
    module = sys.modules[cls.__module__]
    calls = []
    watched = {
        name: fn
        for name, fn in vars(module).items()
        if callable(fn) and getattr(fn, "__module__", "").startswith("crps_lessons.figures")
    }

    def watching(fn):
        def call(*args, **kwargs):
            result = fn(*args, **kwargs)
            # As returned: a helper (new_figure) returns a figure that the explorer then fills itself.
            calls.append((fn, args, kwargs, result.to_dict() if hasattr(result, "to_dict") else None))
            return result

        return call

    for name, fn in watched.items():
        setattr(module, name, watching(fn))
    try:
        # Recorder sits between the explorer class and Explorer in the MRO: the subclass's own __init__
        # runs unchanged and its super().__init__ call lands in Recorder.
        naive = type(f"Naive{cls.__name__}", (cls, Recorder), {})()
    finally:
        for name, fn in watched.items():
            setattr(module, name, fn)
    naive.builder = next(((fn, a, k) for fn, a, k, made in calls if made == naive.builder_figure), None)
    naive.controls = mirror_controls(naive)
    return naive


def naive_render(ex):
    """A new plain figure from the explorer's builder (or, without one, from the builder's figure as a
    dict), filled by the explorer's update() with the current values."""
    import plotly.graph_objects as go

    if ex.builder is not None:
        fn, args, kwargs = ex.builder
        fig = fn(*args, **kwargs)
    else:
        fig = go.Figure(ex.builder_figure)
    ex.figure = fig
    with fig.batch_update():
        ex.update()
    return fig


def naive_move(ex, control, value) -> str:
    """One naive move on a :func:`naive_explorer` (see the module docstring). Returns the JSON."""
    control.value = value
    return naive_render(ex).to_json()


def _time_walk(fn, control, values: Iterable) -> tuple[list[float], list[float]]:
    """Wall time (perf_counter) and this thread's CPU time (thread_time) of each move, in s.

    On a busy machine the wall time includes waiting for a CPU; the CPU time does not, so the two
    together tell a slow explorer from a crowded machine.
    """
    wall, cpu = [], []
    perf, tcpu = time.perf_counter, time.thread_time
    for v in values:
        c0 = tcpu()
        t0 = perf()
        fn(control, v)
        t1 = perf()
        c1 = tcpu()
        wall.append(t1 - t0)
        cpu.append(c1 - c0)
    return wall, cpu


def _profile_groups(stats: pstats.Stats) -> dict:
    """Share of own time (tottime) by where the code lives: model, explorer, plotly, widgets ..."""
    groups: dict[str, float] = {}
    total = 0.0
    for (filename, _line, _func), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():
        f = filename.replace("\\", "/")
        if "/crps_lessons/models/" in f:
            g = "crps_lessons.models (the model)"
        elif "/crps_lessons/widgets/" in f:
            g = "crps_lessons.widgets (explorer update)"
        elif "/crps_lessons/" in f:
            g = "crps_lessons (other)"
        elif "/plotly/" in f or "/_plotly_utils/" in f:
            g = "plotly (validation, figure update)"
        elif any(
            k in f
            for k in (
                "/ipywidgets/",
                "/traitlets/",
                "/comm/",
                "/ipykernel/",
                "/anywidget/",
                "/jupyter_client/",
                "/zmq/",
            )
        ):
            g = "widgets/traitlets/comm"
        elif "/numpy/" in f:
            g = "numpy"
        elif "/pandas/" in f:
            g = "pandas"
        elif f.startswith("~") or "<built-in" in _func or f.startswith("<"):
            g = "builtins (json, copies, numpy C calls)"
        else:
            g = "other python"
        groups[g] = groups.get(g, 0.0) + tt
        total += tt
    return {k: round(100 * v / total, 1) for k, v in sorted(groups.items(), key=lambda kv: -kv[1])} if total else {}


def profile_walk(ex, control, values, top: int = 12) -> dict:
    """cProfile one in-place walk of ``control``: top functions by own time and the share by area."""
    prof = cProfile.Profile()
    prof.enable()
    for v in values:
        control.value = v
    prof.disable()
    stats = pstats.Stats(prof)
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]
    n = max(1, len(values))
    return {
        "moves": len(values),
        "by_area_percent": _profile_groups(stats),
        "top_own_time": [
            {
                "function": f"{fn.split('site-packages/')[-1].split('/work/main/')[-1]}:{line}({func})",
                "ms_per_move": round(1000 * tt / n, 3),
                "calls_per_move": round(nc / n, 1),
            }
            for (fn, line, func), (_cc, nc, tt, _ct, _c) in rows
        ],
    }


def bench_explorer(
    name: str,
    factory,
    steps: int = 50,
    naive: bool = True,
    naive_steps: int | None = 20,
    target_median_ms: float = 10.0,
    target_p95_ms: float = 16.0,
    profile_if_slow: bool = True,
) -> dict:
    """Time every control of one explorer over a drag of ``steps`` values, in place and naive.

    The naive way is timed on the first ``naive_steps`` values of each control's drag (all when
    None) and compared with the in-place times of exactly those moves.
    """
    import gc

    ex = factory()
    controls_out = {}
    fast_all: list[float] = []
    fast_cpu: list[float] = []
    fast_same: list[float] = []  # in-place times of the moves the naive way also makes
    naive_all: list[float] = []
    walks = {}
    for key, control in ex.controls.items():
        values = drag_values(control, steps)
        if not values:
            controls_out[key] = {"type": type(control).__name__, "skipped": "no second valid value"}
            continue
        walks[key] = values
        start = control.value
        control.value = values[0]  # warm-up move (first call may fill caches), not timed
        control.value = start
        gc.collect()
        fast, cpu = _time_walk(lambda c, v: setattr(c, "value", v), control, values)
        control.value = start
        fast_all += fast
        fast_cpu += cpu
        fast_same += fast[:naive_steps] if naive_steps else fast
        controls_out[key] = {
            "type": type(control).__name__,
            "moves": len(values),
            "in_place": summary_ms(fast),
            "in_place_cpu": summary_ms(cpu),
        }

    if naive:
        nx = naive_explorer(factory)
        builder = f"{nx.builder[0].__module__}.{nx.builder[0].__name__}" if nx.builder else "go.Figure(builder's dict)"
        for key, values in walks.items():
            values = values[:naive_steps] if naive_steps else values
            control = nx.controls[key]
            start = control.value
            naive_move(nx, control, values[0])  # warm-up
            control.value = start
            gc.collect()
            slow, _cpu = _time_walk(lambda c, v: naive_move(nx, c, v), control, values)
            control.value = start
            naive_all += slow
            controls_out[key]["naive"] = summary_ms(slow)

    fast_s = summary_ms(fast_all)
    result: dict[str, Any] = {
        "controls": controls_out,
        "moves": len(fast_all),
        "in_place": fast_s,
        "in_place_cpu": summary_ms(fast_cpu),
    }
    if naive:
        naive_s = summary_ms(naive_all)
        same_s = summary_ms(fast_same)
        result["naive"] = naive_s
        result["naive_builder"] = builder
        result["in_place_same_moves"] = same_s
        result["naive_over_in_place_median"] = (
            round(naive_s["median_ms"] / same_s["median_ms"], 1) if fast_same and same_s["median_ms"] else None
        )
    ok = bool(fast_all) and fast_s["median_ms"] <= target_median_ms and fast_s["p95_ms"] <= target_p95_ms
    result["pass"] = ok
    if walks:
        slowest = max((k for k in walks), key=lambda k: controls_out[k]["in_place"]["p95_ms"])
        result["slowest_control"] = slowest
        if profile_if_slow and not ok:
            result["profile"] = {"control": slowest, **profile_walk(ex, ex.controls[slowest], walks[slowest])}
    return result


def run_kernel_bench(
    names: list[str] | None = None,
    steps: int = 50,
    naive: bool = True,
    naive_steps: int | None = 20,
    registry: dict | None = None,
    target_median_ms: float = 10.0,
    target_p95_ms: float = 16.0,
) -> dict:
    """Benchmark the explorers ``names`` (default: all of ``registry``, default ``EXPLORERS``)."""
    import os
    import sys

    if registry is None:
        from crps_lessons.widgets import EXPLORERS as registry
    names = sorted(registry) if names is None else list(names)
    unknown = [n for n in names if n not in registry]
    if unknown:
        raise ValueError(f"unknown explorer(s) {unknown}; registered: {sorted(registry)}")
    shell = sys.modules["IPython"].get_ipython() if "IPython" in sys.modules else None
    in_kernel = shell is not None and getattr(shell, "kernel", None) is not None
    out = {
        "where": "ipykernel (comm messages really sent, no front end)"
        if in_kernel
        else "plain python process (widgets without a comm)",
        "pid": os.getpid(),
        "steps_per_control": steps,
        "naive_steps_per_control": naive_steps,
        "in_place_definition": FAST_DEFINITION,
        "naive_definition": NAIVE_DEFINITION,
        "explorers": {},
    }
    for name in names:
        try:
            out["explorers"][name] = bench_explorer(
                name,
                registry[name],
                steps=steps,
                naive=naive,
                naive_steps=naive_steps,
                target_median_ms=target_median_ms,
                target_p95_ms=target_p95_ms,
            )
        except Exception as exc:  # report, keep going: one broken explorer must not hide the rest
            out["explorers"][name] = {"error": f"{type(exc).__name__}: {exc}", "pass": False}
    return out
