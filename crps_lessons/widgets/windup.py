"""Explorer "windup": responses through a C-fibre train at 0.1 Hz and at a chosen frequency."""

from __future__ import annotations

import ipywidgets as w

from ..figures.windup import windup_figure
from ..models.nmda import ketamine_block
from ..models.windup import train
from .base import Explorer, register

__all__ = ["WindupExplorer"]

SLOW_HZ = 0.1


@register("windup")
class WindupExplorer(Explorer):
    """Wind-up teaching model: 0.1 Hz beside the chosen frequency, with and without ketamine."""

    def __init__(self, **values):
        controls = {
            "frequency_hz": w.FloatSlider(value=1.0, min=0.1, max=5.0, step=0.1, readout_format=".1f",
                                          description="Stimulus frequency (Hz)"),
            "n_stimuli": w.IntSlider(value=16, min=2, max=40, step=1, description="Number of stimuli (count)"),
            "ketamine_um": w.FloatSlider(value=0.0, min=0.0, max=5.0, step=0.01, readout_format=".2f",
                                         description="Ketamine at the receptor (µM)"),
        }
        super().__init__(controls, windup_figure(SLOW_HZ), values)

    def update(self):
        f = float(self.controls["frequency_hz"].value)
        n = int(self.controls["n_stimuli"].value)
        ket = float(self.controls["ketamine_um"].value)
        stim = list(range(1, n + 1))
        _, r_slow, v_slow, _ = train(SLOW_HZ, n, ket)
        t, r_fast, v_fast, _ = train(f, n, ket)
        _, r_free, _, _ = train(f, n, 0.0)
        for uid, y in [("slow", r_slow), ("chosen", r_fast), ("chosen_free", r_free), ("slow_v", v_slow),
                       ("chosen_v", v_fast)]:
            self.trace(uid).update(x=stim, y=y.tolist())
        self.trace("chosen").name = f"{f:.1f} Hz" + (f" + {ket:.2f} µM ketamine" if ket > 0 else "")
        self.trace("chosen_free").name = f"{f:.1f} Hz, no ketamine"
        blocked = float(ketamine_block(ket))
        self.set_readout(
            f"At {f:.1f} Hz ({n} stimuli over {t[-1]:.0f} s) the last response is {r_fast[-1]:.1f} action "
            f"potentials, {r_fast[-1] / r_fast[0]:.2f} times the first; at {SLOW_HZ} Hz it is "
            f"{r_slow[-1] / r_slow[0]:.2f} times the first. Ketamine {ket:.2f} µM blocks {blocked:.0%} of "
            f"NMDA current (last response without it: {r_free[-1]:.1f}). Voltage before the last stimulus: "
            f"{v_fast[-1]:.0f} mV at {f:.1f} Hz, {v_slow[-1]:.0f} mV at {SLOW_HZ} Hz. Conceptual model."
        )
