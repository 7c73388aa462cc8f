"""Monthly hate crime recorded by one force, as released under FOI (the "Salah" replication archive).

Files: ``salah_replication/warwickshire_crimes_clean.csv`` and ``west_mercia_crimes_clean.csv``,
columns ``date`` (YYYY-MM-01), ``hate_crimes``, ``muslim_crimes``, ``county``. Their rows are not
in date order. ``county`` is the archive's own spelling of the force (``west_marcia`` for West
Mercia), resolved through the forces registry's ``salah_name`` column, like the archive's other
files; a file of another force in the same layout is read the same way once the registry gives
its spelling. These counts differ from the alliance series printed in the 2016/17 Strategic
Assessment: the book shows both, it does not merge them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..periods import MONTH
from .csvfile import Column, Count, read_csv, require_every_month


@dataclass(frozen=True)
class FirstOfMonth(Column):
    """A date on the first of a month, YYYY-MM-01; converted to the month, YYYY-MM."""

    @property
    def expected(self) -> str:
        return "the first day of a month written YYYY-MM-01"

    def check(self, text):
        return text.str.endswith("-01") & text.str[:7].str.fullmatch(MONTH)

    def convert(self, text):
        return text.str[:7]


def read_hate_crime_by_force(paths: list[Path], counties: dict[str, str]) -> pd.DataFrame:
    """Every force's FOI series of a dataset folder, one after another (columns of
    ``read_hate_crime_foi``); a force given in two files raises InputError."""
    tables = [read_hate_crime_foi(p, counties) for p in paths]
    seen: dict[str, Path] = {}
    for path, table in zip(paths, tables, strict=True):
        for force in table["force"].unique():
            if force in seen:
                raise InputError(path, f"each force's series in one file only ({force} is in {seen[force].name})")
            seen[force] = path
    return pd.concat(tables, ignore_index=True)


def read_hate_crime_foi(path: str | Path, counties: dict[str, str]) -> pd.DataFrame:
    """Hate crimes recorded per month: ``month`` (YYYY-MM), ``force`` (the project's name),
    ``recorded_crimes`` (count of crimes with a hate crime marker).

    ``counties``: the archive's spelling of each force → the project's name (the registry's
    ``salah_name``, ``ForceRegistry.resolver``); any other ``county`` is refused. The
    ``muslim_crimes`` column (all NA in both files) is not read. Sorted by force and month. A month
    given twice for a force, or a month missing inside a force's run, raises InputError.
    """
    table = read_csv(
        path,
        [FirstOfMonth("date"), Count("hate_crimes"), Column("county", allowed=tuple(counties))],
        key=["county", "date"],
    )
    table = pd.DataFrame(
        {"month": table["date"], "force": table["county"].map(counties), "recorded_crimes": table["hate_crimes"]}
    )
    table = table.sort_values(["force", "month"]).reset_index(drop=True)
    for force, rows in table.groupby("force"):
        require_every_month(rows["month"], path, "date", force)
    return table
