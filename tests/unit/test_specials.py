"""Special Constabulary: year-on-year change, printed-figure checks, hours per Special, headcount, projection."""

import math

import pandas as pd
import pytest

from assess.analysis import specials as workforce
from assess.edition import load_edition
from assess.errors import InputError
from assess.present.sentences import mismatch_sentences, stated_against_counted
from assess.read.assessment_tables import read_specials_duty_hours
from assess.read.catalogue import dataset_files, read_catalogue
from assess.read.registry import read_dataset
from assess.read.workforce import read_specials_headcount
from conftest import DEFAULT_PARAMS, ROOT

EDITION = load_edition(DEFAULT_PARAMS, ROOT)
HOURS = read_dataset(EDITION, "specials_duty_hours")


def _row(table, force, period, year):
    return table[(table.force == force) & (table.period == period) & (table.year == year)].iloc[0]


def test_year_on_year_change_of_the_shipped_table_by_hand():
    changes = workforce.year_on_year(HOURS)
    # Hours as printed in the 2016/17 assessment, Section 5, divided by hand.
    assert _row(changes, "Warwickshire", "Jan-Sep", 2014)["pct_change"] == pytest.approx((33383 / 52327 - 1) * 100)
    assert _row(changes, "West Mercia", "Jan-Sep", 2015)["pct_change"] == pytest.approx((49597 / 53776 - 1) * 100)
    assert _row(changes, "West Mercia", "Jan-Dec", 2015)["change_hours"] == 65495 - 63971
    assert _row(changes, "Warwickshire", "Jan-Dec", 2015)["pct_change"] == pytest.approx(-9.8576, abs=1e-4)
    # West Mercia's 2013 year-to-date hours were printed N/A, so 2014 has no computed change.
    assert math.isnan(_row(changes, "West Mercia", "Jan-Sep", 2014)["pct_change"])


def test_mismatch_detector_finds_exactly_the_disagreeing_printed_figures():
    found = workforce.printed_mismatches(workforce.year_on_year(HOURS))
    assert set(zip(found.force, found.period, found.year, strict=True)) == {
        ("West Mercia", "Jan-Sep", 2015),  # printed -7.3%, hours give -7.8%
        ("Warwickshire", "Jan-Dec", 2015),  # printed -9.1%, hours give -9.9%
    }


@pytest.mark.parametrize(
    "printed, computed, flagged",
    [
        ("-8%", -8.4, False),  # whole-number print: within its rounding
        ("-8%", -8.6, True),
        ("-8.0%", -8.15, True),  # one decimal: 0.15 pp is beyond 0.1 pp
        ("+ 1.2%", 1.25, False),
        ("+ 1.2%", -1.2, True),  # wrong sign
    ],
)
def test_mismatch_tolerance(printed, computed, flagged):
    value, decimals = workforce.parse_printed_pct(printed)
    frame = pd.DataFrame({"pct_change": [computed], "pct_printed": [value], "printed_decimals": [decimals]})
    assert len(workforce.printed_mismatches(frame)) == int(flagged)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("- 36.2%", (-36.2, 1)),
        ("+ 1.2%", (1.2, 1)),
        ("-7.3%", (-7.3, 1)),
        ("- 8%", (-8.0, 0)),
        ("12%", (12.0, 0)),
    ],
)
def test_parse_printed_pct(text, expected):
    assert workforce.parse_printed_pct(text) == expected


def test_parse_printed_pct_not_available_and_rubbish():
    assert math.isnan(workforce.parse_printed_pct("N/A")[0]) and math.isnan(workforce.parse_printed_pct("")[0])
    with pytest.raises(ValueError):
        workforce.parse_printed_pct("about a tenth")


def test_a_missing_year_is_a_clear_error():
    gap = HOURS[~((HOURS.force == "Warwickshire") & (HOURS.period == "Jan-Sep") & (HOURS.year == 2014))]
    with pytest.raises(InputError) as caught:
        workforce.year_on_year(gap, "hours.csv")
    assert "hours.csv" in str(caught.value) and "Warwickshire Jan-Sep 2014" in str(caught.value)


def test_negative_hours_are_a_clear_error(write_csv):
    path = write_csv("force,period,year,duty_hours,pct_change_printed\nWest Mercia,Jan-Sep,2014,-53776,N/A\n")
    with pytest.raises(InputError) as caught:
        read_specials_duty_hours(path, EDITION.registry.names)
    assert (caught.value.row, caught.value.column) == (2, "duty_hours")


def test_hours_per_special_divides_by_the_september_count_of_the_same_year():
    changes = pd.DataFrame(
        {"force": ["A", "A"], "period": ["Jan-Sep", "Jan-Sep"], "year": [2014, 2015], "duty_hours": [1000, 900]}
    )
    counts = pd.DataFrame(
        {
            "force": ["A", "A", "A"],
            "specials_headcount": [50.0, 40.0, 45.0],
            "as_at": pd.to_datetime(["2014-09-30", "2015-03-31", "2015-09-30"]),
        }
    )
    out = workforce.hours_per_special(changes, counts, as_at_month=9)
    assert out["hours_per_special"].tolist() == [20.0, 20.0]
    assert out["headcount_as_at"].tolist() == list(pd.to_datetime(["2014-09-30", "2015-09-30"]))


def test_hours_per_special_on_the_average_count_the_period_holds():
    """Jan-Sep 2015 holds the counts of 31 March (40) and 30 September (45): 900 hours over 42.5
    people; the December count lies outside Jan-Sep but inside Jan-Dec."""
    changes = pd.DataFrame(
        {
            "force": ["A", "A", "A", "B"],
            "period": ["Jan-Sep", "Jan-Sep", "Jan-Dec", "Jan-Sep"],
            "year": [2014, 2015, 2015, 2015],
            "duty_hours": [1000, 900, 1300, 10],
        }
    )
    counts = pd.DataFrame(
        {
            "force": ["A", "A", "A", "A"],
            "specials_headcount": [50.0, 40.0, 45.0, 30.0],
            "as_at": pd.to_datetime(["2014-09-30", "2015-03-31", "2015-09-30", "2015-12-31"]),
        }
    )
    out = workforce.hours_per_special(changes, counts, basis="average")
    assert out["headcount"].tolist()[:3] == [50.0, 42.5, 115 / 3]
    assert out["hours_per_special"].tolist()[:3] == pytest.approx([20.0, 900 / 42.5, 1300 / (115 / 3)])
    assert out["headcounts_averaged"].tolist() == [1, 2, 3, 0]
    assert out["headcount_from"].iloc[1] == pd.Timestamp("2015-03-31")
    assert out["headcount_as_at"].iloc[2] == pd.Timestamp("2015-12-31")
    assert math.isnan(out["hours_per_special"].iloc[3])
    end = workforce.hours_per_special(changes, counts)  # the September count, as before
    assert end["hours_per_special"].tolist()[:2] == [20.0, 20.0]
    with pytest.raises(ValueError, match="basis"):
        workforce.hours_per_special(changes, counts, basis="mean")


def test_period_months():
    assert workforce.period_months("Jan-Sep") == (1, 9) and workforce.period_months("Jan-Dec") == (1, 12)


def test_headcount_from_the_spreadsheets_equals_the_published_tidy_table():
    ods = dataset_files(EDITION.path("workforce_tables"), read_catalogue(ROOT)["workforce_tables"])
    derived = read_specials_headcount(ods, EDITION.registry.resolver("workforce_name"))
    tidy = pd.read_csv(EDITION.path("workforce_specials"), parse_dates=["as_at"])
    tidy = tidy[(tidy.measure == "special_constables_headcount") & (tidy.level == "force")]
    merged = tidy.merge(derived, on=["as_at", "area"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all() and len(merged) == 43 * 11
    assert (merged["value"] == merged["specials_headcount"]).all()
    assert (merged["source_file_x"] == merged["source_file_y"]).all()
    west_mercia = derived[derived.force == "West Mercia"].set_index("as_at")["specials_headcount"]
    assert west_mercia[pd.Timestamp("2017-03-31")] == 410 and west_mercia[pd.Timestamp("2019-09-30")] == 131


def test_sentences_name_both_figures():
    changes = workforce.year_on_year(HOURS)
    notes = mismatch_sentences(workforce.printed_mismatches(changes))
    assert any("-7.3%" in n and "-7.8%" in n and "53,776" in n for n in notes)


def test_sentences_escape_the_force_name():
    changes = workforce.year_on_year(HOURS)
    mismatches = workforce.printed_mismatches(changes).assign(force="*Force* <b>x</b>")
    assert all(n.startswith(r"\*Force\* \<b\>x\<\/b\>, ") for n in mismatch_sentences(mismatches))


def test_headcount_change_from_the_first_to_the_last_count_by_hand():
    counts = pd.DataFrame(
        {
            "force": ["A", "A", "A", "B", "C", "C"],
            "as_at": pd.to_datetime(
                ["2015-09-30", "2014-09-30", "2016-09-30", "2016-09-30", "2015-09-30", "2016-09-30"]
            ),
            "specials_headcount": [242.0, 267.0, 206.0, 50.0, 0.0, 4.0],
        }
    )
    out = workforce.headcount_change(counts, ("B", "A", "C", "D")).set_index("force")
    assert list(out.index) == ["B", "A", "C"]  # the edition's order; D has no count
    a = out.loc["A"]
    assert (a["first"], a["last"], a["change"]) == (267, 206, -61)
    assert a["first_as_at"] == pd.Timestamp("2014-09-30") and a["last_as_at"] == pd.Timestamp("2016-09-30")
    assert a["pct"] == pytest.approx(-61 / 267 * 100)  # -22.85%
    b = out.loc["B"]  # a single count: no change over no time
    assert b["first_as_at"] == b["last_as_at"] and b["change"] == 0 and b["pct"] == 0
    assert out.loc["C", "change"] == 4 and math.isnan(out.loc["C", "pct"])  # no % of nothing


def test_headcount_change_of_the_shipped_counts():
    counts = read_dataset(EDITION, "workforce_tables")
    out = workforce.headcount_change(counts, EDITION.forces).set_index("force")
    firsts, lasts = out["first_as_at"].unique(), out["last_as_at"].unique()
    assert len(firsts) == len(lasts) == 1 and firsts[0] == counts["as_at"].min() and lasts[0] == counts["as_at"].max()
    for force in EDITION.forces:
        series = counts[counts["force"] == force].sort_values("as_at")["specials_headcount"]
        assert out.loc[force, "change"] == series.iloc[-1] - series.iloc[0]


def test_a_stated_round_figure_is_set_beside_the_latest_count():
    stated = pd.DataFrame(
        {
            "force": ["A", "B", "C"],
            "qualifier": ["around", "over", "about"],
            "value": [180, 100, 5],
            "document": ["a page"] * 3,
        }
    )
    counted = pd.DataFrame(
        {
            "force": ["A", "A", "B"],
            "as_at": pd.to_datetime(["2019-09-30", "2017-03-31", "2019-03-31"]),
            "count": [110, 200, 130],
        }
    )
    a, b = stated_against_counted(stated, counted, "Special Constables", "the Home Office")
    assert a == (
        "A stated around 180 Special Constables in a page; the Home Office counted 110 on 30 September 2019, "
        "the latest count this edition holds: 70 fewer than stated."
    )
    assert b.startswith("B stated over 100 ") and b.endswith("30 more than stated.")  # C has no count
