"""Helpers for the tests of converted chapters: what a chapter's ``glue_findings`` glues, and the
Markdown its page then shows (its notebook's cells made ready for readers as the build makes them,
each glued reference filled in as myst-nb fills it), without Papermill."""

from __future__ import annotations

import dataclasses
import re

import nbformat
from myst_nb.core.variables import format_plain_text

from assess.build.prose import ready_for_readers
from assess.chapters import Chapter, declaration
from assess.present import glue as glue_module
from assess.present.glue import glue_output
from conftest import ROOT

REFERENCE = re.compile(r"\{glue(?::text)?\}`([^`:]+)(?::([^`]*))?`")


def glued_values(monkeypatch, glue_findings, *args) -> dict:
    """Name → value of everything ``glue_findings(*args)`` glues (as the figures register holds it)."""
    values = {}

    def record(data, raw=False, metadata=None):
        values[metadata["scrapbook"]["name"]] = metadata["assess"]["value"]

    monkeypatch.setattr(glue_module, "display", record)
    glue_findings(*args)
    return values


def page_markdown(notebook: str, values: dict, forces) -> str:
    """The Markdown the page of ``notebooks/<notebook>.ipynb`` shows for ``forces`` when the chapter
    glued ``values``: cells whose condition is false left out, ``each:force`` cells once a force,
    every reference replaced by its text. A reference to a name never glued fails the test."""
    nb = nbformat.read(str(ROOT / "notebooks" / f"{notebook}.ipynb"), as_version=4)
    outputs = nbformat.v4.new_code_cell("")
    for name, value in values.items():
        data, metadata = glue_output(name, value)
        outputs.outputs.append(nbformat.v4.new_output("display_data", data=data, metadata=metadata))
    nb.cells.append(outputs)
    ready_for_readers(nb, tuple(forces))
    shown = [
        c.source for c in nb.cells if c.cell_type == "markdown" and "remove-cell" not in c.metadata.get("tags", [])
    ]
    texts = {name: glue_output(name, value)[0] for name, value in values.items()}

    def fill(match: re.Match) -> str:
        assert match[1] in texts, f"{notebook}: the page refers to '{match[1]}', which the chapter did not glue"
        return format_plain_text(texts[match[1]][f"{glue_module.GLUE_PREFIX}text/plain"], match[2] or "")

    return REFERENCE.sub(fill, "\n\n".join(shown))


def chapter_of(module, edition, reads=None) -> Chapter:
    """``edition`` as the chapter of ``module`` sees it (``reads``: a function of a dataset's name
    giving it as read, instead of reading its file)."""
    return Chapter(edition, declaration(module), reads)


def with_forces(edition, forces):
    """``edition`` covering ``forces`` instead of its own."""
    return dataclasses.replace(edition, forces=tuple(forces))


def without(edition, names):
    """``edition`` naming none of the datasets ``names`` (no register entered for it)."""
    return dataclasses.replace(edition, data={k: v for k, v in edition.data.items() if k not in names})


def emptied(register):
    """A register as its reader returns it for an edition none of whose forces has an entry:
    its meta kept, no row left."""
    if isinstance(register, tuple):
        return (*register[:-1], register[-1].iloc[:0])
    if isinstance(register, list):  # the threat files
        return []
    return register.iloc[:0]


def page_text(notebook: str, values: dict, forces) -> str:
    """``page_markdown`` with every run of white space one space: a sentence can be looked for
    whole, wherever the notebook's lines break."""
    return " ".join(page_markdown(notebook, values, forces).split())


def shown(monkeypatch, *calls) -> str:
    """Everything the table and chart functions ``calls`` show (their HTML, and each chart's
    caption and data note), as one text: what a chapter's table and chart cells put on its page,
    without the break points tables put in long words."""
    from assess.present import plots

    held = []
    monkeypatch.setattr(plots, "display", lambda item, raw=False: held.append(item))
    for call in calls:
        result = call()
        if result is not None:
            held.append(result)
    text = "\n".join(item.data if hasattr(item, "data") else str(item) for item in held)
    return text.replace("<wbr>", "")
