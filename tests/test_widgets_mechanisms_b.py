"""The glial-loop and ketamine-schedule explorers change their figures as their models say."""

import html

import ipywidgets as w
import numpy as np
import pytest

from crps_lessons.models import glia
from crps_lessons.models import pharmacokinetics as pk
from crps_lessons.widgets import EXPLORERS, explore
from crps_lessons.widgets.ketamine import HORIZON_DAYS, WEEK_12_DAY, run_schedule, summary


def _x(ex, role):
    return np.asarray(ex.trace(role).x, float)


def _y(ex, role):
    return np.asarray(ex.trace(role).y, float)


def _readout(ex):
    return html.unescape(ex.readout.value)


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
def test_ketamine_figure_says_teaching_model_not_dosing_tool():
    ex = explore("ketamine_schedules")
    assert "teaching model, not a dosing tool" in ex.figure.layout.title.text.lower()
    assert "teaching model, not a dosing tool" in ex.description.value.lower()
    assert "Teaching model" in _readout(ex)


def test_ketamine_offers_only_reported_schedules_and_no_plan_to_tune():
    ex = explore("ketamine_schedules")
    assert set(ex.controls) == {"schedule", "show_range"}  # no rate, duration, interval or half-life slider
    assert not any(isinstance(c, (w.IntSlider, w.FloatSlider)) for c in ex.controls.values())
    options = dict((v, label) for label, v in ex.controls["schedule"].options)
    assert set(options) == {*pk.SCHEDULES, "all"}
    assert "Sigtermans" in options["sigtermans"] and "4.2-day" in options["sigtermans"]
    assert "Schwartzman" in options["schwartzman"] and "10 days" in options["schwartzman"]
    assert "Dr Chopra's talk" in options["chopra"] and "no trial" in options["chopra"]


def test_ketamine_curves_are_the_model_run_for_each_reported_schedule():
    ex = explore("ketamine_schedules", schedule="all")
    for key in pk.SCHEDULES:
        course = run_schedule(key)
        infusions = pk.reported_schedule(key, 70.0, HORIZON_DAYS)
        np.testing.assert_allclose(_x(ex, f"{key}_plasma"), course.times_h / 24.0)
        np.testing.assert_allclose(_y(ex, f"{key}_plasma"), course.plasma_mg_per_l * 1000.0)  # mg/L -> ng/mL
        np.testing.assert_allclose(_y(ex, f"{key}_relief"), course.effect)
        np.testing.assert_allclose(course.plasma_mg_per_l, pk.plasma_concentration(course.times_h, infusions))
        assert ex.trace(f"{key}_plasma").visible and ex.trace(f"{key}_relief").visible


def test_ketamine_plasma_and_effect_share_the_time_axis_in_days():
    ex = explore("ketamine_schedules")
    layout = ex.figure.layout
    assert layout.xaxis2.matches == "x"
    assert "(days)" in layout.xaxis.title.text
    assert "(ng/mL)" in layout.yaxis2.title.text
    plasma = ex.trace("sigtermans_plasma")
    assert plasma.yaxis == "y2" and max(plasma.x) == pytest.approx(HORIZON_DAYS, abs=0.2)
    assert list(ex.trace("mark").x) == [WEEK_12_DAY, WEEK_12_DAY]


def test_ketamine_schedule_selects_which_course_is_shown():
    ex = explore("ketamine_schedules")
    assert ex.trace("sigtermans_relief").visible and not ex.trace("schwartzman_relief").visible
    assert "Sigtermans 2009" in _readout(ex) and "Schwartzman 2009" not in _readout(ex)
    ex.controls["schedule"].value = "chopra"
    assert ex.trace("chopra_plasma").visible and not ex.trace("sigtermans_plasma").visible
    assert "Dr Chopra's talk" in _readout(ex) and "No trial has tested a booster schedule" in _readout(ex)


def test_ketamine_range_band_spans_dahans_interval_and_holds_the_central_curve():
    ex = explore("ketamine_schedules", show_range=True)
    assert ex.trace("sigtermans_relief_low").visible and ex.trace("sigtermans_relief_high").visible
    assert not ex.trace("schwartzman_relief_high").visible  # bands only for the schedules shown
    low, high = _y(ex, "sigtermans_relief_low"), _y(ex, "sigtermans_relief_high")
    mid = _y(ex, "sigtermans_relief")
    assert np.all(low <= mid + 1e-12) and np.all(mid <= high + 1e-12)
    for t in pk.EFFECT_HALF_LIFE_CI_DAYS:  # the ends of Dahan's 95% interval, 5.3 and 20.5 days
        end = run_schedule("sigtermans", t).effect
        assert np.all(low <= end + 1e-12) and np.all(end <= high + 1e-12)
    assert "across Dahan's range of half-lives" in _readout(ex)
    ex.controls["show_range"].value = False
    assert not ex.trace("sigtermans_relief_high").visible


def test_ketamine_readout_gives_the_numbers_of_the_plot():
    ex = explore("ketamine_schedules")
    s = summary("sigtermans", run_schedule("sigtermans"))
    assert f"{s['peak_plasma_ng_per_ml']:.0f} ng/mL" in _readout(ex)
    assert f"{s['relief_week_12']:.2f} at week 12" in _readout(ex)
    assert s["infusion_hours"] == pytest.approx(100.0)  # 4.2 days (Sigtermans et al. 2009)
    assert summary("schwartzman", run_schedule("schwartzman"))["infusion_hours"] == pytest.approx(40.0)  # 4 h x 10


def test_ketamine_relief_outlasts_plasma_in_the_figure():
    # The lesson's point: the drug leaves the blood within a day, the modelled relief lasts weeks.
    ex = explore("ketamine_schedules")
    s = summary("sigtermans", run_schedule("sigtermans"))
    assert s["hours_to_1_ng_per_ml"] < 24
    late = _x(ex, "sigtermans_plasma") >= 14
    assert _y(ex, "sigtermans_plasma")[late].max() < 1e-3 and _y(ex, "sigtermans_relief")[late].max() > 0.5


def test_explorers_show_their_labels_next_to_the_controls():
    glial = explore("glial_loop").widget.children[0].children[0].value
    assert "Conceptual model" in glial
    keta = explore("ketamine_schedules").widget.children[0].children[0].value
    assert "not a dosing tool" in keta and "teaching schedules" in keta and "not recommendations" in keta
