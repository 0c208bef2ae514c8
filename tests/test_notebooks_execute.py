"""Every notebook runs top to bottom in a fresh python3 kernel, offline, without an error output."""

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import NOTEBOOKS, ROOT


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes_without_errors(path, tmp_path, monkeypatch):
    # Progress from quizzes must not land in the tester's home.
    monkeypatch.setenv("CRPS_LESSONS_PROGRESS", str(tmp_path / "progress.json"))
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute()
    errors = [
        (i, out.get("ename"), out.get("evalue"))
        for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
        for out in cell.get("outputs", []) if out.get("output_type") == "error"
    ]
    assert not errors, f"{path.name}: error outputs {errors}"
    streams = "".join(out.get("text", "") for cell in nb.cells if cell.cell_type == "code"
                      for out in cell.get("outputs", []) if out.get("name") == "stderr")
    assert "Traceback" not in streams, f"{path.name}: a traceback on stderr:\n{streams[:2000]}"
