"""Errors that name where a file was expected, shown from the project root, and what was found."""

from __future__ import annotations

import shutil

import pytest
import yaml

from assess.edition import load_edition
from assess.errors import InputError
from assess.periods import Period
from assess.read.registry import read_dataset
from assess.read.where import check_kind, misplaced_street_file, missing_street_file
from conftest import ROOT, project_scratch, street_params

SLUGS = {"Warwickshire": "warwickshire", "West Mercia": "west-mercia"}


def _message(call) -> str:
    with pytest.raises(InputError) as caught:
        call()
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_a_folder_where_a_file_is_expected(tmp_path):
    folder = tmp_path / "data" / "raw" / "counts"
    folder.mkdir(parents=True)
    for name in ("a.csv", "b.csv", "c.csv", "d.csv", "e.csv"):
        (folder / name).write_text("x\n1\n")
    assert _message(lambda: check_kind(folder, "street_crime_monthly_counts", {"title": "t"}, tmp_path)) == (
        "data/raw/counts: expected a file for dataset 'street_crime_monthly_counts', not a folder, "
        "found 'a folder holding a.csv, b.csv, c.csv and 2 more'"
    )
    empty = tmp_path / "data" / "raw" / "empty"
    empty.mkdir()
    assert _message(lambda: check_kind(empty, "x", {}, tmp_path)).endswith("found 'an empty folder'")


def test_a_file_where_a_folder_is_expected(tmp_path):
    path = tmp_path / "data" / "raw" / "street" / "2019-01-warwickshire-street.csv"
    path.parent.mkdir(parents=True)
    path.write_text("x\n")
    assert _message(lambda: check_kind(path, "street_crime", {"files": "*-street.csv"}, tmp_path)) == (
        "data/raw/street/2019-01-warwickshire-street.csv: expected a folder of *-street.csv files for dataset "
        "'street_crime', found 'a file (its folder is data/raw/street/)'"
    )
    check_kind(path.parent, "street_crime", {"files": "*-street.csv"}, tmp_path)  # the folder itself is right
    check_kind(path, "other", {"title": "a file"}, tmp_path)


def test_a_datasets_national_file_is_a_file_where_its_editions_name_a_folder(tmp_path):
    """An entry with ``files:`` whose ``national`` file holds every force (the hate crime panel):
    that one file is accepted, any other file of the folder is still refused."""
    folder = tmp_path / "data" / "raw" / "hate"
    folder.mkdir(parents=True)
    (folder / "panel.csv").write_text("x\n")
    (folder / "a_crimes_clean.csv").write_text("x\n")
    entry = {"files": "*_crimes_clean.csv", "national": "data/raw/hate/panel.csv"}
    check_kind(folder / "panel.csv", "hate", entry, tmp_path)
    check_kind(folder, "hate", entry, tmp_path)
    assert "expected a folder of *_crimes_clean.csv files" in _message(
        lambda: check_kind(folder / "a_crimes_clean.csv", "hate", entry, tmp_path)
    )


def test_a_street_file_in_another_months_folder(tmp_path):
    folder = tmp_path / "data" / "raw" / "street"
    (folder / "2019-02").mkdir(parents=True)
    (folder / "2019-02" / "2019-01-west-mercia-street.csv").write_text("x\n")
    assert _message(lambda: misplaced_street_file(folder, tmp_path)) == (
        "data/raw/street/2019-01/2019-01-west-mercia-street.csv: expected 2019-01-west-mercia-street.csv in the "
        "folder of its month 2019-01/ (or in data/raw/street/ itself), found 'it in data/raw/street/2019-02/'"
    )


def test_a_missing_month_of_the_period_names_the_file_expected(tmp_path):
    folder = tmp_path / "data" / "raw" / "street"
    folder.mkdir(parents=True)
    held = {"2018-10": folder, "2018-12": folder / "2018-12"}
    period = Period("2018-10", "2018-12")
    (folder / "2018-10-warwickshire-street.csv").write_text("x\n")
    (folder / "2018-10-west-mercia-street.csv").write_text("x\n")
    assert _message(lambda: missing_street_file(folder, held, period, SLUGS, "street_crime", tmp_path)) == (
        "data/raw/street/2018-11-warwickshire-street.csv: expected the street-level file of Warwickshire for "
        "2018-11 (street_crime's period is October 2018 to December 2018), found 'nothing'"
    )
    held["2018-11"] = folder
    for slug in SLUGS.values():
        (folder / f"2018-11-{slug}-street.csv").write_text("x\n")
    (folder / "2018-12").mkdir()
    (folder / "2018-12" / "2018-12-warwickshire-street.csv").write_text("x\n")
    assert _message(lambda: missing_street_file(folder, held, period, SLUGS, "street_crime", tmp_path)) == (
        "data/raw/street/2018-12/2018-12-west-mercia-street.csv: expected the street-level file of West Mercia "
        "for 2018-12 (street_crime's period is October 2018 to December 2018), found "
        '"only other forces\' files for 2018-12"'
    )
    # A folder holding nothing of the period is left to the period check (or a waiting chapter).
    missing_street_file(folder, held, Period("2016-01", "2016-03"), SLUGS, "street_crime", tmp_path)


def _edition_with_street(tmp_path, drop: str | None = None, into: str | None = None):
    """A shipped edition whose street_crime folder is a scratch copy, ``drop`` (a file name) left out or
    moved into the sub-folder ``into``."""
    params_file = street_params()
    params = yaml.safe_load(params_file.read_text())
    source = ROOT / params["data"]["street_crime"]
    scratch = project_scratch(tmp_path) / "street"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(source, scratch)
    if drop:
        moved = scratch / drop
        if into:
            (scratch / into).mkdir()
            moved.rename(scratch / into / drop)
        else:
            moved.unlink()
    params["data"]["street_crime"] = scratch.relative_to(ROOT).as_posix()
    path = scratch.parent / "edition.yml"
    path.write_text(yaml.safe_dump(params, sort_keys=False))
    return load_edition(path, ROOT), scratch


def test_the_reader_names_a_missing_and_a_misplaced_month(tmp_path):
    edition, _ = _edition_with_street(tmp_path)
    period = edition.periods["street_crime"]
    slug = edition.registry.table.set_index("force").at[edition.forces[-1], "police_uk_slug"]
    name = f"{period.end}-{slug}-street.csv"
    edition, scratch = _edition_with_street(tmp_path, drop=name)
    shown = (scratch / name).relative_to(ROOT).as_posix()
    assert _message(lambda: read_dataset(edition, "street_crime")).startswith(
        f"{shown}: expected the street-level file of {edition.forces[-1]} for {period.end}"
    )
    other = f"{period.start}"
    edition, scratch = _edition_with_street(tmp_path / "misplaced", drop=name, into=other)
    assert _message(lambda: read_dataset(edition, "street_crime")).startswith(
        f"{(scratch / period.end / name).relative_to(ROOT).as_posix()}: expected {name} in the folder of its month"
    )
