"""Recorded crime of every territorial force of England and Wales by financial year and offence
group, for comparing a force with the others (the national comparison chapter).

File: the Home Office open-data table of rolling 12-month totals by police force area and offence
group (``home_office_rec_crime_pfa/rec-crime-pfa.csv``), read by
:func:`assess.read.recorded_crime_groups.read_recorded_crime_groups`. Only the years ending
31 March are kept (one financial year a row), only the territorial forces named in the forces
registry, and no fraud: fraud recorded by the forces stops after December 2013, when Action Fraud
took it over, so fraud would make years before and after incomparable.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from .recorded_crime_groups import read_recorded_crime_groups

FRAUD = "Fraud offences"
"""The offence group left out (recorded by Action Fraud, not the forces, from 2014)."""


def read_national_recorded_crime(path: str | Path, forces: list[str]) -> pd.DataFrame:
    """Recorded crime by financial year, territorial force and offence group.

    ``forces``: the registry's force names (the table names forces as the registry does:
    "Metropolitan Police", "City of London"). Returns ``financial_year`` ("YYYY-YY"), ``force``,
    ``offence_group`` (as published, burglary in its published labels) and ``count`` (recorded
    crimes in the financial year); national bodies (Action Fraud, CIFAS, UK Finance), the British
    Transport Police and fraud are left out. Raises InputError when a financial year the table
    holds lacks one of ``forces``.
    """
    table = read_recorded_crime_groups(path)
    kept = table[table["financial_year"].notna() & table["force"].isin(forces) & (table["offence_group"] != FRAUD)]
    for year, rows in kept.groupby("financial_year"):
        absent = sorted(set(forces) - set(rows["force"]))
        if absent:
            raise InputError(
                path,
                f"every force of the registry in the year ending March {year[:2]}{year[-2:]}",
                column="PFA",
                found=f"none for {', '.join(absent)}",
            )
    out = kept[["financial_year", "force", "offence_group", "count"]]
    return out.sort_values(["financial_year", "force", "offence_group"]).reset_index(drop=True)
