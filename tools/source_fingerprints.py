"""Write tests/data/source_shingles.txt: hashed fingerprints of the four source documents.

    python tools/source_fingerprints.py DOCUMENTS_DIR [-o tests/data/source_shingles.txt]

The documents are third-party web pages and stay out of the repository; the tests need only
fingerprints of them, so they run in any clone (CI included). DOCUMENTS_DIR holds the documents
as ``0*.txt`` files (here: ``../shared/seeds``). Two kinds of line, ``<kind> <hash>``:

``run9``   every run of 9 consecutive words of a document (tests/test_own_words.py: lessons and
           tables are in our own words);
``quote``  each piece of a dose or schedule that data/source_statements.csv attributes to a source
           document, when that document's words contain it word for word
           (tests/test_tables_content.py: doses are quoted exactly);
``ad``     each name by which the clinics' documents advertise (clinic, place, staff), as listed by a
           reviewer with ``--ad-marks "name; name; ..."`` (kept from the old file when not given;
           tests/test_no_advertising.py: the advertising does not carry over).

Words are the lower-case runs of ``[a-z0-9]`` (:func:`words`); a hash is the first 16 hex digits
of the sha256 of the words joined by single spaces (:func:`fingerprint`). Run it again after
changing a quoted dose or schedule.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tests" / "data" / "source_shingles.txt"
RUN = 9
QUOTED_FIELDS = ("dose_reported", "schedule_reported")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def fingerprint(run: list[str]) -> str:
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def runs(text: str, n: int = RUN) -> set[str]:
    """Fingerprints of every run of ``n`` consecutive words of ``text``."""
    w = words(text)
    return {fingerprint(w[i : i + n]) for i in range(len(w) - n + 1)}


def quote_pieces(value: str) -> list[str]:
    """The pieces of a reported dose or schedule: split at ';', editorial asides in brackets left out."""
    return [p.strip() for p in re.split(r";", re.sub(r"\([^)]*\)", " ", value)) if words(p)]


def _statements_of_documents(data: Path) -> list[str]:
    with open(data / "sources.csv", encoding="utf-8", newline="") as fh:
        documents = {r["source_id"] for r in csv.DictReader(fh) if r["kind"] == "source-document"}
    with open(data / "source_statements.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["source_id"] in documents]
    return [piece for r in rows for field in QUOTED_FIELDS if r.get(field) for piece in quote_pieces(r[field])]


def build(documents_dir: Path, data: Path = ROOT / "data", ads: set[str] = frozenset()) -> tuple[list[str], list[str]]:
    """(lines of the file, quoted pieces not found word for word in any document); ``ads``: hashes of the
    advertising marks."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(documents_dir.glob("0*.txt"))]
    if not texts:
        raise SystemExit(f"no documents (0*.txt) in {documents_dir}")
    run9 = set().union(*(runs(t) for t in texts))
    joined = [" " + " ".join(words(t)) + " " for t in texts]
    quotes, missing = set(), []
    for piece in _statements_of_documents(data):
        if any(f" {' '.join(words(piece))} " in t for t in joined):
            quotes.add(fingerprint(words(piece)))
        else:
            missing.append(piece)
    header = [
        "# Fingerprints of the source documents (third-party pages, not in the repository).",
        "# Written by tools/source_fingerprints.py from the documents' folder; do not edit. See its docstring.",
        "# run9: a run of 9 words of a document; quote: a dose or schedule piece found word for word.",
        f"# {len(texts)} documents, {len(run9)} runs, {len(quotes)} quotes, {len(ads)} advertising marks",
    ]
    body = [f"{kind} {h}" for kind, hashes in (("run9", run9), ("quote", quotes), ("ad", ads)) for h in sorted(hashes)]
    return header + body, missing


def load(path: Path = DEFAULT_OUT) -> dict[str, set[str]]:
    """The file as {kind: set of hashes}."""
    found: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, digest = line.split()
            found.setdefault(kind, set()).add(digest)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("documents_dir", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--ad-marks", help="names the clinics advertise with, separated by ';'")
    args = parser.parse_args(argv)
    if args.ad_marks:
        ads = {fingerprint(words(m)) for m in args.ad_marks.split(";") if words(m)}
    else:
        ads = load(args.output).get("ad", set()) if args.output.exists() else set()
    lines, missing = build(args.documents_dir, ads=ads)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({len(lines)} lines)")
    for piece in missing:
        print(f"not word for word in any document: {piece!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
