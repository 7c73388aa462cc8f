"""assess.read.population: ONS mid-year estimates of the two forces' districts."""

import csv
from pathlib import Path

import pytest

from assess.errors import InputError
from assess.read.population import force_population, read_district_population

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data/raw/ons_mye/lad_population_mid2015_mid2020_warwickshire_westmercia.csv"
HEADER = "force,lad_code,lad_name,year,population_mid_year\n"
GOOD = HEADER + (
    "Warwickshire,E07000218,North Warwickshire,2015,100\nWarwickshire,E07000218,North Warwickshire,2016,110\n"
    "Warwickshire,E07000219,Nuneaton and Bedworth,2015,200\nWarwickshire,E07000219,Nuneaton and Bedworth,2016,220\n"
)


def test_reads_and_sums_a_force(write_csv):
    table = read_district_population(write_csv(GOOD))
    assert list(table.columns) == ["force", "lad_code", "lad_name", "year", "population"]
    assert force_population(table, 2016).to_dict("records") == [{"force": "Warwickshire", "population": 330}]


@pytest.mark.parametrize(
    "text, message",
    [
        (GOOD.replace("population_mid_year", "population"), "column named 'population_mid_year'"),
        (GOOD.replace("E07000219", "07000219"), "row 4, column 'lad_code': expected an ONS area code"),
        (GOOD.replace(",2016,220", ",mid-2016,220"), "row 5, column 'year': expected a whole number"),
        (
            GOOD.replace(",2016,220", ",2015,220"),
            "row 5, column 'lad_code': expected one row for each lad_code and year",
        ),
        (
            GOOD.replace("Warwickshire,E07000219,Nuneaton and Bedworth,2016,220\n", ""),
            "column 'year': expected a row for every year 2015-2016 for each district, "
            "found 'no row for 2016 \\(E07000219\\)'",
        ),
        (
            GOOD.replace(
                "Warwickshire,E07000219,Nuneaton and Bedworth,2016", "West Mercia,E07000219,Nuneaton and Bedworth,2016"
            ),
            "expected one force for each lad_code",
        ),
    ],
)
def test_malformed_file_is_refused(write_csv, text, message):
    with pytest.raises(InputError, match=message):
        read_district_population(write_csv(text))


def test_a_year_without_figures_is_refused(write_csv):
    table = read_district_population(write_csv(GOOD))
    with pytest.raises(InputError, match="expected population figures for mid-2019, found 'years 2015 to 2016'"):
        force_population(table, 2019)


def test_shipped_force_totals_per_year():
    table = read_district_population(SHIPPED)
    assert table["lad_code"].nunique() == 14 and sorted(table["year"].unique()) == list(range(2015, 2021))
    stated = {
        "Warwickshire": [555154, 558991, 564562, 571010, 577933, 583786],
        "West Mercia": [1251476, 1261142, 1272638, 1282237, 1291577, 1298422],
    }
    sums = {}
    with open(SHIPPED, newline="") as f:
        for row in csv.DictReader(f):
            key = (row["force"], int(row["year"]))
            sums[key] = sums.get(key, 0) + int(row["population_mid_year"])
    for force, values in stated.items():
        for year, value in zip(range(2015, 2021), values, strict=True):
            assert sums[(force, year)] == value
            got = force_population(table, year).set_index("force")["population"]
            assert int(got[force]) == value
