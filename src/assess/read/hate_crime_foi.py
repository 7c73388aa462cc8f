"""Monthly hate crime recorded by one force, as released under FOI (the "Salah" replication archive).

Files: ``salah_replication/warwickshire_crimes_clean.csv`` and ``west_mercia_crimes_clean.csv``,
columns ``date`` (YYYY-MM-01), ``hate_crimes``, ``muslim_crimes``, ``county``. Their rows are not
in date order. These counts differ from the alliance series printed in the 2016/17 Strategic
Assessment: the book shows both, it does not merge them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..periods import MONTH
from .csvfile import Column, Count, read_csv, require_every_month

COUNTY_SPELLINGS = {"west_marcia": "west_mercia"}
"""The source's misspellings of a force in its ``county`` column, corrected."""


def county_forces(slugs: dict[str, str]) -> dict[str, str]:
    """The source's ``county`` value → the project's force name, from the registry's
    data.police.uk slugs (``{"west-mercia": "West Mercia"}``), misspellings included."""
    by_county = {slug.replace("-", "_"): force for slug, force in slugs.items()}
    by_county.update({wrong: by_county[right] for wrong, right in COUNTY_SPELLINGS.items() if right in by_county})
    return by_county


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


def read_hate_crime_by_force(paths: list[Path], slugs: dict[str, str]) -> pd.DataFrame:
    """Every force's FOI series of a dataset folder, one after another (columns of ``read_hate_crime_foi``)."""
    return pd.concat([read_hate_crime_foi(p, slugs) for p in paths], ignore_index=True)


def read_hate_crime_foi(path: str | Path, slugs: dict[str, str]) -> pd.DataFrame:
    """Hate crimes recorded per month: ``month`` (YYYY-MM), ``force`` (the project's name),
    ``recorded_crimes`` (count of crimes with a hate crime marker).

    ``county`` is mapped to the force through the registry's slugs (``county_forces``); any other
    value is refused. The
    ``muslim_crimes`` column (all NA in both files) is not read. Sorted by force and month. A month
    given twice for a force, or a month missing inside a force's run, raises InputError.
    """
    forces = county_forces(slugs)
    table = read_csv(
        path,
        [FirstOfMonth("date"), Count("hate_crimes"), Column("county", allowed=tuple(forces))],
        key=["county", "date"],
    )
    table = pd.DataFrame(
        {"month": table["date"], "force": table["county"].map(forces), "recorded_crimes": table["hate_crimes"]}
    )
    table = table.sort_values(["force", "month"]).reset_index(drop=True)
    for force, rows in table.groupby("force"):
        require_every_month(rows["month"], path, "date", force)
    return table
