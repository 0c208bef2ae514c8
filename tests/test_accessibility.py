"""Accessibility of everything the package builds.

- every figure (explorer figures and every public ``*_figure`` builder in crps_lessons/figures/*.py):
  a title, axis titles with units, a one-sentence description, the colour-blind-safe palette,
  and traces told apart by a name, never by colour alone;
- every control in every explorer, quiz, trainer and view: labelled (description or tooltip) and a
  standard ipywidgets control, which JupyterLab makes operable by keyboard.
(tests/test_explorers_generic.py checks each explorer's controls dict; here the whole widget tree.)
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import ipywidgets as w
import plotly.graph_objects as go
import pytest
from plotly.basewidget import BaseFigureWidget

import crps_lessons.figures as figures_pkg
import crps_lessons.widgets as widgets_pkg
from crps_lessons.data import load_table, table_names
from crps_lessons.figures import PALETTE, description_of
from crps_lessons.quiz import show_quiz
from crps_lessons.widgets import EXPLORERS, Explorer, explore

UNIT = re.compile(r"\(.+\)\s*$")
# Standard ipywidgets controls: each is reachable with Tab and operated with keys in JupyterLab.
KEYBOARD_CONTROLS = (
    w.Button,
    w.Checkbox,
    w.ToggleButton,
    w.ToggleButtons,
    w.RadioButtons,
    w.Dropdown,
    w.Select,
    w.SelectMultiple,
    w.SelectionSlider,
    w.SelectionRangeSlider,
    w.IntSlider,
    w.FloatSlider,
    w.FloatLogSlider,
    w.IntRangeSlider,
    w.FloatRangeSlider,
    w.Text,
    w.Textarea,
    w.IntText,
    w.FloatText,
    w.BoundedIntText,
    w.BoundedFloatText,
    w.Combobox,
    w.Play,
    w.DatePicker,
    w.ColorPicker,
)
DISPLAY_ONLY = (
    w.HTML,
    w.HTMLMath,
    w.Label,
    w.Image,
    w.Output,
    w.Valid,
    w.IntProgress,
    w.FloatProgress,
    BaseFigureWidget,
)


# --------------------------------------------------------------------------- figures


def _figure_modules():
    return [
        importlib.import_module(f"{figures_pkg.__name__}.{m.name}") for m in pkgutil.iter_modules(figures_pkg.__path__)
    ]


def _builders():
    """Public functions named *_figure defined in crps_lessons/figures/*.py (new_figure excluded)."""
    found = []
    for module in [figures_pkg, *_figure_modules()]:
        for name, fn in vars(module).items():
            if (
                inspect.isfunction(fn)
                and fn.__module__ == module.__name__
                and not name.startswith("_")
                and name.endswith("_figure")
                and name != "new_figure"
            ):
                found.append((f"{module.__name__.rsplit('.', 1)[-1]}.{name}", fn))
    return sorted(found)


BUILDERS = _builders()


def _argument_sets(fn):
    """Ways to call a builder: no args if none are required; else values from a data table whose
    columns (or name) match the required parameters. Empty when no table fits."""
    required = [
        p.name
        for p in inspect.signature(fn).parameters.values()
        if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
    ]
    if not required:
        return [{}]
    if len(required) == 1:
        matches = [t for t in table_names() if t == required[0] or t.endswith("_" + required[0])]
        if matches:
            return [{required[0]: load_table(matches[0])}]
    for table_name in table_names():
        table = load_table(table_name)
        if all(r in table.columns for r in required):
            combos = table[required].dropna().drop_duplicates().head(3)
            return [dict(zip(required, row, strict=True)) for row in combos.itertuples(index=False)]
    return []


def _check_figure(label, fig):
    assert isinstance(fig, go.Figure | BaseFigureWidget), f"{label}: returned {type(fig).__name__}, not a figure"
    assert (fig.layout.title.text or "").strip(), f"{label}: figure has no title"
    assert len(description_of(fig).split()) >= 6, f"{label}: figure has no one-sentence description"
    axes = [k for k in fig.layout.to_plotly_json() if re.fullmatch(r"[xy]axis\d*", k)]
    assert axes, f"{label}: figure has no axes (hide unused ones with visible=False)"
    for key in axes:
        axis = fig.layout[key]
        if axis.visible is False:
            continue
        title = axis.title.text or ""
        assert UNIT.search(title), f"{label}: {key} title {title!r} has no unit in parentheses"
    colorway = list(fig.layout.colorway or [])
    assert [c.upper() for c in colorway[: len(PALETTE)]] == [c.upper() for c in PALETTE], (
        f"{label}: the colour-blind-safe palette (Okabe-Ito) is not the colourway"
    )
    legend = [t.name for t in fig.data if t.showlegend is not False and t.visible is not False]
    if fig.layout.showlegend is not False and len(legend) > 1:
        assert all(n and str(n).strip() for n in legend), f"{label}: a trace in the legend has no name"
        assert len(set(legend)) == len(legend), (
            f"{label}: traces share a legend name {legend}: only colour would tell them apart"
        )


# Builders a data table can call are checked directly; the rest (their arguments are model results)
# are checked through the explorer that builds them, which the test below requires to exist.
CALLABLE = [(label, fn, calls) for label, fn in BUILDERS if (calls := _argument_sets(fn))]
VIA_EXPLORER = [(label, fn) for label, fn in BUILDERS if not _argument_sets(fn)]


def test_there_are_figure_builders():
    assert CALLABLE, "no *_figure builders found in crps_lessons/figures"


@pytest.mark.parametrize("label,fn,calls", CALLABLE, ids=[b[0] for b in CALLABLE])
def test_every_figure_builder_makes_an_accessible_figure(label, fn, calls):
    for kwargs in calls:
        _check_figure(f"{label}({', '.join(kwargs)})", fn(**kwargs))


@pytest.mark.parametrize("label,fn", VIA_EXPLORER, ids=[b[0] for b in VIA_EXPLORER])
def test_a_builder_no_table_can_call_is_built_by_an_explorer(label, fn):
    used = [
        m.name
        for m in pkgutil.iter_modules(widgets_pkg.__path__)
        if fn.__name__ in inspect.getsource(importlib.import_module(f"{widgets_pkg.__name__}.{m.name}"))
    ]
    assert used, (
        f"{label}: cannot call it (give its parameters defaults or name them after a data "
        "table or its columns) and no explorer uses it"
    )


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_explorer_figure_is_accessible(name):
    _check_figure(f"explorer {name}", explore(name).figure)


# --------------------------------------------------------------------------- controls


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


def _check_controls(label, root):
    controls = 0
    for widget in _walk(root):
        if isinstance(widget, (w.Box, *DISPLAY_ONLY)):
            continue
        assert isinstance(widget, KEYBOARD_CONTROLS), (
            f"{label}: {type(widget).__name__} is not a standard keyboard-operable control"
        )
        name = (getattr(widget, "description", "") or getattr(widget, "tooltip", "") or "").strip()
        assert name, f"{label}: a {type(widget).__name__} has no label (description or tooltip)"
        controls += 1
    return controls


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_explorer_control_is_labelled_and_keyboard_operable(name):
    ex = explore(name)
    assert _check_controls(f"explorer {name}", ex.widget) >= 1
    # The text readout and description sit under the figure, so the point does not need the picture.
    assert ex.description in ex.widget.children and ex.readout in ex.widget.children


QUIZ_NOTEBOOKS = sorted(set(load_table("quiz")["notebook"]))


@pytest.mark.parametrize("notebook", QUIZ_NOTEBOOKS)
def test_quiz_controls_are_labelled(notebook, tmp_path, monkeypatch):
    monkeypatch.setenv("CRPS_LESSONS_PROGRESS", str(tmp_path / "progress.json"))
    quiz = show_quiz(notebook, attempt="after" if notebook == "concept_inventory" else None)
    assert _check_controls(f"quiz {notebook}", quiz.widget) >= 2 * len(quiz.questions)


def _other_widgets():
    """Public non-Explorer classes in crps_lessons/widgets/* buildable without arguments that have a
    ``.widget`` (trainers), and public functions there returning a widget without arguments (views)."""
    found = []
    for m in pkgutil.iter_modules(widgets_pkg.__path__):
        module = importlib.import_module(f"{widgets_pkg.__name__}.{m.name}")
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isclass(obj) and not issubclass(obj, Explorer):
                params = list(inspect.signature(obj).parameters.values())
                if all(
                    p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                    for p in params
                ):
                    found.append((f"{m.name}.{name}", obj))
            elif (
                inspect.isfunction(obj)
                and inspect.signature(obj).return_annotation in ("w.VBox", "w.Widget", w.VBox, w.Widget)
                and not [p for p in inspect.signature(obj).parameters.values() if p.default is inspect.Parameter.empty]
            ):
                found.append((f"{m.name}.{name}", obj))
    return sorted(found, key=lambda x: x[0])


OTHER_WIDGETS = _other_widgets()


@pytest.mark.parametrize("label,factory", OTHER_WIDGETS, ids=[o[0] for o in OTHER_WIDGETS])
def test_trainers_and_views_are_labelled(label, factory, tmp_path, monkeypatch):
    monkeypatch.setenv("CRPS_LESSONS_PROGRESS", str(tmp_path / "progress.json"))
    built = factory()
    root = built if isinstance(built, w.Widget) else getattr(built, "widget", None)
    assert isinstance(root, w.Widget), f"{label}: neither a widget nor has a .widget"
    _check_controls(label, root)
    for widget in _walk(root):
        if isinstance(widget, BaseFigureWidget):
            _check_figure(f"{label} figure", widget)
