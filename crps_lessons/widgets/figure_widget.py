"""The explorers' figure: plotly's FigureWidget, with plotly's front end loaded once per page.

Workaround for plotly/plotly.py#5143 ("FigureWidget performance problem on Jupyterhub"). Since
plotly 6 every FigureWidget carries plotly's whole front end (about 5 MB of JavaScript) as its
anywidget ``_esm``, and anywidget (0.11) imports that module anew for every widget, inside a
2-second limit from the moment the widget's model is created ("[anywidget] Failed to initialize
model."). A lesson with five explorers parses and runs plotly.js five times; on a crowded class
server that takes longer than 2 s and the plot stays blank for good.

:class:`ExplorerFigure` is plotly's FigureWidget with a small front end of its own (anywidget's
public ``initialize``/``render`` module): it imports plotly's module once per page, keyed by its
text, and hands the widget to plotly's own ``initialize`` and ``render``. Its ``initialize``
returns at once, so anywidget's limit is never reached; updates the kernel sends before plotly's
front end is ready are kept in order and handed to it when it is (``model.set``, which only
triggers the change plotly listens for). Everything else is plotly's, unchanged.
"""

from __future__ import annotations

import functools
import json
import sys

import plotly.graph_objects as go
import traitlets

__all__ = [
    "CACHE_KEY",
    "explorer_figure",
    "figure_class",
    "front_end",
    "import_figurewidget_fast",
    "plotly_front_end",
    "py2js_traits",
]


def import_figurewidget_fast() -> None:
    """Import plotly's FigureWidget without compiling about 40 grammars that nothing here uses.

    Workaround for python-jsonschema/jsonschema#1428 ("Lazy import rfc3987_syntax"): plotly's
    widget imports nbformat, which imports jsonschema, whose ``_format`` module builds the lark
    grammars of the optional ``rfc3987_syntax`` at import (about 1 s in a plain process, 4 s in a
    kernel; ``make bench``). nbformat never checks the "iri" format, so that optional package is
    hidden for this one import; afterwards it imports normally.
    """
    if "plotly.basewidget" in sys.modules or "jsonschema" in sys.modules:
        return
    hidden = "rfc3987_syntax" not in sys.modules
    if hidden:
        sys.modules["rfc3987_syntax"] = None  # `import rfc3987_syntax` now raises ImportError
    try:
        import plotly.basewidget  # noqa: F401
    except ImportError:
        pass  # e.g. anywidget missing: go.FigureWidget raises plotly's own clear message
    finally:
        if hidden and sys.modules.get("rfc3987_syntax", 0) is None:
            del sys.modules["rfc3987_syntax"]


# The page-wide registry of imported plotly front ends: globalThis[Symbol.for(CACHE_KEY)], a Map.
CACHE_KEY = "crps-lessons.plotly-front-end"

FRONT_END_JS = """
// plotly's front end as a module, imported once per page for each distinct text.
function plotlyModule(text) {
  const cache = (globalThis[CACHE] ??= new Map());
  if (!cache.has(text)) {
    const url = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
    cache.set(text, import(url).finally(() => URL.revokeObjectURL(url)));
  }
  return cache.get(text);
}

export default () => {
  let plotly = null;
  let ready = null;
  return {
    initialize({ model, experimental }) {
      const held = [];
      const listeners = PY2JS.map((name) => [name, () => {
        const value = model.get(name);
        if (value !== null && value !== undefined) held.push([name, value]);
      }]);
      for (const [name, fn] of listeners) model.on(`change:${name}`, fn);
      ready = plotlyModule(model.get("_plotly_front_end")).then(async (mod) => {
        plotly = mod.default();
        await plotly.initialize?.({ model, experimental });
        for (const [name, fn] of listeners) model.off(`change:${name}`, fn);
        for (const [name, value] of held) {
          model.set(name, value);
          model.set(name, null);
        }
      });
      // Not awaited: anywidget allows initialize 2 s, and plotly's module can take longer on a busy machine.
    },
    async render({ model, el, experimental }) {
      await ready;
      return plotly.render({ model, el, experimental });
    },
  };
};
"""


def py2js_traits() -> list[str]:
    """plotly's kernel-to-page messages (the ``_py2js_*`` traits of its FigureWidget): a front end
    that is not ready yet must not miss one of them."""
    import_figurewidget_fast()
    return sorted(name for name in go.FigureWidget.class_trait_names() if name.startswith("_py2js_"))


def front_end() -> str:
    """The ExplorerFigure's own front end (an anywidget module; see the module docstring)."""
    return (
        f"const PY2JS = {json.dumps(py2js_traits())};\n"
        f"const CACHE = Symbol.for({json.dumps(CACHE_KEY)});\n" + FRONT_END_JS
    )


@functools.cache
def plotly_front_end() -> str:
    """The text of plotly's own FigureWidget front end (its anywidget ``_esm``)."""
    import_figurewidget_fast()
    return str(go.FigureWidget._esm)


@functools.cache
def figure_class() -> type[go.FigureWidget]:
    """``ExplorerFigure``: plotly's FigureWidget whose front end loads plotly's module once per page
    (see the module docstring). Made on first use, so that importing the package does not import
    plotly's widget (:func:`import_figurewidget_fast`)."""
    import_figurewidget_fast()

    class ExplorerFigure(go.FigureWidget):
        __doc__ = figure_class.__doc__
        _esm = front_end()
        _plotly_front_end = traitlets.Unicode().tag(sync=True)

        @traitlets.default("_plotly_front_end")
        def _default_plotly_front_end(self) -> str:
            return plotly_front_end()

    return ExplorerFigure


def explorer_figure(figure: go.Figure) -> go.FigureWidget:
    """``figure`` wrapped once in an ``ExplorerFigure`` (:func:`figure_class`)."""
    return figure_class()(figure)
