"""data/sources.csv holds the works the collection uses, each saying how it was read."""

import re

from conftest import ROOT

from crps_lessons.data import load_table

SOURCES = load_table("sources")


def _where_sources_are_used() -> str:
    files = [
        *(ROOT / "notebooks").glob("*.ipynb"),
        *(p for p in (ROOT / "data").glob("*.csv") if p.name != "sources.csv"),
        *(ROOT / "crps_lessons").rglob("*.py"),
        *(ROOT / "docs").rglob("*.md"),
    ]
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def test_every_source_is_used_by_a_lesson_a_table_the_package_or_the_guide():
    used = _where_sources_are_used()
    unused = [s for s in SOURCES["source_id"] if not re.search(rf"\b{re.escape(s)}\b", used)]
    assert not unused, f"rows of data/sources.csv nothing cites (cite them or remove them): {unused}"


def test_every_published_source_says_how_it_was_read_or_searched_for():
    published = SOURCES[SOURCES["kind"] != "source-document"]
    silent = list(published.loc[published["read"].isna(), "source_id"])
    assert not silent, f"sources with no 'read' entry (what was read, where, when; or what was searched): {silent}"
