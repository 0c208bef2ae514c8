"""The benchmark harness (`make bench`) produces the expected structure. Nothing here times anything:
the figures come only from `make bench`; these tests run the harness in a tiny smoke mode."""

import json
import math

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go
import pytest
from conftest import ROOT

from benchmarks import run as bench_run
from benchmarks.kernel_bench import drag_values, naive_explorer, naive_move, percentile
from benchmarks.report import evaluate_targets, format_report
from crps_lessons.figures import axis_title, new_figure
from crps_lessons.widgets import EXPLORERS, Explorer


def toy_figure() -> go.Figure:
    fig = new_figure(
        "Toy signal",
        axis_title("Time", "s"),
        axis_title("Signal", "mV"),
        "A toy signal used only to check the benchmark harness.",
    )
    fig.add_scatter(x=[0.0], y=[0.0], name="signal", meta={"role": "signal"})
    return fig


class ToyExplorer(Explorer):
    """A tiny explorer on the Explorer base, not registered, so the harness can be checked on its own."""

    name = "toy"

    def __init__(self, **values):
        controls = {
            "gain": w.FloatSlider(value=1.0, min=0.5, max=2.0, step=0.5, description="Gain (dimensionless)"),
            "cycles": w.IntSlider(value=2, min=1, max=3, description="Cycles (count)"),
            "shape": w.Dropdown(options=["sine", "square"], value="sine", description="Shape"),
            "grid": w.Checkbox(value=False, description="Grid"),
        }
        super().__init__(controls, toy_figure(), values)

    def update(self):
        v = self.values()
        t = np.linspace(0.0, 1.0, 50)
        y = v["gain"] * np.sin(2 * np.pi * v["cycles"] * t)
        if v["shape"] == "square":
            y = np.sign(y)
        self.trace("signal").update(x=t.tolist(), y=y.tolist())
        self.figure.layout.xaxis.showgrid = v["grid"]
        self.set_readout(f"peak {y.max():.2f} mV")


def test_drag_values_are_valid_and_each_a_change():
    controls = {
        "float": w.FloatSlider(value=1.0, min=0.0, max=2.0, step=0.25),
        "int": w.IntSlider(value=3, min=1, max=5),
        "log": w.FloatLogSlider(value=1.0, base=10, min=-1, max=1, step=0.5),
        "range": w.IntRangeSlider(value=(2, 4), min=0, max=6),
        "dropdown": w.Dropdown(options=[("a", 1), ("b", 2), ("c", 3)], value=2),
        "selection": w.SelectionSlider(options=["x", "y", "z"], value="x"),
        "selection_range": w.SelectionRangeSlider(options=["x", "y", "z"], index=(0, 1)),
        "toggles": w.ToggleButtons(options=["p", "q"]),
        "check": w.Checkbox(value=True),
    }
    for key, control in controls.items():
        values = drag_values(control, 12)
        assert len(values) == 12, key
        prev = control.value
        for v in values:
            assert v != prev, f"{key}: a no-op move {v!r}"
            control.value = v  # valid: the widget accepts it unchanged
            assert control.value == v or (isinstance(v, float) and math.isclose(control.value, v)), key
            prev = v
    assert drag_values(w.Dropdown(options=["only"]), 5) == []


def test_percentile_matches_numpy():
    data = [3.0, 1.0, 4.0, 1.5, 9.0, 2.6, 5.0]
    for q in (0, 50, 95, 100):
        assert math.isclose(percentile(data, q), float(np.percentile(data, q)))


def test_naive_move_rebuilds_the_builder_s_figure_and_runs_the_same_update():
    naive = naive_explorer(ToyExplorer)
    widget = naive.figure
    assert naive.builder_figure == toy_figure().to_dict()  # recorded before the first update filled it
    assert naive.controls["gain"] is not ToyExplorer().controls["gain"]
    text = naive_move(naive, naive.controls["gain"], 2.0)
    assert type(naive.figure) is go.Figure
    # The same update() as in place: the peak of the new figure follows the gain.
    assert math.isclose(max(json.loads(text)["data"][0]["y"]), 2.0, rel_tol=1e-3)
    # The copied controls carry no observer: the explorer's own figure widget was not touched.
    assert math.isclose(max(widget.data[0].y), 1.0, rel_tol=1e-3)
    in_place = ToyExplorer(gain=2.0)
    assert json.loads(text)["data"][0]["y"] == list(in_place.figure.data[0].y)


def test_the_naive_way_calls_each_explorer_s_own_figure_builder():
    for name, cls in sorted(EXPLORERS.items()):
        naive = naive_explorer(cls)
        assert naive.builder is not None, f"{name}: no call to a builder of crps_lessons.figures was seen"
        fn, args, kwargs = naive.builder
        assert fn.__module__.startswith("crps_lessons.figures"), (name, fn)
        assert fn(*args, **kwargs).to_dict() == naive.builder_figure, f"{name}: the builder gives another figure"


def test_kernel_part_structure_on_a_toy_explorer():
    results = bench_run.collect(["kernel"], ["toy"], steps=3, in_process=True, registry={"toy": ToyExplorer})
    assert results["machine"]["cpu_count"] >= 1 and results["machine"]["python"]
    toy = results["kernel"]["explorers"]["toy"]
    assert "error" not in toy, toy.get("error")
    assert set(toy["controls"]) == {"gain", "cycles", "shape", "grid"}
    assert toy["moves"] == 12
    for part in ("in_place", "naive"):
        assert set(toy[part]) == {"n", "median_ms", "p95_ms", "max_ms"}
        assert toy[part]["n"] == 12
    assert isinstance(toy["pass"], bool) and toy["naive_over_in_place_median"] is not None
    ids = {t["id"] for t in results["targets"]}
    assert ids == {"kernel:toy", "kernel_vs_naive:toy"}
    assert "toy" in format_report(results)


def test_smoke_mode_writes_results_json(tmp_path, capsys):
    assert EXPLORERS, "no explorer registered"
    out = tmp_path / "results.json"
    assert bench_run.main(["--smoke", "--output", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["smoke"] is True and data["parts"] == ["kernel"]
    (name,) = data["kernel"]["explorers"]
    assert name in EXPLORERS
    entry = data["kernel"]["explorers"][name]
    assert "error" not in entry, entry.get("error")
    assert {"in_place", "naive", "controls", "pass"} <= set(entry)
    assert "Targets" in capsys.readouterr().out


def test_targets_cover_every_part_and_say_when_unmeasured():
    results = {
        "kernel": {
            "explorers": {
                "a": {"in_place": {"median_ms": 1.0, "p95_ms": 2.0}, "pass": True, "naive_over_in_place_median": 12.0},
                "b": {"error": "ValueError: x", "pass": False},
            }
        },
        "browser": {
            "results": {
                "windup": {"median_ms": 80.0},
                "glial_loop": {"median_ms": 120.0},
                "naive_interact_windup": {"median_ms": 200.0},
            },
            "windup_over_naive_median": 0.4,
        },
        "notebooks": {"total_s": 50.0, "count": 3, "errors": []},
        "startup": {"first_explorer": {"total_s": 3.0}, "first_explorer_in_fresh_kernel": {"to_display_s": 2.0}},
        "load": {
            "blank_plots": 1,
            "no_answer": 0,
            "explorers_shown": 15,
            "runs": [],
            "cpu_hogs": 3,
            "lesson": "07_x",
            "explore_calls": 5,
            "notebooks_dir": "notebooks",
        },
    }
    got = {t["id"]: t["pass"] for t in evaluate_targets(results)}
    assert got == {
        "kernel:a": True,
        "kernel_vs_naive:a": True,
        "kernel:b": False,
        "browser:windup": True,
        "browser:glial_loop": False,
        "browser:windup_vs_naive": True,
        "notebooks:total": True,
        "load:blank_plots": False,
        "startup:first_explorer": True,
        "startup:first_explorer_python_c": False,
    }
    assert "blank plots: 1 of 15" in format_report({"load": results["load"]})
    skipped = evaluate_targets({"browser": {"error": "no chromium"}, "load": {"error": "no chromium"}})
    assert all(t["pass"] is None for t in skipped)


def test_bad_arguments_are_refused():
    with pytest.raises(SystemExit):
        bench_run.main(["--parts", "nope"])
    with pytest.raises(ValueError, match="unknown part"):
        bench_run.collect(["nope"])


def test_browser_notebook_is_temporary_and_compares_with_a_naive_interact(tmp_path):
    import nbformat

    from benchmarks.browser_bench import _write_notebook

    name = _write_notebook(tmp_path)
    nb = nbformat.read(tmp_path / name, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert not (ROOT / "notebooks" / name).exists()
    # The naive cell runs as it would in the kernel and re-renders a whole figure per call.
    naive_cell = nb.cells[-1].source
    namespace: dict = {}
    exec(compile(naive_cell.rsplit("\n", 1)[0], "naive", "exec"), namespace)
    assert isinstance(namespace["naive"], w.interactive)
    assert {c.description for c in namespace["naive"].children if hasattr(c, "value")} == {
        c.description for c in EXPLORERS["windup"]().controls.values()
    }


def test_notebook_part_structure_without_notebooks():
    from benchmarks.notebook_bench import run_notebooks

    out = run_notebooks([])
    assert out["count"] == 0 and out["notebooks"] == {} and out["errors"] == []
    (target,) = evaluate_targets({"notebooks": out})
    assert target["id"] == "notebooks:total"
