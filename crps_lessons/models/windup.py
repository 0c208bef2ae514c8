"""Wind-up: a dorsal-horn neuron's growing response to a train of C-fibre stimuli (teaching model).

What experiments show (the sources this model is checked against)
-----------------------------------------------------------------
* Wind-up was first described in the mid-1960s: successive volleys in C fibres evoke ever longer
  bursts in spinal neurons (Mendell's own review, 2022, source ``mendell2022``).
* In deep dorsal-horn neurons of the rat, 16 C-fibre stimuli at 0.5 Hz produce wind-up; an NMDA
  receptor antagonist (AP5) on the spinal cord changes the C-fibre input to the cells little but
  reliably reduces the wind-up (Dickenson & Sullivan 1987, ``dickenson1987``).
* In people, repeated brief heat contacts 3 s apart (0.33 Hz) make the late ("second") pain grow
  from contact to contact; the same contacts at 0.16 Hz or less do not (Vierck et al. 1997,
  ``vierck1997``). Once wind-up has built up at 0.3 Hz, contacts at 0.16 or 0.08 Hz do not keep it
  up in healthy people (Staud et al. 2004, ``staud2004``): the extra response fades within a few
  seconds once the stimuli slow down or stop.
* The growth has more than one source. A biophysical model of a wide-dynamic-range neuron
  (Aguiar, Sousa & Lima 2010, ``aguiar2010``) needs long-lasting NMDA responses summing on top of a
  cumulative depolarization, which calcium-activated non-specific cation currents, driven by calcium
  entering through L-type calcium channels, help to build. Substance P acting on NK1 receptors
  carries a slow, prolonged excitatory potential after noxious input that an NK1 antagonist blocks
  (De Koninck & Henry 1991, ``dekoninck1991``).

What this model keeps
---------------------
An event-driven sketch (one update per stimulus, exact exponential decay between stimuli; no
time-stepping) with one slow depolarization ``D`` (mV) that stands for all the slow currents above:

1. Just before stimulus k the membrane sits at ``V_k = V_rest + D_k``.
2. The NMDA drive of that stimulus is ``n_k = mg_unblock(V_k, Mg) * (1 - ketamine_block(c))
   * (E_NMDA - V_k) / (E_NMDA - V_rest)``: the Jahr & Stevens (1990) magnesium unblock at that
   voltage, the share of channels ketamine leaves free (Hill block, :mod:`.nmda`), and the driving
   force relative to rest.
3. The response (action potentials per stimulus, model units) is
   ``r_k = r_fast + gain_nmda * n_k + gain_depol * D_k``: a fixed fast (AMPA-like) part, the NMDA
   part, and extra firing because the cell starts closer to threshold.
4. Each stimulus adds slow depolarization, ``jump_nmda * n_k`` through NMDA channels and
   ``jump_other`` mV that does not need them (the NK1 and plateau currents, lumped), saturating at
   ``d_max``: ``D <- D + (d_max - D) * (1 - exp(-(jump_nmda * n_k + jump_other) / d_max))``; between
   stimuli ``D`` decays as ``exp(-dt / tau_s)``.

Because depolarization relieves the magnesium block, each stimulus makes the next one's NMDA drive
larger: positive feedback. Stimuli far apart find ``D`` decayed and nothing builds up. Ketamine cuts
the NMDA drive, so wind-up shrinks but does not vanish (the NMDA-independent part remains), while
the first response, mostly fast, changes little. After the train, a test stimulus ``pause_s``
seconds after the last one (:func:`recovery`) shows the extra response fading with ``tau_s``.

Calibration, and what is not calibrated
---------------------------------------
``tau_s`` and the gains were chosen so that the model reproduces the published conditions above:
growth at 0.33 Hz and faster, almost none at 0.16 Hz and below; wind-up at 0.5 Hz over 16 stimuli;
a strong NMDA block that leaves the first response nearly unchanged but cuts the growth by more
than half; a test stimulus 6.25 s after a 0.33 Hz train (one 0.16 Hz interval) keeps about a third
of the extra response, and one 12.5 s after it (one 0.08 Hz interval) almost none. The *size* of
the growth (about 2.1 times the first response after 16 stimuli at 1 Hz) is NOT fitted to any
recording: no recording whose fold increase could be read was found (searched 2026-12-01, see the
lesson). This is a conceptual teaching model; its parameters are listed in :class:`WindupParameters`
with which are measured and which are chosen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..validate import check_array, check_number
from .nmda import KETAMINE_IC50_UM, MG_HALF_MM, MG_SLOPE_PER_MV, ketamine_block

__all__ = ["DEFAULT_PARAMETERS", "WindupParameters", "recovery", "simulate", "train", "windup_ratio"]


@dataclass(frozen=True)
class WindupParameters:
    """Constants of the wind-up teaching model, with units and provenance.

    Measured (from the literature):
      ``mg_slope_per_mv``, ``mg_half_mm``: magnesium block, Jahr & Stevens 1990 (via :mod:`.nmda`).
      ``e_nmda_mv``: 0 mV, the NMDA channel's reversal potential (a non-selective cation channel).
      ``ketamine_ic50_um``: the half-block concentration of :mod:`.nmda` (0.33 µM, attributed to
        Kotermanski & Johnson 2009, read second-hand). The explorer sets ketamine as a multiple of it,
        so nothing a learner sees depends on its value.

    Chosen for teaching (NOT fitted to a recording; see the module docstring for what they reproduce):
      ``v_rest_mv`` -65 mV: resting potential of a dorsal-horn neuron (order of magnitude).
      ``tau_s`` 3 s: decay time of the slow depolarization; sets which frequencies wind up (growth at
        0.33 Hz, almost none at 0.16 Hz, as in Vierck et al. 1997) and how fast it fades.
      ``jump_nmda_mv`` 200 mV per unit NMDA drive: slow depolarization added through NMDA channels
        (about 12 mV for the first stimulus at rest with 1 mM Mg).
      ``jump_other_mv`` 1 mV per stimulus: slow depolarization that needs no NMDA channel (NK1 and
        plateau currents, lumped).
      ``d_max_mv`` 30 mV: ceiling of the slow depolarization.
      ``r_fast`` 6 action potentials: the fast (AMPA-like) part of each response.
      ``gain_nmda`` 15 action potentials per unit NMDA drive.
      ``gain_depol`` 0.4 action potentials per mV of slow depolarization.
    """

    v_rest_mv: float = -65.0
    e_nmda_mv: float = 0.0
    tau_s: float = 3.0
    jump_nmda_mv: float = 200.0
    jump_other_mv: float = 1.0
    d_max_mv: float = 30.0
    r_fast: float = 6.0
    gain_nmda: float = 15.0
    gain_depol: float = 0.4
    mg_slope_per_mv: float = MG_SLOPE_PER_MV
    mg_half_mm: float = MG_HALF_MM
    ketamine_ic50_um: float = KETAMINE_IC50_UM


DEFAULT_PARAMETERS = WindupParameters()

MAX_FREQUENCY_HZ = 50.0
MAX_STIMULI = 500
MAX_KETAMINE_UM = 1000.0
MAX_MG_MM = 10.0
MAX_PAUSE_S = 3600.0


def _checked(frequency_hz, n_stimuli, ketamine_um, mg_mm):
    f = check_number("frequency_hz", frequency_hz, 0.0, MAX_FREQUENCY_HZ, unit="Hz", low_open=True)
    n = check_number("n_stimuli", n_stimuli, 1, MAX_STIMULI, unit="stimuli", integer=True)
    ket = check_number("ketamine_um", ketamine_um, 0.0, MAX_KETAMINE_UM, unit="µM")
    mg = check_number("mg_mm", mg_mm, 0.0, MAX_MG_MM, unit="mM")
    return f, n, ket, mg


def _drive(v, free, mg, p):
    """NMDA drive at voltage ``v`` (mV): unblocked fraction x free share x relative driving force."""
    span = p.e_nmda_mv - p.v_rest_mv
    return free * (p.e_nmda_mv - v) / span / (1.0 + np.exp(-p.mg_slope_per_mv * v) * mg / p.mg_half_mm)


def _run(f, n, ket, mg, p):
    """The train, stimulus by stimulus; also returns the slow depolarization just after the last one."""
    free = 1.0 - float(ketamine_block(ket, p.ketamine_ic50_um))
    decay = math.exp(-1.0 / (f * p.tau_s))
    response = np.empty(n)
    voltage = np.empty(n)
    drive = np.empty(n)
    d = 0.0
    # One step per stimulus (closed-form decay between stimuli): microseconds per train.
    for k in range(n):
        if k:
            d *= decay
        v = p.v_rest_mv + d
        nd = float(_drive(v, free, mg, p))
        response[k] = p.r_fast + p.gain_nmda * nd + p.gain_depol * d
        voltage[k] = v
        drive[k] = nd
        added = p.jump_nmda_mv * nd + p.jump_other_mv
        d += (p.d_max_mv - d) * (1.0 - math.exp(-added / p.d_max_mv))
    return response, voltage, drive, d, free


def train(frequency_hz, n_stimuli=16, ketamine_um=0.0, mg_mm=1.0, params: WindupParameters = DEFAULT_PARAMETERS):
    """The model's state at each stimulus of a regular train, as NumPy arrays.

    Returns ``(time_s, response, voltage_mv, nmda_drive)``, each of length ``n_stimuli``:
    stimulus times (s, first at 0), response (action potentials, model units), membrane voltage
    just before each stimulus (mV) and the NMDA drive (dimensionless, 1 = fully unblocked
    channel at rest with full driving force).

    Parameters: ``frequency_hz`` in (0, 50] Hz; ``n_stimuli`` whole number in [1, 500];
    ``ketamine_um`` in [0, 1000] µM; ``mg_mm`` in [0, 10] mM.
    """
    f, n, ket, mg = _checked(frequency_hz, n_stimuli, ketamine_um, mg_mm)
    response, voltage, drive, _, _ = _run(f, n, ket, mg, params)
    return np.arange(n) / f, response, voltage, drive


def recovery(
    frequency_hz,
    n_stimuli=16,
    pause_s=10.0,
    ketamine_um=0.0,
    mg_mm=1.0,
    params: WindupParameters = DEFAULT_PARAMETERS,
):
    """Response to one test stimulus given ``pause_s`` seconds after the last stimulus of the train.

    ``pause_s``: a number or an array of numbers, each above 0 and at most 3600 s. Returns a float for
    a number and a NumPy array for an array (action potentials, model units). With a long pause the
    test response returns to the first (rested) response of the train: wind-up fades.

    >>> first = float(train(1.0)[1][0])
    >>> round(recovery(1.0, pause_s=60.0) / first, 3)
    1.0
    """
    f, n, ket, mg = _checked(frequency_hz, n_stimuli, ketamine_um, mg_mm)
    scalar = np.ndim(pause_s) == 0 and not isinstance(pause_s, (list, tuple))
    if scalar:
        pauses = np.asarray(check_number("pause_s", pause_s, 0.0, MAX_PAUSE_S, unit="s", low_open=True), float)
    else:
        pauses = check_array("pause_s", pause_s, 0.0, MAX_PAUSE_S, unit="s")
        if (pauses <= 0).any():
            raise ValueError(f"every pause_s must be a number above 0.0 and at most {MAX_PAUSE_S} s")
    p = params
    _, _, _, d_after, free = _run(f, n, ket, mg, p)
    d = d_after * np.exp(-pauses / p.tau_s)
    test = p.r_fast + p.gain_nmda * _drive(p.v_rest_mv + d, free, mg, p) + p.gain_depol * d
    return float(test) if scalar else np.asarray(test, float)


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
