"""Keep the glossary's ``also_in`` column true: the lessons, besides the one that introduces a term,
that set it in bold (docs/authoring.md: a technical term is bold where a lesson first uses it).

``show_glossary(lesson)`` lists a lesson's own terms and those it uses from earlier lessons, so a reader
of one lesson finds every bold term it contains.

    python tools/glossary_usage.py          # rewrite the also_in column of data/glossary.csv
    python tools/glossary_usage.py --check  # exit 1 if it is out of date (tests/test_plain_language.py)
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from lesson_text import NOTEBOOKS, markdown  # noqa: E402

GLOSSARY = ROOT / "data" / "glossary.csv"
BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")


def _lookup(rows: list[dict]) -> dict[str, str]:
    out = {}
    for row in rows:
        out[row["term"].lower()] = row["term"]
        for alias in row["aliases"].split(";"):
            if alias.strip():
                out[alias.strip().lower()] = row["term"]
    return out


def _used_terms(path: Path, lookup: dict[str, str]) -> set[str]:
    text = re.sub(r"<details>\s*<summary>.*?</summary>", " ", markdown(path), flags=re.S)
    text = re.sub(r"^#.*$", " ", text, flags=re.M)
    found = set()
    for raw in BOLD.findall(text):
        t = raw.strip().strip(":.,").lower()
        for candidate in (t, t.rstrip("s"), f"{t}s"):
            if candidate in lookup:
                found.add(lookup[candidate])
                break
    return found


def render() -> str:
    with GLOSSARY.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    lookup = _lookup(rows)
    used = {p.stem: _used_terms(p, lookup) for p in NOTEBOOKS}
    for row in rows:
        row["also_in"] = ";".join(
            stem for stem in sorted(used) if row["term"] in used[stem] and stem != row["notebook"]
        )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the also_in column is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if GLOSSARY.read_text(encoding="utf-8") != text:
            print("data/glossary.csv also_in is out of date: run python tools/glossary_usage.py", file=sys.stderr)
            return 1
        return 0
    GLOSSARY.write_text(text, encoding="utf-8")
    print(f"wrote {GLOSSARY.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
