"""assess.read.recorded_crime_groups: Home Office rolling-year recorded crime by PFA and offence group."""

import csv
from pathlib import Path

import pandas as pd
import pytest

from assess.errors import InputError
from assess.read.recorded_crime_groups import BURGLARY, BURGLARY_GROUPS, combine_burglary, read_recorded_crime_groups

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data/raw/home_office_rec_crime_pfa/rec-crime-pfa.csv"
HEADER = "12 months ending,PFA,Region,Offence,Rolling year total number of offences\r\n"


def test_reads_dates_years_negatives_and_the_misprinted_december(write_csv):
    table = read_recorded_crime_groups(
        write_csv(
            HEADER + "31/03/2018,Warwickshire,West Midlands,Robbery,10\r\n"
            "30/12/2017,Warwickshire,West Midlands,Robbery,9\r\n"
            "30/09/2013,Gwent,Wales,Fraud offences,-1\r\n"
        )
    )
    assert list(table.columns) == ["period_end", "financial_year", "force", "region", "offence_group", "count"]
    by_date = table.set_index("period_end")
    assert by_date.loc[pd.Timestamp("2018-03-31"), "financial_year"] == "2017-18"
    assert by_date.loc[pd.Timestamp("2017-12-31"), "financial_year"] is None
    assert by_date.loc[pd.Timestamp("2013-09-30"), "count"] == -1


@pytest.mark.parametrize(
    "text, message",
    [
        (HEADER.replace("PFA", "Force") + "31/03/2018,W,R,Robbery,1\r\n", "column named 'PFA'"),
        (
            HEADER + "15/03/2018,W,R,Robbery,1\r\n",
            "row 2, column '12 months ending': expected the last day of a quarter",
        ),
        (
            HEADER + "2018-03-31,W,R,Robbery,1\r\n",
            "row 2, column '12 months ending': expected the last day of a quarter",
        ),
        (
            HEADER + "31/03/2018,W,R,Robbery,1.5\r\n",
            "row 2, column 'Rolling year total number of offences': expected a whole number",
        ),
        (
            HEADER + "31/03/2018,W,R,Robbery,1\r\n31/03/2018,W,R,Robbery,2\r\n",
            "row 3, column '12 months ending': expected one row for each",
        ),
    ],
)
def test_malformed_file_is_refused(write_csv, text, message):
    with pytest.raises(InputError, match=message):
        read_recorded_crime_groups(write_csv(text))


def test_combine_burglary_sums_the_four_labels(write_csv):
    lines = [f"30/09/2017,W,R,{g},{n}\r\n" for g, n in zip(BURGLARY_GROUPS, (1, 2, 3, 4), strict=True)]
    table = combine_burglary(
        read_recorded_crime_groups(write_csv(HEADER + "".join(lines) + "30/09/2017,W,R,Robbery,5\r\n"))
    )
    assert table.set_index("offence_group")["count"].to_dict() == {BURGLARY: 10, "Robbery": 5}


def _shipped_rows():
    with open(SHIPPED, newline="") as f:
        return list(csv.DictReader(f))


def test_shipped_totals_at_march_2018_and_burglary_across_the_change():
    table = read_recorded_crime_groups(SHIPPED)
    raw = _shipped_rows()
    assert len(table) == len(raw) == 46469 and table["period_end"].nunique() == 52
    ours = table[table["force"].isin(["Warwickshire", "West Mercia"])]
    assert (ours["count"] >= 0).all()
    # Independent reading with the csv module.
    total, burglary = {}, {}
    for row in raw:
        n = int(row["Rolling year total number of offences"])
        if row["12 months ending"] == "31/03/2018":
            total[row["PFA"]] = total.get(row["PFA"], 0) + n
        if row["Offence"] in BURGLARY_GROUPS and row["PFA"] == "Warwickshire":
            burglary[row["12 months ending"]] = burglary.get(row["12 months ending"], 0) + n
    assert (total["West Mercia"], total["Warwickshire"]) == (84350, 41411)
    march = ours[ours["financial_year"] == "2017-18"].groupby("force")["count"].sum().astype(int).to_dict()
    assert march == {"West Mercia": 84350, "Warwickshire": 41411}
    combined = combine_burglary(ours)
    warks = combined[(combined["force"] == "Warwickshire") & (combined["offence_group"] == BURGLARY)]
    got = {d.strftime("%d/%m/%Y"): int(n) for d, n in zip(warks["period_end"], warks["count"], strict=True)}
    assert got == {("31/12/2017" if k == "30/12/2017" else k): v for k, v in burglary.items()}
    assert combined.groupby("force")["count"].sum().equals(ours.groupby("force")["count"].sum())
