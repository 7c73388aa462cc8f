"""Street-level records placed in policing areas and counted by month."""

from __future__ import annotations

import pandas as pd

OUTSIDE = "Outside the force area"
"""Policing area given to records whose LSOA lies in another force's district."""
NO_LOCATION = "No location"
"""Policing area given to records with no LSOA."""
ASB = "Anti-social behaviour"
"""data.police.uk's category for anti-social behaviour incidents, which are not crimes."""


def assign_policing_area(crimes: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Add ``local_authority`` (from the LSOA name, "Wyre Forest 004B" → "Wyre Forest") and
    ``policing_area`` (from the lookup, for the record's own force); records elsewhere get
    "Outside the force area", records without an LSOA "No location". No record is dropped."""
    local = crimes["lsoa_name"].str.replace(r"\s+\d{3}[A-Z]$", "", regex=True)
    keyed = areas.set_index(["force", "local_authority"])["policing_area"]
    index = pd.MultiIndex.from_arrays([crimes["force"], local])
    area = pd.Series(keyed.reindex(index).to_numpy(), index=crimes.index)
    area = area.where(area.notna(), OUTSIDE).where(crimes["lsoa_name"] != "", NO_LOCATION)
    return crimes.assign(local_authority=local, policing_area=area)


def monthly_counts(crimes: pd.DataFrame, by: list[str], months: list[str]) -> pd.DataFrame:
    """Records counted by ``month`` and the ``by`` columns, with a zero for every month a group
    has none. Returns the ``by`` columns, ``month`` and ``count``."""
    counts = crimes.groupby(by + ["month"], observed=True).size()
    groups = counts.index.droplevel("month").unique()
    full = pd.MultiIndex.from_tuples(
        [(*g, m) if isinstance(g, tuple) else (g, m) for g in groups for m in months], names=by + ["month"]
    )
    return counts.reindex(full, fill_value=0).rename("count").reset_index()
