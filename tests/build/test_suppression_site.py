"""Suppression followed into every published file: a small count is planted in every dataset
the catalogue says carries suppressed counts (``suppressed``), one book is built (once) with every
chapter that reads one, and no page, table, chart download or figures register shows the count,
or a value that gives it back (a daily rate). The issue this guards: a month of hate crime set to
3 appeared in the "recorded hate crime a day" download (``2016-09,3,30,0.1``) and in the printed
against FOI download (``2016-09,3,189``) while the year's total was shown as "<5"."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from projects import make_project

from assess.build import build
from assess.build.declarations import read_declaration
from assess.edition import load_edition
from assess.present.suppression import suppressed_columns
from assess.read.catalogue import dataset_files, read_catalogue
from conftest import DEFAULT_PARAMS, ROOT

pytestmark = pytest.mark.build
CATALOGUE = read_catalogue(ROOT)
SENSITIVE = suppressed_columns(CATALOGUE)


def _chapters() -> list[str]:
    """Every chapter that reads a dataset with suppressed counts (discovered from the declarations)."""
    return sorted(
        path.stem
        for path in (ROOT / "notebooks").glob("*.ipynb")
        if (d := read_declaration(path)).datasets != "all" and set(d.dataset_names(SENSITIVE)) & set(SENSITIVE)
    )


def _target_month(edition) -> str:
    """A month every dated suppressed dataset of the edition covers: the earliest end of their periods."""
    return min(edition.periods[name].end for name in SENSITIVE if name in edition.periods)


def _plant(project: Path, edition, month: str) -> dict[str, list[str]]:
    """Set one cell of each suppressed column to a small count: the row of ``month`` in a dated
    file, else its first data row; every file of a folder gets 1, so that their sum stays small.
    Returns, by dataset, the key of each row planted (its first cell)."""
    planted = {}
    for name, columns in SENSITIVE.items():
        if name not in edition.data:
            continue
        files = dataset_files(project / edition.data[name].relative_to(ROOT), CATALOGUE[name])
        for path in files:
            rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
            header, body = rows[0], rows[1:]
            hits = [i for i, row in enumerate(body) if row[0].startswith(month)] or [0]
            for column in columns:
                body[hits[0]][header.index(column)] = "1" if len(files) > 1 else "3"
            with path.open("w", newline="", encoding="utf-8") as handle:
                csv.writer(handle, lineterminator="\n").writerows([header, *body])
            planted.setdefault(name, []).append(body[hits[0]][0])
    return planted


class _Published(HTMLParser):
    """The CSV downloads and the table rows of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.downloads, self.rows, self._row, self._cell = [], [], None, None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "href" and (value or "").startswith("data:text/csv"):
                self.downloads.append(unquote(value.split(",", 1)[1]).removeprefix("\ufeff"))
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    chapters = _chapters()
    assert chapters, "no chapter reads a dataset with suppressed counts"
    project = make_project(tmp_path_factory.mktemp("suppressed") / "project", sections=chapters)
    edition = load_edition(DEFAULT_PARAMS, ROOT)
    month = _target_month(edition)
    planted = _plant(project, edition, month)
    below = edition.thresholds.suppress_below
    index, _ = build(
        project / "params" / DEFAULT_PARAMS.name, project / "_build", project, jobs=2, log=lambda m: None, printed=False
    )
    return index.parent, month, planted, below


def _small(cell: str, below: int) -> bool:
    try:
        value = float(cell.replace(",", ""))
    except ValueError:
        return False
    return value.is_integer() and 1 <= value < below


def test_a_count_was_planted_in_every_dataset_that_carries_suppressed_counts(site):
    _, month, planted, _ = site
    assert set(planted) == {n for n in SENSITIVE if n in load_edition(DEFAULT_PARAMS, ROOT).data}
    assert len(planted) >= 2


def test_no_download_or_table_row_of_the_planted_month_shows_a_small_count_or_a_rate_from_it(site):
    folder, month, _, below = site
    days = pd.Period(month, "M").days_in_month
    rates = {f"{count / days:.3f}".rstrip("0") for count in range(1, below)}
    leaks, hidden = [], 0
    for page in folder.rglob("*.html"):
        parser = _Published()
        parser.feed(page.read_text(encoding="utf-8"))
        rows = [row for text in parser.downloads for row in csv.reader(io.StringIO(text))] + parser.rows
        for row in rows:
            if not row or not row[0].startswith(month):
                continue
            hidden += f"<{below}" in row
            leaks += [(page.name, row) for cell in row[1:] if _small(cell, below) or cell.rstrip("0") in rates]
    assert leaks == []
    assert hidden >= 2  # the daily-rate and the printed-against-FOI downloads, at least


def test_the_planted_printed_total_is_hidden_with_the_difference_that_would_give_it_back(site):
    folder, _, planted, below = site
    keys = {key.replace("-", "/") for key in planted.get("hate_crime_totals_printed", [])} | set(
        planted.get("hate_crime_totals_printed", [])
    )
    rows = []
    for page in folder.rglob("*.html"):
        parser = _Published()
        parser.feed(page.read_text(encoding="utf-8"))
        rows += [row for row in parser.rows if row and row[0] in keys]
    assert rows, "the planted year is shown in no table"
    for row in rows:
        numbers = [float(c.replace(",", "")) for c in row[1:] if _number(c)]
        assert not any(_small(cell, below) for cell in row[1:]), row
        assert not [(a, b) for a in numbers for b in numbers if 1 <= a - b < below], row  # no count by subtraction
        assert f"<{below}" in row


def _number(cell: str) -> bool:
    try:
        float(cell.replace(",", ""))
    except ValueError:
        return False
    return True


def test_no_count_in_the_figures_register_is_small(site):
    folder, _, _, below = site
    figures = json.loads((folder / "figures.json").read_text())["figures"]
    # Counts of crimes; not the threshold itself ("suppress_below", "largest_suppressed").
    counts = [f for f in figures if f.get("unit") == "recorded crimes" and "suppress" not in f["name"]]
    assert counts and not [f for f in counts if isinstance(f["value"], int) and 1 <= f["value"] < below]
