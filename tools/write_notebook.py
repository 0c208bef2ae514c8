"""Write a lesson notebook from a list of cells, stripped and with the python3 kernelspec.

Authoring helper (not used at run time)::

    from tools.write_notebook import write, md, code
    write("notebooks/03_central_sensitization.ipynb", [md("# Title"), code("import crps_lessons")])

Also ``python tools/write_notebook.py --strip notebooks/*.ipynb`` strips outputs in place.
"""

from __future__ import annotations

import sys
import textwrap

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def md(text: str):
    return new_markdown_cell(textwrap.dedent(text).strip("\n"))


def code(text: str, hidden: bool = False):
    """A code cell; ``hidden``: its source is collapsed in JupyterLab (the patient track shows only outputs)."""
    cell = new_code_cell(textwrap.dedent(text).strip("\n"))
    if hidden:
        cell.metadata = {"jupyter": {"source_hidden": True}, "tags": ["hide-input"]}
    return cell


def strip(nb):
    for cell in nb.cells:
        cell.pop("id", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            # Keep only what changes how a reader meets the cell (hidden source), nothing a run adds.
            cell.metadata = {k: v for k, v in cell.metadata.items() if k in ("jupyter", "tags")}
    nb.metadata = dict(METADATA)
    nb.nbformat, nb.nbformat_minor = 4, 5
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
    return nb


def write(path: str, cells: list) -> None:
    nb = new_notebook(cells=cells)
    nbformat.write(strip(nb), path)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--strip"]:
        for p in sys.argv[2:]:
            nbformat.write(strip(nbformat.read(p, as_version=4)), p)
