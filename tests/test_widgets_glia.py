"""The glial-loop explorer (lesson 05): a block that can end, and a readout that carries the plot's numbers."""

import html
import re

import numpy as np
import pytest

from crps_lessons.models import glia
from crps_lessons.widgets import explore
from crps_lessons.widgets.glia import ANTAGONIST_START, BLOCK_TO_END, DURATION


def _y(ex, role):
    return np.asarray(ex.trace(role).y, float)


def _readout(ex):
    return html.unescape(ex.readout.value)


def test_block_length_slider_is_live_only_with_the_antagonist():
    ex = explore("glial_loop")
    assert ex.controls["antagonist_duration"].disabled
    ex.controls["antagonist"].value = True
    assert not ex.controls["antagonist_duration"].disabled
    assert ex.controls["antagonist_duration"].value == BLOCK_TO_END == DURATION - ANTAGONIST_START


def test_a_short_block_is_drawn_and_the_loop_climbs_back():
    ex = explore("glial_loop", antagonist=True, antagonist_strength=0.7, antagonist_duration=5.0)
    run = glia.simulate(antagonist=0.7, antagonist_start=ANTAGONIST_START, antagonist_duration=5.0)
    np.testing.assert_allclose(_y(ex, "glia"), run.glia)
    block = _y(ex, "tlr4_block")
    times = np.asarray(ex.trace("tlr4_block").x, float)
    assert block[(times >= 25) & (times < 30)].min() == 0.7 and block[times >= 30].max() == 0.0
    text = _readout(ex)
    assert "still activated (self-sustaining)" in text and "from time 25 to 30" in text
    assert f"at time 60 is {run.late_activation:.2f}" in text
    assert re.search(r"Activation when the block ends: 0\.\d\d", text)


def test_a_long_enough_block_leaves_it_at_rest():
    ex = explore("glial_loop", antagonist=True, antagonist_strength=0.7, antagonist_duration=10.0)
    assert _y(ex, "glia")[-1] < 1e-3
    assert "back to rest" in _readout(ex)
    # the thin reference line is the same loop with no block at all
    assert _y(ex, "glia_without_antagonist")[-1] == pytest.approx(glia.simulate().late_activation)


def test_readout_numbers_are_the_plot_numbers():
    ex = explore("glial_loop", feedback=1.2, injury_duration=8.0)
    assert f"at time 60 is {_y(ex, 'glia')[-1]:.2f}" in _readout(ex)
    assert "injury input ends at time 10" in _readout(ex)
    assert f"only above {glia.CRITICAL_GAIN:.2f}" in _readout(ex)
    ex.controls["antagonist"].value = True
    assert f"is {(1 - 0.5) * 1.2:.2f}" in _readout(ex)


def test_the_loop_is_called_a_conceptual_model_everywhere():
    ex = explore("glial_loop")
    assert "conceptual model" in ex.figure.layout.title.text.lower()
    assert _readout(ex).startswith('<p class="crps-readout">Conceptual model')
    assert "CONCEPTUAL MODEL" in glia.__doc__


@pytest.mark.parametrize("value", [0.0, 40.0, "long"])
def test_block_length_out_of_range_is_refused(value):
    with pytest.raises(ValueError, match="antagonist_duration"):
        explore("glial_loop", antagonist=True, antagonist_duration=value)
