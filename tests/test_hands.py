"""The hand trainer's drawing and scoring (crps_lessons.models.hands) and its widget."""

import itertools
import math

import numpy as np
import plotly.graph_objects as go
import pytest

from crps_lessons.figures import role_of
from crps_lessons.models.hands import (REINERSMANN_2010, Answer, draw_hand, hand_marks, hand_outline, make_trials,
                                score, thumb_on_right)
from crps_lessons.widgets.hand_trainer import HandTrainer


@pytest.mark.parametrize("view", ["back", "palm"])
@pytest.mark.parametrize("rotation", [0, 90, 180, 270, 33])
def test_right_hand_is_the_mirror_image_of_the_left(view, rotation):
    lx, ly = hand_outline("left", view, 0)
    rx, ry = hand_outline("right", view, 0)
    np.testing.assert_allclose(rx, -lx)
    np.testing.assert_allclose(ry, ly)
    mlx, mly = hand_marks("left", view, 0)
    mrx, mry = hand_marks("right", view, 0)
    np.testing.assert_allclose(mrx, -mlx)
    np.testing.assert_allclose(mry, mly)
    # After rotation the two are still mirror images (mirror about the line through the centre
    # at the rotation angle): distances from the rotation centre are preserved.
    ax, ay = hand_outline("left", view, rotation)
    bx, by = hand_outline("right", view, rotation)
    np.testing.assert_allclose(np.hypot(ax, ay - 2.5), np.hypot(bx, by - 2.5))


def test_palm_view_of_a_left_hand_has_the_same_outline_as_the_back_of_a_right_hand():
    np.testing.assert_allclose(hand_outline("left", "palm")[0], hand_outline("right", "back")[0])
    # ...but different marks, which is how a learner can tell palm from back.
    assert hand_marks("left", "palm")[0].shape != hand_marks("right", "back")[0].shape


def test_thumb_side_follows_anatomy():
    # Left hand seen from the back: thumb on the viewer's right.
    assert thumb_on_right("left", "back") and not thumb_on_right("left", "palm")
    assert thumb_on_right("right", "palm") and not thumb_on_right("right", "back")
    x, _ = hand_outline("left", "back", 0)
    thumb_tip_x = x[np.argmax(x)]
    assert thumb_tip_x > 2.5  # the thumb sticks out on the right
    x, _ = hand_outline("right", "back", 0)
    assert x.min() < -2.5


def test_rotation_by_90_degrees_turns_the_fingers_to_the_left():
    x0, y0 = hand_outline("left", "back", 0)
    x90, y90 = hand_outline("left", "back", 90)
    tip = np.argmax(y0)  # the middle fingertip points up at 0 degrees
    assert x90[tip] == pytest.approx(-(y0[tip] - 2.5), abs=1e-9)
    assert y90[tip] == pytest.approx(2.5 + x0[tip], abs=1e-9)
    xr, yr = hand_outline("left", "back", 360)
    np.testing.assert_allclose(xr, x0, atol=1e-9)
    np.testing.assert_allclose(yr, y0, atol=1e-9)


def test_outline_is_closed_and_marks_are_separated_by_gaps():
    pic = draw_hand("right", "palm", 180)
    assert pic.outline_x[0] == pytest.approx(pic.outline_x[-1])
    assert pic.outline_y[0] == pytest.approx(pic.outline_y[-1])
    assert np.isnan(pic.marks_x).sum() >= 5
    assert np.isfinite(pic.outline_x).all()


@pytest.mark.parametrize("bad", [("up", "back", 0), ("left", "side", 0), ("left", "back", float("nan")),
                                 ("left", "back", "90"), ("left", "back", 361), ("left", "back", -math.inf)])
def test_bad_drawing_input_is_named(bad):
    with pytest.raises(ValueError, match=r"side|view|rotation_deg"):
        draw_hand(*bad)


def test_a_rotation_of_the_wrong_type_is_a_type_error_naming_the_unit():
    with pytest.raises(TypeError, match=r"rotation_deg.*degrees"):
        hand_outline("left", "back", "90")
    with pytest.raises(TypeError, match="rotation_deg"):
        hand_marks("left", "back", True)


def test_trials_are_seeded_and_reproducible():
    a = make_trials(30, seed=7)
    assert a == make_trials(30, seed=7)
    assert a != make_trials(30, seed=8)
    assert {t.side for t in a} == {"left", "right"}
    assert {t.rotation_deg for t in a} <= {0, 90, 180, 270}
    assert [t.index for t in a] == list(range(30))
    with pytest.raises(ValueError, match="n_trials"):
        make_trials(0)
    with pytest.raises(ValueError, match="seed"):
        make_trials(5, seed=-1)
    with pytest.raises(TypeError, match="n_trials"):
        make_trials(2.5)
    with pytest.raises(TypeError, match="seed"):
        make_trials(5, seed="7")


def test_accuracy_and_times_are_computed_correctly():
    trials = make_trials(4, seed=3)
    sides = [t.side for t in trials]
    other = {"left": "right", "right": "left"}
    answers = [(0, sides[0], 1.0), (1, sides[1], 2.0), (2, other[sides[2]], 4.0), (3, sides[3], 3.0)]
    s = score(trials, answers)
    assert (s.n_trials, s.n_answered, s.n_correct, s.n_missed, s.n_duplicates) == (4, 4, 3, 0, 0)
    assert s.accuracy == pytest.approx(0.75)
    assert s.mean_rt_s == pytest.approx((1.0 + 2.0 + 3.0) / 3)   # correct answers only
    assert s.mean_rt_all_s == pytest.approx(10.0 / 4)
    assert [r.correct for r in s.results] == [True, True, False, True]


def test_missing_and_double_answers_are_handled():
    trials = make_trials(3, seed=1)
    first = trials[0].side
    wrong = "left" if first == "right" else "right"
    s = score(trials, [Answer(0, first, 1.5), Answer(0, wrong, 0.2)])  # double answer to trial 0; 1 and 2 missing
    assert s.n_duplicates == 1 and s.n_missed == 2 and s.n_answered == 1
    assert s.results[0].answer == first and s.results[0].correct      # the first answer counts
    assert s.results[1].answer is None and not s.results[1].correct
    assert s.results[1].response_time_s is None
    assert s.accuracy == pytest.approx(1 / 3)
    assert s.mean_rt_s == pytest.approx(1.5)
    none = score(trials, [])
    assert none.n_missed == 3 and none.mean_rt_s is None and none.accuracy == 0


@pytest.mark.parametrize("answer, match", [((0, "up", 1.0), "answer"), ((0, "left", -1.0), "response_time_s"),
                                           ((0, "left", math.nan), "response_time_s"),
                                           ((9, "left", 1.0), "trial_index"), (("x",), "answer")])
def test_bad_answers_are_named(answer, match):
    with pytest.raises(ValueError, match=match):
        score(make_trials(3, seed=1), [answer])


@pytest.mark.parametrize("answer, match", [((0, "left", "1.0"), "response_time_s"), ((1.5, "left", 1.0), "trial_index"),
                                           ((True, "left", 1.0), "trial_index")])
def test_answers_of_the_wrong_type_are_type_errors(answer, match):
    with pytest.raises(TypeError, match=match):
        score(make_trials(3, seed=1), [answer])


def test_published_reference_times_match_the_abstract():
    # Reinersmann et al. 2010 abstract: healthy 1826.5 ms, CRPS 2278 ms.
    assert REINERSMANN_2010["healthy"]["mean_s"] == pytest.approx(1.8265)
    assert REINERSMANN_2010["CRPS"]["mean_s"] == pytest.approx(2.278)
    assert REINERSMANN_2010["CRPS"]["mean_s"] > REINERSMANN_2010["healthy"]["mean_s"]


def _trainer(n=4, seed=2, step=0.8):
    ticks = itertools.count()
    return HandTrainer(n_trials=n, seed=seed, clock=lambda: next(ticks) * step)


def _trace(fig, name):
    (found,) = [t for t in fig.data if role_of(t) == name]
    return found


def test_trainer_is_born_complete_with_the_published_times():
    tr = _trainer()
    for fig, roles in [(tr.figure, {"outline", "marks"}), (tr.summary_figure, {"times"})]:
        assert isinstance(fig, go.FigureWidget) and fig in tr.widget.children
        assert {role_of(t) for t in fig.data} == roles
        assert fig.to_dict()["data"] and fig.layout.title.text
    bars = _trace(tr.summary_figure, "times")
    assert list(bars.y)[1:] == [REINERSMANN_2010["healthy"]["mean_s"], REINERSMANN_2010["CRPS"]["mean_s"]]
    assert bars.text[0] == "no answers yet" and len(_trace(tr.figure, "outline").x) == 0


def test_trainer_draws_each_trial_in_place_and_times_answers():
    tr = _trainer()
    fig = tr.figure
    tr.begin()
    first = list(_trace(fig, "outline").x)
    t0 = tr.trials[0]
    np.testing.assert_allclose(first, hand_outline(t0.side, t0.view, t0.rotation_deg)[0])
    tr.answer(t0.side)
    assert tr.figure is fig and len(fig.data) == 2
    t1 = tr.trials[1]
    np.testing.assert_allclose(list(_trace(fig, "outline").x), hand_outline(t1.side, t1.view, t1.rotation_deg)[0])
    np.testing.assert_allclose(list(_trace(fig, "marks").x), hand_marks(t1.side, t1.view, t1.rotation_deg)[0])
    s = tr.result()
    assert s.n_correct == 1 and s.results[0].response_time_s == pytest.approx(0.8)
    assert _trace(tr.summary_figure, "times").y[0] == pytest.approx(0.8)
    assert "1 of 1 answered correctly" in tr.table.value


def test_trainer_keyboard_box_and_buttons_answer():
    tr = _trainer()
    tr.begin()
    tr.typed.value = "l"
    assert tr.answers[-1].answer == "left" and tr.typed.value == ""
    tr.right.click()
    assert tr.answers[-1].answer == "right"
    tr.typed.value = "x"  # not an answer
    assert len(tr.answers) == 2 and "Type" in tr.status.value


def test_trainer_finishes_and_ignores_extra_answers():
    tr = _trainer(n=2)
    tr.begin()
    tr.answer("left")
    tr.answer("left")
    assert tr.left.disabled and tr.right.disabled
    assert len(_trace(tr.figure, "outline").x) == 0 and "finished" in tr.figure.layout.title.text
    tr.answer("right")  # nothing on screen: ignored
    assert len(tr.answers) == 2 and tr.result().n_duplicates == 0
    tr.begin()  # restart repeats the same pictures
    assert tr.answers == [] and tr.current == 0
