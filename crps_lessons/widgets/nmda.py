"""Explorer "mg_block": how much NMDA conductance magnesium and ketamine leave, across voltage.

Ketamine is set as a multiple of the concentration that blocks half the channels (its IC50), so
the explorer teaches the shape of an open-channel block without claiming a concentration: the
lesson's sources give no IC50 that was read first-hand (see the lesson's Going deeper block).
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from ..figures.nmda import mg_block_figure
from ..models.nmda import half_unblock_voltage_mv, ketamine_block, mg_unblock
from .base import Explorer, register

__all__ = ["MgBlockExplorer"]

VOLTAGE_MV = np.linspace(-100.0, 40.0, 141)
REFERENCE_MG_MM = 1.0


@register("mg_block")
class MgBlockExplorer(Explorer):
    """Unblocked NMDA fraction against membrane voltage; sliders for Mg, ketamine and a read-off voltage."""

    def __init__(self, **values):
        controls = {
            "mg_mm": w.FloatSlider(
                value=1.0,
                min=0.0,
                max=4.0,
                step=0.1,
                readout_format=".1f",
                description="Magnesium outside the cell (mM)",
                continuous_update=True,
            ),
            "ketamine_x_ic50": w.FloatSlider(
                value=0.0,
                min=0.0,
                max=10.0,
                step=0.1,
                readout_format=".1f",
                description="Ketamine (times the half-block concentration)",
                continuous_update=True,
            ),
            "voltage_mv": w.IntSlider(
                value=-60, min=-100, max=40, step=1, description="Read off at voltage (mV)", continuous_update=True
            ),
        }
        reference = mg_unblock(VOLTAGE_MV, REFERENCE_MG_MM).tolist()
        super().__init__(controls, mg_block_figure(VOLTAGE_MV.tolist(), reference, REFERENCE_MG_MM), values)

    def update(self):
        mg = float(self.controls["mg_mm"].value)
        ket = float(self.controls["ketamine_x_ic50"].value)
        v = float(self.controls["voltage_mv"].value)
        free = 1.0 - float(ketamine_block(ket, ic50_um=1.0))  # concentration in units of the IC50
        unblocked = mg_unblock(VOLTAGE_MV, mg)
        at_v = float(mg_unblock(v, mg))
        self.restyle("mg", y=unblocked.tolist(), name=f"{mg:.1f} mM Mg")
        self.restyle(
            "mg_ketamine", y=(unblocked * free).tolist(), name=f"{mg:.1f} mM Mg + ketamine at {ket:.1f} × half-block"
        )
        self.restyle("read_off", x=[v, v])
        self.restyle("read_off_values", x=[v, v], y=[at_v, at_v * free], text=[f" {at_v:.1%}", f" {at_v * free:.1%}"])
        half = half_unblock_voltage_mv(mg)
        half_text = (
            "with no magnesium nothing is blocked at any voltage"
            if half is None
            else f"half the channels are unblocked at {half:.0f} mV"
        )
        self.set_readout(
            f"At {v:.0f} mV with {mg:.1f} mM magnesium, {at_v:.1%} of the NMDA conductance is unblocked; "
            f"ketamine at {ket:.1f} times its half-block concentration blocks {1 - free:.0%} of what is left, "
            f"so {at_v * free:.1%} can conduct. "
            f"With this magnesium {half_text}."
        )
