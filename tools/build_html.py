"""Handouts: execute every lesson notebook and write self-contained HTML pages (``make html``).

    python tools/build_html.py [OUT_DIR=build/html] [--jobs N] [--only STEM ...]

For each ``notebooks/NN_*.ipynb`` (teaching order = file name order) the notebook is executed
in a fresh python3 kernel (nbclient; quiz progress goes to a temporary file, never the
learner's home) and exported with nbconvert's ``lab`` template into ``OUT_DIR/NN_*.html``, plus
``OUT_DIR/index.html`` linking every page in teaching order.

Offline and interactive:
- plotly.js (the copy bundled with the plotly Python package) is embedded once, in the page head;
  every plotly figure is a ``<div>`` drawn by it, so figures keep zoom, pan and hover offline.
- No ``<script src="http...">``: the template drops require.js, MathJax and mermaid, which
  nbconvert would load from a CDN (TeX in markdown therefore shows as written).

Widgets: ipywidgets and FigureWidgets cannot run without a kernel. Before the lesson's own cells,
a setup cell (removed again from the output) changes how widgets display in that kernel: every
widget displays as static HTML of its current (= default) state, built by
:func:`static_widget_html`: a FigureWidget becomes an interactive plotly figure of the same data,
an explorer becomes a note ("snapshot at the default settings"), its controls as "label: value",
its figure, its text description and readout; a quiz shows its questions and choices.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
SETUP_TAG = "crps-handout-setup"

# --------------------------------------------------------------------------- in the kernel

STATIC_NOTE = ("Snapshot of the interactive explorer at its default settings. Open the lesson in "
               "JupyterLab to move the controls.")


def _figure_html(fig) -> str:
    import plotly.graph_objects as go
    import plotly.io as pio

    static = go.Figure(fig) if not type(fig) is go.Figure else fig
    return pio.to_html(static, include_plotlyjs=False, full_html=False, default_height="420px",
                       config={"displaylogo": False, "responsive": True})


def _option_values(widget) -> list:
    return [str(o[0]) if isinstance(o, tuple) else str(o) for o in widget.options]


def static_widget_html(widget) -> str:
    """Static HTML for an ipywidget tree, showing its current state (see module doc)."""
    import ipywidgets as w
    from plotly.basewidget import BaseFigureWidget

    esc = html.escape
    if isinstance(widget, BaseFigureWidget):
        return f'<div class="crps-static-figure">{_figure_html(widget)}</div>'
    if isinstance(widget, (w.HTML, w.HTMLMath)):
        return widget.value or ""
    if isinstance(widget, w.Label):
        return f"<p>{esc(str(widget.value))}</p>"
    if isinstance(widget, w.Box):
        classes = list(getattr(widget, "_dom_classes", ()))
        inner = "".join(static_widget_html(child) for child in widget.children)
        style = "display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start" if isinstance(widget, w.HBox) else ""
        note = ""
        if "crps-explorer" in classes:
            note = f'<p class="crps-static-note"><i>{esc(STATIC_NOTE)}</i></p>'
        cls = " ".join(["crps-static-box"] + [c for c in classes if re.fullmatch(r"[\w-]+", c)])
        return f'<div class="{cls}" style="{style}">{note}{inner}</div>'
    if isinstance(widget, w.Button):
        return ""        # nothing to press in a handout
    if isinstance(widget, w.Output):
        return ""
    label = esc(getattr(widget, "description", "") or getattr(widget, "tooltip", "") or "")
    if isinstance(widget, (w.RadioButtons, w.Select, w.Dropdown, w.ToggleButtons, w.SelectMultiple)) \
            and not isinstance(widget, (w.SelectionSlider,)):
        current = getattr(widget, "label", None)
        chosen = set(widget.label) if isinstance(widget, w.SelectMultiple) else {current}
        items = "".join(f"<li>{'◉' if o in chosen else '○'} {esc(o)}</li>" for o in _option_values(widget))
        return f'<div class="crps-static-control"><b>{label}</b><ul style="list-style:none">{items}</ul></div>'
    if isinstance(widget, w.ValueWidget) or hasattr(widget, "value"):
        value = getattr(widget, "label", None) if isinstance(widget, w.SelectionSlider) else widget.value
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if isinstance(value, float):
            value = f"{value:g}"
        return f'<p class="crps-static-control"><b>{label}</b> {esc(str(value))}</p>'
    return ""


def install_static_display() -> None:
    """In a kernel: make widgets and plotly figures display as static HTML (see module doc)."""
    import anywidget
    import ipywidgets as w
    import plotly.io as pio
    from plotly.basewidget import BaseFigureWidget
    from plotly.io._base_renderers import MimetypeRenderer

    def bundle(self, **kwargs):
        return {"text/plain": f"<{type(self).__name__} (static snapshot)>", "text/html": static_widget_html(self)}

    for cls in (w.Widget, anywidget.AnyWidget, BaseFigureWidget):
        cls._repr_mimebundle_ = bundle
    if "_ipython_display_" in vars(BaseFigureWidget):
        del BaseFigureWidget._ipython_display_   # it only raises NotImplementedError

    class StaticHTML(MimetypeRenderer):
        def to_mimebundle(self, fig_dict):
            return {"text/html": _figure_html(fig_dict)}

    pio.renderers["crps_static"] = StaticHTML()
    pio.renderers.default = "crps_static"


def _setup_source() -> str:
    return (f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
            "from tools.build_html import install_static_display\ninstall_static_display()\n"
            f"sys.path.remove({str(ROOT)!r})")


# --------------------------------------------------------------------------- build

TEMPLATE = r"""{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}
<script type="text/javascript">{{ resources.crps_plotly_js }}</script>
{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block extra_css -%}
<style>
.crps-static-box { margin: 0.3em 0; }
.crps-static-note { color: #333; border-left: 4px solid #0072B2; padding-left: 0.6em; }
.crps-static-control { margin: 0.2em 0; }
.crps-static-figure { width: 100%; }
</style>
{%- endblock extra_css -%}
"""


def notebooks(source: Path | None = None) -> list[Path]:
    """Lesson notebooks in teaching order."""
    return sorted((source or ROOT / "notebooks").glob(NOTEBOOK_GLOB))


def title_of(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return "Lesson"


def execute(path: Path, timeout: int = 300):
    """Run a notebook with the static-display setup cell; returns the executed notebook (setup removed)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    setup = nbformat.v4.new_code_cell(_setup_source(), metadata={"tags": [SETUP_TAG]})
    nb.cells.insert(0, setup)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nb.cells = [c for c in nb.cells if SETUP_TAG not in c.metadata.get("tags", [])]
    errors = [f"cell {i}: {o.get('ename')}: {o.get('evalue')}" for i, c in enumerate(nb.cells)
              if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        raise RuntimeError(f"{path.name}: error outputs: {errors}")
    for cell in nb.cells:               # no widget view may be left for nbconvert to reference
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                raise RuntimeError(f"{path.name}: a widget output was not made static")
    nb.metadata.pop("widgets", None)
    return nb


def export(nb, title: str) -> str:
    """A self-contained HTML page for an executed notebook (plotly.js embedded once)."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from plotly.offline import get_plotlyjs

    exporter = HTMLExporter(template_name="lab", extra_loaders=[DictLoader({"crps.html.j2": TEMPLATE})],
                            template_file="crps.html.j2")
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb, resources={"crps_plotly_js": get_plotlyjs(),
                                                         "metadata": {"name": title}})
    return body


def build_one(path: str, out_dir: str) -> tuple[str, str, float]:
    """Execute and export one notebook; returns (html file name, title, seconds)."""
    start = time.monotonic()
    path, out_dir = Path(path), Path(out_dir)
    nb = execute(path)
    title = title_of(nb)
    target = out_dir / f"{path.stem}.html"
    tmp = target.with_suffix(".html.tmp")
    tmp.write_text(export(nb, title), encoding="utf-8")
    os.replace(tmp, target)
    return target.name, title, time.monotonic() - start


def index_html(pages: list[tuple[str, str]]) -> str:
    from crps_lessons import DISCLAIMER

    items = "\n".join(f'    <li><a href="{html.escape(name)}">{html.escape(title)}</a></li>' for name, title in pages)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CRPS lessons: handouts</title>
<style>body {{ font-family: sans-serif; max-width: 46em; margin: 2em auto; line-height: 1.5; padding: 0 1em; }}</style>
</head>
<body>
<h1>CRPS lessons: handouts</h1>
<p>Static copies of the lessons in teaching order, run once with every explorer at its default settings.
The plots still zoom and show values on hover, offline. To move the controls, open the notebooks in JupyterLab.</p>
<p>{html.escape(DISCLAIMER)}</p>
<ol class="crps-handouts">
{items}
</ol>
</body>
</html>
"""


def build(out_dir: Path | str = ROOT / "build" / "html", *, only: list[str] | None = None, jobs: int = 2,
          source: Path | None = None, log=print) -> list[Path]:
    """Build every handout and the index; returns the written paths (index last)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = notebooks(source)
    if only:
        unknown = set(only) - {p.stem for p in paths}
        if unknown:
            raise ValueError(f"--only: no notebooks named {sorted(unknown)}; have {[p.stem for p in paths]}")
        paths = [p for p in paths if p.stem in only]
    if not paths:
        raise ValueError(f"no notebooks matching {NOTEBOOK_GLOB} in {source or ROOT / 'notebooks'}")
    # Quiz progress of the executed notebooks must never reach the builder's home.
    with tempfile.TemporaryDirectory(prefix="crps-html-") as tmp:
        os.environ["CRPS_LESSONS_PROGRESS"] = str(Path(tmp) / "progress.json")
        if jobs > 1 and len(paths) > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                results = list(pool.map(build_one, [str(p) for p in paths], [str(out_dir)] * len(paths)))
        else:
            results = [build_one(str(p), str(out_dir)) for p in paths]
    for name, title, seconds in results:
        log(f"{name}: {title} ({seconds:.1f} s)")
    all_pages = [(p.name.replace(".ipynb", ".html"), None) for p in notebooks(source)]
    known = {name: title for name, title, _ in results}
    pages = []
    for name, _ in all_pages:                  # index lists every page present, in teaching order
        if name in known:
            pages.append((name, known[name]))
        elif (out_dir / name).exists():
            m = re.search(r"<title>(.*?)</title>", (out_dir / name).read_text(encoding="utf-8"), re.S)
            pages.append((name, html.unescape(m.group(1).strip()) if m else name))
    index = out_dir / "index.html"
    index.write_text(index_html(pages), encoding="utf-8")
    log(f"index.html: {len(pages)} lessons -> {out_dir}")
    return [out_dir / name for name, _ in pages] + [index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", nargs="?", default=str(ROOT / "build" / "html"))
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed in parallel (default 2)")
    parser.add_argument("--only", nargs="*", help="notebook stems to build (default: all)")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be 1 or more")
    build(args.out_dir, only=args.only, jobs=args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
