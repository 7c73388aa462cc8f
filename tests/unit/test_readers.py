"""The shipped data loads through its loaders, and its printed totals agree with its rows."""

import csv

import pytest
import yaml

from assess.edition import load_edition
from assess.errors import InputError
from assess.read.assessment_tables import read_specials_duty_hours
from assess.read.dating import PeriodNotCovered
from assess.read.period_cut import read_period
from assess.read.registry import read_dataset
from conftest import DEFAULT_PARAMS, ROOT

EDITION = load_edition(DEFAULT_PARAMS, ROOT)


def test_hate_crime_months_are_a_complete_run():
    months = read_dataset(EDITION, "hate_crime_monthly")["month"].tolist()
    # April 2012 to September 2016 is 4 full financial years and 6 months.
    assert len(months) == 4 * 12 + 6
    assert months == sorted(months) and months[0] == "2012-04" and months[-1] == "2016-09"


def test_hate_crime_yearly_sums_equal_the_printed_totals():
    monthly = read_dataset(EDITION, "hate_crime_monthly")
    printed = read_dataset(EDITION, "hate_crime_totals_printed")
    # Independent reading: financial year of a month by plain arithmetic on the text.
    sums = {}
    for month, n in zip(monthly["month"], monthly["recorded_crimes"], strict=True):
        year, mo = int(month[:4]), int(month[5:])
        start = year if mo >= 4 else year - 1
        key = f"{start}-{(start + 1) % 100:02d}"
        sums[key] = sums.get(key, 0) + int(n)
    assert sums == dict(zip(printed["financial_year"], printed["total_printed"].astype(int), strict=True))


def test_west_mercia_area_sums_equal_the_printed_force_totals():
    areas = read_dataset(EDITION, "west_mercia_area_crime")
    with open(EDITION.path("west_mercia_area_total_printed")) as f:
        printed = {row["month"]: int(row["total_printed"]) for row in csv.DictReader(f)}
    assert areas.groupby("month")["recorded_crimes"].sum().astype(int).to_dict() == printed


def test_specials_duty_hours_keep_the_printed_change_as_text():
    hours = read_dataset(EDITION, "specials_duty_hours")
    row = hours[(hours.force == "Warwickshire") & (hours.period == "Jan-Sep") & (hours.year == 2014)].iloc[0]
    assert row.duty_hours == 33383 and row.pct_change_printed == "- 36.2%"
    # The source printed N/A for West Mercia's 2013 year-to-date hours: kept as missing, not zero.
    missing = hours[(hours.force == "West Mercia") & (hours.period == "Jan-Sep") & (hours.year == 2013)]
    assert missing["duty_hours"].isna().all()


def test_specials_duty_hours_reject_an_unknown_force(write_csv):
    path = write_csv("force,period,year,duty_hours,pct_change_printed\nMercia,Jan-Sep,2014,1,\n")
    with pytest.raises(InputError) as caught:
        read_specials_duty_hours(path, EDITION.registry.names)
    assert (caught.value.row, caught.value.column) == (2, "force")


@pytest.mark.parametrize("dataset", ["policing_areas", "key_facts", "source_documents", "specials_establishment"])
def test_every_row_of_the_shipped_file_loads(dataset):
    with open(EDITION.path(dataset), encoding="utf-8") as f:
        expected_rows = sum(1 for _ in csv.DictReader(f))
    assert len(read_dataset(EDITION, dataset)) == expected_rows


def test_the_forces_lookup_holds_the_43_territorial_forces():
    forces = EDITION.registry.table
    assert len(forces) == 43 and {"Warwickshire", "West Mercia"} <= set(forces["force"])


def test_the_timeline_stops_at_the_as_of_date_and_keeps_the_events_of_the_editions_forces(write_params):
    early = read_dataset(EDITION, "alliance_timeline")
    assert early["date"].max() <= EDITION.as_of and "notice" not in set(early["milestone"])
    single = next(
        p for p in sorted((ROOT / "params").glob("*.yml")) if load_edition(p, ROOT).forces == ("West Mercia",)
    )
    params = yaml.safe_load(single.read_text()) | {"as_of": "2021-12-31"}
    west_mercia = read_dataset(load_edition(write_params(params), ROOT), "alliance_timeline")
    assert {"notice", "end"} <= set(west_mercia["milestone"])
    assert not west_mercia["event"].str.contains("services for Warwickshire").any()


def test_a_dataset_is_cut_to_its_period_and_one_that_does_not_cover_it_says_so(default_params, write_params):
    monthly = read_period(EDITION, "hate_crime_monthly")
    period = EDITION.periods["hate_crime_monthly"]
    assert (monthly["month"].min(), monthly["month"].max()) == (period.start, period.end)
    held = read_dataset(EDITION, "hate_crime_monthly")["month"]
    default_params["periods"]["hate_crime_monthly"] = {"start": "2000-01", "end": "2000-12"}
    with pytest.raises(PeriodNotCovered) as caught:
        read_period(load_edition(write_params(default_params), ROOT), "hate_crime_monthly")
    message = str(caught.value)
    assert "hate_crime_monthly" in message and "2000-01 to 2000-12" in message
    assert f"{held.min()} to {held.max()}" in message
