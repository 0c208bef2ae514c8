"""Explorer "windup": responses through a C-fibre train at 0.1 Hz and at a chosen frequency, and the fade
of the extra response once the train stops (a test stimulus after a pause).

Ketamine is set as a multiple of the concentration that blocks half the NMDA channels (as in the
"mg_block" explorer), so the explorer teaches the shape of the block without claiming a
concentration in the body.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from ..figures.windup import windup_figure
from ..models.windup import DEFAULT_PARAMETERS, recovery, train
from .base import Explorer, register

__all__ = ["WindupExplorer"]

SLOW_HZ = 0.1
MAX_PAUSE_S = 60.0
PAUSES_S = np.linspace(0.5, MAX_PAUSE_S, 120)


@register("windup")
class WindupExplorer(Explorer):
    """Wind-up teaching model: 0.1 Hz beside the chosen frequency, with and without ketamine, and the fade."""

    def __init__(self, **values):
        controls = {
            "frequency_hz": w.FloatSlider(
                value=1.0, min=0.1, max=5.0, step=0.1, readout_format=".1f", description="Stimulus frequency (Hz)"
            ),
            "n_stimuli": w.IntSlider(value=16, min=2, max=40, step=1, description="Number of stimuli (count)"),
            "ketamine_x_ic50": w.FloatSlider(
                value=0.0,
                min=0.0,
                max=10.0,
                step=0.1,
                readout_format=".1f",
                description="Ketamine (times the half-block concentration)",
            ),
            "pause_s": w.FloatSlider(
                value=5.0,
                min=1.0,
                max=MAX_PAUSE_S,
                step=1.0,
                readout_format=".0f",
                description="Pause before a test stimulus (s)",
            ),
        }
        super().__init__(controls, windup_figure(SLOW_HZ, MAX_PAUSE_S), values)

    def update(self):
        f = float(self.controls["frequency_hz"].value)
        n = int(self.controls["n_stimuli"].value)
        x = float(self.controls["ketamine_x_ic50"].value)
        pause = float(self.controls["pause_s"].value)
        ket_um = x * DEFAULT_PARAMETERS.ketamine_ic50_um
        stim = list(range(1, n + 1))
        _, r_slow, v_slow, _ = train(SLOW_HZ, n, ket_um)
        t, r_fast, v_fast, _ = train(f, n, ket_um)
        _, r_free, _, _ = train(f, n, 0.0)
        fade = recovery(f, n, PAUSES_S, ket_um)
        test = recovery(f, n, pause, ket_um)
        for uid, xs, ys in [
            ("slow", stim, r_slow),
            ("chosen", stim, r_fast),
            ("chosen_free", stim, r_free),
            ("slow_v", stim, v_slow),
            ("chosen_v", stim, v_fast),
            ("fade", PAUSES_S.tolist(), fade),
            ("rested", [0.0, MAX_PAUSE_S], [r_fast[0]] * 2),
            ("test", [pause], [test]),
        ]:
            self.restyle(uid, x=xs, y=np.asarray(ys, float).tolist())
        label = f"{f:.1f} Hz" + (f" + ketamine {x:.1f} x half-block" if x > 0 else "")
        self.restyle("chosen", name=label)
        self.restyle("chosen_free", name=f"{f:.1f} Hz, no ketamine")
        self.restyle("slow", name=f"{SLOW_HZ} Hz" + (" + the same ketamine" if x > 0 else ""))
        self.restyle("test", text=[f"test after {pause:.0f} s"])
        blocked = x / (1.0 + x)
        extra = r_fast[-1] - r_fast[0]
        left = (test - r_fast[0]) / extra if extra > 1e-9 else 0.0
        self.set_readout(
            f"At {f:.1f} Hz ({n} stimuli over {t[-1]:.0f} s) the last response is {r_fast[-1]:.1f} action "
            f"potentials, {r_fast[-1] / r_fast[0]:.2f} times the first; at {SLOW_HZ} Hz it is "
            f"{r_slow[-1] / r_slow[0]:.2f} times the first. "
            + (
                f"Ketamine at {x:.1f} times its half-block concentration blocks {blocked:.0%} of NMDA current "
                f"(last response without it: {r_free[-1]:.1f}). "
                if x > 0
                else "No ketamine. "
            )
            + f"Voltage before the last stimulus: {v_fast[-1]:.0f} mV at {f:.1f} Hz, {v_slow[-1]:.0f} mV at "
            f"{SLOW_HZ} Hz. After the train stops, a test stimulus {pause:.0f} s later gives {test:.1f} action "
            f"potentials (rested: {r_fast[0]:.1f}), so {max(left, 0.0):.0%} of the extra response is left. "
            "Conceptual model."
        )
