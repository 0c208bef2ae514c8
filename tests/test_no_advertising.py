"""The clinics' advertising does not carry over: no clinic names, places, staff or calls to book."""

import re

import pytest

from conftest import ROOT

# What the two clinic seeds advertise with (seed README: teach the content, never the advertising).
ADVERTISING = ["Southern Ketamine", "Alpine Health", "Birmingham", "Auburn", "Irons", "UAB",
               "schedule a consultation", "book a consultation", "call us", "401 729", "snapa102"]
FILES = sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("data/*.csv"), *ROOT.glob("docs/*.md"),
                ROOT / "README.md"])


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_no_clinic_advertising(path):
    text = path.read_text(encoding="utf-8")
    found = [term for term in ADVERTISING if re.search(re.escape(term), text, re.I)]
    assert not found, f"{path.relative_to(ROOT)} carries clinic advertising: {found}"
