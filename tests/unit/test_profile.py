"""The edition's profile: facts, areas and the alliance's dates, on small hand-made tables."""

import pandas as pd
import pytest

from assess.analysis import profile
from assess.errors import InputError

FACTS = pd.DataFrame(
    {
        "fact": ["Officers", "Officers", "Staff"],
        "force": ["Warwickshire", "West Mercia", "Alliance"],
        "value": [850, 2000, 2200],
    }
)


def test_alliance_edition_keeps_alliance_wide_facts():
    kept = profile.facts_for_edition(FACTS, ("Warwickshire", "West Mercia"), ["Alliance"])
    assert kept["force"].tolist() == ["Warwickshire", "West Mercia", "Alliance"]


def test_single_force_edition_prints_nothing_of_the_other_force():
    kept = profile.facts_for_edition(FACTS, ("West Mercia",), [])
    assert kept["force"].tolist() == ["West Mercia"]


DISTRICTS = pd.DataFrame(
    {
        "lad_code": ["E07000001", "E07000002", "E06000003", "E06000004", "E08000005", "E09000006"],
        "lad_name": ["n1", "n2", "Bristol, City of", "s1", "m1", "l1"],
        "lad_type": ["Non-metropolitan District"] * 2 + ["Unitary Authority"] * 2 + ["Metropolitan District", "x"],
        "force": ["A", "A", "A", "B", "C", "D"],
        "county_name": ["Shire", "Shire", "", "", "Metro (Met County)", ""],
    }
)
AREAS = pd.DataFrame(
    {
        "force": ["B"],
        "policing_area": ["Only"],
        "local_authority": ["s1"],
        "lad_code": ["E06000004"],
        "county": ["Far"],
    }
)


def test_edition_districts_are_its_own_forces_in_its_order_with_areas_joined_on_codes():
    mine = profile.edition_districts(DISTRICTS, AREAS, ("B", "A"))
    assert mine["lad_code"].tolist() == ["E06000004", "E07000001", "E07000002", "E06000003"]
    assert mine["policing_area"].tolist() == ["Only", "", "", ""] and mine["county"].tolist() == ["Far", "", "", ""]
    with pytest.raises(ValueError, match="holds no district of E, F"):
        profile.edition_districts(DISTRICTS, AREAS, ("A", "E", "F"))


def test_places_are_the_entered_counties_else_the_ons_counties_then_the_districts_under_none():
    mine = profile.edition_districts(DISTRICTS, AREAS, ("A", "B", "C", "D"))
    assert profile.places(mine[mine["force"] == "A"]) == ["Shire", "Bristol"]
    assert profile.places(mine[mine["force"] == "B"]) == ["Far"]
    assert profile.places(mine[mine["force"] == "C"]) == ["Metro"]
    assert profile.places(mine[mine["force"] == "D"]) == ["l1"]


def test_area_summary_counts_per_force():
    mine = profile.edition_districts(DISTRICTS, AREAS, ("B", "A"))
    assert profile.area_summary(mine, ("B", "A")).to_dict("records") == [
        {"force": "B", "places": ("Far",), "policing_areas": 1, "local_authorities": 1},
        {"force": "A", "places": ("Shire", "Bristol"), "policing_areas": 0, "local_authorities": 3},
    ]


def test_milestones_and_years():
    timeline = pd.DataFrame(
        {"date": ["2012-03", "2018-10-09", "2019-10-08", "2021-04"], "milestone": ["start", "notice", "end", ""]}
    )
    dates = profile.milestones(timeline)
    assert dates["start"] == pd.Timestamp("2012-03-01") and dates["end"] == pd.Timestamp("2019-10-08")
    # 2012-03-01 to 2019-10-08 is 2777 days.
    assert profile.years_between(dates["start"], dates["end"]) == pytest.approx(2777 / 365.25)


def test_a_missing_milestone_is_an_error():
    with pytest.raises(InputError, match="milestone 'end'"):
        profile.milestones(pd.DataFrame({"date": ["2012-03", "2018-10"], "milestone": ["start", "notice"]}))


def test_cite_names_documents_and_refuses_unknown_codes():
    documents = pd.DataFrame({"source": ["s1"], "document": ["A report"]})
    cited = profile.cite(pd.DataFrame({"fact": ["x"], "source": ["s1"]}), documents)
    assert cited.to_dict("records") == [{"fact": "x", "document": "A report"}]
    with pytest.raises(InputError, match="'s2'"):
        profile.cite(pd.DataFrame({"fact": ["x"], "source": ["s2"]}), documents)
