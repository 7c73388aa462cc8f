"""No year typed where an edition's year belongs: every notebook under notebooks/ (Markdown and
code cells, and the text of their metadata, such as a chart's alt text) and every title of the
data catalogue is scanned for year literals ("2016",
"2016/17", "2016-17"). Years come from the edition (its periods, as-of date, labels) or from the
data and reference files (a dataset's ``printed_in`` citation in the catalogue, a register's
labels), so a new year's edition never shows last year's.

The one documented exception: a line of code may carry a year that is not a date of the
assessment (a fixed date used only to name a month, a regular expression that parses dates) when
the same line ends with the comment ``# not a period: <why>``. Markdown has no exception.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

YEAR = re.compile(r"(?<![\w.])(?:19|20)\d{2}(?:[/-]\d{2}(?!\d))?(?![\w])")
"""A year (1900 to 2099) standing alone, with an optional second year: 2016, 2016/17, 2016-17."""
EXCEPTION = re.compile(r"#\s*not a period:\s*\S")
"""The comment that documents a year on a line of code that is not a period of the assessment."""


def year_literals(text: str, code: bool) -> list[tuple[int, str]]:
    """(line number, line) of each line of ``text`` holding a year literal; in ``code``, lines
    that carry the documented exception comment are allowed."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if YEAR.search(line) and not (code and EXCEPTION.search(line)):
            found.append((number, line.strip()))
    return found


def test_the_scan_finds_each_form_of_year_and_allows_only_the_documented_exception():
    assert [n for n, _ in year_literals("a\nin 2016\nfor 2016/17\nfor 2016-17\n1999 too", code=False)] == [2, 3, 4, 5]
    assert year_literals("page 120160, 3.2016, v2016, 12,016 rows, 20167", code=False) == []
    assert year_literals("pd.Timestamp(2000, month, 1)  # not a period: only names the month", code=True) == []
    assert year_literals("pd.Timestamp(2000, month, 1)  # not a period: only names the month", code=False) != []
    assert year_literals("pd.Timestamp(2000, month, 1)  # not a period:", code=True) != []


def test_notebooks_are_discovered():
    assert len(NOTEBOOKS) >= 2 and all(p.suffix == ".ipynb" for p in NOTEBOOKS)


def metadata_text(value) -> list[str]:
    """Every string inside a cell's metadata (alt text, captions), however deeply nested."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in metadata_text(item)]
    if isinstance(value, list):
        return [text for item in value for text in metadata_text(item)]
    return []


def test_metadata_text_reaches_the_alt_text():
    assert metadata_text({"tags": ["a"], "mystnb": {"image": {"alt": "April 2012 to May 2016"}}}) == [
        "a",
        "April 2012 to May 2016",
    ]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_year_literal_in_a_notebook(notebook):
    nb = nbformat.read(notebook, as_version=4)
    hits = [
        f"{notebook.name}, cell {index} ({cell.get('id')}, {cell.cell_type}), line {number}: {line}"
        for index, cell in enumerate(nb.cells)
        for number, line in year_literals(cell.source, code=cell.cell_type == "code")
    ] + [
        f"{notebook.name}, cell {index} ({cell.get('id')}), metadata: {text}"
        for index, cell in enumerate(nb.cells)
        for text in metadata_text(cell.metadata)
        if year_literals(text, code=False)
    ]
    assert not hits, "year literals (take the year from the edition or the data):\n" + "\n".join(hits)


def test_no_year_literal_in_a_catalogue_title():
    catalogue = yaml.safe_load((ROOT / "data" / "catalogue.yml").read_text(encoding="utf-8"))["datasets"]
    hits = [f"{name}: {entry['title']}" for name, entry in catalogue.items() if YEAR.search(entry["title"])]
    assert not hits, "year literals in data/catalogue.yml titles (the period is computed from the data):\n" + "\n".join(
        hits
    )
