"""The tables in data/: valid against their schema, every reference checked (Frictionless), and a loader
that names what is wrong."""

import csv
import re
import shutil

import pytest
from conftest import NOTEBOOKS, ROOT
from frictionless import Package

from crps_lessons import progress
from crps_lessons.data import TableError, load_table, source_label, table_names, table_schema

# A reported dose must carry a unit: a number followed by one of these.
DOSE_UNIT = re.compile(r"\d\s*(mg|g|mcg|µg|ug|ng|mL|ml|IU|units?|%|mg/kg|mg/kg/h|mmol)(?![a-z])", re.I)


def _key(name):
    key = table_schema(name).get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def _references():
    """(table, column, referenced table): a column named like another table's one-column primary key."""
    keys = {k[0]: name for name in table_names() if len(k := _key(name)) == 1}
    return [
        (name, f["name"], keys[f["name"]])
        for name in table_names()
        for f in table_schema(name)["fields"]
        if f["name"] in keys and keys[f["name"]] != name
    ]


def _copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    return folder


def _rewrite(path, change):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    change(rows)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def test_datapackage_is_valid_with_frictionless():
    report = Package(str(ROOT / "data" / "datapackage.json")).validate()
    errors = [f"{task.name}: {err.message}" for task in report.tasks for err in task.errors]
    errors += [err.message for err in report.errors]
    assert report.valid, "\n".join(errors[:20])


def test_frictionless_checks_every_reference_between_tables(tmp_path):
    """Break one value of every referencing column in a copy: Frictionless must report each one."""
    references = _references()
    assert references
    folder = _copy(tmp_path)
    broken = set()
    for table, column, _target in references:

        def change(rows, column=column):
            rows[1][rows[0].index(column)] = "no_such_key_0000"

        _rewrite(folder / f"{table}.csv", change)
        broken.add((table, column))
    report = Package(str(folder / "datapackage.json")).validate()
    found = {
        (task.name, name)
        for task in report.tasks
        for err in task.errors
        if err.type == "foreign-key"
        for name in err.field_names
    }
    assert broken <= found, f"references Frictionless does not check (no foreignKey?): {sorted(broken - found)}"


@pytest.mark.parametrize("name", table_names())
def test_every_table_loads_with_rows(name):
    assert len(load_table(name)) > 0, f"data/{name}.csv has no rows"


def test_booleans_and_missing_values_have_the_schema_types():
    for name in table_names():
        table = load_table(name)
        for field in table_schema(name)["fields"]:
            column = table[field["name"]]
            if field.get("type") == "boolean":
                assert column.dtype == "boolean", f"{name}.{field['name']}: {column.dtype}"
            if field.get("type", "string") == "string":
                assert not column.isin(["", "nan", "None"]).any(), f"{name}.{field['name']}: a missing value spelt out"


def test_source_documents_say_what_they_are():
    sources = load_table("sources")
    documents = sources[sources["kind"] == "source-document"]
    assert len(documents) >= 1
    for column in ("label", "title", "publisher", "interest"):
        empty = list(documents.loc[documents[column].isna(), "source_id"])
        assert not empty, f"source documents without a {column}: {empty}"


def test_published_sources_have_a_doi_or_url():
    sources = load_table("sources")
    published = sources[sources["kind"] != "source-document"]
    lacking = published[published["doi"].isna() & published["url"].isna()]
    assert lacking.empty, f"no DOI or URL for {list(lacking['source_id'])}"


def test_every_reported_dose_has_a_unit():
    for name in table_names():
        table = load_table(name)
        if "dose_reported" not in table:
            continue
        for _, row in table.dropna(subset=["dose_reported"]).iterrows():
            assert DOSE_UNIT.search(row["dose_reported"]), (
                f"{name}: dose {row['dose_reported']!r} ({row['source_id']}) has no unit"
            )


def test_lesson_columns_name_existing_notebooks():
    stems = {p.stem for p in NOTEBOOKS}
    for name in table_names():
        table = load_table(name)
        if "notebook" in table:
            # The concept inventory is a quiz of its own, taken in two lessons.
            unknown = set(table["notebook"].dropna()) - stems - {progress.INVENTORY}
            assert not unknown, f"data/{name}.csv names notebooks that do not exist: {sorted(unknown)}"


# --------------------------------------------------------------------------- the loader


def test_a_wrong_value_is_named_with_file_line_and_column(tmp_path, monkeypatch):
    folder = _copy(tmp_path)
    enum_field = next(f for f in table_schema("sources")["fields"] if "enum" in f.get("constraints", {}))

    def change(rows):
        rows[1][rows[0].index(enum_field["name"])] = "pamphlet"

    _rewrite(folder / "sources.csv", change)
    monkeypatch.setenv("CRPS_LESSONS_DATA", str(folder))
    with pytest.raises(TableError, match=rf"sources\.csv, line 2, column '{enum_field['name']}'.*pamphlet"):
        load_table("sources")


def test_a_missing_table_is_named(tmp_path, monkeypatch):
    folder = _copy(tmp_path)
    (folder / "glossary.csv").unlink()
    monkeypatch.setenv("CRPS_LESSONS_DATA", str(folder))
    with pytest.raises(TableError, match=r"glossary\.csv.*missing"):
        load_table("glossary")


def test_a_duplicate_key_is_named(tmp_path, monkeypatch):
    folder = _copy(tmp_path)
    _rewrite(folder / "sources.csv", lambda rows: rows.append(rows[1]))
    monkeypatch.setenv("CRPS_LESSONS_DATA", str(folder))
    with pytest.raises(TableError, match=r"duplicate key"):
        load_table("sources")


def test_an_unknown_table_lists_the_tables():
    with pytest.raises(TableError, match="tables are: " + re.escape(table_names()[0])):
        load_table("nonsense")


def test_a_table_is_read_once_and_callers_get_copies(tmp_path, monkeypatch):
    folder = _copy(tmp_path)
    monkeypatch.setenv("CRPS_LESSONS_DATA", str(folder))
    first = load_table("sources")
    (folder / "sources.csv").write_text("broken", encoding="utf-8")  # served from memory from now on
    first.loc[0, "title"] = "changed by a caller"
    again = load_table("sources")
    assert again.loc[0, "title"] != "changed by a caller"
    assert len(again) == len(first)


def test_source_labels(tmp_path, monkeypatch):
    """Names a reader meets: a document's own label, else authors (particles kept) and year."""
    folder = _copy(tmp_path)
    fields = [f["name"] for f in table_schema("sources")["fields"]]
    kind = next(k for k in load_table("sources")["kind"] if k != "source-document")
    invented = [
        {"source_id": "doc", "kind": "source-document", "label": "a clinic's page", "title": "T"},
        {"source_id": "one", "authors": "Smith J", "year": "1966"},
        {"source_id": "two", "authors": "van Dyke AB, Lee C", "year": "2013"},
        {"source_id": "many", "authors": "de Vries M, Lee C, Park D", "year": "2007"},
    ]

    def change(rows):
        for row in invented:
            values = {"kind": kind, "title": "A title", "doi": "10.1000/x", **row}
            rows.append([values.get(f, "") for f in fields])

    _rewrite(folder / "sources.csv", change)
    monkeypatch.setenv("CRPS_LESSONS_DATA", str(folder))
    assert [source_label(s["source_id"]) for s in invented] == [
        "a clinic's page",
        "Smith 1966",
        "van Dyke & Lee 2013",
        "de Vries et al. 2007",
    ]
    with pytest.raises(KeyError, match="unknown source id"):
        source_label("nobody1999")
