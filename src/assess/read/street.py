"""data.police.uk street-level crime: read the monthly files of a folder. Row-level detail (ids,
coordinates, street names) is dropped on reading: only month, force, LSOA and crime type travel
on, so nothing identifying can reach the book."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..periods import is_month
from .csvfile import Column, Month, line_of, read_csv
from .forces import ForceRegistry


def street_file(folder: Path, month: str, slug: str) -> Path:
    """The data.police.uk file name for a month and force slug."""
    return Path(folder) / f"{month}-{slug}-street.csv"


def street_months(folder: str | Path) -> dict[str, Path]:
    """The months (YYYY-MM) a street-level folder holds, each with the folder its files are in:
    the folder itself, or the month's sub-folder as data.police.uk's download lays them out."""
    folder = Path(folder)
    found = {}
    for path in sorted(folder.glob("*-street.csv")) + sorted(folder.glob("*/*-street.csv")):
        month = path.name[:7]
        if is_month(month) and (path.parent == folder or path.parent.name == month):
            found.setdefault(month, path.parent)
    return dict(sorted(found.items()))


def read_street_crime(
    folder: str | Path, registry: ForceRegistry, edition_forces: tuple[str, ...], months: list[str]
) -> pd.DataFrame:
    """Every street-level record of the edition's forces in ``months``.

    ``registry`` gives each force's ``police_uk_slug`` and ``police_uk_name``. Returns ``month``,
    ``force`` (the project's name), ``lsoa_code``, ``lsoa_name`` and ``crime_type``. Raises
    InputError for a missing file, a record of another month than its file's, or a record that
    falls within another force.
    """
    frames = []
    lookup = registry.table.set_index("force")
    for force in edition_forces:
        slug, name = lookup.loc[force, "police_uk_slug"], lookup.loc[force, "police_uk_name"]
        if not name:
            raise InputError("data/reference/forces.csv", f"a police_uk_name for {force}", column="police_uk_name")
        for month in months:
            path = street_file(folder, month, slug)
            table = read_csv(
                path,
                [
                    Month("Month"),
                    Column("Falls within", allowed=(name,)),
                    Column("LSOA code", required=False),
                    Column("LSOA name", required=False),
                    Column("Crime type"),
                ],
            )
            wrong = table["Month"] != month
            if wrong.any():
                raise InputError(
                    path,
                    f"only records of {month}, the month in the file name",
                    row=line_of(table, wrong),
                    column="Month",
                    found=table["Month"][wrong].iloc[0],
                )
            frames.append(
                pd.DataFrame(
                    {
                        "month": table["Month"],
                        "force": force,
                        "lsoa_code": table["LSOA code"],
                        "lsoa_name": table["LSOA name"],
                        "crime_type": table["Crime type"],
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)
