"""Judgements held against the evidence: each rule on hand-worked cases."""

import pandas as pd
import pytest

from assess.analysis import direction, evidence


@pytest.mark.parametrize(
    ("verdicts", "expected"),
    [
        ([], None),
        ([direction.UNCOMPARED], None),
        ([direction.HIGHER, direction.CHANCE], direction.HIGHER),
        ([direction.LOWER, direction.UNCOMPARED], direction.LOWER),
        ([direction.HIGHER, direction.LOWER], evidence.MIXED),
        ([direction.UNSETTLED, direction.CHANCE], direction.UNSETTLED),
        ([direction.CHANCE, direction.CHANCE], direction.CHANCE),
        ([direction.UNSETTLED, direction.HIGHER], direction.HIGHER),
    ],
)
def test_several_crime_types_give_one_direction(verdicts, expected):
    assert evidence.combined_direction(verdicts) == expected


@pytest.mark.parametrize(
    ("judged", "found", "expected"),
    [
        ("increasing", direction.HIGHER, evidence.SUPPORTS),
        ("increasing", direction.LOWER, evidence.AGAINST),
        ("increasing", direction.CHANCE, evidence.UNSETTLED),
        ("decreasing", direction.LOWER, evidence.SUPPORTS),
        ("decreasing", direction.HIGHER, evidence.AGAINST),
        ("stable", direction.CHANCE, evidence.SUPPORTS),
        ("stable", direction.HIGHER, evidence.AGAINST),
        ("increasing", evidence.MIXED, evidence.UNSETTLED),
        ("increasing", direction.UNSETTLED, evidence.UNSETTLED),
        ("increasing", None, evidence.NO_DATA),
        ("unknown", direction.HIGHER, evidence.NO_DATA),
    ],
)
def test_a_judged_direction_against_the_data(judged, found, expected):
    assert evidence.direction_verdict(judged, found) == expected


def test_threats_are_ranked_by_harm_within_each_force():
    harm = pd.DataFrame(
        {"force": ["A", "A", "A", "B"], "threat": ["x", "y", "z", "x"], "harm_share": [10.0, 30.0, 10.0, 5.0]}
    )
    ranked = evidence.harm_ranks(harm).set_index(["force", "threat"])
    assert ranked["harm_rank"].to_dict() == {("A", "x"): 2, ("A", "y"): 1, ("A", "z"): 2, ("B", "x"): 1}
    assert ranked["measured"].to_dict() == {("A", "x"): 3, ("A", "y"): 3, ("A", "z"): 3, ("B", "x"): 1}


def _places(rows):
    return pd.DataFrame(rows, columns=["force", "threat", "place", "harm_share", "found"])


def test_a_monitored_threat_with_more_harm_than_most_priorities_points_the_other_way():
    """Hand-worked: priorities carry 1%, 5% and 30% of the harm; violence 39% (more than all
    three), burglary 3% (more than one of three), robbery 10% (more than two of three), an
    unmeasured threat nothing."""
    places = _places(
        [
            ("A", "p1", "priority", 1.0, None),
            ("A", "p2", "priority", 5.0, None),
            ("A", "p3", "priority", 30.0, None),
            ("A", "violence", "monitor", 39.0, direction.HIGHER),
            ("A", "burglary", "monitor", 3.0, direction.CHANCE),
            ("A", "robbery", "monitor", 10.0, None),
            ("A", "hidden", "monitor", float("nan"), None),
            ("A", "ask", "intelligence requirement", 0.5, None),
        ]
    )
    verdicts = evidence.strategy_verdicts(places).set_index("threat")["verdict"]
    assert verdicts["violence"] == evidence.AGAINST
    assert verdicts["burglary"] == evidence.SUPPORTS
    assert verdicts["robbery"] == evidence.AGAINST
    assert verdicts["hidden"] == evidence.NO_DATA
    assert verdicts["ask"] == evidence.SUPPORTS


def test_a_priority_is_held_against_the_median_measured_threat_and_its_direction():
    """Hand-worked: measured harm 1, 2, 2.5, 40, 45, 50 (median 21.25)."""
    places = _places(
        [
            ("A", "big", "priority", 40.0, direction.CHANCE),
            ("A", "small rising", "priority", 1.0, direction.HIGHER),
            ("A", "small falling", "priority", 2.0, direction.LOWER),
            ("A", "small flat", "priority", 2.5, direction.CHANCE),
            ("A", "unmeasured", "priority", float("nan"), None),
            ("A", "m", "monitor", 50.0, None),
            ("A", "n", "monitor", 45.0, None),
        ]
    )
    verdicts = evidence.strategy_verdicts(places).set_index("threat")["verdict"]
    assert verdicts["big"] == evidence.SUPPORTS
    assert verdicts["small rising"] == evidence.SUPPORTS
    assert verdicts["small falling"] == evidence.AGAINST
    assert verdicts["small flat"] == evidence.UNSETTLED
    assert verdicts["unmeasured"] == evidence.NO_DATA


def test_more_harm_than_exactly_half_of_the_priorities_is_not_most():
    places = _places(
        [
            ("A", "p1", "priority", 1.0, None),
            ("A", "p2", "priority", 5.0, None),
            ("A", "m", "monitor", 3.0, None),
        ]
    )
    assert evidence.strategy_verdicts(places).set_index("threat").at["m", "verdict"] == evidence.SUPPORTS


def test_each_force_is_judged_on_its_own_threats():
    places = _places(
        [
            ("A", "p", "priority", 10.0, None),
            ("A", "m", "monitor", 20.0, None),
            ("B", "p", "priority", 30.0, None),
            ("B", "m", "monitor", 20.0, None),
        ]
    )
    verdicts = evidence.strategy_verdicts(places).set_index(["force", "threat"])["verdict"]
    assert verdicts[("A", "m")] == evidence.AGAINST and verdicts[("B", "m")] == evidence.SUPPORTS
