"""Effect sizes from trial counts (crps_lessons.models.effect_sizes), checked against what the trials published."""

import math

import pytest

from crps_lessons.data import load_table
from crps_lessons.models.effect_sizes import (
    compare_proportions,
    compare_risks,
    comparison,
    comparison_ids,
    effect_table,
    nnt_at_baseline,
    pain_difference,
)


def test_zollinger_1999_difference_and_interval_match_the_paper():
    # Zollinger et al. 1999 (Lancet 354:2025-2028), abstract: RSD in 4 (7%) wrists with vitamin C and
    # 14 (22%) with placebo, a difference of 15% (95% CI for the difference 2-26).
    cmp = comparison("zollinger1999_crps")
    assert round(100 * cmp.risk_treatment) == 7 and round(100 * cmp.risk_control) == 22
    low, high = cmp.risk_difference_ci
    assert round(100 * low) == 2 and round(100 * high) == 26
    # The abstract's 15% is 22% - 7% from the rounded percentages; from the counts it is 14.1 points.
    assert cmp.risk_difference == pytest.approx(14 / 65 - 4 / 54)
    assert cmp.kind == "NNT" and cmp.number_needed_rounded == 8


@pytest.mark.parametrize(
    "comparison_id, rr, low, high",
    [
        # Zollinger et al. 2007 (J Bone Joint Surg Am 89:1424-1431), abstract, per dose arm vs placebo.
        ("zollinger2007_low_dose", 0.41, 0.13, 1.27),
        ("zollinger2007_middle_dose", 0.17, 0.04, 0.77),
        ("zollinger2007_high_dose", 0.17, 0.04, 0.75),
    ],
)
def test_zollinger_2007_relative_risks_match_the_paper(comparison_id, rr, low, high):
    cmp = comparison(comparison_id)
    assert round(cmp.relative_risk, 2) == rr
    ci = cmp.relative_risk_ci
    assert (round(ci[0], 2), round(ci[1], 2)) == (low, high)


def test_zollinger_2007_pooled_percentages_match_the_paper():
    # 2.4% (8 of 328) with vitamin C, 10.1% (10 of 99) with placebo.
    cmp = comparison("zollinger2007_any_dose")
    assert round(100 * cmp.risk_treatment, 1) == 2.4 and round(100 * cmp.risk_control, 1) == 10.1
    assert cmp.number_needed_rounded == 14  # 1 / 0.0766 = 13.05, rounded up


def test_a_harm_gives_a_number_needed_to_harm():
    # Sigtermans et al. 2009: psychomimetic side effects in 76% on ketamine vs 18% on placebo (30 per arm).
    cmp = comparison("sigtermans2009_psychomimetic")
    assert cmp.kind == "NNH" and cmp.risk_difference == pytest.approx(-0.58)
    assert cmp.number_needed_rounded == 2 and cmp.relative_risk == pytest.approx(76 / 18)
    assert cmp.relative_risk_ci is None  # percentages only: no counts for the log interval


def test_same_relative_effect_gives_very_different_nnt_at_different_baseline_risks():
    # Aim et al. 2017 pooled risk ratio 0.54 for the 500 mg arms; baseline risks as in the placebo arms.
    assert nnt_at_baseline(0.54, 10.1) == pytest.approx(1 / (0.101 * 0.46))
    assert nnt_at_baseline(0.54, 2) > 5 * nnt_at_baseline(0.54, 10.1)
    assert math.isinf(nnt_at_baseline(1, 10))


def test_pain_difference_in_points_and_percent():
    # Sigtermans et al. 2009, end of week 1: ketamine 2.68, placebo 5.45 (0-10 scale).
    d = pain_difference(2.68, 5.45)
    assert d["points"] == pytest.approx(2.77) and d["percent_of_control"] == pytest.approx(50.8, abs=0.1)


def test_no_difference_and_zero_events():
    same = compare_risks(5, 50, 5, 50)
    assert same.kind == "none" and same.number_needed_rounded is None and math.isinf(same.number_needed)
    none_treated = compare_risks(0, 40, 4, 40)
    assert none_treated.relative_risk == 0 and none_treated.relative_risk_ci is None
    with pytest.raises(ValueError, match="undefined"):
        _ = compare_risks(3, 40, 0, 40).relative_risk


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: compare_risks(5, 4, 1, 10), "events_treatment"),
        (lambda: compare_risks(1, 0, 1, 10), "total_treatment"),
        (lambda: compare_risks(1.5, 10, 1, 10), "events_treatment"),
        (lambda: compare_risks(1, 10, -1, 10), "events_control"),
        (lambda: compare_proportions(120, 10, 30, 30), "percent_treatment"),
        (lambda: nnt_at_baseline(1.4, 10), "relative_risk"),
        (lambda: nnt_at_baseline(0.5, 0), "baseline_risk_percent"),
        (lambda: pain_difference(11, 5), "mean_treatment"),
        (lambda: comparison("nope"), "comparison_id"),
        (lambda: effect_table(["nope"]), "unknown comparison"),
    ],
)
def test_bad_input_is_rejected_with_what_is_allowed(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_every_row_of_the_table_computes_and_is_shown():
    ids = comparison_ids()
    table = effect_table()
    assert list(table["trial"]) and len(table) == len(ids)
    assert set(load_table("event_counts")["source_id"]) <= set(load_table("sources")["source_id"])
    assert "NNT 8" in set(table["NNT or NNH"]) and "NNH 2" in set(table["NNT or NNH"])
    assert list(effect_table(["zollinger1999_crps"])["trial"]) == ["Zollinger et al. 1999"]
