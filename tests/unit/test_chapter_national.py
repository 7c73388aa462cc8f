"""The National chapter's findings (``assess.chapters.national.compute``) and its page text: ranks,
outliers and spread checked with numpy and scipy, rank changes and peer groups consistent with
them, and editions of one, two and three forces read right."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from chapter_pages import chapter_of, glued_values, page_text, shown, with_forces
from scipy import stats

from assess.analysis import national as analysis
from assess.chapters import national, open_chapter
from assess.edition import load_edition
from assess.present.chapters import national as page
from assess.present.glue import each_name
from conftest import ROOT, shipped_editions, single_force_params

EDITIONS = [
    p
    for p in shipped_editions()
    if "national_recorded_crime" in load_edition(p, ROOT).data and "national" not in load_edition(p, ROOT).wait_for_data
]
_FOUND = {}


def _found(params) -> national.National:
    if params not in _FOUND:
        _FOUND[params] = national.compute(open_chapter(params, ROOT, national))
    return _FOUND[params]


@pytest.mark.parametrize("params", EDITIONS, ids=lambda p: p.stem)
def test_ranks_outliers_and_spread_by_numpy_and_scipy(params):
    found = _found(params)
    for measure in national.MEASURES:
        standing = found.standings[measure]
        values_ = standing.table["value"].to_numpy()
        assert standing.table["rank"].tolist() == stats.rankdata(-values_, method="min").astype(int).tolist()
        q1, median, q3 = np.percentile(values_, [25, 50, 75])
        fence = analysis.TUKEY_K * (q3 - q1)
        assert standing.spread["median"] == pytest.approx(median)
        assert standing.table["flagged"].tolist() == ((values_ < q1 - fence) | (values_ > q3 + fence)).tolist()
    assert found.n_forces == len(found.standings["crimes_per_officer"].table) > 40


@pytest.mark.parametrize("params", EDITIONS, ids=lambda p: p.stem)
def test_rank_changes_end_at_the_ranks_shown_and_follow_the_noise_rule(params):
    found = _found(params)
    edition = load_edition(params, ROOT)
    assert found.changes["force"].unique().tolist() == list(edition.forces)
    for row in found.changes.itertuples():
        now = found.standings[row.measure].table
        assert row.rank_after == now.at[row.force, "rank"] and row.after == pytest.approx(now.at[row.force, "value"])
        assert row.until == found.standings[row.measure].when and row.since <= row.until
        assert row.low <= row.after <= row.high
        moved = analysis.rank_moved(row.rank_before, now["value"], row.force, row.low, row.high)
        assert row.moved == moved


@pytest.mark.parametrize("params", EDITIONS, ids=lambda p: p.stem)
def test_each_forces_peers_and_its_place_among_them(params):
    found = _found(params)
    peers = found.peers
    for force in found.forces:
        group = peers.groups[peers.groups["force"] == force]
        assert len(group) == peers.k and force not in set(group["peer"])
        assert group["distance"].is_monotonic_increasing
        for row in peers.comparison[peers.comparison["force"] == force].itertuples():
            table = found.standings[row.measure].table["value"]
            assert row.peer_median == pytest.approx(float(np.median(table[group["peer"]])))
            among = table[[force, *group["peer"]]]
            assert row.rank_among == 1 + int((among > table[force]).sum())


def test_the_peer_step_takes_any_features():
    """The peer step works on whatever it is given (issue 28 chooses peers on context): on one
    column, the nearest forces are the nearest values, ties broken by name."""
    features = pd.DataFrame({"x": [1.0, 2.0, 4.0, 7.0, 2.0]}, index=["A", "B", "C", "D", "E"])
    standing = national.Standing(
        "crimes_per_officer",
        "2017-18",
        pd.DataFrame(
            {"value": [5.0, 1.0, 3.0, 9.0, 4.0], "rank": [2, 5, 4, 1, 3], "flagged": [False] * 5}, features.index
        ),
        {"median": 4.0, "q1": 3.0, "q3": 5.0, "iqr": 2.0},
    )
    peers = national.peers(features, {"crimes_per_officer": standing}, ("A",), k=2)
    assert peers.of("A") == ["B", "E"]
    (row,) = peers.comparison.itertuples()
    assert row.peer_median == pytest.approx(2.5) and row.rank_among == 1 and row.national_median == 4.0


def test_the_phrases_of_moves_and_outliers():
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
        words = page.rank_words(found, measure, force)
        assert words.startswith(f"rank {found.standings[measure].table.at[force, 'rank']} of {found.n_forces}")
        assert ("says little" in words) == (force in found.standings[measure].flagged)


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
        ranks = {m: int(found.standings[m].table.at[force, "rank"]) for m in national.MEASURES}
        assert (
            f"{force} ranked {ranks['crimes_per_officer']} of {found.n_forces} for recorded crimes per officer"
        ) in text
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
