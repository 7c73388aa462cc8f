"""The comparison with an edition's previous edition (``previous_edition`` in its parameters):
that edition's figures register, built first when the output folder does not hold it yet, and
the changes between the two (``assess.analysis.changes``).

A figure the previous edition gave for a period that had not ended when it was written (a
financial year's total as of November) covered part of that period only: it is not compared
with this edition's figure for a whole period (no change, no % change), and its description
says why (``partial_periods``)."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from ..analysis.changes import Changes, about_forces, compare_figures
from ..edition import Edition, load_edition
from ..errors import ConfigError
from ..periods import day_label, days_in_month
from ..present.wording import join_words

_FINANCIAL_YEAR = re.compile(r"(?<![\d/-])(\d{4})[-/](\d{2})(?![\d/-])")
_MONTH = re.compile(r"(?<![\d/-])(\d{4})-(0[1-9]|1[0-2])(?![\d/-])")


def previous_register(edition: Edition, out: Path, build) -> dict | None:
    """The figures register (``figures.json`` as a dict) of ``edition``'s previous edition in
    ``out``, or None when it names none. When ``out`` does not hold it, ``build(params_file)``
    is called first to build it there. Raises ConfigError when the chain of previous editions
    comes back to one already in it."""
    if edition.previous_edition is None:
        return None
    chain, params, names = [edition.source], edition.previous_edition, {edition.edition}
    while params is not None:
        earlier = load_edition(params, edition.root)
        if params in chain or earlier.edition in names:
            raise ConfigError(chain[-1], "previous_edition", "an earlier edition, not one that names this one again")
        chain.append(params)
        names.add(earlier.edition)
        params = earlier.previous_edition
    previous = load_edition(edition.previous_edition, edition.root)
    register = out / previous.edition / "figures.json"
    if not register.is_file():
        build(edition.previous_edition)
    return json.loads(register.read_text(encoding="utf-8"))


def changes_since(edition: Edition, figures: list[dict], previous: dict | None) -> tuple[Changes | None, str]:
    """The changes between the ``previous`` register and this build's ``figures``, and a sentence
    saying which figures were compared when the previous edition covered other forces too (only
    figures named for this edition's forces are then comparable); (None, "") without one."""
    if previous is None:
        return None, ""
    parameters = previous.get("provenance", {}).get("parameters", {})
    before = tuple(parameters.get("forces") or ())
    others = [f for f in before if f not in edition.forces]
    keep = about_forces(list(edition.forces), others) if others else (lambda figure: True)
    changes = compare_figures(previous["figures"], figures, keep)
    if parameters.get("as_of"):
        changes = partial_periods(changes, str(parameters["as_of"]))
    if not others:
        return changes, ""
    scope = (
        f"The earlier edition covered {join_words(before)}; only the figures given for "
        f"{join_words(edition.forces)} on their own are compared, not those for the forces together."
    )
    return changes, scope


def partial_periods(changes: Changes, as_of: str) -> Changes:
    """``changes`` with each changed figure whose earlier description names a period that ended
    after ``as_of`` (the earlier edition's as-of day, YYYY-MM-DD) made not comparable: no change
    and no % change, and its earlier description saying it covered part of that period only."""
    changed = []
    for change in changes.changed:
        described = change.old_description or change.description
        if change.change is not None and period_end(described) > as_of:
            change = dataclasses.replace(
                change,
                change=None,
                percent=None,
                old_description=f"{described}: part of that period only, as that edition was written on "
                f"{day_label(as_of)}",
            )
        changed.append(change)
    return dataclasses.replace(changes, changed=changed)


def period_end(description: str) -> str:
    """The last day (YYYY-MM-DD) of the latest period a figure's ``description`` names: a
    financial year ("2016-17", "2016/17": 31 March 2017) or a month ("2016-09"); "" when it names
    none."""
    ends = [f"{int(a) + 1}-03-31" for a, b in _FINANCIAL_YEAR.findall(description) if int(b) == (int(a) + 1) % 100]
    ends += [
        f"{a}-{b}-{days_in_month(f'{a}-{b}'):02d}"
        for a, b in _MONTH.findall(description)
        if int(b) != (int(a) + 1) % 100
    ]
    return max(ends, default="")
