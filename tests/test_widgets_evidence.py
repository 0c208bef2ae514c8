"""The evidence explorer (lessons 09 and 12) and its placement rules, tested against whatever rows
data/findings.csv and data/source_statements.csv hold (other lessons add rows)."""

import html
from collections import Counter

import pandas as pd
import pytest

from crps_lessons.data import load_table, source_label, table_schema
from crps_lessons.figures import role_of
from crps_lessons.figures.evidence import EVIDENCE_STANCES, OPINION_TRACES, design_role, designs
from crps_lessons.findings import show_findings
from crps_lessons.models.evidence_map import (
    CERTAINTY_AXIS,
    DIRECTION_AXIS,
    HALF_WIDTH,
    cell_offsets,
    marker_diameter,
    place,
    positions,
)
from crps_lessons.widgets import explore
from crps_lessons.widgets.evidence import ALL, OPINION_KINDS, opinions_for, results_for

FINDINGS = load_table("findings")
KINDS = dict(load_table("sources")[["source_id", "kind"]].itertuples(index=False))


def _result_traces(ex):
    return [t for t in ex.figure.data if str(role_of(t)).startswith("design:")]


def _opinion_traces(ex):
    return [ex.trace(r) for r in OPINION_TRACES]


def _n_markers(traces):
    """Markers a learner sees (a hidden trace shows none, whatever data it keeps)."""
    return sum(len(t.x) for t in traces if t.visible is not False)


def _options(ex):
    return [value for _, value in ex.controls["treatment"].options]


# --- placement (crps_lessons.models.evidence_map) ---------------------------------------------------


def test_axes_are_the_schema_categories():
    fields = {f["name"]: f for f in table_schema("findings")["fields"]}
    assert set(DIRECTION_AXIS) == set(fields["direction"]["constraints"]["enum"])
    assert set(CERTAINTY_AXIS) == set(fields["certainty"]["constraints"]["enum"])
    assert CERTAINTY_AXIS[-1] == "high" and DIRECTION_AXIS[0] == "harm" and DIRECTION_AXIS[-1] == "benefit"


def test_marker_grows_with_people_on_a_log_scale_and_is_capped():
    sizes = [marker_diameter(n) for n in (1, 10, 100, 1000)]
    assert sizes == sorted(sizes) and sizes[1] - sizes[0] == pytest.approx(sizes[2] - sizes[1])
    assert marker_diameter(10**9) == 26 and marker_diameter(None) == marker_diameter(pd.NA) == 9
    with pytest.raises(ValueError, match="n_participants"):
        marker_diameter(0)


@pytest.mark.parametrize("k", [0, 1, 2, 6, 7, 13])
def test_markers_of_one_cell_never_overlap_or_leave_it(k):
    offsets = cell_offsets(k)
    assert len(offsets) == k and len(set(offsets)) == k
    assert all(abs(dx) <= HALF_WIDTH and abs(dy) < 0.5 for dx, dy in offsets)


def test_place_puts_each_finding_in_its_cell_and_rejects_unknown_categories():
    rows = pd.DataFrame({"direction": ["benefit", "benefit", "harm"], "certainty": ["low", "low", "high"]})
    placed = place(rows)
    assert [round(x) for x in placed["x"]] == [3, 3, 0] and [round(y) for y in placed["y"]] == [2, 2, 4]
    assert placed["x"][0] != placed["x"][1] and list(placed["slot"]) == [0, 1, 0]
    with pytest.raises(ValueError, match="direction must be one of"):
        place(pd.DataFrame({"direction": ["great"], "certainty": ["low"]}))
    with pytest.raises(ValueError, match="certainty must be one of"):
        positions(["benefit"], ["sure"])
    with pytest.raises(ValueError, match="1 directions but 2 certainties"):
        positions(["benefit"], ["low", "low"])


def test_every_treatment_view_places_its_findings_as_the_rules_do_and_tables_them_as_show_findings():
    # The explorer works on plain rows for speed; what it shows must be what the placement rules and
    # the lesson tables give for the same rows.
    ex = explore("evidence_explorer")
    for value in _options(ex)[1:]:
        ex.controls["treatment"].value = value
        placed = results_for(value)
        shown = sorted(
            (round(x, 9), round(y, 9), size)
            for t in _result_traces(ex)
            if t.visible is not False
            for x, y, size in zip(t.x, t.y, t.marker.size, strict=True)
        )
        expected = sorted(
            (round(r.x, 9), round(r.y, 9), marker_diameter(r.n_participants)) for r in placed.itertuples()
        )
        assert shown == expected, value
        if len(placed):
            rows = show_findings([value], caption="Results: what the research found").data
            assert rows in ex.table.value, value


# --- the explorer ------------------------------------------------------------------------------------


def test_every_finding_is_one_marker_in_the_all_view_with_its_design_and_cell():
    ex = explore("evidence_explorer")
    assert ex.controls["treatment"].value == ALL
    assert _n_markers(_result_traces(ex)) == len(FINDINGS)
    assert _n_markers(_opinion_traces(ex)) == 0  # opinions only for one treatment at a time
    per_design = Counter(FINDINGS["design"])
    for design in designs():
        trace = ex.trace(design_role(design))
        assert len(trace.x) == per_design[design]
        assert bool(trace.showlegend) == (per_design[design] > 0)  # the legend names only designs present
    placed = results_for(ALL)
    for r in placed.itertuples():
        assert round(r.x) == DIRECTION_AXIS.index(r.direction) and round(r.y) == CERTAINTY_AXIS.index(r.certainty)
    assert f"{len(FINDINGS)} findings" in ex.readout.value


def test_results_and_opinions_live_on_separate_axes():
    ex = explore("evidence_explorer")
    for trace in _result_traces(ex):
        assert trace.xaxis in (None, "x") and trace.yaxis in (None, "y")
    for trace in _opinion_traces(ex):
        assert trace.xaxis == "x2" and trace.yaxis == "y2"
    assert list(ex.figure.layout.xaxis2.categoryarray) == EVIDENCE_STANCES
    assert [t for t in ex.figure.layout.yaxis.ticktext] == CERTAINTY_AXIS


def test_opinions_come_only_from_sources_that_state_views_never_from_trials():
    for treatment in set(load_table("source_statements")["treatment_id"]):
        kinds = {KINDS[s] for s in opinions_for(treatment)["source_id"]}
        assert kinds <= set(OPINION_KINDS), (treatment, kinds)


def test_a_treatment_with_findings_shows_exactly_its_findings_and_their_sources():
    with_findings = [t for t, n in Counter(FINDINGS["treatment_id"]).most_common()]
    assert with_findings, "data/findings.csv has no rows"
    treatment = with_findings[0]
    ex = explore("evidence_explorer", treatment=treatment)
    mine = FINDINGS[FINDINGS["treatment_id"] == treatment]
    assert _n_markers(_result_traces(ex)) == len(mine)
    text = html.unescape(ex.readout.value)
    for source in set(mine["source_id"]):
        assert source_label(source) in text
    assert f"Results ({len(mine)})" in text and "Results: what the research found" in ex.table.value
    name = load_table("treatments").set_index("treatment_id").loc[treatment, "name"]
    assert name in ex.figure.layout.title.text
    # The hover carries the effect as the source reports it.
    hovers = " ".join(h for t in _result_traces(ex) for h in t.hovertext)
    first_effect = str(mine["effect"].iloc[0]).split(" ")[:4]
    assert html.escape(" ".join(first_effect), quote=False) in hovers.replace("<br>", " ")
    opinions = opinions_for(treatment)
    assert _n_markers(_opinion_traces(ex)) == len(opinions)
    assert list(ex.figure.layout.yaxis2.categoryarray) == list(dict.fromkeys(opinions["label"]))[::-1]


def test_a_treatment_with_only_opinions_has_an_empty_results_map():
    ex = explore("evidence_explorer")
    only = [v for label, v in ex.controls["treatment"].options if "no results yet" in label]
    assert only, "no treatment with opinions lacks findings: this test needs one"
    ex.controls["treatment"].value = only[0]
    assert _n_markers(_result_traces(ex)) == 0 and _n_markers(_opinion_traces(ex)) > 0
    assert "no research findings recorded yet" in ex.readout.value


def test_lesson_09_start_value_still_works():
    assert "desensitization" in set(load_table("source_statements")["treatment_id"]), "no desensitization statements"
    ex = explore("evidence_explorer", treatment="desensitization")
    placed = dict(zip(ex.trace("opinion-document").y, ex.trace("opinion-document").x, strict=True))
    assert placed  # each source document's stance is shown
    assert all(stance in EVIDENCE_STANCES for stance in placed.values())
    assert "Desensitization" in ex.figure.layout.title.text


def test_show_filter_hides_results_or_opinions():
    treatments = [t for t in FINDINGS["treatment_id"].unique() if len(opinions_for(t))]
    assert treatments, "no treatment has both findings and opinions"
    ex = explore("evidence_explorer", treatment=treatments[0])
    n_results, n_opinions = _n_markers(_result_traces(ex)), _n_markers(_opinion_traces(ex))
    assert n_results > 0 and n_opinions > 0
    ex.controls["show"].value = "results"
    assert _n_markers(_result_traces(ex)) == n_results and _n_markers(_opinion_traces(ex)) == 0
    assert "results only" in ex.figure.layout.title.text and "Opinions" not in ex.table.value
    ex.controls["show"].value = "opinions"
    assert _n_markers(_result_traces(ex)) == 0 and _n_markers(_opinion_traces(ex)) == n_opinions
    assert "Results (" not in ex.readout.value


def test_every_option_label_counts_its_results_and_opinions():
    ex = explore("evidence_explorer")
    counts = Counter(FINDINGS["treatment_id"])
    for label, value in ex.controls["treatment"].options:
        if value == ALL:
            assert f"({len(FINDINGS)} results)" in label
        else:
            expected = f"{counts[value]} result" if counts[value] else "no results yet"
            assert expected in label and f"{len(opinions_for(value))} opinion" in label


def test_labels_and_tables_name_sources_as_readers_do_and_are_escaped():
    ex = explore("evidence_explorer")
    for value in _options(ex)[1:6]:
        ex.controls["treatment"].value = value
        shown = [*ex.trace("opinion-document").y, *ex.trace("opinion-guideline").y]
        assert all("seed" not in label.lower() for label in shown)
        assert "<script" not in ex.table.value.lower()
