"""Chapters declare what they read: the build reads the declaration, the chapter enforces it."""

import ast
import re

import nbformat
import pytest

from assess.build.declarations import read_declaration
from assess.build.execute import show_if_glued
from assess.edition import SECTIONS, Chapter, load_edition
from assess.errors import BuildError
from assess.present.glue import glue_output
from assess.read import READERS
from assess.read.catalogue import read_catalogue
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EDITIONS = sorted((ROOT / "params").glob("*.yml"))


def _notebook(tmp_path, *sources, tags=None):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    path = tmp_path / "chapter.ipynb"
    nbformat.write(nb, str(path))
    return path


def test_a_literal_declaration_is_read(tmp_path):
    path = _notebook(tmp_path, "x = 1", 'edition = open_chapter(p, r, datasets=["a", "b"], parameters=["harm"])')
    declared = read_declaration(path)
    assert declared.datasets == ("a", "b") and declared.parameters == ("harm",)
    assert declared.dataset_names(["z"]) == ["a", "b"]


def test_all_datasets_may_be_declared(tmp_path):
    declared = read_declaration(
        _notebook(tmp_path, 'e = assess.edition.open_chapter(p, r, datasets="all", parameters=[])')
    )
    assert declared.dataset_names({"b": 1, "a": 2}) == ["a", "b"]


@pytest.mark.parametrize(
    "source",
    [
        "x = 1",
        "e = open_chapter(p, r, datasets=names, parameters=[])",
        'e = open_chapter(p, r, datasets=["a"])',
        'e = open_chapter(p, r, datasets=["a"], parameters=[1])',
        'e = open_chapter(p, r, datasets=["a"], parameters=[])\nf = open_chapter(p, r, datasets=[], parameters=[])',
    ],
)
def test_a_declaration_that_is_not_literal_or_not_one_stops_the_build(tmp_path, source):
    with pytest.raises(BuildError, match="notebooks/chapter.ipynb"):
        read_declaration(_notebook(tmp_path, source))


def test_a_chapter_cannot_read_what_it_did_not_declare():
    edition = load_edition(EDITIONS[0], ROOT)
    chapter = Chapter(edition, ["forces"], ["harm"])
    assert chapter.harm is edition.harm and chapter.title == edition.title
    chapter.read("forces")
    with pytest.raises(Exception, match="dataset 'policing_areas' without declaring it"):
        chapter.read("policing_areas")
    with pytest.raises(Exception, match="without declaring it"):
        chapter.path("policing_areas")
    with pytest.raises(Exception, match="parameter section 'thresholds' without declaring it"):
        assert chapter.thresholds
    with pytest.raises(Exception, match="expected sections from"):
        Chapter(edition, [], ["colours"])


def test_a_chapter_sees_every_period_only_when_it_declares_the_periods_section():
    edition = load_edition(EDITIONS[0], ROOT)
    dated = next(name for name in edition.periods if name != "assessment")
    assert dated not in Chapter(edition, ["forces"], []).periods
    every = Chapter(edition, ["forces"], ["periods"]).periods
    assert every == {n: p for n, p in edition.periods.items() if n == "assessment" or n in edition.data}
    assert dated in every or dated not in edition.data


@pytest.mark.parametrize("params_file", EDITIONS, ids=lambda p: p.stem)
def test_the_periods_a_chapter_sees_are_of_datasets_the_edition_reads(params_file):
    """A catalogue dataset the edition does not name (the 2016/17 printed tables, in a later
    edition) has a period by the catalogue's rule, which no chapter may count as the edition's."""
    edition = load_edition(params_file, ROOT)
    seen = Chapter(edition, ["forces"], ["periods"]).periods
    assert set(seen) - {"assessment"} == {n for n in edition.periods if n in edition.data}
    assert all(seen[n].end <= edition.as_of[:7] for n in seen if n != "assessment")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chapter_reads_only_what_it_declares(notebook):
    """A static check of the same rule: every literal read and every parameter section used."""
    declared = read_declaration(notebook)
    code = "\n".join(c.source for c in nbformat.read(str(notebook), as_version=4).cells if c.cell_type == "code")
    read = set(re.findall(r"""edition\.(?:read|path)\(["'](\w+)["']\)""", code))
    allowed = set(declared.datasets) | set(declared.optional)
    assert declared.datasets == "all" or read <= allowed, read - allowed
    used = {
        node.attr
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "edition"
    }
    assert used & set(SECTIONS) <= set(declared.parameters)


def test_every_catalogued_dataset_has_a_reader():
    assert set(read_catalogue(ROOT)) == set(READERS)


def _glued(name, value):
    data, metadata = glue_output(name, value)
    return nbformat.v4.new_output("display_data", data=data, metadata=metadata)


def test_cells_tagged_if_and_unless_show_by_the_glued_flag():
    code = nbformat.v4.new_code_cell("glue(...)")
    code.outputs = [_glued("alliance", True), _glued("examples", False)]
    shown = nbformat.v4.new_markdown_cell("a", metadata={"tags": ["if:alliance"]})
    hidden = nbformat.v4.new_markdown_cell("b", metadata={"tags": ["unless:alliance"]})
    also_shown = nbformat.v4.new_markdown_cell("c", metadata={"tags": ["unless:examples"]})
    nb = nbformat.v4.new_notebook(cells=[shown, hidden, also_shown, code])
    show_if_glued(nb)
    assert ["remove-cell" in c.metadata.get("tags", []) for c in nb.cells[:3]] == [False, True, False]


def test_a_condition_never_glued_stops_the_build():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("a", metadata={"tags": ["if:nothing"]})])
    with pytest.raises(BuildError, match="glue 'nothing' as True or False"):
        show_if_glued(nb)


def test_optional_datasets_count_only_where_the_edition_names_them(tmp_path):
    path = _notebook(tmp_path, 'e = open_chapter(p, r, datasets=["a"], parameters=[], optional=["b", "c"])')
    declared = read_declaration(path)
    assert declared.optional == ("b", "c")
    assert declared.dataset_names({"a": 1, "c": 2}) == ["a", "c"]
    edition = load_edition(EDITIONS[0], ROOT)
    named = sorted(edition.data)[0]
    chapter = Chapter(edition, [], [], optional=[named, "not-in-the-edition"])
    assert chapter.has(named) and not chapter.has("not-in-the-edition")
