"""The pacing teaching model and its explorer (lesson 10): what the plot shows, its honesty labels, bad input."""

import html

import numpy as np
import pytest

from crps_lessons.models import pacing_plan as model
from crps_lessons.models.pacing_plan import DAYS_PER_WEEK, FLARE_DAYS, LIMIT_START_MIN, Plan, day_swings, run
from crps_lessons.widgets import explore

# --- model -----------------------------------------------------------------------------------------


def test_the_quota_starts_at_the_baseline_and_rises_by_the_weekly_step():
    r = run(Plan(baseline_min=12, weekly_increase_pct=10, weeks=6))
    weekly_quota = r.quota.reshape(6, DAYS_PER_WEEK)
    assert (weekly_quota == weekly_quota[:, :1]).all(), "the quota is the same every day of a week"
    assert weekly_quota[:, 0] == pytest.approx([12 * 1.1**w for w in range(6)])


def test_both_versions_live_the_same_good_and_bad_days_every_time():
    a, b = run(Plan(baseline_min=10, weeks=8)), run(Plan(baseline_min=40, weeks=8))
    assert np.array_equal(a.swing, b.swing) and np.array_equal(a.swing, day_swings(8 * DAYS_PER_WEEK))
    assert np.array_equal(a.boom, b.boom), "the paced settings must not change the boom-and-bust version"
    assert np.array_equal(run().paced, run().paced), "the model is deterministic"
    assert a.swing.min() >= -1 and a.swing.max() <= 1


def test_at_the_defaults_pacing_gives_fewer_flares_steadier_days_and_a_rising_limit():
    r = run()
    assert r.flares("paced") == 0 < r.flares("boom")
    # Guy et al. 2019: taught pacing made physical activity less variable from day to day.
    assert r.day_to_day_change("paced") < r.day_to_day_change("boom") / 10
    assert r.final_limit("paced") > LIMIT_START_MIN > r.final_limit("boom")
    assert r.last_week_mean("paced") > r.last_week_mean("boom")


def test_boom_and_bust_pushes_on_good_days_and_rests_in_flares():
    r = run(Plan(weeks=12))
    good = r.swing > model.GOOD_DAY
    starts_outside_flares = r.boom_flare_start & ~r.boom_in_flare
    assert r.boom_flare_start.sum() == starts_outside_flares.sum(), "no flare starts during a flare"
    assert (good[r.boom_flare_start]).all(), "boom-and-bust flares are set off on good days"
    assert (r.boom[r.boom_in_flare] < model.REST_BELOW * r.boom_limit[r.boom_in_flare]).all(), "flare days are rest"


def test_a_flare_lasts_its_days_and_the_paced_plan_cuts_back_without_stopping():
    r = run(Plan(baseline_min=30, weekly_increase_pct=10, weeks=6))
    first = int(np.argmax(r.paced_flare_start))
    assert r.paced_flare_start[first]
    assert r.paced_in_flare[first + 1 : first + 1 + FLARE_DAYS].all()
    cut = r.paced[first + 1 : first + 1 + FLARE_DAYS]
    assert cut == pytest.approx(model.PACED_FLARE_CUT * r.quota[first + 1 : first + 1 + FLARE_DAYS])


def test_a_baseline_above_what_bad_days_allow_gives_flares_from_the_first_week():
    r = run(Plan(baseline_min=45, weekly_increase_pct=0, weeks=4))
    assert r.paced_flare_start[:DAYS_PER_WEEK].any()
    assert r.flares("paced") >= r.flares("boom")


def test_steps_faster_than_the_limit_can_grow_bring_flares_later():
    firsts = {}
    for pct in (5, 15, 20, 25):
        r = run(Plan(baseline_min=15, weekly_increase_pct=pct, weeks=12))
        firsts[pct] = int(r.days[r.paced_flare_start][0]) if r.flares("paced") else None
    assert firsts[5] is None, "a small step stays within what the limit grows to"
    assert firsts[15] > firsts[20] >= firsts[25] > DAYS_PER_WEEK, f"first paced flare by weekly step: {firsts}"


def test_a_very_small_baseline_builds_less():
    assert run(Plan(baseline_min=5)).final_limit("paced") < run(Plan(baseline_min=15)).final_limit("paced")


def test_weekly_totals_add_up():
    r = run(Plan(weeks=5))
    assert r.weekly("paced").sum() == pytest.approx(r.paced.sum())
    assert len(r.weekly("boom")) == 5


@pytest.mark.parametrize(
    "kwargs,name",
    [
        ({"baseline_min": 0}, "baseline_min"),
        ({"baseline_min": 90}, "baseline_min"),
        ({"baseline_min": "10"}, "baseline_min"),
        ({"baseline_min": float("nan")}, "baseline_min"),
        ({"weekly_increase_pct": -1}, "weekly_increase_pct"),
        ({"weekly_increase_pct": 30}, "weekly_increase_pct"),
        ({"weeks": 0}, "weeks"),
        ({"weeks": 2.5}, "weeks"),
        ({"weeks": 25}, "weeks"),
    ],
)
def test_bad_settings_are_rejected_with_the_allowed_range(kwargs, name):
    with pytest.raises(ValueError, match=rf"{name} must be .*(from|number)"):
        run(Plan(**kwargs))


def test_the_model_says_it_is_conceptual_and_for_no_real_person():
    doc = model.__doc__
    assert "conceptual teaching model" in doc and "made up" in doc and "real person" in doc


# --- explorer --------------------------------------------------------------------------------------


def test_the_figure_and_readout_say_it_is_a_made_up_teaching_model():
    ex = explore("pacing_plan")
    title = ex.figure.layout.title.text
    assert "conceptual teaching model" in title and "not a plan for anyone" in title and "made-up" in title
    text = html.unescape(ex.readout.value)
    assert text.startswith('<p class="crps-readout">Conceptual teaching model: one made-up person')
    assert "not a plan for anyone" in text


def test_the_readout_carries_the_numbers_of_the_plot():
    ex = explore("pacing_plan", baseline_min=15, weekly_increase_pct=10, weeks=12)
    r = run(Plan(baseline_min=15, weekly_increase_pct=10, weeks=12))
    text = ex.readout.value
    assert f"boom and bust had {r.flares('boom')} flares" in text and "Paced, from a baseline of 15" in text
    assert f"{r.paced.sum():.0f} minutes in all" in text and f"{r.boom.sum():.0f} minutes in all" in text
    assert list(ex.trace("paced_weekly").y) == r.weekly("paced").round(0).tolist()
    assert len(ex.trace("boom_flares").x) == r.flares("boom")
    assert len(ex.trace("paced_flares").x) == 0 and "no flares" in text


def test_a_high_baseline_shows_paced_flares_from_day_one():
    ex = explore("pacing_plan", baseline_min=45, weekly_increase_pct=0)
    assert ex.trace("paced_flares").x[0] == 1
    assert "The first paced flare came on day 1 (week 1)" in ex.readout.value
    assert "(" in ex.trace("paced_flares").name and "in all" in ex.trace("paced_flares").name


def test_weeks_change_the_title_and_the_length_of_every_trace():
    ex = explore("pacing_plan", weeks=5)
    assert "5 weeks" in ex.figure.layout.title.text
    assert len(ex.trace("boom_days").x) == 5 * DAYS_PER_WEEK and len(ex.trace("paced_weekly").x) == 5
