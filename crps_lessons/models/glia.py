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
  ``antagonist_start`` on. This is how the model represents the *proposed* action of low-dose
  naltrexone (a TLR4 antagonist in laboratory studies); it is not a dose-response of any drug.
- ``tau_G = 2``, ``tau_C = 1``, ``tau_N = 1`` (dimensionless time constants); injury input
  strength 0.5. With these, an injury shorter than about 4 time units fades away even with strong
  feedback (``w = 1.5``), while a longer one tips the loop into the self-sustaining state.

All parameter values are illustrative choices, made so that the qualitative behaviour is easy to
see: activation that outlasts the injury when feedback is strong, a return to rest when it is
weak, and a switch back to rest when an antagonist lowers the loop gain below the critical value.

Integration: fixed-step exponential Euler (each linear relaxation is solved exactly over a step,
the inputs held constant), vectorised over parameter sets (``feedback`` and ``antagonist`` may be
arrays that broadcast); the injury and antagonist time courses are precomputed arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["GlialLoop", "simulate", "CRITICAL_GAIN", "HILL_N", "HILL_K", "PERSISTENCE_THRESHOLD"]

HILL_N = 4
HILL_K = 0.5
TAU_G, TAU_C, TAU_N = 2.0, 1.0, 1.0
CRITICAL_GAIN = 4.0 * HILL_K / 3.0 ** 0.75      # 0.877: below it only the resting state exists
PERSISTENCE_THRESHOLD = 0.3                    # activation above this at the end = "persistent"


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


def _number(name, value, low, high, *, integer=False):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a number between {low} and {high}, got {value!r}")
    value = float(value)
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}, got {value!r}")
    if integer and value != int(value):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    return value


def _array(name, value, low, high):
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number (or array of numbers) between {low} and {high}") from None
    if isinstance(value, bool) or arr.size == 0 or not np.all(np.isfinite(arr)) \
            or np.any(arr < low) or np.any(arr > high):
        raise ValueError(f"{name} must be finite and between {low} and {high}, got {value!r}")
    return arr


def simulate(injury_duration: float = 10.0, feedback: float = 1.5, antagonist: float = 0.0,
             antagonist_start: float = 25.0, duration: float = 60.0, dt: float = 0.1,
             injury_start: float = 2.0, injury_strength: float = 0.5) -> GlialLoop:
    """Run the conceptual glial-loop model (dimensionless).

    ``injury_duration`` (0-100) and ``injury_start`` (>= 0): when the injury input is on.
    ``feedback`` (0-5): strength ``w`` of neuron-to-glia feedback (array allowed).
    ``antagonist`` (0-1): fraction of glial activation drive blocked from ``antagonist_start``
    (array allowed; broadcasts with ``feedback``). ``duration`` (1-1000) and ``dt`` (0.001-1).
    """
    injury_duration = _number("injury_duration", injury_duration, 0.0, 100.0)
    injury_start = _number("injury_start", injury_start, 0.0, 1000.0)
    injury_strength = _number("injury_strength", injury_strength, 0.0, 10.0)
    antagonist_start = _number("antagonist_start", antagonist_start, 0.0, 1000.0)
    duration = _number("duration", duration, 1.0, 1000.0)
    dt = _number("dt", dt, 0.001, 1.0)
    w = _array("feedback", feedback, 0.0, 5.0)
    a = _array("antagonist", antagonist, 0.0, 1.0)
    w, a = np.broadcast_arrays(w, a)
    shape = w.shape

    n_steps = int(round(duration / dt))
    times = np.arange(n_steps + 1) * dt
    injury = np.where((times >= injury_start) & (times < injury_start + injury_duration), injury_strength, 0.0)
    on = (times >= antagonist_start).astype(float)
    block = 1.0 - a[..., None] * on                    # shape (..., n_times)

    eg, ec, en = math.exp(-dt / TAU_G), math.exp(-dt / TAU_C), math.exp(-dt / TAU_N)
    kn = HILL_K ** HILL_N
    G = np.zeros(shape + (n_steps + 1,))
    C = np.zeros_like(G)
    N = np.zeros_like(G)
    # Work on flat float lists per parameter set when scalar (fast path), arrays otherwise.
    if G.ndim == 1:
        g = c = x = 0.0
        wv = float(w)
        bl = block.tolist()
        inj = injury.tolist()
        gs, cs, ns = [0.0], [0.0], [0.0]
        for i in range(n_steps):
            xn = x ** 4
            drive = bl[i] * (inj[i] + wv * xn / (xn + kn))
            g_new = drive + (g - drive) * eg
            c_new = g + (c - g) * ec
            x = c + (x - c) * en
            g, c = g_new, c_new
            gs.append(g), cs.append(c), ns.append(x)
        G[:], C[:], N[:] = gs, cs, ns
    else:
        g = np.zeros(shape); c = np.zeros(shape); x = np.zeros(shape)
        for i in range(n_steps):
            xn = x ** HILL_N
            drive = block[..., i] * (injury[i] + w * xn / (xn + kn))
            g_new = drive + (g - drive) * eg
            c_new = g + (c - g) * ec
            x = c + (x - c) * en
            g, c = g_new, c_new
            G[..., i + 1], C[..., i + 1], N[..., i + 1] = g, c, x
    return GlialLoop(times, injury, np.broadcast_to(a[..., None] * on, G.shape).copy(), G, C, N)
