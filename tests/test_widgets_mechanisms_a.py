"""The "mg_block" and "windup" explorers: each control moves the figure the way the model says."""

import numpy as np
import pytest

from crps_lessons.models.nmda import ketamine_block, mg_unblock
from crps_lessons.models.windup import DEFAULT_PARAMETERS, recovery, train
from crps_lessons.widgets import EXPLORERS, explore


def _x(trace):
    return np.asarray(trace.x, float)


def _at(trace, x):
    return float(np.interp(x, np.asarray(trace.x, float), np.asarray(trace.y, float)))


def test_both_are_registered():
    assert {"mg_block", "windup"} <= set(EXPLORERS)


# ---- mg_block -------------------------------------------------------------------------------


def test_mg_block_initial_curve_is_jahr_stevens():
    ex = explore("mg_block")
    assert np.allclose(ex.trace("mg").y, mg_unblock(_x(ex.trace("mg")), 1.0))
    assert _x(ex.trace("mg")).min() == -100 and _x(ex.trace("mg")).max() == 40
    assert "8.0%" in ex.readout.value  # Jahr & Stevens 1990 at -60 mV with 1 mM Mg: 0.0796


def test_raising_mg_lowers_the_unblocked_fraction_at_minus_60_mv():
    ex = explore("mg_block")
    before = _at(ex.trace("mg"), -60)
    ex.controls["mg_mm"].value = 2.0
    after = _at(ex.trace("mg"), -60)
    assert after < before
    assert after == pytest.approx(mg_unblock(-60.0, 2.0), rel=1e-6)
    # the reference curve (1 mM) does not move
    assert np.allclose(ex.trace("reference").y, mg_unblock(_x(ex.trace("reference")), 1.0))


def test_zero_mg_removes_the_block():
    ex = explore("mg_block", mg_mm=0.0)
    assert np.allclose(ex.trace("mg").y, 1.0)
    assert "no magnesium" in ex.readout.value


def test_raising_ketamine_lowers_the_conducting_fraction_not_the_mg_curve():
    ex = explore("mg_block")
    mg_curve = np.array(ex.trace("mg").y)
    before = np.array(ex.trace("mg_ketamine").y)
    ex.controls["ketamine_x_ic50"].value = 1.0
    after = np.array(ex.trace("mg_ketamine").y)
    assert np.all(after < before)
    # At its half-block concentration an open-channel blocker halves what magnesium left, at every voltage.
    assert np.allclose(after, mg_curve * 0.5)
    assert np.allclose(ex.trace("mg").y, mg_curve)
    assert "blocks 50% of what is left" in ex.readout.value
    ex.controls["ketamine_x_ic50"].value = 9.0
    assert np.allclose(ex.trace("mg_ketamine").y, mg_curve * (1 - ketamine_block(9.0, ic50_um=1.0)))
    assert "blocks 90%" in ex.readout.value


def test_ketamine_is_set_relative_to_its_half_block_concentration_not_in_micromoles():
    control = explore("mg_block").controls["ketamine_x_ic50"]
    assert "half-block" in control.description and "µM" not in control.description


def test_voltage_slider_moves_the_read_off_markers():
    ex = explore("mg_block")
    ex.controls["voltage_mv"].value = -20
    assert list(ex.trace("read_off").x) == [-20, -20]
    assert ex.trace("read_off_values").y[0] == pytest.approx(mg_unblock(-20.0, 1.0))
    assert "-20 mV" in ex.readout.value


# ---- windup ---------------------------------------------------------------------------------

IC50_UM = DEFAULT_PARAMETERS.ketamine_ic50_um


def test_windup_initial_traces_match_the_model():
    ex = explore("windup")
    _, r_fast, v_fast, _ = train(1.0, 16)
    _, r_slow, _, _ = train(0.1, 16)
    assert np.allclose(ex.trace("chosen").y, r_fast)
    assert np.allclose(ex.trace("slow").y, r_slow)
    assert np.allclose(ex.trace("chosen_v").y, v_fast)
    assert "2.14 times the first" in ex.readout.value


def test_raising_frequency_from_0_1_to_1_hz_raises_the_last_response():
    ex = explore("windup", frequency_hz=0.1)
    low = ex.trace("chosen").y[-1]
    assert low == pytest.approx(ex.trace("slow").y[-1])  # same as the 0.1 Hz reference
    ex.controls["frequency_hz"].value = 1.0
    assert ex.trace("chosen").y[-1] > 1.5 * low
    assert ex.trace("chosen_v").y[-1] > ex.trace("slow_v").y[-1]  # more depolarized


def test_raising_ketamine_lowers_the_last_response_and_keeps_the_reference():
    ex = explore("windup")
    before = ex.trace("chosen").y[-1]
    ref = np.array(ex.trace("chosen_free").y)
    ex.controls["ketamine_x_ic50"].value = 1.0
    assert ex.trace("chosen").y[-1] < before
    assert np.allclose(ex.trace("chosen_free").y, ref)  # "no ketamine" reference unchanged
    assert "ketamine" in ex.trace("chosen").name
    # Set relative to the half-block concentration: 1 x blocks half the NMDA current, 9 x blocks 90%.
    assert np.allclose(ex.trace("chosen").y, train(1.0, 16, IC50_UM)[1])
    assert "blocks 50% of NMDA current" in ex.readout.value
    ex.controls["ketamine_x_ic50"].value = 9.0
    assert "blocks 90% of NMDA current" in ex.readout.value


def test_windup_ketamine_is_set_relative_to_its_half_block_concentration_not_in_micromoles():
    control = explore("windup").controls["ketamine_x_ic50"]
    assert "half-block" in control.description and "µM" not in control.description


def test_number_of_stimuli_sets_the_train_length():
    ex = explore("windup")
    ex.controls["n_stimuli"].value = 30
    assert len(ex.trace("chosen").y) == 30 and list(ex.trace("chosen").x)[-1] == 30
    assert len(ex.trace("slow").y) == 30
    longer_last = ex.trace("chosen").y[-1]
    ex.controls["n_stimuli"].value = 5
    assert ex.trace("chosen").y[-1] < longer_last  # fewer stimuli, less wind-up reached


def test_pause_moves_the_test_stimulus_along_the_fade_curve():
    ex = explore("windup")
    fade_x, fade_y = np.asarray(ex.trace("fade").x), np.asarray(ex.trace("fade").y)
    assert np.allclose(fade_y, recovery(1.0, 16, fade_x))
    assert np.all(np.diff(fade_y) < 0)  # the extra response fades with the pause
    rested = ex.trace("rested").y[0]
    assert rested == pytest.approx(ex.trace("chosen").y[0])
    ex.controls["pause_s"].value = 2.0
    early = ex.trace("test").y[0]
    assert list(ex.trace("test").x) == [2.0] and early == pytest.approx(recovery(1.0, 16, 2.0))
    ex.controls["pause_s"].value = 40.0
    late = ex.trace("test").y[0]
    assert late < early and late == pytest.approx(rested, rel=1e-3)  # back to the rested response
    assert "40 s later" in ex.readout.value and "0% of the extra response is left" in ex.readout.value


def test_fade_curve_follows_the_train_settings():
    ex = explore("windup")
    at_1hz = np.asarray(ex.trace("fade").y)
    ex.controls["frequency_hz"].value = 0.1
    at_slow = np.asarray(ex.trace("fade").y)
    assert at_slow.max() < at_1hz.max()  # no wind-up built, nothing to fade


def test_titles_say_conceptual_model():
    ex = explore("windup")
    assert "conceptual" in ex.figure.layout.title.text.lower()
    assert "conceptual" in ex.description.value.lower()
    assert "conceptual model" in ex.readout.value.lower()
