"""The comparison with an edition's previous edition (``previous_edition`` in its parameters):
that edition's figures register, built first when the output folder does not hold it yet, and
the changes between the two (``assess.analysis.changes``)."""

from __future__ import annotations

import json
from pathlib import Path

from ..analysis.changes import Changes, about_forces, compare_figures
from ..edition import Edition, load_edition
from ..errors import ConfigError
from ..present.wording import join_words


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
    before = tuple(previous.get("provenance", {}).get("parameters", {}).get("forces") or ())
    others = [f for f in before if f not in edition.forces]
    if not others:
        return compare_figures(previous["figures"], figures), ""
    scope = (
        f"The earlier edition covered {join_words(before)}; only the figures given for "
        f"{join_words(edition.forces)} on their own are compared, not those for the forces together."
    )
    return compare_figures(previous["figures"], figures, about_forces(list(edition.forces), others)), scope
