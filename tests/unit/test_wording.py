"""The calendar rules and the words of the prose: months moved across years, financial years,
labels, plurals, lists, changes in words and p-values, each against an answer worked by hand."""

import math

import numpy as np
import pytest

from assess import periods
from assess.present import verdicts, wording

# Calendar -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "month, by, expected",
    [
        ("2016-11", 26, "2019-01"),  # two years and two months on, across two year ends
        ("2016-11", -26, "2014-09"),  # and as far back
        ("2019-01", -1, "2018-12"),
        ("2018-12", 1, "2019-01"),
        ("2016-04", 12, "2017-04"),
        ("2016-04", 0, "2016-04"),
    ],
)
def test_shift_month_across_years(month, by, expected):
    assert periods.shift_month(month, by) == expected


def test_months_between_and_period():
    assert periods.months_between("2016-11", "2017-02") == ["2016-11", "2016-12", "2017-01", "2017-02"]
    assert periods.months_between("2016-11", "2016-11") == ["2016-11"]
    period = periods.Period("2016-11", "2017-02")
    assert period.months() == ["2016-11", "2016-12", "2017-01", "2017-02"]
    assert str(period) == "2016-11 to 2017-02"


def test_is_month():
    assert periods.is_month("2016-01") and periods.is_month("2016-12")
    assert not periods.is_month("2016-13") and not periods.is_month("2016-00")
    assert not periods.is_month("2016-1") and not periods.is_month(" 2016-01") and not periods.is_month("2016-01 ")
    assert not periods.is_month(201601) and not periods.is_month(None)


def test_is_financial_year():
    assert periods.is_financial_year("2016-17") and periods.is_financial_year("1999-00")
    assert not periods.is_financial_year("2016-18") and not periods.is_financial_year("2016-16")
    assert not periods.is_financial_year("2016/17") and not periods.is_financial_year("2016-17x")
    assert not periods.is_financial_year(2016) and not periods.is_financial_year(None)


def test_financial_year_boundaries():
    assert periods.financial_year("2016-03") == "2015-16"
    assert periods.financial_year("2016-04") == "2016-17"
    assert periods.financial_year("2017-01") == "2016-17"
    assert periods.financial_year("2009-05") == "2009-10"
    assert periods.financial_year("2000-01") == "1999-00"  # two-digit year padded


def test_financial_year_months():
    months = periods.financial_year_months("2016-17")
    assert len(months) == 12 and months[0] == "2016-04" and months[-1] == "2017-03"
    assert months == periods.months_between("2016-04", "2017-03")


def test_days_in_month():
    assert [periods.days_in_month(m) for m in ("2016-02", "2017-02", "2000-02", "1900-02", "2016-04", "2016-12")] == [
        29,
        28,
        29,
        28,
        30,
        31,
    ]


def test_labels():
    assert periods.year_label("2016-17") == "2016/17"
    assert periods.month_label("2018-10") == "Oct 2018"
    assert periods.month_label("2018-10", "long") == "October 2018"
    assert periods.month_span(["2018-10"]) == "Oct 2018"
    assert periods.month_span(["2018-10", "2018-11", "2019-02"]) == "Oct 2018 to Feb 2019"
    assert periods.month_span(["2018-10", "2019-02"], "long") == "October 2018 to February 2019"


# Words --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, n, expected",
    [
        ("force", 1, "force"),
        ("force", 2, "forces"),
        ("force", 0, "forces"),
        ("force", 1.5, "forces"),
        ("crime type", 3, "crime types"),
        ("county", 2, "counties"),
        ("the priority", 3, "the priorities"),
        ("person", 2, "people"),
        ("was", 2, "were"),
        ("box", 2, "boxes"),
        ("bus", 2, "buses"),
        ("church", 2, "churches"),
        ("dish", 2, "dishes"),
        ("day", 2, "days"),
        ("city", 2, "cities"),
        ("key", 2, "keys"),
        ("toy", 2, "toys"),
    ],
)
def test_plural(word, n, expected):
    assert wording.plural(word, n) == expected


def test_counted_and_join_words():
    assert wording.counted(1, "force") == "1 force"
    assert wording.counted(1200, "crime") == "1,200 crimes"
    assert wording.counted(0, "county") == "0 counties"
    assert wording.join_words([]) == ""
    assert wording.join_words(["a"]) == "a"
    assert wording.join_words(["a", "b"]) == "a and b"
    assert wording.join_words(["a", "b", "c"]) == "a, b and c"
    assert wording.join_words([1, 2, 3], "or") == "1, 2 or 3"
    # items that hold a comma or the conjunction are parted by semicolons, so they can be counted
    names = ["FGM, honour based abuse and forced marriage", "Foreign national offenders", "Stalking and harassment"]
    assert wording.join_words(names) == (
        "FGM, honour based abuse and forced marriage; Foreign national offenders; and Stalking and harassment"
    )
    assert wording.join_words(["a or b", "c"], "or") == "a or b; or c"
    assert wording.join_words(["Sandown", "Anderby"]) == "Sandown and Anderby"  # 'and' inside a word is no conjunction


@pytest.mark.parametrize(
    "pct, decimals, expected",
    [
        # "About the same" exactly when the change rounds to zero at the decimals shown.
        (0.04, 1, "about the same"),
        (0.06, 1, "0.1% more"),
        (-0.04, 1, "about the same"),
        (-0.06, 1, "0.1% fewer"),
        (0.0, 1, "about the same"),
        (0.4, 0, "about the same"),
        (0.6, 0, "1% more"),
        (0.004, 2, "about the same"),
        (0.006, 2, "0.01% more"),
        (12.345, 1, "12.3% more"),
        (-36.24, 1, "36.2% fewer"),
        (-3.14159, 2, "3.14% fewer"),
    ],
)
def test_percent_change_words(pct, decimals, expected):
    assert wording.percent_change_words(pct, decimals) == expected


def test_percent_change_words_default_decimals_and_own_words():
    assert wording.percent_change_words(0.04) == "about the same"
    assert wording.percent_change_words(0.06) == "0.1% more"
    assert wording.percent_change_words(2.5, more="higher", fewer="lower") == "2.5% higher"
    assert wording.percent_change_words(-2.5, more="higher", fewer="lower") == "2.5% lower"


@pytest.mark.parametrize("missing", [None, math.nan, float("nan"), np.float64("nan")])
def test_percent_change_words_without_a_comparison(missing):
    assert wording.percent_change_words(missing) == "no comparison"


@pytest.mark.parametrize(
    "p, expected",
    [
        (0.0, "p < 0.001"),
        (0.0004, "p < 0.001"),
        (0.001, "p = 0.001"),  # not below 0.001: three decimals
        (0.0123, "p = 0.012"),
        (0.049, "p = 0.049"),
        (0.0994, "p = 0.099"),
        (0.1, "p = 0.10"),  # from 0.1 on: two decimals
        (0.456, "p = 0.46"),
        (1.0, "p = 1.00"),
    ],
)
def test_p_text(p, expected):
    assert verdicts.p_text(p) == expected


def test_plural_of_phrases_and_words_ending_in_a_vowel_and_y():
    assert wording.plural("young person", 2) == "young people"
    assert wording.plural("monkey", 2) == "monkeys"
    assert wording.plural("local authority", 3) == "local authorities"


def test_printed_in_names_the_assessment_of_a_catalogue_title():
    from assess.present.labels import printed_in

    assert printed_in("Recorded hate crime by month (Strategic Assessment 2016/17, Section 5)") == (
        "Strategic Assessment 2016/17"
    )
    assert printed_in("Police workforce") == "the assessment"


def test_printed_section_names_the_assessment_and_its_section():
    from assess.present.labels import printed_section

    title = "West Mercia recorded crime by policing area (Strategic Assessment 2016/17, Section 4)"
    assert printed_section(title) == "Strategic Assessment 2016/17, Section 4"
    assert printed_section("Printed in the Strategic Assessment 2019/20") == "Strategic Assessment 2019/20"
    assert printed_section("Police workforce") == "the assessment"
    entry = {"title": "Recorded crime by area", "printed_in": "Strategic Assessment 2021/22, Section 4"}
    assert printed_section(entry) == "Strategic Assessment 2021/22, Section 4"


def test_printed_in_reads_a_catalogue_entry():
    from assess.present.labels import printed_in

    entry = {"title": "Special Constabulary duty hours", "printed_in": "Strategic Assessment 2021/22, Section 5"}
    assert printed_in(entry) == "Strategic Assessment 2021/22"
    assert printed_in({"title": "Police workforce"}) == "the assessment"


@pytest.mark.parametrize("p, expected", [(0.0004, "< 0.001"), (0.00849, "0.008"), (0.0851, "0.085"), (0.456, "0.46")])
def test_a_table_prints_a_p_value_as_the_prose_does(p, expected):
    assert verdicts.p_value_text(p) == expected and verdicts.p_text(p).endswith(expected)


def test_split_words():
    assert wording.split_words({"lower": 35, "higher": 2}, 37, "none") == "lower in 35 and higher in 2"
    assert wording.split_words({"lower": 35, "higher": 0}, 35, "none") == "lower in all of them"
    assert wording.split_words({"lower": 1, "higher": 0}, 1, "none") == "lower in 1"
    assert wording.split_words({"lower": 0, "higher": 0}, 0, "the same in every month") == "the same in every month"
    assert wording.split_words({"lower": 1200}, 1300, "none") == "lower in 1,200"
