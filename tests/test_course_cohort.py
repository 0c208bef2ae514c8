"""The course-cohort teaching model and its explorer (lesson 02): published shares, shape, bad input."""

import html
import re

import numpy as np
import pytest

from crps_lessons.data import load_table
from crps_lessons.models import course_cohort as cc
from crps_lessons.validate import WrongType
from crps_lessons.widgets import explore

ANCHORS = load_table("course_anchors").set_index("anchor_id")


def _text(ex):
    return html.unescape(re.sub(r"<[^>]+>", "", ex.readout.value))


# --- published numbers ------------------------------------------------------------------------------


def test_the_model_uses_the_published_numbers_of_the_anchor_table():
    # Bean et al. 2015 (bean2015b): nearly two thirds met the IASP criteria, a quarter the Budapest research
    # criteria, at 12 months; change greatest in the first 6 months. Farrar et al. 2001: 30% = much improved.
    assert ANCHORS.loc["share_meeting_iasp_12m", "value"] == cc.SHARE_MEETING_IASP_12M == 0.65
    assert ANCHORS.loc["share_meeting_budapest_research_12m", "value"] == cc.SHARE_MEETING_BUDAPEST_RESEARCH_12M
    assert cc.SHARE_MEETING_BUDAPEST_RESEARCH_12M == 0.25
    assert ANCHORS.loc["most_change_by_month", "value"] == cc.MOST_CHANGE_BY_MONTH == 6
    assert ANCHORS.loc["responder_fall", "value"] == cc.RESPONDER_FALL == 0.30
    window = (ANCHORS.loc["improvement_window_start", "value"], ANCHORS.loc["improvement_window_end", "value"])
    assert window == cc.IMPROVEMENT_WINDOW_MONTHS == (6, 13)
    assert set(ANCHORS["source_id"]) <= set(load_table("sources")["source_id"])
    built = ANCHORS[ANCHORS["role"] == "built into the made-up cohort"]
    assert set(built["source_id"]) == {"bean2015b", "bean2014", "farrar2001"}


@pytest.mark.parametrize("n", [40, 300, 1000])
def test_the_cohort_has_exactly_the_published_shares_at_12_months(n):
    shares = cc.course_shares(cc.simulate(n))
    meets_iasp = shares["iasp_only"] + shares["budapest_research"]
    assert meets_iasp == pytest.approx(cc.SHARE_MEETING_IASP_12M, abs=0.5 / n + 1e-9)
    assert shares["budapest_research"] == pytest.approx(cc.SHARE_MEETING_BUDAPEST_RESEARCH_12M, abs=0.5 / n + 1e-9)
    assert sum(shares.values()) == pytest.approx(1)


@pytest.mark.parametrize("outcome", list(cc.OUTCOMES))
def test_most_of_the_first_year_change_comes_in_the_first_6_months_then_it_levels_off(outcome):
    # bean2015b: reductions greatest in the first 6 months, plateau thereafter.
    # Motor symptoms change more slowly by design (bean2014: they are the most likely to persist).
    x = cc.simulate().true[outcome]
    change = np.abs(x[:, :1] - x).sum(axis=0)
    by_six = 0.7 if outcome == "motor_trophic" else 0.8
    assert change[cc.MOST_CHANGE_BY_MONTH] >= by_six * change[12]
    assert change[24] - change[12] <= 0.15 * change[12]


def test_motor_symptoms_persist_most_and_vasomotor_and_sudomotor_least():
    # bean2014: motor symptoms most likely to persist; sudomotor and vasomotor most likely to improve.
    cohort = cc.simulate()
    for who in [None, *cc.GROUPS, *cc.COURSES]:
        left = cc.remaining_share(cohort, 12, who)
        groups = list(cc.PERSISTENCE_ORDER)
        assert left["motor_trophic"] == max(left[g] for g in groups)
        assert max(left["vasomotor"], left["sudomotor_oedema"]) < min(left["motor_trophic"], left["sensory"])


def test_many_improve_markedly_within_the_published_window_and_some_improve_late():
    cohort = cc.simulate()
    pain = cohort.measured["pain"]
    improved_by_13 = (pain[:, 1:14] <= 0.7 * pain[:, :1]).any(axis=1)
    assert improved_by_13.mean() > 0.5  # bean2014: many improve markedly within 6-13 months
    share = {k: float(np.mean(cohort.group == k)) for k in cc.GROUPS}
    assert share["late"] >= 0.15 and share["not_yet"] >= 0.05 and share["early"] > share["late"]
    # Those not improved at month 12 are mostly the people who still meet the research criteria.
    assert np.mean(cohort.course[cohort.group == "not_yet"] == "budapest_research") > 0.8


def test_the_cohort_is_the_same_every_time():
    a, b = cc.simulate.__wrapped__(), cc.simulate.__wrapped__()
    assert np.array_equal(a.measured["pain"], b.measured["pain"]) and np.array_equal(a.group, b.group)


# --- the made-up clinic -----------------------------------------------------------------------------


@pytest.mark.parametrize("start", [1, 3, 6, 12])
def test_the_clinic_fall_is_natural_course_plus_regression_to_the_mean(start):
    s = cc.clinic_series(cc.simulate(), start)
    assert s.fall == pytest.approx(s.natural_course + s.regression_to_the_mean)


def test_a_treatment_that_does_nothing_looks_best_when_started_early():
    cohort = cc.simulate()
    falls = [cc.clinic_series(cohort, m).fall for m in (1, 3, 9)]
    assert falls[0] > falls[1] > falls[2] and falls[0] > 1.5
    assert cc.clinic_series(cohort, 1).improved_share > 0.3


def test_without_month_to_month_ups_and_downs_there_is_no_regression_to_the_mean():
    s = cc.clinic_series(cc.simulate(noise_sd=0), 3)
    assert s.regression_to_the_mean == pytest.approx(0, abs=1e-12)


def test_nobody_enrolled_gives_none():
    # Without ups and downs nobody's pain reaches 10 (onset scores are at most 9.5 points).
    assert cc.clinic_series(cc.simulate(noise_sd=0), 3, threshold=10) is None


# --- bad input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: cc.simulate(10), "n_people"),
        (lambda: cc.simulate(300.5), "n_people"),
        (lambda: cc.simulate(300, noise_sd=-1), "noise_sd"),
        (lambda: cc.simulate(300, noise_sd=float("nan")), "noise_sd"),
        (lambda: cc.group_means(cc.simulate(), "mood"), "outcome"),
        (lambda: cc.remaining_share(cc.simulate(), 25), "month"),
        (lambda: cc.remaining_share(cc.simulate(), 12, "everyone"), "who"),
        (lambda: cc.clinic_series(cc.simulate(), 0), "start_month"),
        (lambda: cc.clinic_series(cc.simulate(), 13), "start_month"),
        (lambda: cc.clinic_series(cc.simulate(), 3, threshold=11), "threshold"),
        (lambda: cc.clinic_series(cc.simulate(), 12, follow_months=13), "follow_months"),
        (lambda: cc.clinic_series(cc.simulate(), 12, follow_months=0), "follow_months"),
    ],
)
def test_bad_input_is_rejected_with_what_is_allowed(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_text_for_a_number_is_a_type_error_naming_the_range():
    with pytest.raises(WrongType, match=r"n_people must be a whole number from 40 to 3000"):
        cc.simulate("300")


def test_the_longest_clinic_window_ends_in_the_last_month():
    assert cc.clinic_series(cc.simulate(), 12, follow_months=12).end_month == cc.MONTHS


# --- the explorer -----------------------------------------------------------------------------------


def test_the_explorer_says_it_is_a_made_up_teaching_model():
    ex = explore("course_cohort")
    assert "conceptual teaching model" in ex.figure.layout.title.text
    text = _text(ex)
    assert "conceptual teaching model" in text and "predicts nobody's course" in text
    assert "35%" in text and "40%" in text and "25%" in text and "Bean et al. 2015" in text


def test_the_plot_shows_the_group_means_and_the_readout_gives_the_same_numbers():
    ex = explore("course_cohort", outcome="pain", month=12)
    means = cc.group_means(cc.simulate(), "pain")
    for key in cc.GROUPS:
        assert list(ex.trace(key).y) == pytest.approx(means[key].tolist())
    text = _text(ex)
    assert f"early {means['early'][12]:.1f}" in text and f"late {means['late'][12]:.1f}" in text
    assert list(ex.trace("now").x) == [12, 12]
    assert means["early"][12] < means["late"][12] < means["not_yet"][12]


def test_the_bars_show_motor_symptoms_lasting_longest_in_every_group():
    ex = explore("course_cohort", month=12)
    for key in cc.GROUPS:
        bars = dict(zip(ex.trace(f"left_{key}").x, ex.trace(f"left_{key}").y, strict=True))
        assert bars["motor and trophic"] == max(bars.values())
        assert bars["vasomotor"] < bars["motor and trophic"]
    assert _text(ex).split("(everyone): ")[1].startswith("motor and trophic")


def test_the_clinic_is_drawn_with_pain_only_and_its_numbers_are_in_the_readout():
    ex = explore("course_cohort", show_clinic=True, clinic_start=2)
    s = cc.clinic_series(cc.simulate(), 2)
    assert ex.trace("clinic").visible is True
    assert list(ex.trace("clinic").x) == [2, 8]
    assert list(ex.trace("clinic").y) == pytest.approx([s.measured_before, s.measured_after])
    text = _text(ex)
    assert f"from {s.measured_before:.1f} to {s.measured_after:.1f}" in text and "does nothing" in text
    ex.controls["outcome"].value = "function"
    assert ex.trace("clinic").visible is False and "drawn when the outcome shown is pain" in _text(ex)
    ex.controls["show_clinic"].value = False
    assert "Made-up clinic" not in _text(ex)


def test_the_y_axis_names_the_outcome_with_its_unit():
    ex = explore("course_cohort", outcome="motor_trophic")
    assert ex.figure.layout.yaxis.title.text.startswith("Motor and trophic symptoms")
    assert ex.figure.layout.yaxis.title.text.endswith("(points, 0-10)")
