"""Checks of the forces' chart colours: readable on white, and told apart from each other.

A colour must stand out from the white page by a contrast ratio of at least 3:1 (WCAG 2.2,
success criterion 1.4.11, non-text contrast). Two forces that may share a chart must be told
apart by every reader: their colours must lie far enough apart in CIELAB as seen with normal
colour vision and as seen by a reader with deuteranopia or protanopia (simulated with the
matrices of Machado, Oliveira and Fernandes, 2009, severity 1).
"""

from __future__ import annotations

import functools
import math

MIN_CONTRAST = 3.0
"""Contrast ratio against white a force's colour needs (WCAG 2.2, 1.4.11)."""
MIN_DISTANCE = 20.0
"""CIELAB distance (ΔE*ab, 1976) two forces' colours need with normal colour vision."""
MIN_DISTANCE_CVD = 15.0
"""CIELAB distance two forces' colours need as a reader with deuteranopia or protanopia sees them."""

_DEUTERANOPIA = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))
_PROTANOPIA = ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998))
VISIONS = {"normal colour vision": None, "deuteranopia": _DEUTERANOPIA, "protanopia": _PROTANOPIA}
"""How a colour is seen: unchanged, or through a colour vision deficiency's matrix (linear RGB)."""
_WHITE = (0.95047, 1.0, 1.08883)


def _linear(colour: str) -> tuple[float, float, float]:
    """The linear-light RGB (0 to 1) of ``#rrggbb``."""
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``: 0 (black) to 1 (white)."""
    r, g, b = _linear(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(colour: str) -> float:
    """WCAG contrast ratio of ``#rrggbb`` against white: 1 (white) to 21 (black)."""
    return 1.05 / (relative_luminance(colour) + 0.05)


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """CIELAB (D65) of a linear-light sRGB triple."""
    r, g, b = rgb
    xyz = (
        0.4124 * r + 0.3576 * g + 0.1805 * b,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        0.0193 * r + 0.1192 * g + 0.9505 * b,
    )
    fx, fy, fz = (
        t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
        for t in (v / w for v, w in zip(xyz, _WHITE, strict=True))
    )
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def seen(colour: str, vision: str) -> tuple[float, float, float]:
    """CIELAB of ``#rrggbb`` as a reader with ``vision`` (a key of ``VISIONS``) sees it."""
    rgb = _linear(colour)
    matrix = VISIONS[vision]
    if matrix is not None:
        rgb = tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix)
    return _lab(rgb)


def distance(first: str, second: str, vision: str = "normal colour vision") -> float:
    """CIELAB distance (ΔE*ab, 1976) between two ``#rrggbb`` colours as ``vision`` sees them."""
    return math.dist(seen(first, vision), seen(second, vision))


@functools.lru_cache(maxsize=4096)
def too_close(first: str, second: str) -> str | None:
    """Why two colours cannot be told apart ("12.3 apart with deuteranopia, 15 needed"), or None.
    Worked out once per pair (every edition loaded checks the same registry's pairs)."""
    for vision in VISIONS:
        needed = MIN_DISTANCE if VISIONS[vision] is None else MIN_DISTANCE_CVD
        apart = distance(first, second, vision)
        if apart < needed:
            return f"{apart:.1f} apart with {vision}, {needed:g} needed"
    return None
