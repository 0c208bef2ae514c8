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
BLOCK_TO_END = DURATION - ANTAGONIST_START  # the longest block: from its start to the end of the run


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
            # Disabled while the antagonist is off; its maximum means "to the end of the run".
            "antagonist_duration": w.FloatSlider(
                value=BLOCK_TO_END,
                min=1.0,
                max=BLOCK_TO_END,
                step=1.0,
                readout_format=".0f",
                continuous_update=True,
                description=f"Block lasts (time units; {BLOCK_TO_END:g} = to the end)",
                disabled=True,
            ),
        }
        note = w.HTML(
            '<p class="crps-note"><b>Conceptual model.</b> Dimensionless quantities and invented parameters, '
            "chosen to show how a feedback loop behaves; not fitted to any measurement, and not a model of any "
            f"drug. The injury starts at time {INJURY_START:g}; the antagonist, when ticked, acts from time "
            f"{ANTAGONIST_START:g} for as long as the last slider says.</p>"
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
        self.controls["antagonist_duration"].disabled = not change["new"]

    def _run(self, antagonist: float):
        v = self.values()
        return glia.simulate(
            injury_duration=v["injury_duration"],
            feedback=v["feedback"],
            antagonist=antagonist,
            antagonist_start=ANTAGONIST_START,
            # The slider's maximum means "to the end of the run" (the model's default).
            antagonist_duration=None if v["antagonist_duration"] >= BLOCK_TO_END else v["antagonist_duration"],
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
            self.restyle(name, y=y)
        # Hidden, it holds no data, as when the explorer is built.
        self.restyle("glia_without_antagonist", y=self._run(0.0).glia if on else None, visible=on)
        late = float(run.late_activation)
        gain = (1 - strength) * v["feedback"]
        state = "still activated (self-sustaining)" if run.persistent else "back to rest"
        injury_end = INJURY_START + v["injury_duration"]
        text = (
            f"Conceptual model (dimensionless): the injury input ends at time {injury_end:g}; glial activation "
            f"at time {DURATION:g} is {late:.2f}, {state}."
        )
        if on:
            block_end = min(ANTAGONIST_START + v["antagonist_duration"], DURATION)
            at_end = float(run.glia[..., glia.time_grid(DURATION).searchsorted(block_end - 1e-9)])
            text += (
                f" The block acts from time {ANTAGONIST_START:g} to {block_end:g}; while it acts, the feedback "
                f"left (feedback strength x share not blocked) is {gain:.2f}, and a loop keeps itself going "
                f"only above {glia.CRITICAL_GAIN:.2f}."
            )
            if block_end < DURATION:
                text += f" Activation when the block ends: {at_end:.2f}."
        else:
            text += (
                f" Feedback strength {v['feedback']:.2f}: a loop keeps itself going only above "
                f"{glia.CRITICAL_GAIN:.2f}."
            )
        self.set_readout(text)
