"""Recorded crime of every territorial force of England and Wales by offence group: the rolling
12-month tables, in either of the two layouts that ship, and the financial years of every force
for comparing a force with the others (the national comparison chapter).

Files: the Home Office open-data table of rolling 12-month totals by police force area and
offence group (``home_office_rec_crime_pfa/rec-crime-pfa.csv``, read by
:func:`assess.read.recorded_crime_groups.read_recorded_crime_groups`), or Table P1 of the ONS
police force area data tables (``ons_pfa_tables/ons_table_p1_forces_ye2018-03_to_ye2019-12.csv``,
read by :func:`assess.read.ons_pfa_tables.read_ons_pfa_groups`) into the same frame. For the
financial years only the years ending 31 March are kept (one financial year a row), only the
territorial forces named in the forces registry, and no fraud: fraud recorded by the forces
stops after December 2013, when Action Fraud took it over, so fraud would make years before and
after incomparable.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from .forces import ForceRegistry
from .ons_pfa_tables import read_ons_pfa_groups
from .recorded_crime import header_of
from .recorded_crime_groups import read_recorded_crime_groups

FRAUD = "Fraud offences"
"""The offence group left out (recorded by Action Fraud, not the forces, from 2014)."""
ONS_LAYOUT = "twelve_months_ending"
"""A column only the ONS layout has."""


def read_crime_groups(path: str | Path, registry: ForceRegistry) -> pd.DataFrame:
    """Recorded crime in the 12 months ending each quarter, by force area and offence group, from
    either layout: the columns of ``read_recorded_crime_groups``, with ``force`` the project's
    name for every force of the registry (the Home Office table's spelling resolved through the
    registry's ``rec_crime_name``, the ONS table's code through ``ons_pfa_code``); rows of bodies
    that are not territorial forces (British Transport Police, Action Fraud …) keep the
    published name."""
    if ONS_LAYOUT in header_of(path):
        regions = dict(zip(registry.table["force"], registry.table["region"], strict=True))
        return read_ons_pfa_groups(path, registry.resolver("ons_pfa_code"), regions)
    table = read_recorded_crime_groups(path)
    table["force"] = table["force"].map(registry.resolver("rec_crime_name")).fillna(table["force"])
    return table


def read_national_recorded_crime(path: str | Path, registry: ForceRegistry) -> pd.DataFrame:
    """Recorded crime by financial year, territorial force and offence group.

    Returns ``financial_year`` ("YYYY-YY"), ``force`` (the project's name), ``offence_group`` (as
    the Home Office table labels it, burglary in its published labels) and ``count`` (recorded
    crimes in the financial year); national bodies (Action Fraud, CIFAS, UK Finance), the British
    Transport Police and fraud are left out. Raises InputError when a financial year the table
    holds lacks one of the registry's forces, or a count of one.
    """
    table = read_crime_groups(path, registry)
    forces = registry.names
    kept = table[table["financial_year"].notna() & table["force"].isin(forces) & (table["offence_group"] != FRAUD)]
    for year, rows in kept.groupby("financial_year"):
        absent = sorted(set(forces) - set(rows["force"]) | set(rows.loc[rows["count"].isna(), "force"]))
        if absent:
            raise InputError(
                path,
                f"every force of the registry in the year ending March {year[:2]}{year[-2:]}",
                column="PFA",
                found=f"no counts for {', '.join(absent)}",
            )
    out = kept[["financial_year", "force", "offence_group", "count"]]
    return out.sort_values(["financial_year", "force", "offence_group"]).reset_index(drop=True)
