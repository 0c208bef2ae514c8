"""Explorers and figures of lessons 01 and 06: each control changes the figure as the rule and the data say."""

import numpy as np
import pytest

from crps_lessons.figures import role_of
from crps_lessons.figures.criteria import accuracy_figure, category_role
from crps_lessons.figures.epidemiology import incidence_figure
from crps_lessons.models.care_path import RESPONSES, WEEKS_PER_MONTH, care_path
from crps_lessons.models.criteria import CATEGORIES, meets_budapest
from crps_lessons.validate import WrongType
from crps_lessons.widgets import explore
from crps_lessons.widgets.criteria import vignettes
from crps_lessons.widgets.phases import phase_options, teaching_cases


def _trace(fig, name):
    (found,) = [t for t in fig.data if role_of(t) == name]
    return found


# ---- budapest_criteria -------------------------------------------------------------------------


def _bars(ex):
    """(symptom count, sign count, A bar, D bar) as drawn."""
    sym = sum(ex.trace(category_role(cat)).y[0] for cat in CATEGORIES)
    sig = sum(ex.trace(category_role(cat)).y[1] for cat in CATEGORIES)
    a, d = ex.trace("a_and_d").y
    return sym, sig, a, d


def _threshold(ex, x):
    needed = ex.trace("needed")
    return next(y for xx, y in zip(needed.x, needed.y, strict=True) if xx is not None and abs(xx - x) < 0.5)


def _verdicts(ex):
    return list(ex.trace("verdict").text)


def _set_all(ex, prefix, value):
    for cat in CATEGORIES:
        ex.controls[f"{prefix}_{cat}"].value = value


def test_budapest_starts_on_the_first_vignette_as_the_table_describes_it():
    first = next(iter(vignettes().values()))
    ex = explore("budapest_criteria")
    assert ex.controls["vignette"].value == first["vignette_id"]
    assert _bars(ex) == (
        len(first["symptom_categories"]),
        len(first["sign_categories"]),
        int(first["disproportionate_pain"]),
        int(not first["better_explained"]),
    )
    met = meets_budapest(
        first["symptom_categories"], first["sign_categories"], first["disproportionate_pain"], first["better_explained"]
    )
    assert met, "the first vignette is the one that meets the criteria (tests/test_criteria.py)"
    assert "all four criteria met" in ex.figure.layout.title.text
    assert "made-up" in ex.figure.layout.title.text
    assert all("✔" in t for t in _verdicts(ex))
    assert "not a way to diagnose yourself" in ex.readout.value
    assert first["story"].split(".")[0] in ex.story.value


def test_unticking_symptoms_drops_b_below_three():
    ex = explore("budapest_criteria")
    _set_all(ex, "symptom", True)
    ex.controls["symptom_sensory"].value = False
    assert _bars(ex)[0] == 3 and "✔ B" in _verdicts(ex)[1]
    ex.controls["symptom_vasomotor"].value = False
    assert _bars(ex)[0] == 2
    assert _verdicts(ex)[1].startswith("✘ B") and "not met" in _verdicts(ex)[1]
    assert "criteria not met" in ex.figure.layout.title.text
    assert ex.trace(category_role("sensory")).y[0] == 0 and ex.trace(category_role("vasomotor")).y[0] == 0


def test_signs_need_two_categories():
    ex = explore("budapest_criteria")
    _set_all(ex, "sign", False)
    ex.controls["sign_vasomotor"].value = True
    assert _bars(ex)[1] == 1 and "not met" in _verdicts(ex)[2]
    ex.controls["sign_motor_trophic"].value = True
    assert _bars(ex)[1] == 2 and "✔ C" in _verdicts(ex)[2]
    assert _threshold(ex, 2) == 2


def test_research_toggle_raises_the_b_threshold_to_four():
    ex = explore("budapest_criteria", vignette="v4_clinical_not_research")
    assert _threshold(ex, 1) == 3 and "all four criteria met" in ex.figure.layout.title.text
    ex.controls["research"].value = True
    assert _threshold(ex, 1) == 4
    assert "needs 4" in _verdicts(ex)[1] and "not met" in _verdicts(ex)[1]
    assert "research criteria, criteria not met" in ex.figure.layout.title.text


def test_a_and_d_toggles_change_their_bars():
    ex = explore("budapest_criteria", disproportionate_pain=True, better_explained=False)
    assert _bars(ex)[2:] == (1, 1)
    ex.controls["disproportionate_pain"].value = False
    assert _bars(ex)[2] == 0 and _verdicts(ex)[0].startswith("✘ A")
    ex.controls["disproportionate_pain"].value = True
    ex.controls["better_explained"].value = True
    assert _bars(ex)[3] == 0 and _verdicts(ex)[3].startswith("✘ D")


def test_choosing_a_vignette_ticks_the_boxes_from_the_table():
    ex = explore("budapest_criteria")
    for vid, v in reversed(vignettes().items()):
        ex.controls["vignette"].value = vid
        for cat in CATEGORIES:
            assert ex.controls[f"symptom_{cat}"].value is (cat in v["symptom_categories"])
            assert ex.controls[f"sign_{cat}"].value is (cat in v["sign_categories"])
        assert _bars(ex)[:2] == (len(v["symptom_categories"]), len(v["sign_categories"]))
        assert v["title"] in ex.figure.layout.title.text
        assert ex.controls["disproportionate_pain"].value is v["disproportionate_pain"]
        assert ex.controls["better_explained"].value is v["better_explained"]


def test_a_start_vignette_ticks_its_boxes_and_later_box_values_override():
    v = vignettes()["v3_symptoms_no_signs"]
    ex = explore("budapest_criteria", vignette="v3_symptoms_no_signs", sign_vasomotor=True)
    assert all(ex.controls[f"symptom_{cat}"].value is (cat in v["symptom_categories"]) for cat in CATEGORIES)
    assert ex.controls["sign_vasomotor"].value is True
    assert ex.figure.layout.title.text.startswith("Your edit of")


def test_title_says_when_the_boxes_no_longer_match_the_vignette():
    ex = explore("budapest_criteria")
    assert not ex.figure.layout.title.text.startswith("Your edit of")
    ex.controls["sign_sensory"].value = not ex.controls["sign_sensory"].value
    assert ex.figure.layout.title.text.startswith("Your edit of")
    ex.controls["vignette"].value = "v2_ankle_sprain"
    assert not ex.figure.layout.title.text.startswith("Your edit of")


def test_vignette_flags_are_booleans_and_categories_tuples():
    for v in vignettes().values():
        assert type(v["disproportionate_pain"]) is bool and type(v["better_explained"]) is bool
        assert isinstance(v["symptom_categories"], tuple) and set(v["symptom_categories"]) <= set(CATEGORIES)
        assert isinstance(v["sign_categories"], tuple) and set(v["sign_categories"]) <= set(CATEGORIES)


# ---- phase_timeline -----------------------------------------------------------------------------


def _active(ex):
    return [i + 1 for i, length in enumerate(ex.trace("applies_now").x) if length > 0]


# The clinic article's windows: phase 1 the first 3-6 months, phase 2 3-12 months, phase 3 12+ months.
@pytest.mark.parametrize("month,phases", [(0, [1]), (2, [1]), (4, [1, 2]), (6, [2]), (11.5, [2]), (12, [3]), (20, [3])])
def test_timeline_marks_the_overlapping_phases_of_the_clinic_article(month, phases):
    ex = explore("phase_timeline", months=month)
    assert _active(ex) == phases
    assert ex.trace("now_line").x == (month, month)
    assert ex.trace("now_marker").x == (month,)
    assert f"phase(s) {', '.join(map(str, phases))} apply" in ex.readout.value


def test_timeline_interval_sets_the_review_spacing():
    ex = explore("phase_timeline")
    six = np.diff(ex.trace("reviews").x)
    ex.controls["interval_weeks"].value = 4
    four = np.diff(ex.trace("reviews").x)
    assert np.allclose(six, 6 / WEEKS_PER_MONTH) and np.allclose(four, 4 / WEEKS_PER_MONTH)
    assert len(ex.trace("reviews").x) > 1.4 * (len(six) + 1)


def test_timeline_readout_names_the_next_review():
    ex = explore("phase_timeline", months=2, interval_weeks=6)
    reviews = np.array(ex.trace("reviews").x)
    assert f"next review at {reviews[reviews > 2][0]:.1f} months" in ex.readout.value


def test_timeline_option_source_changes_the_listed_options():
    options = phase_options()
    ex = explore("phase_timeline", months=4)
    for source in ["care_phases", "treatments"]:
        ex.controls["options_from"].value = source
        for p, text in zip([1, 2, 3], ex.trace("phase_window").text, strict=True):
            assert f"{len(options[source][p])} options listed" in text
        for item in options[source][1] + options[source][2]:
            assert item in ex.readout.value.replace("&#x27;", "'")
    assert len(options["care_phases"][1]) != len(options["treatments"][1])


# ---- care_walkthrough ----------------------------------------------------------------------------

CASES = teaching_cases()


def _review_x(case_id, review, interval_weeks=6):
    return CASES[case_id]["first_visit_month"] + review * interval_weeks / WEEKS_PER_MONTH


def test_walkthrough_improving_case_stays_in_phase_1():
    ex = explore("care_walkthrough", case="c1_early_improving")
    assert set(ex.trace("path").y) == {1}
    assert len(ex.trace("improving").x) == len(CASES["c1_early_improving"]["course"])
    assert len(ex.trace("not_improving").x) == 0


def test_marking_not_improving_in_phase_1_moves_the_case_to_phase_2():
    ex = explore("care_walkthrough", case="c1_early_improving")
    ex.controls["response"].value = "not improving"
    assert ex.trace("path").y[1] == 2 and ex.trace("this_review").y == (2,)
    assert "discuss moving to phase 2" in ex.readout.value
    ex.controls["review"].value = 3
    assert ex.controls["response"].value == CASES["c1_early_improving"]["course"][2]
    assert ex.trace("this_review").x[0] == pytest.approx(_review_x("c1_early_improving", 3))


def test_refractory_case_reaches_phase_3_only_after_twelve_months():
    ex = explore("care_walkthrough", case="c4_refractory")
    x, y = np.array(ex.trace("path").x), np.array(ex.trace("path").y)
    assert y.max() == 3 and x[np.argmax(y == 3)] >= 12
    # At a 4-week interval the case's last review comes before month 12, so phase 3 is never reached.
    assert _review_x("c4_refractory", len(CASES["c4_refractory"]["course"]), 4) < 12
    ex.controls["interval_weeks"].value = 4
    x4, y4 = np.array(ex.trace("path").x), np.array(ex.trace("path").y)
    assert y4.max() == 2 and x4.max() < 12


def test_case_choice_loads_the_case_from_the_table():
    ex = explore("care_walkthrough")
    first, *others = CASES
    for cid in [*others, first]:  # each a change of case
        case = CASES[cid]
        ex.controls["review"].value = ex.controls["review"].max
        ex.controls["case"].value = cid
        assert ex.trace("first_visit").x == (case["first_visit_month"],)
        assert ex.controls["review"].value == 1 and ex.controls["review"].max == len(case["course"])
        assert ex.controls["response"].value == case["course"][0]
        assert "made-up" in ex.figure.layout.title.text and case["title"] in ex.figure.layout.title.text


def test_initial_case_sets_the_response_toggle():
    ex = explore("care_walkthrough", case="c4_refractory")
    assert ex.controls["response"].value == CASES["c4_refractory"]["course"][0] == "not improving"


def test_a_response_is_kept_per_case_and_review():
    ex = explore("care_walkthrough", case="c2_early_slow_start")
    ex.controls["review"].value = 4
    ex.controls["response"].value = "not improving"
    ex.controls["case"].value = "c1_early_improving"
    ex.controls["case"].value = "c2_early_slow_start"
    ex.controls["review"].value = 4
    assert ex.controls["response"].value == "not improving"
    expected = list(CASES["c2_early_slow_start"]["course"])
    expected[3] = "not improving"
    assert len(ex.trace("not_improving").x) == expected.count("not improving")


def _responses_drawn(ex):
    """The response at each review as the plot marks it (circle: improving, cross: not improving)."""
    improving = set(ex.trace("improving").x)
    return ["improving" if x in improving else "not improving" for x in ex.trace("path").x[1:]]


def _readout_matches_toggle(ex):
    """The toggle shows the response drawn at this review, and the readout gives care_path's decision for it."""
    val = ex.values()
    k = val["review"] - 1
    drawn = _responses_drawn(ex)
    assert drawn[k] == val["response"], f"toggle {val['response']!r}, plot {drawn[k]!r} at review {k + 1}"
    p = care_path(CASES[val["case"]]["first_visit_month"], drawn, float(val["interval_weeks"]))
    assert f"Review {k + 1} at {p.review_month[k]:.1f} months" in ex.readout.value
    assert p.decisions[k] in ex.readout.value
    assert p.decisions[k].startswith("improving:") is (val["response"] == "improving")


@pytest.mark.parametrize("case_id", list(CASES))
def test_the_toggle_never_contradicts_the_readout(case_id):
    for review in range(1, len(CASES[case_id]["course"]) + 1):
        _readout_matches_toggle(explore("care_walkthrough", case=case_id, review=review))
    ex = explore("care_walkthrough")
    ex.controls["case"].value = case_id
    _readout_matches_toggle(ex)
    for review in range(1, len(CASES[case_id]["course"]) + 1):
        ex.controls["review"].value = review
        _readout_matches_toggle(ex)
        for response in RESPONSES:
            ex.controls["response"].value = response
            _readout_matches_toggle(ex)
    ex.controls["case"].value = next(c for c in CASES if c != case_id)
    _readout_matches_toggle(ex)


def _shown(ex):
    fig = ex.figure.to_plotly_json()
    for trace in fig["data"]:
        trace.pop("uid", None)
    return fig, ex.readout.value, ex.story.value, ex.values()


@pytest.mark.parametrize("case_id", list(CASES))
@pytest.mark.parametrize("review", [1, 2, 5])
@pytest.mark.parametrize("response", RESPONSES)
def test_start_values_equal_setting_case_review_and_response_in_that_order(case_id, review, response):
    started = explore("care_walkthrough", case=case_id, review=review, response=response)
    later = explore("care_walkthrough")
    later.controls["case"].value = case_id
    later.controls["review"].value = review
    later.controls["response"].value = response
    assert _shown(started) == _shown(later)
    assert started.controls["response"].value == response


def test_care_path_rule_and_errors():
    p = care_path(1, ["not improving", "not improving", "not improving", "not improving"], 6)
    assert list(p.phase_after) == [2, 2, 2, 2]  # stalled in phase 2 but not yet 12 months
    p = care_path(8, ["improving"], 5)
    assert p.start_phase == 2 and p.review_month[0] == pytest.approx(8 + 5 / WEEKS_PER_MONTH)
    with pytest.raises(ValueError, match=r"interval_weeks.*4 to 6"):
        care_path(1, ["improving"], 8)
    with pytest.raises(ValueError, match=r"first_visit_month.*0 to 120"):
        care_path(-1, ["improving"])
    with pytest.raises(ValueError, match="first_visit_month"):
        care_path(float("nan"), ["improving"])
    with pytest.raises(ValueError, match="responses"):
        care_path(1, ["better"])
    with pytest.raises(ValueError, match="responses"):
        care_path(1, [])
    with pytest.raises(ValueError, match="phase2_reviews_to_advance"):
        care_path(1, ["improving"], phase2_reviews_to_advance=0)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"first_visit_month": "1"},
        {"first_visit_month": True},
        {"interval_weeks": None},
        {"responses": "improving"},
        {"phase2_reviews_to_advance": 2.5},
    ],
)
def test_care_path_wrong_types_are_type_errors(kwargs):
    args = {"first_visit_month": 1, "responses": ["improving"], **kwargs}
    with pytest.raises(WrongType, match=next(iter(kwargs))):
        care_path(**args)
    with pytest.raises(TypeError):
        care_path(**args)


# ---- static figures ---------------------------------------------------------------------------


def test_incidence_figure_shows_both_studies_from_the_table():
    bars = _trace(incidence_figure(), "incidence")
    # Sandroni et al. 2003 (Pain 103:199-207): 5.46 per 100,000 person-years (CRPS I);
    # de Mos et al. 2007 (Pain 129:12-20): 26.2 (95% CI 23.0-29.7).
    assert list(bars.y) == [5.46, 26.2]
    assert "de Mos" in bars.x[1] and "Sandroni" in bars.x[0]
    assert bars.error_y.array[0] == 0 and bars.error_y.array[1] == pytest.approx(29.7 - 26.2)
    assert bars.error_y.arrayminus[1] == pytest.approx(26.2 - 23.0)


def test_accuracy_figure_uses_only_the_2010_validation_figures():
    fig = accuracy_figure()
    sens, spec = _trace(fig, "sensitivity"), _trace(fig, "specificity")
    # Harden et al. 2010 (Pain 150:268-274): old IASP 1.00 / 0.41, Budapest clinical 0.99 / 0.68.
    assert list(sens.y) == [1.00, 0.99] and list(spec.y) == [0.41, 0.68]
    assert 0.85 not in list(sens.y) and 0.94 not in list(spec.y)  # 2007 derivation figures stay out
