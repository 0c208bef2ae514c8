"""The NMDA receptor channel: magnesium block and ketamine block (pure NumPy).

Two published relations, used by the wind-up model (:mod:`crps_lessons.models.windup`) and the
"mg_block" explorer.

Magnesium block (Jahr & Stevens 1990)
-------------------------------------
Jahr CE, Stevens CF. Voltage dependence of NMDA-activated macroscopic conductances predicted by
single-channel kinetics. J Neurosci 1990;10(9):3178-3182, doi:10.1523/JNEUROSCI.10-09-03178.1990
(source id ``jahr1990``; often mis-cited as the companion paper J Neurosci 10(6):1830). The fraction
of the NMDA conductance left unblocked by extracellular magnesium is

    g(V) = 1 / (1 + exp(-0.062 * V) * [Mg] / 3.57)

with V the membrane voltage in mV, [Mg] the extracellular magnesium concentration in mM,
0.062 per mV the steepness of the voltage dependence and 3.57 mM the magnesium concentration that
halves the conductance at 0 mV. These are the constants used by the published NEURON models that
cite Jahr & Stevens 1990 (written there as 0.28 /mM = 1/3.57 mM); they describe cultured
hippocampal neurons at room temperature.

Ketamine block (open-channel blocker, Hill equation)
----------------------------------------------------
Ketamine enters the open NMDA channel and plugs it. The fraction of NMDA current blocked at a
steady concentration c is the Hill equation  c^n / (c^n + IC50^n).  The default IC50 is
0.33 µM: ketamine at recombinant GluN1/GluN2A receptors held at -66 mV without magnesium,
Kotermanski & Johnson 2009 (J Neurosci 29:2774-2779, source id ``kotermanski2009``); GluN1/GluN2B
gave a similar value. Two simplifications, both teaching choices: (1) the real block is voltage
dependent (stronger at negative voltages) and magnesium competes with ketamine for the pore (with
1 mM Mg the same study measured a several-fold higher IC50 at GluN2A/2B receptors); here the
block is independent of voltage and of magnesium; (2) the Hill coefficient defaults to 1 (one
ketamine molecule per channel).
"""

from __future__ import annotations

import math

import numpy as np

from ..validate import check_array, check_number

__all__ = [
    "KETAMINE_IC50_UM",
    "MG_HALF_MM",
    "MG_SLOPE_PER_MV",
    "half_unblock_voltage_mv",
    "ketamine_block",
    "mg_unblock",
    "nmda_available",
]

#: Steepness of the voltage dependence of Mg block, per mV (Jahr & Stevens 1990).
MG_SLOPE_PER_MV = 0.062
#: Mg concentration halving the NMDA conductance at 0 mV, mM (Jahr & Stevens 1990).
MG_HALF_MM = 3.57
#: Ketamine IC50 at NMDA receptors, µM (GluN1/GluN2A, -66 mV, 0 Mg; Kotermanski & Johnson 2009).
KETAMINE_IC50_UM = 0.33

# Accepted input ranges: wider than physiology, so that "what if" questions still get an answer.
_VOLTAGE_RANGE_MV = (-200.0, 100.0)
_MG_RANGE_MM = (0.0, 100.0)
_KETAMINE_RANGE_UM = (0.0, 1e4)
_HILL_MAX = 10.0


def _values(name: str, value, low: float, high: float, unit: str) -> np.ndarray:
    """``value`` as a float array checked by :func:`check_array`; an empty one names ``name`` too."""
    arr = check_array(name, value, low, high, unit=unit)
    if arr.size == 0:
        raise ValueError(f"{name} is empty; give at least one value")
    return arr


def _out(arr: np.ndarray):
    return float(arr) if arr.ndim == 0 else arr


def mg_unblock(voltage_mv, mg_mm=1.0):
    """Fraction (0-1, dimensionless) of NMDA conductance not blocked by extracellular magnesium.

    Jahr & Stevens 1990: ``1 / (1 + exp(-0.062 V) [Mg] / 3.57)``, V in mV, [Mg] in mM.

    Parameters
    ----------
    voltage_mv : float or array
        Membrane voltage, mV, in [-200, 100].
    mg_mm : float or array
        Extracellular magnesium, mM, in [0, 100] (about 1-2 mM in cerebrospinal fluid and
        extracellular fluid; 1 mM is the usual textbook value).

    Returns a float for scalar input, otherwise an array broadcast from both arguments.

    >>> round(mg_unblock(-60.0, 1.0), 3)
    0.08
    >>> round(mg_unblock(0.0, 1.0), 3)
    0.781
    """
    v = _values("voltage_mv", voltage_mv, *_VOLTAGE_RANGE_MV, "mV")
    mg = _values("mg_mm", mg_mm, *_MG_RANGE_MM, "mM")
    return _out(1.0 / (1.0 + np.exp(-MG_SLOPE_PER_MV * v) * (mg / MG_HALF_MM)))


def ketamine_block(concentration_um, ic50_um=KETAMINE_IC50_UM, hill=1.0):
    """Fraction (0-1, dimensionless) of NMDA current blocked by ketamine at a steady concentration.

    Hill equation ``c^n / (c^n + IC50^n)``. Default IC50 0.33 µM (Kotermanski & Johnson 2009,
    GluN1/GluN2A, -66 mV, no Mg); the voltage and Mg dependence of the real block is left out
    (see the module docstring).

    Parameters
    ----------
    concentration_um : float or array
        Ketamine concentration at the receptor, µM, in [0, 10000].
    ic50_um : float
        Concentration giving half block, µM, in (0, 10000].
    hill : float
        Hill coefficient (dimensionless), in (0, 10].

    >>> ketamine_block(0.33)
    0.5
    """
    c = _values("concentration_um", concentration_um, *_KETAMINE_RANGE_UM, "µM")
    ic50 = check_number("ic50_um", ic50_um, 0.0, _KETAMINE_RANGE_UM[1], unit="µM", low_open=True)
    n = check_number("hill", hill, 0.0, _HILL_MAX, low_open=True)
    ratio = (c / ic50) ** n
    return _out(ratio / (1.0 + ratio))


def nmda_available(voltage_mv, mg_mm=1.0, ketamine_um=0.0, ic50_um=KETAMINE_IC50_UM):
    """Fraction of NMDA conductance that can conduct: ``mg_unblock * (1 - ketamine_block)``.

    Treats the two blocks as independent (a teaching simplification: in reality Mg and ketamine
    compete for the same pore).
    """
    return _out(np.asarray(mg_unblock(voltage_mv, mg_mm)) * (1.0 - np.asarray(ketamine_block(ketamine_um, ic50_um))))


def half_unblock_voltage_mv(mg_mm: float) -> float | None:
    """Voltage (mV) at which magnesium leaves half the NMDA conductance unblocked; None without magnesium.

    Solves ``mg_unblock(V, mg_mm) = 0.5``: ``V = ln([Mg] / 3.57) / 0.062`` (Jahr & Stevens 1990).

    >>> round(half_unblock_voltage_mv(1.0), 1)
    -20.5
    """
    mg = check_number("mg_mm", mg_mm, *_MG_RANGE_MM, unit="mM")
    if mg == 0:
        return None
    return math.log(mg / MG_HALF_MM) / MG_SLOPE_PER_MV
