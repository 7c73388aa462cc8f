"""Every local authority district of England and Wales and the police force area it lies in
(ONS codes, 2021 geography), from ``ons_pfa_lookup/lad_to_pfa_2021geography.csv``.

Districts join every other table by their ONS code (``lad_code``), never by name: ONS writes
"Bristol, City of" and "Herefordshire, County of", data.police.uk's LSOA names "Herefordshire".
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from .csvfile import Column, Printed, line_of, read_csv

DISTRICT_CODE = r"(E0[6-9]|W06)\d{6}"
"""An ONS code of a local authority district of England (E06 unitary, E07 non-metropolitan,
E08 metropolitan, E09 London borough) or Wales (W06)."""


def read_district_lookup(path: str | Path, spellings: dict[str, str]) -> pd.DataFrame:
    """Districts by force area: ``lad_code, lad_name, lad_type, force, region_code, region_name,
    county_code, county_name`` (one row per district; county empty for a unitary district).

    ``spellings``: the lookup's force names (the Home Office spelling, ``pfa_name``) → the
    project's name (``ForceRegistry.resolver("home_office_name")``). Raises InputError naming
    file, row and column for an unknown force, a district given twice, or a force of the
    registry with no district.
    """
    table = read_csv(
        path,
        [
            Printed("lad_code", pattern=DISTRICT_CODE, form="an ONS district code such as E07000218"),
            Column("lad_name"),
            Column("lad_type"),
            Column("pfa_name"),
            Printed("region_code", pattern=r"(E12\d{6}|W92000004)", form="an ONS region code, or Wales"),
            Column("region_name"),
            Column("county_code", required=False),
            Column("county_name", required=False),
        ],
        key=["lad_code"],
    )
    unknown = ~table["pfa_name"].isin(list(spellings))
    if unknown.any():
        raise InputError(
            path,
            "a force area named as the forces registry's home_office_name",
            row=line_of(table, unknown),
            column="pfa_name",
            found=table["pfa_name"][unknown].iloc[0],
        )
    table.insert(3, "force", table.pop("pfa_name").map(spellings))
    empty = sorted(set(spellings.values()) - set(table["force"]))
    if empty:
        raise InputError(
            path, "at least one district of every force of the registry", column="pfa_name", found=f"none of {empty[0]}"
        )
    return table.sort_values(["force", "lad_code"]).reset_index(drop=True)
