"""What an edition holds for a section by policing area (Demand's harm by area, Performance's areas
against their own months): the forces' street-level records (data.police.uk) covering their
period, the policing areas entered for its forces and, where a section divides by residents, the
population of their districts. Every one is optional: a section shows the forces that have all of
them, and its page says in plain words what the others lack.

Not a chapter of its own (no notebook): the two chapters that divide by policing area read it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..periods import Period
from ..read.forces import areas_of
from . import Chapter

HELD, UNCOVERED, ABSENT = "held", "uncovered", "absent"
"""A dataset the edition names and whose data covers its period; names but does not cover; does not name."""
STREET, AREAS, POPULATION = "street_crime", "policing_areas", "district_population"
"""The datasets a section by policing area reads (the population only where it divides by residents)."""
DATASETS = (STREET, AREAS, POPULATION)


@dataclass(frozen=True)
class AreaSupply:
    """What the edition holds for a section by policing area: ``street`` and ``population`` (one of
    ``HELD``, ``UNCOVERED``, ``ABSENT``; ``population`` is ``HELD`` when the section does not need
    it), the periods asked of them (``street_period``, ``population_period``: None when not
    named), ``forces`` (the edition's forces with policing areas entered, in its order),
    ``without`` (those with none) and ``lookup`` (the entered forces' rows of the policing areas
    lookup: force, policing_area, local_authority, lad_code, county)."""

    street: str
    street_period: Period | None
    population: str
    population_period: Period | None
    forces: tuple[str, ...]
    without: tuple[str, ...]
    lookup: pd.DataFrame

    @property
    def shown(self) -> bool:
        """True when the section can be shown for at least one force."""
        return self.street == HELD and self.population == HELD and bool(self.forces)


def supply(chapter: Chapter, population: bool = False) -> AreaSupply:
    """What ``chapter``'s edition holds for a section by policing area; ``population``: whether the
    section divides by the residents of the districts (``district_population``)."""
    lookup = areas_of(chapter.read(AREAS), chapter.forces) if chapter.holds(AREAS) else _empty_lookup()
    entered = tuple(f for f in chapter.forces if (lookup["force"] == f).any())
    return AreaSupply(
        street=state(chapter, STREET),
        street_period=chapter.periods.get(STREET),
        population=state(chapter, POPULATION) if population else HELD,
        population_period=chapter.periods.get(POPULATION) if population else None,
        forces=entered,
        without=tuple(f for f in chapter.forces if f not in entered),
        lookup=lookup,
    )


def state(chapter: Chapter, dataset: str) -> str:
    """``HELD``, ``UNCOVERED`` (named, its data short of its period) or ``ABSENT`` (not named)."""
    if chapter.holds(dataset):
        return HELD
    return UNCOVERED if chapter.has(dataset) else ABSENT


def _empty_lookup() -> pd.DataFrame:
    return pd.DataFrame(columns=["force", "policing_area", "local_authority", "lad_code", "county"], dtype=str)
