"""Where next year's files are expected: `assess new-year`'s proposed paths carry the new year."""

import pytest

from assess.build.newyear_paths import name_months, next_year_path
from assess.periods import Period


@pytest.mark.parametrize(
    "path, period, expected",
    [
        ("data/raw/sa2016-17/hours.csv", None, "data/raw/sa2017-18/hours.csv"),
        (
            "data/raw/sa2016-17/west_mercia_crime_by_area_2016.csv",
            None,
            "data/raw/sa2017-18/west_mercia_crime_by_area_2017.csv",
        ),
        ("data/raw/police_uk_street", None, "data/raw/police_uk_street/2017-18"),
        (
            "data/raw/uk/counts_2018-10_2019-02.csv",
            Period("2019-10", "2020-02"),
            "data/raw/uk/2017-18/counts_2019-10_2020-02.csv",
        ),
        ("data/raw/uk/counts_2018-10_2019-02.csv", None, "data/raw/uk/2017-18/counts_2019-10_2020-02.csv"),
        ("data/raw/prc/tables201617.csv", None, "data/raw/prc/2017-18/tables201718.csv"),
        ("data/raw/hate/hate_2016-17.csv", None, "data/raw/hate/2017-18/hate_2017-18.csv"),
        ("data/raw/uk/2016-17/counts_2018-10_2019-02.csv", None, "data/raw/uk/2017-18/counts_2019-10_2020-02.csv"),
        ("data/reference/x_2016.csv", None, "data/reference/x_2017.csv"),
        (
            "data/raw/prc/prc-pfa-mar2013-onwards-tables201617.csv",
            None,
            "data/raw/prc/2017-18/prc-pfa-mar2013-onwards-tables201718.csv",
        ),
        ("data/reference/registers/issues.yml", None, "data/reference/registers/2017-18/issues.yml"),
        # A financial year that is not the old one moves on (never "2017-17"); two of them are a span.
        ("data/raw/prc/prc_2014-15_2016-17Q1.csv", None, "data/raw/prc/2017-18/prc_2015-16_2017-18Q1.csv"),
        (
            "data/raw/prc/prc_2013-14_2015-16.csv",
            Period("2016-04", "2017-03"),
            "data/raw/prc/2017-18/prc_2016-17_2016-17.csv",
        ),
        # Two years are a span: the period's first and last.
        (
            "data/raw/wf/officers_2014_2019.csv",
            Period("2015-09", "2024-09"),
            "data/raw/wf/2017-18/officers_2015_2024.csv",
        ),
        ("data/raw/wf/officers_2014_2019.csv", None, "data/raw/wf/2017-18/officers_2015_2020.csv"),
        # Two months anywhere in the name are a span too.
        (
            "data/raw/ons/p1_ye2018-03_to_ye2019-12.csv",
            Period("2019-03", "2020-06"),
            "data/raw/ons/2017-18/p1_ye2019-03_to_ye2020-06.csv",
        ),
        # A month that could be a financial year (2011-12) is a month.
        ("data/raw/uk/counts_2011-12.csv", None, "data/raw/uk/2017-18/counts_2012-12.csv"),
    ],
)
def test_next_year_path(path, period, expected):
    assert next_year_path(path, "2016-17", "2017-18", period) == expected


def test_name_months_are_the_two_months_a_file_name_gives():
    assert name_months("data/raw/ons/p1_ye2018-03_to_ye2019-12.csv") == Period("2018-03", "2019-12")
    assert name_months("data/raw/uk/2018-10/counts_2019-02.csv") is None  # a folder's month is not the file's
    assert name_months("data/raw/wf/officers_2014_2019.csv") is None
