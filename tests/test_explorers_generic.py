"""Every registered explorer: the shared interface, and every control live.

Titles, units, descriptions and labels of every explorer are checked in test_accessibility.py.
"""


import ipywidgets as w
import plotly.graph_objects as go
import pytest

from crps_lessons.widgets import EXPLORERS, explore

NAMES = sorted(EXPLORERS)


def _other_value(control):
    """A valid value different from the current one (what a learner's move would produce)."""
    if isinstance(control, (w.Checkbox, w.ToggleButton)):
        return not control.value
    if hasattr(control, "options") and not isinstance(control, (w.SelectionSlider, w.SelectionRangeSlider)):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return next(v for v in values if v != control.value)
    if isinstance(control, w.SelectionSlider):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return values[-1] if control.value != values[-1] else values[0]
    if hasattr(control, "max"):
        return control.max if control.value != control.max else control.min
    raise TypeError(f"no rule to move a {type(control).__name__}")


def test_there_are_explorers():
    assert NAMES, "EXPLORERS is empty"


@pytest.mark.parametrize("name", NAMES)
def test_explorer_interface(name):
    ex = explore(name)
    assert isinstance(ex.figure, go.FigureWidget)
    assert isinstance(ex.widget, w.Widget) and ex.figure in ex.widget.children
    assert ex.controls and all(isinstance(c, w.ValueWidget) for c in ex.controls.values())
    assert ex._repr_mimebundle_() is not None


@pytest.mark.parametrize("name", NAMES)
def test_every_control_changes_the_figure_in_place(name):
    ex = explore(name)
    fig = ex.figure
    for key, control in ex.controls.items():
        before = fig.to_plotly_json()
        n_traces = len(fig.data)
        control.value = _other_value(control)
        assert ex.figure is fig, f"{name}: the figure was replaced"
        assert fig.to_plotly_json() != before, f"{name}: moving {key!r} did not change the figure"
        assert len(fig.data) == n_traces, f"{name}: moving {key!r} added or removed traces (rebuild?)"


def test_unknown_explorer_and_control_are_named():
    with pytest.raises(ValueError, match="no explorer named 'nope'"):
        explore("nope")
    name = NAMES[0]
    with pytest.raises(ValueError, match="no control named 'nope'"):
        explore(name, nope=1)
