"""Home Office police recorded crime by force, quarter and offence code (PRC open data tables).

Three layouts of the same table are read into one tidy frame:

- as the Home Office publishes a year's sheet (``home_office_prc_pfa/prc-pfa-mar2013-onwards-tables201718.csv``):
  ``Financial Year, Financial Quarter, Force Name, Offence Description, Offence Group, Offence
  Subgroup, Offence Code, Number of Offences``;
- the same eight columns in another order, as taken from the re-hosted R data file of the
  October 2023 tables (``home_office_prc_pfa_2012_2023/prc_pfa_warwickshire_westmercia_2012-13_2023-24Q1.csv``);
- the compact extract of that file for every territorial force (``prc_pfa_43forces_2018-19_2023-24Q1_compact.csv``):
  ``Financial Year, Financial Quarter, Force Name, Offence Code, Number of Offences``, whose
  descriptions, groups and subgroups come from the offence code table beside it
  (``offence_codes.csv``, dataset ``prc_offence_codes``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..errors import InputError
from .csvfile import Column, Integer, Printed, line_of, read_csv

_COLUMNS = {
    "Financial Year": "financial_year",
    "Financial Quarter": "quarter",
    "Force Name": "force_name",
    "Offence Group": "offence_group",
    "Offence Subgroup": "offence_subgroup",
    "Offence Code": "offence_code",
    "Offence Description": "offence_description",
    "Number of Offences": "count",
}
DESCRIBED = ("Offence Description", "Offence Group", "Offence Subgroup")
"""The columns the compact layout leaves out, taken from the offence code table instead."""
NATIONAL_BODIES = ("Action Fraud", "British Transport Police", "CIFAS", "Financial Fraud Action UK", "UK Finance")
"""Bodies the tables list beside the territorial forces: they police no force area (``force`` is missing)."""
SPELLING_COLUMNS = ("home_office_name", "prc_rds_name")
"""The registry's columns of the spellings these tables give a force."""
FINANCIAL_YEAR = r"\d{4}/\d{2}"
FLOAT_CODE = re.compile(r"\d+\.\d{10,}")
"""An offence code the R data file stored as a binary number ("37.200000000000003" for the
Home Office's 37.2, in its 2012/13 rows): read as the shortest decimal that number is."""


def header_of(path: str | Path) -> list[str]:
    """The column names of a CSV file's first line (stripped; a byte order mark removed); [] when
    there is no readable text file there (the reader then says what is wrong, in one line)."""
    try:
        with open(path, "rb") as file:
            first = file.readline().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    return [name.strip() for name in first.rstrip("\r\n").split(",")]


def read_recorded_crime(
    path: str | Path, spellings: dict[str, str], offence_codes: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Recorded crime by force, quarter and offence code, in any of the three layouts.

    ``spellings``: the registry's Home Office spellings of each force → the project's name
    (``ForceRegistry.resolver`` of ``SPELLING_COLUMNS``); ``offence_codes``: the
    ``prc_offence_codes`` dataset, needed by the compact layout only.

    Returns ``financial_year`` (YYYY/YY as published), ``quarter`` (1-4), ``force_name`` (as
    published, national bodies included), ``force`` (the project's name; missing for the
    ``NATIONAL_BODIES``), ``offence_group``, ``offence_subgroup``, ``offence_code``,
    ``offence_description`` and ``count`` (recorded crimes; the published padding spaces are
    stripped; a few quarterly counts are negative, adjustments for crimes cancelled after the
    quarter they were recorded in, and are kept as published; a code the R data file stored as a
    binary number is read as the decimal it stands for, ``FLOAT_CODE``). Rows are not unique by code:
    homicide (``1/4.1/4.10/4.2``) is published as four rows a force and quarter, one for each of
    its codes, so counts are summed, never de-duplicated. A force name that is neither a
    registry spelling nor a national body raises InputError, as does a code missing from
    ``offence_codes``.
    """
    compact = not set(DESCRIBED) & set(header_of(path))
    described = [] if compact else [Column(name) for name in DESCRIBED]
    table = read_csv(
        path,
        [
            Printed("Financial Year", pattern=FINANCIAL_YEAR, form="a financial year written YYYY/YY"),
            Column("Financial Quarter", allowed=("1", "2", "3", "4")),
            Column("Force Name", allowed=(*spellings, *NATIONAL_BODIES)),
            *described,
            Column("Offence Code"),
            Integer("Number of Offences"),
        ],
    )
    floated = table["Offence Code"].str.fullmatch(FLOAT_CODE)
    table.loc[floated, "Offence Code"] = table.loc[floated, "Offence Code"].map(lambda code: repr(float(code)))
    if compact:
        table = _described(table, path, offence_codes)
    table = table.rename(columns=_COLUMNS).assign(quarter=lambda t: t["quarter"].astype(int))
    table.insert(3, "force", table["force_name"].map(spellings))
    return table[
        [
            "financial_year",
            "quarter",
            "force_name",
            "force",
            "offence_group",
            "offence_subgroup",
            "offence_code",
            "offence_description",
            "count",
        ]
    ]


def _described(table: pd.DataFrame, path: str | Path, offence_codes: pd.DataFrame | None) -> pd.DataFrame:
    """The compact table with each code's description, group and subgroup from ``offence_codes``."""
    if offence_codes is None:
        raise InputError(
            path,
            "the columns " + ", ".join(DESCRIBED) + ", or the dataset prc_offence_codes named under data: "
            "(the offence code table of this compact layout)",
            row=1,
            found=header_of(path),
        )
    known = offence_codes.set_index("offence_code")
    unknown = ~table["Offence Code"].isin(known.index)
    if unknown.any():
        raise InputError(
            path,
            "an offence code of the prc_offence_codes table",
            row=line_of(table, unknown),
            column="Offence Code",
            found=table["Offence Code"][unknown].iloc[0],
        )
    for column, source in zip(DESCRIBED, ("offence_description", "offence_group", "offence_subgroup"), strict=True):
        table[column] = table["Offence Code"].map(known[source])
    return table


def read_offence_codes(path: str | Path) -> pd.DataFrame:
    """The offence code table of the recorded crime tables: ``offence_code, offence_description,
    offence_group, offence_subgroup``, one row per code."""
    table = read_csv(
        path,
        [Column("Offence Code"), Column("Offence Description"), Column("Offence Group"), Column("Offence Subgroup")],
        key=["Offence Code"],
    )
    return table.rename(columns=_COLUMNS)
