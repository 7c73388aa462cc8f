"""Errors that name where a file was expected: a folder given for a file (or a file for a folder),
a street-level file in another month's folder, a month's file missing from the edition's period.

Each raises one InputError whose path is the one expected, shown from the project root, and
whose ``found`` says what is there instead.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..periods import Period, is_financial_year, is_month, months_between, span_label
from .paths import shown_path

LISTED = 3
"""At most this many names of what a folder holds are quoted in a message."""


def _holding(folder: Path) -> str:
    """ "a folder holding a.csv, b.csv and 3 more", or "an empty folder"."""
    names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    if not names:
        return "an empty folder"
    more = f" and {len(names) - LISTED} more" if len(names) > LISTED else ""
    return "a folder holding " + ", ".join(names[:LISTED]) + more


def check_kind(path: Path, name: str, entry: dict | None, root: Path) -> None:
    """Raise InputError when dataset ``name``'s ``path`` is a folder where its catalogue ``entry``
    describes a file, or a file where it describes a folder (an entry with ``files:``) other than
    the entry's ``national`` file (one file holding every force, such as the hate crime panel)."""
    if entry is None or not path.exists():
        return
    pattern = entry.get("files")
    national = entry.get("national")
    if pattern and path.is_file() and not (national and path.resolve() == (root / national).resolve()):
        raise InputError(
            shown_path(path, root),
            f"a folder of {pattern} files for dataset '{name}'",
            found=f"a file (its folder is {shown_path(path.parent, root)}/)",
        )
    if not pattern and path.is_dir():
        raise InputError(shown_path(path, root), f"a file for dataset '{name}', not a folder", found=_holding(path))


def misplaced_street_file(folder: Path, root: Path) -> None:
    """Raise InputError for the first street-level file (``YYYY-MM-<force>-street.csv``) of a
    sub-folder of ``folder`` not named for its month: data.police.uk's download puts each month's
    files in a folder of that month, so one in another folder is in the wrong place. A sub-folder
    named for a financial year (``2020-21/``) is a later year's own folder, as ``assess new-year``
    asks for (``data/raw/police_uk_street/2020-21/``): it belongs to another edition and is left
    alone."""
    for path in sorted(folder.glob("*/*-street.csv")):
        month = path.name[:7]
        if is_month(month) and path.parent.name != month and not is_financial_year(path.parent.name):
            raise InputError(
                shown_path(folder / month / path.name, root),
                f"{path.name} in the folder of its month {month}/ (or in {shown_path(folder, root)}/ itself)",
                found=f"it in {shown_path(path.parent, root)}/",
            )


def missing_street_file(
    folder: Path, held: dict[str, Path], period: Period, slugs: dict[str, str], dataset: str, root: Path
) -> None:
    """Raise InputError for the first month of ``period`` and force whose street-level file is
    missing, when ``folder`` holds some month of ``period`` (``held``: month → folder holding its
    files; ``slugs``: force → data.police.uk slug). A folder holding none of the period is left to
    the period check (the dataset does not cover it, or the chapter waits for it)."""
    needed = months_between(period.start, period.end)
    if not set(needed) & set(held):
        return
    for month in needed:
        for force, slug in slugs.items():
            name = f"{month}-{slug}-street.csv"
            if month in held and (held[month] / name).is_file():
                continue
            where = held.get(month, folder)
            raise InputError(
                shown_path(where / name, root),
                f"the street-level file of {force} for {month} ({dataset}'s period is {span_label(period, 'long')})",
                found="nothing" if month not in held else f"only other forces' files for {month}",
            )
