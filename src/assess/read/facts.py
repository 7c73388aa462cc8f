"""The forces' own statements, transcribed: key facts, the alliance timeline, and the documents they cite."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .csvfile import Column, Count, read_csv


def read_key_facts(path: str | Path) -> pd.DataFrame:
    """Key facts as the forces stated them: ``fact, force, qualifier, value, unit, source``.

    ``value`` is a whole number in ``unit``; ``qualifier`` ("over", "around", ...) is the
    source's own hedge and travels with the value. ``force`` is a force's name or the name its
    alliance states shared facts under.
    """
    return read_csv(
        path,
        [
            Column("fact"),
            Column("force"),
            Column("qualifier", required=False),
            Count("value"),
            Column("unit"),
            Column("source"),
        ],
        key=["fact", "force"],
    )


def read_timeline(path: str | Path) -> pd.DataFrame:
    """Dated events, in date order: ``date`` (YYYY-MM or YYYY-MM-DD), ``event``, ``milestone``
    (``start``, ``notice``, ``end`` or empty) and ``source``."""
    table = read_csv(
        path,
        [
            Column("date"),
            Column("event"),
            Column("milestone", required=False, allowed=("start", "notice", "end")),
            Column("source"),
        ],
        unique_rows=True,
    )
    return table.sort_values("date", kind="stable").reset_index(drop=True)


def read_source_documents(path: str | Path) -> pd.DataFrame:
    """The documents that transcribed facts cite: ``source`` (a short code), ``document`` (in words)."""
    return read_csv(path, [Column("source"), Column("document")], key=["source"])


def concerning(timeline: pd.DataFrame, forces: tuple[str, ...], known: list[str]) -> pd.DataFrame:
    """The events of ``timeline`` that concern ``forces``: those that name one of them, those
    that name no force of ``known`` (the alliance's own events), and the alliance's milestones
    (start, notice, end), which concern every force in it. An event that names only other
    forces ("... shared services for Warwickshire") is left out of another force's edition."""
    names = sorted(known, key=len, reverse=True)

    def named(event: str) -> set[str]:
        found, rest = set(), event
        for name in names:
            if name in rest:
                found.add(name)
                rest = rest.replace(name, " ")
        return found

    keep = timeline.apply(
        lambda row: bool(row["milestone"]) or not named(row["event"]) or bool(named(row["event"]) & set(forces)),
        axis=1,
    )
    return timeline[keep].reset_index(drop=True)
