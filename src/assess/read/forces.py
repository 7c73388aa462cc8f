"""The registry of police forces and the lookup of their policing areas (``data/reference/``).

Every module and chart takes force names, full names, colours and alliances from here; none is
typed in the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError
from .csvfile import Column, Label, read_csv


@dataclass(frozen=True)
class ForceRegistry:
    """Forces as ``data/reference/forces.csv`` lists them: one row each, keyed by ``force``.

    ``table`` has ``force, home_office_name, police_uk_name, police_uk_slug, full_name, colour,
    alliance`` (text; empty where not filled in).
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

    def alliance(self, force: str) -> str:
        """The name under which the force's alliance states shared facts ("Alliance"), or ""."""
        return self._value(force, "alliance")

    def alliance_members(self, alliance: str) -> tuple[str, ...]:
        """The forces of an alliance, in registry order."""
        return tuple(self.table.loc[self.table["alliance"] == alliance, "force"])

    def alliances_covered(self, forces) -> list[str]:
        """Alliances every one of whose forces is in ``forces``."""
        named = dict.fromkeys(a for a in self.table["alliance"] if a)
        return [a for a in named if set(self.alliance_members(a)) <= set(forces)]

    def by_police_uk_name(self) -> dict[str, str]:
        """data.police.uk's force name → the project's name, for the forces that have one."""
        named = self.table[self.table["police_uk_name"] != ""]
        return dict(zip(named["police_uk_name"], named["force"], strict=True))

    def by_home_office_name(self) -> dict[str, str]:
        """Home Office force name → the project's name."""
        return dict(zip(self.table["home_office_name"], self.table["force"], strict=True))


def read_forces(path: str | Path) -> ForceRegistry:
    """The forces registry: one row per force, colours checked to be ``#rrggbb``."""
    table = read_csv(
        path,
        [
            Column("force"),
            Column("home_office_name"),
            Column("police_uk_name", required=False),
            Column("police_uk_slug"),
            Column("full_name", required=False),
            Column("colour", required=False),
            Column("alliance", required=False),
        ],
        key=["force"],
    )
    bad = ~table["colour"].str.fullmatch(r"(#[0-9a-fA-F]{6})?")
    if bad.any():
        raise InputError(
            path,
            "a colour written #rrggbb, or nothing",
            row=int(bad.to_numpy().argmax()) + 2,
            column="colour",
            found=table["colour"][bad].iloc[0],
        )
    return ForceRegistry(table)


def read_policing_areas(path: str | Path) -> pd.DataFrame:
    """Local authority districts: ``force, policing_area, local_authority, county`` (one row each)."""
    return read_csv(
        path,
        [Label("force"), Label("policing_area"), Column("local_authority"), Column("county")],
        key=["local_authority"],
    )
