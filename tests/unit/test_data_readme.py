"""data/README.md's table of files keeps up with the data: every folder of data/raw/ has its
SOURCES.md and a row, and every file an edition reads from data/raw/ is named in its folder's
rows (by name, or by a pattern in backticks where YYYY-MM stands for a month, <force> and * for
any text). Adding a dataset as the README says therefore fails here until the table says so."""

import pytest

from conftest import ROOT
from project_checks import check_data_folder, data_folders, named, raw_files_not_named

RAW = ROOT / "data" / "raw"


@pytest.mark.parametrize("folder", data_folders(ROOT), ids=lambda p: p.relative_to(RAW).as_posix())
def test_every_raw_folder_has_its_sources_and_a_row(folder):
    check_data_folder(folder, ROOT)


def test_every_file_an_edition_reads_from_raw_is_named_in_its_folders_rows():
    assert raw_files_not_named(ROOT) == [], "data/README.md does not name these files in their folder's rows"


def test_the_checks_would_catch_a_missing_file():
    assert named("2019-03-warwickshire-street.csv", ["YYYY-MM-<force>-street.csv"])
    assert not named("2019-03-warwickshire-outcomes.csv", ["YYYY-MM-<force>-street.csv"])
    assert not named("hate_crime_monthly.csv", ["hate_crime_totals_printed.csv"])
