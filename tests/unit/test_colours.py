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


@pytest.mark.parametrize(
    ("first", "second", "expected"), [("black", "white", 21.0), ("white", "white", 1.0), ("#767676", "white", 4.54)]
)
def test_contrast_known_answers(first, second, expected):
    # WCAG's own examples: black on white is 21:1; #767676 is the lightest grey with 4.5:1 on white.
    assert colours.contrast(first, second) == pytest.approx(expected, abs=0.01)
    assert colours.contrast(second, first) == pytest.approx(expected, abs=0.01)


def test_every_mark_stands_out_from_the_chart_background_by_three_to_one():
    low = {c: round(colours.contrast(c), 2) for c in colours.MARKS if colours.contrast(c) < colours.MIN_CONTRAST}
    assert low == {}
    assert colours.contrast("#999999") < colours.MIN_CONTRAST  # the grey the dot plots used before
    assert colours.contrast(colours.BAND) < colours.MIN_CONTRAST <= colours.contrast(colours.BAND_EDGE)


def test_every_force_colour_in_the_registry_stands_out_from_the_background():
    from assess.read.forces import read_forces
    from conftest import ROOT

    registry = read_forces(ROOT / "data" / "reference" / "forces.csv")
    palette = colours.force_palette(registry, registry.names)
    assert palette and all(colours.contrast(c) >= colours.MIN_CONTRAST for c in palette.values()), palette
