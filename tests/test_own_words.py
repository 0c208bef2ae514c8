"""Lessons and tables are in our own words: no run of 9 words shared with a source document.

Facts and citations carry over from the source documents; their sentences do not. The documents
are not in the repository: tests/data/source_shingles.txt holds hashed 9-word runs of them
(tools/source_fingerprints.py), so this runs in any clone.
"""

import re

import pytest
from conftest import NOTEBOOKS, ROOT, notebook_json

from crps_lessons.data import load_table, table_names
from tools.source_fingerprints import RUN, fingerprint, load, runs, words

SOURCE_RUNS = load(ROOT / "tests" / "data" / "source_shingles.txt")["run9"]
# A short quotation in quotation marks (double, curly or single), attributed in the text, is allowed;
# a web address is not prose.
QUOTED = re.compile(r"[\"“][^\"”]{1,160}[\"”]|(?<![A-Za-z])'[^']{1,160}'(?![A-Za-z])|https?://\S+")
# Reference data, not prose: titles and authors of the works cited, doses quoted exactly by design.
NOT_PROSE = {"title", "venue", "authors", "dose_reported", "schedule_reported"}


def copied_runs(text: str) -> list[str]:
    """The 9-word runs of ``text`` (quotations left out) that occur in a source document."""
    w = words(QUOTED.sub(" | ", text))
    return [" ".join(w[i : i + RUN]) for i in range(len(w) - RUN + 1) if fingerprint(w[i : i + RUN]) in SOURCE_RUNS]


def test_the_fingerprints_recognise_a_document_s_words_and_not_ours():
    # Schedules quoted word for word from a document (data/source_statements.csv, by design) are caught ...
    statements = load_table("source_statements")
    long_quotes = [v for v in statements["schedule_reported"].dropna() if len(words(v)) >= RUN and ";" not in v]
    assert long_quotes and any(copied_runs(v) for v in long_quotes)
    # ... and an invented sentence of the same length is not.
    assert not runs("the cat sat on the mat while the dog slept by the door") & SOURCE_RUNS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_lesson_text_is_in_our_own_words(path):
    text = "\n".join("".join(c["source"]) for c in notebook_json(path)["cells"] if c["cell_type"] == "markdown")
    hits = copied_runs(text)
    assert not hits, f"{path.name} repeats a source document's wording: {hits[:5]}"


@pytest.mark.parametrize("table", table_names())
def test_table_text_is_in_our_own_words(table):
    frame = load_table(table)
    columns = [c for c in frame.columns if c not in NOT_PROSE and frame[c].dtype == "string"]
    text = "\n".join(" | ".join(str(v) for v in row if isinstance(v, str)) for row in frame[columns].itertuples())
    hits = copied_runs(text)
    assert not hits, f"data/{table}.csv repeats a source document's wording: {hits[:5]}"
