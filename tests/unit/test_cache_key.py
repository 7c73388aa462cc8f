"""A chapter's cache key: an edition that leaves out a parameter section the chapter declares
(the Specials projection, which most forces do not have) still has one, and it differs from the
key of an edition that gives the section."""

from __future__ import annotations

from assess.build.cache import chapter_key
from assess.build.declarations import read_declaration
from assess.edition import load_edition
from conftest import ROOT


def test_a_chapter_declaring_a_section_the_edition_leaves_out_has_a_key(write_params, default_params):
    notebook = ROOT / "notebooks" / "capacity.ipynb"
    declaration = read_declaration(notebook)
    assert "specials" in declaration.parameters
    with_it = load_edition(write_params(default_params), ROOT)
    default_params.pop("specials")
    without = load_edition(write_params(default_params, "without.yml"), ROOT)
    assert "specials" not in without.raw
    key = chapter_key(notebook, declaration, without, package="same")
    assert len(key) == 64 and key != chapter_key(notebook, declaration, with_it, package="same")
