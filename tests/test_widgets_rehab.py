"""The explorer of lesson 11: periop_timeline (the evidence explorer is in test_widgets_evidence.py).

It shows what Dr Chopra's talk reports around surgery, with the evidence found for each element beside it,
and can overlay a wrist-fracture trial's vitamin C regimen. It must teach honestly: doses only in the
readout and attributed, each trial's population and result beside its regimen, nothing that reads as a
day-by-day plan for a person.
"""

import re

import pandas as pd
import pytest

from crps_lessons.data import load_table
from crps_lessons.figures.periop import TRIAL_ROW, row_label
from crps_lessons.widgets import EXPLORERS, explore

DOSE = re.compile(r"\b\d+(?:\s*,\s*\d+)*(?:\s*or\s*\d+)?\s*mg\b")


def _plan():
    return load_table("periop_plan").set_index("item_id")


def _findings():
    return load_table("findings").set_index("finding_id")


def test_periop_timeline_is_registered():
    assert "periop_timeline" in EXPLORERS


def test_plan_follows_dr_chopras_talk():
    plan = _plan()
    # Dr Chopra's talk (surgery slides): gabapentin or pregabalin from 2 weeks before; vitamin C from 7 days
    # before until 45 days after; on the day: IV ketamine in the anaesthetic, numbing cream over the IV site,
    # a minimal-trauma IV, an epidural or spinal for lower-body surgery, the chart marked.
    assert plan.loc["chopra_talk_gabapentinoid", "start_day"] == -14
    assert pd.isna(plan.loc["chopra_talk_gabapentinoid", "end_day"])
    assert (plan.loc["chopra_talk_vitamin_c", "start_day"], plan.loc["chopra_talk_vitamin_c", "end_day"]) == (-7, 45)
    assert plan.loc["chopra_talk_vitamin_c", "dose_reported"] == "500 mg one daily"  # the talk's words
    talk = plan[plan["source_id"] == "chopra_talk"]
    assert set(talk["day_zero"]) == {"surgery"}
    assert (talk.loc[talk["kind"] == "day of surgery", ["start_day", "end_day"]] == 0).all().all()
    assert len(talk) == 7


def test_trial_regimens_are_the_trials_and_agree_with_the_findings_table():
    plan, findings = _plan(), _findings()
    trials = plan[plan["kind"] == "trial regimen"]
    assert set(trials.index) == {"zollinger1999_vitamin_c", "zollinger2007_vitamin_c", "ekrol2014_vitamin_c"}
    assert set(trials["day_zero"]) == {"fracture"}
    # Zollinger et al. 1999 and 2007, Ekrol et al. 2014: vitamin C for 50 days from the fracture.
    assert set(trials["end_day"] - trials["start_day"] + 1) == {50}
    # The results the explorer states are the ones recorded in data/findings.csv.
    assert (
        "7%" in trials.loc["zollinger1999_vitamin_c", "evidence"]
        and "22%" in trials.loc["zollinger1999_vitamin_c", "evidence"]
    )
    assert "(7%)" in findings.loc["vitamin_c_crps_zollinger1999", "effect"]
    assert "2.4%" in findings.loc["vitamin_c_crps_zollinger2007", "effect"]
    assert "10.1%" in findings.loc["vitamin_c_crps_zollinger2007", "effect"]
    assert "2.4%" in trials.loc["zollinger2007_vitamin_c", "evidence"]
    assert "10.1%" in trials.loc["zollinger2007_vitamin_c", "evidence"]
    assert findings.loc["vitamin_c_crps_ekrol2014", "direction"] == "no clear difference"
    assert "no lower rate of CRPS" in trials.loc["ekrol2014_vitamin_c", "evidence"]


def test_every_element_carries_its_evidence_and_its_sources_exist():
    plan = _plan()
    sources = set(load_table("sources")["source_id"])
    talk = plan[plan["source_id"] == "chopra_talk"]
    assert talk["evidence_short"].notna().all() and talk["evidence"].notna().all()
    cited = {s for ids in plan["evidence_sources"].dropna() for s in ids.split(";")}
    assert cited <= sources, sorted(cited - sources)
    # The claims the lesson makes about the evidence, in the table the explorer reads:
    assert "without CRPS" in plan.loc["chopra_talk_gabapentinoid", "evidence_short"]
    assert "verret2020" in plan.loc["chopra_talk_gabapentinoid", "evidence_sources"]
    assert "without CRPS" in plan.loc["chopra_talk_vitamin_c", "evidence_short"]
    assert {"zollinger1999", "zollinger2007", "ekrol2014"} <= set(
        plan.loc["chopra_talk_vitamin_c", "evidence_sources"].split(";")
    )
    assert "no trial" in plan.loc["chopra_talk_iv_ketamine", "evidence_short"]


def test_no_dose_is_drawn_in_the_figure():
    ex = explore("periop_timeline", compare="zollinger2007_vitamin_c")
    drawn = [str(y) for t in ex.figure.data for y in (t.y or ())] + [str(t.name) for t in ex.figure.data]
    drawn += [str(c) for c in ex.figure.layout.yaxis.categoryarray]
    assert not [d for d in drawn if DOSE.search(d)], "doses belong in the readout, attributed, not on the plot"


def test_start_shows_vitamin_c_highlighted_with_its_evidence_and_no_overlay():
    ex = explore("periop_timeline")
    plan = _plan()
    label = row_label(plan.loc["chopra_talk_vitamin_c"])
    assert list(ex.trace("selected").y) == [label, label]
    assert len(ex.trace("trial_regimen").x) == 0
    text = ex.readout.value
    assert "Vitamin C (days -7 to +45)" in text
    assert "the dose as the talk reports it: 500 mg one daily" in text
    assert "No trial started before an operation" in text
    assert "Compared with" not in text


def test_choosing_an_element_moves_the_highlight_and_the_readout():
    ex = explore("periop_timeline")
    plan = _plan()
    ex.controls["element"].value = "chopra_talk_gabapentinoid"
    label = row_label(plan.loc["chopra_talk_gabapentinoid"])
    assert list(ex.trace("selected").y) == [label, label]
    assert "from day -14, no end given" in ex.readout.value
    assert "24,682 people" in ex.readout.value and "dose" not in ex.readout.value  # the talk gives none
    ex.controls["element"].value = "chopra_talk_iv_ketamine"
    assert "Ketamine in the anaesthetic (day 0)" in ex.readout.value
    assert "No trial of ketamine during an operation in people with CRPS" in ex.readout.value


@pytest.mark.parametrize(
    ("trial", "name", "result"),
    [
        ("zollinger1999_vitamin_c", "Zollinger et al. 1999", "22% with placebo"),
        ("zollinger2007_vitamin_c", "Zollinger et al. 2007", "10.1% with placebo"),
        ("ekrol2014_vitamin_c", "Ekrol et al. 2014", "no lower rate of CRPS"),
    ],
)
def test_overlay_draws_the_trial_attributed_with_its_people_result_and_the_timing_gap(trial, name, result):
    row = _plan().loc[trial]
    ex = explore("periop_timeline", compare=trial)
    assert list(ex.trace("trial_regimen").x) == [row["start_day"], row["end_day"]]
    assert list(ex.trace("trial_regimen").y) == [TRIAL_ROW, TRIAL_ROW]
    text = ex.readout.value
    assert f"Compared with {name}" in text and result in text and "did not have CRPS" in text
    assert "day 0 is the fracture, not an operation" in text
    assert "the dose as that trial reports it" in text
    # talk: days -7..45 around surgery; trial: days 0..49 from the fracture.
    assert "starts 7 days before the trial&#x27;s first day and ends 4 days before its last" in text


def test_overlay_on_another_element_says_the_trial_does_not_speak_to_it_and_clears():
    ex = explore("periop_timeline", element="chopra_talk_neuraxial", compare="ekrol2014_vitamin_c")
    assert "it says nothing about this element" in ex.readout.value
    assert "starts 7 days" not in ex.readout.value
    ex.controls["compare"].value = "none"
    assert len(ex.trace("trial_regimen").x) == 0 and "Compared with" not in ex.readout.value


def test_open_ended_element_is_drawn_dotted_after_the_operation():
    ex = explore("periop_timeline")
    label = row_label(_plan().loc["chopra_talk_gabapentinoid"])
    open_end = ex.trace("open_end")
    assert [y for y in open_end.y if y] == [label, label] and open_end.x[0] == 0
    assert label in ex.trace("stated_window").y


def test_title_says_not_advice_and_nothing_reads_as_a_personal_plan():
    ex = explore("periop_timeline")
    assert "not advice" in ex.figure.layout.title.text
    words = " ".join([ex.readout.value, ex.figure.layout.title.text, *(str(t.name) for t in ex.figure.data)])
    assert not re.search(r"\byou should\b|\byour\b|\btake\b|\bstart taking\b", words, re.I)


def test_bad_choices_are_rejected_naming_what_is_allowed():
    with pytest.raises(ValueError, match=r"element .*must be one of .*chopra_talk_vitamin_c"):
        explore("periop_timeline", element="vitamin c")
    with pytest.raises(ValueError, match=r"compare .*must be one of .*'none'"):
        explore("periop_timeline", compare="zollinger2008_vitamin_c")


# The evidence explorer (lesson 12) is tested in tests/test_widgets_evidence.py.
