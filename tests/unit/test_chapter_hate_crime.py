"""assess.chapters.hate_crime and its page: the series analysed, its two sources compared wherever
both hold the same forces' months, each force's own returns in its own sentence, and small counts
hidden in every table and download."""

from __future__ import annotations

import dataclasses
import functools
from types import SimpleNamespace
from urllib.parse import unquote

import pandas as pd
import pytest
from chapter_pages import glued_values, page_markdown, shown, with_forces

from assess.analysis import change_points, trend_models, yearly_direction
from assess.chapters import Chapter, declaration, hate_crime
from assess.chapters.hate_crime import PRINTED, RETURNS, by_financial_year, source_check
from assess.edition import load_edition
from assess.errors import InputError
from assess.periods import financial_year
from assess.present.chapters import hate_crime as page
from conftest import ROOT, checked_editions, shipped_editions, shipped_reads, waits_for

EDITIONS = [p for p in shipped_editions() if "hate-crime" not in waits_for(p)]
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


def _chapter(edition) -> Chapter:
    return Chapter(edition, declaration(hate_crime))


@functools.cache
def _shipped(path):
    """The shipped edition ``path``, its chapter and what the chapter finds, computed once per test
    process for the tests that only read them."""
    edition = load_edition(path, ROOT)
    chapter = Chapter(edition, declaration(hate_crime), shipped_reads(path))
    return edition, chapter, hate_crime.compute(chapter)


def _returns_by_hand(chapter: Chapter) -> dict[str, dict[str, int]]:
    """Each of the edition's forces' own returns, month → count, read without the chapter's code."""
    returns = chapter.read("hate_crime_by_force")
    return {
        force: dict(zip(rows["month"], rows["recorded_crimes"], strict=True))
        for force, rows in returns.groupby("force")
        if force in chapter.forces
    }


@pytest.mark.parametrize("path", checked_editions(EDITIONS), ids=lambda p: p.stem)
def test_the_series_is_the_printed_one_or_the_sum_of_the_forces_returns(path):
    edition, chapter, found = _shipped(path)
    series = found.series.counts
    by_force = _returns_by_hand(chapter)
    if found.series.source == PRINTED:
        printed = chapter.read("hate_crime_monthly")
        assert series.to_dict() == dict(zip(printed["month"], printed["recorded_crimes"], strict=True))
        assert found.series.forces == edition.forces
    else:
        assert found.series.source == RETURNS and found.series.forces == tuple(
            f for f in edition.forces if f in by_force
        )
        shared = sorted(set.intersection(*(set(months) for months in by_force.values())))
        assert series.to_dict() == {m: sum(by_force[f][m] for f in by_force) for m in shared}
    assert found.years["recorded_crimes"].sum() == series.sum() and found.years["months"].sum() == len(series)
    assert found.event.at == edition.hate_crime.step_at
    assert (found.event.test is None) == (not series.index[0] < found.event.at < series.index[-1])
    # The change of slope is searched for over the same months by the model and by the test of the search.
    edge = change_points.default_edge(len(series))
    fit, search = found.trend.fit, found.trend.search
    assert fit.edge_months == edge and (search.window.first, search.window.last) == (fit.search_first, fit.search_last)
    assert found.trend.choice.best == fit.model


@pytest.mark.parametrize("path", checked_editions(EDITIONS), ids=lambda p: p.stem)
def test_two_sources_are_compared_from_the_data_wherever_both_hold_the_same_forces_months(path):
    edition, chapter, found = _shipped(path)
    registry = edition.registry
    alliance = any(
        set(registry.alliance_members(a)) == set(edition.forces) for a in registry.alliances_covered(edition.forces)
    )
    if not (alliance and chapter.has("hate_crime_monthly")):
        assert found.sources is None
        return
    printed = chapter.read("hate_crime_monthly").set_index("month")["recorded_crimes"].to_dict()
    by_force = _returns_by_hand(chapter)
    summed = {m: sum(counts[m] for counts in by_force.values()) for m in set.intersection(*map(set, by_force.values()))}
    both = sorted(set(printed) & set(summed))
    assert found.sources is not None and found.sources.compared["month"].tolist() == both
    comparison = found.sources.comparison
    assert list(comparison.overlap) == both
    assert list(comparison.differing) == [m for m in both if printed[m] != summed[m]]
    assert comparison.difference == sum(printed[m] for m in both) - sum(summed[m] for m in both)
    assert found.sources.differ == bool(comparison.differing)
    assert found.sources.printed_lower == sum(printed[m] < summed[m] for m in both)
    yearly = found.sources.yearly.set_index("financial_year")
    for year, rows in pd.Series(both).groupby(pd.Series(both).map(financial_year)):
        assert yearly.loc[year, "first"] == sum(printed[m] for m in rows)
        assert yearly.loc[year, "second"] == sum(summed[m] for m in rows)


def test_the_source_check_by_hand():
    printed = pd.Series({"2016-01": 10, "2016-02": 12, "2016-03": 9})
    returns = pd.Series({"2016-02": 15, "2016-03": 9, "2016-04": 5})
    check = source_check(printed, returns, {"printed_in": "Strategic Assessment 2016/17, Section 5"})
    assert check.compared["month"].tolist() == ["2016-02", "2016-03"] and check.differ
    assert (check.comparison.differing, check.comparison.difference) == (("2016-02",), -3)
    assert (check.printed_lower, check.printed_higher) == (1, 0)
    assert check.gaps["month"].tolist() == ["2016-02"]
    assert source_check(printed, pd.Series({"2017-01": 3}), {}) is None  # no shared month: nothing to compare
    same = source_check(printed, printed, {})
    assert not same.differ and len(same.comparison.overlap) == 3


def test_yearly_totals_count_the_months_each_year_holds():
    monthly = pd.DataFrame({"month": ["2016-02", "2016-03", "2016-04"], "recorded_crimes": [4, 6, 7]})
    years = by_financial_year(monthly)
    assert years.to_dict("records") == [
        {"financial_year": "2015-16", "months": 2, "recorded_crimes": 10},
        {"financial_year": "2016-17", "months": 1, "recorded_crimes": 7},
    ]


def _three_forces():
    edition = _alliance_edition()
    returns = set(_chapter(edition).read("hate_crime_by_force")["force"])
    third = next(f for f in edition.registry.names if f not in returns)
    return with_forces(edition, (*edition.forces, third)), third


@pytest.mark.wide
def test_three_forces_read_right_and_a_force_without_returns_is_counted_in_no_series(monkeypatch):
    edition, third = _three_forces()
    found = hate_crime.compute(_chapter(edition))
    assert third not in found.series.forces and found.series.forces and found.sources is None
    text = page_markdown("hate-crime", glued_values(monkeypatch, page.glue_findings, found), edition.forces)
    assert "{glue" not in text
    assert f"No monthly count of recorded hate crime is held for {third}, so the series this chapter analyses " in text
    for force in found.series.forces:
        said = page.returns_sentence(found, force)
        assert said in text and not [f for f in edition.forces if f != force and f in said]
        latest = found.returns_of(force).query("months == 12").iloc[-1]
        assert (
            f"{int(latest.recorded_crimes):,} recorded hate crimes in {latest.financial_year.replace('-', '/')}" in said
        )
    assert "no second monthly series" in text  # the printed series counts two of the three forces only
    drawn = shown(
        monkeypatch,
        lambda: page.trend_chart(found),
        lambda: page.models_table(found),
        lambda: page.slopes_table(found),
        lambda: page.xmr_chart(found),
        lambda: page.sources_table(found),
        lambda: page.sources_chart(found),
        lambda: page.years_table(found),
    )
    assert all(force in drawn for force in found.series.forces) and third not in drawn


def test_an_edition_none_of_whose_forces_has_a_series_is_refused_in_one_line():
    edition = _alliance_edition()
    returns = set(_chapter(edition).read("hate_crime_by_force")["force"])
    other = next(f for f in edition.registry.names if f not in returns)
    with pytest.raises(InputError, match=f"expected a monthly hate crime series for {other}, found "):
        hate_crime.compute(_chapter(with_forces(edition, (other,))))


def _returns(rows, below=5, counted=("A",)) -> SimpleNamespace:
    returns = pd.DataFrame(rows, columns=["force", "month", "recorded_crimes"])
    return SimpleNamespace(
        returns=returns,
        returns_of=lambda f: by_financial_year(returns[returns["force"] == f]),
        series=SimpleNamespace(forces=counted),
        suppress_below=below,
    )


def test_a_forces_sentence_gives_its_last_two_whole_years_and_hides_small_counts():
    months = [str(p) for p in pd.period_range("2015-04", "2017-05", freq="M")]
    found = _returns([("A", m, 100 if m < "2016-04" else 2 if m == "2016-04" else 0) for m in months])
    assert (
        page.returns_sentence(found, "A")
        == "A's own returns count <5 recorded hate crimes in 2016/17 and 1,200 in 2015/16."
    )
    short = _returns([("A", "2017-01", 3), ("A", "2017-02", 4)])
    assert (
        page.returns_sentence(short, "A")
        == "A's own returns count 7 recorded hate crimes in January 2017 to February 2017."
    )
    assert page.returns_sentence(short, "B") == (
        "No monthly count of recorded hate crime is held for B, so the series this chapter analyses does not count it."
    )


@pytest.mark.parametrize(
    ("p", "low", "high", "words"),
    [(0.01, 2.0, 9.0, "rose by 5.0% a year"), (0.01, -9.0, -2.0, "fell by 5.0% a year"),
     (0.2, -1.0, 11.0, "changed by -5.0% a year, which is within what chance would give")],
)  # fmt: skip
def test_a_slope_is_said_to_rise_or_fall_only_beyond_chance(p, low, high, words):
    pct = 5.0 if "changed" not in words else -5.0
    row = SimpleNamespace(
        segment="whole series",
        start="2015-04",
        end="2018-03",
        annual_pct=pct if "fell" not in words else -5.0,
        ci_low=low,
        ci_high=high,
        p_value=p,
    )
    said = page.slope_sentence(row)
    assert words in said and said.startswith("From April 2015 to March 2018, net of season")
    assert f"({page.LEVEL} interval {low:+.1f}% to {high:+.1f}%" in said
    assert f"{100 * (1 - trend_models.ALPHA):g}%" == page.LEVEL


def _effect(ratio, low, high, p):
    return change_points.Effect(ratio, low, high, p, 1, "quasi-Poisson")


def test_the_event_sentence_gives_both_effects_and_which_fits():
    choice = change_points.model_choice({"no effect": 60.0, "pulse": 61.0, "level shift": 50.0})
    test = change_points.EventTest(
        "2016-07", 1, "linear", _effect(1.1, 0.9, 1.3, 0.4), _effect(1.3, 1.1, 1.5, 0.001), choice, "level shift"
    )
    found = SimpleNamespace(
        event=SimpleNamespace(at="2016-07", event="the referendum", test=test),
        series=SimpleNamespace(months=["2015-04", "2018-03"]),
    )
    assert page.event_sentence(found) == (
        "Set against a straight trend, the recorded daily rate in July 2016, the first month after the referendum, "
        f"was 10.0% above the trend, within what chance would give ({page.LEVEL} interval -10.0% to +30.0%, p = 0.40); "
        f"from then to March 2018, it sat 30.0% above the trend ({page.LEVEL} interval +10.0% to +50.0%, p = 0.001). "
        "A lasting level shift fits the months better than no effect or a 1-month pulse."
    )
    tied = change_points.model_choice({"no effect": 60.0, "pulse": 61.0, "level shift": 61.5})
    found.event.test = dataclasses.replace(test, choice=tied, fits="tied")
    assert page.event_sentence(found).endswith(
        "The data do not choose between no effect, a 1-month pulse and a lasting level shift."
    )
    found.event.test = None
    assert page.event_sentence(found) == (
        "The month chosen for testing the referendum, July 2016, leaves no month of this series before it or after "
        "it, so it was not tested."
    )


def _fit(model="hinge", change="2017-03"):
    return SimpleNamespace(model=model, change_month=change)


def test_models_within_the_margin_are_said_to_be_tied():
    decisive = SimpleNamespace(
        fit=_fit(), choice=change_points.model_choice({"hinge": 50.0, "spline": 53.5, "linear": 90.0})
    )
    assert page.model_sentence(decisive) == (
        "The series is best described by a trend that changes slope once (in March 2017): its quasi-AIC is 3.5 lower "
        "than the next model's."
    )
    tied = SimpleNamespace(
        fit=_fit(), choice=change_points.model_choice({"hinge": 51.0, "spline": 51.8, "linear": 88.1})
    )
    assert page.model_sentence(tied) == (
        "The data do not choose between a trend that changes slope once (in March 2017) and a smooth curve: their "
        "quasi-AIC lie within 2 of each other. The figures that follow are those of a trend that changes slope once, "
        "whose quasi-AIC is the lowest."
    )


def _search(p, at_edge=False, replicates=999):
    window = change_points.SearchWindow("2015-10", "2017-09", 24, 6, "2015-04", "2018-03", "2017-09", at_edge)
    return SimpleNamespace(
        search=change_points.BreakSearch("slope", "2017-09", 20.0, p, 1e-6, replicates, 1.5, window, None, "")
    )


def test_the_search_is_allowed_for_and_a_month_at_the_edge_is_flagged():
    least = page.search_sentence(_search(1 / 1000, at_edge=True))
    assert least == (
        "Searched for over every month from October 2015 to September 2017, the strongest change of slope is in "
        "September 2017; that month is at the edge of the months searched, so the change may lie outside them. "
        "Allowing for that search, a change as strong would rarely arise by chance (p at most 0.001: none of 999 "
        "series simulated without a change had one as large)."
    )
    chance = page.search_sentence(_search(0.3))
    assert "a change as strong could arise by chance (p = 0.30, from 999 series simulated" in chance
    assert "edge" not in chance
    assert page.search_sentence(SimpleNamespace(search=None)) == ""


def _years(later, earlier, slope, p, start, agree, reason):
    check = yearly_direction.DirectionCheck(
        "2016-17", "2017-18", earlier, later, 100 * (later / earlier - 1), "higher" if later > earlier else "lower",
        earlier, later, 0.0, start, slope, p, "rising" if slope > 0 and p < 0.05 else "falling" if p < 0.05
        else "no clear change", agree, reason,
    )  # fmt: skip
    return SimpleNamespace(trend=SimpleNamespace(years=check), suppress_below=5)


def test_the_yearly_totals_are_set_beside_the_latest_slope_and_a_difference_explained():
    agree = page.years_sentence(_years(1100, 1000, 20.0, 0.01, "2015-04", True, "agree"))
    assert agree == (
        "The yearly totals agree with the latest slope: 1,100 recorded hate crimes in 2017/18 against 1,000 in "
        "2016/17 (+10.0%)."
    )
    reason = "slope began within the years compared"
    late = page.years_sentence(_years(1100, 1000, -30.0, 0.001, "2017-06", False, reason))
    assert late == (
        "The yearly totals read differently, 1,100 recorded hate crimes in 2017/18 against 1,000 in 2016/17 (+10.0%), "
        f"while the model's latest slope falls: {yearly_direction.REASONS[reason]}."
    )
    chance = page.years_sentence(_years(900, 1000, 5.0, 0.4, "2015-04", False, "slope within chance"))
    assert chance.endswith("(-10.0%), while the model's latest slope is within chance.")
    small = page.years_sentence(_years(3, 1000, -5.0, 0.001, "2015-04", True, "agree"))
    assert "<5 recorded hate crimes in 2017/18" in small and " 3 " not in small
    assert page.years_sentence(SimpleNamespace(trend=SimpleNamespace(years=None), suppress_below=5)) == ""


def test_small_counts_are_hidden_in_every_table_and_download_of_the_chapter():
    for path in checked_editions(EDITIONS):
        _, _, found = _shipped(path)
        # A threshold above every count: each count, and each figure that would give one back, is hidden.
        below = 10**7
        hidden = dataclasses.replace(found, suppress_below=below)
        tables = [page.years_table(hidden)] + ([page.sources_table(hidden)] if found.sources else [])
        shown_counts = found.years["recorded_crimes"].tolist()
        if found.sources:
            shown_counts += found.sources.yearly[["first", "second", "difference"]].abs().stack().tolist()
        for html in tables:
            assert f"&lt;{below}" in html.data and f"<{below}" in unquote(html.data)
            assert not [n for n in shown_counts if n and f">{n:,}<" in html.data]
        drawn = []
        with pytest.MonkeyPatch.context() as patched:
            patched.setattr(page.plots, "show", lambda fig, data, caption, source, into=drawn: into.append(data))
            page.trend_chart(hidden)
            page.xmr_chart(hidden)
            page.sources_chart(hidden)
        assert len(drawn) == (3 if found.sources else 2)
        for data in drawn:
            counts = [
                c for c in data.columns if c.startswith(("Recorded hate crimes", "Recorded ÷", "As printed", "Sum of"))
            ]
            assert counts and all(data[c].map(str).eq(f"<{below}").all() for c in counts), list(data.columns)


@pytest.mark.wide
def test_an_edition_naming_no_event_says_so_and_tests_none(monkeypatch):
    edition = dataclasses.replace(_alliance_edition(), hate_crime=None)
    found = hate_crime.compute(_chapter(edition))
    assert found.event is None
    values = glued_values(monkeypatch, page.glue_findings, found)
    assert values["step_tested"] is False and "hate_event_level_ratio" not in values
    text = page_markdown("hate-crime", values, edition.forces)
    assert "This edition names no known event to test the series against." in text
    assert "## Testing a known event" not in text
