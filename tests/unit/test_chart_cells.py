"""Every chart of every chapter goes through ``plots.show``: SVG, a source line and its data as CSV.

A chart is drawn either in a notebook cell or, in a chapter whose page module draws it
(``assess.present.chapters.<name>``), by a function of that module the notebook calls."""

import ast
import re

import nbformat
import pytest

from conftest import ROOT

PAGES = ROOT / "src" / "assess" / "present" / "chapters"
DRAWS = ("plt.subplots", "sns.relplot")
_PAGE_IMPORT = re.compile(r"from assess\.present\.chapters import (\w+) as (\w+)")


def _drawing_functions() -> dict[tuple[str, str], str]:
    """(page module, function) → source, for every function of a chapter page module that draws."""
    found = {}
    for path in sorted(PAGES.glob("*.py")):
        text = path.read_text()
        lines = text.splitlines(keepends=True)
        for node in ast.parse(text).body:
            if isinstance(node, ast.FunctionDef):  # a module's own function: its lines, whole
                source = "".join(lines[node.lineno - 1 : node.end_lineno])
                if any(d in source for d in DRAWS):
                    found[(path.stem, node.name)] = source
    return found


FUNCTIONS = _drawing_functions()


def _chart_cells():
    """(notebook, index, cell, drawing code) for every cell that draws a chart itself or calls a
    page function that does."""
    cells = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(str(path), as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        aliases = {alias: module for module, alias in _PAGE_IMPORT.findall(code)}
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            if any(d in cell.source for d in DRAWS):
                cells.append((path.stem, index, cell, cell.source))
            called = re.findall(r"\b(\w+)\.(\w+)\(", cell.source)
            drawn = [FUNCTIONS[(aliases[a], f)] for a, f in called if a in aliases and (aliases[a], f) in FUNCTIONS]
            cells += [(path.stem, index, cell, source) for source in drawn]
    return cells


CELLS = _chart_cells()


def test_the_chapters_draw_charts():
    assert len(CELLS) >= 5
    assert FUNCTIONS  # and chapters whose page module draws them are found


def test_no_chapter_shows_a_chart_without_its_data():
    shown_bare = [
        path.stem
        for path in sorted((ROOT / "notebooks").glob("*.ipynb"))
        for cell in nbformat.read(str(path), as_version=4).cells
        if cell.cell_type == "code" and "plt.show()" in cell.source
    ]
    shown_bare += [path.stem for path in sorted(PAGES.glob("*.py")) if "plt.show()" in path.read_text()]
    assert shown_bare == []


@pytest.mark.parametrize(("notebook", "index", "cell", "drawing"), CELLS, ids=[f"{n}-{i}" for n, i, _, _ in CELLS])
def test_a_chart_cell_shows_its_chart_with_data_and_alt_text(notebook, index, cell, drawing):
    assert "plots.show(" in drawing and "plt.show()" not in drawing
    assert len(cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")) >= 15


def test_every_drawing_function_of_a_page_module_is_called_from_a_chart_cell():
    called = {source for *_, source in CELLS}
    assert [name for name, source in FUNCTIONS.items() if source not in called] == []
