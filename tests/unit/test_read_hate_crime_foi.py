"""assess.read.hate_crime_foi: monthly hate crime per force as released under FOI."""

import csv
from pathlib import Path

import pytest

from assess.errors import InputError
from assess.read.hate_crime_foi import read_hate_crime_foi

COUNTIES = {"warwickshire": "Warwickshire", "west_marcia": "West Mercia"}
"""The archive's spelling of each force (the registry's ``salah_name``) → the project's name."""

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "data/raw/salah_replication"
HEADER = "date,hate_crimes,muslim_crimes,county\n"


def test_reads_out_of_order_rows_into_month_order(write_csv):
    table = read_hate_crime_foi(
        write_csv(
            HEADER
            + "2011-04-01,5,NA,west_marcia\n2010-04-01,3,NA,west_marcia\n"
            + "".join(f"2010-{m:02d}-01,1,NA,west_marcia\n" for m in range(5, 13))
            + "".join(f"2011-{m:02d}-01,2,NA,west_marcia\n" for m in range(1, 4))
        ),
        COUNTIES,
    )
    assert list(table.columns) == ["month", "force", "recorded_crimes"]
    assert table["month"].tolist()[:2] == ["2010-04", "2010-05"] and table["month"].iloc[-1] == "2011-04"
    assert set(table["force"]) == {"West Mercia"} and table["recorded_crimes"].sum() == 3 + 8 + 6 + 5


@pytest.mark.parametrize(
    "text, message",
    [
        ("date,crimes,muslim_crimes,county\n2010-04-01,3,NA,warwickshire\n", "column named 'hate_crimes'"),
        (HEADER + "2010-04-15,3,NA,warwickshire\n", "row 2, column 'date': expected the first day of a month"),
        (HEADER + "2010-04-01,NA,NA,warwickshire\n", "row 2, column 'hate_crimes': expected a whole number"),
        (
            HEADER + "2010-04-01,3,NA,atlantis\n",
            "row 2, column 'county': expected one of 'warwickshire', 'west_marcia'",
        ),
        (
            HEADER + "2010-04-01,3,NA,warwickshire\n2010-04-01,4,NA,warwickshire\n",
            "row 3, column 'county': expected one row for each",
        ),
        (
            HEADER + "2010-04-01,3,NA,warwickshire\n2010-06-01,4,NA,warwickshire\n",
            "column 'date': expected a row for every month from 2010-04 to 2010-06, "
            "found 'no row for 2010-05 \\(Warwickshire\\)'",
        ),
    ],
)
def test_malformed_file_is_refused(write_csv, text, message):
    with pytest.raises(InputError, match=message):
        read_hate_crime_foi(write_csv(text), COUNTIES)


@pytest.mark.parametrize(
    "name, force, totals",
    [
        ("warwickshire_crimes_clean.csv", "Warwickshire", {"2015-16": 408, "2016-17": 629, "2017-18": 725}),
        ("west_mercia_crimes_clean.csv", "West Mercia", {"2015-16": 948, "2016-17": 1321, "2017-18": 1422}),
    ],
)
def test_shipped_financial_year_totals(name, force, totals):
    table = read_hate_crime_foi(FOLDER / name, COUNTIES)
    assert set(table["force"]) == {force} and len(table) == 96
    assert table["month"].iloc[0] == "2010-04" and table["month"].iloc[-1] == "2018-03"
    # Independent reading with the csv module: financial year from the date text.
    sums = {}
    with open(FOLDER / name, newline="") as f:
        for row in csv.DictReader(f):
            year, month = int(row["date"][:4]), int(row["date"][5:7])
            start = year if month >= 4 else year - 1
            key = f"{start}-{(start + 1) % 100:02d}"
            sums[key] = sums.get(key, 0) + int(row["hate_crimes"])
    assert {k: sums[k] for k in totals} == totals
    fy = table["month"].map(lambda m: int(m[:4]) - (int(m[5:]) < 4))
    got = table.groupby(fy)["recorded_crimes"].sum().astype(int)
    assert {f"{y}-{(y + 1) % 100:02d}": int(n) for y, n in got.items()} == sums
