"""A chapter's Markdown made ready for readers once its code has run: sentences written once for
every force, and wording chosen by the data.

- A Markdown cell tagged ``each:force`` is written once and shown once for each of the edition's
  forces, in the edition's order: in the copy for a force, every glued name the chapter glued
  for each force (``assess.present.glue.glue_each``, stored as ``<name>__<force key>``) stands
  for that force's value, in ``{glue:text}`` references and in ``if:``/``unless:`` tags alike.
- A Markdown cell tagged ``if:<name>`` shows only when the chapter glued ``<name>`` as True, one
  tagged ``unless:<name>`` only when it glued it as False.

So wording stays in Markdown, where analysts edit it, for one force or many.
"""

from __future__ import annotations

import copy
import re

from ..errors import BuildError
from ..present.glue import each_name, figures_in, key

EACH_FORCE = "each:force"
"""The tag of a Markdown cell shown once for each of the edition's forces."""
_REFERENCE = re.compile(r"(\{glue(?::[a-z]+)?\}`)([^`:]+)((?::[^`]*)?`)")


def ready_for_readers(nb, forces: tuple[str, ...]) -> None:
    """Expand every ``each:force`` cell of the executed notebook ``nb`` into one cell per force of
    ``forces``, then hide the cells whose condition is false (tagged ``remove-cell``). Raises
    BuildError naming the cell when it refers to a per-force name the chapter did not glue for a
    force, or when a condition was never glued as True or False."""
    values = {figure["name"]: figure["value"] for figure in figures_in(nb)}
    cells = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "markdown" and EACH_FORCE in tags:
            cells += [_for_force(cell, force, values) for force in forces]
        else:
            cells.append(cell)
    nb.cells = cells
    for cell in nb.cells:
        _hide_unless_true(cell, values)


def _for_force(cell, force: str, values: dict) -> object:
    """A copy of the ``each:force`` ``cell`` for ``force``: its per-force names resolved."""
    made = copy.deepcopy(cell)
    made["id"] = f"{cell.get('id', 'cell')}-{key(force)}"
    made.metadata["tags"] = [_tag(t, force, values) for t in cell.metadata.get("tags", []) if t != EACH_FORCE]

    def resolve(match: re.Match) -> str:
        return match.group(1) + _name(match.group(2), force, values, cell) + match.group(3)

    made.source = _REFERENCE.sub(resolve, cell.source)
    return made


def _name(name: str, force: str, values: dict, cell) -> str:
    """``name`` for ``force``: its per-force name when the chapter glued one, else ``name`` itself
    when glued once for every force."""
    own = each_name(name, force)
    if own in values:
        return own
    if name in values:
        return name
    raise BuildError(
        f"a Markdown cell tagged '{EACH_FORCE}' (id {cell.get('id')}) uses '{name}', "
        f"which the chapter did not glue for {force}"
    )


def _tag(tag: str, force: str, values: dict) -> str:
    kind, _, name = tag.partition(":")
    if kind in ("if", "unless") and each_name(name, force) in values:
        return f"{kind}:{each_name(name, force)}"
    return tag


def _hide_unless_true(cell, values: dict) -> None:
    tags = cell.metadata.get("tags", [])
    for tag in tags:
        kind, _, name = tag.partition(":")
        if kind not in ("if", "unless") or not name:
            continue
        if not isinstance(values.get(name), bool):
            raise BuildError(f"a cell tagged '{tag}' needs the chapter to glue '{name}' as True or False")
        if values[name] != (kind == "if") and "remove-cell" not in tags:
            tags.append("remove-cell")
