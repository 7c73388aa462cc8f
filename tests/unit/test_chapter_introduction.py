"""The Introduction's findings (``assess.chapters.introduction.compute``) and its page text, for
every shipped edition, for editions of one, two, three and four forces, and for every force of
England and Wales from the national files alone: only the edition's own forces, their districts
by ONS code and residents, policing areas where entered, the alliance's history only where the
edition covers one of its forces."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest
from chapter_pages import chapter_of, glued_values, page_text, shown, with_forces, without

from assess.chapters import Chapter, introduction
from assess.edition import ASSESSMENT, load_edition
from assess.present.chapters import introduction as page
from assess.present.wording import join_words
from assess.read.registry import read_dataset
from conftest import ROOT, checked_editions, shipped_editions, single_force_params

EDITIONS = shipped_editions()
NATIONAL_ONLY = ("policing_areas", "key_facts", "source_documents", "alliance_timeline", "district_population")
"""The datasets an edition of a force the project never shipped does not have."""


def _chapter(edition, extra_areas: pd.DataFrame | None = None, districts: pd.DataFrame | None = None) -> Chapter:
    """The Introduction of ``edition``; ``extra_areas`` (made up for a test) are added to the
    policing areas lookup as read, and ``districts`` stand for the national district lookup."""

    def reads(name):
        data = read_dataset(edition, name)
        if name == "policing_areas" and extra_areas is not None:
            return pd.concat([data, extra_areas], ignore_index=True)
        if name == "district_lookup" and districts is not None:
            return districts
        return data

    return chapter_of(introduction, edition, reads)


def _districts_of(edition, force: str) -> pd.DataFrame:
    lookup = read_dataset(edition, "district_lookup")
    return lookup[lookup["force"] == force]


def _made_up_areas(edition, force: str) -> pd.DataFrame:
    """Two policing areas of the force's real districts (by ONS code): the first district "North",
    the others "South", in a county named after the force; made up for the tests (the shipped
    lookup holds the alliance's forces only)."""
    districts = _districts_of(edition, force)
    return pd.DataFrame(
        {
            "force": force,
            "policing_area": ["North"] + ["South"] * (len(districts) - 1),
            "local_authority": districts["lad_name"].tolist(),
            "lad_code": districts["lad_code"].tolist(),
            "county": force,
        }
    )


def _places(districts: pd.DataFrame) -> list[str]:
    """The places of a force as the page names them, recomputed from the national lookup: its ONS
    counties, then its districts under no county by their plain names."""
    counties = sorted({c.removesuffix(" (Met County)") for c in districts["county_name"] if c})
    loose = districts.loc[districts["county_name"].fillna("") == "", "lad_name"]
    return counties + sorted(re.sub(r", (City|County) of$", "", n) for n in loose)


def _national_only(force: str):
    """A shipped single-force edition turned into one of ``force`` from the national files alone,
    titled for it."""
    edition = without(with_forces(load_edition(single_force_params(), ROOT), [force]), NATIONAL_ONLY)
    full = edition.registry.full_name(force)
    return dataclasses.replace(edition, title=f"{full} Strategic Assessment", organisation=full)


@pytest.mark.parametrize("params", checked_editions(EDITIONS), ids=lambda p: p.stem)
def test_every_shipped_edition_shows_only_its_own_forces(params):
    edition = load_edition(params, ROOT)
    found = introduction.compute(_chapter(edition))
    assert set(found.districts["force"]) == set(edition.forces)
    for force in edition.forces:
        mine = found.districts[found.districts["force"] == force]
        assert sorted(mine["lad_code"]) == sorted(_districts_of(edition, force)["lad_code"])
    assert found.summary["force"].tolist() == list(edition.forces)
    assert found.summary["residents"].notna().all() and found.population_year is not None
    covered = edition.registry.alliances_covered(edition.forces)
    assert set(found.facts["force"]) <= set(edition.forces) | set(covered)
    in_alliance = [f for f in edition.forces if edition.registry.alliance(f)]
    assert (found.alliance is None) == (not in_alliance)
    if found.alliance is not None:
        assert set(in_alliance) <= set(found.alliance.members)
        assert (found.alliance.events["date"].str[:7] <= edition.as_of[:7]).all()


@pytest.mark.parametrize("params", checked_editions(EDITIONS), ids=lambda p: p.stem)
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
    chapter = _chapter(edition, _made_up_areas(edition, "Staffordshire"))
    found = introduction.compute(chapter)
    assert found.alliance is None and found.facts.empty
    assert page.timeline_table(found, page.acronyms(found)) is None
    assert page.facts_table(found, edition.forces, page.acronyms(found)) is None
    glued = glued_values(monkeypatch, page.glue_findings, found, chapter)
    text = page_text("introduction", glued, edition.forces)
    assert "alliance" not in text.lower()
    n = len(_districts_of(edition, "Staffordshire"))
    assert (
        f"Staffordshire Police polices Staffordshire, divided into 2 policing areas made up of {n} local authority"
        in text
    )
    assert "No key facts were entered for Staffordshire Police." in text


@pytest.mark.parametrize("force", ["City of London", "Metropolitan Police", "Dyfed-Powys", "Staffordshire"])
def test_a_force_with_national_data_only_gets_its_districts_and_residents(monkeypatch, force):
    """No policing areas, key facts or documents: the force's places and districts from the ONS
    district lookup, its residents from the force-area estimate, and the page says what was not
    entered."""
    edition = _national_only(force)
    chapter = _chapter(edition)
    found = introduction.compute(chapter)
    districts = _districts_of(edition, force)
    assert sorted(found.districts["lad_code"]) == sorted(districts["lad_code"])
    assert found.without_areas == (force,) and found.facts.empty and found.alliance is None
    population = read_dataset(edition, "force_population")
    year = edition.periods["force_population"].end[:4]
    people = population.set_index(["force", "year"]).at[(force, int(year)), "population"]
    assert found.population_year == int(year) and found.summary.at[0, "residents"] == people
    glued = glued_values(monkeypatch, page.glue_findings, found, chapter)
    text = page_text("introduction", glued, edition.forces)
    full = edition.registry.full_name(force)
    places = _places(districts)
    where = (
        f"{len(districts)} local authority districts, listed in the table of districts"
        if len(places) > page.MANY_PLACES
        else f"{join_words(places)} ({len(districts)} local authority district{'s' * (len(districts) > 1)})"
    )
    assert f"{full} polices {where}. No policing areas were entered for it" in text
    assert f"Its area was home to {people:,} people at mid-{year} (ONS mid-year estimate)." in text
    assert f"No key facts were entered for {full}." in text
    tables = shown(monkeypatch, lambda: page.areas_table(found), lambda: page.districts_table(found))
    assert all(code in tables for code in districts["lad_code"]) and "none entered" in tables
    others = [f for f in edition.registry.names if f != force and not force.startswith(f) and f not in full]
    assert not [f for f in others if re.search(rf"\b{re.escape(f)}\b", text + tables)]


def test_four_forces_each_get_their_own_sentence(monkeypatch):
    """Two forces with policing areas entered and key facts (the alliance's), one with made-up
    policing areas, one from national data only."""
    forces = ["Warwickshire", "West Mercia", "Staffordshire", "West Midlands"]
    edition = with_forces(load_edition(single_force_params(), ROOT), forces)
    chapter = _chapter(edition, _made_up_areas(edition, "Staffordshire"))
    found = introduction.compute(chapter)
    glued = glued_values(monkeypatch, page.glue_findings, found, chapter)
    text = page_text("introduction", glued, edition.forces)
    lookup = read_dataset(edition, "policing_areas")
    for force in forces[:3]:
        rows = lookup[lookup["force"] == force] if force != "Staffordshire" else _made_up_areas(edition, force)
        sentence = (
            f"{edition.registry.full_name(force)} polices {join_words(sorted(rows['county'].unique()))}, "
            f"divided into {rows['policing_area'].nunique()} policing areas made up of "
            f"{rows['lad_code'].nunique()} local authority districts."
        )
        assert sentence in text, force
    west_midlands = _districts_of(edition, "West Midlands")
    assert (
        f"West Midlands Police polices {join_words(_places(west_midlands))} ({len(west_midlands)} local authority "
        "districts). No policing areas were entered for it" in text
    )
    assert text.count("Its area was home to ") == 4
    assert "This edition covers Warwickshire, West Mercia, Staffordshire and West Midlands." in text
    # The alliance's forces are both in the edition: its shared facts and its history are shown; the
    # two other forces have none.
    assert "Alliance" in set(found.facts["force"]) and "## The alliance" in text
    assert "No key facts were entered for Staffordshire Police and West Midlands Police." in text
    spelled = page.acronyms(found)
    tables = shown(
        monkeypatch,
        lambda: page.areas_table(found),
        lambda: page.districts_table(found),
        lambda: page.facts_table(found, edition.forces, spelled),
        lambda: page.timeline_table(found, spelled),
    )
    assert all(f"<td>{force}</td>" in tables for force in forces)
    assert "Key facts on Warwickshire, West Mercia, Staffordshire and West Midlands, as stated" in tables


def test_a_force_with_no_district_in_the_lookup_stops_the_chapter_naming_it():
    edition = with_forces(load_edition(single_force_params(), ROOT), ["Staffordshire"])
    lookup = read_dataset(edition, "district_lookup")
    with pytest.raises(ValueError, match="holds no district of Staffordshire"):
        introduction.compute(_chapter(edition, districts=lookup[lookup["force"] != "Staffordshire"]))
