"""Registers carried forward from an earlier assessment: the edition's ``registers_reviewed``
month, the rule that calls them carried forward, and what the executive summary and the threat
pages then say (a warning, due months marked as passed)."""

import pandas as pd
import pytest

from assess.edition import load_edition
from assess.errors import ConfigError
from assess.periods import day_label
from assess.present.labels import due_label
from assess.present.summary import recommendations_markdown, summary_markdown
from assess.present.threat_pages import threat_markdown
from assess.read.threats import read_threats
from conftest import ROOT

AHEAD = pd.DataFrame(
    {
        "number": [1, 2, 3],
        "recommendation": ["Map the threat", "Train the teams", "Review the plan"],
        "owner": ["Head of Intelligence"] * 3,
        "due": ["2017-06", "2019-09", "2019-10"],
        "threat": ["cyber-crime"] * 3,
    }
)


def _edition(write_params, params, reviewed, as_of):
    params["as_of"], params["registers_reviewed"] = as_of, reviewed
    for spec in params["periods"].values():  # keep every stated period on or before the as-of date
        if "end" in spec and spec["end"] > as_of[:7]:
            spec["start"], spec["end"] = "2016-01", "2016-03"
    return load_edition(write_params(params), ROOT)


@pytest.mark.parametrize(
    ("reviewed", "as_of", "carried"),
    [
        ("2016-11", "2016-11-30", False),  # reviewed the month it was written
        ("2015-12", "2016-11-30", False),  # 11 months before: still this year's review
        ("2015-11", "2016-11-30", True),  # 12 months before: last year's
        ("2016-11", "2019-09-30", True),
    ],
)
def test_registers_reviewed_a_year_or_more_before_the_as_of_month_are_carried_forward(
    write_params, default_params, reviewed, as_of, carried
):
    edition = _edition(write_params, default_params, reviewed, as_of)
    assert edition.registers_reviewed == reviewed and edition.registers_carried_forward is carried


def test_an_edition_that_does_not_say_is_not_marked(write_params, default_params):
    default_params.pop("registers_reviewed", None)
    edition = load_edition(write_params(default_params), ROOT)
    assert edition.registers_reviewed is None and not edition.registers_carried_forward


@pytest.mark.parametrize("value", ["2016-13", "November 2016", 201611, "2016-12", "2017-01"])
def test_a_review_month_that_is_not_a_month_or_is_after_the_as_of_date_is_refused(write_params, default_params, value):
    default_params["as_of"], default_params["registers_reviewed"] = "2016-11-30", value
    with pytest.raises(ConfigError) as caught:
        load_edition(write_params(default_params), ROOT)
    assert caught.value.key == "registers_reviewed" and "\n" not in str(caught.value)


def test_a_due_month_is_passed_once_it_has_ended_by_the_as_of_date():
    assert due_label("2019-09", "2019-09-30") == "Sep 2019 (passed)"
    assert due_label("2019-09", "2019-09-29") == "Sep 2019"
    assert due_label("2017-06", "2019-09-30", "long") == "June 2017 (passed)"
    assert due_label("2019-10", "2019-09-30") == "Oct 2019"
    assert due_label("2017-06", None) == "Jun 2017"
    assert day_label("2019-09-30") == "30 September 2019" and day_label("2016-11-01") == "1 November 2016"


JUDGEMENTS = pd.DataFrame(
    [
        {"id": "a", "text": "Demand will rise.", "likelihood": "likely", "evidence": "sections/demand"},
        {"id": "b", "text": "Harm will fall.", "likelihood": "unlikely", "evidence": "sections/demand"},
    ]
)


def _summary(ahead, as_of, carried_from, judgements=JUDGEMENTS):
    return summary_markdown(
        judgements,
        [],
        None,
        False,
        [],
        ahead,
        None,
        {"sections/demand": "Demand"},
        as_of=as_of,
        carried_from=carried_from,
    )


def test_the_summary_leads_with_what_needs_review_and_counts_passed_due_months():
    page = _summary(AHEAD, "2019-09-30", "2016-11")
    review = page[page.index("## What needs review") : page.index("## Key judgements")]
    assert page.index("## What needs review") < page.index("## Key judgements")
    assert "All 2 key judgements were last reviewed in November 2016" in review
    assert "Demand will rise" in review and "Harm will fall" in review
    assert "2 of the 3 recommendations for the year ahead were past the month they were due by" in review


def test_the_recommendations_page_marks_passed_due_months():
    page = recommendations_markdown(AHEAD, [], None, "2019-09-30")
    # (Markdown escapes the brackets: the page shows "Jun 2017 (passed)")
    assert r"| Jun 2017 \(passed\) |" in page and r"| Sep 2019 \(passed\) |" in page and "| Oct 2019 |" in page
    assert "2 of the 3 were past that month on 30 September 2019" in page


def test_all_passed_and_one_passed_read_as_such():
    assert "All 3 recommendations for the year ahead were past" in _summary(AHEAD, "2020-01-31", "2016-11")
    one = _summary(AHEAD, "2017-06-30", "2016-06")
    assert "1 of the 3 recommendations for the year ahead was past the month it was due by" in one


def test_registers_reviewed_for_the_edition_bring_no_warning():
    page = _summary(AHEAD, "2016-11-30", None)
    assert "What needs review" not in page and "passed" not in page


def test_a_threat_page_marks_its_passed_recommendations():
    threat = next(t for t in read_threats(ROOT / "data" / "reference" / "threats") if t["recommendations"])
    ahead = AHEAD.assign(number=threat["recommendations"][0], threat=threat["id"]).head(1)
    assert r"due June 2017 \(passed\))" in threat_markdown(threat, ahead, [], "", None, as_of="2019-09-30")
    assert "due June 2017)" in threat_markdown(threat, ahead, [], "", None, as_of="2016-11-30")


def test_a_threat_page_reviewed_for_an_earlier_assessment_says_so_first():
    threat = read_threats(ROOT / "data" / "reference" / "threats")[0]
    page = threat_markdown(threat, None, [], "", None, as_of="2019-12-31", carried_from="2016-11")
    warning = page.index("Carried forward from an earlier assessment")
    assert "last reviewed in November 2016" in page and warning < page.index("**Key judgement:**")
    assert "Carried forward" not in threat_markdown(threat, None, [], "", None, as_of="2016-11-30")


def test_a_threat_page_names_the_later_sources_of_the_tables_it_shows():
    from assess.present.pages import later_sources_note

    threat = read_threats(ROOT / "data" / "reference" / "threats")[0]
    note = later_sources_note([("Crime harm weights", "2026")])
    page = threat_markdown(
        threat, None, ["<table></table>"], "", None, as_of="2019-12-31", carried_from="2016-11", later_sources=note
    )
    assert page.index("Carried forward") < page.index("Crime harm weights (published 2026)") < page.index("**Key")
    assert "published after this edition" not in threat_markdown(threat, None, [], "", None, as_of="2019-12-31")
