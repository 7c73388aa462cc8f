"""Known answers of assess.analysis.stock_flow: hand-worked projections, the Skellam distribution
of a Poisson stock and flow (scipy), the variance with uncertain rates, and the wording rule."""

import pandas as pd
import pytest
from scipy import stats

from assess.analysis import stock_flow as sf


def months(start: str, n: int) -> list[str]:
    return pd.period_range(start, periods=n, freq="M").astype(str).tolist()


def test_central_projection_is_the_hand_worked_stock_and_flow():
    """100 Specials, 6 recruits and 3 leavers a month: 3 more each month, 136 after 12 months."""
    run = months("2016-09", 13)
    found = sf.projection_interval(100, 6, 3, run, draws=2000)
    assert found["projected"].iloc[-1] == 136.0 and found["month"].tolist() == run
    assert found["projected"].tolist() == [100.0 + 3 * k for k in range(13)]
    assert found["low"].iloc[0] == found["high"].iloc[0] == 100.0
    assert (found["low"] <= found["projected"]).all() and (found["projected"] <= found["high"]).all()


def test_poisson_flows_with_known_rates_give_the_skellam_interval():
    """Known rates, Poisson flows: the change in 12 months is Poisson(72) − Poisson(36), a Skellam
    variable; the simulated 95% interval matches scipy's quantiles to within one person."""
    found = sf.projection_interval(500, 6, 3, months("2016-09", 13), measured_months=None, draws=40_000)
    low, high = 500 + stats.skellam.ppf([0.025, 0.975], 72, 36)
    assert abs(found["low"].iloc[-1] - low) <= 1 and abs(found["high"].iloc[-1] - high) <= 1


def test_uncertain_rates_and_overdispersion_widen_the_interval_as_the_variance_says():
    """Rates measured over m = 12 months, dispersion φ = 3, h = 24 months ahead: the end count's
    variance is φh(r + l) from the flows plus h²φ(r + l)/m from the rates."""
    joining, leaving, h, m, phi = 6.0, 3.0, 24, 12, 3.0
    paths = sf.simulate_paths(1000, joining, leaving, h, measured_months=m, dispersion=phi, draws=40_000, seed=1)
    expected = phi * h * (joining + leaving) + h**2 * phi * (joining + leaving) / m
    assert paths[:, -1].mean() == pytest.approx(1000 + h * (joining - leaving), rel=0.005)
    assert paths[:, -1].var() == pytest.approx(expected, rel=0.05)
    known = sf.simulate_paths(1000, joining, leaving, h, measured_months=None, draws=40_000, seed=1)
    assert known[:, -1].var() == pytest.approx(h * (joining + leaving), rel=0.05)


def test_headcount_never_falls_below_zero():
    paths = sf.simulate_paths(2, 0, 5, 6, measured_months=None, draws=500)
    assert paths.min() == 0.0 and (paths[:, -1] == 0).mean() > 0.9


def test_the_wording_rule():
    assert sf.verdict(110, 100, 120) == sf.WITHIN == "within the interval"
    assert sf.verdict(100, 100, 120) == sf.WITHIN and sf.verdict(120, 100, 120) == sf.WITHIN
    assert sf.verdict(121, 100, 120) == sf.OUTSIDE == "outside the interval: not a fair guide"
    assert sf.verdict(99.9, 100, 120) == sf.OUTSIDE and sf.VERDICTS == (sf.WITHIN, sf.OUTSIDE)


HEADCOUNT = pd.DataFrame(
    {
        "force": ["A"] * 5,
        "as_at": pd.to_datetime(["2015-09-30", "2016-03-31", "2016-09-30", "2017-03-31", "2017-09-30"]),
        "specials_headcount": [100.0, 112.0, 118.0, 140.0, 200.0],
    }
)


def test_backtest_out_of_sample_hand_worked():
    """Rates measured October 2015 to September 2016, projected from the September 2016 count (118)
    to September 2017: 118 + 12 × (6 − 3) = 154 against 200 counted, a miss of −23%."""
    found = sf.backtest(HEADCOUNT, "A", 6, 3, months("2015-10", 12), months("2016-09", 13), draws=4000)
    assert (found.start, found.projected, found.actual) == (118.0, 154.0, 200.0)
    assert found.miss_pct == pytest.approx(-23.0)
    assert found.high < 200 and found.verdict == sf.OUTSIDE
    assert (found.measured_from, found.measured_to, found.start_month, found.end_month) == (
        "2015-10",
        "2016-09",
        "2016-09",
        "2017-09",
    )
    assert (
        sf.backtest(HEADCOUNT, "A", 6, 3, months("2015-10", 12), months("2016-09", 7), draws=4000).verdict == sf.WITHIN
    )


def test_backtest_refuses_in_sample_and_skips_missing_counts():
    with pytest.raises(ValueError, match="inside the months its rates come from"):
        sf.backtest(HEADCOUNT, "A", 6, 3, months("2015-10", 12), months("2015-09", 13))
    assert sf.backtest(HEADCOUNT, "A", 6, 3, months("2015-10", 12), months("2016-09", 5)) is None
    assert sf.backtest(HEADCOUNT, "B", 6, 3, months("2015-10", 12), months("2016-09", 13)) is None


def test_net_change_dispersion_hand_worked():
    """Counts 100, 112, 118 (six months apart) at 6 in and 3 out a month: expected change +18 and
    variance 54 a half-year; squared misses (12 − 18)² + (6 − 18)² = 180 over 108: 1.67."""
    phi, used = sf.net_change_dispersion(HEADCOUNT, "A", 6, 3, "2016-09")
    assert used == 2 and phi == pytest.approx(180 / 108)
    assert sf.net_change_dispersion(HEADCOUNT, "A", 3, 1, "2016-03") == (1.0, 1)  # (12 − 12)² / 24 = 0, floored
    assert sf.net_change_dispersion(HEADCOUNT, "A", 6, 3, "2015-09") == (1.0, 0)
    assert sf.net_change_dispersion(HEADCOUNT, "A", 0, 0, "2016-09") == (1.0, 0)
