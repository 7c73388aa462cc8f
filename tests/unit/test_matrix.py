"""The assessment-summary matrix: markers that share scores are spread apart, the same way every time."""

import itertools

import numpy as np
import pandas as pd
import pytest

from assess.analysis.matrix import movements, positions

SCALE = {"min": 1, "max": 10}


def _issues(rows):
    return pd.DataFrame(rows, columns=["id", "last_probability", "last_demand", "probability", "demand"])


def test_two_issues_on_one_spot_are_drawn_half_a_gap_above_and_below():
    marks = positions(movements(_issues([(1, 5, 5, 7, 7), (2, 3, 3, 7, 7)]), SCALE), gap=0.4)
    this = marks[marks["year"] == "this"].set_index("id")
    assert (this.loc[1, "x"], this.loc[1, "y"]) == pytest.approx((7, 7.2))
    assert (this.loc[2, "x"], this.loc[2, "y"]) == pytest.approx((7, 6.8))
    last = marks[marks["year"] == "last"].set_index("id")
    assert (last.loc[1, "x"], last.loc[1, "y"]) == (5, 5) and (last.loc[2, "x"], last.loc[2, "y"]) == (3, 3)


def test_last_years_marker_and_this_years_of_another_issue_are_spread_too():
    # issue 1 moved away from (4, 4); issue 2 sits there now: two markers, last year's first (above).
    marks = positions(movements(_issues([(1, 4, 4, 6, 6), (2, 4, 4, 4, 4)]), SCALE), gap=0.5)
    at = marks[(marks["probability"] == 4) & (marks["demand"] == 4)].set_index("year")
    assert at.loc["last", "y"] == pytest.approx(4.25) and at.loc["this", "y"] == pytest.approx(3.75)
    assert len(marks) == 3  # issue 2 did not move, so it has no marker for last year


def test_many_issues_on_one_spot_are_all_a_gap_apart_and_the_order_is_fixed():
    rows = [(i, 5, 5, 5, 5) for i in range(1, 7)]
    marks = positions(movements(_issues(rows), SCALE), gap=0.4)
    points = marks[["x", "y"]].to_numpy()
    distances = [np.hypot(*(a - b)) for a, b in itertools.combinations(points, 2)]
    assert min(distances) == pytest.approx(0.4)
    assert np.allclose(points.mean(axis=0), (5, 5))
    shuffled = positions(movements(_issues(rows[::-1]), SCALE), gap=0.4).sort_values("id")
    assert np.allclose(shuffled[["x", "y"]].to_numpy(), marks.sort_values("id")[["x", "y"]].to_numpy())
