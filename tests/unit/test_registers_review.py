"""Register entries carried forward from an earlier assessment, one entry at a time: each entry's
``reviewed`` month and the one rule that calls it carried forward (``scope.carried_forward``),
the count a chapter page gives of them, what the executive summary and the threat pages then say,
and a new year scaffolded as the README says, whose old entries read as carried forward whatever
the edition says (there is no edition-wide switch any more)."""

import shutil

import pandas as pd
import pytest
import yaml

from assess.analysis.registers_summary import Review, review
from assess.build.newyear import scaffold
from assess.edition import REVIEW_MONTHS, load_edition
from assess.errors import ConfigError, InputError
from assess.periods import day_label, months_apart, shift_month
from assess.present.chapters.registers import review_sentence
from assess.present.labels import due_label
from assess.present.summary import recommendations_markdown, summary_markdown
from assess.present.threat_pages import threat_markdown
from assess.read.registry import read_dataset
from assess.read.scope import carried_forward
from conftest import ROOT, project_scratch, shipped_editions, shipped_threats

AHEAD = pd.DataFrame(
    {
        "number": [1, 2, 3],
        "recommendation": ["Map the threat", "Train the teams", "Review the plan"],
        "owner": ["Head of Intelligence"] * 3,
        "due": ["2017-06", "2019-09", "2019-10"],
        "threat": ["cyber-crime"] * 3,
    }
)


@pytest.mark.parametrize(
    ("reviewed", "as_of", "carried"),
    [
        ("2016-11", "2016-11-30", False),  # reviewed the month it was written
        ("2015-12", "2016-11-30", False),  # 11 months before: still this year's review
        ("2015-11", "2016-11-30", True),  # 12 months before: last year's
        ("2015-11", "2016-11-01", True),  # the day of the month does not matter
        ("2016-11", "2019-09-30", True),
        ("2019-09", "2016-11-30", False),  # drafted after the as-of date: not carried forward
    ],
)
def test_an_entry_reviewed_a_year_or_more_before_the_as_of_month_is_carried_forward(reviewed, as_of, carried):
    assert carried_forward(reviewed, as_of) is carried
    assert carried is (months_apart(reviewed, as_of[:7]) >= REVIEW_MONTHS)


def test_the_edition_wide_review_month_is_gone(write_params, default_params):
    """``registers_reviewed`` could switch the warning off for entries years old: it is refused now,
    in one line naming the key."""
    default_params["registers_reviewed"] = default_params["as_of"][:7]
    with pytest.raises(ConfigError) as caught:
        load_edition(write_params(default_params), ROOT)
    assert caught.value.key == "registers_reviewed" and "\n" not in str(caught.value)


def test_entries_are_counted_one_by_one():
    counted = review(["2016-11", "2019-09", "2017-03", "2018-09", "2016-11", "2018-10"], "2019-09-30")
    assert counted == Review(carried=4, total=6, oldest="2016-11", newest="2018-09")
    assert review(["2019-09"], "2019-09-30") == Review(0, 1, None, None)


@pytest.mark.parametrize(
    ("counted", "said"),
    [
        (
            Review(29, 29, "2016-11", "2016-11"),
            "All 29 entries this page shows were last reviewed in November 2016, for an earlier assessment, "
            "and have not been reviewed for this edition.",
        ),
        (
            Review(3, 29, "2016-11", "2017-03"),
            "3 of the 29 entries this page shows were last reviewed between November 2016 and March 2017, for an "
            "earlier assessment, and have not been reviewed for this edition; the others were.",
        ),
        (
            Review(1, 2, "2016-11", "2016-11"),
            "1 of the 2 entries this page shows was last reviewed in November 2016, for an earlier assessment, and "
            "has not been reviewed for this edition; the other was.",
        ),
        (
            Review(1, 1, "2016-11", "2016-11"),
            "The entry this page shows was last reviewed in November 2016, for an earlier assessment, and has not "
            "been reviewed for this edition.",
        ),
    ],
)
def test_a_page_says_how_many_of_its_entries_are_carried_forward(counted, said):
    assert review_sentence(counted) == said


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


def _summary(ahead, as_of, reviewed, judgements=JUDGEMENTS):
    """The summary of ``judgements``, each last reviewed in the month ``reviewed``."""
    return summary_markdown(
        judgements.assign(reviewed=reviewed),
        [],
        None,
        False,
        [],
        ahead,
        None,
        {"sections/demand": "Demand"},
        as_of=as_of,
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


def test_judgements_reviewed_for_the_edition_bring_no_review():
    page = _summary(AHEAD, "2016-11-30", "2016-11")
    assert "What needs review" not in page and "passed" not in page


def test_the_summary_asks_for_review_of_each_judgement_by_its_own_month():
    """Two judgements of one edition: the one last reviewed years before the as-of date is set
    first, as needing review; the one reviewed for the edition is not."""
    judgements = pd.DataFrame(
        {
            "id": ["old", "new"],
            "text": ["An old judgement stands.", "A fresh judgement stands."],
            "likelihood": ["likely", "likely"],
            "evidence": ["sections/demand", "sections/demand"],
            "figures": [[], []],
            "threats": [[], []],
            "direction": ["", ""],
            "reviewed": ["2016-11", "2019-09"],
        }
    )
    page = summary_markdown(
        judgements, [], None, False, [], None, None, {"sections/demand": "Demand"}, "j.yml", as_of="2019-09-30"
    )
    review_part = page[: page.index("## Key judgements")]
    assert "An old judgement stands" in review_part and "November 2016" in review_part
    assert "A fresh judgement stands" not in review_part and "A fresh judgement stands" in page


def test_a_threat_page_marks_its_passed_recommendations():
    threat = next(t for t in shipped_threats() if t["recommendations"])
    ahead = AHEAD.assign(number=threat["recommendations"][0], threat=threat["id"]).head(1)
    assert r"due June 2017 \(passed\))" in threat_markdown(threat, ahead, [], "", None, as_of="2019-09-30")
    assert "due June 2017)" in threat_markdown(threat, ahead, [], "", None, as_of="2016-11-30")


def test_a_threat_page_names_the_owners_of_its_recommendations():
    """Owners come from the recommendations for the year ahead, the one register of them."""
    threat = next(t for t in shipped_threats() if t["recommendations"])
    ahead = AHEAD.assign(threat=threat["id"], owner=["Head of Intelligence", "Head of Crime", "Head of Intelligence"])
    page = threat_markdown(threat, ahead, [], "", None, as_of="2019-09-30")
    assert "- **Owner:** Head of Intelligence and Head of Crime" in page
    assert "- **Owner:** to be assigned" in threat_markdown(threat, AHEAD.iloc[:0], [], "", None, as_of="2019-09-30")


def test_a_threat_page_reviewed_for_an_earlier_assessment_says_so_first():
    threat = shipped_threats()[0]
    page = threat_markdown(threat, None, [], "", None, as_of="2019-12-31", carried_from="2016-11")
    warning = page.index("Carried forward from an earlier assessment")
    assert "last reviewed in November 2016" in page and warning < page.index("**Key judgement:**")
    assert "Carried forward" not in threat_markdown(threat, None, [], "", None, as_of="2016-11-30")


def test_a_threat_page_names_the_later_sources_of_the_tables_it_shows():
    from assess.present.pages import later_sources_note

    threat = shipped_threats()[0]
    note = later_sources_note([("Crime harm weights", "2026")])
    page = threat_markdown(
        threat, None, ["<table></table>"], "", None, as_of="2019-12-31", carried_from="2016-11", later_sources=note
    )
    assert page.index("Carried forward") < page.index("Crime harm weights (published 2026)") < page.index("**Key")
    assert "published after this edition" not in threat_markdown(threat, None, [], "", None, as_of="2019-12-31")


REGISTER_FILES = {"recommendations_ahead": "recommendations_ahead.csv", "issue_register": "issues.yml"}


def _scaffolded(tmp_path):
    """The next year of a shipped single-force edition, scaffolded with ``assess new-year`` and its
    registers supplied as the README says: last year's files copied into the new year's folder
    (``registers/<year>/``) unrevised, and their lines under ``data:`` pointed at them."""
    source = next(p for p in shipped_editions() if len(yaml.safe_load(p.read_text())["forces"]) == 1)
    old = load_edition(source, ROOT)
    year = int(old.assessment_year[:4]) + 1
    new_year = f"{year}-{(year + 1) % 100:02d}"
    (tmp_path / "params").mkdir()
    shutil.copy(source, tmp_path / "params" / source.name)
    # Built while its other data comes in: the lines of the files still to supply commented out.
    target = scaffold(tmp_path / "params" / source.name, new_year, ROOT, wait_for_data=True).path
    params = yaml.safe_load(target.read_text())
    assert "registers_reviewed" not in params and "registers_reviewed" not in target.read_text()
    folder = project_scratch(tmp_path) / "registers" / new_year
    folder.mkdir(parents=True, exist_ok=True)
    for name in REGISTER_FILES:
        copy = folder / old.path(name).name
        shutil.copyfile(old.path(name), copy)
        params["data"][name] = copy.relative_to(ROOT).as_posix()
    params["data"]["threats"] = old.path("threats").relative_to(ROOT).as_posix()
    target.write_text(yaml.safe_dump(params, sort_keys=False))
    return old, target, folder, new_year


@pytest.mark.slow
def test_a_new_year_shows_last_years_entries_as_carried_forward(tmp_path):
    """As the README scaffolds it, the next year carries every unrevised entry forward: each row
    the new edition shows that was reviewed a year or more before its as-of date is carried
    forward (in the shipped registers, a recommendation planning for High Speed 2 protest "from
    2017" among them), whatever any edition-wide setting said before."""
    old, target, folder, new_year = _scaffolded(tmp_path)
    issues = folder / "issues.yml"
    issues.write_text(_labelled(issues.read_text(), new_year))
    new = load_edition(target, ROOT)
    ahead = read_dataset(new, "recommendations_ahead")
    carried = ahead["reviewed"].map(lambda month: carried_forward(month, new.as_of))
    assert carried.any()
    assert carried.tolist() == [months_apart(m, new.as_of[:7]) >= REVIEW_MONTHS for m in ahead["reviewed"]]
    dated = ahead["recommendation"].str.contains(rf"\b{int(new_year[:4]) - 3}\b")  # e.g. "from 2017" in 2020/21
    assert carried[dated].all()
    for month in ahead.loc[carried, "reviewed"]:
        assert month <= shift_month(new.as_of[:7], -REVIEW_MONTHS)


def _labelled(text: str, year: str) -> str:
    """A copied issue register's year labels set to ``year`` (YYYY-YY) and the year before."""
    first = int(year[:4])
    labels = {
        "last_year_label": f"{first - 1}/{first % 100:02d}",
        "this_year_label": f"{first}/{(first + 1) % 100:02d}",
    }
    lines = [
        f'{line.split(":")[0]}: "{labels[line.split(":")[0]]}"' if line.split(":")[0] in labels else line
        for line in text.splitlines()
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_a_register_copied_into_a_new_years_folder_names_that_year_in_its_labels(tmp_path):
    """Labels naming last year's periods may not stay put in this year's book: the copied issue
    register is refused (file, line, key) until its labels name the folder's year."""
    _, target, folder, new_year = _scaffolded(tmp_path)
    new = load_edition(target, ROOT)
    with pytest.raises(InputError) as caught:
        read_dataset(new, "issue_register")
    message = str(caught.value)
    assert "issues.yml, row" in message and "column 'this_year_label'" in message and "\n" not in message
    assert f"{new_year[:4]}/{new_year[5:]}" in message
    issues = folder / "issues.yml"
    issues.write_text(_labelled(issues.read_text(), new_year))
    meta, _ = read_dataset(new, "issue_register")
    assert meta["this_year_label"] == f"{new_year[:4]}/{new_year[5:]}"
