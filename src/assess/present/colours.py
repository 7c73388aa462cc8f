"""Colours of chart elements, named by what they mean, so that a chart's meaning, not its
author, picks the colour. Forces take theirs from the forces registry (``force_palette``).
"""

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
RISK_MAP = "RdYlGn_r"
"""Colour map of the strategic risk heat map (low to high)."""


def force_palette(registry, forces) -> dict[str, str]:
    """Each of ``forces``' colour from the forces registry, neutral where it gives none."""
    return {force: registry.colour(force) or NEUTRAL_FORCE for force in forces}
