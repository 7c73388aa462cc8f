"""Home Office police recorded crime by force, quarter and offence code (PRC open data table)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .csvfile import Column, Integer, read_csv

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


def read_recorded_crime(path: str | Path) -> pd.DataFrame:
    """Recorded crime by force, quarter and offence code.

    Returns ``financial_year`` (YYYY/YY as published), ``quarter`` (1-4), ``force_name`` (as
    published, national fraud bodies included), ``offence_group``, ``offence_subgroup``,
    ``offence_code``, ``offence_description`` and ``count`` (recorded crimes; the published
    padding spaces are stripped; a few quarterly counts are negative, adjustments for crimes
    cancelled after the quarter they were recorded in, and are kept as published). Rows are
    not unique by code: homicide (``1/4.1/4.10/4.2``) is published as four rows a force and
    quarter, one for each of its codes, so counts are summed, never de-duplicated.
    """
    table = read_csv(
        path,
        [
            Column("Financial Year"),
            Column("Financial Quarter", allowed=("1", "2", "3", "4")),
            Column("Force Name"),
            Column("Offence Group"),
            Column("Offence Subgroup"),
            Column("Offence Code"),
            Column("Offence Description"),
            Integer("Number of Offences"),
        ],
    )
    return table.rename(columns=_COLUMNS).assign(quarter=lambda t: t["quarter"].astype(int))
