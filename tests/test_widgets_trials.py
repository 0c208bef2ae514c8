"""The trial-outcomes explorer and figure (lesson 08): both arms of a published trial over time, drawn
only from values read in the papers, and the time points a paper reports in words only (the five-year
Kemler report, the 12-month ACCURATE result) drawn as a marker with their source, never as a number."""

import shutil

import pandas as pd
import pytest

from crps_lessons.data import data_dir, load_table
from crps_lessons.figures import role_of
from crps_lessons.figures.trials import WORDS_ROLE, split_rows, trial_outcomes_figure
from crps_lessons.widgets import explore

KEMLER = "Kemler SCS trial (SCS+PT vs PT)"
ACCURATE = "ACCURATE trial (DRG vs SCS)"


def _key(ex, trial_start, outcome_start):
    for _label, key in ex.controls["outcome"].options:
        trial, outcome = key.split(" | ")
        if trial.startswith(trial_start) and outcome.startswith(outcome_start):
            return key
    raise AssertionError(f"no option for {trial_start} / {outcome_start}")


def test_kemler_pain_shows_both_arms_at_6_12_and_24_months():
    ex = explore("trial_outcomes", outcome=_key(explore("trial_outcomes"), "Kemler", "Change in pain"))
    a, b = ex.trace("arm_a"), ex.trace("arm_b")
    assert (a.name, b.name) == ("SCS+PT", "PT")
    # Mean change in pain on a 10 cm VAS: Kemler et al. 2000 (NEJM 343:618-624) at 6 months, Kemler &
    # Furnee 2002 (Neurology 59:1203-1209) at 12 months, Kemler et al. 2004 (Ann Neurol 55:13-18) at 2 years.
    assert list(a.x) == [6, 12, 24] and list(a.y) == [-2.4, -2.7, -2.1]
    assert list(b.x) == [6, 12, 24] and list(b.y) == [0.2, 0.4, 0.0]
    assert a.line.dash != b.line.dash and a.marker.symbol != b.marker.symbol
    assert ex.figure.layout.yaxis.title.text == "Reported value (cm on a 0-10 cm VAS)"
    assert "Change in pain intensity" in ex.figure.layout.title.text
    text = ex.readout.value
    assert "difference -2.6" in text and "difference -3.1" in text and "difference -2.1" in text


def test_the_five_year_kemler_point_is_drawn_in_words_with_its_source():
    ex = explore("trial_outcomes")
    ex.controls["outcome"].value = _key(ex, "Kemler", "Change in pain")
    words = ex.trace(WORDS_ROLE)
    # Kemler et al. 2008 (J Neurosurg 108:292-298): at 5 years "similar results" for pain; no group means.
    assert [x for x in words.x if x is not None] == [60, 60]
    lo, hi = [y for y in words.y if y is not None]
    assert lo < min(ex.trace("arm_a").y) and hi > max(ex.trace("arm_b").y), "the marker spans the plotted values"
    assert "60 months: in words only" in words.text
    assert all("Kemler et al. 2008" in h for h in words.hovertext if h)
    assert "at 60 months, in words only (no number given): similar results" in ex.readout.value
    assert ex.figure.layout.xaxis.range[1] > 60
    # no number is invented for the five-year point
    assert 60 not in list(ex.trace("arm_a").x) and 60 not in list(ex.trace("difference").x)


def test_global_perceived_effect_and_its_five_year_words():
    ex = explore("trial_outcomes")
    ex.controls["outcome"].value = _key(ex, "Kemler", "Global perceived")
    # Kemler et al. 2000 and 2004: share "much improved", SCS+PT vs PT, at 6 months and 2 years.
    assert list(ex.trace("arm_a").y) == [39, 43] and list(ex.trace("arm_b").y) == [6, 6]
    assert "(% of patients)" in ex.figure.layout.yaxis.title.text
    assert ex.figure.layout.yaxis.range[0] <= 0 <= ex.figure.layout.yaxis.range[1]
    assert [x for x in ex.trace(WORDS_ROLE).x if x is not None] == [60, 60]


def test_difference_trace_is_arm_a_minus_arm_b_and_accurate_has_its_12_month_words():
    ex = explore("trial_outcomes")
    ex.controls["outcome"].value = _key(ex, "ACCURATE", "Treatment success")
    diff = ex.trace("difference")
    assert diff.visible is False
    ex.controls["show_difference"].value = True
    assert diff.visible is True
    a, b = ex.trace("arm_a"), ex.trace("arm_b")
    # Deer et al. 2017 (Pain 158:669-681): treatment success at 3 months, 81.2% vs 55.7%.
    assert (list(a.y), list(b.y)) == ([81.2], [55.7])
    assert list(diff.x) == [3] and diff.y[0] == pytest.approx(25.5)
    assert diff.name == "difference (DRG stimulation minus SCS)"
    assert [x for x in ex.trace(WORDS_ROLE).x if x is not None] == [12, 12]
    assert "at 12 months, in words only" in ex.readout.value and "Deer et al. 2017" in ex.readout.value


def test_trial_table_holds_only_values_read_in_the_papers():
    table = load_table("trial_outcomes")
    assert set(table["source_id"]) <= set(load_table("sources")["source_id"])
    assert table["note"].notna().all()
    numeric = table[table["value"].notna()]
    got = {(r.source_id, r.outcome.split(" (")[0], r.arm, r.timepoint_months): r.value for r in numeric.itertuples()}
    # The published abstracts (see the citations in the tests above).
    assert got == {
        ("kemler2000", "Change in pain intensity from baseline", "SCS+PT", 6): -2.4,
        ("kemler2000", "Change in pain intensity from baseline", "PT", 6): 0.2,
        ("kemler2002", "Change in pain intensity from baseline", "SCS+PT", 12): -2.7,
        ("kemler2002", "Change in pain intensity from baseline", "PT", 12): 0.4,
        ("kemler2004", "Change in pain intensity from baseline", "SCS+PT", 24): -2.1,
        ("kemler2004", "Change in pain intensity from baseline", "PT", 24): 0.0,
        ("kemler2000", 'Global perceived effect "much improved"', "SCS+PT", 6): 39,
        ("kemler2000", 'Global perceived effect "much improved"', "PT", 6): 6,
        ("kemler2004", 'Global perceived effect "much improved"', "SCS+PT", 24): 43,
        ("kemler2004", 'Global perceived effect "much improved"', "PT", 24): 6,
        ("deer2017", "Treatment success", "DRG stimulation", 3): 81.2,
        ("deer2017", "Treatment success", "SCS", 3): 55.7,
    }
    words = table[table["value"].isna()]
    assert (words["arm"] == "both arms").all() and words["words"].str.strip().str.len().gt(0).all()
    assert set(zip(words["source_id"], words["timepoint_months"], strict=True)) == {
        ("kemler2008", 60),
        ("deer2017", 12),
    }
    for (_trial, _outcome), part in table.groupby(["trial", "outcome"]):
        split_rows(part)  # raises if a row gives both or neither


def test_static_figure_draws_both_arms_and_the_words_marker():
    table = load_table("trial_outcomes")
    fig = trial_outcomes_figure(KEMLER, "Change in pain intensity from baseline")
    part = table[(table["trial"] == KEMLER) & (table["outcome"] == "Change in pain intensity from baseline")]
    assert {role_of(t) for t in fig.data} == {"SCS+PT", "PT", WORDS_ROLE}
    for t in fig.data:
        if role_of(t) != WORDS_ROLE:
            assert list(t.y) == list(part[part["arm"] == t.name].sort_values("timepoint_months")["value"])
    words = next(t for t in fig.data if role_of(t) == WORDS_ROLE)
    assert [x for x in words.x if x is not None] == [60, 60]
    with pytest.raises(ValueError, match="available"):
        trial_outcomes_figure(KEMLER, "no such outcome")


def test_bad_start_value_is_rejected_naming_the_choices():
    with pytest.raises(ValueError, match=r"outcome .*must be one of"):
        explore("trial_outcomes", outcome="Kemler at 10 years")
    with pytest.raises(ValueError, match=r"show_difference .*True or False"):
        explore("trial_outcomes", show_difference="yes")


def _broken_copy(tmp_path, monkeypatch, edit):
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    path = folder / "trial_outcomes.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    edit(frame)
    frame.to_csv(path, index=False)
    monkeypatch.setenv("CRPS_LESSONS_DATA", str(folder))


def test_a_row_with_both_a_number_and_words_is_rejected(tmp_path, monkeypatch):
    def both(frame):
        frame.loc[frame["source_id"] == "kemler2008", "value"] = "-1.0"

    _broken_copy(tmp_path, monkeypatch, both)
    with pytest.raises(ValueError, match=r"exactly one of 'value'.*and 'words'"):
        explore("trial_outcomes")


def test_an_outcome_with_words_only_is_rejected(tmp_path, monkeypatch):
    def words_only(frame):
        rows = frame["source_id"] == "deer2017"
        frame.loc[rows & (frame["value"] != ""), "words"] = "better"
        frame.loc[rows, "value"] = ""

    _broken_copy(tmp_path, monkeypatch, words_only)
    with pytest.raises(ValueError, match="no row with a number to draw"):
        explore("trial_outcomes")
