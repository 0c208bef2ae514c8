"""The fast FigureWidget import hides rfc3987_syntax for that one import only
(workaround for python-jsonschema/jsonschema#1428; crps_lessons.widgets.figure_widget)."""

import subprocess
import sys

SCRIPT = """
import sys
from crps_lessons.widgets import explore
ex = explore("windup")
import plotly.graph_objects as go
assert isinstance(ex.figure, go.FigureWidget) and type(ex.figure).__name__ == "ExplorerFigure"
assert sys.modules.get("rfc3987_syntax", "absent") is not None, "rfc3987_syntax left blocked"
import jsonschema
try:
    import rfc3987_syntax  # importable again afterwards (when installed)
except ImportError as exc:
    assert "None in sys.modules" not in str(exc), exc
print("ok")
"""


def test_figurewidget_import_leaves_no_blocked_module():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
