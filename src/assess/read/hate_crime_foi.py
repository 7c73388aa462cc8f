"""Monthly hate crime recorded by one force, as released under FOI (the "Salah" replication archive).

Files: ``salah_replication/warwickshire_crimes_clean.csv`` and ``west_mercia_crimes_clean.csv``,
columns ``date`` (YYYY-MM-01), ``hate_crimes``, ``muslim_crimes``, ``county``. Their rows are not
in date order. ``county`` is the archive's own spelling of the force (``west_marcia`` for West
Mercia), resolved through the forces registry's ``salah_name`` column, like the archive's other
files; a file of another force in the same layout is read the same way once the registry gives
its spelling. These counts differ from the alliance series printed in the 2016/17 Strategic
Assessment: the book shows both, it does not merge them.

File: ``salah_replication/merged_hate_crimes.csv``, the authors' panel of 28 forces by month (the
national file of ``hate_crime_by_force``, read by ``read_hate_crime_panel``): ``county_str`` (the
archive's spelling), ``date`` (YYYY-M-01, the month not zero-padded), ``hate_crimes`` (empty for a
force-month the panel does not hold: Cambridgeshire and West Midlands released Muslim-targeted
crimes only).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..periods import MONTH
from .csvfile import Column, Count, line_of, read_csv, require_every_month


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


@dataclass(frozen=True)
class PanelMonth(Column):
    """A date on the first of a month as the panel writes it, YYYY-M-01 (the month 1 to 12, with
    or without a leading zero); converted to the month, YYYY-MM."""

    @property
    def expected(self) -> str:
        return "the first day of a month written YYYY-M-01"

    def check(self, text):
        return text.str.fullmatch(r"[0-9]{4}-(0?[1-9]|1[0-2])-01")

    def convert(self, text):
        parts = text.str.split("-")
        return parts.str[0] + "-" + parts.str[1].str.zfill(2)


def panel_spellings(counties: dict[str, str]) -> dict[str, str]:
    """``counties`` (the archive's spelling of each force → the project's name) with each spelling
    also written with underscores for hyphens: the panel spells West Midlands ``west_midlands``
    where the archive's counts write ``west-midlands`` (its other hyphenated names it keeps)."""
    return {**counties, **{spelling.replace("-", "_"): force for spelling, force in counties.items()}}


def read_hate_crime_panel(path: str | Path, counties: dict[str, str], forces: list[str]) -> pd.DataFrame:
    """Hate crimes recorded per month by each of ``forces`` that the panel holds, in the columns of
    ``read_hate_crime_foi`` (``month``, ``force``, ``recorded_crimes``), sorted by force and month;
    no rows for a force the panel lacks, nor for a month whose ``hate_crimes`` cell is empty (not
    held, never read as zero).

    ``counties``: the archive's spelling of each force → the project's name (``panel_spellings``
    adds the panel's underscored forms); any other ``county_str`` is refused. A month given twice
    for a force, or a month missing inside a force's run, raises InputError."""
    spellings = panel_spellings(counties)
    table = read_csv(
        path,
        [
            PanelMonth("date"),
            Count("hate_crimes", required=False),
            Column("county_str", allowed=tuple(spellings)),
        ],
        key=["county_str", "date"],
    )
    force = table["county_str"].map(spellings)
    twice = pd.DataFrame({"force": force, "month": table["date"]}).duplicated()
    if twice.any():
        raise InputError(
            path,
            "one row for each force and month",
            row=line_of(table, twice),
            column="county_str",
            found=f"{force[twice].iloc[0]} twice in {table['date'][twice].iloc[0]}, under two spellings",
        )
    held = table["hate_crimes"].notna()
    table = pd.DataFrame(
        {"month": table["date"][held], "force": force[held], "recorded_crimes": table["hate_crimes"][held]}
    )
    table = table[table["force"].isin(forces)].sort_values(["force", "month"]).reset_index(drop=True)
    for force, rows in table.groupby("force"):
        require_every_month(rows["month"], path, "date", force)
    return table


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
