"""Imports flow one way: data, models -> figures -> widgets -> notebooks."""

import ast

import pytest
from conftest import ROOT

PKG = ROOT / "crps_lessons"
# Layer of each part of the package; a module may import only from its own layer or lower ones.
LAYER = {
    "data": 0,
    "models": 0,
    "validate": 0,
    "progress": 0,
    "cite": 1,
    "quiz": 1,
    "glossary": 1,
    "findings": 1,
    "tables": 1,
    "figures": 2,
    "widgets": 3,
    "lesson": 4,
}


def _part(path):
    rel = path.relative_to(PKG).with_suffix("")
    return rel.parts[0] if rel.parts[0] != "__init__" else None


def _imported_parts(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    depth_of_pkg = len(path.relative_to(PKG).parts)  # 1 for crps_lessons/x.py, 2 for crps_lessons/sub/x.py
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = path.relative_to(PKG).parts[: depth_of_pkg - node.level]
                names = [*base, *(node.module.split(".") if node.module else [])]
                if not names:  # "from . import x" at the package top
                    names = [alias.name for alias in node.names]
                yield names[0]
            elif node.module and node.module.startswith("crps_lessons."):
                yield node.module.split(".")[1]


MODULES = sorted(p for p in PKG.rglob("*.py") if _part(p))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PKG)) for p in MODULES])
def test_imports_flow_one_way(path):
    own = _part(path)
    for part in _imported_parts(path):
        if part in LAYER and part != own:
            assert LAYER[part] <= LAYER[own], f"{path.relative_to(ROOT)} imports {part} (a higher layer)"
