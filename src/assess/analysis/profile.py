"""The edition's profile: which forces, what area, what they say of themselves, and the alliance's span."""

from __future__ import annotations

import re

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


def edition_districts(districts: pd.DataFrame, areas: pd.DataFrame, forces: tuple[str, ...]) -> pd.DataFrame:
    """The districts of ``forces`` (the national lookup ``districts``: ``lad_code, lad_name,
    lad_type, force, county_name``), in the edition's order of forces and the lookup's order
    within each, with the policing area and county the policing areas lookup ``areas`` (``force,
    policing_area, lad_code, county``; may be empty) gives each by its ONS code ("" where none is
    entered). Returns ``force, lad_code, lad_name, lad_type, county_name, policing_area, county``.
    Raises ValueError naming a force of ``forces`` that has no district in ``districts``."""
    missing = [force for force in forces if not (districts["force"] == force).any()]
    if missing:
        raise ValueError(f"the district lookup holds no district of {', '.join(missing)}")
    order = {force: i for i, force in enumerate(forces)}
    mine = districts[districts["force"].isin(forces)]
    mine = mine.assign(_order=mine["force"].map(order)).sort_values("_order", kind="stable")
    area_of = dict(zip(areas["lad_code"], areas["policing_area"], strict=True)) if len(areas) else {}
    county_of = dict(zip(areas["lad_code"], areas["county"], strict=True)) if len(areas) else {}
    return pd.DataFrame(
        {
            "force": mine["force"],
            "lad_code": mine["lad_code"],
            "lad_name": mine["lad_name"],
            "lad_type": mine["lad_type"],
            "county_name": mine["county_name"].fillna(""),
            "policing_area": [area_of.get(code, "") for code in mine["lad_code"]],
            "county": [county_of.get(code, "") for code in mine["lad_code"]],
        }
    ).reset_index(drop=True)


def places(districts: pd.DataFrame) -> list[str]:
    """The places a force's districts (rows of ``edition_districts``) make up, as the lookups name
    them: the counties the policing areas lookup gives, sorted, where it gives one for every
    district; otherwise the ONS counties (a metropolitan county without "(Met County)"), sorted,
    then the districts under no county, sorted, each by its plain name ("Bristol, City of" →
    "Bristol")."""
    if len(districts) and (districts["county"] != "").all():
        return sorted(districts["county"].unique())
    counties = sorted({re.sub(r"\s*\(Met County\)$", "", c) for c in districts["county_name"] if c})
    loose = sorted(
        re.sub(r", (City|County) of$", "", n) for n in districts.loc[districts["county_name"] == "", "lad_name"]
    )
    return counties + loose


def area_summary(districts: pd.DataFrame, forces: tuple[str, ...]) -> pd.DataFrame:
    """Per force of the edition, in its order: ``force``, ``places`` (``places``: a tuple of names),
    ``policing_areas`` (entered in the policing areas lookup; 0 when none is) and
    ``local_authorities`` (districts), from ``edition_districts``."""
    rows = []
    for force in forces:
        mine = districts[districts["force"] == force]
        entered = mine.loc[mine["policing_area"] != "", "policing_area"]
        rows.append(
            {
                "force": force,
                "places": tuple(places(mine)),
                "policing_areas": entered.nunique(),
                "local_authorities": len(mine),
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
