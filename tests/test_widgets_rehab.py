"""The explorers of lessons 11 and 12: periop_timeline and evidence_explorer."""

import html

import pytest

from crps_lessons.data import load_table, source_label
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


def _placed(ex, trace_role):
    """Source label -> stance for the markers of one trace."""
    trace = ex.trace(trace_role)
    return dict(zip(trace.y, trace.x, strict=True))


def test_statements_for_filters_and_puts_source_documents_first():
    _needs("scs", ["chopra_talk", "kemler2000"])
    rows = statements_for("scs")
    kinds = list(rows["kind"])
    assert kinds[0] == "source-document" and "trial" in kinds
    assert kinds == sorted(kinds, key=lambda k: k != "source-document")
    assert set(statements_for("scs", "source-document")["kind"]) == {"source-document"}
    assert "source-document" not in set(statements_for("scs", "published")["kind"])
    assert len(statements_for("scs", "source-document")) + len(statements_for("scs", "published")) == len(rows)
    with pytest.raises(ValueError, match="which"):
        statements_for("scs", "some")


def test_source_documents_are_listed_in_the_order_of_sources_csv():
    documents = load_table("sources").query("kind == 'source-document'")["source_id"].tolist()
    for treatment in load_table("source_statements")["treatment_id"].unique():
        order = [s for s in statements_for(treatment)["source_id"] if s in documents]
        assert order == [s for s in documents if s in order], treatment


def test_evidence_treatment_choice_shows_each_sources_stance():
    _needs("desensitization", ["clinic_article", "chopra_talk"])
    ex = explore("evidence_explorer", treatment="desensitization")
    placed = _placed(ex, "source-document")
    assert placed[source_label("chopra_talk")] == "harmful" and placed[source_label("clinic_article")] == "recommends"
    assert "Desensitization" in ex.figure.layout.title.text
    assert "harmful" in ex.readout.value and html.escape(source_label("chopra_talk")) in ex.readout.value
    _needs("scs", ["kemler2008"])
    ex.controls["treatment"].value = "scs"
    assert _placed(ex, "published")["Kemler et al. 2008"] == "not helpful"
    assert "Kemler et al. 2000" in ex.table.value
    assert list(ex.figure.layout.xaxis.categoryarray) == STANCES


def test_evidence_filter_hides_source_documents_or_published_sources():
    _needs("sympathetic_block", ["chopra_talk", "oconnell2016"])
    ex = explore("evidence_explorer", treatment="sympathetic_block")
    n_documents, n_published = len(ex.trace("source-document").x), len(ex.trace("published").x)
    assert n_documents > 0 and n_published > 0
    ex.controls["which"].value = "published"
    assert len(ex.trace("source-document").x) == 0 and len(ex.trace("published").x) == n_published
    assert html.escape(source_label("chopra_talk")) not in ex.table.value
    ex.controls["which"].value = "source-document"
    assert len(ex.trace("source-document").x) == n_documents and len(ex.trace("published").x) == 0
    assert len(ex.figure.layout.yaxis.categoryarray) == n_documents
    assert "source documents only" in ex.figure.layout.title.text


def test_evidence_labels_name_sources_as_readers_do():
    ex = explore("evidence_explorer")
    labels = [label for label, _ in ex.controls["which"].options]
    assert not any("seed" in label.lower() for label in labels)
    sources = load_table("sources").set_index("source_id")
    for treatment in ["desensitization", "scs"]:
        ex.controls["treatment"].value = treatment
        shown = [*ex.trace("source-document").y, *ex.trace("published").y]
        assert shown and all("seed" not in label.lower() for label in shown)
        assert set(shown) <= {source_label(s) for s in sources.index}


def test_evidence_text_is_escaped():
    ex = explore("evidence_explorer")
    assert "<script" not in ex.table.value.lower()
