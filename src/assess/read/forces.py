"""The registry of police forces and the lookup of their policing areas (``data/reference/``).

Every module and chart takes force names, full names, colours and alliances from here, and every
reader resolves a source's spelling of a force through it (``ForceRegistry.resolver``); none is
typed in the code.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError
from .colour_checks import MIN_CONTRAST, contrast_with_white, too_close
from .csvfile import Column, Label, Printed, line_of, read_csv

SPELLINGS = {
    "home_office_name": "Home Office police recorded crime open data tables (Force Name), and the ONS "
    "district to force area lookup (pfa_name)",
    "prc_rds_name": "the re-hosted R data file of the Home Office recorded crime tables of October 2023",
    "workforce_name": "Home Office police workforce tables",
    "rec_crime_name": "Home Office recorded crime by force area and offence group (rec-crime-pfa.csv, PFA)",
    "police_uk_name": "data.police.uk ('Falls within' of its street files)",
    "police_uk_slug": "data.police.uk file names and force ids",
    "salah_name": "the 'Salah' replication archive ('county')",
}
"""Each column of a source's spelling of a force name, and the source it is the spelling of."""
CODE_PATTERN = r"(E23|W15)\d{6}"
"""An ONS police force area code: E23 (England) or W15 (Wales) and six digits."""


@dataclass(frozen=True)
class ForceRegistry:
    """Forces as ``data/reference/forces.csv`` lists them: one row each, keyed by ``force``.

    ``table`` has ``force, full_name``, a column per source's spelling (``SPELLINGS``),
    ``ons_pfa_code, region, colour, alliance`` (text; empty where not filled in).
    """

    table: pd.DataFrame

    @property
    def names(self) -> list[str]:
        """Every force's name as the project uses it (and as edition parameters list it)."""
        return self.table["force"].tolist()

    def _value(self, force: str, column: str) -> str:
        return str(self.table.set_index("force").at[force, column])

    def full_name(self, force: str) -> str:
        """ "West Mercia Police"; the project's name where no full name is filled in."""
        return self._value(force, "full_name") or force

    def colour(self, force: str) -> str:
        """The force's colour in every chart (``#rrggbb``), or "" where none is filled in."""
        return self._value(force, "colour")

    def region(self, force: str) -> str:
        """The ONS region (or Wales) the force's area lies in, or "" where none is filled in."""
        return self._value(force, "region")

    def alliance(self, force: str) -> str:
        """The name under which the force's alliance states shared facts ("Alliance"), or ""."""
        return self._value(force, "alliance")

    def alliance_members(self, alliance: str) -> tuple[str, ...]:
        """The forces of an alliance, in registry order."""
        return tuple(self.table.loc[self.table["alliance"] == alliance, "force"])

    def alliances_covered(self, forces) -> list[str]:
        """Alliances every one of whose forces is in ``forces``, in registry order."""
        members: dict[str, set[str]] = {}
        for force, alliance in zip(self.table["force"], self.table["alliance"], strict=True):
            if alliance:
                members.setdefault(alliance, set()).add(force)
        return [a for a, its in members.items() if its <= set(forces)]

    def by_police_uk_name(self) -> dict[str, str]:
        """data.police.uk's force name → the project's name, for the forces that have one."""
        return self.resolver("police_uk_name")

    def resolver(self, column: str) -> dict[str, str]:
        """A source's spelling → the project's force name, from the registry's ``column`` (a key
        of ``SPELLINGS``, or ``ons_pfa_code``); forces with no spelling filled in are left out."""
        filled = self.table[self.table[column] != ""]
        return dict(zip(filled[column], filled["force"], strict=True))

    def by_home_office_name(self) -> dict[str, str]:
        """Home Office force name → the project's name."""
        return self.resolver("home_office_name")


def read_forces(path: str | Path) -> ForceRegistry:
    """The forces registry: one row per force.

    Checks, beyond each column's form: no two forces share a source's spelling or an ONS code;
    every colour is ``#rrggbb`` with a contrast of at least 3:1 against white; and any two forces
    of one region have colours every reader can tell apart (``colour_checks.too_close``), since a
    regional edition draws them side by side. Raises InputError naming file, row and column.
    """
    optional = [c for c in SPELLINGS if c not in ("home_office_name", "police_uk_slug")]
    table = read_csv(
        path,
        [
            Label("force"),
            Column("full_name", required=False),
            Column("home_office_name"),
            Column("police_uk_slug"),
            *(Column(c, required=False) for c in optional),
            Printed("ons_pfa_code", required=False, pattern=CODE_PATTERN, form="an ONS code such as E23000017"),
            Column("region", required=False),
            Printed("colour", required=False, pattern=r"#[0-9a-fA-F]{6}", form="a colour written #rrggbb, or nothing"),
            Column("alliance", required=False),
        ],
        key=["force"],
    )
    for column in [*SPELLINGS, "ons_pfa_code"]:
        repeated = (table[column] != "") & table[column].duplicated()
        if repeated.any():
            raise InputError(
                path,
                "a spelling or code that names one force only",
                row=line_of(table, repeated),
                column=column,
                found=table[column][repeated].iloc[0],
            )
    filled = table["colour"] != ""
    faint = filled & (table["colour"].map(lambda c: contrast_with_white(c) if c else 21.0) < MIN_CONTRAST)
    if faint.any():
        colour = table["colour"][faint].iloc[0]
        raise InputError(
            path,
            f"a colour with a contrast of at least {MIN_CONTRAST:g}:1 against white",
            row=line_of(table, faint),
            column="colour",
            found=f"{colour} ({contrast_with_white(colour):.2f}:1)",
        )
    _check_regional_colours(table, path)
    return ForceRegistry(table)


def _check_regional_colours(table: pd.DataFrame, path: str | Path) -> None:
    """Raise InputError for the first two forces of one region whose colours a reader cannot tell apart."""
    coloured = table[(table["colour"] != "") & (table["region"] != "")]
    for _, forces in coloured.groupby("region", sort=False):
        rows = zip(forces.index, forces["force"], forces["colour"], strict=True)
        for (_, force, colour), (j, _, other) in itertools.combinations(rows, 2):
            why = too_close(colour, other)
            if why:
                raise InputError(
                    path,
                    f"colours of one region's forces that every reader can tell apart ({force}: {colour}, same region)",
                    row=line_of(table, pd.Series(table.index == j, index=table.index)),
                    column="colour",
                    found=f"{other}, {why}",
                )


def read_policing_areas(path: str | Path) -> pd.DataFrame:
    """Local authority districts: ``force, policing_area, local_authority, lad_code, county``
    (one row each). ``lad_code`` is the district's ONS code, by which districts join every other
    table; ``local_authority`` is its name as data.police.uk's LSOA names spell it."""
    return read_csv(
        path,
        [
            Label("force"),
            Label("policing_area"),
            Column("local_authority"),
            Printed("lad_code", pattern=r"[EW]0[6-9]\d{6}", form="an ONS district code such as E07000218"),
            Column("county"),
        ],
        key=["lad_code"],
    )


def areas_of(areas: pd.DataFrame, forces) -> pd.DataFrame:
    """The rows of the policing areas lookup for ``forces`` only, in the lookup's order: an
    edition sees its own districts, whatever other forces' districts the file holds."""
    return areas[areas["force"].isin(list(forces))].reset_index(drop=True)


def check_districts_of_forces(areas: pd.DataFrame, districts: pd.DataFrame, path: str | Path) -> None:
    """Raise InputError for the first district of the policing areas lookup whose ONS code the
    national district lookup (``districts``: ``lad_code, force``) does not place in the same
    force, or does not hold."""
    force_of = dict(zip(districts["lad_code"], districts["force"], strict=True))
    wrong = areas["force"] != areas["lad_code"].map(force_of)
    if wrong.any():
        row = areas[wrong].iloc[0]
        held = force_of.get(row["lad_code"])
        raise InputError(
            path,
            f"a district of {row['force']}'s force area, as the ONS district lookup places it",
            row=line_of(areas, wrong),
            column="lad_code",
            found=f"{row['lad_code']} ({row['local_authority']}), "
            + (f"a district of {held}" if held else "a code the lookup does not hold"),
        )
