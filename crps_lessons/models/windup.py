"""Wind-up: a dorsal-horn neuron's growing response to a train of C-fibre stimuli (teaching model).

What experiments show
---------------------
Mendell (1966, source ``mendell1966``) stimulated C fibres repeatedly and saw dorsal-horn
neurons fire more to each successive stimulus: "wind-up". Herrero, Laird & Lopez-Garcia (2000,
``herrero2000``) reviewed the phenomenon: it needs stimulus rates of roughly 0.3-0.5 Hz or more
(at 0.1 Hz responses stay flat), grows over the first several stimuli and is reduced by NMDA
receptor antagonists such as ketamine. Aguiar, Sousa & Lima (2010, ``aguiar2010``) built a
biophysical model in which NMDA channels together with L-type calcium and calcium-activated
cationic currents are enough to produce wind-up.

What this model keeps
---------------------
Only the NMDA positive feedback, in an event-driven form (one update per stimulus, exact
exponential decay between stimuli; no time-stepping):

1. Just before stimulus k the membrane sits at ``V_k = V_rest + D_k`` where ``D_k`` (mV) is a
   slow depolarisation left over from earlier stimuli.
2. The NMDA drive of that stimulus is ``n_k = mg_unblock(V_k, Mg) * (1 - ketamine_block(c))
   * (E_NMDA - V_k) / (E_NMDA - V_rest)``: the Jahr & Stevens (1990) magnesium unblock at that
   voltage, the fraction left free by ketamine (Hill block, :mod:`.nmda`), and the driving
   force relative to rest.
3. The response (action potentials per stimulus, model units) is
   ``r_k = r_fast + gain_nmda * n_k + gain_depol * D_k``: a fixed fast (AMPA-like) part, the
   NMDA part, and extra firing because the cell starts closer to threshold.
4. The stimulus adds slow depolarisation in proportion to its NMDA drive, saturating at
   ``d_max``: ``D <- D + (d_max - D) * (1 - exp(-jump * n_k / d_max))`` (about ``jump * n_k``
   while far from the ceiling, never above it); between stimuli ``D`` decays as
   ``exp(-dt / tau_s)``.

Because depolarisation relieves the magnesium block, each stimulus makes the next one's NMDA
current larger: positive feedback. At 0.1 Hz the depolarisation has decayed (10 s is more than
three time constants) before the next stimulus, so nothing builds up. Ketamine cuts the NMDA
drive, and with it both the feedback and the growth.

This is a conceptual teaching model: the shape (growth at 0.5-2 Hz, none at 0.1 Hz, less with
ketamine) follows the experiments; the numbers are not fitted to any recording. Parameters are
listed in :class:`WindupParameters` with which are measured and which are chosen for teaching.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..validate import check_number
from .nmda import KETAMINE_IC50_UM, MG_HALF_MM, MG_SLOPE_PER_MV, ketamine_block

__all__ = ["DEFAULT_PARAMETERS", "WindupParameters", "simulate", "train", "windup_ratio"]


@dataclass(frozen=True)
class WindupParameters:
    """Constants of the wind-up teaching model, with units and provenance.

    Measured (from the literature):
      ``mg_slope_per_mv``, ``mg_half_mm``: magnesium block, Jahr & Stevens 1990 (via :mod:`.nmda`).
      ``ketamine_ic50_um``: 0.33 µM, Kotermanski & Johnson 2009 (via :mod:`.nmda`).
      ``e_nmda_mv``: 0 mV, the NMDA channel's reversal potential (a non-selective cation channel).

    Chosen for teaching (typical orders of magnitude, NOT fitted to data):
      ``v_rest_mv`` -65 mV: resting potential of a dorsal-horn neuron (order of magnitude).
      ``tau_s`` 3 s: decay time of the slow depolarisation ("a few seconds", like slow
        synaptic potentials in the dorsal horn); sets which frequencies wind up.
      ``jump_mv`` 120 mV per unit NMDA drive: slow depolarisation added per stimulus
        (about 6 mV for the first stimulus at rest with 1 mM Mg).
      ``d_max_mv`` 30 mV: ceiling of the slow depolarisation.
      ``r_fast`` 4 action potentials: the fast (AMPA-like) part of each response.
      ``gain_nmda`` 60 action potentials per unit NMDA drive.
      ``gain_depol`` 0.25 action potentials per mV of slow depolarisation.
    """

    v_rest_mv: float = -65.0
    e_nmda_mv: float = 0.0
    tau_s: float = 3.0
    jump_mv: float = 120.0
    d_max_mv: float = 30.0
    r_fast: float = 4.0
    gain_nmda: float = 60.0
    gain_depol: float = 0.25
    mg_slope_per_mv: float = MG_SLOPE_PER_MV
    mg_half_mm: float = MG_HALF_MM
    ketamine_ic50_um: float = KETAMINE_IC50_UM


DEFAULT_PARAMETERS = WindupParameters()

MAX_FREQUENCY_HZ = 50.0
MAX_STIMULI = 500
MAX_KETAMINE_UM = 1000.0
MAX_MG_MM = 10.0


def train(frequency_hz, n_stimuli=16, ketamine_um=0.0, mg_mm=1.0, params: WindupParameters = DEFAULT_PARAMETERS):
    """The model's state at each stimulus of a regular train, as NumPy arrays.

    Returns ``(time_s, response, voltage_mv, nmda_drive)``, each of length ``n_stimuli``:
    stimulus times (s, first at 0), response (action potentials, model units), membrane voltage
    just before each stimulus (mV) and the NMDA drive (dimensionless, 1 = fully unblocked
    channel at rest with full driving force).

    Parameters: ``frequency_hz`` in (0, 50] Hz; ``n_stimuli`` whole number in [1, 500];
    ``ketamine_um`` in [0, 1000] µM; ``mg_mm`` in [0, 10] mM.
    """
    f = check_number("frequency_hz", frequency_hz, 0.0, MAX_FREQUENCY_HZ, unit="Hz", low_open=True)
    n = check_number("n_stimuli", n_stimuli, 1, MAX_STIMULI, unit="stimuli", integer=True)
    ket = check_number("ketamine_um", ketamine_um, 0.0, MAX_KETAMINE_UM, unit="µM")
    mg = check_number("mg_mm", mg_mm, 0.0, MAX_MG_MM, unit="mM")
    p = params
    free = 1.0 - float(ketamine_block(ket, p.ketamine_ic50_um))
    decay = math.exp(-1.0 / (f * p.tau_s))
    span = p.e_nmda_mv - p.v_rest_mv
    mg_term = mg / p.mg_half_mm
    response = np.empty(n)
    voltage = np.empty(n)
    drive = np.empty(n)
    d = 0.0
    # One step per stimulus (closed-form decay between stimuli): microseconds per train.
    for k in range(n):
        if k:
            d *= decay
        v = p.v_rest_mv + d
        nd = free * (p.e_nmda_mv - v) / span / (1.0 + math.exp(-p.mg_slope_per_mv * v) * mg_term)
        response[k] = p.r_fast + p.gain_nmda * nd + p.gain_depol * d
        voltage[k] = v
        drive[k] = nd
        d += (p.d_max_mv - d) * (1.0 - math.exp(-p.jump_mv * nd / p.d_max_mv))
    time_s = np.arange(n) / f
    return time_s, response, voltage, drive


def simulate(
    frequency_hz, n_stimuli=16, ketamine_um=0.0, mg_mm=1.0, params: WindupParameters = DEFAULT_PARAMETERS
) -> pd.DataFrame:
    """Responses of the teaching dorsal-horn neuron to a train of C-fibre stimuli.

    Returns a DataFrame with one row per stimulus and columns ``stimulus`` (1..n, count),
    ``time_s`` (s) and ``response`` (action potentials per stimulus, model units). See the module
    docstring for the mechanism and :class:`WindupParameters` for the constants.

    >>> df = simulate(1.0)
    >>> bool(df["response"].iloc[-1] > 1.5 * df["response"].iloc[0])
    True
    """
    time_s, response, _, _ = train(frequency_hz, n_stimuli, ketamine_um, mg_mm, params)
    return pd.DataFrame({"stimulus": np.arange(1, len(time_s) + 1), "time_s": time_s, "response": response})


def windup_ratio(
    frequency_hz, n_stimuli=16, ketamine_um=0.0, mg_mm=1.0, params: WindupParameters = DEFAULT_PARAMETERS
) -> float:
    """Last response divided by the first (dimensionless): 1 means no wind-up."""
    _, response, _, _ = train(frequency_hz, n_stimuli, ketamine_um, mg_mm, params)
    return float(response[-1] / response[0])
