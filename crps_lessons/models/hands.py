"""Hand pictures and scoring for a left/right (laterality) judgement trainer. Pure NumPy.

Left/right judgement is the first stage of graded motor imagery (Moseley 2004, Pain 108:192-198;
Moseley 2006, Neurology 67:2129-2134): the learner sees a hand and says, as fast as they can,
whether it is a left or a right hand.

Drawing
-------
A hand is a polygon outline (forearm stub, palm, four fingers, thumb) in arbitrary drawing units
(the wrist at y = 0, the middle fingertip near y = 7.4). The canonical drawing has the thumb on the
viewer's right. That is what you see of a *left hand from the back* or a *right hand from the palm
side*. Every other picture follows from two operations:

* mirror about the vertical axis (x -> -x): swaps the side (left <-> right) for the same view;
* rotate by ``rotation_deg`` (counter-clockwise, about the centre of the palm; -360 to 360 degrees).

Which side of the hand faces the viewer is shown by marks drawn on it: nails and knuckle lines on
the back, crease lines on the palm side.

Scoring
-------
Trials are seeded (``make_trials``), so a session can be repeated exactly. Answers are records
``(trial_index, answer, response_time_s)``; :func:`score` turns them into per-trial results and a
summary. A trial without an answer counts as missed (wrong, and no response time); a second
answer to the same trial is ignored (the first one counts) and counted as a duplicate.
Bad input raises ``TypeError`` (wrong type) or ``ValueError`` (out of range), naming the argument.

Breakdowns
----------
:func:`breakdown` splits a score by how the hand was turned (``"rotation"``), by which hand was
shown (``"side"``), by which side of the hand faced the viewer (``"view"``), or by rotation and
side together (``"rotation+side"``): for each group the number of pictures, answers and correct
answers, accuracy, and the mean response time of the correct answers.

Published reference values (all read in the abstracts, 2026-12-01)
-----------------------------------------------------------------------
``REINERSMANN_2010``: mean (SD) response time on a limb laterality task, Reinersmann et al. 2010
(Neurosci Lett 486:240-245, doi:10.1016/j.neulet.2010.09.062): healthy subjects 1826.5 +/- 517.0 ms
(n = 38), CRPS 2278 +/- 735.7 ms (n = 12), phantom limb pain 2301.3 +/- 809.3 ms (n = 12); no
difference between affected and unaffected hands in either patient group.
``REINERSMANN_2010_AFTER_TRAINING``: after four days of laterality training, healthy subjects
1280.6 +/- 343.2 ms, CRPS 1874.5 +/- 613.3 ms (still slower, p < 0.01).
``MOSELEY_2004B``: Moseley 2004 (Neurology 62:2182-2186), 18 people with CRPS I of the wrist and 18
matched controls: pictures of the *affected* hand took longer; mean response time rose with the
duration of symptoms (Spearman rho 0.44, p = 0.02), and the pain a person predicted for making the
pictured movement explained 45% of the variance in response time per picture. The abstract gives no
group mean times, so none are drawn.
``TAKEDA_2010``: Takeda et al. 2010 (Laterality 15:415-425), 15 left-handed and 16 right-handed
healthy adults, hand pictures upright, turned anticlockwise, turned clockwise or upside down: in
both groups right hands were recognized faster than left hands when turned anticlockwise, and left
hands faster than right hands when turned clockwise. Here ``rotation_deg`` = 90 is anticlockwise
(fingers to the viewer's left) and 270 is clockwise (fingers to the right).

The published tasks used photographs or drawings of their own and other apparatus; times from a
browser and a Jupyter kernel include extra delay, so comparisons are only rough.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..validate import WrongType, check_choice, check_number

__all__ = [
    "BREAKDOWNS",
    "DEFAULT_ROTATIONS",
    "MOSELEY_2004B",
    "REINERSMANN_2010",
    "REINERSMANN_2010_AFTER_TRAINING",
    "ROTATION_NAMES",
    "SIDES",
    "TAKEDA_2010",
    "VIEWS",
    "Answer",
    "GroupSummary",
    "HandPicture",
    "Score",
    "Trial",
    "TrialResult",
    "breakdown",
    "draw_hand",
    "hand_marks",
    "hand_outline",
    "make_trials",
    "score",
    "thumb_on_right",
]

SIDES = ("left", "right")
VIEWS = ("back", "palm")
DEFAULT_ROTATIONS = (0, 90, 180, 270)
CENTRE = (0.0, 2.5)  # rotation centre (drawing units): the middle of the palm

# Mean (SD) response time in seconds and group size, Reinersmann et al. 2010 (abstract).
REINERSMANN_2010 = {
    "healthy": {"mean_s": 1.8265, "sd_s": 0.5170, "n": 38},
    "CRPS": {"mean_s": 2.2780, "sd_s": 0.7357, "n": 12},
    "phantom limb pain": {"mean_s": 2.3013, "sd_s": 0.8093, "n": 12},
}
# The same study after four days of laterality training (abstract): mean (SD) in seconds.
REINERSMANN_2010_AFTER_TRAINING = {
    "healthy": {"mean_s": 1.2806, "sd_s": 0.3432},
    "CRPS": {"mean_s": 1.8745, "sd_s": 0.6133},
}
# Moseley 2004, Neurology 62:2182-2186 (abstract): group sizes, the correlation of mean response
# time with symptom duration (Spearman rho, p), and the share of per-picture response-time variance
# explained by the pain predicted for making the pictured movement (dimensionless, 0-1).
MOSELEY_2004B = {
    "n_crps": 18,
    "n_controls": 18,
    "rho_duration_vs_rt": 0.44,
    "p_duration_vs_rt": 0.02,
    "rt_variance_explained_by_predicted_pain": 0.45,
}
# Takeda et al. 2010, Laterality 15:415-425 (abstract): healthy adults; which hand was recognized
# faster when the picture was turned anticlockwise (90 degrees here) or clockwise (270 degrees here).
TAKEDA_2010 = {"n_left_handed": 15, "n_right_handed": 16, "faster_side": {90: "right", 270: "left"}}

# How each rotation of the picture looks to the viewer (counter-clockwise degrees).
ROTATION_NAMES = {
    0: "upright",
    90: "turned anticlockwise (fingers to the left)",
    180: "upside down",
    270: "turned clockwise (fingers to the right)",
}
BREAKDOWNS = ("rotation", "side", "view", "rotation+side")

# Fingers of the canonical drawing (thumb on the right): centre x, width, base y, tip y.
_FINGERS = (  # little, ring, middle, index
    (-1.35, 0.78, 4.55, 6.1),
    (-0.45, 0.82, 4.75, 7.05),
    (0.45, 0.84, 4.8, 7.4),
    (1.35, 0.80, 4.7, 6.95),
)
_WEB_Y = 4.45  # height of the skin web between fingers


MAX_ROTATION_DEG = 360  # one full turn either way draws every picture there is, degrees
MAX_TRIALS = 1000  # a session of 1000 pictures is far beyond any practice block, count


def _check_rotation(rotation_deg) -> float:
    return check_number("rotation_deg", rotation_deg, -MAX_ROTATION_DEG, MAX_ROTATION_DEG, unit="degrees")


def _arc(cx: float, cy: float, r: float, start_deg: float, end_deg: float, n: int = 9) -> np.ndarray:
    t = np.radians(np.linspace(start_deg, end_deg, n))
    return np.column_stack([cx + r * np.cos(t), cy + r * np.sin(t)])


def _canonical_outline() -> np.ndarray:
    """Closed outline (N x 2) of the canonical hand: thumb on the viewer's right."""
    pts = [np.array([[0.95, -1.2], [-1.15, -1.2], [-1.25, 0.2], [-1.8, 1.6], [-1.82, 3.6]])]
    for i, (cx, width, base, tip) in enumerate(_FINGERS):
        half = width / 2
        left_base = _WEB_Y if i > 0 else base
        pts.append(np.array([[cx - half, left_base], [cx - half, tip - half]]))
        pts.append(_arc(cx, tip - half, half, 180, 0))
        right_base = _WEB_Y if i < len(_FINGERS) - 1 else base
        pts.append(np.array([[cx + half, right_base]]))
    # Thumb: from the index-finger base down to the thumb web, out and up to the tip, back to the wrist.
    pts.append(np.array([[1.78, 3.3], [2.0, 2.9], [2.6, 3.6], [2.95, 4.2]]))
    pts.append(_arc(3.25, 4.0, 0.36, 150, -40))
    pts.append(np.array([[3.45, 3.3], [2.9, 2.2], [2.3, 1.2], [1.6, 0.5], [1.05, 0.2], [0.95, -1.2]]))
    return np.vstack(pts)


def _canonical_marks(view: str) -> np.ndarray:
    """Marks (N x 2, NaN rows separate strokes) for the canonical drawing in ``view``."""
    strokes: list[np.ndarray] = []
    if view == "back":
        # Nails: a small rounded outline near each fingertip and the thumb tip.
        for cx, width, _, tip in _FINGERS:
            half = width * 0.28
            top = tip - width / 2
            strokes.append(
                np.vstack(
                    [
                        [[cx - half, top - 0.75], [cx - half, top]],
                        _arc(cx, top, half, 180, 0, 7),
                        [[cx + half, top - 0.75]],
                        [[cx - half, top - 0.75]],
                    ]
                )
            )
        strokes.append(np.vstack([_arc(3.22, 3.95, 0.2, 150, -30, 7), [[3.05, 3.55]], [[3.0, 3.85]]]))
        # Knuckles: short arcs at the base of each finger.
        for cx, width, base, _ in _FINGERS:
            strokes.append(_arc(cx, base - 0.35, width * 0.32, 200, 340, 7))
    else:
        # Palm creases: two long lines across the palm, a curved thumb crease, finger creases.
        strokes.append(np.array([[-1.8, 3.5], [-0.8, 3.75], [0.2, 3.8], [1.2, 4.2]]))
        strokes.append(np.array([[-1.75, 2.6], [-0.6, 2.85], [0.6, 3.15], [1.75, 3.55]]))
        strokes.append(_arc(2.6, 1.8, 1.3, 120, 230, 9))
        for cx, width, base, tip in _FINGERS:
            half = width * 0.42
            for frac in (0.35, 0.68):
                y = base + frac * (tip - base)
                strokes.append(np.array([[cx - half, y], [cx + half, y]]))
    out = []
    for s in strokes:
        out.append(s)
        out.append(np.array([[np.nan, np.nan]]))
    return np.vstack(out)


_OUTLINE = _canonical_outline()
_MARKS = {view: _canonical_marks(view) for view in VIEWS}


def thumb_on_right(side: str, view: str) -> bool:
    """Whether the thumb appears on the viewer's right (before rotation) for ``side`` and ``view``.

    Hold up your left hand with its back towards you: the thumb is on your right. Turn it to show
    the palm, or use the right hand, and the thumb moves to the left.
    """
    check_choice("side", side, SIDES)
    check_choice("view", view, VIEWS)
    return (side == "left") == (view == "back")


def _place(points: np.ndarray, side: str, view: str, rotation_deg: float) -> np.ndarray:
    pts = points.copy()
    if not thumb_on_right(side, view):
        pts[:, 0] = -pts[:, 0]  # mirror about the vertical axis x = 0
    theta = math.radians(rotation_deg)
    c, s = math.cos(theta), math.sin(theta)
    x, y = pts[:, 0] - CENTRE[0], pts[:, 1] - CENTRE[1]
    return np.column_stack([c * x - s * y + CENTRE[0], s * x + c * y + CENTRE[1]])


def hand_outline(side: str, view: str, rotation_deg: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """x and y (drawing units) of the closed hand outline for a side, a view and a rotation (deg)."""
    rotation = _check_rotation(rotation_deg)
    pts = _place(_OUTLINE, side, view, rotation)
    return pts[:, 0], pts[:, 1]


def hand_marks(side: str, view: str, rotation_deg: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """x and y of the nail/knuckle (back) or crease (palm) strokes; NaN separates strokes."""
    rotation = _check_rotation(rotation_deg)
    check_choice("view", view, VIEWS)
    pts = _place(_MARKS[view], side, view, rotation)
    return pts[:, 0], pts[:, 1]


@dataclass(frozen=True)
class HandPicture:
    side: str
    view: str
    rotation_deg: float
    outline_x: np.ndarray
    outline_y: np.ndarray
    marks_x: np.ndarray
    marks_y: np.ndarray


def draw_hand(side: str, view: str, rotation_deg: float = 0.0) -> HandPicture:
    """Everything needed to draw one hand picture."""
    ox, oy = hand_outline(side, view, rotation_deg)
    mx, my = hand_marks(side, view, rotation_deg)
    return HandPicture(side, view, float(rotation_deg), ox, oy, mx, my)


@dataclass(frozen=True)
class Trial:
    index: int
    side: str
    view: str
    rotation_deg: int


def make_trials(
    n_trials: int, seed: int = 0, rotations_deg=DEFAULT_ROTATIONS, views=VIEWS, *, balanced: bool = False
) -> list[Trial]:
    """``n_trials`` pictures (side, view, rotation) from a seeded generator.

    The same seed always gives the same list, so a session can be repeated or compared.
    ``balanced=False``: each picture is drawn at random. ``balanced=True``: the pictures come in
    shuffled blocks that hold every combination of side, view and rotation once, so every
    combination appears equally often (to within one) and a per-rotation, per-hand breakdown has
    pictures in every group.
    """
    n_trials = check_number("n_trials", n_trials, 1, MAX_TRIALS, unit="trials", integer=True)
    seed = check_number("seed", seed, 0, integer=True)
    rotations = [int(_check_rotation(r)) for r in rotations_deg]
    if not rotations:
        raise ValueError("rotations_deg must list at least one angle in degrees")
    views = list(views)
    if not views:
        raise ValueError(f"views must list at least one of {list(VIEWS)}")
    for v in views:
        check_choice("view", v, VIEWS)
    if not isinstance(balanced, bool):
        raise WrongType(f"balanced must be True or False, got {balanced!r}")
    rng = np.random.default_rng(seed)
    if balanced:
        combos = [(side, view, rot) for side in SIDES for view in views for rot in rotations]
        picked: list[tuple] = []
        while len(picked) < n_trials:
            picked += [combos[i] for i in rng.permutation(len(combos))]
        return [Trial(i, *picked[i]) for i in range(n_trials)]
    sides = rng.integers(0, 2, n_trials)
    view_idx = rng.integers(0, len(views), n_trials)
    rot_idx = rng.integers(0, len(rotations), n_trials)
    return [Trial(i, SIDES[sides[i]], views[view_idx[i]], rotations[rot_idx[i]]) for i in range(n_trials)]


@dataclass(frozen=True)
class Answer:
    trial_index: int
    answer: str
    response_time_s: float


@dataclass(frozen=True)
class TrialResult:
    index: int
    side: str
    view: str
    rotation_deg: int
    answer: str | None  # None: missed
    correct: bool
    response_time_s: float | None


@dataclass(frozen=True)
class Score:
    n_trials: int
    n_answered: int
    n_correct: int
    n_missed: int
    n_duplicates: int
    accuracy: float  # correct / all trials (a missed trial counts as wrong), 0-1
    mean_rt_s: float | None  # mean response time of correct answers (s); None if none correct
    mean_rt_all_s: float | None  # mean response time of all answered trials (s)
    results: tuple[TrialResult, ...]


def _as_answer(item) -> Answer:
    if isinstance(item, Answer):
        a = item
    else:
        try:
            a = Answer(*item)
        except TypeError:
            raise WrongType(
                f"an answer must be (trial_index, 'left' or 'right', response_time_s), got {item!r}"
            ) from None
    check_choice("answer", a.answer, SIDES)
    check_number("response_time_s", a.response_time_s, 0, unit="s")
    return a


def score(trials: list[Trial], answers) -> Score:
    """Score answers against trials.

    ``answers``: iterable of :class:`Answer` or ``(trial_index, answer, response_time_s)``.
    The first answer to a trial counts; later ones are counted in ``n_duplicates`` and ignored.
    A trial with no answer is missed: wrong, with no response time.
    """
    if not trials:
        raise ValueError("trials must not be empty")
    first: dict[int, Answer] = {}
    duplicates = 0
    for item in answers:
        a = _as_answer(item)
        index = check_number("trial_index", a.trial_index, 0, len(trials) - 1, integer=True)
        if index in first:
            duplicates += 1
        else:
            first[index] = a
    results = []
    for t in trials:
        a = first.get(t.index)
        results.append(
            TrialResult(
                t.index,
                t.side,
                t.view,
                t.rotation_deg,
                a.answer if a else None,
                bool(a and a.answer == t.side),
                float(a.response_time_s) if a else None,
            )
        )
    correct_rts = [r.response_time_s for r in results if r.correct]
    all_rts = [r.response_time_s for r in results if r.answer is not None]
    n_correct = len(correct_rts)
    return Score(
        n_trials=len(trials),
        n_answered=len(all_rts),
        n_correct=n_correct,
        n_missed=len(trials) - len(all_rts),
        n_duplicates=duplicates,
        accuracy=n_correct / len(trials),
        mean_rt_s=float(np.mean(correct_rts)) if correct_rts else None,
        mean_rt_all_s=float(np.mean(all_rts)) if all_rts else None,
        results=tuple(results),
    )


@dataclass(frozen=True)
class GroupSummary:
    """One group of a :func:`breakdown`: which pictures, and how they were answered."""

    key: tuple  # e.g. (90,), ("left",), ("palm",) or (90, "left")
    label: str
    n_trials: int
    n_answered: int
    n_correct: int
    accuracy: float  # correct / pictures in the group (a missed picture counts as wrong), 0-1
    mean_rt_s: float | None  # mean response time of the correct answers (s); None if none correct


def _rotation_label(rotation: int) -> str:
    name = ROTATION_NAMES.get(rotation % 360)
    return f"{rotation}°: {name}" if name else f"{rotation}°"


def _group_label(by: str, key: tuple) -> str:
    if by == "rotation":
        return _rotation_label(key[0])
    if by == "side":
        return f"{key[0]}-hand pictures"
    if by == "view":
        return "back of the hand" if key[0] == "back" else "palm"
    return f"{key[0]}°, {key[1]}-hand pictures"


def breakdown(result: Score, by: str = "rotation") -> tuple[GroupSummary, ...]:
    """Split a :class:`Score` into groups of pictures.

    ``by``: ``"rotation"`` (how the picture was turned), ``"side"`` (left or right hand shown),
    ``"view"`` (back or palm) or ``"rotation+side"``. Groups come in a fixed order (rotations
    ascending, then left before right, back before palm); only groups with pictures appear.
    """
    if not isinstance(result, Score):
        raise WrongType(f"result must be a Score from score(), got {type(result).__name__}")
    check_choice("by", by, BREAKDOWNS)

    def key_of(r: TrialResult) -> tuple:
        if by == "rotation":
            return (r.rotation_deg,)
        if by == "side":
            return (r.side,)
        if by == "view":
            return (r.view,)
        return (r.rotation_deg, r.side)

    def order(key: tuple) -> tuple:
        parts = []
        for part in key:
            if isinstance(part, str):
                parts.append(SIDES.index(part) if part in SIDES else VIEWS.index(part))
            else:
                parts.append(part)
        return tuple(parts)

    groups: dict[tuple, list[TrialResult]] = {}
    for r in result.results:
        groups.setdefault(key_of(r), []).append(r)
    out = []
    for key in sorted(groups, key=order):
        rows = groups[key]
        correct = [r.response_time_s for r in rows if r.correct]
        out.append(
            GroupSummary(
                key=key,
                label=_group_label(by, key),
                n_trials=len(rows),
                n_answered=sum(r.answer is not None for r in rows),
                n_correct=len(correct),
                accuracy=len(correct) / len(rows),
                mean_rt_s=float(np.mean(correct)) if correct else None,
            )
        )
    return tuple(out)
