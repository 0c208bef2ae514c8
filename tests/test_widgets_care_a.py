"""Explorers of lessons 01 and 06: each control changes the figure as the rule and the data say."""

import numpy as np
import pytest

from crps_lessons.models.criteria import CATEGORIES
from crps_lessons.data import load_table
from crps_lessons.models.care_path import WEEKS_PER_MONTH, care_path
from crps_lessons.widgets import explore
from crps_lessons.widgets.phases import phase_options


# ---- budapest_criteria -------------------------------------------------------------------------

def _bars(ex):
    """(symptom count, sign count, A bar, D bar) as drawn."""
    fig = ex.figure
    sym = sum(fig.data[i].y[0] for i in range(4))
    sig = sum(fig.data[i].y[1] for i in range(4))
    return sym, sig, fig.data[4].y[0], fig.data[4].y[1]


def _threshold(ex, x):
    xs, ys = ex.figure.data[5].x, ex.figure.data[5].y
    return next(y for xx, y in zip(xs, ys) if xx is not None and abs(xx - x) < 0.5)


def test_budapest_starts_on_the_first_vignette_and_says_met():
    ex = explore("budapest_criteria")
    assert _bars(ex) == (4, 3, 1, 1)
    assert "all four criteria met" in ex.figure.layout.title.text
    assert "made-up" in ex.figure.layout.title.text
    assert all("✔" in t for t in ex.figure.data[6].text)
    assert "not a way to diagnose yourself" in ex.readout.value


def test_unticking_symptoms_drops_b_below_three():
    ex = explore("budapest_criteria")
    ex.controls["symptom_sensory"].value = False
    assert _bars(ex)[0] == 3 and "✔ B" in ex.figure.data[6].text[1]
    ex.controls["symptom_vasomotor"].value = False
    assert _bars(ex)[0] == 2
    assert ex.figure.data[6].text[1].startswith("✘ B") and "not met" in ex.figure.data[6].text[1]
    assert "criteria not met" in ex.figure.layout.title.text
    assert ex.figure.data[0].y[0] == 0 and ex.figure.data[1].y[0] == 0


def test_signs_need_two_categories():
    ex = explore("budapest_criteria")
    for cat in CATEGORIES:
        ex.controls[f"sign_{cat}"].value = False
    ex.controls["sign_vasomotor"].value = True
    assert _bars(ex)[1] == 1 and "not met" in ex.figure.data[6].text[2]
    ex.controls["sign_motor_trophic"].value = True
    assert _bars(ex)[1] == 2 and "✔ C" in ex.figure.data[6].text[2]
    assert _threshold(ex, 2) == 2


def test_research_toggle_raises_the_b_threshold_to_four():
    ex = explore("budapest_criteria", vignette="v4_clinical_not_research")
    assert _threshold(ex, 1) == 3 and "all four criteria met" in ex.figure.layout.title.text
    ex.controls["research"].value = True
    assert _threshold(ex, 1) == 4
    assert "needs 4" in ex.figure.data[6].text[1] and "not met" in ex.figure.data[6].text[1]
    assert "research criteria, criteria not met" in ex.figure.layout.title.text


def test_a_and_d_toggles_change_their_bars():
    ex = explore("budapest_criteria")
    ex.controls["disproportionate_pain"].value = False
    assert _bars(ex)[2] == 0 and ex.figure.data[6].text[0].startswith("✘ A")
    ex.controls["disproportionate_pain"].value = True
    ex.controls["better_explained"].value = True
    assert _bars(ex)[3] == 0 and ex.figure.data[6].text[3].startswith("✘ D")


def test_choosing_a_vignette_ticks_the_boxes_from_the_table():
    table = load_table("budapest_vignettes").set_index("vignette_id")
    ex = explore("budapest_criteria")
    for vid, row in table.iterrows():
        ex.controls["vignette"].value = vid
        sym = set((row["symptom_categories"] or "").split(";")) - {""}
        sig = set((row["sign_categories"] or "").split(";")) - {""}
        for cat in CATEGORIES:
            assert ex.controls[f"symptom_{cat}"].value is (cat in sym)
            assert ex.controls[f"sign_{cat}"].value is (cat in sig)
        assert _bars(ex)[:2] == (len(sym), len(sig))
        assert row["title"] in ex.figure.layout.title.text
        assert ex.controls["better_explained"].value is (row["better_explained"] == "true")


# ---- phase_timeline -----------------------------------------------------------------------------

def _active(ex):
    return [i + 1 for i, length in enumerate(ex.figure.data[1].x) if length > 0]


@pytest.mark.parametrize("month,phases", [(0, [1]), (2, [1]), (4, [1, 2]), (6, [2]), (11.5, [2]), (12, [3]), (20, [3])])
def test_timeline_marks_the_overlapping_phases_of_seed_000(month, phases):
    ex = explore("phase_timeline", months=month)
    assert _active(ex) == phases
    assert ex.figure.data[2].x == (month, month)
    assert f"phase(s) {', '.join(map(str, phases))} apply" in ex.readout.value


def test_timeline_interval_sets_the_review_spacing():
    ex = explore("phase_timeline")
    six = np.diff(ex.figure.data[4].x)
    ex.controls["interval_weeks"].value = 4
    four = np.diff(ex.figure.data[4].x)
    assert np.allclose(six, 6 / WEEKS_PER_MONTH) and np.allclose(four, 4 / WEEKS_PER_MONTH)
    assert len(ex.figure.data[4].x) > 1.4 * (len(six) + 1)


def test_timeline_option_source_changes_the_listed_options():
    options = phase_options()
    ex = explore("phase_timeline", months=4)
    for source in ["care_phases", "treatments"]:
        ex.controls["options_from"].value = source
        for p, text in zip([1, 2, 3], ex.figure.data[0].text):
            assert f"{len(options[source][p])} options listed" in text
        for item in options[source][1] + options[source][2]:
            assert item in ex.readout.value.replace("&#x27;", "'")
    assert len(options["care_phases"][1]) != len(options["treatments"][1])


# ---- care_walkthrough ----------------------------------------------------------------------------

def test_walkthrough_improving_case_stays_in_phase_1():
    ex = explore("care_walkthrough", case="c1_early_improving")
    assert set(ex.figure.data[1].y) == {1}
    assert len(ex.figure.data[2].x) == 8 and len(ex.figure.data[3].x) == 0


def test_marking_not_improving_in_phase_1_moves_the_case_to_phase_2():
    ex = explore("care_walkthrough", case="c1_early_improving")
    ex.controls["response"].value = "not improving"
    assert ex.figure.data[1].y[1] == 2 and ex.figure.data[4].y == (2,)
    assert "discuss moving to phase 2" in ex.readout.value
    ex.controls["review"].value = 3
    assert ex.controls["response"].value == "improving"
    assert ex.figure.data[4].x[0] == pytest.approx(1 + 3 * 6 / WEEKS_PER_MONTH)


def test_refractory_case_reaches_phase_3_only_after_twelve_months():
    ex = explore("care_walkthrough", case="c4_refractory")
    x, y = np.array(ex.figure.data[1].x), np.array(ex.figure.data[1].y)
    assert y.max() == 3 and x[np.argmax(y == 3)] >= 12
    ex.controls["interval_weeks"].value = 4
    x4, y4 = np.array(ex.figure.data[1].x), np.array(ex.figure.data[1].y)
    assert y4.max() == 2 and x4.max() < 12   # 8 reviews x 4 weeks end before month 12


def test_case_dropdown_loads_the_case_from_the_table():
    cases = load_table("teaching_cases").set_index("case_id")
    ex = explore("care_walkthrough")
    for cid, row in cases.iterrows():
        ex.controls["case"].value = cid
        assert ex.figure.data[5].x == (float(row["first_visit_month"]),)
        assert ex.controls["review"].value == 1
        assert ex.controls["response"].value == row["course"].split(";")[0]
        assert "made-up" in ex.figure.layout.title.text


def test_care_path_rule_and_errors():
    p = care_path(1, ["not improving", "not improving", "not improving", "not improving"], 6)
    assert list(p.phase_after) == [2, 2, 2, 2]  # stalled in phase 2 but not yet 12 months
    p = care_path(8, ["improving"], 5)
    assert p.start_phase == 2 and p.review_month[0] == pytest.approx(8 + 5 / WEEKS_PER_MONTH)
    with pytest.raises(ValueError, match="interval_weeks.*4 to 6"):
        care_path(1, ["improving"], 8)
    with pytest.raises(ValueError, match="first_visit_month"):
        care_path(-1, ["improving"])
    with pytest.raises(ValueError, match="responses"):
        care_path(1, "improving")
    with pytest.raises(ValueError, match="responses"):
        care_path(1, ["better"])
    with pytest.raises(ValueError, match="responses"):
        care_path(1, [])


def test_initial_case_sets_the_response_toggle():
    ex = explore("care_walkthrough", case="c4_refractory")
    assert ex.controls["response"].value == "not improving"


# ---- static figures ---------------------------------------------------------------------------

def test_incidence_figure_shows_both_studies_from_the_table():
    from crps_lessons.figures.care import incidence_figure
    fig = incidence_figure()
    assert list(fig.data[0].y) == [5.46, 26.2]
    assert "de Mos" in fig.data[0].x[1] and "Sandroni" in fig.data[0].x[0]


def test_accuracy_figure_uses_only_the_2010_validation_figures():
    from crps_lessons.figures.care import accuracy_figure
    fig = accuracy_figure()
    sens, spec = fig.data
    assert list(sens.y) == [1.00, 0.99] and list(spec.y) == [0.41, 0.68]
    assert 0.85 not in list(sens.y) and 0.94 not in list(spec.y)   # 2007 derivation figures stay out


def test_title_says_when_the_boxes_no_longer_match_the_vignette():
    ex = explore("budapest_criteria")
    assert not ex.figure.layout.title.text.startswith("Your edit of")
    ex.controls["sign_sensory"].value = not ex.controls["sign_sensory"].value
    assert ex.figure.layout.title.text.startswith("Your edit of")
    ex.controls["vignette"].value = "v2_ankle_sprain"
    assert not ex.figure.layout.title.text.startswith("Your edit of")
