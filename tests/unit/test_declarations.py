"""Chapters declare what they read in their module: the build reads the declaration, the chapter
enforces it; and a chapter's Markdown is made ready for readers (conditions, one cell per force)."""

import ast
import re
import types

import nbformat
import pytest

from assess.build.declarations import read_declaration
from assess.build.prose import ready_for_readers
from assess.chapters import ALL, Chapter, Declaration, declaration
from assess.edition import SECTIONS, load_edition
from assess.errors import BuildError
from assess.present.glue import each_name, glue_output
from assess.read.catalogue import read_catalogue
from assess.read.registry import READERS
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EDITIONS = sorted((ROOT / "params").glob("*.yml"))


def _module(**constants):
    module = types.ModuleType("assess.chapters.example")
    module.__dict__.update(constants)
    return module


def test_a_modules_declaration_is_read():
    declared = declaration(_module(DATASETS=("a", "b"), PARAMETERS=("harm",)))
    assert declared.datasets == ("a", "b") and declared.parameters == ("harm",) and declared.optional == ()
    assert declared.dataset_names(["z"]) == ["a", "b"]


def test_all_datasets_may_be_declared():
    declared = declaration(_module(DATASETS=ALL, PARAMETERS=()))
    assert declared.dataset_names({"b": 1, "a": 2}) == ["a", "b"]


@pytest.mark.parametrize(
    "constants",
    [
        {},
        {"DATASETS": ["a"], "PARAMETERS": ()},
        {"DATASETS": ("a",)},
        {"DATASETS": ("a",), "PARAMETERS": (1,)},
        {"DATASETS": ("a",), "PARAMETERS": ("colours",)},
        {"DATASETS": ("a",), "PARAMETERS": (), "OPTIONAL": "b"},
    ],
)
def test_a_malformed_declaration_stops_the_build_naming_the_module(constants):
    with pytest.raises(BuildError, match="src/assess/chapters/example.py"):
        declaration(_module(**constants))


def test_a_notebook_without_a_chapter_module_stops_the_build(tmp_path):
    path = tmp_path / "no-such-chapter.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), str(path))
    with pytest.raises(BuildError, match="expected its chapter module src/assess/chapters/no_such_chapter.py"):
        read_declaration(path)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chapter_notebook_has_a_module_declaring_catalogued_datasets(notebook):
    declared = read_declaration(notebook)
    known = set(read_catalogue(ROOT))
    named = set(declared.optional) | (set() if declared.datasets == ALL else set(declared.datasets))
    assert named <= known, named - known


def test_a_chapter_cannot_read_what_it_did_not_declare():
    edition = load_edition(EDITIONS[0], ROOT)
    chapter = Chapter(edition, Declaration(("forces",), ("harm",)))
    assert chapter.harm is edition.harm and chapter.title == edition.title
    chapter.read("forces")
    with pytest.raises(Exception, match="dataset 'policing_areas' without declaring it"):
        chapter.read("policing_areas")
    with pytest.raises(Exception, match="without declaring it"):
        chapter.path("policing_areas")
    with pytest.raises(Exception, match="parameter section 'thresholds' without declaring it"):
        assert chapter.thresholds


def test_a_chapter_sees_every_period_only_when_it_declares_the_periods_section():
    edition = load_edition(EDITIONS[0], ROOT)
    dated = next(name for name in edition.periods if name != "assessment")
    assert dated not in Chapter(edition, Declaration(("forces",), ())).periods
    every = Chapter(edition, Declaration(("forces",), ("periods",))).periods
    assert every == {n: p for n, p in edition.periods.items() if n == "assessment" or n in edition.data}
    assert dated in every or dated not in edition.data


@pytest.mark.parametrize("params_file", EDITIONS, ids=lambda p: p.stem)
def test_the_periods_a_chapter_sees_are_of_datasets_the_edition_reads(params_file):
    """A catalogue dataset the edition does not name (the 2016/17 printed tables, in a later
    edition) has a period by the catalogue's rule, which no chapter may count as the edition's."""
    edition = load_edition(params_file, ROOT)
    seen = Chapter(edition, Declaration(("forces",), ("periods",))).periods
    assert set(seen) - {"assessment"} == {n for n in edition.periods if n in edition.data}
    assert all(seen[n].end <= edition.as_of[:7] for n in seen if n != "assessment")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chapter_notebook_reads_only_what_its_module_declares(notebook):
    """A static check of the same rule on the notebook's own code: every literal read and every
    parameter section used through the chapter."""
    declared = read_declaration(notebook)
    code = "\n".join(c.source for c in nbformat.read(str(notebook), as_version=4).cells if c.cell_type == "code")
    read = set(re.findall(r"""(?:edition|chapter)\.(?:read|path)\(["'](\w+)["']\)""", code))
    allowed = set(declared.datasets) | set(declared.optional)
    assert declared.datasets == ALL or read <= allowed, read - allowed
    used = {
        node.attr
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in ("edition", "chapter")
    }
    assert used & set(SECTIONS) <= set(declared.parameters)


def test_every_catalogued_dataset_has_a_reader():
    assert set(read_catalogue(ROOT)) == set(READERS)


def test_optional_datasets_count_only_where_the_edition_names_them():
    edition = load_edition(EDITIONS[0], ROOT)
    named = sorted(edition.data)[0]
    declared = Declaration((), (), (named, "not-in-the-edition"))
    assert declared.dataset_names({named: 1}) == [named]
    chapter = Chapter(edition, declared)
    assert chapter.has(named) and not chapter.has("not-in-the-edition")


def _glued(name, value):
    data, metadata = glue_output(name, value)
    return nbformat.v4.new_output("display_data", data=data, metadata=metadata)


def _notebook(*cells, outputs=()):
    code = nbformat.v4.new_code_cell("glue(...)")
    code.outputs = list(outputs)
    return nbformat.v4.new_notebook(cells=[*cells, code])


def test_cells_tagged_if_and_unless_show_by_the_glued_flag():
    shown = nbformat.v4.new_markdown_cell("a", metadata={"tags": ["if:alliance"]})
    hidden = nbformat.v4.new_markdown_cell("b", metadata={"tags": ["unless:alliance"]})
    also_shown = nbformat.v4.new_markdown_cell("c", metadata={"tags": ["unless:examples"]})
    nb = _notebook(shown, hidden, also_shown, outputs=[_glued("alliance", True), _glued("examples", False)])
    ready_for_readers(nb, ())
    assert ["remove-cell" in c.metadata.get("tags", []) for c in nb.cells[:3]] == [False, True, False]


def test_a_condition_never_glued_stops_the_build():
    nb = _notebook(nbformat.v4.new_markdown_cell("a", metadata={"tags": ["if:nothing"]}))
    with pytest.raises(BuildError, match="glue 'nothing' as True or False"):
        ready_for_readers(nb, ())


@pytest.mark.parametrize("forces", [("Alpha",), ("Alpha", "Beta"), ("Gamma", "Alpha", "Beta", "Delta", "Epsilon")])
def test_a_cell_written_once_is_shown_once_for_each_force_with_its_own_values(forces):
    cell = nbformat.v4.new_markdown_cell(
        "{glue:text}`force` had {glue:text}`crimes:,.0f` crimes in {glue:text}`year`.",
        metadata={"tags": ["each:force", "if:more"]},
    )
    cell["id"] = "sentence"
    outputs = [_glued("year", "2018/19")]
    for i, force in enumerate(forces):
        outputs += [
            _glued(each_name("force", force), force),
            _glued(each_name("crimes", force), 1000 * (i + 1)),
            _glued(each_name("more", force), i % 2 == 0),
        ]
    nb = _notebook(cell, outputs=outputs)
    ready_for_readers(nb, forces)
    made = nb.cells[: len(forces)]
    assert len(nb.cells) == len(forces) + 1
    for i, (force, copy) in enumerate(zip(forces, made, strict=True)):
        assert f"`{each_name('force', force)}`" in copy.source and f"`{each_name('crimes', force)}:,.0f`" in copy.source
        assert "`year`" in copy.source  # glued once for every force
        assert ("remove-cell" in copy.metadata["tags"]) == (i % 2 == 1)
        assert "each:force" not in copy.metadata["tags"]
    assert len({c["id"] for c in made}) == len(forces)


def test_a_per_force_name_missing_for_one_force_stops_the_build_naming_it():
    cell = nbformat.v4.new_markdown_cell("{glue:text}`crimes`", metadata={"tags": ["each:force"]})
    nb = _notebook(cell, outputs=[_glued(each_name("crimes", "Alpha"), 1)])
    with pytest.raises(BuildError, match="'crimes', which the chapter did not glue for Beta"):
        ready_for_readers(nb, ("Alpha", "Beta"))
