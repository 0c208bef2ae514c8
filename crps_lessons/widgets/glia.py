"""Explorer "glial_loop": the conceptual glial-loop model (dimensionless, made up for teaching)."""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as w

from ..figures import DASHES, PALETTE, axis_title, new_figure
from ..models import glia
from .base import Explorer, register

__all__ = ["GlialLoopExplorer"]

DURATION = 60.0
ANTAGONIST_START = 25.0


@lru_cache(maxsize=256)
def _reference_run(injury_duration: float, feedback: float):
    """Glial activation without the antagonist (for the comparison line); cached per setting."""
    return glia.simulate(injury_duration=injury_duration, feedback=feedback, antagonist=0.0,
                         duration=DURATION).glia


@register("glial_loop")
class GlialLoopExplorer(Explorer):
    """Injury -> glia -> cytokines -> excitable neurons -> glia: does activation outlast the injury?"""

    def make_controls(self):
        return {
            "injury_duration": w.FloatSlider(value=10.0, min=0.5, max=20.0, step=0.5, continuous_update=True,
                                             description="Injury lasts (time units)"),
            "feedback": w.FloatSlider(value=1.5, min=0.0, max=2.5, step=0.05, continuous_update=True,
                                      description="Neuron-to-glia feedback strength (dimensionless)"),
            "antagonist": w.Checkbox(value=False, description=f"TLR4 antagonist from time {ANTAGONIST_START:g}",
                                     indent=False),
            "antagonist_strength": w.FloatSlider(value=0.5, min=0.1, max=0.9, step=0.05, continuous_update=True,
                                                 description="Fraction of glial drive blocked"),
        }

    def controls_box(self):
        note = w.HTML(
            "<p class=\"crps-note\"><b>Conceptual model.</b> Dimensionless quantities and invented parameters, "
            "chosen to show how a feedback loop behaves; not fitted to any measurement. The injury starts at "
            f"time 2; the antagonist, when ticked, acts from time {ANTAGONIST_START:g}.</p>")
        return w.VBox([note, *self.controls.values()])

    def make_figure(self):
        fig = new_figure(
            "The glial loop: a conceptual model (dimensionless, not fitted to data)",
            axis_title("Time", "dimensionless units"),
            axis_title("Level", "dimensionless"),
            "Conceptual model: glial activation, cytokines and neuronal excitability rise during an "
            "injury and, if the feedback loop is strong, stay high after the injury has healed, "
            "unless a TLR4 antagonist lowers the loop gain.")
        fig.update_layout(xaxis={"range": [0, DURATION]}, yaxis={"rangemode": "tozero"}, height=500,
                          legend={"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0},
                          margin={"l": 70, "r": 20, "t": 60, "b": 120})
        fig.add_scatter(name="Injury input", mode="lines", line={"color": "#999999", "width": 0, "shape": "hv"},
                        fill="tozeroy", fillcolor="rgba(153,153,153,0.25)")
        fig.add_scatter(name="TLR4 block (fraction)", mode="lines",
                        line={"color": PALETTE[4], "dash": DASHES[3], "width": 2, "shape": "hv"})
        fig.add_scatter(name="Glial activation", mode="lines", line={"color": PALETTE[0], "dash": DASHES[0], "width": 3})
        fig.add_scatter(name="Cytokines", mode="lines", line={"color": PALETTE[1], "dash": DASHES[1], "width": 2})
        fig.add_scatter(name="Neuronal excitability", mode="lines",
                        line={"color": PALETTE[2], "dash": DASHES[2], "width": 2})
        fig.add_scatter(name="Glial activation without antagonist", mode="lines",
                        line={"color": PALETTE[7], "dash": DASHES[4], "width": 1})
        return fig

    def update(self):
        v = self.values()
        strength = v["antagonist_strength"] if v["antagonist"] else 0.0
        self.controls["antagonist_strength"].disabled = not v["antagonist"]
        run = glia.simulate(injury_duration=v["injury_duration"], feedback=v["feedback"], antagonist=strength,
                            antagonist_start=ANTAGONIST_START, duration=DURATION)
        d = self.figure.data
        if d[0].x is None:                      # the time axis never changes: write it once
            for trace in d:
                trace.x = run.times
        d[0].y = run.injury
        d[1].y = run.antagonist
        d[2].y = run.glia
        d[3].y = run.cytokines
        d[4].y = run.excitability
        if v["antagonist"]:
            d[5].y = _reference_run(v["injury_duration"], v["feedback"])
        d[5].visible = bool(v["antagonist"])
        late = float(run.late_activation)
        gain = (1 - strength) * v["feedback"]
        state = "still activated (self-sustaining)" if run.persistent else "back to rest"
        self.set_readout(
            f"Conceptual model: injury ends at time {2 + v['injury_duration']:g}; glial activation at time "
            f"{DURATION:g} is {late:.2f} (dimensionless), {state}. Loop gain (fraction not blocked x feedback"
            f"{', after the antagonist starts' if v['antagonist'] else ''}): {gain:.2f} (a self-sustaining state exists only above {glia.CRITICAL_GAIN:.2f}).")
