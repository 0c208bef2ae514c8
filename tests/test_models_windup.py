"""windup.simulate: the behaviours of wind-up experiments (Mendell 1966; Herrero et al. 2000)."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from crps_lessons.models.nmda import ketamine_block, mg_unblock
from crps_lessons.models.windup import DEFAULT_PARAMETERS, WindupParameters, simulate, train, windup_ratio
from crps_lessons.validate import WrongType


def test_output_shape_and_columns():
    df = simulate(1.0, n_stimuli=16)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["stimulus", "time_s", "response"]
    assert list(df["stimulus"]) == list(range(1, 17))
    assert df["time_s"].iloc[0] == 0 and df["time_s"].iloc[-1] == pytest.approx(15.0)
    assert np.all(np.isfinite(df["response"])) and np.all(df["response"] > 0)


@pytest.mark.parametrize("f", [0.5, 1.0, 2.0])
def test_responses_grow_at_half_to_two_hz(f):
    r = simulate(f)["response"].to_numpy()
    assert r[-1] > 1.3 * r[0]
    assert np.all(np.diff(r) >= -1e-9)  # grows (or plateaus) through the train


def test_no_windup_at_0_1_hz():
    r = simulate(0.1)["response"].to_numpy()
    assert r[-1] / r[0] < 1.05


def test_more_windup_at_higher_frequency_in_the_experimental_range():
    ratios = [windup_ratio(f) for f in (0.1, 0.33, 0.5, 1.0, 2.0)]
    assert np.all(np.diff(ratios) > 0)


def test_ketamine_reduces_windup_and_the_last_response():
    last = [simulate(1.0, ketamine_um=k)["response"].iloc[-1] for k in (0.0, 0.3, 1.0, 3.0)]
    assert np.all(np.diff(last) < 0)
    assert windup_ratio(1.0, ketamine_um=1.0) < windup_ratio(1.0) - 0.3


def test_mechanism_is_nmda_feedback_depolarisation_builds_up():
    _, _, v_fast, drive_fast = train(1.0, 16)
    _, _, v_slow, _ = train(0.1, 16)
    assert v_fast[-1] > v_fast[0] + 10  # slow depolarisation accumulates
    assert drive_fast[-1] > 1.5 * drive_fast[0]  # which relieves the Mg block
    assert v_slow[-1] - v_slow[0] < 1
    # Without magnesium there is no block to relieve: less wind-up than with 1 mM.
    assert windup_ratio(1.0, mg_mm=0.0) < windup_ratio(1.0, mg_mm=1.0)


@pytest.mark.parametrize("mg, ketamine", [(0.0, 0.0), (1.0, 0.0), (2.0, 0.5)])
def test_first_stimulus_drive_is_the_published_block_at_rest(mg, ketamine):
    # At rest (no slow depolarisation yet, full driving force) the NMDA drive is the Jahr & Stevens
    # unblocked fraction times the share ketamine leaves free: the model's own formula must agree.
    _, _, voltage, drive = train(1.0, 2, ketamine_um=ketamine, mg_mm=mg)
    assert voltage[0] == DEFAULT_PARAMETERS.v_rest_mv
    assert drive[0] == pytest.approx(mg_unblock(voltage[0], mg) * (1 - ketamine_block(ketamine)), rel=1e-12)


def test_parameters_are_frozen_and_change_the_model():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_PARAMETERS.tau_s = 10
    longer = WindupParameters(tau_s=30.0)
    assert windup_ratio(0.1, params=longer) > windup_ratio(0.1)


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
