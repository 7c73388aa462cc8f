"""Gaps in monthly series: the months a period lacks are named, a series with a gap does not cover
its period, and two files of counts join only without a gap (a new year's counts are asked to run
on from the archive without one: tests/unit/test_new_year_scaffold.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from assess.errors import InputError
from assess.periods import Period
from assess.read.dating import PeriodNotCovered, by_month, cut, missing_months, month_runs
from assess.read.police_uk_monthly import combine_monthly_counts

MONTHS = ["2018-10", "2018-11", "2019-01", "2019-02", "2019-05"]


def test_missing_months_of_a_synthetic_list():
    assert missing_months(MONTHS, Period("2018-10", "2019-06")) == ["2018-12", "2019-03", "2019-04", "2019-06"]
    assert missing_months(MONTHS, Period("2018-10", "2018-11")) == []
    assert missing_months([], Period("2019-11", "2020-01")) == ["2019-11", "2019-12", "2020-01"]


def test_month_runs_across_a_year_end():
    assert month_runs(["2019-06", "2018-12", "2019-03", "2019-04"]) == "2018-12, 2019-03 to 2019-04, 2019-06"
    assert month_runs(["2019-11", "2019-12", "2020-01"]) == "2019-11 to 2020-01"


def test_a_gap_inside_the_period_is_not_covered():
    frame = pd.DataFrame({"month": MONTHS, "count": range(5)})
    kept = cut(frame, by_month("month"), Period("2018-10", "2019-02"))
    assert not kept.covered and kept.missing == ("2018-12",)
    whole = cut(frame[frame["month"] <= "2018-11"], by_month("month"), Period("2018-10", "2018-11"))
    assert whole.covered and whole.missing == ()


def test_half_yearly_counts_are_not_gaps():
    frame = pd.DataFrame({"as_at": ["2018-03", "2018-09", "2019-03", "2019-09"]})
    kept = cut(frame, by_month("as_at"), Period("2018-03", "2019-09"))
    assert kept.covered and kept.missing == ()


def test_the_line_names_the_missing_months():
    problem = PeriodNotCovered(
        "street_crime_monthly_counts", Period("2018-10", "2019-02"), Period("2018-10", "2019-05"), ("2018-12",)
    )
    assert str(problem) == (
        "dataset 'street_crime_monthly_counts': the edition asks for October 2018 to February 2019 "
        "(2018-10 to 2019-02), the data holds October 2018 to May 2019 (2018-10 to 2019-05); no rows for 2018-12"
    )


def _counts(months, source):
    frame = pd.DataFrame({"month": months, "force": "A", "crime_type": "Drugs", "count": 1})
    frame.attrs["source"] = source
    return frame


def test_counts_that_do_not_join_name_every_missing_month():
    archive = _counts(["2018-07", "2018-08", "2018-09"], "data/raw/archive.csv")
    later = _counts(["2019-10", "2019-11"], "data/raw/later.csv")
    with pytest.raises(InputError) as caught:
        combine_monthly_counts([archive, later])
    assert str(caught.value) == (
        "data/raw/archive.csv + data/raw/later.csv, column 'month': expected a row for every month from 2018-07 "
        "to 2019-11, found 'no rows for 2018-10 to 2019-09'"
    )
