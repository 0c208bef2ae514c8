"""The tables in data/: schema (Frictionless), keys, citations, units of every reported dose."""

import re
import shutil

import pytest
from frictionless import Package

from conftest import ROOT
from crps_lessons import data
from crps_lessons.data import TableError, load_table, table_names

NOTEBOOK_STEMS = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
# A reported dose must carry a unit: a number followed by one of these.
DOSE_UNIT = re.compile(r"\d\s*(mg|g|mcg|µg|ug|ng|mL|ml|IU|units?|%|mg/kg|mg/kg/h|mmol)(?![a-z])", re.I)


def test_datapackage_is_valid_with_frictionless():
    report = Package(str(ROOT / "data" / "datapackage.json")).validate()
    errors = [f"{task.name}: {err.message}" for task in report.tasks for err in task.errors]
    errors += [err.message for err in report.errors]
    assert report.valid, "\n".join(errors[:20])


@pytest.mark.parametrize("name", table_names())
def test_every_table_loads(name):
    assert len(load_table(name)) > 0, f"data/{name}.csv has no rows"


def test_every_source_id_resolves():
    ids = set(load_table("sources")["source_id"])
    for name in table_names():
        table = load_table(name)
        if "source_id" in table and name != "sources":
            missing = set(table["source_id"].dropna()) - ids
            assert not missing, f"data/{name}.csv cites unknown sources {sorted(missing)}"


def test_the_four_seeds_are_sources():
    sources = load_table("sources").set_index("source_id")
    for seed in ["seed000", "seed001", "seed002", "seed003"]:
        assert sources.loc[seed, "kind"] == "seed"
        assert (ROOT.parent / "shared" / "seeds").exists() is False or \
            (ROOT.parent / sources.loc[seed, "url"]).exists(), f"{seed}: url does not point at the seed file"


def test_published_sources_have_a_doi_or_url():
    sources = load_table("sources")
    published = sources[sources["kind"] != "seed"]
    lacking = published[published["doi"].isna() & published["url"].isna()]
    assert lacking.empty, f"no DOI or URL for {list(lacking['source_id'])}"


def test_every_reported_dose_has_a_unit():
    statements = load_table("source_statements")
    for _, row in statements.dropna(subset=["dose_reported"]).iterrows():
        assert DOSE_UNIT.search(row["dose_reported"]), \
            f"source_statements: dose {row['dose_reported']!r} ({row['source_id']}, {row['treatment_id']}) has no unit"


def test_quiz_answers_are_among_the_choices():
    from crps_lessons.quiz import CHOICE_SEPARATOR
    for _, row in load_table("quiz").iterrows():
        choices = [c.strip() for c in row["choices"].split(CHOICE_SEPARATOR.strip())]
        assert len(choices) >= 2, f"quiz {row['quiz_id']}: fewer than two choices"
        assert len(set(choices)) == len(choices), f"quiz {row['quiz_id']}: repeated choice"
        assert row["answer"] in choices, f"quiz {row['quiz_id']}: answer {row['answer']!r} not in choices"
        assert row["notebook"] in NOTEBOOK_STEMS, f"quiz {row['quiz_id']}: no notebook {row['notebook']}"


def test_glossary_points_at_existing_notebooks():
    for _, row in load_table("glossary").iterrows():
        assert row["notebook"] in NOTEBOOK_STEMS, f"glossary {row['term']!r}: no notebook {row['notebook']}"


def test_care_phases_follow_seed_000():
    phases = load_table("care_phases").set_index("phase")
    assert list(phases.index) == [1, 2, 3]
    assert phases.loc[1, "start_month"] == 0 and phases.loc[2, "start_month"] == 3
    assert phases.loc[3, "start_month"] == 12 and phases.loc[2, "end_month"] == 12
    assert all("4-6 weeks" in rule for rule in phases["reassessment_rule"])


def _broken_copy(tmp_path, table, old, new):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    path = folder / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_broken_table_names_file_line_and_column(tmp_path, monkeypatch):
    folder = _broken_copy(tmp_path, "sources", ",seed,", ",pamphlet,")
    monkeypatch.setenv("CRPS_LESSONS_DATA", str(folder))
    with pytest.raises(TableError, match=r"sources\.csv, line 2, column 'kind'.*pamphlet"):
        load_table("sources")


def test_missing_table_is_named(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    (folder / "glossary.csv").unlink()
    monkeypatch.setenv("CRPS_LESSONS_DATA", str(folder))
    with pytest.raises(TableError, match=r"glossary\.csv.*missing"):
        load_table("glossary")


def test_duplicate_key_is_reported(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    path = folder / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines + [lines[1]]), encoding="utf-8")
    monkeypatch.setenv("CRPS_LESSONS_DATA", str(folder))
    with pytest.raises(TableError, match=r"duplicate key"):
        load_table("sources")


def test_unknown_table_lists_the_tables():
    with pytest.raises(TableError, match="tables are: sources"):
        load_table("nonsense")


def test_tables_are_cached_and_copies_are_returned():
    first = load_table("sources")
    first.loc[0, "title"] = "changed"
    assert load_table("sources").loc[0, "title"] != "changed"
    assert data._cached.cache_info().hits > 0


def test_source_labels_keep_particles_and_pairs():
    from crps_lessons.data import source_label
    assert source_label("demos2007") == "de Mos et al. 2007"
    assert source_label("chopra2013") == "Chopra & Cooper 2013"
    assert source_label("mendell1966") == "Mendell 1966"
    assert source_label("seed003") == "seed 003"
    with pytest.raises(KeyError, match="unknown source id"):
        source_label("nobody1999")
