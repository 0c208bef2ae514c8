"""What a lesson notebook's code does, read without running it: its explorers.

Used by the tests (which lessons get the busy-machine run, how many explorers a lesson shows) and by
the load benchmark (the lesson with the most explorers). Counts are taken from the notebook as it is
now, so lessons can be added or rewritten without touching the tests.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path


def code_cells(path: Path) -> list[str]:
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def _is_explore_call(node) -> bool:
    return isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Name) and node.func.id == "explore")
        or (isinstance(node.func, ast.Attribute) and node.func.attr == "explore")
    )


def _parsed(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except SyntaxError:  # IPython syntax (a magic): such a cell is counted by its text
        return None


def explore_calls(path: Path) -> int:
    """How many times the lesson's code calls ``explore(``."""
    count = 0
    for source in code_cells(path):
        tree = _parsed(source)
        if tree is None:
            count += len(re.findall(r"\bexplore\(", source))
        else:
            count += sum(_is_explore_call(node) for node in ast.walk(tree))
    return count


def shown_explorers(path: Path) -> int:
    """Code cells whose result is an explorer: the last statement is ``explore(...)`` or ``display(explore(...))``."""
    shown = 0
    for source in code_cells(path):
        tree = _parsed(source)
        if not tree or not tree.body or not isinstance(tree.body[-1], ast.Expr):
            continue
        value = tree.body[-1].value
        if isinstance(value, ast.Call) and getattr(value.func, "id", None) == "display" and value.args:
            value = value.args[0]
        shown += _is_explore_call(value)
    return shown


def busiest(paths: list[Path], places: int = 3) -> list[Path]:
    """The ``places`` lessons with the most explore( calls (a tie goes to the earlier lesson), in the given order."""
    counts = {p: explore_calls(p) for p in paths}
    ranked = sorted((p for p in paths if counts[p] > 0), key=lambda p: (-counts[p], paths.index(p)))[:places]
    return [p for p in paths if p in ranked]
