"""Explorers and figures of lesson 01: each control changes the figure as the rule and the data say.

(Lesson 06's explorer, care_strands, is tested in test_care_strands.py.)"""

import pytest

from crps_lessons.figures import role_of
from crps_lessons.figures.criteria import accuracy_figure, category_role
from crps_lessons.figures.epidemiology import incidence_figure
from crps_lessons.models.criteria import CATEGORIES, meets_budapest
from crps_lessons.widgets import explore
from crps_lessons.widgets.criteria import vignettes


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
        assert ex.controls["nerve_injury"].value == v["nerve_injury"]


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


def test_the_nerve_question_sets_the_type_and_can_fail_d():
    ex = explore("budapest_criteria", vignette="v8_trapped_nerve")
    assert ex.controls["nerve_injury"].value == "within"
    # B and C are met on the counts, but every change lies in the trapped nerve's area: D fails.
    assert "✔ B" in _verdicts(ex)[1] and "✔ C" in _verdicts(ex)[2] and _verdicts(ex)[3].startswith("✘ D")
    assert _bars(ex)[3] == 0 and "criteria not met" in ex.figure.layout.title.text
    assert "stay within the area it supplies" in ex.readout.value and "territory" in ex.readout.value
    ex.controls["nerve_injury"].value = "beyond"
    assert _verdicts(ex)[3].startswith("✔ D") and "CRPS II pattern" in ex.figure.layout.title.text
    assert ex.figure.layout.title.text.startswith("Your edit of")
    ex.controls["nerve_injury"].value = "none"
    assert "CRPS I pattern" in ex.figure.layout.title.text and "no injured nerve identified" in ex.readout.value


def test_the_type_ii_vignette_meets_the_criteria_as_type_ii():
    ex = explore("budapest_criteria", vignette="v7_nerve_injury")
    assert ex.controls["nerve_injury"].value == "beyond"
    assert "all four criteria met, CRPS II pattern" in ex.figure.layout.title.text
    assert "the pattern is CRPS II" in ex.readout.value


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
