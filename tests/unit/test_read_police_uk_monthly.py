"""assess.read.police_uk_monthly: monthly police.uk counts, one file and several files together."""

import csv
from pathlib import Path

import pytest

from assess.errors import InputError
from assess.read.police_uk_monthly import combine_monthly_counts, read_monthly_counts
from project_checks import check_monthly_series

ROOT = Path(__file__).resolve().parents[2]
EARLY = ROOT / "data/raw/salah_replication/monthly_counts_by_force_crime_type_2015-01_2018-09.csv"
LATE = ROOT / "data/raw/police_uk_street/monthly_counts_by_force_crime_type_2018-10_2019-02.csv"
HEADER = "month,force,crime_type,count\n"


def rows(*months, force="Warwickshire Police", types=("Burglary", "Drugs"), count=1):
    return "".join(f"{m},{force},{t},{count}\n" for m in months for t in types)


def test_reads_sorted_with_types(write_csv):
    table = read_monthly_counts(write_csv(HEADER + rows("2015-02", "2015-01")))
    assert list(table.columns) == ["month", "force", "crime_type", "count"]
    assert table["month"].tolist() == ["2015-01", "2015-02", "2015-01", "2015-02"]
    assert table["count"].sum() == 4


@pytest.mark.parametrize(
    "text, message",
    [
        ("month,force,type,count\n2015-01,W,Drugs,1\n", "column named 'crime_type'"),
        (HEADER + "2015-13,W,Drugs,1\n", "row 2, column 'month': expected a month written YYYY-MM"),
        (HEADER + "2015-01,W,Drugs,-1\n", "row 2, column 'count': expected a whole number of 0 or more"),
        (HEADER + "2015-01,W,Drugs,1\n2015-01,W,Drugs,2\n", "row 3, column 'month': expected one row for each"),
    ],
)
def test_malformed_file_is_refused(write_csv, text, message):
    with pytest.raises(InputError, match=message):
        read_monthly_counts(write_csv(text))


def test_combine_joins_files_and_keeps_equal_overlap_once(write_csv):
    a = read_monthly_counts(write_csv(HEADER + rows("2015-01", "2015-02"), "a.csv"))
    b = read_monthly_counts(write_csv(HEADER + rows("2015-02", "2015-03"), "b.csv"))
    table = combine_monthly_counts([a, b])
    assert table.groupby("crime_type")["month"].apply(list).to_dict() == {
        "Burglary": ["2015-01", "2015-02", "2015-03"],
        "Drugs": ["2015-01", "2015-02", "2015-03"],
    }


def test_combine_refuses_overlap_with_different_counts(write_csv):
    a = read_monthly_counts(write_csv(HEADER + rows("2015-01", "2015-02"), "a.csv"))
    b = read_monthly_counts(write_csv(HEADER + rows("2015-02", count=7), "b.csv"))
    with pytest.raises(
        InputError, match=r"one count for 2015-02, Warwickshire Police, Burglary, found '1 in a\.csv; 7 in b\.csv'"
    ):
        combine_monthly_counts([a, b])


def test_combine_names_every_missing_month(write_csv):
    a = read_monthly_counts(write_csv(HEADER + rows("2015-01", "2015-02"), "a.csv"))
    b = read_monthly_counts(write_csv(HEADER + rows("2015-05", "2015-06"), "b.csv"))
    with pytest.raises(
        InputError,
        match=r"a\.csv \+ .*b\.csv, column 'month': .*from 2015-01 to 2015-06, found 'no rows for 2015-03 to 2015-04'$",
    ):
        combine_monthly_counts([a, b])


def test_combine_refuses_a_crime_type_one_file_lacks(write_csv):
    a = read_monthly_counts(write_csv(HEADER + rows("2015-01"), "a.csv"))
    b = read_monthly_counts(write_csv(HEADER + rows("2015-02", types=("Burglary",)), "b.csv"))
    with pytest.raises(InputError, match=r"no row for 2015-02 \(Warwickshire Police, Drugs"):
        combine_monthly_counts([a, b])


def _csv_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_shipped_files_make_50_months_with_the_same_crime_types():
    early, late = read_monthly_counts(EARLY), read_monthly_counts(LATE)
    assert set(early["crime_type"]) == set(late["crime_type"]) and early["crime_type"].nunique() == 14
    table = combine_monthly_counts([early, late])
    sizes = table.groupby(["force", "crime_type"])["month"].agg(["size", "min", "max"])
    assert (sizes["size"] == 50).all() and (sizes["min"] == "2015-01").all() and (sizes["max"] == "2019-02").all()
    # Independent reading with the csv module: totals per force over both files.
    totals = {}
    for path in (EARLY, LATE):
        for row in _csv_rows(path):
            totals[row["force"]] = totals.get(row["force"], 0) + int(row["count"])
    assert table.groupby("force")["count"].sum().astype(int).to_dict() == totals


def test_shipped_fy2017_18_non_asb_totals():
    table = read_monthly_counts(EARLY)
    fy = table[
        (table["month"] >= "2017-04") & (table["month"] <= "2018-03") & (table["crime_type"] != "Anti-social behaviour")
    ]
    expected = {}
    for row in _csv_rows(EARLY):
        if "2017-04" <= row["month"] <= "2018-03" and row["crime_type"] != "Anti-social behaviour":
            expected[row["force"]] = expected.get(row["force"], 0) + int(row["count"])
    assert expected == {"Warwickshire Police": 40818, "West Mercia Police": 82635}
    assert fy.groupby("force")["count"].sum().astype(int).to_dict() == expected


@pytest.mark.parametrize("params", sorted((ROOT / "params").glob("*.yml")), ids=lambda p: p.stem)
def test_an_edition_with_both_files_reads_them_as_one_series(params):
    if not check_monthly_series(params, ROOT):
        pytest.skip("this edition does not name both files")
