"""One check for every number a model or explorer accepts.

Wrong type: :class:`WrongType`, a ``TypeError`` (and also a ``ValueError``, so code that
guards against bad input with ``except ValueError`` catches it too). Out of range, NaN or infinite:
``ValueError``. Both messages name the argument, its unit and the allowed range.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = ["WrongType", "check_array", "check_choice", "check_number"]


class WrongType(TypeError, ValueError):
    """A value of the wrong type (e.g. text where a number is needed)."""


def _range_text(low, high, unit: str, integer: bool, low_open: bool = False) -> str:
    kind = "a whole number" if integer else "a number"
    unit_text = f" {unit}" if unit else ""
    if low is not None and low_open:
        return f"{kind} above {low}" + (f" and at most {high}" if high is not None else "") + unit_text
    if low is not None and high is not None:
        return f"{kind} from {low} to {high}{unit_text}"
    if low is not None:
        return f"{kind} of at least {low}{unit_text}"
    if high is not None:
        return f"{kind} of at most {high}{unit_text}"
    return f"{kind}{unit_text}"


def check_number(
    name: str, value, low=None, high=None, *, unit: str = "", integer: bool = False, low_open: bool = False
) -> float | int:
    """Return ``value`` as a float (or int when ``integer``) if it lies in [low, high].

    ``low_open``: the lower bound itself is not allowed (e.g. a half-life must be > 0).
    """
    allowed = _range_text(low, high, unit, integer, low_open)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise WrongType(f"{name} must be {allowed}, got {value!r} ({type(value).__name__})")
    if integer and not float(value).is_integer():
        raise WrongType(f"{name} must be {allowed}, got {value!r}")
    number = int(value) if integer else float(value)
    if (
        not math.isfinite(number)
        or (low is not None and (number < low or (low_open and number == low)))
        or (high is not None and number > high)
    ):
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    return number


def check_array(name: str, values, low=None, high=None, *, unit: str = "") -> np.ndarray:
    """Return ``values`` as a float array if every element is a finite number in [low, high]."""
    if isinstance(values, (str, bytes)) or values is None:
        raise WrongType(f"{name} must be a number or an array of numbers, got {values!r}")
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise WrongType(f"{name} must be a number or an array of numbers, got {values!r}") from None
    allowed = _range_text(low, high, unit, False)
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be {allowed}; it contains NaN or an infinite value")
    if (low is not None and (arr < low).any()) or (high is not None and (arr > high).any()):
        raise ValueError(f"every {name} must be {allowed}; got values from {arr.min():g} to {arr.max():g}")
    return arr


def check_choice(name: str, value, allowed) -> object:
    """Return ``value`` if it is one of ``allowed``."""
    allowed = list(allowed)
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}")
    return value
