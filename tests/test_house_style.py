"""House style the code review would otherwise have to remember: figures are built in figures/,
explorers never reach into private attributes of the libraries they use."""

import ast

import pytest
from conftest import ROOT

PKG = ROOT / "crps_lessons"
WIDGET_MODULES = sorted((PKG / "widgets").glob("*.py"))
ALL_MODULES = sorted(PKG.rglob("*.py"))
BUILDING_CALLS = {
    "new_figure",
    "add_scatter",
    "add_trace",
    "add_bar",
    "add_heatmap",
    "add_shape",
    "add_annotation",
    "add_vrect",
    "add_hrect",
    "add_vline",
    "add_hline",
    "make_subplots",
    "Figure",
}


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            yield node, f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)


@pytest.mark.parametrize("path", WIDGET_MODULES, ids=[p.name for p in WIDGET_MODULES])
def test_widgets_hold_controls_and_updates_only(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    built = [f"line {node.lineno}: {name}()" for node, name in _calls(tree) if name in BUILDING_CALLS]
    assert not built, f"{path.name} builds figures (move the builder to crps_lessons/figures/): {built}"


@pytest.mark.parametrize("path", [p for p in WIDGET_MODULES if p.name != "base.py"], ids=lambda p: p.name)
def test_explorers_write_traces_only_through_restyle(path):
    # Explorer.restyle remembers what it wrote; a second write path would leave that memory stale.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    direct = [
        f"line {node.lineno}"
        for node, name in _calls(tree)
        if name == "trace" and isinstance(node.func.value, ast.Name) and node.func.value.id == "self"
    ]
    assert not direct, f"{path.name} takes traces with self.trace(...): write them with self.restyle(role, ...)"


# anywidget's documented widget attributes (https://anywidget.dev: a widget's front end is its ``_esm``
# module and ``_css``), public API despite the underscore.
ANYWIDGET_API = {"_esm", "_css"}


@pytest.mark.parametrize("path", ALL_MODULES, ids=[str(p.relative_to(PKG)) for p in ALL_MODULES])
def test_no_private_attributes_of_other_objects(path):
    """``obj._x`` is allowed only on ``self``/``cls`` (our own objects) and for dunder protocol methods."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in {"self", "cls"}:
                continue
            if node.attr == "_repr_mimebundle_":  # IPython's display protocol
                continue
            if node.attr in ANYWIDGET_API:
                continue
            bad.append(f"line {node.lineno}: .{node.attr}")
    assert not bad, f"{path.relative_to(ROOT)} touches private attributes: {bad}"
