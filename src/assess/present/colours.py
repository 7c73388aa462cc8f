"""Colours of chart elements, named by what they mean, so that a chart's meaning, not its
author, picks the colour. Forces take theirs from the forces registry (``force_palette``).

A colour map that carries a value must be readable without telling red from green (about one
man in twelve cannot): ``darkens_evenly`` checks that its lightness alone orders its colours.
"""

import matplotlib as mpl
import numpy as np

NEUTRAL_FORCE = "#777777"
"""A force the forces registry gives no colour."""
INCREASE = "#b2182b"
"""A change flagged as an increase; also harm beside volume, and control limits."""
DECREASE = "#2166ac"
"""A change flagged as a decrease."""
NO_CLEAR_CHANGE = "#999999"
"""A change within chance; also volume beside harm."""
SERIES = "#4d4d4d"
"""A series that belongs to no one force; also the group of an alliance's forces."""
CENTRE = "#2f2f2f"
"""The centre line of a control chart."""
LIMIT = INCREASE
"""Control limits and the points that signal beyond them."""
REFERENCE_LINE = "#333333"
"""A line of no change (zero) or a reference mark."""
GRID = "#cccccc"
"""Dividing lines inside a chart (quadrants)."""
LAST_YEAR = "#d9d9d9"
"""Last year's positions in the assessment-summary matrix."""
THIS_YEAR = "#1b9e9e"
"""This year's positions in the assessment-summary matrix."""
ARROW = "#555555"
"""Arrows of movement between two positions."""
NOTE_TEXT = "#444444"
"""Source lines under charts."""
LABEL_ON_MARKER = "white"
"""Text drawn on a coloured marker."""
RISK_MAP = "OrRd"
"""Colour map of the strategic risk heat map, low to high: pale orange to dark red, darker at
every step up and with no green, so it reads in grey and to colour-blind readers."""
DARK_TEXT = "#1a1a1a"
"""Text on a light background."""


def force_palette(registry, forces) -> dict[str, str]:
    """Each of ``forces``' colour from the forces registry, neutral where it gives none."""
    return {force: registry.colour(force) or NEUTRAL_FORCE for force in forces}


def lightness(colour) -> float:
    """CIE L* of an sRGB colour (any Matplotlib colour), from 0 (black) to 100 (white), under a D65 white.

    L* is the lightness people see: two colours with very different L* are told apart by
    anyone, whatever their colour vision.
    """
    rgb = np.asarray(mpl.colors.to_rgb(colour))
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    y = float(linear @ [0.2126, 0.7152, 0.0722])
    f = y ** (1 / 3) if y > (6 / 29) ** 3 else y / (3 * (6 / 29) ** 2) + 4 / 29
    return 116 * f - 16


def darkens_evenly(cmap: str, samples: int = 11, step: float = 2.3) -> bool:
    """Whether the colour map ``cmap`` gets darker at each of ``samples`` even steps from its
    low end to its high end, every time by at least ``step`` L* (2.3 is about the smallest
    difference the eye notices). Then lightness alone orders its colours: no two of them (a red
    and a green of equal lightness, say) look alike to a reader who does not see hue, and the
    map still reads when printed in grey."""
    colours = mpl.colormaps[cmap](np.linspace(0, 1, samples))
    values = np.array([lightness(c) for c in colours])
    return bool(np.all(np.diff(values) <= -step))


def text_on(colour) -> str:
    """The colour of text drawn on ``colour``: white on a dark colour (L* below 55), else near black."""
    return LABEL_ON_MARKER if lightness(colour) < 55 else DARK_TEXT
