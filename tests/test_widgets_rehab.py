"""The explorers of lessons 11 and 12: periop_timeline and evidence_explorer."""

import pytest

from crps_lessons.data import load_table
from crps_lessons.widgets import EXPLORERS, explore
from crps_lessons.widgets.evidence import STANCES, statements_for


def test_both_are_registered():
    assert {"periop_timeline", "evidence_explorer"} <= set(EXPLORERS)


# --- periop_timeline -----------------------------------------------------------------------------
def _plan():
    return load_table("periop_plan").set_index("item_id")


def test_periop_plan_follows_dr_chopras_talk_and_the_trials():
    plan = _plan()
    # Dr Chopra's talk: gabapentin or pregabalin from 2 weeks before surgery; vitamin C 500 mg once daily
    # from 7 days before until 45 days after it.
    assert plan.loc["seed003_gabapentinoid", "start_day"] == -14
    assert plan.loc["seed003_vitamin_c", "start_day"] == -7 and plan.loc["seed003_vitamin_c", "end_day"] == 45
    assert "500 mg" in plan.loc["seed003_vitamin_c", "dose_reported"]
    trials = plan[plan["kind"] == "trial regimen"]
    assert set(trials["day_zero"]) == {"fracture"}
    # Zollinger et al. 1999 and 2007, Ekrol et al. 2014: vitamin C for 50 days from the fracture.
    assert set(trials["end_day"] - trials["start_day"] + 1) == {50}


def test_periop_day_slider_moves_the_day_line_and_the_readout():
    ex = explore("periop_timeline")
    ex.controls["day"].value = -10
    assert list(ex.trace("chosen_day").x) == [-10, -10]
    assert "Gabapentin or pregabalin" in ex.readout.value and "Vitamin C 500 mg" not in ex.readout.value
    assert list(ex.trace("in_effect").y) == ["Gabapentin or pregabalin"]
    ex.controls["day"].value = 30
    assert list(ex.trace("chosen_day").x) == [30, 30]
    assert "Vitamin C 500 mg once daily" in ex.readout.value
    assert "does not say when to stop" in ex.readout.value  # the gabapentinoid has no stated end
    ex.controls["day"].value = 46
    assert "Vitamin C 500 mg once daily" not in ex.readout.value.split("does not say")[0]
    ex.controls["day"].value = 0
    everything = (_plan()["source_id"] == "chopra_talk").sum()
    assert "IV ketamine" in ex.readout.value and len(ex.trace("in_effect").y) == everything


def test_periop_overlay_draws_a_trial_regimen_attributed_and_removes_it():
    plan = _plan()
    ex = explore("periop_timeline")
    assert len(ex.trace("trial_regimen").x) == 0
    ex.controls["overlay"].value = "zollinger2007_vitamin_c"
    row = plan.loc["zollinger2007_vitamin_c"]
    assert list(ex.trace("trial_regimen").x) == [row["start_day"], row["end_day"]]
    assert "Zollinger et al. 2007" in ex.readout.value and "fracture" in ex.readout.value
    ex.controls["overlay"].value = "ekrol2014_vitamin_c"
    assert "Ekrol et al. 2014" in ex.readout.value
    ex.controls["overlay"].value = "none"
    assert len(ex.trace("trial_regimen").x) == 0 and "Overlay" not in ex.readout.value


def test_periop_open_ended_element_is_drawn_dotted_after_surgery():
    ex = explore("periop_timeline")
    open_end = ex.trace("open_end")
    assert list(open_end.y) == ["Gabapentin or pregabalin"] * 2 and open_end.x[0] == 0
    assert "Gabapentin or pregabalin" in ex.trace("stated_window").y


def test_periop_title_says_not_advice():
    assert "not advice" in explore("periop_timeline").figure.layout.title.text


# --- evidence_explorer ---------------------------------------------------------------------------
def _needs(treatment, sources):
    have = set(load_table("source_statements").query("treatment_id == @treatment")["source_id"])
    missing = set(sources) - have
    if missing:
        pytest.skip(f"source_statements.csv lacks rows {sorted(missing)} for {treatment}")


def test_statements_for_filters_and_puts_seeds_first():
    _needs("scs", ["seed003", "kemler2000"])
    rows = statements_for("scs")
    kinds = list(rows["kind"])
    assert kinds[0] == "seed" and "trial" in kinds
    assert kinds == sorted(kinds, key=lambda k: k != "seed")
    assert set(statements_for("scs", "seed")["kind"]) == {"seed"}
    assert "seed" not in set(statements_for("scs", "published")["kind"])
    with pytest.raises(ValueError, match="which"):
        statements_for("scs", "some")


def test_evidence_treatment_choice_shows_each_sources_stance():
    _needs("desensitization", ["seed000", "seed003"])
    ex = explore("evidence_explorer", treatment="desensitization")
    seed_trace = ex.figure.data[0]
    placed = dict(zip(seed_trace.y, seed_trace.x))
    assert placed["seed 003"] == "harmful" and placed["seed 000"] == "recommends"
    assert "Desensitization" in ex.figure.layout.title.text
    assert "harmful" in ex.readout.value and "seed 003" in ex.readout.value
    _needs("scs", ["kemler2008"])
    ex.controls["treatment"].value = "scs"
    published = dict(zip(ex.figure.data[1].y, ex.figure.data[1].x))
    assert published["Kemler et al. 2008"] == "not helpful"
    assert "Kemler et al. 2000" in ex.table.value
    assert list(ex.figure.layout.xaxis.categoryarray) == STANCES


def test_evidence_filter_hides_seeds_or_published_sources():
    _needs("sympathetic_block", ["seed003", "oconnell2016"])
    ex = explore("evidence_explorer", treatment="sympathetic_block")
    n_seed, n_pub = len(ex.figure.data[0].x), len(ex.figure.data[1].x)
    assert n_seed > 0 and n_pub > 0
    ex.controls["which"].value = "published"
    assert len(ex.figure.data[0].x) == 0 and len(ex.figure.data[1].x) == n_pub
    assert "seed 003" not in ex.table.value
    ex.controls["which"].value = "seed"
    assert len(ex.figure.data[0].x) == n_seed and len(ex.figure.data[1].x) == 0
    assert len(ex.figure.layout.yaxis.categoryarray) == n_seed


def test_evidence_text_is_escaped():
    ex = explore("evidence_explorer")
    assert "<script" not in ex.table.value.lower()
