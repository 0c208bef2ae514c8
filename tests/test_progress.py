"""Saved progress: the JSON file, its robustness, the quiz wiring and the "my progress" view."""

import json
from pathlib import Path

import pytest

from crps_lessons import progress
from crps_lessons.data import load_table
from crps_lessons.quiz import Question, questions_for, show_quiz
from crps_lessons.widgets.progress_view import lesson_title, my_progress, progress_table_html


@pytest.fixture(autouse=True)
def progress_file(tmp_path, monkeypatch):
    path = tmp_path / "home" / "progress.json"
    monkeypatch.setenv(progress.ENV_VAR, str(path))
    progress._notices.clear()
    progress._reported.clear()
    progress._memory.clear()
    yield path
    progress._notices.clear()
    progress._reported.clear()
    progress._memory.clear()


def _a_notebook():
    """A notebook with at least two quiz questions."""
    counts = load_table("quiz")["notebook"].value_counts()
    return sorted(counts[counts >= 2].index)[0]


def test_path_comes_from_the_environment_or_the_home(progress_file, monkeypatch):
    assert progress.progress_path() == progress_file
    monkeypatch.delenv(progress.ENV_VAR)
    assert progress.progress_path() == progress.Path.home() / ".crps_lessons" / "progress.json"


def test_missing_file_is_a_fresh_start_without_a_notice(progress_file):
    fresh = progress.load_progress()
    assert fresh["answers"] == {} and fresh["version"] == progress.VERSION and fresh["learner"]
    assert progress.take_notices() == []
    assert not progress_file.exists()


def test_record_answer_writes_json_and_counts_attempts(progress_file):
    progress.record_answer("02_x", "q03_a", "wrong one", False)
    entry = progress.record_answer("02_x", "q03_a", "right one", True)
    assert entry["attempts"] == 2 and entry["correct"] is True and entry["first_try_correct"] is False
    saved = json.loads(progress_file.read_text())
    assert saved["answers"]["02_x"]["q03_a"]["chosen"] == "right one"
    # Atomic write: no temporary files left behind.
    assert [p.name for p in progress_file.parent.iterdir()] == ["progress.json"]


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'{"answers": {"02_x": {"q": {"correct": "yes"}}}}', b""],
)
def test_corrupt_file_is_reported_once_kept_aside_and_replaced(progress_file, content):
    progress_file.parent.mkdir(parents=True)
    progress_file.write_bytes(content)
    assert progress.load_progress()["answers"] == {}
    notices = progress.take_notices()
    assert len(notices) == 1 and "could not be read" in notices[0]
    aside = [p for p in progress_file.parent.iterdir() if p.name.startswith("progress.json.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    progress.record_answer("02_x", "q03_a", "a", True)
    assert json.loads(progress_file.read_text())["answers"]["02_x"]["q03_a"]["correct"] is True
    assert progress.take_notices() == []  # reported once


def test_unwritable_location_is_reported_once_and_kept_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    path = blocker / "progress.json"  # its parent is a file: cannot be created
    monkeypatch.setenv(progress.ENV_VAR, str(path))
    progress.record_answer("02_x", "q03_a", "a", True)
    progress.record_answer("02_x", "q03_b", "b", False)
    notices = progress.take_notices()
    assert len(notices) == 1 and "could not be saved" in notices[0]
    assert set(progress.load_progress()["answers"]["02_x"]) == {"q03_a", "q03_b"}


def test_unreadable_file_does_not_raise(progress_file, monkeypatch):
    progress_file.parent.mkdir(parents=True)
    progress_file.write_text("{}")
    real_read_text = Path.read_text

    def refuse(self, *args, **kwargs):
        # chmod 0 does not stop root (CI runs as root), so refuse the read itself.
        if self == progress_file:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refuse)
    assert progress.load_progress()["answers"] == {}
    assert len(progress.take_notices()) == 1


def _right_and_wrong(question):
    right = question.item.answer
    wrong = next(c for c in question.item.choices if not c.correct)
    return right, wrong


def test_a_directory_in_place_of_the_file_never_breaks_a_quiz(progress_file):
    progress_file.mkdir(parents=True)
    quiz = show_quiz(_a_notebook())
    q = quiz.questions[0]
    q.choices.value = q.item.answer.choice_id
    assert q.grade() is True
    notes = "".join(c.value for c in quiz.widget.children[:3] if hasattr(c, "value")) + q.feedback.value
    assert "could not be" in notes


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="quiz_id"):
        progress.record_answer("02_x", "", "a", True)
    with pytest.raises(ValueError, match="correct"):
        progress.record_answer("02_x", "q", "a", "yes")


def test_checking_a_quiz_answer_saves_it_and_the_quiz_remembers(progress_file):
    notebook = _a_notebook()
    q = show_quiz(notebook).questions[0]
    _right, wrong = _right_and_wrong(q)
    q.choices.value = wrong.choice_id
    assert q.grade() is False
    saved = json.loads(progress_file.read_text())["answers"][notebook][q.item.quiz_id]
    assert saved == {**saved, "chosen": wrong.choice_id, "correct": False, "attempts": 1}
    again = show_quiz(notebook).questions[0]
    assert "Saved from last time" in again.feedback.value and "not right yet" in again.feedback.value
    # Saved answers are choice ids, so they still match although choices are shown shuffled.
    assert [c.choice_id for c in again.order] == [c.choice_id for c in q.order]


def test_a_wrong_answer_gets_its_own_feedback_and_one_more_try(progress_file):
    q = show_quiz(_a_notebook()).questions[0]
    right, wrong = _right_and_wrong(q)
    q.choices.value = wrong.choice_id
    assert q.grade() is False
    first = q.feedback.value
    assert first.startswith("<p><b>✘ Not quite.</b>") and "Try once more" in first and right.text not in first
    q.choices.value = wrong.choice_id
    q.grade()
    second = q.feedback.value
    assert "The answer is" in second and right.text in second and "Try once more" not in second
    q.choices.value = right.choice_id
    assert q.grade() is True and q.feedback.value.startswith("<p><b>✔ Correct.</b>")


def test_the_concept_inventory_before_gives_no_feedback_and_counts_the_first_answer(progress_file):
    before = show_quiz(progress.INVENTORY, attempt="before")
    q = before.questions[0]
    right, wrong = _right_and_wrong(q)
    q.choices.value = wrong.choice_id
    assert q.grade() is False
    assert "Correct" not in q.feedback.value and "Not quite" not in q.feedback.value and q.check.disabled
    again = show_quiz(progress.INVENTORY, attempt="before").questions[0]
    again.choices.value = right.choice_id
    again.grade()  # re-running the cell and answering again does not change the score
    scores = progress.inventory_scores()
    assert scores["before"]["answered"] == 1 and scores["before"]["correct"] == 0
    assert scores["after"]["answered"] == 0
    assert "1 of 10 answered, 0 right" in my_progress().children[1].value
    with pytest.raises(ValueError, match="attempt"):
        show_quiz(progress.INVENTORY)
    with pytest.raises(ValueError, match="attempt"):
        show_quiz(_a_notebook(), attempt="before")


def test_a_question_without_a_choice_records_nothing(progress_file):
    q = show_quiz(_a_notebook()).questions[0]
    assert q.grade() is None
    assert not any(progress.load_progress()["answers"].values())


def test_public_quiz_api_is_kept():
    notebook = _a_notebook()
    items = questions_for(notebook)
    question = Question(items[0], learner="someone")
    assert isinstance(question.choices.description, str) and question.choices.description
    assert len(show_quiz(notebook, only=[items[0].quiz_id]).questions) == 1
    with pytest.raises(ValueError, match="not questions of"):
        show_quiz(notebook, only=["q99_nope"])


def test_lesson_scores_and_the_progress_view(progress_file):
    notebook = _a_notebook()
    items = questions_for(notebook)
    progress.record_answer(notebook, items[0].quiz_id, items[0].answer.choice_id, True)
    scores = {r["notebook"]: r for r in progress.lesson_scores()}
    assert scores[notebook]["answered"] == 1 and scores[notebook]["correct"] == 1
    assert scores[notebook]["questions"] == len(items)
    assert list(scores) == sorted(scores) and progress.INVENTORY not in scores  # teaching order, lessons only
    table = progress_table_html()
    assert lesson_title(notebook) in table and "<caption>" in table and "■" in table
    view = my_progress()
    assert "crps-progress-view" in view._dom_classes
    progress.record_answer(notebook, items[1].quiz_id, items[1].answer.choice_id, True)
    view.refresh()
    assert "2 of" in view.children[1].value


def test_lesson_title():
    assert lesson_title("99_made_up_lesson") == "99 · Made up lesson"
    assert lesson_title("00_start_here").startswith("00 · Start here")


def test_reset_keeps_the_old_file(progress_file):
    progress.record_answer("02_x", "q03_a", "a", True)
    aside = progress.reset_progress()
    assert aside.exists() and not progress_file.exists()
    assert progress.load_progress()["answers"] == {}


def test_no_network_module_is_used():
    text = Path(progress.__file__).read_text(encoding="utf-8")
    for word in ("urllib", "requests", "socket", "http"):
        assert f"import {word}" not in text
