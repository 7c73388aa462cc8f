"""What changed between two editions' figures registers (``figures.json``): each figure both
registers hold under the same name and unit whose value differs, each figure only the newer
one holds, and each only the older one held.

Numbers are compared as numbers: the change in the figure's own unit and the percentage change
on the older value (none for a figure that is itself a percentage: its change, in percentage
points, says it all). A figure that is a word or a short phrase (a month, a place, a count
published as "<5") is compared as text; longer sentences are left out, since their numbers are
figures of their own. A yes/no flag is compared as text too.
"""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass

SHORT_TEXT = 40
"""Text values longer than this many characters are sentences, not compared."""


@dataclass(frozen=True)
class Change:
    """One figure that changed: ``old`` and ``new`` as the registers hold them; ``change``
    (new − old, in ``unit``) and ``percent`` (the change as a % of ``old``) are None for text,
    ``percent`` also when ``old`` is 0, when ``old`` and ``new`` have opposite signs, or when the
    unit is a percentage (:func:`is_percentage`) or a calendar year.
    ``old_description`` is the older register's description when it differs from
    ``description`` (a projection for another month, say), else ""."""

    section: str
    name: str
    description: str
    unit: str
    old: object
    new: object
    change: float | None
    percent: float | None
    old_description: str = ""


@dataclass(frozen=True)
class Changes:
    """The comparison of two registers, each list grouped by chapter (the newer edition's
    reading order, then chapters only the older one had) and, within a chapter, numbers
    before text, biggest percentage change first (changes from 0 first of all)."""

    changed: list[Change]
    new: list[dict]
    gone: list[dict]


def is_number(value: object) -> bool:
    """True for an int or float that is finite (a bool is not a number here)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def is_percentage(unit: str | None) -> bool:
    """True when a figure's ``unit`` is a percentage ("%", "% of recorded crime", "per cent")."""
    return bool(unit) and ("%" in unit or "per cent" in unit.lower())


def compare_figures(previous: list[dict], current: list[dict], keep=lambda figure: True) -> Changes:
    """Compare two figures registers (lists of ``section``, ``name``, ``value``, ``unit``,
    ``description`` dicts, as ``figures.json`` holds them). Only figures for which ``keep``
    is true, on either side, are compared.

    A figure is the same figure in both when it has the same name and unit; one whose unit
    changed counts as gone and new. Returns a Changes.
    """
    old = {(f["name"], f.get("unit") or ""): f for f in previous if keep(f)}
    new = {(f["name"], f.get("unit") or ""): f for f in current if keep(f)}
    changed = [c for k in new.keys() & old.keys() if (c := _change(old[k], new[k])) is not None]
    order = list(dict.fromkeys([*(f["section"] for f in current), *(f["section"] for f in previous)]))
    rank = {section: i for i, section in enumerate(order)}
    changed.sort(key=lambda c: (rank[c.section], *_size(c)))
    return Changes(
        changed=changed,
        new=sorted((new[k] for k in new.keys() - old.keys()), key=lambda f: (rank[f["section"]], f["name"])),
        gone=sorted((old[k] for k in old.keys() - new.keys()), key=lambda f: (rank[f["section"]], f["name"])),
    )


def _change(old: dict, new: dict) -> Change | None:
    """The change from ``old`` to ``new`` (the same figure), or None when it did not change or
    is a sentence."""
    a, b = old["value"], new["value"]
    if is_number(a) and is_number(b):
        if a == b:
            return None
        difference = b - a
        crosses_zero = (a < 0 < b) or (b < 0 < a)  # no % change from a value of the other sign
        no_percent = a == 0 or crosses_zero or is_percentage(new.get("unit")) or new.get("unit") == "year"
        percent = None if no_percent else 100 * difference / abs(a)
    elif str(a) == str(b) or len(str(a)) > SHORT_TEXT or len(str(b)) > SHORT_TEXT:
        return None
    else:
        difference = percent = None
    described = new.get("description") or ""
    described_before = old.get("description") or ""
    return Change(
        section=new["section"],
        name=new["name"],
        description=described,
        unit=new.get("unit") or "",
        old=a,
        new=b,
        change=difference,
        percent=percent,
        old_description=described_before if described_before != described else "",
    )


def _size(change: Change) -> tuple:
    """Sort key within a chapter: numbers first, from 0 first, then biggest % change (a
    percentage's change in points counts as its % change), then name."""
    if change.change is None:
        return (2, 0.0, change.name)
    if is_percentage(change.unit):
        return (1, -abs(change.change), change.name)
    if change.percent is None:
        return (0, 0.0, change.name) if change.old == 0 else (1, 0.0, change.name)
    return (1, -abs(change.percent), change.name)


def about_forces(kept: list[str], dropped: list[str]):
    """A ``keep`` for ``compare_figures`` when the older edition covered forces the newer one
    does not: true for a figure whose name names one of ``kept`` and none of ``dropped`` (a
    force is named as the register's names write it: "West Mercia" as the words ``west_mercia``)."""

    def words(force: str) -> str:
        return "_" + re.sub(r"[^a-z0-9]+", "_", force.lower()).strip("_") + "_"

    def keep(figure: dict) -> bool:
        name = f"_{figure['name']}_"
        return any(words(f) in name for f in kept) and not any(words(f) in name for f in dropped)

    return keep
