"""Every chart of every chapter goes through ``plots.show``: SVG, a source line and its data as CSV;
and every notebook cell that draws one carries alt text.

A chart is drawn either in a notebook cell (``plt.subplots``) or, in a chapter converted to a
module, by a function of ``assess.present.chapters`` that a cell calls (``page.risk_chart(found)``).
"""

import ast
import re

import nbformat
import pytest

from conftest import ROOT

PRESENT = sorted((ROOT / "src" / "assess" / "present" / "chapters").glob("*.py"))
DRAWS = ("plt.subplots", "plt.figure", "sns.relplot")


def _chart_functions() -> dict[str, str]:
    """Function name → its source, for every function of the chapters' present modules that draws a figure."""
    found = {}
    for path in PRESENT:
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef):
                source = ast.get_source_segment(text, node)
                if any(draw in source for draw in DRAWS):
                    found[f"{path.stem}.{node.name}"] = source
    return found


CHART_FUNCTIONS = _chart_functions()
CALLED = re.compile(r"\.(\w+)\(")
NAMES = {name.rsplit(".", 1)[1] for name in CHART_FUNCTIONS}


def _draws(source: str) -> bool:
    """Whether a notebook cell draws a chart: in the cell, or by calling a chart function."""
    return any(draw in source for draw in DRAWS) or bool(set(CALLED.findall(source)) & NAMES)


CELLS = [
    (path.stem, index, cell)
    for path in sorted((ROOT / "notebooks").glob("*.ipynb"))
    for index, cell in enumerate(nbformat.read(str(path), as_version=4).cells)
    if cell.cell_type == "code" and _draws(cell.source)
]


def test_the_chapters_draw_charts():
    assert len(CELLS) >= 5 and CHART_FUNCTIONS


def test_the_check_finds_a_chart_drawn_in_a_cell_or_by_a_chapter_function():
    name = next(iter(NAMES))
    assert _draws(f"page.{name}(found)") and _draws("fig, ax = plt.subplots()")
    assert not _draws("page.glue_findings(found, chapter.forces)")


def test_no_chapter_shows_a_chart_without_its_data():
    shown_bare = [
        path.stem
        for path in sorted((ROOT / "notebooks").glob("*.ipynb"))
        for cell in nbformat.read(str(path), as_version=4).cells
        if cell.cell_type == "code" and "plt.show()" in cell.source
    ]
    assert shown_bare == [] and not [n for n, source in CHART_FUNCTIONS.items() if "plt.show()" in source]


@pytest.mark.parametrize("name", sorted(CHART_FUNCTIONS))
def test_a_chart_function_shows_its_chart_with_its_data(name):
    assert "plots.show(" in CHART_FUNCTIONS[name]


@pytest.mark.parametrize(("notebook", "index", "cell"), CELLS, ids=[f"{n}-{i}" for n, i, _ in CELLS])
def test_a_chart_cell_shows_its_chart_with_data_and_alt_text(notebook, index, cell):
    assert "plt.show()" not in cell.source
    assert "plots.show(" in cell.source or set(CALLED.findall(cell.source)) & NAMES
    assert len(cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")) >= 15
