"""The national chapter's prose is Markdown: it glues numbers, short labels, force names and lists
of them, and reads for an edition of one force as for one of two, a sentence a force."""

from __future__ import annotations

import re

import nbformat
import pytest

from assess.build.execute import execute_notebook
from assess.build.prose import EACH_FORCE
from assess.edition import load_edition
from assess.present.glue import each_name, figures_in, key
from conftest import DEFAULT_PARAMS, ROOT, single_force_params

pytestmark = [pytest.mark.build, pytest.mark.usefixtures("forked_kernels")]

GLUED = re.compile(r"\{glue:text\}`([a-z0-9_]+)")


@pytest.mark.parametrize("params", [DEFAULT_PARAMS, single_force_params()], ids=lambda p: p.stem)
def test_national_prose_glues_every_shown_name_a_sentence_a_force(params, tmp_path):
    edition = load_edition(params, ROOT)
    target = execute_notebook(ROOT / "notebooks" / "national.ipynb", tmp_path / "national.ipynb", edition)
    nb = nbformat.read(str(target), as_version=4)
    figures = {f["name"]: f["value"] for f in figures_in(nb)}
    source = nbformat.read(str(ROOT / "notebooks" / "national.ipynb"), as_version=4)
    written_once = [c for c in source.cells if EACH_FORCE in c.metadata.get("tags", [])]

    names = sorted(edition.registry.names, key=len, reverse=True)  # "Devon and Cornwall" before "Devon"

    def words_besides_force_names(text: str) -> list[str]:
        for name in names:
            text = text.replace(name, "")
        return [w for w in re.split(r"[\s,;]+", text) if w and w != "and"]  # lists part by commas or semicolons

    peers = {f: figures[each_name("peers", f)] for f in edition.forces}
    assert all(len(re.split(r", |; |and ", v)) >= 2 for v in peers.values()), "the chapter glues its lists of peers"
    assert {f: v for f, v in peers.items() if words_besides_force_names(v)} == {}

    # The run made the Markdown ready for readers (``ready_for_readers``): a cell a force.
    shown = [c for c in nb.cells if c.cell_type == "markdown" and "remove-cell" not in c.metadata.get("tags", [])]
    used = {name for cell in shown for name in GLUED.findall(cell.source)}
    assert used - figures.keys() == set()
    assert written_once and not [n for n in used if n.endswith("_1") or n.endswith("_2")]
    for force in edition.forces:
        assert figures[each_name("force", force)] == force
        copies = [c for c in shown if c["id"].endswith(f"-{key(force)}")]
        assert len(copies) == len(written_once), force
