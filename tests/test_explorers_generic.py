"""Every registered explorer: one construction path, every control live, start values checked.

Titles, units, descriptions and labels of every explorer are checked in test_accessibility.py;
what each explorer's numbers mean is checked in its own test module.
"""

import ipywidgets as w
import plotly.graph_objects as go
import pytest

from crps_lessons.figures import role_of
from crps_lessons.widgets import EXPLORERS, explore

NAMES = sorted(EXPLORERS)


def _options(control):
    return [o[1] if isinstance(o, tuple) else o for o in control.options]


def _other_value(control):
    """A valid value different from the current one (what a learner's move would produce)."""
    if isinstance(control, w.Checkbox | w.ToggleButton):
        return not control.value
    if hasattr(control, "options"):
        values = _options(control)
        return next(v for v in reversed(values) if v != control.value)
    if hasattr(control, "max"):
        return control.max if control.value != control.max else control.min
    raise TypeError(f"no rule to move a {type(control).__name__}")


def _state(ex):
    """What a learner sees: the figure (traces without plotly's own uids), the readout, every control."""
    fig = ex.figure.to_plotly_json()
    for i, trace in enumerate(fig["data"]):
        trace.pop("uid", None)
        if trace.get("visible") is False:  # a hidden trace shows nothing, whatever data it keeps
            fig["data"][i] = {"meta": trace.get("meta"), "visible": False}
    return fig, ex.readout.value, ex.values()


def test_there_are_explorers():
    assert len(NAMES) >= 10, f"only {len(NAMES)} explorers registered: {NAMES}"


@pytest.mark.parametrize("name", NAMES)
def test_explorer_is_born_complete(name):
    ex = explore(name)
    assert isinstance(ex.figure, go.FigureWidget)
    assert ex.figure in ex.widget.children
    assert ex.controls and all(isinstance(c, w.ValueWidget) for c in ex.controls.values())
    roles = [role_of(t) for t in ex.figure.data]
    assert None not in roles, f"{name}: traces without a role: {roles}"
    assert len(set(roles)) == len(roles), f"{name}: two traces share a role: {roles}"
    # The widget's synced state already holds the filled figure: a view created now draws it whole.
    assert ex.figure.to_dict()["data"] and ex.readout.value.strip()


@pytest.mark.parametrize("name", NAMES)
def test_every_control_updates_in_place(name):
    ex = explore(name)
    fig = ex.figure
    for key, control in ex.controls.items():
        before = _state(ex)[:2]
        n_traces = len(fig.data)
        control.value = _other_value(control)
        assert ex.figure is fig, f"{name}: moving {key!r} replaced the figure"
        assert _state(ex)[:2] != before, f"{name}: moving {key!r} changed neither the figure nor the readout"
        assert len(fig.data) == n_traces, f"{name}: moving {key!r} added or removed traces (a rebuild?)"


@pytest.mark.parametrize("name", NAMES)
def test_start_values_equal_setting_the_controls_later(name):
    for key, control in explore(name).controls.items():
        value = _other_value(control)
        started = explore(name, **{key: value})
        later = explore(name)
        later.controls[key].value = value
        assert _state(started) == _state(later), f"{name}: explore(..., {key}={value!r}) differs from setting it"


@pytest.mark.parametrize("name", NAMES)
def test_bad_start_values_are_rejected_with_the_allowed_range(name):
    for key, control in explore(name).controls.items():
        if hasattr(control, "options"):
            bad = ["not one of the options"]
        elif isinstance(control, w.Checkbox | w.ToggleButton):
            bad = ["yes"]
        elif hasattr(control, "max"):
            bad = [control.max + 1000, control.min - 1000, "1", float("nan")]
        else:
            continue
        for value in bad:
            with pytest.raises(ValueError, match=key):
                explore(name, **{key: value})


def test_unknown_explorer_and_control_are_named():
    with pytest.raises(ValueError, match="no explorer named 'nope'"):
        explore("nope")
    with pytest.raises(ValueError, match="no control named 'nope'"):
        explore(NAMES[0], nope=1)


@pytest.mark.parametrize("name", NAMES)
def test_a_walk_through_the_controls_ends_where_a_fresh_explorer_starts(name):
    """restyle() leaves out values it wrote before: after moving every control away and back, in every
    order the walk takes, the figure is still exactly what a freshly built explorer shows."""
    ex = explore(name)
    start = _state(ex)
    moved = {}
    for key, control in ex.controls.items():
        moved[key] = control.value
        control.value = _other_value(control)
        assert _state(ex) == _state(explore(name, **{k: c.value for k, c in ex.controls.items()})), (
            f"{name}: after moving {key}, the figure differs from a fresh explorer with the same values"
        )
    for key, value in reversed(moved.items()):
        ex.controls[key].value = value
    assert _state(ex) == start, f"{name}: moving every control and back does not give the starting figure"


def test_restyle_writes_only_what_changed():
    ex = explore("windup")
    role = role_of(ex.figure.data[0])
    sent = []
    ex.figure.data[0].on_change(lambda trace, *values: sent.append(values), "name", "x")
    name, x = ex.figure.data[0].name, list(ex.figure.data[0].x)
    ex.restyle(role, name=name + " (changed)", x=x)  # x as already written by the explorer: left out
    ex.restyle(role, name=name + " (changed)")  # the same name again: nothing written
    assert ex.figure.data[0].name == name + " (changed)"
    assert len(sent) == 1, sent
