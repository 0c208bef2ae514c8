"""Explorer "mg_block": how much NMDA conductance magnesium and ketamine leave, across voltage."""

from __future__ import annotations

import math

import ipywidgets as w
import numpy as np

from ..figures import DASHES, MARKERS, PALETTE, axis_title, new_figure
from ..models.nmda import MG_HALF_MM, MG_SLOPE_PER_MV, ketamine_block, mg_unblock
from .base import Explorer, register

__all__ = ["MgBlockExplorer"]

VOLTAGE_MV = np.linspace(-100.0, 40.0, 141)
# Trace data go to the front end as plain lists: numpy arrays travel as binary buffers, which made
# the first render of a FigureWidget inside a container unreliable in JupyterLab.
_VOLTAGE_LIST = VOLTAGE_MV.tolist()
REFERENCE_MG_MM = 1.0
GREY = "#7f7f7f"


def half_unblock_voltage_mv(mg_mm: float) -> float | None:
    """Voltage (mV) at which half the NMDA conductance is unblocked; None without magnesium."""
    if mg_mm <= 0:
        return None
    return math.log(mg_mm / MG_HALF_MM) / MG_SLOPE_PER_MV


@register("mg_block")
class MgBlockExplorer(Explorer):
    """Unblocked NMDA fraction against membrane voltage; sliders for Mg, ketamine and a read-off voltage."""

    def make_controls(self):
        return {
            "mg_mm": w.FloatSlider(value=1.0, min=0.0, max=4.0, step=0.1, readout_format=".1f",
                                   description="Magnesium outside the cell (mM)", continuous_update=True),
            "ketamine_um": w.FloatSlider(value=0.0, min=0.0, max=5.0, step=0.01, readout_format=".2f",
                                         description="Ketamine at the receptor (µM)", continuous_update=True),
            "voltage_mv": w.IntSlider(value=-60, min=-100, max=40, step=1,
                                      description="Read off at voltage (mV)", continuous_update=True),
        }

    def make_figure(self):
        fig = new_figure(
            "Magnesium block of the NMDA channel (Jahr & Stevens 1990)",
            axis_title("Membrane voltage", "mV"),
            axis_title("Unblocked fraction", "dimensionless"),
            "Line chart of the fraction of NMDA receptor conductance left unblocked against membrane "
            "voltage: a dashed reference for 1 mM magnesium, a solid line for the chosen magnesium, a "
            "dotted line for the chosen magnesium plus ketamine, and markers at the read-off voltage.",
        )
        ref = mg_unblock(VOLTAGE_MV, REFERENCE_MG_MM).tolist()
        fig.add_scatter(x=_VOLTAGE_LIST, y=ref, mode="lines", name="1 mM Mg, no ketamine (reference)",
                        line={"color": GREY, "dash": DASHES[1], "width": 2})
        fig.add_scatter(x=_VOLTAGE_LIST, y=ref, mode="lines", name="chosen Mg",
                        line={"color": PALETTE[0], "dash": DASHES[0], "width": 3})
        fig.add_scatter(x=_VOLTAGE_LIST, y=ref, mode="lines", name="chosen Mg + ketamine",
                        line={"color": PALETTE[1], "dash": DASHES[2], "width": 3})
        fig.add_scatter(x=[-60, -60], y=[0, 1], mode="lines", name="read-off voltage",
                        line={"color": PALETTE[7], "dash": DASHES[3], "width": 1}, hoverinfo="skip")
        fig.add_scatter(x=[-60, -60], y=[0, 0], mode="markers+text", name="values at read-off voltage",
                        marker={"color": [PALETTE[0], PALETTE[1]], "symbol": [MARKERS[0], MARKERS[1]],
                                "size": 11},
                        text=["", ""], textposition="middle right", showlegend=False)
        fig.update_xaxes(range=[-100, 40])
        fig.update_yaxes(range=[0, 1.05])
        fig.update_layout(title={"y": 0.98, "yanchor": "top"}, margin={"t": 110},
                          legend={"orientation": "h", "x": 0.0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"})
        return fig

    def update(self):
        mg = float(self.controls["mg_mm"].value)
        ket = float(self.controls["ketamine_um"].value)
        v = float(self.controls["voltage_mv"].value)
        free = 1.0 - float(ketamine_block(ket))
        unblocked = mg_unblock(VOLTAGE_MV, mg)
        conducting = unblocked * free
        at_v = float(mg_unblock(v, mg))
        data = self.figure.data
        data[1].y = unblocked.tolist()
        data[1].name = f"{mg:.1f} mM Mg"
        data[2].y = conducting.tolist()
        data[2].name = f"{mg:.1f} mM Mg + {ket:.2f} µM ketamine"
        data[3].x = [v, v]
        data[4].x = [v, v]
        data[4].y = [at_v, at_v * free]
        data[4].text = [f" {at_v:.1%}", f" {at_v * free:.1%}"]
        half = half_unblock_voltage_mv(mg)
        half_text = ("with no magnesium nothing is blocked at any voltage" if half is None
                     else f"half the channels are unblocked at {half:.0f} mV")
        self.set_readout(
            f"At {v:.0f} mV with {mg:.1f} mM magnesium, {at_v:.1%} of the NMDA conductance is unblocked; "
            f"{ket:.2f} µM ketamine blocks {1 - free:.0%} of what is left, so {at_v * free:.1%} can conduct. "
            f"With this magnesium {half_text}."
        )
