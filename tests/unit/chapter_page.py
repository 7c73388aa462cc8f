"""A chapter's page text without Papermill: its ``glue_findings`` run with the glued outputs caught,
put into a copy of its notebook, made ready for the edition's forces as the build does
(``assess.build.prose``), and its Markdown read with every glued value in place."""

from __future__ import annotations

import re
from unittest import mock

import nbformat
import yaml

from assess.build.prose import ready_for_readers
from assess.edition import load_edition
from assess.present import glue
from conftest import ROOT, shipped_editions

_REFERENCE = re.compile(r"\{glue(?::[a-z]+)?\}`([^`:]+)(?::([^`]*))?`")


def glued(glue_findings, *args) -> list:
    """The display outputs ``glue_findings(*args)`` emits, as a notebook stores them."""
    outputs = []

    def caught(data, raw=False, metadata=None):
        outputs.append(nbformat.v4.new_output("display_data", data=data, metadata=metadata))

    with mock.patch.object(glue, "display", caught):
        glue_findings(*args)
    return outputs


def page_text(chapter: str, outputs: list, forces: tuple[str, ...]) -> str:
    """The Markdown readers see of ``notebooks/<chapter>.ipynb`` given its glued ``outputs``: each
    ``each:force`` cell once per force, cells whose condition is false left out, glued values in
    place (formatted as the reference asks). Raises the build's error for a name never glued."""
    nb = nbformat.read(str(ROOT / "notebooks" / f"{chapter}.ipynb"), as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", []))
    code.outputs = outputs
    ready_for_readers(nb, forces)
    values = {f["name"]: f["value"] for f in glue.figures_in(nb)}

    def value(match: re.Match) -> str:
        found, spec = values[match.group(1)], match.group(2)
        return format(found, spec) if spec else str(found)

    shown = [
        c.source for c in nb.cells if c.cell_type == "markdown" and "remove-cell" not in c.metadata.get("tags", [])
    ]
    return "\n\n".join(_REFERENCE.sub(value, text) for text in shown)


def alliance_edition():
    """A shipped edition whose forces are exactly an alliance's (the first in name order)."""
    for path in shipped_editions():
        edition = load_edition(path, ROOT)
        registry = edition.registry
        if any(
            set(registry.alliance_members(a)) == set(edition.forces) for a in registry.alliances_covered(edition.forces)
        ):
            return path, edition
    raise LookupError("no shipped edition covers exactly an alliance")


def with_forces(path, forces: tuple[str, ...], folder) -> object:
    """The edition of parameter file ``path`` for ``forces`` instead of its own, written to
    ``folder``: a force it did not name takes the projection rates of its first force (made up
    for the test)."""
    params = yaml.safe_load(path.read_text())
    first = params["forces"][0]
    params["forces"] = list(forces)
    params["edition"] = "made-up-forces"
    for rates in ("recruits_per_month", "leavers_per_month"):
        given = params["specials"]["projection"][rates]
        params["specials"]["projection"][rates] = {f: given.get(f, given[first]) for f in forces}
    made = folder / "made-up-forces.yml"
    made.write_text(yaml.safe_dump(params, sort_keys=False))
    return load_edition(made, ROOT)
