"""Reading lesson notebooks as structured text: sections, plain-words boxes, prompts, reveals, details blocks.

Shared by the learning-loop, plain-language and guide tests (and tools/build_answers.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LESSONS = [p for p in NOTEBOOKS if not p.stem.startswith("00_")]

# Sections that frame a lesson rather than teach; they need no plain-words box.
FRAME_SECTIONS = ("learning objectives", "key points", "glossary", "what's next", "references")
PROMPT = re.compile(r"\*\*(Predict first|Try this)[:.]?\*\*:?", re.I)
REVEAL = re.compile(r"<details>\s*<summary>\s*What you should have seen\s*</summary>(.*?)</details>", re.S | re.I)
DEEPER = re.compile(r"<details>\s*<summary>\s*Going deeper[^<]*</summary>(.*?)</details>", re.S | re.I)
DETAILS = re.compile(r"<details>.*?</details>", re.S | re.I)
PLAIN = re.compile(r"^>\s*\*\*In plain words[:.]?\*\*:?(.*?)(?=^(?!>)|\Z)", re.S | re.M | re.I)
CITE = re.compile(r"\[@([a-z0-9_]+)\]")


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def markdown(path: Path) -> str:
    return "\n\n".join(source(c) for c in cells(path) if c["cell_type"] == "markdown")


def code(path: Path) -> str:
    return "\n\n".join(source(c) for c in cells(path) if c["cell_type"] == "code")


@dataclass
class Section:
    title: str
    text: str  # markdown of the section (all its cells), code cells left out
    plain_words: str | None = None  # the text of its opening "In plain words" box
    prompts: list[str] = field(default_factory=list)


def sections(path: Path) -> list[Section]:
    """The ``## `` sections of a lesson, in order, with their plain-words box."""
    out: list[Section] = []
    for cell in cells(path):
        if cell["cell_type"] != "markdown":
            continue
        for part in re.split(r"(?=^## )", source(cell), flags=re.M):
            m = re.match(r"^## (.+)$", part, re.M)
            if m and part.startswith("## "):
                out.append(Section(m.group(1).strip(), part[m.end() :]))
            elif out:
                out[-1].text += "\n\n" + part
    for s in out:
        body = s.text.lstrip("\n")
        first = PLAIN.match(body)
        if first:
            s.plain_words = re.sub(r"^>\s?", "", first.group(1), flags=re.M).strip()
        s.prompts = PROMPT.findall(s.text)
    return out


def teaching_sections(path: Path) -> list[Section]:
    return [s for s in sections(path) if not s.title.lower().startswith(FRAME_SECTIONS)]


def prompts_and_reveals(path: Path) -> list[tuple[str, str | None]]:
    """Each prompt ("Predict first"/"Try this" with its paragraph) and the reveal that answers it.

    A reveal answers every prompt before it that has none yet, unless a ``## `` heading lies between.
    """
    ordered = []
    for cell in cells(path):
        if cell["cell_type"] != "markdown":
            continue
        text = source(cell)
        found = [(m.start(), "heading", "") for m in re.finditer(r"^## .+$", text, re.M)]
        for m in PROMPT.finditer(text):
            end = text.find("\n\n", m.end())
            found.append((m.start(), "prompt", text[m.start() : end if end > 0 else None].strip()))
        found += [(m.start(), "reveal", m.group(1).strip()) for m in REVEAL.finditer(text)]
        ordered += sorted(found)
    result: list[list] = []
    pending: list[list] = []
    for _, kind, text in ordered:
        if kind == "heading":
            pending = []
        elif kind == "prompt":
            pending.append([text, None])
            result.append(pending[-1])
        else:
            for entry in pending:
                entry[1] = text
            pending = []
    return [(prompt, reveal) for prompt, reveal in result]


def prose(text: str) -> str:
    """Markdown reduced to the words a reader reads: no details blocks, code, tables, links, citations."""
    text = DETAILS.sub(" ", text)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"^\|.*\|\s*$", " ", text, flags=re.M)
    text = CITE.sub("", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"[*_#>]", " ", text)
    return re.sub(r"[ \t]+", " ", text)
