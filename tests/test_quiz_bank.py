"""The quiz bank measures understanding: no answer cues, feedback for every choice, enough questions
of both kinds, no dose drills, no repeats (docs/authoring.md, "Quiz questions")."""

import itertools
import re
from collections import Counter

import pytest
from lesson_text import LESSONS

from crps_lessons import progress
from crps_lessons.data import load_table
from crps_lessons.quiz import questions_for, shuffled

QUIZ = load_table("quiz")
CHOICES = load_table("quiz_choices")
ITEMS = [item for nb in sorted(set(QUIZ["notebook"])) for item in questions_for(nb)]
DOSE = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:-|to)?\s*\d*\s*(?:mg|mcg|µg|micrograms?|g|ml|mL|IU|units)\b(?:/kg)?", re.I)


def test_every_question_has_one_right_choice_and_feedback_for_each():
    for item in ITEMS:
        assert len(item.choices) >= 3, f"{item.quiz_id}: fewer than 3 choices"
        assert sum(c.correct for c in item.choices) == 1, f"{item.quiz_id}: not exactly one right choice"
        empty = [c.choice_id for c in item.choices if len(c.feedback.split()) < 6]
        assert not empty, f"{item.quiz_id}: choices {empty} have no real feedback (why tempting, why wrong)"
        assert len({c.text.strip().lower() for c in item.choices}) == len(item.choices), (
            f"{item.quiz_id}: repeated choice"
        )
    orphans = set(CHOICES["quiz_id"]) - set(QUIZ["quiz_id"])
    assert not orphans, f"quiz_choices.csv rows for unknown questions: {sorted(orphans)}"


def test_the_longest_choice_is_right_in_at_most_a_third_of_the_bank():
    longest = [item.quiz_id for item in ITEMS if len(item.answer.text) >= max(len(c.text) for c in item.choices)]
    share = len(longest) / len(ITEMS)
    assert share <= 1 / 3, (
        f"the right answer is (one of) the longest in {len(longest)} of {len(ITEMS)} items ({share:.0%})"
    )


def test_no_stored_position_is_favoured():
    positions = Counter(sorted(c.choice_id for c in item.choices).index(item.answer.choice_id) for item in ITEMS)
    four = [item for item in ITEMS if len(item.choices) >= 4]
    n = len(ITEMS)
    for pos in range(3):
        assert 0.15 <= positions[pos] / n <= 0.40, f"right answer in stored position {pos + 1}: {positions[pos]} of {n}"
    in_fourth = sum(sorted(c.choice_id for c in i.choices).index(i.answer.choice_id) == 3 for i in four)
    assert four and in_fourth / len(four) >= 0.15, f"right answer in position 4 in {in_fourth} of {len(four)} items"


def test_shown_order_is_shuffled_stably_and_evenly():
    item = next(i for i in ITEMS if len(i.choices) == 4)
    assert shuffled(item, "learner-a") == shuffled(item, "learner-a"), "the same learner must see the same order"
    shown = Counter(shuffled(item, f"learner-{k}").index(item.answer) for k in range(400))
    for pos in range(4):
        assert 0.17 <= shown[pos] / 400 <= 0.33, f"shown position {pos + 1} of the right answer: {shown[pos]} of 400"
    orders = {tuple(c.choice_id for c in shuffled(i, "learner-a")) for i in ITEMS if len(i.choices) == 4}
    assert len(orders) > 6, "one learner sees the same order in every question"


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_each_lesson_has_six_questions_with_a_scenario(path):
    rows = QUIZ[QUIZ["notebook"] == path.stem]
    assert len(rows) >= 6, f"{path.stem}: {len(rows)} questions (at least 6)"
    assert (rows["kind"] == "scenario").any(), f"{path.stem}: no scenario question (a short made-up case)"
    assert rows["quiz_id"].str.startswith(f"q{path.stem[:2]}_").all(), f"{path.stem}: ids must start q{path.stem[:2]}_"


def test_concept_inventory_has_ten_questions():
    rows = QUIZ[QUIZ["notebook"] == progress.INVENTORY]
    assert len(rows) == 10 and (rows["kind"] == "inventory").all() and rows["quiz_id"].str.startswith("ci_").all()
    assert not (QUIZ.loc[QUIZ["notebook"] != progress.INVENTORY, "kind"] == "inventory").any()


def test_no_question_rehearses_a_dose():
    texts = [(item.quiz_id, t) for item in ITEMS for t in [item.prompt, *(c.text for c in item.choices)]]
    drills = [(q, DOSE.search(t).group(0)) for q, t in texts if DOSE.search(t)]
    assert not drills, f"questions or choices that rehearse doses: {drills[:5]}"


def _words(text):
    return set(re.findall(r"[a-z]{4,}", text.lower()))


def test_no_question_repeats_another():
    pairs = [
        (a.quiz_id, b.quiz_id)
        for a, b in itertools.combinations(ITEMS, 2)
        if len(_words(a.prompt) & _words(b.prompt)) / max(1, len(_words(a.prompt) | _words(b.prompt))) > 0.7
    ]
    assert not pairs, f"near-identical prompts (build on the earlier one instead): {pairs}"
