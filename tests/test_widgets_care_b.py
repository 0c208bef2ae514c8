"""Explorers and figures of lessons 07 (medicines) and 08 (procedures): the controls change the
figures exactly as the tables say, data text is escaped, doses are always attributed."""

import html
import re

import numpy as np
import pandas as pd
import pytest
from care_b_fixture import STATEMENTS, TREATMENTS, make_data

from crps_lessons.data import load_table, source_label
from crps_lessons.figures import role_of
from crps_lessons.figures.treatments import NOT_MATCHING, STANCES
from crps_lessons.widgets import explore
from crps_lessons.widgets.treatments import NOT_PLACED, OPINION_KINDS

CHOPRA = "Dr Chopra's talk"  # source_label("chopra_talk"): the name a reader meets


@pytest.fixture
def fixture_data(tmp_path, monkeypatch):
    monkeypatch.setenv("CRPS_LESSONS_DATA", str(make_data(tmp_path)))
    statements = pd.DataFrame(STATEMENTS, columns=["source_id", "treatment_id", "stance", "dose", "schedule", "para"])
    treatments = pd.DataFrame(
        TREATMENTS,
        columns=["treatment_id", "name", "kind", "drug_class", "examples", "mechanism", "route", "phases", "note"],
    )
    # The explorer shows opinions only: the fixture's trial row (kemler2000) is left out (see below).
    kinds = load_table("sources").set_index("source_id")["kind"]
    statements = statements[statements["source_id"].map(kinds).isin(OPINION_KINDS)]
    return statements.merge(treatments, on="treatment_id")


def _shown(ex):
    """Per stance trace: number of points shown."""
    return {stance: len(ex.trace(stance).x) for stance in STANCES}


def _hover(ex):
    return [h for stance in STANCES for h in (ex.trace(stance).hovertext or ())]


# ---------------------------------------------------------------- treatment explorer (fixture)


def test_treatment_explorer_starts_with_every_statement(fixture_data):
    ex = explore("treatment_explorer")
    assert sum(_shown(ex).values()) == len(fixture_data)
    assert len(ex.trace(NOT_MATCHING).x) == 0
    assert f"{len(fixture_data)} of {len(fixture_data)} opinion statements" in ex.readout.value


@pytest.mark.parametrize("stance", ["harmful", "recommends", "not helpful", "caution"])
def test_stance_filter_shows_only_that_stance(fixture_data, stance):
    ex = explore("treatment_explorer")
    ex.controls["stance"].value = stance
    expected = int((fixture_data["stance"] == stance).sum())
    shown = _shown(ex)
    assert shown[stance] == expected
    assert all(n == 0 for name, n in shown.items() if name != stance)
    assert len(ex.trace(NOT_MATCHING).x) == len(fixture_data) - expected
    rows = re.findall(r"<tr><td>", ex.table.value)
    assert len(rows) == expected
    if expected == 0:
        assert "No statement matches" in ex.table.value


@pytest.mark.parametrize(
    "key, column", [("drug_class", "drug_class"), ("mechanism", "mechanism"), ("source", "source_id")]
)
def test_each_dropdown_value_selects_the_matching_rows(fixture_data, key, column):
    ex = explore("treatment_explorer")
    for option in ex.controls[key].options:
        value = option[1] if isinstance(option, tuple) else option
        ex.controls[key].value = value
        expected = len(fixture_data) if value == "any" else int((fixture_data[column] == value).sum())
        assert sum(_shown(ex).values()) == expected, (key, value)


def test_phase_filter_follows_the_clinic_articles_placement(fixture_data):
    ex = explore("treatment_explorer")
    phases = fixture_data["phases"].fillna("")
    for p in "123":
        ex.controls["phase"].value = f"phase {p}"
        assert sum(_shown(ex).values()) == int(phases.str.split(";").apply(lambda s, p=p: p in s).sum())
    ex.controls["phase"].value = NOT_PLACED
    assert sum(_shown(ex).values()) == int((phases == "").sum())


def test_filters_combine(fixture_data):
    ex = explore("treatment_explorer", source="chopra_talk", mechanism="rehabilitation")
    assert _shown(ex)["harmful"] == 1 and sum(_shown(ex).values()) == 1
    ex.controls["stance"].value = "recommends"
    assert sum(_shown(ex).values()) == 0
    assert "0 of" in ex.readout.value
    assert f"filters: mechanism rehabilitation; source {CHOPRA}; stance recommends" in ex.figure.layout.title.text


def test_source_options_name_sources_as_readers_do_documents_first(fixture_data):
    ex = explore("treatment_explorer")
    options = [o for o in ex.controls["source"].options if o[1] != "any"]
    assert all(label == source_label(sid) and "seed" not in label.lower() for label, sid in options)
    documents = load_table("sources").query("kind == 'source-document'")["source_id"].tolist()
    ids = [sid for _, sid in options]
    n = sum(sid in documents for sid in ids)
    assert ids[:n] == [s for s in documents if s in ids]  # in the order of data/sources.csv, then published


def test_source_filter_attributes_every_point(fixture_data):
    ex = explore("treatment_explorer", source="chopra_talk")
    hovers = _hover(ex)
    assert hovers and all(CHOPRA in h for h in hovers)
    ex.controls["source"].value = "clinic_article"
    hovers = _hover(ex)
    assert len(hovers) == 2 and all("the clinic article" in h for h in hovers)


def test_a_trial_is_never_given_a_stance(fixture_data):
    """The fixture holds one statement by a trial (kemler2000): it is neither plotted nor offered as a source."""
    ex = explore("treatment_explorer")
    assert "kemler2000" not in [sid for _, sid in ex.controls["source"].options]
    assert not any("Kemler" in h for h in _hover(ex)) and "Kemler" not in ex.table.value
    assert sum(_shown(ex).values()) == len(fixture_data) == len(STATEMENTS) - 1
    assert "opinions, not trial results" in ex.figure.layout.title.text
    assert "not what trials found" in ex.table.value


def test_points_keep_their_place_when_filtered(fixture_data):
    ex = explore("treatment_explorer")
    before = {
        h: (x, y) for s in STANCES for h, x, y in zip(ex.trace(s).hovertext, ex.trace(s).x, ex.trace(s).y, strict=True)
    }
    ex.controls["source"].value = "chopra_talk"
    assert len(ex.trace(NOT_MATCHING).x) == len(before) - sum(_shown(ex).values())
    for s in STANCES:
        t = ex.trace(s)
        for h, x, y in zip(t.hovertext, t.x, t.y, strict=True):
            assert before[h] == (x, y)


def test_data_text_is_escaped_in_table_and_hover(fixture_data):
    ex = explore("treatment_explorer")
    assert "<script>" not in ex.table.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in ex.table.value
    hovers = _hover(ex)
    assert not any("<script>" in h for h in hovers)
    assert any("&lt;script&gt;" in h for h in hovers)


def test_doses_are_attributed_never_bare(fixture_data):
    ex = explore("treatment_explorer", source="chopra_talk", mechanism="glia and immune")
    dose = f"{CHOPRA} reports a dose of 1.75 mg to 4.5 mg; schedule as reported: once a day"
    assert html.escape(dose) in ex.table.value
    assert any(f"{CHOPRA} reports a dose of 1.75 mg" in h for h in _hover(ex))
    ex.controls["mechanism"].value = "NMDA and central sensitization"
    assert html.escape(f"{CHOPRA} reports a schedule as reported") not in ex.table.value
    assert html.escape(f"{CHOPRA} reports schedule as reported: 4-5 h infusions over 10 days") in ex.table.value


def test_unknown_control_value_is_refused(fixture_data):
    with pytest.raises(ValueError, match="stance"):
        explore("treatment_explorer", stance="miracle")


# ---------------------------------------------------------------- treatment explorer (real tables)


def test_treatment_explorer_on_the_real_tables_matches_them():
    statements = load_table("source_statements")
    assert not statements.empty, "source_statements.csv has no rows"
    kinds = load_table("sources").set_index("source_id")["kind"]
    frame = statements.merge(load_table("treatments"), on="treatment_id")
    assert frame["source_id"].map(kinds).isin(OPINION_KINDS).all(), "a trial or review has a stance"
    ex = explore("treatment_explorer")
    assert sum(_shown(ex).values()) == len(frame)
    for stance in ex.controls["stance"].options[1:]:
        ex.controls["stance"].value = stance
        assert sum(_shown(ex).values()) == int((frame["stance"] == stance).sum())
        assert all(n == 0 for name, n in _shown(ex).items() if name != stance)


# ---------------------------------------------------------------- mechanism map


def test_invasiveness_figure_orders_procedures():
    from crps_lessons.figures.treatments import invasiveness_figure

    fig = invasiveness_figure()
    level = {y: x for t in fig.data for x, y in zip(t.x, t.y, strict=True)}
    assert level["Flotation (sensory deprivation tank)"] == 0
    assert level["Sympathetic nerve block"] < level["Radiofrequency ablation"] < level["Spinal cord stimulation"]
    assert level["Intrathecal drug delivery pump"] == 3
    assert "teaching" in fig.layout.title.text and "(0-3 teaching scale)" in fig.layout.xaxis.title.text
    assert all(role_of(t) == f"level {t.x[0]}" for t in fig.data)


def test_attributed_report_never_bare():
    from crps_lessons.figures.treatments import attributed_report

    assert attributed_report("chopra_talk", pd.NA, pd.NA) == ""
    text = attributed_report("chopra_talk", "600 mg", "three times a day for three months")
    assert text.startswith(f"{CHOPRA} reports a dose of 600 mg")
    assert np.all([w not in text.lower() for w in ("take ", "should", "recommend")])
