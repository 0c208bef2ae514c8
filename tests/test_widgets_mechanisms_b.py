"""The glial-loop and ketamine-schedule explorers change their figures as their models say."""

import numpy as np
import pytest

from crps_lessons.models import glia
from crps_lessons.models import pharmacokinetics as pk
from crps_lessons.widgets import EXPLORERS, explore
from crps_lessons.widgets.ketamine import run_courses, trough_effect


def _x(ex, role):
    return np.asarray(ex.trace(role).x, float)


def _y(ex, role):
    return np.asarray(ex.trace(role).y, float)


def _last(ex, role):
    return float(_y(ex, role)[-1])


# ---------------------------------------------------------------- glial_loop
def test_glial_loop_is_registered_and_labelled_conceptual():
    assert "glial_loop" in EXPLORERS
    ex = explore("glial_loop")
    assert "conceptual model" in ex.figure.layout.title.text.lower()
    assert "conceptual model" in ex.description.value.lower()
    assert "Conceptual model" in ex.readout.value


def test_glial_curves_are_the_model_run_for_the_controls():
    ex = explore("glial_loop", injury_duration=6.0, feedback=1.2, antagonist=True, antagonist_strength=0.3)
    run = glia.simulate(injury_duration=6.0, feedback=1.2, antagonist=0.3)
    for role, y in [
        ("injury", run.injury),
        ("tlr4_block", run.antagonist),
        ("glia", run.glia),
        ("cytokines", run.cytokines),
        ("excitability", run.excitability),
    ]:
        np.testing.assert_allclose(_x(ex, role), run.times)
        np.testing.assert_allclose(_y(ex, role), y)
    np.testing.assert_allclose(_y(ex, "glia_without_antagonist"), glia.simulate(injury_duration=6.0, feedback=1.2).glia)


def test_glial_feedback_strength_decides_persistence():
    ex = explore("glial_loop", feedback=1.5)
    assert _last(ex, "glia") > 1.0
    assert "self-sustaining" in ex.readout.value
    ex.controls["feedback"].value = 0.6
    assert _last(ex, "glia") < 0.01
    assert "back to rest" in ex.readout.value


def test_glial_longer_injury_tips_the_loop():
    ex = explore("glial_loop", injury_duration=2.0)
    assert _last(ex, "glia") < 0.01
    injury_before = _y(ex, "injury").sum()
    ex.controls["injury_duration"].value = 10.0
    assert _last(ex, "glia") > 1.0
    assert _y(ex, "injury").sum() > injury_before


def test_glial_antagonist_switch_lowers_late_activation():
    ex = explore("glial_loop")
    off = _last(ex, "glia")
    assert not ex.trace("glia_without_antagonist").visible
    assert _y(ex, "tlr4_block").max() == 0
    ex.controls["antagonist"].value = True
    assert _last(ex, "glia") < off
    assert ex.trace("glia_without_antagonist").visible
    assert _last(ex, "glia_without_antagonist") == pytest.approx(off)
    assert _y(ex, "tlr4_block").max() == pytest.approx(0.5)


def test_glial_antagonist_strength_lowers_late_activation():
    ex = explore("glial_loop", antagonist=True, antagonist_strength=0.2)
    weak = _last(ex, "glia")
    ex.controls["antagonist_strength"].value = 0.3
    partial = _last(ex, "glia")
    ex.controls["antagonist_strength"].value = 0.6
    strong = _last(ex, "glia")
    assert weak > partial > strong
    assert strong < 0.01


def test_glial_strength_slider_is_disabled_while_switch_is_off():
    ex = explore("glial_loop")
    assert ex.controls["antagonist_strength"].disabled
    ex.controls["antagonist"].value = True
    assert not ex.controls["antagonist_strength"].disabled
    ex.controls["antagonist"].value = False
    assert ex.controls["antagonist_strength"].disabled
    assert not explore("glial_loop", antagonist=True).controls["antagonist_strength"].disabled


def test_glial_readout_gives_the_loop_gain_against_the_critical_gain():
    ex = explore("glial_loop", feedback=1.5, antagonist=True, antagonist_strength=0.5)
    assert f"{0.5 * 1.5:.2f}" in ex.readout.value
    assert f"only above {glia.CRITICAL_GAIN:.2f}" in ex.readout.value


# ---------------------------------------------------------------- ketamine_schedules
def _outpatient_trough(ex):
    return _y(ex, "outpatient_relief")[_x(ex, "outpatient_relief") >= 14].min()


def test_ketamine_figure_says_teaching_model_not_dosing_tool():
    ex = explore("ketamine_schedules")
    assert "teaching model, not a dosing tool" in ex.figure.layout.title.text.lower()
    assert "teaching model, not a dosing tool" in ex.description.value.lower()
    assert "Teaching model" in ex.readout.value
    for control in ex.controls.values():
        assert "mg" not in control.description.lower()  # no dose control


def test_ketamine_curves_are_the_model_run_for_the_controls():
    ex = explore(
        "ketamine_schedules", booster_interval_weeks=4, booster_days=2, hours_per_day=5.0, effect_half_life_days=8.0
    )
    outpatient, continuous = run_courses(4, 2, 5.0, 8.0)
    for name, course in (("outpatient", outpatient), ("continuous", continuous)):
        np.testing.assert_allclose(_x(ex, f"{name}_plasma"), course.times_h / 24.0)
        np.testing.assert_allclose(_y(ex, f"{name}_plasma"), course.plasma_mg_per_l * 1000.0)  # mg/L -> ng/mL
        np.testing.assert_allclose(_y(ex, f"{name}_relief"), course.effect)
    # the continuous course is the 100-h teaching infusion (Sigtermans et al. 2009 via Dahan et al. 2011)
    np.testing.assert_allclose(
        continuous.plasma_mg_per_l, pk.plasma_concentration(continuous.times_h, pk.continuous_course())
    )


def test_ketamine_plasma_and_effect_share_the_time_axis_in_days():
    ex = explore("ketamine_schedules")
    layout = ex.figure.layout
    assert layout.xaxis2.matches == "x"
    assert "(days)" in layout.xaxis.title.text
    assert "(ng/mL)" in layout.yaxis2.title.text
    plasma = ex.trace("outpatient_plasma")
    assert plasma.yaxis == "y2" and max(plasma.x) == pytest.approx(120, abs=0.2)


def test_ketamine_longer_booster_interval_gives_lower_trough():
    ex = explore("ketamine_schedules", booster_interval_weeks=4)
    short = _outpatient_trough(ex)
    ex.controls["booster_interval_weeks"].value = 8
    long = _outpatient_trough(ex)
    ex.controls["booster_interval_weeks"].value = 12
    longest = _outpatient_trough(ex)
    assert short > long > longest


def test_ketamine_more_booster_days_raise_the_trough():
    ex = explore("ketamine_schedules", booster_interval_weeks=4, booster_days=0)
    none = _outpatient_trough(ex)
    ex.controls["booster_days"].value = 1
    one = _outpatient_trough(ex)
    ex.controls["booster_days"].value = 2
    two = _outpatient_trough(ex)
    assert none < one < two


def test_ketamine_longer_infusions_raise_outpatient_levels_only():
    ex = explore("ketamine_schedules", hours_per_day=3.0)

    def auc(role):
        return np.trapezoid(_y(ex, role), _x(ex, role))

    before_out, before_cont = auc("outpatient_plasma"), auc("continuous_plasma")
    peak_before = _y(ex, "outpatient_relief").max()
    ex.controls["hours_per_day"].value = 6.0
    assert auc("outpatient_plasma") == pytest.approx(2 * before_out, rel=0.02)
    assert auc("continuous_plasma") == pytest.approx(before_cont)
    assert _y(ex, "outpatient_relief").max() > peak_before


def test_ketamine_longer_effect_half_life_keeps_relief_longer():
    ex = explore("ketamine_schedules", effect_half_life_days=7.0)

    def at_day(role, day):
        return float(np.interp(day, _x(ex, role), _y(ex, role)))

    short = at_day("continuous_relief", 60)
    plasma_before = _y(ex, "continuous_plasma").copy()
    ex.controls["effect_half_life_days"].value = 20.0
    assert at_day("continuous_relief", 60) > short
    np.testing.assert_allclose(_y(ex, "continuous_plasma"), plasma_before)  # plasma unchanged


def test_ketamine_view_selects_which_course_is_shown():
    ex = explore("ketamine_schedules")
    ex.controls["view"].value = "outpatient"
    assert ex.trace("outpatient_relief").visible and not ex.trace("continuous_relief").visible
    assert "continuous" not in ex.readout.value
    ex.controls["view"].value = "continuous"
    assert ex.trace("continuous_plasma").visible and not ex.trace("outpatient_plasma").visible
    assert "outpatient" not in ex.readout.value
    ex.controls["view"].value = "both"
    assert all(ex.trace(role).visible for role in ("outpatient_plasma", "continuous_plasma"))


def test_ketamine_relief_outlasts_plasma_in_the_figure():
    ex = explore("ketamine_schedules", view="continuous")
    late = _x(ex, "continuous_plasma") >= 14
    assert _y(ex, "continuous_plasma")[late].max() < 1e-3 and _y(ex, "continuous_relief")[late].max() > 0.5


def test_trough_helper():
    out, _ = run_courses(4, 1, 4.0, pk.EFFECT_HALF_LIFE_DAYS)
    days = out.times_h / 24.0
    assert trough_effect(out) == out.effect[days >= 14].min()
    assert 0 < trough_effect(out) < out.effect.max()
    assert trough_effect(out, from_day=0.0) == 0.0  # before the first infusion there is no relief


def test_explorers_show_their_labels_next_to_the_controls():
    glial = explore("glial_loop").widget.children[0].children[0].value
    assert "Conceptual model" in glial
    keta = explore("ketamine_schedules").widget.children[0].children[0].value
    assert "not a dosing tool" in keta and "teaching schedules" in keta
