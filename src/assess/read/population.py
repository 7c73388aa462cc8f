"""ONS mid-year population estimates: of local authority districts, and of police force areas.

Files: ``ons_mye/lad_population_mid2015_mid2020_warwickshire_westmercia.csv`` (derived from sheet
"MYE 5" of the ONS mid-2020 workbook in the same folder) and
``ons_mye_mid2021/lad_population_mid2021_warwickshire_westmercia.csv`` (mid-2021, Census-based:
a break in the series) hold districts; ``ons_pfa_lookup/pfa_population_mid2011_mid2020.csv``
every force area of England and Wales, mid-2011 to mid-2020 (the sum of its districts).
Districts join other tables by their ONS code, never by name (``area_population``).
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


def read_force_population(path: str | Path, spellings: dict[str, str]) -> pd.DataFrame:
    """Force area populations: ``force, year, population`` (persons at mid-``year``), one row per
    force and year, every force with the same years; sorted by force and year.

    ``spellings``: the file's force names (the Home Office spelling) → the project's name
    (``ForceRegistry.resolver("home_office_name")``). Raises InputError naming file, row and
    column for an unknown force, a repeated or a missing year.
    """
    table = read_csv(
        path,
        [Column("pfa_name", allowed=tuple(spellings)), Count("year"), Count("population")],
        key=["pfa_name", "year"],
    )
    table = pd.DataFrame(
        {
            "force": table["pfa_name"].map(spellings),
            "year": table["year"].astype(int),
            "population": table["population"],
        }
    )
    years = sorted(table["year"].unique())
    have = table.groupby("force")["year"].apply(set)
    short = have[have.apply(len) < len(years)]
    if len(short):
        raise InputError(
            path,
            f"a row for every year {years[0]}-{years[-1]} for each force",
            column="year",
            found=f"no row for {min(set(years) - short.iloc[0])} ({short.index[0]})",
        )
    table = table.sort_values(["force", "year"]).reset_index(drop=True)
    table.attrs["source"] = str(path)
    return table


def area_population(population: pd.DataFrame, areas: pd.DataFrame, year: int) -> pd.DataFrame:
    """Residents of each policing area at mid-``year``: the sum of its districts, joined on the
    districts' ONS codes (``lad_code``), so no spelling of a district's name matters.

    ``population``: a district population frame (``lad_code, year, population``); ``areas``: the
    policing areas an edition shows (``force, policing_area, lad_code, local_authority``, as
    ``assess.read.forces.areas_of`` gives them). Returns ``force, policing_area, population,
    districts`` (districts counted), in the order of ``areas``. Raises InputError naming the
    districts of ``areas`` with no estimate for that year.
    """
    rows = population[population["year"] == int(year)]
    people = dict(zip(rows["lad_code"], rows["population"], strict=True))
    missing = areas[~areas["lad_code"].isin(list(people))]
    if len(missing):
        raise InputError(
            population.attrs.get("source", "district population table"),
            f"a mid-{year} population for every district of the edition's policing areas",
            column="lad_code",
            found=", ".join(
                f"none for {code} ({name})"
                for code, name in zip(missing["lad_code"], missing["local_authority"], strict=True)
            ),
        )
    joined = areas.assign(population=areas["lad_code"].map(people))
    return joined.groupby(["force", "policing_area"], as_index=False, sort=False).agg(
        population=("population", "sum"), districts=("lad_code", "size")
    )


def check_district_forces(population: pd.DataFrame, districts: pd.DataFrame, path: str | Path) -> None:
    """Raise InputError for the first district of a population frame whose ``force`` is not the
    force area the national district lookup (``districts``: ``lad_code, force``) places it in."""
    force_of = dict(zip(districts["lad_code"], districts["force"], strict=True))
    wrong = population["force"] != population["lad_code"].map(force_of)
    if wrong.any():
        row = population[wrong].iloc[0]
        held = force_of.get(row["lad_code"])
        raise InputError(
            path,
            f"the force area the ONS district lookup places {row['lad_code']} ({row['lad_name']}) in",
            column="force",
            found=f"{row['force']}" + (f", not {held}" if held else "; the lookup does not hold the code"),
        )


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
