"""Known answers of assess.analysis.yearly_direction: hand-made series and segment tables."""

import pandas as pd
import pytest

from assess.analysis import yearly_direction as yd


def months(start: str, n: int) -> list[str]:
    return pd.period_range(start, periods=n, freq="M").astype(str).tolist()


def series(values: list[float], start: str = "2015-04") -> pd.Series:
    return pd.Series(values, index=months(start, len(values)))


def segments(start: str, pct: float, p: float) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"segment": "before", "start": "2015-04", "annual_pct": 40.0, "p_value": 0.001},
            {"segment": "after", "start": start, "annual_pct": pct, "p_value": p},
        ]
    )


def test_complete_years_hand_worked():
    found = yd.complete_years(series([10] * 12 + [20] * 12 + [5] * 6, start="2015-04"))
    assert found["financial_year"].tolist() == ["2015-16", "2016-17", "2017-18"]
    assert found["total"].tolist() == [120, 240, 30]
    assert found["months"].tolist() == [12, 12, 6] and found["complete"].tolist() == [True, True, False]


def test_rate_fell_late_but_yearly_total_higher_is_explained():
    """The hate crime case: the latest slope (falling) began in March of the earlier year, and the
    later year's total is 10% higher: they disagree because the years mix two slopes."""
    observed = series([100] * 12 + [150] * 12 + [165] * 12)
    fitted = series([100.0] * 12 + [155.0] * 12 + [160.0] * 12)
    check = yd.direction_check(observed, fitted, segments("2017-03", -18.4, 0.008))
    assert (check.earlier_year, check.later_year) == ("2016-17", "2017-18")
    assert (check.earlier_total, check.later_total) == (1800, 1980)
    assert check.totals_pct == pytest.approx(10.0) and check.totals_direction == "higher"
    assert check.fitted_pct == pytest.approx(100 * (1920 / 1860 - 1))
    assert check.slope_direction == "falling" and not check.agree
    assert check.reason == "slope began within the years compared" and check.reason in yd.REASONS


def test_agreement_and_the_other_reasons():
    observed = series([100] * 12 + [150] * 12 + [120] * 12)
    fitted = series([100.0] * 12 + [150.0] * 12 + [120.0] * 12)
    assert yd.direction_check(observed, fitted, segments("2015-04", -15.0, 0.01)).reason == "agree"
    within = yd.direction_check(observed, fitted, segments("2015-04", -15.0, 0.2))
    assert within.slope_direction == "no clear change" and within.reason == "slope within chance"
    rising = yd.direction_check(observed, fitted, segments("2016-04", 12.0, 0.01))
    assert not rising.agree and rising.reason == "totals differ from the model"
    assert rising.slope_start == "2016-04" and rising.slope_pct == 12.0 and rising.slope_p == 0.01
    same = yd.direction_check(series([100] * 24), series([100.0] * 24), segments("2015-04", 5.0, 0.01))
    assert same.totals_direction == "the same" and not same.agree


def test_the_slope_start_on_the_first_month_of_the_earlier_year_does_not_count_as_within():
    observed = series([100] * 12 + [150] * 12 + [120] * 12)
    check = yd.direction_check(observed, observed.astype(float), segments("2016-04", 10.0, 0.01))
    assert check.reason == "totals differ from the model"
    later = yd.direction_check(observed, observed.astype(float), segments("2016-05", 10.0, 0.01))
    assert later.reason == "slope began within the years compared"


def test_fewer_than_two_complete_years_raise():
    with pytest.raises(ValueError, match="two complete financial years"):
        yd.direction_check(series([1] * 20), series([1.0] * 20), segments("2015-04", 1.0, 0.01))
