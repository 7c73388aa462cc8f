"""Whose entry is it, from when, and how old: the ``force``, ``since`` and ``reviewed`` fields of
the analysts' registers, and an edition's share of them.

Every entry of a register (a risk, an issue, a MoRiLE threat, a recommendation, a key judgement,
a threat page, a CSP priority, a plan's theme) names whom it concerns in ``force``: a force of
``data/reference/forces.csv``, an alliance of that registry (``Alliance``: the entry concerns the
forces together, as an alliance), ``all`` (every force of whatever edition shows it: a glossary
term) or several of these (``Warwickshire; West Mercia``: each of those forces, as an entry the
alliance's assessment wrote for each of its forces). An edition shows an entry when any of its
scopes is ``all``, one of the edition's forces, or an alliance every force of which is among
them; so a single-force edition never shows another force's or the alliance's entries, and a
force that has no entries gets none of anyone else's.

An entry with a ``since`` day is shown only in editions written as of that day or later. An
entry that ``rewords`` an alliance's recommendation or key judgement for one force stands in for
it in editions that do not show the alliance's own (:func:`check_rewordings`). Whether an edition shows an entry as
carried forward from an earlier assessment is decided by its ``reviewed`` month, one entry at a
time (:func:`carried_forward`).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pandas as pd

from ..edition import REVIEW_MONTHS
from ..errors import InputError
from ..periods import months_apart
from .csvfile import LineNumbers
from .entry_fields import SEPARATOR, SINCE
from .forces import ForceRegistry
from .threats import body_for

ALL = "all"
"""The ``force`` of an entry that concerns every force."""
FIELD = "force"
"""The name of the field (YAML) or column (CSV) that says whose entry it is."""
REWORDS = "rewords"
"""The column of an entry that rewords an alliance's entry for one force: that entry's number (a
recommendation) or id (a key judgement)."""


def carried_forward(reviewed: str, as_of: str) -> bool:
    """True when an entry last reviewed in the month ``reviewed`` (YYYY-MM) is carried forward in
    an edition written as of ``as_of`` (YYYY-MM-DD): reviewed ``REVIEW_MONTHS`` (12) or more
    months before the as-of date's month, for an earlier assessment. An entry reviewed later than
    the as-of month (drafted since) is not carried forward."""
    return months_apart(reviewed, as_of[:7]) >= REVIEW_MONTHS


def named(value: str) -> tuple[str, ...]:
    """The scopes a ``force`` value names: one, or several parted by semicolons."""
    return tuple(part.strip() for part in str(value).split(SEPARATOR))


def scopes(registry: ForceRegistry) -> list[str]:
    """Every value the ``force`` field may hold: ``all``, each alliance, each force's name."""
    alliances = list(dict.fromkeys(a for a in registry.table["alliance"] if a))
    return [ALL, *alliances, *registry.names]


def shown_for(registry: ForceRegistry, forces) -> set[str]:
    """The ``force`` values whose entries an edition of ``forces`` shows: ``all``, the forces
    themselves and every alliance all of whose forces are among them."""
    return {ALL, *forces, *registry.alliances_covered(forces)}


def expected(registry: ForceRegistry, found: object = None) -> str:
    """What a ``force`` field must hold, in words, with the nearest allowed value to ``found``."""
    alliances = [a for a in scopes(registry)[1:] if a not in registry.names]
    words = f"'{ALL}', an alliance ({', '.join(alliances)}) or a force of data/reference/forces.csv"
    close = difflib.get_close_matches(str(found), scopes(registry), n=1) if found is not None else []
    return words + (f" (did you mean '{close[0]}'?)" if close else "")


def _bad_scope(registry: ForceRegistry, value: object) -> tuple[str, str] | None:
    """(what was expected, what was found) when ``value`` is not a ``force`` value, else None."""
    parts = named(value)
    allowed = scopes(registry)
    for part in parts:
        if part not in allowed:
            return expected(registry, part), part
    if len(parts) > 1 and ALL in parts:
        return f"'{ALL}' on its own (it means every force already)", str(value)
    return None


def concerns(registry: ForceRegistry, value: str, forces) -> bool:
    """True when an edition of ``forces`` shows an entry whose ``force`` is ``value`` (checked)."""
    return bool(set(named(value)) & shown_for(registry, forces))


def for_edition(
    table: pd.DataFrame, path: str | Path, registry: ForceRegistry, forces, as_of: str | None = None
) -> pd.DataFrame:
    """The rows of register ``table`` an edition of ``forces`` written as of ``as_of``
    (YYYY-MM-DD) shows, in their order: those it concerns (:func:`concerns`), dated no later than
    ``as_of`` where the table has a ``since`` column, and, where it has a ``rewords`` column, each
    row rewording an alliance's recommendation for one force in place of that recommendation when
    the edition does not show it (the rewording then takes its ``number``; it is left out when the
    edition shows the alliance's own row).

    Every row's ``force`` is checked first: an unknown value raises InputError naming ``path``,
    the row (its file line for a CSV table, ``table.attrs["lines"]``) or entry (a YAML table,
    ``table.attrs["entries"]``: "risk R1" → column ``risk R1.force``, its first line in
    ``attrs["entry_lines"]``) and what was expected. The kept rows carry their lines, entries and
    entry lines in ``attrs`` too.
    """
    lines = table.attrs.get("lines") or table.attrs.get("entry_lines")
    entries = table.attrs.get("entries")
    for i, value in enumerate(table[FIELD]):
        bad = _bad_scope(registry, value)
        if bad:
            row = lines[i] if lines else None
            column = f"{entries[i]}.{FIELD}" if entries else FIELD
            raise InputError(path, bad[0], row=row, column=column, found=bad[1])
    keep = table[FIELD].map(lambda value: concerns(registry, value, forces))
    if as_of is not None and SINCE in table:
        keep &= table[SINCE].map(lambda day: not day or day <= as_of)
    kept = table[keep.to_numpy()].reset_index(drop=True)
    if REWORDS in kept and len(kept):
        key = _key(kept)
        rewording = kept[REWORDS].map(_names_one).astype(bool)
        own = set(kept.loc[~rewording, key])
        stays = ~rewording | ~kept[REWORDS].isin(own)
        if key == "number":  # a recommendation's number is what readers see: the rewording takes it
            kept = kept.assign(number=kept["number"].where(~rewording, kept[REWORDS]))
        keep.loc[keep] = stays.to_numpy()
        kept = kept[stays.to_numpy()].reset_index(drop=True)
    kept.attrs = {}
    for name, kind in (("lines", LineNumbers), ("entries", tuple), ("entry_lines", tuple)):
        if name in table.attrs:  # immutable: pandas copies attrs at every step
            kept.attrs[name] = kind(v for v, k in zip(table.attrs[name], keep, strict=True) if k)
    return kept


def _key(table: pd.DataFrame) -> str:
    """The column a register's entries are known by: a recommendation's ``number``, else ``id``."""
    return "number" if "number" in table else "id"


def _names_one(value: object) -> bool:
    """True when a ``rewords`` cell names an entry (a number or an id), False when it is empty."""
    return not (pd.isna(value) or value == "")


def check_rewordings(table: pd.DataFrame, path: str | Path, registry: ForceRegistry, every_force: bool = True) -> None:
    """Raise InputError (one line: ``path``, the row or entry, the column) unless every entry of a
    register that ``rewords`` another (a recommendation by its ``number``, a key judgement by its
    ``id``) rewords an alliance's entry (``force`` an alliance) for one force of that alliance;
    and, with ``every_force`` (the recommendations for the year ahead), unless every alliance
    entry has a rewording for each of its forces, so that an edition of one of them never
    silently drops it. ``table``: the register as read (``number`` or ``id``, ``rewords``,
    ``force``; ``attrs["lines"]`` or ``attrs["entries"]`` and ``attrs["entry_lines"]``)."""
    key = _key(table)
    lines = table.attrs.get("lines") or table.attrs.get("entry_lines") or (None,) * len(table)
    entries = table.attrs.get("entries")

    def column(i: int, name: str) -> str:
        return f"{entries[i]}.{name}" if entries else name

    alliances = {scope for scope in scopes(registry)[1:] if scope not in registry.names}
    rewording = table[REWORDS].map(_names_one).to_numpy()
    whose = dict(zip(table.loc[~rewording, key], table.loc[~rewording, FIELD], strict=True))
    reworded: dict[object, set[str]] = {}
    for i, (original, force) in enumerate(zip(table[REWORDS], table[FIELD], strict=True)):
        if not rewording[i]:
            continue
        alliance = whose.get(original)
        if alliance not in alliances:
            wanted = f"the {key} of an entry of this register whose force is an alliance"
            shown = original if isinstance(original, str) else int(original)
            raise InputError(path, wanted, row=lines[i], column=column(i, REWORDS), found=shown)
        members = registry.alliance_members(alliance)
        if force not in members:
            wanted = f"one force of {alliance} ({', '.join(members)})"
            raise InputError(path, wanted, row=lines[i], column=column(i, FIELD), found=force)
        reworded.setdefault(original, set()).add(force)
    if not every_force:
        return
    for i, (ident, force) in enumerate(zip(table[key], table[FIELD], strict=True)):
        if not rewording[i] and force in alliances:
            missing = [f for f in registry.alliance_members(force) if f not in reworded.get(ident, set())]
            if missing:
                raise InputError(
                    path,
                    f"a row rewording it for each force of {force} (rewords: {ident})",
                    row=lines[i],
                    column=column(i, key),
                    found=f"none for {missing[0]}",
                )


def threats_for(threats: list[dict], registry: ForceRegistry, forces) -> list[dict]:
    """The threat pages (``read_threats``) an edition of ``forces`` shows, each ``body`` keeping
    only the force blocks of the forces it shows and ``body_lines`` the file line of each of its
    lines (``threats.body_for``); raises InputError naming
    the threat file and the line of its ``force`` key or force block for an unknown value."""
    allowed = scopes(registry)
    for threat in threats:
        bad = _bad_scope(registry, threat[FIELD])
        if bad:
            raise InputError(threat["path"], bad[0], row=threat.get("force_line"), column=FIELD, found=bad[1])
        for found, row in threat.get("force_blocks", ()):
            if found not in allowed:
                raise InputError(threat["path"], expected(registry, found), row=row, column="force block", found=found)
    shown = shown_for(registry, forces)
    kept = []
    for threat in threats:
        if set(named(threat[FIELD])) & shown:
            body, lines = body_for(threat, shown)
            kept.append({**threat, "body": body, "body_lines": lines})
    return kept
