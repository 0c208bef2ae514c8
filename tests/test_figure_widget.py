"""The explorers' figure widget (crps_lessons.widgets.figure_widget, plotly/plotly.py#5143): plotly's
FigureWidget whose own front end is small and loads plotly's module once per page. What it does in a
page is tested in tests/test_browser.py (test_changes_sent_before_plotly_loads_...)."""

import plotly.graph_objects as go
import pytest

from crps_lessons.widgets import EXPLORERS, explore
from crps_lessons.widgets.figure_widget import CACHE_KEY, explorer_figure, front_end, plotly_front_end, py2js_traits


def test_the_widget_sends_a_small_front_end_and_plotly_s_own_module_beside_it():
    state = explorer_figure(go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))).get_state()
    assert state["_esm"] == front_end() and len(state["_esm"]) < 5_000
    assert state["_plotly_front_end"] == plotly_front_end() == str(go.FigureWidget._esm)
    assert CACHE_KEY in state["_esm"]


def test_every_kernel_to_page_message_of_plotly_is_held_until_plotly_is_ready():
    held = py2js_traits()
    assert "_py2js_restyle" in held and "_py2js_update" in held and "_py2js_relayout" in held
    synced = {name for name, trait in go.FigureWidget.class_traits().items() if trait.metadata.get("sync")}
    assert {n for n in synced if n.startswith("_py2js_")} == set(held)
    assert f"const PY2JS = {held!r};".replace("'", '"') in front_end()


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_explorer_figure_is_one(name):
    ex = explore(name)
    figures = [f for f in vars(ex).values() if isinstance(f, go.FigureWidget)]
    assert figures and all("_plotly_front_end" in f.get_state() for f in figures), name
