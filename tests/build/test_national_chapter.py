"""The national chapter's prose is Markdown: it glues numbers, short labels and force names, and
reads for an edition of one force as for one of two."""

from __future__ import annotations

import re

import nbformat
import pytest

from assess.build.execute import execute_notebook
from assess.edition import load_edition
from assess.present.glue import figures_in
from conftest import DEFAULT_PARAMS, ROOT, single_force_params

pytestmark = pytest.mark.build

GLUED = re.compile(r"\{glue:text\}`([a-z0-9_]+)")


@pytest.mark.parametrize("params", [DEFAULT_PARAMS, single_force_params()], ids=lambda p: p.stem)
def test_national_prose_glues_no_sentence_and_every_shown_name(params, tmp_path):
    edition = load_edition(params, ROOT)
    target = execute_notebook(ROOT / "notebooks" / "national.ipynb", tmp_path / "national.ipynb", edition)
    nb = nbformat.read(str(target), as_version=4)
    figures = {f["name"]: f["value"] for f in figures_in(nb)}

    names = sorted(edition.registry.names, key=len, reverse=True)  # "Devon and Cornwall" before "Devon"

    def words_besides_force_names(text: str) -> list[str]:
        for name in names:
            text = text.replace(name, "")
        return [w for w in re.split(r"[\s,;]+", text) if w and w != "and"]  # lists part by commas or semicolons

    long = {n: v for n, v in figures.items() if isinstance(v, str) and len(v.split()) > 5}
    assert long, "the chapter glues its lists of peers"
    assert {n: v for n, v in long.items() if words_besides_force_names(v)} == {}

    shown = [c for c in nb.cells if c.cell_type == "markdown" and "remove-cell" not in c.metadata.get("tags", [])]
    used = {name for cell in shown for name in GLUED.findall(cell.source)}
    assert used - figures.keys() == set()
    assert ("force_2" in used) == (len(edition.forces) == 2)
    assert figures["force_1"] == edition.forces[0]
