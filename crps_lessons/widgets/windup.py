"""Explorer "windup": responses through a C-fibre train at 0.1 Hz and at a chosen frequency."""

from __future__ import annotations

import ipywidgets as w

from ..figures import DASHES, MARKERS, PALETTE, axis_title, new_figure
from ..models.nmda import ketamine_block
from ..models.windup import train
from .base import Explorer, register

__all__ = ["WindupExplorer"]

SLOW_HZ = 0.1
GREY = "#7f7f7f"


@register("windup")
class WindupExplorer(Explorer):
    """Wind-up teaching model: 0.1 Hz beside the chosen frequency, with and without ketamine."""

    def make_controls(self):
        return {
            "frequency_hz": w.FloatSlider(value=1.0, min=0.1, max=5.0, step=0.1, readout_format=".1f",
                                          description="Stimulus frequency (Hz)", continuous_update=True),
            "n_stimuli": w.IntSlider(value=16, min=2, max=40, step=1,
                                     description="Number of stimuli (count)", continuous_update=True),
            "ketamine_um": w.FloatSlider(value=0.0, min=0.0, max=5.0, step=0.01, readout_format=".2f",
                                         description="Ketamine at the receptor (µM)", continuous_update=True),
        }

    def make_figure(self):
        fig = new_figure(
            "Wind-up (conceptual teaching model): responses through a C-fibre train",
            axis_title("Stimulus number", "count"),
            axis_title("Response", "action potentials"),
            "Two-panel chart from a conceptual teaching model: the top panel shows the response to each "
            "stimulus of a train at 0.1 Hz and at the chosen frequency (with ketamine, and without it as "
            "a grey reference); the bottom panel shows the membrane voltage just before each stimulus.",
            height=560,
        )
        fig.update_layout(
            title={"y": 0.98, "yanchor": "top"}, margin={"t": 110},
            legend={"orientation": "h", "x": 0.0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
            yaxis={"domain": [0.42, 1.0], "range": [0, 24]},
            xaxis={"anchor": "y"},
            xaxis2={"anchor": "y2", "matches": "x", "title": {"text": axis_title("Stimulus number", "count")},
                    "showgrid": True, "gridcolor": "#e5e5e5"},
            yaxis2={"domain": [0.0, 0.28], "anchor": "x2", "range": [-67, -35],
                    "title": {"text": axis_title("Voltage", "mV")},
                    "showgrid": True, "gridcolor": "#e5e5e5"},
        )
        x = [1, 2]
        fig.add_scatter(x=x, y=[0, 0], mode="lines+markers", name=f"{SLOW_HZ} Hz",
                        line={"color": PALETTE[0], "dash": DASHES[1]},
                        marker={"symbol": MARKERS[1], "size": 8})
        fig.add_scatter(x=x, y=[0, 0], mode="lines+markers", name="chosen frequency",
                        line={"color": PALETTE[1], "dash": DASHES[0], "width": 3},
                        marker={"symbol": MARKERS[0], "size": 9})
        fig.add_scatter(x=x, y=[0, 0], mode="lines", name="chosen frequency, no ketamine",
                        line={"color": GREY, "dash": DASHES[2], "width": 2})
        fig.add_scatter(x=x, y=[0, 0], mode="lines+markers", name=f"{SLOW_HZ} Hz voltage", showlegend=False,
                        line={"color": PALETTE[0], "dash": DASHES[1]},
                        marker={"symbol": MARKERS[1], "size": 6}, xaxis="x2", yaxis="y2")
        fig.add_scatter(x=x, y=[0, 0], mode="lines+markers", name="chosen frequency voltage", showlegend=False,
                        line={"color": PALETTE[1], "dash": DASHES[0], "width": 3},
                        marker={"symbol": MARKERS[0], "size": 6}, xaxis="x2", yaxis="y2")
        return fig

    def update(self):
        f = float(self.controls["frequency_hz"].value)
        n = int(self.controls["n_stimuli"].value)
        ket = float(self.controls["ketamine_um"].value)
        stim = list(range(1, n + 1))
        _, r_slow, v_slow, _ = train(SLOW_HZ, n, ket)
        t, r_fast, v_fast, _ = train(f, n, ket)
        _, r_free, _, _ = train(f, n, 0.0)
        data = self.figure.data
        for trace in data:
            trace.x = stim
        data[0].y = r_slow.tolist()
        data[1].y = r_fast.tolist()
        data[1].name = f"{f:.1f} Hz" + (f" + {ket:.2f} µM ketamine" if ket > 0 else "")
        data[2].y = r_free.tolist()
        data[2].name = f"{f:.1f} Hz, no ketamine"
        data[3].y = v_slow.tolist()
        data[4].y = v_fast.tolist()
        blocked = float(ketamine_block(ket))
        self.set_readout(
            f"At {f:.1f} Hz ({n} stimuli over {t[-1]:.0f} s) the last response is {r_fast[-1]:.1f} action "
            f"potentials, {r_fast[-1] / r_fast[0]:.2f} times the first; at {SLOW_HZ} Hz it is "
            f"{r_slow[-1] / r_slow[0]:.2f} times the first. Ketamine {ket:.2f} µM blocks {blocked:.0%} of "
            f"NMDA current (last response without it: {r_free[-1]:.1f}). Voltage before the last stimulus: "
            f"{v_fast[-1]:.0f} mV at {f:.1f} Hz, {v_slow[-1]:.0f} mV at {SLOW_HZ} Hz. Conceptual model."
        )
