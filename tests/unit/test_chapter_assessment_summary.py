"""The Assessment summary chapter: the matrix of the issue register counted and worded right, and
an edition with no issue entered for its forces reads so, for one force or several."""

from __future__ import annotations

import pandas as pd
import pytest
from chapter_pages import chapter_of, emptied, glued_values, page_markdown, with_forces, without

from assess.chapters import assessment_summary
from assess.edition import load_edition
from assess.periods import shift_month
from assess.present.chapters import assessment_summary as page
from assess.present.chapters.registers import review_sentence
from assess.read.registry import read_dataset
from assess.read.scope import carried_forward
from conftest import DEFAULT_PARAMS, ROOT, checked_editions

META = {"example_scores": False, "scale": {"min": 1, "max": 10, "low": "Low", "high": "High"}}
# Midpoint 5.5: 1 moves up into high demand, high probability; 2 moves down in demand, staying low
# demand, high probability; 3 stays in low demand, low probability.
ISSUES = pd.DataFrame(
    {
        "id": [1, 2, 3],
        "name": ["Cyber", "Fraud", "Rural crime"],
        "last_probability": [5.0, 8.0, 2.0],
        "last_demand": [5.0, 5.0, 2.0],
        "probability": [7.0, 8.0, 2.0],
        "demand": [9.0, 4.0, 2.0],
    }
)
AGES = [0, 12, 11]
"""How many months before the edition's as-of month each issue was last reviewed: only the second
is carried forward (a year or more)."""


def _made_up(example: bool, issues=ISSUES):
    edition = load_edition(DEFAULT_PARAMS, ROOT)
    issues = issues.assign(reviewed=[shift_month(edition.as_of[:7], -age) for age in AGES[: len(issues)]])
    meta = {**META, "example_scores": example, "last_year_label": "2015/16", "this_year_label": "2016/17"}
    reads = {"issue_register": (meta, issues), "glossary": read_dataset(edition, "glossary")}
    return edition, chapter_of(assessment_summary, edition, reads.__getitem__)


def test_a_hand_made_register_is_counted_by_quarter_and_worded(monkeypatch):
    edition, chapter = _made_up(example=False)
    found = assessment_summary.compute(chapter)
    matrix = found.matrix
    assert matrix.in_quarter("high", "high")["id"].tolist() == [1]
    assert matrix.in_quarter("low", "high")["id"].tolist() == [2]
    assert matrix.in_quarter("low", "low")["id"].tolist() == [3]
    assert matrix.up["id"].tolist() == [1] and matrix.down["id"].tolist() == [2]
    assert (found.review.carried, found.review.total) == (1, 3)
    assert found.review.oldest == found.review.newest == shift_month(edition.as_of[:7], -12)
    values = glued_values(monkeypatch, page.glue_findings, found, edition.forces)
    assert (values["n_issues"], values["n_moved"], values["n_up"], values["n_down"]) == (3, 2, 1, 1)
    assert values["n_quarter_high_low"] == 0 and values["n_quarter_low_high"] == 1
    assert values["matrix_summary"] == (
        "2 of the 3 current and medium-term issues moved on the matrix since last year. The quarter of high "
        "demand and high probability holds 1 issue; that of high demand and low probability, 0 issues; that of "
        "low demand and high probability, 1 issue; and that of low demand and low probability, 1 issue. Since "
        "last year 1 issue moved up in demand and 1 issue moved down; the tables below name them."
    )


def test_illustrative_positions_are_said_to_be_so(monkeypatch):
    edition, chapter = _made_up(example=True)
    found = assessment_summary.compute(chapter)
    summary = glued_values(monkeypatch, page.glue_findings, found, edition.forces)["matrix_summary"]
    assert summary.endswith(
        "The positions are illustrative: they show how the matrix works, not the assessment's own judgements "
        "of each issue."
    )
    assert all("illustrative positions" in t.data for t in page.matrix_tables(found))


@pytest.mark.parametrize(
    "moved, total, said",
    [
        (0, 4, "None of the 4 current and medium-term issues moved"),
        (4, 4, "All 4 current and medium-term issues moved"),
        (1, 4, "1 of the 4 current and medium-term issues moved"),
        (1, 1, "The one current or medium-term issue moved"),
        (0, 1, "The one current or medium-term issue did not move"),
    ],
)
def test_how_many_moved_reads_right_at_the_edges(moved, total, said):
    assert page.moved_sentence(moved, total) == f"{said} on the matrix since last year."


@pytest.mark.parametrize(
    "up, down, said",
    [
        (0, 0, "No issue moved up or down in demand since last year."),
        (2, 0, "Since last year 2 issues moved up in demand; the tables below name them."),
        (0, 1, "Since last year 1 issue moved down; the tables below name them."),
    ],
)
def test_moves_in_demand_read_right_when_one_way_holds_none(up, down, said):
    assert page.demand_sentence(up, down) == said


@pytest.mark.parametrize("forces", [("Warwickshire",), ("Warwickshire", "West Mercia", "Staffordshire")])
@pytest.mark.parametrize("how", ["absent", "empty"])
def test_an_edition_with_no_issue_entered_says_so_and_draws_nothing(monkeypatch, forces, how):
    edition = with_forces(load_edition(DEFAULT_PARAMS, ROOT), forces)
    if how == "absent":
        chapter = chapter_of(assessment_summary, without(edition, ("issue_register", "glossary")))
    else:
        chapter = chapter_of(assessment_summary, edition, lambda name: emptied(read_dataset(edition, name)))
    found = assessment_summary.compute(chapter)
    assert found.matrix is None and found.review is None
    assert page.matrix_tables(found) == [] and page.matrix_chart(found) is None
    values = glued_values(monkeypatch, page.glue_findings, found, forces)
    assert not [n for n in values if n.startswith("n_")]
    text = page_markdown("assessment-summary", values, forces)
    named = "Warwickshire" if len(forces) == 1 else "Warwickshire, West Mercia and Staffordshire"
    assert f"No issue register was entered for {named}, so no issue is placed on the matrix." in text
    assert "Carried forward" not in text and " 0 " not in text and "illustrative" not in text


@pytest.mark.parametrize("params", checked_editions(naming=("issue_register",)), ids=lambda p: p.stem)
def test_the_page_of_each_shipped_edition_reads_its_register(monkeypatch, params):
    edition = load_edition(params, ROOT)
    found = assessment_summary.compute(chapter_of(assessment_summary, edition))
    meta, issues = read_dataset(edition, "issue_register")
    assert found.matrix.moves["id"].tolist() == issues["id"].tolist() and found.matrix.example == meta["example_scores"]
    text = page_markdown(
        "assessment-summary", glued_values(monkeypatch, page.glue_findings, found, edition.forces), edition.forces
    )
    moved = int(found.matrix.moves["moved"].sum())
    assert f"{moved} of the {len(issues)} current and medium-term issues moved" in text
    carried = [carried_forward(month, edition.as_of) for month in issues["reviewed"]]
    assert ("Carried forward" in text) == any(carried)
    if any(carried):
        assert review_sentence(found.review) in text and found.review.carried == sum(carried)
    assert ("are illustrative" in text) == meta["example_scores"] and "was entered for" not in text
