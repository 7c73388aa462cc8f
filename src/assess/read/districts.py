"""Every local authority district of England and Wales and the police force area it lies in
(ONS codes, 2021 geography), from ``ons_pfa_lookup/lad_to_pfa_2021geography.csv``.

Districts join every other table by their ONS code (``lad_code``), never by name: ONS writes
"Bristol, City of" and "Herefordshire, County of", data.police.uk's LSOA names "Herefordshire".
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from .csvfile import Column, Number, Printed, line_of, read_csv

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


def read_district_area(path: str | Path) -> pd.DataFrame:
    """Land area of each district: ``lad_code, lad_name, area_sq_km`` (square kilometres, more
    than 0), one row per district, sorted by code. Raises InputError naming file, row and column."""
    table = read_csv(
        path,
        [
            Printed("lad_code", pattern=DISTRICT_CODE, form="an ONS district code such as E07000218"),
            Column("lad_name"),
            Number("area_sq_km", minimum=0.0),
        ],
        key=["lad_code"],
    )
    zero = table["area_sq_km"] <= 0
    if zero.any():
        raise InputError(path, "an area of more than 0 sq km", row=line_of(table, zero), column="area_sq_km", found="0")
    table["area_sq_km"] = table["area_sq_km"].astype(float)
    return table.sort_values("lad_code").reset_index(drop=True)


def force_areas(lookup: pd.DataFrame, areas: pd.DataFrame, path: str | Path) -> pd.Series:
    """Land area of each force area in square kilometres, the sum of its districts, joined on
    their ONS codes; indexed by force. ``lookup``: ``read_district_lookup``; ``areas``:
    ``read_district_area`` (read from ``path``). Raises InputError naming a district of the
    lookup with no area."""
    size = dict(zip(areas["lad_code"], areas["area_sq_km"], strict=True))
    missing = lookup[~lookup["lad_code"].isin(list(size))]
    if len(missing):
        row = missing.iloc[0]
        raise InputError(
            path,
            "an area for every district of the district lookup",
            column="lad_code",
            found=f"none for {row['lad_code']} ({row['lad_name']})",
        )
    return lookup.assign(area=lookup["lad_code"].map(size)).groupby("force")["area"].sum().rename("area_sq_km")
