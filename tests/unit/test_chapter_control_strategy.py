"""The Control Strategy chapter: the strategy is the one its MoRiLE register gives (computed in one
place), illustrative scores are neither shown nor ranked, and an edition with no register entered
for its forces reads so, for one force or several."""

from __future__ import annotations

import functools

import pandas as pd
import pytest
from chapter_pages import chapter_of, emptied, glued_values, page_markdown, with_forces, without

from assess.analysis import morile
from assess.chapters import control_strategy
from assess.edition import load_edition
from assess.present.chapters import control_strategy as page
from assess.read.registry import read_dataset
from assess.read.scope import carried_forward
from conftest import DEFAULT_PARAMS, ROOT, checked_editions, shipped_reads

REGISTERS = ("morile", "recommendations")
SPELT = "MoRiLE (Management of Risk in Law Enforcement)"
TEMPLATE = {
    "harm_dimensions": {"physical": {"min": 0, "max": 4}, "financial": {"min": 0, "max": 4}},
    "modifiers": {"scope": {"local": 1.0, "force": 1.25, "national": 2.0}},
    "likelihood": {"min": 1, "max": 4},
    "confidence": ["low", "medium", "high"],
    "organisational_position": {"capacity": {"min": 1, "max": 4}, "capability": {"min": 1, "max": 4}},
    "control_strategy": {"priority_threshold": 20, "priority_min_confidence": "medium", "intelligence_threshold": 10},
    "last_year_label": "Control Strategy 2015",
}
# Risk = (physical + financial) × scope × likelihood: a 7 × 2 × 3 = 42 (priority); c 8 × 2 × 2 = 32 but
# scored with low confidence (intelligence requirement, was a priority); b 5 × 1.25 × 3 = 18.75
# (intelligence requirement, new); d 2 × 1 × 1 = 2 (monitor).
THREATS = pd.DataFrame(
    {
        "id": ["a", "b", "c", "d"],
        "name": ["Alpha threat", "Beta threat", "Gamma threat", "Delta threat"],
        "physical": [4, 3, 4, 1],
        "financial": [3, 2, 4, 1],
        "scope": ["national", "force", "national", "local"],
        "likelihood": [3, 3, 2, 1],
        "confidence": ["high", "high", "low", "medium"],
        "capacity": [3, 2, 2, 1],
        "capability": [3, 2, 2, 1],
        "last_year": ["priority", "none", "priority", "none"],
        "reviewed": ["2016-11"] * 4,
    }
)
RECOMMENDATIONS = pd.DataFrame(
    {
        "number": [1, 2, None],
        "theme": ["Cyber crime", "Cyber crime", "Fraud"],
        "recommendation": ["Train staff", "Share intelligence", "Review"],
        "update": ["Done", "Under way", "Under way"],
        "status": ["adopted", "ongoing", "ongoing"],
        "reviewed": ["2016-11"] * 3,
    }
)


def _made_up(example: bool):
    """The default edition reading the hand-made register and tracker above."""
    edition = load_edition(DEFAULT_PARAMS, ROOT)
    made = {"morile": ({**TEMPLATE, "example_scores": example}, THREATS), "recommendations": RECOMMENDATIONS}
    return edition, chapter_of(
        control_strategy, edition, lambda name: made[name] if name in made else read_dataset(edition, name)
    )


@functools.cache
def _shipped(params):
    """The shipped edition ``params`` and what the chapter finds for it, computed once per test
    process for the tests that only read them."""
    edition = load_edition(params, ROOT)
    return edition, control_strategy.compute(chapter_of(control_strategy, edition, shipped_reads(params)))


@pytest.mark.parametrize("params", checked_editions(naming=REGISTERS), ids=lambda p: p.stem)
def test_the_chapter_states_the_strategy_its_morile_register_gives(params):
    edition, found = _shipped(params)
    register = shipped_reads(params)("morile")
    pd.testing.assert_frame_equal(found.strategy.table, morile.scored_control_strategy(register))
    assert found.strategy.example == register[0]["example_scores"]
    assert found.progress.by_status["recommendations"].sum() == len(found.progress.table) > 0
    reviewed = [*found.strategy.table["reviewed"], *found.progress.table["reviewed"]]
    assert found.review.total == len(reviewed)
    assert found.review.carried == sum(carried_forward(month, edition.as_of) for month in reviewed)


def test_a_hand_made_register_is_placed_by_its_rule_and_worded_by_its_counts(monkeypatch):
    edition, chapter = _made_up(example=False)
    found = control_strategy.compute(chapter)
    strategy = found.strategy
    assert strategy.named("priority") == ["Alpha threat"]
    assert strategy.named("intelligence requirement") == ["Gamma threat", "Beta threat"]
    assert strategy.named("monitor") == ["Delta threat"]
    assert strategy.moved["id"].tolist() == ["c", "b"]
    values = glued_values(monkeypatch, page.glue_findings, found, edition.forces)
    assert (values["n_priority"], values["n_intelligence_requirement"], values["n_changed"]) == (1, 2, 2)
    assert values["strategy_summary"] == (
        "This year's Control Strategy names 1 priority, the threats given priority when resources are "
        "allocated, and 2 intelligence requirements, the threats we need to know more about. Since the "
        f"Control Strategy 2015, 2 threats changed place. The tables below name them, with each threat's "
        f"scores from {SPELT}."
    )
    assert values["strategy_rule"].startswith("A threat becomes a priority when its risk score is 20 or more")
    assert values["progress_summary"] == (
        "Of last year's 3 recommendations, the tracker records 1 as adopted and 2 as ongoing."
    )
    assert (values["n_recommendations"], values["recommendations_ongoing"], values["recommendations_closed"]) == (
        3,
        2,
        0,
    )


def _tables_html(found) -> str:
    return "\n".join(t.data for t in page.strategy_tables(found))


def test_the_force_s_own_scores_are_ranked_to_one_decimal():
    _, chapter = _made_up(example=False)
    shown = _tables_html(control_strategy.compute(chapter))
    assert "<th>Rank</th>" in shown and "<th>Risk score</th>" in shown and "<td>18.8</td>" in shown


def test_illustrative_scores_are_neither_shown_nor_ranked(monkeypatch):
    edition, chapter = _made_up(example=True)
    found = control_strategy.compute(chapter)
    shown = _tables_html(found)
    assert "Rank" not in shown and "Risk score" not in shown and "18.8" not in shown and "42" not in shown
    # Each threat's place is still given, by category and then by name.
    places = shown.split("illustrative scores, not shown")[1]
    order = [places.index(n) for n in ("Alpha threat", "Beta threat", "Gamma threat", "Delta threat")]
    assert order == sorted(order)
    summary = glued_values(monkeypatch, page.glue_findings, found, edition.forces)["strategy_summary"]
    assert "are illustrative, not scores the force itself gave" in summary and "not its score or rank" in summary


@pytest.mark.parametrize("forces", [("Warwickshire",), ("Warwickshire", "West Mercia", "Staffordshire")])
@pytest.mark.parametrize("how", ["absent", "empty"])
def test_an_edition_with_no_register_entered_says_so_and_shows_nothing_of_one(monkeypatch, forces, how):
    edition = with_forces(load_edition(DEFAULT_PARAMS, ROOT), forces)
    if how == "absent":
        chapter = chapter_of(control_strategy, without(edition, (*REGISTERS, "glossary")))
    else:  # the registers hold entries of other forces only
        chapter = chapter_of(control_strategy, edition, lambda name: emptied(read_dataset(edition, name)))
    found = control_strategy.compute(chapter)
    assert found.strategy is None and found.progress is None and found.review is None
    assert page.strategy_tables(found) == [] and page.progress_tables(found) == []
    values = glued_values(monkeypatch, page.glue_findings, found, forces)
    assert not [n for n in values if n.startswith(("n_", "recommendations_", "priority_"))]
    text = page_markdown("control-strategy", values, forces)
    named = "Warwickshire" if len(forces) == 1 else "Warwickshire, West Mercia and Staffordshire"
    assert f"No {SPELT} register was entered for {named}, so this edition sets out no Control Strategy." in text
    assert f"No recommendations tracker was entered for {named}." in text
    assert "Carried forward" not in text and " 0 " not in text and "illustrative" not in text


@pytest.mark.parametrize("params", checked_editions(naming=REGISTERS), ids=lambda p: p.stem)
def test_the_page_of_each_shipped_edition_reads_its_findings(monkeypatch, params):
    edition, found = _shipped(params)
    text = page_markdown(
        "control-strategy", glued_values(monkeypatch, page.glue_findings, found, edition.forces), edition.forces
    )
    strategy = found.strategy
    assert f"names {len(strategy.named('priority'))} priorities" in text
    assert ("Carried forward" in text) == (found.review.carried > 0)
    assert ("are illustrative" in text) == strategy.example
    assert f"Of last year's {len(found.progress.table)} recommendations" in text
    assert "was entered for" not in text


def test_the_threats_the_data_points_away_from_are_named_most_harm_first():
    import pandas as pd

    from assess.analysis import evidence as rules
    from assess.chapters.control_strategy import AgainstData
    from assess.present.chapters.control_strategy import against_data_summary

    places = pd.DataFrame(
        {
            "force": ["Alpha"] * 4,
            "threat": ["p", "q", "small", "big"],
            "place": ["priority", "priority", "monitor", "monitor"],
            "harm_share": [1.0, 2.0, 1.5, 30.0],
            "found": [None, None, None, "higher"],
        }
    )
    table = rules.strategy_verdicts(places).assign(harm_rank=[4, 2, 3, 1], measured=4, crimes=[1, 2, 3, 4])
    titles = {"p": "P", "q": "Q", "small": "Small", "big": "Big"}
    text = against_data_summary(AgainstData(table, titles, "2018/19", None))
    assert text.startswith("Big is monitored through daily business")
    assert "30.0% of the harm in Alpha, 1st of 4, its recorded crime higher" in text
    assert "Small" not in text  # more harm than one of two priorities is not most of them
