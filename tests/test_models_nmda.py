"""nmda.mg_unblock (Jahr & Stevens 1990) and nmda.ketamine_block against published values."""

import math

import numpy as np
import pytest

from crps_lessons.models.nmda import (
    KETAMINE_IC50_UM,
    half_unblock_voltage_mv,
    ketamine_block,
    mg_unblock,
    nmda_available,
)
from crps_lessons.validate import WrongType


def test_jahr_stevens_constants_at_published_points():
    # g(V) = 1 / (1 + exp(-0.062 V) [Mg] / 3.57)
    assert mg_unblock(0.0, 1.0) == pytest.approx(1 / (1 + 1 / 3.57))  # 0.781
    assert mg_unblock(-60.0, 1.0) == pytest.approx(1 / (1 + math.exp(3.72) / 3.57))
    assert mg_unblock(-60.0, 1.0) == pytest.approx(0.0796, abs=5e-4)
    # At 0 mV, [Mg] = 3.57 mM halves the conductance (definition of the constant).
    assert mg_unblock(0.0, 3.57) == pytest.approx(0.5)


def test_half_unblock_voltage_with_1_mm_mg_is_about_minus_20_mv():
    v_half = math.log(1.0 / 3.57) / 0.062
    assert v_half == pytest.approx(-20.5, abs=0.1)
    assert mg_unblock(v_half, 1.0) == pytest.approx(0.5)
    assert half_unblock_voltage_mv(1.0) == pytest.approx(v_half)


@pytest.mark.parametrize("mg", [0.1, 1.0, 2.0, 3.57, 10.0])
def test_half_unblock_voltage_halves_the_conductance(mg):
    assert mg_unblock(half_unblock_voltage_mv(mg), mg) == pytest.approx(0.5)


def test_half_unblock_voltage_without_magnesium_is_none():
    assert half_unblock_voltage_mv(0.0) is None
    assert half_unblock_voltage_mv(1.0) < half_unblock_voltage_mv(2.0)  # more Mg: need more depolarisation


def test_no_magnesium_means_no_block():
    assert np.all(mg_unblock(np.linspace(-120, 60, 50), 0.0) == 1.0)


def test_monotonic_in_voltage_and_in_magnesium():
    v = np.linspace(-120, 60, 200)
    g = mg_unblock(v, 1.2)
    assert np.all(np.diff(g) > 0)
    assert np.all((g > 0) & (g < 1))
    mg = np.linspace(0, 4, 30)
    assert np.all(np.diff(mg_unblock(-60.0, mg)) < 0)


def test_vectorised_and_broadcast():
    out = mg_unblock(np.array([[-80.0], [-40.0]]), np.array([0.5, 1.0, 2.0]))
    assert out.shape == (2, 3)
    assert isinstance(mg_unblock(-60.0), float)


def test_ketamine_half_block_at_ic50_and_hill_shape():
    assert pytest.approx(0.33) == KETAMINE_IC50_UM
    assert ketamine_block(KETAMINE_IC50_UM) == pytest.approx(0.5)
    assert ketamine_block(2.0, ic50_um=2.0, hill=1.7) == pytest.approx(0.5)
    assert ketamine_block(0.0) == 0.0
    # Hill coefficient 1: 9 x IC50 blocks 90 %.
    assert ketamine_block(9 * KETAMINE_IC50_UM) == pytest.approx(0.9)
    c = np.logspace(-3, 3, 40)
    b = ketamine_block(c)
    assert np.all(np.diff(b) > 0) and b[-1] < 1


def test_available_fraction_combines_both_blocks():
    assert nmda_available(-60.0, 1.0, KETAMINE_IC50_UM) == pytest.approx(0.5 * mg_unblock(-60.0, 1.0))


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: mg_unblock(float("nan")), "voltage_mv"),
        (lambda: mg_unblock([]), "voltage_mv"),
        (lambda: mg_unblock("-60"), "voltage_mv"),
        (lambda: mg_unblock(-500.0), "voltage_mv"),
        (lambda: mg_unblock(-60.0, -1.0), "mg_mm"),
        (lambda: mg_unblock(-60.0, float("nan")), "mg_mm"),
        (lambda: ketamine_block(-0.1), "concentration_um"),
        (lambda: ketamine_block([0.1, float("nan")]), "concentration_um"),
        (lambda: ketamine_block(1.0, ic50_um=0.0), "ic50_um"),
        (lambda: ketamine_block(1.0, hill=0.0), "hill"),
        (lambda: ketamine_block(1.0, hill=11.0), "hill"),
        (lambda: half_unblock_voltage_mv(-1.0), "mg_mm"),
    ],
)
def test_invalid_input_names_the_argument(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: mg_unblock("-60"),
        lambda: mg_unblock(None),
        lambda: mg_unblock(-60.0, "1 mM"),
        lambda: ketamine_block("0.33"),
        lambda: ketamine_block(1.0, ic50_um="0.33"),
        lambda: ketamine_block(1.0, hill=True),
        lambda: half_unblock_voltage_mv("1"),
    ],
)
def test_wrong_type_is_a_type_error(call):
    with pytest.raises(TypeError):
        call()
    with pytest.raises(WrongType):
        call()
