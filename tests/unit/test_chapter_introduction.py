"""The Introduction's findings (``assess.chapters.introduction.compute``) and its page text, for
every shipped edition and for editions of one, two and three forces: only the edition's own
forces, the alliance's history only where the edition covers one of its forces."""

from __future__ import annotations

import pandas as pd
import pytest
from chapter_pages import chapter_of, glued_values, page_text, shown, with_forces

from assess.chapters import Chapter, introduction
from assess.edition import ASSESSMENT, load_edition
from assess.present.chapters import introduction as page
from assess.present.wording import join_words
from assess.read.registry import read_dataset
from conftest import ROOT, shipped_editions, single_force_params

EDITIONS = shipped_editions()


def _chapter(edition, extra_areas: pd.DataFrame | None = None) -> Chapter:
    """The Introduction of ``edition``; ``extra_areas`` (made up for a test) are added to the
    policing areas lookup as read."""

    def reads(name):
        data = read_dataset(edition, name)
        if name == "policing_areas" and extra_areas is not None:
            return pd.concat([data, extra_areas], ignore_index=True)
        return data

    return chapter_of(introduction, edition, reads)


def _made_up_areas(force: str) -> pd.DataFrame:
    """Two policing areas of three districts for ``force``: made up for the tests (the shipped
    lookup holds the alliance's forces only)."""
    return pd.DataFrame(
        {
            "force": [force] * 3,
            "policing_area": ["North", "North", "South"],
            "local_authority": ["Made-up A", "Made-up B", "Made-up C"],
            "county": [force] * 3,
        }
    )


@pytest.mark.parametrize("params", EDITIONS, ids=lambda p: p.stem)
def test_every_shipped_edition_shows_only_its_own_forces(params):
    edition = load_edition(params, ROOT)
    found = introduction.compute(_chapter(edition))
    assert set(found.areas["force"]) == set(edition.forces)
    assert found.summary["force"].tolist() == list(edition.forces)
    covered = edition.registry.alliances_covered(edition.forces)
    assert set(found.facts["force"]) <= set(edition.forces) | set(covered)
    in_alliance = [f for f in edition.forces if edition.registry.alliance(f)]
    assert (found.alliance is None) == (not in_alliance)
    if found.alliance is not None:
        assert set(in_alliance) <= set(found.alliance.members)
        assert (found.alliance.events["date"].str[:7] <= edition.as_of[:7]).all()


@pytest.mark.parametrize("params", EDITIONS, ids=lambda p: p.stem)
def test_the_age_of_the_data_counted_from_the_parameters(params):
    """Every dataset the edition names and dates, and those whose period ends before the year."""
    edition = load_edition(params, ROOT)
    found = introduction.compute(_chapter(edition))
    start = edition.periods[ASSESSMENT].start
    dated = {n: p for n, p in edition.periods.items() if n != ASSESSMENT and n in edition.data}
    assert found.data.dated == len(dated)
    assert found.data.before == tuple(sorted(n for n, p in dated.items() if p.end < start))
    assert found.data.latest == max(p.end for p in dated.values())


def test_a_one_force_edition_names_no_other_force_but_in_its_alliances_history(monkeypatch):
    edition = load_edition(single_force_params(), ROOT)
    (force,) = edition.forces
    chapter = _chapter(edition)
    found = introduction.compute(chapter)
    glued = glued_values(monkeypatch, page.glue_findings, found, chapter)
    text = page_text("introduction", glued, edition.forces)
    others = set(edition.registry.alliance_members(edition.registry.alliance(force))) - {force}
    before_history = text.split("## The alliance")[0]
    assert others and not [o for o in others if o in before_history]
    assert f"{edition.registry.full_name(force)} polices " in text
    assert set(found.facts["force"]) == {force}
    # The alliance's history is the force's own: its section names the alliance's forces.
    assert "## The alliance" in text and glued["alliance_known"] is True


def test_the_alliance_section_reads_its_milestones_by_the_as_of_date():
    """Formed, given notice, ended: each sentence only once the day is reached."""
    edition = load_edition(single_force_params(), ROOT)
    alliance = introduction.compute(_chapter(edition)).alliance
    words = page.since_words(alliance, edition.as_of)
    assert ("notice to leave" in words) == (alliance.notice is not None)
    assert ("ended on" in words) == (alliance.end is not None)
    unformed = introduction.Alliance("Pact", ("A", "B"), pd.Timestamp("2012-03-01"), None, (), None, pd.DataFrame())
    assert page.since_words(unformed, "2016-11-30") == "It was still in place on 30 November 2016."
    assert unformed.years is None
    ended = introduction.Alliance(
        "Pact",
        ("A", "B"),
        pd.Timestamp("2012-03-01"),
        pd.Timestamp("2018-10-09"),
        ("B",),
        pd.Timestamp("2019-10-08"),
        pd.DataFrame(),
    )
    assert page.since_words(ended, "2019-12-31") == (
        "On 9 October 2018 B gave a year's notice to leave the alliance. The alliance ended on 8 October 2019, "
        "after about 7.6 years; since then each force plans on its own."
    )


def test_an_edition_of_a_force_in_no_alliance_has_no_alliance_section(monkeypatch):
    edition = with_forces(load_edition(single_force_params(), ROOT), ["Staffordshire"])
    chapter = _chapter(edition, _made_up_areas("Staffordshire"))
    found = introduction.compute(chapter)
    assert found.alliance is None and found.facts.empty
    assert page.timeline_table(found, page.acronyms(found)) is None
    glued = glued_values(monkeypatch, page.glue_findings, found, chapter)
    text = page_text("introduction", glued, edition.forces)
    assert "alliance" not in text.lower()
    assert (
        "Staffordshire Police polices Staffordshire, divided into 2 policing areas made up of 3 local authority" in text
    )
    assert "No key facts in round figures are stated for Staffordshire" in text


def test_three_forces_each_get_their_own_sentence(monkeypatch):
    forces = ["Warwickshire", "West Mercia", "Staffordshire"]
    edition = with_forces(load_edition(single_force_params(), ROOT), forces)
    chapter = _chapter(edition, _made_up_areas("Staffordshire"))
    found = introduction.compute(chapter)
    glued = glued_values(monkeypatch, page.glue_findings, found, chapter)
    text = page_text("introduction", glued, edition.forces)
    lookup = read_dataset(edition, "policing_areas")
    for force in forces:
        rows = lookup[lookup["force"] == force] if force != "Staffordshire" else _made_up_areas(force)
        sentence = (
            f"{edition.registry.full_name(force)} polices {join_words(sorted(rows['county'].unique()))}, "
            f"divided into {rows['policing_area'].nunique()} policing areas made up of "
            f"{rows['local_authority'].nunique()} local authority districts."
        )
        assert sentence in text, force
    assert "This edition covers Warwickshire, West Mercia and Staffordshire." in text
    # The alliance's forces are both in the edition: its shared facts and its history are shown.
    assert "Alliance" in set(found.facts["force"]) and "## The alliance" in text
    spelled = page.acronyms(found)
    tables = shown(
        monkeypatch,
        lambda: page.areas_table(found),
        lambda: page.facts_table(found, edition.forces, spelled),
        lambda: page.timeline_table(found, spelled),
    )
    assert all(f"<td>{force}</td>" in tables for force in forces)
    assert "Key facts on Warwickshire, West Mercia and Staffordshire, as stated" in tables


def test_a_force_with_no_district_in_the_lookup_stops_the_chapter_naming_it():
    edition = with_forces(load_edition(single_force_params(), ROOT), ["Staffordshire"])
    with pytest.raises(ValueError, match="holds no district of Staffordshire"):
        introduction.compute(_chapter(edition))
