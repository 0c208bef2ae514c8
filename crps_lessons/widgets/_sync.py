"""Work-around: give a FigureWidget's front end the figure as it is now, before it is first shown.

plotly's FigureWidget sends the edits made after construction (``add_scatter``, trace updates) as
one-shot messages. Inside an ipywidgets container its own ``_repr_mimebundle_`` (which re-syncs the
whole figure) is never called, so a view created later can miss those messages: seen in
JupyterLab as an empty plot or a trace named "trace 0". Copying the current layout and data into
the synced traits once, after the explorer is built, makes the first render complete. Later
updates reach the live view as usual.
"""

from copy import deepcopy

__all__ = ["sync_widget_state"]


def sync_widget_state(figure) -> None:
    """Copy the figure's current layout and data into the traits the front end renders from."""
    figure._widget_layout = deepcopy(figure._layout_obj._props)
    figure._widget_data = deepcopy(figure._data)
