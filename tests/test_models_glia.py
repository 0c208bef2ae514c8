"""The conceptual glial-loop model: bistability, persistence, the antagonist, bad input."""

import math

import numpy as np
import pytest

from crps_lessons.models import glia
from crps_lessons.validate import WrongType


def _removed_scalar_integrator(feedback=1.5, antagonist=0.0, injury_duration=10.0):
    """The second integrator glia.simulate had until issue 10 (one parameter set, Hill exponent fixed at 4),
    kept here as the reference the remaining one must reproduce."""
    dt, n_steps = 0.1, 600
    times = np.arange(n_steps + 1) * dt
    injury = np.where((times >= 2.0) & (times < 2.0 + injury_duration), 0.5, 0.0).tolist()
    block = (1.0 - antagonist * (times >= 25.0).astype(float)).tolist()
    eg, ec, en = math.exp(-dt / 2.0), math.exp(-dt / 1.0), math.exp(-dt / 1.0)
    kn = 0.5**4
    g = c = x = 0.0
    gs, cs, ns = [0.0], [0.0], [0.0]
    for i in range(n_steps):
        xn = x**4
        drive = block[i] * (injury[i] + feedback * xn / (xn + kn))
        g_new = drive + (g - drive) * eg
        c_new = g + (c - g) * ec
        x = c + (x - c) * en
        g, c = g_new, c_new
        gs.append(g), cs.append(c), ns.append(x)
    return np.array(gs), np.array(cs), np.array(ns)


@pytest.mark.parametrize("kwargs", [{}, {"antagonist": 0.5}, {"feedback": 0.6}, {"injury_duration": 2.0}])
def test_the_one_integrator_reproduces_the_removed_one(kwargs):
    run = glia.simulate(**kwargs)
    for got, expected in zip(
        (run.glia, run.cytokines, run.excitability), _removed_scalar_integrator(**kwargs), strict=True
    ):
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)


def test_strong_feedback_keeps_glia_activated_after_the_injury_heals():
    run = glia.simulate(injury_duration=10, feedback=1.5)
    healed = run.times >= 2 + 10
    assert run.injury[healed].max() == 0.0
    assert run.late_activation > glia.PERSISTENCE_THRESHOLD
    assert run.persistent
    # still high well after the injury, not just slowly decaying
    assert run.glia[run.times >= 40].min() > 1.0


def test_weak_feedback_returns_to_baseline():
    run = glia.simulate(injury_duration=10, feedback=0.6)
    assert run.glia.max() > 0.4  # it was activated during the injury
    assert run.late_activation < 0.01
    assert not run.persistent


def test_short_injury_does_not_tip_the_loop():
    assert not glia.simulate(injury_duration=2, feedback=1.5).persistent
    assert glia.simulate(injury_duration=8, feedback=1.5).persistent


def test_antagonist_lowers_late_activation_and_can_tip_it_back():
    without = glia.simulate(feedback=1.5, antagonist=0.0)
    partial = glia.simulate(feedback=1.5, antagonist=0.3)
    strong = glia.simulate(feedback=1.5, antagonist=0.5)
    assert without.late_activation > partial.late_activation > strong.late_activation
    assert partial.persistent  # gain 1.05 > 0.877: stays high, lower
    assert strong.late_activation < 0.01  # gain 0.75 < 0.877: back to rest
    # the antagonist acts only from its start time
    before = without.times < 25
    np.testing.assert_allclose(strong.glia[before], without.glia[before])


def test_critical_gain_separates_the_two_regimes():
    assert pytest.approx(0.877, abs=1e-3) == glia.CRITICAL_GAIN
    assert glia.simulate(feedback=glia.CRITICAL_GAIN * 1.05, duration=200).persistent
    assert not glia.simulate(feedback=glia.CRITICAL_GAIN * 0.95, duration=200).persistent


def test_high_state_is_a_fixed_point():
    run = glia.simulate(feedback=1.5, duration=200)
    g = run.late_activation
    x = run.excitability[-1]
    assert g == pytest.approx(1.5 * x**4 / (x**4 + glia.HILL_K**4), rel=1e-6)


def test_time_grid_is_the_simulation_time_axis():
    run = glia.simulate(duration=30, dt=0.5)
    np.testing.assert_array_equal(glia.time_grid(30, 0.5), run.times)
    assert run.times[0] == 0 and run.times[-1] == pytest.approx(30) and run.glia.shape == run.times.shape


def test_vectorised_over_parameter_sets_matches_single_runs():
    w = np.array([0.6, 1.5])
    a = np.array([[0.0], [0.5]])
    batch = glia.simulate(feedback=w, antagonist=a)
    assert batch.glia.shape == (2, 2, batch.times.size)
    for i, ai in enumerate(a[:, 0]):
        for j, wj in enumerate(w):
            single = glia.simulate(feedback=wj, antagonist=ai)
            np.testing.assert_allclose(batch.glia[i, j], single.glia, atol=1e-12)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"injury_duration": -1}, "injury_duration"),
        ({"injury_duration": float("nan")}, "injury_duration"),
        ({"feedback": -0.1}, "feedback"),
        ({"feedback": [1.0, float("nan")]}, "feedback"),
        ({"feedback": []}, "feedback"),
        ({"feedback": "strong"}, "feedback"),
        ({"antagonist": 1.5}, "antagonist"),
        ({"antagonist": True}, "antagonist"),
        ({"dt": 0}, "dt"),
        ({"duration": 0}, "duration"),
        ({"injury_start": "now"}, "injury_start"),
    ],
)
def test_bad_input_raises(kwargs, match):
    with pytest.raises(ValueError, match=match):
        glia.simulate(**kwargs)


@pytest.mark.parametrize(
    "kwargs", [{"feedback": "strong"}, {"antagonist": True}, {"injury_start": "now"}, {"duration": None}]
)
def test_wrong_type_is_a_type_error(kwargs):
    with pytest.raises(TypeError):
        glia.simulate(**kwargs)
    with pytest.raises(WrongType):
        glia.simulate(**kwargs)


# ---------------------------------------------------------------- a block that ends (issue 13)
def test_a_block_to_the_end_is_the_default():
    np.testing.assert_array_equal(
        glia.simulate(antagonist=0.5).glia, glia.simulate(antagonist=0.5, antagonist_duration=1000).glia
    )


def test_the_block_acts_only_in_its_window():
    run = glia.simulate(antagonist=0.7, antagonist_start=25, antagonist_duration=10)
    window = (run.times >= 25) & (run.times < 35)
    assert np.all(run.antagonist[window] == 0.7)
    assert np.all(run.antagonist[~window] == 0.0)
    before = run.times < 25
    np.testing.assert_allclose(run.glia[before], glia.simulate().glia[before])


def test_a_long_enough_block_leaves_the_loop_at_rest_and_a_short_one_does_not():
    # The bistable loop's prediction: what counts is whether the block pushes activation past the tipping
    # point, not whether it is still acting at the end.
    long_enough = glia.simulate(feedback=1.5, antagonist=0.7, antagonist_duration=10, duration=200)
    too_short = glia.simulate(feedback=1.5, antagonist=0.7, antagonist_duration=5, duration=200)
    assert long_enough.late_activation < 1e-3
    assert too_short.late_activation == pytest.approx(glia.steady_states(1.5)[-1], rel=1e-3)
    # after the short block ends, activation climbs back: it is higher at the end than when the block stopped
    stop = round(30 / 0.1)
    assert too_short.glia[stop] < 0.6 < too_short.late_activation


def test_a_weaker_block_needs_longer():
    # 50% leaves feedback 0.75 (just under the critical 0.88): it drains slowly; 70% leaves 0.45 and drains fast.
    assert glia.simulate(antagonist=0.7, antagonist_duration=10, duration=200).late_activation < 1e-3
    assert glia.simulate(antagonist=0.5, antagonist_duration=10, duration=200).persistent
    assert not glia.simulate(antagonist=0.5, antagonist_duration=30, duration=200).persistent


def test_steady_states_are_the_resting_points_of_the_equations():
    rest, middle, high = glia.steady_states(1.5)
    assert rest == 0.0 and 0 < middle < high
    for x in (middle, high):  # x = w x^n / (x^n + K^n)
        assert x == pytest.approx(1.5 * x**4 / (x**4 + glia.HILL_K**4), rel=1e-9)
    assert high == pytest.approx(glia.simulate(feedback=1.5, duration=300).late_activation, rel=1e-6)
    assert glia.unstable_state(1.5) == middle
    # below the critical gain only rest is left; a block lowers the gain like weaker feedback does
    assert glia.steady_states(0.6) == (0.0,)
    assert glia.unstable_state(1.5, antagonist=0.5) is None
    assert glia.steady_states(1.5, antagonist=0.3) == pytest.approx(glia.steady_states(1.05))


@pytest.mark.parametrize("value", [-1, float("nan"), "ten", 2000])
def test_bad_block_duration_is_refused_with_its_name(value):
    with pytest.raises(ValueError, match="antagonist_duration"):
        glia.simulate(antagonist=0.5, antagonist_duration=value)


@pytest.mark.parametrize("kwargs", [{"feedback": -1}, {"feedback": "x"}, {"feedback": 1.5, "antagonist": 2}])
def test_steady_states_refuse_bad_input(kwargs):
    with pytest.raises(ValueError, match=r"feedback|antagonist"):
        glia.steady_states(**kwargs)
