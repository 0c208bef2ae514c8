"""The glial-loop and ketamine-schedule explorers change their figures as their models say."""

import numpy as np
import pytest

from crps_lessons.widgets import EXPLORERS, explore
from crps_lessons.widgets.ketamine import trough_effect


def _trace(ex, name):
    return next(t for t in ex.figure.data if t.name == name)


def _last(ex, name):
    return float(np.asarray(_trace(ex, name).y)[-1])


# ---------------------------------------------------------------- glial_loop
def test_glial_loop_is_registered_and_labelled_conceptual():
    assert "glial_loop" in EXPLORERS
    ex = explore("glial_loop")
    assert "conceptual model" in ex.figure.layout.title.text.lower()
    assert "conceptual model" in ex.description.value.lower()
    assert "Conceptual model" in ex.readout.value


def test_glial_feedback_strength_decides_persistence():
    ex = explore("glial_loop", feedback=1.5)
    assert _last(ex, "Glial activation") > 1.0
    assert "self-sustaining" in ex.readout.value
    ex.controls["feedback"].value = 0.6
    assert _last(ex, "Glial activation") < 0.01
    assert "back to rest" in ex.readout.value


def test_glial_longer_injury_tips_the_loop():
    ex = explore("glial_loop", injury_duration=2.0)
    assert _last(ex, "Glial activation") < 0.01
    injury_before = np.asarray(_trace(ex, "Injury input").y).sum()
    ex.controls["injury_duration"].value = 10.0
    assert _last(ex, "Glial activation") > 1.0
    assert np.asarray(_trace(ex, "Injury input").y).sum() > injury_before


def test_glial_antagonist_switch_lowers_late_activation():
    ex = explore("glial_loop")
    off = _last(ex, "Glial activation")
    assert not _trace(ex, "Glial activation without antagonist").visible
    assert np.asarray(_trace(ex, "TLR4 block (fraction)").y).max() == 0
    ex.controls["antagonist"].value = True
    assert _last(ex, "Glial activation") < off
    assert _trace(ex, "Glial activation without antagonist").visible
    assert _last(ex, "Glial activation without antagonist") == pytest.approx(off)
    assert np.asarray(_trace(ex, "TLR4 block (fraction)").y).max() == pytest.approx(0.5)


def test_glial_antagonist_strength_lowers_late_activation():
    ex = explore("glial_loop", antagonist=True, antagonist_strength=0.2)
    weak = _last(ex, "Glial activation")
    ex.controls["antagonist_strength"].value = 0.3
    partial = _last(ex, "Glial activation")
    ex.controls["antagonist_strength"].value = 0.6
    strong = _last(ex, "Glial activation")
    assert weak > partial > strong
    assert strong < 0.01


def test_glial_strength_slider_is_disabled_while_switch_is_off():
    ex = explore("glial_loop")
    assert ex.controls["antagonist_strength"].disabled
    ex.controls["antagonist"].value = True
    assert not ex.controls["antagonist_strength"].disabled


# ---------------------------------------------------------------- ketamine_schedules
def _outpatient_trough(ex):
    t = np.asarray(_trace(ex, "Outpatient course: relief").x)
    y = np.asarray(_trace(ex, "Outpatient course: relief").y)
    return y[t >= 14].min()


def test_ketamine_figure_says_teaching_model_not_dosing_tool():
    ex = explore("ketamine_schedules")
    assert "teaching model, not a dosing tool" in ex.figure.layout.title.text.lower()
    assert "teaching model, not a dosing tool" in ex.description.value.lower()
    assert "Teaching model" in ex.readout.value
    for control in ex.controls.values():
        assert "mg" not in control.description.lower()      # no dose control


def test_ketamine_plasma_and_effect_share_the_time_axis_in_days():
    ex = explore("ketamine_schedules")
    layout = ex.figure.layout
    assert layout.xaxis2.matches == "x"
    assert "(days)" in layout.xaxis.title.text
    assert "(ng/mL)" in layout.yaxis2.title.text
    plasma = _trace(ex, "Outpatient course: plasma")
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
    auc = lambda name: np.trapezoid(_trace(ex, name).y, _trace(ex, name).x)
    before_out, before_cont = auc("Outpatient course: plasma"), auc("Continuous infusion: plasma")
    peak_before = max(_trace(ex, "Outpatient course: relief").y)
    ex.controls["hours_per_day"].value = 6.0
    assert auc("Outpatient course: plasma") == pytest.approx(2 * before_out, rel=0.02)
    assert auc("Continuous infusion: plasma") == pytest.approx(before_cont)
    assert max(_trace(ex, "Outpatient course: relief").y) > peak_before


def test_ketamine_longer_effect_half_life_keeps_relief_longer():
    ex = explore("ketamine_schedules", effect_half_life_days=7.0)
    def at_day(name, day):
        tr = _trace(ex, name)
        return float(np.interp(day, tr.x, tr.y))
    short = at_day("Continuous infusion: relief", 60)
    plasma_before = np.asarray(_trace(ex, "Continuous infusion: plasma").y).copy()
    ex.controls["effect_half_life_days"].value = 20.0
    assert at_day("Continuous infusion: relief", 60) > short
    np.testing.assert_allclose(_trace(ex, "Continuous infusion: plasma").y, plasma_before)  # plasma unchanged


def test_ketamine_view_selects_which_course_is_shown():
    ex = explore("ketamine_schedules")
    ex.controls["view"].value = "outpatient"
    assert _trace(ex, "Outpatient course: relief").visible and not _trace(ex, "Continuous infusion: relief").visible
    assert "continuous" not in ex.readout.value
    ex.controls["view"].value = "continuous"
    assert _trace(ex, "Continuous infusion: plasma").visible and not _trace(ex, "Outpatient course: plasma").visible


def test_ketamine_relief_outlasts_plasma_in_the_figure():
    ex = explore("ketamine_schedules", view="continuous")
    t = np.asarray(_trace(ex, "Continuous infusion: plasma").x)
    plasma = np.asarray(_trace(ex, "Continuous infusion: plasma").y)
    relief = np.asarray(_trace(ex, "Continuous infusion: relief").y)
    late = t >= 14
    assert plasma[late].max() < 1e-3 and relief[late].max() > 0.5


def test_trough_helper():
    from crps_lessons.widgets.ketamine import run_courses
    out, _ = run_courses(4, 1, 4.0, 10.9)
    assert 0 < trough_effect(out) < out.effect.max()


def test_explorers_show_their_labels_next_to_the_controls():
    glial = explore("glial_loop").widget.children[0].children[0].value
    assert "Conceptual model" in glial
    keta = explore("ketamine_schedules").widget.children[0].children[0].value
    assert "not a dosing tool" in keta and "teaching schedules" in keta
