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


def test_compare_sources_by_hand():
    first = pd.Series({"2016-01": 10, "2016-02": 12, "2016-03": 9, "2016-04": 7})
    second = pd.Series([15, 9, 5, 1], index=pd.period_range("2016-02", periods=4, freq="M"))
    found = reconcile.compare_sources(first, second)
    assert found.shared and found.overlap == ("2016-02", "2016-03", "2016-04")
    assert found.differing == ("2016-02", "2016-04")
    assert (found.first_total, found.second_total, found.difference) == (28, 29, -1)
    assert found.pct == pytest.approx(-100 / 29)


def test_compare_sources_without_overlap_or_with_a_month_missing_in_one():
    apart = reconcile.compare_sources(pd.Series({"2016-01": 1}), pd.Series({"2016-02": 1}))
    assert not apart.shared and apart.overlap == () and apart.difference == 0
    assert apart.pct != apart.pct  # NaN: no total to compare with
    holed = reconcile.compare_sources(
        pd.Series({"2016-01": 4.0, "2016-02": None}), pd.Series({"2016-01": 4, "2016-02": 3})
    )
    assert holed.overlap == ("2016-01",) and holed.differing == () and holed.pct == 0.0
    with pytest.raises(ValueError, match="repeats a month"):
        reconcile.compare_sources(pd.Series([1, 2], index=["2016-01", "2016-01"]), pd.Series({"2016-01": 1}))


def test_compare_sources_agrees_with_side_by_side():
    first = pd.Series({"2016-01": 10, "2016-02": 12, "2016-03": 9})
    second = pd.Series({"2016-01": 11, "2016-02": 12, "2016-03": 4})
    found = reconcile.compare_sources(first, second)
    summary = reconcile.differences(reconcile.side_by_side(first, second))
    assert (len(found.overlap), len(found.differing), found.difference) == (
        summary.months,
        summary.differing,
        summary.difference,
    )
    assert found.pct == pytest.approx(summary.pct)
