"""The edges of the analysis modules, on small tables worked by hand: groups with no counts,
thresholds met exactly, the order rows come back in, and the fields of each input error."""

import math

import pandas as pd
import pytest

from assess.analysis import harm, matrix, printed, profile, registers_summary, specials, street_counts
from assess.errors import InputError


@pytest.mark.parametrize("missing", [None, math.nan, "", "N/A", "  N/A "])
def test_parse_printed_pct_missing_has_no_decimals(missing):
    value, decimals = specials.parse_printed_pct(missing)
    assert math.isnan(value) and decimals == 0


def test_parse_printed_pct_rubbish_is_named():
    with pytest.raises(ValueError, match="not a printed percentage: 'ten'"):
        specials.parse_printed_pct("ten")
    assert specials.parse_printed_pct("- 8%") == (-8.0, 0) and specials.parse_printed_pct("+12.50%") == (12.5, 2)


def _hours(rows):
    return pd.DataFrame(rows, columns=["force", "period", "year", "duty_hours", "pct_change_printed"])


def test_year_on_year_keeps_the_input_order_of_groups_and_a_fresh_index():
    hours = _hours(
        [
            ("B", "p", 2015, 100, None),
            ("B", "p", 2016, 150, "+ 50%"),
            ("A", "p", 2016, 80, "-20%"),
            ("A", "p", 2015, 100, None),
        ]
    )
    out = specials.year_on_year(hours)
    assert list(zip(out["force"], out["year"], strict=True)) == [("B", 2015), ("B", 2016), ("A", 2015), ("A", 2016)]
    assert out.index.tolist() == [0, 1, 2, 3]
    assert out["pct_change"].iloc[1] == pytest.approx(50.0) and out["change_hours"].iloc[3] == -20
    assert out["duty_hours"].dtype == "int64" and out["pct_printed"].iloc[3] == -20.0


def test_year_on_year_gap_error_names_force_period_and_year():
    hours = _hours([("A", "p", 2014, 1, None), ("A", "p", 2015, 1, None), ("A", "p", 2017, 1, None)])
    with pytest.raises(InputError) as caught:
        specials.year_on_year(hours)
    error = caught.value
    assert error.path == "duty hours" and error.column == "year"
    assert error.expected == "a row for every year from 2014 to 2017" and error.found == "no row for A p 2016"
    with pytest.raises(InputError, match="2013"):
        specials.year_on_year(_hours([("A", "p", 2012, 1, None), ("A", "p", 2014, 1, None)]))


def test_printed_mismatch_boundaries():
    rows = pd.DataFrame(
        {
            "pct_change": [10.0, 10.0, 10.0, 10.0],
            "pct_printed": [10.5, 10.51, 10.048, 10.06],
            "printed_decimals": [0, 0, 1, 1],
            "note": [None, None, None, None],
        }
    )
    # With no extra tolerance a printed figure may be off by half a unit of its last digit:
    # 0.5 for "10%" (10.5 is still fine, 10.51 is not), 0.05 for "10.0%".
    found = specials.printed_mismatches(rows, tolerance_pp=0)
    assert found["pct_printed"].tolist() == [10.51, 10.06]
    assert found.index.tolist() == [0, 1] and "index" not in found.columns
    assert found["difference_pp"].tolist() == pytest.approx([0.51, 0.06])


def test_hours_per_special_defaults_to_september_and_keeps_years_without_a_count():
    changes = pd.DataFrame({"force": ["A", "A"], "year": [2016, 2017], "duty_hours": [1000, 1200]})
    headcount = pd.DataFrame(
        {
            "as_at": pd.to_datetime(["2016-09-30", "2016-10-31", "2017-03-31"]),
            "force": ["A"] * 3,
            "specials_headcount": [100, 50, 60],
        }
    )
    out = specials.hours_per_special(changes, headcount)
    assert out["hours_per_special"].iloc[0] == 10.0 and math.isnan(out["hours_per_special"].iloc[1])
    assert len(out) == 2 and out["headcount_as_at"].iloc[0] == pd.Timestamp("2016-09-30")


def test_status_counts_give_zero_for_an_unused_status():
    recs = pd.DataFrame({"status": ["closed", "ongoing", "closed"]})
    out = registers_summary.status_counts(recs)
    assert out.to_dict("records") == [
        {"status": "adopted", "recommendations": 0},
        {"status": "ongoing", "recommendations": 1},
        {"status": "business as usual", "recommendations": 0},
        {"status": "closed", "recommendations": 2},
    ]


def test_shared_priorities_sums_repeats_fills_forces_and_sorts():
    priorities = pd.DataFrame(
        {"force": ["A", "A", "A", "X"], "priority": ["P", "P", "Q", "P"], "partnerships_listing": [1, 1, 2, 9]}
    )
    partnerships = pd.DataFrame({"force": ["A", "A", "B", "B", "X"], "partnership": list("vwxyz")})
    out = registers_summary.shared_priorities(priorities, partnerships, ("A", "B"))
    # Only the edition's forces count; B lists nothing; 4 partnerships in all.
    assert out.to_dict("records") == [
        {"priority": "P", "A": 2, "B": 0, "share": 50.0},
        {"priority": "Q", "A": 2, "B": 0, "share": 50.0},
    ] or out.to_dict("records") == [
        {"priority": "Q", "A": 2, "B": 0, "share": 50.0},
        {"priority": "P", "A": 2, "B": 0, "share": 50.0},
    ]
    assert out["A"].dtype == "int64" and out["B"].dtype == "int64"
    uneven = registers_summary.shared_priorities(
        priorities.assign(partnerships_listing=[1, 0, 2, 9]), partnerships, ("A", "B")
    )
    assert uneven["priority"].tolist() == ["Q", "P"] and uneven["share"].tolist() == [50.0, 25.0]


def test_shared_priorities_error_fields():
    priorities = pd.DataFrame({"force": ["A"], "priority": ["P"], "partnerships_listing": [3]})
    partnerships = pd.DataFrame({"force": ["A", "A"], "partnership": ["v", "w"]})
    with pytest.raises(InputError) as caught:
        registers_summary.shared_priorities(priorities, partnerships, ("A",))
    assert caught.value.path == "csp priorities" and caught.value.column == "partnerships_listing"
    assert caught.value.found == 3 and caught.value.expected == "at most 2 partnerships for A"


def test_score_risks_breaks_ties_by_id():
    risks = pd.DataFrame({"id": ["R3", "R1", "R2"], "likelihood": [2, 2, 5], "impact": [3, 3, 1]}, index=[7, 8, 9])
    out = registers_summary.score_risks(risks)
    assert out["id"].tolist() == ["R1", "R3", "R2"] and out["score"].tolist() == [6, 6, 5]
    assert out.index.tolist() == [0, 1, 2] and "index" not in out.columns


def test_matrix_midpoint_counts_as_low():
    issues = pd.DataFrame(
        {
            "id": [1, 2],
            "name": ["A", "B"],
            "last_probability": [5.0, 6.0],
            "last_demand": [5.0, 6.0],
            "probability": [5.0, 6.0],
            "demand": [5.0, 6.0],
        }
    )
    moves = matrix.movements(issues, {"min": 0, "max": 10})
    assert moves["quadrant"].tolist() == ["low demand, low probability", "high demand, high probability"]


# profile, printed, street -------------------------------------------------------------------------


def test_facts_for_edition_renumbers_rows():
    facts = pd.DataFrame({"fact": ["a", "b"], "force": ["Other", "Mine"]})
    kept = profile.facts_for_edition(facts, ("Mine",), [])
    assert kept.index.tolist() == [0] and list(kept.columns) == ["fact", "force"]


def test_profile_error_fields():
    with pytest.raises(InputError) as caught:
        profile.milestones(
            pd.DataFrame({"date": ["2012-03", "2013-01", "2018-10"], "milestone": ["start", "start", "notice"]})
        )
    assert caught.value.path == "alliance timeline" and caught.value.column == "milestone"
    assert caught.value.found == "2 rows" and caught.value.expected == "exactly one row with milestone 'start'"
    with pytest.raises(InputError) as caught:
        profile.cite(
            pd.DataFrame({"fact": ["x", "y"], "source": ["s9", "s1"]}),
            pd.DataFrame({"source": ["s1"], "document": ["D"]}),
        )
    assert caught.value.path == "source documents" and caught.value.column == "source"
    assert caught.value.found == "s9" and caught.value.expected == "a row for every source code cited"


def test_check_printed_totals_keeps_rows_missing_on_either_side():
    rows = pd.DataFrame({"month": ["m1", "m3"], "n": [2, 5]})
    shown = pd.DataFrame({"month": ["m1", "m2"], "total": [2, 4]})
    out = printed.check_printed_totals(rows, shown, "month", "n", "total").set_index("month")
    assert sorted(out.index) == ["m1", "m2", "m3"]
    assert out.loc["m1", "agrees"] and not out.loc["m2", "agrees"] and not out.loc["m3", "agrees"]
    assert math.isnan(out.loc["m2", "computed"]) and math.isnan(out.loc["m3", "printed"])


def test_assign_policing_area_keeps_the_crimes_index():
    crimes = pd.DataFrame({"force": ["A", "A", "A"], "lsoa_name": ["Wyre 001A", "Far 002B", ""]}, index=[10, 20, 30])
    areas = pd.DataFrame({"force": ["A"], "local_authority": ["Wyre"], "policing_area": ["North"]})
    out = street_counts.assign_policing_area(crimes, areas)
    assert out.index.tolist() == [10, 20, 30]
    assert out["policing_area"].tolist() == ["North", street_counts.OUTSIDE, street_counts.NO_LOCATION]
    assert out["local_authority"].tolist() == ["Wyre", "Far", ""]


def test_monthly_counts_by_one_column_and_unobserved_categories():
    crimes = pd.DataFrame(
        {
            "force": pd.Categorical(["AB", "AB", "CD"], categories=["AB", "CD", "EF"]),
            "month": ["2019-01", "2019-02", "2019-02"],
        }
    )
    out = street_counts.monthly_counts(crimes, ["force"], ["2019-01", "2019-02"])
    assert list(zip(out["force"], out["month"], out["count"], strict=True)) == [
        ("AB", "2019-01", 1),
        ("AB", "2019-02", 1),
        ("CD", "2019-01", 0),
        ("CD", "2019-02", 1),
    ]


# harm -------------------------------------------------------------------------------------------


def test_category_weights_ignore_missing_weights_only():
    members = pd.DataFrame({"cat": ["X", "X", "X"], "w": [10.0, None, 2.0], "n": [1, 5, 1], "note": [None, "x", None]})
    out = harm.category_weights(members, "cat", "w", "n")
    assert out.to_dict() == {"X": 6.0} and out.name == "w"


def test_shares_return_plain_columns():
    weighed = pd.DataFrame({"g": ["A", "B"], "count": [1, 3], "harm": [10.0, 30.0], "weighted": [True, True]})
    assert list(harm.shares(weighed, "g").columns) == ["g", "count", "harm", "volume_share", "harm_share"]


def test_score_threats_three_way_tie_and_integer_ranks():
    from assess.analysis import morile

    template = {
        "harm_dimensions": {"a": {}},
        "modifiers": {"scope": {"local": 1.0}},
        "organisational_position": {"capacity": {}},
    }
    threats = pd.DataFrame(
        {
            "id": list("wxyz"),
            "name": list("WXYZ"),
            "a": [2.0, 2.0, 2.0, 1.0],
            "scope": ["local"] * 4,
            "likelihood": [1.0] * 4,
            "capacity": [1.0] * 4,
        }
    )
    scored = morile.score_threats(template, threats)
    assert scored["rank"].tolist() == [1, 1, 1, 4] and scored["rank"].dtype == "int64"
    assert "index" not in scored.columns


def test_check_printed_totals_are_whole_numbers():
    rows = pd.DataFrame({"month": ["m1", "m1"], "n": [1, 2]})
    out = printed.check_printed_totals(rows, pd.DataFrame({"month": ["m1"], "total": [3.0]}), "month", "n", "total")
    assert out["computed"].dtype == "int64" and out["printed"].dtype == "int64"
