"""Months, spans and financial years: the one home of the calendar rules."""

import pytest

from assess.periods import (
    Period,
    days_in_month,
    financial_year,
    financial_year_months,
    is_financial_year,
    is_month,
    month_label,
    month_span,
    months_between,
    shift_month,
    year_label,
)


@pytest.mark.parametrize(
    "month, expected",
    [
        ("2016-03", "2015-16"),
        ("2016-04", "2016-17"),
        ("2016-12", "2016-17"),
        ("2000-01", "1999-00"),
        ("1999-04", "1999-00"),
    ],
)
def test_financial_year(month, expected):
    assert financial_year(month) == expected


def test_financial_year_months_run_april_to_march():
    months = financial_year_months("2016-17")
    assert months[0] == "2016-04" and months[-1] == "2017-03" and len(months) == 12


@pytest.mark.parametrize(
    "text, ok",
    [("2016-17", True), ("1999-00", True), ("2016-18", False), ("2016/17", False), ("16-17", False), (2016, False)],
)
def test_is_financial_year(text, ok):
    assert is_financial_year(text) is ok


@pytest.mark.parametrize(
    "text, ok",
    [("2016-01", True), ("2016-12", True), ("2016-13", False), ("2016-00", False), ("2016-1", False), (None, False)],
)
def test_is_month(text, ok):
    assert is_month(text) is ok


@pytest.mark.parametrize(
    "month, by, expected",
    [("2016-11", 26, "2019-01"), ("2016-11", -23, "2014-12"), ("2016-01", 12, "2017-01"), ("2016-01", 0, "2016-01")],
)
def test_shift_month_across_years(month, by, expected):
    assert shift_month(month, by) == expected


def test_spans_and_labels():
    assert months_between("2018-11", "2019-02") == ["2018-11", "2018-12", "2019-01", "2019-02"]
    assert Period("2018-11", "2019-02").months() == months_between("2018-11", "2019-02")
    assert month_span(["2018-10", "2018-11", "2019-02"]) == "Oct 2018 to Feb 2019"
    assert month_span(["2018-10"], "long") == "October 2018"
    assert month_label("2016-07", "long") == "July 2016" and month_label("2016-07") == "Jul 2016"
    assert year_label("2016-17") == "2016/17"
    assert days_in_month("2016-02") == 29 and days_in_month("2019-02") == 28
