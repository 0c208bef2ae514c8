"""The uncontrolled-series teaching model and its explorer (lesson 12)."""

import html

import numpy as np
import pytest

from crps_lessons.figures.uncontrolled_series import PARTS, TRIAL_BAR
from crps_lessons.models.uncontrolled_series import (
    RESPONDER_FALL,
    USUAL_MEAN,
    USUAL_SD,
    Cohort,
    enrolled_means,
    run,
)
from crps_lessons.widgets import explore

# --- model -----------------------------------------------------------------------------------------


def test_regression_to_the_mean_matches_a_brute_force_cohort():
    # The closed form (mean of a group selected on X0 >= c) against a large simulated cohort.
    rng = np.random.default_rng(7)
    mu = rng.normal(USUAL_MEAN, USUAL_SD, 500_000)
    x0 = mu + rng.normal(0, 1.2, mu.size)
    chosen = x0 >= 7
    at_entry, usual, share = enrolled_means(7, 1.2)
    assert at_entry == pytest.approx(x0[chosen].mean(), abs=0.01)
    assert usual == pytest.approx(mu[chosen].mean(), abs=0.01)
    assert share == pytest.approx(chosen.mean(), abs=0.005)


def test_no_selection_means_no_regression_to_the_mean():
    at_entry, usual, share = enrolled_means(0, 1.2)
    assert at_entry == usual == USUAL_MEAN and share == 1.0
    assert run(Cohort(threshold=0)).parts["regression to the mean"] == 0


def test_regression_grows_with_week_to_week_variability_and_a_stricter_threshold():
    rtm = {
        (c, s): run(Cohort(threshold=c, variability=s)).parts["regression to the mean"]
        for c in (6, 8)
        for s in (0.6, 1.8)
    }
    assert rtm[(6, 0.6)] < rtm[(6, 1.8)] and rtm[(8, 0.6)] < rtm[(8, 1.8)]
    assert rtm[(6, 1.8)] < rtm[(8, 1.8)]


def test_the_parts_add_up_to_the_before_and_after_fall():
    for cohort in [Cohort(), Cohort(true_effect=1.5, placebo=0.4), Cohort(threshold=0, natural_recovery_pct=40)]:
        r = run(cohort)
        assert sum(r.parts.values()) == pytest.approx(r.before_after)


def test_with_no_true_effect_the_series_still_looks_good_but_the_arms_do_not_differ():
    r = run(Cohort(true_effect=0))
    assert r.before_after > 2.5 and r.responders_treated > 0.5
    assert r.between_arms == pytest.approx(0) and r.responders_placebo == r.responders_treated


def test_a_controlled_trial_recovers_the_true_effect_whatever_the_bias():
    for cohort in [Cohort(true_effect=1.2), Cohort(true_effect=1.2, threshold=9, variability=2.5, placebo=3)]:
        assert run(cohort).between_arms == pytest.approx(1.2)


def test_a_high_responder_share_is_reachable_with_no_true_effect():
    # Teaching point of lesson 12: "most improved" in a series does not show the treatment worked.
    r = run(Cohort(threshold=7.5, variability=1.5, natural_recovery_pct=20, placebo=1.5, true_effect=0))
    assert r.responders_treated > 0.8


def test_responder_threshold_is_farrars_30_percent():
    assert RESPONDER_FALL == 0.30


def test_too_few_enrolled_gives_no_responder_share():
    # With little week-to-week variation almost nobody scores 9 or more.
    r = run(Cohort(threshold=9, variability=0.2))
    assert r.n_enrolled_simulated < 50 and r.responders_treated is None


@pytest.mark.parametrize(
    "field, value",
    [
        ("threshold", 9.5),
        ("threshold", -1),
        ("variability", 0),
        ("natural_recovery_pct", 60),
        ("placebo", "1"),
        ("true_effect", float("nan")),
        ("weeks", 2.5),
    ],
)
def test_bad_settings_are_rejected_with_what_is_allowed(field, value):
    with pytest.raises(ValueError, match=field):
        run(Cohort(**{field: value}))


# --- explorer ----------------------------------------------------------------------------------------


def test_default_shows_a_fall_with_no_true_effect_and_says_it_is_conceptual():
    ex = explore("uncontrolled_series")
    treated = list(ex.trace("treated").y)
    assert treated[0] > 7.5 and treated[-1] < treated[0] - 2.5
    assert len(ex.trace("placebo_arm").x) == 0 and len(ex.trace("trial").x) == 0
    parts = dict(zip(ex.trace("parts").y, ex.trace("parts").x, strict=True))
    assert list(parts) == PARTS and parts["the treatment itself"] == 0
    assert "conceptual" in ex.figure.layout.title.text.lower() and "made-up" in ex.figure.layout.title.text
    text = html.unescape(ex.readout.value)
    assert text.startswith('<p class="crps-readout">Conceptual teaching model, made-up numbers.')
    assert "cannot tell these parts apart" in text and f"{treated[0]:.1f} points" in text


def test_switching_on_the_placebo_arm_shows_what_a_trial_measures():
    ex = explore("uncontrolled_series", true_effect=1.0)
    ex.controls["control_arm"].value = True
    placebo, treated = list(ex.trace("placebo_arm").y), list(ex.trace("treated").y)
    assert placebo[0] == treated[0] and placebo[-1] - treated[-1] == pytest.approx(1.0)
    assert list(ex.trace("trial").y) == [TRIAL_BAR] and ex.trace("trial").x[0] == pytest.approx(1.0)
    assert "difference between the arms, 1.0 points" in ex.readout.value
    ex.controls["control_arm"].value = False
    assert len(ex.trace("placebo_arm").y) == 0


def test_enrolling_everyone_removes_the_bad_week_gap():
    ex = explore("uncontrolled_series", threshold=0.0)
    assert ex.trace("treated").y[0] == pytest.approx(ex.trace("usual").y[0])
    assert "everyone in the cohort enrols" in html.unescape(ex.readout.value).lower()
