"""windup.simulate: the behaviours of wind-up experiments (Mendell 1966; Herrero et al. 2000)."""

import numpy as np
import pandas as pd
import pytest

from crps_lessons.models.windup import DEFAULT_PARAMETERS, WindupParameters, simulate, train, windup_ratio


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
    _, _, v_slow, drive_slow = train(0.1, 16)
    assert v_fast[-1] > v_fast[0] + 10          # slow depolarisation accumulates
    assert drive_fast[-1] > 1.5 * drive_fast[0]   # which relieves the Mg block
    assert v_slow[-1] - v_slow[0] < 1
    # Without magnesium there is no block to relieve: less wind-up than with 1 mM.
    assert windup_ratio(1.0, mg_mm=0.0) < windup_ratio(1.0, mg_mm=1.0)


def test_parameters_are_frozen_and_documented():
    with pytest.raises(Exception):
        DEFAULT_PARAMETERS.tau_s = 10  # frozen dataclass
    doc = WindupParameters.__doc__
    assert "Chosen for teaching" in doc and "Measured" in doc
    longer = WindupParameters(tau_s=30.0)
    assert windup_ratio(0.1, params=longer) > windup_ratio(0.1)


@pytest.mark.parametrize("kwargs, name", [
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
])
def test_invalid_input_names_the_argument(kwargs, name):
    with pytest.raises(ValueError, match=name):
        simulate(**kwargs)
