"""Every shipped file is described, and the Data and methods table counts rows correctly."""

import csv
import shutil

import pytest
import yaml

from assess.edition import load_edition
from assess.read.catalogue import read_catalogue
from assess.read.described import describe_datasets
from conftest import DEFAULT_PARAMS, ROOT
from project_checks import data_files_not_read, raw_folders_without_sources

EDITION = load_edition(DEFAULT_PARAMS, ROOT)


def _data_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return sum(1 for _ in csv.reader(f)) - 1


@pytest.mark.slow
def test_every_data_file_is_read_by_an_edition_or_is_the_source_of_a_reference_table():
    assert data_files_not_read(ROOT) == []


def test_every_raw_folder_says_where_its_data_came_from():
    assert raw_folders_without_sources(ROOT) == []


@pytest.mark.slow
def test_row_counts_and_periods_are_read_from_the_files():
    table = describe_datasets(EDITION).set_index("dataset")
    catalogue = read_catalogue(ROOT)
    for name, path in EDITION.data.items():
        if name in ("workforce_tables", "threats") or path.suffix == ".yml":
            continue  # spreadsheets, registers and pages: counted below
        files = sorted(path.glob(catalogue[name]["files"])) if path.is_dir() else [path]
        assert table.loc[name, "rows"] == sum(_data_rows(f) for f in files), name
    assert table.loc["threats", "rows"] == len(list(EDITION.data["threats"].glob("[a-z0-9]*.md")))  # one a page
    assert table.loc["hate_crime_monthly", "period"] == "Apr 2012 to Sep 2016"
    assert table.loc["workforce_tables", "files"] == 5
    assert table.loc["issue_register", "rows"] == 24 and table.loc["morile", "rows"] == 12


@pytest.mark.wide
def test_a_dataset_that_does_not_cover_its_period_says_what_it_holds(default_params, write_params):
    default_params["periods"]["hate_crime_monthly"] = {"start": "2000-01", "end": "2000-12"}
    table = describe_datasets(load_edition(write_params(default_params), ROOT)).set_index("dataset")
    assert table.loc["hate_crime_monthly", "period"].startswith("not this edition's period: holds ")


def test_spreadsheet_rows_are_the_non_empty_rows_of_every_sheet(tmp_path, default_params, write_params):
    import pandas as pd

    # Dataset paths must lie inside the project: a small project with the catalogue and forces lookup.
    (tmp_path / "data" / "reference").mkdir(parents=True)
    for part in ("data/catalogue.yml", "data/reference/forces.csv"):
        shutil.copyfile(ROOT / part, tmp_path / part)
    folder = tmp_path / "tables"
    folder.mkdir()
    with pd.ExcelWriter(folder / "one.ods", engine="odf") as writer:
        pd.DataFrame({"a": [1, None, 3]}).to_excel(writer, sheet_name="S1", index=False)  # header + 2 filled rows
        pd.DataFrame({"b": ["x"]}).to_excel(writer, sheet_name="S2", index=False)  # header + 1 row
    default_params["data"] = {"forces": "data/reference/forces.csv", "workforce_tables": "tables"}
    edition = load_edition(write_params(default_params), tmp_path)
    assert describe_datasets(edition).set_index("dataset").loc["workforce_tables", "rows"] == 3 + 2


def test_every_catalogue_entry_states_licence_and_period():
    for name, entry in yaml.safe_load((ROOT / "data" / "catalogue.yml").read_text())["datasets"].items():
        assert entry.get("licence") and entry.get("publisher") and entry.get("title"), name
        assert ("period" in entry) != ("period_column" in entry), name


def test_a_source_published_after_the_as_of_date_is_named_with_when():
    from assess.periods import Period
    from assess.read.catalogue import published_after

    assert published_after({"published": 2026}, None, "2019-09-30") == "2026"
    assert published_after({"published": 2019}, None, "2019-09-30") is None  # same year: not known to be later
    assert published_after({"published": "2017-01"}, None, "2016-11-30") == "January 2017"
    assert published_after({"published": "2016-11"}, None, "2016-11-30") is None
    lag = {"publication_lag": 4}  # September's counts are published in January
    assert published_after(lag, Period("2014-09", "2016-09"), "2016-11-30") == "January 2017"
    assert published_after(lag, Period("2014-09", "2016-03"), "2016-11-30") is None
    assert published_after(lag, None, "2016-11-30") is None and published_after({}, None, "2016-11-30") is None


def test_the_note_names_every_later_source_and_is_empty_without_one():
    from assess.present.pages import later_sources_note

    assert later_sources_note([]) == ""
    note = later_sources_note([("Harm weights", "2026"), ("Workforce *tables*", "January 2017")])
    assert note.startswith(":::{note}") and note.rstrip().endswith(":::")
    assert "Harm weights (published 2026); Workforce \\*tables\\* (published January 2017)" in note


def test_a_period_read_from_a_date_column_stops_at_the_as_of_date(tmp_path):
    import pandas as pd

    from assess.read.described import _period

    frames = [pd.DataFrame({"date": ["2011-01", "2012-03-01", "2019-10-31", "2021-04", ""]})]
    entry = {"period_column": "date"}
    assert _period(frames, entry, tmp_path / "t.csv", "2019-12-31") == "2011-01 to 2019-10-31"
    assert _period(frames, entry, tmp_path / "t.csv", "2012-02-29") == "2011-01"
    assert _period(frames, entry, tmp_path / "t.csv", "2010-12-31") == "nothing dated by 2010-12-31"
    assert _period(frames, entry, tmp_path / "t.csv") == "2011-01 to 2021-04"
    undated = [pd.DataFrame({"year": ["2015/16", "2017/18"]})]  # not a date: kept whole
    assert _period(undated, {"period_column": "year"}, tmp_path / "t.csv", "2016-11-30") == "2015/16 to 2017/18"
