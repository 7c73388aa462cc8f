"""The comparison of two figures registers, on a small hand-computed example, and its page."""

import pytest

from assess.analysis.changes import about_forces, compare_figures
from assess.present.changes import changes_markdown, summary_lines
from assess.present.escape import myst_inline


def _f(section, name, value, unit="crimes", description=""):
    return {"section": section, "name": name, "value": value, "unit": unit, "description": description}


PREVIOUS = [
    _f("Demand", "crimes_total", 200),  # now 150: −50, −25%
    _f("Demand", "crimes_theft", 40),  # now 50: +10, +25%: as big as crimes_total's, so by name
    _f("Demand", "crimes_fraud", 0),  # now 7: from 0, listed first
    _f("Demand", "share_theft", 20.0, unit="%"),  # unchanged
    _f("Demand", "harm_total", 1000, unit="harm (chi, days)"),  # unit changes: gone and new
    _f("Capacity", "specials", 400, unit="Special Constables"),  # gone
    _f("Capacity", "peak_month", "June 2016", unit=None),  # now July 2016: text change
    _f("Capacity", "sentence", "A long sentence that says many things about the year gone by.", unit=None),
]
CURRENT = [
    _f("Demand", "crimes_total", 150),
    _f("Demand", "crimes_theft", 50),
    _f("Demand", "crimes_fraud", 7),
    _f("Demand", "share_theft", 20.0, unit="%"),
    _f("Demand", "harm_total", 1000, unit="harm (css)"),
    _f("Capacity", "peak_month", "July 2016", unit=None),
    _f("Capacity", "sentence", "Another long sentence that says many things about the year gone.", unit=None),
    _f("Capacity", "hours", 5000, unit="hours"),
]


def test_changed_figures_with_change_and_percent_change_biggest_first():
    changes = compare_figures(PREVIOUS, CURRENT)
    rows = [(c.name, c.old, c.new, c.change, c.percent) for c in changes.changed]
    assert rows == [
        ("crimes_fraud", 0, 7, 7, None),
        ("crimes_theft", 40, 50, 10, pytest.approx(25.0)),
        ("crimes_total", 200, 150, -50, pytest.approx(-25.0)),
        ("peak_month", "June 2016", "July 2016", None, None),
    ]


def test_new_and_gone_figures_grouped_by_chapter_in_the_newer_editions_order():
    changes = compare_figures(PREVIOUS, CURRENT)
    assert [(f["section"], f["name"], f["unit"]) for f in changes.new] == [
        ("Demand", "harm_total", "harm (css)"),
        ("Capacity", "hours", "hours"),
    ]
    assert [(f["section"], f["name"]) for f in changes.gone] == [("Demand", "harm_total"), ("Capacity", "specials")]


def test_biggest_percentage_change_comes_first_whatever_its_sign():
    previous = [_f("A", "small", 100), _f("A", "big", 100)]
    current = [_f("A", "small", 101), _f("A", "big", 10)]
    assert [c.name for c in compare_figures(previous, current).changed] == ["big", "small"]


def test_a_single_force_edition_compares_only_its_own_forces_figures():
    previous = [_f("A", "hours_west_mercia_2016", 10), _f("A", "hours_warwickshire_2016", 20), _f("A", "n_tests", 26)]
    current = [_f("A", "hours_west_mercia_2016", 12), _f("A", "n_tests", 13)]
    changes = compare_figures(previous, current, about_forces(["West Mercia"], ["Warwickshire"]))
    assert [c.name for c in changes.changed] == ["hours_west_mercia_2016"]
    assert changes.gone == [] and changes.new == []


def test_page_lists_each_change_in_the_figures_unit_and_the_summary_links_it():
    changes = compare_figures(PREVIOUS, CURRENT)
    page = changes_markdown(changes, "Strategic Assessment 2016/17")
    assert f"| {myst_inline('crimes_total')} | crimes | 200 | 150 | −50 | −25.0% |" in page
    assert f"| {myst_inline('crimes_fraud')} | crimes | 0 | 7 | +7 | from 0 |" in page
    assert "4 figures changed, 2 figures are new and 2 figures are no longer given" in page
    assert page.index("## Demand") < page.index("## Capacity")
    assert f"| {myst_inline('June 2016')} | {myst_inline('July 2016')} |  |  |" in page
    assert any("{doc}`Changes since the last edition <changes>`" in line for line in summary_lines(changes, "x"))
    assert summary_lines(None, None) == []
    assert "not compared" in changes_markdown(None, None)


def test_page_numbers_figures_that_share_a_description_never_naming_them_and_shows_flags_as_yes_or_no():
    previous = [_f("A", "rate_b", 2, description="the rate"), _f("A", "rate_a", 1, description="the rate")]
    previous.append(_f("A", "rising", False, unit=None, description="whether it rises"))
    current = [_f("A", "rate_b", 4, description="the rate"), _f("A", "rate_a", 3, description="the rate")]
    current.append(_f("A", "rising", True, unit=None, description="whether it rises"))
    page = changes_markdown(compare_figures(previous, current), "before")
    # numbered in the order of their names: rate_a is 1 of 2 (1 to 3), rate_b 2 of 2 (2 to 4)
    assert f"| {myst_inline('the rate (1 of 2)')} | crimes | 1 | 3 | +2 |" in page
    assert f"| {myst_inline('the rate (2 of 2)')} | crimes | 2 | 4 | +2 |" in page
    assert "rate\\_a" not in page and "rate\\_b" not in page
    assert f"| {myst_inline('whether it rises')} |  | no | yes |" in page


def test_no_percent_change_of_a_rank_a_p_value_or_an_information_criterion():
    units = ["rank of 43 (1 = highest)", "p-value", "quasi-AIC", "crimes"]
    previous = [_f("A", f"x{i}", 2, unit=u, description=f"figure {i}") for i, u in enumerate(units)]
    current = [_f("A", f"x{i}", 16, unit=u, description=f"figure {i}") for i, u in enumerate(units)]
    page = changes_markdown(compare_figures(previous, current), "before")
    for i, unit in enumerate(units[:3]):
        assert f"| figure {i} | {myst_inline(unit)} | 2 | 16 | +14 |  |" in page
    assert "| figure 3 | crimes | 2 | 16 | +14 | +700.0% |" in page  # a count's % change stays
    assert "+700.0%" not in page.replace("| figure 3 | crimes | 2 | 16 | +14 | +700.0% |", "")


def test_the_page_opens_with_a_summary_block_of_counts_by_chapter_that_the_pdf_prints():
    page = changes_markdown(compare_figures(PREVIOUS, CURRENT), "Strategic Assessment 2016/17")
    summary = page.split("::::{container} assess-print-summary\n", 1)[1].split("\n::::\n", 1)[0]
    assert "4 figures changed" in summary
    assert "| Demand | 3 | 1 | 1 |" in summary and "| Capacity | 1 | 1 | 1 |" in summary
    assert "## " not in summary  # no heading inside the block
    assert page.index("### Figures that changed") < page.index("```{table} Figures of Demand that changed")


def test_a_figure_for_a_period_unfinished_when_the_last_edition_was_written_is_not_compared():
    from assess.build.changes import partial_periods, period_end

    assert period_end("hate crime, financial year 2016-17 (sum of months)") == "2017-03-31"
    assert period_end("after the change (2014-02 to 2016-09)") == "2016-09-30"
    assert period_end("Warwickshire, 2015/16") == "2016-03-31" and period_end("30 September 2016") == ""
    previous = [
        _f("A", "total", 917, description="hate crime, financial year 2016-17 (sum of months)"),
        _f("A", "before", 1301, description="hate crime, financial year 2015-16 (sum of months)"),
    ]
    current = [
        _f("A", "total", 1950, description="hate crime, financial year 2016-17 (sum of months)"),
        _f("A", "before", 1356, description="hate crime, financial year 2015-16 (sum of months)"),
    ]
    changes = partial_periods(compare_figures(previous, current), "2016-11-30")
    total, before = (next(c for c in changes.changed if c.name == n) for n in ("total", "before"))
    assert (total.change, total.percent) == (None, None)
    assert "part of that period only" in total.old_description and "30 November 2016" in total.old_description
    assert (before.change, round(before.percent, 1)) == (55, 4.2)  # a year that had ended: compared
    page = changes_markdown(changes, "before")
    assert "| 917 | 1,950 |  |  |" in page.replace("1\\,950", "1,950")


def test_a_percentage_changes_in_points_with_no_percent_change():
    previous = [_f("A", "share", 20.0, unit="% of recorded crime"), _f("A", "count", 10)]
    current = [_f("A", "share", 30.0, unit="% of recorded crime"), _f("A", "count", 12)]
    changes = compare_figures(previous, current)
    share = next(c for c in changes.changed if c.name == "share")
    assert (share.change, share.percent) == (10.0, None)
    assert [c.name for c in changes.changed] == ["count", "share"]  # +20% before 10 points
    page = changes_markdown(changes, "before")
    assert f"| {myst_inline('share')} | {myst_inline('% of recorded crime')} | 20 | 30 | +10 |  |" in page


def test_a_figure_described_differently_last_time_shows_both_descriptions():
    previous = [_f("A", "projected", 242, description="projected for September 2017")]
    current = [_f("A", "projected", 314, description="projected for September 2019")]
    (change,) = compare_figures(previous, current).changed
    assert change.old_description == "projected for September 2017"
    page = changes_markdown(compare_figures(previous, current), "before")
    assert (
        myst_inline("projected for September 2019") + " " + myst_inline("(last edition: projected for September 2017)")
        in page
    )
    same = compare_figures(current, [_f("A", "projected", 300, description="projected for September 2019")])
    assert same.changed[0].old_description == ""


def test_figures_sharing_a_description_but_not_a_unit_need_no_name():
    current = [
        _f("A", "crimes", 5, description="Warwickshire, 2017/18"),
        _f("A", "harm", 9, "days", "Warwickshire, 2017/18"),
    ]
    page = changes_markdown(compare_figures([], current), "before")
    assert "(crimes)" not in page and "(harm)" not in page and myst_inline("Warwickshire, 2017/18") in page


def test_a_change_across_zero_has_no_percent_change_and_negatives_print_a_minus():
    previous = [_f("A", "gap", 9), _f("A", "loss", -4)]
    current = [_f("A", "gap", -195), _f("A", "loss", -6)]
    changes = compare_figures(previous, current)
    gap, loss = (next(c for c in changes.changed if c.name == n) for n in ("gap", "loss"))
    assert (gap.change, gap.percent) == (-204, None)  # 9 to −195: no % change across zero
    assert (loss.change, loss.percent) == (-2, -50.0)  # −4 to −6: 50% further below zero
    page = changes_markdown(changes, "before")
    assert f"| {myst_inline('gap')} | crimes | 9 | −195 | −204 |  |" in page
    assert f"| {myst_inline('loss')} | crimes | −4 | −6 | −2 | −50.0% |" in page


def test_a_year_changes_by_years_with_no_percent_change():
    before, now = _f("A", "population_year", 2015, unit="year"), _f("A", "population_year", 2018, unit="year")
    changes = compare_figures([before], [now])
    (year,) = changes.changed
    assert (year.change, year.percent) == (3, None)
    assert f"| {myst_inline('population_year')} | year | 2015 | 2018 | +3 |  |" in changes_markdown(changes, "before")
