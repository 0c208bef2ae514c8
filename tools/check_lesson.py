"""Check one lesson the way the suite will: run it in a fresh kernel, then its text, quiz and guide tests.

    .venv/bin/python tools/check_lesson.py 06_how_care_is_organized

Prints every error output of the run, then runs the tests that concern this lesson (and the
bank-wide quiz and wording tests, which the lesson's rows must not break). Exit status: non-zero
when anything fails. Meant for the edit-run loop of a lesson author; `make test` runs everything.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def run(stem: str) -> list[str]:
    path = ROOT / "notebooks" / f"{stem}.ipynb"
    if not path.exists():
        raise SystemExit(
            f"no notebook {path.relative_to(ROOT)}; lessons: "
            + ", ".join(p.stem for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
        )
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CRPS_LESSONS_PROGRESS"] = str(Path(tmp) / "progress.json")
        NotebookClient(
            nb,
            timeout=300,
            kernel_name="python3",
            allow_errors=True,
            resources={"metadata": {"path": str(ROOT / "notebooks")}},
        ).execute()
    errors = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                errors.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("name") == "stderr" and "Traceback" in out.get("text", ""):
                errors.append(f"cell {i}: traceback on stderr: {out['text'][:500]}")
    return errors


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    stem = Path(argv[0]).stem
    errors = run(stem)
    print(f"{stem}: ran with {len(errors)} error output(s)")
    for e in errors:
        print("  " + e)
    files = [
        "tests/test_learning_loop.py",
        "tests/test_plain_language.py",
        "tests/test_quiz_bank.py",
        "tests/test_own_words.py",
        "tests/test_guide.py",
    ]
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--collect-only", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    # This lesson's tests, and the collection-wide ones (quiz bank, wording) its rows must not break.
    node_ids = [n for n in collected if "::" in n and ("[" not in n or f"[{stem}" in n)]
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *node_ids], cwd=ROOT)
    return 1 if errors or result.returncode else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
