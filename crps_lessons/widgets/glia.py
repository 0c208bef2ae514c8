"""Explorer "glial_loop": the conceptual glial-loop model (dimensionless, made up for teaching)."""

from __future__ import annotations

import ipywidgets as w

from ..figures.glia import glial_loop_figure
from ..models import glia
from .base import Explorer, register

__all__ = ["GlialLoopExplorer"]

DURATION = 60.0
ANTAGONIST_START = 25.0
INJURY_START = 2.0  # the model's default injury start (glia.simulate)


@register("glial_loop")
class GlialLoopExplorer(Explorer):
    """Injury -> glia -> cytokines -> excitable neurons -> glia: does activation outlast the injury?"""

    def __init__(self, **values):
        controls = {
            "injury_duration": w.FloatSlider(
                value=10.0, min=0.5, max=20.0, step=0.5, continuous_update=True, description="Injury lasts (time units)"
            ),
            "feedback": w.FloatSlider(
                value=1.5,
                min=0.0,
                max=2.5,
                step=0.05,
                continuous_update=True,
                description="Neuron-to-glia feedback strength (dimensionless)",
            ),
            "antagonist": w.Checkbox(
                value=False, description=f"TLR4 antagonist from time {ANTAGONIST_START:g}", indent=False
            ),
            # Disabled while the antagonist is off (the rule on "antagonist" switches it).
            "antagonist_strength": w.FloatSlider(
                value=0.5,
                min=0.1,
                max=0.9,
                step=0.05,
                continuous_update=True,
                description="Fraction of glial drive blocked",
                disabled=True,
            ),
        }
        note = w.HTML(
            '<p class="crps-note"><b>Conceptual model.</b> Dimensionless quantities and invented parameters, '
            "chosen to show how a feedback loop behaves; not fitted to any measurement. The injury starts at "
            f"time {INJURY_START:g}; the antagonist, when ticked, acts from time {ANTAGONIST_START:g}.</p>"
        )
        figure = glial_loop_figure(glia.time_grid(DURATION))
        super().__init__(
            controls,
            figure,
            values,
            rules={"antagonist": self._antagonist_switched},
            layout=w.VBox([note, *controls.values()]),
        )

    def _antagonist_switched(self, change):
        self.controls["antagonist_strength"].disabled = not change["new"]

    def _run(self, antagonist: float):
        v = self.values()
        return glia.simulate(
            injury_duration=v["injury_duration"],
            feedback=v["feedback"],
            antagonist=antagonist,
            antagonist_start=ANTAGONIST_START,
            duration=DURATION,
            injury_start=INJURY_START,
        )

    def update(self):
        v = self.values()
        on = bool(v["antagonist"])
        strength = v["antagonist_strength"] if on else 0.0
        run = self._run(strength)
        for name, y in [
            ("injury", run.injury),
            ("tlr4_block", run.antagonist),
            ("glia", run.glia),
            ("cytokines", run.cytokines),
            ("excitability", run.excitability),
        ]:
            self.trace(name).y = y
        reference = self.trace("glia_without_antagonist")
        if on:
            reference.y = self._run(0.0).glia
        reference.visible = on
        late = float(run.late_activation)
        gain = (1 - strength) * v["feedback"]
        state = "still activated (self-sustaining)" if run.persistent else "back to rest"
        after = ", after the antagonist starts" if on else ""
        self.set_readout(
            f"Conceptual model: injury ends at time {INJURY_START + v['injury_duration']:g}; glial activation at "
            f"time {DURATION:g} is {late:.2f} (dimensionless), {state}. Loop gain (fraction not blocked x feedback"
            f"{after}): {gain:.2f} (a self-sustaining state exists only above {glia.CRITICAL_GAIN:.2f})."
        )
