"""The fast FigureWidget import hides rfc3987_syntax for that one import only."""

import subprocess
import sys

SCRIPT = """
import sys
from crps_lessons.figures import new_figure, axis_title
fig = new_figure("t", axis_title("x", "s"), axis_title("y", "mV"), "A test figure with a description.")
assert type(fig).__name__ == "FigureWidget"
assert sys.modules.get("rfc3987_syntax", "absent") is not None, "rfc3987_syntax left blocked"
import rfc3987_syntax  # importable again afterwards
import jsonschema
print("ok")
"""


def test_figurewidget_import_leaves_no_blocked_module():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
