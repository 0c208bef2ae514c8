"""The care-strands model (rules with their sources) and its explorer (lesson 06)."""

import pytest

from crps_lessons.data import load_table
from crps_lessons.models import care_strands as cs
from crps_lessons.models.care_strands import Review, css_change_is_real, medicine_decision, read_review
from crps_lessons.widgets import explore
from crps_lessons.widgets.care_strands import case_reviews, clinic_not_improving

# ---------------------------------------------------------------- the rules and their published values


def test_smallest_real_difference_is_harden_2017s_value():
    # Harden et al. 2017 (Pain 158:1430): a CSS change of >= 4.9 points is a real change (95% confidence).
    assert cs.CSS_SMALLEST_REAL_DIFFERENCE == 4.9
    assert css_change_is_real(4.9) and css_change_is_real(-5)
    assert not css_change_is_real(4.8) and not css_change_is_real(-4)


def test_css_items_and_pain_scale_follow_their_sources():
    assert cs.CSS_ITEMS == 17  # Harden et al. 2010: 17 clinically assessed signs and symptoms
    assert cs.PAIN_SCALE == (0, 10)  # European Pain Federation pages: average pain over 24 h, 0-10


def test_rules_table_matches_the_model():
    rules = load_table("care_rules").set_index("rule_id")
    assert float(rules.loc["css_real_change", "value"]) == cs.CSS_SMALLEST_REAL_DIFFERENCE
    assert rules.loc["css_real_change", "source_id"] == "harden2017"
    assert int(rules.loc["css_items", "value"]) == cs.CSS_ITEMS
    assert rules.loc["stop_what_fails", "source_id"] == "efic_crps"
    assert rules.loc["strands_together", "source_id"] == "goebel2019"


def test_all_four_strands_run_from_the_first_visit():
    assert cs.strands_active(0) == tuple(cs.STRANDS) and len(cs.STRANDS) == 4
    assert cs.strands_active(11.5) == cs.strands_active(0)


def test_a_medicine_that_does_not_lower_pain_is_stopped():
    assert medicine_decision(6, 6) == "stop"
    assert medicine_decision(6, 7) == "stop"
    assert medicine_decision(6, 5) == "keep"


def test_read_review_compares_with_the_last_review_and_the_first_visit():
    reviews = [Review(0, 7, 13, 2), Review(2, 7, 12, 2), Review(4, 6, 11, 3), Review(6, 6, 8, 4, True)]
    r = read_review(reviews, 3)
    assert r.css_change == -3 and not r.css_real
    assert r.css_change_since_first == -5 and r.css_real_since_first
    assert r.pain_change == 0 and r.medicine == "stop" and r.function_change == 1
    first = read_review(reviews, 0)
    assert first.css_change == 0 and first.medicine is None


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: cs.strands_active(-1), "months_since_first_visit"),
        (lambda: css_change_is_real("5"), "change_points"),
        (lambda: medicine_decision(11, 3), r"pain_before must be a number from 0 to 10"),
        (lambda: Review(0, 5, 18, 3), r"css must be a number from 0 to 17 CSS points"),
        (lambda: Review(0, 5, 10, 3, "yes"), "medicine_on_trial must be True or False"),
        (lambda: read_review([], 0), "at least the first visit"),
        (lambda: read_review([Review(2, 5, 5, 5), Review(1, 5, 5, 5)], 1), "must increase"),
        (lambda: read_review([Review(0, 5, 5, 5)], 3), "index must be a whole number from 0 to 0"),
    ],
)
def test_bad_input_is_rejected_naming_what_is_allowed(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ---------------------------------------------------------------- the made-up cases follow the rules


def test_every_case_is_labelled_made_up_and_its_team_follows_the_medicine_rule():
    for case_id, case in case_reviews().items():
        assert case["label"] == "Made-up teaching case (not a real person)"
        for i, change in enumerate(case["changes"]):
            decision = read_review(case["reviews"], i).medicine
            if decision == "stop":
                assert "stopped" in change, f"{case_id} review {i}: the rule stops the medicine; the text must say so"
            if decision == "keep":
                assert "kept" in change, f"{case_id} review {i}: the rule keeps the medicine; the text must say so"


def test_texts_that_call_a_change_real_agree_with_the_rule():
    for case_id, case in case_reviews().items():
        for i, change in enumerate(case["changes"]):
            if "a real change" in change and "not yet" not in change:
                assert read_review(case["reviews"], i).css_real_since_first, f"{case_id} review {i}"


def test_slow_case_shows_steps_that_add_up():
    case = case_reviews()["slow_small_steps"]
    readings = [read_review(case["reviews"], i) for i in range(len(case["reviews"]))]
    assert not any(r.css_real for r in readings), "no single step of the slow case is a real change"
    assert readings[-1].css_real_since_first, "but the steps add up to one"


def test_clinic_rule_reads_the_not_improving_case_as_not_improving():
    bad, good = case_reviews()["not_improving"], case_reviews()["early_steady"]
    assert clinic_not_improving(bad["reviews"], 4)
    assert not clinic_not_improving(good["reviews"], 3)


# ---------------------------------------------------------------- the explorer


def test_explorer_draws_four_parallel_strands_from_the_first_visit():
    ex = explore("care_strands")
    for key in cs.STRANDS:
        tr = ex.trace(f"strand_{key}")
        assert tr.x[0] == 0.0 and tr.x[-1] == 9.0, key  # the first case's reviews run 0-9 months
    assert list(ex.trace("css").y) == [12, 11, 8, 6, 5, 4]
    assert "All four strands run together" in ex.readout.value


def test_explorer_readout_gives_the_numbers_and_rules_of_the_review():
    ex = explore("care_strands", case="medicine_no_help", review=1)
    text = ex.readout.value
    assert "Pain 6/10 (+0 since the last review)" in text
    assert "did not lower pain, so it is stopped" in text
    assert "Made-up teaching case" in text
    ex.controls["review"].value = 3
    assert "-5 since the first visit: a real change" in ex.readout.value
    band = ex.trace("css_band").y
    assert min(band) == pytest.approx(9 - 4.9) and max(band) == pytest.approx(9 + 4.9)


def test_clinic_phases_are_labelled_as_the_clinic_articles_and_can_be_hidden():
    ex = explore("care_strands")
    assert ex.trace("clinic_phases").visible is True
    assert "clinic article" in " ".join(ex.figure.layout.yaxis.ticktext)
    ex.controls["show_clinic"].value = False
    assert ex.trace("clinic_phases").visible is False and ex.trace("clinic_labels").visible is False


def test_a_review_past_the_end_of_a_short_case_shows_its_last():
    ex = explore("care_strands", case="medicine_no_help", review=6)
    assert "has no review 6; showing its last" in ex.readout.value


def test_bad_start_values_name_the_control():
    with pytest.raises(ValueError, match="case"):
        explore("care_strands", case="a real patient")
    with pytest.raises(ValueError, match="review"):
        explore("care_strands", review=-1)
