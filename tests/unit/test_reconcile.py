"""assess.analysis.reconcile: two sources of the same counts, compared by hand."""

import pandas as pd
import pytest

from assess.analysis import reconcile


def test_differences_by_hand():
    first = pd.Series({"2016-01": 10, "2016-02": 12, "2016-03": 9, "2016-04": 7})
    second = pd.Series({"2016-02": 15, "2016-03": 9, "2016-04": 5, "2016-05": 1})
    compared = reconcile.side_by_side(first, second)
    assert compared["month"].tolist() == ["2016-02", "2016-03", "2016-04"]
    assert compared["difference"].tolist() == [-3, 0, 2]
    found = reconcile.differences(compared)
    assert (found.months, found.differing, found.first_lower, found.first_higher) == (3, 2, 1, 1)
    assert (found.first_total, found.second_total, found.difference) == (28, 29, -1)
    assert found.pct == pytest.approx(-100 / 29) and (found.start, found.end) == ("2016-02", "2016-04")
    assert reconcile.largest_gaps(compared, 5)["month"].tolist() == ["2016-02", "2016-04"]


def test_sources_without_a_common_month_are_refused():
    with pytest.raises(ValueError, match="share no month"):
        reconcile.side_by_side(pd.Series({"2016-01": 1}), pd.Series({"2016-02": 1}))
