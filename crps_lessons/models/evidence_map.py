"""Where each finding sits on the evidence map of lesson 12 (pure placement rules, no plotting).

The evidence explorer draws every row of ``data/findings.csv`` as one marker: across, the direction
of the effect (harm, no clear difference, mixed, benefit); up, the certainty of the evidence as the
review that graded it reports it (GRADE: high, moderate, low, very low; or not graded). Markers in the
same cell are spread side by side so none hides another; the marker's size grows with the number of
people behind the finding, on a log scale so that a review of a thousand people does not swamp a
trial of sixty. Nothing here is a model of the evidence: it only places the table's rows.
"""

from __future__ import annotations

import math

import pandas as pd

from ..validate import check_number

__all__ = ["CERTAINTY_AXIS", "DIRECTION_AXIS", "cell_offsets", "marker_diameter", "place", "positions"]

# Left to right: from harm to benefit (the same reading direction as the opinions strip).
DIRECTION_AXIS = ["harm", "no clear difference", "mixed", "benefit"]
# Bottom to top: from no grade to high certainty.
CERTAINTY_AXIS = ["not graded", "very low", "low", "moderate", "high"]
UNKNOWN_SIZE_PX = 9.0
HALF_WIDTH = 0.36  # markers of one cell spread over +/- this many category widths
PER_ROW = 6  # markers side by side before a cell starts a second row


def marker_diameter(n_participants) -> float:
    """Marker diameter (px) for a finding about ``n_participants`` people: ``9 + 5 log10(n)``, at most 26 px;
    9 px when the number is not reported (``None`` or NA)."""
    if n_participants is None or pd.isna(n_participants):
        return UNKNOWN_SIZE_PX
    n = check_number("n_participants", float(n_participants), 1, unit="people")
    return min(26.0, UNKNOWN_SIZE_PX + 5 * math.log10(n))


def cell_offsets(k: int) -> list[tuple[float, float]]:
    """(dx, dy) offsets, in category widths, for ``k`` markers sharing one cell: a row of up to six side
    by side, further rows stacked just above and below."""
    k = check_number("k", k, 0, unit="markers", integer=True)
    rows = max(1, math.ceil(k / PER_ROW))
    out = []
    for i in range(k):
        row, col = divmod(i, PER_ROW)
        in_row = min(PER_ROW, k - row * PER_ROW)
        dx = 0.0 if in_row == 1 else -HALF_WIDTH + 2 * HALF_WIDTH * col / (in_row - 1)
        dy = 0.0 if rows == 1 else -0.3 + 0.6 * row / (rows - 1)
        out.append((dx, dy))
    return out


def positions(directions: list[str], certainties: list[str]) -> tuple[list[float], list[float], list[int]]:
    """Map positions of findings given their directions and certainties, in the order given:
    ``(x, y, slot)`` lists, ``slot`` being a marker's place among those sharing its cell (0, 1, 2 ...).

    Markers sharing a cell are spread by :func:`cell_offsets` in row order.
    Raises ValueError naming the value if a direction or certainty is not on the axes.
    """
    if len(directions) != len(certainties):
        raise ValueError(f"got {len(directions)} directions but {len(certainties)} certainties; give one of each")
    for name, values, axis in (("direction", directions, DIRECTION_AXIS), ("certainty", certainties, CERTAINTY_AXIS)):
        bad = [v for v in values if v not in axis]
        if bad:
            raise ValueError(f"{name} must be one of {', '.join(map(repr, axis))}; got {bad[0]!r}")
    cells: dict[tuple[str, str], list[int]] = {}
    for i, cell in enumerate(zip(directions, certainties, strict=True)):
        cells.setdefault(cell, []).append(i)
    xs, ys, slots = [0.0] * len(directions), [0.0] * len(directions), [0] * len(directions)
    for (direction, certainty), members in cells.items():
        for slot, (i, (dx, dy)) in enumerate(zip(members, cell_offsets(len(members)), strict=True)):
            xs[i] = DIRECTION_AXIS.index(direction) + dx
            ys[i] = CERTAINTY_AXIS.index(certainty) + dy
            slots[i] = slot
    return xs, ys, slots


def place(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings with columns ``x`` (direction position), ``y`` (certainty position) and ``slot`` (the
    marker's place among those sharing its cell: 0, 1, 2 ...) added, by :func:`positions`.

    Rows keep their order. Raises ValueError naming the value if a direction or certainty is not on the axes.
    """
    out = findings.reset_index(drop=True).copy()
    out["x"], out["y"], out["slot"] = positions(out["direction"].tolist(), out["certainty"].tolist())
    return out
