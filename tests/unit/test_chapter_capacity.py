"""assess.chapters.capacity and its page: the Special Constabulary's findings computed once, for
any number of forces, and each force's sentences built from its own data only."""

from __future__ import annotations

import dataclasses
import functools
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from chapter_pages import chapter_of, glued_values, page_markdown, page_text, shown, with_forces, without

from assess.analysis import specials, stock_flow
from assess.chapters import Chapter, capacity, declaration
from assess.chapters.capacity import DutyHours, Headcounts, Projection
from assess.edition import load_edition
from assess.present import colours
from assess.present.chapters import capacity as page
from assess.present.glue import each_name
from assess.present.labels import printed_in
from assess.read.catalogue import read_catalogue
from conftest import ROOT, checked_editions, made_up_registry, shipped_editions, shipped_reads, waits_for

EDITIONS = [p for p in shipped_editions() if "capacity" not in waits_for(p)]
"""The shipped editions that run the chapter (an edition may wait for its data instead)."""


def _alliance_edition():
    """A shipped edition whose forces are exactly an alliance's and that runs this chapter (the
    first in name order)."""
    for edition in (load_edition(p, ROOT) for p in EDITIONS):
        registry = edition.registry
        alliances = registry.alliances_covered(edition.forces)
        if any(set(registry.alliance_members(a)) == set(edition.forces) for a in alliances):
            return edition
    raise LookupError("no shipped edition covers exactly an alliance")


def _found(edition, reads=None):
    return capacity.compute(Chapter(edition, declaration(capacity), reads))


@functools.cache
def _shipped(path):
    """The shipped edition ``path`` and what the chapter finds for it, computed once per test
    process for the tests that only read them."""
    edition = load_edition(path, ROOT)
    return edition, _found(edition)


@pytest.mark.parametrize("path", checked_editions(EDITIONS), ids=lambda p: p.stem)
def test_each_forces_headcount_change_is_its_last_count_less_its_first(path):
    edition, found = _shipped(path)
    counts = Chapter(edition, declaration(capacity)).read("workforce_tables")
    for force in edition.forces:
        mine = counts[counts["force"] == force].dropna(subset=["specials_headcount"]).sort_values("as_at")
        row = found.headcounts.of(force)
        first, last = mine["specials_headcount"].iloc[0], mine["specials_headcount"].iloc[-1]
        assert (row["first"], row["last"], row["change"]) == (first, last, last - first)
        assert row["pct"] == pytest.approx(100 * (last - first) / first)
        # The sentence gives the same counts, and says fewer or more as the counts do.
        said = page.headcount_sentence(found, force)
        assert f"{int(last):,} Special Constables" in said and f"{int(abs(last - first)):,} " in said
        assert ("fewer" in said) == bool(last < first) and ("more" in said) == bool(last > first)


@pytest.mark.parametrize("path", checked_editions(EDITIONS), ids=lambda p: p.stem)
def test_the_projection_adds_the_printed_recruits_and_takes_the_leavers_and_is_tested_out_of_sample(path):
    edition, found = _shipped(path)
    projection, rates = found.projection, edition.specials
    assert set(projection.forces) == set(found.flows["force"]) & set(edition.forces)
    assert len(projection.measured) == 12 and projection.measured[-1] == projection.start == rates.projection.start
    counts = found.headcounts.counts.assign(month=found.headcounts.counts["as_at"].dt.strftime("%Y-%m"))
    for force in projection.forces:
        run, net = projection.run_of(force), rates.recruits_per_month[force] - rates.leavers_per_month[force]
        mine = counts[counts["force"] == force].set_index("month")["specials_headcount"]
        assert run["month"].tolist() == rates.projection.months()
        assert run["projected"].tolist() == pytest.approx(
            [max(0.0, mine[projection.start] + k * net) for k in range(len(run))]
        )
        assert (run["low"] <= run["high"]).all() and run["low"].iloc[0] == run["high"].iloc[0] == mine[projection.start]
        later = [m for m in rates.projection.months()[1:] if m in mine.index]
        test = projection.tests.get(force)
        assert (test is None) == (not later)
        if test is not None:
            # Out of sample: from the last month the rates were counted in to the latest later count.
            assert (test.start_month, test.end_month, test.actual) == (projection.start, later[-1], mine[later[-1]])
            assert test.projected == pytest.approx(run.set_index("month").loc[later[-1], "projected"])
            inside = test.low <= test.actual <= test.high
            assert test.verdict == (stock_flow.WITHIN if inside else stock_flow.OUTSIDE)


@pytest.mark.parametrize("path", checked_editions(EDITIONS), ids=lambda p: p.stem)
def test_hours_are_each_forces_own_and_changes_are_recomputed(path):
    edition, found = _shipped(path)
    changes = found.hours.changes
    assert set(changes["force"]) <= set(edition.forces)
    both = changes.dropna(subset=["duty_hours", "previous_hours"])
    assert (both["pct_change"] - 100 * (both["duty_hours"] / both["previous_hours"] - 1)).abs().max() < 1e-9
    assert found.hours.checked == len(changes.dropna(subset=["pct_change", "pct_printed"]))
    per = found.hours.per_special
    assert (per["hours_per_special"] - per["duty_hours"] / per["headcount"]).abs().max() < 1e-9
    # Each year's rate divides by the average of the counts dated within its period.
    counts = found.headcounts.counts
    for row in per.itertuples():
        first, last = specials.period_months(row.period)
        held = counts[
            (counts["force"] == row.force)
            & (counts["as_at"].dt.year == row.year)
            & counts["as_at"].dt.month.between(first, last)
        ]["specials_headcount"]
        assert row.headcount == pytest.approx(held.mean()) and row.headcounts_averaged == len(held) > 0


def _headcounts(rows) -> SimpleNamespace:
    counts = pd.DataFrame(rows, columns=["force", "as_at", "specials_headcount"]).assign(
        as_at=lambda d: pd.to_datetime(d["as_at"])
    )
    forces = tuple(dict.fromkeys(counts["force"]))
    return SimpleNamespace(headcounts=Headcounts(counts, specials.headcount_change(counts, forces)))


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([("A", "2015-09-30", 200), ("A", "2016-09-30", 150)], "150 Special Constables on 30 September 2016, 50 fewer "
         "than the 200 of 30 September 2015 (25.0% fewer)."),
        ([("A", "2015-09-30", 100), ("A", "2016-09-30", 110)], "10 more than the 100 of 30 September 2015 "
         "(10.0% more)."),
        ([("A", "2015-09-30", 0), ("A", "2016-09-30", 7)], "7 Special Constables on 30 September 2016, where it had "
         "none on 30 September 2015."),
        ([("A", "2015-09-30", 9), ("A", "2016-09-30", 9)], "as many as on 30 September 2015."),
        ([("A", "2016-09-30", 1)], "A had 1 Special Constable on 30 September 2016, the only count of them"),
    ],
)  # fmt: skip
def test_the_headcount_sentence_says_what_the_counts_show(rows, expected):
    assert expected in page.headcount_sentence(_headcounts(rows), "A")


def test_a_force_without_a_count_gets_no_other_forces_numbers():
    found = _headcounts([("A", "2016-09-30", 120)])
    said = page.headcount_sentence(found, "B")
    assert said == "There is no Home Office count of Special Constables for B that this assessment can use."


def _hours(rows) -> SimpleNamespace:
    hours = pd.DataFrame(rows, columns=["force", "period", "year", "duty_hours", "pct_change_printed"])
    changes = specials.year_on_year(hours)
    return SimpleNamespace(hours=DutyHours(changes, specials.printed_mismatches(changes), changes.iloc[:0]))


def test_the_hours_sentence_gives_the_latest_year_of_each_period_printed():
    found = _hours(
        [
            ("A", "Jan-Sep", 2015, 1000, ""),
            ("A", "Jan-Sep", 2016, 900, ""),
            ("A", "Jan-Dec", 2015, 1500, ""),
            ("B", "Jan-Sep", 2016, 400, ""),
        ]
    )
    assert page.hours_sentence(found, "A") == (
        "A's Specials logged 900 hours in January to September 2016, 10.0% fewer than the year before; and 1,500 "
        "hours in the full year 2015, no comparison (no figure for the year before)."
    )
    assert page.hours_sentence(found, "B") == (
        "B's Specials logged 400 hours in January to September 2016, no comparison (no figure for the year before); "
        "the assessment printed no count of full year duty hours for B."
    )
    assert page.hours_sentence(found, "C") == "The assessment printed no count of duty hours for C."


def _projection(tests, forces=("A", "B"), started=("A", "B"), printed=("A", "B", "C", "E")) -> SimpleNamespace:
    months = [str(p) for p in pd.period_range("2016-09", "2019-09", freq="M")]
    run = (
        pd.concat(
            pd.DataFrame(
                {"force": f, "month": months, "projected": 100.0 + np.arange(len(months)), "low": 90.0, "high": 140.0}
            )
            for f in started
        )
        if started
        else pd.DataFrame(columns=["force", "month", "projected", "low", "high"])
    )
    measured = [str(p) for p in pd.period_range("2015-10", "2016-09", freq="M")]
    backtests = {
        force: stock_flow.Backtest(force, "2015-10", "2016-09", "2016-09", "2019-09", 100.0, 136.0, low, high, actual,
                                   100 * (136 - actual) / actual, stock_flow.verdict(actual, low, high), 0.95, 2.0)
        for force, low, high, actual in tests
    }  # fmt: skip
    flows = pd.DataFrame({"force": list(printed)})
    return SimpleNamespace(projection=Projection(forces, measured, "2016-09", run, {}, backtests, 0.95), flows=flows)


def test_a_projection_outside_its_interval_is_never_a_fair_guide_however_close():
    found = _projection([("A", 80.0, 200.0, 110.0), ("B", 135.0, 137.0, 134.0)])
    assert page.projection_sentence(found, "A") == (
        "Run forward from the Home Office count of September 2016 (100), the projection gives about 136 Specials by "
        "September 2019 (95% interval 80 to 200); the Home Office counted 110, and the projection was 24% above that "
        "count: within the interval."
    )
    assert page.projection_sentence(found, "B").endswith(
        "the Home Office counted 134, and the projection was 1% above that count: outside the interval, so the "
        "projection is not a fair guide to how many Specials there will be."
    )


def test_a_projection_without_a_later_count_printed_rates_or_a_start_says_so():
    found = _projection([], forces=("A", "B", "C"), started=("A",))
    assert page.projection_sentence(found, "A") == (
        "Run forward from the Home Office count of September 2016 (100), the projection gives about 136 Specials by "
        "September 2019 (95% interval 90 to 140). This edition's data holds no later Home Office count to test it "
        "against: read it as illustrative only."
    )
    assert page.projection_sentence(found, "B") == (
        "There is no Home Office count for B in September 2016 to start a projection from."
    )
    assert page.projection_sentence(found, "D") == (
        "The assessment printed no recruitment or resignation rates for D, so no projection is made for it."
    )
    assert page.projection_sentence(found, "E") == (
        "This edition gives no recruitment or resignation rates for E, so no projection is made for it."
    )
    assert page.projection_sentence(SimpleNamespace(projection=None), "A") == (
        "This edition makes no projection of its Special Constables."
    )


def _three_forces():
    edition = _alliance_edition()
    counts = Chapter(edition, declaration(capacity)).read("workforce_tables")
    printed = set(Chapter(edition, declaration(capacity)).read("specials_duty_hours")["force"])
    third = next(f for f in edition.registry.names if f not in printed and f in set(counts["force"]))
    return with_forces(edition, (*edition.forces, third)), third


@pytest.mark.wide
def test_three_forces_read_right_and_a_force_without_printed_tables_says_so(monkeypatch):
    edition, third = _three_forces()
    found = _found(edition)
    assert found.forces == edition.forces and len(found.forces) == 3
    assert third not in found.projection.forces and third not in set(found.hours.changes["force"])
    values = glued_values(monkeypatch, page.glue_findings, found)
    text = page_markdown("capacity", values, edition.forces)
    assert "{glue" not in text
    own = text.split(page.headcount_sentence(found, third))[1].split("\n\n")[0]
    assert own == f" The assessment printed no count of duty hours for {third}."
    assert (
        f"**{third}.** The assessment printed no recruitment or resignation rates for {third}, so no projection" in text
    )
    for force in edition.forces:
        # One paragraph a force in the opening and in the projection, each naming that force alone.
        sentences = [page.headcount_sentence(found, force), page.hours_sentence(found, force)]
        assert f"{sentences[0]} {sentences[1]}" in text
        assert not [other for other in edition.forces if other != force and other in " ".join(sentences)]
    assert each_name("headcount_sentence", third) in values and each_name("force", third) in values
    # Every table and chart is drawn for the three; the force without printed tables is in the
    # headcount chart's data, the others in the hours as well.
    palette = colours.force_palette(edition.registry, edition.forces)
    drawn = shown(
        monkeypatch,
        lambda: page.hours_chart(found, palette),
        lambda: page.hours_table(found),
        lambda: page.mismatch_list(found),
        lambda: page.per_special_table(found),
        lambda: page.flows_table(found),
        lambda: page.projection_chart(found, palette),
        lambda: page.workforce_table(found),
        lambda: page.stated_against_counts(found),
    )
    assert all(force in drawn for force in edition.forces)


@pytest.mark.wide
def test_an_edition_without_a_projection_or_with_rates_for_some_forces_reads_right(monkeypatch):
    edition = _alliance_edition()
    specials = edition.specials
    none = dataclasses.replace(
        edition, specials=dataclasses.replace(specials, projection=None, recruits_per_month={}, leavers_per_month={})
    )
    found = _found(none, shipped_reads(none.source))  # a parameter section changed: the same datasets
    assert found.projection is None
    text = page_markdown("capacity", glued_values(monkeypatch, page.glue_findings, found), none.forces)
    assert "projection" not in text.split("## How many Specials")[1].split("## The wider workforce")[0].lower()
    first, *others = edition.forces
    some = dataclasses.replace(
        edition,
        specials=dataclasses.replace(
            specials,
            recruits_per_month={first: specials.recruits_per_month[first]},
            leavers_per_month={first: specials.leavers_per_month[first]},
        ),
    )
    found = _found(some, shipped_reads(some.source))
    assert found.projection.forces == (first,)
    for other in others:
        assert page.projection_sentence(found, other) == (
            f"This edition gives no recruitment or resignation rates for {other}, so no projection is made for it."
        )
    text = page_markdown("capacity", glued_values(monkeypatch, page.glue_findings, found), some.forces)
    assert f"**{first}.** Run forward from the Home Office count of" in text


def _counts_of_made_up_forces(edition) -> pd.DataFrame:
    """Synthetic Home Office counts (made up for this test) at the first and last month of the
    edition's workforce period: Alpha 100 then 80, Beta 50 then 60, Gamma counted once (30)."""
    period = edition.periods["workforce_tables"]
    first, last = (pd.Timestamp(m) + pd.offsets.MonthEnd(0) for m in (period.start, period.end))
    rows = [("Alpha", first, 100.0), ("Alpha", last, 80.0), ("Beta", first, 50.0), ("Beta", last, 60.0)]
    rows.append(("Gamma", last, 30.0))
    counts = pd.DataFrame(rows, columns=["force", "as_at", "specials_headcount"])
    return counts.assign(area=counts["force"], source_file="made-up.ods", source_table="Table_5")


def _national_edition():
    """The alliance edition as a first edition of three made-up forces sees it: no printed tables,
    no stated workforce and no projection, its Home Office counts the made-up ones."""
    edition = _alliance_edition()
    national = without(with_forces(edition, made_up_registry().names), capacity.OPTIONAL)
    national = dataclasses.replace(
        national,
        registry=made_up_registry(),
        specials=dataclasses.replace(national.specials, projection=None, recruits_per_month={}, leavers_per_month={}),
    )
    counts = _counts_of_made_up_forces(national)
    return national, chapter_of(capacity, national, reads=lambda name: counts)


def test_the_chapter_needs_only_datasets_every_force_has():
    catalogue = read_catalogue(ROOT)
    needed = declaration(capacity).datasets
    assert needed and all("national" in catalogue[name] for name in needed), needed
    assert not [name for name in capacity.OPTIONAL if "national" in catalogue[name]]


def test_an_edition_without_the_printed_tables_gives_each_forces_headcount_and_says_what_it_lacks(monkeypatch):
    edition, chapter = _national_edition()
    found = capacity.compute(chapter)
    assert not found.printed_held and not found.stated_held and found.projection is None
    assert found.hours.changes.empty and found.flows.empty and found.establishment.empty
    change = found.headcounts.change.set_index("force")
    assert change.loc["Alpha", ["first", "last", "change"]].tolist() == [100, 80, -20]
    assert change.loc["Alpha", "pct"] == pytest.approx(-20.0) and change.loc["Beta", "pct"] == pytest.approx(20.0)
    values = glued_values(monkeypatch, page.glue_findings, found)
    assert values["printed_tables_held"] is False and values["workforce_stated_held"] is False
    text = page_text("capacity", values, edition.forces)
    assert "Alpha had 80 Special Constables" in text and "20 fewer than the 100" in text and "(20.0% fewer)" in text
    assert "Beta had 60 Special Constables" in text and "(20.0% more)" in text
    assert "Gamma had 30 Special Constables" in text and "the only count of them" in text
    for force in edition.forces:
        opening = f"{page.headcount_sentence(found, force)} {page.not_held_sentence(force)}"
        assert opening in text
        assert not [other for other in edition.forces if other != force and other in opening]
    # Nothing of the printed tables, the assessment that printed them or the stated workforce.
    assert printed_in(found.printed) not in text
    for absent in ("## Duty hours", "Hours per Special", "establishment the assessment printed", "wider workforce"):
        assert absent not in text
    assert text.count("## How many Specials") == 1
    palette = dict(zip(edition.forces, ["#000000", "#333333", "#666666"], strict=True))
    drawn = shown(monkeypatch, lambda: page.projection_chart(found, palette))
    assert all(force in drawn for force in edition.forces)
    assert "establishment" not in drawn.lower() and "projection:" not in drawn


def test_an_edition_with_the_printed_tables_reads_as_before(monkeypatch):
    edition, found = _shipped(_alliance_edition().source)
    assert found.printed_held and found.stated_held
    values = glued_values(monkeypatch, page.glue_findings, found)
    text = page_text("capacity", values, edition.forces)
    assert "## Duty hours" in text and "## The wider workforce" in text
    assert not [force for force in edition.forces if page.not_held_sentence(force) in text]
