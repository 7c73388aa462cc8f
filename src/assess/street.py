"""data.police.uk street-level crime: read the monthly files, place each record in a policing
area, and count. Row-level detail (ids, coordinates, street names) is dropped on reading: only
month, force, LSOA and crime type travel on, so nothing identifying can reach the book."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import InputError
from .tabular import Column, Month, read_csv

OUTSIDE = "Outside the force area"
"""Policing area given to records whose LSOA lies in another force's district."""
NO_LOCATION = "No location"
"""Policing area given to records with no LSOA."""


def street_file(folder: Path, month: str, slug: str) -> Path:
    """The data.police.uk file name for a month and force slug."""
    return Path(folder) / f"{month}-{slug}-street.csv"


def load_street_crime(folder: str | Path, forces: pd.DataFrame, edition_forces: tuple[str, ...],
                      months: list[str]) -> pd.DataFrame:
    """Every street-level record of the edition's forces in ``months``.

    ``forces`` is the forces lookup (``police_uk_slug``, ``police_uk_name``). Returns ``month``,
    ``force`` (the project's name), ``lsoa_code``, ``lsoa_name`` and ``crime_type``. Raises
    InputError for a missing file, a record of another month than its file's, or a record that
    falls within another force.
    """
    frames = []
    lookup = forces.set_index("force")
    for force in edition_forces:
        slug, name = lookup.loc[force, "police_uk_slug"], lookup.loc[force, "police_uk_name"]
        if not name:
            raise InputError("data/reference/forces.csv", f"a police_uk_name for {force}", column="police_uk_name")
        for month in months:
            path = street_file(folder, month, slug)
            table = read_csv(path, [Month("Month"), Column("Falls within", allowed=(name,)),
                                    Column("LSOA code", required=False), Column("LSOA name", required=False),
                                    Column("Crime type")])
            wrong = table["Month"] != month
            if wrong.any():
                raise InputError(path, f"only records of {month}, the month in the file name",
                                 row=int(wrong.to_numpy().argmax()) + 2, column="Month",
                                 found=table["Month"][wrong].iloc[0])
            frames.append(pd.DataFrame({"month": table["Month"], "force": force, "lsoa_code": table["LSOA code"],
                                        "lsoa_name": table["LSOA name"], "crime_type": table["Crime type"]}))
    return pd.concat(frames, ignore_index=True)


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
    full = pd.MultiIndex.from_tuples([(*g, m) if isinstance(g, tuple) else (g, m) for g in groups for m in months],
                                     names=by + ["month"])
    return counts.reindex(full, fill_value=0).rename("count").reset_index()
