"""Home Office police recorded crime by Police Force Area and offence group, rolling 12-month totals.

File: ``home_office_rec_crime_pfa/rec-crime-pfa.csv`` (Home Office open data, as published), columns
``12 months ending`` (dd/mm/yyyy), ``PFA``, ``Region``, ``Offence``,
``Rolling year total number of offences``.

Burglary was reclassified on 1 April 2017: "Domestic burglary" and "Non-domestic burglary" became
"Residential burglary" and "Non-residential burglary" (residential takes in outbuildings within a
dwelling's boundary, such as sheds and garages, that were non-domestic before). The table carries
all four labels: the new ones as 0 from December 2014 to March 2017, the old ones as 0 from March
2018, and the rolling years ending June to December 2017 split between them. The reader keeps the
four as published; :func:`combine_burglary` sums them into one "Burglary" group, the only burglary
figure comparable across the change. Old and new halves must not be compared with each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .csvfile import Column, Integer, read_csv

PUBLISHED_DATE_ERRATA = {"30/12/2017": "31/12/2017"}
"""Period ends the table prints wrongly -> the quarter end meant (the rolling year ending December 2017)."""

QUARTER_ENDS = ("31/03", "30/06", "30/09", "31/12")

BURGLARY_GROUPS = ("Domestic burglary", "Non-domestic burglary", "Residential burglary", "Non-residential burglary")
BURGLARY = "Burglary"
"""The group :func:`combine_burglary` makes of the four burglary labels."""


@dataclass(frozen=True)
class QuarterEnd(Column):
    """The last day of a calendar quarter written dd/mm/yyyy (or a date of PUBLISHED_DATE_ERRATA);
    converted to a date (datetime64)."""

    @property
    def expected(self) -> str:
        return "the last day of a quarter written dd/mm/yyyy (31/03, 30/06, 30/09 or 31/12)"

    def check(self, text):
        text = text.replace(PUBLISHED_DATE_ERRATA)
        return text.str.fullmatch(re.compile(r"\d{2}/\d{2}/\d{4}")) & text.str[:5].isin(QUARTER_ENDS)

    def convert(self, text):
        return pd.to_datetime(text.replace(PUBLISHED_DATE_ERRATA), format="%d/%m/%Y")


def financial_year(period_end: pd.Timestamp) -> str | None:
    """ "2017-18" for a rolling year ending 31 March 2018; None for other quarter ends."""
    if period_end.month != 3:
        return None
    return f"{period_end.year - 1}-{period_end.year % 100:02d}"


def read_recorded_crime_groups(path: str | Path) -> pd.DataFrame:
    """Recorded crime in the 12 months ending each quarter, by force area and offence group.

    Columns: ``period_end`` (date, the last day of the 12 months), ``financial_year`` ("YYYY-YY"
    where the period ends on 31 March, else missing), ``force`` (PFA name as published:
    "Warwickshire", "West Mercia"; also British Transport Police and the national fraud bodies
    Action Fraud, CIFAS and UK Finance), ``region``, ``offence_group``, ``count`` (recorded crimes,
    a whole number; 24 rows nationally are negative, published adjustments, none for Warwickshire
    or West Mercia; kept as published). One row per period end, force and offence group. The one
    misprinted period end (30/12/2017) is read as 31/12/2017 (:data:`PUBLISHED_DATE_ERRATA`).
    Burglary is kept in its four published labels: see the module note and :func:`combine_burglary`.
    Raises InputError naming file, row and column.
    """
    names = {
        "12 months ending": "period_end",
        "PFA": "force",
        "Region": "region",
        "Offence": "offence_group",
        "Rolling year total number of offences": "count",
    }
    table = read_csv(
        path,
        [
            QuarterEnd("12 months ending"),
            Column("PFA"),
            Column("Region"),
            Column("Offence"),
            Integer("Rolling year total number of offences"),
        ],
        key=["12 months ending", "PFA", "Offence"],
    )
    table = table.rename(columns=names)
    table.insert(
        1,
        "financial_year",
        pd.Series([financial_year(d) for d in table["period_end"]], dtype=object, index=table.index),
    )
    return table.sort_values(["force", "period_end", "offence_group"]).reset_index(drop=True)


def combine_burglary(frame: pd.DataFrame) -> pd.DataFrame:
    """The same table with the four burglary labels summed into one group, ``BURGLARY``.

    The sum is comparable across the April 2017 reclassification; the halves are not. Other
    groups are unchanged. A period and force with none of the four labels gets no burglary row.
    """
    is_burglary = frame["offence_group"].isin(BURGLARY_GROUPS)
    keys = ["period_end", "financial_year", "force", "region"]
    burglary = (
        frame[is_burglary].groupby(keys, dropna=False, as_index=False)["count"].sum().assign(offence_group=BURGLARY)
    )
    out = pd.concat([frame[~is_burglary], burglary[frame.columns]], ignore_index=True)
    return out.sort_values(["force", "period_end", "offence_group"]).reset_index(drop=True)
