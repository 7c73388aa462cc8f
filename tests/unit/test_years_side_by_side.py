"""Years side by side: a later year's street-level files, put where `assess new-year` asks for them
(a folder for the year inside the source's folder, flat or with one sub-folder a month), never
break an edition that reads the earlier folder, and the new edition sees its own files, month
sub-folders included. The planted files are synthetic (made up here, labelled so in their
Context column) and live in a copy of the project's parameters and data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from assess.edition import load_edition
from assess.read.catalogue import dataset_files, read_catalogue
from assess.read.described import describe_datasets
from assess.read.forces import read_forces
from assess.read.period_cut import cut_dataset, read_period
from assess.read.registry import read_dataset
from conftest import ROOT, shipped_editions, street_params

HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
    "Last outcome category,Context\n"
)


def _link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _synthetic_street_file(path: Path, month: str, falls_within: str, rows: int = 3) -> None:
    """A made-up data.police.uk street-level file of ``rows`` records of ``month``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"synthetic-{i},{month},{falls_within},{falls_within},-1.5,52.3,On or near Nowhere,E01000001,"
        f"Synthetic 001A,Burglary,Under investigation,synthetic test data\n"
        for i in range(rows)
    ]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project's parameters and data with a later year's street files planted
    beside the shipped ones: ``2020-21/`` holding October 2019 flat and November 2019 in a month
    sub-folder, for every force whose street files ship."""
    root = tmp_path_factory.mktemp("years")
    for part in ("params", "data"):
        shutil.copytree(ROOT / part, root / part, copy_function=_link_or_copy)
    registry = read_forces(ROOT / "data/reference/forces.csv").table.set_index("police_uk_slug")
    shipped = ROOT / "data/raw/police_uk_street"
    slugs = sorted({p.name[8:-11] for p in shipped.glob("*-street.csv")})
    year = root / "data/raw/police_uk_street/2020-21"
    for slug in slugs:
        name = registry.at[slug, "police_uk_name"]
        _synthetic_street_file(year / f"2019-10-{slug}-street.csv", "2019-10", name)
        _synthetic_street_file(year / "2019-11" / f"2019-11-{slug}-street.csv", "2019-11", name)
    return root


def _editions(root: Path):
    return [load_edition(root / "params" / p.name, root) for p in shipped_editions()]


@pytest.mark.slow
def test_every_shipped_edition_still_reads_the_folder_beside_a_later_year(project):
    catalogue = read_catalogue(project)
    checked = 0
    for edition in _editions(project):
        for name, path in edition.data.items():
            files = dataset_files(path, catalogue[name])
            assert not any("2020-21" in f.parts for f in files), (edition.source, name)
            if path == project / "data/raw/police_uk_street" or path.parent == project / "data/raw/police_uk_street":
                read_dataset(edition, name)  # raises InputError if the planted year breaks it
                checked += 1
        if "street_crime" in edition.periods and "street_crime" in edition.data:
            kept = cut_dataset(edition, "street_crime")
            assert not kept.rows["month"].isin(["2019-10", "2019-11"]).any()
    assert checked >= 4


def test_the_shipped_street_edition_is_unchanged_by_the_later_year(project):
    edition = load_edition(project / "params" / street_params().name, project)
    before = read_period(load_edition(street_params(), ROOT), "street_crime")
    after = read_period(edition, "street_crime")
    assert len(after) == len(before) and not after["month"].isin(["2019-10", "2019-11"]).any()


@pytest.mark.slow
def test_the_later_edition_reads_its_year_flat_and_in_month_folders(project):
    params = yaml.safe_load(street_params().read_text())
    params.update(edition="later-year", as_of="2019-12-31", previous_edition=None)
    params["data"]["street_crime"] = "data/raw/police_uk_street/2020-21"
    params["periods"] = {"street_crime": {"start": "2019-10", "end": "2019-11"}}
    params.pop("previous_edition")
    path = project / "params" / "later-year.yml"
    path.write_text(yaml.safe_dump(params, sort_keys=False))
    try:
        edition = load_edition(path, project)
        street = read_period(edition, "street_crime")
        assert sorted(street["month"].unique()) == ["2019-10", "2019-11"]
        assert len(street) == 3 * 2 * len(edition.forces)
        files = dataset_files(edition.path("street_crime"), read_catalogue(project)["street_crime"])
        assert len(files) == 2 * len(edition.forces)
        assert sum(f.parent.name == "2019-11" for f in files) == len(edition.forces)
        described = describe_datasets(edition).set_index("dataset").loc["street_crime"]
        assert described["files"] == 2 * len(edition.forces) and described["rows"] == 3 * 2 * len(edition.forces)
        assert described["period"] == "Oct 2019 to Nov 2019"
    finally:
        path.unlink()
