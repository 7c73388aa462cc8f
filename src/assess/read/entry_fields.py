"""The fields a register entry carries beside its own content, read alike from a YAML entry and a
CSV row: whose it is (``force``), when an analyst last reviewed it (``reviewed``), from which day
it holds (``since``) and the public document the project drafted it from (``drafted``).

- ``force``: one scope (``all``, an alliance, a force) or several, as a YAML list or, in a CSV
  cell, parted by semicolons (``Warwickshire; West Mercia``); kept as that text, which
  ``assess.read.scope`` reads and checks against the forces registry.
- ``reviewed``: a month, ``YYYY-MM`` (required): the month an analyst last checked the entry
  against the assessment. ``assess.read.scope.carried_forward`` decides from it whether an
  edition shows the entry as carried forward from an earlier assessment.
- ``since``: a day, ``YYYY-MM-DD``, or empty: an entry about a dated event is shown only in
  editions written as of that day or later.
- ``drafted``: empty, or the public document the project drafted the entry from ("the West
  Mercia Police and Crime Panel report of 29 October 2018"): the pages say it was drafted so.

A bad value stops the build with one line naming the file, the line (row) and the field.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from ..errors import InputError
from ..periods import is_date, is_month
from .csvfile import Column, Day, Month

FORCE, REVIEWED, SINCE, DRAFTED = "force", "reviewed", "since", "drafted"
SEPARATOR = ";"
"""What parts the scopes of a ``force`` cell that names several (two forces of the registry, ``A; B``)."""
REVIEWED_FORM = 'the month the entry was last reviewed, "YYYY-MM" in quotes'
SINCE_FORM = "empty, or the day from which the entry holds, YYYY-MM-DD"
DRAFTED_FORM = "empty, or the public document the project drafted the entry from, as text on one line"
FORCE_FORM = "whose entry it is: 'all', an alliance or a force, or a list of them"


def csv_columns(dated: bool = False) -> list[Column]:
    """The CSV columns every register row carries (``force``, ``reviewed``), and with ``dated``
    also ``since`` and ``drafted`` (which may be empty)."""
    columns: list[Column] = [Column(FORCE), Month(REVIEWED)]
    if dated:
        columns += [Day(SINCE, required=False), Column(DRAFTED, required=False)]
    return columns


def yaml_fields(
    path: str | Path, where: str, entry: dict, lines: dict[tuple, int], place: tuple, dated: bool = False
) -> dict[str, str]:
    """``force`` and ``reviewed`` of one YAML entry, and with ``dated`` also ``since`` and
    ``drafted`` ("" when absent), as text. ``where`` names the entry in messages ("risk R1"),
    ``lines`` and ``place`` find its lines (``yamlfile.value_lines``: ``("risks", 0)``)."""

    def fail(field: str, expected: str, found: object) -> None:
        row = lines.get((*place, field), lines.get(place))
        raise InputError(path, expected, row=row, column=f"{where}.{field}", found=found)

    fields = {FORCE: force_text(entry.get(FORCE), lambda found: fail(FORCE, FORCE_FORM, found))}
    reviewed = entry.get(REVIEWED)
    if not is_month(reviewed):
        fail(REVIEWED, REVIEWED_FORM, reviewed)
    fields[REVIEWED] = reviewed
    if dated:
        since = entry.get(SINCE)
        if isinstance(since, datetime.date) and not isinstance(since, datetime.datetime):
            since = since.isoformat()  # an unquoted day is read by YAML as a date
        if since is not None and not is_date(since):
            fail(SINCE, SINCE_FORM, since)
        drafted = entry.get(DRAFTED)
        if drafted is not None and (not isinstance(drafted, str) or not drafted.strip() or "\n" in drafted.strip()):
            fail(DRAFTED, DRAFTED_FORM, drafted)
        fields[SINCE] = since or ""
        fields[DRAFTED] = drafted.strip() if drafted else ""
    return fields


def force_text(value: object, fail) -> str:
    """A ``force`` value (text, or a list of texts) as one text, several scopes parted by "; ";
    calls ``fail(value)``, which raises, when it is neither."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, list) and value and all(isinstance(p, str) and p.strip() for p in value):
        return f"{SEPARATOR} ".join(p.strip() for p in value)
    fail(value)
    raise AssertionError("fail() raises")
