"""The Explorer base class and the EXPLORERS registry.

An explorer is built in one plain path (the plotly FigureWidget app pattern):

1. the subclass loads its data and builds its controls in its own ``__init__``, builds its figure
   with a builder from :mod:`crps_lessons.figures` (a plain ``go.Figure`` whose traces carry a
   ``uid``), then calls ``super().__init__(controls, figure, values, ...)``;
2. the base attaches one observer per control, then applies the start values (so
   ``explore(name, **values)`` is exactly "build it, then set those controls");
3. the first :meth:`Explorer.update` fills the plain figure, which is then wrapped once in
   a FigureWidget (:func:`~crps_lessons.widgets.figure_widget.explorer_figure`): the widget is born
   with its complete state, so a view created at any moment (a slow, busy machine included) draws
   the whole figure.

A control change runs the control's rule (if any) and then one ``update()`` inside
``figure.batch_update()``; updates only write trace data and titles, never rebuild the figure.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable, Iterator, Mapping

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go

from ..figures import description_of, role_of
from .figure_widget import explorer_figure

__all__ = ["EXPLORERS", "Explorer", "explore", "register"]


EXPLORERS: dict[str, type[Explorer]] = {}

Rule = Callable[[dict], None]
SLIDERS = (w.IntSlider, w.FloatSlider, w.FloatLogSlider, w.SelectionSlider, w.IntRangeSlider, w.FloatRangeSlider)


def register(name: str):
    """Class decorator: add an Explorer subclass to EXPLORERS under ``name``."""

    def deco(cls):
        if name in EXPLORERS:
            raise ValueError(f"explorer name {name!r} is registered twice")
        cls.name = name
        EXPLORERS[name] = cls
        return cls

    return deco


def explore(name: str, **values) -> Explorer:
    """Build the explorer registered as ``name``; keyword arguments set start values of its controls."""
    if name not in EXPLORERS:
        raise ValueError(f"no explorer named {name!r}; choose one of: {', '.join(sorted(EXPLORERS))}")
    return EXPLORERS[name](**values)


def _options(control) -> list:
    return [o[1] if isinstance(o, tuple) else o for o in control.options]


def check_start_value(key: str, control: w.ValueWidget, value) -> None:
    """Raise ValueError, naming the control and what it allows, if ``value`` does not fit ``control``."""
    label = f"{key} ({control.description})" if getattr(control, "description", "") else key
    if hasattr(control, "options"):
        allowed = _options(control)
        if value not in allowed:
            raise ValueError(f"{label} must be one of {', '.join(map(repr, allowed))}; got {value!r}")
    elif isinstance(control, (w.Checkbox, w.ToggleButton)):
        if not isinstance(value, bool):
            raise ValueError(f"{label} must be True or False; got {value!r}")
    elif hasattr(control, "min") and hasattr(control, "max"):
        whole = isinstance(control, (w.IntSlider, w.BoundedIntText, w.IntText))
        kind = "a whole number" if whole else "a number"
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if not numeric or (whole and not float(value).is_integer()) or value != value:
            raise ValueError(f"{label} must be {kind} from {control.min} to {control.max}; got {value!r}")
        if not control.min <= value <= control.max:
            raise ValueError(f"{label} must be {kind} from {control.min} to {control.max}; got {value!r}")
    elif isinstance(control, w.Text) and not isinstance(value, str):
        raise ValueError(f"{label} must be text; got {value!r}")


class Explorer:
    """Base class. A subclass builds controls and a figure, calls ``super().__init__`` and implements ``update``.

    Shared attributes:
      ``widget``    what ``display`` shows (controls, figure, text description, readout, outputs)
      ``figure``    the plotly FigureWidget
      ``controls``  dict: control name -> ipywidgets control
      ``readout``   an HTML widget with the numbers of the plot in words (updated with it)
    """

    name = "explorer"

    def __init__(
        self,
        controls: Mapping[str, w.ValueWidget],
        figure: go.Figure,
        values: Mapping | None = None,
        *,
        rules: Mapping[str, Rule] | None = None,
        layout: w.Widget | None = None,
        outputs: tuple[w.Widget, ...] = (),
    ) -> None:
        """``values``: start values by control name; ``rules``: control name -> function(change) that
        sets other controls (runs before the update, inside one ``hold_updates()``); ``layout``: the
        controls arranged (default: a column); ``outputs``: widgets shown under the readout."""
        if isinstance(figure, go.FigureWidget) or not isinstance(figure, go.Figure):
            raise TypeError(
                f"{type(self).__name__}: pass a plain go.Figure (it is wrapped once, after the first update)"
            )
        values = dict(values or {})
        self.controls = dict(controls)
        self._rules = dict(rules or {})
        unknown = [k for k in [*values, *self._rules] if k not in self.controls]
        if unknown:
            raise ValueError(
                f"{type(self).__name__}: no control named {unknown[0]!r}; controls are: {', '.join(self.controls)}"
            )
        for key, value in values.items():
            check_start_value(key, self.controls[key], value)
        self._held = 0
        self._stale = False
        self._written: dict[str, dict] = {}
        self._written_into = None
        self.figure = figure
        self.readout = w.HTML()
        for key, control in self.controls.items():
            control.style.description_width = "initial"
            # With a long label at its natural width, a default-width slider keeps almost no track.
            if isinstance(control, SLIDERS) and not control.layout.width:
                control.layout.width = "560px"
                control.layout.max_width = "100%"
            control.observe(self._observer(key), names="value")
        with self.hold_updates():
            for key, value in values.items():
                self.controls[key].value = value
            self._stale = True
        self.figure = explorer_figure(figure)
        self.description = w.HTML(
            f'<p class="crps-figure-description"><b>Figure:</b> {html.escape(description_of(self.figure))}</p>'
        )
        box = layout if layout is not None else w.VBox(list(self.controls.values()))
        self.widget = w.VBox([box, self.figure, self.description, self.readout, *outputs])
        self.widget.add_class("crps-explorer")
        self.widget.add_class(f"crps-explorer-{self.name}")

    def _observer(self, key: str) -> Callable[[dict], None]:
        rule = self._rules.get(key)

        def changed(change: dict) -> None:
            with self.hold_updates():
                if rule is not None:
                    rule(change)
                self._stale = True

        return changed

    @contextlib.contextmanager
    def hold_updates(self) -> Iterator[None]:
        """Batch control changes: the figure is updated once, when the outermost block ends."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
        if self._held == 0 and self._stale:
            self._stale = False
            with self.figure.batch_update():
                self.update()

    def update(self) -> None:
        """Recompute the model from ``self.values()`` and write the new data into the traces."""
        raise NotImplementedError

    def values(self) -> dict:
        """Current value of every control, by name."""
        return {key: control.value for key, control in self.controls.items()}

    def trace(self, role: str):
        """The trace whose role is ``role`` (set by the figure builder as ``meta={"role": role}``).

        Roles live in ``meta`` because a FigureWidget replaces every trace ``uid`` with its own
        uuid (plotly's ``BaseFigureWidget`` syncs traces to the front end by uid).
        """
        data = self.figure.data
        # The role index is rebuilt only when the figure's traces change: reading every trace's meta
        # on each look-up cost more than some explorers' whole update.
        key = tuple(map(id, data))
        if getattr(self, "_roles_key", None) != key:
            self._roles_key, self._by_role = key, {}
            for tr in data:
                self._by_role.setdefault(role_of(tr), []).append(tr)
        found = self._by_role.get(role, [])
        if len(found) != 1:
            raise LookupError(
                f"{self.name}: {len(found)} traces have the role {role!r}; roles: "
                f"{[role_of(tr) for tr in self.figure.data]}"
            )
        return found[0]

    def restyle(self, role: str, props: dict | None = None, **more) -> None:
        """Write these properties into the trace with this role, leaving out those whose value is the
        one this method last wrote there: plotly validates every value it is given, which cost more
        than the rest of some explorers' update. Explorers write trace properties only through this
        method, so what it remembers is what the trace holds."""
        if self._written_into is not self.figure:  # a new figure holds none of what was written before
            self._written_into, self._written = self.figure, {}
        written = self._written.setdefault(role, {})
        changed = {k: v for k, v in {**(props or {}), **more}.items() if k not in written or not _same(written[k], v)}
        if changed:
            self.trace(role).update(changed)
            written.update({k: _snapshot(v) for k, v in changed.items()})

    def set_readout(self, text: str) -> None:
        self.readout.value = f'<p class="crps-readout">{html.escape(text)}</p>'

    def _repr_mimebundle_(self, **kwargs):
        # IPython's display protocol: an explorer shows as its widget.
        return self.widget._repr_mimebundle_(**kwargs)


def _same(a, b) -> bool:
    """Equal values as :meth:`Explorer.restyle` compares them (arrays element by element, NaN equal to NaN)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        try:
            return np.shape(a) == np.shape(b) and bool(np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True))
        except TypeError:  # arrays of strings or objects: NaN is not defined for them
            return bool(np.array_equal(np.asarray(a), np.asarray(b)))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        if len(a) != len(b):
            return False
        try:  # lists of numbers or strings: Python compares them in C
            if a == b:
                return True
        except ValueError:  # an element is an array
            pass
        return all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _snapshot(value):
    """A copy of a value written into a trace, so that later changes to the caller's list do not
    change what :meth:`Explorer.restyle` remembers."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, dict):
        return {k: _snapshot(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_snapshot(v) for v in value]
    return value
