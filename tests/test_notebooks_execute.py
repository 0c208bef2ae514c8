"""Every notebook runs top to bottom in a fresh python3 kernel, offline, without an error output.

Offline: a connection from the kernel to anything but this machine raises (tools/build_html.refuse_network).

The notebooks are executed once per session (the ``executed`` fixture in conftest.py); the same
execution feeds the handouts and the content checks.
"""

import pytest
from conftest import NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes_without_errors(path, executed):
    run = executed[path.stem]
    errors = run.errors
    assert not errors, f"{path.name}: " + "\n".join(errors)
    not_run = [
        i
        for i, c in enumerate(run.nb.cells)
        if c.cell_type == "code" and c.source.strip() and not c.get("execution_count")
    ]
    assert not not_run, f"{path.name}: code cells {not_run} did not run"
