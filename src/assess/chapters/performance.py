"""Performance: which way each crime type went in each force, and, where the edition holds the
data, where each policing area's latest month stands against its own months.

The crime types' directions are the edition's crime findings (``assess.findings``), computed
once per build from the monthly counts of every force and stated in the same words on every
page: a force's page has them from national data alone. Policing areas are set on an XmR chart
of their own months of street-level records (``assess.analysis.recent.area_status``), for the
forces whose street-level records and policing areas the edition holds (``street_areas``).
Where the edition covers the force of the printed area table of an earlier assessment, that
table is repeated, its printed totals checked against the sum of its areas and set beside the
force's own monthly counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import findings
from ..analysis import recent, street_counts
from ..analysis.printed import check_printed_totals
from ..findings import CrimeDirections
from ..read.catalogue import read_catalogue
from . import Chapter, street_areas
from .street_areas import AreaSupply

DATASETS = findings.DATASETS
OPTIONAL = ("street_crime", "policing_areas", "west_mercia_area_crime", "west_mercia_area_total_printed")
PARAMETERS = ("periods",)


@dataclass(frozen=True)
class Areas:
    """Policing areas against their own months: ``status`` (``recent.area_status``: force,
    policing_area, latest count, latest_rate, centre, lower, upper in crimes a day, status),
    ``months`` (YYYY-MM, the street-level months), ``outside`` and ``no_location`` (crimes the
    edition's forces recorded in another force's area, and with no location)."""

    status: pd.DataFrame
    months: list[str]
    outside: int
    no_location: int

    @property
    def beyond(self) -> pd.DataFrame:
        """The areas whose latest month lies beyond one of their limits."""
        return self.status[self.status["status"] != recent.AREA_STATUS[2]]


@dataclass(frozen=True)
class PrintedAreas:
    """The area table an earlier assessment printed for one ``force``: ``table`` (policing_area,
    month, recorded_crimes), ``check`` (``check_printed_totals``: month, computed, printed,
    difference, agrees), ``own`` (the force's crimes of each of the table's months in the monthly
    counts the crime findings read, anti-social behaviour left out, indexed by month; a month the
    counts do not hold is missing) and the catalogue ``entry`` of the table (where it was printed)."""

    force: str
    table: pd.DataFrame
    check: pd.DataFrame
    own: pd.Series
    entry: dict


@dataclass(frozen=True)
class Performance:
    """The chapter's findings: ``crimes`` (the edition's crime findings), ``areas`` (None when no
    force of the edition has both street-level records and policing areas), ``supply`` (what the
    edition holds for the section by policing area) and the printed area table where the edition
    covers its force (else None)."""

    crimes: CrimeDirections
    areas: Areas | None
    supply: AreaSupply
    printed: PrintedAreas | None


def compute(chapter: Chapter) -> Performance:
    """The Performance chapter's findings for the chapter's edition."""
    supply = street_areas.supply(chapter)
    return Performance(
        findings.crime_directions(chapter),
        areas(chapter, supply) if supply.shown else None,
        supply,
        printed_areas(chapter),
    )


def areas(chapter: Chapter, supply: AreaSupply) -> Areas:
    """Each policing area's latest month of recorded crime against the XmR chart of its months
    (anti-social behaviour left out), and the crimes placed in no area, for the forces with
    policing areas entered (``supply.forces``)."""
    street = chapter.read("street_crime")
    records = street_counts.assign_policing_area(street[street["force"].isin(supply.forces)], supply.lookup)
    crimes = records[records["crime_type"] != street_counts.ASB]
    unplaced = crimes["policing_area"].isin([street_counts.OUTSIDE, street_counts.NO_LOCATION])
    months = chapter.period("street_crime").months()
    counts = street_counts.monthly_counts(crimes[~unplaced], ["force", "policing_area"], months)
    return Areas(
        recent.area_status(counts),
        months,
        int((crimes["policing_area"] == street_counts.OUTSIDE).sum()),
        int((crimes["policing_area"] == street_counts.NO_LOCATION).sum()),
    )


def printed_areas(chapter: Chapter) -> PrintedAreas | None:
    """The printed area table and its totals checked, when the edition names both and covers the
    one force the table's areas belong to; else None."""
    if not (chapter.has("west_mercia_area_crime") and chapter.has("west_mercia_area_total_printed")):
        return None
    table = chapter.read("west_mercia_area_crime")
    if not chapter.holds("policing_areas"):
        return None
    owner = chapter.read("policing_areas").drop_duplicates("policing_area").set_index("policing_area")["force"]
    owners = set(table["policing_area"].map(owner).dropna())
    if len(owners) != 1 or not owners <= set(chapter.forces):
        return None
    force = owners.pop()
    check = check_printed_totals(
        table, chapter.read("west_mercia_area_total_printed"), "month", "recorded_crimes", "total_printed"
    )
    counts = findings.monthly_crimes(chapter)
    own = counts[counts["force"] == force].groupby("month")["count"].sum()
    months = sorted(table["month"].unique())
    own = own.reindex([m for m in months if m in own.index]).astype(int)
    return PrintedAreas(force, table, check, own, read_catalogue(chapter.root)["west_mercia_area_crime"])
