"""The National chapter's findings (``assess.chapters.national.compute``) and its page text: ranks,
outliers, spread and England and Wales checked with numpy and scipy, rank intervals around every
rank, the newest year that holds every force, rank changes from both years simulated together,
peer groups chosen on context only, and editions of one, two and three forces read right."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from chapter_pages import chapter_of, glued_values, page_text, shown, with_forces
from scipy import stats

from assess.analysis import national as analysis
from assess.chapters import national
from assess.edition import load_edition
from assess.present.chapters import national as page
from assess.present.glue import each_name
from conftest import ROOT, checked_editions, shipped_editions, shipped_reads, single_force_params

EDITIONS = [
    p
    for p in shipped_editions()
    if "national_recorded_crime" in load_edition(p, ROOT).data and "national" not in load_edition(p, ROOT).wait_for_data
]
_FOUND = {}


def _shipped_chapter(params):
    """The chapter of the shipped edition ``params``, its datasets read once per test process."""
    return chapter_of(national, load_edition(params, ROOT), shipped_reads(params))


def _found(params) -> national.National:
    if params not in _FOUND:
        _FOUND[params] = national.compute(_shipped_chapter(params))
    return _FOUND[params]


@pytest.mark.parametrize("params", checked_editions(EDITIONS), ids=lambda p: p.stem)
def test_ranks_outliers_spread_and_england_and_wales_by_numpy_and_scipy(params):
    found = _found(params)
    for measure in national.MEASURES:
        standing = found.standings[measure]
        values_ = standing.table["value"].to_numpy()
        assert standing.table["rank"].tolist() == stats.rankdata(-values_, method="min").astype(int).tolist()
        q1, median, q3 = np.percentile(values_, [25, 50, 75])
        fence = analysis.TUKEY_K * (q3 - q1)
        assert standing.spread["median"] == pytest.approx(median)
        assert standing.table["flagged"].tolist() == ((values_ < q1 - fence) | (values_ > q3 + fence)).tolist()
        numerator, denominator, scale = analysis.MEASURE_PARTS[measure]
        frame = found.tables.at(measure)
        assert standing.whole == pytest.approx(scale * frame[numerator].sum() / frame[denominator].sum())
    assert found.n_forces == len(load_edition(params, ROOT).registry.names) == 43


@pytest.mark.parametrize("params", checked_editions(EDITIONS), ids=lambda p: p.stem)
def test_every_rank_lies_in_its_interval_and_a_census_has_none(params):
    found = _found(params)
    for measure in national.MEASURES:
        table = found.standings[measure].table
        if measure in national.CENSUS:
            assert (table["rank_low"] == table["rank"]).all() and (table["rank_high"] == table["rank"]).all()
            assert (table["low"] == table["value"]).all() and (table["high"] == table["value"]).all()
            continue
        assert ((table["rank_low"] <= table["rank"]) & (table["rank"] <= table["rank_high"])).all(), measure
        assert ((table["low"] <= table["value"]) & (table["value"] <= table["high"])).all(), measure
        assert (table["rank_high"] > table["rank_low"]).any(), f"{measure}: the counts' noise is in the intervals"
    assert found.noise.estimated and (found.noise.dispersion >= 0).all()
    assert found.noise.level == pytest.approx(1 - load_edition(params, ROOT).significance)


@pytest.mark.parametrize("params", checked_editions(EDITIONS), ids=lambda p: p.stem)
def test_the_latest_year_is_the_newest_that_holds_every_force_by_the_as_of_date(params):
    """The latest financial year compared is the last of the edition's period of recorded crime
    (nothing after its as-of date), every force has crime, officers and residents in it, and its
    residents are of the mid-year inside it."""
    edition = load_edition(params, ROOT)
    found = _found(params)
    latest = found.tables.years_compared[-1]
    assert analysis.year_end(latest)[:7] == edition.periods["national_recorded_crime"].end
    assert analysis.year_end(latest) <= edition.as_of
    rows = found.tables.at("crimes_per_1000")
    assert (
        set(rows.index) == set(edition.registry.names)
        and not rows[["crimes", "officers", "population"]].isna().any().any()
    )
    assert (rows["mid_year"] == int(latest[:4])).all()
    assert found.tables.days[-1] <= edition.as_of


@pytest.mark.parametrize("params", checked_editions(EDITIONS), ids=lambda p: p.stem)
def test_rank_changes_end_at_the_ranks_shown_and_follow_the_noise_rule(params):
    found = _found(params)
    edition = load_edition(params, ROOT)
    assert found.changes["force"].unique().tolist() == list(edition.forces)
    for row in found.changes.itertuples():
        now = found.standings[row.measure].table
        assert row.rank_after == now.at[row.force, "rank"] and row.after == pytest.approx(now.at[row.force, "value"])
        assert row.until == found.standings[row.measure].when and row.since < row.until
        assert row.moved == (row.move_low > 0 or row.move_high < 0)
        if row.census:
            assert row.move_low == row.move_high == row.rank_after - row.rank_before
        assert row.census == (row.measure in national.CENSUS)
    again = national.compute(_shipped_chapter(params))
    pd.testing.assert_frame_equal(again.changes, found.changes)  # the same draws every build


@pytest.mark.parametrize("params", checked_editions(EDITIONS), ids=lambda p: p.stem)
def test_each_forces_peers_and_its_place_among_them(params):
    found = _found(params)
    peers = found.peers
    assert tuple(peers.features.columns) == national.CONTEXT
    for force in found.forces:
        group = peers.groups[peers.groups["force"] == force]
        assert len(group) == peers.k and force not in set(group["peer"])
        assert group["distance"].is_monotonic_increasing
        for row in peers.comparison[peers.comparison["force"] == force].itertuples():
            table = found.standings[row.measure].table["value"]
            assert row.peer_median == pytest.approx(float(np.median(table[group["peer"]])))
            among = table[[force, *group["peer"]]]
            assert row.rank_among == 1 + int((among > table[force]).sum())


def test_peers_are_chosen_on_context_never_on_an_outcome():
    """Tripling a force's recorded crime (its crimes, harm and every rate the chapter compares)
    leaves every peer group as it was; changing its residents (context) moves its own."""
    found = _found(EDITIONS[0])
    force = found.forces[0]
    years = found.tables.years.copy()
    mine = years["force"] == force
    for column in ("crimes", "harm", "crimes_per_1000", "harm_per_1000", "crimes_per_officer", "harm_per_officer"):
        years.loc[mine, column] *= 3
    louder = dataclasses.replace(found.tables, years=years)
    standings = {m: national.ranks(louder, m, None, found.noise.level) for m in national.MEASURES}
    value = standings["crimes_per_1000"].table.at[force, "value"]
    assert value == pytest.approx(3 * found.standings["crimes_per_1000"].table.at[force, "value"])
    again = national.peers(louder, standings, found.forces)
    pd.testing.assert_frame_equal(again.groups, found.peers.groups)
    crowded = years.assign(population=years["population"].where(~mine, years["population"] * 20))
    crowded["officers_per_1000"] = 1000 * crowded["officers"] / crowded["population"]
    moved = national.peers(dataclasses.replace(found.tables, years=crowded), found.standings, (force,))
    assert moved.of(force) != found.peers.of(force)


def test_the_phrases_of_ranks_moves_outliers_and_officers():
    found = _found(EDITIONS[0])
    force = found.forces[0]
    moves = page.rank_moves(found, force)
    moved = found.changes[(found.changes["force"] == force) & found.changes["moved"]]
    assert (moves == "none") == moved.empty
    for row in moved.itertuples():
        assert f"{page.WORDS[row.measure].words}, from {row.rank_before} to {row.rank_after}" in moves
    flagged = {f for m in national.MEASURES for f in found.standings[m].flagged}
    summary = page.flagged_summary(found)
    assert all(f in summary for f in flagged) and (summary.startswith("No force") == (not flagged))
    for measure in national.MEASURES:
        row = found.standings[measure].table.loc[force]
        words = page.rank_words(found, measure, force)
        assert words.startswith(f"rank {row['rank']} of {found.n_forces} (")
        assert ("says little" in words) == (force in found.standings[measure].flagged)
        if measure in national.CENSUS:
            assert "no interval" in words
        else:
            assert f"interval {row['rank_low']} to {row['rank_high']}" in words or row["rank_low"] == row["rank_high"]
    for force in found.forces:
        sides = {found.standings[m].against_whole(force) for m in ("crimes_per_1000", "crimes_per_officer")}
        words = page.officer_words(found, force)
        assert ("turns round" in words) == (sides == {"above", "below"})
        assert f"ranked {found.standings['crimes_per_officer'].table.at[force, 'rank']} of" in words


def test_against_england_and_wales_by_the_whole_interval():
    table = pd.DataFrame(
        {"value": [10.0, 12.0, 8.0], "low": [9.0, 11.0, 7.0], "high": [11.0, 13.0, 9.5]}, index=["A", "B", "C"]
    )
    standing = national.Standing("crimes_per_1000", "2018-19", table, {}, whole=10.0)
    assert [standing.against_whole(f) for f in "ABC"] == ["close to", "above", "below"]


@pytest.mark.wide
def test_a_one_force_edition_names_no_other_force_of_its_alliance(monkeypatch):
    params = single_force_params()
    found = _found(params)
    edition = load_edition(params, ROOT)
    glued = glued_values(monkeypatch, page.glue_findings, found, edition.forces)
    text = page_text("national", glued, edition.forces)
    (force,) = edition.forces
    others = set(edition.registry.alliance_members(edition.registry.alliance(force))) - {force}
    peers = set(found.peers.of(force))
    named_elsewhere = {f for m in national.MEASURES for f in found.standings[m].flagged}
    assert not [o for o in others - peers - named_elsewhere if o in text]
    assert text.count(f"Ranks of {force} that moved") == 1
    assert glued[each_name("officer_words", force)] in text


@pytest.mark.wide
def test_three_forces_each_read_their_own_ranks(monkeypatch):
    params = EDITIONS[0]
    shipped = load_edition(params, ROOT)
    others = [f for f in shipped.registry.names if f not in shipped.forces]
    forces = [*shipped.forces, *others[: 3 - len(shipped.forces)]]
    edition = with_forces(load_edition(params, ROOT), forces)
    found = national.compute(chapter_of(national, edition))
    glued = glued_values(monkeypatch, page.glue_findings, found, edition.forces)
    text = page_text("national", glued, edition.forces)
    for force in forces:
        per_resident = found.standings["crimes_per_1000"]
        assert (
            f"{force} recorded {per_resident.table.at[force, 'value']:,.1f} crimes per 1,000 residents, "
            f"{per_resident.against_whole(force)} the England and Wales rate of {per_resident.whole:,.1f}: "
            f"{page.rank_words(found, 'crimes_per_1000', force)}."
        ) in " ".join(text.split())
        assert f"{force}'s peers are {glued[each_name('peers', force)]}." in text
        assert f"Ranks of {force} that moved by more than the noise of the counts:" in text
    assert len(forces) == 3 and found.changes["force"].unique().tolist() == forces
    tables = shown(
        monkeypatch,
        *[lambda m=m: page.chart(found, m, edition.registry) for m in national.MEASURES],
        lambda: page.changes_table(found),
        lambda: page.peers_table(found),
        lambda: page.comparison_table(found),
        lambda: page.ranks_table(found),
    )
    for force in forces:
        assert tables.count(f"<td>{force}</td>") >= 3 * len(national.MEASURES) + found.peers.k + 1, force
        assert f"<td>{force} (itself)</td>" in tables


@pytest.mark.wide
def test_a_force_far_from_every_other_in_context_is_told_its_peers_are_only_the_least_unlike_it():
    """The City of London (a few thousand residents, hundreds of officers) lies beyond the outlier
    rule on its context; a county force does not, and its sentence gives its peers' distances."""
    params = EDITIONS[0]
    edition = with_forces(load_edition(params, ROOT), ["City of London", *load_edition(params, ROOT).forces])
    found = national.compute(chapter_of(national, edition))
    assert "officers_per_1000" in found.peers.outlying["City of London"]
    assert "least unlike it" in page.peer_distance_words(found, "City of London")
    for force in edition.forces[1:]:
        nearest = found.peers.groups[found.peers.groups["force"] == force].iloc[0]
        words = page.peer_distance_words(found, force)
        assert not found.peers.outlying[force] and "least unlike" not in words
        assert words.startswith(f"The nearest, {nearest['peer']}, is {nearest['distance']:.1f} interquartile ranges")
