"""Every chart of every chapter goes through ``plots.show``: SVG, a source line and its data as CSV."""

import nbformat
import pytest

from conftest import ROOT

CELLS = [
    (path.stem, index, cell)
    for path in sorted((ROOT / "notebooks").glob("*.ipynb"))
    for index, cell in enumerate(nbformat.read(str(path), as_version=4).cells)
    if cell.cell_type == "code" and ("plt.subplots" in cell.source or "sns.relplot" in cell.source)
]


def test_the_chapters_draw_charts():
    assert len(CELLS) >= 5


def test_no_chapter_shows_a_chart_without_its_data():
    shown_bare = [
        path.stem
        for path in sorted((ROOT / "notebooks").glob("*.ipynb"))
        for cell in nbformat.read(str(path), as_version=4).cells
        if cell.cell_type == "code" and "plt.show()" in cell.source
    ]
    assert shown_bare == []


@pytest.mark.parametrize(("notebook", "index", "cell"), CELLS, ids=[f"{n}-{i}" for n, i, _ in CELLS])
def test_a_chart_cell_shows_its_chart_with_data_and_alt_text(notebook, index, cell):
    assert "plots.show(" in cell.source and "plt.show()" not in cell.source
    assert len(cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")) >= 15
