"""data.police.uk street-level records counted by month, crime type and force, for every
territorial force of England and Wales (the "Salah" replication archive, January 2015 to
September 2018).

File: ``salah_replication/monthly_counts_all_forces_2015-01_2018-09.csv``, made from the
archive's ``cleaned_all_crime.rds`` (see that folder's SOURCES.md): ``month`` (YYYY-MM),
``county`` (the archive's spelling of the force), ``crime_type``, ``count``. The archive has no
row for a force, month and crime type it did not count: no records that month, or none
published (the Metropolitan Police for September 2018, Thames Valley's crimes for September 2018,
Cheshire's anti-social behaviour from March 2018 …). The file cannot tell the two apart, so such
a cell is read as missing and flagged, never as zero.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .csvfile import Column, Count, Label, Month, read_csv
from .dating import month_runs


def read_national_monthly_counts(path: str | Path, counties: dict[str, str]) -> pd.DataFrame:
    """Street-level records counted: for every force and month the file holds (any crime
    type), one row per crime type the file holds.

    ``counties``: the archive's spelling of each force → the project's name (the registry's
    ``salah_name``); any other ``county`` is refused. Columns: ``month`` (YYYY-MM), ``force``
    (the project's name), ``crime_type`` (police.uk category, anti-social behaviour included),
    ``count`` (records that month, a nullable whole number: missing where the file has no row)
    and ``held`` (False where the file has no row: flagged, never filled with zero). A month
    for which the file holds nothing of a force is no row at all, a gap in that force's series
    (the period check names it). Sorted by force, crime type and month. Raises InputError
    naming file, row and column.
    """
    table = read_csv(
        path,
        [Month("month"), Column("county", allowed=tuple(counties)), Label("crime_type"), Count("count")],
        key=["month", "county", "crime_type"],
    )
    table = pd.DataFrame(
        {
            "month": table["month"],
            "force": table["county"].map(counties),
            "crime_type": table["crime_type"],
            "count": table["count"],
        }
    )
    force_months = table[["force", "month"]].drop_duplicates()
    grid = force_months.merge(pd.DataFrame({"crime_type": sorted(table["crime_type"].unique())}), how="cross")
    out = grid.merge(table, on=["force", "month", "crime_type"], how="left")
    out["held"] = out["count"].notna()
    out = out.sort_values(["force", "crime_type", "month"]).reset_index(drop=True)
    out = out[["month", "force", "crime_type", "count", "held"]]
    out.attrs["source"] = str(path)
    return out


def missing_runs(counts: pd.DataFrame) -> pd.DataFrame:
    """The cells of a monthly counts frame's span (its first to its last month, every force and
    crime type it holds) that it does not hold, a row flagged not ``held`` or no row at all, as
    runs of months: ``force``, ``crime_type`` and ``months`` ("2018-03 to 2018-09"), one row per
    force and crime type with a gap, in force and crime type order."""
    months = [str(p) for p in pd.period_range(counts["month"].min(), counts["month"].max(), freq="M")]
    grid = pd.MultiIndex.from_product(
        [sorted(counts["force"].unique()), sorted(counts["crime_type"].unique()), months],
        names=["force", "crime_type", "month"],
    )
    held = counts.set_index(["force", "crime_type", "month"])["held"].reindex(grid, fill_value=False)
    gaps = held[~held].reset_index()
    rows = [
        {"force": force, "crime_type": crime_type, "months": month_runs(cells["month"])}
        for (force, crime_type), cells in gaps.groupby(["force", "crime_type"], sort=True)
    ]
    return pd.DataFrame(rows, columns=["force", "crime_type", "months"])
