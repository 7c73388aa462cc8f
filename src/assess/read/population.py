"""ONS mid-year population estimates of the local authority districts of the two forces.

File: ``ons_mye/lad_population_mid2015_mid2020_warwickshire_westmercia.csv``, derived from sheet
"MYE 5" of the ONS mid-2020 workbook in the same folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError
from .csvfile import Column, Count, read_csv


@dataclass(frozen=True)
class AreaCode(Column):
    """An ONS area code: a letter E, W, S or N and eight digits (E07000218)."""

    @property
    def expected(self) -> str:
        return "an ONS area code such as E07000218"

    def check(self, text):
        return text.str.fullmatch(re.compile(r"[EWSN]\d{8}"))


def read_district_population(path: str | Path) -> pd.DataFrame:
    """District populations: ``force, lad_code, lad_name, year, population``.

    ``year`` is the mid-year (population at 30 June); ``population`` is persons of all ages.
    One row per district and year; every district must have the same years, and a district
    one force and one name. Sorted by force, district code and year. Raises InputError naming
    file, row and column.
    """
    table = read_csv(
        path,
        [Column("force"), AreaCode("lad_code"), Column("lad_name"), Count("year"), Count("population_mid_year")],
        key=["lad_code", "year"],
    )
    table = table.rename(columns={"population_mid_year": "population"})
    table["year"] = table["year"].astype(int)
    for column in ("force", "lad_name"):
        names = table.groupby("lad_code")[column].nunique()
        if (names > 1).any():
            code = names[names > 1].index[0]
            raise InputError(
                path,
                f"one {column} for each lad_code",
                column=column,
                found=f"{sorted(table.loc[table['lad_code'] == code, column].unique())} for {code}",
            )
    years = sorted(table["year"].unique())
    have = table.groupby("lad_code")["year"].apply(set)
    short = have[have.apply(len) < len(years)]
    if len(short):
        code = short.index[0]
        raise InputError(
            path,
            f"a row for every year {years[0]}-{years[-1]} for each district",
            column="year",
            found=f"no row for {min(set(years) - short.iloc[0])} ({code})",
        )
    table = table.sort_values(["force", "lad_code", "year"]).reset_index(drop=True)
    table.attrs["source"] = str(path)
    return table


def force_population(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Population of each force area at mid-``year``: ``force, population`` (sum of its districts).

    Raises InputError if the table has no figures for that year.
    """
    rows = frame[frame["year"] == int(year)]
    if rows.empty:
        years = sorted(frame["year"].unique())
        raise InputError(
            frame.attrs.get("source", "district population table"),
            f"population figures for mid-{year}",
            column="year",
            found=f"years {years[0]} to {years[-1]}" if years else "no rows",
        )
    return rows.groupby("force", as_index=False)["population"].sum()
