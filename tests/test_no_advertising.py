"""The clinics' advertising does not carry over into anything a reader sees: no clinic names, places or
staff, no phone numbers or e-mail addresses, no calls to book.

The names are not written here: tests/data/source_shingles.txt holds their hashes (``ad`` lines,
tools/source_fingerprints.py). Checked: lesson text and what the lessons show when run (the session's
one execution), the data tables, the docs and the README.
"""

import re

import pytest
from conftest import NOTEBOOKS, ROOT, learner_text, notebook_json

from tools.source_fingerprints import fingerprint, load, words

MARKS = load(ROOT / "tests" / "data" / "source_shingles.txt").get("ad", set())
PHONE = re.compile(r"(?<![\d.])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?![\d.])")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
CALL_TO_BOOK = re.compile(
    r"\b(?:book|schedul\w*|request)\s+(?:a|an|your)\s+(?:free\s+)?(?:consultation|appointment)"
    r"|\bcall us\b|\bcontact us\b|\boffers? consultations\b",
    re.I,
)
FILES = sorted([*ROOT.glob("data/*.csv"), *ROOT.glob("docs/**/*.md"), ROOT / "README.md"])


def advertising(text: str) -> list[str]:
    w = words(text)
    names = {
        " ".join(w[i : i + n])
        for n in (1, 2, 3, 4)
        for i in range(len(w) - n + 1)
        if fingerprint(w[i : i + n]) in MARKS
    }
    return sorted(names) + PHONE.findall(text) + EMAIL.findall(text) + CALL_TO_BOOK.findall(text)


def test_the_checks_catch_advertising_and_leave_teaching_alone():
    assert MARKS, "no advertising marks in tests/data/source_shingles.txt"
    assert advertising("Call us at (555) 123-4567 or write to desk@clinic.example to book a consultation.")
    assert not advertising("Harden et al. 2022 (Pain Med 23:S1-S53) give the Budapest criteria; see p. 1-12.")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_advertising_in_a_lesson_as_written_and_as_shown(path, executed):
    written = "\n".join("".join(c["source"]) for c in notebook_json(path)["cells"])
    found = advertising(written) + advertising(learner_text(executed[path.stem].nb))
    assert not found, f"{path.name} carries clinic advertising: {sorted(set(found))}"


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES])
def test_no_advertising_in_data_and_docs(path):
    found = advertising(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)} carries clinic advertising: {sorted(set(found))}"
