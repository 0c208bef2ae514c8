"""Words a patient can read: plain-words boxes at grade 8 or below, one spelling convention, every
technical term in the glossary, sources named as a reader names them, no unchecked claims."""

import csv
import json
import re
import subprocess
import sys

import pytest
import textstat
from lesson_text import LESSONS, NOTEBOOKS, ROOT, markdown, prose, teaching_sections

from crps_lessons.glossary import show_glossary, terms_and_aliases
from crps_lessons.widgets import EXPLORERS, explore

MAX_GRADE = 8.0
PATIENT_TRACK = [p for p in LESSONS if "living_with" in p.stem]
DATA_FILES = sorted((ROOT / "data").glob("*.csv"))
DOCS = sorted((ROOT / "docs").rglob("*.md"))
# Oxford spelling: British English with -ize. US forms and -ise forms are both rejected.
WRONG_SPELLINGS = re.compile(
    r"\b(colors?|colored|behaviors?|centers?|favou?rite|labor|tumors?|an[e]sthe\w*|(?<!o)edema\w*|pediatric\w*|"
    r"orthopedic\w*|hematom\w*|estrogen|fetal|gray|analyz\w*|paralyz\w*|"
    r"(?:organ|sensit|depolar|random|recogn|desensit|minim|normal|real|emphas|summar|categor|character|immobil|"
    r"hospital|stabil|priorit|visual|memor|general|special|util|optim|standard|neutral|apolog|familiar|"
    r"internal|personal)is(?:e|ed|es|ing|ation|ations))\b",
    re.I,
)
SEED_LABEL = re.compile(r"\bseeds?\b|\bseed ?0\d\d\b", re.I)
HEDGE = re.compile(
    r"could not (?:be )?(?:check|verif|re-?check|confirm)\w*|did not check|not (?:re-?)?checked|"
    r"not verified|unverified",
    re.I,
)
LOOP_LABELS = re.compile(
    r"^(in plain words|predict first|try this|before this|for|time|going deeper|what you should "
    r"have seen|note|step \d+|\d+)[:.]?$",
    re.I,
)
# Terms issue 11 names; the glossary must define them.
REQUIRED_TERMS = ["depolarization", "dystonia", "flare", "neuropathic pain", "regression to the mean"]


def _grade(text):
    return textstat.flesch_kincaid_grade(text)


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_plain_words_boxes_read_at_grade_8_or_below(path):
    too_hard = [
        (s.title, round(_grade(prose(s.plain_words)), 1))
        for s in teaching_sections(path)
        if s.plain_words and _grade(prose(s.plain_words)) > MAX_GRADE
    ]
    assert not too_hard, f"{path.name}: plain-words boxes above grade {MAX_GRADE}: {too_hard}"


@pytest.mark.parametrize("path", PATIENT_TRACK, ids=[p.stem for p in PATIENT_TRACK])
def test_patient_track_reads_at_grade_8_throughout(path):
    text = prose(markdown(path))
    assert _grade(text) <= MAX_GRADE, f"{path.name}: the lesson reads at grade {_grade(text):.1f}"


def _learner_text():
    """(where, text) for everything a learner or teacher reads: notebooks, tables, guides."""
    for path in NOTEBOOKS:
        for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            yield f"{path.name} cell {i}", "".join(cell["source"])
    for path in DATA_FILES:
        with path.open(encoding="utf-8", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh), start=2):
                yield f"data/{path.name} line {n}", " | ".join(v for k, v in row.items() if k not in {"title", "venue"})
    for path in DOCS:
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


def test_sources_are_named_as_a_reader_names_them():
    hits = [(where, SEED_LABEL.search(text).group(0)) for where, text in _learner_text() if SEED_LABEL.search(text)]
    assert not hits, f"'seed' labels a reader would meet: {hits[:8]} ({len(hits)} in all)"


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_explorers_name_sources_as_a_reader_does(name):
    ex = explore(name)
    options = [
        str(o[0] if isinstance(o, tuple) else o) for c in ex.controls.values() for o in getattr(c, "options", ())
    ]
    seen = json.dumps(ex.figure.to_plotly_json()["layout"]) + json.dumps(
        [{k: t.get(k) for k in ("name", "text", "hovertext")} for t in ex.figure.to_plotly_json()["data"]]
    )
    text = " ".join([seen, ex.readout.value, *options, *(c.description for c in ex.controls.values())])
    assert not SEED_LABEL.search(text), f"{name} shows {SEED_LABEL.search(text).group(0)!r} to the learner"


def test_no_claim_is_left_unchecked():
    hits = [(where, HEDGE.search(text).group(0)) for where, text in _learner_text() if HEDGE.search(text)]
    assert not hits, f"say what was checked, or what was searched, where and when: {hits[:8]} ({len(hits)} in all)"


def test_one_spelling_convention():
    hits = []
    for where, text in _learner_text():
        if where.startswith("data/sources.csv"):
            continue  # titles and publishers keep their own spelling
        unquoted = re.sub(r"[\"“][^\"”]{1,300}[\"”]", " ", text)
        hits += [(where, m.group(0)) for m in WRONG_SPELLINGS.finditer(prose(unquoted))]
    assert not hits, f"Oxford spelling (British, -ize) expected: {hits[:10]} ({len(hits)} in all)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_bold_term_is_in_the_glossary(path):
    known = terms_and_aliases()
    text = re.sub(r"<details>\s*<summary>.*?</summary>", " ", markdown(path), flags=re.S)
    text = re.sub(r"^#.*$", " ", text, flags=re.M)
    missing = []
    for term in re.findall(r"\*\*([^*\n]+?)\*\*", text):
        t = term.strip().strip(":.,").lower()
        if LOOP_LABELS.match(t) or not t:
            continue
        if t not in known and t.rstrip("s") not in known and f"{t}s" not in known:
            missing.append(term.strip())
    assert not missing, f"{path.name}: bold terms with no glossary entry (term or alias): {sorted(set(missing))}"


def test_each_lesson_glossary_lists_every_term_the_lesson_sets_in_bold():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "glossary_usage.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    shown = show_glossary("10_living_with_crps").data
    assert "central sensitization" in shown and "pacing" in shown  # terms from earlier lessons, used in 10


def test_the_glossary_has_the_terms_the_issue_names_and_plain_definitions():
    known = terms_and_aliases()
    missing = [t for t in REQUIRED_TERMS if t not in known]
    assert not missing, f"glossary lacks {missing}"
    with (ROOT / "data" / "glossary.csv").open(encoding="utf-8", newline="") as fh:
        hard = [
            (r["term"], round(_grade(r["definition"]), 1)) for r in csv.DictReader(fh) if _grade(r["definition"]) > 10
        ]
    assert not hard, f"glossary definitions above grade 10 (a definition is for a patient too): {hard[:10]}"
