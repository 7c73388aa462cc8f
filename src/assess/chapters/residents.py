"""Where the residents of an edition's forces come from: the ONS estimate of each force area
(``force_population``, a national file), or, where the edition names none that covers its period,
the sum of the force's districts' estimates (``district_population``). Read by the chapters that
name or divide by a force's residents (Introduction, Demand).

Not a chapter of its own (no notebook).
"""

from __future__ import annotations

import pandas as pd

from . import Chapter

POPULATIONS = ("force_population", "district_population")
"""The population datasets, in order of preference: the force area's estimate, else its districts'."""


def held_population(chapter: Chapter) -> str | None:
    """The first of ``POPULATIONS`` the edition names and holds for its period; None when it holds
    neither. ``chapter`` must declare both (``OPTIONAL``)."""
    return next((name for name in POPULATIONS if chapter.holds(name)), None)


def read_population(chapter: Chapter) -> pd.DataFrame | None:
    """The population ``held_population`` names (``force``, ``year`` (mid-year), ``population``
    (persons), with ``lad_code`` for districts); None when the edition holds neither."""
    name = held_population(chapter)
    return chapter.read(name) if name is not None else None
