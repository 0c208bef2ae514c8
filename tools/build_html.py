"""Handouts: self-contained offline HTML pages of the lesson notebooks (``make html``).

    python tools/build_html.py [OUT_DIR=build/html] [--jobs N] [--only STEM ...]

Two steps, usable apart (the test suite executes every notebook once and feeds that one
execution to its error checks, its content checks and :func:`build`):

1. :func:`execute` runs a notebook in a fresh python3 kernel (nbclient), offline (a connection
   to anything but this machine raises in the kernel) and with quiz progress in a temporary file.
   A hidden setup cell, removed again from the result, makes every display carry a static
   ``text/html`` copy beside its normal output: a widget gets :func:`static_widget_html` of its
   state when displayed (= its default state), a plotly figure gets a plotly ``<div>``. The live
   outputs are untouched: the notebook is what a learner's kernel produces, plus those copies.
2. :func:`export` turns an executed notebook into one page with nbconvert's ``lab`` template: the
   static copies replace the live widget views; plotly.js (the copy bundled with the plotly Python
   package) is embedded once in the page head, so figures keep zoom, pan and hover offline. No
   ``<script src="http...">``: require.js, MathJax and mermaid are dropped (TeX shows as written).

:func:`build` writes ``OUT_DIR/NN_*.html`` for every ``notebooks/NN_*.ipynb`` (teaching order =
file name order) and ``OUT_DIR/index.html`` linking them, executing them first unless given
executed notebooks. A lesson whose markdown cells are tagged ``printable`` (forms to fill in:
lesson 10's flare plan, diary and question list) also gets ``OUT_DIR/NN_*_printable.html``
(:func:`printable_html`): those cells alone, with print styles, one printed page each, listed in
the index under "Printable pages".
"""

from __future__ import annotations

import argparse
import copy
import html
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
SETUP_TAG = "crps-handout-setup"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLOTLY_MIME = "application/vnd.plotly.v1+json"

STATIC_NOTE = (
    "Snapshot of the interactive explorer at its default settings. Open the lesson in JupyterLab to move the controls."
)
PRINTABLE_TAG = "printable"
PRINTABLE_SUFFIX = "_printable"

# --------------------------------------------------------------------------- in the kernel


def _figure_html(fig) -> str:
    import plotly.graph_objects as go
    import plotly.io as pio

    static = fig if type(fig) is go.Figure else go.Figure(fig)
    return pio.to_html(
        static,
        include_plotlyjs=False,
        full_html=False,
        default_height="420px",
        config={"displaylogo": False, "responsive": True},
    )


def _option_values(widget) -> list:
    return [str(o[0]) if isinstance(o, tuple) else str(o) for o in widget.options]


def static_widget_html(widget) -> str:
    """Static HTML for an ipywidget tree, showing its current state."""
    import ipywidgets as w
    from plotly.basewidget import BaseFigureWidget

    esc = html.escape
    if isinstance(widget, BaseFigureWidget):
        return f'<div class="crps-static-figure">{_figure_html(widget)}</div>'
    if isinstance(widget, w.HTML | w.HTMLMath):
        return widget.value or ""
    if isinstance(widget, w.Label):
        return f"<p>{esc(str(widget.value))}</p>"
    if isinstance(widget, w.Box):
        classes = list(getattr(widget, "_dom_classes", ()))
        inner = "".join(static_widget_html(child) for child in widget.children)
        style = "display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start" if isinstance(widget, w.HBox) else ""
        note = f'<p class="crps-static-note"><i>{esc(STATIC_NOTE)}</i></p>' if "crps-explorer" in classes else ""
        cls = " ".join(["crps-static-box"] + [c for c in classes if re.fullmatch(r"[\w-]+", c)])
        return f'<div class="{cls}" style="{style}">{note}{inner}</div>'
    if isinstance(widget, w.Button | w.Output):
        return ""  # nothing to press or capture in a handout
    label = esc(getattr(widget, "description", "") or getattr(widget, "tooltip", "") or "")
    selections = (w.RadioButtons, w.Select, w.Dropdown, w.ToggleButtons, w.SelectMultiple)
    if isinstance(widget, selections):
        chosen = set(widget.label) if isinstance(widget, w.SelectMultiple) else {widget.label}
        items = "".join(f"<li>{'◉' if o in chosen else '○'} {esc(o)}</li>" for o in _option_values(widget))
        return f'<div class="crps-static-control"><b>{label}</b><ul style="list-style:none">{items}</ul></div>'
    if hasattr(widget, "value"):
        value = widget.label if isinstance(widget, w.SelectionSlider) else widget.value
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if isinstance(value, float):
            value = f"{value:g}"
        return f'<p class="crps-static-control"><b>{label}</b> {esc(str(value))}</p>'
    return ""


def install_static_copies() -> None:
    """In a kernel: every display also carries a static ``text/html`` copy (see module doc).

    Uses IPython's configurable mime-bundle formatter and a plotly renderer added to the default
    ones, so no widget or plotly class is changed. An object that displays as a widget (an explorer,
    a quiz) must expose that widget as ``.widget``.
    """
    import ipywidgets as w
    import plotly.io as pio
    from IPython import get_ipython
    from IPython.core.formatters import MimeBundleFormatter, catch_format_error
    from plotly.io.base_renderers import MimetypeRenderer

    class WithStaticCopy(MimeBundleFormatter):
        @catch_format_error
        def __call__(self, obj, include=None, exclude=None):
            data, metadata = super().__call__(obj, include=include, exclude=exclude)
            view = data.get(WIDGET_MIME)
            if view is not None:
                widget = obj if isinstance(obj, w.Widget) else getattr(obj, "widget", None)
                if not isinstance(widget, w.Widget) or widget.model_id != view.get("model_id"):
                    raise TypeError(f"{type(obj).__name__} displays a widget but does not expose it as .widget")
                data = {**data, "text/html": static_widget_html(widget)}
            return data, metadata

    formatter = get_ipython().display_formatter
    formatter.mimebundle_formatter = WithStaticCopy(parent=formatter)

    class StaticFigure(MimetypeRenderer):
        # A plotly figure displays itself through plotly's renderers (not the formatter above).
        def to_mimebundle(self, fig_dict):
            return {"text/html": _figure_html(fig_dict)}

    pio.renderers["crps_static_copy"] = StaticFigure()
    pio.renderers.default = "+".join(filter(None, [pio.renderers.default, "crps_static_copy"]))


def refuse_network() -> None:
    """In a kernel: any connection or name lookup beyond this machine raises OSError (lessons run offline)."""
    import socket

    local = {"localhost", "127.0.0.1", "::1", None}
    connect, connect_ex, getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def check(address):
        host = address[0] if isinstance(address, tuple) else None
        if host not in local:
            raise OSError(f"a lesson tried to reach the network: {address!r}")

    def guarded_connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            check(address)
        return connect(self, address)

    def guarded_connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            check(address)
        return connect_ex(self, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        check((host,))
        return getaddrinfo(host, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex = guarded_connect, guarded_connect_ex
    socket.getaddrinfo = guarded_getaddrinfo


def _setup_source() -> str:
    return (
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from tools.build_html import install_static_copies, refuse_network\n"
        "install_static_copies()\nrefuse_network()\n"
        f"sys.path.remove({str(ROOT)!r})\ndel install_static_copies, refuse_network"
    )


# --------------------------------------------------------------------------- execute


@dataclass
class Executed:
    """One executed notebook: ``nb`` (setup cell removed) and what went wrong (empty when nothing)."""

    path: Path
    nb: object
    errors: list[str]
    seconds: float


def cell_errors(nb) -> list[str]:
    """Every error output and every traceback on stderr, as 'cell N: ...'."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.get("output_type") == "error":
                found.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("name") == "stderr" and "Traceback" in out.get("text", ""):
                found.append(f"cell {i}: a traceback on stderr: {out['text'][-1500:]}")
    return found


def execute(path: str | os.PathLike, timeout: int = 300) -> Executed:
    """Run one notebook as described in the module doc; every cell runs, errors are collected."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    path = Path(path)
    start = time.monotonic()
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(_setup_source(), metadata={"tags": [SETUP_TAG]}))
    errors = []
    saved = os.environ.get("CRPS_LESSONS_PROGRESS")
    with tempfile.TemporaryDirectory(prefix="crps-run-") as tmp:
        # The kernel inherits this process's environment: its quiz progress goes to the temporary folder.
        os.environ["CRPS_LESSONS_PROGRESS"] = str(Path(tmp) / "progress.json")
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            allow_errors=True,
            resources={"metadata": {"path": str(path.parent)}},
        )
        try:
            client.execute()
        except (CellTimeoutError, DeadKernelError) as exc:
            errors.append(f"{type(exc).__name__}: {str(exc)[:1500]}")
        finally:
            if saved is None:
                os.environ.pop("CRPS_LESSONS_PROGRESS", None)
            else:
                os.environ["CRPS_LESSONS_PROGRESS"] = saved
    setup_errors = cell_errors(nbformat.v4.new_notebook(cells=nb.cells[:1]))
    if setup_errors:
        errors.append(f"the handout setup cell failed: {setup_errors}")
    nb.cells = [c for c in nb.cells if SETUP_TAG not in c.metadata.get("tags", [])]
    return Executed(path, nb, errors + cell_errors(nb), time.monotonic() - start)


def _execute_to_json(path: str, timeout: int) -> tuple[str, list[str], float]:
    import nbformat

    done = execute(path, timeout)
    return nbformat.writes(done.nb), done.errors, done.seconds


def execute_all(paths: list[Path], jobs: int = 2, timeout: int = 300) -> dict[str, Executed]:
    """Execute ``paths`` (``jobs`` at a time, each in its own process and kernel); by notebook stem."""
    import nbformat

    paths = [Path(p) for p in paths]
    if jobs > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            runs = list(pool.map(_execute_to_json, [str(p) for p in paths], [timeout] * len(paths)))
    else:
        runs = [_execute_to_json(str(p), timeout) for p in paths]
    return {
        p.stem: Executed(p, nbformat.reads(text, as_version=4), errors, seconds)
        for p, (text, errors, seconds) in zip(paths, runs, strict=True)
    }


# --------------------------------------------------------------------------- export

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


def static_copy(nb, name: str = "notebook"):
    """A copy of an executed notebook whose widget and plotly outputs are their static copies."""
    nb = copy.deepcopy(nb)
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = out.get("data", {})
            if WIDGET_MIME in data or PLOTLY_MIME in data:
                if "text/html" not in data:
                    raise ValueError(
                        f"{name}, cell {i}: a widget or figure output without a static copy "
                        "(was the notebook executed by tools/build_html.execute?)"
                    )
                data.pop(WIDGET_MIME, None)
                data.pop(PLOTLY_MIME, None)
    nb.metadata.pop("widgets", None)
    return nb


def export(nb, title: str | None = None, name: str = "notebook") -> str:
    """One self-contained HTML page of an executed notebook (plotly.js embedded once)."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from plotly.offline import get_plotlyjs

    nb = static_copy(nb, name)
    title = title or title_of(nb)
    exporter = HTMLExporter(
        template_name="lab", extra_loaders=[DictLoader({"crps.html.j2": TEMPLATE})], template_file="crps.html.j2"
    )
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb, resources={"crps_plotly_js": get_plotlyjs(), "metadata": {"name": title}})
    return body


PRINT_CSS = """
body { font-family: sans-serif; max-width: 46em; margin: 1.5em auto; line-height: 1.45; padding: 0 1em; color: #000; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; }
th, td { border: 1px solid #000; padding: 0.35em 0.5em; text-align: left; vertical-align: top; }
td:empty { height: 2.4em; }
th:first-child:nth-last-child(2), td:first-child:nth-last-child(2) { width: 45%; }
td:empty::after { content: "\\00a0"; }
.anchor-link { display: none; }
.crps-printable-note { font-size: 0.9em; }
@media print {
  @page { margin: 1.5cm; }
  body { max-width: none; margin: 0; font-size: 11pt; }
  .crps-printable-note { display: none; }
  .crps-printable-page { break-after: page; page-break-after: always; }
  .crps-printable-page:last-of-type { break-after: auto; page-break-after: auto; }
  tr, td, th { break-inside: avoid; page-break-inside: avoid; }
}
"""


def printable_cells(nb) -> list[str]:
    """Sources of the markdown cells tagged ``printable``, in notebook order."""
    return [
        c.source
        for c in nb.cells
        if c.cell_type == "markdown" and PRINTABLE_TAG in c.get("metadata", {}).get("tags", [])
    ]


def printable_html(nb, title: str | None = None) -> str | None:
    """A clean page of the notebook's ``printable`` cells (no code, no scripts), or None when it has none."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from crps_lessons import DISCLAIMER

    parts = printable_cells(nb)
    if not parts:
        return None
    title = f"{title or title_of(nb)}: printable pages"
    pages = "\n".join(f'<section class="crps-printable-page">{markdown2html_mistune(p)}</section>' for p in parts)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{PRINT_CSS}</style>
</head>
<body>
<p class="crps-printable-note"><b>{html.escape(title)}.</b> Print this page (each form comes out on a page of
its own), or fill it in on screen and save it. {html.escape(DISCLAIMER)}</p>
{pages}
</body>
</html>
"""


def index_html(pages: list[tuple[str, str]], printables: list[tuple[str, str]] = ()) -> str:
    from crps_lessons import DISCLAIMER

    items = "\n".join(f'    <li><a href="{html.escape(name)}">{html.escape(title)}</a></li>' for name, title in pages)
    extra = ""
    if printables:
        # class before href: these are not lesson pages (the list above is the lessons, in teaching order)
        forms = "\n".join(
            f'    <li><a class="crps-printable" href="{html.escape(name)}">{html.escape(title)}</a></li>'
            for name, title in printables
        )
        heading = "<h2>Printable pages</h2>\n<p>Forms to print and fill in.</p>"
        extra = f'{heading}\n<ul class="crps-printables">\n{forms}\n</ul>'
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
{extra}
</body>
</html>
"""


def build(
    out_dir: Path | str = ROOT / "build" / "html",
    *,
    only: list[str] | None = None,
    jobs: int = 2,
    source: Path | None = None,
    executed: dict[str, Executed] | None = None,
    log=print,
) -> list[Path]:
    """Write every handout and the index; returns the written paths (index last).

    ``executed``: already executed notebooks by stem (from :func:`execute_all`); the ones missing
    are executed here. A notebook that ran with errors is not exported (ValueError).
    """
    out_dir = Path(out_dir)
    paths = notebooks(source)
    if only:
        unknown = set(only) - {p.stem for p in paths}
        if unknown:
            raise ValueError(f"--only: no notebooks named {sorted(unknown)}; have {[p.stem for p in paths]}")
        paths = [p for p in paths if p.stem in only]
    if not paths:
        raise ValueError(f"no notebooks matching {NOTEBOOK_GLOB} in {source or ROOT / 'notebooks'}")
    executed = dict(executed or {})
    missing = [p for p in paths if p.stem not in executed]
    if missing:
        executed.update(execute_all(missing, jobs=jobs))
    failed = {p.stem: executed[p.stem].errors for p in paths if executed[p.stem].errors}
    if failed:
        raise ValueError(f"not exported, these notebooks ran with errors: {failed}")
    out_dir.mkdir(parents=True, exist_ok=True)
    for p in paths:
        run = executed[p.stem]
        title = title_of(run.nb)
        target = out_dir / f"{p.stem}.html"
        tmp = target.with_suffix(".html.tmp")
        tmp.write_text(export(run.nb, title, p.name), encoding="utf-8")
        os.replace(tmp, target)
        log(f"{target.name}: {title} (ran in {run.seconds:.1f} s)")
        forms = printable_html(run.nb, title)
        form_target = out_dir / f"{p.stem}{PRINTABLE_SUFFIX}.html"
        if forms:
            form_target.write_text(forms, encoding="utf-8")
            log(f"{form_target.name}: printable pages of {p.stem}")
        elif form_target.exists():
            form_target.unlink()
    pages, printables = [], []
    for p in notebooks(source):  # the index lists every page present (built now or before), in teaching order
        lesson, forms = out_dir / f"{p.stem}.html", out_dir / f"{p.stem}{PRINTABLE_SUFFIX}.html"
        for target, found in ((lesson, pages), (forms, printables)):
            if target.exists():
                m = re.search(r"<title>(.*?)</title>", target.read_text(encoding="utf-8"), re.S)
                found.append((target.name, html.unescape(m.group(1).strip()) if m else p.stem))
    index = out_dir / "index.html"
    index.write_text(index_html(pages, printables), encoding="utf-8")
    log(f"index.html: {len(pages)} lessons, {len(printables)} printable -> {out_dir}")
    return [out_dir / name for name, _ in pages + printables] + [index]


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
