"""Whose entry is it: the ``force`` field of the analysts' registers, and an edition's share of them.

Every entry of a register (a risk, an issue, a MoRiLE threat, a recommendation, a key judgement,
a threat page, a CSP priority) names the force it concerns: a force of ``data/reference/forces.csv``,
an alliance of that registry (``Alliance``: the entry concerns the forces together, as an alliance),
or ``all`` (it concerns every force, whichever editions show it). An edition shows the entries of
its forces, the ``all`` entries, and those of an alliance only when every force of the alliance is
among its forces, so a single-force edition never shows the other force's or the alliance's entries.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pandas as pd

from ..errors import InputError
from .csvfile import LineNumbers
from .forces import ForceRegistry
from .threats import body_for

ALL = "all"
"""The ``force`` of an entry that concerns every force."""
FIELD = "force"
"""The name of the field (YAML) or column (CSV) that says whose entry it is."""


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


def for_edition(table: pd.DataFrame, path: str | Path, registry: ForceRegistry, forces) -> pd.DataFrame:
    """The rows of register ``table`` an edition of ``forces`` shows, in their order.

    Every row's ``force`` is checked first: an unknown value raises InputError naming ``path``,
    the row (its file line for a CSV table, ``table.attrs["lines"]``) or entry (a YAML table,
    ``table.attrs["entries"]``: "risk R1" → column ``risk R1.force``) and what was expected. The
    kept rows carry their lines or entries in ``attrs`` too.
    """
    allowed = scopes(registry)
    values = table[FIELD]
    bad = ~values.isin(allowed)
    if bad.any():
        first = int(bad.to_numpy().argmax())
        found = values.iloc[first]
        lines, entries = table.attrs.get("lines"), table.attrs.get("entries")
        row = lines[first] if lines else None
        column = f"{entries[first]}.{FIELD}" if entries else FIELD
        raise InputError(path, expected(registry, found), row=row, column=column, found=found)
    keep = values.isin(shown_for(registry, forces)).to_numpy()
    kept = table[keep].reset_index(drop=True)
    kept.attrs = {}
    for name, kind in (("lines", LineNumbers), ("entries", tuple)):  # immutable: pandas copies attrs at every step
        if name in table.attrs:
            kept.attrs[name] = kind(v for v, k in zip(table.attrs[name], keep, strict=True) if k)
    return kept


def threats_for(threats: list[dict], registry: ForceRegistry, forces) -> list[dict]:
    """The threat pages (``read_threats``) an edition of ``forces`` shows, each ``body`` keeping
    only the force blocks of the forces it shows and ``body_lines`` the file line of each of its
    lines (``threats.body_for``); raises InputError naming
    the threat file and the line of its ``force`` key or force block for an unknown value."""
    allowed = scopes(registry)
    for threat in threats:
        named = [(threat[FIELD], threat.get("force_line"), FIELD)]
        named += [(name, line, "force block") for name, line in threat.get("force_blocks", ())]
        for found, row, column in named:
            if found not in allowed:
                raise InputError(threat["path"], expected(registry, found), row=row, column=column, found=found)
    shown = shown_for(registry, forces)
    kept = []
    for threat in threats:
        if threat[FIELD] in shown:
            body, lines = body_for(threat, shown)
            kept.append({**threat, "body": body, "body_lines": lines})
    return kept
