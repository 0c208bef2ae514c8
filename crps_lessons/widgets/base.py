"""The Explorer base class and the EXPLORERS registry.

An explorer is built once: ipywidgets controls, one plotly FigureWidget, and an observer that
changes only trace data inside ``figure.batch_update()``. It never rebuilds the figure on a
control change (that is what keeps slider drags smooth; see ``make bench``).
"""

from __future__ import annotations

import html
from typing import Callable

import ipywidgets as w

from ..figures import description_of
from ._sync import sync_widget_state

__all__ = ["Explorer", "EXPLORERS", "register", "explore"]

EXPLORERS: dict[str, Callable[..., "Explorer"]] = {}


def register(name: str):
    """Class decorator: add an Explorer subclass to EXPLORERS under ``name``."""
    def deco(cls):
        if name in EXPLORERS:
            raise ValueError(f"explorer name {name!r} is registered twice")
        cls.name = name
        EXPLORERS[name] = cls
        return cls
    return deco


def explore(name: str, **values) -> "Explorer":
    """Build the explorer registered as ``name``; keyword arguments set initial control values."""
    if name not in EXPLORERS:
        raise ValueError(f"no explorer named {name!r}; choose one of: {', '.join(sorted(EXPLORERS))}")
    return EXPLORERS[name](**values)


class Explorer:
    """Base class. Subclasses implement ``make_controls``, ``make_figure`` and ``update``.

    Attributes shared by every explorer:
      ``widget``   what ``display`` shows (controls, figure, text description, readout)
      ``figure``   the plotly FigureWidget
      ``controls`` dict: control name -> ipywidgets control
    """

    name = "explorer"

    def make_controls(self) -> dict[str, w.ValueWidget]:
        raise NotImplementedError

    def make_figure(self):
        raise NotImplementedError

    def update(self) -> None:
        """Recompute the model from ``self.values()`` and write the new data into the traces."""
        raise NotImplementedError

    def __init__(self, **values) -> None:
        # make_controls may need the requested values (e.g. a chosen case sets other controls' defaults).
        self.requested = dict(values)
        self.controls = self.make_controls()
        for key, value in values.items():
            if key not in self.controls:
                raise ValueError(f"{type(self).__name__}: no control named {key!r}; "
                                 f"controls are: {', '.join(self.controls)}")
            self.controls[key].value = value
        for control in self.controls.values():
            control.style.description_width = "initial"
            # With a long label at its natural width, a default-width slider keeps almost no track.
            if "Slider" in type(control).__name__ and not control.layout.width:
                control.layout.width = "560px"
                control.layout.max_width = "100%"
        self.figure = self.make_figure()
        description = description_of(self.figure)
        self.description = w.HTML(f'<p class="crps-figure-description"><b>Figure:</b> '
                                  f"{html.escape(description)}</p>")
        # A text readout updated with the plot, so the numbers are available without the picture.
        self.readout = w.HTML()
        self.widget = w.VBox([self.controls_box(), self.figure, self.description, self.readout,
                              *self.extra_outputs()])
        self.widget.add_class("crps-explorer")
        self.widget.add_class(f"crps-explorer-{self.name}")
        with self.figure.batch_update():
            self.update()
        # The front end must see the figure as built, not only the edits sent before it existed.
        sync_widget_state(self.figure)
        for control in self.controls.values():
            control.observe(self._on_change, names="value")

    def controls_box(self) -> w.Widget:
        """Layout of the controls; override for a custom arrangement."""
        return w.VBox(list(self.controls.values()))

    def extra_outputs(self) -> list[w.Widget]:
        """Widgets shown below the readout (e.g. a table of matching rows); none by default."""
        return []

    def values(self) -> dict:
        """Current value of every control, by name."""
        return {key: control.value for key, control in self.controls.items()}

    def set_readout(self, text: str) -> None:
        self.readout.value = f'<p class="crps-readout">{html.escape(text)}</p>'

    def _on_change(self, change=None) -> None:
        with self.figure.batch_update():
            self.update()

    def _repr_mimebundle_(self, **kwargs):
        # Re-sync at display time too, as plotly does for a FigureWidget shown on its own: a view
        # created now must start from the figure as it is now.
        sync_widget_state(self.figure)
        return self.widget._repr_mimebundle_(**kwargs)
