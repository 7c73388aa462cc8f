"""Colours of chart elements, named by what they mean, so that a chart's meaning, not its
author, picks the colour. Forces take theirs from the forces registry (``force_palette``).

A colour map that carries a value must be readable without telling red from green (about one
man in twelve cannot): ``darkens_evenly`` checks that its lightness alone orders its colours.

Every mark, line and edge a reader needs has at least 3:1 contrast against the chart's white
background (WCAG 1.4.11, non-text contrast; ``contrast``, ``MARKS``); a pale fill (``BAND``,
``LAST_YEAR``) is drawn with an edge that has.
"""

import matplotlib as mpl
import numpy as np

NEUTRAL_FORCE = "#777777"
"""A force the forces registry gives no colour."""
INCREASE = "#b2182b"
"""A change flagged as an increase; also harm beside volume, and control limits."""
DECREASE = "#2166ac"
"""A change flagged as a decrease."""
NO_CLEAR_CHANGE = "#8c8c8c"
"""A change within chance; also volume beside harm, and the forces a dot plot does not pick
out (3.4:1 on white; #999999 was 2.8:1)."""
SERIES = "#4d4d4d"
"""A series that belongs to no one force; also the group of an alliance's forces."""
CENTRE = "#2f2f2f"
"""The centre line of a control chart."""
LIMIT = INCREASE
"""Control limits and the points that signal beyond them."""
REFERENCE_LINE = "#333333"
"""A line of no change (zero) or a reference mark."""
GRID = "#858585"
"""Dividing lines inside a chart (quadrants), which carry meaning (3.7:1 on white)."""
LAST_YEAR = "#d9d9d9"
"""Last year's positions in the assessment-summary matrix: a pale fill, drawn with an ``ARROW`` edge."""
BAND = "#d9d9d9"
"""A shaded range (the interquartile range of a dot plot): a pale fill, drawn with ``BAND_EDGE`` edges."""
BAND_EDGE = "#767676"
"""The edges of a shaded range (4.5:1 on white)."""
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


MIN_CONTRAST = 3.0
"""The least contrast a chart's marks need against its background (WCAG 1.4.11)."""
BACKGROUND = "white"
"""The background of every chart (the book's seaborn style)."""
MARKS = (NEUTRAL_FORCE, INCREASE, DECREASE, NO_CLEAR_CHANGE, SERIES, CENTRE, LIMIT, REFERENCE_LINE, GRID, THIS_YEAR)
MARKS += (ARROW, BAND_EDGE, NOTE_TEXT, DARK_TEXT)
"""The colours of marks, lines and edges, each of which must stand out from ``BACKGROUND``."""


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


def contrast(colour, background=BACKGROUND) -> float:
    """The WCAG contrast ratio of two sRGB colours (any Matplotlib colours), from 1 (the same) to
    21 (black on white): (L1 + 0.05) / (L2 + 0.05) of their relative luminances, the lighter on top."""
    lighter, darker = sorted((_luminance(colour), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour) -> float:
    """WCAG relative luminance of an sRGB colour, from 0 (black) to 1 (white)."""
    rgb = np.asarray(mpl.colors.to_rgb(colour))
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def text_on(colour) -> str:
    """The colour of text drawn on ``colour``: white on a dark colour (L* below 55), else near black."""
    return LABEL_ON_MARKER if lightness(colour) < 55 else DARK_TEXT
