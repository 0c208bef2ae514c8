"""Explorer "uncontrolled_series" (lesson 12): why a clinic's before-and-after series looks good.

A conceptual teaching model with made-up numbers (:mod:`crps_lessons.models.uncontrolled_series`):
people enrol on a bad week, recover naturally, regress to the mean and respond to placebo and
attention; a randomized placebo arm can be switched on to see what a controlled trial measures.
"""

from __future__ import annotations

import ipywidgets as w

from ..figures.uncontrolled_series import PARTS, TRIAL_BAR, uncontrolled_series_figure
from ..models.uncontrolled_series import RESPONDER_FALL, Cohort, run
from .base import Explorer, register

__all__ = ["UncontrolledSeriesExplorer"]

WEEKS = 24


def _share(x: float | None) -> str:
    return "too few people enrol to count" if x is None else f"{x:.0%}"


@register("uncontrolled_series")
class UncontrolledSeriesExplorer(Explorer):
    """A made-up clinic series beside a randomized placebo arm; the fall split into its four causes."""

    def __init__(self, **values):
        slider = {"continuous_update": False}
        controls = {
            "control_arm": w.Checkbox(value=False, description="Add a randomized placebo arm", indent=False),
            "true_effect": w.FloatSlider(
                value=0.0,
                min=0.0,
                max=3.0,
                step=0.1,
                readout_format=".1f",
                description="The treatment's own effect (points)",
                **slider,
            ),
            "threshold": w.FloatSlider(
                value=7.0,
                min=0.0,
                max=9.0,
                step=0.5,
                readout_format=".1f",
                description="Enrol if that week's pain is at least (points, 0 = everyone)",
                **slider,
            ),
            "variability": w.FloatSlider(
                value=1.2,
                min=0.2,
                max=2.5,
                step=0.1,
                readout_format=".1f",
                description="Week-to-week ups and downs (SD, points)",
                **slider,
            ),
            "natural_recovery": w.IntSlider(
                value=15,
                min=0,
                max=50,
                step=1,
                description=f"Natural recovery by week {WEEKS} (% of usual pain)",
                **slider,
            ),
            "placebo": w.FloatSlider(
                value=1.0,
                min=0.0,
                max=3.0,
                step=0.1,
                readout_format=".1f",
                description="Placebo and attention (points)",
                **slider,
            ),
        }
        super().__init__(controls, uncontrolled_series_figure(), values)

    def update(self) -> None:
        v = self.values()
        result = run(
            Cohort(
                threshold=float(v["threshold"]),
                variability=float(v["variability"]),
                natural_recovery_pct=float(v["natural_recovery"]),
                placebo=float(v["placebo"]),
                true_effect=float(v["true_effect"]),
                weeks=WEEKS,
            )
        )
        weeks = result.weeks.tolist()
        control = bool(v["control_arm"])
        self.restyle("treated", x=weeks, y=result.treated.tolist())
        self.restyle("usual", x=weeks, y=result.usual.tolist())
        self.restyle("placebo_arm", x=weeks if control else [], y=result.placebo_arm.tolist() if control else [])
        values = [result.parts[p] for p in PARTS]
        labels = [f"{p}: {v:.1f}" for p, v in zip(PARTS, values, strict=True)]
        self.restyle("parts", x=values, y=PARTS, text=labels)
        self.restyle(
            "trial",
            x=[result.between_arms] if control else [],
            y=[TRIAL_BAR] if control else [],
            text=[f"{TRIAL_BAR}: {result.between_arms:.1f}"] if control else [],
        )
        # Room on the right for the labels, which sit outside the bars.
        self.figure.layout.xaxis2.range = [0, max(1.0, *values, result.between_arms) * 2.4]

        start, end = float(result.treated[0]), float(result.treated[-1])
        fall = result.before_after
        parts = result.parts
        who = (
            "everyone in the cohort enrols"
            if v["threshold"] == 0
            else f"people enrol when that week's pain is at least {v['threshold']:.1f} ({result.enrolled_fraction:.0%}"
            " of the cohort)"
        )
        text = (
            f"Conceptual teaching model, made-up numbers. {who[0].upper()}{who[1:]}. At enrolment they average "
            f"{start:.1f} points, though their usual level is {result.usual[0]:.1f}. After {WEEKS} weeks the treated "
            f"average {end:.1f}: a before-and-after fall of {fall:.1f} points ({fall / start:.0%}), and "
            f"{_share(result.responders_treated)} 'improved' by {RESPONDER_FALL:.0%} or more. Of the {fall:.1f} "
            f"points: regression to the mean {parts['regression to the mean']:.1f}, natural recovery "
            f"{parts['natural recovery']:.1f}, placebo and attention {parts['placebo and attention']:.1f}, the "
            f"treatment itself {parts['the treatment itself']:.1f}."
        )
        if control:
            text += (
                f" A randomized placebo arm, enrolled the same way, falls by "
                f"{float(result.placebo_arm[0] - result.placebo_arm[-1]):.1f} points "
                f"({_share(result.responders_placebo)} 'improved'); the difference between the arms, "
                f"{result.between_arms:.1f} points, is the treatment's own effect."
            )
        else:
            text += " Without a comparison group, the series cannot tell these parts apart."
        self.set_readout(text)
