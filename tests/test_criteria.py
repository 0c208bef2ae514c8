"""The Budapest criteria rule (crps_lessons.models.criteria) over every threshold and every bad input."""

import itertools

import pytest

from crps_lessons.models.criteria import (
    CATEGORIES,
    NERVE_INJURY,
    budapest_breakdown,
    meets_budapest,
    parse_categories,
)
from crps_lessons.validate import WrongType

ALL = list(CATEGORIES)
TWO_SIGNS = ["vasomotor", "sudomotor_oedema"]


@pytest.mark.parametrize("n_symptoms,expected", [(0, False), (1, False), (2, False), (3, True), (4, True)])
def test_clinical_symptom_threshold_is_three_categories(n_symptoms, expected):
    assert meets_budapest(ALL[:n_symptoms], TWO_SIGNS) is expected


@pytest.mark.parametrize("n_signs,expected", [(0, False), (1, False), (2, True), (3, True), (4, True)])
def test_sign_threshold_is_two_categories(n_signs, expected):
    assert meets_budapest(ALL[:3], ALL[:n_signs]) is expected
    assert meets_budapest(ALL, ALL[:n_signs], research=True) is expected


def test_every_combination_follows_the_rule():
    for k_sym, k_sig in itertools.product(range(5), repeat=2):
        for sym in itertools.combinations(ALL, k_sym):
            for sig in itertools.combinations(ALL, k_sig):
                assert meets_budapest(sym, sig) is (k_sym >= 3 and k_sig >= 2)
                assert meets_budapest(sym, sig, research=True) is (k_sym == 4 and k_sig >= 2)


def test_research_variant_needs_all_four_symptom_categories():
    assert meets_budapest(ALL[:3], TWO_SIGNS) is True
    assert meets_budapest(ALL[:3], TWO_SIGNS, research=True) is False
    assert meets_budapest(ALL, TWO_SIGNS, research=True) is True
    assert meets_budapest(ALL, ["sensory"], research=True) is False


def test_a_and_d_can_each_block_the_criteria():
    assert meets_budapest(ALL, ALL, disproportionate_pain=False) is False
    assert meets_budapest(ALL, ALL, better_explained=True) is False
    assert meets_budapest(ALL, ALL, disproportionate_pain=True, better_explained=False) is True


@pytest.mark.parametrize(
    "container", [list, tuple, set, frozenset, iter, lambda x: (c for c in x), lambda x: dict.fromkeys(x).keys()]
)
def test_any_iterable_of_names_is_accepted(container):
    assert meets_budapest(container(ALL[:3]), container(TWO_SIGNS)) is True


def test_duplicates_count_once():
    assert meets_budapest(["sensory", "sensory", "sensory"], TWO_SIGNS) is False
    assert meets_budapest(["sensory", "vasomotor", "vasomotor", "motor_trophic"], ["vasomotor", "vasomotor"]) is False
    r = budapest_breakdown(["sensory", "sensory", "vasomotor", "motor_trophic"], TWO_SIGNS)
    assert r.symptom_categories == {"sensory", "vasomotor", "motor_trophic"} and r.met


@pytest.mark.parametrize("bad", ["sensory", "motor_trophic", "", b"sensory"])
def test_a_bare_string_is_rejected_not_iterated(bad):
    with pytest.raises(WrongType, match="not a bare string"):
        meets_budapest(bad, TWO_SIGNS)
    with pytest.raises(TypeError, match=r"sign_categories.*not a bare string"):
        meets_budapest(ALL, bad)


@pytest.mark.parametrize(
    "bad,match",
    [
        (["Sensory"], "unknown category 'Sensory'"),
        (["sudomotor/edema"], "unknown category"),
        (["sensory", "pain"], "unknown category 'pain'"),
    ],
)
def test_unknown_names_are_value_errors(bad, match):
    with pytest.raises(ValueError, match=match) as raised:
        meets_budapest(bad, TWO_SIGNS)
    assert not isinstance(raised.value, TypeError)


@pytest.mark.parametrize(
    "bad,match",
    [
        ([1, 2, 3], "not a category name"),
        ([None], "not a category name"),
        (3, "must be a list, tuple or set"),
        (None, "must be a list, tuple or set"),
        ({"sensory": True}, "must be a list, tuple or set"),
    ],
)
def test_wrong_types_are_type_errors(bad, match):
    with pytest.raises(TypeError, match=match):
        meets_budapest(bad, TWO_SIGNS)
    with pytest.raises(ValueError, match=match):  # WrongType is both, for callers that catch ValueError
        meets_budapest(bad, TWO_SIGNS)


def test_error_lists_the_valid_names():
    with pytest.raises(ValueError, match="sensory, vasomotor, sudomotor_oedema, motor_trophic"):
        parse_categories(["oedema"], "symptom_categories")


@pytest.mark.parametrize("flag", ["disproportionate_pain", "better_explained", "research"])
@pytest.mark.parametrize("value", ["yes", 1, 0, None])
def test_flags_must_be_booleans(flag, value):
    with pytest.raises(WrongType, match=flag):
        meets_budapest(ALL, ALL, **{flag: value})


def test_breakdown_says_which_criterion_failed_and_why():
    r = budapest_breakdown(["sensory", "vasomotor"], ["sensory"], research=False)
    assert [c.letter for c in r.criteria] == ["A", "B", "C", "D"]
    assert r.A.met and not r.B.met and not r.C.met and r.D.met and not r.met
    assert "2 of 4" in r.B.reason and "need 3" in r.B.reason
    assert "1 of 4" in r.C.reason and "needs 2" in r.C.reason
    r = budapest_breakdown(ALL[:3], TWO_SIGNS, research=True, better_explained=True, disproportionate_pain=False)
    assert "need 4" in r.B.reason and "research" in r.B.reason
    assert not r.A.met and "not out of proportion" in r.A.reason
    assert not r.D.met and "better explains" in r.D.reason
    assert "not all met" in r.summary()


def test_vignette_table_matches_its_stated_teaching_points():
    from crps_lessons.widgets.criteria import vignettes

    v = vignettes()
    assert len(v) >= 5
    for row in v.values():
        assert "made-up" in row["label"].lower()

    def met(key, research=False):
        row = v[key]
        return meets_budapest(
            row["symptom_categories"],
            row["sign_categories"],
            row["disproportionate_pain"],
            row["better_explained"],
            research,
        )

    assert met("v1_wrist_fracture") and met("v1_wrist_fracture", research=True)
    assert not met("v2_ankle_sprain")
    assert not met("v3_symptoms_no_signs")
    assert met("v4_clinical_not_research") and not met("v4_clinical_not_research", research=True)
    assert not met("v5_better_explained")
    assert not met("v6_proportionate_pain")
    assert met("v7_nerve_injury")
    # The trapped nerve meets B and C on the counts alone; only the nerve question makes D fail.
    assert met("v8_trapped_nerve")

    def met_with_nerve(key, research=False):
        row = v[key]
        return budapest_breakdown(
            row["symptom_categories"],
            row["sign_categories"],
            row["disproportionate_pain"],
            row["better_explained"],
            research,
            row["nerve_injury"],
        )

    assert met_with_nerve("v7_nerve_injury").subtype == "CRPS II"
    assert not met_with_nerve("v8_trapped_nerve").met and not met_with_nerve("v8_trapped_nerve").D.met
    for key in v:
        assert v[key]["nerve_injury"] in NERVE_INJURY


# ---- type I or type II: the nerve question ------------------------------------------------------
# IASP 1994 (Merskey & Bogduk): CRPS II follows a nerve injury and is "not necessarily limited to the
# distribution of the injured nerve"; ICD-11 MG30.04: after discrete nerve damage CRPS can only be
# diagnosed if its signs and symptoms extend beyond the injured nerve's territory ("CRPS II").


def test_the_same_criteria_decide_both_types_and_the_nerve_decides_the_type():
    none = budapest_breakdown(ALL[:3], TWO_SIGNS)
    beyond = budapest_breakdown(ALL[:3], TWO_SIGNS, nerve_injury="beyond")
    assert none.met and none.subtype == "CRPS I"
    assert beyond.met and beyond.subtype == "CRPS II"
    assert none.A == beyond.A and none.B == beyond.B and none.C == beyond.C and none.D == beyond.D


def test_changes_confined_to_the_nerve_territory_fail_d():
    r = budapest_breakdown(ALL, ALL, nerve_injury="within")
    assert r.A.met and r.B.met and r.C.met and not r.D.met and not r.met
    assert "territory" in r.D.reason and "neuropathic" in r.D.reason
    assert r.subtype is None
    assert meets_budapest(ALL, ALL, nerve_injury="within") is False
    # Another diagnosis named as well: D says so first.
    assert "another diagnosis" in budapest_breakdown(ALL, ALL, better_explained=True, nerve_injury="within").D.reason


def test_no_subtype_when_the_criteria_are_not_met():
    for nerve in NERVE_INJURY:
        assert budapest_breakdown(["sensory"], ["sensory"], nerve_injury=nerve).subtype is None


def test_summary_names_the_nerve_setting_and_the_pattern():
    text = budapest_breakdown(ALL[:3], TWO_SIGNS, nerve_injury="beyond").summary()
    assert "spread beyond the area it supplies" in text and "the pattern is CRPS II" in text
    text = budapest_breakdown(ALL[:3], ["sensory"], nerve_injury="none").summary()
    assert "no injured nerve identified" in text and "pattern" not in text


@pytest.mark.parametrize("bad", ["Beyond", "yes", "", "type II"])
def test_unknown_nerve_settings_are_value_errors_naming_the_choices(bad):
    with pytest.raises(ValueError, match="nerve_injury must be one of 'none', 'beyond', 'within'") as raised:
        meets_budapest(ALL, ALL, nerve_injury=bad)
    assert not isinstance(raised.value, TypeError)


@pytest.mark.parametrize("bad", [None, True, 1, ["beyond"]])
def test_non_text_nerve_settings_are_type_errors(bad):
    with pytest.raises(WrongType, match="nerve_injury must be one of"):
        budapest_breakdown(ALL, ALL, nerve_injury=bad)
