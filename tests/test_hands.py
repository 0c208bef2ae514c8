"""The hand trainer's drawing and scoring (crps_lessons.models.hands) and its widget."""

import itertools
import math
from collections import Counter

import numpy as np
import plotly.graph_objects as go
import pytest

from crps_lessons.figures import role_of
from crps_lessons.figures.hands import BREAKDOWN_ROTATIONS
from crps_lessons.models.hands import (
    MOSELEY_2004B,
    REINERSMANN_2010,
    REINERSMANN_2010_AFTER_TRAINING,
    TAKEDA_2010,
    Answer,
    Trial,
    breakdown,
    draw_hand,
    hand_marks,
    hand_outline,
    make_trials,
    score,
    thumb_on_right,
)
from crps_lessons.widgets.hand_trainer import SAFETY_NOTE, HandTrainer


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


@pytest.mark.parametrize(
    "bad",
    [
        ("up", "back", 0),
        ("left", "side", 0),
        ("left", "back", float("nan")),
        ("left", "back", "90"),
        ("left", "back", 361),
        ("left", "back", -math.inf),
    ],
)
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
    assert s.mean_rt_s == pytest.approx((1.0 + 2.0 + 3.0) / 3)  # correct answers only
    assert s.mean_rt_all_s == pytest.approx(10.0 / 4)
    assert [r.correct for r in s.results] == [True, True, False, True]


def test_missing_and_double_answers_are_handled():
    trials = make_trials(3, seed=1)
    first = trials[0].side
    wrong = "left" if first == "right" else "right"
    s = score(trials, [Answer(0, first, 1.5), Answer(0, wrong, 0.2)])  # double answer to trial 0; 1 and 2 missing
    assert s.n_duplicates == 1 and s.n_missed == 2 and s.n_answered == 1
    assert s.results[0].answer == first and s.results[0].correct  # the first answer counts
    assert s.results[1].answer is None and not s.results[1].correct
    assert s.results[1].response_time_s is None
    assert s.accuracy == pytest.approx(1 / 3)
    assert s.mean_rt_s == pytest.approx(1.5)
    none = score(trials, [])
    assert none.n_missed == 3 and none.mean_rt_s is None and none.accuracy == 0


@pytest.mark.parametrize(
    "answer, match",
    [
        ((0, "up", 1.0), "answer"),
        ((0, "left", -1.0), "response_time_s"),
        ((0, "left", math.nan), "response_time_s"),
        ((9, "left", 1.0), "trial_index"),
        (("x",), "answer"),
    ],
)
def test_bad_answers_are_named(answer, match):
    with pytest.raises(ValueError, match=match):
        score(make_trials(3, seed=1), [answer])


@pytest.mark.parametrize(
    "answer, match",
    [
        ((0, "left", "1.0"), "response_time_s"),
        ((1.5, "left", 1.0), "trial_index"),
        ((True, "left", 1.0), "trial_index"),
    ],
)
def test_answers_of_the_wrong_type_are_type_errors(answer, match):
    with pytest.raises(TypeError, match=match):
        score(make_trials(3, seed=1), [answer])


def test_published_reference_times_match_the_abstract():
    # Reinersmann et al. 2010 abstract: healthy 1826.5 ms, CRPS 2278 ms; after four days' training
    # 1280.6 ms and 1874.5 ms (CRPS still slower).
    assert REINERSMANN_2010["healthy"]["mean_s"] == pytest.approx(1.8265)
    assert REINERSMANN_2010["CRPS"]["mean_s"] == pytest.approx(2.278)
    assert REINERSMANN_2010["CRPS"]["mean_s"] > REINERSMANN_2010["healthy"]["mean_s"]
    assert REINERSMANN_2010_AFTER_TRAINING["healthy"]["mean_s"] == pytest.approx(1.2806)
    assert REINERSMANN_2010_AFTER_TRAINING["CRPS"]["mean_s"] == pytest.approx(1.8745)
    for group in ("healthy", "CRPS"):  # both groups got faster with training
        assert REINERSMANN_2010_AFTER_TRAINING[group]["mean_s"] < REINERSMANN_2010[group]["mean_s"]


def test_other_published_values_match_their_abstracts():
    # Moseley 2004 (Neurology 62:2182-2186): 18 + 18 people, rho 0.44 (p 0.02), 45% of variance.
    assert (MOSELEY_2004B["n_crps"], MOSELEY_2004B["n_controls"]) == (18, 18)
    assert MOSELEY_2004B["rho_duration_vs_rt"] == 0.44 and MOSELEY_2004B["p_duration_vs_rt"] == 0.02
    assert MOSELEY_2004B["rt_variance_explained_by_predicted_pain"] == 0.45
    # Takeda et al. 2010 (Laterality 15:415-425): right hands faster turned anticlockwise, left clockwise.
    assert TAKEDA_2010["faster_side"] == {90: "right", 270: "left"}
    assert TAKEDA_2010["n_left_handed"] + TAKEDA_2010["n_right_handed"] == 31
    # Our 90 degrees is anticlockwise: the fingertip (top of the upright drawing) moves to the viewer's left.
    x90, _ = hand_outline("left", "back", 90)
    assert x90[np.argmax(hand_outline("left", "back", 0)[1])] < -4


def _trainer(n=4, seed=2, step=0.8):
    ticks = itertools.count()
    return HandTrainer(n_trials=n, seed=seed, clock=lambda: next(ticks) * step)


def _trace(fig, name):
    (found,) = [t for t in fig.data if role_of(t) == name]
    return found


def test_trainer_is_born_complete_with_the_published_times():
    tr = _trainer()
    for fig, roles in [
        (tr.figure, {"outline", "marks"}),
        (tr.summary_figure, {"times"}),
        (tr.breakdown_figure, {"left", "right"}),
    ]:
        assert isinstance(fig, go.FigureWidget) and fig in tr.widget.children
        assert {role_of(t) for t in fig.data} == roles
        assert fig.to_dict()["data"] and fig.layout.title.text
    bars = _trace(tr.summary_figure, "times")
    assert list(bars.y)[1:] == [
        REINERSMANN_2010["healthy"]["mean_s"],
        REINERSMANN_2010["CRPS"]["mean_s"],
        REINERSMANN_2010_AFTER_TRAINING["healthy"]["mean_s"],
        REINERSMANN_2010_AFTER_TRAINING["CRPS"]["mean_s"],
    ]
    assert bars.text[0] == "no correct answers yet" and len(_trace(tr.figure, "outline").x) == 0
    assert list(_trace(tr.breakdown_figure, "left").text) == ["no pictures<br>yet"] * len(BREAKDOWN_ROTATIONS)
    assert "appear here as you answer" in tr.breakdown_text.value


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


def _result(specs):
    """A score from (side, view, rotation, answer or None, seconds) rows."""
    trials = [Trial(i, side, view, rot) for i, (side, view, rot, _, _) in enumerate(specs)]
    answers = [(i, ans, rt) for i, (_, _, _, ans, rt) in enumerate(specs) if ans is not None]
    return score(trials, answers)


def test_breakdown_by_rotation_side_and_view_counts_and_times():
    s = _result(
        [
            ("left", "back", 0, "left", 1.0),
            ("right", "back", 0, "right", 2.0),
            ("left", "palm", 90, "right", 5.0),
            ("right", "palm", 90, "right", 1.5),
            ("left", "back", 180, None, None),
            ("right", "palm", 270, "right", 3.0),
        ]
    )
    by_rot = breakdown(s, "rotation")
    assert [g.key for g in by_rot] == [(0,), (90,), (180,), (270,)]
    zero, ninety, flipped, clockwise = by_rot
    assert (zero.n_trials, zero.n_correct, zero.mean_rt_s, zero.accuracy) == (2, 2, pytest.approx(1.5), 1.0)
    assert (ninety.n_correct, ninety.mean_rt_s, ninety.accuracy) == (1, 1.5, 0.5)  # the wrong answer's 5 s left out
    assert (flipped.n_answered, flipped.n_correct, flipped.mean_rt_s) == (0, 0, None)  # a missed picture
    assert "anticlockwise" in ninety.label and "clockwise" in clockwise.label and "upside down" in flipped.label
    by_side = breakdown(s, "side")
    assert [(g.key, g.n_trials, g.n_correct) for g in by_side] == [(("left",), 3, 1), (("right",), 3, 3)]
    assert by_side[1].mean_rt_s == pytest.approx((2.0 + 1.5 + 3.0) / 3)
    assert [(g.label, g.n_trials) for g in breakdown(s, "view")] == [("back of the hand", 3), ("palm", 3)]
    cells = {g.key: g for g in breakdown(s, "rotation+side")}
    assert set(cells) == {(0, "left"), (0, "right"), (90, "left"), (90, "right"), (180, "left"), (270, "right")}
    assert cells[(90, "left")].n_correct == 0 and cells[(90, "left")].mean_rt_s is None
    assert sum(g.n_trials for g in cells.values()) == s.n_trials


@pytest.mark.parametrize("by", ["hand", "", None, "rotation+view"])
def test_breakdown_rejects_unknown_groupings(by):
    s = _result([("left", "back", 0, "left", 1.0)])
    with pytest.raises(ValueError, match=r"by must be one of 'rotation', 'side', 'view', 'rotation\+side'"):
        breakdown(s, by)


def test_breakdown_needs_a_score():
    with pytest.raises(TypeError, match="result must be a Score"):
        breakdown(make_trials(3), "side")


def test_balanced_trials_hold_every_combination_equally_often():
    trials = make_trials(40, seed=5, balanced=True)
    counts = Counter((t.side, t.view, t.rotation_deg) for t in trials)
    assert len(counts) == 16 and max(counts.values()) - min(counts.values()) <= 1
    assert make_trials(40, seed=5, balanced=True) == trials
    assert [t.index for t in trials] == list(range(40))
    with pytest.raises(TypeError, match="balanced must be True or False"):
        make_trials(4, balanced="yes")


def test_trainer_shows_the_safety_note_first():
    tr = _trainer()
    assert tr.widget.children[0] is tr.safety
    for needed in ("not a treatment", "Stop if it makes your pain worse", "clinician"):
        assert needed in SAFETY_NOTE and needed in tr.safety.value


def test_trainer_reports_each_rotation_for_each_hand():
    trials = [
        Trial(0, "left", "back", 90),
        Trial(1, "right", "back", 90),
        Trial(2, "left", "palm", 270),
        Trial(3, "right", "palm", 270),
        Trial(4, "right", "back", 0),
    ]
    times = iter([0.0, 2.0, 2.0, 3.0, 3.0, 4.2, 4.2, 7.2, 7.2, 8.0])  # shown, answered, shown, answered, ...
    tr = HandTrainer(n_trials=5, seed=0, clock=lambda: next(times))
    tr.trials = trials
    tr.begin()
    for side in ["left", "right", "left", "left", "right"]:  # picture 4 (right, 270) answered wrongly
        tr.answer(side)
    left, right = _trace(tr.breakdown_figure, "left"), _trace(tr.breakdown_figure, "right")
    # x order: 0, 90, 180, 270
    assert list(left.y) == pytest.approx([0, 2.0, 0, 1.2])
    assert list(right.y) == pytest.approx([0.8, 1.0, 0, 0])
    expected = ["0.80 s<br>(1 of 1)", "1.00 s<br>(1 of 1)", "no pictures<br>yet", "none right<br>(0 of 1)"]
    assert list(right.text) == expected
    text = tr.breakdown_text.value
    assert "1 of 1 right, 2.00 s" in text and "0 of 1 right, -" in text
    assert "at 90° your right-hand pictures were faster (1.00 s right, 2.00 s left)" in text
    assert "Takeda et al. 2010 found right hands faster there" in text
    assert "left-hand pictures: 2 of 2 right" in text and "right-hand pictures: 2 of 3 right" in text
