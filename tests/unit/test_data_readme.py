"""data/README.md's table of files keeps up with the data: every folder of data/raw/ has its
SOURCES.md and a row, and every file an edition reads from data/raw/ is named in its folder's
rows (by name, or by a pattern in backticks where YYYY-MM stands for a month, <force> and * for
any text). Adding a dataset as the README says therefore fails here until the table says so."""

import fnmatch
import re

import pytest

from assess.edition import load_edition
from assess.read.catalogue import dataset_files, read_catalogue
from conftest import ROOT

RAW = ROOT / "data" / "raw"


def readme_rows() -> dict[str, list[str]]:
    """The table's file patterns by folder (``raw/x/``), from every row of data/README.md."""
    rows: dict[str, list[str]] = {}
    for line in (ROOT / "data" / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) > 2 and cells[0].startswith("`raw/"):
            folder = cells[0].strip("`")
            rows.setdefault(folder, []).extend(re.findall(r"`([^`]+)`", cells[1]))
    return rows


def named(file_name: str, patterns: list[str]) -> bool:
    """True when one of ``patterns`` names ``file_name``."""
    for pattern in patterns:
        glob = pattern.replace("YYYY-MM", "[0-9][0-9][0-9][0-9]-[0-9][0-9]")
        if fnmatch.fnmatchcase(file_name, re.sub(r"<[^>]+>", "*", glob)):
            return True
    return False


def data_folders() -> list:
    """Every folder of data/raw/ that holds a file, at any depth."""
    return sorted({p.parent for p in RAW.rglob("*") if p.is_file()})


@pytest.mark.parametrize("folder", data_folders(), ids=lambda p: p.relative_to(RAW).as_posix())
def test_every_raw_folder_has_its_sources_and_a_row(folder):
    shown = f"raw/{folder.relative_to(RAW).as_posix()}/"
    assert (folder / "SOURCES.md").is_file(), f"{shown} needs a SOURCES.md"
    assert shown in readme_rows(), f"data/README.md needs a row for {shown}"


def test_every_file_an_edition_reads_from_raw_is_named_in_its_folders_rows():
    rows, catalogue, unnamed = readme_rows(), read_catalogue(ROOT), set()
    for params in sorted((ROOT / "params").glob("*.yml")):
        edition = load_edition(params, ROOT)
        for name, path in edition.data.items():
            for file in dataset_files(path, catalogue[name]):
                if not file.is_relative_to(RAW):
                    continue
                shown = f"raw/{file.parent.relative_to(RAW).as_posix()}/"
                if not named(file.name, rows.get(shown, [])):
                    unnamed.add(f"{shown}{file.name}")
    assert sorted(unnamed) == [], "data/README.md does not name these files in their folder's rows"


def test_the_checks_would_catch_a_missing_file():
    assert named("2019-03-warwickshire-street.csv", ["YYYY-MM-<force>-street.csv"])
    assert not named("2019-03-warwickshire-outcomes.csv", ["YYYY-MM-<force>-street.csv"])
    assert not named("hate_crime_monthly.csv", ["hate_crime_totals_printed.csv"])
