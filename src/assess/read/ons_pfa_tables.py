"""ONS "Police force area data tables", Table P1: police recorded crime by force area and offence
group, rolling 12 months, read into the frame of the Home Office table of the same counts
(:func:`assess.read.recorded_crime_groups.read_recorded_crime_groups`).

File: ``ons_pfa_tables/ons_table_p1_forces_ye2018-03_to_ye2019-12.csv``, Table P1 of eight
quarterly editions (12 months ending March 2018 to December 2019), long: ``twelve_months_ending``
(YYYY-MM-DD), ``source_file``, ``area_code`` (E23…/W15…), ``area_name`` (with the edition's
footnote numbers), ``offence_group_as_published``, ``offence_group_clean``, ``offences``.

Table P1 prints totals beside their parts (all crime, violence against the person, theft,
burglary). The reader keeps the parts only, named as the Home Office table names them
(``GROUPS``), and checks in every row of a force and period that the parts sum to the printed
total, so no crime is counted twice or lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError
from .csvfile import Column, Count, Printed, line_of, read_csv
from .forces import CODE_PATTERN
from .recorded_crime_groups import financial_year

TOTAL = "Total recorded crime (excluding fraud)"
"""Table P1's total, against which the parts are checked."""
GROUPS = {
    "Homicide": "Homicide",
    "Violence with injury": "Violence with injury",
    "Violence without injury": "Violence without injury",
    "Stalking and harassment": "Stalking and harassment",
    "Death or serious injury - unlawful driving": "Death or serious injury caused by illegal driving",
    "Sexual offences": "Sexual offences",
    "Robbery": "Robbery",
    "Residential burglary": "Residential burglary",
    "Non-residential burglary": "Non-residential burglary",
    "Vehicle offences": "Vehicle offences",
    "Theft from the person": "Theft from the person",
    "Bicycle theft": "Bicycle theft",
    "Shoplifting": "Shoplifting",
    "Other theft offences": "All other theft offences",
    "Criminal damage and arson": "Criminal damage and arson",
    "Drug offences": "Drug offences",
    "Possession of weapons offences": "Possession of weapons offences",
    "Public order offences": "Public order offences",
    "Miscellaneous crimes": "Miscellaneous crimes against society",
    "Miscellaneous crimes against society": "Miscellaneous crimes against society",
}
"""Table P1's groups that together make its total → the Home Office table's name for each."""
SUBTOTALS = ("Violence against the person", "Theft offences", "Burglary")
"""Table P1's groups that sum others (left out)."""
NOT_AVAILABLE = ".."
"""How Table P1 prints a count it does not have (one force's, 12 months ending September and
December 2019, after its change of recording system): read as missing, never as zero."""


@dataclass(frozen=True)
class CountOrNotAvailable(Count):
    """A whole number of 0 or more, or ``NOT_AVAILABLE`` (converted to a missing value)."""

    @property
    def expected(self) -> str:
        return super().expected + f", or '{NOT_AVAILABLE}' (not available)"

    def check(self, text):
        return super().check(text) | (text == NOT_AVAILABLE)

    def convert(self, text):
        return super().convert(text.where(text != NOT_AVAILABLE, ""))


def read_ons_pfa_groups(path: str | Path, codes: dict[str, str], regions: dict[str, str]) -> pd.DataFrame:
    """Recorded crime in the 12 months ending each quarter, by force and offence group.

    ``codes``: ONS force area code → the project's force name
    (``ForceRegistry.resolver("ons_pfa_code")``); ``regions``: force → its region. Returns the
    columns of ``read_recorded_crime_groups``: ``period_end`` (date), ``financial_year``
    ("YYYY-YY" for a year ending 31 March, else missing), ``force`` (the project's name),
    ``region``, ``offence_group`` (the Home Office table's label), ``count`` (missing where the
    table prints ``NOT_AVAILABLE``). Raises InputError naming file, row and column for an
    unknown code or group, and for a force and period whose groups do not sum to its printed
    total.
    """
    table = read_csv(
        path,
        [
            Printed(
                "twelve_months_ending", pattern=r"\d{4}-(03-31|06-30|09-30|12-31)", form="a quarter end YYYY-MM-DD"
            ),
            Printed("area_code", pattern=CODE_PATTERN, form="an ONS police force area code"),
            Column("offence_group_clean", allowed=(TOTAL, *GROUPS, *SUBTOTALS)),
            CountOrNotAvailable("offences"),
        ],
        key=["twelve_months_ending", "area_code", "offence_group_clean"],
    )
    unknown = ~table["area_code"].isin(list(codes))
    if unknown.any():
        raise InputError(
            path,
            "the ONS code of a force of the forces registry (column ons_pfa_code)",
            row=line_of(table, unknown),
            column="area_code",
            found=table["area_code"][unknown].iloc[0],
        )
    table["period_end"] = pd.to_datetime(table["twelve_months_ending"])
    table["force"] = table["area_code"].map(codes)
    totals = table[table["offence_group_clean"] == TOTAL].set_index(["period_end", "force"])["offences"]
    parts = table[table["offence_group_clean"].isin(GROUPS)]
    summed = parts.groupby(["period_end", "force"])["offences"].sum(min_count=1)
    wrong = summed.reindex(totals.index).ne(totals).fillna(summed.reindex(totals.index).isna() != totals.isna())
    if wrong.any():
        period_end, force = totals.index[wrong.to_numpy()][0]
        raise InputError(
            path,
            f"offence groups that sum to '{TOTAL}' for {force}, 12 months ending {period_end:%d %B %Y}",
            column="offences",
            found=f"{summed.get((period_end, force), 0):,} against {totals[(period_end, force)]:,}",
        )
    out = pd.DataFrame(
        {
            "period_end": parts["period_end"],
            "financial_year": [financial_year(d) for d in parts["period_end"]],
            "force": parts["force"],
            "region": parts["force"].map(regions),
            "offence_group": parts["offence_group_clean"].map(GROUPS),
            "count": parts["offences"],
        }
    )
    out["financial_year"] = out["financial_year"].astype(object)
    return out.sort_values(["force", "period_end", "offence_group"]).reset_index(drop=True)
