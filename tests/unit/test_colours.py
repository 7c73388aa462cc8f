"""Colours: lightness is computed right, and the risk heat map reads without seeing red from green."""

import pytest

from assess.present import colours


@pytest.mark.parametrize(("colour", "expected"), [("white", 100.0), ("black", 0.0), ("#777777", 50.03), ("red", 53.24)])
def test_lightness_known_answers(colour, expected):
    assert colours.lightness(colour) == pytest.approx(expected, abs=0.01)


def test_the_risk_map_is_ordered_by_lightness_alone():
    assert colours.darkens_evenly(colours.RISK_MAP)


def test_a_red_to_green_map_fails_the_check():
    # RdYlGn runs red (L* 38) up to yellow (L* 98) and down to green (L* 34): its two ends have
    # nearly the same lightness, so a reader who cannot tell red from green cannot tell them apart.
    assert not colours.darkens_evenly("RdYlGn_r")
    assert not colours.darkens_evenly("RdYlGn")
    assert abs(colours.lightness("#a50026") - colours.lightness("#006837")) < 5


def test_text_on_a_colour_stays_readable():
    assert colours.text_on("black") == colours.LABEL_ON_MARKER
    assert colours.text_on("white") == colours.DARK_TEXT
    assert colours.text_on("#7f0000") == colours.LABEL_ON_MARKER
