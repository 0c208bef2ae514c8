"""Rules the cited tables keep, so the lessons can rely on them: doses quoted exactly from the source
documents, stances only from opinions, findings only from published evidence, phases from the phase
scheme's own source, and the disagreements the lessons show kept.

(References between tables are checked by Frictionless in test_data.py; the ids a lesson uses are
checked when it runs, because explorers refuse an unknown start value.)
"""

import ast
import re

import pandas as pd
import pytest
from conftest import NOTEBOOKS, ROOT, code_cells

from crps_lessons.data import load_table
from tools.source_fingerprints import QUOTED_FIELDS, fingerprint, load, quote_pieces, words

SOURCES = load_table("sources").set_index("source_id")
OPINION_KINDS = {"source-document", "guideline", "consensus"}
FAVOURABLE, UNFAVOURABLE = {"recommends", "worth trying"}, {"not helpful", "harmful", "caution"}


@pytest.fixture(scope="module")
def statements():
    return load_table("source_statements")


def test_doses_and_schedules_of_the_source_documents_are_quoted_word_for_word(statements):
    """Each piece (split at ';', asides in brackets left out) occurs in the documents: checked against the
    fingerprints tools/source_fingerprints.py wrote from them."""
    quotes = load(ROOT / "tests" / "data" / "source_shingles.txt").get("quote", set())
    documents = statements[statements["source_id"].map(SOURCES["kind"]) == "source-document"]
    not_found = [
        f"{row.source_id}/{row.treatment_id} {field}: {piece!r}"
        for row in documents.itertuples()
        for field in QUOTED_FIELDS
        if isinstance(getattr(row, field), str)
        for piece in quote_pieces(getattr(row, field))
        if fingerprint(words(piece)) not in quotes
    ]
    assert not not_found, (
        "not word for word in the source documents (fix the quote, or run "
        "tools/source_fingerprints.py on the documents after changing it):\n" + "\n".join(not_found)
    )


def test_doses_are_reports_never_advice(statements):
    dosed = statements.dropna(subset=["dose_reported"])
    assert dosed["source_id"].notna().all()
    advice = [t for t in dosed["paraphrase"] if re.search(r"\byou should\b|\btake \d", t, re.I)]
    assert not advice, f"a dose stated as advice: {advice}"


def test_every_source_document_has_statements(statements):
    documents = set(SOURCES.index[SOURCES["kind"] == "source-document"])
    assert documents
    assert not documents - set(statements["source_id"]), "source documents with no statement"


def test_only_opinions_have_stances(statements):
    """A stance is an opinion (a source document, guideline or consensus); trials and reviews have findings."""
    wrong = statements[~statements["source_id"].map(SOURCES["kind"]).isin(OPINION_KINDS)]
    assert wrong.empty, f"stances of trials or reviews (move them to findings.csv): {sorted(set(wrong.source_id))}"


def test_findings_come_from_published_evidence_with_design_and_certainty():
    findings = load_table("findings")
    opinion = findings[findings["source_id"].map(SOURCES["kind"]) == "source-document"]
    assert opinion.empty, f"findings sourced to a source document: {list(opinion.finding_id)}"
    vague = [
        row.finding_id
        for row in findings.itertuples()
        if pd.isna(row.effect) or pd.isna(row.design) or pd.isna(row.certainty_from)
    ]
    assert not vague, f"findings without an effect, a design or the reason for their certainty: {vague}"


def test_trials_that_disagree_are_findings_that_disagree():
    findings = load_table("findings").set_index("finding_id")
    # Goebel et al. 2010 (Ann Intern Med 152:152-158): pain 1.55 points lower after IVIg than after saline;
    # Goebel et al. 2017 (Ann Intern Med 167:476-483): no clear difference from placebo.
    assert findings.loc["ivig_pain_goebel2010", "effect_size"] == -1.55
    assert findings.loc["ivig_pain_goebel2010", "direction"] == "benefit"
    assert findings.loc["ivig_pain_goebel2017", "direction"] == "no clear difference"


def test_every_treatment_has_a_statement_or_a_finding(statements):
    spoken = set(statements["treatment_id"]) | set(load_table("findings")["treatment_id"])
    missing = set(load_table("treatments")["treatment_id"]) - spoken
    assert not missing, f"treatments no source speaks about and no finding covers: {sorted(missing)}"


def _evidence_explorer_treatments() -> set[str]:
    """Treatments the lessons open in the evidence explorer (to show where the sources disagree)."""
    found = set()
    for path in NOTEBOOKS:
        for source in code_cells(path):
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", "") == "explore"
                    and node.args
                    and getattr(node.args[0], "value", None) == "evidence_explorer"
                ):
                    found |= {
                        k.value.value
                        for k in node.keywords
                        if k.arg == "treatment" and isinstance(k.value, ast.Constant)
                    }
    return found


def test_disagreements_the_lessons_show_are_kept(statements):
    shown = _evidence_explorer_treatments()
    assert shown, "no lesson opens the evidence explorer on a treatment"
    for treatment in sorted(shown):
        stances = set(statements.loc[statements["treatment_id"] == treatment, "stance"])
        assert stances & FAVOURABLE and stances & UNFAVOURABLE, (
            f"{treatment}: the lesson shows a disagreement, but the sources' stances are {sorted(stances)}"
        )


def test_care_phase_months_say_what_their_window_says():
    """The timeline draws start_month..end_month; the learner reads window_text: they must agree."""
    for row in load_table("care_phases").itertuples():
        numbers = [int(n) for n in re.findall(r"\d+", row.window_text)]
        if "+" in row.window_text:  # "12+ months": from then on, no end
            assert row.start_month == numbers[0] and pd.isna(row.end_month), row
        else:  # "3-12 months"; "first 3-6 months" starts at onset
            start = 0 if row.window_text.startswith("first") else numbers[0]
            assert (row.start_month, row.end_month) == (start, numbers[-1]), row


def test_treatments_are_placed_in_phases_only_by_the_phase_scheme_s_source(statements):
    phases = load_table("care_phases")
    known = {str(p) for p in phases["phase"]}
    scheme_sources = set(phases["source_id"])
    spoken = set(statements.loc[statements["source_id"].isin(scheme_sources), "treatment_id"])
    for row in load_table("treatments").dropna(subset=["phases"]).itertuples():
        placed = set(row.phases.split(";"))
        assert placed <= known, f"{row.treatment_id}: phases {sorted(placed - known)} are not care phases"
        assert row.treatment_id in spoken, (
            f"{row.treatment_id}: placed in phases, but the phase scheme's source ({sorted(scheme_sources)}) "
            "says nothing about it"
        )
