"""Where next year's files are expected: `assess new-year`'s proposed paths carry the new year."""

import pytest

from assess.build.newyear import next_year_path
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
    ],
)
def test_next_year_path(path, period, expected):
    assert next_year_path(path, "2016-17", "2017-18", period) == expected
