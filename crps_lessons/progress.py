"""A learner's saved quiz answers and scores: one small JSON file in their home.

Where: the path in the environment variable ``CRPS_LESSONS_PROGRESS`` if set, else
``~/.crps_lessons/progress.json``. Nothing leaves the machine: no telemetry, no network.

The file::

    {"version": 2, "learner": "3f2a...",
     "answers": {"03_central_sensitization": {
         "q03_windup_def": {"chosen": "b", "correct": true, "attempts": 2,
                            "first_try_correct": false, "updated": "2026-11-21T07:00:00Z"}},
                 "concept_inventory:before": {...}}}

``learner`` is a random id made on first use; it only seeds the order in which quiz choices are
shown, so a learner sees the same order every time and saved answers (choice ids) still match.

Robustness: a missing file is simply started afresh. An unreadable or corrupt file never breaks
a lesson: it is reported once (per file, per Python process), moved aside as
``progress.json.corrupt-<UTC timestamp>`` and replaced by a fresh one. A file that cannot be
written (read-only home, full disk) is reported once; answers are then kept for this session
only. Writes are atomic (a temporary file in the same folder, then ``os.replace``), so a crash
mid-write leaves the old file intact.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

__all__ = [
    "ENV_VAR",
    "INVENTORY",
    "inventory_scores",
    "learner_id",
    "lesson_scores",
    "load_progress",
    "progress_path",
    "record_answer",
    "reset_progress",
    "take_notices",
]

ENV_VAR = "CRPS_LESSONS_PROGRESS"
VERSION = 2
# The concept inventory: the same questions taken before lesson 01 and after the last lesson.
INVENTORY = "concept_inventory"

# Per-process memory: notices not yet shown, paths already reported, answers kept in memory
# when the file cannot be written.
_notices: list[str] = []
_reported: set[tuple[str, str]] = set()
_memory: dict[str, dict] = {}


def progress_path() -> Path:
    """The progress file: $CRPS_LESSONS_PROGRESS, or ~/.crps_lessons/progress.json."""
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value).expanduser() if value else Path.home() / ".crps_lessons" / "progress.json"


def _empty() -> dict:
    return {"version": VERSION, "learner": uuid.uuid4().hex, "answers": {}}


def _report(path: Path, kind: str, message: str) -> None:
    key = (str(path), kind)
    if key not in _reported:
        _reported.add(key)
        _notices.append(message)


def take_notices() -> list[str]:
    """Messages about the progress file not yet shown to the learner (each is returned once)."""
    out = list(_notices)
    _notices.clear()
    return out


def _valid(data) -> bool:
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return False
    for lesson in data["answers"].values():
        if not isinstance(lesson, dict):
            return False
        for entry in lesson.values():
            if not isinstance(entry, dict) or not isinstance(entry.get("correct"), bool):
                return False
    return True


def _set_aside(path: Path, why: str) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    try:
        os.replace(path, aside)
    except OSError as exc:
        _report(
            path,
            "unreadable",
            f"Your saved quiz progress in {path} could not be read ({why}) and could "
            f"not be moved aside ({exc.strerror or exc}); progress is kept for this "
            f"session only.",
        )
        return
    _report(
        path,
        "corrupt",
        f"Your saved quiz progress in {path} could not be read ({why}). It was kept as "
        f"{aside.name} and a fresh progress file was started.",
    )


def load_progress(path: Path | str | None = None) -> dict:
    """The saved progress (a fresh empty record if the file is missing, unreadable or corrupt)."""
    path = Path(path) if path is not None else progress_path()
    key = str(path)
    if key in _memory:  # the file could not be written earlier this session
        return json.loads(json.dumps(_memory[key]))
    try:
        if not path.exists() and not path.is_symlink():
            return _empty()  # first use: nothing to report
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        why = type(exc).__name__ if not isinstance(exc, OSError) else (exc.strerror or type(exc).__name__)
        _set_aside(path, why)
        return _empty()
    if not _valid(data):
        _set_aside(path, "not a progress record")
        return _empty()
    data.setdefault("version", VERSION)
    if not isinstance(data.get("learner"), str) or not data["learner"]:
        data["learner"] = uuid.uuid4().hex
    return data


def learner_id(path: Path | str | None = None) -> str:
    """This learner's random id (made and saved on first use); it seeds the order of quiz choices."""
    path = Path(path) if path is not None else progress_path()
    data = load_progress(path)
    if not path.exists():
        _write(path, data)
    return data["learner"]


def _write(path: Path, data: dict) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=1, sort_keys=True, ensure_ascii=False)
                fh.write("\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        _report(
            path,
            "unwritable",
            f"Your quiz progress could not be saved to {path} "
            f"({exc.strerror or exc}); it is kept for this session only.",
        )
        _memory[str(path)] = data
        return False
    _memory.pop(str(path), None)
    return True


def record_answer(notebook: str, quiz_id: str, chosen: str, correct: bool, path: Path | str | None = None) -> dict:
    """Save one checked answer (the latest answer counts; attempts are counted). Never raises OSError."""
    for name, value in (("notebook", notebook), ("quiz_id", quiz_id), ("chosen", chosen)):
        if not isinstance(value, str) or not value:
            raise ValueError(f"record_answer: {name} must be a non-empty string, got {value!r}")
    if not isinstance(correct, bool):
        raise ValueError(f"record_answer: correct must be True or False, got {correct!r}")
    path = Path(path) if path is not None else progress_path()
    data = load_progress(path)
    lesson = data["answers"].setdefault(notebook, {})
    old = lesson.get(quiz_id, {})
    attempts = int(old.get("attempts", 0)) + 1 if isinstance(old.get("attempts", 0), int) else 1
    entry = {
        "chosen": chosen,
        "correct": correct,
        "attempts": attempts,
        "first_try_correct": old.get("first_try_correct", correct) if old else correct,
        "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    lesson[quiz_id] = entry
    _write(path, data)
    return entry


def _score(ids: list[str], saved: dict) -> dict:
    done = [saved[q] for q in ids if q in saved]
    return {
        "questions": len(ids),
        "answered": len(done),
        "correct": sum(1 for e in done if e.get("correct") is True),
        "first_try": sum(1 for e in done if e.get("first_try_correct") is True),
    }


def lesson_scores(path: Path | str | None = None) -> list[dict]:
    """Per lesson that has quiz questions, in teaching order: questions, answered, correct.

    Each dict: ``notebook``, ``questions`` (in data/quiz.csv), ``answered``, ``correct`` (latest
    answer right), ``first_try`` (right on the first try). The concept inventory is not a lesson:
    see :func:`inventory_scores`.
    """
    from .data import load_table

    quiz = load_table("quiz")
    answers = load_progress(path)["answers"]
    return [
        {
            "notebook": notebook,
            **_score(list(quiz.loc[quiz["notebook"] == notebook, "quiz_id"]), answers.get(notebook, {})),
        }
        for notebook in sorted(set(quiz["notebook"]) - {INVENTORY})
    ]


def inventory_scores(path: Path | str | None = None) -> dict[str, dict]:
    """The concept inventory taken ``before`` lesson 01 and ``after`` the last lesson: questions,
    answered, correct. The first answer to each question counts (re-running the cell and answering
    again does not change the score)."""
    from .data import load_table

    quiz = load_table("quiz")
    ids = list(quiz.loc[quiz["notebook"] == INVENTORY, "quiz_id"])
    answers = load_progress(path)["answers"]
    out = {}
    for when in ("before", "after"):
        score = _score(ids, answers.get(f"{INVENTORY}:{when}", {}))
        out[when] = {"questions": score["questions"], "answered": score["answered"], "correct": score["first_try"]}
    return out


def reset_progress(path: Path | str | None = None) -> Path | None:
    """Start afresh: the old file is kept aside as ``progress.json.reset-<timestamp>``; returns it."""
    path = Path(path) if path is not None else progress_path()
    _memory.pop(str(path), None)
    if not path.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.reset-{stamp}")
    os.replace(path, aside)
    return aside
