"""The glial loop: a CONCEPTUAL MODEL (dimensionless; made up for teaching, not fitted to data).

The loop it sketches is the one described by Milligan & Watkins 2009 (Nat Rev Neurosci 10:23-36)
and, for CRPS, by Chopra & Cooper 2013 (J Neuroimmune Pharmacol 8:470-476) and Dr Chopra's talk::

    injury -> microglial TLR4 activation -> pro-inflammatory cytokines (via NF-kB)
           -> more excitable pain neurons -> signals that activate glia further -> ...

Three dimensionless variables (0 = resting):

- ``G`` glial activation,  ``C`` pro-inflammatory cytokine level,  ``N`` neuronal excitability.

Equations (time ``t`` in dimensionless units; read one unit as "about a day" only for orientation)::

    tau_G dG/dt = (1 - a(t)) * (I(t) + w * N^n / (N^n + K^n)) - G
    tau_C dC/dt = G - C
    tau_N dN/dt = C - N

- ``I(t)`` injury input: ``injury_strength`` (default 0.5) while the injury lasts, 0 after it has healed.
- ``w`` feedback strength: how strongly excitable neurons re-activate glia.
- ``N^n / (N^n + K^n)`` a sigmoidal (Hill) switch, ``n = 4``, ``K = 0.5``: little feedback while
  neurons are calm, strong feedback once they are excitable. This is what makes the loop
  bistable: without injury the resting state ``G = 0`` always exists, and a second,
  self-sustaining "high" state exists when ``(1 - a) * w`` exceeds ``CRITICAL_GAIN``
  (= min over x of x + K^n / x^(n-1) = 4 K / 3^(3/4) = 0.877).
- ``a(t)`` TLR4-antagonist factor (0-1): the fraction of the glial activation drive blocked, from
  ``antagonist_start`` for ``antagonist_duration`` time units (default: to the end of the run).
  This is how the model represents the *proposed* action of a TLR4 antagonist (Hutchinson et al.
  2008, Eur J Neurosci 28:20-29, showed TLR4 antagonism in cells for (+)-naltrexone, (+)-naloxone
  and (-)-naloxone, not for the (-)-naltrexone used as low-dose naltrexone); it is not a
  dose-response of any drug.
- ``tau_G = 2``, ``tau_C = 1``, ``tau_N = 1`` (dimensionless time constants); injury input
  strength 0.5. With these, an injury shorter than about 4 time units fades away even with strong
  feedback (``w = 1.5``), while a longer one tips the loop into the self-sustaining state.

All parameter values are illustrative choices, made so that the qualitative behaviour is easy to
see: activation that outlasts the injury when feedback is strong, a return to rest when it is
weak, and a switch back to rest when an antagonist lowers the loop gain below the critical value.
A block that ends can leave the loop at rest (if activation fell below the unstable middle state,
``unstable_state``) or let it climb back (if it did not): what a bistable loop predicts, not
something measured in people.

Integration: one fixed-step exponential Euler loop (each linear relaxation is solved exactly over
a step, the inputs held constant), for any Hill exponent, run on plain floats for one parameter
set and vectorised over parameter sets otherwise (``feedback`` and ``antagonist`` may be arrays
that broadcast); the injury and antagonist time courses are precomputed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..validate import WrongType, check_array, check_number

__all__ = [
    "CRITICAL_GAIN",
    "HILL_K",
    "HILL_N",
    "PERSISTENCE_THRESHOLD",
    "GlialLoop",
    "simulate",
    "steady_states",
    "time_grid",
    "unstable_state",
]

HILL_N = 4
HILL_K = 0.5
TAU_G, TAU_C, TAU_N = 2.0, 1.0, 1.0
CRITICAL_GAIN = 4.0 * HILL_K / 3.0**0.75  # 0.877: below it only the resting state exists
PERSISTENCE_THRESHOLD = 0.3  # activation above this at the end = "persistent"


@dataclass(frozen=True)
class GlialLoop:
    """Result of :func:`simulate`. Arrays have shape ``(..., n_times)``; conceptual model units."""

    times: np.ndarray
    injury: np.ndarray
    antagonist: np.ndarray
    glia: np.ndarray
    cytokines: np.ndarray
    excitability: np.ndarray

    @property
    def late_activation(self) -> np.ndarray:
        """Glial activation at the last time point (dimensionless)."""
        return self.glia[..., -1]

    @property
    def persistent(self) -> np.ndarray:
        """True where activation stays above PERSISTENCE_THRESHOLD at the end."""
        return self.late_activation > PERSISTENCE_THRESHOLD


def time_grid(duration: float = 60.0, dt: float = 0.1) -> np.ndarray:
    """The time points of :func:`simulate` (dimensionless): 0, dt, 2 dt, ... up to ``duration``."""
    duration = check_number("duration", duration, 1.0, 1000.0, unit="time units")
    dt = check_number("dt", dt, 0.001, 1.0, unit="time units")
    return np.arange(round(duration / dt) + 1) * dt


def _parameter_sets(name: str, value, low: float, high: float) -> np.ndarray:
    """``value`` (a number or an array of them) checked by :func:`check_array`; True/False or empty is refused."""
    if isinstance(value, (bool, np.bool_)):
        raise WrongType(f"{name} must be a number from {low} to {high}, got {value!r}")
    arr = check_array(name, value, low, high)
    if arr.size == 0:
        raise ValueError(f"{name} is empty; give at least one value")
    return arr


def _integrate(w, a, injury: list, on: list, dt: float, hill_n: float, hill_k: float):
    """Fixed-step exponential Euler of the three equations; returns lists of G, C, N at every time point.

    ``w`` and ``a`` (feedback, antagonist) are Python floats for one parameter set or equal-shape
    arrays for many: the same loop then runs on floats (about 0.1 ms for 600 steps) or
    vectorised over the sets (numpy on 0-d arrays would take about 3 ms). ``injury`` and ``on``
    (antagonist acting, 0 or 1) hold one float per time point.
    """
    eg, ec, en = math.exp(-dt / TAU_G), math.exp(-dt / TAU_C), math.exp(-dt / TAU_N)
    kn = hill_k**hill_n
    g = c = x = 0.0 * w  # resting state, with the shape of the parameter sets
    gs, cs, ns = [g], [c], [x]
    for i in range(len(injury) - 1):
        xn = x**hill_n
        drive = (1.0 - a * on[i]) * (injury[i] + w * xn / (xn + kn))
        # Each relaxation solved exactly over the step with its input held constant.
        g, c, x = drive + (g - drive) * eg, g + (c - g) * ec, c + (x - c) * en
        gs.append(g)
        cs.append(c)
        ns.append(x)
    return gs, cs, ns


def simulate(
    injury_duration: float = 10.0,
    feedback: float = 1.5,
    antagonist: float = 0.0,
    antagonist_start: float = 25.0,
    duration: float = 60.0,
    dt: float = 0.1,
    injury_start: float = 2.0,
    injury_strength: float = 0.5,
    antagonist_duration: float | None = None,
) -> GlialLoop:
    """Run the conceptual glial-loop model (dimensionless).

    ``injury_duration`` (0-100) and ``injury_start`` (>= 0): when the injury input is on.
    ``feedback`` (0-5): strength ``w`` of neuron-to-glia feedback (array allowed).
    ``antagonist`` (0-1): fraction of glial activation drive blocked from ``antagonist_start``
    (array allowed; broadcasts with ``feedback``) for ``antagonist_duration`` time units (0-1000;
    None: to the end of the run). ``duration`` (1-1000) and ``dt`` (0.001-1).
    """
    injury_duration = check_number("injury_duration", injury_duration, 0.0, 100.0, unit="time units")
    injury_start = check_number("injury_start", injury_start, 0.0, 1000.0, unit="time units")
    injury_strength = check_number("injury_strength", injury_strength, 0.0, 10.0)
    antagonist_start = check_number("antagonist_start", antagonist_start, 0.0, 1000.0, unit="time units")
    block_end = math.inf
    if antagonist_duration is not None:
        block_end = antagonist_start + check_number(
            "antagonist_duration", antagonist_duration, 0.0, 1000.0, unit="time units"
        )
    dt = check_number("dt", dt, 0.001, 1.0, unit="time units")
    times = time_grid(duration, dt)
    w = _parameter_sets("feedback", feedback, 0.0, 5.0)
    a = _parameter_sets("antagonist", antagonist, 0.0, 1.0)
    w, a = np.broadcast_arrays(w, a)

    injury = np.where((times >= injury_start) & (times < injury_start + injury_duration), injury_strength, 0.0)
    on = ((times >= antagonist_start) & (times < block_end)).astype(float)
    # One parameter set runs on Python floats (see _integrate).
    sets = (float(w), float(a)) if w.ndim == 0 else (w, a)
    gs, cs, ns = _integrate(*sets, injury.tolist(), on.tolist(), dt, HILL_N, HILL_K)
    G, C, N = (np.moveaxis(np.array(v, dtype=float), 0, -1) for v in (gs, cs, ns))
    return GlialLoop(times, injury, a[..., None] * on, G, C, N)


def steady_states(feedback: float, antagonist: float = 0.0) -> tuple[float, ...]:
    """Glial activation at the model's resting points with no injury input, lowest first (dimensionless).

    At a resting point ``G = C = N = x`` and ``x = (1 - a) w x^n / (x^n + K^n)``. ``x = 0`` always
    is one; above ``CRITICAL_GAIN`` two more exist: an unstable middle state (the tipping point) and
    the stable self-sustaining high state.
    """
    w = check_number("feedback", feedback, 0.0, 5.0)
    a = check_number("antagonist", antagonist, 0.0, 1.0)
    gain = (1.0 - a) * w
    # x > 0: x^n - gain x^(n-1) + K^n = 0, a polynomial in x.
    coeffs = [1.0, -gain] + [0.0] * (HILL_N - 2) + [HILL_K**HILL_N]
    roots = sorted(float(r.real) for r in np.roots(coeffs) if abs(r.imag) < 1e-9 and r.real > 0)
    return (0.0, *roots)


def unstable_state(feedback: float, antagonist: float = 0.0) -> float | None:
    """The tipping point: glial activation below which the loop falls back to rest (None below CRITICAL_GAIN)."""
    states = steady_states(feedback, antagonist)
    return states[1] if len(states) == 3 else None
