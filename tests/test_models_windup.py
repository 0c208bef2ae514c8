"""windup: the teaching model against what published experiments report (each value with its source).

Sources (data/sources.csv): Dickenson & Sullivan 1987 (rat dorsal horn: 16 C-fibre stimuli at 0.5 Hz
wind up; an NMDA antagonist changes the C-fibre input little but reliably reduces wind-up); Vierck
et al. 1997 (people: heat contacts at 0.33 Hz summate, at 0.16 Hz or less they do not); Staud et al.
2004 (once wind-up is built at 0.3 Hz, stimuli at 0.16 or 0.08 Hz do not keep it up in healthy
people); Aguiar et al. 2010 and De Koninck & Henry 1991 (growth needs more than NMDA channels);
Jahr & Stevens 1990 (magnesium block).
"""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from crps_lessons.models.nmda import ketamine_block, mg_unblock
from crps_lessons.models.windup import DEFAULT_PARAMETERS, WindupParameters, recovery, simulate, train, windup_ratio
from crps_lessons.validate import WrongType

IC50 = DEFAULT_PARAMETERS.ketamine_ic50_um


def test_output_shape_and_columns():
    df = simulate(1.0, n_stimuli=16)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["stimulus", "time_s", "response"]
    assert list(df["stimulus"]) == list(range(1, 17))
    assert df["time_s"].iloc[0] == 0 and df["time_s"].iloc[-1] == pytest.approx(15.0)
    assert np.all(np.isfinite(df["response"])) and np.all(df["response"] > 0)


# ---- published frequency dependence ----------------------------------------------------------


def test_16_stimuli_at_half_a_hertz_wind_up():
    # Dickenson & Sullivan 1987: "16 stimuli at 0.5 Hz produced wind up" in deep dorsal-horn neurons.
    r = simulate(0.5, 16)["response"].to_numpy()
    assert r[-1] > 1.5 * r[0]
    assert np.all(np.diff(r) >= -1e-9)  # grows (or plateaus) through the train


def test_summation_at_0_33_hz_but_not_at_0_16_hz_or_slower():
    # Vierck et al. 1997: substantial summation at >= 0.33 Hz (contacts 3 s apart); contacts at < 0.16 Hz
    # gave only warmth. Staud et al. 2004: 0.16 and 0.08 Hz "do not produce WU when delivered alone".
    assert windup_ratio(0.33) > 1.3
    assert windup_ratio(0.16) < 1.1
    assert windup_ratio(0.08) < 1.02
    assert windup_ratio(0.1) < 1.05


def test_more_windup_at_higher_frequency_in_the_experimental_range():
    ratios = [windup_ratio(f) for f in (0.08, 0.16, 0.33, 0.5, 1.0, 2.0)]
    assert np.all(np.diff(ratios) > 0)


def test_growth_levels_off_in_a_long_train():
    r = simulate(1.0, 40)["response"].to_numpy()
    assert r[-1] - r[-2] < 0.01 * r[-1]  # a plateau, not endless growth
    assert r[-1] < 3 * r[0]


# ---- NMDA block -------------------------------------------------------------------------------


def test_nmda_block_barely_changes_the_first_response_but_cuts_the_windup():
    # Dickenson & Sullivan 1987: AP5 "produced minor changes in A and C fibre inputs onto the cells but
    # reliably reduced wind up". Here: 90% NMDA block (9 x the half-block concentration).
    free = simulate(0.5, 16)["response"].to_numpy()
    blocked = simulate(0.5, 16, ketamine_um=9 * IC50)["response"].to_numpy()
    assert blocked[0] > 0.8 * free[0]  # the first response falls by less than a fifth
    growth_free = free[-1] / free[0] - 1
    growth_blocked = blocked[-1] / blocked[0] - 1
    assert growth_blocked < 0.5 * growth_free  # the growth falls by more than half
    assert growth_blocked > 0  # but does not vanish: not all of the slow depolarization is NMDA


def test_ketamine_lowers_the_last_response_step_by_step():
    last = [simulate(1.0, ketamine_um=k * IC50)["response"].iloc[-1] for k in (0.0, 1.0, 3.0, 9.0)]
    assert np.all(np.diff(last) < 0)


def test_growth_has_an_nmda_independent_part():
    # Aguiar et al. 2010 (L-type calcium and calcium-activated cation currents) and De Koninck & Henry 1991
    # (substance P at NK1 receptors): slow depolarization that NMDA channels do not carry.
    no_other = WindupParameters(jump_other_mv=0.0)
    near_total_block = 1000.0
    assert windup_ratio(1.0, ketamine_um=near_total_block) > 1.05
    assert windup_ratio(1.0, ketamine_um=near_total_block, params=no_other) < 1.01


def test_mechanism_is_feedback_the_depolarization_builds_and_relieves_the_mg_block():
    _, _, v_fast, drive_fast = train(1.0, 16)
    _, _, v_slow, _ = train(0.1, 16)
    assert v_fast[-1] > v_fast[0] + 10  # slow depolarization accumulates
    assert drive_fast[-1] > 1.5 * drive_fast[0]  # which relieves the Mg block
    assert v_slow[-1] - v_slow[0] < 1
    # Without magnesium there is no block to relieve: less wind-up than with 1 mM.
    assert windup_ratio(1.0, mg_mm=0.0) < windup_ratio(1.0, mg_mm=1.0)


@pytest.mark.parametrize("mg, ketamine", [(0.0, 0.0), (1.0, 0.0), (2.0, 0.5)])
def test_first_stimulus_drive_is_the_published_block_at_rest(mg, ketamine):
    # At rest (no slow depolarization yet, full driving force) the NMDA drive is the Jahr & Stevens
    # unblocked fraction times the share ketamine leaves free: the model's own formula must agree.
    _, _, voltage, drive = train(1.0, 2, ketamine_um=ketamine, mg_mm=mg)
    assert voltage[0] == DEFAULT_PARAMETERS.v_rest_mv
    assert drive[0] == pytest.approx(mg_unblock(voltage[0], mg) * (1 - ketamine_block(ketamine)), rel=1e-12)


# ---- pause and recover ------------------------------------------------------------------------


def test_a_test_stimulus_after_a_long_pause_gets_the_rested_response():
    _, r, _, _ = train(1.0, 16)
    assert recovery(1.0, 16, 60.0) == pytest.approx(r[0], rel=1e-6)


def test_the_extra_response_fades_with_the_pause():
    _, r, _, _ = train(1.0, 16)
    pauses = np.array([1.0, 3.0, 6.0, 10.0, 20.0, 40.0])
    test = recovery(1.0, 16, pauses)
    assert isinstance(test, np.ndarray) and test.shape == pauses.shape
    assert np.all(np.diff(test) < 0)
    assert test[0] == pytest.approx(r[-1], rel=0.02)  # 1 s after a 1 Hz train: like the next stimulus
    left = (test - r[0]) / (r[-1] - r[0])
    assert left[3] < 0.1  # within 10 s less than a tenth of the extra response is left


def test_slow_stimuli_after_a_train_do_not_keep_the_windup():
    # Staud et al. 2004: wind-up built at 0.3 Hz is not maintained in healthy people by stimuli at 0.16 Hz
    # (6.25 s apart) or 0.08 Hz (12.5 s apart).
    _, r, _, _ = train(0.33, 16)
    extra = r[-1] - r[0]
    assert recovery(0.33, 16, 6.25) - r[0] < 0.4 * extra
    assert recovery(0.33, 16, 12.5) - r[0] < 0.05 * extra


def test_no_train_no_fade():
    # A single stimulus leaves little behind: the test response after a pause stays near the first.
    _, r, _, _ = train(1.0, 1)
    assert recovery(1.0, 1, 5.0) < 1.2 * r[0]


def test_parameters_are_frozen_and_change_the_model():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_PARAMETERS.tau_s = 10
    longer = WindupParameters(tau_s=30.0)
    assert windup_ratio(0.1, params=longer) > windup_ratio(0.1)
    assert recovery(1.0, 16, 10.0, params=longer) > recovery(1.0, 16, 10.0)


# ---- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(frequency_hz=0.0), "frequency_hz"),
        (dict(frequency_hz=-1.0), "frequency_hz"),
        (dict(frequency_hz=float("nan")), "frequency_hz"),
        (dict(frequency_hz="1"), "frequency_hz"),
        (dict(frequency_hz=1.0, n_stimuli=0), "n_stimuli"),
        (dict(frequency_hz=1.0, n_stimuli=2.5), "n_stimuli"),
        (dict(frequency_hz=1.0, n_stimuli=True), "n_stimuli"),
        (dict(frequency_hz=1.0, ketamine_um=-0.5), "ketamine_um"),
        (dict(frequency_hz=1.0, ketamine_um=float("nan")), "ketamine_um"),
        (dict(frequency_hz=1.0, mg_mm=-1.0), "mg_mm"),
    ],
)
def test_invalid_input_names_the_argument(kwargs, name):
    with pytest.raises(ValueError, match=name):
        simulate(**kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(frequency_hz="1"),
        dict(frequency_hz=None),
        dict(frequency_hz=1.0, n_stimuli=2.5),
        dict(frequency_hz=1.0, n_stimuli=True),
        dict(frequency_hz=1.0, ketamine_um="0.3"),
        dict(frequency_hz=1.0, mg_mm=[1.0]),
    ],
)
def test_wrong_type_is_a_type_error(kwargs):
    with pytest.raises(TypeError):
        simulate(**kwargs)
    with pytest.raises(WrongType):
        simulate(**kwargs)


def test_out_of_range_is_a_value_error_naming_the_range():
    with pytest.raises(ValueError, match=r"n_stimuli must be a whole number from 1 to 500") as info:
        simulate(1.0, n_stimuli=10**6)
    assert not isinstance(info.value, TypeError)
    with pytest.raises(ValueError, match=r"frequency_hz must be a number above 0.0 and at most 50.0 Hz"):
        simulate(-1.0)


@pytest.mark.parametrize("pause", [0.0, -5.0, 4000.0, float("nan"), [1.0, 0.0], [1.0, float("inf")]])
def test_bad_pause_is_refused_naming_pause_s_and_its_range(pause):
    with pytest.raises(ValueError, match=r"pause_s must be a number above 0.0 and at most 3600.0 s|pause_s must be"):
        recovery(1.0, 16, pause)


@pytest.mark.parametrize("pause", ["10", None, True])
def test_pause_of_the_wrong_type_is_a_type_error(pause):
    with pytest.raises(WrongType, match="pause_s"):
        recovery(1.0, 16, pause)
