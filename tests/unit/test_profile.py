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


def test_area_summary_counts_per_force():
    areas = pd.DataFrame(
        {
            "force": ["A", "A", "A", "B"],
            "policing_area": ["North", "North", "South", "Only"],
            "local_authority": ["n1", "n2", "s1", "o1"],
            "county": ["Shire", "Shire", "Other", "Far"],
        }
    )
    summary = profile.area_summary(areas, ("B", "A"))
    assert summary.to_dict("records") == [
        {"force": "B", "counties": "Far", "policing_areas": 1, "local_authorities": 1},
        {"force": "A", "counties": "Shire, Other", "policing_areas": 2, "local_authorities": 3},
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


def test_edition_areas_are_its_own_forces_rows_and_each_force_needs_one():
    areas = pd.DataFrame(
        {
            "force": ["A", "A", "B", "C"],
            "policing_area": ["North", "South", "East", "West"],
            "local_authority": ["a1", "a2", "b1", "c1"],
            "county": ["X", "X", "Y", "Z"],
        }
    )
    mine = profile.edition_areas(areas, ("C", "A"))
    assert mine["local_authority"].tolist() == ["a1", "a2", "c1"] and mine.index.tolist() == [0, 1, 2]
    with pytest.raises(ValueError, match="holds no district of D, E"):
        profile.edition_areas(areas, ("A", "D", "E"))
