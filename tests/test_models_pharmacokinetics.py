"""Ketamine teaching model: published constants, superposition behaviour, bad input."""

import math

import numpy as np
import pytest

from crps_lessons.models import pharmacokinetics as pk
from crps_lessons.validate import WrongType


def test_published_constants():
    # Kamp et al. 2020 (meta-analysis of 18 studies, abstract): CL 79 L/h and V 252 L per 70 kg.
    assert pk.CLEARANCE_L_PER_H_70KG == 79.0 and pk.VOLUME_L_70KG == 252.0
    # Dahan et al. 2011 (abstract): C50 10.5 ng/mL, onset/offset half-life 10.9 days (5.3-20.5).
    assert pk.C50_NG_PER_ML == 10.5 and pk.EFFECT_HALF_LIFE_DAYS == 10.9
    assert pk.EFFECT_HALF_LIFE_CI_DAYS == (5.3, 20.5)
    # Schwartzman et al. 2009 (abstract): at most 0.35 mg/kg/h, not to exceed 25 mg/h.
    assert pk.SCHWARTZMAN_MAX_MG_PER_KG_PER_H == 0.35 and pk.SCHWARTZMAN_CAP_MG_PER_H == 25.0


def test_terminal_half_life_is_two_to_three_hours():
    assert 2.0 <= pk.elimination_half_life_h() <= 3.0
    t = np.array([10.0, 10.0 + pk.elimination_half_life_h()])
    c = pk.plasma_concentration(t, [(0.0, 8.0, 0.3)])
    assert c[1] / c[0] == pytest.approx(0.5, rel=1e-6)


def test_zero_before_first_infusion():
    c = pk.plasma_concentration([0.0, 1.0, 4.99, 5.0], [(5.0, 2.0, 0.2)])
    assert np.all(c == 0.0)


def test_long_infusion_approaches_rate_over_clearance():
    rate, weight = 0.2, 70.0
    c = pk.plasma_concentration([48.0], [(0.0, 48.0, rate)], weight_kg=weight)
    css = rate * weight / pk.CLEARANCE_L_PER_H_70KG
    assert c[0] == pytest.approx(css, rel=1e-4)


def test_linearity_double_rate_double_concentration():
    t = np.linspace(0, 30, 301)
    one = pk.plasma_concentration(t, [(1.0, 4.0, 0.2), (24.0, 4.0, 0.2)])
    two = pk.plasma_concentration(t, [(1.0, 4.0, 0.4), (24.0, 4.0, 0.4)])
    np.testing.assert_allclose(two, 2 * one, rtol=1e-12, atol=1e-15)


def test_overlapping_infusions_add():
    t = np.linspace(0, 20, 201)
    a = pk.plasma_concentration(t, [(1.0, 5.0, 0.1)])
    b = pk.plasma_concentration(t, [(3.0, 5.0, 0.2)])
    ab = pk.plasma_concentration(t, [(1.0, 5.0, 0.1), (3.0, 5.0, 0.2)])
    np.testing.assert_allclose(ab, a + b, atol=1e-15)


def test_matches_a_fine_step_integration():
    t = np.arange(0, 30.0, 0.001)
    rate = np.where((t >= 2) & (t < 6), 0.3 * 70, 0.0)
    k = pk.CLEARANCE_L_PER_H_70KG / pk.VOLUME_L_70KG
    c = np.zeros_like(t)
    for i in range(1, t.size):
        c[i] = c[i - 1] + 0.001 * (rate[i - 1] / pk.VOLUME_L_70KG - k * c[i - 1])
    model = pk.plasma_concentration(t[::1000], [(2.0, 4.0, 0.3)])
    np.testing.assert_allclose(model, c[::1000], rtol=2e-3, atol=1e-6)


def test_effect_offset_half_life_is_about_eleven_days():
    inf = [(0.0, 100.0, 0.2)]
    day = 24.0
    t = np.array([20 * day, 20 * day + pk.EFFECT_HALF_LIFE_DAYS * day])
    ce = pk.effect_site_concentration(t, inf)
    assert ce[1] / ce[0] == pytest.approx(0.5, rel=1e-3)
    # and the effect builds slowly: after a 100-h infusion Ce is still far below plasma
    r = pk.simulate([100.0], inf)
    assert r.effect_site_mg_per_l[0] < 0.3 * r.plasma_mg_per_l[0]


def test_relief_outlasts_the_drug():
    t = np.arange(0, 60 * 24.0, 1.0)
    r = pk.simulate(t, pk.reported_schedule("sigtermans"))
    after_two_days = t >= 100 + 48
    assert r.plasma_mg_per_l[after_two_days].max() < 1e-6  # drug gone within days
    assert r.effect[t == 21 * 24.0][0] > 0.4  # relief still there at 3 weeks


def test_effect_is_half_maximal_at_c50():
    assert pk.analgesic_effect(np.array([pk.C50_NG_PER_ML / 1000]))[0] == pytest.approx(0.5)
    assert pk.analgesic_effect(np.array([0.0]))[0] == 0.0


def test_longer_effect_half_life_keeps_relief_longer():
    t = np.array([60 * 24.0])
    short = pk.simulate(t, pk.reported_schedule("sigtermans"), effect_half_life_days=7.0).effect[0]
    long = pk.simulate(t, pk.reported_schedule("sigtermans"), effect_half_life_days=20.0).effect[0]
    assert long > short


def test_reported_schedules_are_drawn_as_reported():
    sig = pk.reported_schedule("sigtermans")
    assert sum(d for _, d, _ in sig) == pytest.approx(100.0)  # 4.2 days (Sigtermans et al. 2009)
    assert [r * 70 for _, _, r in sig] == pytest.approx([5.0, 10.0, 15.0, 20.0])  # 5 -> 20 mg/h/70 kg (Dahan 2011)
    assert [s + d for s, d, _ in sig[:-1]] == [s for s, _, _ in sig[1:]]  # one continuous infusion
    sch = pk.reported_schedule("schwartzman")
    assert [s / 24 for s, _, _ in sch] == list(range(10)) and all(d == 4.0 for _, d, _ in sch)  # 4 h a day, 10 days
    cho = pk.reported_schedule("chopra", horizon_days=120)
    days = [s / 24 for s, _, _ in cho]
    assert days[:10] == list(range(10))  # the talk's 10-day loading course
    boosters = days[10:]
    assert boosters and all(
        4 * 7 <= b - a <= 8 * 7 for a, b in zip([9, *boosters], boosters, strict=False)
    )  # 4-8 weeks apart
    assert len(pk.reported_schedule("chopra", horizon_days=30)) == 10  # no booster inside 30 days


@pytest.mark.parametrize("key", ["schwartzman", "chopra"])
def test_outpatient_courses_never_exceed_25_mg_per_h_at_any_weight(key):
    # Schwartzman et al. 2009: 0.35 mg/kg/h, "not to exceed 25 mg/h" - at every weight the model accepts.
    for weight in np.arange(20.0, 200.01, 0.5):
        rates_mg_per_h = [r * weight for _, _, r in pk.reported_schedule(key, weight_kg=weight)]
        assert max(rates_mg_per_h) <= 25.0 + 1e-9, (key, weight)
        assert max(r for _, _, r in pk.reported_schedule(key, weight_kg=weight)) <= 0.35 + 1e-12
    assert pk.capped_rate_mg_per_kg_per_h(50.0) == 0.35  # below about 71 kg the per-kg maximum applies
    assert pk.capped_rate_mg_per_kg_per_h(100.0) * 100.0 == pytest.approx(25.0)  # above it, the 25 mg/h cap


def test_the_sigtermans_rate_is_per_70_kg_and_within_the_trial_maximum():
    for weight in (50.0, 70.0, 120.0):
        sig = pk.reported_schedule("sigtermans", weight_kg=weight)
        assert max(r for _, _, r in sig) * 70 == pytest.approx(20.0)


def test_each_schedule_says_what_the_source_reports_and_what_the_model_chose():
    for key, sched in pk.SCHEDULES.items():
        assert sched.key == key and sched.source_id in {"sigtermans2009", "schwartzman2009", "chopra_talk"}
        assert sched.reported and sched.drawn and sched.label
    assert "No trial has tested a booster schedule" in pk.SCHEDULES["chopra"].reported


@pytest.mark.parametrize(
    "infusions, match",
    [
        ([], "empty"),
        ([(0.0, -1.0, 0.2)], "duration_h"),
        ([(0.0, 1.0, -0.2)], "rate_mg_per_kg_per_h"),
        ([(-1.0, 1.0, 0.2)], "start_h"),
        ([(0.0, float("nan"), 0.2)], "NaN"),
        ([(0.0, 1.0)], "triples"),
        ("abc", "sequence"),
        (None, "sequence"),
    ],
)
def test_bad_infusions_raise(infusions, match):
    with pytest.raises(ValueError, match=match):
        pk.plasma_concentration([1.0], infusions)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"times_h": []}, "times_h"),
        ({"times_h": [float("nan")]}, "times_h"),
        ({"times_h": [[1.0]]}, "times_h"),
        ({"weight_kg": -70}, "weight_kg"),
        ({"weight_kg": float("nan")}, "weight_kg"),
        ({"weight_kg": "70"}, "weight_kg"),
        ({"effect_half_life_days": 0.0}, "effect_half_life_days"),
        ({"effect_half_life_days": float("nan")}, "effect_half_life_days"),
    ],
)
def test_bad_arguments_raise(kwargs, match):
    args = {
        "times_h": [1.0, 2.0],
        "infusions": [(0.0, 1.0, 0.2)],
        "weight_kg": 70.0,
        "effect_half_life_days": 10.9,
    } | kwargs
    with pytest.raises(ValueError, match=match):
        pk.simulate(**args)


def test_bad_schedule_arguments_raise():
    with pytest.raises(ValueError, match="schedule must be one of 'sigtermans', 'schwartzman', 'chopra'"):
        pk.reported_schedule("my own plan")
    with pytest.raises(ValueError, match="horizon_days"):
        pk.reported_schedule("chopra", horizon_days=0)
    with pytest.raises(ValueError, match="weight_kg"):
        pk.capped_rate_mg_per_kg_per_h(500.0)
    with pytest.raises(ValueError, match="c50_ng_per_ml"):
        pk.analgesic_effect([0.01], c50_ng_per_ml=-1)
    with pytest.raises(ValueError, match="effect_site_mg_per_l"):
        pk.analgesic_effect([-0.01])


@pytest.mark.parametrize(
    "call",
    [
        lambda: pk.simulate([1.0], [(0.0, 1.0, 0.2)], weight_kg="70"),
        lambda: pk.simulate([1.0], [(0.0, 1.0, 0.2)], effect_half_life_days="10.9"),
        lambda: pk.simulate(["1 h"], [(0.0, 1.0, 0.2)]),
        lambda: pk.reported_schedule("chopra", weight_kg="70"),
        lambda: pk.reported_schedule("chopra", horizon_days=None),
        lambda: pk.capped_rate_mg_per_kg_per_h(True),
        lambda: pk.analgesic_effect([0.01], c50_ng_per_ml="10.5"),
        lambda: pk.reported_schedule("sigtermans", weight_kg=[70.0]),
    ],
)
def test_wrong_type_is_a_type_error(call):
    with pytest.raises(TypeError):
        call()
    with pytest.raises(WrongType):
        call()


def test_weight_does_not_change_concentration_per_mg_per_kg():
    # Clearance and volume scale with weight in this teaching model.
    t = [3.0]
    assert pk.plasma_concentration(t, [(0, 4, 0.2)], 50.0)[0] == pytest.approx(
        pk.plasma_concentration(t, [(0, 4, 0.2)], 90.0)[0]
    )
    assert math.isclose(pk.plasma_concentration(t, [(0, 4, 0.0)])[0], 0.0)


def test_matches_brute_force_superposition_for_unsorted_overlapping_schedules():
    inf = [(200.0, 4.0, 0.35), (0.0, 100.0, 0.1), (50.0, 30.0, 0.2), (50.0, 4.0, 0.05), (1000.0, 8.0, 0.3)]
    t = np.concatenate([np.linspace(0, 1500, 3001), [50.0, 54.0, 100.0, 204.0]])
    r = pk.simulate(t, inf, effect_half_life_days=6.0)
    k = pk.CLEARANCE_L_PER_H_70KG / pk.VOLUME_L_70KG
    ke0 = math.log(2) / (6.0 * 24)
    c = np.zeros_like(t)
    ce = np.zeros_like(t)
    for start, dur, rate in inf:
        for s, sign in ((start, 1), (start + dur, -1)):
            tau = np.clip(t - s, 0, None)
            g = sign * rate * 70 / pk.CLEARANCE_L_PER_H_70KG
            c += g * (1 - np.exp(-k * tau))
            ce += g * (1 - (ke0 * np.exp(-k * tau) - k * np.exp(-ke0 * tau)) / (ke0 - k))
    np.testing.assert_allclose(r.plasma_mg_per_l, np.clip(c, 0, None), atol=1e-12)
    np.testing.assert_allclose(r.effect_site_mg_per_l, np.clip(ce, 0, None), atol=1e-12)
