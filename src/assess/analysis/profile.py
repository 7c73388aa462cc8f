"""The edition's profile: which forces, what area, what they say of themselves, and the alliance's span."""

from __future__ import annotations

import pandas as pd

from ..errors import InputError


def facts_for_edition(facts: pd.DataFrame, forces: tuple[str, ...], alliances: list[str]) -> pd.DataFrame:
    """Key facts that speak of the edition's forces only.

    Facts stated for an alliance (``force`` is the alliance's name) are kept only when it is one
    of ``alliances``, those whose forces the edition covers all of, so a single-force edition
    never prints figures that include another force.
    """
    keep = facts["force"].isin(forces) | facts["force"].isin(alliances)
    return facts[keep].reset_index(drop=True)


def edition_areas(areas: pd.DataFrame, forces: tuple[str, ...]) -> pd.DataFrame:
    """The rows of the policing areas lookup (``force, policing_area, local_authority, county``)
    of ``forces`` only, so that another force's districts in the lookup change nothing. Raises
    ValueError naming a force of ``forces`` that has no district in it."""
    missing = [force for force in forces if not (areas["force"] == force).any()]
    if missing:
        raise ValueError(f"the policing areas lookup holds no district of {', '.join(missing)}")
    return areas[areas["force"].isin(forces)].reset_index(drop=True)


def area_summary(areas: pd.DataFrame, forces: tuple[str, ...]) -> pd.DataFrame:
    """Per force of the edition: ``force``, ``counties`` (names, joined), ``policing_areas`` (count)
    and ``local_authorities`` (count), forces in the edition's order."""
    rows = []
    for force in forces:
        mine = areas[areas["force"] == force]
        rows.append(
            {
                "force": force,
                "counties": ", ".join(dict.fromkeys(mine["county"])),
                "policing_areas": mine["policing_area"].nunique(),
                "local_authorities": mine["local_authority"].nunique(),
            }
        )
    return pd.DataFrame(rows)


def milestones(timeline: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """Dates of the alliance's ``start``, ``notice`` (West Mercia's notice to leave) and ``end``,
    from the timeline rows so marked. A date given to the month only counts from its first day.
    """
    marked = {}
    for milestone in ("start", "notice", "end"):
        rows = timeline[timeline["milestone"] == milestone]
        if len(rows) != 1:
            raise InputError(
                "alliance timeline",
                f"exactly one row with milestone '{milestone}'",
                column="milestone",
                found=f"{len(rows)} rows",
            )
        marked[milestone] = pd.Timestamp(rows["date"].iloc[0])
    return marked


def years_between(start: pd.Timestamp, end: pd.Timestamp) -> float:
    """Length of the span in years of 365.25 days."""
    return (end - start).days / 365.25


def cite(table: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """``table`` with its ``source`` codes replaced by a ``document`` column naming each document.

    Raises InputError for a code that ``documents`` does not list.
    """
    names = documents.set_index("source")["document"]
    unknown = sorted(set(table["source"]) - set(names.index))
    if unknown:
        raise InputError("source documents", "a row for every source code cited", column="source", found=unknown[0])
    return table.assign(document=table["source"].map(names)).drop(columns="source")
