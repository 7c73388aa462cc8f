"""Street-level crime: reading, placing records in policing areas, counting; nothing dropped."""

import shutil

import pandas as pd
import pytest

from assess.analysis import street_counts as street
from assess.edition import load_edition
from assess.errors import InputError
from assess.read.registry import read_dataset
from assess.read.street import read_street_crime
from conftest import ROOT, street_params

EDITION = load_edition(street_params(), ROOT)  # an edition that holds its street-level records
FORCES = EDITION.registry
MONTHS = EDITION.periods["street_crime"].months()


def test_counts_equal_the_published_monthly_counts_file():
    crimes = read_street_crime(EDITION.path("street_crime"), FORCES, EDITION.forces, MONTHS)
    counts = street.monthly_counts(crimes, ["force", "crime_type"], MONTHS)
    published = pd.read_csv(EDITION.path("street_crime_monthly_counts"))
    published["force"] = published["force"].str.removesuffix(" Police")
    merged = published.merge(counts, on=["month", "force", "crime_type"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all() and (merged["count_x"] == merged["count_y"]).all()


def test_no_row_level_detail_is_kept():
    crimes = read_street_crime(EDITION.path("street_crime"), FORCES, ("Warwickshire",), MONTHS[:1])
    assert list(crimes.columns) == ["month", "force", "lsoa_code", "lsoa_name", "crime_type"]


def test_every_record_is_placed_somewhere():
    crimes = pd.DataFrame(
        {
            "month": ["2018-10"] * 4,
            "force": ["West Mercia"] * 4,
            "lsoa_code": ["x"] * 4,
            "lsoa_name": ["Wyre Forest 004B", "Birmingham 039B", "", "Telford and Wrekin 001A"],
            "crime_type": ["Drugs"] * 4,
        }
    )
    areas = read_dataset(EDITION, "policing_areas")
    placed = street.assign_policing_area(crimes, areas)
    assert placed["policing_area"].tolist() == ["North Worcestershire", street.OUTSIDE, street.NO_LOCATION, "Telford"]


def test_a_record_of_another_month_is_refused(tmp_path):
    folder = tmp_path / "street"
    shutil.copytree(EDITION.path("street_crime"), folder, ignore=shutil.ignore_patterns("2019*", "2018-1[12]*"))
    path = folder / "2018-10-warwickshire-street.csv"
    lines = path.read_text().splitlines()
    lines[5] = lines[5].replace(",2018-10,", ",2019-03,", 1)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as caught:
        read_street_crime(folder, FORCES, ("Warwickshire",), ["2018-10"])
    assert (caught.value.row, caught.value.column) == (6, "Month") and "2019-03" in str(caught.value)


def test_a_missing_month_is_refused(tmp_path):
    with pytest.raises(InputError, match="2018-10-warwickshire-street.csv"):
        read_street_crime(tmp_path, FORCES, ("Warwickshire",), ["2018-10"])


def test_monthly_counts_fill_empty_months_with_zero():
    crimes = pd.DataFrame(
        {
            "month": ["2018-10", "2018-10", "2018-12"],
            "force": ["A", "A", "A"],
            "crime_type": ["Drugs", "Robbery", "Drugs"],
        }
    )
    counts = street.monthly_counts(crimes, ["force", "crime_type"], ["2018-10", "2018-11", "2018-12"])
    drugs = counts[counts.crime_type == "Drugs"]["count"].tolist()
    assert drugs == [1, 0, 1] and counts["count"].sum() == 3 and len(counts) == 6
